/*
 * A print job through libcups: one connection to the server, the queue's
 * state checked before anything is sent, the document sent, then the job
 * and its printer asked after twice a second. See kiosk/cups.h.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cups/cups.h>

#include "kiosk/cups.h"

/* How long connecting to the server may take, ms. */
#define CUPS_CONNECT_MS		5000
/* How often the job is asked after, µs. */
#define CUPS_POLL_US		500000

struct cups_job {
	http_t		*http;
	cups_dest_t	*dest;
	cups_dinfo_t	*info;
	int		 id;
	cups_report	 report;
	void		*ctx;
	enum cups_event	 last;		/* the last event reported */
	char		 reason[64];	/* the last attention reason reported */
};

/* Printer-state-reasons that stop a printer whatever their suffix. */
static const char *const cups_stoppers[] = {
	"media-empty", "media-needed", "media-jam", "paused", "offline",
	"door-open", "cover-open", "toner-empty", "marker-supply-empty",
	"output-area-full", "input-tray-missing",
};

static long long
cups_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

static void
cups_say(struct cups_job *j, enum cups_event event, const char *detail)
{
	j->report(j->ctx, event, j->id, j->dest != NULL ? j->dest->name : "",
	    detail != NULL ? detail : "");
	j->last = event;
}

static int
cups_stopper(const char *reason)
{
	size_t i;

	for (i = 0; i < sizeof cups_stoppers / sizeof cups_stoppers[0]; i++) {
		if (strcmp(reason, cups_stoppers[i]) == 0)
			return 1;
	}
	return 0;
}

/*
 * The first reason in a printer-state-reasons list that needs someone at
 * the printer, without its -error/-warning/-report suffix, into out; 0
 * if there is none. Warnings (toner low …) do not stop a printer.
 */
static int
cups_attention(const char *reasons, char *out, size_t size)
{
	char list[512], *r, *save = NULL, *dash;
	int error;

	snprintf(list, sizeof list, "%s", reasons != NULL ? reasons : "");
	for (r = strtok_r(list, ",", &save); r != NULL;
	    r = strtok_r(NULL, ",", &save)) {
		dash = strrchr(r, '-');
		if (dash != NULL && (strcmp(dash, "-warning") == 0 ||
		    strcmp(dash, "-report") == 0))
			continue;
		if ((error = dash != NULL && strcmp(dash, "-error") == 0))
			*dash = '\0';
		if (error || cups_stopper(r)) {
			snprintf(out, size, "%s", r);
			return 1;
		}
	}
	return 0;
}

/* The queue, with its state; reports why not and returns NULL if none. */
static cups_dest_t *
cups_find(struct cups_job *j, const char *queue)
{
	cups_dest_t *dest = cupsGetNamedDest(j->http, queue, NULL);

	if (dest != NULL)
		return dest;
	if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND)
		j->report(j->ctx, queue != NULL ? CUPS_NO_QUEUE : CUPS_NO_DEFAULT,
		    0, queue != NULL ? queue : "", "");
	else
		j->report(j->ctx, CUPS_NO_SERVER, 0, queue != NULL ? queue : "",
		    cupsLastErrorString());
	return NULL;
}

/* Will the queue print now? A stopped or rejecting one is reported. */
static int
cups_ready(struct cups_job *j)
{
	cups_dest_t *d = j->dest;
	const char *accepting = cupsGetOption("printer-is-accepting-jobs",
	    d->num_options, d->options);
	const char *state = cupsGetOption("printer-state", d->num_options,
	    d->options);
	const char *reasons = cupsGetOption("printer-state-reasons",
	    d->num_options, d->options);

	if (accepting != NULL && strcmp(accepting, "false") == 0) {
		cups_say(j, CUPS_REJECTING, reasons);
		return 0;
	}
	if (state != NULL && atoi(state) == IPP_PSTATE_STOPPED) {
		cups_say(j, CUPS_PAUSED, reasons);
		return 0;
	}
	return 1;
}

/* Why the server said no, as an event. */
static void
cups_refused(struct cups_job *j)
{
	ipp_status_t status = cupsLastError();

	if (status == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS)
		cups_say(j, CUPS_REJECTING, cupsLastErrorString());
	else if (status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE)
		cups_say(j, CUPS_NO_SERVER, cupsLastErrorString());
	else
		cups_say(j, CUPS_REFUSED, cupsLastErrorString());
}

