#include <config.h>

/*
 * libFuzzer target for i18n/text.c. The first bytes choose the parameters
 * (ambiguous width, wrap width, column budget, buffer size); the rest is
 * the text. Any broken invariant aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "i18n/text.h"
#include "lib/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
forbidden(ucs4_t c)
{
	if (c < 0x20 && c != '\n')
		return 1;
	if (c >= 0x7f && c <= 0x9f)
		return 1;
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c || c == 0xfeff;
}

/* Valid UTF-8, nothing a terminal would act on, newlines only if asked. */
static void
check_clean(const char *s, int keep_newlines)
{
	const uint8_t	*u = (const uint8_t *)s;
	size_t		 i = 0, len = strlen(s);
	ucs4_t		 c;

	if (u8_check(u, len) != NULL)
		abort();
	while (i < len) {
		i += (size_t)u8_mbtouc(&c, u + i, len - i);
		if (forbidden(c) || (c == '\n' && !keep_newlines))
			abort();
	}
}

static void
check_sanitise(const char *s, size_t len)
{
	char	*out;
	int	 nl;

	for (nl = 0; nl <= 1; nl++) {
		out = text_sanitise(s, len, nl);
		check_clean(out, nl);
		free(out);
	}
}

static void
check_copy(const char *s, size_t len, size_t maxcols, size_t dstsize)
{
	char	*dst = xmalloc(dstsize + 1);
	size_t	 used, cols = 0;

	dst[dstsize] = 'X';	/* canary: ASan catches writes further out */
	used = text_copy_cols(dst, dstsize, s, len, maxcols, &cols);
	if (used > len || cols > maxcols || dst[dstsize] != 'X')
		abort();
	if (dstsize > 0) {
		if (strlen(dst) >= dstsize || text_width(dst, strlen(dst)) > cols)
			abort();
		if (text_width(s, used) != cols)
			abort();
	} else if (used != 0 || cols != 0)
		abort();
	free(dst);
}

/*
 * A line wider than width must hold a single character that is itself
 * wider, with nothing else visible (stray combining marks are invisible).
 */
static void
check_line(const char *line, size_t width)
{
	const uint8_t	*u = (const uint8_t *)line;
	size_t		 i = 0, len = strlen(line), visible = 0;
	ucs4_t		 c;

	check_clean(line, 0);
	if (text_width(line, len) <= width)
		return;
	while (i < len) {
		i += (size_t)u8_mbtouc(&c, u + i, len - i);
		if (text_char_width(c) > 0)
			visible++;
	}
	if (visible != 1)
		abort();
}

/* Drop spaces and newlines, which wrapping may remove. */
static void
squeeze(char *s)
{
	char	*o = s;

	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\n')
			*o++ = *s;
	*o = '\0';
}

static void
check_wrap(const char *s, size_t len, size_t width)
{
	struct text_lines	 lines;
	char			*clean, *all;
	size_t			 i, o = 0;

	if (text_wrap(s, len, width, &lines) != 0)
		abort();
	clean = text_sanitise(s, len, 1);
	all = xmalloc(strlen(clean) + 1);
	for (i = 0; i < lines.n; i++) {
		check_line(lines.v[i], width);
		if (o + strlen(lines.v[i]) > strlen(clean))
			abort();
		memcpy(all + o, lines.v[i], strlen(lines.v[i]));
		o += strlen(lines.v[i]);
	}
	all[o] = '\0';
	squeeze(all);
	squeeze(clean);
	if (strcmp(all, clean) != 0)
		abort();
	free(all);
	free(clean);
	text_lines_done(&lines);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data + 4;
	size_t		 width, maxcols, dstsize;

	if (size < 4)
		return 0;
	text_set_ambiguous_width(data[0] & 1 ? 2 : 1);
	width = 1 + (data[1] % 48);
	maxcols = data[2] % 64;
	dstsize = data[3] % 64;
	size -= 4;
	check_sanitise(s, size);
	text_width(s, size);
	check_copy(s, size, maxcols, dstsize);
	check_wrap(s, size, width);
	return 0;
}
