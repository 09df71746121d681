/*
 * A progress bar for long imports at the staff desk: drawn on one line of
 * a terminal with "\r", only when that stream is a terminal and only once
 * the work has taken longer than a second, at most ten times a second.
 * Not curses: chayue-admin is a plain command.
 */
#ifndef CHAYUE_PROGRESS_H
#define CHAYUE_PROGRESS_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct progress {
	FILE		*fp;
	int		 enabled;	/* fp is a terminal */
	int		 shown;		/* something is on the line */
	long		 delay_ms;	/* before the bar appears */
	struct timespec	 start, last;
};

/*
 * Start timing for a bar on fp. In a build with --enable-test-hooks,
 * CHAYUE_PROGRESS_DELAY_MS overrides the one-second delay (the tests set
 * it to 0).
 */
void progress_init(struct progress *p, FILE *fp);

/* done is 0..1 of the work; rows so far. */
void progress_update(struct progress *p, double done, size_t rows);

/* Wipe the bar, before anything else is printed. */
void progress_clear(struct progress *p);

#endif
