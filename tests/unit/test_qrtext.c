/*
 * QR codes as text (lib/qrtext.c): read the block characters back into
 * modules and compare them with what libqrencode makes; the quiet zone is
 * light all round; the code is as large as fits and never larger than the
 * space; too small a space and too long a text say so.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "lib/qrtext.h"
#include "lib/xmalloc.h"
#include "tests/unit/tap.h"

static const char short_url[] = "http://mdx.gov.cn/info/1477/43906.htm";
static const char long_url[] = "http://www.sdwenchanghu.gov.cn/gongkai/"
    "site_wchqzrzyj/channel_c_5f9f6ab8c69c9a8abe968196_n_1605682825.1353/"
    "doc_5fed8cfb7aafedb4315a10d9.html";

/* A picture of the code: one byte per module cell, 1 for light. */
struct picture {
	unsigned char	*px;
	int		 w, h;
};

/* Read one character at s into up to two cells; its byte length, 0 at end. */
static size_t
read_cell(const char *s, int *top, int *bottom)
{
	if (strncmp(s, "█", 3) == 0)
		*top = *bottom = 1;
	else if (strncmp(s, "▀", 3) == 0)
		*top = 1, *bottom = 0;
	else if (strncmp(s, "▄", 3) == 0)
		*top = 0, *bottom = 1;
	else if (*s == ' ')
		*top = *bottom = 0;
	else
		return 0;
	return *s == ' ' ? 1 : 3;
}

/*
 * The lines as cells, for per_char modules a character and char_cols
 * columns a character (a dark cell of two columns is two blanks).
 */
static int
picture_of(const struct qrtext *q, int per_char, int char_cols,
    struct picture *p)
{
	int x, y, top, bottom;
	const char *s;
	size_t n;

	p->w = q->cols / char_cols;
	p->h = (int)q->n * per_char;
	p->px = xcalloc((size_t)(p->w * p->h), 1);
	for (y = 0; y < (int)q->n; y++) {
		for (s = q->lines[y], x = 0; *s != '\0'; x++) {
			if (x >= p->w || (n = read_cell(s, &top, &bottom)) == 0)
				return -1;
			s += n;
			if (n == 1 && char_cols == 2 && *s++ != ' ')
				return -1;	/* a lone blank in a two-column cell */
			p->px[y * per_char * p->w + x] = (unsigned char)top;
			if (per_char == 2)
				p->px[(y * 2 + 1) * p->w + x] = (unsigned char)bottom;
		}
		if (x != p->w)
			return -1;
	}
	return 0;
}

/* Does the picture hold exactly libqrencode's code, and light around it? */
static int
picture_matches(const struct picture *p, const struct qrtext *q,
    const char *text)
{
	QRcode *code = QRcode_encodeString(text, 0, q->level == 'M' ?
	    QR_ECLEVEL_M : QR_ECLEVEL_L, QR_MODE_8, 1);
	int x, y, mx, my, want, bad = 0, side = (q->modules + 2 * q->quiet) *
	    q->scale;

	if (code == NULL || code->width != q->modules || p->w != side ||
	    p->h < side || p->h > side + 1) {
		QRcode_free(code);
		return 0;
	}
	for (y = 0; y < p->h; y++) {
		for (x = 0; x < p->w; x++) {
			mx = x / q->scale - q->quiet;
			my = y / q->scale - q->quiet;
			want = mx < 0 || my < 0 || mx >= code->width ||
			    my >= code->width || y >= side ? 1 :
			    !(code->data[my * code->width + mx] & 1);
			bad += p->px[y * p->w + x] != want;
		}
	}
	QRcode_free(code);
	return bad == 0;
}

static void
check(const char *text, int amb, int cols, int rows, const char *what)
{
	struct qrtext q;
	struct picture p = { NULL, 0, 0 };
	int rc = qrtext_make(text, amb, cols, rows, &q), per_char, char_cols;
	char msg[256];

	snprintf(msg, sizeof msg, "%s: a code is made", what);
	ok(rc == QRTEXT_OK, msg);
	snprintf(msg, sizeof msg, "%s: it fits in %dx%d (%dx%zu)", what, cols,
	    rows, q.cols, q.n);
	ok(rc == QRTEXT_OK && q.cols <= cols && (int)q.n <= rows, msg);
	/* Two columns a character: square full blocks, or half blocks. */
	char_cols = amb;
	per_char = amb == 2 && (int)q.n == (q.modules + 2 * q.quiet) * q.scale ?
	    1 : 2;
	snprintf(msg, sizeof msg, "%s: read back, it is libqrencode's code "
	    "with a light quiet zone of %d", what, q.quiet);
	ok(rc == QRTEXT_OK && picture_of(&q, per_char, char_cols, &p) == 0 &&
	    picture_matches(&p, &q, text), msg);
	snprintf(msg, sizeof msg, "%s: a quiet zone of at least %d", what,
	    QRTEXT_MIN_QUIET);
	ok(q.quiet >= QRTEXT_MIN_QUIET, msg);
	free(p.px);
	qrtext_done(&q);
}

static void
test_sizes(void)
{
	struct qrtext q;
	char *huge;

	qrtext_make(short_url, 1, 200, 60, &q);
	ok(q.scale >= 2 && q.quiet == 4, "a big window gets bigger modules and "
	    "the whole quiet zone");
	qrtext_done(&q);
	qrtext_make(short_url, 1, 78, 22, &q);
	ok(q.scale == 1 && q.quiet == 4 && q.level == 'M', "80x24: one module "
	    "a column, the whole quiet zone, error correction M");
	qrtext_done(&q);
	qrtext_make(short_url, 2, 78, 22, &q);
	ok((int)q.n * 2 >= q.modules, "ambiguous width 2 at 80x24: half "
	    "blocks two columns wide when full blocks do not fit");
	qrtext_done(&q);
	is_int(qrtext_make(long_url, 1, 38, 10, &q), QRTEXT_TOO_SMALL,
	    "40x12 is too small for 140 bytes");
	ok(q.cols > 38 && q.n > 10 && q.lines == NULL, "and it says how much "
	    "room the code needs");
	qrtext_done(&q);
	huge = xmalloc(4000);
	memset(huge, 'x', 3999);
	huge[3999] = '\0';
	is_int(qrtext_make(huge, 1, 1000, 1000, &q), QRTEXT_ERROR,
	    "a text too long for any QR code is an error");
	qrtext_done(&q);
	free(huge);
}

int
main(void)
{
	check(short_url, 1, 78, 22, "short address, 80x24");
	check(long_url, 1, 78, 24, "140-byte address, 80x24, whole height");
	check(long_url, 1, 198, 58, "140-byte address, 200x60");
	check(short_url, 2, 118, 38, "ambiguous width 2, 120x40");
	check(short_url, 2, 78, 22, "ambiguous width 2, 80x24");
	check(long_url, 2, 198, 58, "ambiguous width 2, 140 bytes, 200x60");
	test_sizes();
	return tap_done();
}
