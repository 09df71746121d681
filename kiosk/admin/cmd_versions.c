/*
 * chayue-admin status, history, rollback, diff and export: what staff run
 * to see which catalogue version is live, what came before it, what
 * changed, to go back, and to take a version away as a file. Catalogue
 * text reaches the staff terminal only sanitised; --json output is for
 * scripts (jansson escapes it).
 */
#include <config.h>	/* not "config.h": that would be kiosk/config.h */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "data/store/catalogue.h"
#include "data/versions/diff.h"
#include "data/versions/export.h"
#include "data/versions/versions.h"
#include "i18n/format.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "kiosk/admin/admin.h"
#include "kiosk/admin/output.h"
#include "kiosk/config.h"
#include "lib/xmalloc.h"

/* The options these commands take. */
struct args {
	int		 json;
	const char	*format;	/* export */
	const char	*version;	/* export */
	const char	*output;	/* export */
	const char	*encoding;	/* export */
	const char	*headers;	/* export */
	char		**rest;		/* the other arguments */
	int		 nrest;
};

/*
 * Parse argv (argv[0] "chayue-admin COMMAND"), allowing at most max other
 * arguments. -1 to go on, or an exit status.
 */
static int
parse_args(int argc, char **argv, int max, struct args *a)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "version", required_argument, NULL, 'v' },
		{ "output", required_argument, NULL, 'o' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "headers", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int	c;

	memset(a, 0, sizeof *a);
	optind = 0;	/* glibc: start again, on the command's arguments */
	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': a->json = 1; break;
		case 'f': a->format = optarg; break;
		case 'v': a->version = optarg; break;
		case 'o': a->output = optarg; break;
		case 'e': a->encoding = optarg; break;
		case 'H': a->headers = optarg; break;
		case 'h':
			admin_usage(stdout);
			return ADMIN_EXIT_OK;
		default:
			return admin_try_help();
		}
	}
	if (argc - optind > max)
		return admin_usage_error(_("%s: unexpected argument '%s'"),
		    argv[0], argv[optind + max]);
	a->rest = argv + optind;
	a->nrest = argc - optind;
	return -1;
}

/* Print catalogue text sanitised. */
static void
print_text(const char *s)
{
	char	*clean = text_sanitise(s, strlen(s), 0);

	fputs(clean, stdout);
	free(clean);
}

static void
print_counts(const char *title, const struct name_count_list *list,
    const char *empty)
{
	size_t	i;

	fputs(title, stdout);
	for (i = 0; i < list->n; i++) {
		printf("  %6zu  ", list->v[i].count);
		print_text(*list->v[i].name != '\0' ? list->v[i].name : empty);
		putchar('\n');
	}
}

static void
print_domains(const struct domain_list *list)
{
	size_t	i;

	fputs(_("items by domain:\n"), stdout);
	for (i = 0; i < list->n; i++) {
		printf("  %6zu  ", list->v[i].items);
		print_text(list->v[i].name);
		if (!list->v[i].national)
			fputs(_(" (local domain)"), stdout);
		putchar('\n');
	}
}

/* What status shows, read in one go. */
struct status {
	struct catalogue_info	 info;
	struct domain_list	 domains;
	struct name_count_list	 files, jurisdictions;
	size_t			 earlier;
};

static int
status_read(const char *path, struct status *st, char **error)
{
	struct catalogue	*cat;
	struct versions_list	 list;
	int			 rc = -1;

	memset(st, 0, sizeof *st);
	if ((cat = catalogue_open(path, error)) == NULL)
		return -1;
	if (catalogue_info(cat, &st->info, error) == 0 &&
	    catalogue_domains(cat, &st->domains, error) == 0 &&
	    catalogue_sources(cat, &st->files, error) == 0 &&
	    catalogue_all_jurisdictions(cat, &st->jurisdictions, error) == 0)
		rc = 0;
	catalogue_close(cat);
	if (rc == 0 && versions_list(path, &list, error) == 0) {
		st->earlier = list.n > 0 && list.v[0].live ? list.n - 1 : list.n;
		versions_list_done(&list);
	}
	return rc;
}

static void
status_done(struct status *st)
{
	catalogue_info_done(&st->info);
	domain_list_done(&st->domains);
	name_count_list_done(&st->files);
	name_count_list_done(&st->jurisdictions);
}

/* The id after the time: for scripts and for rollback. */
char *
admin_version_name(const char *id)
{
	char	*when = format_version_time(id), *name;

	if (strcmp(when, id) == 0)
		return when;
	/* TRANSLATORS: a version: its local date and time (its id). */
	name = xasprintf(_("%s (%s)"), when, id);
	free(when);
	return name;
}

