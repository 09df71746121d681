#include <config.h>

#include <stdint.h>
#include <stdio.h>
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

/* Swap one start (zh → z, z → zh …) of s into out; 0 if none applies. */
static int
pinyin_swap_start(const char *s, char *out, size_t size)
{
	static const char *const pairs[][2] = { { "zh", "z" }, { "ch", "c" },
	    { "sh", "s" }, { "n", "l" }, { "l", "n" }, { "f", "h" },
	    { "h", "f" } };
	size_t i, n;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		n = strlen(pairs[i][0]);
		if (strncmp(s, pairs[i][0], n) != 0)
			continue;
		snprintf(out, size, "%s%s", pairs[i][1], s + n);
		return 1;
	}
	/* z, c, s alone become zh, ch, sh */
	if ((s[0] == 'z' || s[0] == 'c' || s[0] == 's') && s[1] != 'h') {
		snprintf(out, size, "%ch%s", s[0], s + 1);
		return 1;
	}
	return 0;
}

/* Swap the end (ang → an, an → ang …) of s into out; 0 if none applies. */
static int
pinyin_swap_end(const char *s, char *out, size_t size)
{
	size_t n = strlen(s);

	if (n >= 3 && strcmp(s + n - 2, "ng") == 0 && strchr("aei",
	    s[n - 3]) != NULL) {
		snprintf(out, size, "%.*s", (int)(n - 1), s);
		return 1;
	}
	if (n >= 2 && s[n - 1] == 'n' && strchr("aei", s[n - 2]) != NULL) {
		snprintf(out, size, "%sg", s);
		return 1;
	}
	return 0;
}

size_t
pinyin_alike(unsigned id, unsigned *out, size_t max)
{
	char a[16], b[16], c[16];
	const char *s = pinyin_syllable(id);
	size_t n = 0;
	int k;

	if (*s == '\0')
		return 0;
	if (pinyin_swap_start(s, a, sizeof a) && (k = pinyin_find(a,
	    strlen(a))) >= 0 && n < max)
		out[n++] = (unsigned)k;
	if (pinyin_swap_end(s, b, sizeof b) && (k = pinyin_find(b,
	    strlen(b))) >= 0 && n < max)
		out[n++] = (unsigned)k;
	if (pinyin_swap_start(s, a, sizeof a) && pinyin_swap_end(a, c,
	    sizeof c) && (k = pinyin_find(c, strlen(c))) >= 0 && n < max)
		out[n++] = (unsigned)k;
	return n;
}
