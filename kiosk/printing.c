/*
 * Printing for the screens: the page limit, a child process per job, and
 * the job's news on the status line. See kiosk/printing.h.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n/i18n.h"
#include "i18n/text.h"
#include "kiosk/child.h"
#include "kiosk/config.h"
#include "kiosk/cups.h"
#include "kiosk/log.h"
#include "kiosk/printing.h"
#include "lib/xmalloc.h"
#include "print/page.h"
#include "print/pdf.h"
#include "screens/ui/ui.h"

/* How long the child follows a job once the server has it, seconds. */
#define PRINTING_FOLLOW		600
/* The child gives up altogether after this long (a hung server). */
#define PRINTING_CHILD_MAX	(PRINTING_FOLLOW + 120)

/* Not a CUPS event: the PDF could not be made (detail says why). */
#define PRINTING_NO_PDF		(-1)

/* One report from the child: small enough for one atomic pipe write. */
struct printing_report {
	int	event;		/* enum cups_event, or PRINTING_NO_PDF */
	int	job;
	char	queue[128];
	char	detail[256];
};

/* What a printer-state reason (kiosk/cups.c) means to the people there. */
static const struct {
	const char	*reason;
	const char	*what;
} printing_reasons[] = {
	{ "media-empty", N_("out of paper") },
	{ "media-needed", N_("out of paper") },
	{ "media-jam", N_("paper jam") },
	{ "paused", N_("paused") },
	{ "offline", N_("offline") },
	{ "door-open", N_("a cover is open") },
	{ "cover-open", N_("a cover is open") },
	{ "toner-empty", N_("out of toner or ink") },
	{ "marker-supply-empty", N_("out of toner or ink") },
	{ "output-area-full", N_("the output tray is full") },
	{ "input-tray-missing", N_("a paper tray is missing") },
	{ "job-held", N_("the job is held") },
	{ "job-stopped", N_("the job is stopped") },
	{ "server", N_("the print service stopped answering") },
};

static const char *
printing_reason(const char *reason)
{
	size_t i;

	for (i = 0; i < sizeof printing_reasons / sizeof printing_reasons[0]; i++) {
		if (strcmp(reason, printing_reasons[i].reason) == 0)
			return _(printing_reasons[i].what);
	}
	return reason;	/* a keyword we do not know: staff can look it up */
}

/* The child's cups_report: one record down the pipe. */
static void
printing_send(void *ctx, enum cups_event event, int job, const char *queue,
    const char *detail)
{
	struct printing_report r;

	memset(&r, 0, sizeof r);
	r.event = (int)event;
	r.job = job;
	snprintf(r.queue, sizeof r.queue, "%s", queue);
	snprintf(r.detail, sizeof r.detail, "%s", detail);
	/* The kiosk has gone: nobody to tell, nothing more to do. */
	if (write(*(int *)ctx, &r, sizeof r) != (ssize_t)sizeof r)
		_exit(0);
}

/*
 * The child: make the PDF, send it, follow the job, report on fd. It must
 * not touch the terminal, and it leaves with _exit: the kiosk's exit
 * handlers are not its own.
 */
struct printing_job {
	const struct print_doc	*doc;
	const char		*queue;
};

static void __attribute__((noreturn))
printing_child(int fd, void *arg)
{
	const struct printing_job *job = arg;
	unsigned char *pdf;
	size_t len;
	char *error = NULL;

	alarm(PRINTING_CHILD_MAX);
	if (print_pdf_render(job->doc, &pdf, &len, &error) != 0) {
		printing_send(&fd, (enum cups_event)PRINTING_NO_PDF, 0, "", error);
		_exit(0);
	}
	cups_print(job->queue, pdf, len, job->doc->title, PRINTING_FOLLOW,
	    printing_send, &fd);
	_exit(0);
}

/* Stop following the job (it stays with the server) and reap the child. */
static void
printing_stop(struct printing *p)
{
	child_stop(p->child, p->fd, SIGTERM);
	p->child = -1;
	p->fd = -1;
	p->sending = 0;
}

/* Nothing was printed: tell the visitor and staff why. */
static void
printing_failed(struct printing *p, const struct printing_report *r)
{
	const char *q = r->queue;
	char *msg;

	switch (r->event) {
	case CUPS_NO_QUEUE:
		msg = xasprintf(_("There is no printer \"%s\"; nothing was printed. "
		    "Please tell the staff."), q);
		break;
	case CUPS_NO_DEFAULT:
		msg = xasprintf("%s", _("No printer is set up; nothing was printed. "
		    "Please tell the staff."));
		break;
	case CUPS_PAUSED:
		msg = xasprintf(_("The printer \"%s\" is paused; nothing was "
		    "printed. Please tell the staff."), q);
		break;
	case CUPS_REJECTING:
		msg = xasprintf(_("The printer \"%s\" is not accepting jobs; nothing "
		    "was printed. Please tell the staff."), q);
		break;
	case CUPS_REFUSED:
		msg = xasprintf(_("The printer refused the job (%s); nothing was "
		    "printed. Please tell the staff."), r->detail);
		break;
	case PRINTING_NO_PDF:
		msg = xasprintf(_("Cannot print: %s"), r->detail);
		break;
	default:	/* CUPS_NO_SERVER */
		msg = xasprintf("%s", _("The print service cannot be reached; "
		    "nothing was printed. Please tell the staff."));
		break;
	}
	log_event(LOG_WARNING, "printing on %s failed (%d): %s",
	    q[0] != '\0' ? q : "the default printer", r->event, r->detail);
	p->sending = 0;
	if (!p->quiet)
		ui_status(p->ui, "%s", msg);
	free(msg);
}

