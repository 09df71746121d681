/*
 * The kiosk's main loop: owns the terminal from newterm to endwin, turns
 * keys, mouse events, resizes and signals into calls on the screen stack.
 */
#ifndef CHAYUE_LOOP_H
#define CHAYUE_LOOP_H

struct catalogue;
struct config;

/* Minimum window the screens are drawn in; smaller shows a notice. */
#define LOOP_MIN_COLS	40
#define LOOP_MIN_ROWS	12

/*
 * Run the kiosk on cat until the visitor quits (plain mode) or a signal
 * asks us to stop. Returns the exit status; on failure writes why to
 * stderr after the terminal is restored. cat (may be NULL: the loop keeps
 * trying to open the configured one) stays the caller's to close; its
 * search index is the loop's (ui.search, screens/ui/screen.h).
 */
int loop_run(struct catalogue *cat, const struct config *cfg);

#endif
