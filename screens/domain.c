/*
 * A domain's items as a scrolling list: level-1 groups as headings, the
 * level-2 items under them, numbered. Filters by level (县级/乡级/村级/
 * 层级未注明) and by publishing jurisdiction, with keys and by touch.
 * Digits jump to an item by number; other letters and Han characters
 * start a search narrowed to the domain.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/store/catalogue.h"
#include "i18n/format.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"
#include "screens/screens.h"
#include "screens/ui/draw.h"
#include "screens/ui/keypad.h"
#include "screens/ui/list.h"
#include "screens/ui/ui.h"

#define DOMAIN_LIST_TOP	(DRAW_BODY_TOP + 3)
/* Keys the filter tabs send when touched. */
#define KEY_LEVEL(n)	SCREEN_KEY(KEY_MAX + 1 + (n))
#define KEY_PICK	SCREEN_KEY(KEY_MAX + 16)

/* One row of the list: a group heading or an item. */
struct domain_row {
	int	 heading;
	size_t	 item;		/* index into items */
	unsigned number;	/* items are numbered 1..n */
};

struct domain_screen {
	int			 id;
	char			*name;
	enum level_filter	 level;
	char			*jurisdiction;	/* NULL: all */
	struct item_list	 items;
	struct domain_row	*rows;
	size_t			 nrows;
	struct list		 list;
	struct typed_number	 number;
	char			*picked;	/* set by the jurisdiction screen */
	int			 pick_done;
};

/* The level filters in the order of their tabs and of the 'l' key. */
static const struct {
	enum level_filter	 level;
	const char		*label;
} domain_levels[] = {
	{ LEVEL_ANY, N_("All") },
	{ LEVEL_COUNTY, N_("County") },
	{ LEVEL_TOWNSHIP, N_("Township") },
	{ LEVEL_VILLAGE, N_("Village") },
	{ LEVEL_UNSTATED, N_("Level not stated") },
};
#define NLEVELS	((int)(sizeof domain_levels / sizeof domain_levels[0]))

static const char *
item_name(const struct item_summary *it)
{
	return it->level2[0] != '\0' ? it->level2 : it->level1;
}

static int
domain_row_selectable(const void *ctx, size_t i)
{
	const struct domain_screen *d = ctx;

	return !d->rows[i].heading;
}

/* Rebuild the rows from the items: a heading where the group changes. */
static void
domain_build_rows(struct domain_screen *d)
{
	size_t i;
	unsigned number = 0;
	const char *group = NULL;

	free(d->rows);
	d->rows = xcalloc(2 * d->items.n + 1, sizeof *d->rows);
	d->nrows = 0;
	for (i = 0; i < d->items.n; i++) {
		if (group == NULL || strcmp(group, d->items.v[i].level1) != 0) {
			group = d->items.v[i].level1;
			d->rows[d->nrows].heading = 1;
			d->rows[d->nrows++].item = i;
		}
		d->rows[d->nrows].item = i;
		d->rows[d->nrows++].number = ++number;
	}
	list_init(&d->list, d->nrows, domain_row_selectable, d);
}

static int
domain_load(struct domain_screen *d, struct ui *ui)
{
	struct item_filter filter = { d->level, d->jurisdiction };
	char *error = NULL;

	item_list_done(&d->items);
	if (catalogue_items(ui->cat, d->id, &filter, &d->items, &error) != 0) {
		ui_status(ui, _("The catalogue cannot be read: %s"), error);
		free(error);
		item_list_done(&d->items);
	}
	domain_build_rows(d);
	list_set_height(&d->list, ui_visible(ui,
	    draw_body_rows(ui) - (DOMAIN_LIST_TOP - DRAW_BODY_TOP)));
	return SCREEN_REDRAW;
}

static void
domain_leave(void *state)
{
	struct domain_screen *d = state;

	item_list_done(&d->items);
	free(d->rows);
	free(d->name);
	free(d->jurisdiction);
	free(d->picked);
	free(d);
}

static void *
domain_enter(struct ui *ui, const void *arg)
{
	const struct domain *dom = arg;
	struct domain_screen *d = xcalloc(1, sizeof *d);

	d->id = dom->id;
	d->name = xstrdup(dom->name);
	d->level = LEVEL_ANY;
	domain_load(d, ui);
	return d;
}

