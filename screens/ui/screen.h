/*
 * A screen is one view of the kiosk (home, domain, item, help …): a const
 * table of callbacks over private state. Screens live on a stack; the one on
 * top gets the keys and is drawn, and popping it is "back".
 */
#ifndef CHAYUE_SCREEN_H
#define CHAYUE_SCREEN_H

#include <stddef.h>

struct catalogue;
struct item;
struct search;
struct item_list;

/*
 * Keys are Unicode code points for characters, and curses function keys
 * (KEY_DOWN, KEY_F(1) …) moved past the last code point so the two never
 * collide.
 */
#define SCREEN_KEY(k)	(0x110000 + (k))
#define SCREEN_ESC	0x1b

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

struct ui;

struct screen {
	const char *name;
	/* Allocate private state from arg (may be NULL); NULL on failure. */
	void	*(*enter)(struct ui *ui, const void *arg);
	/* Free the state. */
	void	 (*leave)(void *state);
	/* Draw the whole screen. */
	void	 (*draw)(void *state, struct ui *ui);
	int	 (*key)(void *state, struct ui *ui, int key);
	/* Optional; wheel events fall back to arrow keys. */
	int	 (*mouse)(void *state, struct ui *ui, int y, int x,
		     enum screen_button button);
	/* Optional: the window changed size; lay out again. */
	void	 (*resize)(void *state, struct ui *ui);
	/* Optional: back on top after the screen above was popped. */
	void	 (*resume)(void *state, struct ui *ui);
};

/*
 * The argument of screen_jurisdiction: the filter it lists jurisdictions
 * under, and where it leaves the choice (*result: a string the caller then
 * owns, NULL for all; *done set to 1) before going back.
 */
struct jurisdiction_pick {
	int		  domain_id;
	int		  level;	/* enum level_filter */
	char		**result;
	int		 *done;
};

/*
 * The argument of screen_pin: what the staff PIN is asked for, and what
 * to do once it is right (called after the PIN screen is gone).
 */
struct pin_request {
	const char	*title;		/* a message id, translated when drawn */
	void		(*granted)(struct ui *ui);
};

/*
 * What the staff screen (F9, behind the staff PIN) works on; kiosk/loop.c
 * fills it from the configuration. The strings belong to the caller.
 */
struct staff_settings {
	const char	*catalogue;	/* the live catalogue file */
	const char	*import_dir;	/* where staff put files to import */
	int		 keep_versions;	/* earlier versions to keep */
};

/* What ui->check_pin says of a PIN. */
enum {
	UI_PIN_WRONG = 0,
	UI_PIN_RIGHT = 1,
	UI_PIN_LOCKED = -1,	/* too many wrong ones: *wait seconds to go */
	UI_PIN_NONE = -2,	/* no staff PIN is configured */
};

/*
 * The argument of screen_search (may be NULL): what the visitor was
 * browsing, which the search is narrowed to until they press Tab.
 */
struct search_scope {
	int		 domain_id;	/* 0: every domain */
	int		 level;		/* enum level_filter */
	const char	*label;		/* what it is, e.g. "社会救助 · 县级" */
};


/* What ui->visitor->vote says. */
enum {
	UI_VOTE_COUNTED = 0,
	UI_VOTE_ALREADY = 1,	/* this visitor answered for the item already */
	UI_VOTE_LIMIT = 2,	/* too many answers: from this visitor, or for
				   this item on this terminal just now */
	UI_VOTE_FAILED = -1,	/* the counts cannot be written */
};

/*
 * What the terminal counts, as the kiosk provides it (kiosk/visitor.c):
 * views and 有用/没用 answers, at most once per item and visitor, and the
 * hot items (热点事项). The kiosk forgets the visitor at every reset.
 */
struct ui_visitor {
	int	  counting;	/* answers can be counted (a writable state file) */
	/* The visitor opened an item. */
	void	(*viewed)(void *ctx, const struct item *it);
	/* 有用 (useful 1) or 没用 (0); UI_VOTE_*. */
	int	(*vote)(void *ctx, const struct item *it, int useful);
	/* This visitor's answer for the item: 1, 0, or -1 for none yet. */
	int	(*answer)(void *ctx, const struct item *it);
	/*
	 * The hot items of cat: those staff marked, and the most viewed of
	 * the last 30 days if the hall shows them (else viewed is empty).
	 * Both are filled (release with item_list_done); 0 or -1.
	 */
	int	(*hot)(void *ctx, struct catalogue *cat, struct item_list *marked,
		    struct item_list *viewed);
	void	 *ctx;
};

struct print_doc;

/*
 * Printing, as the kiosk provides it (kiosk/printing.c). The kiosk keeps
 * pages_used, and clears it when a new visitor comes.
 */
