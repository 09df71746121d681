/*
 * The home screen: the domains as a grid, national ones first in the
 * standard order, then local ones, each with its item count. Digits jump
 * to a domain by number; other letters and Han characters start a search.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/store/catalogue.h"
#include "data/search/engine.h"
#include "i18n/format.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "screens/hot.h"
#include "screens/screens.h"
#include "screens/ui/draw.h"
#include "screens/ui/keypad.h"
#include "screens/ui/list.h"
#include "screens/ui/ui.h"

#define HOME_GRID_TOP	(DRAW_BODY_TOP + 2)

struct home {
	struct domain_list	 domains;
	struct catalogue_info	 info;
	char			**cells;	/* one label per domain */
	size_t			 sel;
	size_t			 top;		/* first visible grid row */
	int			 ncols, cellw;
	struct typed_number	 number;
	struct hot_line		 hot;		/* 热点事项, above the grid */
};

static void
home_free_cells(struct home *h)
{
	size_t i;

	if (h->cells == NULL)
		return;
	for (i = 0; i < h->domains.n; i++)
		free(h->cells[i]);
	free(h->cells);
	h->cells = NULL;
}

static void
home_leave(void *state)
{
	struct home *h = state;

	home_free_cells(h);
	hot_line_done(&h->hot);
	domain_list_done(&h->domains);
	catalogue_info_done(&h->info);
	free(h);
}

static size_t
home_grid_rows(const struct home *h)
{
	return (h->domains.n + (size_t)h->ncols - 1) / (size_t)h->ncols;
}

/*
 * The hall's help line and notice (kiosk/hall.h), wrapped to the screen,
 * into *out; the caller releases it. At most a third of the body: the
 * domains come first.
 */
static void
home_hall_lines(const struct ui *ui, struct text_lines *out)
{
	struct text_lines	 notice;
	size_t			 i, max;
	int			 body = draw_body_rows(ui);

	memset(out, 0, sizeof *out);
	max = body > 6 ? (size_t)body / 3 : 0;
	if (max == 0 || ui->cols < 10)
		return;
	if (ui->hall_help != NULL)
		text_wrap(ui->hall_help, strlen(ui->hall_help),
		    (size_t)ui->cols - 2, out);
	memset(&notice, 0, sizeof notice);
	if (ui->notice != NULL)
		text_wrap(ui->notice, strlen(ui->notice),
		    (size_t)ui->cols - 2, &notice);
	for (i = 0; i < notice.n; i++) {
		out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
		out->v[out->n++] = notice.v[i];
	}
	free(notice.v);
	while (out->n > max)
		free(out->v[--out->n]);
}

/* Rows the hall's lines take at the bottom of the body. */
static int
home_hall_rows(const struct ui *ui)
{
	struct text_lines	lines;
	int			n;

	home_hall_lines(ui, &lines);
	n = (int)lines.n;
	text_lines_done(&lines);
	return n;
}

static int
home_visible_rows(const struct ui *ui)
{
	return ui_visible(ui, draw_body_rows(ui) -
	    (HOME_GRID_TOP - DRAW_BODY_TOP) - home_hall_rows(ui));
}

/* The hall's help line (highlighted) and notice, at the bottom. */
static void
home_draw_hall(const struct ui *ui)
{
	struct text_lines	lines;
	size_t			i;
	int			y;

	home_hall_lines(ui, &lines);
	y = DRAW_BODY_TOP + draw_body_rows(ui) - (int)lines.n;
	for (i = 0; i < lines.n; i++)
		draw_text(y + (int)i, 1, lines.v[i], ui->cols - 2,
		    i == 0 && ui->hall_help != NULL ? DRAW_HEADING :
		    DRAW_NORMAL);
	text_lines_done(&lines);
}

/* Keep the selected cell's row in view. */
static void
home_show_sel(struct home *h, const struct ui *ui)
{
	size_t row = h->sel / (size_t)h->ncols, vis = (size_t)home_visible_rows(ui);

	if (row < h->top)
		h->top = row;
	else if (row >= h->top + vis)
		h->top = row - vis + 1;
}

