#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "i18n/i18n.h"
#include "data/stats/stats.h"
#include "lib/xmalloc.h"

/* PRAGMA application_id of a state file: "chys". */
#define STATS_APPLICATION_ID	0x63687973
#define STATS_SCHEMA_VERSION	1

/*
 * The staff PIN's lock: one row. Added after the first files were made,
 * so it is created where missing; programs that predate it ignore it.
 */
#define STATS_PIN_LOCK_TABLE \
    "CREATE TABLE IF NOT EXISTS pin_lock ("				\
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"				\
    "  failures INTEGER NOT NULL, locked_until INTEGER NOT NULL);"

static const char stats_schema[] =
    "PRAGMA application_id = 1667791219;"	/* STATS_APPLICATION_ID */
    "PRAGMA user_version = 1;"
    /* The names behind a key, for reports and to find the item again. */
    "CREATE TABLE item_key ("
    "  key TEXT PRIMARY KEY, domain TEXT NOT NULL,"
    "  jurisdiction TEXT NOT NULL, level1 TEXT NOT NULL,"
    "  level2 TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE views ("
    "  key TEXT NOT NULL, day TEXT NOT NULL, n INTEGER NOT NULL,"
    "  PRIMARY KEY (key, day)) WITHOUT ROWID;"
    "CREATE INDEX views_day ON views (day);"
    "CREATE TABLE feedback ("
    "  key TEXT NOT NULL, day TEXT NOT NULL,"
    "  useful INTEGER NOT NULL DEFAULT 0,"
    "  not_useful INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (key, day)) WITHOUT ROWID;"
    "CREATE TABLE hot ("
    "  key TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;"
    STATS_PIN_LOCK_TABLE;

enum stats_query {
	S_KEY,
	S_VIEW,
	S_VOTE,
	S_REVOTE,
	S_HOT_ADD,
	S_HOT_REMOVE,
	S_HOT,
	S_MOST_VIEWED,
	S_FEEDBACK,
	S_DAILY,
	S_PIN_LOCK_GET,
	S_PIN_LOCK_PUT,
	S_COUNT
};

#define STATS_NAMES	"k.key, k.domain, k.jurisdiction, k.level1, k.level2"

static const char *const stats_sql[S_COUNT] = {
	[S_KEY] = "INSERT OR IGNORE INTO item_key VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_VIEW] = "INSERT INTO views VALUES (?1, ?2, 1)"
	    " ON CONFLICT (key, day) DO UPDATE SET n = n + 1",
	[S_VOTE] = "INSERT INTO feedback VALUES (?1, ?2, ?3, 1 - ?3)"
	    " ON CONFLICT (key, day) DO UPDATE SET useful = useful + ?3,"
	    " not_useful = not_useful + 1 - ?3",
	/* Move one answer to the other column (a new row on a new day). */
	[S_REVOTE] = "INSERT INTO feedback VALUES (?1, ?2, ?3, 1 - ?3)"
	    " ON CONFLICT (key, day) DO UPDATE SET"
	    " useful = MAX(0, useful + 2 * ?3 - 1),"
	    " not_useful = MAX(0, not_useful + 1 - 2 * ?3)",
	[S_HOT_ADD] = "INSERT OR IGNORE INTO hot SELECT ?1,"
	    " IFNULL(MAX(position), 0) + 1 FROM hot",
	[S_HOT_REMOVE] = "DELETE FROM hot WHERE key = ?1",
	[S_HOT] = "SELECT " STATS_NAMES ", h.position, 0 FROM hot AS h"
	    " JOIN item_key AS k ON k.key = h.key ORDER BY h.position",
	[S_MOST_VIEWED] = "SELECT " STATS_NAMES ", SUM(v.n) AS total, 0"
	    " FROM views AS v JOIN item_key AS k ON k.key = v.key"
	    " WHERE v.day >= ?1 GROUP BY v.key"
	    " HAVING total >= ?3 AND COUNT(*) >= ?4"	/* a row a day */
	    " ORDER BY total DESC, k.key LIMIT ?2",
	[S_FEEDBACK] = "SELECT " STATS_NAMES ", SUM(f.useful),"
	    " SUM(f.not_useful) FROM feedback AS f"
	    " JOIN item_key AS k ON k.key = f.key"
	    " WHERE ?1 IS NULL OR f.day >= ?1 GROUP BY f.key"
	    " ORDER BY k.domain, k.level1, k.level2, k.jurisdiction",
	[S_DAILY] = "SELECT " STATS_NAMES ", SUM(d.views), SUM(d.useful),"
	    " SUM(d.not_useful), d.day FROM"
	    " (SELECT key, day, n AS views, 0 AS useful, 0 AS not_useful"
	    "  FROM views UNION ALL"
	    "  SELECT key, day, 0, useful, not_useful FROM feedback) AS d"
	    " JOIN item_key AS k ON k.key = d.key GROUP BY d.day, d.key"
	    " ORDER BY d.day, k.domain, k.level1, k.level2, k.jurisdiction",
	[S_PIN_LOCK_GET] = "SELECT failures, locked_until FROM pin_lock"
	    " WHERE id = 1",
	[S_PIN_LOCK_PUT] = "INSERT INTO pin_lock VALUES (1, ?1, ?2)"
	    " ON CONFLICT (id) DO UPDATE SET failures = ?1,"
	    " locked_until = ?2",
};

