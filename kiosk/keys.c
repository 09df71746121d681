#include <config.h>

#include <curses.h>

#include "i18n/i18n.h"
#include "kiosk/keys.h"
#include "screens/screens.h"
#include "screens/ui/ui.h"

/* The PIN was right: leave the kiosk. */
static void
keys_quit_granted(struct ui *ui)
{
	ui->quit = 1;
}

/* F10: plain mode leaves; kiosk mode asks for the staff PIN first. */
static void
keys_leave(struct ui *ui)
{
	static struct pin_request leave = { NULL, keys_quit_granted };

	if (ui->allow_quit) {
		ui->quit = 1;
		return;
	}
	leave.title = N_("Staff PIN to close the kiosk");
	ui_push(ui, &screen_pin, &leave);
}

/* The PIN was right: the staff screen. */
static void
keys_staff_granted(struct ui *ui)
{
	ui_push(ui, &screen_staff, ui->staff);
}

/* F9: the staff screen, after the staff PIN, in either mode. */
static void
keys_staff(struct ui *ui)
{
	static struct pin_request staff = { NULL, keys_staff_granted };

	if (ui->staff == NULL)
		return;
	staff.title = _("Staff PIN for the catalogue refresh");
	ui_push(ui, &screen_pin, &staff);
}

void
keys_shared(struct ui *ui, int key)
{
	const struct screen *top = ui_top(ui);

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
			keys_leave(ui);
		break;
	case '/':
		/* No catalogue (the "unavailable" screen): nothing to search. */
		if (ui->cat != NULL && top != &screen_search)
			ui_push(ui, &screen_search, NULL);
		break;
	case SCREEN_KEY(KEY_F(9)):
		if (top != &screen_pin && top != &screen_staff)
			keys_staff(ui);
		break;
	default:
		break;
	}
}
