/*
 * The kiosk's printing service for the screens (struct ui_print): the page
 * limit of the current visitor, and the one print job the kiosk follows.
 * Each job is rendered, sent and followed in a child process, so a slow,
 * missing or broken print server never holds up the terminal; the child
 * reports on a pipe that the main loop reads between keys.
 */
#ifndef CHAYUE_PRINTING_H
#define CHAYUE_PRINTING_H

#include <sys/types.h>

#include "screens/ui/services.h"

struct config;

struct printing {
	struct ui_print	 pub;		/* what the screens see */
	struct ui	*ui;		/* where job news goes */
	const char	*queue;		/* NULL: the CUPS default destination */
	pid_t		 child;		/* sending or following a job; -1: none */
	int		 fd;		/* its reports; -1: none */
	int		 sending;	/* the job has not reached the server yet */
	int		 pages;		/* pages of that job */
	int		 quiet;		/* its visitor has gone: say nothing */
};

/* Set up from cfg; ui->print is pointed at p unless printing is off. */
void printing_init(struct printing *p, const struct config *cfg,
    struct ui *ui);

/*
 * A new visitor: the page count starts again, and news of the last
 * visitor's job is no longer shown (the job itself goes on).
 */
void printing_reset(struct printing *p);

/* Read what the child reported and put it on the status line. */
void printing_poll(struct printing *p);

/* Stop following the job (it stays queued) and reap the child. */
void printing_done(struct printing *p);

#endif
