/*
 * Shown instead of the catalogue when it cannot be opened: the visitor
 * is asked to tell the staff, and the kiosk keeps trying (kiosk/loop.c).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "lib/xmalloc.h"
#include "screens/screens.h"
#include "screens/ui/draw.h"
#include "screens/ui/ui.h"

struct unavailable {
	char	*reason;	/* for the staff; from the catalogue layer */
};

static void *
unavailable_enter(struct ui *ui, const void *arg)
{
	struct unavailable *u = xcalloc(1, sizeof *u);

	(void)ui;
	u->reason = xstrdup(arg != NULL ? arg : "");
	return u;
}

static void
unavailable_leave(void *state)
{
	struct unavailable *u = state;

	free(u->reason);
	free(u);
}

static void
unavailable_draw(void *state, struct ui *ui)
{
	struct unavailable *u = state;

	draw_title(ui, _("Government Disclosure Catalogue"), NULL);
	draw_notice(ui, _("The catalogue is unavailable at the moment. "
	    "Please tell the staff."));
	draw_text(ui->rows - 3, 1, u->reason, ui->cols - 2, DRAW_DIM);
	draw_fill(ui, ui->rows - 1, 0, DRAW_BAR);
	draw_text(ui->rows - 1, 1, _("Trying again…"), ui->cols - 2, DRAW_BAR);
}

static int
unavailable_key(void *state, struct ui *ui, int key)
{
	(void)state;
	(void)ui;
	(void)key;
	return SCREEN_IGNORED;	/* help and the staff keys still work */
}

const struct screen screen_unavailable = {
	.name = "unavailable",
	.enter = unavailable_enter,
	.leave = unavailable_leave,
	.draw = unavailable_draw,
	.key = unavailable_key,
};