static void
status_print(const char *path, const struct status *st)
{
	char	*name;

	printf(_("catalogue: %s\n"), path);
	name = admin_version_name(st->info.version);
	printf(_("version: %s\n"), name);
	free(name);
	printf(_("created: %s\n"), st->info.created);
	printf(_("items: %zu\n"), st->info.items);
	printf(_("earlier versions kept: %zu\n"), st->earlier);
	print_counts(_("imported from:\n"), &st->files, "");
	print_domains(&st->domains);
	printf(_("jurisdictions: %zu\n"), st->jurisdictions.n);
	print_counts(_("items by jurisdiction:\n"), &st->jurisdictions,
	    _("(not stated)"));
}

static json_t *
json_counts(const struct name_count_list *list)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < list->n; i++)
		json_array_append_new(a, json_pack("{s:s, s:I}", "name",
		    list->v[i].name, "items", (json_int_t)list->v[i].count));
	return a;
}

static void
status_json(const char *path, const struct status *st)
{
	json_t	*o, *d = json_array();
	size_t	 i;

	for (i = 0; i < st->domains.n; i++)
		json_array_append_new(d, json_pack("{s:s, s:b, s:I}", "name",
		    st->domains.v[i].name, "national", st->domains.v[i].national,
		    "items", (json_int_t)st->domains.v[i].items));
	o = json_pack("{s:o, s:s, s:s, s:I, s:I, s:I, s:o, s:o, s:o}",
	    "catalogue", output_json_text(path), "version", st->info.version,
	    "created", st->info.created,
	    "sequence", (json_int_t)st->info.sequence,
	    "items", (json_int_t)st->info.items,
	    "earlier_versions", (json_int_t)st->earlier,
	    "files", json_counts(&st->files), "domains", d,
	    "jurisdictions", json_counts(&st->jurisdictions));
	json_dumpf(o, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(o);
}

int
admin_versions_status(const struct config *cfg, int argc, char **argv)
{
	struct status	 st;
	struct args	 a;
	char		*error = NULL;
	int		 rc;

	if ((rc = parse_args(argc, argv, 0, &a)) != -1)
		return rc;
	if (status_read(cfg->catalogue, &st, &error) != 0) {
		status_done(&st);
		return admin_fail(error, ADMIN_EXIT_CATALOGUE);
	}
	if (a.json)
		status_json(cfg->catalogue, &st);
	else
		status_print(cfg->catalogue, &st);
	status_done(&st);
	return ADMIN_EXIT_OK;
}

/* s, then spaces up to cols columns (printf pads by bytes, not columns). */
static void
print_padded(const char *s, size_t cols)
{
	size_t	w = text_width(s, strlen(s));

	fputs(s, stdout);
	for (; w < cols; w++)
		putchar(' ');
}

static void
history_print(const struct versions_list *list)
{
	size_t	i, w, cols = text_width(_("imported"), strlen(_("imported")));
	char	*when;

	/* The local times differ in width from language to language. */
	for (i = 0; i < list->n; i++) {
		when = format_version_time(list->v[i].id);
		w = text_width(when, strlen(when));
		cols = w > cols ? w : cols;
		free(when);
	}
	cols += 2;
	fputs("  ", stdout);
	print_padded(_("imported"), cols);
	print_padded(_("items"), 8);
	print_padded(_("version"), 18);
	printf("%s\n", _("files"));
	for (i = 0; i < list->n; i++) {
		when = format_version_time(list->v[i].id);
		printf("%c ", list->v[i].live ? '*' : ' ');
		print_padded(when, cols);
		printf("%6zu  %-16s  ", list->v[i].items, list->v[i].id);
		print_text(list->v[i].sources);
		printf("%s\n", list->v[i].live ? _("  (live)") : "");
		free(when);
	}
	if (list->n == 0 || (list->n == 1 && list->v[0].live))
		fputs(_("no earlier version is kept\n"), stdout);
}

static void
history_json(const char *path, const struct versions_list *list)
{
	json_t	*a = json_array(), *o;
	size_t	 i;
	char	*when;

	for (i = 0; i < list->n; i++) {
		when = format_version_time(list->v[i].id);
		/* when and files: the text history shows, for people. */
		json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:I, s:b, "
		    "s:o, s:o}",
		    "version", list->v[i].id, "created", list->v[i].created,
		    "items", (json_int_t)list->v[i].items,
		    "sequence", (json_int_t)list->v[i].sequence,
		    "live", list->v[i].live, "when", output_json_text(when),
		    "files", output_json_text(list->v[i].sources)));
		free(when);
	}
	o = json_pack("{s:o, s:o}", "catalogue", output_json_text(path),
	    "versions", a);
	json_dumpf(o, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(o);
}

