/*
 * Help: the keys and what the catalogue's terms mean, wrapped to the
 * window and scrolled like the item page.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "screens/screens.h"
#include "screens/ui/draw.h"
#include "screens/ui/ui.h"

/* A key and what it does; a NULL key makes a heading. */
static const struct {
	const char	*key;
	const char	*what;
} help_entries[] = {
	{ NULL, N_("Moving around") },
	{ "↑ ↓ ← →", N_("move the selection") },
	{ "Enter", N_("open the selected domain or item") },
	{ "Esc, Backspace", N_("go back one screen") },
	{ "h", N_("go back to the home screen") },
	{ "PgUp PgDn", N_("one page up or down") },
	{ "Home End", N_("first or last line") },
	{ "0-9", N_("type a number to jump to that domain or item") },
	{ "? F1", N_("this help") },
	{ "F2", N_("large text on or off") },
	{ "F3", N_("colours: normal, high contrast, black and white") },
	{ "F4", N_("language: 简体中文, 繁體中文, English") },
	{ "F12", N_("new visitor: back to a fresh home screen") },
	{ "F10", N_("close the kiosk (staff PIN in kiosk mode)") },
	{ "t", N_("on the home screen: the hot items (热点事项)") },
	{ "/", N_("search: type Chinese characters, Traditional ones, pinyin "
	    "or pinyin initials; the results follow every key") },
	{ "a-z", N_("on the home screen and in a domain, typing a letter or a "
	    "Chinese character starts a search with it, but for the keys "
	    "these screens use (t and q at home; h, l and j in a domain; "
	    "digits jump by number)") },
	{ NULL, N_("Searching") },
	{ "", N_("Every key you type is part of the search, letters and "
	    "digits too. ↑ ↓ choose a result, Enter opens it, Backspace "
	    "deletes a character, Ctrl-U clears the search, Esc goes back.") },
	{ "", N_("No keyboard? Touch the keys of the keypad under the "
	    "results: letters, digits, Del, Clear, Space. On a small window "
	    "it is folded away: touch Keypad at the end of the search line to "
	    "open it over the results, and Hide keypad to see them again.") },
	{ "Tab", N_("search everything, or again only the domain and level "
	    "you were browsing") },
	{ "", N_("Results whose name is what you typed come first, then names "
	    "that begin with it, then names that contain it, then items that "
	    "mention it elsewhere (content, basis, who publishes).") },
	{ "F9", N_("staff: load a new catalogue, roll back (staff PIN)") },
	{ NULL, N_("In a domain") },
	{ "l", N_("show items of one level: county (县级), township (乡级), "
	    "village (村级), or those whose level the source does not state") },
	{ "j", N_("show items published by one government only") },
	{ NULL, N_("Touch and mouse") },
	{ "", N_("Touch a domain, an item, a filter or a key in the bottom bar "
	    "to use it; scroll with the wheel.") },
	{ NULL, N_("Reading an item") },
	{ "p", N_("print the item, where this terminal has a printer: a preview "
	    "of the pages first; Enter prints, Esc cancels") },
	{ "", N_("\"Not stated\" means the published catalogue does not say; "
	    "it does not mean \"no\".") },
	{ "c", N_("take the item home: a QR code of the address where it was "
	    "published, to scan with your phone") },
	{ "y n", N_("was this useful? y: useful (有用), n: not useful (没用). "
	    "Only counts are kept, nothing about you.") },
};

struct help_screen {
	struct text_lines	 lines;
	char			*roles;	/* one enum draw_role per line */
	size_t			 top;
};

