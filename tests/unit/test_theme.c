/*
 * Every theme's colours are readable: the contrast ratio of each role's
 * foreground and background, as the terminal shows them (bold drawn
 * bright), is at least 7:1 in the high-contrast theme and 4.5:1 in the
 * others (WCAG 2, success criteria 1.4.6 and 1.4.3), on the standard
 * palettes of xterm and of the Linux console (fbterm uses the console's).
 */
#include <config.h>

#include <math.h>
#include <stdio.h>

#include "screens/ui/theme.h"
#include "tests/unit/tap.h"

/* 0-7 the standard colours, 8-15 the bright ones, 0xRRGGBB. */
static const struct {
	const char	*name;
	unsigned long	 rgb[16];
} palettes[] = {
	{ "xterm", {
		0x000000, 0xcd0000, 0x00cd00, 0xcdcd00,
		0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
		0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
		0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
	} },
	{ "Linux console", {
		0x000000, 0xaa0000, 0x00aa00, 0xaa5500,
		0x0000aa, 0xaa00aa, 0x00aaaa, 0xaaaaaa,
		0x555555, 0xff5555, 0x55ff55, 0xffff55,
		0x5555ff, 0xff55ff, 0x55ffff, 0xffffff,
	} },
};

/*
 * WCAG 2 relative luminance: each sRGB channel c (0..1) made linear,
 * c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ^ 2.4, then
 * L = 0.2126 R + 0.7152 G + 0.0722 B.
 */
static double
linear(unsigned long c)
{
	double v = (double)c / 255.0;

	return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double
luminance(unsigned long rgb)
{
	return 0.2126 * linear((rgb >> 16) & 0xff) +
	    0.7152 * linear((rgb >> 8) & 0xff) + 0.0722 * linear(rgb & 0xff);
}

/* Contrast ratio (L1 + 0.05) / (L2 + 0.05), L1 the lighter: 1 to 21. */
static double
ratio(unsigned long a, unsigned long b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static const char *const theme_names[] = { "normal", "high-contrast", "mono" };
static const char *const role_names[] = {
	"normal", "bar", "selected", "heading", "label", "dim", "active", "code"
};

int
main(void)
{
	const struct theme_look *look;
	char what[160];
	size_t p;
	int t, r, fg, bg;
	double q;

	ok(fabs(ratio(0x000000, 0xffffff) - 21.0) < 1e-9, "black on white is 21:1");
	ok(fabs(ratio(0x777777, 0xffffff) - 4.48) < 0.01,
	    "#777 on white is 4.48:1 (the WCAG example just under 4.5)");
	/* What the issue found: bold black on yellow is grey on yellow. */
	ok(ratio(palettes[0].rgb[8], palettes[0].rgb[3]) < 4.5,
	    "(bold black on yellow, drawn bright, is under 4.5:1 on xterm)");

	for (t = 0; t < DRAW_THEMES; t++) {
		for (r = 0; r < DRAW_ROLES; r++) {
			look = &theme_table[t][r];
			theme_shown(look, &fg, &bg);
			for (p = 0; p < sizeof palettes / sizeof palettes[0]; p++) {
				q = ratio(palettes[p].rgb[fg], palettes[p].rgb[bg]);
				snprintf(what, sizeof what,
				    "%s theme, %s: %.1f:1 on %s (at least %.1f)",
				    theme_names[t], role_names[r], q,
				    palettes[p].name,
				    theme_min_ratio((enum draw_theme)t));
				ok(q >= theme_min_ratio((enum draw_theme)t), what);
			}
		}
	}
	/* The selection must stand out from the text and from the bars. */
	for (t = 0; t < DRAW_THEMES - 1; t++) {
		snprintf(what, sizeof what, "%s theme: the selection differs from "
		    "text and bars", theme_names[t]);
		ok(memcmp(&theme_table[t][DRAW_SELECTED], &theme_table[t][DRAW_NORMAL],
		    sizeof *look) != 0 && memcmp(&theme_table[t][DRAW_SELECTED],
		    &theme_table[t][DRAW_BAR], sizeof *look) != 0, what);
	}
	return tap_done();
}
