/*
 * Search as you type: a query line, and the best results under it, two
 * lines each (the item's name with its 一级事项, and its publisher; then
 * where the query matched, with the match highlighted). Every key the visitor types is query text
 * (h, q, l, j, ?, digits and space included); arrows move in the results,
 * Enter opens one, Esc goes back, Tab removes (or restores) the narrowing
 * to the domain and level being browsed.
 *
 * A domain the query names is a row of its own, first ("户籍管理 · 18
 * 项"; Enter opens the domain). A line under the query says when synonyms
 * were searched too ("也找了：最低生活保障") or when results were found by
 * sound ("按读音找到"): data/search/find.h.
 *
 * The search runs synchronously in the key handler, so the results on
 * screen are always those of the last keystroke: a keystroke's results can
 * never appear after the next one's.
 *
 * Under the results, an on-screen keypad (screens/ui/keypad.c) for
 * visitors without a keyboard. A window too small for it and three results
 * folds it away behind a button (键盘) that opens it over the results.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/search/engine.h"
#include "data/search/find.h"
#include "data/search/query.h"
#include "data/store/catalogue.h"
#include "data/store/element.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "screens/screens.h"
#include "screens/ui/draw.h"
#include "screens/ui/keypad.h"
#include "screens/ui/list.h"
#include "screens/ui/services.h"
#include "screens/ui/ui.h"

/* Results asked for per keystroke: more than anyone pages through. */
#define SEARCH_LIMIT		200
/* Bytes of typed text kept; the query itself is cut at QUERY_MAX units. */
#define SEARCH_INPUT_MAX	256
#define SEARCH_TOP		(DRAW_BODY_TOP + 2)
#define KEY_ERASE_QUERY		0x15	/* ^U */
#define KEY_SCOPE		'\t'
/* The 键盘 button of a folded keypad: open it, or fold it again. */
#define KEY_KEYPAD		SCREEN_KEY(0x1010)
/* Rows the keypad leaves for results: three of them. */
#define SEARCH_KEEP_ROWS	6

struct search_screen {
	char			 input[SEARCH_INPUT_MAX];
	size_t			 len;		/* bytes of input */
	struct query		 q;
	struct find		*find;		/* over ui->search */
	struct find_results	 res;
	struct search_display	*shown;		/* per hit, read when in view */
	unsigned char		*have;		/* shown[i] is filled */
	struct list		 list;		/* one row per hit */
	struct search_filter	 scope;		/* what was being browsed */
	char			*scope_name;
	int			 scoped;	/* the narrowing is on */
	char			*error;		/* the index cannot be used */
	struct keypad		 pad;		/* pad.n == 0: not shown */
	int			 folded;	/* too small: behind a button */
	int			 pad_open;	/* folded, but opened */
	/*
	 * Typed since the query last ran: a burst of keys (a paste) runs it
	 * once, when the input settles or a key needs the results.
	 */
	int			 stale;
	int			 full;	/* a key did not fit in the query */
};

static void
search_forget_shown(struct search_screen *s)
{
	size_t i;

	for (i = 0; s->have != NULL && i < s->res.n; i++) {
		if (s->have[i] && s->res.v[i].item != 0)
			search_display_done(&s->shown[i]);
	}
	free(s->shown);
	free(s->have);
	s->shown = NULL;
	s->have = NULL;
}

/*
 * Place the keypad: under the results, with keys a finger can hit, where
 * that leaves three results; else folded, and when opened over the
 * results as large as they allow. Every size and language change lays it
 * out again.
 */
static void
search_layout(struct search_screen *s, struct ui *ui)
{
	s->folded = keypad_fit(&s->pad, SEARCH_TOP, ui->rows - 2, ui->cols,
	    SEARCH_KEEP_ROWS, s->pad_open, keypad_label_cols());
	if (!s->folded)
		s->pad_open = 0;
}

/* Rows of the screen the results may use: those above the keypad. */
static int
search_bottom(const struct search_screen *s, const struct ui *ui)
{
	return s->pad.n > 0 ? s->pad.top : ui->rows - 2;
}

