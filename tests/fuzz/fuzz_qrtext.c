#include <config.h>

/*
 * libFuzzer target for lib/qrtext.c: any source address (the catalogue's
 * source_url is whatever a file said) at any window size. The first three
 * bytes choose the ambiguous width and the space; the rest is the text.
 * A code wider or taller than its space, or lines of the wrong width,
 * abort.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/qrtext.h"
#include "lib/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Columns of a line: blocks and blanks, one column each as laid out. */
static int
line_cols(const char *s, int char_cols)
{
	int cols = 0;

	while (*s != '\0') {
		if (*s == ' ') {
			cols++;
			s++;
		} else if ((unsigned char)*s == 0xe2) {
			cols += char_cols;
			s += 3;
		} else
			abort();	/* nothing but blocks and blanks */
	}
	return cols;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qrtext q;
	char *text;
	int amb, cols, rows, rc;
	size_t i;

	if (size < 3)
		return 0;
	amb = data[0] & 1 ? 2 : 1;
	cols = data[1];
	rows = data[2];
	text = xstrndup((const char *)data + 3, size - 3);
	rc = qrtext_make(text, amb, cols, rows, &q);
	if (rc == QRTEXT_OK) {
		if (q.cols > cols || (int)q.n > rows || q.quiet < QRTEXT_MIN_QUIET)
			abort();
		for (i = 0; i < q.n; i++)
			if (line_cols(q.lines[i], amb) != q.cols)
				abort();
	} else if (q.lines != NULL)
		abort();
	qrtext_done(&q);
	free(text);
	return 0;
}
