/*
 * The print preview: the item's printed pages (print/page.h) one at a
 * time, line for line as they will come out of the printer. Enter prints,
 * after the staff PIN where only staff may print; Esc goes back without
 * printing. A page taller or wider than the window scrolls.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "data/store/catalogue.h"
#include "i18n/format.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "print/page.h"
#include "screens/screens.h"
#include "screens/ui/draw.h"
#include "screens/ui/services.h"
#include "screens/ui/ui.h"

/* Sent by the PIN screen once the PIN is right; no terminal sends it. */
#define PREVIEW_KEY_GRANTED	SCREEN_KEY(KEY_MAX + 30)
/* Columns a page takes on screen: two of border and margin each side. */
#define PREVIEW_COLS		(PRINT_COLS + 4)
/* Columns one ← or → moves a page wider than the window. */
#define PREVIEW_STEP		8

struct preview {
	const struct item	*item;	/* the item page's, below this screen */
	char			 lang[8];	/* the language doc is in */
	struct print_doc	*doc;
	size_t			 page;
	int			 top;	/* first line of the page shown */
	int			 left;	/* first column shown, if the page is wider */
};

/* Whose catalogue: its publishing governments, as the home screen says. */
static char *
preview_catalogue(const struct catalogue_info *info)
{
	if (info->jurisdictions > 3)
		return xasprintf(_("%s and %zu others"), info->jurisdiction_names,
		    info->jurisdictions - 3);
	return xstrdup(info->jurisdiction_names);
}

/* Lay the pages out (again) in the interface language; -1 on failure. */
static int
preview_build(struct preview *s, struct ui *ui)
{
	struct catalogue_info info;
	struct print_meta meta;
	char printed[32], *error = NULL, *catalogue, *when, *version;
	time_t now = time(NULL);
	struct tm tm;

	if (catalogue_info(ui->cat, &info, &error) != 0) {
		ui_status(ui, _("The catalogue cannot be read: %s"), error);
		free(error);
		catalogue_info_done(&info);
		return -1;
	}
	localtime_r(&now, &tm);
	strftime(printed, sizeof printed, "%Y-%m-%d %H:%M", &tm);
	catalogue = preview_catalogue(&info);
	meta.catalogue = catalogue;
	/* The version as staff name it: when it was imported (its id). */
	when = format_version_time(info.version);
	/* TRANSLATORS: a version: its local date and time (its id). */
	version = xasprintf(_("%s (%s)"), when, info.version);
	meta.version = version;
	meta.printed = printed;
	print_doc_free(s->doc);
	s->doc = print_doc_create(s->item, &meta);
	free(version);
	free(when);
	snprintf(s->lang, sizeof s->lang, "%s", i18n_language());
	free(catalogue);
	catalogue_info_done(&info);
	return 0;
}

