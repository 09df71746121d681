/*
 * A small search-index image for tests/unit/test_image.c and
 * tests/fuzz/fuzz_image.c: 5 docs in 2 domains, 3 names, 4 body texts,
 * 6 posting lists. image_sample(&p) fills p with static arrays.
 */
#ifndef CHAYUE_IMAGE_SAMPLE_H
#define CHAYUE_IMAGE_SAMPLE_H

#include <string.h>

#include "data/search/image.h"

static const uint64_t sample_items[5] = { 11, 12, 10, 14, 13 };
static const uint32_t sample_domain[5] = { 1, 1, 2, 2, 2 };
static const uint8_t sample_levels[5] = { 1, 2, 4, 3, 0 };
static const uint32_t sample_texts[5 * IMAGE_FIELDS] = {
	1, 1, 2, 0, 0, 0,
	2, 1, 0, 0, 3, 0,
	3, 4, 4, 0, 0, 1,
	1, 0, 0, 0, 0, 0,
	2, 2, 3, 4, 0, 0,
};
static const uint32_t sample_domains[3 * 2] = { 0, 0, 0, 2, 2, 5 };
static const uint32_t sample_name_at[5] = { 0, 0, 3, 5, 8 };
static const uint8_t sample_name_buf[] = "abcde\xE6\x9F\xA5";
static const uint32_t sample_name_first[5] = { 0, 0, 2, 4, 5 };
static const uint32_t sample_name_docs[5] = { 0, 3, 1, 4, 2 };
static const uint32_t sample_name_uat[5] = { 0, 0, 3, 5, 6 };
static const uint32_t sample_name_units[6] = { 'a', 'b', 'c', 'd', 'e', 0x67E5 };
static const uint32_t sample_body_at[6] = { 0, 0, 2, 5, 8, 10 };
static const uint8_t sample_body_buf[] = "ghijk\xE9\x98\x85lm";
static const uint32_t sample_body_first[6] = { 0, 0, 3, 5, 7, 9 };
static const uint32_t sample_body_docs[9] = { 0, 1, 2, 0, 4, 1, 4, 2, 4 };
static const uint32_t sample_body_order[4] = { 1, 2, 3, 4 };
static const uint32_t sample_body_firstdoc[5] = { UINT32_MAX, 0, 0, 1, 2 };
static const uint64_t sample_keys[6] = {
	(uint64_t)-7, 3, 5, 40, 41, (uint64_t)1 << 40,
};
static const uint64_t sample_key_at[7] = { 0, 2, 3, 7, 8, 12, 13 };
static const uint8_t sample_post[13] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
};

static void
image_sample(struct image_parts *p)
{
	static const struct { const void *v; uint64_t n; } s[IMAGE_SECTIONS] = {
		[IMAGE_DOC_ITEM] = { sample_items, 5 },
		[IMAGE_DOC_DOMAIN] = { sample_domain, 5 },
		[IMAGE_DOC_LEVELS] = { sample_levels, 5 },
		[IMAGE_DOC_TEXTS] = { sample_texts, 5 * IMAGE_FIELDS },
		[IMAGE_DOMAINS] = { sample_domains, 6 },
		[IMAGE_NAME_AT] = { sample_name_at, 5 },
		[IMAGE_NAME_BUF] = { sample_name_buf, 8 },
		[IMAGE_NAME_FIRST] = { sample_name_first, 5 },
		[IMAGE_NAME_DOCS] = { sample_name_docs, 5 },
		[IMAGE_NAME_UAT] = { sample_name_uat, 5 },
		[IMAGE_NAME_UNITS] = { sample_name_units, 6 },
		[IMAGE_BODY_AT] = { sample_body_at, 6 },
		[IMAGE_BODY_BUF] = { sample_body_buf, 10 },
		[IMAGE_BODY_FIRST] = { sample_body_first, 6 },
		[IMAGE_BODY_DOCS] = { sample_body_docs, 9 },
		[IMAGE_BODY_ORDER] = { sample_body_order, 4 },
		[IMAGE_BODY_FIRSTDOC] = { sample_body_firstdoc, 5 },
		[IMAGE_KEYS] = { sample_keys, 6 },
		[IMAGE_KEY_AT] = { sample_key_at, 7 },
		[IMAGE_POST] = { sample_post, 13 },
	};
	int i;

	memset(p, 0, sizeof *p);
	p->version_id = "20261206T060000Z-2";
	p->ndocs = 5;
	p->ntexts[0] = 3;
	p->ntexts[1] = 4;
	p->nkeys = 6;
	p->ndomains = 3;
	for (i = 0; i < IMAGE_SECTIONS; i++) {
		p->v[i] = s[i].v;
		p->n[i] = s[i].n;
	}
}

/* The header checksum (FNV-1a 64), for tests that damage and reseal. */
static void
image_sample_seal(unsigned char *img)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < IMAGE_HEADER_SIZE - 8; i++) {
		h ^= img[i];
		h *= 0x100000001b3ULL;
	}
	for (i = 0; i < 8; i++, h >>= 8)
		img[IMAGE_HEADER_SIZE - 8 + i] = (unsigned char)h;
}

#endif
