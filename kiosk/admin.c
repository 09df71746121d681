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

#include "data/catalogue.h"
#include "data/diag.h"
#include "data/import.h"
#include "data/versions.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "kiosk/config.h"
#include "kiosk/pin.h"
#include "lib/xmalloc.h"

#define PROGNAME	"chayue-admin"

enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,		/* something was refused or skipped */
	EXIT_USAGE = 2,		/* bad command line or configuration */
	EXIT_CATALOGUE = 3,	/* the catalogue cannot be read or written */
};

static void
usage(FILE *fp)
{
	fprintf(fp, _("Usage: %s [--catalogue PATH] [--config PATH] COMMAND "
	    "[ARG]...\n"), PROGNAME);
	fputs(_("Load disclosure catalogue files into the chayue kiosk.\n\n"),
	    fp);
	fputs(_("Commands:\n"
	    "  import [--strict] [--quiet] FILE...\n"
	    "                     replace the catalogue with the rows of the "
	    "files\n"
	    "  check [--strict] [--quiet] FILE...\n"
	    "                     check the files only; nothing is written\n"
	    "  status             show the catalogue's version and counts\n"
	    "  pin                read a new staff PIN and print the line that\n"
	    "                     puts it (hashed) in the configuration\n\n"),
	    fp);
	fputs(_("Options:\n"
	    "  --catalogue PATH   the catalogue file (default: from the "
	    "configuration)\n"
	    "  --config PATH      the configuration file\n"
	    "  --strict           refuse the whole import on any error\n"
	    "  --quiet            print errors only\n"
	    "  -h, --help         show this help and exit\n"
	    "  -V, --version      show the version and exit\n\n"), fp);
	fputs(_("Exit status: 0 success, 1 rows refused or skipped, 2 usage "
	    "error,\n3 the catalogue cannot be read or written.\n"), fp);
	fprintf(fp, _("Default configuration file: %s\n"), CONFIG_DEFAULT_PATH);
	fprintf(fp, _("Default catalogue: %s\n"), CONFIG_DEFAULT_CATALOGUE);
}

static int usage_error(const char *, ...)
    __attribute__((format(printf, 1, 2)));

static int
try_help(void)
{
	fprintf(stderr, _("Try '%s --help' for more information.\n"),
	    PROGNAME);
	return EXIT_USAGE;
}

static int
usage_error(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", PROGNAME);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return try_help();
}

static void
version(void)
{
	printf("%s (%s) %s\n", PROGNAME, PACKAGE_NAME, PACKAGE_VERSION);
}

/* Options of import and check. */
struct import_args {
	int	 strict;
	int	 quiet;
	char	**files;
	int	 nfiles;
};

/*
 * Parse a command's options; argv[0] is "chayue-admin COMMAND", for
 * getopt's messages. Returns -1 to go on, or an exit status.
 */
static int
parse_import_args(int argc, char **argv, const char *cmd,
    struct import_args *a)
{
	static const struct option longopts[] = {
		{ "strict", no_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int	c;

	memset(a, 0, sizeof *a);
	optind = 0;	/* glibc: start again, on the command's arguments */
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			a->strict = 1;
			break;
		case 'q':
			a->quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			return try_help();
		}
	}
	if (optind >= argc)
		return usage_error(_("%s: no input files"), cmd);
	a->files = argv + optind;
	a->nfiles = argc - optind;
	return -1;
}

