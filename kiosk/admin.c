/*
 * chayue-admin: what staff run at the desk to load catalogue files into the
 * kiosk and to see what it holds. Data problems are reported all at once in
 * the GNU "file:line:column: error: ..." style; the exit status tells a
 * script what happened (see man/chayue-admin.8).
 */
#include <config.h>	/* not "config.h": that would be kiosk/config.h */

#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "data/diag.h"
#include "data/import.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "kiosk/admin.h"
#include "kiosk/config.h"
#include "kiosk/pin.h"
#include "kiosk/progress.h"
#include "lib/xmalloc.h"

#define PROGNAME	ADMIN_PROGNAME

void
admin_usage(FILE *fp)
{
	fprintf(fp, _("Usage: %s [--catalogue PATH] [--config PATH] COMMAND "
	    "[ARG]...\n"), PROGNAME);
	fputs(_("Load disclosure catalogue files into the chayue kiosk.\n\n"),
	    fp);
	fputs(_("Commands:\n"
	    "  import [OPTION]... FILE...\n"
	    "                     make the rows of the files the live "
	    "catalogue\n"
	    "  check [OPTION]... FILE...\n"
	    "                     check the files only; nothing is written\n"
	    "  status [--json]    the live version: date, files, items by "
	    "domain\n"
	    "                     and jurisdiction\n"
	    "  history [--json]   the live version and the earlier ones kept\n"
	    "  rollback [VERSION] make the version before the live one (or "
	    "VERSION)\n"
	    "                     live again\n"
	    "  diff [--json] [FROM [TO]]\n"
	    "                     what TO (default: live) added, removed and\n"
	    "                     changed against FROM (default: previous)\n"
	    "  export [--format csv|json] [--version VERSION] [--output FILE]\n"
	    "                     write a version out in the canonical layout\n"
	    "  search [--limit N] [--json] QUERY...\n"
	    "                     the items the kiosk's search finds, best "
	    "first\n"
	    "  pin                read a new staff PIN and print the line that\n"
	    "                     puts it (hashed) in the configuration\n\n"),
	    fp);
	fputs(_("Hot items and visitors' answers (in the state file):\n"
	    "  hot add [--domain D] [--jurisdiction J] [--all] NAME\n"
	    "                     mark the item named NAME as hot (热点事项)\n"
	    "  hot remove [--domain D] [--jurisdiction J] [--all] NAME\n"
	    "                     mark it as hot no more\n"
	    "  hot list           list the hot items\n"
	    "  feedback [--since DATE] [--csv]\n"
	    "                     the 有用 / 没用 answers per item, since DATE\n"
	    "                     (YYYY-MM-DD)\n\n"), fp);
	fputs(_("Options of import and check:\n"
	    "  --strict           refuse the whole import on any error\n"
	    "  --yes              import the good rows without asking when "
	    "rows\n"
	    "                     are skipped\n"
	    "  --quiet            print errors only\n"
	    "  --encoding ENC     utf-8, gb18030 (gbk), utf-16le, utf-16be "
	    "(default:\n"
	    "                     detected)\n"
	    "  --format FMT       csv or json (default: detected)\n"
	    "  --delimiter D      comma or tab (default: detected)\n"
	    "  --domain NAME      the domain of rows that name none\n"
	    "  --jurisdiction NAME\n"
	    "                     the publishing government of rows that name "
	    "none\n\n"), fp);
	fputs(_("Options of search:\n"
	    "  --limit N          show at most N results (default 20; 0: all)\n"
	    "  --json             print the results as JSON\n\n"), fp);
	fputs(_("Global options:\n"
	    "  --catalogue PATH   the catalogue file (default: from the "
	    "configuration)\n"
	    "  --config PATH      the configuration file\n"
	    "  -h, --help         show this help and exit\n"
	    "  -V, --version      show the version and exit\n\n"), fp);
	fputs(_("Exit status: 0 success, 1 rows refused or skipped (search: "
	    "nothing found),\n2 usage error, 3 the catalogue cannot be read or "
	    "written, 4 no such\nversion.\n"), fp);
	fprintf(fp, _("Default configuration file: %s\n"), CONFIG_DEFAULT_PATH);
	fprintf(fp, _("Default catalogue: %s\n"), CONFIG_DEFAULT_CATALOGUE);
}

static int
try_help(void)
{
	fprintf(stderr, _("Try '%s --help' for more information.\n"),
	    PROGNAME);
	return ADMIN_EXIT_USAGE;
}

int
admin_usage_error(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", PROGNAME);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return try_help();
}

int
admin_fail(char *error, int status)
{
	fprintf(stderr, "%s: %s\n", PROGNAME, error != NULL ? error : "");
	free(error);
	return status;
}

static void
version(void)
{
	printf("%s (%s) %s\n", PROGNAME, PACKAGE_NAME, PACKAGE_VERSION);
}