/* News of a job the server has. */
static void
printing_news(struct printing *p, const struct printing_report *r)
{
	struct ui *ui = p->quiet ? NULL : p->ui;

	switch (r->event) {
	case CUPS_SENT:
		log_event(LOG_NOTICE, "print job %d sent to %s (%d pages)",
		    r->job, r->queue, p->pages);
		p->sending = 0;
		if (ui == NULL)
			return;
		p->pub.pages_used += p->pages;
		ui_status(ui, _("Sent to the printer: %d pages."), p->pages);
		return;
	case CUPS_ATTENTION:
		log_event(LOG_WARNING, "printer %s needs attention: %s", r->queue,
		    r->detail);
		if (ui != NULL)
			ui_status(ui, _("The printer needs attention (%s). Please "
			    "tell the staff."), printing_reason(r->detail));
		return;
	case CUPS_CANCELLED:
		log_event(LOG_WARNING, "print job %d on %s was cancelled", r->job,
		    r->queue);
		if (ui != NULL)
			ui_status(ui, "%s", _("The print job was cancelled. Please "
			    "tell the staff."));
		return;
	}
	if (ui != NULL)
		ui_status(ui, "%s", r->event == CUPS_DONE ? _("Printed. Please "
		    "take your pages from the printer.") : _("Printing…"));
}

static void
printing_report(struct printing *p, struct printing_report *r)
{
	char *queue, *detail;

	/* From another process and from the server: make them safe. */
	r->queue[sizeof r->queue - 1] = '\0';
	r->detail[sizeof r->detail - 1] = '\0';
	queue = text_sanitise(r->queue, strlen(r->queue), 0);
	detail = text_sanitise(r->detail, strlen(r->detail), 0);
	snprintf(r->queue, sizeof r->queue, "%s", queue);
	snprintf(r->detail, sizeof r->detail, "%s", detail);
	free(queue);
	free(detail);
	if (r->event >= CUPS_NO_SERVER || r->event == PRINTING_NO_PDF)
		printing_failed(p, r);
	else
		printing_news(p, r);
}

void
printing_poll(struct printing *p)
{
	struct printing_report r;
	ssize_t n;

	while (p->fd >= 0) {
		n = read(p->fd, &r, sizeof r);
		if (n == (ssize_t)sizeof r) {
			printing_report(p, &r);
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		/* End of file: the child is done (or died). */
		if (p->sending && !p->quiet)
			ui_status(p->ui, "%s", _("The print job stopped unexpectedly; "
			    "nothing was printed. Please tell the staff."));
		if (p->sending)
			log_event(LOG_WARNING, "the printing process ended early");
		printing_stop(p);
	}
}

/* Start the child that prints doc; -1 (the status line says why) if not. */
static int
printing_start(struct printing *p, struct ui *ui, const struct print_doc *doc)
{
	struct printing_job job = { doc, p->queue };
	int fd;
	pid_t pid;

	if ((pid = child_start(&fd, printing_child, &job)) < 0) {
		ui_status(ui, _("Cannot print: %s"), strerror(errno));
		return -1;
	}
	p->child = pid;
	p->fd = fd;
	p->sending = 1;
	p->quiet = 0;
	p->pages = (int)doc->npages;
	ui_status(ui, "%s", _("Sending to the printer…"));
	return 0;
}

/* The screens' print callback: check the limit, start a child. */
static int
printing_print(void *ctx, struct ui *ui, const struct print_doc *doc)
{
	struct printing *p = ctx;

	printing_poll(p);
	if (p->sending) {
		ui_status(ui, "%s", _("The last printout is still being sent; "
		    "please wait a moment."));
		return -1;
	}
	if (ui_print_over_limit(ui, &p->pub, doc->npages))
		return -1;
	printing_stop(p);	/* no longer follow the last job */
	return printing_start(p, ui, doc);
}

void
printing_init(struct printing *p, const struct config *cfg, struct ui *ui)
{
	memset(p, 0, sizeof *p);
	p->child = -1;
	p->fd = -1;
	p->ui = ui;
	p->queue = cfg->printer;
	p->pub.staff_only = cfg->print == CONFIG_PRINT_STAFF;
	p->pub.page_limit = cfg->print_page_limit;
	p->pub.print = printing_print;
	p->pub.ctx = p;
	ui->print = cfg->print == CONFIG_PRINT_NO ? NULL : &p->pub;
}

void
printing_reset(struct printing *p)
{
	p->pub.pages_used = 0;
	if (p->child != -1)
		p->quiet = 1;
}

void
printing_done(struct printing *p)
{
	printing_stop(p);
}
