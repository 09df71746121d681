/*
 * chayue-admin import and check: load catalogue files into the kiosk's
 * catalogue, or only say what loading them would do. Data problems are
 * reported all at once in the GNU "file:line:column: error: ..." style.
 */
#include <config.h>	/* not "config.h": that would be kiosk/config.h */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/import/diag.h"
#include "data/import/formats/formats.h"
#include "data/import/import.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "kiosk/admin/admin.h"
#include "kiosk/admin/progress.h"
#include "data/import/readfile.h"
#include "kiosk/config.h"
#include "lib/xmalloc.h"

/* An import or check as staff asked for it. */
struct import_request {
	struct import_options	 opt;
	int			 quiet;
	int			 yes;
	char			**files;
	int			 nfiles;
	struct diag_list	 diags;
	struct progress		 progress;
	int			 reported;	/* problems and summary shown */
};

/* An option with a value; -1 on success, else the exit status. */
static int
import_value(struct import_request *ai, int c, const char *v)
{
	int	enc, fmt;

	switch (c) {
	case 'e':
		if ((enc = decode_parse_name(v)) < 0)
			return admin_usage_error(_("unknown encoding '%s'; use "
			    "utf-8, gb18030, gbk, big5, utf-16le or utf-16be"), v);
		ai->opt.encoding = (enum decode_encoding)enc;
		return -1;
	case 'f':
		if ((fmt = formats_parse_name(v)) < 0)
			return admin_usage_error(_("unknown format '%s'; use "
			    "csv, json, html, docx, xlsx or xls"), v);
		ai->opt.format = (enum import_format)fmt;
		return -1;
	case 'd':
		if (strcmp(v, "comma") == 0 || strcmp(v, ",") == 0)
			ai->opt.delimiter = ',';
		else if (strcmp(v, "tab") == 0 || strcmp(v, "\t") == 0)
			ai->opt.delimiter = '\t';
		else
			return admin_usage_error(_("unknown delimiter '%s'; use "
			    "comma or tab"), v);
		return -1;
	case 'D':
		ai->opt.domain = v;
		return -1;
	case 'M':
		if (readfile_parse_size(v, &ai->opt.max_size) != 0)
			return admin_usage_error(_("--max-size '%s': not a size "
			    "from 1K to 16G; write it as bytes or with K, M or "
			    "G, as 200M"), v);
		return -1;
	default:	/* 'j' */
		ai->opt.jurisdiction = v;
		return -1;
	}
}

/*
 * Parse a command's options; argv[0] is "chayue-admin COMMAND", for
 * getopt's messages. Returns -1 to go on, or an exit status.
 */
