/*
 * chayue-admin report --json and feedback --merge: what goes back from the
 * terminals to the province. A terminal leaves its report (the live
 * version, when it was imported, what went wrong, and the anonymous view
 * and 有用 / 没用 counts per item and day from the state file) where the
 * province collects it; the province adds many terminals' reports up into
 * one 满意度 table.
 *
 * Reports are cumulative (every day the state file holds), so the same
 * terminal's reports of two weeks overlap: merging keeps, for each
 * terminal, day and item, the row of the newest report only.
 */
#include <config.h>	/* not "config.h": that would be kiosk/config.h */

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "data/import/diag.h"
#include "data/import/readfile.h"
#include "data/stats/stats.h"
#include "data/store/catalogue.h"
#include "data/store/element.h"
#include "data/versions/export.h"
#include "i18n/format.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "kiosk/admin/admin.h"
#include "kiosk/admin/output.h"
#include "kiosk/config.h"
#include "lib/xmalloc.h"

/* What a report says it is, and the layout's number. */
#define REPORT_KIND	"chayue-report"
#define REPORT_FORMAT	1

/* "20261126T211500Z[-2]" as "2026-11-26T21:15:00Z"; the id if not one. */
static char *
report_version_time(const char *id)
{
	if (strlen(id) >= 16 && id[8] == 'T' && id[15] == 'Z')
		return xasprintf("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", id, id + 4,
		    id + 6, id + 9, id + 11, id + 13);
	return xstrdup(id);
}

/* The live version, or null with the reason added to errors. */
static json_t *
report_live(const struct config *cfg, json_t *errors)
{
	struct catalogue_info	 info;
	struct catalogue	*cat;
	char			*error = NULL, *t;
	json_t			*o = NULL;

	if ((cat = catalogue_open(cfg->catalogue, &error)) == NULL) {
		json_array_append_new(errors, output_json_text(error));
		free(error);
		return json_null();
	}
	memset(&info, 0, sizeof info);
	if (catalogue_info(cat, &info, &error) != 0) {
		json_array_append_new(errors, output_json_text(error));
		free(error);
	} else {
		t = report_version_time(info.version);
		o = json_pack("{s:s, s:s, s:s, s:I}", "version", info.version,
		    "imported", t, "created", info.created,
		    "items", (json_int_t)info.items);
		free(t);
	}
	catalogue_info_done(&info);
	catalogue_close(cat);
	return o != NULL ? o : json_null();
}

/* The counts per item and day; none (and no error) without a state file. */
static json_t *
report_days(const struct config *cfg, json_t *errors)
{
	struct stats_rows	 rows = { NULL, 0 };
	struct stats		*st;
	json_t			*days = json_array();
	char			*path, *error = NULL;
	size_t			 i;

	path = cfg->state_file != NULL ? xstrdup(cfg->state_file) :
	    stats_default_path(cfg->catalogue);
	if (access(path, F_OK) != 0) {
		free(path);
		return days;
	}
	if ((st = stats_open(path, 0, &error)) == NULL ||
	    stats_daily(st, &rows, &error) != 0) {
		json_array_append_new(errors, output_json_text(error));
		free(error);
	}
	for (i = 0; i < rows.n; i++)
		json_array_append_new(days, json_pack("{s:s, s:s, s:s, s:s, "
		    "s:s, s:I, s:I, s:I}", "day", rows.v[i].day,
		    "domain", rows.v[i].domain,
		    "jurisdiction", rows.v[i].jurisdiction,
		    "level1", rows.v[i].level1, "level2", rows.v[i].level2,
		    "views", (json_int_t)rows.v[i].a,
		    "useful", (json_int_t)rows.v[i].b,
		    "not_useful", (json_int_t)rows.v[i].c));
	stats_rows_done(&rows);
	stats_close(st);
	free(path);
	return days;
}

