/*
 * The search screen's on-screen keypad without a terminal
 * (screens/ui/keypad.c): where its keys go at several window sizes, that
 * each is large enough, inside the window, clear of the others and of the
 * results, and which key a touch hits.
 */
#include <config.h>

#include <curses.h>
#include <string.h>

#include "screens/ui/keypad.h"
#include "tests/unit/tap.h"

/* As the search screen has it: results from row 3 to the status line. */
#define TOP	3
#define KEEP	6

static int
overlap(const struct keypad_key *a, const struct keypad_key *b)
{
	return a->y < b->y + b->rows && b->y < a->y + a->rows &&
	    a->x < b->x + b->cols && b->x < a->x + a->cols;
}

/*
 * Every key at least min_rows × min_cols, inside rows [TOP, bottom) and
 * columns [0, cols), no two overlapping, every code once, each label
 * fitting its key; 1 if so.
 */
static int
sound(const struct keypad *kp, int bottom, int cols, int min_rows,
    int min_cols, int label_cols, const char *what)
{
	static const int wide[] = { KEYPAD_DELETE, KEYPAD_CLEAR, KEYPAD_SPACE };
	char msg[160];
	int i, j, seen[KEYPAD_KEYS], bad = 0, code, w;

	memset(seen, 0, sizeof seen);
	for (i = 0; i < kp->n; i++) {
		const struct keypad_key *k = &kp->key[i];

		if (k->rows < min_rows || k->cols < min_cols) {
			snprintf(msg, sizeof msg, "%s: key %d is %d×%d", what,
			    i, k->rows, k->cols);
			ok(0, msg);
			bad = 1;
		}
		if (k->y < TOP || k->y + k->rows > bottom || k->x < 0 ||
		    k->x + k->cols > cols)
			bad = 1;
		for (j = 0; j < i; j++)
			if (overlap(k, &kp->key[j]))
				bad = 1;
		code = k->code;
		w = code >= 'a' && code <= 'z' ? code - 'a' : code >= '0' &&
		    code <= '9' ? 26 + code - '0' : -1;
		for (j = 0; j < 3; j++)
			if (code == wide[j])
				w = 36 + j;
		if (w < 0 || seen[w]++)
			bad = 1;
		if ((w >= 36 ? label_cols : 1) > k->cols)
			bad = 1;
		/* The middle of a key and its corners hit it. */
		if (keypad_hit(kp, k->y + k->rows / 2, k->x + k->cols / 2) !=
		    code || keypad_hit(kp, k->y, k->x) != code ||
		    keypad_hit(kp, k->y + k->rows - 1, k->x + k->cols - 1) !=
		    code)
			bad = 1;
	}
	snprintf(msg, sizeof msg, "%s: %d keys, each at least %d×%d, inside, "
	    "apart, each code once, labels fit, hit where drawn", what,
	    KEYPAD_KEYS, min_rows, min_cols);
	ok(!bad && kp->n == KEYPAD_KEYS, msg);
	return !bad && kp->n == KEYPAD_KEYS;
}

/* A full-size keypad under the results at rows × cols. */
static void
test_window(int rows, int cols, int label_cols, int *key_rows)
{
	struct keypad kp;
	char what[80];
	int folded;

	snprintf(what, sizeof what, "%d×%d (labels of %d columns)", cols, rows,
	    label_cols);
	folded = keypad_fit(&kp, TOP, rows - 2, cols, KEEP, 0, label_cols);
	is_int(folded, 0, what);
	sound(&kp, rows - 2, cols, KEYPAD_FINGER_ROWS, KEYPAD_FINGER_COLS,
	    label_cols, what);
	ok(kp.top - TOP >= KEEP, "three results fit above the keypad");
	ok(kp.key[0].y == kp.top, "it starts at its first key");
	if (key_rows != NULL)
		*key_rows = kp.key[0].rows;
}

