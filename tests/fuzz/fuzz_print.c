/*
 * libFuzzer target for the printed page layout: any text in any element
 * (escape sequences, invalid UTF-8, endless words, wide and ambiguous
 * characters) must give pages whose every line fits the page's columns,
 * holds no control character, and whose footers count the pages. Build:
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I<builddir> -I. \
 *       print/page.c i18n/text.c lib/xmalloc.c tests/fuzz/fuzz_print.c \
 *       -lunistring
 *
 * The first byte sets the flags and the ambiguous width; the rest is
 * split at NUL bytes into the item's text elements and the catalogue's.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/store/catalogue.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "print/page.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_FIELDS	13

/* Does s fit from column x, with nothing a printer would act on? */
static int
fuzz_clean(const char *s, int x)
{
	const unsigned char *p;

	if (s == NULL)
		return 1;
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	}
	/* x < 0: any width (the job's name is not on the page). */
	return x < 0 || x + (int)text_width(s, strlen(s)) <= PRINT_COLS;
}

static void
fuzz_check(const struct print_doc *doc)
{
	const struct print_line *l;
	char want[64];
	size_t p;
	int row;

	/* The page counts ambiguous characters as two columns. */
	text_set_ambiguous_width(2);
	if (doc->npages == 0 || !fuzz_clean(doc->title, -PRINT_COLS))
		abort();
	for (p = 0; p < doc->npages; p++) {
		for (row = 0; row < PRINT_LINES; row++) {
			l = &doc->pages[p].lines[row];
			if (l->text == NULL || !fuzz_clean(l->text, l->x) ||
			    !fuzz_clean(l->left, 0))
				abort();
		}
		snprintf(want, sizeof want, "Page %zu of %zu", p + 1, doc->npages);
		if (strcmp(doc->pages[p].lines[PRINT_LINES - 1].text, want) != 0)
			abort();
	}
}

static enum flag
fuzz_flag(unsigned bits)
{
	return (bits & 3) == 0 ? FLAG_NO : (bits & 3) == 1 ? FLAG_YES :
	    FLAG_UNSTATED;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *f[FUZZ_FIELDS], *end;
	struct print_meta meta;
	struct print_doc *doc;
	struct item it;
	size_t i;

	if (size < 1)
		return 0;
	buf = xmalloc(size);
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	end = buf + size - 1;
	for (i = 0, f[0] = buf; i < FUZZ_FIELDS; i++) {
		f[i] = i == 0 ? buf : f[i - 1] + strlen(f[i - 1]);
		if (i > 0 && f[i] < end)
			f[i]++;	/* past the NUL that ended the last field */
	}
	memset(&it, 0, sizeof it);
	it.domain = f[0]; it.level1 = f[1]; it.level2 = f[2]; it.content = f[3];
	it.basis = f[4]; it.time_limit = f[5]; it.subject = f[6];
	it.channels = f[7]; it.jurisdiction = f[8]; it.code = f[9];
	it.source_url = f[10];
	it.audience_all = fuzz_flag(data[0]);
	it.audience_specific = fuzz_flag(data[0] >> 2);
	it.method_active = fuzz_flag(data[0] >> 4);
	it.method_on_request = it.level_county = fuzz_flag(data[0] >> 6);
	it.level_township = it.level_village = FLAG_UNSTATED;
	text_set_ambiguous_width(data[0] & 0x80 ? 2 : 1);
	meta.catalogue = f[11];
	meta.version = f[12];
	meta.printed = "2026-01-01 00:00";
	doc = print_doc_create(&it, &meta);
	fuzz_check(doc);
	print_doc_free(doc);
	free(buf);
	return 0;
}
