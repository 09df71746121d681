#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "i18n/i18n.h"
#include "data/versions/diff.h"
#include "data/store/schema.h"
#include "lib/xmalloc.h"

/* The elements compared, as columns of item. */
static const char *const diff_fields[] = {
	"content", "basis", "time_limit", "subject", "channels",
	"audience_all", "audience_specific", "method_active",
	"method_on_request", "level_county", "level_township",
	"level_village", "code", "source_url",
};
#define DIFF_NFIELDS	(sizeof diff_fields / sizeof diff_fields[0])

/* "schema.item" flattened, numbered within equal keys, into temp.name. */
static char *
diff_table_sql(const char *schema, const char *name)
{
	char	*cols = xstrdup(""), *t, *sql;
	size_t	 i;

	for (i = 0; i < DIFF_NFIELDS; i++) {
		t = xasprintf("%s, i.%s", cols, diff_fields[i]);
		free(cols);
		cols = t;
	}
	sql = xasprintf("CREATE TEMP TABLE %s AS SELECT d.name AS domain,"
	    " i.jurisdiction, i.level1, i.level2, ROW_NUMBER() OVER"
	    " (PARTITION BY d.name, i.jurisdiction, i.level1, i.level2"
	    " ORDER BY i.id) AS n, d.position AS position%s"
	    " FROM %s.item AS i JOIN %s.domain AS d ON d.id = i.domain_id;"
	    "CREATE INDEX temp.%s_key ON %s (domain, jurisdiction, level1,"
	    " level2, n);", name, cols, schema, schema, name, name);
	free(cols);
	return sql;
}

/* "(CASE WHEN a.x IS NOT b.x THEN 'x ' ELSE '' END) || ..." */
static char *
diff_changed_sql(void)
{
	char	*s = xstrdup("''"), *t;
	size_t	 i;

	for (i = 0; i < DIFF_NFIELDS; i++) {
		t = xasprintf("%s || (CASE WHEN a.%s IS NOT b.%s THEN '%s '"
		    " ELSE '' END)", s, diff_fields[i], diff_fields[i],
		    diff_fields[i]);
		free(s);
		s = t;
	}
	return s;
}

static char *
diff_query_sql(void)
{
	static const char key[] = "a.domain = b.domain AND a.jurisdiction ="
	    " b.jurisdiction AND a.level1 = b.level1 AND a.level2 = b.level2"
	    " AND a.n = b.n";
	char	*changed = diff_changed_sql(), *sql;

	sql = xasprintf("SELECT * FROM ("
	    "SELECT '-' AS kind, a.domain, a.jurisdiction, a.level1, a.level2,"
	    " '' AS fields, a.position AS position FROM da AS a WHERE NOT EXISTS"
	    " (SELECT 1 FROM db AS b WHERE %s)"
	    " UNION ALL SELECT '+', b.domain, b.jurisdiction, b.level1,"
	    " b.level2, '', b.position FROM db AS b WHERE NOT EXISTS"
	    " (SELECT 1 FROM da AS a WHERE %s)"
	    " UNION ALL SELECT '~', a.domain, a.jurisdiction, a.level1,"
	    " a.level2, rtrim(%s), a.position FROM da AS a JOIN db AS b ON %s)"
	    " WHERE kind <> '~' OR fields <> ''"
	    " ORDER BY kind = '~', kind, position, domain, jurisdiction, level1,"
	    " level2", key, key, changed, key);
	free(changed);
	return sql;
}

static int
diff_exec(sqlite3 *db, const char *sql, char **error)
{
	char	*msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	*error = xasprintf(_("cannot compare the catalogues: %s"),
	    msg != NULL ? msg : sqlite3_errmsg(db));
	sqlite3_free(msg);
	return -1;
}

/* Open from read-only with to attached as "b"; both must be catalogues. */
static sqlite3 *
diff_open(const char *from, const char *to, char **error)
{
	sqlite3	*db;
	char	*sql;

	if ((db = schema_open(from, error)) == NULL)
		return NULL;
	sql = sqlite3_mprintf("ATTACH %Q AS b", to);
	if (diff_exec(db, sql, error) != 0) {
		sqlite3_free(sql);
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_free(sql);
	return db;
}

static char *
diff_text(sqlite3_stmt *st, int col)
{
	const unsigned char	*s = sqlite3_column_text(st, col);

	return xstrdup(s != NULL ? (const char *)s : "");
}

static void
diff_add(struct diff_result *out, sqlite3_stmt *st, size_t *cap)
{
	struct diff_change	*c;

	if (out->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		out->v = xreallocarray(out->v, *cap, sizeof *out->v);
	}
	c = &out->v[out->n++];
	c->kind = (char)*sqlite3_column_text(st, 0);
	c->domain = diff_text(st, 1);
	c->jurisdiction = diff_text(st, 2);
	c->level1 = diff_text(st, 3);
	c->level2 = diff_text(st, 4);
	c->fields = diff_text(st, 5);
	out->added += c->kind == '+';
	out->removed += c->kind == '-';
	out->changed += c->kind == '~';
}

static int
diff_read(sqlite3 *db, struct diff_result *out, char **error)
{
	sqlite3_stmt	*st;
	char		*sql = diff_query_sql();
	size_t		 cap = 0;
	int		 rc;

	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	free(sql);
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			diff_add(out, st, &cap);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*error = xasprintf(_("cannot compare the catalogues: %s"),
		    sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

int
diff_catalogues(const char *from, const char *to, struct diff_result *out,
    char **error)
{
	sqlite3	*db;
	char	*a, *b;
	int	 rc = -1;

	memset(out, 0, sizeof *out);
	if ((db = diff_open(from, to, error)) == NULL)
		return -1;
	a = diff_table_sql("main", "da");
	b = diff_table_sql("b", "db");
	if (diff_exec(db, a, error) == 0 && diff_exec(db, b, error) == 0)
		rc = diff_read(db, out, error);
	free(a);
	free(b);
	sqlite3_close(db);
	return rc;
}

void
diff_result_done(struct diff_result *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].domain);
		free(r->v[i].jurisdiction);
		free(r->v[i].level1);
		free(r->v[i].level2);
		free(r->v[i].fields);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

size_t
diff_domains(const struct diff_result *r, struct diff_domain **out)
{
	struct diff_domain	*v = NULL, *d;
	size_t			 n = 0, i, j;

	for (i = 0; i < r->n; i++) {
		/* A catalogue has a few dozen domains: a search is enough. */
		for (j = 0; j < n && strcmp(v[j].domain, r->v[i].domain); j++)
			continue;
		if (j == n) {
			v = xreallocarray(v, n + 1, sizeof *v);
			memset(&v[n], 0, sizeof v[n]);
			v[n++].domain = xstrdup(r->v[i].domain);
		}
		d = &v[j];
		d->added += r->v[i].kind == '+';
		d->removed += r->v[i].kind == '-';
		d->changed += r->v[i].kind == '~';
	}
	*out = v;
	return n;
}