/* JSON text to stdout; sanitised when stdout is a terminal. */
static void
report_emit(json_t *o)
{
	char	*text = json_dumps(o, JSON_INDENT(2)), *clean;

	if (text == NULL)
		return;
	if (isatty(STDOUT_FILENO)) {
		clean = text_sanitise(text, strlen(text), 1);
		fputs(clean, stdout);
		free(clean);
	} else
		fputs(text, stdout);
	putchar('\n');
	free(text);
}

int
admin_report(const struct config *cfg, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	json_t	*o, *errors = json_array(), *live, *days;
	char	 host[256], made[32];
	time_t	 now = time(NULL);
	int	 c, json = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'j')
			json = 1;
		else if (c == 'h') {
			printf(_("Usage: %s report --json\n"), ADMIN_PROGNAME);
			json_decref(errors);
			return ADMIN_EXIT_OK;
		} else {
			json_decref(errors);
			return admin_try_help();
		}
	}
	if (!json || optind < argc) {
		json_decref(errors);
		return admin_usage_error("%s", _("report: say --json (the "
		    "report is for the province's programs)"));
	}
	if (gethostname(host, sizeof host) != 0)
		snprintf(host, sizeof host, "unknown");
	host[sizeof host - 1] = '\0';
	strftime(made, sizeof made, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	live = report_live(cfg, errors);
	days = report_days(cfg, errors);
	o = json_pack("{s:s, s:i, s:o, s:s, s:o, s:o, s:o, s:o}",
	    "report", REPORT_KIND, "format", REPORT_FORMAT,
	    "terminal", output_json_text(host), "made", made,
	    "catalogue", output_json_text(cfg->catalogue),
	    "live", live, "errors", errors, "days", days);
	if (o == NULL)	/* a name that is not UTF-8 */
		return admin_fail(xstrdup(_("the report cannot be written as "
		    "JSON")), ADMIN_EXIT_CATALOGUE);
	report_emit(o);
	json_decref(o);
	return json_array_size(errors) > 0 ? ADMIN_EXIT_CATALOGUE :
	    ADMIN_EXIT_OK;
}

/* ---- feedback --merge ---- */

/* One row of one report, with where it came from. */
struct merge_row {
	const char	*terminal;	/* borrowed from the report */
	const char	*made;
	const char	*day;
	const char	*names[4];	/* domain, jurisdiction, level1, level2 */
	long long	 views, useful, not_useful;
};

struct merge {
	json_t			**reports;	/* kept alive for the rows */
	size_t			  nreports;
	struct merge_row	 *rows;
	size_t			  n, cap;
	struct diag_list	  diags;
};

/*
 * Where the i-th element of the top-level key "days" starts in text (a
 * document jansson has already parsed), as 1-based line and column in
 * characters: jansson keeps no places for values, and a message names one.
 */
static size_t
skip_ws(const char *s, size_t len, size_t i)
{
	while (i < len && strchr(" \t\r\n", s[i]) != NULL)
		i++;
	return i;
}

static size_t
skip_value(const char *s, size_t len, size_t i)
{
	int	depth = 0, in_string = 0;

	for (; i < len; i++) {
		if (in_string) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"') {
				in_string = 0;
				if (depth == 0)
					return i + 1;
			}
		} else if (s[i] == '"')
			in_string = 1;
		else if (s[i] == '{' || s[i] == '[')
			depth++;
		else if (s[i] == '}' || s[i] == ']') {
			if (depth-- <= 1)
				return depth < 0 ? i : i + 1;
		} else if (depth == 0 && strchr(",: \t\r\n", s[i]) != NULL)
			return i;
	}
	return len;
}

