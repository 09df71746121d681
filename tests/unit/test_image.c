/*
 * The sealed search-index image (data/search/image.h): a round trip through
 * memory and a file, and damage of every kind refused at open or found by
 * image_check, with every accessor bounded (each image is copied into a
 * buffer of exactly its length, so the sanitizer build sees any read past
 * it).
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "data/search/engine.h"
#include "data/search/image.h"
#include "data/search/image_db.h"
#include "data/search/index.h"
#include "data/store/catalogue.h"
#include "data/store/store.h"
#include "data/versions/builder.h"
#include "data/versions/versions.h"
#include "lib/xmalloc.h"
#include "tests/unit/image_sample.h"
#include "tests/unit/items.h"
#include "tests/unit/tap.h"

static unsigned char *good;
static size_t goodlen;

/* The sample with section s replaced by v: image_check says want. */
static void
check_finds(enum image_section s, const void *v, const char *want,
    const char *what)
{
	struct image_parts parts;
	struct image *img;
	char *error = NULL;

	image_sample(&parts);
	parts.v[s] = v;
	img = image_build(&parts);
	ok(image_check(img, &error) != 0 && strstr(error, want) != NULL, what);
	free(error);
	image_close(img);
}

/* Touch everything an engine would read; never out of bounds. */
static void
walk(const struct image *img)
{
	const unsigned char *blob;
	const char *text;
	enum image_section sec;
	uint64_t i, first, n, v;
	uint32_t u;
	uint8_t b;
	size_t len;
	int sp, s;

	for (s = 0; s < IMAGE_SECTIONS; s++) {
		for (i = 0; i < image_count(img, s) && i < 4096; i++) {
			(void)image_u8(img, s, i, &b);
			(void)image_u32(img, s, i, &u);
			(void)image_u64(img, s, i, &v);
		}
	}
	for (sp = 0; sp < 2; sp++) {
		for (i = 0; i <= image_ntexts(img, sp) + 2 && i < 4096; i++) {
			if (image_text(img, sp, (uint32_t)i, &text, &len) == 0 &&
			    len > 0)
				(void)(volatile char)text[len - 1];
			(void)image_text_docs(img, sp, (uint32_t)i, &sec, &first,
			    &n);
		}
	}
	for (i = 0; i < 64; i++) {
		if (image_postings(img, (int64_t)i - 8, &blob, &len) == 1 &&
		    len > 0)
			(void)(volatile unsigned char)blob[len - 1];
	}
}

/* A copy of the good image with f applied, opened; NULL if refused. */
static struct image *
open_copy(const unsigned char *p, size_t len, unsigned char **copy, char **error)
{
	*copy = malloc(len ? len : 1);
	memcpy(*copy, p, len);
	*error = NULL;
	return image_open_bytes(*copy, len, error);
}