static void
domain_resize(void *state, struct ui *ui)
{
	struct domain_screen *d = state;

	list_set_height(&d->list, ui_visible(ui,
	    draw_body_rows(ui) - (DOMAIN_LIST_TOP - DRAW_BODY_TOP)));
}

/* Row 1: the level tabs; row 2: the jurisdiction filter. */
static void
domain_draw_filters(struct domain_screen *d, struct ui *ui)
{
	int x = 1, y = DRAW_BODY_TOP;
	size_t i;
	char *label;

	x += draw_text(y, x, _("Level:"), ui->cols - x, DRAW_LABEL) + 1;
	for (i = 0; i < (size_t)NLEVELS && x < ui->cols - 1; i++) {
		x += draw_button(ui, y, x, _(domain_levels[i].label),
		    KEY_LEVEL(i), d->level == domain_levels[i].level ?
		    DRAW_ACTIVE : DRAW_NORMAL) + 1;
	}
	y++;
	x = 1 + draw_text(y, 1, _("Published by:"), ui->cols - 2, DRAW_LABEL) + 1;
	label = xasprintf("%s ▾", d->jurisdiction == NULL ? _("All") :
	    d->jurisdiction[0] == '\0' ? _("Not stated") : d->jurisdiction);
	draw_button(ui, y, x, label, KEY_PICK,
	    d->jurisdiction != NULL ? DRAW_ACTIVE : DRAW_NORMAL);
	free(label);
}

static void
domain_draw_row(struct domain_screen *d, struct ui *ui, size_t r, int y)
{
	const struct domain_row *row = &d->rows[r];
	const struct item_summary *it = &d->items.v[row->item];
	enum draw_role role = r == d->list.sel ? DRAW_SELECTED : DRAW_NORMAL;
	char *text;
	int x;

	if (row->heading) {
		draw_text(y, 1, it->level1[0] != '\0' ? it->level1 :
		    _("(no level-1 group)"), ui->cols - 2, DRAW_HEADING);
		return;
	}
	text = xasprintf("%4u  %s", row->number, item_name(it));
	if (role == DRAW_SELECTED)
		draw_fill(ui, y, 1, DRAW_SELECTED);
	x = 1 + draw_text(y, 1, text, ui->cols - 2, role);
	free(text);
	if (x + 4 < ui->cols - 1)
		draw_text(y, x + 2, it->jurisdiction[0] != '\0' ?
		    it->jurisdiction : _("Not stated"), ui->cols - 3 - x,
		    role == DRAW_SELECTED ? role : DRAW_DIM);
}

static void
domain_draw(void *state, struct ui *ui)
{
	static const struct draw_key keys[] = {
		{ "Esc", N_("Back"), SCREEN_ESC },
		{ "Enter", N_("Open"), '\r' },
		{ "/", N_("Search"), '/' },
		{ "l", N_("Level"), 'l' },
		{ "j", N_("Published by"), 'j' },
		{ "?", N_("Help"), '?' },
	};
	struct domain_screen *d = state;
	char *count, *n;
	size_t i, r;

	n = format_number((long long)d->items.n);
	count = xasprintf(ngettext("%s item", "%s items", d->items.n), n);
	draw_title(ui, d->name, count);
	free(count);
	free(n);
	domain_draw_filters(d, ui);
	for (r = d->list.top, i = 0; r < d->nrows && i < (size_t)d->list.height;
	    r++, i++)
		domain_draw_row(d, ui, r, DOMAIN_LIST_TOP + (int)i * ui->spacing);
	if (d->nrows == 0)
		draw_text(DOMAIN_LIST_TOP, 1, _("No items match these filters. "
		    "Press l to change the level or j to change who published."),
		    ui->cols - 2, DRAW_NORMAL);
	draw_keybar(ui, keys, sizeof keys / sizeof keys[0]);
}

static int
domain_set_level(struct domain_screen *d, struct ui *ui, size_t i)
{
	d->level = domain_levels[i % (size_t)NLEVELS].level;
	return domain_load(d, ui);
}

