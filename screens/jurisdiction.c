/*
 * Choose whose items a domain list shows: every publishing jurisdiction of
 * the domain (under the current level filter) with its item count.
 */
#include <config.h>

#include <stdlib.h>

#include "data/store/catalogue.h"
#include "i18n/format.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"
#include "screens/screens.h"
#include "screens/ui/draw.h"
#include "screens/ui/list.h"
#include "screens/ui/ui.h"

#define PICK_LIST_TOP	(DRAW_BODY_TOP + 1)

struct pick_screen {
	struct jurisdiction_pick	 pick;
	struct name_count_list		 names;
	size_t				 total;
	struct list			 list;	/* row 0: all; row i: names.v[i-1] */
};

static void
pick_leave(void *state)
{
	struct pick_screen *p = state;

	name_count_list_done(&p->names);
	free(p);
}

static void
pick_resize(void *state, struct ui *ui)
{
	struct pick_screen *p = state;

	list_set_height(&p->list, ui_visible(ui,
	    draw_body_rows(ui) - (PICK_LIST_TOP - DRAW_BODY_TOP)));
}

static void *
pick_enter(struct ui *ui, const void *arg)
{
	struct pick_screen *p = xcalloc(1, sizeof *p);
	char *error = NULL;
	size_t i;

	p->pick = *(const struct jurisdiction_pick *)arg;
	if (catalogue_jurisdictions(ui->cat, p->pick.domain_id,
	    (enum level_filter)p->pick.level, &p->names, &error) != 0) {
		ui_status(ui, _("The catalogue cannot be read: %s"), error);
		free(error);
		pick_leave(p);
		return NULL;
	}
	for (i = 0; i < p->names.n; i++)
		p->total += p->names.v[i].count;
	list_init(&p->list, p->names.n + 1, NULL, NULL);
	pick_resize(p, ui);
	return p;
}

static void
pick_draw(void *state, struct ui *ui)
{
	static const struct draw_key keys[] = {
		{ "Enter", N_("Choose"), '\r' },
		{ "Esc", N_("Back"), SCREEN_ESC },
		{ "/", N_("Search"), '/' },
	};
	struct pick_screen *p = state;
	const char *name;
	size_t r, i, count;
	char *line, *n;
	int y;

	draw_title(ui, _("Published by"), NULL);
	draw_text(DRAW_BODY_TOP, 1, _("Show the items of:"), ui->cols - 2,
	    DRAW_LABEL);
	for (r = p->list.top, i = 0; r < p->list.n && i < (size_t)p->list.height;
	    r++, i++) {
		name = r == 0 ? _("All") : p->names.v[r - 1].name[0] == '\0' ?
		    _("Not stated") : p->names.v[r - 1].name;
		count = r == 0 ? p->total : p->names.v[r - 1].count;
		n = format_number((long long)count);
		line = xasprintf("%s (%s)", name, n);
		free(n);
		y = PICK_LIST_TOP + (int)i * ui->spacing;
		if (r == p->list.sel)
			draw_fill(ui, y, 1, DRAW_SELECTED);
		draw_text(y, 2, line, ui->cols - 3,
		    r == p->list.sel ? DRAW_SELECTED : DRAW_NORMAL);
		free(line);
	}
	draw_keybar(ui, keys, sizeof keys / sizeof keys[0]);
}

static int
pick_choose(struct pick_screen *p, struct ui *ui)
{
	size_t sel = p->list.sel;

	*p->pick.result = sel == 0 ? NULL : xstrdup(p->names.v[sel - 1].name);
	*p->pick.done = 1;
	ui_back(ui);	/* frees p: touch nothing after this */
	return SCREEN_REDRAW;
}

static int
pick_key(void *state, struct ui *ui, int key)
{
	struct pick_screen *p = state;

	switch (key) {
	case '\r':
	case '\n':
	case SCREEN_KEY(KEY_ENTER):
		return pick_choose(p, ui);
	}
	return list_key(&p->list, key);
}

static int
pick_mouse(void *state, struct ui *ui, int y, int x, enum screen_button button)
{
	struct pick_screen *p = state;
	int r = list_mouse(&p->list, y, PICK_LIST_TOP, ui->spacing, button);

	(void)x;
	return r == LIST_PICKED ? pick_choose(p, ui) : r;
}

const struct screen screen_jurisdiction = {
	.name = "jurisdiction",
	.enter = pick_enter,
	.leave = pick_leave,
	.draw = pick_draw,
	.key = pick_key,
	.mouse = pick_mouse,
	.resize = pick_resize,
};
