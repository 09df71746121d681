/*
 * chayue-admin search: the same ranked search as the kiosk's, for staff
 * and scripts, as text or JSON.
 */
#include <config.h>	/* not "config.h": that would be kiosk/config.h */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/store/catalogue.h"
#include "data/store/element.h"
#include "data/search/query.h"
#include "data/search/engine.h"
#include "data/search/find.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "kiosk/admin/admin.h"
#include "kiosk/config.h"
#include "lib/xmalloc.h"

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
				return admin_usage_error(_("search: --limit needs a "
				    "number, 0 or more, not '%s'"), optarg);
			a->limit = (size_t)n;
			break;
		case 'j':
			a->json = 1;
			break;
		case 'h':
			admin_usage(stdout);
			return ADMIN_EXIT_OK;
		default:
			return admin_usage_error("%s", _("search: see --help"));
		}
	}
	if (optind >= argc)
		return admin_usage_error("%s", _("search: no query given"));
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

/*
 * "  3. 政策法规文件（行政处罚） — 城市综合执法, 晋江市 [#123]": the name
 * with its 一级事项, as the kiosk's results show it.
 */
static void
print_hit(size_t rank, const struct search_display *d)
{
	size_t group_at;
	char *full = element_item_name(d->item.level1, d->item.level2, NULL,
	    NULL, &group_at);
	char *name = clean(full, strlen(full));
	char *domain = clean(d->item.domain, strlen(d->item.domain));
	char *where = clean(d->item.jurisdiction, strlen(d->item.jurisdiction));

	printf("%3zu. %s — %s, %s [#%lld]\n", rank, name, domain,
	    *where != '\0' ? where : _("Not stated"), (long long)d->item.id);
	/* A match in the 一级事项 is on the line already. */
	if (d->field != SEARCH_FIELD_NAME && d->end > d->start &&
	    !(d->field == SEARCH_FIELD_GROUP && group_at != ELEMENT_NOT_SHOWN))
		print_excerpt(d);
	free(name);
	free(full);
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
print_json_hit(size_t rank, const struct find_results *r,
    const struct find_hit *h, const struct search_display *d)
{
	static const char *const tiers[] = { "exact", "prefix", "name", "other" };
	static const char *const fields[SEARCH_FIELDS] = { "name", "level1",
	    "content", "basis", "subject", "jurisdiction" };

	printf("%s\n    {\"rank\": %zu, \"id\": %lld, \"tier\": \"%s\", "
	    "\"via\": \"%s\", \"field\": \"%s\", \"domain\": ",
	    rank > 1 ? "," : "", rank, (long long)h->item, tiers[h->tier],
	    find_hit_via(r, h), fields[d->field]);
	print_json_string(d->item.domain, strlen(d->item.domain));
	fputs(", \"name\": ", stdout);
	print_json_string(d->name, strlen(d->name));
	fputs(", \"level1\": ", stdout);
	print_json_string(d->item.level1, strlen(d->item.level1));
	fputs(", \"jurisdiction\": ", stdout);
	print_json_string(d->item.jurisdiction, strlen(d->item.jurisdiction));
	fputs(", \"match\": ", stdout);
	print_json_string(d->text + d->start, d->end - d->start);
	putchar('}');
}

/* A domain row: the domain the query names, with its item count. */
static void
print_domain(size_t rank, const struct find_hit *h, int json)
{
	char *name;

	if (json) {
		printf("%s\n    {\"rank\": %zu, \"domain_row\": true, "
		    "\"via\": \"%s\", \"domain\": ", rank > 1 ? "," : "",
		    rank, find_via_name(h->via));
		print_json_string(h->domain->name, strlen(h->domain->name));
		printf(", \"items\": %zu}", h->domain->items);
		return;
	}
	name = clean(h->domain->name, strlen(h->domain->name));
	/* TRANSLATORS: a domain found by a search, and its items. */
	printf(ngettext("%3zu. [domain] %s · %zu item\n",
	    "%3zu. [domain] %s · %zu items\n", h->domain->items), rank, name,
	    h->domain->items);
	free(name);
}

static int
print_results(struct find *f, const struct find_results *r, int json,
    char **error)
{
	struct search_display d;
	char *also;
	size_t i;

	if (json) {
		printf("{\"total\": %zu, \"also\": ", r->total);
		if (r->also != NULL)
			print_json_string(r->also, strlen(r->also));
		else
			fputs("null", stdout);
		printf(", \"sound\": %s, \"results\": [", r->sound ? "true" :
		    "false");
	} else if (r->also != NULL) {
		also = clean(r->also, strlen(r->also));
		printf(_("Also searched for: %s\n"), also);
		free(also);
	}
	if (!json && r->sound)
		printf("%s\n", _("Found by sound"));
	for (i = 0; i < r->n; i++) {
		if (r->v[i].item == 0) {
			print_domain(i + 1, &r->v[i], json);
			continue;
		}
		if (find_display(f, r, i, &d, error) != 0)
			return -1;
		if (json)
			print_json_hit(i + 1, r, &r->v[i], &d);
		else
			print_hit(i + 1, &d);
		search_display_done(&d);
	}
	if (json)
		printf("%s]}\n", r->n > 0 ? "\n" : "");
	else if (r->n == 0)
		puts(_("No results. Try fewer characters, or pinyin initials "
		    "(zdshbz for 最低生活保障)."));
	else if (r->n - r->domains < r->total)
		printf(_("%zu of %zu results (use --limit 0 for all)\n"),
		    r->n - r->domains, r->total);
	return 0;
}

int
admin_search(const struct config *cfg, int argc, char **argv)
{
	struct search_args	a;
	struct find_results	r;
	struct catalogue	*cat;
	struct search		*s = NULL;
	struct find		*f = NULL;
	struct synonyms		 syn;
	struct query		 q;
	char			*error = NULL, *bad = NULL;
	int			 rc;

	if ((rc = parse_search_args(argc, argv, &a)) != -1)
		return rc;
	if ((cat = catalogue_open(cfg->catalogue, &error)) == NULL) {
		fprintf(stderr, "%s: %s\n", ADMIN_PROGNAME, error);
		free(error);
		free(a.query);
		return ADMIN_EXIT_CATALOGUE;
	}
	/* The kiosk's synonyms; a bad line is reported, never fatal. */
	if (synonyms_load_kiosk(&syn, CONFIG_SHIPPED_SYNONYMS,
	    cfg->synonyms, strcmp(cfg->synonyms,
	    CONFIG_DEFAULT_SYNONYMS) == 0, &bad) > 0)
		fprintf(stderr, "%s", bad);
	free(bad);
	query_parse(&q, a.query, strlen(a.query));
	if (q.dropped > 0)
		fprintf(stderr, _("%s: the query is too long; only its first %d "
		    "characters are used\n"), ADMIN_PROGNAME, QUERY_MAX);
	memset(&r, 0, sizeof r);
	rc = 0;
	/* An empty query finds nothing, index or not (see search_run). */
	if (q.n > 0 && ((s = search_open(cat, &error)) == NULL ||
	    (f = find_open(s, cat, &syn, &error)) == NULL))
		rc = -1;
	else if (q.n > 0)
		rc = find_run(f, a.query, strlen(a.query), NULL, a.limit,
		    SEARCH_COMPLETE, &r, &error);
	if (rc == 0)
		rc = print_results(f, &r, a.json, &error);
	if (rc != 0) {
		fprintf(stderr, "%s: %s\n", ADMIN_PROGNAME, error);
		free(error);
		rc = ADMIN_EXIT_CATALOGUE;
	} else
		rc = r.n > 0 ? ADMIN_EXIT_OK : ADMIN_EXIT_DATA;
	find_results_done(&r);
	query_done(&q);
	find_close(f);
	search_close(s);
	synonyms_done(&syn);
	catalogue_close(cat);
	free(a.query);
	return rc;
}