static void
test_sizes(void)
{
	struct keypad kp;
	int r80, r120, r200, i, gaps;

	test_window(24, 80, 4, &r80);
	test_window(24, 80, 5, NULL);
	test_window(40, 120, 4, &r120);
	test_window(60, 200, 4, &r200);
	test_window(60, 200, 5, NULL);
	ok(r80 == KEYPAD_FINGER_ROWS && r120 > r80 && r200 > r120,
	    "keys grow with the window (3, 5, 8 rows)");

	keypad_fit(&kp, TOP, 22, 80, KEEP, 0, 4);
	ok(kp.key['m' - 'a'].y == kp.key[0].y &&
	    kp.key['n' - 'a'].y > kp.key[0].y &&
	    kp.key['n' - 'a'].x == kp.key[0].x,
	    "at 80×24: A–M on the first row, N–Z on the second");
	ok(kp.key[26].y > kp.key['n' - 'a'].y && kp.key[38].y == kp.key[26].y,
	    "then 0–9 and the wide keys");
	gaps = 0;
	for (i = 1; i < 13; i++)
		gaps += kp.key[i].x == kp.key[i - 1].x + kp.key[i - 1].cols + 1;
	is_int(gaps, 12, "one blank column between keys");
	is_int(kp.key['n' - 'a'].y, kp.key[0].y + kp.key[0].rows + 1,
	    "one blank row between rows of keys");
	is_int(keypad_hit(&kp, kp.key[0].y, kp.key[0].x + kp.key[0].cols), 0,
	    "a touch between two keys hits none");
	is_int(keypad_hit(&kp, kp.key[0].y + kp.key[0].rows, kp.key[0].x), 0,
	    "nor one between two rows");
	is_int(keypad_hit(&kp, TOP, 40), 0, "nor one above the keypad");

	/* 40×12 and too short a window: folded, opened over the results. */
	is_int(keypad_fit(&kp, TOP, 10, 40, KEEP, 0, 4), 1,
	    "40×12: the keypad is folded");
	is_int(kp.n, 0, "and not shown");
	is_int(keypad_fit(&kp, TOP, 10, 40, KEEP, 1, 4), 1,
	    "40×12, opened: still folded");
	sound(&kp, 10, 40, KEYPAD_SMALL_ROWS, KEYPAD_SMALL_COLS, 4,
	    "40×12 opened over the results");
	keypad_fit(&kp, TOP, 10, 40, KEEP, 1, 5);
	sound(&kp, 10, 40, KEYPAD_SMALL_ROWS, KEYPAD_SMALL_COLS, 5,
	    "40×12 opened, labels of 5 columns");
	is_int(keypad_fit(&kp, TOP, 19, 80, KEEP, 0, 4), 1,
	    "80×21: folded (no room for three results)");
	keypad_fit(&kp, TOP, 19, 80, KEEP, 1, 4);
	sound(&kp, 19, 80, KEYPAD_FINGER_ROWS, KEYPAD_FINGER_COLS, 4,
	    "80×21 opened: finger-sized keys over the results");
	is_int(keypad_fit(&kp, TOP, 22, 60, KEEP, 0, 4), 1,
	    "60×24: folded (13 keys of 5 columns do not fit)");
	keypad_fit(&kp, TOP, 22, 60, KEEP, 1, 4);
	sound(&kp, 22, 60, KEYPAD_FINGER_ROWS, KEYPAD_FINGER_COLS, 4,
	    "60×24 opened: finger-sized keys, fewer a row");
}

static void
test_layout(void)
{
	struct keypad kp;

	is_int(keypad_layout(&kp, 0, 0, 4, 30, 1, 3, 4), -1,
	    "a box too small: -1");
	is_int(kp.n, 0, "and no keys");
	/* Labels wider than a key: the wide keys take two. */
	is_int(keypad_layout(&kp, TOP, 0, 30, 118, 3, 5, 12), 0,
	    "labels of 12 columns at 118 columns");
	ok(kp.key[36].cols == 2 * kp.key[0].cols + 1,
	    "a wide key whose label does not fit one key takes two");
	sound(&kp, TOP + 30, 118, 3, 5, 12, "wide labels");
}

static void
test_text(void)
{
	ok(keypad_is_text('a') && keypad_is_text('Z') && keypad_is_text('7'),
	    "letters and digits are text that starts a search");
	ok(keypad_is_text(0x6237) && keypad_is_text(0xff3a),
	    "so are Han characters (户) and full-width letters (Ｚ)");
	ok(!keypad_is_text('/') && !keypad_is_text('?') &&
	    !keypad_is_text(' ') && !keypad_is_text('\t') &&
	    !keypad_is_text(0x7f) && !keypad_is_text(0x85),
	    "punctuation, space and controls are not");
	ok(!keypad_is_text(SCREEN_KEY(KEY_DOWN)) &&
	    !keypad_is_text(KEYPAD_DELETE), "nor function keys");
	is_str(keypad_label('a'), "A", "a letter key shows its capital");
	is_str(keypad_label('0'), "0", "a digit key its digit");
	is_str(keypad_label('z'), "Z", "Z");
	is_str(keypad_label(KEYPAD_DELETE), "Del", "the wide keys their name");
	is_int(keypad_label_cols(), 5, "the widest untranslated label: 5");
}

int
main(void)
{
	test_sizes();
	test_layout();
	test_text();
	return tap_done();
}
