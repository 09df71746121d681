#include <config.h>

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n/i18n.h"
#include "kiosk/config.h"
#include "kiosk/loop.h"
#include "screens/draw.h"
#include "screens/screen.h"

/* How long get_wch waits before the loop looks at signals again, ms. */
#define LOOP_TICK_MS	250

static volatile sig_atomic_t loop_stop;

static void
loop_signal(int sig)
{
	loop_stop = sig;
}

static void
loop_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal must wake get_wch so we notice it. */
	sa.sa_handler = loop_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static int
loop_too_small(void)
{
	return LINES < LOOP_MIN_ROWS || COLS < LOOP_MIN_COLS;
}

/* The notice shown instead of a screen when the window is too small. */
static void
loop_draw_too_small(void)
{
	char msg[128];

	erase();
	snprintf(msg, sizeof msg, _("Window too small: need %dx%d"),
	    LOOP_MIN_COLS, LOOP_MIN_ROWS);
	draw_text(LINES / 2, 0, msg, COLS, DRAW_NORMAL);
}

static void
loop_mouse(struct ui *ui)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		ui_mouse(ui, ev.y, ev.x, SCREEN_CLICK);
	else if (ev.bstate & BUTTON4_PRESSED)
		ui_mouse(ui, ev.y, ev.x, SCREEN_WHEEL_UP);
	else if (ev.bstate & BUTTON5_PRESSED)
		ui_mouse(ui, ev.y, ev.x, SCREEN_WHEEL_DOWN);
}

/* One input event; ERR (the tick) does nothing. */
static void
loop_input(struct ui *ui)
{
	wint_t ch;
	int r = get_wch(&ch);

	if (r == ERR)
		return;
	if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
		ui_resize(ui, LINES, COLS);
		return;
	}
	if (loop_too_small())
		return;
	if (r == KEY_CODE_YES && ch == KEY_MOUSE)
		loop_mouse(ui);
	else if (r == KEY_CODE_YES && ch <= KEY_MAX)
		ui_key(ui, SCREEN_KEY((int)ch));
	else if (r == KEY_CODE_YES)
		return;	/* terminfo's extended keys: codes screens use privately */
	else
		ui_key(ui, (int)ch);
}

static void
loop_setup(const struct config *cfg)
{
	/*
	 * A kiosk takes every key raw so ^C, ^Z, ^\ and ^S reach us as keys
	 * instead of signalling or freezing; a staff desk keeps ^C to quit.
	 */
	if (cfg->kiosk)
		raw();
	else
		cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	timeout(LOOP_TICK_MS);
	if (cfg->mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
		    BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	draw_init();
}

int
loop_run(struct catalogue *cat, const struct config *cfg)
{
	SCREEN *term;
	struct ui ui;
	int status = 0;

	loop_signals();
	if ((term = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, _("chayue: cannot use this terminal (TERM=%s)\n"),
		    getenv("TERM") ? getenv("TERM") : "");
		return 1;
	}
	loop_setup(cfg);
	ui_init(&ui, cat, !cfg->kiosk);
	ui.rows = LINES;
	ui.cols = COLS;
	if (ui_push(&ui, &screen_home, NULL) != 0) {
		endwin();
		fprintf(stderr, "chayue: %s\n", ui.status);
		status = 1;
		goto out;
	}
	while (!ui.quit && !loop_stop) {
		if (loop_too_small())
			loop_draw_too_small();
		else
			ui_draw(&ui);
		refresh();
		loop_input(&ui);
	}
	endwin();
out:
	ui_done(&ui);
	delscreen(term);
	return status;
}
