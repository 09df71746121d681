#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "screens/ui/draw.h"
#include "screens/ui/ui.h"

static attr_t draw_attrs[DRAW_ROLES];

/*
 * Use the theme's row of theme_table: one colour pair per role (numbered
 * after the theme and the role, so switching back and forth never runs
 * out), and the background of the whole window is the normal role's.
 */
static void
draw_theme(enum draw_theme theme)
{
	const struct theme_look *look;
	short pair;
	int r;

	for (r = 0; r < DRAW_ROLES; r++) {
		look = &theme_table[theme][r];
		draw_attrs[r] = A_NORMAL;
		if (look->attrs & THEME_BOLD)
			draw_attrs[r] |= A_BOLD;
		if (look->attrs & THEME_REVERSE)
			draw_attrs[r] |= A_REVERSE;
		if (look->attrs & THEME_UNDERLINE)
			draw_attrs[r] |= A_UNDERLINE;
		if (look->fg == THEME_DEFAULT && look->bg == THEME_DEFAULT)
			continue;
		pair = (short)(1 + theme * DRAW_ROLES + r);
		init_pair(pair, look->fg, look->bg);
		draw_attrs[r] |= COLOR_PAIR(pair);
	}
	bkgdset((draw_attrs[DRAW_NORMAL] & A_COLOR) | ' ');
}

enum draw_theme
draw_init(enum draw_theme theme)
{
	static int colours = -1;

	if (colours == -1)
		colours = has_colors() && start_color() != ERR &&
		    use_default_colors() != ERR;
	if (!colours || (int)theme < 0 || (int)theme >= DRAW_THEMES)
		theme = colours ? DRAW_THEME_NORMAL : DRAW_THEME_MONO;
	draw_theme(theme);
	return theme;
}

int
draw_body_rows(const struct ui *ui)
{
	int n = ui->rows - 3;

	return n > 0 ? n : 1;
}

/*
 * With ambiguous characters set to two columns the terminal and curses
 * (which uses the C library's wcwidth) disagree on where text ends, so
 * place each character at the column we computed.
 */
static int
draw_placed(int y, int x, const char *s)
{
	const char *p = s, *next;
	int cols = 0, w;

	while (*p != '\0') {
		next = p + 1;
		while ((*next & 0xc0) == 0x80)
			next++;
		w = (int)text_width(p, (size_t)(next - p));
		if (w > 0)
			mvaddnstr(y, x + cols, p, (int)(next - p));
		else if (cols > 0)	/* combining mark: joins the cell before */
			addnstr(p, (int)(next - p));
		cols += w;
		p = next;
	}
	return cols;
}

int
draw_text(int y, int x, const char *s, int maxcols, enum draw_role role)
{
	char *clean, *buf;
	size_t len, cols = 0;

	if (maxcols <= 0 || s == NULL)
		return 0;
	clean = text_sanitise(s, strlen(s), 0);
	len = strlen(clean) + 1;
	buf = xmalloc(len);
	text_copy_cols(buf, len, clean, len - 1, (size_t)maxcols, &cols);
	attrset(draw_attrs[role]);
	if (text_ambiguous_width() == 2)
		draw_placed(y, x, buf);
	else
		mvaddstr(y, x, buf);
	attrset(A_NORMAL);
	free(buf);
	free(clean);
	return (int)cols;
}

void
draw_fill(struct ui *ui, int y, int x, enum draw_role role)
{
	if (x >= ui->cols)
		return;
	attrset(draw_attrs[role]);
	mvhline(y, x, ' ', ui->cols - x);
	attrset(A_NORMAL);
}

void
draw_title(struct ui *ui, const char *title, const char *extra)
{
	int used, w;

	draw_fill(ui, 0, 0, DRAW_BAR);
	used = 1 + draw_text(0, 1, title, ui->cols - 2, DRAW_BAR);
	if (extra == NULL)
		return;
	w = (int)text_width(extra, strlen(extra));
	if (used + 2 + w < ui->cols)
		draw_text(0, ui->cols - 1 - w, extra, w, DRAW_BAR);
}

