#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "lib/qrtext.h"
#include "lib/xmalloc.h"

/* Largest module: a code bigger than this is no easier to scan. */
#define QRTEXT_MAX_SCALE	3

/* How modules map to characters. */
struct qrtext_style {
	int	per_char;	/* modules one above the other in a character */
	int	char_cols;	/* columns a character takes */
};

static const struct qrtext_style qrtext_narrow[] = { { 2, 1 } };
/* Square full blocks first; half blocks when those do not fit. */
static const struct qrtext_style qrtext_wide[] = { { 1, 2 }, { 2, 2 } };

/* What one attempt at a size looks like. */
struct qrtext_fit {
	const QRcode		 *code;
	struct qrtext_style	  style;
	int			  scale, quiet;
	int			  pixels;	/* module cells a side, quiet zone included */
};

static int
qrtext_lines(const struct qrtext_fit *f)
{
	return (f->pixels + f->style.per_char - 1) / f->style.per_char;
}

/* Is the pixel at (x, y) light? The quiet zone and beyond are. */
static int
qrtext_light(const struct qrtext_fit *f, int x, int y)
{
	int mx = x / f->scale - f->quiet, my = y / f->scale - f->quiet;
	int w = f->code->width;

	if (y >= f->pixels || mx < 0 || my < 0 || mx >= w || my >= w)
		return 1;
	return !(f->code->data[my * w + mx] & 1);
}

static const char *
qrtext_cell(const struct qrtext_fit *f, int x, int y)
{
	int top = qrtext_light(f, x, y), bottom;

	if (f->style.per_char == 1)
		return top ? "█" : f->style.char_cols == 2 ? "  " : " ";
	bottom = qrtext_light(f, x, y + 1);
	if (top && bottom)
		return "█";
	if (top || bottom)
		return top ? "▀" : "▄";
	return f->style.char_cols == 2 ? "  " : " ";
}

static void
qrtext_render(const struct qrtext_fit *f, struct qrtext *out)
{
	size_t cap = (size_t)f->pixels * strlen("█") + 1, len;
	const char *cell;
	int x, line;

	out->n = (size_t)qrtext_lines(f);
	out->lines = xcalloc(out->n, sizeof *out->lines);
	for (line = 0; line < (int)out->n; line++) {
		out->lines[line] = xmalloc(cap);
		len = 0;
		for (x = 0; x < f->pixels; x++) {
			cell = qrtext_cell(f, x, line * f->style.per_char);
			memcpy(out->lines[line] + len, cell, strlen(cell));
			len += strlen(cell);
		}
		out->lines[line][len] = '\0';
	}
	out->cols = f->pixels * f->style.char_cols;
	out->version = f->code->version;
	out->modules = f->code->width;
	out->quiet = f->quiet;
	out->scale = f->scale;
}

/*
 * The biggest modules, then the widest quiet zone, then the higher error
 * correction (code[0], if any) at which a code fits in style; 0 and *f
 * filled if one does.
 */
static int
qrtext_try(QRcode *const code[2], const struct qrtext_style *style,
    int max_cols, int max_rows, struct qrtext_fit *f)
{
	int l;

	f->style = *style;
	for (f->scale = QRTEXT_MAX_SCALE; f->scale >= 1; f->scale--) {
		/* Bigger modules only with the whole quiet zone. */
		for (f->quiet = 4; f->quiet >= (f->scale > 1 ? 4 :
		    QRTEXT_MIN_QUIET); f->quiet--) {
			for (l = 0; l < 2; l++) {
				if ((f->code = code[l]) == NULL)
					continue;
				f->pixels = (code[l]->width + 2 * f->quiet) *
				    f->scale;
				if (f->pixels * style->char_cols <= max_cols &&
				    qrtext_lines(f) <= max_rows)
					return l;
			}
		}
	}
	return -1;
}

/* Smallest space the code needs (the last, most compact, style). */
static void
qrtext_need(const QRcode *code, const struct qrtext_style *style,
    struct qrtext *out)
{
	struct qrtext_fit f = { code, *style, 1, QRTEXT_MIN_QUIET,
	    code->width + 2 * QRTEXT_MIN_QUIET };

	out->cols = f.pixels * style->char_cols;
	out->n = (size_t)qrtext_lines(&f);
	out->version = code->version;
	out->modules = code->width;
}

int
qrtext_make(const char *text, int ambiguous_width, int max_cols,
    int max_rows, struct qrtext *out)
{
	static const QRecLevel levels[] = { QR_ECLEVEL_M, QR_ECLEVEL_L };
	const struct qrtext_style *styles = ambiguous_width == 2 ?
	    qrtext_wide : qrtext_narrow;
	size_t nstyles = ambiguous_width == 2 ? 2 : 1, s, l;
	struct qrtext_fit f;
	QRcode *code[2];
	int rc = QRTEXT_TOO_SMALL, level;

	memset(out, 0, sizeof *out);
	for (l = 0; l < 2; l++)
		code[l] = QRcode_encodeString(text, 0, levels[l], QR_MODE_8, 1);
	if (code[1] == NULL) {
		QRcode_free(code[0]);
		return QRTEXT_ERROR;
	}
	/* Square modules first. */
	for (s = 0; s < nstyles && rc != QRTEXT_OK; s++) {
		if ((level = qrtext_try(code, &styles[s], max_cols, max_rows,
		    &f)) >= 0) {
			qrtext_render(&f, out);
			out->level = level == 0 ? 'M' : 'L';
			rc = QRTEXT_OK;
		}
	}
	if (rc != QRTEXT_OK)
		qrtext_need(code[1], &styles[nstyles - 1], out);
	QRcode_free(code[0]);
	QRcode_free(code[1]);
	return rc;
}

void
qrtext_done(struct qrtext *q)
{
	size_t i;

	for (i = 0; q->lines != NULL && i < q->n; i++)
		free(q->lines[i]);
	free(q->lines);
	memset(q, 0, sizeof *q);
}
