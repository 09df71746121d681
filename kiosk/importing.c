/*
 * Imports for the staff screen in a child process. See kiosk/importing.h.
 *
 * The child runs import_files() and writes records down a pipe: one byte
 * of type, four of length (host order: the same program reads them), the
 * payload. The parent gathers the bytes between keys and takes complete
 * records apart; the end of the pipe with no end record means the child
 * died, and waitpid says how.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "data/import/diag.h"
#include "data/import/import.h"
#include "data/versions/diff.h"
#include "i18n/i18n.h"
#include "kiosk/child.h"
#include "kiosk/importing.h"
#include "kiosk/log.h"
#include "lib/xmalloc.h"
#include "screens/ui/ui.h"

/* Problems sent at most: the summary still counts them all. */
#define IMPORTING_MAX_PROBLEMS	2000
/* Bytes read from the pipe in one poll, so that keys are not held up. */
#define IMPORTING_POLL_MAX	((size_t)4 << 20)

enum {
	REC_PROGRESS = 'p',	/* percent (uint32) */
	REC_FILE = 'f',		/* counts, name, encoding, layout, domain */
	REC_SUMMARY = 's',	/* counts, committed, refusal, version */
	REC_PROBLEM = 'd',	/* one worded diagnostic */
	REC_MORE = 'm',		/* problems not sent (uint64) */
	REC_ERROR = 'e',	/* the catalogue could not be written */
	REC_DIFF = 'c',		/* added, removed, changed, domains (uint64);
				   per domain: name, added, removed, changed */
	REC_END = 'x',
};

/* The child's side: records into a stdio buffer on the pipe. */
struct out {
	FILE	*fp;
	char	*p;
	size_t	 len, cap;
	double	 last;	/* when progress was last sent */
	const struct import_counts *expect;
};

static void
out_bytes(struct out *o, const void *v, size_t n)
{
	if (o->len + n > o->cap) {
		o->cap = (o->len + n) * 2;
		o->p = xreallocarray(o->p, o->cap, 1);
	}
	memcpy(o->p + o->len, v, n);
	o->len += n;
}

static void
out_u64(struct out *o, uint64_t v)
{
	out_bytes(o, &v, sizeof v);
}

/* A string, or NULL, as a length (UINT32_MAX: NULL) and bytes. */
static void
out_str(struct out *o, const char *s)
{
	uint32_t	n = s != NULL ? (uint32_t)strlen(s) : UINT32_MAX;

	out_bytes(o, &n, sizeof n);
	if (s != NULL)
		out_bytes(o, s, n);
}

static void
out_counts(struct out *o, const struct import_counts *c)
{
	out_u64(o, c->rows_read);
	out_u64(o, c->imported);
	out_u64(o, c->skipped);
	out_u64(o, c->warnings);
	out_u64(o, c->errors);
}

/* Send the record built in o->p with type t. */
static void
out_send(struct out *o, int t)
{
	unsigned char	type = (unsigned char)t;
	uint32_t	n = (uint32_t)o->len;

	if (fwrite(&type, 1, 1, o->fp) != 1 ||
	    fwrite(&n, sizeof n, 1, o->fp) != 1 ||
	    (n > 0 && fwrite(o->p, 1, n, o->fp) != n))
		_exit(1);	/* the kiosk stopped listening */
	o->len = 0;
}