static int
search_rows(const struct search_screen *s, const struct ui *ui)
{
	int n = (search_bottom(s, ui) - SEARCH_TOP) / 2;

	return n > 0 ? n : 1;
}

/*
 * Read the items behind the hits now in view that are not read yet. Every
 * handler that changes what is in view calls this, so that draw only
 * shows what is already here.
 */
static void
search_fetch(struct search_screen *s, struct ui *ui)
{
	char *error = NULL;
	size_t i;

	for (i = s->list.top; i < s->res.n && i < s->list.top +
	    (size_t)s->list.height; i++) {
		if (s->have[i])
			continue;
		if (s->res.v[i].item == 0) {	/* a domain row */
			s->have[i] = 1;
			continue;
		}
		if (find_display(s->find, &s->res, i, &s->shown[i],
		    &error) != 0) {
			ui_status(ui, _("The catalogue cannot be read: %s"), error);
			free(error);
			return;
		}
		s->have[i] = 1;
	}
}

/* Run the query as it now stands and show its results from the top. */
static void
search_update(struct search_screen *s, struct ui *ui)
{
	char *error = NULL;

	search_forget_shown(s);
	find_results_done(&s->res);
	query_done(&s->q);
	query_parse(&s->q, s->input, s->len);
	if (s->q.dropped > 0)
		ui_status(ui, _("Only the first %d characters are searched."),
		    QUERY_MAX);
	if (s->error == NULL && s->find != NULL && find_run(s->find, s->input,
	    s->len, s->scoped ? &s->scope : NULL, SEARCH_LIMIT, SEARCH_BOUNDED,
	    &s->res, &error) != 0) {
		ui_status(ui, _("The catalogue cannot be read: %s"), error);
		free(error);
	}
	s->shown = xcalloc(s->res.n + 1, sizeof *s->shown);
	s->have = xcalloc(s->res.n + 1, 1);
	list_init(&s->list, s->res.n, NULL, NULL);
	list_set_height(&s->list, search_rows(s, ui));
	search_fetch(s, ui);
}

/* Add the character key to the query; -1 if the query is full. */
static int
search_append(struct search_screen *s, int key)
{
	char buf[8];
	size_t n = 0;
	unsigned c = (unsigned)key;

	if (c < 0x80)
		buf[n++] = (char)c;
	else if (c < 0x800) {
		buf[n++] = (char)(0xC0 | c >> 6);
		buf[n++] = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		buf[n++] = (char)(0xE0 | c >> 12);
		buf[n++] = (char)(0x80 | (c >> 6 & 0x3F));
		buf[n++] = (char)(0x80 | (c & 0x3F));
	} else {
		buf[n++] = (char)(0xF0 | c >> 18);
		buf[n++] = (char)(0x80 | (c >> 12 & 0x3F));
		buf[n++] = (char)(0x80 | (c >> 6 & 0x3F));
		buf[n++] = (char)(0x80 | (c & 0x3F));
	}
	if (s->len + n >= sizeof s->input)
		return -1;
	memcpy(s->input + s->len, buf, n);
	s->len += n;
	s->input[s->len] = '\0';
	return 0;
}

static void
search_leave(void *state)
{
	struct search_screen *s = state;

	search_forget_shown(s);
	find_results_done(&s->res);
	find_close(s->find);
	query_done(&s->q);
	free(s->scope_name);
	free(s->error);
	free(s);
}

