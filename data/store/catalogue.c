#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "i18n/i18n.h"
#include "data/store/catalogue.h"
#include "data/store/schema.h"
#include "data/store/store.h"
#include "data/store/summary.h"
#include "lib/xmalloc.h"

/* The prepared statements, made on first use and kept until close. */
enum catalogue_query {
	Q_META,
	Q_TOP_JURISDICTIONS,
	Q_DOMAINS,
	Q_ITEMS,
	Q_JURISDICTIONS,
	Q_ITEM,
	Q_FIND,
	Q_FIND_NAME,
	Q_SOURCES,
	Q_ALL_JURISDICTIONS,
	Q_COUNT
};

/* ?2 is the level filter as an enum level_filter. */
#define CATALOGUE_LEVEL_SQL						\
	" (?2 = 0"							\
	" OR (?2 = 1 AND level_county = 1)"				\
	" OR (?2 = 2 AND level_township = 1)"				\
	" OR (?2 = 3 AND level_village = 1)"				\
	" OR (?2 = 4 AND IFNULL(level_county, 0) <> 1"			\
	"  AND IFNULL(level_township, 0) <> 1"				\
	"  AND IFNULL(level_village, 0) <> 1))"

static const char *const catalogue_sql[Q_COUNT] = {
	[Q_META] = "SELECT key, value FROM meta",
	/* The 3 with most items, each row with the number of them all. */
	[Q_TOP_JURISDICTIONS] =
	    "SELECT jurisdiction, COUNT(*) OVER () FROM (SELECT jurisdiction,"
	    " COUNT(*) AS n FROM item WHERE jurisdiction <> ''"
	    " GROUP BY jurisdiction) ORDER BY n DESC, jurisdiction LIMIT 3",
	[Q_DOMAINS] =
	    "SELECT id, name, national, position, (SELECT COUNT(*) FROM item"
	    " WHERE item.domain_id = domain.id) AS n FROM domain"
	    " WHERE national = 1 OR n > 0 ORDER BY position",
	/* Level-1 groups in the order of their first item in the domain. */
	[Q_ITEMS] =
	    "SELECT i.id, i.level1, i.level2, i.jurisdiction FROM item AS i"
	    " JOIN (SELECT level1, MIN(id) AS first FROM item"
	    "  WHERE domain_id = ?1 GROUP BY level1) AS g"
	    "  ON g.level1 = i.level1"
	    " WHERE i.domain_id = ?1 AND" CATALOGUE_LEVEL_SQL
	    " AND (?3 IS NULL OR i.jurisdiction = ?3)"
	    " ORDER BY g.first, i.id",
	[Q_JURISDICTIONS] =
	    "SELECT jurisdiction, COUNT(*) AS n FROM item"
	    " WHERE domain_id = ?1 AND" CATALOGUE_LEVEL_SQL
	    " GROUP BY jurisdiction ORDER BY n DESC, jurisdiction",
	[Q_ITEM] =
	    "SELECT i.id, i.domain_id, d.name, i.level1, i.level2, i.content,"
	    " i.basis, i.time_limit, i.subject, i.channels, i.audience_all,"
	    " i.audience_specific, i.method_active, i.method_on_request,"
	    " i.level_county, i.level_township, i.level_village,"
	    " i.jurisdiction, i.code, i.source_url"
	    " FROM item AS i JOIN domain AS d ON d.id = i.domain_id"
	    " WHERE i.id = ?1",
	/* By the names that stay when the catalogue is rebuilt (data/stats). */
	[Q_FIND] =
	    "SELECT i.id FROM item AS i JOIN domain AS d ON d.id = i.domain_id"
	    " WHERE d.name = ?1 AND i.jurisdiction = ?2 AND i.level1 = ?3"
	    " AND i.level2 = ?4 ORDER BY i.id LIMIT 1",
	/* Staff name an item (chayue-admin hot): a scan, but a rare one. */
	[Q_FIND_NAME] =
	    "SELECT i.id, i.level1, i.level2, i.jurisdiction FROM item AS i"
	    " JOIN domain AS d ON d.id = i.domain_id"
	    " WHERE (i.level2 = ?1 OR (i.level2 = '' AND i.level1 = ?1))"
	    " AND (?2 IS NULL OR d.name = ?2) AND (?3 IS NULL OR"
	    " i.jurisdiction = ?3) ORDER BY i.id",
	[Q_SOURCES] =
	    "SELECT s.name, (SELECT COUNT(*) FROM item WHERE source_id = s.id)"
	    " FROM source_file AS s ORDER BY s.id",
	[Q_ALL_JURISDICTIONS] =
	    "SELECT jurisdiction, COUNT(*) AS n FROM item"
	    " GROUP BY jurisdiction ORDER BY n DESC, jurisdiction",
};

