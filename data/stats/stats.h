/*
 * The terminal's counts: how often each item was viewed, whether visitors
 * found it useful (有用 / 没用), and which items staff mark as hot
 * (热点事项). They live in a small SQLite state file of their own beside
 * the catalogue, because the catalogue is opened read-only and replaced
 * whole by every import; an item is known here by a key made from its
 * names, which stay the same across imports.
 *
 * Only counts per item and per day are kept: no searches, no times finer
 * than a day, nothing about who looked.
 */
#ifndef CHAYUE_STATS_H
#define CHAYUE_STATS_H

#include <stddef.h>

struct stats;

/* The names that identify an item across catalogue versions (borrowed). */
struct stats_ref {
	const char	*domain;
	const char	*jurisdiction;
	const char	*level1;
	const char	*level2;
};

/* A key is 16 hex digits; buffers hold STATS_KEY_SIZE bytes. */
#define STATS_KEY_SIZE	17

/* The key of an item: a 64-bit FNV-1a hash of its four names, in hex. */
void stats_key(const struct stats_ref *ref, char key[STATS_KEY_SIZE]);

/*
 * One item with its names (owned) and one or two counts; stats_daily also
 * fills c and day.
 */
struct stats_row {
	char		 key[STATS_KEY_SIZE];
	char		*domain, *jurisdiction, *level1, *level2;
	long long	 a, b, c;
	char		 day[11];	/* "YYYY-MM-DD"; "" when not by day */
};

struct stats_rows {
	struct stats_row	*v;
	size_t			 n;
};

void stats_rows_done(struct stats_rows *rows);

/*
 * The default state file for a catalogue: chayue-state.db in the
 * catalogue's directory. Caller frees.
 */
char *stats_default_path(const char *catalogue);

/*
 * Open the state file; writable creates it if it does not exist. NULL
 * with *error (caller frees) if it cannot be opened or is not ours.
 */
struct stats *stats_open(const char *path, int writable, char **error);
void stats_close(struct stats *st);

/*
 * Writes, each one transaction; day is "YYYY-MM-DD". 0, or -1 with
 * *error (caller frees).
 */
int stats_view(struct stats *st, const struct stats_ref *ref,
    const char *day, char **error);
int stats_vote(struct stats *st, const struct stats_ref *ref,
    const char *day, int useful, char **error);
/*
 * A visitor changed an answer given on day to useful: one count moves
 * from the other column to this one.
 */
int stats_revote(struct stats *st, const struct stats_ref *ref,
    const char *day, int useful, char **error);

/* Mark an item hot (1 if it already was) or not any more (1 if it was not). */
int stats_hot_add(struct stats *st, const struct stats_ref *ref,
    char **error);
int stats_hot_remove(struct stats *st, const char *key, char **error);

/*
 * Reads; each fills *out, released with stats_rows_done (also after a
 * failure). 0, or -1 with *error.
 */
/* The hot items in the order staff marked them. */
int stats_hot(struct stats *st, struct stats_rows *out, char **error);
/*
 * The most viewed items since day (inclusive), a = views, at most limit:
 * only those with at least min_views views in the window, on at least
 * min_days distinct days (so that no single visit shows).
 */
int stats_most_viewed(struct stats *st, const char *since,
    long long min_views, long long min_days, size_t limit,
    struct stats_rows *out, char **error);
/*
 * The feedback since day (NULL: all): a = 有用, b = 没用, by domain and
 * name.
 */
int stats_feedback(struct stats *st, const char *since,
    struct stats_rows *out, char **error);

/*
 * Every item and day with a count, by day then names: a = views,
 * b = 有用, c = 没用 (chayue-admin report).
 */
int stats_daily(struct stats *st, struct stats_rows *out, char **error);

/*
 * The staff PIN's lock (kiosk/staff_pin.h), kept here so that a restart
 * or a power cycle does not give fresh guesses: wrong PINs in a row, and
 * when the lock ends (seconds since the epoch; 0: not locked). Nothing
 * about the PINs typed. A file that has no such record yet reads as
 * 0 and 0. 0, or -1 with *error (caller frees).
 */
int stats_pin_lock_get(struct stats *st, long long *failures,
    long long *locked_until, char **error);
int stats_pin_lock_put(struct stats *st, long long failures,
    long long locked_until, char **error);

#endif