static void
round_trip(void)
{
	struct image_parts parts;
	struct image *img, *m;
	const unsigned char *blob;
	const char *text;
	enum image_section sec;
	uint64_t first, n, v;
	uint32_t u;
	uint8_t b;
	size_t len;
	char path[] = "/tmp/test_image.XXXXXX", *error = NULL, *file;
	FILE *f;
	int fd, same;

	image_sample(&parts);
	img = image_build(&parts);
	ok(img != NULL, "an image is built in memory");
	is_int(image_bytes(img), image_size(&parts), "of the size image_size says");
	is_int(image_bytes(img) % 8, 0, "a multiple of 8 bytes");
	ok(image_check(img, &error) == 0, "it passes the full check");
	is_int(image_ndocs(img), 5, "docs");
	is_int(image_ntexts(img, 0), 3, "names");
	is_int(image_ntexts(img, 1), 4, "body texts");
	is_str(image_version_id(img), "20261206T060000Z-2", "the version id");
	ok(image_u64(img, IMAGE_DOC_ITEM, 3, &v) == 0 && v == 14, "doc 3's item");
	ok(image_u32(img, IMAGE_DOC_TEXTS, 2 * IMAGE_FIELDS + 5, &u) == 0 &&
	    u == 1, "doc 2's jurisdiction text");
	ok(image_u8(img, IMAGE_DOC_LEVELS, 3, &b) == 0 && b == 3, "doc 3's levels");
	ok(image_u32(img, IMAGE_DOC_ITEM, 0, &u) == -1,
	    "reading a section at the wrong width is refused");
	ok(image_u8(img, IMAGE_DOC_LEVELS, 5, &b) == -1,
	    "reading past a section is refused");
	ok(image_text(img, 0, 3, &text, &len) == 0 && len == 3 &&
	    memcmp(text, "\xE6\x9F\xA5", 3) == 0, "name 3");
	ok(image_text(img, 1, 2, &text, &len) == 0 && len == 3 &&
	    memcmp(text, "ijk", 3) == 0, "body text 2");
	ok(image_text(img, 1, 0, &text, &len) == 0 && len == 0, "text 0 is empty");
	ok(image_text(img, 0, 4, &text, &len) == -1, "a name id past the end");
	ok(image_text_docs(img, 1, 4, &sec, &first, &n) == 0 && n == 2 &&
	    image_u32(img, sec, first + 1, &u) == 0 && u == 4,
	    "the docs of body text 4");
	ok(image_postings(img, 40, &blob, &len) == 1 && len == 1 && blob[0] == 8,
	    "the posting list of key 40");
	ok(image_postings(img, -7, &blob, &len) == 1 && len == 2 && blob[1] == 2,
	    "the first key");
	ok(image_postings(img, (int64_t)1 << 40, &blob, &len) == 1 &&
	    len == 1 && blob[0] == 13, "the last key");
	is_int(image_postings(img, 4, &blob, &len), 0, "a key that is not there");
	is_int(image_postings(img, INT64_MIN, &blob, &len), 0, "below every key");
	is_int(image_postings(img, INT64_MAX, &blob, &len), 0, "above every key");

	/* The file: the same bytes, mapped. */
	fd = mkstemp(path);
	close(fd);
	ok(image_write(path, &parts, &error) == 0, "written to a file");
	file = xasprintf("%s.tmp", path);
	ok(access(file, F_OK) != 0, "no temporary file is left");
	free(file);
	m = image_map(path, &error);
	ok(m != NULL, "the file maps");
	same = 0;
	if (m != NULL && (f = fopen(path, "rb")) != NULL) {
		good = malloc(image_bytes(img));
		goodlen = fread(good, 1, image_bytes(img) + 1, f);
		fclose(f);
		/* Compare the image built in memory with the file. */
		same = goodlen == image_bytes(img);
	}
	ok(same, "the file has the size of the image built in memory");
	ok(m != NULL && image_check(m, &error) == 0 && image_ndocs(m) == 5,
	    "the mapped image reads back");
	/* A mapping stays valid after its file is unlinked (the switch). */
	unlink(path);
	ok(m != NULL && image_text(m, 0, 1, &text, &len) == 0 && len == 3 &&
	    memcmp(text, "abc", 3) == 0, "and after its file is unlinked");
	image_close(m);
	m = image_map(path, &error);
	ok(m == NULL && error != NULL && strstr(error, path) != NULL,
	    "a missing file is refused with its name");
	free(error);
	error = NULL;
	image_close(img);
}

static void
truncated(void)
{
	struct image *img;
	unsigned char *copy;
	char *error;
	size_t len, refused = 0;

	for (len = 0; len < goodlen; len++) {
		img = open_copy(good, len, &copy, &error);
		if (img == NULL && error != NULL)
			refused++;
		image_close(img);
		free(error);
		free(copy);
	}
	is_int(refused, goodlen, "truncated at every length: refused");
	img = open_copy(good, 0, &copy, &error);
	ok(img == NULL && strstr(error, "too short") != NULL,
	    "an empty file: too short");
	free(error);
	free(copy);
	img = open_copy(good, goodlen - 8, &copy, &error);
	ok(img == NULL && strstr(error, "truncated") != NULL,
	    "cut short: truncated");
	free(error);
	free(copy);
}

static void
header_flips(void)
{
	struct image *img;
	unsigned char *copy;
	char *error;
	size_t i, refused = 0;
	int bit;

	for (i = 0; i < IMAGE_HEADER_SIZE; i++) {
		for (bit = 0; bit < 8; bit++) {
			good[i] ^= (unsigned char)(1u << bit);
			img = open_copy(good, goodlen, &copy, &error);
			good[i] ^= (unsigned char)(1u << bit);
			if (img == NULL && error != NULL)
				refused++;
			image_close(img);
			free(error);
			free(copy);
		}
	}
	is_int(refused, IMAGE_HEADER_SIZE * 8,
	    "every flipped bit of the header: refused");
}

