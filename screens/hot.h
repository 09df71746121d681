/*
 * 热点事项 (hot items): the items staff marked as hot and, where the hall
 * shows them, the most viewed of the last 30 days. The home screen shows
 * them on one line (hot_line_*), each to touch; 't' opens screen_hot, the
 * whole list.
 */
#ifndef CHAYUE_HOT_H
#define CHAYUE_HOT_H

#include "data/store/catalogue.h"

struct ui;

#define HOT_KEY		't'

/* The hot items as the home screen keeps them. */
struct hot_line {
	struct item_list	marked;
	struct item_list	viewed;
};

/* Ask the kiosk for the hot items (none without counts). */
void hot_line_load(struct hot_line *h, struct ui *ui);
void hot_line_done(struct hot_line *h);

/* Draw the line at row y: a label, then the names as buttons. */
void hot_line_draw(const struct hot_line *h, struct ui *ui, int y);

/* HOT_KEY or a touched name: open it; else SCREEN_IGNORED. */
int hot_line_key(const struct hot_line *h, struct ui *ui, int key);

#endif
