#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "i18n/text.h"
#include "lib/xmalloc.h"

/* U+FFFD as UTF-8: what every invalid byte sequence is shown as. */
static const char replacement[] = "\xef\xbf\xbd";

static int ambiguous = 1;

/*
 * libunistring has no "ambiguous is wide" flag: it widens ambiguous
 * characters when told the terminal uses a CJK legacy encoding, so name one.
 */
static const char *
width_encoding(void)
{
	return ambiguous == 2 ? "GBK" : "UTF-8";
}

void
text_set_ambiguous_width(int cols)
{
	ambiguous = cols == 2 ? 2 : 1;
}

int
text_ambiguous_width(void)
{
	return ambiguous;
}

int
text_char_width(uint32_t c)
{
	int	w;

	/* U+FFFD stands in for bad bytes and must stay one column. */
	if (c == 0xfffd)
		return 1;
	w = uc_width(c, width_encoding());
	return w < 0 ? 0 : w;	/* controls: -1 */
}

/*
 * Decode the character at s[0..len), len > 0. Invalid input yields U+FFFD
 * and the length of the maximal invalid subsequence (at least 1).
 */
static size_t
decode(const char *s, size_t len, ucs4_t *c)
{
	return (size_t)u8_mbtouc(c, (const uint8_t *)s, len);
}

size_t
text_width(const char *s, size_t len)
{
	size_t	i = 0, cols = 0;
	ucs4_t	c;

	while (i < len) {
		i += decode(s + i, len - i, &c);
		cols += (size_t)text_char_width(c);
	}
	return cols;
}

size_t
text_copy_cols(char *dst, size_t dstsize, const char *s, size_t len,
    size_t maxcols, size_t *cols_out)
{
	size_t	i = 0, o = 0, cols = 0, n, w, clen;
	ucs4_t	c;

	while (dstsize > 0 && i < len) {
		n = decode(s + i, len - i, &c);
		w = (size_t)text_char_width(c);
		clen = c == 0xfffd ? sizeof replacement - 1 : n;
		if (cols + w > maxcols || o + clen >= dstsize)
			break;
		/* A genuine U+FFFD is the same three bytes. */
		memcpy(dst + o, c == 0xfffd ? replacement : s + i, clen);
		o += clen;
		cols += w;
		i += n;
	}
	if (dstsize > 0)
		dst[o] = '\0';
	if (cols_out != NULL)
		*cols_out = cols;
	return i;
}

size_t
text_tail_cols(const char *s, size_t len, size_t maxcols)
{
	const uint8_t *start = (const uint8_t *)s, *p = start + len, *prev;
	size_t cols = 0, w;
	ucs4_t c;

	while (p > start) {
		/* Back to the previous character, or one stray byte. */
		if ((prev = u8_prev(&c, p, start)) == NULL) {
			prev = p - 1;
			c = 0xfffd;
		}
		w = (size_t)text_char_width(c);
		if (cols + w > maxcols)
			break;
		cols += w;
		p = prev;
	}
	return (size_t)(p - start);
}

/* Bidi embedding, override, isolate and mark characters: all invisible. */
static int
is_bidi_control(ucs4_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c;
}

/* C1 introducers of a control string (DCS, SOS, OSC, PM, APC). */
static int
is_string_c1(ucs4_t c)
{
	return c == 0x90 || c == 0x98 || c == 0x9d || c == 0x9e || c == 0x9f;
}

/*
 * Skip the body of a CSI sequence from s[i]: parameter and intermediate
 * bytes, then a final byte. Anything else ends it early, so that a stray
 * introducer cannot swallow the text after it.
 */
static size_t
skip_csi(const uint8_t *s, size_t len, size_t i)
{
	while (i < len && s[i] >= 0x20 && s[i] <= 0x3f)
		i++;
	if (i < len && s[i] >= 0x40 && s[i] <= 0x7e)
		i++;
	return i;
}

/*
 * Skip the body of a control string (OSC and friends) from s[i] up to and
 * including its terminator: BEL, ESC \ or C1 ST. Another control character
 * also ends it but is left for the caller, so a newline survives.
 */
static size_t
skip_string(const uint8_t *s, size_t len, size_t i)
{
	for (; i < len; i++) {
		if (s[i] == 0x07)
			return i + 1;
		if (s[i] == 0x1b)
			return i + 1 < len && s[i + 1] == '\\' ? i + 2 : i;
		if (s[i] < 0x20)
			return i;
		if (s[i] == 0xc2 && i + 1 < len && s[i + 1] == 0x9c)
			return i + 2;
	}
	return i;
}

/*
 * Skip an escape sequence whose introducer c (ESC or a C1 code point) ends
 * just before s[i]. Returns the index after the sequence.
 */
