#include <config.h>

#include <stdint.h>
#include <string.h>

#include "i18n/pinyin.h"
#include "i18n/pinyin-table.h"

/*
 * The generated tables pack a character's readings as (n << 24) | offset:
 * n syllable ids start at pinyin_ids[offset]. 0 means no reading.
 */
#define PINYIN_N(v)	((size_t)((v) >> 24))
#define PINYIN_AT(v)	((v) & 0xFFFFFF)

size_t
pinyin_syllables(void)
{
	return PINYIN_SYLLABLES;
}

const char *
pinyin_syllable(unsigned id)
{
	return id < PINYIN_SYLLABLES ? pinyin_names[id] : "";
}

size_t
pinyin_readings(uint32_t c, const uint16_t **ids)
{
	size_t lo = 0, hi = PINYIN_SPARSE, mid;
	uint32_t v = 0;

	if (c >= PINYIN_DENSE_FIRST && c <= PINYIN_DENSE_LAST)
		v = pinyin_dense[c - PINYIN_DENSE_FIRST];
	else if (c >= pinyin_sparse[0][0]) {
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (pinyin_sparse[mid][0] < c)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < PINYIN_SPARSE && pinyin_sparse[lo][0] == c)
			v = pinyin_sparse[lo][1];
	}
	*ids = v != 0 ? &pinyin_ids[PINYIN_AT(v)] : NULL;
	return PINYIN_N(v);
}

/* Compare s[0..len) with a syllable: <0, 0 (equal) or >0, like strcmp. */
static int
pinyin_cmp(const char *s, size_t len, const char *name)
{
	size_t n = strlen(name);
	int r = memcmp(s, name, len < n ? len : n);

	if (r != 0)
		return r;
	return len < n ? -1 : len > n ? 1 : 0;
}

/* The first syllable not less than s[0..len). */
static size_t
pinyin_lower_bound(const char *s, size_t len)
{
	size_t lo = 0, hi = PINYIN_SYLLABLES, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (pinyin_cmp(s, len, pinyin_names[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
pinyin_find(const char *s, size_t len)
{
	size_t i = pinyin_lower_bound(s, len);

	if (i < PINYIN_SYLLABLES && pinyin_cmp(s, len, pinyin_names[i]) == 0)
		return (int)i;
	return -1;
}

int
pinyin_is_prefix(const char *s, size_t len)
{
	size_t i = pinyin_lower_bound(s, len);

	return len > 0 && i < PINYIN_SYLLABLES &&
	    strncmp(pinyin_names[i], s, len) == 0;
}
