/*
 * The colour themes, as data: for each theme and each role of text, a
 * foreground and background of the terminal's eight standard colours and
 * the attributes. screens/ui/draw.c turns the table into curses pairs;
 * tests/unit/test_theme.c checks every entry's contrast. Plain C, no
 * curses, so that the test can read the same table the kiosk draws with;
 * the palettes and the WCAG formula are in the test.
 *
 * The contrast is reckoned as a terminal shows it: bold drawn bright (the
 * foreground colour n becomes n + 8, as xterm, the Linux console and
 * fbterm do), reverse swapping the two after that, and a "default" colour
 * being the console's light grey on black.
 */
#ifndef CHAYUE_THEME_H
#define CHAYUE_THEME_H

/* What a piece of text is; mapped to colours or attributes. */
enum draw_role {
	DRAW_NORMAL,
	DRAW_BAR,	/* title and key bars */
	DRAW_SELECTED,
	DRAW_HEADING,
	DRAW_LABEL,
	DRAW_DIM,	/* secondary text: publisher, counts */
	DRAW_ACTIVE,	/* a filter that is on, a button */
	DRAW_CODE,	/* a QR code: light blocks on dark, whatever the theme */
};
#define DRAW_ROLES	(DRAW_CODE + 1)

enum draw_theme {
	DRAW_THEME_NORMAL,
	DRAW_THEME_CONTRAST,	/* high contrast: white and yellow on black */
	DRAW_THEME_MONO,	/* attributes only */
};
#define DRAW_THEMES	3

/* The eight standard colours, numbered as curses and ECMA-48 number them. */
enum theme_colour {
	THEME_DEFAULT = -1,	/* the terminal's own (mono theme) */
	THEME_BLACK, THEME_RED, THEME_GREEN, THEME_YELLOW,
	THEME_BLUE, THEME_MAGENTA, THEME_CYAN, THEME_WHITE,
};

#define THEME_BOLD	0x1
#define THEME_REVERSE	0x2
#define THEME_UNDERLINE	0x4

struct theme_look {
	signed char	fg, bg;		/* enum theme_colour */
	unsigned char	attrs;		/* THEME_* */
};

/* theme_table[theme][role]: every theme's looks, in one place. */
extern const struct theme_look theme_table[DRAW_THEMES][DRAW_ROLES];

/* The minimum contrast ratio a theme promises (WCAG 2: 7 or 4.5). */
double theme_min_ratio(enum draw_theme theme);

/*
 * The palette indices (0-15) look is shown with, bold drawn bright and
 * reverse applied, into *fg and *bg.
 */
void theme_shown(const struct theme_look *look, int *fg, int *bg);

#endif
