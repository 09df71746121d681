/*
 * What text encoding a catalogue file is in, and its text as UTF-8.
 *
 * Staff receive UTF-8 (with or without a byte order mark), GB18030/GBK
 * (Excel's "CSV" on Chinese Windows) and UTF-16 "Unicode text". The
 * encoding is detected from the bytes unless the caller names one; the
 * conversion is iconv(3)'s. Nothing is dropped silently: every byte
 * sequence that is not valid in the encoding becomes one 0xFF byte in the
 * output. 0xFF is never part of valid UTF-8, so whoever reads the cells
 * finds it, and can say which row and column hold the damage.
 *
 * Pure bytes in, bytes out: no diagnostics here, no catalogue.
 */
#ifndef CHAYUE_DECODE_H
#define CHAYUE_DECODE_H

#include <stddef.h>

enum decode_encoding {
	DECODE_AUTO,
	DECODE_UTF8,
	DECODE_GB18030,		/* GBK and GB2312 are subsets */
	DECODE_UTF16LE,
	DECODE_UTF16BE,
	DECODE_BIG5,		/* Traditional, as Windows writes it (CP950) */
};

/* Why a buffer is not text at all. */
enum decode_refusal {
	DECODE_TEXT,		/* it is text (perhaps with bad sequences) */
	DECODE_EMPTY,		/* nothing but perhaps a byte order mark */
	DECODE_BINARY,		/* NUL bytes outside UTF-16, or control junk */
	DECODE_XLSX,		/* an Excel 2007+ workbook (a zip file) */
	DECODE_XLS,		/* an Excel 97-2003 workbook */
	DECODE_UNKNOWN,		/* not UTF-8 or UTF-16, and neither GB18030
				   nor Big5 gives Chinese text */
};

struct decode_result {
	const char		*text;	/* UTF-8; points into buf or at owned */
	size_t			 len;	/* bytes in text */
	char			*owned;	/* the converted text; NULL if none */
	enum decode_encoding	 encoding;	/* what was found or forced */
	int			 bom;		/* the input had a byte order mark */
	int			 truncated;	/* it ends inside a character */
	size_t			 invalid;	/* 0xFF bytes put in for bad input */
	enum decode_refusal	 refusal;
};

/*
 * Decode buf[0..len) (which must outlive *out when nothing was converted)
 * as enc, or as the detected encoding with DECODE_AUTO. Always fills *out;
 * release it with decode_done. A byte order mark is not part of the text.
 */
void decode_buffer(const char *buf, size_t len, enum decode_encoding enc,
    struct decode_result *out);

/*
 * The same, with evidence from the header: when the bytes are neither
 * UTF-8 nor UTF-16, each legacy encoding (GB18030, Big5) that the file
 * could be in is tried on its start, and scored by how many titles of the
 * header rows headers() recognises in the text so decoded (NULL: none),
 * then by the share of its characters that are common Chinese characters
 * (decode_common). The best wins; if even the best is not mostly common
 * characters (DECODE_COMMON_MIN), the file is refused as DECODE_UNKNOWN:
 * Shift-JIS, EUC-KR, Latin-1, ... (Chinese catalogue text decoded right
 * is over 90% common characters; Big5 read as GB18030 about 17%, GB18030
 * read as Big5 about 50%, Shift-JIS read as GB18030 about 14%.)
 */
void decode_buffer_scored(const char *buf, size_t len,
    enum decode_encoding enc, size_t (*headers)(const char *, size_t),
    struct decode_result *out);

/* Percent of common characters below which an encoding is not taken. */
#define DECODE_COMMON_MIN	70

/*
 * Is the code point a common Chinese character: one of the 3755 of GB2312
 * level 1 (the most frequent Simplified ones) or of the 5401 frequent
 * characters of Big5 (常用字, Traditional)?
 */
int decode_common(unsigned long cp);
void decode_done(struct decode_result *out);

/* "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE", "Big5"; static. */
const char *decode_name(enum decode_encoding enc);

/*
 * An encoding named by staff (utf-8, utf8, gb18030, gbk, gb2312, cp936,
 * big5, cp950, utf-16le, utf-16be, auto; any case), or -1.
 */
int decode_parse_name(const char *name);

/*
 * The length of the valid UTF-8 at the start of p[0..len). NUL counts as
 * invalid: it would cut C strings short.
 */
size_t decode_utf8_valid(const char *p, size_t len);

#endif