/*
 * The same queries over the counts stored at build time
 * (data/store/summary.h): rows of the jurisdictions, domains and source
 * files, never of the items (the level filter's ?2 is enum level_filter,
 * checked by catalogue_level_ok). Used when the catalogue has a summary; an
 * older one is counted with the queries above. Same columns, same order.
 */
static const char *const catalogue_summary_sql[Q_COUNT] = {
	[Q_TOP_JURISDICTIONS] =
	    "SELECT name, (SELECT CAST(value AS INTEGER) FROM meta"
	    " WHERE key = 'jurisdictions') FROM summary_jurisdiction"
	    " WHERE name <> '' ORDER BY rank LIMIT 3",
	[Q_DOMAINS] =
	    "SELECT d.id, d.name, d.national, d.position, IFNULL(c.items, 0)"
	    " AS n FROM domain AS d LEFT JOIN summary_count AS c"
	    " ON c.kind = 'domain' AND c.id = d.id"
	    " WHERE d.national = 1 OR n > 0 ORDER BY d.position",
	[Q_SOURCES] =
	    "SELECT s.name, IFNULL(c.items, 0) FROM source_file AS s"
	    " LEFT JOIN summary_count AS c ON c.kind = 'source' AND c.id = s.id"
	    " ORDER BY s.id",
	[Q_ALL_JURISDICTIONS] =
	    "SELECT name, items FROM summary_jurisdiction ORDER BY rank",
	[Q_JURISDICTIONS] =
	    "SELECT name, items FROM summary_level WHERE domain_id = ?1"
	    " AND level = ?2 ORDER BY rank",
};

struct catalogue {
	char			*path;
	struct stat		 file;	/* the file opened, to notice a new one */
	sqlite3			*db;
	sqlite3_stmt		*st[Q_COUNT];
	int			 summary;	/* counts stored at build */
	/* The catalogue never changes while open: info is read once. */
	int			 have_info;
	struct catalogue_info	 info;
};

sqlite3 *
catalogue_db(struct catalogue *cat)
{
	return cat->db;
}

const char *
catalogue_path(const struct catalogue *cat)
{
	return cat->path;
}

/* Column text, "" for NULL; the caller frees. */
static char *
catalogue_text(sqlite3_stmt *st, int column)
{
	const unsigned char *s = sqlite3_column_text(st, column);

	return xstrdup(s != NULL ? (const char *)s : "");
}

static enum flag
catalogue_flag(sqlite3_stmt *st, int column)
{
	if (sqlite3_column_type(st, column) == SQLITE_NULL)
		return FLAG_UNSTATED;
	return sqlite3_column_int(st, column) != 0 ? FLAG_YES : FLAG_NO;
}

static char *
catalogue_error(struct catalogue *cat, const char *what)
{
	return xasprintf(_("cannot read %s from catalogue %s: %s"), _(what),
	    cat->path, sqlite3_errmsg(cat->db));
}

/*
 * The statement for q, prepared on first use, reset and unbound: over the
 * stored counts if the catalogue has them, else counting (the one place
 * that tells old catalogues from new).
 */
