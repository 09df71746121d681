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
#include "data/query.h"
#include "data/search.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "kiosk/admin.h"
#include "kiosk/config.h"
#include "kiosk/pin.h"
#include "lib/xmalloc.h"

#define PROGNAME	ADMIN_PROGNAME

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
	fputs(_("Options:\n"
	    "  --catalogue PATH   the catalogue file (default: from the "
	    "configuration)\n"
	    "  --config PATH      the configuration file\n"
	    "  --strict           refuse the whole import on any error\n"
	    "  --quiet            print errors only\n"
	    "  --limit N          show at most N results (default 20; 0: all)\n"
	    "  --json             print the results as JSON\n"
	    "  -h, --help         show this help and exit\n"
	    "  -V, --version      show the version and exit\n\n"), fp);
	fputs(_("Exit status: 0 success, 1 rows refused or skipped (search: "
	    "nothing found),\n2 usage error, 3 the catalogue cannot be read or "
	    "written.\n"), fp);
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
	opt.strict = a.strict;
	opt.dry_run = dry_run;
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

/* ---- search ------------------------------------------------------------ */

struct search_args {
	size_t	 limit;
	int	 json;
	char	*query;		/* the words, joined with spaces */
};

static int
parse_search_args(int argc, char **argv, struct search_args *a)
{
	static const struct option longopts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char	*end, *joined;
	long	 n;
	int	 c, i;

	memset(a, 0, sizeof *a);
	a->limit = 20;
	optind = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || n < 0)
				return usage_error(_("search: --limit needs a "
				    "number, 0 or more, not '%s'"), optarg);
			a->limit = (size_t)n;
			break;
		case 'j':
			a->json = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			return try_help();
		}
	}
	if (optind >= argc)
		return usage_error("%s", _("search: no query given"));
	a->query = xstrdup(argv[optind]);
	for (i = optind + 1; i < argc; i++) {
		joined = xasprintf("%s %s", a->query, argv[i]);
		free(a->query);
		a->query = joined;
	}
	return -1;
}

/* Catalogue text for the staff terminal: sanitised, on one line. */
static char *
clean(const char *s, size_t len)
{
	return text_sanitise(s, len, 0);
}

/* The matched element around the match: …before«match»after… */
static void
print_excerpt(const struct search_display *d)
{
	size_t len = strlen(d->text), from, to;
	char *before, *match, *after, buf[256];

	from = text_tail_cols(d->text, d->start, 24);
	to = d->end + text_copy_cols(buf, sizeof buf, d->text + d->end,
	    len - d->end, 36, NULL);
	before = clean(d->text + from, d->start - from);
	match = clean(d->text + d->start, d->end - d->start);
	after = clean(d->text + d->end, to - d->end);
	printf("    %s: %s%s«%s»%s%s\n", _(search_field_label(d->field)),
	    from > 0 ? "…" : "", before, match, after, to < len ? "…" : "");
	free(before);
	free(match);
	free(after);
}

static void
print_hit(size_t rank, const struct search_display *d)
{
	char *name = clean(d->name, strlen(d->name));
	char *domain = clean(d->item.domain, strlen(d->item.domain));
	char *where = clean(d->item.jurisdiction, strlen(d->item.jurisdiction));

	printf("%3zu. %s — %s, %s [#%lld]\n", rank, name, domain,
	    *where != '\0' ? where : _("Not stated"), (long long)d->item.id);
	if (d->field != SEARCH_FIELD_NAME && d->end > d->start)
		print_excerpt(d);
	free(name);
	free(domain);
	free(where);
}

/* A JSON string of sanitised text. */
static void
print_json_string(const char *s, size_t len)
{
	char *c = clean(s, len), *p;

	putchar('"');
	for (p = c; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if ((unsigned char)*p < 0x20)
			printf("\\u%04x", (unsigned char)*p);
		else
			putchar(*p);
	}
	putchar('"');
	free(c);
}

static void
print_json_hit(size_t rank, const struct search_hit *h,
    const struct search_display *d)
{
	static const char *const tiers[] = { "exact", "prefix", "name", "other" };
	static const char *const fields[SEARCH_FIELDS] = { "name", "level1",
	    "content", "basis", "subject", "jurisdiction" };

	printf("%s\n    {\"rank\": %zu, \"id\": %lld, \"tier\": \"%s\", "
	    "\"field\": \"%s\", \"domain\": ", rank > 1 ? "," : "", rank,
	    (long long)h->item, tiers[h->tier], fields[d->field]);
	print_json_string(d->item.domain, strlen(d->item.domain));
	fputs(", \"name\": ", stdout);
	print_json_string(d->name, strlen(d->name));
	fputs(", \"jurisdiction\": ", stdout);
	print_json_string(d->item.jurisdiction, strlen(d->item.jurisdiction));
	fputs(", \"match\": ", stdout);
	print_json_string(d->text + d->start, d->end - d->start);
	putchar('}');
}

static int
print_results(struct catalogue *cat, const struct query *q,
    const struct search_results *r, int json, char **error)
{
	struct search_display d;
	size_t i;

	if (json)
		printf("{\"total\": %zu, \"results\": [", r->total);
	for (i = 0; i < r->n; i++) {
		if (search_display(cat, q, &r->v[i], &d, error) != 0)
			return -1;
		if (json)
			print_json_hit(i + 1, &r->v[i], &d);
		else
			print_hit(i + 1, &d);
		search_display_done(&d);
	}
	if (json)
		printf("%s]}\n", r->n > 0 ? "\n" : "");
	else if (r->n == 0)
		puts(_("No results. Try fewer characters, or pinyin initials "
		    "(zdshbz for 最低生活保障)."));
	else if (r->n < r->total)
		printf(_("%zu of %zu results (use --limit 0 for all)\n"),
		    r->n, r->total);
	return 0;
}

static int
cmd_search(const struct config *cfg, int argc, char **argv)
{
	struct search_args	a;
	struct search_results	r;
	struct catalogue	*cat;
	struct query		q;
	char			*error = NULL;
	int			 rc;

	if ((rc = parse_search_args(argc, argv, &a)) != -1)
		return rc;
	if ((cat = catalogue_open(cfg->catalogue, &error)) == NULL) {
		fprintf(stderr, "%s: %s\n", PROGNAME, error);
		free(error);
		free(a.query);
		return EXIT_CATALOGUE;
	}
	query_parse(&q, a.query, strlen(a.query));
	if (q.dropped > 0)
		fprintf(stderr, _("%s: the query is too long; only its first %d "
		    "characters are used\n"), PROGNAME, QUERY_MAX);
	rc = search_run(cat, &q, NULL, a.limit, SEARCH_COMPLETE, &r, &error);
	if (rc == 0)
		rc = print_results(cat, &q, &r, a.json, &error);
	if (rc != 0) {
		fprintf(stderr, "%s: %s\n", PROGNAME, error);
		free(error);
		rc = EXIT_CATALOGUE;
	} else
		rc = r.total > 0 ? EXIT_OK : EXIT_DATA;
	search_results_done(&r);
	query_done(&q);
	catalogue_close(cat);
	free(a.query);
	return rc;
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
	else if (strcmp(cmd, "hot") == 0)
		rc = admin_hot(cfg, argc, sub);
	else if (strcmp(cmd, "feedback") == 0)
		rc = admin_feedback(cfg, argc, sub);
	else if (strcmp(cmd, "search") == 0)
		rc = cmd_search(cfg, argc, sub);
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
