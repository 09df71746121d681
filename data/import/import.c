/*
 * An import: files read one after the other into one new catalogue
 * version, the counts added up, and the version switched in only if the
 * whole import may go ahead.
 */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/import/readfile.h"
#include "data/import/source.h"
#include "data/store/catalogue.h"
#include "data/versions/builder.h"
#include "data/versions/versions.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

struct import *
import_begin(const char *catalogue_path, const struct import_options *opt,
    struct diag_list *diags, char **error)
{
	struct import	*imp = xcalloc(1, sizeof *imp);

	if (opt != NULL)
		imp->opt = *opt;
	imp->diags = diags;
	imp->path = xstrdup(catalogue_path != NULL ? catalogue_path : "");
	if (!imp->opt.dry_run) {
		if ((imp->lock = versions_lock(imp->path, error)) == NULL ||
		    (imp->b = builder_create(imp->path, error)) == NULL) {
			versions_unlock(imp->lock);
			free(imp->path);
			free(imp);
			return NULL;
		}
	}
	return imp;
}

/* What the catalogue records as the source: the file name only. */
static const char *
base_name(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

int
import_buffer(struct import *imp, const char *name, const char *buf,
    size_t len, char **error)
{
	struct source	src;
	int		rc = 0;

	source_init(&src, imp, name);
	if (imp->b != NULL) {
		src.id = builder_add_source(imp->b, base_name(name), error);
		if (src.id == -1)
			rc = -1;
	}
	if (rc == 0)
		rc = source_read(&src, buf, len, error);
	source_done(&src);
	return rc;
}

/* Why a file was not read, as a file-level error at 1:1. */
static void
file_refused(struct import *imp, const char *path, const struct readfile *rf,
    enum readfile_status st)
{
	char	size[32], limit[32];
	size_t	max = imp->opt.max_size ? imp->opt.max_size :
	    IMPORT_MAX_SIZE_DEFAULT;

	readfile_format_size(rf->size, size, sizeof size);
	readfile_format_size(max, limit, sizeof limit);
	switch (st) {
	case READFILE_NOT_REGULAR:
		diag_add(imp->diags, DIAG_ERROR, path, 1, 1,
		    _("not a regular file (%s)"), _(rf->kind));
		diag_hint(imp->diags, "%s", _("import the exported CSV or "
		    "JSON file itself, not a pipe, device or folder"));
		break;
	case READFILE_TOO_BIG:
		diag_add(imp->diags, DIAG_ERROR, path, 1, 1,
		    _("the file is %s, more than the import limit of %s"),
		    size, limit);
		diag_hint(imp->diags, "%s", _("a catalogue export is a few "
		    "megabytes; if this file is right, raise import_max_size "
		    "in the configuration (chayue-admin: --max-size)"));
		break;
	case READFILE_GREW:
		diag_add(imp->diags, DIAG_ERROR, path, 1, 1,
		    _("the file grew past the import limit of %s while it "
		    "was read"), limit);
		diag_hint(imp->diags, "%s", _("wait until it is copied "
		    "completely, then import it again"));
		break;
	case READFILE_OUTSIDE:
		diag_add(imp->diags, DIAG_ERROR, path, 1, 1,
		    _("the file is a link to %s, outside %s"), rf->target,
		    imp->opt.confine_dir);
		diag_hint(imp->diags, "%s", _("copy the file itself into the "
		    "import folder"));
		break;
	default:
		diag_add(imp->diags, DIAG_ERROR, path, 1, 1,
		    _("cannot read the file: %s"), strerror(rf->err));
		diag_hint(imp->diags, "%s", _("check the file name and that "
		    "the file can be read"));
		break;
	}
}

int
import_file(struct import *imp, const char *path, char **error)
{
	struct source		src;
	struct readfile		rf;
	enum readfile_status	st;
	int			rc;

	st = readfile(path, imp->opt.max_size, imp->opt.confine_dir, &rf);
	if (st == READFILE_OK) {
		rc = import_buffer(imp, path, rf.buf, rf.len, error);
		readfile_done(&rf);
		return rc;
	}
	source_init(&src, imp, path);
	imp->unusable = 1;
	file_refused(imp, path, &rf, st);
	source_done(&src);
	readfile_done(&rf);
	return 0;
}

/* The new version against the live one (import.h: struct import_drop). */
static void
import_drop_check(struct import *imp)
{
	struct import_drop	*d = &imp->sum.drop;
	struct catalogue	*cat;
	struct name_count_list	 live;
	char			*error = NULL;
	size_t			 i, now, worst = 0;
	int			 named;

	memset(d, 0, sizeof *d);
	if ((cat = catalogue_open(imp->path, &error)) == NULL) {
		free(error);	/* no live version: nothing to drop */
		return;
	}
	memset(&live, 0, sizeof live);
	if (catalogue_all_jurisdictions(cat, &live, &error) != 0) {
		free(error);
		catalogue_close(cat);
		return;
	}
	for (i = 0; i < live.n; i++) {
		now = row_jurisdiction_items(imp, live.v[i].name);
		d->live += live.v[i].count;
		d->now += now;
		d->jurisdictions++;
		if (now >= live.v[i].count)
			continue;
		/* The one that loses most; a named one before "". */
		named = *live.v[i].name != '\0';
		if (d->name == NULL || (named && *d->name == '\0') ||
		    (named == (*d->name != '\0') &&
		    live.v[i].count - now > worst)) {
			free(d->name);
			d->name = xstrdup(live.v[i].name);
			d->name_live = live.v[i].count;
			d->name_now = now;
			worst = live.v[i].count - now;
		}
	}
	if (live.n == 1 && d->name == NULL) {
		d->name = xstrdup(live.v[0].name);
		d->name_live = live.v[0].count;
		d->name_now = d->now;
	}
	d->most = d->now * 100 < d->live * IMPORT_DROP_MOST;
	name_count_list_done(&live);
	catalogue_close(cat);
}

void
import_summary_done(struct import_summary *sum)
{
	size_t	i;

	for (i = 0; i < sum->nfiles; i++) {
		free(sum->files[i].name);
		free(sum->files[i].domain);
	}
	free(sum->files);
	free(sum->version);
	free(sum->drop.name);
	memset(sum, 0, sizeof *sum);
}

static void
import_free(struct import *imp)
{
	size_t	i;

	if (imp->b != NULL)
		builder_abort(imp->b);
	versions_unlock(imp->lock);
	import_summary_done(&imp->sum);
	for (i = 0; i < imp->njur; i++)
		free(imp->jur[i].name);
	free(imp->jur);
	free(imp->jslot);
	free(imp->seen);
	for (i = 0; i < imp->nplaces; i++)
		free(imp->places[i]);
	free(imp->places);
	free(imp->path);
	free(imp);
}

void
import_abort(struct import *imp)
{
	if (imp != NULL)
		import_free(imp);
}

/* Add up the files' counts and decide whether the import may go ahead. */
static void
import_tally(struct import *imp)
{
	struct import_counts	*t = &imp->sum.total, *f;
	size_t			 i;

	memset(t, 0, sizeof *t);
	for (i = 0; i < imp->sum.nfiles; i++) {
		f = &imp->sum.files[i].counts;
		t->rows_read += f->rows_read;
		t->imported += f->imported;
		t->skipped += f->skipped;
		t->warnings += f->warnings;
		t->errors += f->errors;
	}
	if (imp->unusable)
		imp->sum.refusal = IMPORT_REFUSED_FILE;
	else if (imp->opt.strict && t->errors > 0)
		imp->sum.refusal = IMPORT_REFUSED_STRICT;
	else if (imp->cut_off && !imp->opt.allow_cut_off)
		imp->sum.refusal = IMPORT_REFUSED_CUT_OFF;
	else if (t->imported == 0)
		imp->sum.refusal = IMPORT_REFUSED_EMPTY;
	else
		imp->sum.refusal = IMPORT_ACCEPTED;
}

/*
 * Nothing was imported after all: say so in the counts. Rows refused
 * count as skipped; after a write failure they are not: they were not
 * left out, the import failed (sum->failed).
 */
static void
import_nothing(struct import_summary *sum)
{
	size_t	i;

	if (!sum->failed)
		sum->total.skipped += sum->total.imported;
	sum->total.imported = 0;
	for (i = 0; i < sum->nfiles; i++) {
		if (!sum->failed)
			sum->files[i].counts.skipped +=
			    sum->files[i].counts.imported;
		sum->files[i].counts.imported = 0;
	}
}

/* Rows left out: the clerk confirms the summary first. */
static int
import_confirmed(struct import *imp)
{
	const struct import_counts	*t = &imp->sum.total;

	if (imp->opt.confirm == NULL || (t->skipped == 0 && t->errors == 0))
		return 1;
	return imp->opt.confirm(&imp->sum, imp->opt.arg) != 0;
}

/* Switch to the new version; 0, or -1 with *error. */
static int
import_switch(struct import *imp, char **error)
{
	struct stat	before, after;
	int		rc, have;

	have = stat(imp->path, &before) == 0;
	rc = versions_switch(imp->b, imp->path, imp->opt.keep_versions,
	    &imp->sum.version, &imp->sum.kept, error);
	imp->b = NULL;
	if (rc == VERSIONS_SAME) {
		imp->sum.unchanged = 1;
		return 0;
	}
	/* A failure after the rename leaves the new file in place. */
	imp->sum.committed = rc == 0 || (stat(imp->path, &after) == 0 &&
	    (!have || after.st_ino != before.st_ino ||
	    after.st_dev != before.st_dev));
	return rc;
}

int
import_end(struct import *imp, struct import_summary *sum, char **error)
{
	int	rc = 0;

	import_tally(imp);
	if (imp->sum.refusal == IMPORT_ACCEPTED) {
		import_drop_check(imp);
		if (imp->sum.drop.most && !imp->opt.allow_drop)
			imp->sum.refusal = IMPORT_REFUSED_DROP;
	}
	if (imp->b != NULL && imp->sum.refusal == IMPORT_ACCEPTED &&
	    !import_confirmed(imp))
		imp->sum.refusal = IMPORT_REFUSED_DECLINED;
	if (imp->b != NULL && imp->sum.refusal == IMPORT_ACCEPTED) {
		if (imp->opt.progress != NULL)
			imp->opt.progress(1.0, imp->rows, imp->opt.arg);
		rc = import_switch(imp, error);
		imp->sum.failed = rc != 0 && !imp->sum.committed;
	}
	if (!imp->sum.committed && !imp->sum.unchanged && !imp->opt.dry_run)
		import_nothing(&imp->sum);
	*sum = imp->sum;
	memset(&imp->sum, 0, sizeof imp->sum);
	import_free(imp);
	return rc;
}

/* The size of each file, to tell progress by. */
static double
file_size(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 && st.st_size > 0 ? (double)st.st_size : 1;
}

int
import_files(const char *catalogue_path, char *const *files, int nfiles,
    const struct import_options *opt, struct diag_list *diags,
    struct import_summary *sum, char **error)
{
	struct import	*imp;
	double		 total = 0;
	int		 i;

	memset(sum, 0, sizeof *sum);
	if ((imp = import_begin(catalogue_path, opt, diags, error)) == NULL)
		return -1;
	for (i = 0; i < nfiles; i++)
		total += file_size(files[i]);
	for (i = 0; i < nfiles; i++) {
		imp->share = file_size(files[i]) / total;
		if (import_file(imp, files[i], error) != 0) {
			import_tally(imp);
			imp->sum.failed = 1;
			import_nothing(&imp->sum);
			*sum = imp->sum;
			memset(&imp->sum, 0, sizeof imp->sum);
			import_abort(imp);
			return -1;
		}
		imp->done += imp->share;
	}
	return import_end(imp, sum, error);
}