static double
now_seconds(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
child_progress(double done, size_t rows, void *arg)
{
	struct out	*o = arg;
	double		 t = now_seconds();
	uint64_t	 pct = (uint64_t)(done * 100);

	(void)rows;
	if (t - o->last < 0.2 && done < 1.0)
		return;
	o->last = t;
	out_u64(o, pct > 100 ? 100 : pct);
	out_send(o, REC_PROGRESS);
	fflush(o->fp);
}

/* Go ahead only with what the clerk saw: the files did not change. */
static int
child_confirm(const struct import_summary *sum, void *arg)
{
	const struct out		*o = arg;
	const struct import_counts	*e = o->expect;

	return e == NULL || (sum->total.imported == e->imported &&
	    sum->total.skipped == e->skipped &&
	    sum->total.rows_read == e->rows_read);
}

/* Remove dir, what is in it and in its directories (the built version). */
static void
remove_tree(const char *dir, int depth)
{
	struct dirent	*de;
	DIR		*d = opendir(dir);
	char		*path;

	while (d != NULL && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (unlink(path) != 0 && depth > 0)
			remove_tree(path, depth - 1);
		free(path);
	}
	if (d != NULL)
		closedir(d);
	rmdir(dir);
}

/*
 * What the checked files would change: build their version aside, in a
 * directory of its own, compare it with the live one as chayue-admin diff
 * does, and throw it away. The live catalogue is only read. Nothing is
 * sent if either cannot be read: the report then has no comparison.
 */
static void
diff_build(const struct ui_import_job *job, const char *dir, struct out *o)
{
	struct import_options	 opt;
	struct import_summary	 sum;
	struct diag_list	 d;
	struct diff_result	 r;
	struct diff_domain	*dom = NULL;
	char			*path, *error = NULL;
	size_t			 n = 0, i;
	int			 rc;

	path = xasprintf("%s/preview.db", dir);
	memset(&opt, 0, sizeof opt);
	opt.allow_drop = 1;
	opt.max_size = job->max_size;
	opt.confine_dir = job->confine_dir;
	diag_init(&d);
	rc = import_files(path, job->files, job->nfiles, &opt, &d, &sum,
	    &error);
	rc = rc == 0 && sum.committed ?
	    diff_catalogues(job->catalogue, path, &r, &error) : -1;
	/* Gone before anything is sent: a kiosk that stopped listening. */
	remove_tree(dir, 2);
	if (rc == 0) {
		n = diff_domains(&r, &dom);
		out_u64(o, r.added);
		out_u64(o, r.removed);
		out_u64(o, r.changed);
		out_u64(o, n);
		for (i = 0; i < n; i++) {
			out_str(o, dom[i].domain);
			out_u64(o, dom[i].added);
			out_u64(o, dom[i].removed);
			out_u64(o, dom[i].changed);
			free(dom[i].domain);
		}
		free(dom);
		out_send(o, REC_DIFF);
		diff_result_done(&r);
	}
	free(error);
	import_summary_done(&sum);
	diag_done(&d);
	free(path);
}

struct diff_arg {
	const struct ui_import_job	*job;
	const char			*dir;	/* to build in */
	int				 fd;	/* the kiosk's pipe */
};

static void __attribute__((noreturn))
diff_child(int fd, void *arg)
{
	const struct diff_arg	*a = arg;
	struct out		 o;

	/* Not holding the kiosk's pipe open: its end means ours ended. */
	close(a->fd);
	memset(&o, 0, sizeof o);
	if ((o.fp = fdopen(fd, "w")) == NULL)
		_exit(1);
	diff_build(a->job, a->dir, &o);
	_exit(fflush(o.fp) != 0);
}

/*
 * The comparison runs in a process of its own: whatever building the
 * version aside does (a crash, memory), the check's report stands; only
 * a complete record from a process that ended well is passed on. Each
 * of the two removes the directory, so that it goes whichever is killed.
 */
static void
importing_diff(const struct ui_import_job *job, struct out *o)
{
	struct diff_arg	 a;
	struct pollfd	 pfd;
	const char	*tmp = getenv("TMPDIR");
	char		*buf = NULL, *dir;
	size_t		 len = 0, cap = 0;
	ssize_t		 got;
	pid_t		 pid;
	int		 fd, status = 0;

	if (access(job->catalogue, R_OK) != 0)
		return;		/* the first import: all of it is new */
	dir = xasprintf("%s/chayue-diff.XXXXXX", tmp != NULL && *tmp != '\0' ?
	    tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		free(dir);
		return;
	}
	fflush(o->fp);
	a.job = job;
	a.dir = dir;
	a.fd = fileno(o->fp);
	if ((pid = child_start(&fd, diff_child, &a)) < 0) {
		remove_tree(dir, 2);
		free(dir);
		return;
	}
	for (;;) {
		if (len == cap)
			buf = xreallocarray(buf, cap = cap ? cap * 2 : 4096, 1);
		got = read(fd, buf + len, cap - len);
		if (got > 0)
			len += (size_t)got;
		else if (got == 0)
			break;
		else if (errno == EAGAIN) {
			pfd.fd = fd;
			pfd.events = POLLIN;
			(void)poll(&pfd, 1, -1);
		} else if (errno != EINTR)
			break;
	}
	close(fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		continue;
	remove_tree(dir, 2);
	free(dir);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && len > 0 &&
	    fwrite(buf, 1, len, o->fp) != len)
		_exit(1);	/* the kiosk stopped listening */
	free(buf);
}

static void __attribute__((noreturn))
importing_child(int fd, void *arg)
{
	const struct ui_import_job *job = arg;
	struct import_options	 opt;
	struct import_summary	 sum;
	struct diag_list	 d;
	struct out		 o;
	char			*error = NULL, *s;
	size_t			 i;
	int			 rc;
	FILE			*fp;

	/* Out of memory, the kernel takes the child, not the kiosk. */
	if ((fp = fopen("/proc/self/oom_score_adj", "w")) != NULL) {
		fputs("1000", fp);
		fclose(fp);
	}
	(void)setpriority(PRIO_PROCESS, 0, 5);	/* keys come first */
	memset(&o, 0, sizeof o);
	if ((o.fp = fdopen(fd, "w")) == NULL)
		_exit(1);
	o.expect = job->expect;
#ifdef CHAYUE_TESTING
	/* A test hook: a check that takes its time, to stop with Esc. */
	if (getenv("CHAYUE_TEST_IMPORT_SLEEP") != NULL)
		sleep((unsigned)atoi(getenv("CHAYUE_TEST_IMPORT_SLEEP")));
#endif
	memset(&opt, 0, sizeof opt);
	opt.dry_run = job->dry_run;
	opt.allow_drop = job->allow_drop;
	opt.keep_versions = job->keep_versions;
	opt.max_size = job->max_size;
	opt.confine_dir = job->confine_dir;
	opt.confirm = child_confirm;
	opt.progress = child_progress;
	opt.arg = &o;
	diag_init(&d);
	rc = import_files(job->catalogue, job->files, job->nfiles, &opt, &d,
	    &sum, &error);
	for (i = 0; i < sum.nfiles; i++) {
		out_counts(&o, &sum.files[i].counts);
		out_str(&o, sum.files[i].name);
		out_str(&o, sum.files[i].encoding);
		out_str(&o, sum.files[i].layout);
		out_str(&o, sum.files[i].domain);
		out_send(&o, REC_FILE);
	}
	out_counts(&o, &sum.total);
	out_u64(&o, (uint64_t)sum.committed);
	out_u64(&o, (uint64_t)sum.refusal);
	out_str(&o, sum.version);
	out_u64(&o, (uint64_t)sum.failed);
	out_u64(&o, (uint64_t)sum.drop.live);
	out_u64(&o, (uint64_t)sum.drop.now);
	out_u64(&o, (uint64_t)sum.drop.jurisdictions);
	out_str(&o, sum.drop.name);
	out_u64(&o, (uint64_t)sum.drop.name_live);
	out_u64(&o, (uint64_t)sum.drop.name_now);
	out_u64(&o, (uint64_t)sum.drop.most);
	out_u64(&o, (uint64_t)sum.unchanged);
	out_u64(&o, (uint64_t)sum.kept);
	out_send(&o, REC_SUMMARY);
	for (i = 0; i < d.n && i < IMPORTING_MAX_PROBLEMS; i++) {
		s = diag_format(&d.v[i]);
		out_str(&o, s);
		out_send(&o, REC_PROBLEM);
		free(s);
	}
	if (d.n > IMPORTING_MAX_PROBLEMS) {
		out_u64(&o, d.n - IMPORTING_MAX_PROBLEMS);
		out_send(&o, REC_MORE);
	}
	if (rc != 0) {
		out_str(&o, error != NULL ? error : "?");
		out_send(&o, REC_ERROR);
	} else if (job->dry_run && job->diff &&
	    (sum.refusal == IMPORT_ACCEPTED ||
	    sum.refusal == IMPORT_REFUSED_DROP))
		importing_diff(job, &o);
	out_send(&o, REC_END);
	if (fflush(o.fp) != 0)
		_exit(1);
	_exit(0);
}

/* The parent's side: taking a record apart. */
struct in {
	const unsigned char	*p, *end;
	int			 bad;
};

static uint64_t
in_u64(struct in *r)
{
	uint64_t	v = 0;

	if ((size_t)(r->end - r->p) < sizeof v) {
		r->bad = 1;
		return 0;
	}
	memcpy(&v, r->p, sizeof v);
	r->p += sizeof v;
	return v;
}

static char *
in_str(struct in *r)
{
	uint32_t	n;
	char		*s;

	if ((size_t)(r->end - r->p) < sizeof n) {
		r->bad = 1;
		return NULL;
	}
	memcpy(&n, r->p, sizeof n);
	r->p += sizeof n;
	if (n == UINT32_MAX)
		return NULL;
	if ((size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return NULL;
	}
	s = xmalloc((size_t)n + 1);
	memcpy(s, r->p, n);
	s[n] = '\0';
	r->p += n;
	return s;
}

static void
in_counts(struct in *r, struct import_counts *c)
{
	c->rows_read = (size_t)in_u64(r);
	c->imported = (size_t)in_u64(r);
	c->skipped = (size_t)in_u64(r);
	c->warnings = (size_t)in_u64(r);
	c->errors = (size_t)in_u64(r);
}

/* The static strings the summary points at, found again by their text. */
static const char *
static_name(char *s, const char *const *names, size_t n)
{
	size_t	i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, names[i]) == 0) {
			free(s);
			return names[i];
		}
	free(s);
	return NULL;
}

