#include <config.h>

#include "screens/ui/theme.h"

#define N(f, b, a)	{ THEME_##f, THEME_##b, (a) }
#define B	THEME_BOLD
#define R	THEME_REVERSE
#define U	THEME_UNDERLINE

/*
 * Yellow is no background colour: on the Linux console it is brown
 * (#aa5500, 4:1 against black), and black on it drawn bold is grey on
 * yellow. So bars and the selection are black on light grey or bright
 * white on blue, and yellow is only ever bright text on black.
 */
const struct theme_look theme_table[DRAW_THEMES][DRAW_ROLES] = {
	[DRAW_THEME_NORMAL] = {
		[DRAW_NORMAL] =		N(WHITE, BLACK, 0),
		[DRAW_BAR] =		N(WHITE, BLUE, B),
		[DRAW_SELECTED] =	N(BLACK, WHITE, 0),
		[DRAW_HEADING] =	N(CYAN, BLACK, B),
		[DRAW_LABEL] =		N(WHITE, BLACK, B),
		[DRAW_DIM] =		N(CYAN, BLACK, 0),
		[DRAW_ACTIVE] =		N(BLACK, CYAN, 0),
		[DRAW_CODE] =		N(WHITE, BLACK, B),
	},
	[DRAW_THEME_CONTRAST] = {
		[DRAW_NORMAL] =		N(WHITE, BLACK, B),
		[DRAW_BAR] =		N(BLACK, WHITE, 0),
		[DRAW_SELECTED] =	N(YELLOW, BLUE, B | U),
		[DRAW_HEADING] =	N(YELLOW, BLACK, B | U),
		[DRAW_LABEL] =		N(YELLOW, BLACK, B),
		[DRAW_DIM] =		N(WHITE, BLACK, 0),
		[DRAW_ACTIVE] =		N(BLACK, WHITE, 0),
		[DRAW_CODE] =		N(WHITE, BLACK, B),
	},
	[DRAW_THEME_MONO] = {
		[DRAW_NORMAL] =		N(DEFAULT, DEFAULT, 0),
		[DRAW_BAR] =		N(DEFAULT, DEFAULT, R),
		[DRAW_SELECTED] =	N(DEFAULT, DEFAULT, R | B),
		[DRAW_HEADING] =	N(DEFAULT, DEFAULT, B | U),
		[DRAW_LABEL] =		N(DEFAULT, DEFAULT, B),
		[DRAW_DIM] =		N(DEFAULT, DEFAULT, 0),
		[DRAW_ACTIVE] =		N(DEFAULT, DEFAULT, R),
		[DRAW_CODE] =		N(DEFAULT, DEFAULT, 0),
	},
};

double
theme_min_ratio(enum draw_theme theme)
{
	return theme == DRAW_THEME_CONTRAST ? 7.0 : 4.5;
}

void
theme_shown(const struct theme_look *look, int *fg, int *bg)
{
	int f = look->fg == THEME_DEFAULT ? THEME_WHITE : look->fg;
	int b = look->bg == THEME_DEFAULT ? THEME_BLACK : look->bg, t;

	if (look->attrs & THEME_BOLD)
		f += 8;
	if (look->attrs & THEME_REVERSE) {
		t = f;
		f = b;
		b = t;
	}
	*fg = f;
	*bg = b;
}