/* An import or check as staff asked for it. */
struct admin_import {
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
import_value(struct admin_import *ai, int c, const char *v)
{
	int	enc;

	switch (c) {
	case 'e':
		if ((enc = decode_parse_name(v)) < 0)
			return admin_usage_error(_("unknown encoding '%s'; use "
			    "utf-8, gb18030, gbk, utf-16le or utf-16be"), v);
		ai->opt.encoding = (enum decode_encoding)enc;
		return -1;
	case 'f':
		if (strcmp(v, "csv") != 0 && strcmp(v, "json") != 0)
			return admin_usage_error(_("unknown format '%s'; use "
			    "csv or json"), v);
		ai->opt.format = strcmp(v, "csv") == 0 ? IMPORT_FORMAT_CSV :
		    IMPORT_FORMAT_JSON;
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
    struct admin_import *ai)
{
	static const struct option longopts[] = {
		{ "strict", no_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "yes", no_argument, NULL, 'y' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "domain", required_argument, NULL, 'D' },
		{ "jurisdiction", required_argument, NULL, 'j' },
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
		else if (c == 'h') {
			admin_usage(stdout);
			return ADMIN_EXIT_OK;
		} else if (c == '?')
			return try_help();
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
    const struct import_counts *n, int dry_run)
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
	if (dry_run)
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
		print_counts(&sum->files[i], &sum->files[i].counts, dry_run);
	if (sum->nfiles > 1) {
		fputs(_("total: "), stdout);
		print_counts(NULL, &sum->total, dry_run);
	}
}

/*
 * The problems found, then the counts; once. pending: nothing is decided
 * yet, so the counts say what would happen.
 */
static void
report(struct admin_import *ai, const struct import_summary *sum, int pending)
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
	struct admin_import	*ai = arg;
	char			*q;
	int			 yes;

	report(ai, sum, 1);
	if (ai->yes)
		return 1;
	if (!isatty(STDIN_FILENO)) {
		fprintf(stderr, _("%s: %zu rows have problems, so nothing was "
		    "imported; to import the other %zu rows, run the import "
		    "again with --yes\n"), PROGNAME, sum->total.skipped,
		    sum->total.imported);
		return 0;
	}
	q = xasprintf(_("Import %zu rows and leave out the %zu with problems? "
	    "[y/N] "), sum->total.imported, sum->total.skipped);
	yes = ask_yes(q);
	free(q);
	return yes;
}

static void
show_progress(double done, size_t rows, void *arg)
{
	struct admin_import	*ai = arg;

	progress_update(&ai->progress, done, rows);
}

/* Why nothing was written (or would not be, for check). */
static void
print_refusal(const struct import_summary *sum, const char *path,
    int dry_run)
{
	const char	*why;

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
	default:
		return;
	}
	if (dry_run)
		fprintf(stderr, _("%s: an import would be refused: %s\n"),
		    PROGNAME, why);
	else
		fprintf(stderr, _("%s: import refused: %s; %s was not "
		    "changed\n"), PROGNAME, why, path);
}

static int
import_status(const struct admin_import *ai, const struct import_summary *sum,
    const char *path)
{
	if (sum->committed && !ai->quiet) {
		printf(_("version %s is now live in %s\n"), sum->version, path);
		printf("%s\n", _("the version before it is kept: chayue-admin "
		    "rollback brings it back"));
	}
	print_refusal(sum, path, ai->opt.dry_run);
	return sum->total.errors > 0 || sum->total.skipped > 0 ||
	    sum->refusal != IMPORT_ACCEPTED ? ADMIN_EXIT_DATA : ADMIN_EXIT_OK;
}

/* import and check. */
static int
run_import(const struct config *cfg, int argc, char **argv, int dry_run)
{
	struct admin_import	 ai;
	struct import_summary	 sum;
	char			*error = NULL;
	int			 rc;

	memset(&ai, 0, sizeof ai);
	if ((rc = parse_import_args(argc, argv, argv[0], &ai)) != -1)
		return rc;
	ai.opt.dry_run = dry_run;
	ai.opt.keep_versions = cfg->keep_versions;
	ai.opt.confirm = confirm;
	ai.opt.progress = show_progress;
	ai.opt.arg = &ai;
	diag_init(&ai.diags);
	progress_init(&ai.progress, stdout);
	rc = import_files(cfg->catalogue, ai.files, ai.nfiles, &ai.opt,
	    &ai.diags, &sum, &error);
	report(&ai, &sum, 0);
	if (rc != 0)
		rc = admin_fail(error, ADMIN_EXIT_CATALOGUE);
	else
		rc = import_status(&ai, &sum, cfg->catalogue);
	import_summary_done(&sum);
	diag_done(&ai.diags);
	return rc;
}

static int
cmd_import(const struct config *cfg, int argc, char **argv)
{
	return run_import(cfg, argc, argv, 0);
}

static int
cmd_check(const struct config *cfg, int argc, char **argv)
{
	return run_import(cfg, argc, argv, 1);
}

