/*
 * Talking to the print server (libcups): find the queue, send a PDF, follow
 * the job to its end. The only module that calls libcups. Every call may
 * block on the network, so the kiosk runs cups_print in a child process
 * (kiosk/printing.c), never in its main loop.
 */
#ifndef CHAYUE_CUPS_H
#define CHAYUE_CUPS_H

#include <stddef.h>

/* What happened to a print job; what the kiosk tells the visitor. */
enum cups_event {
	CUPS_SENT,		/* the server has the job and its document */
	CUPS_PRINTING,
	CUPS_DONE,		/* completed */
	CUPS_ATTENTION,		/* detail: a printer-state-reasons keyword */
	CUPS_CANCELLED,		/* cancelled or aborted: not (all) printed */
	/* Nothing was printed: */
	CUPS_NO_SERVER,		/* the print server cannot be reached */
	CUPS_NO_QUEUE,		/* the queue named does not exist */
	CUPS_NO_DEFAULT,	/* no queue named, and no default destination */
	CUPS_PAUSED,		/* the queue is stopped (disabled) */
	CUPS_REJECTING,		/* the queue does not accept jobs */
	CUPS_REFUSED,		/* the server refused the job; detail says why */
};

/*
 * Called for each step: the job id (0 before there is one), the queue's
 * name and a detail (never NULL; "" if none). Both strings come from the
 * server: whoever shows them must sanitise them.
 */
typedef void (*cups_report)(void *ctx, enum cups_event event, int job,
    const char *queue, const char *detail);

/*
 * Send pdf (len bytes) to queue (NULL: the default destination, as lp
 * would choose it) as a job called title, then follow the job until it is
 * done or cancelled, or for follow_seconds at most. The server is the one
 * libcups is configured for (CUPS_SERVER, client.conf). The last report
 * is CUPS_DONE, CUPS_CANCELLED or one of the "nothing was printed" events,
 * unless the time ran out.
 */
void cups_print(const char *queue, const void *pdf, size_t len,
    const char *title, int follow_seconds, cups_report report, void *ctx);

#endif
