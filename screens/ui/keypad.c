#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "screens/ui/draw.h"
#include "screens/ui/keypad.h"

/* Keys a row, tried in turn: 13 gives A–M, N–Z, digits and wide keys. */
static const int keypad_per_row[] = { 13, 10, 9, 8, 7, 6, 5, 4 };

/* The letter and digit labels, each followed by a NUL. */
static const char keypad_chars[] =
    "A\0B\0C\0D\0E\0F\0G\0H\0I\0J\0K\0L\0M\0N\0O\0P\0Q\0R\0S\0T\0U\0V\0W\0"
    "X\0Y\0Z\0" "0\0" "1\0" "2\0" "3\0" "4\0" "5\0" "6\0" "7\0" "8\0" "9";

#define KEYPAD_CHARS	36	/* keys before the wide ones */

static int
keypad_code(int i)
{
	if (i < 26)
		return 'a' + i;
	if (i < KEYPAD_CHARS)
		return '0' + i - 26;
	return i == KEYPAD_CHARS ? KEYPAD_DELETE : i == KEYPAD_CHARS + 1 ?
	    KEYPAD_CLEAR : KEYPAD_SPACE;
}

const char *
keypad_label(int code)
{
	if (code >= 'a' && code <= 'z')
		return keypad_chars + 2 * (code - 'a');
	if (code >= '0' && code <= '9')
		return keypad_chars + 2 * (26 + code - '0');
	/* TRANSLATORS: keys of the search's on-screen keypad: at most 5
	   columns, so that they fit a key on a 80-column terminal. */
	if (code == KEYPAD_DELETE)
		return _("Del");
	if (code == KEYPAD_CLEAR)
		return _("Clear");
	if (code == KEYPAD_SPACE)
		return _("Space");
	return "";
}

int
keypad_label_cols(void)
{
	static const int wide[] = { KEYPAD_DELETE, KEYPAD_CLEAR, KEYPAD_SPACE };
	const char *s;
	int w, most = 0;
	size_t i;

	for (i = 0; i < sizeof wide / sizeof wide[0]; i++) {
		s = keypad_label(wide[i]);
		w = (int)text_width(s, strlen(s));
		if (w > most)
			most = w;
	}
	return most;
}

/* Rows of keys that per keys a row make, wide keys taking span each. */
static int
keypad_rows(int per, int span)
{
	int i, col = 0, rows = 1, s;

	for (i = 0; i < KEYPAD_KEYS; i++) {
		s = i < KEYPAD_CHARS ? 1 : span;
		if (col + s > per) {
			rows++;
			col = 0;
		}
		col += s;
	}
	return rows;
}

/* Place the keys: per a row, each kh × kw, from (y, x). */
static void
keypad_place(struct keypad *kp, int y, int x, int per, int span, int kh,
    int kw, int vgap)
{
	int i, col = 0, row = 0, s;
	struct keypad_key *k;

	for (i = 0; i < KEYPAD_KEYS; i++) {
		s = i < KEYPAD_CHARS ? 1 : span;
		if (col + s > per) {
			row++;
			col = 0;
		}
		k = &kp->key[i];
		k->y = y + row * (kh + vgap);
		k->x = x + col * (kw + 1);
		k->rows = kh;
		k->cols = s * kw + (s - 1);
		k->code = keypad_code(i);
		col += s;
	}
	kp->n = KEYPAD_KEYS;
	kp->top = y;
}