struct ui_print {
	int	  staff_only;	/* the staff PIN is needed (in kiosk mode) */
	int	  page_limit;	/* pages one visitor may print; 0: no limit */
	int	  pages_used;	/* by this visitor */
	/*
	 * Print doc; 0 once it is on its way (the status line then follows
	 * the job), or -1 with the reason on the status line.
	 */
	int	(*print)(void *ctx, struct ui *ui, const struct print_doc *doc);
	void	 *ctx;
};

/* Pages this visitor may still print; -1: no limit. */
static inline int
ui_print_left(const struct ui_print *p)
{
	if (p->page_limit <= 0)
		return -1;
	return p->pages_used < p->page_limit ? p->page_limit - p->pages_used : 0;
}

/*
 * Is a printout of npages over what this visitor may still print? If so,
 * the status line says so. Checked by the preview before it asks for the
 * staff PIN, and by the kiosk before it prints.
 */
int ui_print_over_limit(struct ui *ui, const struct ui_print *p, size_t npages);

/* Every screen; the comment names what enter() takes as arg. */
extern const struct screen screen_home;
extern const struct screen screen_domain;	/* the struct domain */
extern const struct screen screen_jurisdiction;	/* struct jurisdiction_pick */
extern const struct screen screen_item;		/* item id (int64_t) */
extern const struct screen screen_search;	/* struct search_scope or NULL */
extern const struct screen screen_help;
extern const struct screen screen_pin;		/* struct pin_request */
extern const struct screen screen_unavailable;	/* the reason (char *) or NULL */
extern const struct screen screen_qr;		/* the struct item */
extern const struct screen screen_hot;
extern const struct screen screen_preview;	/* the struct item */
extern const struct screen screen_staff;	/* struct staff_settings */

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
	int			 allow_quit;	/* q quits (plain mode) */
	int			 spacing;	/* 1, or 2 in large-text mode */
	int			 countdown;	/* walk-away reset in N s; 0: none */

	/* Checks a staff PIN (kiosk/lockdown.c); see UI_PIN_*. */
	int			(*check_pin)(void *ctx, const char *pin,
				    long long *wait);
	void			*pin_ctx;
	/* Switches to the next colour theme (F3); may be NULL. */
	void			(*next_theme)(void *ctx);
	void			*theme_ctx;
	/* For the staff screen (F9); NULL: there is none. */
	const struct staff_settings *staff;
	int			 rows, cols;	/* window size, columns */
	/* Counts and hot items; NULL when the terminal keeps none. */
	struct ui_visitor	*visitor;
	/* Printing; NULL when this terminal does not print. */
	struct ui_print		*print;

	struct {
		const struct screen	*screen;
		void			*state;
	}			 stack[UI_STACK_MAX];
	int			 depth;

	struct ui_button	 buttons[UI_BUTTONS_MAX];
	int			 nbuttons;

	char			 status[512];	/* message for the status line */
	int			 dirty;		/* the screen must be drawn */
	int			 quit;		/* leave the main loop */
};

void ui_init(struct ui *ui, struct catalogue *cat, int allow_quit);
/* Pop and free every screen. */
void ui_done(struct ui *ui);

/* Push a screen entered with arg; -1 (and a status message) if it failed. */
int ui_push(struct ui *ui, const struct screen *screen, const void *arg);
/* Back: pop the top screen unless it is the last one. */
void ui_back(struct ui *ui);

/*
 * A new visitor: free every screen (and so everything the last visitor
 * typed, chose or scrolled to), clear the terminal, open a fresh home
 * screen. -1 if the home screen cannot be opened (status says why).
 */
int ui_reset(struct ui *ui);

/*
 * Switch the interface language (F4 on every screen: zh_CN → zh_TW → en)
 * and lay every screen out again in it.
 */
#define UI_KEY_LANGUAGE	SCREEN_KEY(KEY_F0 + 4)
void ui_next_language(struct ui *ui);

/* Rows a list of n visible entries may use, given large-text spacing. */
int ui_visible(const struct ui *ui, int rows);

/* Set the status-line message (printf format); "" clears it. */
void ui_status(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Register a clickable area; the draw code calls this each redraw. */
void ui_button(struct ui *ui, int y, int x0, int x1, int key);

/* Feed one key or mouse event to the top screen, then to the stack. */
void ui_key(struct ui *ui, int key);
void ui_mouse(struct ui *ui, int y, int x, enum screen_button button);
/* The window is now rows x cols. */
void ui_resize(struct ui *ui, int rows, int cols);
/* Draw the top screen (and the status line) if dirty. */
void ui_draw(struct ui *ui);

/*
 * Show message on the status line now, before a long piece of work that
 * keeps the loop from drawing (an import from the staff screen).
 */
void ui_busy(struct ui *ui, const char *message);

#endif