static void
help_add(struct help_screen *h, const char *text, int width, enum draw_role role)
{
	struct text_lines more;
	size_t i;

	if (text_wrap(text, strlen(text), width > 0 ? (size_t)width : 1, &more) != 0)
		return;
	h->lines.v = xreallocarray(h->lines.v, h->lines.n + more.n + 1,
	    sizeof *h->lines.v);
	h->roles = xreallocarray(h->roles, h->lines.n + more.n + 1, 1);
	for (i = 0; i < more.n; i++) {
		h->roles[h->lines.n] = (char)role;
		h->lines.v[h->lines.n++] = more.v[i];
		more.v[i] = NULL;
	}
	text_lines_done(&more);
}

static void
help_layout(struct help_screen *h, const struct ui *ui)
{
	size_t i;
	char *line;

	text_lines_done(&h->lines);
	for (i = 0; i < sizeof help_entries / sizeof help_entries[0]; i++) {
		if (help_entries[i].key == NULL) {
			if (i > 0)
				help_add(h, " ", ui->cols - 2, DRAW_NORMAL);
			help_add(h, _(help_entries[i].what), ui->cols - 2,
			    DRAW_HEADING);
			continue;
		}
		line = help_entries[i].key[0] == '\0' ?
		    xstrdup(_(help_entries[i].what)) :
		    xasprintf("%s  %s", help_entries[i].key, _(help_entries[i].what));
		help_add(h, line, ui->cols - 2, DRAW_NORMAL);
		free(line);
	}
	if (h->top >= h->lines.n)
		h->top = 0;
}

static void *
help_enter(struct ui *ui, const void *arg)
{
	struct help_screen *h = xcalloc(1, sizeof *h);

	(void)arg;
	help_layout(h, ui);
	return h;
}

static void
help_leave(void *state)
{
	struct help_screen *h = state;

	text_lines_done(&h->lines);
	free(h->roles);
	free(h);
}

static void
help_resize(void *state, struct ui *ui)
{
	help_layout(state, ui);
}

static void
help_draw(void *state, struct ui *ui)
{
	static const struct draw_key keys[] = {
		{ "Esc", N_("Back"), SCREEN_ESC },
		{ "/", N_("Search"), '/' },
		{ "↑↓", N_("Scroll"), 0 },
	};
	struct help_screen *h = state;
	int i, rows = ui_visible(ui, draw_body_rows(ui));

	draw_title(ui, _("Help"), NULL);
	for (i = 0; i < rows && h->top + (size_t)i < h->lines.n; i++)
		draw_text(DRAW_BODY_TOP + i * ui->spacing, 1,
		    h->lines.v[h->top + (size_t)i], ui->cols - 2,
		    (enum draw_role)h->roles[h->top + (size_t)i]);
	draw_keybar(ui, keys, sizeof keys / sizeof keys[0]);
}

static int
help_key(void *state, struct ui *ui, int key)
{
	struct help_screen *h = state;
	size_t rows = (size_t)ui_visible(ui, draw_body_rows(ui));
	size_t last = h->lines.n > rows ? h->lines.n - rows : 0;

	switch (key) {
	case SCREEN_KEY(KEY_UP):
	case SCREEN_KEY(KEY_PPAGE):
		h->top = key == SCREEN_KEY(KEY_UP) ? (h->top ? h->top - 1 : 0) :
		    (h->top > rows ? h->top - rows : 0);
		return SCREEN_REDRAW;
	case SCREEN_KEY(KEY_DOWN):
	case SCREEN_KEY(KEY_NPAGE):
	case ' ':
		h->top += key == SCREEN_KEY(KEY_DOWN) ? 1 : rows;
		if (h->top > last)
			h->top = last;
		return SCREEN_REDRAW;
	case SCREEN_KEY(KEY_HOME):
		h->top = 0;
		return SCREEN_REDRAW;
	case SCREEN_KEY(KEY_END):
		h->top = last;
		return SCREEN_REDRAW;
	}
	return SCREEN_IGNORED;
}

const struct screen screen_help = {
	.name = "help",
	.enter = help_enter,
	.leave = help_leave,
	.draw = help_draw,
	.key = help_key,
	.resize = help_resize,
};
