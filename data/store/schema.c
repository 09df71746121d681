#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "i18n/i18n.h"
#include "data/store/domains.h"
#include "data/store/schema.h"
#include "lib/xmalloc.h"

/*
 * Text columns are NOT NULL DEFAULT '': the source not showing a text is
 * an empty string. Flags are NULL when the source does not say.
 */
static const char schema_sql[] =
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE domain ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  national INTEGER NOT NULL CHECK (national IN (0, 1)),"
	"  position INTEGER NOT NULL UNIQUE);"
	"CREATE TABLE domain_alias ("
	"  alias TEXT PRIMARY KEY,"
	"  domain_id INTEGER NOT NULL REFERENCES domain (id));"
	"CREATE TABLE source_file ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  imported TEXT NOT NULL);"
	"CREATE TABLE item ("
	"  id INTEGER PRIMARY KEY,"
	"  domain_id INTEGER NOT NULL REFERENCES domain (id),"
	"  level1 TEXT NOT NULL DEFAULT '',"
	"  level2 TEXT NOT NULL DEFAULT '',"
	"  content TEXT NOT NULL DEFAULT '',"
	"  basis TEXT NOT NULL DEFAULT '',"
	"  time_limit TEXT NOT NULL DEFAULT '',"
	"  subject TEXT NOT NULL DEFAULT '',"
	"  channels TEXT NOT NULL DEFAULT '',"
	"  audience_all INTEGER CHECK (audience_all IN (0, 1)),"
	"  audience_specific INTEGER CHECK (audience_specific IN (0, 1)),"
	"  method_active INTEGER CHECK (method_active IN (0, 1)),"
	"  method_on_request INTEGER CHECK (method_on_request IN (0, 1)),"
	"  level_county INTEGER CHECK (level_county IN (0, 1)),"
	"  level_township INTEGER CHECK (level_township IN (0, 1)),"
	"  level_village INTEGER CHECK (level_village IN (0, 1)),"
	"  jurisdiction TEXT NOT NULL DEFAULT '',"
	"  code TEXT NOT NULL DEFAULT '',"
	"  source_url TEXT NOT NULL DEFAULT '',"
	"  source_id INTEGER REFERENCES source_file (id),"
	"  source_line INTEGER);";

/* Made once the items are in: one sort is faster than a million updates. */
static const char schema_index_sql[] =
	/* A domain's items and its level-1 groups' first ids. */
	"CREATE INDEX item_domain ON item (domain_id, level1);"
	/* A domain's jurisdictions, and the jurisdiction filter. */
	"CREATE INDEX item_domain_jurisdiction ON item (domain_id, jurisdiction);"
	/* catalogue_info's jurisdiction count, without a table scan. */
	"CREATE INDEX item_jurisdiction ON item (jurisdiction);";

static int
schema_exec(sqlite3 *db, const char *sql, char **error)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		*error = xasprintf(_("cannot create the catalogue schema: %s"),
		    msg != NULL ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
schema_step(sqlite3 *db, sqlite3_stmt *st, char **error)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		*error = xasprintf(_("cannot seed the national domains: %s"),
		    sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

/* Insert one national domain and its aliases. */
static int
schema_seed_one(sqlite3 *db, sqlite3_stmt *dom, sqlite3_stmt *alias,
    int position, char **error)
{
	const struct domains_entry *e = domains_get(position);
	int i;

	sqlite3_bind_int(dom, 1, position);
	sqlite3_bind_text(dom, 2, e->name, -1, SQLITE_STATIC);
	if (schema_step(db, dom, error) != 0)
		return -1;
	for (i = 0; e->aliases[i] != NULL; i++) {
		sqlite3_bind_text(alias, 1, e->aliases[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(alias, 2, position);
		if (schema_step(db, alias, error) != 0)
			return -1;
	}
	return 0;
}

static int
schema_seed(sqlite3 *db, char **error)
{
	sqlite3_stmt *dom = NULL, *alias = NULL;
	int position, rc = -1;

	if (sqlite3_prepare_v2(db, "INSERT INTO domain (id, name, national,"
	    " position) VALUES (?1, ?2, 1, ?1)", -1, &dom, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO domain_alias (alias, domain_id)"
	    " VALUES (?1, ?2)", -1, &alias, NULL) != SQLITE_OK) {
		*error = xasprintf(_("cannot seed the national domains: %s"),
		    sqlite3_errmsg(db));
		goto out;
	}
	for (position = 1; position <= DOMAINS_COUNT; position++) {
		if (schema_seed_one(db, dom, alias, position, error) != 0)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(dom);
	sqlite3_finalize(alias);
	return rc;
}

int
schema_create(sqlite3 *db, char **error)
{
	char *sql;
	int rc;

	sql = xasprintf("PRAGMA application_id = %d;"
	    "PRAGMA user_version = %d;"
	    "INSERT INTO meta (key, value) VALUES ('schema_version', '%d');",
	    SCHEMA_APPLICATION_ID, SCHEMA_VERSION, SCHEMA_VERSION);
	rc = schema_exec(db, schema_sql, error);
	if (rc == 0)
		rc = schema_exec(db, sql, error);
	free(sql);
	if (rc == 0)
		rc = schema_seed(db, error);
	return rc;
}

/* Run a query returning one integer; -1 with *error on failure. */
static int
schema_int(sqlite3 *db, const char *sql, long long *value, char **error)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		*error = xstrdup(sqlite3_errmsg(db));
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		*value = 0;
	else
		*error = xstrdup(sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
schema_check(sqlite3 *db, char **error)
{
	long long id, version;
	char *why = NULL;

	if (schema_int(db, "PRAGMA application_id", &id, &why) != 0) {
		*error = xasprintf(_("%s (the file is damaged or is not a"
		    " catalogue)"), why);
		free(why);
		return -1;
	}
	if (id != SCHEMA_APPLICATION_ID) {
		*error = xstrdup(_("it is not a chayue catalogue"));
		return -1;
	}
	if (schema_int(db, "SELECT CAST(value AS INTEGER) FROM meta"
	    " WHERE key = 'schema_version'", &version, &why) != 0 ||
	    version < 1) {
		*error = xasprintf(_("it is a damaged chayue catalogue (%s)"),
		    why != NULL ? why : _("no schema version"));
		free(why);
		return -1;
	}
	if (version > SCHEMA_VERSION) {
		*error = xasprintf(_("it has schema version %lld but this chayue"
		    " reads versions up to %d; update chayue or rebuild the"
		    " catalogue with this chayue-admin"), version, SCHEMA_VERSION);
		return -1;
	}
	return 0;
}

int
schema_index(sqlite3 *db, char **error)
{
	return schema_exec(db, schema_index_sql, error);
}

sqlite3 *
schema_open(const char *path, char **error)
{
	sqlite3 *db = NULL;
	char *why = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK && schema_check(db, &why) == 0)
		return db;
	*error = xasprintf(_("cannot use catalogue %s: %s"), path,
	    why != NULL ? why : db != NULL ? sqlite3_errmsg(db) :
	    _("out of memory"));
	free(why);
	sqlite3_close(db);
	return NULL;
}
