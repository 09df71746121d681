#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "i18n/i18n.h"
#include "data/search/index.h"
#include "data/store/domains.h"
#include "data/store/schema.h"
#include "data/store/summary.h"
#include "data/versions/builder.h"
#include "lib/xmalloc.h"

/*
 * The new catalogue is written to "<path>.new.<pid>" in the same directory,
 * so that rename(2) over path is atomic: readers holding the old file open
 * keep reading the old inode until they reopen.
 */
struct builder {
	char		*path;		/* the live catalogue to replace */
	char		*tmp;		/* the file being built */
	sqlite3		*db;
	sqlite3_stmt	*add_item;
	sqlite3_stmt	*add_source;
	sqlite3_stmt	*find_domain;
	sqlite3_stmt	*add_domain;
	struct search_index *search;	/* see data/search/index.h */
	int		 next_position;	/* of the next local domain */
	long long	 items;
	int		 sealed;	/* complete in tmp, db closed */
	char		 imported[32];	/* "YYYY-MM-DDTHH:MM:SSZ" */
	char		 version[40];	/* meta version */
};

static const char builder_item_sql[] =
	"INSERT INTO item (domain_id, level1, level2, content, basis,"
	" time_limit, subject, channels, audience_all, audience_specific,"
	" method_active, method_on_request, level_county, level_township,"
	" level_village, jurisdiction, code, source_url, source_id,"
	" source_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	" ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";

/* The build time: SOURCE_DATE_EPOCH if set, for reproducible builds. */
static time_t
builder_now(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s != NULL && *s != '\0') {
		errno = 0;
		v = strtoll(s, &end, 10);
		/* Years past 9999 would not fit the version format. */
		if (errno == 0 && *end == '\0' && v >= 0 && v < 253402300800LL)
			return (time_t)v;
	}
	return time(NULL);
}

const char *
builder_errno_hint(int error)
{
	switch (error) {
	case EACCES:
	case EPERM:
		return _("; check the directory's owner and permissions");
	case ENOENT:
	case ENOTDIR:
		return _("; check that the directory exists");
	case ENOSPC:
	case EDQUOT:
		return _("; free some disk space");
	case EROFS:
		return _("; the file system is read-only");
	default:
		return "";
	}
}

/* The same for an SQLite error: a full disk above all. */
static const char *
builder_db_hint(sqlite3 *db)
{
	switch (sqlite3_errcode(db)) {
	case SQLITE_FULL:
		return _("; free some disk space");
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
		return _("; check the directory's owner and permissions");
	default:
		return "";
	}
}

static void
builder_free(struct builder *b)
{
	search_index_free(b->search);
	sqlite3_finalize(b->add_item);
	sqlite3_finalize(b->add_source);
	sqlite3_finalize(b->find_domain);
	sqlite3_finalize(b->add_domain);
	if (b->db != NULL)
		sqlite3_close_v2(b->db);
	free(b->path);
	free(b->tmp);
	free(b);
}

/* Close everything, remove the temporary file and free b. */
static void
builder_discard(struct builder *b)
{
	char *tmp = xstrdup(b->tmp), *journal;

	builder_free(b);
	unlink(tmp);
	journal = xasprintf("%s-journal", tmp);
	unlink(journal);
	free(journal);
	free(tmp);
}

/* Create the temporary file ourselves, for a clear errno on failure. */
static int
builder_touch(const char *tmp, char **error)
{
	int fd, e;

	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd == -1 && errno == EEXIST) {
		/* Left by an earlier process that had our pid. */
		unlink(tmp);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	}
	if (fd == -1) {
		e = errno;
		*error = xasprintf(_("cannot create %s: %s%s"), tmp, strerror(e),
		    builder_errno_hint(e));
		return -1;
	}
	close(fd);
	return 0;
}

static int
builder_prepare(struct builder *b, const char *sql, sqlite3_stmt **st,
    char **error)
{
	if (sqlite3_prepare_v2(b->db, sql, -1, st, NULL) != SQLITE_OK) {
		*error = xasprintf(_("cannot prepare the catalogue %s: %s"),
		    b->tmp, sqlite3_errmsg(b->db));
		return -1;
	}
	return 0;
}

