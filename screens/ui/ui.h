/*
 * The screen framework. A screen is one view of the kiosk (home, domain,
 * item, help …): a const table of callbacks over private state. Screens
 * live on a stack; the one on top gets the keys and is drawn, and popping
 * it is "back".
 *
 * This layer keeps the stack and routes events; it draws nothing itself
 * (screens/ui/draw.c does) and knows no particular screen: the kiosk names
 * the home screen and handles the keys every screen shares.
 */
#ifndef CHAYUE_UI_H
#define CHAYUE_UI_H

#include <stddef.h>

struct catalogue;
struct search;
struct synonyms;
struct staff_settings;
struct ui_print;
struct ui_import;
struct ui_visitor;

/*
 * Keys are Unicode code points for characters, and curses function keys
 * (KEY_DOWN, KEY_F(1) …) moved past the last code point so the two never
 * collide.
 */
#define SCREEN_KEY(k)	(0x110000 + (k))
#define SCREEN_ESC	0x1b

/*
 * Whether c, a character read from the terminal, may be passed on as a
 * key: a Unicode scalar value that is not a non-character. Code points
 * past U+10FFFF (which the C library decodes from 4-byte sequences), the
 * surrogates and the non-characters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF) are
 * dropped, so typed bytes can never reach the SCREEN_KEY codes: only
 * curses function keys do.
 */
int ui_input_char(unsigned long c);

/* What a key or mouse handler did. */
enum {
	SCREEN_IGNORED = 0,	/* not ours: let the stack try (Esc = back …) */
	SCREEN_HANDLED = 1,
	SCREEN_REDRAW = 2,	/* handled, and the screen must be drawn */
};

/* A mouse event in screen coordinates. */
enum screen_button {
	SCREEN_CLICK,
	SCREEN_WHEEL_UP,
	SCREEN_WHEEL_DOWN,
};

/* Rows (or arrow presses) one notch of the mouse wheel moves. */
#define SCREEN_WHEEL_STEP	3

struct ui;

struct screen {
	const char *name;
	/* Allocate private state from arg (may be NULL); NULL on failure. */
	void	*(*enter)(struct ui *ui, const void *arg);
	/* Free the state. */
	void	 (*leave)(void *state);
	/*
	 * Draw the whole screen from the state as it is: no reading of the
	 * catalogue here; what is shown is fetched by the handlers below.
	 */
	void	 (*draw)(void *state, struct ui *ui);
	int	 (*key)(void *state, struct ui *ui, int key);
	/* Optional; wheel events fall back to arrow keys. */
	int	 (*mouse)(void *state, struct ui *ui, int y, int x,
		     enum screen_button button);
	/* Optional: the window changed size; lay out again. */
	void	 (*resize)(void *state, struct ui *ui);
	/* Optional: back on top after the screen above was popped. */
	void	 (*resume)(void *state, struct ui *ui);
	/*
	 * Optional: the input that was waiting has been handled (a paste, a
	 * burst of keys), the screen is about to be drawn. Work that every
	 * key of a burst would redo (the search's query) is done here once.
	 * Returns SCREEN_REDRAW or SCREEN_HANDLED as key does.
	 */
	int	 (*settle)(void *state, struct ui *ui);
	/*
	 * A page that is read rather than a list to choose from: the
	 * walk-away reset waits longer (idle_seconds_reading).
	 */
	int	 reading;
};

#define UI_STACK_MAX	16
#define UI_BUTTONS_MAX	32

/* A clickable label (for touch screens); a click on it sends key. */
struct ui_button {
	int	y, x0, x1;	/* row, columns [x0, x1) */
	int	key;
};

/* The context screens run in. */
struct ui {
	struct catalogue	*cat;
	/*
	 * cat's search index, or NULL until the search screen opens it (the
	 * kiosk may at start). Whoever closes or reopens cat closes it:
	 * kiosk/loop.c, screens/home.c.
	 */
	struct search		*search;
	/* The synonyms searches use (kiosk/wordlist.h); may be NULL. */
	const struct synonyms	*synonyms;
	/* The first screen, and the one a new visitor gets. */
	const struct screen	*home;
	/*
	 * The domain screen (arg: a struct domain), for the search's domain
	 * rows: named here by the kiosk so that screens/search.c and
	 * screens/domain.c (which opens the search) do not call each other.
	 * NULL: domain rows do not open.
	 */
	const struct screen	*domain_screen;
	/*
	 * The keys every screen shares (help, back home, search …), tried
	 * when the top screen ignores a key; may be NULL.
	 */
	void			(*shared_key)(struct ui *ui, int key);
	int			 allow_quit;	/* q quits (plain mode) */
	int			 spacing;	/* 1, or 2 in large-text mode */
	int			 countdown;	/* walk-away reset in N s; 0: none */
	int			 touch;		/* a touch screen (or mouse) works */

