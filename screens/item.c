/*
 * The item page: every element of one item, labelled, wrapped by display
 * columns to a reading column (the window, or at most ITEM_READING_COLS
 * centred on a large screen), scrolled by line. An element the source left
 * empty reads 未注明 (not stated), never "no". The title bar says how many
 * elements are below and which page this is; large text puts every label
 * above its value with a blank line between elements, rather than blank
 * lines between the wrapped lines of one value.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/store/catalogue.h"
#include "data/store/element.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "screens/screens.h"
#include "screens/ui/actions.h"
#include "screens/ui/draw.h"
#include "screens/ui/services.h"
#include "screens/ui/ui.h"

/* Below this width labels go on their own line above the value. */
#define ITEM_SIDE_LABELS_COLS	60
/* Lines longer than this are hard to read: wider windows centre a column. */
#define ITEM_READING_COLS	100

/* One display line: an optional label at column 1, text at column x. */
struct item_line {
	const char	*label;		/* translated, not owned; may be NULL */
	char		*text;
	int		 x;
	enum draw_role	 role;
};

struct item_screen {
	struct item		 item;
	struct item_line	*lines;
	size_t			 n, alloc;
	size_t			 top;
	int			 text_x;	/* column where values start */
	int			 side_labels;	/* labels beside values */
	int			 left, width;	/* the reading column */
};

static void
item_add_line(struct item_screen *s, const char *label, const char *text,
    int x, enum draw_role role)
{
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 64;
		s->lines = xreallocarray(s->lines, s->alloc, sizeof *s->lines);
	}
	s->lines[s->n].label = label;
	s->lines[s->n].text = xstrdup(text);
	s->lines[s->n].x = x;
	s->lines[s->n++].role = role;
}

static void
item_clear_lines(struct item_screen *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->lines[i].text);
	s->n = 0;
}

/* Wrap text from column x to the reading column's edge, label on line 1. */
static void
item_add_wrapped(struct item_screen *s, const char *label, const char *text,
    int x, enum draw_role role)
{
	struct text_lines wrapped;
	int width = s->width - x - 1;
	size_t i;

	if (text_wrap(text, strlen(text), width > 0 ? (size_t)width : 1,
	    &wrapped) != 0)
		return;
	for (i = 0; i < wrapped.n; i++)
		item_add_line(s, i == 0 ? label : NULL, wrapped.v[i], x, role);
	if (wrapped.n == 0)
		item_add_line(s, label, "", x, role);
	text_lines_done(&wrapped);
}

/*
 * A labelled element; an empty value reads "not stated". Wide windows put
 * the label beside the value, narrow ones above it.
 */
static void
item_add_field(struct item_screen *s, const struct ui *ui, const char *label,
    const char *value)
{
	enum draw_role role = DRAW_NORMAL;

	if (value == NULL || value[0] == '\0') {
		value = _("Not stated");
		role = DRAW_DIM;
	}
	if (!s->side_labels) {
		item_add_line(s, label, "", s->text_x, DRAW_NORMAL);
		label = NULL;
	}
	item_add_wrapped(s, label, value, s->text_x, role);
	if (ui->spacing > 1)
		item_add_line(s, NULL, "", s->text_x, DRAW_NORMAL);
}

/* Body rows of the item page: it spaces elements itself in large text. */
static int
item_rows(const struct ui *ui)
{
	return draw_body_rows(ui);
}

/* Lay the item out for the window's width: its name, then its elements. */
static void
item_layout(struct item_screen *s, const struct ui *ui)
{
	const struct item *it = &s->item;
	const struct element *e;
	char *value;
	int label_cols = (int)element_label_cols();
	size_t i;

	item_clear_lines(s);
	s->width = ui->cols < ITEM_READING_COLS ? ui->cols : ITEM_READING_COLS;
	s->left = (ui->cols - s->width) / 2;
	s->side_labels = s->width >= ITEM_SIDE_LABELS_COLS && ui->spacing == 1;
	s->text_x = s->side_labels ? 1 + label_cols + 2 : 3;
	value = element_item_name(it->level1, it->level2, NULL, NULL, NULL);
	item_add_wrapped(s, NULL, value, 1, DRAW_HEADING);
	free(value);
	item_add_line(s, NULL, "", 1, DRAW_NORMAL);
	for (i = 0; (e = element_get(i)) != NULL; i++) {
		if (!element_shown(e, it))
			continue;
		value = element_value(e, it);
		item_add_field(s, ui, _(e->label), value);
		free(value);
	}
	if (s->top + (size_t)item_rows(ui) > s->n)
		s->top = s->n > (size_t)item_rows(ui) ?
		    s->n - (size_t)item_rows(ui) : 0;
}

static void
item_leave(void *state)
{
	struct item_screen *s = state;

	item_clear_lines(s);
	free(s->lines);
	item_done(&s->item);
	free(s);
}

static void *
item_enter(struct ui *ui, const void *arg)
{
	struct item_screen *s = xcalloc(1, sizeof *s);
	char *error = NULL;

	if (catalogue_item(ui->cat, *(const int64_t *)arg, &s->item, &error) != 0) {
		ui_status(ui, _("The catalogue cannot be read: %s"), error);
		free(error);
		item_leave(s);
		return NULL;
	}
	item_layout(s, ui);
	if (ui->visitor != NULL)
		ui->visitor->viewed(ui->visitor->ctx, &s->item);
	return s;
}