static void *
search_enter(struct ui *ui, const void *arg)
{
	const struct search_scope *scope = arg;
	struct search_screen *s;

	if (ui->cat == NULL) {
		ui_status(ui, "%s", _("The catalogue is unavailable at the moment. "
		    "Please tell the staff."));
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	/* Read the index unless the kiosk has it (at start, or from before). */
	if (ui->search == NULL &&
	    (ui->search = search_open(ui->cat, &s->error)) == NULL)
		ui_status(ui, "%s", s->error);
	if (ui->search != NULL && (s->find = find_open(ui->search, ui->cat,
	    ui->synonyms, &s->error)) == NULL)
		ui_status(ui, "%s", s->error);
	/* Views break ties in the ranking (data/search/find.h, rule f). */
	if (s->find != NULL && ui->visitor != NULL && ui->visitor->views != NULL)
		find_set_views(s->find, ui->visitor->views, ui->visitor->ctx);
	if (scope != NULL && (scope->domain_id > 0 ||
	    scope->level != LEVEL_ANY)) {
		s->scope.domain_id = scope->domain_id;
		s->scope.level = (enum level_filter)scope->level;
		s->scope_name = xstrdup(scope->label != NULL ? scope->label :
		    "");
		s->scoped = 1;
	}
	/* The character typed on the screen below, which opened this one. */
	if (scope != NULL && scope->key != 0)
		search_append(s, scope->key);
	search_layout(s, ui);
	search_update(s, ui);
	return s;
}

static void
search_resize(void *state, struct ui *ui)
{
	struct search_screen *s = state;

	search_layout(s, ui);
	list_set_height(&s->list, search_rows(s, ui));
	search_fetch(s, ui);
}

/*
 * Draw text with its bytes [start, end) highlighted, in at most maxcols
 * columns from x. Text cut short ends with "…"; if the highlight would
 * not fit, begin later, with "…" (a name's 一级事项 may be what matched).
 */
static void
search_draw_marked(int y, int x, const char *text, size_t start, size_t end,
    int maxcols, enum draw_role role)
{
	size_t from = 0, len = strlen(text);
	int used = 0, room = maxcols, cut = 0;
	int dots = (int)text_width("…", strlen("…"));
	char *part;

	if (maxcols <= 0)
		return;
	if ((int)text_width(text, len) > maxcols) {
		room = maxcols - dots;
		if (end > start && (int)text_width(text, end) > room) {
			from = text_tail_cols(text, start, (size_t)(room > 0 ?
			    room : 0) / 3);
			used += draw_text(y, x, "…", maxcols, role);
		}
		if (used + (int)text_width(text + from, len - from) <= maxcols)
			room = maxcols;
		else
			cut = 1;
	}
	part = xstrndup(text + from, start > from ? start - from : 0);
	used += draw_text(y, x + used, part, room - used, role);
	free(part);
	part = xstrndup(text + start, end - start);
	used += draw_text(y, x + used, part, room - used, DRAW_ACTIVE);
	free(part);
	if (end < len)
		used += draw_text(y, x + used, text + end, room - used, role);
	if (cut)
		draw_text(y, x + used, "…", maxcols - used, role);
}

/* A domain the query names: "户籍管理 · 18 项", and what Enter does. */
static void
search_draw_domain(struct ui *ui, const struct find_hit *h, size_t i, int y,
    enum draw_role role)
{
	char *line;
	int x;

	line = xasprintf("%3zu  ", i + 1);
	x = 1 + draw_text(y, 1, line, ui->cols - 2, role);
	free(line);
	/* TRANSLATORS: a domain found by a search, and its items. */
	line = xasprintf(ngettext("%s · %zu item", "%s · %zu items",
	    h->domain->items), h->domain->name, h->domain->items);
	draw_text(y, x, line, ui->cols - x - 1, role == DRAW_SELECTED ? role :
	    DRAW_ACTIVE);
	free(line);
	draw_text(y + 1, 6, _("A domain: Enter opens it, with all its items"),
	    ui->cols - 7, DRAW_DIM);
}

/* Hit i on rows y and y + 1. */
static void
search_draw_hit(struct search_screen *s, struct ui *ui, size_t i, int y)
{
	const struct search_display *d = s->have[i] ? &s->shown[i] : NULL;
	enum draw_role role = i == s->list.sel ? DRAW_SELECTED : DRAW_NORMAL;
	char *num, *label, *where, *name;
	size_t name_at, group_at, start = 0, end = 0;
	int x, w, in_group = 0;

	if (d == NULL)
		return;
	if (role == DRAW_SELECTED)
		draw_fill(ui, y, 1, DRAW_SELECTED);
	if (s->res.v[i].item == 0) {
		search_draw_domain(ui, &s->res.v[i], i, y, role);
		return;
	}
	num = xasprintf("%3zu  ", i + 1);
	x = 1 + draw_text(y, 1, num, ui->cols - 2, role);
	free(num);
	/*
	 * The publisher, right-aligned: placed by the columns it takes on
	 * screen, that is once sanitised (an escape sequence in the data
	 * takes none), as draw_text shows it.
	 */
	where = d->item.jurisdiction[0] != '\0' ? text_sanitise(
	    d->item.jurisdiction, strlen(d->item.jurisdiction), 0) :
	    xstrdup(_("Not stated"));
	w = (int)text_width(where, strlen(where));
	/*
	 * The name with its 一级事项 (政策法规文件（行政处罚）), the match
	 * marked in either: a match in the 一级事项 then needs no line of
	 * its own.
	 */
	name = element_item_name(d->item.level1, d->item.level2, NULL,
	    &name_at, &group_at);
	if (d->name_end > d->name_start) {
		start = name_at + d->name_start;
		end = name_at + d->name_end;
	} else if (d->field == SEARCH_FIELD_GROUP &&
	    group_at != ELEMENT_NOT_SHOWN) {
		start = group_at + d->start;
		end = group_at + d->end;
		in_group = 1;
	}
	search_draw_marked(y, x, name, start, end, ui->cols - x - 1 -
	    (w + 2 < ui->cols / 2 ? w + 2 : 0), role);
	free(name);
	if (w + 2 < ui->cols / 2)
		draw_text(y, ui->cols - 1 - w, where, w, role == DRAW_SELECTED ?
		    role : DRAW_DIM);
	free(where);
	if (d->field == SEARCH_FIELD_NAME || in_group) {
		draw_text(y + 1, 6, d->item.domain, ui->cols - 7, DRAW_DIM);
		return;
	}
	/* TRANSLATORS: an element's label before the text found in it. */
	label = xasprintf(_("%s: "), _(search_field_label(d->field)));
	x = 6 + draw_text(y + 1, 6, label, ui->cols - 7, DRAW_DIM);
	free(label);
	search_draw_marked(y + 1, x, d->text, d->start, d->end,
	    ui->cols - x - 1, DRAW_DIM);
}

/*
 * After the narrowing on row 2: what else was searched, so that results
 * the visitor did not type are explained.
 */
static void
search_draw_note(struct search_screen *s, struct ui *ui, int x)
{
	char *note, *also;

	if (x >= ui->cols - 4 || (s->res.also == NULL && !s->res.sound))
		return;
	also = s->res.also != NULL ? text_sanitise(s->res.also,
	    strlen(s->res.also), 0) : NULL;
	if (also != NULL && s->res.sound)
		/* TRANSLATORS: synonyms searched too; some found by sound. */
		note = xasprintf(_("Also searched: %s; found by sound"), also);
	else if (also != NULL)
		note = xasprintf(_("Also searched: %s"), also);
	else
		note = xstrdup(_("Found by sound"));
	draw_text(DRAW_BODY_TOP + 1, x, note, ui->cols - x - 1, DRAW_LABEL);
	free(note);
	free(also);
}

/*
 * Row 1: the query, and a folded keypad's button at its end; row 2: the
 * narrowing or how to search, and what else was searched.
 */
static void
search_draw_query(struct search_screen *s, struct ui *ui)
{
	const char *button = s->pad_open ? _("Hide keypad") : _("Keypad");
	char *line;
	int x, end = ui->cols - 2;

	if (s->folded) {
		line = xasprintf(" %s ", button);
		end = ui->cols - 2 - (int)text_width(line, strlen(line));
		draw_button(ui, DRAW_BODY_TOP, end + 1, line, KEY_KEYPAD,
		    DRAW_ACTIVE);
		end--;
		free(line);
	}
	x = 1 + draw_text(DRAW_BODY_TOP, 1, _("Search:"), end, DRAW_LABEL) + 1;
	/* The end of what was typed, so the cursor stays in view. */
	x += draw_text(DRAW_BODY_TOP, x, s->input + text_tail_cols(s->input,
	    s->len, (size_t)(end - x)), end - x, DRAW_NORMAL);
	draw_text(DRAW_BODY_TOP, x, " ", 1, DRAW_SELECTED);
	x = 1;
	if (s->scope_name != NULL) {
		line = xasprintf(s->scoped ? _("Only in %s (Tab: search "
		    "everything)") : _("In every domain (Tab: only in %s)"),
		    *s->scope_name != '\0' ? s->scope_name : _("this level"));
		x += draw_button(ui, DRAW_BODY_TOP + 1, 1, line, KEY_SCOPE,
		    s->scoped ? DRAW_ACTIVE : DRAW_DIM) + 2;
		free(line);
	}
	search_draw_note(s, ui, x);
}


/* What to do when there is nothing to show: never a blank screen. */
static void
search_draw_help(struct search_screen *s, struct ui *ui)
{
	struct text_lines lines;
	char *msg;
	size_t i;

	if (s->error != NULL)
		msg = xstrdup(s->error);
	else if (s->q.n == 0)
		msg = xstrdup(_("Type what you are looking for: Chinese "
		    "characters (最低生活保障), Traditional ones, pinyin "
		    "(zuidishenghuo) or its initials (zdsh)."));
	else
		msg = xasprintf(_("Nothing matches \"%s\". Try fewer "
		    "characters, another word, or pinyin initials (zdsh for "
		    "最低生活)%s."), s->input, s->scoped ?
		    _("; press Tab to search every domain") : "");
	if (text_wrap(msg, strlen(msg), (size_t)(ui->cols > 4 ? ui->cols - 4 :
	    1), &lines) == 0) {
		for (i = 0; i < lines.n && SEARCH_TOP + 1 + (int)i <
		    search_bottom(s, ui); i++)
			draw_text(SEARCH_TOP + 1 + (int)i, 2, lines.v[i],
			    ui->cols - 3, DRAW_NORMAL);
		text_lines_done(&lines);
	}
	free(msg);
}

static void
search_draw(void *state, struct ui *ui)
{
	static const struct draw_key keys[] = {
		{ "Esc", N_("Back"), SCREEN_ESC },
		{ "Enter", N_("Open"), '\r' },
		{ "↑↓", N_("Move"), 0 },
		{ "^U", N_("Clear"), KEY_ERASE_QUERY },
		{ "Tab", N_("Narrow"), KEY_SCOPE },	/* when narrowed */
	};
	struct search_screen *s = state;
	char *count = NULL;
	size_t i;

	if (s->q.n > 0)
		count = s->res.complete ? xasprintf(ngettext("%zu result",
		    "%zu results", s->res.total), s->res.total) :
		    xasprintf(_("%zu+ results"), s->res.total);
	draw_title(ui, _("Search"), count);
	free(count);
	search_draw_query(s, ui);
	/* Over the results, an opened keypad may leave room for no hit. */
	for (i = s->list.top; i < s->res.n && i < s->list.top +
	    (size_t)s->list.height && SEARCH_TOP + 2 * (int)(i - s->list.top) +
	    1 < search_bottom(s, ui); i++)
		search_draw_hit(s, ui, i, SEARCH_TOP + 2 * (int)(i - s->list.top));
	if (s->res.n == 0)
		search_draw_help(s, ui);
	keypad_draw(&s->pad, ui);
	draw_keybar(ui, keys, sizeof keys / sizeof keys[0] -
	    (s->scope_name == NULL ? 1 : 0));
}

/* A key that is text: any character but controls. */
static int
search_is_text(int key)
{
	return key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0) &&
	    key < SCREEN_KEY(0);
}

