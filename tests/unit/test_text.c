#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "tests/unit/tap.h"

static const char decree[] =
    "《中华人民共和国政府信息公开条例》（国务院令第711号）";
static const char deadline[] =
    "信息形成或者变更之日起20个工作日内，通过政府网站、公开查阅点公开。";
static const char url[] = "http://www.example.gov.cn/a/b/c.html";

static size_t
w(const char *s)
{
	return text_width(s, strlen(s));
}

static void
test_width(void)
{
	text_set_ambiguous_width(1);
	is_int(w("abc"), 3, "ASCII is one column a character");
	is_int(w("中文"), 4, "CJK is two columns");
	is_int(w("，。"), 4, "fullwidth punctuation is two columns");
	is_int(w("e\xcc\x81"), 1, "e + combining acute is one column");
	is_int(w(""), 0, "empty string is zero columns");
	is_int(w("a\xff" "b"), 3, "an invalid byte is one column");
	is_int(w("\xff\xfe\x80"), 3, "each invalid byte is one U+FFFD");
	is_int(w("\xe4\xb8"), 1, "a truncated sequence is one U+FFFD");
	is_int(w("a\x1b" "b"), 2, "controls are zero columns");
	is_int(text_width("a\0b", 3), 2, "NUL inside len is zero columns");
	is_int(text_char_width(0x4e2d), 2, "U+4E2D is wide");
	is_int(text_char_width(0x0301), 0, "U+0301 is zero width");
	is_int(text_char_width(0x07), 0, "BEL is zero width");
}

static void
test_ambiguous(void)
{
	const char	*amb = "■□√○";

	text_set_ambiguous_width(1);
	is_int(text_ambiguous_width(), 1, "ambiguous width set to 1");
	is_int(w(amb), 4, "ambiguous ■□√○ narrow");
	is_int(w("a\xff"), 2, "U+FFFD narrow");
	text_set_ambiguous_width(2);
	is_int(text_ambiguous_width(), 2, "ambiguous width set to 2");
	is_int(w(amb), 8, "ambiguous ■□√○ wide");
	is_int(w("中a"), 3, "CJK and ASCII unaffected by ambiguous width");
	is_int(w("a\xff"), 2, "U+FFFD stays one column when ambiguous is wide");
	text_set_ambiguous_width(7);
	is_int(text_ambiguous_width(), 1, "a bad ambiguous width means 1");
}

static void
test_copy_cjk(void)
{
	char	buf[64];
	size_t	cols, used;

	text_set_ambiguous_width(1);
	used = text_copy_cols(buf, sizeof buf, "中文字", 9, 3, &cols);
	is_str(buf, "中", "maxcols 3 on 中文字 copies one character");
	is_int(cols, 2, "... and reports 2 columns");
	is_int(used, 3, "... and consumes 3 bytes");
	used = text_copy_cols(buf, sizeof buf, "中文字", 9, 100, &cols);
	is_str(buf, "中文字", "a wide budget copies everything");
	is_int(cols, 6, "... 6 columns");
	is_int(used, 9, "... 9 bytes");
	used = text_copy_cols(buf, sizeof buf, "中文", 6, 1, &cols);
	is_str(buf, "", "maxcols 1 copies no CJK character");
	is_int(used, 0, "... and consumes nothing");
	is_int(cols, 0, "... 0 columns");
	text_copy_cols(buf, sizeof buf, "ae\xcc\x81x", 5, 2, &cols);
	is_str(buf, "ae\xcc\x81", "a combining mark goes with its base");
	is_int(cols, 2, "... 2 columns");
}

