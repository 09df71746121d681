/*
 * chayue-admin hot and feedback: the hot items (热点事项) staff mark, and
 * the 有用 / 没用 answers visitors gave, from the state file beside the
 * catalogue (data/stats/stats.h). Items are named as the catalogue names them;
 * the state file keeps the names, so a hot item or an answer outlives
 * the catalogue version it was given under.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/store/catalogue.h"
#include "data/store/element.h"
#include "data/stats/stats.h"
#include "data/versions/export.h"
#include "i18n/format.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "kiosk/admin/admin.h"
#include "kiosk/admin/output.h"
#include "kiosk/config.h"
#include "lib/xmalloc.h"

/* The options of hot and feedback. */
struct stats_args {
	const char	*action;	/* add, remove, list */
	const char	*name;
	const char	*domain;	/* NULL: any */
	const char	*jurisdiction;	/* NULL: any */
	const char	*since;		/* NULL: all */
	int		 all;
	int		 csv;
	int		 merge;		/* feedback --merge FILE... */
};

/* Options anywhere after the command; the words left in argv[optind..]. */
static int
stats_parse(int argc, char **argv, struct stats_args *a)
{
	static const struct option longopts[] = {
		{ "domain", required_argument, NULL, 'd' },
		{ "jurisdiction", required_argument, NULL, 'j' },
		{ "all", no_argument, NULL, 'a' },
		{ "since", required_argument, NULL, 's' },
		{ "csv", no_argument, NULL, 'c' },
		{ "merge", no_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(a, 0, sizeof *a);
	optind = 0;	/* glibc: start again, on the command's arguments */
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': a->domain = optarg; break;
		case 'j': a->jurisdiction = optarg; break;
		case 'a': a->all = 1; break;
		case 's': a->since = optarg; break;
		case 'c': a->csv = 1; break;
		case 'm': a->merge = 1; break;
		case 'h':
			printf(_("Usage: %s hot add|remove [--domain D] "
			    "[--jurisdiction J] [--all] NAME|#ID\n"
			    "       %s hot list\n"
			    "       %s feedback [--since YYYY-MM-DD] [--csv]\n"
			    "       %s feedback --merge [--since YYYY-MM-DD] "
			    "[--csv] REPORT...\n"),
			    ADMIN_PROGNAME, ADMIN_PROGNAME, ADMIN_PROGNAME,
			    ADMIN_PROGNAME);
			return ADMIN_EXIT_OK;
		default:
			return admin_try_help();
		}
	}
	return -1;
}

static char *
stats_path(const struct config *cfg)
{
	return cfg->state_file != NULL ? xstrdup(cfg->state_file) :
	    stats_default_path(cfg->catalogue);
}

/*
 * Open the state file. Reading one that does not exist yet is not an
 * error: *st is NULL and nothing has been counted.
 */
static int
stats_open_for(const struct config *cfg, int writable, struct stats **st)
{
	char *path = stats_path(cfg), *error = NULL;

	*st = NULL;
	if (!writable && access(path, F_OK) != 0) {
		free(path);
		return 0;
	}
	*st = stats_open(path, writable, &error);
	free(path);
	return *st != NULL ? 0 : admin_fail(error, ADMIN_EXIT_CATALOGUE);
}

/*
 * "domain / jurisdiction / 二级事项（一级事项）", sanitised for the staff
 * terminal: many 二级事项 (政策法规文件, 办事指南) say nothing alone.
 */
static void
stats_print_item(FILE *fp, const char *prefix, const struct stats_ref *r)
{
	char *name = element_item_name(r->level1, r->level2, NULL, NULL,
	    NULL);
	char *line = xasprintf("%s / %s / %s", r->domain,
	    r->jurisdiction[0] != '\0' ? r->jurisdiction : _("Not stated"),
	    name);
	char *clean = text_sanitise(line, strlen(line), 0);

	fprintf(fp, "%s%s\n", prefix, clean);
	free(clean);
	free(line);
	free(name);
}

static struct stats_ref
stats_row_ref(const struct stats_row *r)
{
	struct stats_ref ref = { r->domain, r->jurisdiction, r->level1,
	    r->level2 };

	return ref;
}

static struct stats_ref
stats_item_ref(const struct item *it)
{
	struct stats_ref ref = { it->domain, it->jurisdiction, it->level1,
	    it->level2 };

	return ref;
}