static sqlite3_stmt *
catalogue_stmt(struct catalogue *cat, enum catalogue_query q, char **error)
{
	sqlite3_stmt *st = cat->st[q];
	const char *sql = catalogue_sql[q];

	if (st != NULL) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	if (cat->summary && catalogue_summary_sql[q] != NULL)
		sql = catalogue_summary_sql[q];
	if (sqlite3_prepare_v3(cat->db, sql, -1,
	    SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		*error = catalogue_error(cat, N_("the catalogue"));
		sqlite3_finalize(st);
		return NULL;
	}
	cat->st[q] = st;
	return st;
}

/* Finish a query: 0 if it ran to completion, else -1 with *error. */
static int
catalogue_done(struct catalogue *cat, sqlite3_stmt *st, int rc,
    const char *what, char **error)
{
	if (rc != SQLITE_DONE) {
		*error = catalogue_error(cat, what);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

static int
catalogue_level_ok(enum level_filter level, char **error)
{
	if (level < LEVEL_ANY || level > LEVEL_UNSTATED) {
		*error = xasprintf(_("invalid level filter %d"), (int)level);
		return -1;
	}
	return 0;
}

/* Open and check; on failure *error and the caller closes db. */
static int
catalogue_check(struct catalogue *cat, char **error)
{
	char *why = NULL;

	if (sqlite3_exec(cat->db, "PRAGMA query_only = 1", NULL, NULL,
	    NULL) != SQLITE_OK) {
		*error = xasprintf(_("cannot open catalogue %s: %s"), cat->path,
		    sqlite3_errmsg(cat->db));
		return -1;
	}
	if (schema_check(cat->db, &why) != 0) {
		*error = xasprintf(_("cannot use catalogue %s: %s; build a new"
		    " one with: chayue-admin import FILE"), cat->path, why);
		free(why);
		return -1;
	}
	return 0;
}

struct catalogue *
catalogue_open(const char *path, char **error)
{
	struct catalogue *cat;
	struct stat sb;
	int e;

	if (stat(path, &sb) != 0) {
		e = errno;
		if (e == ENOENT)
			*error = xasprintf(_("catalogue %s does not exist; build"
			    " one with: chayue-admin import FILE"), path);
		else
			*error = xasprintf(_("cannot open catalogue %s: %s"),
			    path, strerror(e));
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		*error = xasprintf(_("catalogue %s is not a regular file"), path);
		return NULL;
	}
	cat = xcalloc(1, sizeof *cat);
	cat->path = xstrdup(path);
	cat->file = sb;
	if (sqlite3_open_v2(path, &cat->db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		*error = xasprintf(_("cannot open catalogue %s: %s"), path,
		    cat->db != NULL ? sqlite3_errmsg(cat->db) : _("out of memory"));
		catalogue_close(cat);
		return NULL;
	}
	sqlite3_busy_timeout(cat->db, 2000);
	if (catalogue_check(cat, error) != 0) {
		catalogue_close(cat);
		return NULL;
	}
	cat->summary = summary_present(cat->db);
	return cat;
}

void
catalogue_close(struct catalogue *cat)
{
	int i;

	if (cat == NULL)
		return;
	for (i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(cat->st[i]);
	sqlite3_close_v2(cat->db);
	catalogue_info_done(&cat->info);
	free(cat->path);
	free(cat);
}

int
catalogue_changed(const struct catalogue *cat)
{
	struct stat sb;

	if (stat(cat->path, &sb) != 0)
		return 0;	/* gone: keep showing what we have */
	return sb.st_ino != cat->file.st_ino || sb.st_dev != cat->file.st_dev ||
	    sb.st_size != cat->file.st_size ||
	    sb.st_mtim.tv_sec != cat->file.st_mtim.tv_sec ||
	    sb.st_mtim.tv_nsec != cat->file.st_mtim.tv_nsec;
}

int
catalogue_reopen(struct catalogue *cat, char **error)
{
	struct catalogue *fresh, old;

	if ((fresh = catalogue_open(cat->path, error)) == NULL)
		return -1;
	/* Swap the insides so that every holder of cat sees the new one. */
	old = *cat;
	*cat = *fresh;
	*fresh = old;
	catalogue_close(fresh);
	return 0;
}

/* Read version, created, items and sequence from meta into info. */
static int
catalogue_read_meta(struct catalogue *cat, struct catalogue_info *info,
    char **error)
{
	sqlite3_stmt *st;
	const char *key;
	int rc;

	if ((st = catalogue_stmt(cat, Q_META, error)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(st, 0);
		if (key == NULL)
			continue;
		if (strcmp(key, "version") == 0 && info->version == NULL)
			info->version = catalogue_text(st, 1);
		else if (strcmp(key, "created") == 0 && info->created == NULL)
			info->created = catalogue_text(st, 1);
		else if (strcmp(key, "items") == 0)
			info->items = (size_t)sqlite3_column_int64(st, 1);
		else if (strcmp(key, "sequence") == 0)
			info->sequence = sqlite3_column_int64(st, 1);
	}
	if (info->version == NULL)
		info->version = xstrdup("");
	if (info->created == NULL)
		info->created = xstrdup("");
	return catalogue_done(cat, st, rc, N_("the version"), error);
}

/* The number of jurisdictions; the 3 with most items joined with "、". */
static int
catalogue_read_jurisdictions(struct catalogue *cat,
    struct catalogue_info *info, char **error)
{
	sqlite3_stmt *st;
	const char *name;
	char *joined;
	int rc;

	if ((st = catalogue_stmt(cat, Q_TOP_JURISDICTIONS, error)) == NULL)
		return -1;
	info->jurisdiction_names = xstrdup("");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		joined = xasprintf("%s%s%s", info->jurisdiction_names,
		    *info->jurisdiction_names != '\0' ? "、" : "",
		    name ? name : "");
		info->jurisdictions = (size_t)sqlite3_column_int64(st, 1);
		free(info->jurisdiction_names);
		info->jurisdiction_names = joined;
	}
	return catalogue_done(cat, st, rc, N_("the jurisdictions"), error);
}

int
catalogue_info(struct catalogue *cat, struct catalogue_info *out,
    char **error)
{
	struct catalogue_info *info = &cat->info;

	memset(out, 0, sizeof *out);
	if (!cat->have_info) {
		catalogue_info_done(info);
		if (catalogue_read_meta(cat, info, error) != 0 ||
		    catalogue_read_jurisdictions(cat, info, error) != 0)
			return -1;
		cat->have_info = 1;
	}
	out->version = xstrdup(info->version);
	out->created = xstrdup(info->created);
	out->items = info->items;
	out->sequence = info->sequence;
	out->jurisdictions = info->jurisdictions;
	out->jurisdiction_names = xstrdup(info->jurisdiction_names);
	return 0;
}

void
catalogue_info_done(struct catalogue_info *info)
{
	free(info->version);
	free(info->created);
	free(info->jurisdiction_names);
	memset(info, 0, sizeof *info);
}

/* Grow an array of n elements of size by one, doubling capacity. */
static void *
catalogue_grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap == 0 ? 16 : *cap * 2;
	return xreallocarray(v, *cap, size);
}

int
catalogue_domains(struct catalogue *cat, struct domain_list *out,
    char **error)
{
	sqlite3_stmt *st;
	struct domain *d;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if ((st = catalogue_stmt(cat, Q_DOMAINS, error)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = catalogue_grow(out->v, out->n, &cap, sizeof *out->v);
		d = &out->v[out->n++];
		d->id = sqlite3_column_int(st, 0);
		d->name = catalogue_text(st, 1);
		d->national = sqlite3_column_int(st, 2) != 0;
		d->position = sqlite3_column_int(st, 3);
		d->items = (size_t)sqlite3_column_int64(st, 4);
	}
	/* A catalogue that fails part way (replaced, damaged): no list. */
	if (catalogue_done(cat, st, rc, N_("the domains"), error) != 0) {
		domain_list_done(out);
		return -1;
	}
	return 0;
}

void
domain_list_done(struct domain_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->v[i].name);
	free(list->v);
	memset(list, 0, sizeof *list);
}

/* Step st to the end: rows of id, level1, level2, jurisdiction into out. */
static int
catalogue_read_summaries(struct catalogue *cat, sqlite3_stmt *st,
    struct item_list *out, char **error)
{
	struct item_summary *s;
	size_t cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = catalogue_grow(out->v, out->n, &cap, sizeof *out->v);
		s = &out->v[out->n++];
		s->id = sqlite3_column_int64(st, 0);
		s->level1 = catalogue_text(st, 1);
		s->level2 = catalogue_text(st, 2);
		s->jurisdiction = catalogue_text(st, 3);
	}
	rc = catalogue_done(cat, st, rc, N_("the items"), error);
	sqlite3_clear_bindings(st);
	if (rc != 0)
		item_list_done(out);
	return rc;
}

int
catalogue_items(struct catalogue *cat, int domain_id,
    const struct item_filter *filter, struct item_list *out, char **error)
{
	sqlite3_stmt *st;

	memset(out, 0, sizeof *out);
	if (catalogue_level_ok(filter->level, error) != 0 ||
	    (st = catalogue_stmt(cat, Q_ITEMS, error)) == NULL)
		return -1;
	sqlite3_bind_int(st, 1, domain_id);
	sqlite3_bind_int(st, 2, (int)filter->level);
	if (filter->jurisdiction != NULL)
		sqlite3_bind_text(st, 3, filter->jurisdiction, -1,
		    SQLITE_STATIC);
	return catalogue_read_summaries(cat, st, out, error);
}

void
item_list_done(struct item_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		free(list->v[i].level1);
		free(list->v[i].level2);
		free(list->v[i].jurisdiction);
	}
	free(list->v);
	memset(list, 0, sizeof *list);
}

int
catalogue_jurisdictions(struct catalogue *cat, int domain_id,
    enum level_filter level, struct name_count_list *out, char **error)
{
	struct name_count *nc;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (catalogue_level_ok(level, error) != 0 ||
	    (st = catalogue_stmt(cat, Q_JURISDICTIONS, error)) == NULL)
		return -1;
	sqlite3_bind_int(st, 1, domain_id);
	sqlite3_bind_int(st, 2, (int)level);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = catalogue_grow(out->v, out->n, &cap, sizeof *out->v);
		nc = &out->v[out->n++];
		nc->name = catalogue_text(st, 0);
		nc->count = (size_t)sqlite3_column_int64(st, 1);
	}
	if (catalogue_done(cat, st, rc, N_("the jurisdictions"), error) != 0) {
		name_count_list_done(out);
		return -1;
	}
	return 0;
}

void
name_count_list_done(struct name_count_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->v[i].name);
	free(list->v);
	memset(list, 0, sizeof *list);
}