static int
parse_import_args(int argc, char **argv, const char *cmd,
    struct import_request *ai)
{
	static const struct option longopts[] = {
		{ "strict", no_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "yes", no_argument, NULL, 'y' },
		{ "allow-cut-off", no_argument, NULL, 'C' },
		{ "allow-drop", no_argument, NULL, 'X' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "domain", required_argument, NULL, 'D' },
		{ "jurisdiction", required_argument, NULL, 'j' },
		{ "max-size", required_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int	c, rc;

	optind = 0;	/* glibc: start again, on the command's arguments */
	while ((c = getopt_long(argc, argv, "hy", longopts, NULL)) != -1) {
		if (c == 's')
			ai->opt.strict = 1;
		else if (c == 'q')
			ai->quiet = 1;
		else if (c == 'y')
			ai->yes = 1;
		else if (c == 'C')
			ai->opt.allow_cut_off = 1;
		else if (c == 'X')
			ai->opt.allow_drop = 1;
		else if (c == 'h') {
			admin_usage(stdout);
			return ADMIN_EXIT_OK;
		} else if (c == '?')
			return admin_try_help();
		else if ((rc = import_value(ai, c, optarg)) != -1)
			return rc;
	}
	if (optind >= argc)
		return admin_usage_error(_("%s: no input files"), cmd);
	ai->files = argv + optind;
	ai->nfiles = argc - optind;
	return -1;
}

/* Text from a file on the staff terminal: sanitised. */
static void
print_clean(const char *s)
{
	char	*clean = text_sanitise(s, strlen(s), 0);

	fputs(clean, stdout);
	free(clean);
}

static void
print_counts(const struct import_file_summary *f,
    const struct import_counts *n, int dry_run, int failed)
{
	if (f != NULL) {
		print_clean(f->name);
		if (f->encoding != NULL)
			printf(" (%s, %s", f->encoding, f->layout != NULL ?
			    _(f->layout) : "?");
		if (f->encoding != NULL && f->domain != NULL) {
			fputs(_(", domain "), stdout);
			print_clean(f->domain);
		}
		fputs(f->encoding != NULL ? "): " : ": ", stdout);
	}
	if (failed)
		printf(_("rows read %zu, none imported: the import failed, "
		    "warnings %zu\n"), n->rows_read, n->warnings);
	else if (dry_run)
		printf(_("rows read %zu, would import %zu, would skip %zu, "
		    "warnings %zu\n"), n->rows_read, n->imported, n->skipped,
		    n->warnings);
	else
		printf(_("rows read %zu, imported %zu, skipped %zu, "
		    "warnings %zu\n"), n->rows_read, n->imported, n->skipped,
		    n->warnings);
}

static void
print_summary(const struct import_summary *sum, int dry_run)
{
	size_t	i;

	for (i = 0; i < sum->nfiles; i++)
		print_counts(&sum->files[i], &sum->files[i].counts, dry_run,
		    sum->failed);
	if (sum->nfiles > 1) {
		fputs(_("total: "), stdout);
		print_counts(NULL, &sum->total, dry_run, sum->failed);
	}
}

/*
 * The problems found, then the counts; once. pending: nothing is decided
 * yet, so the counts say what would happen.
 */
static void
report(struct import_request *ai, const struct import_summary *sum, int pending)
{
	if (ai->reported)
		return;
	progress_clear(&ai->progress);
	fflush(stdout);
	diag_print(&ai->diags, stderr, ai->quiet);
	fflush(stderr);
	if (!ai->quiet)
		print_summary(sum, ai->opt.dry_run || pending);
	fflush(stdout);
	ai->reported = 1;
}

/* y, yes or 是 from the clerk at the terminal. */
static int
ask_yes(const char *question)
{
	char	answer[64];

	fputs(question, stdout);
	fflush(stdout);
	if (fgets(answer, sizeof answer, stdin) == NULL)
		return 0;
	return answer[0] == 'y' || answer[0] == 'Y' ||
	    strncmp(answer, "是", strlen("是")) == 0;
}

/* Rows were skipped: the clerk confirms the summary before the switch. */
static int
confirm(const struct import_summary *sum, void *arg)
{
	struct import_request	*ai = arg;
	char			*q;
	int			 yes;

	report(ai, sum, 1);
	if (ai->yes)
		return 1;
	if (!isatty(STDIN_FILENO)) {
		fprintf(stderr, ngettext("%s: %zu row has problems, so nothing "
		    "was imported; to import the other %zu rows, run the "
		    "import again with --yes\n", "%s: %zu rows have problems, "
		    "so nothing was imported; to import the other %zu rows, "
		    "run the import again with --yes\n", sum->total.skipped),
		    ADMIN_PROGNAME, sum->total.skipped,
		    sum->total.imported);
		return 0;
	}
	q = xasprintf(ngettext("Import %zu row and leave out the %zu with "
	    "problems? [y/N] ", "Import %zu rows and leave out the %zu with "
	    "problems? [y/N] ", sum->total.imported), sum->total.imported,
	    sum->total.skipped);
	yes = ask_yes(q);
	free(q);
	return yes;
}

static void
show_progress(double done, size_t rows, void *arg)
{
	struct import_request	*ai = arg;

	progress_update(&ai->progress, done, rows);
}

/*
 * The new version drops most of the live one's items, in words: "this
 * version has 127 items for 峨边彝族自治县 where the live one has 272".
 * The caller frees.
 */
static char *
drop_words(const struct import_drop *d)
{
	char	*what, *why;

	if (d->jurisdictions == 1 && d->name != NULL && *d->name != '\0')
		what = xasprintf(ngettext("this version has %zu item for %s "
		    "where the live one has %zu", "this version has %zu items "
		    "for %s where the live one has %zu", d->now), d->now,
		    d->name, d->live);
	else if (d->name != NULL && *d->name != '\0')
		what = xasprintf(ngettext("this version has %zu item for the "
		    "%zu jurisdictions of the live one where the live one has "
		    "%zu (%s: %zu where it has %zu)", "this version has %zu "
		    "items for the %zu jurisdictions of the live one where the "
		    "live one has %zu (%s: %zu where it has %zu)", d->now),
		    d->now, d->jurisdictions,
		    d->live, d->name, d->name_now, d->name_live);
	else
		what = xasprintf(ngettext("this version has %zu item for the "
		    "%zu jurisdictions of the live one where the live one has "
		    "%zu", "this version has %zu items for the %zu "
		    "jurisdictions of the live one where the live one has %zu",
		    d->now), d->now, d->jurisdictions, d->live);
	why = xasprintf(_("%s: it would drop more than half of them; check "
	    "that every file is there and whole, or give --allow-drop if "
	    "the drop is meant"), what);
	free(what);
	return why;
}

/* Why nothing was written (or would not be, for check). */
static void
print_refusal(const struct import_summary *sum, const char *path,
    int dry_run)
{
	const char	*why;
	char		*words = NULL;

	switch (sum->refusal) {
	case IMPORT_REFUSED_STRICT:
		why = _("errors were found and --strict was given");
		break;
	case IMPORT_REFUSED_FILE:
		why = _("a file could not be used at all");
		break;
	case IMPORT_REFUSED_EMPTY:
		why = _("there is no row to import");
		break;
	case IMPORT_REFUSED_DECLINED:
		why = _("it was not confirmed");
		break;
	case IMPORT_REFUSED_CUT_OFF:
		why = _("a file looks cut off: it ends in the middle of a row "
		    "or of a character, so rows after the cut are missing "
		    "(export it again; if it really ends there, give "
		    "--allow-cut-off)");
		break;
	case IMPORT_REFUSED_DROP:
		why = words = drop_words(&sum->drop);
		break;
	default:
		return;
	}
	if (dry_run)
		fprintf(stderr, _("%s: an import would be refused: %s\n"),
		    ADMIN_PROGNAME, why);
	else
		fprintf(stderr, _("%s: import refused: %s; %s was not "
		    "changed\n"), ADMIN_PROGNAME, why, path);
	free(words);
}

static int
import_status(const struct import_request *ai, const struct import_summary *sum,
    const char *path)
{
	char	*name;

	if (sum->unchanged && !ai->quiet) {
		name = admin_version_name(sum->version);
		printf(_("the files hold the same items as the live version "
		    "%s: no new version was made, %s is as it was\n"), name,
		    path);
		free(name);
	}
	if (sum->committed && !ai->quiet) {
		name = admin_version_name(sum->version);
		printf(_("version %s is now live in %s\n"), name, path);
		free(name);
		/* Not after the first import, nor with keep_versions = 0. */
		if (sum->kept)
			printf("%s\n", _("the version before it is kept: "
			    "chayue-admin rollback brings it back"));
	}
	print_refusal(sum, path, ai->opt.dry_run);
	return sum->total.errors > 0 || sum->total.skipped > 0 ||
	    sum->refusal != IMPORT_ACCEPTED ? ADMIN_EXIT_DATA : ADMIN_EXIT_OK;
}

/* import and check. */
static int
run_import(const struct config *cfg, int argc, char **argv, int dry_run)
{
	struct import_request	 ai;
	struct import_summary	 sum;
	char			*error = NULL;
	int			 rc;

	memset(&ai, 0, sizeof ai);
	if ((rc = parse_import_args(argc, argv, argv[0], &ai)) != -1)
		return rc;
	ai.opt.dry_run = dry_run;
	ai.opt.keep_versions = cfg->keep_versions;
	if (ai.opt.max_size == 0)
		ai.opt.max_size = cfg->import_max_size;
	ai.opt.confirm = confirm;
	ai.opt.progress = show_progress;
	ai.opt.arg = &ai;
	diag_init(&ai.diags);
	progress_init(&ai.progress, stdout);
	rc = import_files(cfg->catalogue, ai.files, ai.nfiles, &ai.opt,
	    &ai.diags, &sum, &error);
	/* The bar may be back after a question: never write beside it. */
	progress_clear(&ai.progress);
	report(&ai, &sum, 0);
	if (rc != 0 && !sum.committed) {
		fprintf(stderr, _("%s: the import failed: %s; %s was not "
		    "changed\n"), ADMIN_PROGNAME, error != NULL ? error : "",
		    cfg->catalogue);
		free(error);
		rc = ADMIN_EXIT_CATALOGUE;
	} else if (rc != 0)
		rc = admin_fail(error, ADMIN_EXIT_CATALOGUE);
	else
		rc = import_status(&ai, &sum, cfg->catalogue);
	import_summary_done(&sum);
	diag_done(&ai.diags);
	return rc;
}

int
admin_import(const struct config *cfg, int argc, char **argv)
{
	return run_import(cfg, argc, argv, 0);
}

int
admin_check(const struct config *cfg, int argc, char **argv)
{
	return run_import(cfg, argc, argv, 1);
}