/* Several items match and --all was not given: say which, and how to choose. */
static int
stats_ambiguous(const struct stats_args *a, const struct stats_ref *refs,
    size_t n)
{
	size_t i;

	fprintf(stderr, _("%s: hot %s: %zu items are named '%s':\n"),
	    ADMIN_PROGNAME, a->action, n, a->name);
	for (i = 0; i < n; i++)
		stats_print_item(stderr, "  ", &refs[i]);
	fprintf(stderr, "%s\n", _("Choose one with --domain or --jurisdiction, "
	    "or give --all for every one of them."));
	return ADMIN_EXIT_DATA;
}

/* "#123" or "123": the item id chayue-admin search shows; else -1. */
static long long
stats_id(const char *name)
{
	const char *p = name + (name[0] == '#');
	char *end;
	long long id;

	if (*p < '0' || *p > '9')
		return -1;
	id = strtoll(p, &end, 10);
	return *end == '\0' && id > 0 ? id : -1;
}

/* The catalogue's items named a->name (or with its id), as full items. */
static int
stats_find(struct catalogue *cat, const struct stats_args *a,
    struct item **items, size_t *n)
{
	struct item_list list;
	char *error = NULL;
	long long id = stats_id(a->name);
	size_t i;

	*items = NULL;
	*n = 0;
	if (id > 0) {
		*items = xcalloc(1, sizeof **items);
		if (catalogue_item(cat, (int64_t)id, &(*items)[0], &error) == 0)
			*n = 1;
		free(error);	/* no such id: "no item", as for a name */
		return -1;
	}
	if (catalogue_find_name(cat, a->name, a->domain, a->jurisdiction, &list,
	    &error) != 0) {
		item_list_done(&list);
		return admin_fail(error, ADMIN_EXIT_CATALOGUE);
	}
	*items = xcalloc(list.n + 1, sizeof **items);
	for (i = 0; i < list.n; i++) {
		if (catalogue_item(cat, list.v[i].id, &(*items)[i], &error) != 0) {
			item_list_done(&list);
			return admin_fail(error, ADMIN_EXIT_CATALOGUE);
		}
		(*n)++;
	}
	item_list_done(&list);
	return -1;
}

/* Mark each of items hot. */
static int
stats_mark(struct stats *st, const struct item *items, size_t n)
{
	struct stats_ref ref;
	char *error = NULL;
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		ref = stats_item_ref(&items[i]);
		if ((r = stats_hot_add(st, &ref, &error)) < 0)
			return admin_fail(error, ADMIN_EXIT_CATALOGUE);
		stats_print_item(stdout, r == 0 ? _("hot now: ") : _("hot already: "),
		    &ref);
	}
	return ADMIN_EXIT_OK;
}

static int
stats_hot_add_cmd(const struct config *cfg, const struct stats_args *a)
{
	struct catalogue *cat;
	struct stats *st = NULL;
	struct stats_ref *refs;
	struct item *items = NULL;
	char *error = NULL;
	size_t n = 0, i;
	int rc;

	if ((cat = catalogue_open(cfg->catalogue, &error)) == NULL)
		return admin_fail(error, ADMIN_EXIT_CATALOGUE);
	if ((rc = stats_find(cat, a, &items, &n)) == -1) {
		refs = xcalloc(n + 1, sizeof *refs);
		for (i = 0; i < n; i++)
			refs[i] = stats_item_ref(&items[i]);
		if (n == 0) {
			fprintf(stderr, _("%s: hot add: no item in %s is named "
			    "'%s' (the name is the 二级事项, or the 一级事项 "
			    "where there is none, or #id as chayue-admin "
			    "search shows it)\n"), ADMIN_PROGNAME,
			    cfg->catalogue, a->name);
			rc = ADMIN_EXIT_DATA;
		} else if (n > 1 && !a->all)
			rc = stats_ambiguous(a, refs, n);
		else if ((rc = stats_open_for(cfg, 1, &st)) == 0)
			rc = stats_mark(st, items, n);
		free(refs);
	}
	for (i = 0; i < n; i++)
		item_done(&items[i]);
	free(items);
	stats_close(st);
	catalogue_close(cat);
	return rc;
}

/*
 * Does the hot row match the name (or, for "#ID", the item it, whose
 * names the state file keys) and the --domain/--jurisdiction given?
 */
static int
stats_row_matches(const struct stats_row *r, const struct stats_args *a,
    const struct item *it)
{
	const char *name = r->level2[0] != '\0' ? r->level2 : r->level1;

	if (it != NULL)
		return strcmp(r->domain, it->domain) == 0 &&
		    strcmp(r->jurisdiction, it->jurisdiction) == 0 &&
		    strcmp(r->level1, it->level1) == 0 &&
		    strcmp(r->level2, it->level2) == 0;
	return strcmp(name, a->name) == 0 &&
	    (a->domain == NULL || strcmp(r->domain, a->domain) == 0) &&
	    (a->jurisdiction == NULL ||
	    strcmp(r->jurisdiction, a->jurisdiction) == 0);
}