static void
merge_place(const char *s, size_t len, size_t index, long *line, long *col)
{
	size_t	i = skip_ws(s, len, 0), k, end, p;
	int	is_days;

	*line = *col = 1;
	if (i >= len || s[i] != '{')
		return;
	i++;
	while ((i = skip_ws(s, len, i)) < len && s[i] == '"') {
		end = skip_value(s, len, i);
		is_days = end - i == 6 && memcmp(s + i, "\"days\"", 6) == 0;
		i = skip_ws(s, len, end);
		i = skip_ws(s, len, i + 1);	/* the ':' */
		if (is_days && i < len && s[i] == '[') {
			i = skip_ws(s, len, i + 1);
			for (k = 0; k < index && i < len; k++) {
				i = skip_value(s, len, i);
				i = skip_ws(s, len, skip_ws(s, len, i) + 1);
			}
			break;
		}
		i = skip_ws(s, len, skip_value(s, len, i));
		if (i < len && s[i] == ',')
			i++;
	}
	for (p = 0; p < i && p < len; p++) {
		if (s[p] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[p] & 0xc0) != 0x80)
			(*col)++;
	}
}

static void
merge_add(struct merge *m, const struct merge_row *r)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->rows = xreallocarray(m->rows, m->cap, sizeof *m->rows);
	}
	m->rows[m->n++] = *r;
}

/* One element of "days"; 0, or -1 after adding a diagnostic. */
static int
merge_day(struct merge *m, const char *file, const char *text, size_t len,
    size_t index, json_t *e, struct merge_row *r)
{
	static const char *const names[4] = { "domain", "jurisdiction",
	    "level1", "level2" };
	static const char *const counts[3] = { "views", "useful",
	    "not_useful" };
	long long	*out[3] = { &r->views, &r->useful, &r->not_useful };
	const char	*bad = NULL;
	json_t		*v;
	long		 line, col;
	int		 i;

	if (!json_is_object(e))
		bad = "days";
	else if (!json_is_string(json_object_get(e, "day")) ||
	    !format_is_date(json_string_value(json_object_get(e, "day"))))
		bad = "day";
	for (i = 0; bad == NULL && i < 4; i++) {
		if (!json_is_string(v = json_object_get(e, names[i])))
			bad = names[i];
		else
			r->names[i] = json_string_value(v);
	}
	for (i = 0; bad == NULL && i < 3; i++) {
		if (!json_is_integer(v = json_object_get(e, counts[i])) ||
		    json_integer_value(v) < 0)
			bad = counts[i];
		else
			*out[i] = json_integer_value(v);
	}
	if (bad == NULL) {
		r->day = json_string_value(json_object_get(e, "day"));
		return 0;
	}
	merge_place(text, len, index, &line, &col);
	diag_add(&m->diags, DIAG_ERROR, file, line, col,
	    _("day %zu of the report: \"%s\" is missing or not valid"),
	    index + 1, bad);
	diag_hint(&m->diags, "%s", _("give the files chayue-admin report "
	    "--json writes, unchanged"));
	return -1;
}

/* Read one report into m; problems are added to m->diags. */
static void
merge_file(struct merge *m, const char *file, size_t max)
{
	struct readfile	 rf;
	struct merge_row r;
	json_error_t	 err;
	json_t		*o, *days;
	size_t		 i;

	if (readfile(file, max, NULL, &rf) != READFILE_OK) {
		diag_add(&m->diags, DIAG_ERROR, file, 1, 1, "%s",
		    rf.err != 0 ? strerror(rf.err) :
		    _("not a regular file, or too large"));
		diag_hint(&m->diags, "%s", _("give the report files "
		    "themselves"));
		readfile_done(&rf);
		return;
	}
	if ((o = json_loadb(rf.buf, rf.len, JSON_REJECT_DUPLICATES,
	    &err)) == NULL) {
		diag_add(&m->diags, DIAG_ERROR, file, err.line > 0 ? err.line :
		    1, err.column > 0 ? err.column : 1, _("not valid JSON: %s"),
		    err.text);
		diag_hint(&m->diags, "%s", _("the file is damaged or cut off; "
		    "collect the terminal's report again"));
		readfile_done(&rf);
		return;
	}
	days = json_object_get(o, "days");
	if (!json_is_object(o) || !json_is_string(json_object_get(o,
	    "report")) || strcmp(json_string_value(json_object_get(o,
	    "report")), REPORT_KIND) != 0 || !json_is_array(days) ||
	    !json_is_string(json_object_get(o, "terminal")) ||
	    !json_is_string(json_object_get(o, "made"))) {
		diag_add(&m->diags, DIAG_ERROR, file, 1, 1, "%s",
		    _("not a chayue report"));
		diag_hint(&m->diags, "%s", _("give the files chayue-admin "
		    "report --json writes"));
		json_decref(o);
		readfile_done(&rf);
		return;
	}
	m->reports = xreallocarray(m->reports, m->nreports + 1,
	    sizeof *m->reports);
	m->reports[m->nreports++] = o;
	for (i = 0; i < json_array_size(days); i++) {
		memset(&r, 0, sizeof r);
		r.terminal = json_string_value(json_object_get(o, "terminal"));
		r.made = json_string_value(json_object_get(o, "made"));
		if (merge_day(m, file, rf.buf, rf.len, i,
		    json_array_get(days, i), &r) == 0)
			merge_add(m, &r);
	}
	readfile_done(&rf);
}