	/* Checks a staff PIN (kiosk/lockdown.c); see UI_PIN_*. */
	int			(*check_pin)(void *ctx, const char *pin,
				    long long *wait);
	void			*pin_ctx;
	/* Switches to the next colour theme (F3); may be NULL. */
	void			(*next_theme)(void *ctx);
	void			*theme_ctx;
	/*
	 * A new visitor (F12): every screen is freed and a fresh home one
	 * opened (the kiosk resets more than the screens); may be NULL.
	 */
	void			(*new_visitor)(void *ctx);
	void			*new_visitor_ctx;
	/* For the staff screen (F9); NULL: there is none. */
	const struct staff_settings *staff;
	int			 rows, cols;	/* window size, columns */
	/* Counts and hot items; NULL when the terminal keeps none. */
	struct ui_visitor	*visitor;
	/* Printing; NULL when this terminal does not print. */
	struct ui_print		*print;
	/* Imports for the staff screen, in a child process; NULL: none. */
	struct ui_import	*import;
	/*
	 * The hall (the kiosk's configuration): its name, its help line and
	 * the text of its notice file, sanitised (newlines kept); NULL: none.
	 * Owned by the kiosk, which reads the notice again for each visitor.
	 */
	const char		*hall_name, *hall_help;
	char			*notice;

	struct {
		const struct screen	*screen;
		void			*state;
	}			 stack[UI_STACK_MAX];
	int			 depth;

	/* Filled by the drawing of the top screen (screens/ui/draw.c). */
	struct ui_button	 buttons[UI_BUTTONS_MAX];
	int			 nbuttons;

	/* The last press a touch made, for ui_touch; 0: none pending. */
	int			 touch_pressed;
	int			 touch_y, touch_x;

	char			 status[512];	/* message for the status line */
	int			 dirty;		/* the screen must be drawn */
	int			 repaint;	/* every cell, not just changes */
	int			 quit;		/* leave the main loop */
};

/* The screens of ui start from home. */
void ui_init(struct ui *ui, struct catalogue *cat,
    const struct screen *home, int allow_quit);
/* Pop and free every screen. */
void ui_done(struct ui *ui);

/* Push a screen entered with arg; -1 (and a status message) if it failed. */
int ui_push(struct ui *ui, const struct screen *screen, const void *arg);
/* Back: pop the top screen unless it is the last one. */
void ui_back(struct ui *ui);
/* The screen on top; NULL when the stack is empty. */
const struct screen *ui_top(const struct ui *ui);

/*
 * A new visitor: free every screen (and so everything the last visitor
 * typed, chose or scrolled to), repaint the whole terminal, open a fresh
 * home screen. -1 if the home screen cannot be opened (status says why).
 */
int ui_reset(struct ui *ui);

/*
 * Switch the interface language (F4 on every screen: zh_CN → zh_TW → en)
 * and lay every screen out again in it.
 */
#define UI_KEY_LANGUAGE	SCREEN_KEY(KEY_F0 + 4)

/*
 * A new visitor (F12 on every screen, and its button on every key bar):
 * ui->new_visitor, before any screen sees the key.
 */
#define UI_KEY_NEW_VISITOR	SCREEN_KEY(KEY_F0 + 12)
void ui_next_language(struct ui *ui);

/* Large text on and off: every screen lays itself out again. */
void ui_large_text(struct ui *ui);

/* Rows a list of n visible entries may use, given large-text spacing. */
int ui_visible(const struct ui *ui, int rows);

/* Set the status-line message (printf format); "" clears it. */
void ui_status(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Feed one key or mouse event to the top screen, then to the stack. */
void ui_key(struct ui *ui, int key);
void ui_mouse(struct ui *ui, int y, int x, enum screen_button button);
/* The input has been handled for now: let the top screen settle. */
void ui_settle(struct ui *ui);
/*
 * What a terminal reports of a touch (or a click of the first button): a
 * press, a release, or a click that curses made of the two. Which of them
 * arrive depends on the terminal and on curses' click interval: press and
 * release, a click alone, or a press and then a click.
 */
enum ui_touch {
	UI_TOUCH_PRESS,
	UI_TOUCH_RELEASE,
	UI_TOUCH_CLICK,
};

/*
 * Feed one report of a touch: one touch is one SCREEN_CLICK, whatever
 * reports it arrives as, so that a key of the on-screen keypad types once.
 * A press clicks at once; a click at the same cell after a press (its
 * release between them or not) is that touch again, and does nothing.
 */
void ui_touch(struct ui *ui, int y, int x, enum ui_touch what);

/* The window is now rows x cols. */
void ui_resize(struct ui *ui, int rows, int cols);

#endif