/* Damage the header at off (width bytes, value v), reseal, open. */
static const char *
resealed(size_t off, uint64_t v, unsigned width, char **error)
{
	static char why[256];
	struct image *img;
	unsigned char *copy = malloc(goodlen);
	unsigned i;

	memcpy(copy, good, goodlen);
	for (i = 0; i < width; i++, v >>= 8)
		copy[off + i] = (unsigned char)v;
	image_sample_seal(copy);
	*error = NULL;
	img = image_open_bytes(copy, goodlen, error);
	if (img != NULL)
		walk(img);
	snprintf(why, sizeof why, "%s", img == NULL ? *error : "opened");
	image_close(img);
	free(copy);
	free(*error);
	return why;
}

static void
header_fields(void)
{
	char *error;
	int s;
	size_t refused = 0;

	ok(strstr(resealed(0, 'X', 1, &error), "wrong magic") != NULL,
	    "wrong magic: refused");
	ok(strstr(resealed(8, IMAGE_VERSION + 1, 4, &error), "another layout version") != NULL,
	    "another layout version: refused");
	ok(strstr(resealed(12, 64, 4, &error), "header size") != NULL,
	    "another header size: refused");
	ok(strstr(resealed(104, goodlen + 8, 8, &error), "truncated") != NULL,
	    "a size past the file's: refused");
	ok(strstr(resealed(24, 6, 8, &error), "counts disagree") != NULL,
	    "a doc count that disagrees: refused");
	ok(strstr(resealed(24, UINT64_MAX, 8, &error), "too large") != NULL,
	    "a huge doc count: refused");
	for (s = 0; s < IMAGE_SECTIONS; s++) {
		/* Offsets past the end, unaligned, before the header. */
		if (strcmp(resealed(112 + 24 * s, goodlen + 8, 8, &error),
		    "opened") != 0)
			refused++;
		if (strcmp(resealed(112 + 24 * s, UINT64_MAX - 7, 8, &error),
		    "opened") != 0)
			refused++;
		if (strcmp(resealed(112 + 24 * s, 8, 8, &error), "opened") != 0)
			refused++;
		if (strcmp(resealed(112 + 24 * s + 8, UINT64_MAX / 2, 8,
		    &error), "opened") != 0)
			refused++;
		if (strcmp(resealed(112 + 24 * s + 8, goodlen, 8, &error),
		    "opened") != 0)
			refused++;
	}
	is_int(refused, IMAGE_SECTIONS * 5,
	    "every section's offset or count past the end or out of order: refused");
	ok(strstr(resealed(112 + 24 * IMAGE_POST, 0, 8, &error),
	    "out of order") != NULL, "sections overlapping: refused");
}

/* Any byte of a section flipped: opens, image_check finds it, reads stay in. */
static void
section_flips(void)
{
	struct image *img;
	unsigned char *copy;
	char *error, *why;
	size_t i, found = 0, total = 0;

	for (i = IMAGE_HEADER_SIZE; i < goodlen; i++) {
		good[i] ^= 0x5A;
		img = open_copy(good, goodlen, &copy, &error);
		good[i] ^= 0x5A;
		if (img == NULL) {
			free(error);
			free(copy);
			continue;
		}
		walk(img);
		why = NULL;
		if (image_check(img, &why) != 0)
			found++;
		free(why);
		image_close(img);
		free(copy);
		total++;
	}
	ok(total > 0, "a flipped section byte does not stop the open (O(1))");
	/* The padding between sections is not covered by a checksum. */
	ok(found + 64 >= total && found > 0,
	    "image_check finds flipped bytes in sections and posting lists");
	printf("# %zu of %zu flipped bytes found\n", found, total);
}

