/*
 * Display-column arithmetic for UTF-8 text from the catalogue.
 *
 * Lengths named "len" or "size" are in bytes; anything named "cols" or
 * "width" is in terminal columns. Invalid UTF-8 is never passed through: it
 * counts and is copied as U+FFFD, one column wide.
 */
#ifndef CHAYUE_TEXT_H
#define CHAYUE_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * East Asian Ambiguous characters (■ □ √ ○ ① …) are one column on most
 * terminals and two on many CJK ones. cols must be 1 or 2; default 1.
 */
void text_set_ambiguous_width(int cols);
int text_ambiguous_width(void);

/* Columns of one code point: 0 for combining marks and controls, 2 for wide. */
int text_char_width(uint32_t c);

/* Columns of s[0..len). */
size_t text_width(const char *s, size_t len);

/*
 * Copy at most maxcols columns of s[0..len) into dst (dstsize bytes, always
 * NUL-terminated), never splitting a character. Returns the bytes of s
 * consumed; *cols_out (may be NULL) gets the columns copied. Invalid bytes
 * become U+FFFD. Stops early if dst is full.
 */
size_t text_copy_cols(char *dst, size_t dstsize, const char *s, size_t len,
    size_t maxcols, size_t *cols_out);

/*
 * Where the last at most maxcols columns of s[0..len) begin: a byte offset
 * at a character boundary (len if maxcols is 0). For showing the text just
 * before a point, e.g. the context of a search match.
 */
size_t text_tail_cols(const char *s, size_t len, size_t maxcols);

/*
 * Make s[0..len) safe to show on a terminal or send to a printer: invalid
 * UTF-8 becomes U+FFFD; escape sequences (CSI, OSC, …), C0 and C1 controls,
 * DEL and bidi override/isolate controls are removed; a tab becomes a space.
 * Newlines are kept when keep_newlines is non-zero, else become a space.
 * Returns a NUL-terminated string the caller frees; never NULL.
 */
char *text_sanitise(const char *s, size_t len, int keep_newlines);

/*
 * Lines of text wrapped to at most width columns (width >= 1) following the
 * Unicode line-breaking rules (no break before 。，、）》 and the like);
 * a word longer than a line is broken between characters. Input is
 * sanitised first; a newline in the input ends a line. Trailing spaces are
 * dropped; "" gives no lines and "a\n\nb" three. The one line that may be
 * wider than width is a single character wider than width itself (a CJK
 * character at width 1), which goes alone on its line.
 */
struct text_lines {
	char	**v;	/* n NUL-terminated lines, owned */
	size_t	  n;
};

/* Fill *out (which the caller releases with text_lines_done). -1 on ENOMEM. */
int text_wrap(const char *s, size_t len, size_t width, struct text_lines *out);
void text_lines_done(struct text_lines *lines);

#endif