struct stats {
	char		*path;
	sqlite3		*db;
	sqlite3_stmt	*st[S_COUNT];
};

static void
stats_hash(uint64_t *h, const char *s)
{
	for (; *s != '\0'; s++)
		*h = (*h ^ (unsigned char)*s) * 0x100000001b3ULL;
	/* A separator that cannot occur in text, so "ab"+"c" != "a"+"bc". */
	*h = (*h ^ 0x1f) * 0x100000001b3ULL;
}

void
stats_key(const struct stats_ref *ref, char key[STATS_KEY_SIZE])
{
	uint64_t h = 0xcbf29ce484222325ULL;

	stats_hash(&h, ref->domain);
	stats_hash(&h, ref->jurisdiction);
	stats_hash(&h, ref->level1);
	stats_hash(&h, ref->level2);
	snprintf(key, STATS_KEY_SIZE, "%016llx", (unsigned long long)h);
}

char *
stats_default_path(const char *catalogue)
{
	const char *slash = strrchr(catalogue, '/');

	if (slash == NULL)
		return xstrdup("chayue-state.db");
	return xasprintf("%.*s/chayue-state.db", (int)(slash - catalogue),
	    catalogue);
}

/* what: an N_() verb, "read" or "write". */
static char *
stats_error(struct stats *st, const char *what)
{
	return xasprintf(_("cannot %s state file %s: %s"), _(what), st->path,
	    sqlite3_errmsg(st->db));
}

static int
stats_pragma(sqlite3 *db, const char *pragma)
{
	sqlite3_stmt *q;
	int v = -1;

	if (sqlite3_prepare_v2(db, pragma, -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* A new file gets the schema; anything else must be ours. */
static int
stats_check(struct stats *st, int writable, char **error)
{
	int app = stats_pragma(st->db, "PRAGMA application_id");
	int version = stats_pragma(st->db, "PRAGMA user_version");
	int tables = stats_pragma(st->db, "SELECT COUNT(*) FROM sqlite_schema");

	if (app < 0 || version < 0 || tables < 0) {
		*error = stats_error(st, N_("read"));
		return -1;
	}
	if (app == 0 && tables == 0 && writable) {
		if (sqlite3_exec(st->db, stats_schema, NULL, NULL, NULL) ==
		    SQLITE_OK)
			return 0;
		*error = stats_error(st, N_("create"));
		return -1;
	}
	if (app != STATS_APPLICATION_ID || version < 1 ||
	    version > STATS_SCHEMA_VERSION) {
		*error = xasprintf(_("%s is not a chayue state file of a version "
		    "this program reads; move it away and a new one is made"),
		    st->path);
		return -1;
	}
	if (writable && sqlite3_exec(st->db, STATS_PIN_LOCK_TABLE, NULL, NULL,
	    NULL) != SQLITE_OK) {
		*error = stats_error(st, N_("write"));
		return -1;
	}
	return 0;
}

struct stats *
stats_open(const char *path, int writable, char **error)
{
	struct stats *st = xcalloc(1, sizeof *st);
	int flags = writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE :
	    SQLITE_OPEN_READONLY;

	st->path = xstrdup(path);
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		*error = st->db != NULL ? stats_error(st, N_("open")) :
		    xasprintf(_("cannot open state file %s: %s"), path,
		    strerror(ENOMEM));
		stats_close(st);
		return NULL;
	}
	/* The kiosk and chayue-admin may write at the same moment. */
	sqlite3_busy_timeout(st->db, 2000);
	if (stats_check(st, writable, error) != 0) {
		stats_close(st);
		return NULL;
	}
	return st;
}

void
stats_close(struct stats *st)
{
	int i;

	if (st == NULL)
		return;
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(st->st[i]);
	sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
}

/* The statement for q, prepared on first use, reset and unbound. */
static sqlite3_stmt *
stats_stmt(struct stats *st, enum stats_query q, char **error)
{
	sqlite3_stmt *s = st->st[q];

	if (s != NULL) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		return s;
	}
	if (sqlite3_prepare_v3(st->db, stats_sql[q], -1,
	    SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
		*error = stats_error(st, N_("use"));
		sqlite3_finalize(s);
		return NULL;
	}
	st->st[q] = s;
	return s;
}

/* Run a statement that returns no rows; 0 or -1 with *error. */
static int
stats_run(struct stats *st, sqlite3_stmt *s, char **error)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		*error = stats_error(st, N_("write"));
		return -1;
	}
	return 0;
}

