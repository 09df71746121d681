/*
 * The hot items: a line on the home screen and a screen of their own,
 * staff-marked ones first, then the most viewed.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/store/catalogue.h"
#include "data/store/element.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "screens/hot.h"
#include "screens/screens.h"
#include "screens/ui/draw.h"
#include "screens/ui/list.h"
#include "screens/ui/services.h"
#include "screens/ui/ui.h"

/* Keys the names on the home line send when touched. */
#define HOT_KEY_OPEN(n)	SCREEN_KEY(KEY_MAX + 40 + (n))
#define HOT_LINE_MAX	16
#define HOT_LIST_TOP	DRAW_BODY_TOP

void
hot_line_load(struct hot_line *h, struct ui *ui)
{
	memset(h, 0, sizeof *h);
	if (ui->visitor != NULL && ui->cat != NULL &&
	    ui->visitor->hot(ui->visitor->ctx, ui->cat, &h->marked,
	    &h->viewed) != 0) {
		/* The kiosk logged why; the home screen does without. */
		item_list_done(&h->marked);
		item_list_done(&h->viewed);
	}
}

void
hot_line_done(struct hot_line *h)
{
	item_list_done(&h->marked);
	item_list_done(&h->viewed);
}

/* The n-th hot item, marked ones first; NULL past the end. */
static const struct item_summary *
hot_nth(const struct hot_line *h, size_t n)
{
	if (n < h->marked.n)
		return &h->marked.v[n];
	n -= h->marked.n;
	return n < h->viewed.n ? &h->viewed.v[n] : NULL;
}

/*
 * The name with its 一级事项, and with its publisher where another hot
 * item reads the same (办事指南（户口登记） · 晋江市).
 */
static char *
hot_label(const struct hot_line *h, const struct item_summary *it)
{
	const struct item_summary *other;
	char *label, *other_label;
	size_t i;
	int repeated = 0;

	label = element_item_name(it->level1, it->level2, NULL, NULL, NULL);
	for (i = 0; !repeated && (other = hot_nth(h, i)) != NULL; i++) {
		if (other == it)
			continue;
		other_label = element_item_name(other->level1, other->level2,
		    NULL, NULL, NULL);
		repeated = strcmp(other_label, label) == 0;
		free(other_label);
	}
	if (!repeated)
		return label;
	free(label);
	return element_item_name(it->level1, it->level2, it->jurisdiction,
	    NULL, NULL);
}

void
hot_line_draw(const struct hot_line *h, struct ui *ui, int y)
{
	const struct item_summary *it;
	char *label;
	int x = 1, w;
	size_t i;

	if (hot_nth(h, 0) == NULL)
		return;
	label = xasprintf("%s (%c):", _("Hot items"), HOT_KEY);
	x += draw_button(ui, y, x, label, HOT_KEY, DRAW_LABEL) + 1;
	free(label);
	for (i = 0; i < HOT_LINE_MAX && (it = hot_nth(h, i)) != NULL; i++) {
		label = hot_label(h, it);
		w = (int)text_width(label, strlen(label));
		/* Whole names only; the rest are on the hot items screen. */
		if (x + w + (hot_nth(h, i + 1) != NULL ? 4 : 0) >= ui->cols) {
			free(label);
			break;
		}
		x += draw_button(ui, y, x, label, HOT_KEY_OPEN(i),
		    DRAW_ACTIVE) + 2;
		free(label);
	}
	if (hot_nth(h, i) != NULL && x + 1 < ui->cols)
		draw_text(y, x, "…", ui->cols - x - 1, DRAW_NORMAL);
}

int
hot_line_key(const struct hot_line *h, struct ui *ui, int key)
{
	const struct item_summary *it;

	if (key == HOT_KEY) {
		ui_push(ui, &screen_hot, NULL);
		return SCREEN_REDRAW;
	}
	if (key < HOT_KEY_OPEN(0) || key >= HOT_KEY_OPEN(HOT_LINE_MAX) ||
	    (it = hot_nth(h, (size_t)(key - HOT_KEY_OPEN(0)))) == NULL)
		return SCREEN_IGNORED;
	ui_push(ui, &screen_item, &it->id);
	return SCREEN_REDRAW;
}

/* The screen: one row per heading and per item. */
struct hot_row {
	const struct item_summary	*item;	/* NULL: a heading */
	const char			*heading;	/* message id */
};

struct hot_screen {
	struct hot_line	 hot;
	struct hot_row	*rows;
	struct list	 list;
};

static int
hot_selectable(const void *ctx, size_t i)
{
	const struct hot_screen *s = ctx;

	return s->rows[i].item != NULL;
}

