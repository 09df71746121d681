#include <config.h>

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "data/store/catalogue.h"
#include "data/search/engine.h"
#include "data/search/synonyms.h"
#include "i18n/i18n.h"
#include "kiosk/config.h"
#include "kiosk/hall.h"
#include "kiosk/keys.h"
#include "kiosk/lockdown.h"
#include "kiosk/log.h"
#include "kiosk/loop.h"
#include "kiosk/importing.h"
#include "kiosk/printing.h"
#include "kiosk/visitor.h"
#include "screens/screens.h"
#include "screens/ui/draw.h"
#include "screens/ui/services.h"
#include "screens/ui/ui.h"

/* How long get_wch waits before the loop looks at the clock again, ms. */
#define LOOP_TICK_MS		250
/* The walk-away countdown shown before the reset, seconds. */
#define LOOP_COUNTDOWN		10
/* How often an unavailable catalogue is tried again, seconds. */
#define LOOP_RETRY		5
/* Input events handled at most before the screen is drawn again. */
#define LOOP_BATCH		4096

struct loop {
	struct ui		 ui;
	const struct config	*cfg;
	struct staff_settings	 staff;
	struct lockdown		 lock;
	struct visitor		 visitor;	/* counts, hot items */
	struct printing		 print;
	struct importing	 import;	/* the staff screen's */
	struct synonyms		 synonyms;	/* read once, at start */
	enum draw_theme		 theme;
	char			*reason;	/* why the catalogue is unavailable */
	long long		 last_input;	/* monotonic seconds */
	long long		 last_retry;
	int			 touched;	/* input since the last reset */
	int			 unavailable;	/* home failed with a catalogue open */
	int			 lost;		/* the terminal has gone */
};

static volatile sig_atomic_t loop_stop;

static void
loop_signal(int sig)
{
	loop_stop = sig;
}

static void
loop_signals(const struct config *cfg)
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
	/* A kiosk cannot be stopped from outside either (curses keeps ^Z's
	 * handler for a staff desk). */
	if (cfg->kiosk) {
		sigaction(SIGTSTP, &sa, NULL);
		sigaction(SIGTTIN, &sa, NULL);
		sigaction(SIGTTOU, &sa, NULL);
	}
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

/* F3: the next theme, for this visitor and the ones after. */
static void
loop_next_theme(void *ctx)
{
	struct loop *l = ctx;

	l->theme = draw_init((enum draw_theme)((l->theme + 1) % DRAW_THEMES));
	clearok(curscr, TRUE);
}

/* Say which catalogue version the kiosk now shows. */
static void
loop_log_version(struct loop *l)
{
	struct catalogue_info info;
	char *error = NULL;

	if (catalogue_info(l->ui.cat, &info, &error) == 0)
		log_event(LOG_NOTICE, "catalogue %s version %s loaded (%zu items)",
		    l->cfg->catalogue, info.version, info.items);
	else
		log_event(LOG_ERR, "catalogue %s: %s", l->cfg->catalogue, error);
	free(error);
	catalogue_info_done(&info);
}

/* Open the catalogue; on failure remember why for the screen and log. */
static void
loop_open(struct loop *l)
{
	char *error = NULL;

	l->last_retry = lockdown_now();
	if ((l->ui.cat = catalogue_open(l->cfg->catalogue, &error)) == NULL) {
		if (l->reason == NULL || strcmp(l->reason, error) != 0)
			log_event(LOG_ERR, "catalogue unavailable: %s", error);
		free(l->reason);
		l->reason = error;
		return;
	}
	loop_log_version(l);
	free(l->reason);
	l->reason = NULL;
}

/*
 * A new visitor: a fresh home screen (or the "unavailable" one if it
 * cannot be had), in the configured text size and colours.
 */