/* After the view scrolled: move the selection into it, same column. */
static void
home_keep_sel_visible(struct home *h, const struct ui *ui)
{
	size_t row = h->sel / (size_t)h->ncols, col = h->sel % (size_t)h->ncols;
	size_t last = h->top + (size_t)home_visible_rows(ui) - 1;

	if (row < h->top)
		row = h->top;
	else if (row > last)
		row = last;
	h->sel = row * (size_t)h->ncols + col;
	if (h->sel >= h->domains.n)
		h->sel = h->domains.n ? h->domains.n - 1 : 0;
}

static void
home_resize(void *state, struct ui *ui)
{
	struct home *h = state;
	size_t i, w, widest = 8;

	for (i = 0; i < h->domains.n; i++) {
		w = text_width(h->cells[i], strlen(h->cells[i]));
		if (w > widest)
			widest = w;
	}
	h->cellw = (int)widest + 3;
	h->ncols = (ui->cols - 1) / h->cellw;
	if (h->ncols < 1)
		h->ncols = 1;
	if (h->top >= home_grid_rows(h))
		h->top = 0;
	home_show_sel(h, ui);
}

/* Read the domains and the version; -1 with a status message. */
static int
home_load(struct home *h, struct ui *ui)
{
	char *error = NULL, *count;
	size_t i;

	if (catalogue_domains(ui->cat, &h->domains, &error) != 0 ||
	    catalogue_info(ui->cat, &h->info, &error) != 0) {
		ui_status(ui, _("The catalogue cannot be read: %s"), error);
		free(error);
		return -1;
	}
	h->cells = xcalloc(h->domains.n ? h->domains.n : 1, sizeof *h->cells);
	for (i = 0; i < h->domains.n; i++) {
		count = format_number((long long)h->domains.v[i].items);
		h->cells[i] = xasprintf("%2zu %s (%s)", i + 1,
		    h->domains.v[i].name, count);
		free(count);
	}
	hot_line_load(&h->hot, ui);
	if (h->sel >= h->domains.n)
		h->sel = 0;
	home_resize(h, ui);
	return 0;
}

/*
 * Switch to the version now at the catalogue's path. The search index read
 * from the old one goes with it; the search screen reads the new one's.
 */
static int
home_reopen(struct ui *ui, char **error)
{
	if (catalogue_reopen(ui->cat, error) != 0)
		return -1;
	search_close(ui->search);
	ui->search = NULL;
	return 0;
}

static void *
home_enter(struct ui *ui, const void *arg)
{
	struct home *h;
	char *error = NULL;

	(void)arg;
	if (ui->cat == NULL)
		return NULL;	/* the kiosk shows the "unavailable" screen */
	/* A new visitor (F12, walk-away reset) gets the newest version. */
	if (catalogue_changed(ui->cat) && home_reopen(ui, &error) != 0)
		free(error);
	h = xcalloc(1, sizeof *h);
	if (home_load(h, ui) != 0) {
		home_leave(h);
		return NULL;
	}
	return h;
}

/* "Published by A、B、C and 5 others · 272 items", or the counts alone. */
static char *
home_publishers(const struct home *h, int names)
{
	char *who, *items, *line, *n;
	size_t others = h->info.jurisdictions - 3;

	n = format_number((long long)h->info.items);
	items = xasprintf(ngettext("%s item in all", "%s items in all",
	    h->info.items), n);
	free(n);
	n = format_number((long long)(names ? others : h->info.jurisdictions));
	if (!names)
		who = xasprintf(ngettext("%s publishing government",
		    "%s publishing governments", h->info.jurisdictions), n);
	else if (h->info.jurisdictions > 3)
		who = xasprintf(ngettext("Published by %s and %s other",
		    "Published by %s and %s others", others),
		    h->info.jurisdiction_names, n);
	else
		who = xasprintf(_("Published by %s"), h->info.jurisdiction_names);
	line = xasprintf("%s · %s", who, items);
	free(n);
	free(who);
	free(items);
	return line;
}

