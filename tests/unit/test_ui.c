/*
 * The screen framework without a terminal: the list model behind every
 * list screen (screens/ui/list.c), the stack and the routing of keys,
 * touches and resizes (screens/ui/ui.c), and the page limit
 * (screens/ui/services.c). Two made-up screens record what they were told.
 */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "screens/ui/list.h"
#include "screens/ui/services.h"
#include "screens/ui/ui.h"
#include "tests/unit/tap.h"

/* ---- the list model ---- */

/* Rows 0 and 5 are group headings. */
static int
not_heading(const void *ctx, size_t i)
{
	(void)ctx;
	return i != 0 && i != 5;
}

static void
test_list_keys(void)
{
	struct list l;
	int i;

	memset(&l, 0, sizeof l);
	list_init(&l, 10, NULL, NULL);
	list_set_height(&l, 4);
	is_int(l.sel, 0, "a new list selects its first row");
	for (i = 0; i < 5; i++)
		list_key(&l, SCREEN_KEY(KEY_DOWN));
	is_int(l.sel, 5, "five downs select row 5");
	is_int(l.top, 2, "and the view follows to keep it on the last row");
	is_int(list_key(&l, SCREEN_KEY(KEY_END)), SCREEN_REDRAW,
	    "End is the list's");
	is_int(l.sel, 9, "End selects the last row");
	is_int(l.top, 6, "with the last page in view");
	list_key(&l, SCREEN_KEY(KEY_DOWN));
	is_int(l.sel, 9, "down on the last row stays there");
	list_key(&l, SCREEN_KEY(KEY_PPAGE));
	is_int(l.sel, 5, "PgUp moves a page of rows up");
	list_key(&l, SCREEN_KEY(KEY_HOME));
	is_int(l.sel, 0, "Home selects the first row");
	is_int(l.top, 0, "with the first page in view");
	list_key(&l, ' ');
	is_int(l.sel, 4, "space moves a page down");
	is_int(list_key(&l, 'x'), SCREEN_IGNORED, "other keys are not the list's");

	list_init(&l, 0, NULL, NULL);
	list_key(&l, SCREEN_KEY(KEY_DOWN));
	is_int(l.sel, 0, "an empty list keeps nothing selected");
}

static void
test_list_headings(void)
{
	struct list l;
	int i;

	memset(&l, 0, sizeof l);
	l.height = 3;
	list_init(&l, 10, not_heading, NULL);
	is_int(l.sel, 1, "a heading is never selected: row 1 first");
	list_key(&l, SCREEN_KEY(KEY_UP));
	is_int(l.sel, 1, "up from the first item stays on it");
	is_int(l.top, 0, "with its heading in view");
	for (i = 0; i < 4; i++)
		list_key(&l, SCREEN_KEY(KEY_DOWN));
	is_int(l.sel, 6, "down from row 4 skips the heading on row 5");
	list_key(&l, SCREEN_KEY(KEY_UP));
	is_int(l.sel, 4, "and up skips it back");
	list_select(&l, 5);
	is_int(l.sel, 6, "selecting a heading selects the item after it");
	is_int(l.top, 4, "and the view shows the heading above it");
}

static void
test_list_scroll_click(void)
{
	struct list l;

	memset(&l, 0, sizeof l);
	l.height = 4;
	list_init(&l, 10, not_heading, NULL);
	list_scroll(&l, 3);
	is_int(l.top, 3, "the wheel scrolls the view down");
	is_int(l.sel, 3, "and the selection comes along into it");
	list_scroll(&l, 100);
	is_int(l.top, 6, "scrolling stops at the last page");
	is_int(l.sel, 6, "the selection skips the heading it would land on");
	list_scroll(&l, -100);
	is_int(l.top, 0, "and at the first");
	is_int(l.sel, 3, "the selection stays on the last row in view");

	is_int(list_click(&l, 2), 1, "a click on a visible item selects it");
	is_int(l.sel, 2, "the row clicked");
	is_int(list_click(&l, 0), 0, "a click on a heading selects nothing");
	is_int(l.sel, 2, "and leaves the selection");
	is_int(list_click(&l, 4), 0, "a click below the list is not a row");
	is_int(list_click(&l, -1), 0, "nor above it");

	/* Rows two lines tall from screen row 5. */
	is_int(list_mouse(&l, 9, 5, 2, SCREEN_CLICK), LIST_PICKED,
	    "a touch on the third row's second line picks it");
	is_int(l.sel, 2, "that row");
	is_int(list_mouse(&l, 6, 5, 2, SCREEN_WHEEL_DOWN), SCREEN_REDRAW,
	    "the wheel redraws");
	is_int(l.top, SCREEN_WHEEL_STEP, "one notch scrolls SCREEN_WHEEL_STEP rows");
	l.sel = 4;
	is_int(list_mouse(&l, 4, 5, 2, SCREEN_CLICK), SCREEN_HANDLED,
	    "a touch on the line above the list picks nothing");
	is_int(l.sel, 4, "and selects nothing");
	list_mouse(&l, 6, 5, 2, SCREEN_WHEEL_UP);
	is_int(l.top, 0, "and a notch up scrolls back");
}

