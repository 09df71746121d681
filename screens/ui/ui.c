#include <config.h>

#include <curses.h>	/* KEY_* names only: this file draws nothing */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "i18n/i18n.h"
#include "screens/ui/ui.h"

void
ui_init(struct ui *ui, struct catalogue *cat, const struct screen *home,
    int allow_quit)
{
	memset(ui, 0, sizeof *ui);
	ui->cat = cat;
	ui->home = home;
	ui->allow_quit = allow_quit;
	ui->spacing = 1;
	ui->dirty = 1;
}

int
ui_input_char(unsigned long c)
{
	if (c > 0x10ffff)
		return 0;
	if (c >= 0xd800 && c <= 0xdfff)
		return 0;
	if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe)
		return 0;
	return 1;
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

const struct screen *
ui_top(const struct ui *ui)
{
	return ui->depth > 0 ? ui->stack[ui->depth - 1].screen : NULL;
}

int
ui_reset(struct ui *ui)
{
	ui_done(ui);
	ui->status[0] = '\0';
	ui->countdown = 0;
	ui->nbuttons = 0;
	ui->touch_pressed = 0;
	/* Every cell: nothing of the last screen may linger. */
	ui->repaint = 1;
	ui->dirty = 1;
	return ui_push(ui, ui->home, NULL);
}

int
ui_visible(const struct ui *ui, int rows)
{
	int n = (rows + ui->spacing - 1) / ui->spacing;

	return n > 0 ? n : 1;
}

void
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
	/* Frees every screen: nothing after this may touch the old top. */
	if (key == UI_KEY_NEW_VISITOR && ui->new_visitor != NULL) {
		ui->new_visitor(ui->new_visitor_ctx);
		return;
	}
	r = ui->stack[ui->depth - 1].screen->key(ui->stack[ui->depth - 1].state,
	    ui, key);
	if (r & SCREEN_REDRAW)
		ui->dirty = 1;
	if (r == SCREEN_IGNORED && ui->shared_key != NULL)
		ui->shared_key(ui, key);
}

void
ui_settle(struct ui *ui)
{
	const struct screen *top;

	if (ui->depth == 0)
		return;
	top = ui->stack[ui->depth - 1].screen;
	if (top->settle != NULL &&
	    (top->settle(ui->stack[ui->depth - 1].state, ui) & SCREEN_REDRAW))
		ui->dirty = 1;
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
	for (i = 0; i < SCREEN_WHEEL_STEP; i++)
		ui_key(ui, SCREEN_KEY(button == SCREEN_WHEEL_UP ? KEY_UP : KEY_DOWN));
}

void
ui_touch(struct ui *ui, int y, int x, enum ui_touch what)
{
	int same = ui->touch_pressed && y == ui->touch_y && x == ui->touch_x;

	switch (what) {
	case UI_TOUCH_PRESS:
		ui->touch_pressed = 1;
		ui->touch_y = y;
		ui->touch_x = x;
		ui_mouse(ui, y, x, SCREEN_CLICK);
		break;
	case UI_TOUCH_RELEASE:
		/* A click may still come for this touch: keep its press. */
		break;
	case UI_TOUCH_CLICK:
		ui->touch_pressed = 0;
		if (!same)
			ui_mouse(ui, y, x, SCREEN_CLICK);
		break;
	}
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