/* One line of standard input without its newline; echo off on a terminal. */
static int
read_secret(const char *prompt, char *buf, size_t size)
{
	struct termios saved, quiet;
	int tty = isatty(STDIN_FILENO), ok;

	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &saved);
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, (int)size, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
		fputc('\n', stderr);
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	return ok ? 0 : -1;
}

/* pin: hash a new staff PIN for the configuration file. */
static int
cmd_pin(const struct config *cfg, int argc, char **argv)
{
	char pin[64], again[64], *hash, *error = NULL;

	(void)cfg;
	if (argc > 1)
		return admin_usage_error(_("pin: unexpected argument '%s'"), argv[1]);
	if (read_secret(_("New staff PIN (4 to 12 digits): "), pin, sizeof pin) != 0)
		return admin_usage_error("%s", _("pin: no PIN given on standard input"));
	if (isatty(STDIN_FILENO) &&
	    (read_secret(_("The same PIN again: "), again, sizeof again) != 0 ||
	    strcmp(pin, again) != 0))
		return admin_usage_error("%s", _("pin: the two PINs differ"));
	if ((hash = pin_hash(pin, &error)) == NULL) {
		fprintf(stderr, "%s: pin: %s\n", PROGNAME, _(error));
		free(error);
		return ADMIN_EXIT_USAGE;
	}
	printf("staff_pin = %s\n", hash);
	free(hash);
	return ADMIN_EXIT_OK;
}

/* The commands, in the order of the help text. */
static const struct {
	const char	*name;
	int		(*run)(const struct config *, int, char **);
} admin_commands[] = {
	{ "import", cmd_import },
	{ "check", cmd_check },
	{ "status", admin_versions_status },
	{ "history", admin_versions_history },
	{ "rollback", admin_versions_rollback },
	{ "diff", admin_versions_diff },
	{ "export", admin_versions_export },
	{ "search", admin_search },
	{ "hot", admin_hot },
	{ "feedback", admin_feedback },
	{ "pin", cmd_pin },
};

/* Run COMMAND with its arguments argv[0..argc), argv[0] the command. */
static int
dispatch(const struct config *cfg, int argc, char **argv)
{
	const char	*cmd = argv[0];
	char		**sub;
	size_t		 i;
	int		 rc = -1;

	sub = xcalloc((size_t)argc + 1, sizeof *sub);
	memcpy(sub, argv, (size_t)argc * sizeof *sub);
	sub[0] = xasprintf("%s %s", PROGNAME, cmd);
	for (i = 0; i < sizeof admin_commands / sizeof admin_commands[0]; i++)
		if (strcmp(cmd, admin_commands[i].name) == 0)
			rc = admin_commands[i].run(cfg, argc, sub);
	if (rc == -1)
		rc = admin_usage_error(_("unknown command '%s'"), cmd);
	free(sub[0]);
	free(sub);
	return rc;
}

/*
 * Global options, before the command. Returns -1 to go on, or an exit
 * status; *config_path and *catalogue point into argv.
 */
static int
parse_global(int argc, char **argv, const char **config_path,
    const char **catalogue)
{
	static const struct option longopts[] = {
		{ "catalogue", required_argument, NULL, 'c' },
		{ "config", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int	c;

	while ((c = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			*catalogue = optarg;
			break;
		case 'f':
			*config_path = optarg;
			break;
		case 'h':
			admin_usage(stdout);
			return ADMIN_EXIT_OK;
		case 'V':
			version();
			return ADMIN_EXIT_OK;
		default:
			return try_help();
		}
	}
	if (optind >= argc)
		return admin_usage_error("%s", _("no command given"));
	return -1;
}

/* The configuration file, then --catalogue over it; -1 on error. */
static int
load_config(struct config *cfg, const char *config_path,
    const char *catalogue)
{
	char	*error = NULL;

	if (config_read(cfg, config_path, catalogue, &error) != 0) {
		fprintf(stderr, "%s: %s\n", PROGNAME, error);
		free(error);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct config	 cfg;
	const char	*config_path = NULL, *catalogue = NULL;
	int		 rc;

	setlocale(LC_ALL, "");
	config_init(&cfg);
	i18n_init(cfg.language, cfg.locale_dir != NULL ? cfg.locale_dir :
	    getenv("CHAYUE_LOCALEDIR"));
	rc = parse_global(argc, argv, &config_path, &catalogue);
	if (rc == -1 && load_config(&cfg, config_path, catalogue) != 0)
		rc = ADMIN_EXIT_USAGE;
	if (rc == -1) {
		/* The configured interface language from here on. */
		i18n_init(cfg.language, cfg.locale_dir != NULL ? cfg.locale_dir :
	    getenv("CHAYUE_LOCALEDIR"));
		rc = dispatch(&cfg, argc - optind, argv + optind);
	}
	config_done(&cfg);
	return rc;
}