static void
test_typed_number(void)
{
	struct typed_number t;

	memset(&t, 0, sizeof t);
	is_int(typed_number_add(&t, 1, 20), 1, "1 jumps to row 1");
	is_int(typed_number_add(&t, 2, 20), 12, "then 2, soon after: row 12");
	is_int(typed_number_add(&t, 5, 20), 5, "a number past the end starts again");
	memset(&t, 0, sizeof t);
	is_int(typed_number_add(&t, 0, 20), 0, "0 alone is no row");
	t.when -= TYPED_NUMBER_PAUSE_MS + 1;
	t.value = 1;
	is_int(typed_number_add(&t, 3, 20), 3, "after a pause a digit is a new number");
}

/* ---- the stack ---- */

/* What the made-up screens were told, in order, as letters. */
static char events[256];

static void
note(const char *what)
{
	strncat(events, what, sizeof events - strlen(events) - 1);
}

struct fake {
	char	name;
	int	answer;		/* what key() returns */
	int	last_key;
	int	keys;
};

static void *
fake_enter(struct ui *ui, const void *arg)
{
	struct fake *f;
	const char *name = arg;

	(void)ui;
	if (name != NULL && *name == '!')
		return NULL;		/* a screen that cannot open */
	f = calloc(1, sizeof *f);
	f->name = name != NULL ? *name : 'H';
	f->answer = SCREEN_HANDLED;
	note("e");
	return f;
}

static void
fake_leave(void *state)
{
	note("l");
	free(state);
}

static void
fake_draw(void *state, struct ui *ui)
{
	(void)state;
	(void)ui;
}

static int
fake_key(void *state, struct ui *ui, int key)
{
	struct fake *f = state;

	(void)ui;
	f->last_key = key;
	f->keys++;
	return f->answer;
}

static void
fake_resize(void *state, struct ui *ui)
{
	(void)state;
	(void)ui;
	note("r");
}

static void
fake_resume(void *state, struct ui *ui)
{
	(void)state;
	(void)ui;
	note("u");
}

static const struct screen fake_screen = {
	.name = "fake",
	.enter = fake_enter,
	.leave = fake_leave,
	.draw = fake_draw,
	.key = fake_key,
	.resize = fake_resize,
	.resume = fake_resume,
};

static int shared_key_seen;

static void
shared_key(struct ui *ui, int key)
{
	(void)ui;
	shared_key_seen = key;
}

static struct fake *
top_fake(struct ui *ui)
{
	return ui->stack[ui->depth - 1].state;
}

