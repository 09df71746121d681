/*
 * The search-index image from a catalogue's search tables (image_db.h).
 *
 * The same queries search_load runs, into arrays in the image's sections:
 * the docs in rank order (domain position, then import order), each
 * space's texts back to back, the docs of each text (counted, then placed,
 * so each list is in rank order), the body texts by first doc, and the
 * posting lists per key in key order.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/search/image_db.h"
#include "data/search/index.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

#define IMAGE_DB_FIELDS	IMAGE_FIELDS

static char *
image_db_error(sqlite3 *db)
{
	return xasprintf(_("cannot read the search index: %s; rebuild it"
	    " with: chayue-admin import FILE"), sqlite3_errmsg(db));
}

/* One integer from a query; -1 if there is none. */
static long long
image_db_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) !=
	    SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

void
image_db_parts_done(struct image_parts *parts)
{
	int s;

	for (s = 0; s < IMAGE_SECTIONS; s++)
		free((void *)parts->v[s]);
	memset(parts, 0, sizeof *parts);
}

/* A growable byte array. */
struct image_db_bytes {
	unsigned char	*p;
	size_t		 n, cap;
};

static void
image_db_put(struct image_db_bytes *b, const void *p, size_t n)
{
	while (b->n + n > b->cap) {
		b->cap = b->cap ? 2 * b->cap : 4096;
		b->p = xreallocarray(b->p, b->cap, 1);
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

/* The docs of each text of space sp, and (body) the ids by first doc. */
static void
image_db_text_docs(struct image_parts *parts, int sp, const uint32_t *ids)
{
	static const enum image_section first_s[2] = { IMAGE_NAME_FIRST,
	    IMAGE_BODY_FIRST }, docs_s[2] = { IMAGE_NAME_DOCS, IMAGE_BODY_DOCS };
	size_t ntexts = (size_t)parts->ntexts[sp], d, f, n = 0, norder = 0;
	uint32_t *first = xcalloc(ntexts + 2, sizeof *first), *docs, *fill;
	uint32_t *order = NULL, *firstdoc, id;

	if (sp == 1)
		order = xcalloc(ntexts + 1, sizeof *order);
	for (d = 0; d < parts->ndocs; d++) {
		for (f = sp == 0 ? 0 : 1; f < (sp == 0 ? 1 : IMAGE_DB_FIELDS);
		    f++) {
			id = ids[d * IMAGE_DB_FIELDS + f];
			if (id != 0 && id <= ntexts && first[id + 1]++ == 0 &&
			    order != NULL)
				order[norder++] = id;
		}
	}
	for (f = 1; f < ntexts + 2; f++)
		first[f] += first[f - 1];
	n = first[ntexts + 1];
	docs = xcalloc(n + 1, sizeof *docs);
	fill = xcalloc(ntexts + 1, sizeof *fill);
	for (d = 0; d < parts->ndocs; d++) {
		for (f = sp == 0 ? 0 : 1; f < (sp == 0 ? 1 : IMAGE_DB_FIELDS);
		    f++) {
			id = ids[d * IMAGE_DB_FIELDS + f];
			if (id != 0 && id <= ntexts)
				docs[first[id] + fill[id]++] = (uint32_t)d;
		}
	}
	free(fill);
	parts->v[first_s[sp]] = first;
	parts->n[first_s[sp]] = ntexts + 2;
	parts->v[docs_s[sp]] = docs;
	parts->n[docs_s[sp]] = n;
	if (order != NULL) {
		parts->v[IMAGE_BODY_ORDER] = order;
		parts->n[IMAGE_BODY_ORDER] = norder;
		firstdoc = xcalloc(ntexts + 1, sizeof *firstdoc);
		for (f = 0; f <= ntexts; f++)
			firstdoc[f] = first[f] < first[f + 1] ? docs[first[f]] :
			    UINT32_MAX;
		parts->v[IMAGE_BODY_FIRSTDOC] = firstdoc;
		parts->n[IMAGE_BODY_FIRSTDOC] = ntexts + 1;
	}
}

/* The docs in rank order, their text ids, and each domain's range. */
static int
image_db_docs(sqlite3 *db, struct image_parts *parts, char **error)
{
	sqlite3_stmt *st;
	long long ndocs = image_db_int(db, "SELECT COUNT(*) FROM search_doc");
	long long ndom = image_db_int(db, "SELECT MAX(id) + 1 FROM domain");
	uint64_t *items;
	uint32_t *domain, *ids, *ranges, dom;
	uint8_t *levels;
	size_t n = 0, i;
	int rc, sp;

	if (ndocs < 0 || ndocs >= UINT32_MAX || ndom >= UINT32_MAX ||
	    sqlite3_prepare_v2(db, "SELECT s.item, s.domain_id, s.levels,"
	    " s.name, s.grp, s.content, s.basis, s.subject, s.jurisdiction"
	    " FROM search_doc AS s JOIN domain AS d ON d.id = s.domain_id"
	    " ORDER BY d.position, s.item", -1, &st, NULL) != SQLITE_OK) {
		*error = image_db_error(db);
		return -1;
	}
	if (ndom < 0)
		ndom = 0;
	parts->v[IMAGE_DOC_ITEM] = items = xcalloc((size_t)ndocs + 1, 8);
	parts->v[IMAGE_DOC_DOMAIN] = domain = xcalloc((size_t)ndocs + 1, 4);
	parts->v[IMAGE_DOC_LEVELS] = levels = xcalloc((size_t)ndocs + 1, 1);
	parts->v[IMAGE_DOC_TEXTS] = ids =
	    xcalloc(((size_t)ndocs + 1) * IMAGE_DB_FIELDS, 4);
	parts->v[IMAGE_DOMAINS] = ranges = xcalloc((size_t)ndom * 2 + 1, 4);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < (size_t)ndocs) {
		items[n] = (uint64_t)sqlite3_column_int64(st, 0);
		dom = (uint32_t)sqlite3_column_int64(st, 1);
		domain[n] = dom;
		levels[n] = (uint8_t)sqlite3_column_int(st, 2);
		for (i = 0; i < IMAGE_DB_FIELDS; i++) {
			sqlite3_int64 v = sqlite3_column_int64(st, 3 + (int)i);
			sp = i != 0;
			/* An id the text tables cannot hold is "none". */
			ids[n * IMAGE_DB_FIELDS + i] = v > 0 &&
			    (uint64_t)v <= parts->ntexts[sp] ? (uint32_t)v : 0;
		}
		if (dom < (uint64_t)ndom) {
			if (ranges[2 * dom + 1] == 0)
				ranges[2 * dom] = (uint32_t)n;
			ranges[2 * dom + 1] = (uint32_t)n + 1;
		}
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		*error = image_db_error(db);
		return -1;
	}
	parts->ndocs = n;
	parts->ndomains = (uint64_t)ndom;
	parts->n[IMAGE_DOC_ITEM] = parts->n[IMAGE_DOC_DOMAIN] = n;
	parts->n[IMAGE_DOC_LEVELS] = n;
	parts->n[IMAGE_DOC_TEXTS] = n * IMAGE_DB_FIELDS;
	parts->n[IMAGE_DOMAINS] = (uint64_t)ndom * 2;
	for (sp = 0; sp < 2; sp++)
		image_db_text_docs(parts, sp, ids);
	return 0;
}

/* The folded texts of space sp, back to back, and their offsets. */
static int
image_db_texts(sqlite3 *db, struct image_parts *parts, int sp, char **error)
{
	static const enum image_section at_s[2] = { IMAGE_NAME_AT,
	    IMAGE_BODY_AT }, buf_s[2] = { IMAGE_NAME_BUF, IMAGE_BODY_BUF };
	size_t ntexts = (size_t)parts->ntexts[sp], id = 0, k, n;
	struct image_db_bytes b = { NULL, 0, 0 };
	uint32_t *at = xcalloc(ntexts + 2, sizeof *at);
	sqlite3_stmt *st;
	const void *text;
	int rc;

	parts->v[at_s[sp]] = at;
	parts->n[at_s[sp]] = ntexts + 2;
	if (sqlite3_prepare_v2(db, sp == 0 ?
	    "SELECT id, folded FROM search_name ORDER BY id" :
	    "SELECT id, folded FROM search_text ORDER BY id", -1, &st,
	    NULL) != SQLITE_OK) {
		*error = image_db_error(db);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k = (size_t)sqlite3_column_int64(st, 0);
		text = sqlite3_column_text(st, 1);
		n = (size_t)sqlite3_column_bytes(st, 1);
		if (k > ntexts || k < id || text == NULL ||
		    b.n + n >= UINT32_MAX)
			continue;
		while (id <= k)
			at[id++] = (uint32_t)b.n;
		image_db_put(&b, text, n);
	}
	sqlite3_finalize(st);
	while (id < ntexts + 2)
		at[id++] = (uint32_t)b.n;
	parts->v[buf_s[sp]] = b.p;
	parts->n[buf_s[sp]] = b.n;
	if (rc != SQLITE_DONE) {
		*error = image_db_error(db);
		return -1;
	}
	return 0;
}

/* The names decoded, for the engine to match without decoding. */
static void
image_db_name_units(struct image_parts *parts)
{
	const uint32_t *at = parts->v[IMAGE_NAME_AT];
	const char *buf = parts->v[IMAGE_NAME_BUF];
	size_t n = (size_t)parts->ntexts[0] + 2, id, k = 0;
	uint32_t *uat = xcalloc(n, sizeof *uat);
	uint32_t *units = xcalloc(parts->n[IMAGE_NAME_BUF] + 1, sizeof *units);

	for (id = 0; id + 1 < n; id++) {
		uat[id] = (uint32_t)k;
		k += search_utf8_decode(buf + at[id], at[id + 1] - at[id],
		    units + k);
	}
	uat[n - 1] = (uint32_t)k;
	parts->v[IMAGE_NAME_UAT] = uat;
	parts->n[IMAGE_NAME_UAT] = n;
	parts->v[IMAGE_NAME_UNITS] = xreallocarray(units, k + 1, sizeof *units);
	parts->n[IMAGE_NAME_UNITS] = k;
}

/* Every key's segments, in key order, each after its u32 length. */
static int
image_db_postings(sqlite3 *db, struct image_parts *parts, char **error)
{
	struct image_db_bytes keys = { NULL, 0, 0 }, at = { NULL, 0, 0 };
	struct image_db_bytes post = { NULL, 0, 0 };
	sqlite3_stmt *st;
	unsigned char len[4];
	uint64_t off;
	int64_t key, last = 0;
	size_t n;
	int rc, any = 0;

	if (sqlite3_prepare_v2(db, "SELECT key, ids FROM search_post"
	    " ORDER BY key, seg", -1, &st, NULL) != SQLITE_OK) {
		*error = image_db_error(db);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		key = sqlite3_column_int64(st, 0);
		n = (size_t)sqlite3_column_bytes(st, 1);
		if (!any || key != last) {
			off = post.n;
			image_db_put(&keys, &key, sizeof key);
			image_db_put(&at, &off, sizeof off);
			last = key;
			any = 1;
		}
		len[0] = (unsigned char)n;
		len[1] = (unsigned char)(n >> 8);
		len[2] = (unsigned char)(n >> 16);
		len[3] = (unsigned char)(n >> 24);
		image_db_put(&post, len, 4);
		if (n > 0)
			image_db_put(&post, sqlite3_column_blob(st, 1), n);
	}
	sqlite3_finalize(st);
	off = post.n;
	image_db_put(&at, &off, sizeof off);
	parts->v[IMAGE_KEYS] = keys.p;
	parts->nkeys = parts->n[IMAGE_KEYS] = keys.n / 8;
	parts->v[IMAGE_KEY_AT] = at.p;
	parts->n[IMAGE_KEY_AT] = at.n / 8;
	parts->v[IMAGE_POST] = post.p;
	parts->n[IMAGE_POST] = post.n;
	if (rc != SQLITE_DONE) {
		*error = image_db_error(db);
		return -1;
	}
	return 0;
}

int
image_db_parts(sqlite3 *db, const char *version_id, struct image_parts *parts,
    char **error)
{
	long long n0, n1;

	memset(parts, 0, sizeof *parts);
	parts->version_id = version_id;
	n0 = image_db_int(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE"
	    " key = 'search_names'");
	n1 = image_db_int(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE"
	    " key = 'search_texts'");
	if (image_db_int(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE"
	    " key = 'search_version'") != SEARCH_INDEX_VERSION ||
	    n0 < 0 || n1 < 0 || n0 >= UINT32_MAX - 2 || n1 >= UINT32_MAX - 2) {
		*error = xstrdup(_("this catalogue has no search index; rebuild"
		    " it with: chayue-admin import FILE"));
		return -1;
	}
	parts->ntexts[0] = (uint64_t)n0;
	parts->ntexts[1] = (uint64_t)n1;
	if (image_db_docs(db, parts, error) != 0 ||
	    image_db_texts(db, parts, 0, error) != 0 ||
	    image_db_texts(db, parts, 1, error) != 0 ||
	    image_db_postings(db, parts, error) != 0)
		return -1;
	image_db_name_units(parts);
	return 0;
}

struct image *
image_db_build(sqlite3 *db, const char *version_id, char **error)
{
	struct image_parts parts;
	struct image *img = NULL;

	if (image_db_parts(db, version_id, &parts, error) == 0)
		img = image_build(&parts);
	image_db_parts_done(&parts);
	return img;
}

char *
image_db_sidecar(const char *path, const char *id)
{
	return xasprintf("%s.versions/%s.idx", path, id);
}

int
image_db_postings_or(const struct image *img, int64_t key, uint64_t *bits,
    size_t nbits)
{
	const unsigned char *blob;
	size_t len;
	int r;

	if ((r = image_postings(img, key, &blob, &len)) <= 0)
		return r;
	return image_db_segments_or(blob, len, bits, nbits);
}

int
image_db_segments_or(const unsigned char *blob, size_t len, uint64_t *bits,
    size_t nbits)
{
	size_t at = 0, n;

	while (at < len) {
		if (len - at < 4)
			return -1;
		n = (size_t)blob[at] | (size_t)blob[at + 1] << 8 |
		    (size_t)blob[at + 2] << 16 | (size_t)blob[at + 3] << 24;
		at += 4;
		if (n > len - at ||
		    search_postings_or(blob + at, n, bits, nbits) != 0)
			return -1;
		at += n;
	}
	return 0;
}