int
admin_versions_history(const struct config *cfg, int argc, char **argv)
{
	struct versions_list	 list;
	struct args		 a;
	char			*error = NULL;
	int			 rc;

	if ((rc = parse_args(argc, argv, 0, &a)) != -1)
		return rc;
	if (versions_list(cfg->catalogue, &list, &error) != 0) {
		versions_list_done(&list);
		return admin_fail(error, ADMIN_EXIT_CATALOGUE);
	}
	if (a.json)
		history_json(cfg->catalogue, &list);
	else
		history_print(&list);
	versions_list_done(&list);
	return ADMIN_EXIT_OK;
}

int
admin_versions_rollback(const struct config *cfg, int argc, char **argv)
{
	struct args	 a;
	char		*error = NULL, *now = NULL, *name;
	int		 rc;

	if ((rc = parse_args(argc, argv, 1, &a)) != -1)
		return rc;
	rc = versions_rollback(cfg->catalogue, a.nrest > 0 ? a.rest[0] : NULL,
	    cfg->keep_versions, &now, &error);
	if (rc == VERSIONS_NONE)
		return admin_fail(error, ADMIN_EXIT_NO_VERSION);
	if (rc != 0)
		return admin_fail(error, ADMIN_EXIT_CATALOGUE);
	name = admin_version_name(now);
	printf(_("version %s is now live in %s\n"), name, cfg->catalogue);
	free(name);
	free(now);
	return ADMIN_EXIT_OK;
}

/* The file of version name; exit status on failure, else -1. */
static int
version_file(const char *path, const char *name, char **file, char **id)
{
	const struct versions_entry	*e;
	struct versions_list		 list;
	char				*error = NULL;
	int				 rc;

	*file = *id = NULL;
	if (versions_list(path, &list, &error) != 0) {
		versions_list_done(&list);
		return admin_fail(error, ADMIN_EXIT_CATALOGUE);
	}
	rc = versions_find(&list, name, &e, &error);
	if (rc == 0) {
		*file = xstrdup(e->file);
		*id = xstrdup(e->id);
	}
	versions_list_done(&list);
	return rc == 0 ? -1 : admin_fail(error, ADMIN_EXIT_NO_VERSION);
}

/*
 * The changed fields of a diff line ("content basis", the column names
 * --json keeps) in words of the interface language. Caller frees.
 */
static char *
diff_fields_words(const char *fields)
{
	static const struct {
		const char	*name, *label;
	} names[] = {
		{ "content", N_("Content") },
		{ "basis", N_("Basis") },
		{ "time_limit", N_("Time limit") },
		{ "subject", N_("Subject") },
		{ "channels", N_("Channels") },
		{ "audience_all", N_("Everyone") },
		{ "audience_specific", N_("Specific groups") },
		{ "method_active", N_("Proactive") },
		{ "method_on_request", N_("On request") },
		{ "level_county", N_("County") },
		{ "level_township", N_("Township") },
		{ "level_village", N_("Village") },
		{ "code", N_("Code") },
		{ "source_url", N_("Source address") },
	};
	char		*out = xstrdup(""), *t;
	const char	*p = fields, *word;
	size_t		 len, i;

	while (*p != '\0') {
		len = strcspn(p, " ");
		word = NULL;
		for (i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strlen(names[i].name) == len &&
			    strncmp(p, names[i].name, len) == 0)
				word = _(names[i].label);
		if (len > 0) {
			/* TRANSLATORS: between the names of changed elements. */
			t = xasprintf("%s%s%.*s", out, *out != '\0' ? _(", ") :
			    "", word != NULL ? (int)strlen(word) : (int)len,
			    word != NULL ? word : p);
			free(out);
			out = t;
		}
		p += len;
		p += strspn(p, " ");
	}
	return out;
}

static void
diff_print(const char *from, const char *to, const struct diff_result *r)
{
	char				*words;

	const struct diff_change	*c;
	size_t				 i;

	printf(_("from %s to %s: %zu added, %zu removed, %zu changed\n"),
	    from, to, r->added, r->removed, r->changed);
	for (i = 0; i < r->n; i++) {
		c = &r->v[i];
		printf("%c ", c->kind);
		print_text(c->domain);
		fputs(" | ", stdout);
		print_text(c->jurisdiction);
		fputs(" | ", stdout);
		print_text(c->level1);
		fputs(" | ", stdout);
		print_text(c->level2);
		if (c->kind == '~') {
			words = diff_fields_words(c->fields);
			/* TRANSLATORS: the elements that changed. */
			printf(_(" (%s)"), words);
			free(words);
		}
		putchar('\n');
	}
}

