/*
 * bench/tsfold [REFERENCE_CSV]: which Traditional → Simplified converter
 * folds the catalogue's vocabulary best. The text of the reference
 * catalogue's searched columns is converted to Traditional the way
 * machine-converted pages are (OpenCC s2t, s2tw, s2hk, and ICU's
 * Simplified-Traditional); then each candidate folding is applied to the
 * Traditional text and to the original, and every character where the two
 * differ is counted: a place where a visitor typing the one would not find
 * the other. Candidates:
 *   - chayue's fold_char: OpenCC's dictionaries, one character at a time
 *     (generated at build time by i18n/gen-fold);
 *   - ICU's Traditional-Simplified, one character at a time;
 *   - ICU's Traditional-Simplified on whole texts;
 *   - OpenCC's t2s on whole texts (phrase dictionaries included).
 * Only a per-character folding keeps every substring of a text a substring
 * of its folded form, which substring search needs.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <opencc.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unistr.h>

#include "data/import/csv.h"
#include "data/import/diag.h"
#include "i18n/fold.h"
#include "lib/xmalloc.h"

static const char *const columns[] = { "level1", "level2", "content", "basis",
    "subject", "jurisdiction" };

/* The searched columns of every row, one text per line. */
static char *
read_corpus(const char *path)
{
	struct diag_list d;
	struct csv_reader *r;
	struct csv_record rec;
	int col[6], i, k, first = 1;
	size_t cap = 1 << 16, len = 0, n;
	char *out = xmalloc(cap), *buf;
	FILE *fp = fopen(path, "rb");
	long size;

	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0)
		return NULL;
	rewind(fp);
	buf = xmalloc((size_t)size + 1);
	if (fread(buf, 1, (size_t)size, fp) != (size_t)size)
		return NULL;
	fclose(fp);
	diag_init(&d);
	r = csv_open(buf, (size_t)size, ',', path, &d);
	while (csv_read(r, &rec) == 1) {
		for (k = 0; k < 6; k++) {
			if (first) {
				for (col[k] = -1, i = 0; i < (int)rec.n; i++)
					if (strcmp(rec.v[i].text, columns[k]) == 0)
						col[k] = i;
				continue;
			}
			if (col[k] < 0 || col[k] >= (int)rec.n)
				continue;
			n = rec.v[col[k]].len;
			while (len + n + 2 > cap)
				out = xreallocarray(out, cap *= 2, 1);
			for (i = 0; i < (int)n; i++)
				out[len++] = rec.v[col[k]].text[i] == '\n' ? ' ' :
				    rec.v[col[k]].text[i];
			out[len++] = '\n';
		}
		first = 0;
	}
	out[len] = '\0';
	csv_close(r);
	diag_done(&d);
	free(buf);
	return out;
}

static char *
opencc_whole(const char *config, const char *s)
{
	opencc_t cc = opencc_open(config);
	char *r, *out;

	if (cc == (opencc_t)-1)
		return NULL;
	r = opencc_convert_utf8(cc, s, strlen(s));
	out = xstrdup(r != NULL ? r : "");
	opencc_convert_utf8_free(r);
	opencc_close(cc);
	return out;
}

/* ICU transliteration of s (id: e.g. "Traditional-Simplified"). */
static char *
icu_whole(const char *id, const char *s)
{
	UErrorCode status = U_ZERO_ERROR;
	UChar uid[64], *u;
	UTransliterator *t;
	int32_t len, cap, limit, n;
	char *out;

	u_uastrcpy(uid, id);
	t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
	u_strFromUTF8(NULL, 0, &len, s, -1, &status);
	status = U_ZERO_ERROR;
	cap = 2 * len + 16;
	u = xcalloc((size_t)cap, sizeof *u);
	u_strFromUTF8(u, cap, &len, s, -1, &status);
	limit = len;
	utrans_transUChars(t, u, &len, cap, 0, &limit, &status);
	u_strToUTF8(NULL, 0, &n, u, len, &status);
	status = U_ZERO_ERROR;
	out = xmalloc((size_t)n + 1);
	u_strToUTF8(out, n + 1, &n, u, len, &status);
	utrans_close(t);
	free(u);
	return U_SUCCESS(status) ? out : (free(out), (char *)NULL);
}