/* Fill out from a Q_ITEM row. */
static void
catalogue_read_item(sqlite3_stmt *st, struct item *out)
{
	out->id = sqlite3_column_int64(st, 0);
	out->domain_id = sqlite3_column_int(st, 1);
	out->domain = catalogue_text(st, 2);
	out->level1 = catalogue_text(st, 3);
	out->level2 = catalogue_text(st, 4);
	out->content = catalogue_text(st, 5);
	out->basis = catalogue_text(st, 6);
	out->time_limit = catalogue_text(st, 7);
	out->subject = catalogue_text(st, 8);
	out->channels = catalogue_text(st, 9);
	out->audience_all = catalogue_flag(st, 10);
	out->audience_specific = catalogue_flag(st, 11);
	out->method_active = catalogue_flag(st, 12);
	out->method_on_request = catalogue_flag(st, 13);
	out->level_county = catalogue_flag(st, 14);
	out->level_township = catalogue_flag(st, 15);
	out->level_village = catalogue_flag(st, 16);
	out->jurisdiction = catalogue_text(st, 17);
	out->code = catalogue_text(st, 18);
	out->source_url = catalogue_text(st, 19);
}

int
catalogue_item(struct catalogue *cat, int64_t id, struct item *out,
    char **error)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	if ((st = catalogue_stmt(cat, Q_ITEM, error)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		catalogue_read_item(st, out);
		sqlite3_reset(st);
		return 0;
	}
	if (rc == SQLITE_DONE) {
		*error = xasprintf(_("item %lld does not exist in catalogue %s"),
		    (long long)id, cat->path);
		sqlite3_reset(st);
		return -1;
	}
	return catalogue_done(cat, st, rc, N_("the item"), error);
}

