/*
 * The staff screen, behind the staff PIN (F9): load a new catalogue from
 * the files staff put in the import directory (a USB stick, a share), with
 * the checks, the summary, what would change against the live version
 * (chayue-admin diff's counts) and the confirmation of chayue-admin
 * import; see which version is live; roll back to a kept version chosen
 * from the list. Every question has buttons to touch. The work is
 * data/import/import.h's and data/versions/versions.h's; visitors get the new version at
 * their next return to the home screen.
 */
#include <config.h>

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "data/import/diag.h"
#include "data/import/import.h"
#include "data/import/readfile.h"
#include "data/versions/versions.h"
#include "i18n/format.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "screens/screens.h"
#include "screens/ui/draw.h"
#include "screens/ui/list.h"
#include "screens/ui/services.h"
#include "screens/ui/ui.h"

#define STAFF_LIST_TOP	(DRAW_BODY_TOP + 3)

enum staff_mode {
	STAFF_FILES,		/* choosing files */
	STAFF_REPORT,		/* what a check found; y imports */
	STAFF_VERSIONS,		/* choosing the version to go back to */
	STAFF_ROLLBACK,		/* y rolls back to the chosen one */
	STAFF_BUSY,		/* a check or import is running; Esc stops it */
};

struct staff {
	char			*catalogue, *dir;
	int			 keep;
	size_t			 max_size;	/* of one file, bytes */
	char			**files;	/* names in dir, sorted */
	char			*picked;	/* per file */
	size_t			 nfiles;
	struct list		 list;
	enum staff_mode		 mode;
	int			 importing;	/* BUSY: an import, not a check */
	struct ui		*ui;		/* for the import's end */
	/*
	 * What the screen shows is kept as data and worded when it is laid
	 * out or drawn, so that F4 words it again in the new language.
	 */
	int			 checked;	/* sum and problems are set */
	struct import_summary	 sum;		/* what the last check found:
						   what the clerk confirms */
	char			**problems;	/* its diagnostics, worded */
	size_t			 nproblems;
	struct text_lines	 lines;		/* the report, wrapped */
	size_t			 top;
	struct ui_import_diff	 diff;		/* the check's comparison */
	struct versions_list	 versions;	/* the live one first */
	struct list		 vlist;		/* the versions but the live
						   one, from staff_kept() */
	char			*versions_error; /* NULL: versions is read */
};

/*
 * Files an import can read: CSV, "Unicode text", JSON, saved web pages,
 * Word and Excel files (the import decides by the content).
 */
static int
staff_readable(const char *dir, const char *name)
{
	static const char *const ext[] = { ".csv", ".txt", ".tsv", ".json",
	    ".html", ".htm", ".docx", ".xlsx", ".xls" };
	const char	*dot = strrchr(name, '.');
	struct stat	 sb;
	char		*path;
	size_t		 i;
	int		 ok = 0;

	if (name[0] == '.' || dot == NULL)
		return 0;
	for (i = 0; i < sizeof ext / sizeof ext[0]; i++)
		ok |= strcasecmp(dot, ext[i]) == 0;
	path = xasprintf("%s/%s", dir, name);
	/* A link is followed only to a file in the folder itself. */
	ok = ok && stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    readfile_inside(path, dir, NULL);
	free(path);
	return ok;
}

static int
staff_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
staff_scan(struct staff *s)
{
	struct dirent	*de;
	size_t		 cap = 0;
	DIR		*d = opendir(s->dir);

	while (d != NULL && (de = readdir(d)) != NULL) {
		if (!staff_readable(s->dir, de->d_name))
			continue;
		if (s->nfiles == cap) {
			cap = cap ? cap * 2 : 16;
			s->files = xreallocarray(s->files, cap, sizeof *s->files);
		}
		s->files[s->nfiles++] = xstrdup(de->d_name);
	}
	if (d != NULL)
		closedir(d);
	if (s->nfiles > 1)
		qsort(s->files, s->nfiles, sizeof *s->files, staff_name_cmp);
	s->picked = xcalloc(s->nfiles ? s->nfiles : 1, 1);
}

