/*
 * The kiosk's import service for the staff screen (struct ui_import): each
 * check or import runs in a child process that reports on a pipe the main
 * loop reads between keys, as printing does. A file that makes the
 * importer run out of memory, crash or take long kills or holds up only
 * the child: the screen keeps drawing, Esc stops it, and the kiosk goes on
 * with the live catalogue.
 */
#ifndef CHAYUE_IMPORTING_H
#define CHAYUE_IMPORTING_H

#include <sys/types.h>

#include "screens/ui/services.h"

struct importing {
	struct ui_import pub;		/* what the screens see */
	struct ui	*ui;
	pid_t		 child;		/* -1: none */
	int		 fd;		/* its reports; -1: none */
	int		 dry_run;	/* the job is a check */
	char		*buf;		/* what came, not yet taken apart */
	size_t		 len, cap;
	int		 ended;		/* the end record came */
	struct ui_import_result result;	/* being filled */
	size_t		 cfiles;
	ui_import_done	 done;
	void		*arg;
};

void importing_init(struct importing *im, struct ui *ui);
/* Read what the child reported; when it is over, tell the screen. */
void importing_poll(struct importing *im);
/* Stop a job and reap its child. */
void importing_done(struct importing *im);

#endif