static void
diff_json(const char *from, const char *to, const struct diff_result *r)
{
	static const char *const kinds[] = { "added", "removed", "changed" };
	const struct diff_change	*c;
	json_t				*a = json_array(), *o;
	size_t				 i;

	for (i = 0; i < r->n; i++) {
		c = &r->v[i];
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, "
		    "s:s}", "change", kinds[c->kind == '+' ? 0 :
		    c->kind == '-' ? 1 : 2], "domain", c->domain,
		    "jurisdiction", c->jurisdiction, "level1", c->level1,
		    "level2", c->level2, "fields", c->fields));
	}
	o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:o}", "from", from, "to", to,
	    "added", (json_int_t)r->added, "removed", (json_int_t)r->removed,
	    "changed", (json_int_t)r->changed, "changes", a);
	json_dumpf(o, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(o);
}

int
admin_versions_diff(const struct config *cfg, int argc, char **argv)
{
	struct diff_result	 r;
	struct args		 a;
	char			*ffile, *fid, *tfile, *tid, *error = NULL;
	int			 rc;

	if ((rc = parse_args(argc, argv, 2, &a)) != -1)
		return rc;
	rc = version_file(cfg->catalogue, a.nrest > 0 ? a.rest[0] : "previous",
	    &ffile, &fid);
	if (rc == -1)
		rc = version_file(cfg->catalogue, a.nrest > 1 ? a.rest[1] :
		    "live", &tfile, &tid);
	else
		tfile = tid = NULL;
	if (rc == -1 && diff_catalogues(ffile, tfile, &r, &error) != 0)
		rc = admin_fail(error, ADMIN_EXIT_CATALOGUE);
	else if (rc == -1) {
		if (a.json)
			diff_json(fid, tid, &r);
		else
			diff_print(fid, tid, &r);
		diff_result_done(&r);
		rc = ADMIN_EXIT_OK;
	}
	free(ffile);
	free(fid);
	free(tfile);
	free(tid);
	return rc;
}

/* Write version file to a.output (or standard output). */
static int
export_to(const struct args *a, const char *file)
{
	struct export_options	 opt;
	FILE			*out = stdout;
	char			*error = NULL;
	int			 rc;

	if (a->output != NULL && (out = fopen(a->output, "w")) == NULL) {
		error = xasprintf(_("cannot write %s: %s"), a->output,
		    strerror(errno));
		return admin_fail(error, ADMIN_EXIT_CATALOGUE);
	}
	memset(&opt, 0, sizeof opt);
	opt.format = a->format != NULL && strcmp(a->format, "json") == 0 ?
	    EXPORT_JSON : EXPORT_CSV;
	if (a->encoding != NULL && strcmp(a->encoding, "gb18030") == 0)
		opt.encoding = EXPORT_GB18030;
	else if (a->encoding != NULL && strcmp(a->encoding, "utf-8-bom") == 0)
		opt.encoding = EXPORT_UTF8_BOM;
	opt.headers_zh = a->headers != NULL && strcmp(a->headers, "zh") == 0;
	/* On a terminal, cells are sanitised as everywhere else. */
	opt.for_terminal = isatty(fileno(out));
	rc = export_catalogue_with(file, &opt, out, &error);
	if (out != stdout && fclose(out) != 0 && rc == 0) {
		error = xasprintf(_("cannot write %s: %s"), a->output,
		    strerror(errno));
		rc = -1;
	}
	return rc == 0 ? ADMIN_EXIT_OK : admin_fail(error, ADMIN_EXIT_CATALOGUE);
}

int
admin_versions_export(const struct config *cfg, int argc, char **argv)
{
	struct args	 a;
	char		*file, *id;
	int		 rc;

	if ((rc = parse_args(argc, argv, 0, &a)) != -1)
		return rc;
	if (a.format != NULL && strcmp(a.format, "csv") != 0 &&
	    strcmp(a.format, "json") != 0)
		return admin_usage_error(_("unknown format '%s'; use csv or "
		    "json"), a.format);
	if (a.encoding != NULL && strcmp(a.encoding, "utf-8") != 0 &&
	    strcmp(a.encoding, "utf-8-bom") != 0 &&
	    strcmp(a.encoding, "gb18030") != 0)
		return admin_usage_error(_("unknown encoding '%s'; use utf-8, "
		    "utf-8-bom or gb18030"), a.encoding);
	if (a.headers != NULL && strcmp(a.headers, "en") != 0 &&
	    strcmp(a.headers, "zh") != 0)
		return admin_usage_error(_("unknown headers '%s'; use en (the "
		    "column names) or zh (the published table's titles)"),
		    a.headers);
	/* JSON is UTF-8 with its own keys (RFC 8259). */
	if ((a.encoding != NULL || a.headers != NULL) && a.format != NULL &&
	    strcmp(a.format, "json") == 0)
		return admin_usage_error("%s", _("--encoding and --headers are "
		    "for CSV; JSON is always UTF-8 with English keys"));
	if ((rc = version_file(cfg->catalogue, a.version, &file, &id)) != -1)
		return rc;
	rc = export_to(&a, file);
	free(file);
	free(id);
	return rc;
}