int
draw_button(struct ui *ui, int y, int x, const char *label, int key,
    enum draw_role role)
{
	int w = draw_text(y, x, label, ui->cols - x, role);
	struct ui_button *b;

	/* ui_mouse turns a click inside it into key. */
	if (ui->nbuttons < UI_BUTTONS_MAX && w > 0) {
		b = &ui->buttons[ui->nbuttons++];
		b->y = y;
		b->x0 = x;
		b->x1 = x + w;
		b->key = key;
	}
	return w;
}

/*
 * The language key at the right end of the bar, named by the language it
 * switches to in that language, for those who cannot read this one. It
 * is kept before the screen's own keys; returns the columns it left.
 */
static int
draw_language_key(struct ui *ui, int y)
{
	char *entry = xasprintf("F4 %s", i18n_language_name(i18n_next_language()));
	int need = (int)text_width(entry, strlen(entry)), x = ui->cols - 1 - need;

	if (x >= 1)
		draw_button(ui, y, x, entry, UI_KEY_LANGUAGE, DRAW_BAR);
	free(entry);
	return x >= 1 ? x - 2 : ui->cols - 1;
}

/* The screen's keys that come before the shared ones on a narrow bar. */
#define DRAW_KEYS_FIRST	3

/* The columns of a key-bar entry and the two after it. */
static int
draw_key_cols(const struct draw_key *k)
{
	char *entry = xasprintf("%s %s", k->name, _(k->label));
	int w = (int)text_width(entry, strlen(entry)) + 2;

	free(entry);
	return w;
}

/* Draw one entry at x; returns the column after it and its gap. */
static int
draw_key_at(struct ui *ui, int y, int x, const struct draw_key *k)
{
	char *entry = xasprintf("%s %s", k->name, _(k->label));

	x += draw_button(ui, y, x, entry, k->key, DRAW_BAR) + 2;
	free(entry);
	return x;
}

/*
 * The screen's keys from the left; on the right, before the language key,
 * the keys every screen shares for those who need them: large text,
 * colours, a new visitor. A narrow bar keeps the screen's first
 * DRAW_KEYS_FIRST buttons, then the shared ones (F2 before F3 before F12),
 * then the screen's other buttons as they fit, then the keys that are only
 * hints (no button: ↑↓ …).
 */
void
draw_keybar(struct ui *ui, const struct draw_key *keys, size_t n)
{
	static const struct draw_key shared[] = {
		{ "F2", N_("Large text"), SCREEN_KEY(KEY_F(2)) },
		{ "F3", N_("Colours"), SCREEN_KEY(KEY_F(3)) },
		{ "F12", N_("Start over"), UI_KEY_NEW_VISITOR },
	};
	int y = ui->rows - 1, x = 1, limit, rest = 0, sw = 0, nshared = 0, w;
	int first = 0;
	size_t i;

	draw_fill(ui, y, 0, DRAW_BAR);
	/* Entries with the two columns after them end by limit. */
	limit = draw_language_key(ui, y) + 2;
	for (i = 0; i < n && first < DRAW_KEYS_FIRST; i++) {
		if (keys[i].key != 0) {
			rest += draw_key_cols(&keys[i]);
			first++;
		}
	}
	while (nshared < 3 && x + rest + sw +
	    draw_key_cols(&shared[nshared]) <= limit)
		sw += draw_key_cols(&shared[nshared++]);
	/* The shared keys, right-aligned against the language key. */
	limit -= sw;
	for (i = 0, w = limit; i < (size_t)nshared; i++)
		w = draw_key_at(ui, y, w, &shared[i]);
	for (i = 0, first = 0; i < n; i++) {
		w = draw_key_cols(&keys[i]);
		/* Another key only where the first buttons after it still fit. */
		if (keys[i].key != 0 && first < DRAW_KEYS_FIRST) {
			first++;
			rest -= w;
		} else if (x + w + rest > limit)
			continue;
		if (x + w > limit)
			continue;
		x = draw_key_at(ui, y, x, &keys[i]);
	}
}