/* Read the versions again, after a change (or none) to the catalogue. */
static void
staff_read_live(struct staff *s)
{
	versions_list_done(&s->versions);
	free(s->versions_error);
	s->versions_error = NULL;
	if (versions_list(s->catalogue, &s->versions, &s->versions_error) != 0)
		versions_list_done(&s->versions);
}

/* The kept versions one can go back to: all but the live one. */
static size_t
staff_kept(const struct staff *s, const struct versions_entry **v)
{
	size_t	skip = s->versions.n > 0 && s->versions.v[0].live;

	*v = s->versions.v + skip;
	return s->versions.n - skip;
}

/*
 * A version named for people: its local date and time in *when, its
 * source files (sanitised) in *files, and, returned, its items ("272
 * items"). The caller frees all three.
 */
static char *
staff_version_name(const struct versions_entry *e, char **when,
    char **files)
{
	char	*n, *items;

	*when = format_version_time(e->id);
	*files = text_sanitise(e->sources, strlen(e->sources), 0);
	n = format_number((long long)e->items);
	items = xasprintf(ngettext("%s item", "%s items", e->items), n);
	free(n);
	return items;
}

/* The line saying which version is live, in the language of the moment. */
static char *
staff_live_line(const struct staff *s)
{
	const struct versions_entry	*e = s->versions.v;
	char				*line, *date, *items, *files;

	if (s->versions_error != NULL)
		return xasprintf(_("The versions cannot be read: %s"),
		    s->versions_error);
	if (s->versions.n == 0 || !e->live)
		return xstrdup(_("No catalogue is live."));
	/* Named for people: when it was imported and from what files. */
	items = staff_version_name(e, &date, &files);
	/* What staff need first comes first: a narrow screen cuts the end. */
	line = xasprintf(_("Live: %s, %s; earlier versions kept: %zu; "
	    "version %s from %s"), date, items, s->versions.n - 1, e->id,
	    files);
	free(files);
	free(items);
	free(date);
	return line;
}

/* Append a line to *report. */
static void
staff_add(char **report, const char *line)
{
	char	*joined = xasprintf("%s%s\n", *report, line);

	free(*report);
	*report = joined;
}

/*
 * What the files would change against the live version, in all and per
 * domain (if domains): what chayue-admin diff would count after the
 * import.
 */
static void
staff_report_diff(const struct staff *s, char **r, int domains)
{
	const struct ui_import_diff	*d = &s->diff;
	char				*line, *name;
	size_t				 i;

	if (!d->done)
		return;
	if (d->added + d->removed + d->changed == 0) {
		staff_add(r, _("Against the live version: the same items; "
		    "nothing would change."));
		staff_add(r, "");
		return;
	}
	line = xasprintf(_("Against the live version: %zu added, %zu "
	    "removed, %zu changed"), d->added, d->removed, d->changed);
	staff_add(r, line);
	free(line);
	for (i = 0; domains && i < d->ndomains; i++) {
		name = text_sanitise(d->domains[i].domain,
		    strlen(d->domains[i].domain), 0);
		/* TRANSLATORS: one domain's share of the changes. */
		line = xasprintf(_("  %s: %zu added, %zu removed, %zu changed"),
		    name, d->domains[i].added, d->domains[i].removed,
		    d->domains[i].changed);
		staff_add(r, line);
		free(line);
		free(name);
	}
	staff_add(r, "");
}

/*
 * What the last check found, as text: counts, problems, the question. The
 * problems stay in the language of the check: the importer words them, and
 * only checking the files again would word them anew.
 */
