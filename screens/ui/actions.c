#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/store/catalogue.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "screens/ui/actions.h"
#include "screens/ui/draw.h"
#include "screens/ui/services.h"
#include "screens/ui/ui.h"

/* A button " k label " on line y at *x; false when it does not fit. */
static int
actions_button(struct ui *ui, int y, int *x, int key, const char *label)
{
	char *text = xasprintf(" %c %s ", key, label);
	int w = (int)text_width(text, strlen(text)), fits = *x + w < ui->cols;

	if (fits)
		*x += draw_button(ui, y, *x, text, key, DRAW_ACTIVE) + 2;
	free(text);
	return fits;
}

/*
 * "Was this useful? [y Useful] [n Not useful]"; once answered, thanks for
 * the answer, marked "✓" on its button, and both buttons stay, so that a
 * visitor who touched the wrong one can change it.
 */
static void
actions_draw_feedback(struct ui *ui, const struct item *it, int y, int x)
{
	int answer = ui->visitor->answer(ui->visitor->ctx, it), need;
	const char *question = answer == 1 ?
	    _("Thank you: you found this useful.") : answer == 0 ?
	    _("Thank you: you did not find this useful.") :
	    _("Was this useful?");
	char *yes = xasprintf("%s%s", answer == 1 ? "✓" : "", _("Useful"));
	char *no = xasprintf("%s%s", answer == 0 ? "✓" : "", _("Not useful"));

	/* The question only where the buttons still fit after it. */
	need = (int)text_width(question, strlen(question)) + 1 +
	    (int)text_width(yes, strlen(yes)) +
	    (int)text_width(no, strlen(no)) + 12;
	if (x + need < ui->cols)
		x += draw_text(y, x, question, ui->cols - x - 1, DRAW_NORMAL) + 1;
	if (actions_button(ui, y, &x, ACTIONS_KEY_USEFUL, yes))
		actions_button(ui, y, &x, ACTIONS_KEY_USELESS, no);
	free(yes);
	free(no);
}

void
actions_draw(struct ui *ui, const struct item *it, int y)
{
	int x = 1;

	if (it->source_url[0] != '\0')
		actions_button(ui, y, &x, ACTIONS_KEY_CODE, _("Take it home"));
	/* No question where the answer could not be counted. */
	if (ui->visitor != NULL && ui->visitor->counting)
		actions_draw_feedback(ui, it, y, x);
}

static int
actions_vote(struct ui *ui, const struct item *it, int useful)
{
	if (ui->visitor == NULL)
		return SCREEN_IGNORED;
	switch (ui->visitor->vote(ui->visitor->ctx, it, useful)) {
	case UI_VOTE_COUNTED:
	case UI_VOTE_ALREADY:
		break;
	case UI_VOTE_CHANGED:	/* the row says so */
		break;
	case UI_VOTE_LIMIT:
		ui_status(ui, "%s", _("Thank you. No more answers can be "
		    "counted here just now."));
		break;
	default:
		ui_status(ui, "%s", _("Answers cannot be counted on this "
		    "terminal at the moment."));
		break;
	}
	return SCREEN_REDRAW;
}

int
actions_key(struct ui *ui, const struct item *it, int key)
{
	switch (key) {
	case ACTIONS_KEY_USEFUL:
	case ACTIONS_KEY_USELESS:
		return actions_vote(ui, it, key == ACTIONS_KEY_USEFUL);
	}
	return SCREEN_IGNORED;
}