static int
domain_next_level(struct domain_screen *d, struct ui *ui)
{
	size_t i;

	for (i = 0; i < (size_t)NLEVELS; i++) {
		if (domain_levels[i].level == d->level)
			break;
	}
	return domain_set_level(d, ui, i + 1);
}

static int
domain_pick(struct domain_screen *d, struct ui *ui)
{
	struct jurisdiction_pick pick = { d->id, (int)d->level, &d->picked,
	    &d->pick_done };

	ui_push(ui, &screen_jurisdiction, &pick);
	return SCREEN_REDRAW;
}

static int
domain_open(struct domain_screen *d, struct ui *ui)
{
	if (d->nrows == 0 || d->rows[d->list.sel].heading)
		return SCREEN_HANDLED;
	ui_push(ui, &screen_item, &d->items.v[d->rows[d->list.sel].item].id);
	return SCREEN_REDRAW;
}

static int
domain_jump(struct domain_screen *d, int digit)
{
	unsigned n = typed_number_add(&d->number, digit, d->items.n);
	size_t r;

	for (r = 0; n != 0 && r < d->nrows; r++) {
		if (!d->rows[r].heading && d->rows[r].number == n) {
			list_select(&d->list, r);
			break;
		}
	}
	return SCREEN_REDRAW;
}

/*
 * '/', or text typed (key, else 0): search, narrowed to this domain and
 * level until Tab.
 */
static int
domain_search(struct domain_screen *d, struct ui *ui, int key)
{
	struct search_scope scope = { d->id, (int)d->level, NULL, key };
	size_t i;
	char *label;

	for (i = 0; i < (size_t)NLEVELS; i++) {
		if (domain_levels[i].level == d->level)
			break;
	}
	label = d->level == LEVEL_ANY ? xstrdup(d->name) : xasprintf("%s · %s",
	    d->name, _(domain_levels[i % (size_t)NLEVELS].label));
	scope.label = label;
	ui_push(ui, &screen_search, &scope);
	free(label);
	return SCREEN_REDRAW;
}

static int
domain_key(void *state, struct ui *ui, int key)
{
	struct domain_screen *d = state;

	if (key >= '0' && key <= '9')
		return domain_jump(d, key - '0');
	if (key >= KEY_LEVEL(0) && key < KEY_LEVEL(NLEVELS))
		return domain_set_level(d, ui, (size_t)(key - KEY_LEVEL(0)));
	switch (key) {
	case 'l':
		return domain_next_level(d, ui);
	case 'j':
	case KEY_PICK:
		return domain_pick(d, ui);
	case '/':
		return domain_search(d, ui, 0);
	case '\r':
	case '\n':
	case SCREEN_KEY(KEY_ENTER):
	case SCREEN_KEY(KEY_RIGHT):
		return domain_open(d, ui);
	case SCREEN_KEY(KEY_LEFT):
		ui_back(ui);
		return SCREEN_REDRAW;
	case 'h':
	case 'H':
	case 'L':
	case 'J':
		return SCREEN_IGNORED;	/* h: home; the others are kept too */
	}
	/* Any other letter, or a Han character, starts a search. */
	if (keypad_is_text(key))
		return domain_search(d, ui, key);
	return list_key(&d->list, key);
}

static int
domain_mouse(void *state, struct ui *ui, int y, int x, enum screen_button button)
{
	struct domain_screen *d = state;
	int r = list_mouse(&d->list, y, DOMAIN_LIST_TOP, ui->spacing, button);

	(void)x;
	return r == LIST_PICKED ? domain_open(d, ui) : r;
}

/* Back from the jurisdiction screen: apply what was picked. */
static void
domain_resume(void *state, struct ui *ui)
{
	struct domain_screen *d = state;

	if (!d->pick_done)
		return;
	d->pick_done = 0;
	free(d->jurisdiction);
	d->jurisdiction = d->picked;
	d->picked = NULL;
	domain_load(d, ui);
}

const struct screen screen_domain = {
	.name = "domain",
	.enter = domain_enter,
	.leave = domain_leave,
	.draw = domain_draw,
	.key = domain_key,
	.mouse = domain_mouse,
	.resize = domain_resize,
	.resume = domain_resume,
};