int
keypad_layout(struct keypad *kp, int y, int x, int rows, int cols,
    int min_rows, int min_cols, int label_cols)
{
	int per, kw, kh, span, nrows, vgap, most, score;
	int best = 0, bper = 0, bkw = 0, bkh = 0, bspan = 0, bvgap = 0, bn = 0;
	size_t i;

	memset(kp, 0, sizeof *kp);
	if (min_rows < 1 || min_cols < 1)
		return -1;
	for (i = 0; i < sizeof keypad_per_row / sizeof keypad_per_row[0]; i++) {
		per = keypad_per_row[i];
		kw = (cols - (per - 1)) / per;
		if (kw > KEYPAD_MAX_COLS)
			kw = KEYPAD_MAX_COLS;
		if (kw < min_cols)
			continue;
		span = label_cols > kw ? 2 : 1;
		nrows = keypad_rows(per, span);
		/*
		 * A blank row between rows of keys, so that keys of several
		 * rows read as keys; keys one row high are lines of their
		 * own and can do without.
		 */
		vgap = 1;
		kh = (rows - (nrows - 1) * vgap) / nrows;
		if (kh < 2) {
			vgap = 0;
			kh = rows / nrows;
		}
		/* About square: a cell is twice as high as it is wide. */
		most = kw / 2 + 1;
		if (most > KEYPAD_MAX_ROWS)
			most = KEYPAD_MAX_ROWS;
		if (kh > most)
			kh = most;
		if (kh < min_rows || kh < 1)
			continue;
		if (kh == 1)
			vgap = 0;
		/*
		 * The key's shorter side, in widths of a cell: what a finger
		 * has to hit. The first best wins: the fewest rows of keys.
		 */
		score = 2 * kh < kw ? 2 * kh : kw;
		if (score > best) {
			best = score;
			bper = per;
			bkw = kw;
			bkh = kh;
			bspan = span;
			bvgap = vgap;
			bn = nrows;
		}
	}
	if (best == 0)
		return -1;
	keypad_place(kp, y + rows - (bn * bkh + (bn - 1) * bvgap),
	    x + (cols - (bper * bkw + (bper - 1))) / 2, bper, bspan, bkh, bkw,
	    bvgap);
	return 0;
}

int
keypad_fit(struct keypad *kp, int top, int bottom, int cols, int keep,
    int opened, int label_cols)
{
	int avail = bottom - top, least, h;

	least = 3 * KEYPAD_FINGER_ROWS + 2;
	h = avail / 2 > least ? avail / 2 : least;
	if (h > avail - keep)
		h = avail - keep;
	if (h > 0 && keypad_layout(kp, bottom - h, 1, h, cols - 2,
	    KEYPAD_FINGER_ROWS, KEYPAD_FINGER_COLS, label_cols) == 0)
		return 0;
	if (opened)
		keypad_layout(kp, top, 1, avail, cols - 2, KEYPAD_SMALL_ROWS,
		    KEYPAD_SMALL_COLS, label_cols);
	return 1;
}

int
keypad_hit(const struct keypad *kp, int y, int x)
{
	const struct keypad_key *k;
	int i;

	for (i = 0; i < kp->n; i++) {
		k = &kp->key[i];
		if (y >= k->y && y < k->y + k->rows && x >= k->x &&
		    x < k->x + k->cols)
			return k->code;
	}
	return 0;
}

void
keypad_draw(const struct keypad *kp, struct ui *ui)
{
	const struct keypad_key *k;
	const char *label;
	char *blank;
	int i, r, w;

	(void)ui;
	for (i = 0; i < kp->n; i++) {
		k = &kp->key[i];
		blank = xmalloc((size_t)k->cols + 1);
		memset(blank, ' ', (size_t)k->cols);
		blank[k->cols] = '\0';
		for (r = 0; r < k->rows; r++)
			draw_text(k->y + r, k->x, blank, k->cols, DRAW_ACTIVE);
		free(blank);
		label = keypad_label(k->code);
		w = (int)text_width(label, strlen(label));
		if (w > k->cols)
			w = k->cols;
		draw_text(k->y + (k->rows - 1) / 2, k->x + (k->cols - w) / 2,
		    label, k->cols, DRAW_ACTIVE);
	}
}

int
keypad_is_text(int key)
{
	if (key >= 'a' && key <= 'z')
		return 1;
	if (key >= 'A' && key <= 'Z')
		return 1;
	if (key >= '0' && key <= '9')
		return 1;
	/* Past ASCII and its C1 controls, before the curses key codes. */
	return key >= 0xa0 && key < SCREEN_KEY(0);
}
