#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/import/decode.h"
#include "lib/xmalloc.h"

/* How much of the start of a file the guesses look at. */
#define DECODE_SAMPLE	65536

static const struct {
	const char		*name;
	enum decode_encoding	 enc;
} decode_names[] = {
	{ "auto", DECODE_AUTO },
	{ "utf-8", DECODE_UTF8 }, { "utf8", DECODE_UTF8 },
	{ "gb18030", DECODE_GB18030 }, { "gbk", DECODE_GB18030 },
	{ "gb2312", DECODE_GB18030 }, { "cp936", DECODE_GB18030 },
	{ "utf-16le", DECODE_UTF16LE }, { "utf16le", DECODE_UTF16LE },
	{ "utf-16be", DECODE_UTF16BE }, { "utf16be", DECODE_UTF16BE },
	{ "big5", DECODE_BIG5 }, { "cp950", DECODE_BIG5 },
};

const char *
decode_name(enum decode_encoding enc)
{
	switch (enc) {
	case DECODE_GB18030:	return "GB18030";
	case DECODE_UTF16LE:	return "UTF-16LE";
	case DECODE_UTF16BE:	return "UTF-16BE";
	case DECODE_BIG5:	return "Big5";
	default:		return "UTF-8";
	}
}

int
decode_parse_name(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof decode_names / sizeof decode_names[0]; i++)
		if (strcasecmp(name, decode_names[i].name) == 0)
			return (int)decode_names[i].enc;
	return -1;
}

/* Bytes in the UTF-8 sequence at s[0..len), or 0 if it is not valid. */
static size_t
utf8_seq(const unsigned char *s, size_t len)
{
	size_t		n, k;
	uint32_t	c = s[0], min;

	if (c >= 0x01 && c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 1; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 2; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 3; c &= 0x07; min = 0x10000;
	} else
		return 0;
	if (len <= n)
		return 0;
	for (k = 1; k <= n; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[k] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return n + 1;
}

size_t
decode_utf8_valid(const char *p, size_t len)
{
	const unsigned char	*s = (const unsigned char *)p;
	size_t			 i = 0, n;

	while (i < len) {
		/* ASCII runs dominate catalogue files: step over them fast. */
		while (i < len && s[i] >= 0x01 && s[i] < 0x80)
			i++;
		/* So do CJK characters: E1-EC or EE-EF, then two 80-BF. */
		while (i + 2 < len && s[i] >= 0xe1 && s[i] <= 0xef &&
		    s[i] != 0xed && (s[i + 1] & 0xc0) == 0x80 &&
		    (s[i + 2] & 0xc0) == 0x80)
			i += 3;
		if (i == len || (s[i] >= 0x01 && s[i] < 0x80))
			continue;
		if ((n = utf8_seq(s + i, len - i)) == 0)
			return i;
		i += n;
	}
	return len;
}

/*
 * How UTF-8-like the text is: multi-byte sequences that are valid UTF-8,
 * and bytes that are not. GB18030 Chinese almost never forms the former.
 */
static void
utf8_score(const unsigned char *s, size_t len, size_t *good, size_t *bad)
{
	size_t	i = 0, n;

	*good = *bad = 0;
	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = utf8_seq(s + i, len - i)) == 0) {
			(*bad)++;
			i++;
		} else {
			(*good)++;
			i += n;
		}
	}
}

/*
 * UTF-8 that ends with the first bytes of a character: a lead byte and
 * fewer continuation bytes than it announces, and nothing else wrong
 * near the end.
 */
static int
utf8_cut(const unsigned char *s, size_t len)
{
	size_t	i, need;

	for (i = 1; i <= 3 && i <= len; i++) {
		if ((s[len - i] & 0xc0) == 0x80)
			continue;
		need = s[len - i] >= 0xf0 && s[len - i] <= 0xf4 ? 4 :
		    s[len - i] >= 0xe0 && s[len - i] <= 0xef ? 3 :
		    s[len - i] >= 0xc2 && s[len - i] <= 0xdf ? 2 : 0;
		return need > i &&
		    decode_utf8_valid((const char *)s, len - i) == len - i;
	}
	return 0;
}