static int
search_type(struct search_screen *s, struct ui *ui, int key)
{
	if (search_append(s, key) != 0) {
		ui_status(ui, "%s", _("The query is as long as it can be."));
		s->full = 1;
		return SCREEN_REDRAW;
	}
	s->stale = 1;
	return SCREEN_REDRAW;
}

/* Backspace: one character off the end; on an empty query, back. */
static int
search_erase(struct search_screen *s, struct ui *ui)
{
	if (s->len == 0)
		return SCREEN_IGNORED;
	do
		s->len--;
	while (s->len > 0 && ((unsigned char)s->input[s->len] & 0xC0) == 0x80);
	s->input[s->len] = '\0';
	s->stale = 1;
	(void)ui;
	return SCREEN_REDRAW;
}

/* Run the query if keys were typed since it last ran. */
static int
search_settle(void *state, struct ui *ui)
{
	struct search_screen *s = state;

	if (!s->stale) {
		s->full = 0;
		return SCREEN_HANDLED;
	}
	s->stale = 0;
	search_update(s, ui);
	/* That the typing was refused matters more than what is searched. */
	if (s->full)
		ui_status(ui, "%s", _("The query is as long as it can be."));
	s->full = 0;
	return SCREEN_REDRAW;
}

static int
search_choose(struct search_screen *s, struct ui *ui)
{
	if (s->res.n == 0)
		return SCREEN_HANDLED;
	if (s->res.v[s->list.sel].item == 0) {
		if (ui->domain_screen == NULL)
			return SCREEN_HANDLED;
		ui_push(ui, ui->domain_screen, s->res.v[s->list.sel].domain);
		return SCREEN_REDRAW;
	}
	ui_push(ui, &screen_item, &s->res.v[s->list.sel].item);
	return SCREEN_REDRAW;
}

