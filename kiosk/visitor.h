/*
 * The terminal's counts for the screens (struct ui_visitor): item views
 * and 有用/没用 answers written to the state file (data/stats/stats.h), and the
 * hot items for the home screen.
 *
 * Counting is rate-limited so one person cannot flood it: a visitor's
 * view and answer count once per item; a visitor may answer for at most
 * VISITOR_MAX_ANSWERS items; and since anyone can start a new visit (F12)
 * the terminal counts an item's view at most once a minute and its
 * answers at most once in five minutes, whoever asks. What a visitor did
 * is kept in memory only, and forgotten at every reset.
 */
#ifndef CHAYUE_VISITOR_H
#define CHAYUE_VISITOR_H

#include "data/stats/stats.h"
#include "screens/ui/services.h"

struct config;

#define VISITOR_MAX_ANSWERS	10
#define VISITOR_VIEW_INTERVAL	60	/* seconds */
#define VISITOR_ANSWER_INTERVAL	300	/* seconds */
/* Items a visit (and the terminal's recent list) remembers. */
#define VISITOR_MEMORY		64
/* Most-viewed items shown on the home screen, over this many days. */
#define VISITOR_MOST_VIEWED	5
#define VISITOR_DAYS		30

/* One item done recently: its key, when, and what. */
struct visitor_mark {
	char		 key[STATS_KEY_SIZE];
	long long	 when;		/* monotonic seconds */
	int		 answer;	/* 1, 0, or -1 for a view */
};

struct visitor {
	struct ui_visitor	 ui;	/* what the screens get */
	struct stats		*stats;	/* NULL: no state file */
	int			 writable;
	int			 most_viewed;	/* the hall shows them */
	int			 min_views;	/* their floor: views, */
	int			 min_days;	/* on distinct days */
	int			 failed;	/* a write failed (logged once) */
	/* This visit: items viewed and answered. */
	struct visitor_mark	 visit[VISITOR_MEMORY];
	int			 nvisit;
	int			 answers;
	/* The terminal, across visits: a ring of recent counts. */
	struct visitor_mark	 recent[VISITOR_MEMORY];
	int			 nrecent;
	/* Views above the floor, by key (read once per visitor). */
	struct stats_rows	 views;
	int			 views_read;
};

/*
 * Open the state file the configuration names (or the one beside the
 * catalogue). Without one the kiosk still runs: nothing is counted and
 * no hot items show. Logs what happened.
 */
void visitor_init(struct visitor *v, const struct config *cfg);
void visitor_done(struct visitor *v);

/* A new visitor: forget what the last one did (not the terminal's limits). */
void visitor_reset(struct visitor *v);

#endif
