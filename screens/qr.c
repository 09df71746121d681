/*
 * Take it home: the item's source address (where it was published) as a
 * QR code a phone camera reads off the screen, with the address and what
 * to do beside it. The code is as large as the window allows; where the
 * title and key bars leave too little room it takes the whole height.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/store/catalogue.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/qrtext.h"
#include "lib/xmalloc.h"
#include "screens/screens.h"
#include "screens/ui/draw.h"
#include "screens/ui/ui.h"

/* Narrower than this, the text beside the code is left out. */
#define QR_TEXT_MIN_COLS	16

struct qr_screen {
	char		*url;		/* sanitised */
	char		*name;		/* the item's name */
	struct qrtext	 code;
	int		 rc;		/* QRTEXT_* */
	int		 full;		/* the code takes the whole height */
	int		 x, y;		/* where the code is */
	int		 text_x;	/* where the text beside it starts */
};

static void
qr_layout(struct qr_screen *q, const struct ui *ui)
{
	int amb = text_ambiguous_width();

	qrtext_done(&q->code);
	/* Title and key bars kept; else the whole height, text beside. */
	q->full = 0;
	q->rc = qrtext_make(q->url, amb, ui->cols - 2, ui->rows - 2, &q->code);
	if (q->rc == QRTEXT_TOO_SMALL) {
		qrtext_done(&q->code);
		q->full = 1;
		q->rc = qrtext_make(q->url, amb, ui->cols - 2, ui->rows,
		    &q->code);
	}
	q->x = 1;
	q->y = q->full ? 0 : DRAW_BODY_TOP +
	    (ui->rows - 2 - (int)q->code.n) / 2;
	q->text_x = q->x + q->code.cols + 2;
	/* No room for the text: the code alone, in the middle. */
	if (ui->cols - q->text_x - 1 < QR_TEXT_MIN_COLS) {
		q->x = (ui->cols - q->code.cols) / 2;
		q->text_x = ui->cols;
	}
}

static void *
qr_enter(struct ui *ui, const void *arg)
{
	const struct item *it = arg;
	struct qr_screen *q = xcalloc(1, sizeof *q);

	q->url = text_sanitise(it->source_url, strlen(it->source_url), 0);
	q->name = xstrdup(it->level2[0] != '\0' ? it->level2 : it->level1);
	qr_layout(q, ui);
	return q;
}

static void
qr_leave(void *state)
{
	struct qr_screen *q = state;

	qrtext_done(&q->code);
	free(q->url);
	free(q->name);
	free(q);
}

static void
qr_resize(void *state, struct ui *ui)
{
	qr_layout(state, ui);
}

/* Wrapped text from line y in columns [x, x + width); the next free line. */
static int
qr_text(int y, int x, int width, int ymax, const char *s, enum draw_role role)
{
	struct text_lines lines;
	size_t i;

	if (width < 1 || text_wrap(s, strlen(s), (size_t)width, &lines) != 0)
		return y;
	for (i = 0; i < lines.n && y < ymax; i++)
		draw_text(y++, x, lines.v[i], width, role);
	text_lines_done(&lines);
	return y + 1;
}

/* Beside the code: what to do, the address, the item, and (full) keys. */
static void
qr_draw_text(struct qr_screen *q, struct ui *ui)
{
	int x = q->text_x, w = ui->cols - x - 1, y = q->full ? 0 : DRAW_BODY_TOP;
	int ymax = ui->rows - 1;
	char *back;

	if (x >= ui->cols)
		return;
	y = qr_text(y, x, w, ymax, _("Take this item home"), DRAW_HEADING);
	y = qr_text(y, x, w, ymax, _("Point your phone's camera at the code "
	    "to open the page where this item was published."), DRAW_NORMAL);
	y = qr_text(y, x, w, ymax, q->url, DRAW_LABEL);
	qr_text(y, x, w, ymax, q->name, DRAW_DIM);
	if (!q->full)
		return;
	/* No key bar: the keys that matter, as buttons. */
	back = xasprintf(" Esc %s ", _("Back"));
	x += draw_button(ui, ui->rows - 1, x, back, SCREEN_ESC, DRAW_ACTIVE) + 2;
	free(back);
	back = xasprintf(" F4 %s ", i18n_language_name(i18n_next_language()));
	if (x + (int)text_width(back, strlen(back)) < ui->cols)
		draw_button(ui, ui->rows - 1, x, back, UI_KEY_LANGUAGE,
		    DRAW_ACTIVE);
	free(back);
}

/* No code: the address too long, or the window too small. */
static void
qr_draw_no_code(struct qr_screen *q, struct ui *ui)
{
	char *msg;
	int y;

	if (q->rc == QRTEXT_ERROR)
		msg = xstrdup(_("This address is too long for a QR code:"));
	else
		msg = xasprintf(_("The window is too small for the code (it "
		    "needs %d columns and %zu rows). The address is:"),
		    q->code.cols + 2, q->code.n);
	y = qr_text(DRAW_BODY_TOP + 1, 1, ui->cols - 2, ui->rows - 2, msg,
	    DRAW_NORMAL);
	qr_text(y, 1, ui->cols - 2, ui->rows - 2, q->url, DRAW_LABEL);
	free(msg);
}

static void
qr_draw(void *state, struct ui *ui)
{
	static const struct draw_key keys[] = {
		{ "Esc", N_("Back"), SCREEN_ESC },
		{ "?", N_("Help"), '?' },
	};
	struct qr_screen *q = state;
	size_t i;

	if (!q->full || q->rc != QRTEXT_OK) {
		draw_title(ui, q->name, NULL);
		draw_keybar(ui, keys, sizeof keys / sizeof keys[0]);
	}
	if (q->rc != QRTEXT_OK) {
		qr_draw_no_code(q, ui);
		return;
	}
	for (i = 0; i < q->code.n; i++)
		draw_text(q->y + (int)i, q->x, q->code.lines[i], q->code.cols,
		    DRAW_CODE);
	qr_draw_text(q, ui);
}

static int
qr_key(void *state, struct ui *ui, int key)
{
	(void)state;
	if (key == SCREEN_KEY(KEY_LEFT) || key == '\r' || key == '\n') {
		ui_back(ui);
		return SCREEN_REDRAW;
	}
	return SCREEN_IGNORED;
}

const struct screen screen_qr = {
	.name = "qr",
	.reading = 1,
	.enter = qr_enter,
	.leave = qr_leave,
	.draw = qr_draw,
	.key = qr_key,
	.resize = qr_resize,
};