static int
search_key(void *state, struct ui *ui, int key)
{
	struct search_screen *s = state;
	int r;

	if (search_is_text(key))
		return search_type(s, ui, key);
	/* What comes next may need the results of what was typed. */
	switch (key) {
	case 0x7f:
	case '\b':
	case SCREEN_KEY(KEY_BACKSPACE):
	case KEYPAD_DELETE:
		break;
	default:
		search_settle(s, ui);
		break;
	}
	switch (key) {
	case 0x7f:
	case '\b':
	case SCREEN_KEY(KEY_BACKSPACE):
		return search_erase(s, ui);
	case KEYPAD_DELETE:
		/* Touching 删除 once too often must not leave the search. */
		if (s->len > 0)
			search_erase(s, ui);
		return SCREEN_REDRAW;
	case KEY_KEYPAD:
		s->pad_open = s->folded && !s->pad_open;
		search_resize(s, ui);
		return SCREEN_REDRAW;
	case KEYPAD_CLEAR:
	case KEY_ERASE_QUERY:
		s->len = 0;
		s->input[0] = '\0';
		search_update(s, ui);
		return SCREEN_REDRAW;
	case KEY_SCOPE:
		if (s->scope_name == NULL)
			return SCREEN_HANDLED;
		s->scoped = !s->scoped;
		search_update(s, ui);
		return SCREEN_REDRAW;
	case '\r':
	case '\n':
	case SCREEN_KEY(KEY_ENTER):
		return search_choose(s, ui);
	}
	r = list_key(&s->list, key);
	search_fetch(s, ui);
	return r;
}

static int
search_mouse(void *state, struct ui *ui, int y, int x, enum screen_button button)
{
	struct search_screen *s = state;
	int r, key;

	/* A key of the keypad; between its keys, nothing. */
	if (button == SCREEN_CLICK && s->pad.n > 0 && y >= s->pad.top) {
		if ((key = keypad_hit(&s->pad, y, x)) == 0)
			return SCREEN_HANDLED;
		return search_key(s, ui, key);
	}
	search_settle(s, ui);
	/* Below the last result drawn (an opened keypad may hide them all). */
	if (button == SCREEN_CLICK && y >= SEARCH_TOP + 2 * ((search_bottom(s,
	    ui) - SEARCH_TOP) / 2))
		return SCREEN_HANDLED;
	r = list_mouse(&s->list, y, SEARCH_TOP, 2, button);
	if (r == LIST_PICKED)
		return search_choose(s, ui);
	search_fetch(s, ui);
	return r;
}

const struct screen screen_search = {
	.name = "search",
	.enter = search_enter,
	.leave = search_leave,
	.draw = search_draw,
	.key = search_key,
	.mouse = search_mouse,
	.resize = search_resize,
	.settle = search_settle,
};