/* Remember the names behind the key (once). */
static int
stats_remember(struct stats *st, const struct stats_ref *ref,
    const char *key, char **error)
{
	sqlite3_stmt *s;

	if ((s = stats_stmt(st, S_KEY, error)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, ref->domain, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, ref->jurisdiction, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, ref->level1, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, ref->level2, -1, SQLITE_STATIC);
	return stats_run(st, s, error);
}

/*
 * The names and one count statement in one transaction, so a crash
 * never leaves a count without the names to report it by.
 */
static int
stats_count(struct stats *st, const struct stats_ref *ref, const char *day,
    int q, int arg, char **error)
{
	char key[STATS_KEY_SIZE];
	sqlite3_stmt *s;
	int rc = -1;

	stats_key(ref, key);
	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		*error = stats_error(st, N_("write"));
		return -1;
	}
	if (stats_remember(st, ref, key, error) == 0 &&
	    (s = stats_stmt(st, (enum stats_query)q, error)) != NULL) {
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_bind_parameter_count(s) >= 2)
			sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
		if (sqlite3_bind_parameter_count(s) >= 3)
			sqlite3_bind_int(s, 3, arg);
		rc = stats_run(st, s, error);
	}
	if (rc == 0 && sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		*error = stats_error(st, N_("write"));
		rc = -1;
	}
	if (rc != 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int
stats_view(struct stats *st, const struct stats_ref *ref, const char *day,
    char **error)
{
	return stats_count(st, ref, day, S_VIEW, 0, error);
}

int
stats_vote(struct stats *st, const struct stats_ref *ref, const char *day,
    int useful, char **error)
{
	return stats_count(st, ref, day, S_VOTE, useful ? 1 : 0, error);
}

int
stats_revote(struct stats *st, const struct stats_ref *ref, const char *day,
    int useful, char **error)
{
	return stats_count(st, ref, day, S_REVOTE, useful ? 1 : 0, error);
}

int
stats_hot_add(struct stats *st, const struct stats_ref *ref, char **error)
{
	if (stats_count(st, ref, NULL, S_HOT_ADD, 0, error) != 0)
		return -1;
	/* The last statement counted is the insert into hot. */
	return sqlite3_changes(st->db) == 0 ? 1 : 0;
}

int
stats_hot_remove(struct stats *st, const char *key, char **error)
{
	sqlite3_stmt *s;

	if ((s = stats_stmt(st, S_HOT_REMOVE, error)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (stats_run(st, s, error) != 0)
		return -1;
	return sqlite3_changes(st->db) == 0 ? 1 : 0;
}

static char *
stats_text(sqlite3_stmt *s, int column)
{
	const unsigned char *t = sqlite3_column_text(s, column);

	return xstrdup(t != NULL ? (const char *)t : "");
}

/* Step s to the end, one row each: key, 4 names, a, b. */
static int
stats_read_rows(struct stats *st, sqlite3_stmt *s, struct stats_rows *out,
    char **error)
{
	struct stats_row *r;
	size_t cap = 0;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? 2 * cap : 16;
			out->v = xreallocarray(out->v, cap, sizeof *out->v);
		}
		r = &out->v[out->n++];
		snprintf(r->key, sizeof r->key, "%s",
		    (const char *)sqlite3_column_text(s, 0));
		r->domain = stats_text(s, 1);
		r->jurisdiction = stats_text(s, 2);
		r->level1 = stats_text(s, 3);
		r->level2 = stats_text(s, 4);
		r->a = sqlite3_column_int64(s, 5);
		r->b = sqlite3_column_int64(s, 6);
		r->c = 0;
		r->day[0] = '\0';
		if (sqlite3_column_count(s) > 8) {
			r->c = sqlite3_column_int64(s, 7);
			snprintf(r->day, sizeof r->day, "%s",
			    (const char *)sqlite3_column_text(s, 8));
		}
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_DONE) {
		*error = stats_error(st, N_("read"));
		return -1;
	}
	return 0;
}

int
stats_hot(struct stats *st, struct stats_rows *out, char **error)
{
	sqlite3_stmt *s;

	memset(out, 0, sizeof *out);
	if ((s = stats_stmt(st, S_HOT, error)) == NULL)
		return -1;
	return stats_read_rows(st, s, out, error);
}

int
stats_most_viewed(struct stats *st, const char *since, long long min_views,
    long long min_days, size_t limit, struct stats_rows *out, char **error)
{
	sqlite3_stmt *s;

	memset(out, 0, sizeof *out);
	if ((s = stats_stmt(st, S_MOST_VIEWED, error)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, since, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)limit);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)min_views);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)min_days);
	return stats_read_rows(st, s, out, error);
}