/*
 * Back on the home screen, nothing above it holds anything of the
 * catalogue: the moment to pick up a version staff switched in since.
 * If it cannot be opened the old one stays, and so does the kiosk.
 */
static void
home_resume(void *state, struct ui *ui)
{
	struct home *h = state;
	char *error = NULL;

	if (!catalogue_changed(ui->cat))
		return;
	if (home_reopen(ui, &error) != 0) {
		free(error);	/* staff see it with chayue-admin status */
		return;
	}
	home_free_cells(h);
	hot_line_done(&h->hot);
	domain_list_done(&h->domains);
	catalogue_info_done(&h->info);
	h->top = 0;
	if (home_load(h, ui) != 0) {
		/* An empty grid, and the status line says why. */
		domain_list_done(&h->domains);
		catalogue_info_done(&h->info);
		h->info.version = xstrdup("");
		h->info.created = xstrdup("");
		h->info.jurisdiction_names = xstrdup("");
	}
	ui->dirty = 1;
}

static void
home_draw_header(struct home *h, struct ui *ui)
{
	char *line, *version, *date, *name, *title;

	date = format_date(h->info.created);
	version = xasprintf(_("Version %s"), date);
	if (ui->hall_name != NULL) {
		/* The hall's own name first: visitors know where they are. */
		name = text_sanitise(ui->hall_name, strlen(ui->hall_name), 0);
		title = xasprintf("%s · %s", name,
		    _("Government Disclosure Catalogue"));
		draw_title(ui, title, version);
		free(title);
		free(name);
	} else
		draw_title(ui, _("Government Disclosure Catalogue"), version);
	free(version);
	free(date);
	line = home_publishers(h, 1);
	/* Too long for a narrow window: the counts alone. */
	if (text_width(line, strlen(line)) > (size_t)ui->cols - 2) {
		free(line);
		line = home_publishers(h, 0);
	}
	draw_text(DRAW_BODY_TOP, 1, line, ui->cols - 2, DRAW_NORMAL);
	free(line);
	hot_line_draw(&h->hot, ui, DRAW_BODY_TOP + 1);
}

static void
home_draw(void *state, struct ui *ui)
{
	static const struct draw_key keys[] = {
		{ "Enter", N_("Open"), '\r' },
		{ "/", N_("Search"), '/' },
		{ "?", N_("Help"), '?' },
		{ "0-9", N_("Number"), 0 },
		{ "↑↓←→", N_("Move"), 0 },
		{ "q", N_("Quit"), 'q' },	/* plain mode only */
	};
	struct home *h = state;
	size_t i, row, vis = (size_t)home_visible_rows(ui);
	int col, y, x;
	enum draw_role role;

	home_draw_header(h, ui);
	for (i = h->top * (size_t)h->ncols; i < h->domains.n; i++) {
		row = i / (size_t)h->ncols;
		if (row >= h->top + vis)
			break;
		col = (int)(i % (size_t)h->ncols);
		y = HOME_GRID_TOP + (int)(row - h->top) * ui->spacing;
		x = 1 + col * h->cellw;
		role = i == h->sel ? DRAW_SELECTED :
		    h->domains.v[i].items == 0 ? DRAW_DIM : DRAW_NORMAL;
		draw_text(y, x, h->cells[i], h->cellw - 1 < ui->cols - x - 1 ?
		    h->cellw - 1 : ui->cols - x - 1, role);
	}
	home_draw_hall(ui);
	draw_keybar(ui, keys, sizeof keys / sizeof keys[0] -
	    (ui->allow_quit ? 0 : 1));
}

static int
home_open(struct home *h, struct ui *ui)
{
	if (h->sel < h->domains.n)
		ui_push(ui, &screen_domain, &h->domains.v[h->sel]);
	return SCREEN_REDRAW;
}

static int
home_digit(struct home *h, struct ui *ui, int digit)
{
	unsigned n = typed_number_add(&h->number, digit, h->domains.n);

	if (n != 0) {
		h->sel = n - 1;
		home_show_sel(h, ui);
	}
	return SCREEN_REDRAW;
}