/* Run sql on the new catalogue; -1 with *error naming the file. */
static int
builder_exec(struct builder *b, const char *sql, char **error)
{
	char *msg = NULL;

	if (sqlite3_exec(b->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	*error = xasprintf(_("cannot write the catalogue %s: %s%s"), b->tmp,
	    msg != NULL ? msg : sqlite3_errmsg(b->db), builder_db_hint(b->db));
	sqlite3_free(msg);
	return -1;
}

/* Version id and creation date into meta, from one clock reading. */
static int
builder_meta(struct builder *b, char **error)
{
	char version[32], created[16], *sql;
	time_t now = builder_now();
	struct tm tm;
	int rc;

	if (gmtime_r(&now, &tm) == NULL) {
		*error = xasprintf(_("cannot write the catalogue %s: the clock "
		    "reads an impossible date; set the system time"), b->tmp);
		return -1;
	}
	strftime(version, sizeof version, "%Y%m%dT%H%M%SZ", &tm);
	snprintf(b->version, sizeof b->version, "%s", version);
	strftime(created, sizeof created, "%Y-%m-%d", &tm);
	strftime(b->imported, sizeof b->imported, "%Y-%m-%dT%H:%M:%SZ", &tm);
	sql = xasprintf("INSERT INTO meta (key, value) VALUES"
	    " ('version', '%s'), ('created', '%s'), ('items', '0')",
	    version, created);
	rc = builder_exec(b, sql, error);
	free(sql);
	return rc;
}

/*
 * Settings for the build: no fsync by SQLite (we fsync the finished file
 * before the rename), a rollback journal so the result never needs -wal.
 */
static int
builder_setup(struct builder *b, char **error)
{
	char *msg = NULL;

	if (builder_exec(b, "PRAGMA journal_mode = DELETE;"
	    "PRAGMA synchronous = OFF;"
	    "PRAGMA cache_size = -16384;"
	    "BEGIN IMMEDIATE", error) != 0)
		return -1;
	if (schema_create(b->db, &msg) != 0) {
		*error = xasprintf(_("cannot write the catalogue %s: %s"),
		    b->tmp, msg);
		free(msg);
		return -1;
	}
	if (builder_meta(b, error) != 0 ||
	    builder_prepare(b, builder_item_sql, &b->add_item, error) != 0 ||
	    builder_prepare(b, "INSERT INTO source_file (name, imported)"
	    " VALUES (?1, ?2)", &b->add_source, error) != 0 ||
	    builder_prepare(b, "SELECT id FROM domain WHERE name = ?1",
	    &b->find_domain, error) != 0 ||
	    builder_prepare(b, "INSERT INTO domain (name, national, position)"
	    " VALUES (?1, 0, ?2)", &b->add_domain, error) != 0)
		return -1;
	if ((b->search = search_index_create(b->db, error)) == NULL)
		return -1;
	return 0;
}

struct builder *
builder_create(const char *path, char **error)
{
	struct builder *b;

	b = xcalloc(1, sizeof *b);
	b->path = xstrdup(path);
	b->tmp = xasprintf("%s.new.%ld", path, (long)getpid());
	b->next_position = DOMAINS_COUNT + 1;
	if (builder_touch(b->tmp, error) != 0) {
		builder_free(b);
		return NULL;
	}
	if (sqlite3_open_v2(b->tmp, &b->db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		*error = xasprintf(_("cannot open %s: %s"), b->tmp,
		    b->db != NULL ? sqlite3_errmsg(b->db) : _("out of memory"));
		builder_discard(b);
		return NULL;
	}
	if (builder_setup(b, error) != 0) {
		builder_discard(b);
		return NULL;
	}
	return b;
}

int64_t
builder_add_source(struct builder *b, const char *name, char **error)
{
	sqlite3_stmt *st = b->add_source;
	int rc;

	if (name == NULL)
		name = "";
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b->imported, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		*error = xasprintf(_("cannot record source file %s in %s: %s%s"),
		    name, b->tmp, sqlite3_errmsg(b->db), builder_db_hint(b->db));
		return -1;
	}
	return sqlite3_last_insert_rowid(b->db);
}

/* Find a local domain by its trimmed name, adding it if new; 0 on error. */
static int
builder_local_domain(struct builder *b, const char *name, size_t len)
{
	sqlite3_stmt *st = b->find_domain;
	int id = 0, rc;

	sqlite3_bind_text(st, 1, name, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return rc == SQLITE_ROW ? id : 0;

	st = b->add_domain;
	sqlite3_bind_text(st, 1, name, (int)len, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, b->next_position);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return 0;
	b->next_position++;
	return (int)sqlite3_last_insert_rowid(b->db);
}

/* The domain id for a name: national (id = position) or local. */
static int
builder_domain(struct builder *b, const char *name, long line, char **error)
{
	size_t len;
	int id;

	if ((id = domains_lookup(name)) != 0)
		return id;
	name = domains_trim(name != NULL ? name : "", &len);
	if (len == 0) {
		*error = xasprintf(_("the item at line %ld has no domain (领域)"),
		    line);
		return 0;
	}
	if ((id = builder_local_domain(b, name, len)) == 0) {
		*error = xasprintf(_("cannot add domain %.*s to %s: %s"), (int)len,
		    name, b->tmp, sqlite3_errmsg(b->db));
	}
	return id;
}

static void
builder_text(sqlite3_stmt *st, int column, const char *s)
{
	sqlite3_bind_text(st, column, s != NULL ? s : "", -1, SQLITE_STATIC);
}

/* NULL for FLAG_UNSTATED; -1 for a value that is not a flag. */
static int
builder_flag(sqlite3_stmt *st, int column, enum flag f)
{
	if (f == FLAG_UNSTATED)
		return sqlite3_bind_null(st, column) == SQLITE_OK ? 0 : -1;
	if (f != FLAG_NO && f != FLAG_YES)
		return -1;
	return sqlite3_bind_int(st, column, f) == SQLITE_OK ? 0 : -1;
}

static int
builder_bind_item(sqlite3_stmt *st, const struct item *item, int domain_id,
    int64_t source_id, long line)
{
	int rc = 0;

	sqlite3_bind_int(st, 1, domain_id);
	builder_text(st, 2, item->level1);
	builder_text(st, 3, item->level2);
	builder_text(st, 4, item->content);
	builder_text(st, 5, item->basis);
	builder_text(st, 6, item->time_limit);
	builder_text(st, 7, item->subject);
	builder_text(st, 8, item->channels);
	rc |= builder_flag(st, 9, item->audience_all);
	rc |= builder_flag(st, 10, item->audience_specific);
	rc |= builder_flag(st, 11, item->method_active);
	rc |= builder_flag(st, 12, item->method_on_request);
	rc |= builder_flag(st, 13, item->level_county);
	rc |= builder_flag(st, 14, item->level_township);
	rc |= builder_flag(st, 15, item->level_village);
	builder_text(st, 16, item->jurisdiction);
	builder_text(st, 17, item->code);
	builder_text(st, 18, item->source_url);
	if (source_id > 0)
		sqlite3_bind_int64(st, 19, source_id);
	if (line > 0)
		sqlite3_bind_int64(st, 20, line);
	return rc;
}

int
builder_add_item(struct builder *b, const struct item *item,
    int64_t source_id, long line, char **error)
{
	sqlite3_stmt *st = b->add_item;
	int domain_id, rc;

	if ((domain_id = builder_domain(b, item->domain, line, error)) == 0)
		return -1;
	if (builder_bind_item(st, item, domain_id, source_id, line) != 0) {
		sqlite3_clear_bindings(st);
		*error = xasprintf(_("the item at line %ld has a yes/no element"
		    " that is neither yes, no nor not stated"), line);
		return -1;
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		*error = xasprintf(_("cannot add the item at line %ld to %s: %s%s"),
		    line, b->tmp, sqlite3_errmsg(b->db), builder_db_hint(b->db));
		return -1;
	}
	if (search_index_add(b->search, sqlite3_last_insert_rowid(b->db),
	    domain_id, item, error) != 0)
		return -1;
	b->items++;
	return 0;
}

/* Index, store the counts (summary.h) and commit the one transaction. */
static int
builder_finish(struct builder *b, char **error)
{
	char *sql, *msg = NULL;
	int rc;

	if (search_index_finish(b->search, error) != 0)
		return -1;
	if (schema_index(b->db, &msg) != 0 || summary_write(b->db, &msg) != 0) {
		*error = xasprintf(_("cannot write the catalogue %s: %s%s"),
		    b->tmp, msg, builder_db_hint(b->db));
		free(msg);
		return -1;
	}
	sql = xasprintf("UPDATE meta SET value = '%lld' WHERE key = 'items';"
	    "COMMIT", b->items);
	rc = builder_exec(b, sql, error);
	free(sql);
	return rc;
}

/* Close the database, reporting a failure to do so. */
static int
builder_close(struct builder *b, char **error)
{
	sqlite3_finalize(b->add_item);
	sqlite3_finalize(b->add_source);
	sqlite3_finalize(b->find_domain);
	sqlite3_finalize(b->add_domain);
	b->add_item = b->add_source = b->find_domain = b->add_domain = NULL;
	search_index_free(b->search);
	b->search = NULL;
	if (sqlite3_close(b->db) != SQLITE_OK) {
		*error = xasprintf(_("cannot close the catalogue %s: %s%s"),
		    b->tmp, sqlite3_errmsg(b->db), builder_db_hint(b->db));
		return -1;
	}
	b->db = NULL;
	return 0;
}

/* fsync a file or directory by name. */
static int
builder_fsync(const char *name, int flags, char **error)
{
	int fd, e;

	if ((fd = open(name, O_RDONLY | O_CLOEXEC | flags)) == -1 ||
	    fsync(fd) != 0) {
		e = errno;
		if (fd != -1)
			close(fd);
		*error = xasprintf(_("cannot write %s to disk: %s%s"), name,
		    strerror(e), builder_errno_hint(e));
		return -1;
	}
	close(fd);
	return 0;
}

char *
builder_parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int
builder_set_meta(struct builder *b, const char *key, const char *value,
    char **error)
{
	char *sql;
	int rc;

	sql = sqlite3_mprintf("INSERT OR REPLACE INTO meta (key, value)"
	    " VALUES (%Q, %Q)", key, value);
	rc = builder_exec(b, sql, error);
	sqlite3_free(sql);
	if (rc == 0 && strcmp(key, "version") == 0)
		snprintf(b->version, sizeof b->version, "%s", value);
	return rc;
}

const char *
builder_version(const struct builder *b)
{
	return b->version;
}

const char *
builder_file(const struct builder *b)
{
	return b->tmp;
}

long long
builder_items(const struct builder *b)
{
	return b->items;
}

int
builder_seal(struct builder *b, char **error)
{
	if (b->sealed)
		return 0;
	if (builder_finish(b, error) != 0 || builder_close(b, error) != 0 ||
	    builder_fsync(b->tmp, 0, error) != 0) {
		builder_discard(b);
		return -1;
	}
	b->sealed = 1;
	return 0;
}

/*
 * Once rename(2) has succeeded the new catalogue is live; a failure to
 * fsync the directory after that is still reported (-1), with a message
 * that says the new catalogue is in place but may not survive a power cut.
 */
int
builder_switch(struct builder *b, char **error)
{
	char *dir, *why = NULL;
	int e, rc;

	if (rename(b->tmp, b->path) != 0) {
		e = errno;
		*error = xasprintf(_("cannot replace %s with %s: %s%s"), b->path,
		    b->tmp, strerror(e), builder_errno_hint(e));
		builder_discard(b);
		return -1;
	}
	dir = builder_parent_dir(b->path);
	rc = builder_fsync(dir, O_DIRECTORY, &why);
	if (rc != 0) {
		*error = xasprintf(_("the new catalogue %s is in place, but %s"),
		    b->path, why);
		free(why);
	}
	free(dir);
	builder_free(b);
	return rc;
}

int
builder_commit(struct builder *b, char **error)
{
	if (builder_seal(b, error) != 0)
		return -1;
	return builder_switch(b, error);
}

void
builder_abort(struct builder *b)
{
	if (b != NULL)
		builder_discard(b);
}