/* Unmark the matching rows of hot. */
static int
stats_unmark(struct stats *st, const struct stats_args *a,
    const struct stats_rows *hot, const struct item *it)
{
	struct stats_ref *refs = xcalloc(hot->n + 1, sizeof *refs);
	const struct stats_row **rows = xcalloc(hot->n + 1, sizeof *rows);
	char *error = NULL;
	size_t i, n = 0;
	int rc = ADMIN_EXIT_OK;

	for (i = 0; i < hot->n; i++) {
		if (stats_row_matches(&hot->v[i], a, it)) {
			rows[n] = &hot->v[i];
			refs[n++] = stats_row_ref(&hot->v[i]);
		}
	}
	if (n == 0) {
		fprintf(stderr, _("%s: hot remove: no hot item is named '%s'; "
		    "see: chayue-admin hot list\n"), ADMIN_PROGNAME, a->name);
		rc = ADMIN_EXIT_DATA;
	} else if (n > 1 && !a->all)
		rc = stats_ambiguous(a, refs, n);
	for (i = 0; rc == ADMIN_EXIT_OK && i < n; i++) {
		if (stats_hot_remove(st, rows[i]->key, &error) < 0)
			rc = admin_fail(error, ADMIN_EXIT_CATALOGUE);
		else
			stats_print_item(stdout, _("not hot any more: "), &refs[i]);
	}
	free(rows);
	free(refs);
	return rc;
}

static int
stats_hot_remove_cmd(const struct config *cfg, const struct stats_args *a)
{
	struct stats_rows hot;
	struct catalogue *cat;
	struct stats *st;
	struct item it;
	char *error = NULL;
	long long id = stats_id(a->name);
	int rc;

	memset(&it, 0, sizeof it);
	/* "#ID" is an item of the live catalogue: its names find the mark. */
	if (id > 0) {
		if ((cat = catalogue_open(cfg->catalogue, &error)) == NULL)
			return admin_fail(error, ADMIN_EXIT_CATALOGUE);
		rc = catalogue_item(cat, (int64_t)id, &it, &error);
		catalogue_close(cat);
		if (rc != 0) {
			free(error);
			item_done(&it);
			fprintf(stderr, _("%s: hot remove: the catalogue %s has "
			    "no item #%lld; see: chayue-admin hot list\n"),
			    ADMIN_PROGNAME, cfg->catalogue, id);
			return ADMIN_EXIT_DATA;
		}
	}
	if ((rc = stats_open_for(cfg, 1, &st)) != 0) {
		item_done(&it);
		return rc;
	}
	if (stats_hot(st, &hot, &error) != 0)
		rc = admin_fail(error, ADMIN_EXIT_CATALOGUE);
	else
		rc = stats_unmark(st, a, &hot, id > 0 ? &it : NULL);
	stats_rows_done(&hot);
	stats_close(st);
	item_done(&it);
	return rc;
}

/* Is the row's item in the live catalogue (1), not (0), or unknown (-1)? */
static int
stats_live(struct catalogue *cat, const struct stats_row *r)
{
	char *error = NULL;
	int64_t id;

	if (cat == NULL)
		return -1;
	if (catalogue_find(cat, r->domain, r->jurisdiction, r->level1,
	    r->level2, &id, &error) != 0) {
		free(error);
		return -1;
	}
	return id != 0;
}

static int
stats_hot_list_cmd(const struct config *cfg)
{
	struct stats_rows hot = { NULL, 0 };
	struct catalogue *cat;
	struct stats *st;
	struct stats_ref ref;
	char *error = NULL, prefix[32];
	size_t i;
	int rc;

	if ((rc = stats_open_for(cfg, 0, &st)) != 0)
		return rc;
	if (st != NULL && stats_hot(st, &hot, &error) != 0) {
		stats_close(st);
		return admin_fail(error, ADMIN_EXIT_CATALOGUE);
	}
	/* Without a catalogue the list is still worth seeing. */
	cat = catalogue_open(cfg->catalogue, &error);
	free(error);
	for (i = 0; i < hot.n; i++) {
		snprintf(prefix, sizeof prefix, "%2zu. ", i + 1);
		ref = stats_row_ref(&hot.v[i]);
		stats_print_item(stdout, prefix, &ref);
		if (stats_live(cat, &hot.v[i]) == 0)
			printf("    %s\n", _("(not in the live catalogue: not "
			    "shown until it is again)"));
	}
	if (hot.n == 0)
		printf("%s\n", _("There are no hot items."));
	catalogue_close(cat);
	stats_rows_done(&hot);
	stats_close(st);
	return ADMIN_EXIT_OK;
}