/* ICU, one character at a time. */
static char *
icu_per_char(const char *s)
{
	size_t len = strlen(s), i = 0, o = 0, k;
	char *out = xmalloc(4 * len + 1), ch[8], *t;

	while (i < len) {
		k = 1;
		while (i + k < len && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		memcpy(ch, s + i, k);
		ch[k] = '\0';
		t = (unsigned char)ch[0] >= 0xE3 ? icu_whole("Traditional-"
		    "Simplified", ch) : NULL;
		memcpy(out + o, t != NULL ? t : ch, strlen(t != NULL ? t : ch));
		o += strlen(t != NULL ? t : ch);
		free(t);
		i += k;
	}
	out[o] = '\0';
	return out;
}

static char *
chayue_fold(const char *s)
{
	struct fold_text f;
	char *out;

	fold_text_init(&f);
	fold_text(&f, s, strlen(s));
	out = fold_text_utf8(&f);
	fold_text_done(&f);
	return out;
}

/* Characters where a and b differ, compared as they are. */
static size_t
mismatches(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i = 0, j = 0, n = 0;
	ucs4_t ca, cb;

	while (i < la && j < lb) {
		i += (size_t)u8_mbtouc(&ca, (const uint8_t *)a + i, la - i);
		j += (size_t)u8_mbtouc(&cb, (const uint8_t *)b + j, lb - j);
		n += ca != cb;
	}
	while (i < la)
		n += ((unsigned char)a[i++] & 0xC0) != 0x80;
	while (j < lb)
		n += ((unsigned char)b[j++] & 0xC0) != 0x80;
	return n;
}

int
main(int argc, char **argv)
{
	const char *trad_names[] = { "OpenCC s2t", "OpenCC s2tw", "OpenCC s2hk",
	    "ICU S-T" };
	char *corpus, *trad[4], *a, *b;
	size_t i, chars = 0;

	corpus = read_corpus(argc > 1 ? argv[1] :
	    "data/demo/reference-catalogue.csv");
	if (corpus == NULL) {
		fprintf(stderr, "tsfold: cannot read the reference catalogue\n");
		return 1;
	}
	for (i = 0; corpus[i] != '\0'; i++)
		chars += ((unsigned char)corpus[i] & 0xC0) != 0x80;
	trad[0] = opencc_whole("s2t.json", corpus);
	trad[1] = opencc_whole("s2tw.json", corpus);
	trad[2] = opencc_whole("s2hk.json", corpus);
	trad[3] = icu_whole("Simplified-Traditional", corpus);
	printf("  %zu characters of the reference catalogue's searched text.\n"
	    "  Characters that do not fold to the same as the original\n"
	    "  (lower is better), per way the Traditional text was made:\n\n",
	    chars);
	printf("  %-34s", "folding");
	for (i = 0; i < 4; i++)
		printf("  %11.11s", trad_names[i]);
	printf("\n");
#define ROW(name, expr) do {						\
	printf("  %-34s", name);					\
	for (i = 0; i < 4; i++) {					\
		const char *in_ = trad[i]; a = expr; in_ = corpus; b = expr; \
		printf("  %11zu", a && b ? mismatches(a, b) : (size_t)-1); \
		free(a); free(b);					\
	}								\
	printf("\n");							\
} while (0)
	ROW("chayue (OpenCC, per character)", chayue_fold(in_));
	ROW("ICU Traditional-Simplified, per char", icu_per_char(in_));
	ROW("ICU Traditional-Simplified, texts", icu_whole("Traditional-"
	    "Simplified", in_));
	ROW("OpenCC t2s, texts (phrases)", opencc_whole("t2s.json", in_));
	for (i = 0; i < 4; i++)
		free(trad[i]);
	free(corpus);
	return 0;
}