static void
test_copy_small(void)
{
	char	buf[8];
	size_t	cols, used;

	used = text_copy_cols(buf, 4, "中文", 6, 10, &cols);
	is_str(buf, "中", "dstsize 4 holds one CJK character");
	is_int(used, 3, "... consumed 3 bytes");
	used = text_copy_cols(buf, 3, "中文", 6, 10, &cols);
	is_str(buf, "", "dstsize 3 holds no CJK character");
	is_int(used, 0, "... consumed nothing");
	used = text_copy_cols(buf, 1, "abc", 3, 10, NULL);
	is_str(buf, "", "dstsize 1 gives the empty string");
	buf[0] = 'Z';
	used = text_copy_cols(buf, 0, "abc", 3, 10, &cols);
	ok(buf[0] == 'Z' && used == 0 && cols == 0, "dstsize 0 writes nothing");
	used = text_copy_cols(buf, sizeof buf, "a\xff" "b", 3, 10, &cols);
	is_str(buf, "a\xef\xbf\xbd" "b", "an invalid byte is copied as U+FFFD");
	is_int(used, 3, "... consuming one byte for it");
	is_int(cols, 3, "... one column for it");
	used = text_copy_cols(buf, 4, "\xff\xff", 2, 10, &cols);
	is_str(buf, "\xef\xbf\xbd", "U+FFFD stops at a full dst");
	is_int(used, 1, "... after one invalid byte");
}

static void
check_sanitise(const char *in, size_t len, int nl, const char *want,
    const char *what)
{
	char	*got = text_sanitise(in, len, nl);

	is_str(got, want, what);
	free(got);
}

/*
 * How many U+FFFD an invalid sequence gives depends on the libunistring
 * version (one per byte or per maximal subpart): require only U+FFFD.
 */
static void
check_replaced(const char *in, const char *what)
{
	char	*got = text_sanitise(in, strlen(in), 0);
	size_t	 i, len = strlen(got);
	int	 good = len > 0 && len % 3 == 0;

	for (i = 0; good && i < len; i += 3)
		good = memcmp(got + i, "\xef\xbf\xbd", 3) == 0;
	ok(good, what);
	free(got);
}

#define SAN(in, nl, want, what) check_sanitise(in, sizeof in - 1, nl, want, what)

static void
test_sanitise_escapes(void)
{
	SAN("plain 中文", 0, "plain 中文", "plain text is unchanged");
	SAN("", 0, "", "empty stays empty");
	SAN("a\x1b[31mred\x1b[0m", 0, "ared", "SGR sequences removed");
	SAN("a\x1b[?1049hb", 0, "ab", "private CSI removed");
	SAN("\x1b]0;title\x07x", 0, "x", "OSC ended by BEL removed");
	SAN("\x1b]0;标题\x1b\\x", 0, "x", "OSC ended by ESC \\ removed");
	SAN("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", 0, "link",
	    "OSC 8 hyperlink removed");
	SAN("a\x1b" "cb", 0, "ab", "two-byte ESC c removed");
	SAN("a\x1b(Bb", 0, "ab", "charset designation ESC ( B removed");
	SAN("a\x1b", 0, "a", "ESC at the end removed");
	SAN("a\x1b[", 0, "a", "unfinished CSI at the end removed");
	SAN("a\x1b[31\xe4\xb8\xad", 0, "a中", "a broken CSI keeps what follows");
	SAN("a\xc2\x9b" "31mb", 0, "ab", "8-bit CSI sequence removed");
	SAN("a\xc2\x9d" "0;t\xc2\x9c" "b", 0, "ab", "8-bit OSC and ST removed");
	SAN("a\xc2\x85\xc2\x80" "b", 0, "ab", "other C1 controls removed");
}

/*
 * A sequence cut off by the end of the text ends there: nothing of it is
 * left for the terminal, which would otherwise go on swallowing the text
 * drawn after it (the rest of the window).
 */