static void
take_file(struct importing *im, struct in *r)
{
	static const char *const encodings[] = { "UTF-8", "GB18030",
	    "UTF-16LE", "UTF-16BE", "Big5" };
	static const char *const layouts[] = { N_("JSON"),
	    N_("published layout"), N_("canonical layout"), N_("web page"),
	    N_("Word document"), N_("Excel workbook"),
	    N_("Excel 97-2003 workbook") };
	struct import_summary		*sum = &im->result.sum;
	struct import_file_summary	*f;

	if (sum->nfiles == im->cfiles) {
		im->cfiles = im->cfiles ? im->cfiles * 2 : 8;
		sum->files = xreallocarray(sum->files, im->cfiles,
		    sizeof *sum->files);
	}
	f = &sum->files[sum->nfiles++];
	memset(f, 0, sizeof *f);
	in_counts(r, &f->counts);
	f->name = in_str(r);
	if (f->name == NULL)
		f->name = xstrdup("?");
	f->encoding = static_name(in_str(r), encodings,
	    sizeof encodings / sizeof encodings[0]);
	f->layout = static_name(in_str(r), layouts,
	    sizeof layouts / sizeof layouts[0]);
	f->domain = in_str(r);
}

static void
take_diff(struct ui_import_diff *diff, struct in *r)
{
	struct diff_domain	*dom;
	uint64_t		 n, i;

	diff->added = (size_t)in_u64(r);
	diff->removed = (size_t)in_u64(r);
	diff->changed = (size_t)in_u64(r);
	n = in_u64(r);
	/* Each domain takes 28 bytes at least: a bad count reads nothing. */
	for (i = 0; i < n && !r->bad && (size_t)(r->end - r->p) >= 28; i++) {
		diff->domains = xreallocarray(diff->domains,
		    diff->ndomains + 1, sizeof *diff->domains);
		dom = &diff->domains[diff->ndomains];
		if ((dom->domain = in_str(r)) == NULL)
			break;
		dom->added = (size_t)in_u64(r);
		dom->removed = (size_t)in_u64(r);
		dom->changed = (size_t)in_u64(r);
		diff->ndomains++;
	}
	diff->done = !r->bad;
}