static void
print_counts(const char *name, const struct import_counts *n, int dry_run)
{
	if (name != NULL)
		printf("%s: ", name);
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

	if (sum->nfiles > 1) {
		for (i = 0; i < sum->nfiles; i++)
			print_counts(sum->files[i].name,
			    &sum->files[i].counts, dry_run);
		fputs(_("total: "), stdout);
	}
	print_counts(NULL, &sum->total, dry_run);
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

/* import and check. */
static int
cmd_import(const struct config *cfg, int argc, char **argv, const char *cmd,
    int dry_run)
{
	struct import_args	 a;
	struct import_options	 opt;
	struct import_summary	 sum;
	struct diag_list	 diags;
	char			*error = NULL;
	int			 rc;

	if ((rc = parse_import_args(argc, argv, cmd, &a)) != -1)
		return rc;
	memset(&opt, 0, sizeof opt);
	opt.strict = a.strict;
	opt.dry_run = dry_run;
	opt.keep_versions = VERSIONS_KEEP_DEFAULT;
	diag_init(&diags);
	rc = import_files(cfg->catalogue, a.files, a.nfiles, &opt, &diags,
	    &sum, &error);
	diag_print(&diags, stderr, a.quiet);
	if (rc != 0) {
		fprintf(stderr, "%s: %s\n", PROGNAME, error);
		free(error);
		rc = EXIT_CATALOGUE;
	} else {
		if (!a.quiet)
			print_summary(&sum, dry_run);
		print_refusal(&sum, cfg->catalogue, dry_run);
		rc = sum.total.errors > 0 || sum.total.skipped > 0 ||
		    sum.refusal != IMPORT_ACCEPTED ? EXIT_DATA : EXIT_OK;
	}
	import_summary_done(&sum);
	diag_done(&diags);
	return rc;
}

static void
print_domains(const struct domain_list *list)
{
	size_t	i;
	char	*name;

	fputs(_("items by domain:\n"), stdout);
	for (i = 0; i < list->n; i++) {
		/* Catalogue text reaches the staff terminal only sanitised. */
		name = text_sanitise(list->v[i].name, strlen(list->v[i].name), 0);
		printf(list->v[i].national ? "  %6zu  %s\n" :
		    _("  %6zu  %s (local domain)\n"), list->v[i].items, name);
		free(name);
	}
}

static int
show_status(struct catalogue *cat, const char *path, char **error)
{
	struct catalogue_info	info;
	struct domain_list	domains;
	char			*names;
	int			rc = -1;

	memset(&info, 0, sizeof info);
	memset(&domains, 0, sizeof domains);
	if (catalogue_info(cat, &info, error) == 0 &&
	    catalogue_domains(cat, &domains, error) == 0) {
		printf(_("catalogue: %s\n"), path);
		printf(_("version: %s\n"), info.version);
		printf(_("created: %s\n"), info.created);
		printf(_("items: %zu\n"), info.items);
		names = text_sanitise(info.jurisdiction_names,
		    strlen(info.jurisdiction_names), 0);
		printf(_("jurisdictions: %zu"), info.jurisdictions);
		if (*names != '\0')
			printf(" (%s%s)", names, info.jurisdictions > 3 ? "…" : "");
		putchar('\n');
		free(names);
		print_domains(&domains);
		rc = 0;
	}
	domain_list_done(&domains);
	catalogue_info_done(&info);
	return rc;
}

static int
cmd_status(const struct config *cfg, int argc, char **argv)
{
	struct catalogue	*cat;
	char			*error = NULL;
	int			 rc;

	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (argc > 1)
		return usage_error(_("status: unexpected argument '%s'"),
		    argv[1]);
	if ((cat = catalogue_open(cfg->catalogue, &error)) == NULL) {
		fprintf(stderr, "%s: %s\n", PROGNAME, error);
		free(error);
		return EXIT_CATALOGUE;
	}
	rc = show_status(cat, cfg->catalogue, &error);
	catalogue_close(cat);
	if (rc != 0) {
		fprintf(stderr, "%s: %s\n", PROGNAME, error);
		free(error);
		return EXIT_CATALOGUE;
	}
	return EXIT_OK;
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
cmd_pin(int argc, char **argv)
{
	char pin[64], again[64], *hash, *error = NULL;

	if (argc > 1)
		return usage_error(_("pin: unexpected argument '%s'"), argv[1]);
	if (read_secret(_("New staff PIN (4 to 12 digits): "), pin, sizeof pin) != 0)
		return usage_error("%s", _("pin: no PIN given on standard input"));
	if (isatty(STDIN_FILENO) &&
	    (read_secret(_("The same PIN again: "), again, sizeof again) != 0 ||
	    strcmp(pin, again) != 0))
		return usage_error("%s", _("pin: the two PINs differ"));
	if ((hash = pin_hash(pin, &error)) == NULL) {
		fprintf(stderr, "%s: pin: %s\n", PROGNAME, _(error));
		free(error);
		return EXIT_USAGE;
	}
	printf("staff_pin = %s\n", hash);
	free(hash);
	return EXIT_OK;
}

/* Run COMMAND with its arguments argv[0..argc), argv[0] the command. */
static int
dispatch(const struct config *cfg, int argc, char **argv)
{
	const char	*cmd = argv[0];
	char		**sub;
	int		 rc;

	sub = xcalloc((size_t)argc + 1, sizeof *sub);
	memcpy(sub, argv, (size_t)argc * sizeof *sub);
	sub[0] = xasprintf("%s %s", PROGNAME, cmd);
	if (strcmp(cmd, "import") == 0)
		rc = cmd_import(cfg, argc, sub, cmd, 0);
	else if (strcmp(cmd, "check") == 0)
		rc = cmd_import(cfg, argc, sub, cmd, 1);
	else if (strcmp(cmd, "status") == 0)
		rc = cmd_status(cfg, argc, sub);
	else if (strcmp(cmd, "pin") == 0)
		rc = cmd_pin(argc, sub);
	else
		rc = usage_error(_("unknown command '%s'"), cmd);
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
			usage(stdout);
			return EXIT_OK;
		case 'V':
			version();
			return EXIT_OK;
		default:
			return try_help();
		}
	}
	if (optind >= argc)
		return usage_error("%s", _("no command given"));
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
		rc = EXIT_USAGE;
	if (rc == -1) {
		/* The configured interface language from here on. */
		i18n_init(cfg.language, cfg.locale_dir != NULL ? cfg.locale_dir :
	    getenv("CHAYUE_LOCALEDIR"));
		rc = dispatch(&cfg, argc - optind, argv + optind);
	}
	config_done(&cfg);
	return rc;
}
