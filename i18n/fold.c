#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "i18n/fold.h"
#include "i18n/fold-table.h"
#include "lib/xmalloc.h"

/* Traditional → Simplified, from the generated table (sorted by from). */
static uint32_t
fold_simplified(uint32_t c)
{
	size_t lo = 0, hi = FOLD_HAN_PAIRS, mid;

	if (c < fold_han[0][0] || c > fold_han[FOLD_HAN_PAIRS - 1][0])
		return c;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (fold_han[mid][0] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < FOLD_HAN_PAIRS && fold_han[lo][0] == c ? fold_han[lo][1] : c;
}

/* White space, control and format characters: never part of a match. */
static int
fold_ignored(uint32_t c)
{
	if (c <= 0x20 || (c >= 0x7F && c <= 0xA0))
		return 1;
	switch (c) {
	case 0xAD: case 0x1680: case 0x180E: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
		return 1;
	}
	return (c >= 0x2000 && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	    (c >= 0x2060 && c <= 0x206F);
}

/* The brackets document numbers are written with in one source or another. */
static int
fold_bracket(uint32_t c)
{
	switch (c) {
	case '(': case ')': case '[': case ']': case '{': case '}':
	case 0x3014: case 0x3015:	/* 〔〕 */
	case 0x3010: case 0x3011:	/* 【】 */
	case 0x3016: case 0x3017:	/* 〖〗 */
	case 0x3018: case 0x3019:	/* 〘〙 */
		return 1;
	}
	return 0;
}

/*
 * A Latin letter with accents is the plain letter (pinyin typed with tone
 * marks: zuì → zui), except ü, which pinyin keyboards type as v (lǜ → lv).
 */
static uint32_t
fold_latin(uint32_t c)
{
	uint32_t d[UC_DECOMPOSITION_MAX_LENGTH];
	int i;

	if (c == 0xDC || c == 0xFC || (c >= 0x1D5 && c <= 0x1DC))
		return 'v';
	for (i = 0; i < 4 && c >= 0x80; i++) {
		if (uc_canonical_decomposition(c, d) <= 0)
			break;
		c = d[0];
	}
	return c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : uc_tolower(c);
}

uint32_t
fold_char(uint32_t c)
{
	uint32_t d[UC_DECOMPOSITION_MAX_LENGTH];

	if (c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFEE0;		/* full-width ASCII */
	if (fold_ignored(c) || fold_bracket(c))
		return 0;
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	switch (c) {
	case 0x300C: return 0x201C;	/* 「 → “ */
	case 0x300D: return 0x201D;
	case 0x300E: return 0x2018;	/* 『 → ‘ */
	case 0x300F: return 0x2019;
	}
	if ((c >= 0xC0 && c <= 0x24F) || (c >= 0x1E00 && c <= 0x1EFF))
		return fold_latin(c);
	/* A compatibility ideograph is its unified twin (NFC does this). */
	if (c >= 0xF900 && c <= 0xFAFF && uc_canonical_decomposition(c, d) == 1)
		c = d[0];
	if (c >= 0x3400)
		return fold_simplified(c);
	return uc_tolower(c);
}

void
fold_text_init(struct fold_text *f)
{
	memset(f, 0, sizeof *f);
}

void
fold_text_done(struct fold_text *f)
{
	free(f->v);
	free(f->at);
	memset(f, 0, sizeof *f);
}

void
fold_text(struct fold_text *f, const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	ucs4_t c;
	uint32_t folded;
	int n;

	/* One unit per source byte at most. */
	if (f->cap < len + 1) {
		f->cap = len + 1;
		f->v = xreallocarray(f->v, f->cap, sizeof *f->v);
		f->at = xreallocarray(f->at, f->cap, sizeof *f->at);
	}
	f->n = 0;
	while (p < end) {
		n = u8_mbtoucr(&c, p, (size_t)(end - p));
		if (n < 0) {
			p++;
			continue;
		}
		if ((folded = fold_char(c)) != 0) {
			f->v[f->n] = folded;
			f->at[f->n++] = (uint32_t)(p - (const uint8_t *)s);
		}
		p += n;
	}
	f->at[f->n] = (uint32_t)len;
}

char *
fold_text_utf8(const struct fold_text *f)
{
	char *out, *q;
	size_t i;
	int n;

	out = q = xmalloc(4 * f->n + 1);
	for (i = 0; i < f->n; i++) {
		n = u8_uctomb((uint8_t *)q, f->v[i], 4);
		q += n > 0 ? n : 0;
	}
	*q = '\0';
	return out;
}