static void
loop_reset(struct loop *l)
{
	l->touched = 0;
	visitor_reset(&l->visitor);
	i18n_set_language(l->cfg->language);
	printing_reset(&l->print);	/* the page limit is per visitor */
	l->ui.spacing = l->cfg->large_text ? 2 : 1;
	l->theme = draw_init((enum draw_theme)l->cfg->theme);
	l->unavailable = 0;
	/* The notice again: staff may have edited it since. */
	l->ui.hall_name = l->cfg->hall_name;
	l->ui.hall_help = l->cfg->hall_help;
	free(l->ui.notice);
	l->ui.notice = hall_notice_read(l->cfg->notice_file);
	if (l->ui.cat != NULL && ui_reset(&l->ui) == 0)
		return;
	/*
	 * An open catalogue whose home screen cannot be read (a damaged file
	 * switched in) is tried again by the clock too, as "Trying again…"
	 * says, once the file at the path has changed.
	 */
	l->unavailable = l->ui.cat != NULL;
	l->last_retry = lockdown_now();
	ui_done(&l->ui);
	ui_push(&l->ui, &screen_unavailable, l->reason != NULL ? l->reason :
	    l->ui.status);
}

/* The F12 button on a key bar: the same as the key. */
static void
loop_new_visitor(void *ctx)
{
	loop_reset(ctx);
}

static void
loop_mouse(struct ui *ui)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;		/* a malformed or unwanted report */
	/* ui_touch makes one click of each touch, however reported. */
	if (ev.bstate & BUTTON1_PRESSED)
		ui_touch(ui, ev.y, ev.x, UI_TOUCH_PRESS);
	else if (ev.bstate & BUTTON1_CLICKED)
		ui_touch(ui, ev.y, ev.x, UI_TOUCH_CLICK);
	else if (ev.bstate & BUTTON1_RELEASED)
		ui_touch(ui, ev.y, ev.x, UI_TOUCH_RELEASE);
	else if (ev.bstate & BUTTON4_PRESSED)
		ui_mouse(ui, ev.y, ev.x, SCREEN_WHEEL_UP);
	else if (ev.bstate & BUTTON5_PRESSED)
		ui_mouse(ui, ev.y, ev.x, SCREEN_WHEEL_DOWN);
}

/*
 * After get_wch gave ERR: is the terminal gone? A terminal closed without
 * a SIGHUP reaching us (a wrapper in another session, a hangup signal
 * ignored) makes every read fail at once, so without this check the loop
 * would spin for ever. A hung-up or closed terminal polls as POLLHUP;
 * a descriptor that is no terminal any more fails tcgetattr with EIO.
 */
static int
loop_tty_gone(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	struct termios t;

	if (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
		return 1;
	return tcgetattr(STDIN_FILENO, &t) != 0 && (errno == EIO || errno == EBADF);
}

/* One input event from get_wch: r is OK or KEY_CODE_YES. */
static void
loop_event(struct loop *l, int r, wint_t ch)
{
	struct ui *ui = &l->ui;

	/*
	 * Bytes that decode to no character (past U+10FFFF, a surrogate, a
	 * non-character) are dropped here, before they count as a visitor's
	 * input: they would collide with SCREEN_KEY codes.
	 */
	if (r != KEY_CODE_YES && !ui_input_char((unsigned long)ch))
		return;
	if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
		ui_resize(ui, LINES, COLS);
		return;
	}
	l->last_input = lockdown_now();
	l->touched = 1;
	/* "Press any key to stay": the key only cancels the countdown. */
	if (ui->countdown > 0) {
		ui->countdown = 0;
		ui->dirty = 1;
		if (r == KEY_CODE_YES && ch == KEY_MOUSE)
			getmouse(&(MEVENT){ 0 });
		return;
	}
	if (loop_too_small())
		return;
	if (r == KEY_CODE_YES && ch == KEY_MOUSE)
		loop_mouse(ui);
	else if (r == KEY_CODE_YES && ch == KEY_F(12))
		loop_reset(l);	/* "new visitor" */
	else if (r == KEY_CODE_YES && ch <= KEY_MAX)
		ui_key(ui, SCREEN_KEY((int)ch));
	else if (r == KEY_CODE_YES)
		return;	/* terminfo's extended keys: codes screens use privately */
	else
		ui_key(ui, (int)ch);	/* ^C ^Z ^\ ^S …: keys no screen binds */
}