static int
merge_cmp_names(const struct merge_row *a, const struct merge_row *b)
{
	int	i, c;

	for (i = 0; i < 4; i++)
		if ((c = strcmp(a->names[i], b->names[i])) != 0)
			return c;
	return 0;
}

/* Terminal, day, item, then the newest report first. */
static int
merge_cmp_dedup(const void *pa, const void *pb)
{
	const struct merge_row	*a = pa, *b = pb;
	int			 c;

	if ((c = strcmp(a->terminal, b->terminal)) != 0 ||
	    (c = strcmp(a->day, b->day)) != 0 ||
	    (c = merge_cmp_names(a, b)) != 0)
		return c;
	return strcmp(b->made, a->made);
}

/* Domain, level1, level2, jurisdiction: the order feedback lists. */
static int
merge_cmp_item(const void *pa, const void *pb)
{
	const struct merge_row	*a = pa, *b = pb;
	int			 c;

	if ((c = strcmp(a->names[0], b->names[0])) != 0 ||
	    (c = strcmp(a->names[2], b->names[2])) != 0 ||
	    (c = strcmp(a->names[3], b->names[3])) != 0)
		return c;
	return strcmp(a->names[1], b->names[1]);
}

/*
 * Fold m->rows into one row per item: the newest report's row per
 * terminal, day and item, added up over terminals and days since since.
 */
static void
merge_fold(struct merge *m, const char *since)
{
	size_t	i, n = 0;

	qsort(m->rows, m->n, sizeof *m->rows, merge_cmp_dedup);
	for (i = 0; i < m->n; i++) {
		if (n > 0 && strcmp(m->rows[n - 1].terminal,
		    m->rows[i].terminal) == 0 && strcmp(m->rows[n - 1].day,
		    m->rows[i].day) == 0 && merge_cmp_names(&m->rows[n - 1],
		    &m->rows[i]) == 0)
			continue;	/* an older report of the same day */
		if (since != NULL && strcmp(m->rows[i].day, since) < 0)
			continue;
		m->rows[n++] = m->rows[i];
	}
	m->n = n;
	qsort(m->rows, m->n, sizeof *m->rows, merge_cmp_item);
	for (i = 0, n = 0; i < m->n; i++) {
		if (n > 0 && merge_cmp_names(&m->rows[n - 1], &m->rows[i]) == 0) {
			m->rows[n - 1].views += m->rows[i].views;
			m->rows[n - 1].useful += m->rows[i].useful;
			m->rows[n - 1].not_useful += m->rows[i].not_useful;
		} else
			m->rows[n++] = m->rows[i];
	}
	m->n = n;
}