static void
test_sanitise_unterminated(void)
{
	SAN("a\x1b]0;title", 0, "a", "unterminated OSC ends at the end");
	SAN("a\x1b]8;;http://x", 0, "a", "unterminated OSC 8 ends at the end");
	SAN("a\x1b]", 0, "a", "a bare OSC introducer at the end");
	SAN("a\x1bP1;2|data", 0, "a", "unterminated DCS ends at the end");
	SAN("a\x1bP", 0, "a", "a bare DCS introducer at the end");
	SAN("a\x1b_apc", 0, "a", "unterminated APC ends at the end");
	SAN("a\x1b^pm", 0, "a", "unterminated PM ends at the end");
	SAN("a\x1bXsos", 0, "a", "unterminated SOS ends at the end");
	SAN("a\x1b[12;", 0, "a", "a CSI cut off in its parameters");
	SAN("a\x1b[?", 0, "a", "a private CSI cut off");
	SAN("a\x1b[1 ", 0, "a", "a CSI cut off after an intermediate");
	SAN("a\x1b(", 0, "a", "a charset designation cut off");
	SAN("a\xc2\x9b", 0, "a", "a bare 8-bit CSI at the end");
	SAN("a\xc2\x9b" "12;", 0, "a", "an 8-bit CSI cut off");
	SAN("a\xc2\x9d", 0, "a", "a bare 8-bit OSC at the end");
	SAN("a\xc2\x9d" "0;title", 0, "a", "an unterminated 8-bit OSC");
	SAN("a\xc2\x90" "data", 0, "a", "an unterminated 8-bit DCS");
	SAN("a\xc2\x98" "x\xc2\x9e" "y\xc2\x9f" "z", 0, "a",
	    "8-bit SOS, PM, APC: each body runs to the end");
	SAN("a\x1b]0;t\xe4\xb8\xad", 0, "a",
	    "an unterminated OSC takes the UTF-8 text after it, not more");
	SAN("a\x1b]0;t\nb", 1, "a\nb", "a newline ends an OSC and is kept");
	SAN("a\x1bP\x1b", 0, "a", "a DCS ended by a lone ESC at the end");
	SAN("a\x1b]0;t\x1b[31mb", 0, "ab",
	    "an OSC cut by another sequence: both removed, text after kept");
	SAN("a\x9b" "31mb", 0, "a\xef\xbf\xbd" "31mb",
	    "a raw byte 9B (not UTF-8) is U+FFFD, not a CSI");
	SAN("a\x9d" "0;t", 0, "a\xef\xbf\xbd" "0;t",
	    "a raw byte 9D (not UTF-8) is U+FFFD, not an OSC");
}

static void
test_sanitise_controls(void)
{
	SAN("a\xe2\x80\xae" "cba", 0, "acba", "U+202E RLO removed");
	SAN("\xe2\x81\xa6x\xe2\x81\xa9\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", 0, "x",
	    "isolates, LRM, RLM, ALM removed");
	SAN("\xef\xbb\xbfhi", 0, "hi", "BOM removed");
	SAN("a\tb", 0, "a b", "tab becomes a space");
	SAN("a\x07\x08\x7f" "b", 0, "ab", "BEL, BS, DEL removed");
	SAN("a\0b", 1, "ab", "embedded NUL removed");
	SAN("a\nb", 1, "a\nb", "newline kept");
	SAN("a\nb", 0, "a b", "newline becomes a space");
	SAN("a\r\nb", 1, "a\nb", "CR LF is one newline");
	SAN("a\r\nb", 0, "a b", "CR LF is one space");
	SAN("a\rb", 1, "a\nb", "lone CR is a newline");
	SAN("a\r\r\nb", 1, "a\n\nb", "CR then CR LF are two newlines");
	SAN("a\xe2\x80\xa8" "b", 1, "a\nb", "U+2028 is a newline");
	SAN("a\xff" "b", 0, "a\xef\xbf\xbd" "b", "invalid byte becomes U+FFFD");
	SAN("\xc0\xaf", 0, "\xef\xbf\xbd\xef\xbf\xbd", "overlong / is two U+FFFD");
	check_replaced("\xed\xa0\x80", "an encoded surrogate becomes U+FFFD");
	check_replaced("\xe0\x80\x80", "an overlong NUL becomes U+FFFD");
	check_replaced("\xf4\x90\x80\x80", "a code point past U+10FFFF too");
	SAN("e\xcc\x81", 0, "e\xcc\x81", "combining marks kept");
}

/*
 * Does line fit width? A line may only be wider when it is one character
 * wider than width on its own (CJK at width 1).
 */
static int
fits(const char *line, size_t width)
{
	char	buf[16];
	size_t	cols;

	if (w(line) <= width)
		return 1;
	return width == 1 && w(line) == 2 &&
	    text_copy_cols(buf, sizeof buf, line, strlen(line), 1, &cols) == 0;
}

/* Copy s without its spaces, which wrapping may drop. */
static char *
unspaced(const char *s)
{
	char	*out = xstrdup(s), *o = out;

	for (; *s != '\0'; s++)
		if (*s != ' ')
			*o++ = *s;
	*o = '\0';
	return out;
}