static void *
preview_enter(struct ui *ui, const void *arg)
{
	struct preview *s = xcalloc(1, sizeof *s);

	s->item = arg;
	if (preview_build(s, ui) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

static void
preview_leave(void *state)
{
	struct preview *s = state;

	print_doc_free(s->doc);
	free(s);
}

/* Rows for page lines: the body less the line of buttons. */
static int
preview_rows(const struct ui *ui)
{
	return ui_visible(ui, draw_body_rows(ui) - 1);
}

/* Where the page's left border is; the page is centred if it fits. */
static int
preview_x0(const struct ui *ui)
{
	return ui->cols > PREVIEW_COLS ? (ui->cols - PREVIEW_COLS) / 2 : 0;
}

/* Columns of the page the window shows. */
static int
preview_room(const struct ui *ui)
{
	return ui->cols - preview_x0(ui) - 4;
}

/*
 * Draw text, which starts at page column col, on row y: the part right of
 * the scroll offset, inside the page's frame.
 */
static void
preview_segment(const struct preview *s, const struct ui *ui, int y, int col,
    const char *text, enum draw_role role)
{
	int x0 = preview_x0(ui) + 2, room = preview_room(ui);
	size_t len = strlen(text), cols = 0, more = 0, used;
	char *scratch;

	if (text[0] == '\0')
		return;
	if (col >= s->left) {
		draw_text(y, x0 + col - s->left, text, room - (col - s->left), role);
		return;
	}
	/* Scrolled past its start: skip whole characters, a wide one too. */
	scratch = xmalloc(len + 1);
	used = text_copy_cols(scratch, len + 1, text, len, (size_t)(s->left - col),
	    &cols);
	if ((int)cols < s->left - col)
		used += text_copy_cols(scratch, len + 1, text + used, len - used, 2,
		    &more);
	cols += more;
	draw_text(y, x0 + col + (int)cols - s->left, text + used,
	    room - (col + (int)cols - s->left), role);
	free(scratch);
}

static void
preview_line(const struct preview *s, struct ui *ui, int y,
    const struct print_line *l)
{
	static const enum draw_role roles[] = {
		[PRINT_BODY] = DRAW_NORMAL,
		[PRINT_HEADING] = DRAW_HEADING,
		[PRINT_HEADER] = DRAW_DIM,
		[PRINT_FOOTER] = DRAW_DIM,
		[PRINT_RULE] = DRAW_DIM,
	};
	int x0 = preview_x0(ui);

	mvaddch(y, x0, ACS_VLINE);
	if (x0 + PREVIEW_COLS - 1 < ui->cols)
		mvaddch(y, x0 + PREVIEW_COLS - 1, ACS_VLINE);
	if (l->role == PRINT_RULE) {
		mvhline(y, x0 + 2, ACS_HLINE, preview_room(ui) < PRINT_COLS -
		    s->left ? preview_room(ui) : PRINT_COLS - s->left);
		return;
	}
	if (l->left != NULL)
		preview_segment(s, ui, y, 0, l->left, l->role == PRINT_BODY ?
		    DRAW_LABEL : roles[l->role]);
	preview_segment(s, ui, y, l->x, l->text, roles[l->role]);
}

/* The buttons, and how many pages this visitor may still print. */
static void
preview_draw_bar(const struct preview *s, struct ui *ui)
{
	int x = 1, left = ui->print != NULL ? ui_print_left(ui->print) : -1;
	char *note;

	x += draw_button(ui, DRAW_BODY_TOP, x, _(" Print "), '\r', DRAW_ACTIVE) + 2;
	x += draw_button(ui, DRAW_BODY_TOP, x, _(" Cancel "), SCREEN_ESC,
	    DRAW_ACTIVE) + 2;
	/* English counts "1 page" and "2 pages" (ngettext). */
	if (left >= 0)
		note = xasprintf(ngettext("%zu page to print; %d more pages may "
		    "be printed now.", "%zu pages to print; %d more pages may be "
		    "printed now.", s->doc->npages), s->doc->npages, left);
	else
		note = xasprintf(ngettext("%zu page to print.",
		    "%zu pages to print.", s->doc->npages), s->doc->npages);
	draw_text(DRAW_BODY_TOP, x, note, ui->cols - x - 1, DRAW_NORMAL);
	free(note);
}

static void
preview_draw(void *state, struct ui *ui)
{
	static const struct draw_key keys[] = {
		{ "Enter", N_("Print"), '\r' },
		{ "Esc", N_("Cancel"), SCREEN_ESC },
		{ "PgUp/PgDn", N_("Page"), 0 },
		{ "↑↓", N_("Scroll"), 0 },
	};
	struct preview *s = state;
	const struct print_page *page = &s->doc->pages[s->page];
	int i, rows = preview_rows(ui);
	char *where;

	where = xasprintf(_("Page %zu of %zu"), s->page + 1, s->doc->npages);
	draw_title(ui, _("Print preview"), where);
	free(where);
	preview_draw_bar(s, ui);
	for (i = 0; i < rows && s->top + i < PRINT_LINES; i++)
		preview_line(s, ui, DRAW_BODY_TOP + 1 + i * ui->spacing,
		    &page->lines[s->top + i]);
	draw_keybar(ui, keys, sizeof keys / sizeof keys[0]);
}

/* Keep the scroll position inside the page and the window. */
static void
preview_clamp(struct preview *s, const struct ui *ui)
{
	int last_top = PRINT_LINES - preview_rows(ui);
	int last_left = PREVIEW_COLS - ui->cols;

	if (s->top > last_top)
		s->top = last_top;
	if (s->top < 0)
		s->top = 0;
	if (s->left > last_left)
		s->left = last_left;
	if (s->left < 0)
		s->left = 0;
}

static void
preview_resize(void *state, struct ui *ui)
{
	struct preview *s = state;

	/* F4: the pages are printed in the language the visitor reads. */
	if (strcmp(s->lang, i18n_language()) != 0 && preview_build(s, ui) == 0 &&
	    s->page >= s->doc->npages)
		s->page = s->doc->npages - 1;
	preview_clamp(s, ui);
}

static int
preview_go(struct preview *s, const struct ui *ui, long page, int top)
{
	if (page < 0)
		page = 0;
	if (page >= (long)s->doc->npages)
		page = (long)s->doc->npages - 1;
	s->page = (size_t)page;
	s->top = top;
	preview_clamp(s, ui);
	return SCREEN_REDRAW;
}

/* The PIN was right: print (the preview is on top again). */
static void
preview_granted(struct ui *ui)
{
	ui_key(ui, PREVIEW_KEY_GRANTED);
}

static int
preview_print(struct preview *s, struct ui *ui, int granted)
{
	static struct pin_request pin = { NULL, preview_granted };

	if (ui_print_over_limit(ui, ui->print, s->doc->npages))
		return SCREEN_REDRAW;
	if (ui->print->staff_only && !ui->allow_quit && !granted) {
		pin.title = N_("Staff PIN to print");
		ui_push(ui, &screen_pin, &pin);
		return SCREEN_REDRAW;
	}
	/* The date printed is now, not when the preview opened. */
	(void)preview_build(s, ui);
	/* On its way: back to the item, where the status line follows it. */
	if (ui->print->print(ui->print->ctx, ui, s->doc) == 0)
		ui_back(ui);	/* frees s */
	return SCREEN_REDRAW;
}

/* Arrows scroll a page wider than the window, else turn pages. */
static int
preview_sideways(struct preview *s, const struct ui *ui, int dir)
{
	if (ui->cols < PREVIEW_COLS) {
		s->left += dir * PREVIEW_STEP;
		preview_clamp(s, ui);
		return SCREEN_REDRAW;
	}
	return preview_go(s, ui, (long)s->page + dir, 0);
}

static int
preview_key(void *state, struct ui *ui, int key)
{
	struct preview *s = state;
	long page = (long)s->page;

	switch (key) {
	case '\r':
	case '\n':
	case SCREEN_KEY(KEY_ENTER):	return preview_print(s, ui, 0);
	case PREVIEW_KEY_GRANTED:	return preview_print(s, ui, 1);
	case ' ':
	case SCREEN_KEY(KEY_NPAGE):	return preview_go(s, ui, page + 1, 0);
	case SCREEN_KEY(KEY_PPAGE):	return preview_go(s, ui, page - 1, 0);
	case SCREEN_KEY(KEY_HOME):	return preview_go(s, ui, 0, 0);
	case SCREEN_KEY(KEY_END):	return preview_go(s, ui, (long)s->doc->npages, 0);
	case SCREEN_KEY(KEY_DOWN):	return preview_go(s, ui, page, s->top + 1);
	case SCREEN_KEY(KEY_UP):	return preview_go(s, ui, page, s->top - 1);
	case SCREEN_KEY(KEY_RIGHT):	return preview_sideways(s, ui, 1);
	case SCREEN_KEY(KEY_LEFT):	return preview_sideways(s, ui, -1);
	}
	return SCREEN_IGNORED;
}

const struct screen screen_preview = {
	.name = "preview",
	.reading = 1,
	.enter = preview_enter,
	.leave = preview_leave,
	.draw = preview_draw,
	.key = preview_key,
	.resize = preview_resize,
};