int
admin_hot(const struct config *cfg, int argc, char **argv)
{
	struct stats_args a;
	int rc;

	if ((rc = stats_parse(argc, argv, &a)) != -1)
		return rc;
	if (optind >= argc)
		return admin_usage_error("%s", _("hot: say add, remove or list"));
	a.action = argv[optind];
	if (strcmp(a.action, "list") == 0 && optind + 1 == argc)
		return stats_hot_list_cmd(cfg);
	if (strcmp(a.action, "add") != 0 && strcmp(a.action, "remove") != 0)
		return admin_usage_error(_("hot: unknown action '%s'; say add, remove "
		    "or list"), a.action);
	if (optind + 2 != argc)
		return admin_usage_error(_("hot %s: give the name of one item"),
		    a.action);
	a.name = argv[optind + 1];
	return strcmp(a.action, "add") == 0 ? stats_hot_add_cmd(cfg, &a) :
	    stats_hot_remove_cmd(cfg, &a);
}

static void
stats_print_csv(const struct stats_rows *rows)
{
	char n[64];
	size_t i;

	/* Column names for spreadsheets and scripts: not translated. */
	puts("domain,jurisdiction,level1,level2,useful,not_useful");
	for (i = 0; i < rows->n; i++) {
		output_csv_cell(rows->v[i].domain, 0);
		output_csv_cell(rows->v[i].jurisdiction, 0);
		output_csv_cell(rows->v[i].level1, 0);
		output_csv_cell(rows->v[i].level2, 0);
		snprintf(n, sizeof n, "%lld", rows->v[i].a);
		output_csv_cell(n, 0);
		snprintf(n, sizeof n, "%lld", rows->v[i].b);
		output_csv_cell(n, 1);
	}
}

/* s right-aligned in cols display columns (CJK headings are wider). */
static void
stats_print_right(const char *s, int cols)
{
	int w = (int)text_width(s, strlen(s));

	printf("%*s%s ", w < cols ? cols - w : 0, "", s);
}

/* The report as a table for the staff terminal, with totals. */
static void
stats_print_table(const struct stats_rows *rows, const char *since)
{
	long long useful = 0, useless = 0;
	struct stats_ref ref;
	char prefix[64];
	size_t i;

	if (since != NULL)
		printf(_("Answers since %s:\n"), since);
	stats_print_right(_("useful"), 10);
	stats_print_right(_("not useful"), 10);
	printf(" %s\n", _("item"));
	for (i = 0; i < rows->n; i++) {
		snprintf(prefix, sizeof prefix, "%10lld %10lld  ", rows->v[i].a,
		    rows->v[i].b);
		ref = stats_row_ref(&rows->v[i]);
		stats_print_item(stdout, prefix, &ref);
		useful += rows->v[i].a;
		useless += rows->v[i].b;
	}
	printf(_("total: %lld useful, %lld not useful (items: %zu)\n"),
	    useful, useless, rows->n);
}

int
admin_feedback(const struct config *cfg, int argc, char **argv)
{
	struct stats_rows rows = { NULL, 0 };
	struct stats_args a;
	struct stats *st;
	char *error = NULL;
	int rc;

	if ((rc = stats_parse(argc, argv, &a)) != -1)
		return rc;
	if (a.since != NULL && !format_is_date(a.since))
		return admin_usage_error(_("feedback: --since wants a date as "
		    "YYYY-MM-DD, e.g. 2026-01-31; got '%s'"), a.since);
	if (a.merge && optind >= argc)
		return admin_usage_error("%s", _("feedback --merge: give the "
		    "report files (chayue-admin report --json) to add up"));
	if (a.merge)
		return admin_feedback_merge(cfg, argv + optind, argc - optind,
		    a.since, a.csv);
	if (optind < argc)
		return admin_usage_error(_("feedback: unexpected argument '%s'"),
		    argv[optind]);
	if (a.since != NULL && !format_is_date(a.since))
		return admin_usage_error(_("feedback: --since wants a date as "
		    "YYYY-MM-DD, e.g. 2026-01-31; got '%s'"), a.since);
	if ((rc = stats_open_for(cfg, 0, &st)) != 0)
		return rc;
	if (st != NULL && stats_feedback(st, a.since, &rows, &error) != 0) {
		stats_close(st);
		return admin_fail(error, ADMIN_EXIT_CATALOGUE);
	}
	if (a.csv)
		stats_print_csv(&rows);
	else
		stats_print_table(&rows, a.since);
	stats_rows_done(&rows);
	stats_close(st);
	return ADMIN_EXIT_OK;
}