/* Damage that keeps the checksums right: the structural checks find it. */
static void
structure(void)
{
	struct image_parts parts;
	struct image *img;
	const unsigned char *blob;
	const char *text;
	size_t len;
	char *error = NULL;
	static const uint64_t bad_keys[6] = { 3, -7ULL, 5, 40, 41, 42 };
	static const uint64_t bad_key_at[7] = { 0, 2, 3, 99, 8, 12, 13 };
	static const uint32_t bad_at[5] = { 0, 0, 4, 3, 8 };
	static const uint32_t bad_texts[5 * IMAGE_FIELDS] = { 4 };
	static const uint32_t bad_docs[9] = { 0, 1, 2, 0, 5, 1, 4, 2, 4 };
	static const uint32_t bad_domains[6] = { 0, 0, 0, 2, 2, 6 };
	static const uint32_t bad_firstdoc[5] = { UINT32_MAX, 0, 1, 1, 2 };
	int64_t k;
	int r;

	image_sample(&parts);
	parts.v[IMAGE_KEYS] = bad_keys;
	img = image_build(&parts);
	ok(image_check(img, &error) != 0 && strstr(error, "keys out of order"),
	    "an unsorted key table: detected");
	free(error);
	for (k = -10, r = 0; k < 50; k++)
		r |= image_postings(img, k, &blob, &len) < 0;
	ok(!r, "and searched inside it");
	image_close(img);

	image_sample(&parts);
	parts.v[IMAGE_KEY_AT] = bad_key_at;
	img = image_build(&parts);
	ok(image_check(img, &error) != 0, "posting offsets past the end: detected");
	free(error);
	is_int(image_postings(img, 5, &blob, &len), -1,
	    "and that posting list refused");
	is_int(image_postings(img, 40, &blob, &len), -1,
	    "and the one after it");
	is_int(image_postings(img, 3, &blob, &len), 1, "the others still read");
	image_close(img);

	image_sample(&parts);
	parts.v[IMAGE_NAME_AT] = bad_at;
	img = image_build(&parts);
	ok(image_check(img, &error) != 0, "text offsets falling: detected");
	free(error);
	is_int(image_text(img, 0, 2, &text, &len), -1, "and that text refused");
	image_close(img);

	check_finds(IMAGE_DOC_TEXTS, bad_texts, "text id",
	    "a doc's text id past the end: detected");
	check_finds(IMAGE_NAME_FIRST, bad_at, "out of order",
	    "a text's docs out of order: detected");
	check_finds(IMAGE_BODY_DOCS, bad_docs, "doc past the end",
	    "a doc past the end: detected");
	check_finds(IMAGE_DOMAINS, bad_domains, "domain range",
	    "a domain range past the end: detected");
	check_finds(IMAGE_BODY_FIRSTDOC, bad_firstdoc, "first docs",
	    "a text's first doc that is not where its docs start: detected");
}

static struct item
mk(const char *domain, const char *level1, const char *level2,
    const char *content, const char *jurisdiction)
{
	return item_for_test(domain, level1, level2, content, jurisdiction,
	    FLAG_YES, FLAG_UNSTATED, FLAG_UNSTATED);
}

/*
 * Search a copy of the image bytes as the kiosk does (bounded: that reads
 * the body texts in the order table's order); the result of search_run,
 * *n hits.
 */
static int
search_bytes(const unsigned char *bytes, size_t len, const char *q,
    const struct search_filter *f, size_t *n, char **error)
{
	struct search_results r;
	struct query query;
	struct image *img;
	struct search *s;
	unsigned char *copy = xmalloc(len);
	int rc = -1;

	memcpy(copy, bytes, len);
	*n = 0;
	if ((img = image_open_bytes(copy, len, error)) != NULL) {
		s = search_open_image(img);
		query_parse(&query, q, strlen(q));
		rc = search_run(s, &query, f, 20, SEARCH_BOUNDED, &r, error);
		*n = r.total;
		search_results_done(&r);
		query_done(&query);
		search_close(s);
	}
	free(copy);
	return rc;
}

/*
 * The engine reads the tables where they lie, unchecked at open: every
 * section it indexes, damaged whole (each u32 set to one value past any
 * bound), gives an error for a search that reads it, and never a read
 * outside the image (the sanitizer build).
 */