void
item_done(struct item *item)
{
	free(item->domain);
	free(item->level1);
	free(item->level2);
	free(item->content);
	free(item->basis);
	free(item->time_limit);
	free(item->subject);
	free(item->channels);
	free(item->jurisdiction);
	free(item->code);
	free(item->source_url);
	memset(item, 0, sizeof *item);
}

int
catalogue_find(struct catalogue *cat, const char *domain,
    const char *jurisdiction, const char *level1, const char *level2,
    int64_t *id, char **error)
{
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if ((st = catalogue_stmt(cat, Q_FIND, error)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, domain, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, jurisdiction, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, level1, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, level2, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	rc = catalogue_done(cat, st, rc, N_("the item"), error);
	sqlite3_clear_bindings(st);
	return rc;
}

int
catalogue_find_name(struct catalogue *cat, const char *name,
    const char *domain, const char *jurisdiction, struct item_list *out,
    char **error)
{
	sqlite3_stmt *st;

	memset(out, 0, sizeof *out);
	if ((st = catalogue_stmt(cat, Q_FIND_NAME, error)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (domain != NULL)
		sqlite3_bind_text(st, 2, domain, -1, SQLITE_STATIC);
	if (jurisdiction != NULL)
		sqlite3_bind_text(st, 3, jurisdiction, -1, SQLITE_STATIC);
	return catalogue_read_summaries(cat, st, out, error);
}

/* Names with counts from a query of two columns, "" for NULL. */
static int
catalogue_counts(struct catalogue *cat, enum catalogue_query q,
    struct name_count_list *out, const char *what, char **error)
{
	struct name_count *nc;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if ((st = catalogue_stmt(cat, q, error)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->v = catalogue_grow(out->v, out->n, &cap, sizeof *out->v);
		nc = &out->v[out->n++];
		nc->name = catalogue_text(st, 0);
		nc->count = (size_t)sqlite3_column_int64(st, 1);
	}
	if (catalogue_done(cat, st, rc, what, error) != 0) {
		name_count_list_done(out);
		return -1;
	}
	return 0;
}

int
catalogue_sources(struct catalogue *cat, struct name_count_list *out,
    char **error)
{
	return catalogue_counts(cat, Q_SOURCES, out, N_("the source files"), error);
}

int
catalogue_all_jurisdictions(struct catalogue *cat,
    struct name_count_list *out, char **error)
{
	return catalogue_counts(cat, Q_ALL_JURISDICTIONS, out,
	    N_("the jurisdictions"), error);
}