static void
take_record(struct importing *im, int type, struct in *r)
{
	struct ui_import_result	*res = &im->result;
	uint64_t		 v;

	switch (type) {
	case REC_PROGRESS:
		v = in_u64(r);
		ui_status(im->ui, "%s %d%%", im->dry_run ? _("Checking…") :
		    _("Importing…"), (int)v);
		break;
	case REC_FILE:
		take_file(im, r);
		break;
	case REC_SUMMARY:
		in_counts(r, &res->sum.total);
		res->sum.committed = (int)in_u64(r);
		res->sum.refusal = (enum import_refusal)in_u64(r);
		free(res->sum.version);
		res->sum.version = in_str(r);
		res->sum.failed = (int)in_u64(r);
		res->sum.drop.live = (size_t)in_u64(r);
		res->sum.drop.now = (size_t)in_u64(r);
		res->sum.drop.jurisdictions = (size_t)in_u64(r);
		free(res->sum.drop.name);
		res->sum.drop.name = in_str(r);
		res->sum.drop.name_live = (size_t)in_u64(r);
		res->sum.drop.name_now = (size_t)in_u64(r);
		res->sum.drop.most = (int)in_u64(r);
		res->sum.unchanged = (int)in_u64(r);
		res->sum.kept = (int)in_u64(r);
		break;
	case REC_PROBLEM:
		if (res->nproblems % 64 == 0)
			res->problems = xreallocarray(res->problems,
			    res->nproblems + 64, sizeof *res->problems);
		if ((res->problems[res->nproblems] = in_str(r)) != NULL)
			res->nproblems++;
		break;
	case REC_MORE:
		res->more = (size_t)in_u64(r);
		break;
	case REC_ERROR:
		free(res->error);
		res->error = in_str(r);
		res->end = UI_IMPORT_FAILED;
		break;
	case REC_DIFF:
		take_diff(&res->diff, r);
		break;
	case REC_END:
		im->ended = 1;
		break;
	}
}