static void
item_resize(void *state, struct ui *ui)
{
	item_layout(state, ui);
}

/*
 * The title bar's right end: "↓ 3 more" while elements are below, and
 * the page, as PgDn turns them (rows - 1 lines, one kept for context):
 * the last page is the one that shows the last line; the page alone where
 * the whole does not fit in room columns. The caller frees it.
 */
static char *
item_where(const struct item_screen *s, int rows, int room)
{
	size_t bottom = s->top + (size_t)rows, i, more = 0;
	size_t step = rows > 1 ? (size_t)rows - 1 : 1;
	int pages, page;
	char *below, *page_text, *where;

	if (bottom > s->n)
		bottom = s->n;
	for (i = bottom; i < s->n; i++)
		more += s->lines[i].label != NULL;
	pages = s->n <= (size_t)rows ? 1 :
	    1 + (int)((s->n - (size_t)rows + step - 1) / step);
	page = bottom >= s->n ? pages : 1 + (int)(s->top / step);
	if (page > pages)
		page = pages;
	page_text = xasprintf(_("Page %d/%d"), page, pages);
	if (bottom >= s->n)
		return page_text;
	below = more > 0 ? xasprintf(ngettext("↓ %zu more", "↓ %zu more",
	    (unsigned long)more), more) : xstrdup(_("↓ more below"));
	where = xasprintf("%s  %s", below, page_text);
	free(below);
	/* A narrow title bar: the page alone, rather than nothing. */
	if ((int)text_width(where, strlen(where)) > room) {
		free(where);
		return page_text;
	}
	free(page_text);
	return where;
}

static void
item_draw(void *state, struct ui *ui)
{
	static const struct draw_key keys[] = {
		{ "p", N_("Print"), 'p' },	/* only where this terminal prints */
		{ "Esc", N_("Back"), SCREEN_ESC },
		{ "/", N_("Search"), '/' },
		{ "↑↓", N_("Scroll"), 0 },
		{ "PgUp/PgDn", N_("Page"), 0 },
		{ "?", N_("Help"), '?' },
	};
	struct item_screen *s = state;
	const struct item_line *l;
	int i, y, rows = item_rows(ui);
	char *where;

	where = item_where(s, rows, ui->cols - 4 -
	    (int)text_width(s->item.domain, strlen(s->item.domain)));
	draw_title(ui, s->item.domain, where);
	free(where);
	for (i = 0; i < rows && s->top + (size_t)i < s->n; i++) {
		l = &s->lines[s->top + (size_t)i];
		y = DRAW_BODY_TOP + i;
		if (l->label != NULL)
			draw_text(y, s->left + 1, l->label, s->width - 2,
			    DRAW_LABEL);
		draw_text(y, s->left + l->x, l->text, s->width - l->x - 1,
		    l->role);
	}
	/* Take it home, was it useful: on the status line when it is free. */
	if (ui->status[0] == '\0')
		actions_draw(ui, &s->item, ui->rows - 2);
	draw_keybar(ui, keys + (ui->print == NULL), sizeof keys / sizeof keys[0] -
	    (ui->print == NULL));
}

/* p: the print preview, where this terminal prints. */
static int
item_print(struct item_screen *s, struct ui *ui)
{
	if (ui->print == NULL)
		return SCREEN_IGNORED;
	ui_push(ui, &screen_preview, &s->item);
	return SCREEN_REDRAW;
}

/* Scroll to line top, kept inside the page. */
static int
item_scroll_to(struct item_screen *s, const struct ui *ui, long top)
{
	long last = (long)s->n - item_rows(ui);

	if (top > last)
		top = last;
	if (top < 0)
		top = 0;
	s->top = (size_t)top;
	return SCREEN_REDRAW;
}

/* The QR code of the item's source address, to take it home. */
static int
item_code(struct item_screen *s, struct ui *ui)
{
	if (s->item.source_url[0] == '\0') {
		ui_status(ui, "%s", _("This item has no source address, "
		    "so there is no code to take home."));
		return SCREEN_REDRAW;
	}
	ui_push(ui, &screen_qr, &s->item);
	return SCREEN_REDRAW;
}

static int
item_key(void *state, struct ui *ui, int key)
{
	struct item_screen *s = state;
	long top = (long)s->top, page = item_rows(ui) - 1;

	switch (key) {
	case SCREEN_KEY(KEY_UP):	return item_scroll_to(s, ui, top - 1);
	case SCREEN_KEY(KEY_DOWN):	return item_scroll_to(s, ui, top + 1);
	case SCREEN_KEY(KEY_PPAGE):	return item_scroll_to(s, ui, top - page);
	case ' ':
	case SCREEN_KEY(KEY_NPAGE):	return item_scroll_to(s, ui, top + page);
	case SCREEN_KEY(KEY_HOME):	return item_scroll_to(s, ui, 0);
	case SCREEN_KEY(KEY_END):	return item_scroll_to(s, ui, (long)s->n);
	case SCREEN_KEY(KEY_LEFT):
		ui_back(ui);
		return SCREEN_REDRAW;
	case 'p':
		return item_print(s, ui);
	case ACTIONS_KEY_CODE:
		return item_code(s, ui);
	}
	return actions_key(ui, &s->item, key);
}

const struct screen screen_item = {
	.name = "item",
	.reading = 1,
	.enter = item_enter,
	.leave = item_leave,
	.draw = item_draw,
	.key = item_key,
	.resize = item_resize,
};