/* One input event; ERR (the tick, or no more input) returns 0. */
static int
loop_input(struct loop *l)
{
	wint_t ch;
	int r = get_wch(&ch);

	if (r == ERR) {
		if (!loop_stop && loop_tty_gone())
			l->lost = 1;
		return 0;
	}
	loop_event(l, r, ch);
	return 1;
}

/*
 * Input that is already there (a paste, keys typed while a search ran)
 * is handled before the screen is drawn again: a 100,000-character paste
 * must not cost 100,000 redraws. At most LOOP_BATCH events, so the clock
 * still runs.
 */
static void
loop_drain(struct loop *l)
{
	int n = 0;

	timeout(0);
	while (n++ < LOOP_BATCH && !l->ui.quit && !loop_stop && !l->lost &&
	    l->ui.depth > 0 && loop_input(l))
		;
	timeout(LOOP_TICK_MS);
}

/* The clock: the walk-away countdown and reset, catalogue retries. */
static void
loop_tick(struct loop *l)
{
	const struct screen *top = ui_top(&l->ui);
	long long now = lockdown_now(), left;
	int idle = top != NULL && top->reading ? l->cfg->idle_seconds_reading :
	    l->cfg->idle_seconds;

	printing_poll(&l->print);
	importing_poll(&l->import);
	if (l->ui.cat == NULL && now - l->last_retry >= LOOP_RETRY) {
		loop_open(l);
		if (l->ui.cat != NULL)
			loop_reset(l);
	} else if (l->unavailable && now - l->last_retry >= LOOP_RETRY) {
		l->last_retry = now;
		/* Not while staff type a PIN over it: only the screen itself. */
		if (ui_top(&l->ui) == &screen_unavailable &&
		    catalogue_changed(l->ui.cat))
			loop_reset(l);
	}
	if (idle <= 0 || !l->touched)
		return;
	left = idle - (now - l->last_input);
	if (left <= 0) {
		loop_reset(l);
		return;
	}
	if (left <= LOOP_COUNTDOWN && l->ui.countdown != (int)left) {
		l->ui.countdown = (int)left;
		l->ui.dirty = 1;
	}
}

static void
loop_setup(struct loop *l)
{
	const struct config *cfg = l->cfg;

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
		/*
		 * Releases too, though they do nothing: ncurses reads on,
		 * without the tick's timeout, past an event it filters out,
		 * so after a touch the clock (walk-away reset, print news)
		 * would stop until the next key.
		 */
		mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_CLICKED |
		    BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	l->theme = draw_init((enum draw_theme)cfg->theme);
	lockdown_init(&l->lock, cfg->staff_pin);
	ui_init(&l->ui, NULL, &screen_home, !cfg->kiosk);
	l->ui.domain_screen = &screen_domain;
	l->ui.shared_key = keys_shared;
	l->ui.rows = LINES;
	l->ui.cols = COLS;
	l->ui.spacing = cfg->large_text ? 2 : 1;
	l->ui.check_pin = lockdown_check_pin;
	l->ui.pin_ctx = &l->lock;
	l->ui.next_theme = loop_next_theme;
	l->ui.new_visitor = loop_new_visitor;
	l->ui.new_visitor_ctx = l;
	l->ui.touch = cfg->mouse;
	l->ui.theme_ctx = l;
	visitor_init(&l->visitor, cfg);
	l->ui.visitor = &l->visitor.ui;
	/* The PIN lock outlives restarts in the same state file. */
	lockdown_keep(&l->lock, l->visitor.writable ? l->visitor.stats : NULL);
	l->staff.catalogue = cfg->catalogue;
	l->staff.import_dir = cfg->import_dir;
	l->staff.keep_versions = cfg->keep_versions;
	l->staff.import_max_size = cfg->import_max_size;
	l->ui.staff = &l->staff;
	printing_init(&l->print, cfg, &l->ui);
	importing_init(&l->import, &l->ui);
	l->last_input = lockdown_now();
}