static void
test_stack(void)
{
	struct ui ui;
	int i;

	ui_init(&ui, NULL, &fake_screen, 0);
	ui.shared_key = shared_key;
	ui.rows = 24;
	ui.cols = 80;
	is_int(ui_reset(&ui), 0, "a reset opens the home screen");
	ok(ui_top(&ui) == &fake_screen && ui.depth == 1, "and only it");
	ok(ui.repaint && ui.dirty, "and asks for every cell to be drawn");
	is_int(ui_push(&ui, &fake_screen, "B"), 0, "a second screen opens");
	is_int(top_fake(&ui)->name, 'B', "on top");
	events[0] = '\0';
	ui_back(&ui);
	is_int(ui.depth, 1, "back pops it");
	is_str(events, "lru", "it is freed; the one below lays out and resumes");
	ui_back(&ui);
	is_int(ui.depth, 1, "back on the last screen keeps it");

	is_int(ui_push(&ui, &fake_screen, "!"), -1, "a screen that fails to open");
	is_int(ui.depth, 1, "is not pushed");
	for (i = 1; i < UI_STACK_MAX; i++)
		ui_push(&ui, &fake_screen, "S");
	ui.status[0] = '\0';
	is_int(ui_push(&ui, &fake_screen, "S"), -1, "the stack has a limit");
	ok(ui.status[0] != '\0', "which the status line tells");

	events[0] = '\0';
	ui_resize(&ui, 30, 100);
	is_int((int)strlen(events), UI_STACK_MAX, "a resize lays out every screen");
	ok(ui.rows == 30 && ui.cols == 100, "at the new size");

	events[0] = '\0';
	is_int(ui_reset(&ui), 0, "a new visitor");
	is_int(ui.depth, 1, "gets the home screen alone");
	is_int((int)(strchr(events, 'e') - events), UI_STACK_MAX,
	    "after every screen of the last one is freed");
	ui_done(&ui);
	is_int(ui.depth, 0, "ui_done frees the last screen");
}

static void
test_routing(void)
{
	struct ui ui;
	struct fake *f;

	ui_init(&ui, NULL, &fake_screen, 0);
	ui.shared_key = shared_key;
	ui.rows = 24;
	ui.cols = 80;
	ui_reset(&ui);
	f = top_fake(&ui);
	ui.dirty = 0;
	shared_key_seen = 0;
	ui_status(&ui, "%s", "old news");
	ui_key(&ui, 'a');
	is_int(f->last_key, 'a', "a key goes to the screen on top");
	is_int(shared_key_seen, 0, "which handled it: not to the shared keys");
	is_str(ui.status, "", "a key clears the status line");
	f->answer = SCREEN_IGNORED;
	ui_key(&ui, 'b');
	is_int(shared_key_seen, 'b', "a key the screen ignores is a shared key");
	f->answer = SCREEN_REDRAW;
	ui.dirty = 0;
	ui_key(&ui, 'c');
	ok(ui.dirty, "a screen that asks for a redraw gets one");

	/* What draw registered: a key-bar button. */
	ui.nbuttons = 1;
	ui.buttons[0].y = 23;
	ui.buttons[0].x0 = 10;
	ui.buttons[0].x1 = 15;
	ui.buttons[0].key = 'z';
	ui_mouse(&ui, 23, 14, SCREEN_CLICK);
	is_int(f->last_key, 'z', "a touch on a button is its key");
	f->keys = 0;
	ui_mouse(&ui, 23, 15, SCREEN_CLICK);
	is_int(f->keys, 0, "a touch just past it is not");
	f->answer = SCREEN_HANDLED;
	ui_mouse(&ui, 5, 5, SCREEN_WHEEL_DOWN);
	is_int(f->keys, SCREEN_WHEEL_STEP,
	    "without a mouse handler, a wheel notch is SCREEN_WHEEL_STEP arrows");
	is_int(f->last_key, SCREEN_KEY(KEY_DOWN), "down arrows");

	/* One touch is one click, however the terminal reports it. */
	f->answer = SCREEN_HANDLED;
	f->keys = 0;
	ui_touch(&ui, 23, 12, UI_TOUCH_PRESS);
	ui_touch(&ui, 23, 12, UI_TOUCH_RELEASE);
	is_int(f->keys, 1, "a press and a release: one click");
	ui_touch(&ui, 23, 12, UI_TOUCH_PRESS);
	ui_touch(&ui, 23, 12, UI_TOUCH_RELEASE);
	ui_touch(&ui, 23, 12, UI_TOUCH_CLICK);
	is_int(f->keys, 2, "a press, a release and curses' click: one more");
	ui_touch(&ui, 23, 12, UI_TOUCH_PRESS);
	ui_touch(&ui, 23, 12, UI_TOUCH_CLICK);
	is_int(f->keys, 3, "a press and a click: one more");
	ui_touch(&ui, 23, 12, UI_TOUCH_CLICK);
	ui_touch(&ui, 23, 12, UI_TOUCH_CLICK);
	is_int(f->keys, 5, "clicks alone: one each");
	ui_touch(&ui, 23, 12, UI_TOUCH_PRESS);
	ui_touch(&ui, 23, 11, UI_TOUCH_CLICK);
	is_int(f->keys, 7, "a click elsewhere after a press is another touch");
	ui_touch(&ui, 23, 12, UI_TOUCH_PRESS);
	ui_reset(&ui);
	f = top_fake(&ui);
	f->answer = SCREEN_HANDLED;
	ui.nbuttons = 1;
	ui_touch(&ui, 23, 12, UI_TOUCH_CLICK);
	is_int(f->keys, 1, "a new visitor's first click is not taken for "
	    "the last visitor's touch");
	ui_large_text(&ui);
	is_int(ui.spacing, 2, "large text doubles the spacing");
	is_int(ui_visible(&ui, 10), 5, "so half as many rows fit");
	ui_large_text(&ui);
	is_int(ui.spacing, 1, "and back");
	ui_done(&ui);
}