int
stats_feedback(struct stats *st, const char *since, struct stats_rows *out,
    char **error)
{
	sqlite3_stmt *s;

	memset(out, 0, sizeof *out);
	if ((s = stats_stmt(st, S_FEEDBACK, error)) == NULL)
		return -1;
	if (since != NULL)
		sqlite3_bind_text(s, 1, since, -1, SQLITE_STATIC);
	return stats_read_rows(st, s, out, error);
}

int
stats_daily(struct stats *st, struct stats_rows *out, char **error)
{
	sqlite3_stmt *s;

	memset(out, 0, sizeof *out);
	if ((s = stats_stmt(st, S_DAILY, error)) == NULL)
		return -1;
	return stats_read_rows(st, s, out, error);
}

void
stats_rows_done(struct stats_rows *rows)
{
	size_t i;

	for (i = 0; i < rows->n; i++) {
		free(rows->v[i].domain);
		free(rows->v[i].jurisdiction);
		free(rows->v[i].level1);
		free(rows->v[i].level2);
	}
	free(rows->v);
	memset(rows, 0, sizeof *rows);
}

int
stats_pin_lock_get(struct stats *st, long long *failures,
    long long *locked_until, char **error)
{
	sqlite3_stmt *s;
	int rc;

	*failures = 0;
	*locked_until = 0;
	/* A read-only file made before the lock was kept has no table. */
	if (st->st[S_PIN_LOCK_GET] == NULL &&
	    sqlite3_db_readonly(st->db, "main") == 1 &&
	    sqlite3_table_column_metadata(st->db, "main", "pin_lock", NULL,
	    NULL, NULL, NULL, NULL, NULL) != SQLITE_OK)
		return 0;
	if ((s = stats_stmt(st, S_PIN_LOCK_GET, error)) == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*failures = sqlite3_column_int64(s, 0);
		*locked_until = sqlite3_column_int64(s, 1);
		rc = sqlite3_step(s);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		*error = stats_error(st, N_("read"));
		return -1;
	}
	return 0;
}

int
stats_pin_lock_put(struct stats *st, long long failures,
    long long locked_until, char **error)
{
	sqlite3_stmt *s;

	if ((s = stats_stmt(st, S_PIN_LOCK_PUT, error)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)failures);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)locked_until);
	return stats_run(st, s, error);
}