static char *
staff_report(const struct staff *s, int domains)
{
	const struct import_summary	*sum = &s->sum;
	const struct import_counts	*t = &sum->total;
	char				*r = xstrdup(""), *line;
	size_t				 i;
	int				 can;

	/* Asked about a drop, the clerk may still say y. */
	can = sum->refusal == IMPORT_ACCEPTED ||
	    sum->refusal == IMPORT_REFUSED_DROP;
	for (i = 0; i < sum->nfiles; i++) {
		line = xasprintf(_("%s: rows read %zu, would import %zu, would "
		    "skip %zu, warnings %zu"), sum->files[i].name,
		    sum->files[i].counts.rows_read,
		    sum->files[i].counts.imported,
		    sum->files[i].counts.skipped,
		    sum->files[i].counts.warnings);
		staff_add(&r, line);
		free(line);
	}
	for (i = 0; i < s->nproblems; i++)
		staff_add(&r, s->problems[i]);
	staff_add(&r, "");
	if (can)
		staff_report_diff(s, &r, domains);
	/* Most of the live items would go: the question says how many. */
	if (sum->refusal == IMPORT_REFUSED_DROP) {
		if (sum->drop.jurisdictions == 1 && sum->drop.name != NULL)
			line = xasprintf(ngettext("This version has %zu item "
			    "for %s where the live one has %zu: more than half "
			    "would be gone.", "This version has %zu items for "
			    "%s where the live one has %zu: more than half "
			    "would be gone.", sum->drop.now), sum->drop.now,
			    sum->drop.name,
			    sum->drop.live);
		else
			line = xasprintf(ngettext("This version has %zu item "
			    "for the %zu jurisdictions of the live one where "
			    "the live one has %zu: more than half would be "
			    "gone.", "This version has %zu items for the %zu "
			    "jurisdictions of the live one where the live one "
			    "has %zu: more than half would be gone.",
			    sum->drop.now),
			    sum->drop.now, sum->drop.jurisdictions,
			    sum->drop.live);
		staff_add(&r, line);
		free(line);
	}
	if (can && t->skipped > 0)
		line = xasprintf(ngettext("y imports %zu row and leaves out "
		    "the %zu with problems; Esc cancels.", "y imports %zu rows "
		    "and leaves out the %zu with problems; Esc cancels.",
		    t->imported), t->imported, t->skipped);
	else if (can)
		line = xasprintf(ngettext("y imports the %zu row; Esc cancels.",
		    "y imports all %zu rows; Esc cancels.", t->imported),
		    t->imported);
	else if (sum->refusal == IMPORT_REFUSED_CUT_OFF)
		line = xstrdup(_("Nothing can be imported: a file looks cut "
		    "off. Export it again, or import it with chayue-admin "
		    "import --allow-cut-off."));
	else
		line = xstrdup(_("Nothing can be imported: fix the problems "
		    "above, or choose other files."));
	staff_add(&r, line);
	free(line);
	return r;
}

/* Forget the last check: before the next one, and on leaving. */
static void
staff_check_done(struct staff *s)
{
	size_t	i;

	for (i = 0; i < s->nproblems; i++)
		free(s->problems[i]);
	free(s->problems);
	s->problems = NULL;
	s->nproblems = 0;
	import_summary_done(&s->sum);
	for (i = 0; i < s->diff.ndomains; i++)
		free(s->diff.domains[i].domain);
	free(s->diff.domains);
	memset(&s->diff, 0, sizeof s->diff);
	s->checked = 0;
}

/* The report can be imported: the check found rows to import. */
static int
staff_can_import(const struct staff *s)
{
	return s->checked && (s->sum.refusal == IMPORT_ACCEPTED ||
	    s->sum.refusal == IMPORT_REFUSED_DROP);
}

/* The rows of the report shown at once: the last body row has buttons. */
static int
staff_report_rows(struct ui *ui)
{
	return draw_body_rows(ui) - 2 > 1 ? draw_body_rows(ui) - 2 : 1;
}