static void
engine_bounds(struct image *img)
{
	static const struct { enum image_section s; const char *q; } cut[] = {
		{ IMAGE_NAME_AT, "最低生活保障" },
		{ IMAGE_NAME_FIRST, "最低生活保障" },
		{ IMAGE_NAME_DOCS, "最低生活保障" },
		{ IMAGE_NAME_UAT, "zdshbz" },
		{ IMAGE_BODY_AT, "按标准发放" },
		{ IMAGE_BODY_FIRST, "按标准发放" },
		{ IMAGE_BODY_DOCS, "按标准发放" },
		{ IMAGE_BODY_ORDER, "按标准发放" },
	};
	const unsigned char *base = image_data(img);
	size_t len = image_bytes(img), n, i, k, off, fails = 0;
	struct search_filter f = { 1, LEVEL_ANY };
	unsigned char *bad = xmalloc(len);
	char *error = NULL;
	int64_t items[8];
	struct search *s;
	struct image *b;

	ok(search_bytes(base, len, "最低生活保障", NULL, &n, &error) == 0 &&
	    n == 3, "the sound image: 最低生活保障 finds its 3 items");
	ok(search_bytes(base, len, "zdshbz", NULL, &n, &error) == 0 && n == 3,
	    "and so does zdshbz");
	for (i = 0; i < sizeof cut / sizeof *cut; i++) {
		memcpy(bad, base, len);
		off = (size_t)((const unsigned char *)image_array(img, cut[i].s) -
		    base);
		for (k = 0; k < image_count(img, cut[i].s); k++)
			memcpy(bad + off + 4 * k, &(uint32_t){ 0xFFFFFF00u }, 4);
		if (search_bytes(bad, len, cut[i].q, NULL, &n, &error) != 0 &&
		    strstr(error, "damaged") != NULL)
			fails++;
		else
			printf("# section %d: not refused\n", (int)cut[i].s);
		free(error);
		error = NULL;
	}
	is_int(fails, sizeof cut / sizeof *cut,
	    "each damaged table the search reads gives an error, no overread");

	memcpy(bad, base, len);
	off = (size_t)((const unsigned char *)image_array(img, IMAGE_DOMAINS) -
	    base);
	for (k = 0; k < image_count(img, IMAGE_DOMAINS); k++)
		memcpy(bad + off + 4 * k, &(uint32_t){ 0xFFFFFF00u }, 4);
	ok(search_bytes(bad, len, "最低生活保障", &f, &n, &error) != 0,
	    "damaged domain ranges: a search in a domain gives an error");
	free(error);
	b = image_open_bytes(bad, len, &error);
	s = b != NULL ? search_open_image(b) : NULL;
	is_int(s != NULL ? search_domain_items(s, 1, NULL, items, 8) : 99, 0,
	    "and the domain lists nothing");
	search_close(s);
	free(bad);
}

/* Does the image of a real catalogue hold what its search tables hold? */
static void
from_catalogue(void)
{
	char dir[] = "/tmp/test_image_db.XXXXXX", *path, *idx, *error = NULL;
	struct item it[ITEMS_SAMPLE];
	struct builder *b;
	struct catalogue *cat;
	struct image *img, *m;
	sqlite3_stmt *st;
	sqlite3 *db;
	uint64_t *want, *got, key;
	const char *text;
	size_t i, len, words, nkeys = 0, texts = 0, same_texts = 0, same_keys = 0;
	int r;

	if (mkdtemp(dir) == NULL)
		return;
	path = xasprintf("%s/c.db", dir);
	idx = xasprintf("%s/c.idx", dir);
	items_sample(it);
	if ((b = builder_create(path, &error)) == NULL) {
		ok(0, error);
		return;
	}
	for (i = 0; i < ITEMS_SAMPLE; i++)
		builder_add_item(b, &it[i], 0, (long)i + 2, &error);
	ok(builder_commit(b, &error) == 0, "a catalogue is built");
	if ((cat = catalogue_open(path, &error)) == NULL) {
		ok(0, error);
		return;
	}
	db = catalogue_db(cat);
	img = image_db_build(db, "v1", &error);
	ok(img != NULL && image_check(img, &error) == 0,
	    "its search tables make an image that passes the full check");
	if (img == NULL)
		return;
	is_int(image_ndocs(img), ITEMS_SAMPLE, "with every item");
	sqlite3_prepare_v2(db, "SELECT id, folded FROM search_name", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		texts++;
		if (image_text(img, 0, (uint32_t)sqlite3_column_int64(st, 0),
		    &text, &len) == 0 && len == (size_t)sqlite3_column_bytes(st, 1)
		    && memcmp(text, sqlite3_column_text(st, 1), len) == 0)
			same_texts++;
	}
	sqlite3_finalize(st);
	ok(texts > 0 && same_texts == texts, "every name reads back");
	words = (image_ntexts(img, 1) + 64) / 64 + 1;
	want = xcalloc(words, 8);
	got = xcalloc(words, 8);
	for (i = 0; i < image_nkeys(img); i++) {
		image_u64(img, IMAGE_KEYS, i, &key);
		memset(want, 0, words * 8);
		memset(got, 0, words * 8);
		sqlite3_prepare_v2(db, "SELECT ids FROM search_post WHERE key = ?1",
		    -1, &st, NULL);
		sqlite3_bind_int64(st, 1, (int64_t)key);
		while (sqlite3_step(st) == SQLITE_ROW)
			search_postings_or(sqlite3_column_blob(st, 0),
			    (size_t)sqlite3_column_bytes(st, 0), want, words * 64);
		sqlite3_finalize(st);
		r = image_db_postings_or(img, (int64_t)key, got, words * 64);
		nkeys++;
		if (r == 0 && memcmp(want, got, words * 8) == 0)
			same_keys++;
	}
	ok(nkeys > 0 && same_keys == nkeys,
	    "every key's posting list holds the same texts");
	printf("# %zu keys, %zu bytes\n", nkeys, image_bytes(img));
	is_int(image_db_postings_or(img, INT64_MAX, got, words * 64), 0,
	    "a key that is not there holds nothing");
	free(want);
	free(got);
	{
		struct image_parts parts;

		ok(image_db_parts(db, "v1", &parts, &error) == 0 &&
		    image_write(idx, &parts, &error) == 0,
		    "written as a sidecar file");
		image_db_parts_done(&parts);
	}
	m = image_map(idx, &error);
	ok(m != NULL && image_bytes(m) == image_bytes(img) &&
	    memcmp(image_data(m), image_data(img), image_bytes(m)) == 0,
	    "which maps to the same bytes");
	is_str(m != NULL ? image_version_id(m) : "", "v1", "of its version");
	image_close(m);
	engine_bounds(img);
	image_close(img);
	catalogue_close(cat);
	unlink(idx);
	unlink(path);
	rmdir(dir);
	free(idx);
	free(path);
}

