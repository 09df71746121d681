/*
 * The item page's action row, on the line above the key bar: take the
 * item home as a QR code of its source address, and "was this useful?"
 * (有用 / 没用). Each part is a key and a button to touch.
 */
#ifndef CHAYUE_ACTIONS_H
#define CHAYUE_ACTIONS_H

struct item;
struct ui;

#define ACTIONS_KEY_CODE	'c'	/* the QR code */
#define ACTIONS_KEY_USEFUL	'y'	/* 有用 */
#define ACTIONS_KEY_USELESS	'n'	/* 没用 */

/* Draw the row for it on line y. */
void actions_draw(struct ui *ui, const struct item *it, int y);

/*
 * 有用 or 没用: count the answer and return a SCREEN_* result; IGNORED for
 * other keys. ACTIONS_KEY_CODE is the item screen's: it opens the code.
 */
int actions_key(struct ui *ui, const struct item *it, int key);

#endif