static void
staff_resize(void *state, struct ui *ui)
{
	struct staff	*s = state;
	char		*report;
	int		 h = draw_body_rows(ui) - (STAFF_LIST_TOP - DRAW_BODY_TOP);
	int		 domains;

	list_set_height(&s->list, ui_visible(ui, h > 1 ? h : 1));
	list_set_height(&s->vlist, ui_visible(ui, h > 1 ? h : 1));
	text_lines_done(&s->lines);
	if (!s->checked)
		return;
	/*
	 * Worded here: ui_next_language lays every screen out again. The
	 * changes per domain only where the question still fits below them.
	 */
	for (domains = 1; domains >= 0; domains--) {
		text_lines_done(&s->lines);
		report = staff_report(s, domains);
		text_wrap(report, strlen(report),
		    ui->cols > 3 ? (size_t)ui->cols - 2 : 1, &s->lines);
		free(report);
		if (s->lines.n <= (size_t)staff_report_rows(ui))
			break;
	}
	if (s->top >= s->lines.n)
		s->top = s->lines.n ? s->lines.n - 1 : 0;
}

static void *
staff_enter(struct ui *ui, const void *arg)
{
	const struct staff_settings	*set = arg;
	struct staff			*s;

	if (set == NULL)
		return NULL;
	s = xcalloc(1, sizeof *s);
	s->catalogue = xstrdup(set->catalogue);
	s->dir = xstrdup(set->import_dir);
	s->keep = set->keep_versions;
	s->max_size = set->import_max_size;
	staff_scan(s);
	staff_read_live(s);
	list_init(&s->list, s->nfiles, NULL, NULL);
	list_init(&s->vlist, 0, NULL, NULL);
	staff_resize(s, ui);
	return s;
}