/* 满意度: the share of 有用 among the answers, as "87%"; "-" for none. */
static void
merge_satisfaction(const struct merge_row *r, char *buf, size_t size)
{
	long long	all = r->useful + r->not_useful;

	if (all == 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%lld%%", (r->useful * 100 + all / 2) / all);
}

/* A cell of the table, or of its CSV form. */
static void
merge_print_cell(const char *s, int csv, int last)
{
	char	*clean;

	if (csv) {
		output_csv_cell(s, last);
		return;
	}
	clean = text_sanitise(s, strlen(s), 0);
	fputs(clean, stdout);
	free(clean);
}
/* s right-aligned in cols display columns (CJK headings are wider). */
static void
merge_right(const char *s, int cols)
{
	int	w = (int)text_width(s, strlen(s));

	printf("%*s%s ", w < cols ? cols - w : 0, "", s);
}

static void
merge_print(const struct merge *m, int csv)
{
	long long	useful = 0, useless = 0, views = 0;
	struct merge_row tot;
	char		 pct[16], *name;
	size_t		 i;

	if (csv)	/* column names for scripts: not translated */
		puts("domain,jurisdiction,level1,level2,views,useful,"
		    "not_useful,satisfaction");
	else {
		merge_right(_("views"), 10);
		merge_right(_("useful"), 10);
		merge_right(_("not useful"), 10);
		merge_right(_("satisfaction"), 12);
		printf(" %s\n", _("item"));
	}
	for (i = 0; i < m->n; i++) {
		const struct merge_row *r = &m->rows[i];

		merge_satisfaction(r, pct, sizeof pct);
		views += r->views;
		useful += r->useful;
		useless += r->not_useful;
		if (csv) {
			merge_print_cell(r->names[0], 1, 0);
			merge_print_cell(r->names[1], 1, 0);
			merge_print_cell(r->names[2], 1, 0);
			merge_print_cell(r->names[3], 1, 0);
			printf("%lld,%lld,%lld,%s\n", r->views, r->useful,
			    r->not_useful, pct);
			continue;
		}
		printf("%10lld %10lld %10lld %12s  ", r->views, r->useful,
		    r->not_useful, pct);
		merge_print_cell(r->names[0], 0, 0);
		fputs(" / ", stdout);
		merge_print_cell(r->names[1][0] != '\0' ? r->names[1] :
		    _("Not stated"), 0, 0);
		fputs(" / ", stdout);
		/* 政策法规文件（行政处罚）: the 二级事项 alone may say nothing. */
		name = element_item_name(r->names[2], r->names[3], NULL, NULL,
		    NULL);
		merge_print_cell(name, 0, 0);
		free(name);
		putchar('\n');
	}
	if (!csv) {
		memset(&tot, 0, sizeof tot);
		tot.useful = useful;
		tot.not_useful = useless;
		merge_satisfaction(&tot, pct, sizeof pct);
		printf(_("total: %lld views, %lld useful, %lld not useful, "
		    "satisfaction %s (items: %zu, reports: %zu)\n"), views,
		    useful, useless, pct, m->n, m->nreports);
	}
}

int
admin_feedback_merge(const struct config *cfg, char **files, int nfiles,
    const char *since, int csv)
{
	struct merge	m;
	size_t		i;
	int		k, rc;

	memset(&m, 0, sizeof m);
	diag_init(&m.diags);
	for (k = 0; k < nfiles; k++)
		merge_file(&m, files[k], cfg->import_max_size);
	diag_print(&m.diags, stderr, 0);
	rc = m.diags.errors > 0 ? ADMIN_EXIT_DATA : ADMIN_EXIT_OK;
	if (rc == ADMIN_EXIT_OK) {
		merge_fold(&m, since);
		merge_print(&m, csv);
	} else
		fprintf(stderr, _("%s: feedback --merge: %zu problems in the "
		    "reports; nothing was added up\n"), ADMIN_PROGNAME,
		    m.diags.errors);
	for (i = 0; i < m.nreports; i++)
		json_decref(m.reports[i]);
	free(m.reports);
	free(m.rows);
	diag_done(&m.diags);
	return rc;
}
