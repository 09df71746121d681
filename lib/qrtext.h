/*
 * A QR code (made by libqrencode) laid out as lines of block characters
 * for a terminal, with a light quiet zone around it, as large as fits in
 * the space given. Light modules are drawn as █ ▀ ▄ (the terminal's
 * foreground), dark ones as blanks (its background).
 *
 * Two layouts, for the two ways terminals draw East Asian Ambiguous
 * characters such as █:
 *  - one column each (ambiguous width 1): every character holds two
 *    modules one above the other (▀ ▄ █), and as a terminal cell is about
 *    twice as tall as it is wide the modules come out square;
 *  - two columns each (ambiguous width 2): every █ is one module, two
 *    columns wide and one row high, again square; a dark module is two
 *    blanks. If that does not fit, half blocks two columns wide (modules
 *    twice as wide as high, which cameras still read).
 */
#ifndef CHAYUE_QRTEXT_H
#define CHAYUE_QRTEXT_H

#include <stddef.h>

struct qrtext {
	char	**lines;	/* n lines, UTF-8, owned */
	size_t	  n;
	int	  cols;		/* display columns of every line */
	int	  version;	/* QR version, 1..40 */
	int	  modules;	/* modules a side, without the quiet zone */
	int	  quiet;	/* quiet zone, in modules */
	int	  scale;	/* characters (or half characters) a module */
	char	  level;	/* error correction: 'L' or 'M' */
};

/*
 * Smallest quiet zone used, in modules. The standard asks for 4, and 4 is
 * used wherever it fits; phone readers (and zbar) still read codes with 1
 * against the terminal's dark background, and that lets an address of
 * 140 bytes fit a 24-line window.
 */
#define QRTEXT_MIN_QUIET	1

enum {
	QRTEXT_OK = 0,
	QRTEXT_ERROR = -1,	/* the text cannot be encoded (too long) */
	QRTEXT_TOO_SMALL = -2,	/* it can, but does not fit the space */
};

/*
 * Encode text (bytes, up to the first NUL) and lay it out in at most
 * max_cols columns and max_rows lines, for ambiguous characters of
 * ambiguous_width columns (1 or 2). Fills *out (release with
 * qrtext_done, also after a failure) and returns QRTEXT_OK, or
 * QRTEXT_TOO_SMALL with out->cols and out->n the smallest space it needs,
 * or QRTEXT_ERROR.
 */
int qrtext_make(const char *text, int ambiguous_width, int max_cols,
    int max_rows, struct qrtext *out);
void qrtext_done(struct qrtext *q);

#endif
