#include <config.h>

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n/i18n.h"
#include "screens/ui/draw.h"
#include "screens/ui/screen.h"

void
ui_init(struct ui *ui, struct catalogue *cat, int allow_quit)
{
	memset(ui, 0, sizeof *ui);
	ui->cat = cat;
	ui->allow_quit = allow_quit;
	ui->spacing = 1;
	ui->dirty = 1;
}

static void
ui_pop(struct ui *ui)
{
	ui->depth--;
	ui->stack[ui->depth].screen->leave(ui->stack[ui->depth].state);
	ui->stack[ui->depth].screen = NULL;
	ui->stack[ui->depth].state = NULL;
}

void
ui_done(struct ui *ui)
{
	while (ui->depth > 0)
		ui_pop(ui);
}

int
ui_push(struct ui *ui, const struct screen *screen, const void *arg)
{
	void *state;

	if (ui->depth == UI_STACK_MAX) {
		ui_status(ui, "%s", _("Too many screens open; press Esc to go back."));
		return -1;
	}
	/* enter() reports its own failure on the status line. */
	if ((state = screen->enter(ui, arg)) == NULL)
		return -1;
	ui->stack[ui->depth].screen = screen;
	ui->stack[ui->depth].state = state;
	ui->depth++;
	ui->dirty = 1;
	return 0;
}

void
ui_back(struct ui *ui)
{
	const struct screen *top;

	if (ui->depth <= 1)
		return;
	ui_pop(ui);
	top = ui->stack[ui->depth - 1].screen;
	/* The window may have changed size while the screen was covered. */
	if (top->resize != NULL)
		top->resize(ui->stack[ui->depth - 1].state, ui);
	if (top->resume != NULL)
		top->resume(ui->stack[ui->depth - 1].state, ui);
	ui->dirty = 1;
}

int
ui_reset(struct ui *ui)
{
	ui_done(ui);
	ui->status[0] = '\0';
	ui->countdown = 0;
	ui->nbuttons = 0;
	/* Repaint every cell: nothing of the last screen may linger. */
	clearok(curscr, TRUE);
	ui->dirty = 1;
	return ui_push(ui, &screen_home, NULL);
}

int
ui_visible(const struct ui *ui, int rows)
{
	int n = (rows + ui->spacing - 1) / ui->spacing;

	return n > 0 ? n : 1;
}

/* The PIN was right: leave the kiosk. */
static void
ui_quit_granted(struct ui *ui)
{
	ui->quit = 1;
}

/* F10: plain mode leaves; kiosk mode asks for the staff PIN first. */
static void
ui_leave(struct ui *ui)
{
	static struct pin_request leave = { NULL, ui_quit_granted };

	if (ui->allow_quit) {
		ui->quit = 1;
		return;
	}
	leave.title = N_("Staff PIN to close the kiosk");
	ui_push(ui, &screen_pin, &leave);
}

/* The PIN was right: the staff screen. */
static void
ui_staff_granted(struct ui *ui)
{
	ui_push(ui, &screen_staff, ui->staff);
}

/* F9: the staff screen, after the staff PIN, in either mode. */
static void
ui_staff(struct ui *ui)
{
	static struct pin_request staff = { NULL, ui_staff_granted };

	if (ui->staff == NULL)
		return;
	staff.title = _("Staff PIN for the catalogue refresh");
	ui_push(ui, &screen_pin, &staff);
}

/* F2: large text on and off; every screen lays itself out again. */
static void
ui_large_text(struct ui *ui)
{
	ui->spacing = ui->spacing == 1 ? 2 : 1;
	ui_resize(ui, ui->rows, ui->cols);
}

void
ui_next_language(struct ui *ui)
{
	i18n_set_language(i18n_next_language());
	/* A message in the old language would linger; start afresh. */
	ui->status[0] = '\0';
	ui_resize(ui, ui->rows, ui->cols);
}

void
ui_status(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->status, sizeof ui->status, fmt, ap);
	va_end(ap);
	ui->dirty = 1;
}

int
ui_print_over_limit(struct ui *ui, const struct ui_print *p, size_t npages)
{
	int left = ui_print_left(p);

	if (left < 0 || npages <= (size_t)left)
		return 0;
	ui_status(ui, ngettext("This printout has %zu page; pages you may "
	    "still print now: %d.", "This printout has %zu pages; pages you "
	    "may still print now: %d.", npages), npages, left);
	return 1;
}