/* Take apart the complete records gathered so far. */
static void
take_records(struct importing *im)
{
	struct in	r;
	size_t		at = 0;
	uint32_t	n;

	while (im->len - at >= 5) {
		memcpy(&n, im->buf + at + 1, sizeof n);
		if (im->len - at - 5 < n)
			break;
		r.p = (const unsigned char *)im->buf + at + 5;
		r.end = r.p + n;
		r.bad = 0;
		take_record(im, (unsigned char)im->buf[at], &r);
		at += 5 + (size_t)n;
	}
	memmove(im->buf, im->buf + at, im->len - at);
	im->len -= at;
}

static void
importing_stop(struct importing *im)
{
	child_stop(im->child, im->fd, SIGKILL);
	im->child = -1;
	im->fd = -1;
	im->len = 0;
	im->ended = 0;
	im->done = NULL;
	im->cfiles = 0;
	ui_import_result_done(&im->result);
}

/* How the child ended, for staff. */
static char *
child_death(int status)
{
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		return xstrdup(_("the import process was killed (out of "
		    "memory?); the live catalogue is unchanged"));
	if (WIFSIGNALED(status))
		return xasprintf(_("the import process crashed (signal %d); "
		    "the live catalogue is unchanged"), WTERMSIG(status));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 70)
		return xstrdup(_("the import ran out of memory; the live "
		    "catalogue is unchanged"));
	return xasprintf(_("the import process stopped (exit status %d); "
	    "the live catalogue is unchanged"), WIFEXITED(status) ?
	    WEXITSTATUS(status) : -1);
}

/* The pipe ended: reap the child and hand the result over. */
static void
importing_finish(struct importing *im)
{
	struct ui_import_result	 res;
	ui_import_done		 done = im->done;
	void			*arg = im->arg;
	int			 status = 0;

	while (waitpid(im->child, &status, 0) < 0 && errno == EINTR)
		continue;
	close(im->fd);
	im->child = -1;
	im->fd = -1;
	res = im->result;
	memset(&im->result, 0, sizeof im->result);
	if (!im->ended || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		res.end = UI_IMPORT_DIED;
		free(res.error);
		res.error = child_death(status);
		log_event(LOG_WARNING, "the staff screen's import process "
		    "ended early: %s", res.error);
	} else if (res.end == UI_IMPORT_DONE && res.sum.committed)
		log_event(LOG_NOTICE, "staff imported version %s",
		    res.sum.version != NULL ? res.sum.version : "?");
	im->len = 0;
	im->ended = 0;
	im->done = NULL;
	im->cfiles = 0;
	if (done != NULL)
		done(arg, im->ui, &res);
	ui_import_result_done(&res);
}

void
importing_poll(struct importing *im)
{
	size_t	got = 0;
	ssize_t	n;

	while (im->fd >= 0 && got < IMPORTING_POLL_MAX) {
		if (im->cap - im->len < 65536) {
			im->cap = im->cap ? im->cap * 2 : 131072;
			im->buf = xreallocarray(im->buf, im->cap, 1);
		}
		n = read(im->fd, im->buf + im->len, im->cap - im->len);
		if (n > 0) {
			im->len += (size_t)n;
			got += (size_t)n;
			take_records(im);
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		take_records(im);
		importing_finish(im);
	}
}

static int
importing_start(void *ctx, struct ui *ui, const struct ui_import_job *job,
    ui_import_done done, void *arg)
{
	struct importing	*im = ctx;
	int			 fd;
	pid_t			 pid;

	importing_stop(im);
	if ((pid = child_start(&fd, importing_child, (void *)job)) < 0) {
		ui_status(ui, _("Cannot start the import: %s"), strerror(errno));
		return -1;
	}
	im->child = pid;
	im->fd = fd;
	im->dry_run = job->dry_run;
	im->done = done;
	im->arg = arg;
	im->ui = ui;
	ui_status(ui, "%s", job->dry_run ? _("Checking…") : _("Importing…"));
	return 0;
}

static void
importing_cancel(void *ctx)
{
	importing_stop(ctx);
}

void
importing_init(struct importing *im, struct ui *ui)
{
	memset(im, 0, sizeof *im);
	im->child = -1;
	im->fd = -1;
	im->ui = ui;
	im->pub.start = importing_start;
	im->pub.cancel = importing_cancel;
	im->pub.ctx = im;
	ui->import = &im->pub;
}

void
importing_done(struct importing *im)
{
	importing_stop(im);
	free(im->buf);
	im->buf = NULL;
	im->cap = 0;
}
