/*
 * Asking for the staff PIN: digits typed or touched on an on-screen
 * keypad, shown as stars; the kiosk checks it (and slows down guessing).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "lib/xmalloc.h"
#include "screens/screens.h"
#include "screens/ui/draw.h"
#include "screens/ui/services.h"
#include "screens/ui/ui.h"

#define PIN_SCREEN_MAX	12
#define KEY_PAD_DELETE	SCREEN_KEY(KEY_MAX + 20)
#define KEY_PAD_OK	SCREEN_KEY(KEY_MAX + 21)

struct pin_screen {
	struct pin_request	 req;
	char			 pin[PIN_SCREEN_MAX + 1];
	size_t			 n;
	char			 message[160];
};

static void *
pin_enter(struct ui *ui, const void *arg)
{
	struct pin_screen *p = xcalloc(1, sizeof *p);

	(void)ui;
	p->req = *(const struct pin_request *)arg;
	return p;
}

static void
pin_leave(void *state)
{
	struct pin_screen *p = state;

	/* The PIN must not stay in memory for the next visitor to find. */
	explicit_bzero(p, sizeof *p);
	free(p);
}

static void
pin_draw_keypad(struct ui *ui, int y)
{
	static const char digits[] = "1234567890";
	char label[4];
	int x = 2, i;

	for (i = 0; digits[i] != '\0' && x + 3 < ui->cols; i++) {
		label[0] = ' ';
		label[1] = digits[i];
		label[2] = ' ';
		label[3] = '\0';
		x += draw_button(ui, y, x, label, digits[i], DRAW_ACTIVE) + 1;
	}
	y += 2;
	x = 2;
	x += draw_button(ui, y, x, _(" Delete "), KEY_PAD_DELETE, DRAW_ACTIVE) + 2;
	draw_button(ui, y, x, _(" OK "), KEY_PAD_OK, DRAW_ACTIVE);
}

static void
pin_draw(void *state, struct ui *ui)
{
	static const struct draw_key keys[] = {
		{ "Esc", N_("Cancel"), SCREEN_ESC },
		{ "Enter", N_("OK"), '\r' },
	};
	struct pin_screen *p = state;
	char stars[2 * PIN_SCREEN_MAX + 1];
	size_t i;

	for (i = 0; i < p->n; i++) {
		stars[2 * i] = '*';
		stars[2 * i + 1] = ' ';
	}
	stars[2 * p->n] = '\0';
	draw_title(ui, _("Staff"), NULL);
	draw_text(DRAW_BODY_TOP + 1, 2, _(p->req.title), ui->cols - 3,
	    DRAW_HEADING);
	draw_text(DRAW_BODY_TOP + 3, 2, _("PIN:"), ui->cols - 3, DRAW_LABEL);
	draw_text(DRAW_BODY_TOP + 3, 8, stars, ui->cols - 9, DRAW_NORMAL);
	if (ui->rows >= 12)
		pin_draw_keypad(ui, DRAW_BODY_TOP + 5);
	if (p->message[0] != '\0')
		draw_status(ui, p->message);
	draw_keybar(ui, keys, sizeof keys / sizeof keys[0]);
}

static int
pin_submit(struct pin_screen *p, struct ui *ui)
{
	void (*granted)(struct ui *) = p->req.granted;
	long long wait = 0;
	int r = ui->check_pin != NULL ?
	    ui->check_pin(ui->pin_ctx, p->pin, &wait) : UI_PIN_NONE;

	explicit_bzero(p->pin, sizeof p->pin);
	p->n = 0;
	if (r == UI_PIN_RIGHT) {
		ui_back(ui);	/* frees p */
		granted(ui);
		return SCREEN_REDRAW;
	}
	if (r == UI_PIN_LOCKED)
		snprintf(p->message, sizeof p->message,
		    _("Too many wrong PINs. Try again in %lld s."), wait);
	else if (r == UI_PIN_NONE)
		snprintf(p->message, sizeof p->message, "%s",
		    _("No staff PIN is set on this terminal."));
	else
		snprintf(p->message, sizeof p->message, "%s", _("Wrong PIN."));
	return SCREEN_REDRAW;
}

static int
pin_key(void *state, struct ui *ui, int key)
{
	struct pin_screen *p = state;

	if (key >= '0' && key <= '9') {
		if (p->n < PIN_SCREEN_MAX)
			p->pin[p->n++] = (char)key;
		p->message[0] = '\0';
		return SCREEN_REDRAW;
	}
	switch (key) {
	case 0x7f:
	case '\b':
	case SCREEN_KEY(KEY_BACKSPACE):
	case KEY_PAD_DELETE:
		if (p->n > 0)
			p->pin[--p->n] = '\0';
		return SCREEN_REDRAW;
	case '\r':
	case '\n':
	case SCREEN_KEY(KEY_ENTER):
	case KEY_PAD_OK:
		return pin_submit(p, ui);
	case SCREEN_ESC:
		return SCREEN_IGNORED;	/* back */
	}
	/* Nothing else may reach the screens below from here. */
	return SCREEN_HANDLED;
}

const struct screen screen_pin = {
	.name = "pin",
	.enter = pin_enter,
	.leave = pin_leave,
	.draw = pin_draw,
	.key = pin_key,
};