/* Check a wrap: widths, forbidden line starts and lossless concatenation. */
static void
check_wrap(const char *s, size_t width, int check_starts, const char *what)
{
	struct text_lines	 lines;
	char			*all, *want, *got, msg[128];
	size_t			 i, len = 0;
	int			 fit = 1, starts = 1;

	text_wrap(s, strlen(s), width, &lines);
	all = xmalloc(strlen(s) + 1);
	for (i = 0; i < lines.n; i++) {
		if (!fits(lines.v[i], width))
			fit = 0;
		if (strncmp(lines.v[i], "，", 3) == 0 ||
		    strncmp(lines.v[i], "。", 3) == 0 ||
		    strncmp(lines.v[i], "）", 3) == 0 ||
		    strncmp(lines.v[i], "》", 3) == 0)
			starts = 0;
		memcpy(all + len, lines.v[i], strlen(lines.v[i]));
		len += strlen(lines.v[i]);
	}
	all[len] = '\0';
	snprintf(msg, sizeof msg, "%s at %zu: every line fits", what, width);
	ok(fit, msg);
	if (check_starts) {
		snprintf(msg, sizeof msg, "%s at %zu: no line starts with "
		    "closing punctuation", what, width);
		ok(starts, msg);
	}
	snprintf(msg, sizeof msg, "%s at %zu: lines join to the input", what,
	    width);
	want = unspaced(s);
	got = unspaced(all);
	is_str(got, want, msg);
	free(got);
	free(want);
	free(all);
	text_lines_done(&lines);
}

static void
test_wrap_catalogue(void)
{
	struct text_lines	 lines;
	const size_t		 widths[] = { 1, 2, 10, 40 };
	size_t			 i;

	text_set_ambiguous_width(1);
	for (i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		check_wrap(decree, widths[i], widths[i] >= 4, "decree");
		check_wrap(deadline, widths[i], widths[i] >= 4, "deadline");
	}
	text_wrap(decree, strlen(decree), 10, &lines);
	ok(lines.n > 0 && strncmp(lines.v[lines.n - 1], "）", 3) != 0,
	    "（...号） keeps its closing bracket with the text");
	for (i = 0; i + 1 < lines.n; i++) {
		size_t l = strlen(lines.v[i]);
		if (l >= 3 && (strcmp(lines.v[i] + l - 3, "《") == 0 ||
		    strcmp(lines.v[i] + l - 3, "（") == 0))
			break;
	}
	ok(i + 1 >= lines.n, "no line ends with an opening bracket");
	text_lines_done(&lines);
	text_wrap(deadline, strlen(deadline), 40, &lines);
	is_int(lines.n, 2, "deadline at 40 is two lines");
	if (lines.n == 2)
		is_str(lines.v[0], "信息形成或者变更之日起20个工作日内，通过",
		    "first line filled to 40 columns");
	text_lines_done(&lines);
}

/* Break where UAX #14 allows, not merely where the width runs out. */
static void
test_wrap_rules(void)
{
	struct text_lines	lines;

	text_wrap("公开查阅，点", 18, 8, &lines);
	ok(lines.n == 2 && strcmp(lines.v[0], "公开查") == 0 &&
	    strcmp(lines.v[1], "阅，点") == 0, "， is not pushed to a line start");
	text_lines_done(&lines);
	text_wrap("政府（国务院）", 21, 6, &lines);
	ok(lines.n == 3 && strcmp(lines.v[0], "政府") == 0 &&
	    strcmp(lines.v[1], "（国务") == 0 && strcmp(lines.v[2], "院）") == 0,
	    "（ does not end a line");
	text_lines_done(&lines);
	text_wrap("hello world", 11, 8, &lines);
	ok(lines.n == 2 && strcmp(lines.v[0], "hello") == 0 &&
	    strcmp(lines.v[1], "world") == 0, "words break at spaces");
	text_lines_done(&lines);
}

