/*
 * libFuzzer target for the sealed search-index image reader
 * (data/search/image.c). Build:
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I<builddir> -I. \
 *       data/search/image.c lib/xmalloc.c tests/fuzz/fuzz_image.c
 *
 * The first byte chooses the image: odd, the rest of the input as it is;
 * even, the sample image (tests/unit/image_sample.h) damaged by the rest of
 * the input read as (2-byte offset, byte to XOR) triples, with its header
 * checksum then recomputed if bit 1 is set (so the checks behind the
 * checksum are reached). The bytes are copied into a buffer of exactly
 * their length. Checked: opening, every accessor and image_check never read
 * outside it; an image that passes image_check reads every text, every
 * text's docs and every key's posting list without a refusal, and finds
 * every key of its table; an image that passes image_check_tables can be
 * indexed as the search engine indexes it (image_array, no bounds) without
 * a read outside its arrays.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/search/image.h"
#include "tests/unit/image_sample.h"

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

/* What data/search/engine.c reads from image_array without a bound. */
static void
engine_walk(struct image *img)
{
	static const enum image_section at[2] = { IMAGE_NAME_AT, IMAGE_BODY_AT },
	    first[2] = { IMAGE_NAME_FIRST, IMAGE_BODY_FIRST },
	    docs[2] = { IMAGE_NAME_DOCS, IMAGE_BODY_DOCS },
	    buf[2] = { IMAGE_NAME_BUF, IMAGE_BODY_BUF };
	const uint32_t *a, *f, *d, *o, *r;
	uint64_t id, nbits, k, i;
	int sp;

	for (sp = 0; sp < 2; sp++) {
		nbits = image_ntexts(img, sp) + 1;
		a = image_array(img, at[sp]);
		f = image_array(img, first[sp]);
		d = image_array(img, docs[sp]);
		for (id = 0; id < nbits; id++) {
			if (a[id] > a[id + 1] || a[id + 1] > image_count(img, buf[sp]) ||
			    f[id] > f[id + 1] || f[id + 1] > image_count(img, docs[sp]))
				abort();
			for (k = f[id]; k < f[id + 1]; k++)
				if (d[k] >= image_ndocs(img))
					abort();
		}
	}
	o = image_array(img, IMAGE_BODY_ORDER);
	for (i = 0; i < image_count(img, IMAGE_BODY_ORDER); i++)
		if (o[i] >= image_ntexts(img, 1) + 1)
			abort();
	r = image_array(img, IMAGE_DOMAINS);
	for (i = 0; i < image_ndomains(img); i++)
		if (r[2 * i] > r[2 * i + 1] || r[2 * i + 1] > image_ndocs(img))
			abort();
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
		image_sample(&parts);
		sample = image_build(&parts);
		len = image_bytes(sample);
		copy = malloc(len);
		memcpy(copy, image_data(sample), len);
		image_close(sample);
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
	if (image_check_tables(img, &error) == 0)
		engine_walk(img);
	else
		free(error);
	error = NULL;
	if (image_check(img, &error) == 0)
		walk(img, 1);
	else
		free(error);
	image_close(img);
	free(copy);
	return 0;
}