/* Why the loop ended, for the log and the exit status. */
static int
loop_finish(struct loop *l)
{
	int sig = loop_stop;

	if (sig == 0 && l->lost) {
		/* A failure: let the supervisor restart us. */
		log_event(LOG_WARNING, "terminal lost (end of input)");
		return 1;
	}
	if (sig == 0) {
		log_event(LOG_NOTICE, "closed by %s", l->cfg->kiosk ?
		    "staff PIN" : "the user");
		return 0;
	}
	/* The signal's name, not its (translated) description. */
	log_event(sig == SIGHUP ? LOG_WARNING : LOG_NOTICE, "stopped by SIG%s",
	    sigabbrev_np(sig));
	/* A lost terminal is a failure: let the supervisor restart us. */
	return sig == SIGHUP ? 1 : 0;
}

/*
 * Read the search index once the first screen is up, so that the first
 * '/' answers at once but the home screen does not wait for the index
 * (its reading grows with the catalogue; a key typed meanwhile waits in
 * the terminal). Without one the kiosk still browses; the search screen
 * says how to rebuild the catalogue. A catalogue switched in later has
 * its index read on the first search (screens/search.c).
 */
static void
loop_preload_search(struct loop *l)
{
	char *error = NULL;

	if (l->ui.cat == NULL || l->ui.search != NULL)
		return;
	if ((l->ui.search = search_open(l->ui.cat, &error)) == NULL) {
		log_event(LOG_WARNING, "no search index: %s", error);
		free(error);
	} else if (search_note(l->ui.search) != NULL)
		log_event(LOG_NOTICE, "%s", search_note(l->ui.search));
}

int
loop_run(struct catalogue *cat, const struct config *cfg)
{
	struct loop l;
	SCREEN *term;
	char *error = NULL;
	int status, preload = cat != NULL;

	memset(&l, 0, sizeof l);
	l.cfg = cfg;
	/* A bad synonym line is logged and skipped: never fatal. */
	if (synonyms_load_kiosk(&l.synonyms,
	    CONFIG_SHIPPED_SYNONYMS, cfg->synonyms, strcmp(
	    cfg->synonyms, CONFIG_DEFAULT_SYNONYMS) == 0, &error) > 0)
		log_event(LOG_WARNING, "synonyms: %s", error);
	free(error);
	error = NULL;
	loop_signals(cfg);
	if ((term = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, _("chayue: cannot use this terminal (TERM=%s)\n"),
		    getenv("TERM") ? getenv("TERM") : "");
		synonyms_done(&l.synonyms);
		return 1;
	}
	loop_setup(&l);
	l.ui.synonyms = &l.synonyms;
	if ((l.ui.cat = cat) == NULL)
		loop_open(&l);
	else
		loop_log_version(&l);
	loop_reset(&l);
	while (!l.ui.quit && !loop_stop && !l.lost) {
		if (l.ui.depth == 0)
			loop_reset(&l);
		if (loop_too_small())
			loop_draw_too_small();
		else
			draw_frame(&l.ui);
		refresh();
		if (preload) {
			preload = 0;
			loop_preload_search(&l);
		}
		if (loop_input(&l)) {
			loop_drain(&l);
			ui_settle(&l.ui);
		}
		loop_tick(&l);
	}
	endwin();
	printing_done(&l.print);
	importing_done(&l.import);
	status = loop_finish(&l);
	ui_done(&l.ui);
	visitor_done(&l.visitor);
	delscreen(term);
	free(l.ui.notice);
	search_close(l.ui.search);	/* before the catalogue it reads */
	if (l.ui.cat != cat)
		catalogue_close(l.ui.cat);
	free(l.reason);
	synonyms_done(&l.synonyms);
	return status;
}