/* Control bytes a text file does not hold (NUL above all). */
static int
looks_binary(const unsigned char *s, size_t len)
{
	size_t	i, n = len < DECODE_SAMPLE ? len : DECODE_SAMPLE, junk = 0;

	if (memchr(s, 0, len) != NULL)
		return 1;
	for (i = 0; i < n; i++)
		if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r' && s[i] != '\f' && s[i] != 0x1a)
			junk++;
	return junk * 200 > n;	/* more than 0.5% */
}

/*
 * UTF-16 without a byte order mark: ASCII (delimiters, digits, line
 * breaks) gives a zero byte in every such character, on one side only.
 */
static enum decode_encoding
guess_utf16(const unsigned char *s, size_t len)
{
	size_t	i, n = (len < DECODE_SAMPLE ? len : DECODE_SAMPLE) & ~(size_t)1;
	size_t	z0 = 0, z1 = 0, pairs = n / 2;

	if (pairs < 2)
		return DECODE_AUTO;
	for (i = 0; i < n; i += 2) {
		z0 += s[i] == 0;
		z1 += s[i + 1] == 0;
	}
	if (z1 * 8 > pairs && z0 * 50 < pairs)
		return DECODE_UTF16LE;
	if (z0 * 8 > pairs && z1 * 50 < pairs)
		return DECODE_UTF16BE;
	return DECODE_AUTO;
}

/* A byte order mark at the start: its encoding and length. */
static enum decode_encoding
bom(const char *buf, size_t len, size_t *n)
{
	static const struct {
		const char		*bytes;
		size_t			 len;
		enum decode_encoding	 enc;
	} marks[] = {
		{ "\xef\xbb\xbf", 3, DECODE_UTF8 },
		{ "\xff\xfe", 2, DECODE_UTF16LE },
		{ "\xfe\xff", 2, DECODE_UTF16BE },
		{ "\x84\x31\x95\x33", 4, DECODE_GB18030 },
	};
	size_t	i;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		if (len >= marks[i].len &&
		    memcmp(buf, marks[i].bytes, marks[i].len) == 0) {
			*n = marks[i].len;
			return marks[i].enc;
		}
	}
	*n = 0;
	return DECODE_AUTO;
}