static void
test_wrap_narrow(void)
{
	struct text_lines	lines;
	size_t			i;
	int			alone = 1;

	text_wrap("中文字", 9, 1, &lines);
	is_int(lines.n, 3, "width 1: three CJK characters, three lines");
	for (i = 0; i < lines.n; i++)
		if (w(lines.v[i]) != 2)
			alone = 0;
	ok(alone, "width 1: each CJK character alone on its line");
	text_lines_done(&lines);
	text_wrap("a中b", 5, 1, &lines);
	is_int(lines.n, 3, "width 1: mixed text makes progress");
	text_lines_done(&lines);
	text_wrap("abc", 3, 0, &lines);
	is_int(lines.n, 3, "width 0 is treated as 1");
	text_lines_done(&lines);
	check_wrap("abc def", 1, 0, "ASCII words");
	check_wrap("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 1, 0, "combining marks");
	text_wrap("e\xcc\x81" "e\xcc\x81", 4, 1, &lines);
	ok(lines.n == 2 && strcmp(lines.v[0], "e\xcc\x81") == 0,
	    "a combining mark stays with its base");
	text_lines_done(&lines);
}

static void
test_wrap_url(void)
{
	struct text_lines	lines;

	check_wrap(url, 10, 0, "URL");
	text_wrap(url, strlen(url), 10, &lines);
	ok(lines.n >= 4, "a long URL is split into at least 4 lines");
	text_lines_done(&lines);
	check_wrap("见http://www.example.gov.cn/a/b/c.html。", 10, 1,
	    "URL in text");
	text_wrap("abcdefghijklmnopqrstuvwxy", 25, 10, &lines);
	ok(lines.n == 3 && strcmp(lines.v[0], "abcdefghij") == 0 &&
	    strcmp(lines.v[2], "uvwxy") == 0,
	    "a word with no break opportunity is cut at the width");
	text_lines_done(&lines);
}

static void
test_wrap_lines(void)
{
	struct text_lines	lines;

	text_wrap("", 0, 10, &lines);
	ok(lines.n == 0, "empty input gives no lines");
	text_lines_done(&lines);
	text_wrap("\x1b[31m", 5, 10, &lines);
	ok(lines.n == 0, "input of escapes only gives no lines");
	text_lines_done(&lines);
	text_wrap("a\n\nb", 4, 10, &lines);
	ok(lines.n == 3 && strcmp(lines.v[0], "a") == 0 &&
	    strcmp(lines.v[1], "") == 0 && strcmp(lines.v[2], "b") == 0,
	    "a\\n\\nb gives a, empty, b");
	text_lines_done(&lines);
	text_wrap("a\r\nb\rc", 6, 10, &lines);
	is_int(lines.n, 3, "CR LF and CR each end one line");
	text_lines_done(&lines);
	text_wrap("hello   world  ", 15, 8, &lines);
	ok(lines.n == 2 && strcmp(lines.v[0], "hello") == 0 &&
	    strcmp(lines.v[1], "world") == 0, "trailing spaces dropped");
	text_lines_done(&lines);
	text_wrap("abcdefghij klm", 14, 10, &lines);
	ok(lines.n == 2 && strcmp(lines.v[0], "abcdefghij") == 0,
	    "a space past the edge does not push the word down");
	text_lines_done(&lines);
	text_wrap("a\x1b[1mb\xe2\x80\xae" "c", 11, 10, &lines);
	ok(lines.n == 1 && strcmp(lines.v[0], "abc") == 0,
	    "wrap sanitises its input");
	text_lines_done(&lines);
}

static void
test_wrap_ambiguous(void)
{
	struct text_lines	lines;
	const char		*s = "■□√○■";

	text_set_ambiguous_width(2);
	text_wrap(s, strlen(s), 4, &lines);
	is_int(lines.n, 3, "ambiguous wide: ■□√○■ at 4 is three lines");
	text_lines_done(&lines);
	check_wrap("○ 信息公开指南 ○ 依申请公开", 10, 1, "ambiguous wide");
	text_set_ambiguous_width(1);
	text_wrap(s, strlen(s), 4, &lines);
	is_int(lines.n, 2, "ambiguous narrow: ■□√○■ at 4 is two lines");
	text_lines_done(&lines);
}

int
main(void)
{
	test_width();
	test_ambiguous();
	test_copy_cjk();
	test_copy_small();
	test_sanitise_escapes();
	test_sanitise_unterminated();
	test_sanitise_controls();
	test_wrap_catalogue();
	test_wrap_rules();
	test_wrap_narrow();
	test_wrap_url();
	test_wrap_lines();
	test_wrap_ambiguous();
	return tap_done();
}