/*
 * A box in the middle of the window holding message and extra rows under
 * it, at least minw columns wide inside. *by is the first row after the
 * message, *bx its column, *bw the inside width; -1 in *by: none drawn.
 */
static void
draw_box(struct ui *ui, const char *message, int minw, int extra, int *by,
    int *bx, int *bw)
{
	struct text_lines lines;
	int width = ui->cols - 6, y, x, i, w = minw, rows;

	*by = -1;
	if (width < 1 || text_wrap(message, strlen(message), (size_t)width,
	    &lines) != 0)
		return;
	for (i = 0; i < (int)lines.n; i++) {
		if ((int)text_width(lines.v[i], strlen(lines.v[i])) > w)
			w = (int)text_width(lines.v[i], strlen(lines.v[i]));
	}
	if (w > width)
		w = width;
	rows = (int)lines.n + extra;
	y = (ui->rows - rows - 2) / 2;
	x = (ui->cols - w - 4) / 2;
	for (i = -1; i <= rows; i++) {
		attrset(draw_attrs[DRAW_BAR]);
		mvhline(y + 1 + i, x, ' ', w + 4);
		if (i >= 0 && i < (int)lines.n)
			draw_text(y + 1 + i, x + 2, lines.v[i], w, DRAW_BAR);
	}
	attrset(A_NORMAL);
	*by = y + 1 + (int)lines.n;
	*bx = x + 2;
	*bw = w;
	text_lines_done(&lines);
}

void
draw_notice(struct ui *ui, const char *message)
{
	int by, bx, bw;

	draw_box(ui, message, 0, 0, &by, &bx, &bw);
}

void
draw_question(struct ui *ui, const char *message, const struct draw_key *keys,
    size_t n)
{
	char *label;
	int by, bx, bw, w = 0, x;
	size_t i;

	for (i = 0; i < n; i++) {
		label = xasprintf("[ %s ]", _(keys[i].label));
		w += (int)text_width(label, strlen(label)) + (i > 0 ? 2 : 0);
		free(label);
	}
	/* A blank row, then the buttons, centred in the box. */
	draw_box(ui, message, w, 2, &by, &bx, &bw);
	if (by < 0)
		return;
	x = bx + (bw > w ? (bw - w) / 2 : 0);
	for (i = 0; i < n; i++) {
		label = xasprintf("[ %s ]", _(keys[i].label));
		x += draw_button(ui, by + 1, x, label, keys[i].key,
		    DRAW_ACTIVE) + 2;
		free(label);
	}
}

void
draw_status(struct ui *ui, const char *message)
{
	int y = ui->rows - 2;

	if (y <= DRAW_BODY_TOP)
		return;
	move(y, 0);
	clrtoeol();
	draw_text(y, 1, message, ui->cols - 2, DRAW_HEADING);
}

void
draw_frame(struct ui *ui)
{
	char msg[256];

	if (!ui->dirty || ui->depth == 0)
		return;
	if (ui->repaint)
		clearok(curscr, TRUE);
	erase();
	ui->nbuttons = 0;
	ui->stack[ui->depth - 1].screen->draw(ui->stack[ui->depth - 1].state, ui);
	if (ui->status[0] != '\0')
		draw_status(ui, ui->status);
	if (ui->countdown > 0) {
		snprintf(msg, sizeof msg, ui->touch ?
		    _("Back to the home screen in %d s. Touch the screen or "
		    "press any key to continue.") :
		    _("Back to the home screen in %d s. Press any key to "
		    "continue."), ui->countdown);
		draw_notice(ui, msg);
	}
	ui->dirty = 0;
	ui->repaint = 0;
}

void
draw_busy(struct ui *ui, const char *message)
{
	ui_status(ui, "%s", message);
	draw_frame(ui);
	refresh();
}