static size_t
hot_add_rows(struct hot_row *rows, size_t n, const char *heading,
    const struct item_list *items)
{
	size_t i;

	if (items->n == 0)
		return n;
	rows[n++].heading = heading;
	for (i = 0; i < items->n; i++)
		rows[n++].item = &items->v[i];
	return n;
}

static void
hot_resize(void *state, struct ui *ui)
{
	struct hot_screen *s = state;

	list_set_height(&s->list, ui_visible(ui, draw_body_rows(ui)));
}

static void *
hot_enter(struct ui *ui, const void *arg)
{
	struct hot_screen *s = xcalloc(1, sizeof *s);
	size_t n;

	(void)arg;
	hot_line_load(&s->hot, ui);
	s->rows = xcalloc(s->hot.marked.n + s->hot.viewed.n + 2, sizeof *s->rows);
	n = hot_add_rows(s->rows, 0, N_("Chosen by the staff"), &s->hot.marked);
	n = hot_add_rows(s->rows, n, N_("Most viewed in the last 30 days"),
	    &s->hot.viewed);
	list_init(&s->list, n, hot_selectable, s);
	hot_resize(s, ui);
	return s;
}

static void
hot_leave(void *state)
{
	struct hot_screen *s = state;

	hot_line_done(&s->hot);
	free(s->rows);
	free(s);
}

static void
hot_draw_row(struct hot_screen *s, struct ui *ui, size_t r, int y)
{
	const struct hot_row *row = &s->rows[r];
	enum draw_role role = r == s->list.sel ? DRAW_SELECTED : DRAW_NORMAL;
	char *name;
	int x;

	if (row->item == NULL) {
		draw_text(y, 1, _(row->heading), ui->cols - 2, DRAW_HEADING);
		return;
	}
	if (role == DRAW_SELECTED)
		draw_fill(ui, y, 1, DRAW_SELECTED);
	/* With its 一级事项: many 二级事项 (办事指南 …) say nothing alone. */
	name = element_item_name(row->item->level1, row->item->level2, NULL,
	    NULL, NULL);
	x = 3 + draw_text(y, 3, name, ui->cols - 4, role);
	free(name);
	if (x + 4 < ui->cols - 1)
		draw_text(y, x + 2, row->item->jurisdiction, ui->cols - 3 - x,
		    role == DRAW_SELECTED ? role : DRAW_DIM);
}

static void
hot_draw(void *state, struct ui *ui)
{
	static const struct draw_key keys[] = {
		{ "Esc", N_("Back"), SCREEN_ESC },
		{ "Enter", N_("Open"), '\r' },
		{ "?", N_("Help"), '?' },
	};
	struct hot_screen *s = state;
	size_t r, i;

	draw_title(ui, _("Hot items"), NULL);
	for (r = s->list.top, i = 0; r < s->list.n && i < (size_t)s->list.height;
	    r++, i++)
		hot_draw_row(s, ui, r, HOT_LIST_TOP + (int)i * ui->spacing);
	if (s->list.n == 0)
		draw_text(HOT_LIST_TOP, 1, _("There are no hot items at the "
		    "moment."), ui->cols - 2, DRAW_NORMAL);
	draw_keybar(ui, keys, sizeof keys / sizeof keys[0]);
}

static int
hot_open(struct hot_screen *s, struct ui *ui)
{
	if (s->list.n == 0 || s->rows[s->list.sel].item == NULL)
		return SCREEN_HANDLED;
	ui_push(ui, &screen_item, &s->rows[s->list.sel].item->id);
	return SCREEN_REDRAW;
}

static int
hot_key(void *state, struct ui *ui, int key)
{
	struct hot_screen *s = state;

	switch (key) {
	case '\r':
	case '\n':
	case SCREEN_KEY(KEY_ENTER):
	case SCREEN_KEY(KEY_RIGHT):
		return hot_open(s, ui);
	case SCREEN_KEY(KEY_LEFT):
		ui_back(ui);
		return SCREEN_REDRAW;
	}
	return list_key(&s->list, key);
}

static int
hot_mouse(void *state, struct ui *ui, int y, int x, enum screen_button button)
{
	struct hot_screen *s = state;
	int r = list_mouse(&s->list, y, HOT_LIST_TOP, ui->spacing, button);

	(void)x;
	return r == LIST_PICKED ? hot_open(s, ui) : r;
}

const struct screen screen_hot = {
	.name = "hot",
	.enter = hot_enter,
	.leave = hot_leave,
	.draw = hot_draw,
	.key = hot_key,
	.mouse = hot_mouse,
	.resize = hot_resize,
};
