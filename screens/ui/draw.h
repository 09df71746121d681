/*
 * Drawing helpers every screen shares. All text from the catalogue goes
 * through draw_text, which sanitises it and clips it by display columns,
 * so nothing from the data reaches the terminal raw.
 *
 * The layout of every screen: row 0 the title bar, rows 1 .. rows-3 the
 * body, row rows-2 the status line, row rows-1 the key bar.
 */
#ifndef CHAYUE_DRAW_H
#define CHAYUE_DRAW_H

#include <curses.h>
#include <stddef.h>

#include "screens/ui/theme.h"

struct ui;

#define DRAW_BODY_TOP	1

/*
 * Use theme (after newterm, and again to switch). A terminal without
 * colours always gets the monochrome one. Returns the theme in use.
 */
enum draw_theme draw_init(enum draw_theme theme);

/* Body rows available on this window (at least 1). */
int draw_body_rows(const struct ui *ui);

/*
 * Draw at most maxcols columns of s at (y, x), sanitised. Returns the
 * columns drawn.
 */
int draw_text(int y, int x, const char *s, int maxcols, enum draw_role role);

/* Fill a row from column x to the right edge with blanks of role. */
void draw_fill(struct ui *ui, int y, int x, enum draw_role role);

/* The title bar: left-aligned title, right-aligned extra (may be NULL). */
void draw_title(struct ui *ui, const char *title, const char *extra);

/*
 * One entry of the key bar: the key's name, what it does (an untranslated
 * message id, N_("…")), and the key sent when the entry is touched.
 */
struct draw_key {
	const char	*name;
	const char	*label;
	int		 key;
};

/* The key bar; each entry becomes a button. */
void draw_keybar(struct ui *ui, const struct draw_key *keys, size_t n);

/* The status line. */
void draw_status(struct ui *ui, const char *message);

/* A boxed message in the middle of the window, over the screen. */
void draw_notice(struct ui *ui, const char *message);

/*
 * The same box asking message, with a button "[ label ]" for each of the
 * n keys under it (label translated here), sending its key when touched:
 * every question can be answered by touch as well as by its keys.
 */
void draw_question(struct ui *ui, const char *message,
    const struct draw_key *keys, size_t n);

/*
 * A clickable label at (y, x) that sends key when touched; returns the
 * columns used. Used for filter tabs.
 */
int draw_button(struct ui *ui, int y, int x, const char *label, int key,
    enum draw_role role);

/*
 * Draw the top screen, its status line and the walk-away notice, if
 * anything changed since the last time (ui->dirty); the buttons of the
 * last drawing are forgotten and registered again.
 */
void draw_frame(struct ui *ui);

/*
 * Show message on the status line now, before a long piece of work that
 * keeps the loop from drawing (an import from the staff screen).
 */
void draw_busy(struct ui *ui, const char *message);

#endif