static size_t
skip_escape(const uint8_t *s, size_t len, size_t i, ucs4_t c)
{
	if (c == 0x9b)
		return skip_csi(s, len, i);
	if (c != 0x1b)
		return skip_string(s, len, i);
	if (i >= len)
		return i;
	switch (s[i]) {
	case '[':
		return skip_csi(s, len, i + 1);
	case ']':
	case 'P':
	case 'X':
	case '^':
	case '_':
		return skip_string(s, len, i + 1);
	}
	/* ESC, intermediates (as in ESC ( B), then one final byte. */
	while (i < len && s[i] >= 0x20 && s[i] <= 0x2f)
		i++;
	if (i < len && s[i] >= 0x30 && s[i] <= 0x7e)
		i++;
	return i;
}

/* What c becomes in sanitised text: itself, a replacement or 0 (dropped). */
static ucs4_t
sanitise_char(ucs4_t c, int keep_newlines)
{
	if (c == '\t')
		return ' ';
	/* Line and paragraph separators would otherwise break lines unseen. */
	if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
		return keep_newlines ? '\n' : ' ';
	if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
		return 0;
	if (is_bidi_control(c) || c == 0xfeff)
		return 0;
	return c;
}

char *
text_sanitise(const char *s, size_t len, int keep_newlines)
{
	const uint8_t	*u = (const uint8_t *)s;
	char		*out;
	size_t		 i = 0, o = 0;
	ucs4_t		 c;

	/* Worst case: every byte is invalid and becomes three. */
	out = xreallocarray(NULL, len + 1, 3);
	while (i < len) {
		i += decode(s + i, len - i, &c);
		if (c == 0x1b || c == 0x9b || is_string_c1(c)) {
			i = skip_escape(u, len, i, c);
			continue;
		}
		if (c == '\r' && i < len && u[i] == '\n')
			i++;
		if ((c = sanitise_char(c, keep_newlines)) != 0)
			o += (size_t)u8_uctomb((uint8_t *)out + o, c, 6);
	}
	out[o] = '\0';
	return out;
}

struct wrap {
	const char		*s;	/* sanitised text */
	size_t			 len;
	char			*brk;	/* UC_BREAK_* before each byte */
	size_t			 width;
	struct text_lines	*out;
};

/* Append s[start..end) without its trailing spaces as a new line. */
static void
wrap_emit(struct wrap *wr, size_t start, size_t end)
{
	struct text_lines	*out = wr->out;

	while (end > start && wr->s[end - 1] == ' ')
		end--;
	out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
	out->v[out->n++] = xstrndup(wr->s + start, end - start);
}

/*
 * Emit the line starting at s[start] and return where the next one starts.
 * Greedy: take characters while they fit, remembering the last break
 * opportunity; on overflow, break there or, if there is none, before the
 * character that does not fit. Spaces never overflow since a line drops
 * its trailing ones; zero-width characters stay with what precedes them.
 * A character alone wider than the line is taken anyway, so every line
 * makes progress.
 */
static size_t
wrap_line(struct wrap *wr, size_t start)
{
	size_t	i = start, next, last = 0, cols = 0, spaces = 0, w;
	ucs4_t	c;

	for (; i < wr->len; i = next) {
		next = i + decode(wr->s + i, wr->len - i, &c);
		if (wr->brk[i] == UC_BREAK_MANDATORY) {
			wrap_emit(wr, start, i);
			return next;
		}
		if (i > start && (wr->brk[i] == UC_BREAK_POSSIBLE ||
		    wr->brk[i] == UC_BREAK_HYPHENATION))
			last = i;
		if (c == ' ') {
			spaces++;
			continue;
		}
		w = (size_t)text_char_width(c);
		if (cols + spaces > 0 && cols + spaces + w > wr->width) {
			if (last == 0)
				last = i;
			wrap_emit(wr, start, last);
			return last;
		}
		cols += spaces + w;
		spaces = 0;
	}
	wrap_emit(wr, start, wr->len);
	return wr->len;
}

int
text_wrap(const char *s, size_t len, size_t width, struct text_lines *out)
{
	struct wrap	 wr;
	char		*clean;
	size_t		 start = 0;

	out->v = NULL;
	out->n = 0;
	clean = text_sanitise(s, len, 1);
	wr.s = clean;
	wr.len = strlen(clean);
	wr.width = width > 0 ? width : 1;
	wr.out = out;
	wr.brk = xmalloc(wr.len);
	/* Same encoding as for widths: ambiguous characters then break as CJK. */
	if (wr.len > 0)
		u8_possible_linebreaks((const uint8_t *)clean, wr.len,
		    width_encoding(), wr.brk);
	while (start < wr.len)
		start = wrap_line(&wr, start);
	free(wr.brk);
	free(clean);
	return 0;
}

void
text_lines_done(struct text_lines *lines)
{
	size_t	i;

	for (i = 0; i < lines->n; i++)
		free(lines->v[i]);
	free(lines->v);
	lines->v = NULL;
	lines->n = 0;
}