void
ui_button(struct ui *ui, int y, int x0, int x1, int key)
{
	struct ui_button *b;

	if (ui->nbuttons == UI_BUTTONS_MAX || x1 <= x0)
		return;
	b = &ui->buttons[ui->nbuttons++];
	b->y = y;
	b->x0 = x0;
	b->x1 = x1;
	b->key = key;
}

/* Keys every screen shares, tried when the top screen ignores a key. */
static void
ui_key_global(struct ui *ui, int key)
{
	const struct screen *top = ui->stack[ui->depth - 1].screen;

	switch (key) {
	case SCREEN_ESC:
	case 0x7f:
	case '\b':
	case SCREEN_KEY(KEY_BACKSPACE):
		ui_back(ui);
		break;
	case '?':
	case SCREEN_KEY(KEY_F(1)):
		if (top != &screen_help)
			ui_push(ui, &screen_help, NULL);
		break;
	case 'h':
		while (ui->depth > 1)
			ui_back(ui);
		break;
	case SCREEN_KEY(KEY_F(2)):
		ui_large_text(ui);
		break;
	case SCREEN_KEY(KEY_F(3)):
		if (ui->next_theme != NULL)
			ui->next_theme(ui->theme_ctx);
		ui->dirty = 1;
		break;
	case SCREEN_KEY(KEY_F(10)):
		if (top != &screen_pin)
			ui_leave(ui);
		break;
	case '/':
		if (top != &screen_search)
			ui_push(ui, &screen_search, NULL);
		break;
	case SCREEN_KEY(KEY_F(9)):
		if (top != &screen_pin && top != &screen_staff)
			ui_staff(ui);
		break;

	default:
		break;
	}
}

void
ui_key(struct ui *ui, int key)
{
	int r;

	if (ui->depth == 0)
		return;
	if (ui->status[0] != '\0') {
		ui->status[0] = '\0';
		ui->dirty = 1;
	}
	/* Before the screen: every screen, a PIN pad or a search too. */
	if (key == UI_KEY_LANGUAGE) {
		ui_next_language(ui);
		return;
	}
	r = ui->stack[ui->depth - 1].screen->key(ui->stack[ui->depth - 1].state,
	    ui, key);
	if (r & SCREEN_REDRAW)
		ui->dirty = 1;
	if (r == SCREEN_IGNORED)
		ui_key_global(ui, key);
}

void
ui_mouse(struct ui *ui, int y, int x, enum screen_button button)
{
	const struct screen *top;
	int i, r = SCREEN_IGNORED;

	if (ui->depth == 0)
		return;
	if (button == SCREEN_CLICK) {
		for (i = 0; i < ui->nbuttons; i++) {
			if (ui->buttons[i].y == y && x >= ui->buttons[i].x0 &&
			    x < ui->buttons[i].x1) {
				ui_key(ui, ui->buttons[i].key);
				return;
			}
		}
	}
	top = ui->stack[ui->depth - 1].screen;
	if (top->mouse != NULL)
		r = top->mouse(ui->stack[ui->depth - 1].state, ui, y, x, button);
	if (r & SCREEN_REDRAW)
		ui->dirty = 1;
	if (r != SCREEN_IGNORED || button == SCREEN_CLICK)
		return;
	for (i = 0; i < 3; i++)
		ui_key(ui, SCREEN_KEY(button == SCREEN_WHEEL_UP ? KEY_UP : KEY_DOWN));
}

void
ui_resize(struct ui *ui, int rows, int cols)
{
	int i;

	ui->rows = rows;
	ui->cols = cols;
	for (i = 0; i < ui->depth; i++) {
		if (ui->stack[i].screen->resize != NULL)
			ui->stack[i].screen->resize(ui->stack[i].state, ui);
	}
	ui->dirty = 1;
}

void
ui_draw(struct ui *ui)
{
	char msg[256];

	if (!ui->dirty || ui->depth == 0)
		return;
	erase();
	ui->nbuttons = 0;
	ui->stack[ui->depth - 1].screen->draw(ui->stack[ui->depth - 1].state, ui);
	if (ui->status[0] != '\0')
		draw_status(ui, ui->status);
	if (ui->countdown > 0) {
		snprintf(msg, sizeof msg, _("Back to the home screen in %d s. "
		    "Press any key to stay."), ui->countdown);
		draw_notice(ui, msg);
	}
	ui->dirty = 0;
}

void
ui_busy(struct ui *ui, const char *message)
{
	ui_status(ui, "%s", message);
	ui_draw(ui);
	refresh();
}