/* Create the job and send the document; 0 once the server has it all. */
static int
cups_submit(struct cups_job *j, const void *pdf, size_t len, const char *title)
{
	cups_option_t *opts = NULL;
	int nopts = cupsAddOption("media", CUPS_MEDIA_A4, 0, &opts);
	int ok;

	j->info = cupsCopyDestInfo(j->http, j->dest);
	ok = cupsCreateDestJob(j->http, j->dest, j->info, &j->id, title, nopts,
	    opts) == IPP_STATUS_OK;
	cupsFreeOptions(nopts, opts);
	if (!ok) {
		cups_refused(j);
		return -1;
	}
	if (cupsStartDestDocument(j->http, j->dest, j->info, j->id, title,
	    CUPS_FORMAT_PDF, 0, NULL, 1) != HTTP_STATUS_CONTINUE ||
	    cupsWriteRequestData(j->http, pdf, len) != HTTP_STATUS_CONTINUE ||
	    cupsFinishDestDocument(j->http, j->dest, j->info) != IPP_STATUS_OK) {
		cups_refused(j);
		cupsCancelDestJob(j->http, j->dest, j->id);
		return -1;
	}
	cups_say(j, CUPS_SENT, "");
	return 0;
}

/* The job's state (IPP_JSTATE_*), or -1 if the server does not answer. */
static int
cups_job_state(struct cups_job *j)
{
	ipp_t *request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES), *response;
	ipp_attribute_t *attr;
	char uri[HTTP_MAX_URI];
	int state = -1;

	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", NULL,
	    "localhost", ippPort(), "/jobs/%d", j->id);
	ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", NULL, uri);
	ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME,
	    "requesting-user-name", NULL, cupsUser());
	ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD,
	    "requested-attributes", NULL, "job-state");
	response = cupsDoRequest(j->http, request, "/");
	if ((attr = ippFindAttribute(response, "job-state", IPP_TAG_ENUM)) != NULL)
		state = ippGetInteger(attr, 0);
	ippDelete(response);
	return state;
}

/* Does the job's printer need someone? The reason goes into out. */
static int
cups_printer_attention(struct cups_job *j, char *out, size_t size)
{
	cups_dest_t *d = cupsGetNamedDest(j->http, j->dest->name, NULL);
	const char *state, *reasons;
	int stopped, attention;

	if (d == NULL)
		return 0;
	state = cupsGetOption("printer-state", d->num_options, d->options);
	reasons = cupsGetOption("printer-state-reasons", d->num_options,
	    d->options);
	stopped = state != NULL && atoi(state) == IPP_PSTATE_STOPPED;
	attention = cups_attention(reasons, out, size);
	if (stopped && !attention)
		snprintf(out, size, "paused");
	cupsFreeDests(1, d);
	return stopped || attention;
}

/* One look at a job still in the queue: printing, or stuck and why. */
static void
cups_check(struct cups_job *j, int state)
{
	char reason[64] = "";

	if (state == IPP_JSTATE_HELD)
		snprintf(reason, sizeof reason, "job-held");
	else if (!cups_printer_attention(j, reason, sizeof reason) &&
	    state == IPP_JSTATE_STOPPED)
		snprintf(reason, sizeof reason, "job-stopped");
	if (reason[0] != '\0') {
		if (j->last != CUPS_ATTENTION || strcmp(reason, j->reason) != 0) {
			snprintf(j->reason, sizeof j->reason, "%s", reason);
			cups_say(j, CUPS_ATTENTION, reason);
		}
	} else if (state == IPP_JSTATE_PROCESSING && j->last != CUPS_PRINTING) {
		cups_say(j, CUPS_PRINTING, "");
	}
}

/* Ask after the job until it ends or the time is up. */
static void
cups_follow(struct cups_job *j, int seconds)
{
	long long deadline = cups_now() + seconds;
	int state, lost = 0;

	while (cups_now() < deadline) {
		usleep(CUPS_POLL_US);
		if ((state = cups_job_state(j)) < 0) {
			/* The server went away after it took the job. */
			if (++lost == 3 && j->last != CUPS_ATTENTION)
				cups_say(j, CUPS_ATTENTION, "server");
			continue;
		}
		lost = 0;
		if (state == IPP_JSTATE_COMPLETED) {
			cups_say(j, CUPS_DONE, "");
			return;
		}
		if (state == IPP_JSTATE_CANCELED || state == IPP_JSTATE_ABORTED) {
			cups_say(j, CUPS_CANCELLED, "");
			return;
		}
		cups_check(j, state);
	}
}

void
cups_print(const char *queue, const void *pdf, size_t len, const char *title,
    int follow_seconds, cups_report report, void *ctx)
{
	struct cups_job j = { .report = report, .ctx = ctx, .last = CUPS_SENT };

	j.http = httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC,
	    cupsEncryption(), 1, CUPS_CONNECT_MS, NULL);
	if (j.http == NULL) {
		report(ctx, CUPS_NO_SERVER, 0, queue != NULL ? queue : "",
		    cupsLastErrorString());
		return;
	}
	if ((j.dest = cups_find(&j, queue)) != NULL && cups_ready(&j) &&
	    cups_submit(&j, pdf, len, title) == 0)
		cups_follow(&j, follow_seconds);
	if (j.info != NULL)
		cupsFreeDestInfo(j.info);
	if (j.dest != NULL)
		cupsFreeDests(1, j.dest);
	httpClose(j.http);
}
