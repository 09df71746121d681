/*
 * A scrolling list with a selection: the model behind every list screen.
 * It knows rows, not what is in them; rows that cannot be selected (group
 * headings) are skipped. The owner draws rows top .. top+height-1.
 */
#ifndef CHAYUE_LIST_H
#define CHAYUE_LIST_H

#include <stddef.h>

#include "screens/ui/ui.h"

struct list {
	size_t	  n;		/* rows */
	size_t	  sel;		/* selected row (n == 0: none) */
	size_t	  top;		/* first visible row */
	int	  height;	/* visible rows, >= 1 */
	/* Optional: can row i be selected? NULL: all can. */
	int	(*selectable)(const void *ctx, size_t i);
	const void *ctx;
};

void list_init(struct list *l, size_t n,
    int (*selectable)(const void *, size_t), const void *ctx);

/* The window changed: keep the selection in view. */
void list_set_height(struct list *l, int height);

/* Select row i (or the next selectable one after it) and show it. */
void list_select(struct list *l, size_t i);

/* Arrows, PgUp/PgDn, Home/End; returns a SCREEN_* result. */
int list_key(struct list *l, int key);

/* Scroll the view by delta rows (mouse wheel); the selection follows. */
void list_scroll(struct list *l, int delta);

/*
 * A click on visible row r (0 = top of the list area): selects that row
 * and returns 1 if it is selectable, else 0.
 */
int list_click(struct list *l, int r);

/*
 * A mouse event on a list whose rows start at screen row top, rowh screen
 * rows each: the wheel scrolls SCREEN_WHEEL_STEP rows (SCREEN_REDRAW); a
 * click on a row selects it and returns LIST_PICKED, for the owner to
 * open it; anything else is SCREEN_HANDLED.
 */
#define LIST_PICKED	4	/* none of the SCREEN_* results */
int list_mouse(struct list *l, int y, int top, int rowh,
    enum screen_button button);

/*
 * A number typed digit by digit to jump to row N ("1", "2" → 12); a pause
 * of more than two seconds starts a new number.
 */
#define TYPED_NUMBER_PAUSE_MS	2000

struct typed_number {
	unsigned	value;
	long long	when;	/* last digit, monotonic ms; 0: none yet */
};

/* Add a digit; returns the number (1..max) to jump to, or 0 for none. */
unsigned typed_number_add(struct typed_number *t, int digit, size_t max);
#endif
