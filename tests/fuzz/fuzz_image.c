/*
 * libFuzzer target for the sealed search-index image (data/search/image.c)
 * and the search engine that reads it where it lies (data/search/engine.c).
 * Build (test.sh):
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I<builddir> -I. \
 *       tests/fuzz/fuzz_image.c data/store/... data/search/... \
 *       data/versions/builder.c i18n/... lib/xmalloc.c -lsqlite3 ...
 *
 * The first byte chooses the image: odd, the rest of the input as it is;
 * else bit 2 picks the image of a small real catalogue (built once, at
 * start) or the sample image (tests/unit/image_sample.h), damaged by the
 * rest of the input read as (2-byte offset, byte to XOR) triples, with its
 * header checksum then recomputed if bit 1 is set (so the checks behind
 * the checksum are reached). The bytes are copied into a buffer of exactly
 * their length. Checked: opening, every accessor, image_check and searches
 * of every kind (Chinese, Traditional, pinyin, initials, sound-alike, by
 * domain and level) never read outside it; an image that passes
 * image_check reads every text, every text's docs and every key's posting
 * list without a refusal, finds every key of its table, and searches
 * without an error.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/search/engine.h"
#include "data/search/image.h"
#include "data/search/image_db.h"
#include "data/store/catalogue.h"
#include "data/store/store.h"
#include "data/versions/builder.h"
#include "tests/unit/image_sample.h"
#include "tests/unit/items.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
walk(const struct image *img, int checked)
{
	const unsigned char *blob;
	const char *text;
	enum image_section sec;
	uint64_t i, j, first, n, v;
	uint32_t u;
	size_t len;
	int sp, r;

	for (sp = 0; sp < 2; sp++) {
		for (i = 0; i < image_ntexts(img, sp) + 3 && i < 1024; i++) {
			r = image_text(img, sp, (uint32_t)i, &text, &len);
			if (r == 0 && len > 0)
				(void)(volatile char)text[len - 1];
			if (checked && i <= image_ntexts(img, sp) && r != 0)
				abort();
			r = image_text_docs(img, sp, (uint32_t)i, &sec, &first, &n);
			if (checked && i <= image_ntexts(img, sp) && r != 0)
				abort();
			for (j = 0; r == 0 && j < n && j < 64; j++) {
				if (image_u32(img, sec, first + j, &u) != 0 ||
				    (checked && u >= image_ndocs(img)))
					abort();
			}
		}
	}
	for (i = 0; i < image_nkeys(img) && i < 1024; i++) {
		if (image_u64(img, IMAGE_KEYS, i, &v) != 0)
			abort();
		r = image_postings(img, (int64_t)v, &blob, &len);
		if (checked && r != 1)
			abort();
		if (r == 1 && len > 0)
			(void)(volatile unsigned char)blob[len - 1];
	}
	for (i = 0; i < image_ndocs(img) * IMAGE_FIELDS && i < 4096; i++) {
		if (image_u32(img, IMAGE_DOC_TEXTS, i, &u) != 0)
			abort();
		if (checked && image_text(img, i % IMAGE_FIELDS != 0, u, &text,
		    &len) != 0)
			abort();
	}
}

static unsigned char *real;	/* the real catalogue's image */
static size_t reallen;

/* The image of a real catalogue of a few items, into real. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/fuzz_image.XXXXXX", path[64], *error = NULL;
	struct image_parts parts;
	struct catalogue *cat;
	struct builder *b;
	struct image *img;
	struct item it[ITEMS_SAMPLE];
	size_t i;

	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/c.db", dir);
	items_sample(it);
	if ((b = builder_create(path, &error)) == NULL)
		abort();
	for (i = 0; i < ITEMS_SAMPLE; i++)
		if (builder_add_item(b, &it[i], 0, (long)i + 2, &error) != 0)
			abort();
	if (builder_commit(b, &error) != 0 ||
	    (cat = catalogue_open(path, &error)) == NULL ||
	    image_db_parts(catalogue_db(cat), "v1", &parts, &error) != 0)
		abort();
	img = image_build(&parts);
	reallen = image_bytes(img);
	real = malloc(reallen);
	memcpy(real, image_data(img), reallen);
	image_close(img);
	image_db_parts_done(&parts);
	catalogue_close(cat);
	unlink(path);
	rmdir(dir);
	return 0;
}

/* Search img every way the kiosk does; an error is allowed unless sound. */
static void
engine_walk(const unsigned char *bytes, size_t len, int sound)
{
	static const char *const queries[] = {
		"最低生活保障", "低保", "戶籍", "zdshbz", "zuidi", "z", "huji",
		"ABC", "54", "查",
	};
	struct search_filter f;
	struct search_results r;
	struct query q;
	struct image *img;
	struct search *s;
	int64_t items[16];
	char *error = NULL;
	size_t i, k;
	int d;

	if ((img = image_open_bytes(bytes, len, &error)) == NULL) {
		free(error);
		return;
	}
	s = search_open_image(img);
	for (i = 0; i < sizeof queries / sizeof *queries; i++) {
		query_parse_mode(&q, queries[i], strlen(queries[i]),
		    i % 3 == 2 ? QUERY_SOUND : 0);
		f.domain_id = (int)i % 4;
		f.level = (enum level_filter)(i % 5);
		if (search_run(s, &q, i % 2 ? &f : NULL, 20, i % 2 ?
		    SEARCH_BOUNDED : SEARCH_COMPLETE, &r, &error) != 0) {
			if (sound)
				abort();
			free(error);
			error = NULL;
		}
		for (k = 0; k < r.n; k++)
			(void)(volatile int64_t)r.v[k].item;
		search_results_done(&r);
		query_done(&q);
	}
	for (d = 0; d < 6; d++)
		(void)search_domain_items(s, d, NULL, items, 16);
	search_close(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_parts parts;
	struct image *img, *sample;
	unsigned char *copy;
	size_t len, i, at;
	char *error = NULL;

	if (size < 1)
		return 0;
	if (data[0] & 1) {
		len = size - 1;
		copy = malloc(len ? len : 1);
		memcpy(copy, data + 1, len);
	} else {
		if (data[0] & 4) {
			len = reallen;
			copy = malloc(len);
			memcpy(copy, real, len);
		} else {
			image_sample(&parts);
			sample = image_build(&parts);
			len = image_bytes(sample);
			copy = malloc(len);
			memcpy(copy, image_data(sample), len);
			image_close(sample);
		}
		for (i = 1; i + 3 <= size; i += 3) {
			at = ((size_t)data[i] << 8 | data[i + 1]) % len;
			copy[at] ^= data[i + 2];
		}
		if (data[0] & 2)
			image_sample_seal(copy);
	}
	if ((img = image_open_bytes(copy, len, &error)) == NULL) {
		if (error == NULL)
			abort();
		free(error);
		free(copy);
		return 0;
	}
	walk(img, 0);
	if (image_check(img, &error) == 0) {
		walk(img, 1);
		/* The sample's posting lists are not in the engine's format. */
		engine_walk(copy, len, copy != NULL && len == reallen &&
		    memcmp(copy, real, len) == 0);
	} else {
		free(error);
		engine_walk(copy, len, 0);
	}
	image_close(img);
	free(copy);
	return 0;
}