static enum decode_refusal
workbook(const char *buf, size_t len)
{
	if (len >= 4 && memcmp(buf, "PK\x03\x04", 4) == 0)
		return DECODE_XLSX;
	if (len >= 8 && memcmp(buf, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		return DECODE_XLS;
	return DECODE_TEXT;
}

/* iconv's name for an encoding we convert from. */
static const char *
iconv_name(enum decode_encoding enc)
{
	switch (enc) {
	case DECODE_GB18030:	return "GB18030";
	case DECODE_BIG5:	return "CP950";
	default:		return decode_name(enc);
	}
}

/* The common characters, U+4E00..U+9FFF, one bit each; built once. */
#define COMMON_FIRST	0x4e00
#define COMMON_LAST	0x9fff
static unsigned char	common_bits[(COMMON_LAST - COMMON_FIRST + 1) / 8];
static int		common_built;

/* Mark the characters of rows lo1..hi1 (lead bytes) of a table. */
static void
common_add(const char *from, int lo1, int hi1, int lo2, int hi2)
{
	iconv_t		 cd = iconv_open("UTF-32LE", from);
	unsigned char	 in[2], out[8];
	char		*ip, *op;
	size_t		 il, ol;
	unsigned long	 cp;
	int		 b1, b2;

	if (cd == (iconv_t)-1)
		return;
	for (b1 = lo1; b1 <= hi1; b1++) {
		for (b2 = lo2; b2 <= hi2; b2++) {
			/* Big5's trail bytes: 40-7E and A1-FE. */
			if (b2 > 0x7e && b2 < 0xa1)
				continue;
			in[0] = (unsigned char)b1;
			in[1] = (unsigned char)b2;
			ip = (char *)in;
			op = (char *)out;
			il = 2;
			ol = sizeof out;
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
			    ol != sizeof out - 4)
				continue;
			cp = out[0] | (unsigned long)out[1] << 8 |
			    (unsigned long)out[2] << 16;
			if (cp >= COMMON_FIRST && cp <= COMMON_LAST)
				common_bits[(cp - COMMON_FIRST) / 8] |=
				    (unsigned char)(1u << ((cp - COMMON_FIRST) % 8));
		}
	}
	iconv_close(cd);
}

int
decode_common(unsigned long cp)
{
	if (!common_built) {
		/* GB2312 level 1: B0A1-D7F9; Big5 frequent: A440-C67E. */
		common_add("GB2312", 0xb0, 0xd7, 0xa1, 0xfe);
		common_add("BIG5", 0xa4, 0xc5, 0x40, 0xfe);
		common_add("BIG5", 0xc6, 0xc6, 0x40, 0x7e);
		common_built = 1;
	}
	if (cp < COMMON_FIRST || cp > COMMON_LAST)
		return 0;
	return common_bits[(cp - COMMON_FIRST) / 8] >>
	    ((cp - COMMON_FIRST) % 8) & 1;
}

/* How well one legacy encoding reads the start of a file. */
struct legacy_score {
	size_t	titles;		/* header titles recognised */
	size_t	chars;		/* non-ASCII characters, and bad sequences */
	size_t	common;		/* common Chinese characters among them */
};

/*
 * Decode s[0..len) as enc (a bad sequence counts as one uncommon
 * character; a character cut by the end of the sample is left out) and
 * score the text.
 */
static void
legacy_score(const unsigned char *s, size_t len, enum decode_encoding enc,
    size_t (*headers)(const char *, size_t), struct legacy_score *sc)
{
	iconv_t		 cd = iconv_open("UTF-32LE", iconv_name(enc));
	size_t		 cap = len * 4 + 16, il = len, ol = cap, i, n;
	unsigned char	*u = xmalloc(cap);
	char		*ip = (char *)s, *op = (char *)u, *utf8, *p;
	unsigned long	 cp;

	memset(sc, 0, sizeof *sc);
	if (cd == (iconv_t)-1) {
		free(u);
		return;
	}
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 ||
		    errno != EILSEQ)
			break;
		sc->chars++;	/* a bad sequence */
		ip++;
		il--;
	}
	iconv_close(cd);
	n = (size_t)(op - (char *)u) / 4;
	/* The text as UTF-8, for the header titles. */
	p = utf8 = xmalloc(n * 4 + 1);
	for (i = 0; i < n; i++) {
		cp = u[4 * i] | (unsigned long)u[4 * i + 1] << 8 |
		    (unsigned long)u[4 * i + 2] << 16;
		if (cp < 0x80) {
			*p++ = (char)cp;
			continue;
		}
		sc->chars++;
		sc->common += decode_common(cp);
		if (cp < 0x800) {
			*p++ = (char)(0xc0 | cp >> 6);
		} else if (cp < 0x10000) {
			*p++ = (char)(0xe0 | cp >> 12);
			*p++ = (char)(0x80 | (cp >> 6 & 0x3f));
		} else {
			*p++ = (char)(0xf0 | cp >> 18);
			*p++ = (char)(0x80 | (cp >> 12 & 0x3f));
			*p++ = (char)(0x80 | (cp >> 6 & 0x3f));
		}
		*p++ = (char)(0x80 | (cp & 0x3f));
	}
	*p = '\0';
	if (headers != NULL)
		sc->titles = headers(utf8, (size_t)(p - utf8));
	free(utf8);
	free(u);
}

/* Is a better than b: more titles, then a larger share of common ones. */
static int
legacy_better(const struct legacy_score *a, const struct legacy_score *b)
{
	if (a->titles != b->titles)
		return a->titles > b->titles;
	/* a->common / a->chars > b->common / b->chars, without dividing */
	return a->common * (b->chars ? b->chars : 1) >
	    b->common * (a->chars ? a->chars : 1);
}

/*
 * Neither UTF-8 nor UTF-16: GB18030 or Big5, by evidence (decode.h);
 * DECODE_AUTO if neither reads as Chinese.
 */
static enum decode_encoding
legacy(const unsigned char *s, size_t len,
    size_t (*headers)(const char *, size_t))
{
	static const enum decode_encoding candidates[] = {
		DECODE_GB18030, DECODE_BIG5,
	};
	struct legacy_score	best, sc;
	enum decode_encoding	enc = DECODE_AUTO;
	size_t			i, n = len < DECODE_SAMPLE ? len : DECODE_SAMPLE;

	memset(&best, 0, sizeof best);
	for (i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
		legacy_score(s, n, candidates[i], headers, &sc);
		if (enc == DECODE_AUTO || legacy_better(&sc, &best)) {
			best = sc;
			enc = candidates[i];
		}
	}
	if (best.chars > 0 &&
	    best.common * 100 < best.chars * DECODE_COMMON_MIN)
		return DECODE_AUTO;
	return enc;
}