/* Switch in a version of n items (the first n of it); its id, or NULL. */
static char *
switch_in(const char *path, const struct item *it, size_t n, int keep)
{
	struct versions_lock *lock;
	struct builder *b;
	char *error = NULL, *id = NULL;
	size_t i;
	int kept, rc = -1;

	if ((lock = versions_lock(path, &error)) != NULL &&
	    (b = builder_create(path, &error)) != NULL) {
		for (i = 0; i < n; i++)
			builder_add_item(b, &it[i], 0, (long)i + 2, &error);
		rc = versions_switch(b, path, keep, &id, &kept, &error);
	}
	versions_unlock(lock);
	if (rc != 0) {
		printf("# %s\n", error != NULL ? error : "?");
		free(error);
		free(id);
		return NULL;
	}
	return id;
}

/* The sidecar of version id: there, mapped, of that version and size. */
static int
sidecar_ok(const char *path, const char *id, uint64_t ndocs)
{
	char *idx = image_db_sidecar(path, id), *error = NULL;
	struct image *img = image_map(idx, &error);
	int fine = img != NULL && strcmp(image_version_id(img), id) == 0 &&
	    image_ndocs(img) == ndocs && image_check(img, &error) == 0;

	if (!fine)
		printf("# %s\n", error != NULL ? error : "not that version");
	free(error);
	image_close(img);
	free(idx);
	return fine;
}

/* The switch writes the sidecar before the rename; prune removes it. */
static void
switching(void)
{
	char dir[] = "/tmp/test_image_sw.XXXXXX", *path, *id1, *id2, *id3, *idx;
	struct item it[3];

	if (mkdtemp(dir) == NULL)
		return;
	path = xasprintf("%s/c.db", dir);
	it[0] = mk("社会救助", "低保", "最低生活保障", "", "晋江市");
	it[1] = mk("养老服务", "补贴", "最低生活保障对象认定", "", "晋江市");
	it[2] = mk("就业", "工资", "银行代发", "", "晋江市");
	id1 = switch_in(path, it, 1, 1);
	ok(id1 != NULL && sidecar_ok(path, id1, 1),
	    "the first version has its sidecar, of its id");
	id2 = switch_in(path, it, 2, 1);
	ok(id2 != NULL && sidecar_ok(path, id2, 2) && sidecar_ok(path, id1, 1),
	    "the next one too; the kept one keeps its sidecar");
	id3 = switch_in(path, it, 3, 1);
	idx = image_db_sidecar(path, id1 != NULL ? id1 : "");
	ok(id3 != NULL && sidecar_ok(path, id3, 3) && sidecar_ok(path, id2, 2) &&
	    access(idx, F_OK) != 0,
	    "a pruned version's sidecar is removed with it");
	free(idx);
	free(id1);
	free(id2);
	free(id3);
	free(path);
	path = xasprintf("rm -rf '%s'", dir);
	if (system(path) != 0)
		printf("# cannot remove %s\n", dir);
	free(path);
}

int
main(void)
{
	round_trip();
	if (good != NULL) {
		truncated();
		header_flips();
		header_fields();
		section_flips();
	}
	structure();
	from_catalogue();
	switching();
	free(good);
	return tap_done();
}
