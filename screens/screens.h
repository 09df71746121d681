/*
 * Every screen of the kiosk, one per file in screens/, and what each
 * screen's enter() takes as its argument.
 */
#ifndef CHAYUE_SCREENS_H
#define CHAYUE_SCREENS_H

struct ui;

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
 * The argument of screen_search (may be NULL): what the visitor was
 * browsing, which the search is narrowed to until they press Tab, and the
 * character whose typing there opened the search.
 */
struct search_scope {
	int		 domain_id;	/* 0: every domain */
	int		 level;		/* enum level_filter */
	const char	*label;		/* what it is, e.g. "社会救助 · 县级" */
	int		 key;		/* typed there: the query's start; 0 */
};

/* The comment names what enter() takes as arg. */
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

#endif