static void
test_print_limit(void)
{
	struct ui ui;
	struct ui_print p;

	ui_init(&ui, NULL, &fake_screen, 0);
	memset(&p, 0, sizeof p);
	is_int(ui_print_left(&p), -1, "no page limit: no count");
	is_int(ui_print_over_limit(&ui, &p, 1000), 0, "and nothing is over it");
	p.page_limit = 5;
	p.pages_used = 3;
	is_int(ui_print_left(&p), 2, "5 pages, 3 used: 2 left");
	is_int(ui_print_over_limit(&ui, &p, 2), 0, "2 pages fit");
	is_str(ui.status, "", "without a word");
	is_int(ui_print_over_limit(&ui, &p, 3), 1, "3 do not");
	ok(ui.status[0] != '\0', "and the status line says so");
	p.pages_used = 7;
	is_int(ui_print_left(&p), 0, "over the limit: none left");
}

/* ---- characters read from the terminal ---- */

static void
test_input_char(void)
{
	ok(ui_input_char('a'), "a is a key");
	ok(ui_input_char(0x1b), "Esc is a key");
	ok(ui_input_char(0x15), "^U is a key");
	ok(ui_input_char(0x4e2d), "中 is a key");
	ok(ui_input_char(0x10fffd), "U+10FFFD (private use) is a key");
	ok(ui_input_char(0x1f600), "an emoji is a key");
	ok(ui_input_char(0xfffd), "U+FFFD is a key");
	ok(!ui_input_char(0x110000), "U+110000 (past Unicode) is dropped");
	ok(!ui_input_char(SCREEN_KEY(KEY_F(10))),
	    "F4 90 84 92 decoded (SCREEN_KEY(KEY_F(10))) is dropped");
	ok(!ui_input_char(0x11021d), "F4 90 88 9D decoded is dropped");
	ok(!ui_input_char(SCREEN_KEY(KEY_MAX + 21)), "the PIN pad's OK code is dropped");
	ok(!ui_input_char(0x7fffffff), "the largest 6-byte value is dropped");
	ok(!ui_input_char(0xffffffffUL), "WEOF-like values are dropped");
	ok(!ui_input_char(0xd800), "a high surrogate is dropped");
	ok(!ui_input_char(0xdfff), "a low surrogate is dropped");
	ok(ui_input_char(0xd7ff) && ui_input_char(0xe000),
	    "the code points beside the surrogates are keys");
	ok(!ui_input_char(0xfdd0) && !ui_input_char(0xfdef),
	    "U+FDD0..U+FDEF are dropped");
	ok(ui_input_char(0xfdcf) && ui_input_char(0xfdf0),
	    "the code points beside them are keys");
	ok(!ui_input_char(0xfffe) && !ui_input_char(0xffff),
	    "U+FFFE and U+FFFF are dropped");
	ok(!ui_input_char(0x1fffe) && !ui_input_char(0x10ffff),
	    "U+1FFFE and U+10FFFF are dropped");
}

int
main(void)
{
	test_list_keys();
	test_list_headings();
	test_list_scroll_click();
	test_typed_number();
	test_stack();
	test_routing();
	test_print_limit();
	test_input_char();
	return tap_done();
}