/*
 * No mark: UTF-16 by its zero bytes, UTF-8 if it mostly is, else GB18030
 * or Big5 by evidence; DECODE_AUTO if none fits.
 */
static enum decode_encoding
detect(const unsigned char *s, size_t len,
    size_t (*headers)(const char *, size_t))
{
	enum decode_encoding	enc;
	size_t			good, bad;

	if ((enc = guess_utf16(s, len)) != DECODE_AUTO)
		return enc;
	if (decode_utf8_valid((const char *)s, len) == len)
		return DECODE_UTF8;
	/*
	 * Mostly UTF-8 with some damage, or rows pasted in from GB18030?
	 * The first megabyte tells.
	 */
	utf8_score(s, len < (1u << 20) ? len : 1u << 20, &good, &bad);
	if (good > bad)
		return DECODE_UTF8;
	return legacy(s, len, headers);
}

/* Make room for at least need more bytes after *op. */
static void
grow(struct decode_result *out, size_t *cap, char **op, size_t *ol,
    size_t need)
{
	size_t	used = (size_t)(*op - out->owned);

	if (*ol >= need)
		return;
	*cap = *cap * 2 + need;
	out->owned = xreallocarray(out->owned, *cap, 1);
	*op = out->owned + used;
	*ol = *cap - used;
}

/*
 * Convert with iconv; a bad sequence becomes 0xFF and the input goes on
 * unit bytes later (1 for GB18030, 2 for UTF-16).
 */
static void
convert(const char *in, size_t inlen, size_t unit, struct decode_result *out)
{
	iconv_t	 cd = iconv_open("UTF-8", iconv_name(out->encoding));
	size_t	 cap = inlen + inlen / 2 + 16, il = inlen, ol = cap;
	char	*ip = (char *)in, *op;

	if (cd == (iconv_t)-1)
		abort();	/* glibc always has these */
	out->owned = xmalloc(cap);
	op = out->owned;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno == E2BIG) {
			grow(out, &cap, &op, &ol, 64);
			continue;
		}
		grow(out, &cap, &op, &ol, 1);
		*op++ = (char)0xff;
		ol--;
		out->invalid++;
		if (errno == EINVAL || il <= unit) {
			out->truncated = errno == EINVAL || il < unit;
			break;
		}
		ip += unit;
		il -= unit;
	}
	iconv_close(cd);
	out->text = out->owned;
	out->len = (size_t)(op - out->owned);
}

void
decode_buffer(const char *buf, size_t len, enum decode_encoding enc,
    struct decode_result *out)
{
	decode_buffer_scored(buf, len, enc, NULL, out);
}

void
decode_buffer_scored(const char *buf, size_t len, enum decode_encoding enc,
    size_t (*headers)(const char *, size_t), struct decode_result *out)
{
	const unsigned char	*s;
	size_t			 skip;
	enum decode_encoding	 marked = bom(buf, len, &skip);

	memset(out, 0, sizeof *out);
	if ((out->refusal = workbook(buf, len)) != DECODE_TEXT)
		return;
	out->bom = marked != DECODE_AUTO;
	if (enc != DECODE_AUTO && marked != enc)
		skip = 0;	/* forced: a "mark" of another encoding is text */
	s = (const unsigned char *)buf + skip;
	len -= skip;
	if (len == 0) {
		out->refusal = DECODE_EMPTY;
		return;
	}
	if (enc == DECODE_AUTO)
		enc = marked != DECODE_AUTO ? marked : detect(s, len, headers);
	if (enc == DECODE_AUTO) {
		out->refusal = looks_binary(s, len) ? DECODE_BINARY :
		    DECODE_UNKNOWN;
		return;
	}
	out->encoding = enc;
	if (enc != DECODE_UTF16LE && enc != DECODE_UTF16BE &&
	    looks_binary(s, len)) {
		out->refusal = DECODE_BINARY;
		return;
	}
	if (enc == DECODE_UTF8) {
		out->text = (const char *)s;
		out->len = len;
		out->truncated = utf8_cut(s, len);
		return;
	}
	convert((const char *)s, len, enc == DECODE_GB18030 ||
	    enc == DECODE_BIG5 ? 1 : 2, out);
}

void
decode_done(struct decode_result *out)
{
	free(out->owned);
	memset(out, 0, sizeof *out);
}
