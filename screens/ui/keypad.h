/*
 * The search screen's on-screen keypad, for visitors with no keyboard (the
 * usual touch-only terminal of a service hall): A–Z, 0–9, 删除 (delete),
 * 清空 (clear) and 空格 (space), in alphabetical order like the 首字母
 * (initials) pads of self-service terminals, with keys big enough for a
 * finger.
 *
 * keypad_layout places the keys in a box and keypad_hit says which key a
 * touch fell on: plain arithmetic on cells, tested without a terminal
 * (tests/unit/test_keypad.c). keypad_draw draws them in the theme's
 * colours. What a key does is the search screen's business.
 */
#ifndef CHAYUE_KEYPAD_H
#define CHAYUE_KEYPAD_H

#include "screens/ui/ui.h"

/* A–Z, 0–9 and the three wide keys. */
#define KEYPAD_KEYS	39

/*
 * What the keys send: a letter key its lower-case letter (pinyin is typed
 * in lower case), a digit its digit, 空格 a space, and the other two these
 * codes, past every curses key code, so no terminal can send them.
 */
#define KEYPAD_DELETE	SCREEN_KEY(0x1001)
#define KEYPAD_CLEAR	SCREEN_KEY(0x1002)
#define KEYPAD_SPACE	' '

/*
 * Key sizes in cells. A finger needs 3 rows of 5 columns on a 80×24
 * terminal: the search screen shows the keypad only where keys of that
 * size fit with results above them. Folded away on a smaller window, it
 * opens over the results with keys as small as a label between two
 * blanks on one row. Keys grow with the window up to the largest size.
 */
#define KEYPAD_FINGER_ROWS	3
#define KEYPAD_FINGER_COLS	5
#define KEYPAD_SMALL_ROWS	1
#define KEYPAD_SMALL_COLS	3
#define KEYPAD_MAX_ROWS		8
#define KEYPAD_MAX_COLS		16

struct keypad_key {
	int	y, x;		/* top left cell */
	int	rows, cols;	/* its size: what a touch may hit */
	int	code;		/* what touching it sends */
};

struct keypad {
	struct keypad_key	key[KEYPAD_KEYS];
	int			n;	/* KEYPAD_KEYS; 0 when not laid out */
	int			top;	/* first row it takes */
};

/*
 * Lay the keys out in the box of rows × cols cells at (y, x), in order,
 * one blank column between keys and one blank row between rows of keys
 * (none where keys are one row high); every key at least min_rows ×
 * min_cols, about as high as it is wide (a cell is twice as high as wide)
 * and as large as the box allows, up to the largest size. As many keys a
 * row as give the largest keys: 13 (A–M, N–Z, then 0–9 and the wide keys)
 * where that is as good as fewer. The keypad sits at the bottom of the
 * box, in the middle. label_cols is the widest label of the wide keys in
 * the language shown (keypad_label_cols): a wide key whose label does not
 * fit one key takes the room of two. Returns 0, or -1 if the keys do not
 * fit (then kp->n is 0 and nothing is shown).
 */
int keypad_layout(struct keypad *kp, int y, int x, int rows, int cols,
    int min_rows, int min_cols, int label_cols);

/*
 * Where a screen puts the keypad: under a list that has the rows
 * [top, bottom) of a window cols wide. Keys a finger can hit, in at most
 * half the rows (but as many as three rows of such keys need), where that
 * leaves the list keep rows: returns 0. Else the keypad is folded away:
 * returns 1, with kp->n 0, or if opened is set laid out over the list in
 * all its rows with keys as large as they allow (kp->n is 0 if even the
 * smallest do not fit).
 */
int keypad_fit(struct keypad *kp, int top, int bottom, int cols, int keep,
    int opened, int label_cols);

/* The code of the key at (y, x); 0 if none is there (a gap, outside). */
int keypad_hit(const struct keypad *kp, int y, int x);

/*
 * A key's label: its upper-case letter or digit, or the translated name
 * of a wide key. Static or translated storage: never freed.
 */
const char *keypad_label(int code);

/* Columns of the widest wide key's label in the language shown. */
int keypad_label_cols(void);

/* Draw the keys laid out: blocks in the colour of a button, labelled. */
void keypad_draw(const struct keypad *kp, struct ui *ui);

/*
 * Whether key, typed on a screen that browses (home, a domain), is text a
 * visitor means to search for, so that it opens the search with it: a
 * letter, a digit, or any printable character past ASCII (Han characters,
 * full-width letters). ASCII punctuation and controls are not: '/', '?'
 * and the rest are commands. The screen keeps the letters and digits it
 * uses as commands before asking.
 */
int keypad_is_text(int key);

#endif