static void
staff_leave(void *state)
{
	struct staff	*s = state;
	size_t		 i;

	/* Leaving stops a check or import: a killed one changes nothing. */
	if (s->mode == STAFF_BUSY && s->ui != NULL && s->ui->import != NULL)
		s->ui->import->cancel(s->ui->import->ctx);
	for (i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	free(s->files);
	free(s->picked);
	staff_check_done(s);
	text_lines_done(&s->lines);
	versions_list_done(&s->versions);
	free(s->versions_error);
	free(s->catalogue);
	free(s->dir);
	free(s);
}

static void
staff_draw_files(struct staff *s, struct ui *ui)
{
	char	*line;
	size_t	 i;
	int	 y;

	line = xasprintf(_("Files in %s:"), s->dir);
	draw_text(DRAW_BODY_TOP + 1, 1, line, ui->cols - 2, DRAW_LABEL);
	free(line);
	if (s->nfiles == 0) {
		draw_text(STAFF_LIST_TOP, 1, _("No CSV, TXT, JSON, web page, "
		    "Word or Excel file is there. Copy the files there, or set import_dir in the "
		    "configuration."), ui->cols - 2, DRAW_DIM);
		return;
	}
	for (i = s->list.top; i < s->nfiles &&
	    i < s->list.top + (size_t)s->list.height; i++) {
		y = STAFF_LIST_TOP + (int)(i - s->list.top) * ui->spacing;
		line = xasprintf("[%s] %s", s->picked[i] ? "x" : " ",
		    s->files[i]);
		draw_text(y, 1, line, ui->cols - 2, i == s->list.sel ?
		    DRAW_SELECTED : DRAW_NORMAL);
		free(line);
	}
}

static void
staff_draw_report(struct staff *s, struct ui *ui)
{
	static const struct draw_key buttons[] = {
		{ "y", N_("Yes, import"), 'y' },
		{ "n", N_("No"), 'n' },
	};
	char	*label;
	size_t	i;
	int	rows = staff_report_rows(ui), x = 1, y;
	int	can = staff_can_import(s);

	for (i = s->top; i < s->lines.n && (int)(i - s->top) < rows; i++)
		draw_text(DRAW_BODY_TOP + 1 + (int)(i - s->top), 1,
		    s->lines.v[i], ui->cols - 2, DRAW_NORMAL);
	/* The question at the end of the report, to answer by touch. */
	y = DRAW_BODY_TOP + draw_body_rows(ui) - 1;
	for (i = !can; i < sizeof buttons / sizeof buttons[0]; i++) {
		label = xasprintf("[ %s ]", i == 1 && !can ? _("Back") :
		    _(buttons[i].label));
		x += draw_button(ui, y, x, label, buttons[i].key,
		    DRAW_ACTIVE) + 2;
		free(label);
	}
}

/* The kept versions, to choose the one to go back to. */
static void
staff_draw_versions(struct staff *s, struct ui *ui)
{
	const struct versions_entry	*v;
	char				*line, *when, *files, *items;
	size_t				 i, n = staff_kept(s, &v);
	int				 y;

	draw_text(DRAW_BODY_TOP + 1, 1, _("Choose the version to go back "
	    "to:"), ui->cols - 2, DRAW_LABEL);
	if (n == 0) {
		draw_text(STAFF_LIST_TOP, 1, _("No earlier version is kept."),
		    ui->cols - 2, DRAW_DIM);
		return;
	}
	for (i = s->vlist.top; i < n &&
	    i < s->vlist.top + (size_t)s->vlist.height; i++) {
		y = STAFF_LIST_TOP + (int)(i - s->vlist.top) * ui->spacing;
		items = staff_version_name(&v[i], &when, &files);
		/* TRANSLATORS: a kept version: its time, items, files. */
		line = xasprintf(_("%s, %s, from %s"), when, items, files);
		draw_text(y, 1, line, ui->cols - 2, i == s->vlist.sel ?
		    DRAW_SELECTED : DRAW_NORMAL);
		free(line);
		free(items);
		free(files);
		free(when);
	}
}

/* The rollback question, naming the version it goes back to. */
static void
staff_draw_rollback(const struct staff *s, struct ui *ui)
{
	static const struct draw_key buttons[] = {
		{ "y", N_("Yes, roll back"), 'y' },
		{ "n", N_("No"), 'n' },
	};
	const struct versions_entry	*v;
	char				*when, *files, *items, *q;

	if (s->vlist.sel >= staff_kept(s, &v))
		return;
	items = staff_version_name(&v[s->vlist.sel], &when, &files);
	q = xasprintf(_("Roll back to the version of %s (%s, %s)?"), when,
	    files, items);
	draw_question(ui, q, buttons, sizeof buttons / sizeof buttons[0]);
	free(q);
	free(items);
	free(files);
	free(when);
}

static void
staff_draw(void *state, struct ui *ui)
{
	static const struct draw_key files_keys[] = {
		{ "Space", N_("Pick"), ' ' },
		{ "Enter", N_("Check"), '\r' },
		{ "r", N_("Roll back"), 'r' },
		{ "Esc", N_("Back"), SCREEN_ESC },
	};
	static const struct draw_key report_keys[] = {
		{ "y", N_("Import"), 'y' },
		{ "↑↓", N_("Scroll"), 0 },
		{ "Esc", N_("Cancel"), SCREEN_ESC },
	};
	static const struct draw_key versions_keys[] = {
		{ "Enter", N_("Roll back to it"), '\r' },
		{ "Esc", N_("Back"), SCREEN_ESC },
	};
	static const struct draw_key busy_keys[] = {
		{ "Esc", N_("Stop"), SCREEN_ESC },
	};
	struct staff	*s = state;
	char		*live;
	int		 can = staff_can_import(s);

	draw_title(ui, _("Staff: catalogue refresh"), NULL);
	live = staff_live_line(s);
	draw_text(DRAW_BODY_TOP, 1, live, ui->cols - 2, DRAW_HEADING);
	free(live);
	if (s->mode == STAFF_REPORT) {
		staff_draw_report(s, ui);
		draw_keybar(ui, report_keys + !can,
		    sizeof report_keys / sizeof report_keys[0] - !can);
		return;
	}
	if (s->mode == STAFF_VERSIONS || s->mode == STAFF_ROLLBACK) {
		staff_draw_versions(s, ui);
		draw_keybar(ui, versions_keys, sizeof versions_keys /
		    sizeof versions_keys[0]);
		if (s->mode == STAFF_ROLLBACK)
			staff_draw_rollback(s, ui);
		return;
	}
	staff_draw_files(s, ui);
	if (s->mode == STAFF_BUSY) {
		draw_keybar(ui, busy_keys, 1);
		draw_notice(ui, s->importing ? _("Importing… Esc stops the "
		    "import; the live catalogue stays as it is.") :
		    _("Checking… Esc stops the check."));
		return;
	}
	draw_keybar(ui, files_keys, sizeof files_keys / sizeof files_keys[0]);
}

/* The files to work on: those picked, else the selected one. */
static char **
staff_paths(const struct staff *s, int *n)
{
	char	**paths = xcalloc(s->nfiles + 1, sizeof *paths);
	size_t	  i;

	*n = 0;
	for (i = 0; i < s->nfiles; i++)
		if (s->picked[i])
			paths[(*n)++] = xasprintf("%s/%s", s->dir, s->files[i]);
	if (*n == 0 && s->list.sel < s->nfiles)
		paths[(*n)++] = xasprintf("%s/%s", s->dir,
		    s->files[s->list.sel]);
	return paths;
}

static void
staff_paths_free(char **paths, int n)
{
	while (n-- > 0)
		free(paths[n]);
	free(paths);
}

/* Why an import did not happen, for the status line. */
static const char *
staff_refusal(enum import_refusal r)
{
	switch (r) {
	case IMPORT_REFUSED_DECLINED:
		return _("Not imported: the files changed since the check; "
		    "check them again.");
	case IMPORT_REFUSED_EMPTY:
		return _("Not imported: there is no row to import.");
	default:
		return _("Not imported: a file cannot be used.");
	}
}

/* What a check found: the report, or why there is none. */
static void
staff_checked(struct staff *s, struct ui *ui, struct ui_import_result *r)
{
	char	*more;

	if (r->end != UI_IMPORT_DONE) {
		s->mode = STAFF_FILES;
		ui_status(ui, _("Not checked: %s"), r->error);
		return;
	}
	staff_check_done(s);
	s->sum = r->sum;
	memset(&r->sum, 0, sizeof r->sum);
	s->diff = r->diff;
	memset(&r->diff, 0, sizeof r->diff);
	s->problems = r->problems;
	s->nproblems = r->nproblems;
	r->problems = NULL;
	r->nproblems = 0;
	if (r->more > 0) {
		s->problems = xreallocarray(s->problems, s->nproblems + 1,
		    sizeof *s->problems);
		more = xasprintf(ngettext("… and %zu more problem", "… and %zu "
		    "more problems", r->more), r->more);
		s->problems[s->nproblems++] = more;
	}
	s->checked = 1;
	s->mode = STAFF_REPORT;
	s->top = 0;
	ui->status[0] = '\0';
	staff_resize(s, ui);
}

/* What an import did. */
static void
staff_imported(struct staff *s, struct ui *ui, struct ui_import_result *r)
{
	if (r->end != UI_IMPORT_DONE)
		ui_status(ui, _("Not imported: %s"), r->error);
	else if (r->sum.committed) {
		ui_status(ui, _("Version %s is live. Visitors see it when they "
		    "next come back to the home screen."), r->sum.version);
		memset(s->picked, 0, s->nfiles ? s->nfiles : 1);
	} else if (r->sum.unchanged) {
		ui_status(ui, "%s", _("These files hold the same items as the "
		    "live version: no new version was made."));
		memset(s->picked, 0, s->nfiles ? s->nfiles : 1);
	} else
		ui_status(ui, "%s", staff_refusal(r->sum.refusal));
	s->mode = STAFF_FILES;
	staff_read_live(s);
}

/* The kiosk's import process ended. */
static void
staff_job_done(void *arg, struct ui *ui, struct ui_import_result *r)
{
	struct staff	*s = arg;

	if (s->importing)
		staff_imported(s, ui, r);
	else
		staff_checked(s, ui, r);
	ui->dirty = 1;
}

/*
 * Check (dry_run) or import the files in the kiosk's import process; the
 * screen stays live meanwhile and staff_job_done has the outcome.
 */
static int
staff_run(struct staff *s, struct ui *ui, int dry_run)
{
	struct ui_import_job	 job;
	char			**paths;
	int			 n, rc;

	if (ui->import == NULL) {
		ui_status(ui, "%s", _("This terminal cannot import."));
		return SCREEN_REDRAW;
	}
	paths = staff_paths(s, &n);
	memset(&job, 0, sizeof job);
	job.files = paths;
	job.nfiles = n;
	job.dry_run = dry_run;
	job.diff = dry_run;	/* the report says what would change */
	job.keep_versions = s->keep;
	job.max_size = s->max_size;
	job.confine_dir = s->dir;
	job.catalogue = s->catalogue;
	job.expect = dry_run ? NULL : &s->sum.total;
	/* The clerk saw the question about the drop and answered y. */
	job.allow_drop = !dry_run && s->sum.refusal == IMPORT_REFUSED_DROP;
	rc = ui->import->start(ui->import->ctx, ui, &job, staff_job_done, s);
	staff_paths_free(paths, n);
	if (rc == 0) {
		s->importing = !dry_run;
		s->mode = STAFF_BUSY;
		s->ui = ui;
	}
	return SCREEN_REDRAW;
}

/* Read and check the files, writing nothing: the report. */
static int
staff_check(struct staff *s, struct ui *ui)
{
	if (s->nfiles == 0)
		return SCREEN_HANDLED;
	return staff_run(s, ui, 1);
}

static int
staff_import(struct staff *s, struct ui *ui)
{
	if (!staff_can_import(s))
		return SCREEN_HANDLED;
	return staff_run(s, ui, 0);
}

static int
staff_rollback(struct staff *s, struct ui *ui)
{
	const struct versions_entry	*v;
	char				*now = NULL, *error = NULL, *id;

	s->mode = STAFF_FILES;
	if (s->vlist.sel >= staff_kept(s, &v))
		return SCREEN_REDRAW;
	id = xstrdup(v[s->vlist.sel].id);
	if (versions_rollback(s->catalogue, id, s->keep, &now, &error) != 0)
		ui_status(ui, "%s", error);
	else
		ui_status(ui, _("Version %s is live again. Visitors see it when "
		    "they next come back to the home screen."), now);
	free(id);
	free(now);
	free(error);
	staff_read_live(s);
	return SCREEN_REDRAW;
}

/* Rollback: the kept versions, read again, the newest selected. */
static int
staff_versions(struct staff *s, struct ui *ui)
{
	const struct versions_entry	*v;

	staff_read_live(s);
	list_init(&s->vlist, staff_kept(s, &v), NULL, NULL);
	staff_resize(s, ui);
	s->mode = STAFF_VERSIONS;
	return SCREEN_REDRAW;
}

static int
staff_key_versions(struct staff *s, struct ui *ui, int key)
{
	const struct versions_entry	*v;

	switch (key) {
	case '\r':
	case '\n':
	case SCREEN_KEY(KEY_ENTER):
		if (s->vlist.sel < staff_kept(s, &v))
			s->mode = STAFF_ROLLBACK;
		return SCREEN_REDRAW;
	case SCREEN_ESC:
		s->mode = STAFF_FILES;
		return SCREEN_REDRAW;
	}
	(void)ui;
	return list_key(&s->vlist, key);
}

static int
staff_key_files(struct staff *s, struct ui *ui, int key)
{
	size_t	i;

	switch (key) {
	case ' ':
		if (s->list.sel < s->nfiles)
			s->picked[s->list.sel] = !s->picked[s->list.sel];
		return SCREEN_REDRAW;
	case 'a':
		for (i = 0; i < s->nfiles; i++)
			s->picked[i] = 1;
		return SCREEN_REDRAW;
	case '\r':
	case '\n':
	case SCREEN_KEY(KEY_ENTER):
		return staff_check(s, ui);
	case 'r':
		return staff_versions(s, ui);
	}
	return list_key(&s->list, key);
}

static int
staff_key_report(struct staff *s, struct ui *ui, int key)
{
	int	page = staff_report_rows(ui);

	switch (key) {
	case 'y':
	case 'Y':
		return staff_import(s, ui);
	case SCREEN_ESC:
	case 'n':
		s->mode = STAFF_FILES;
		return SCREEN_REDRAW;
	case SCREEN_KEY(KEY_UP):
		s->top -= s->top > 0;
		return SCREEN_REDRAW;
	case SCREEN_KEY(KEY_DOWN):
		s->top += s->top + 1 < s->lines.n;
		return SCREEN_REDRAW;
	case SCREEN_KEY(KEY_PPAGE):
		s->top = s->top > (size_t)page ? s->top - (size_t)page : 0;
		return SCREEN_REDRAW;
	case SCREEN_KEY(KEY_NPAGE):
		if (s->top + (size_t)page < s->lines.n)
			s->top += (size_t)page;
		return SCREEN_REDRAW;
	}
	/* Function keys (help, F10 …) still work; nothing else does. */
	return key >= SCREEN_KEY(0) ? SCREEN_IGNORED : SCREEN_HANDLED;
}

/* While the import process runs: Esc stops it, nothing else is done. */
static int
staff_key_busy(struct staff *s, struct ui *ui, int key)
{
	if (key != SCREEN_ESC)
		return key >= SCREEN_KEY(0) ? SCREEN_IGNORED : SCREEN_HANDLED;
	ui->import->cancel(ui->import->ctx);
	ui_status(ui, "%s", s->importing ? _("Import stopped; the live "
	    "catalogue is unchanged.") : _("Check stopped."));
	s->mode = STAFF_FILES;
	staff_read_live(s);
	return SCREEN_REDRAW;
}

static int
staff_key(void *state, struct ui *ui, int key)
{
	struct staff	*s = state;

	if (s->mode == STAFF_BUSY)
		return staff_key_busy(s, ui, key);
	if (s->mode == STAFF_REPORT)
		return staff_key_report(s, ui, key);
	if (s->mode == STAFF_VERSIONS)
		return staff_key_versions(s, ui, key);
	if (s->mode == STAFF_ROLLBACK) {
		if (key == 'y' || key == 'Y')
			return staff_rollback(s, ui);
		/* Any other key: no; the list again, to choose another. */
		s->mode = STAFF_VERSIONS;
		return SCREEN_REDRAW;
	}
	return staff_key_files(s, ui, key);
}

/*
 * A tap on a list row selects it; a tap on the selected row acts on it
 * (picks the file, asks about the version). Returns 1 if it acted.
 */
static int
staff_tap(struct list *l, struct ui *ui, int y)
{
	size_t	was = l->sel;

	if (y < STAFF_LIST_TOP || !list_click(l, (y - STAFF_LIST_TOP) /
	    ui->spacing))
		return -1;
	return l->sel == was;
}

static int
staff_mouse(void *state, struct ui *ui, int y, int x,
    enum screen_button button)
{
	struct staff	*s = state;
	int		 r;

	(void)x;
	if (button != SCREEN_CLICK)
		return SCREEN_IGNORED;
	if (s->mode == STAFF_FILES) {
		if ((r = staff_tap(&s->list, ui, y)) < 0)
			return SCREEN_IGNORED;
		if (r)
			s->picked[s->list.sel] = !s->picked[s->list.sel];
		return SCREEN_REDRAW;
	}
	if (s->mode == STAFF_VERSIONS) {
		if ((r = staff_tap(&s->vlist, ui, y)) < 0)
			return SCREEN_IGNORED;
		if (r)
			s->mode = STAFF_ROLLBACK;
		return SCREEN_REDRAW;
	}
	return SCREEN_IGNORED;
}

const struct screen screen_staff = {
	.name = "staff",
	.enter = staff_enter,
	.leave = staff_leave,
	.draw = staff_draw,
	.key = staff_key,
	.mouse = staff_mouse,
	.resize = staff_resize,
};