/*
 * A letter or a Han character typed here (h too: this is home already)
 * starts a search with it, over every domain.
 */
static int
home_search(struct ui *ui, int key)
{
	struct search_scope scope = { 0, LEVEL_ANY, NULL, key };

	ui_push(ui, &screen_search, &scope);
	return SCREEN_REDRAW;
}

/* Move in the grid by rows and columns, staying inside it. */
static int
home_move(struct home *h, struct ui *ui, long drow, long dcol)
{
	long n = (long)h->domains.n, target;

	target = (long)h->sel + drow * h->ncols + dcol;
	if (n == 0)
		return SCREEN_HANDLED;
	/* Up from the first row stays in the column; left stops at 1. */
	if (target < 0)
		target = drow < 0 && dcol == 0 ? (long)h->sel % h->ncols : 0;
	if (target >= n)
		target = n - 1;
	h->sel = (size_t)target;
	home_show_sel(h, ui);
	return SCREEN_REDRAW;
}

static int
home_key(void *state, struct ui *ui, int key)
{
	struct home *h = state;
	long page = home_visible_rows(ui);

	if (key >= '0' && key <= '9')
		return home_digit(h, ui, key - '0');
	switch (key) {
	case SCREEN_KEY(KEY_UP):	return home_move(h, ui, -1, 0);
	case SCREEN_KEY(KEY_DOWN):	return home_move(h, ui, 1, 0);
	case SCREEN_KEY(KEY_LEFT):	return home_move(h, ui, 0, -1);
	case SCREEN_KEY(KEY_RIGHT):	return home_move(h, ui, 0, 1);
	case SCREEN_KEY(KEY_PPAGE):	return home_move(h, ui, -page, 0);
	case SCREEN_KEY(KEY_NPAGE):	return home_move(h, ui, page, 0);
	case SCREEN_KEY(KEY_HOME):	return home_move(h, ui, 0, -(long)h->sel);
	case SCREEN_KEY(KEY_END):	return home_move(h, ui, 0, (long)h->domains.n);
	case '\r':
	case '\n':
	case SCREEN_KEY(KEY_ENTER):
		return home_open(h, ui);
	case 'q':
		if (!ui->allow_quit)
			return SCREEN_IGNORED;
		ui->quit = 1;
		return SCREEN_HANDLED;
	case 'Q':
	case 'T':
		return SCREEN_IGNORED;	/* kept, like q and t */
	}
	if (key != HOT_KEY && keypad_is_text(key))
		return home_search(ui, key);
	return hot_line_key(&h->hot, ui, key);
}

static int
home_mouse(void *state, struct ui *ui, int y, int x, enum screen_button button)
{
	struct home *h = state;
	size_t i, rows = home_grid_rows(h);
	int col;

	if (button != SCREEN_CLICK) {
		if (button == SCREEN_WHEEL_UP && h->top > 0)
			h->top--;
		else if (button == SCREEN_WHEEL_DOWN &&
		    h->top + (size_t)home_visible_rows(ui) < rows)
			h->top++;
		home_keep_sel_visible(h, ui);
		return SCREEN_REDRAW;
	}
	col = (x - 1) / h->cellw;
	if (y < HOME_GRID_TOP ||
	    y >= HOME_GRID_TOP + home_visible_rows(ui) * ui->spacing ||
	    x < 1 || col >= h->ncols)
		return SCREEN_HANDLED;
	i = (h->top + (size_t)((y - HOME_GRID_TOP) / ui->spacing)) *
	    (size_t)h->ncols + (size_t)col;
	if (i >= h->domains.n)
		return SCREEN_HANDLED;
	h->sel = i;
	return home_open(h, ui);
}

const struct screen screen_home = {
	.name = "home",
	.enter = home_enter,
	.leave = home_leave,
	.draw = home_draw,
	.key = home_key,
	.mouse = home_mouse,
	.resize = home_resize,
	.resume = home_resume,
};
