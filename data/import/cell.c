#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "data/store/catalogue.h"
#include "data/import/cell.h"
#include "lib/xmalloc.h"

/* White space and invisible marks staff's files put around cells. */
static size_t
space_at(const char *s, size_t len, int at_end)
{
	static const char *const wide[] = {
		"\xc2\xa0",		/* no-break space */
		"\xe3\x80\x80",		/* ideographic space */
		"\xe2\x80\x8b",		/* zero width space */
		"\xef\xbb\xbf",		/* a BOM pasted into a cell */
	};
	size_t	i, n;
	char	c;

	if (len == 0)
		return 0;
	c = at_end ? s[len - 1] : s[0];
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	/* Their first bytes (C2 E3 E2 EF) or last ones (A0 80 8B BF). */
	if ((unsigned char)c < 0x80 || (!at_end && (unsigned char)c < 0xc2) ||
	    (at_end && (unsigned char)c > 0xbf))
		return 0;
	for (i = 0; i < sizeof wide / sizeof wide[0]; i++) {
		n = strlen(wide[i]);
		if (n <= len && memcmp(at_end ? s + len - n : s, wide[i], n) == 0)
			return n;
	}
	return 0;
}

const char *
cell_trim(const char *s, size_t *len)
{
	size_t	n;

	while ((n = space_at(s, *len, 0)) != 0) {
		s += n;
		*len -= n;
	}
	while ((n = space_at(s, *len, 1)) != 0)
		*len -= n;
	return s;
}

/*
 * Code points that are NFC whatever comes before or after them among
 * themselves: quick check "yes" and combining class 0 (ICU says so for
 * every one of these ranges). Text made only of them is NFC already, and
 * catalogue text nearly always is: CJK, punctuation, ASCII, ■ □ √.
 */
static const uint32_t nfc_stable[][2] = {
	{ 0x0000, 0x02ff }, { 0x2010, 0x2027 }, { 0x2030, 0x205e },
	{ 0x2200, 0x22ff }, { 0x2460, 0x27bf }, { 0x3000, 0x3029 },
	{ 0x3030, 0x303f }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xff00, 0xffef },
};

/* Is valid UTF-8 s[0..len) made only of NFC-stable code points? */
static int
nfc_already(const char *p, size_t len)
{
	const unsigned char	*s = (const unsigned char *)p;
	size_t			 i = 0, k;
	uint32_t		 c;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] < 0xe0) {
			c = (uint32_t)(s[i] & 0x1f) << 6 | (s[i + 1] & 0x3f);
			i += 2;
		} else if (s[i] < 0xf0) {
			c = (uint32_t)(s[i] & 0x0f) << 12 |
			    (uint32_t)(s[i + 1] & 0x3f) << 6 | (s[i + 2] & 0x3f);
			i += 3;
		} else
			return 0;	/* beyond the BMP: let ICU look */
		if (c >= 0x4e00 && c <= 0x9fff)
			continue;	/* by far the most common */
		for (k = 0; k < sizeof nfc_stable / sizeof nfc_stable[0]; k++)
			if (c >= nfc_stable[k][0] && c <= nfc_stable[k][1])
				break;
		if (k == sizeof nfc_stable / sizeof nfc_stable[0])
			return 0;
	}
	return 1;
}

/* s[0..len) as UTF-16, or NULL; *ulen gets its length. */
static UChar *
utf16_from(const char *s, size_t len, int32_t *ulen)
{
	UErrorCode	 e = U_ZERO_ERROR;
	UChar		*u;

	/* UTF-8 never takes fewer bytes than UTF-16 takes code units. */
	u = xreallocarray(NULL, len + 1, sizeof *u);
	u_strFromUTF8(u, (int32_t)len + 1, ulen, s, (int32_t)len, &e);
	if (U_FAILURE(e)) {
		free(u);
		return NULL;
	}
	return u;
}

/* UTF-16 u[0..ulen) as a new UTF-8 string, or NULL. */
static char *
utf8_from(const UChar *u, int32_t ulen)
{
	UErrorCode	 e = U_ZERO_ERROR;
	int32_t		 n;
	char		*s = xmalloc((size_t)ulen * 3 + 1);

	u_strToUTF8(s, ulen * 3 + 1, &n, u, ulen, &e);
	if (U_FAILURE(e)) {
		free(s);
		return NULL;
	}
	return s;
}

char *
cell_nfc(const char *s, size_t len)
{
	const UNormalizer2	*norm;
	UErrorCode		 e = U_ZERO_ERROR;
	UChar			*u, *v = NULL;
	int32_t			 ulen, vlen;
	char			*out = NULL;

	if (nfc_already(s, len) || len > INT32_MAX / 4)
		return xstrndup(s, len);
	norm = unorm2_getNFCInstance(&e);
	if (U_FAILURE(e) || (u = utf16_from(s, len, &ulen)) == NULL)
		return xstrndup(s, len);
	if (!unorm2_isNormalized(norm, u, ulen, &e) && U_SUCCESS(e)) {
		vlen = unorm2_normalize(norm, u, ulen, NULL, 0, &e);
		if (e == U_BUFFER_OVERFLOW_ERROR) {
			e = U_ZERO_ERROR;
			v = xreallocarray(NULL, (size_t)vlen + 1, sizeof *v);
			vlen = unorm2_normalize(norm, u, ulen, v, vlen + 1, &e);
			if (U_SUCCESS(e))
				out = utf8_from(v, vlen);
		}
	}
	free(v);
	free(u);
	return out != NULL ? out : xstrndup(s, len);
}

static int
one_of(const char *s, const char *const *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

int
cell_flag(const char *s)
{
	static const char *const yes[] = {
		"1", "１", "√", "✓", "✔", "○", "●", "■", "☑", "是",
	};
	static const char *const no[] = {
		"0", "０", "×", "✗", "✘", "□", "☐", "否",
	};

	if (*s == '\0')
		return FLAG_UNSTATED;
	if (one_of(s, yes, sizeof yes / sizeof yes[0]))
		return FLAG_YES;
	if (one_of(s, no, sizeof no / sizeof no[0]))
		return FLAG_NO;
	return CELL_NOT_A_FLAG;
}

/* A checkbox at s: its length, *ticked set; or 0. */
static size_t
checkbox(const char *s, int *ticked)
{
	static const char *const on[] = { "■", "☑", "√", "✓", "✔", "▣" };
	static const char *const off[] = { "□", "☐" };
	size_t	i;

	if ((unsigned char)*s != 0xe2)
		return 0;	/* every box above is U+2xxx: E2 xx xx */
	for (i = 0; i < sizeof on / sizeof on[0]; i++) {
		if (strncmp(s, on[i], strlen(on[i])) == 0) {
			*ticked = 1;
			return strlen(on[i]);
		}
	}
	for (i = 0; i < sizeof off / sizeof off[0]; i++) {
		if (strncmp(s, off[i], strlen(off[i])) == 0) {
			*ticked = 0;
			return strlen(off[i]);
		}
	}
	return 0;
}

/* Length of the separator at s, or 0: one of seps, or a line break. */
static size_t
separator(const char *s, const char *const *seps, size_t nseps)
{
	size_t	i, n;

	if (*s == '\n' || *s == '\r')
		return 1;
	if ((unsigned char)*s < 0x80 && strchr(";,/ \t", *s) == NULL)
		return 0;	/* the common case: an ASCII letter or digit */
	for (i = 0; i < nseps; i++) {
		n = strlen(seps[i]);
		if (strncmp(s, seps[i], n) == 0)
			return n;
	}
	return 0;
}

/* Append part (trimmed, and without separators at its ends) as a line. */
static void
put_part(char **o, char *out, const char *part, size_t len)
{
	static const char *const edge[] = { "；", ";", "、", "，", ",", "。" };
	size_t	n, i;
	int	again = 1;

	while (again) {
		again = 0;
		part = cell_trim(part, &len);
		for (i = 0; i < sizeof edge / sizeof edge[0]; i++) {
			n = strlen(edge[i]);
			if (len >= n && memcmp(part + len - n, edge[i], n) == 0) {
				len -= n;
				again = 1;
			}
			if (len >= n && memcmp(part, edge[i], n) == 0) {
				part += n;
				len -= n;
				again = 1;
			}
		}
	}
	if (len == 0)
		return;
	if (*o != out)
		*(*o)++ = '\n';
	memcpy(*o, part, len);
	*o += len;
}

/* A ■/□ list: the text after each ticked box, up to the next box. */
static char *
channels_boxes(const char *s)
{
	char		*out = xmalloc(strlen(s) + 1), *o = out;
	const char	*part = NULL;
	size_t		 n;
	int		 ticked = 0, t = 0;

	for (;; s++) {
		n = *s != '\0' ? checkbox(s, &t) : 0;
		if (*s != '\0' && n == 0)
			continue;
		if (part != NULL && ticked)
			put_part(&o, out, part, (size_t)(s - part));
		if (*s == '\0')
			break;
		ticked = t;
		part = s + n;
		s += n - 1;
	}
	*o = '\0';
	return out;
}

/* Does s hold a ■/□ checkbox list? */
static int
has_boxes(const char *s)
{
	return strstr(s, "■") != NULL || strstr(s, "□") != NULL ||
	    strstr(s, "☑") != NULL || strstr(s, "☐") != NULL;
}

/*
 * Pages made by OCR from a PDF show the unticked box □ as 口 (U+53E3), a
 * real character elsewhere (窗口, 口岸). In the channel cell, a 口 right in
 * front of a channel's name is a box, if the cell is a box list (it has
 * another box, or starts with one): "■公开查阅点口政务服务中心".
 */
static int
ocr_box(const char *s)
{
	static const char *const channels[] = {
		"政府", "两微", "兩微", "发布", "發布", "發佈", "听证", "聽證",
		"广播", "廣播", "纸质", "紙質", "公开", "公開", "政务", "政務",
		"便民", "入户", "入戶", "现场", "現場", "社区", "社區", "企事业",
		"企事業", "村公示", "公示栏", "公示欄", "精准", "精準", "12345",
		"其他", "电子屏", "電子屏", "微信", "微博", "新闻", "新聞",
	};
	size_t	i;

	if (strncmp(s, "口", strlen("口")) != 0)
		return 0;
	s += strlen("口");
	for (i = 0; i < sizeof channels / sizeof channels[0]; i++)
		if (strncmp(s, channels[i], strlen(channels[i])) == 0)
			return 1;
	return 0;
}

/* s with its OCR boxes (ocr_box) as □, or NULL if it has none. */
static char *
ocr_boxes(const char *s)
{
	char	*out = NULL;
	size_t	 i;

	if (!has_boxes(s) && !ocr_box(s))
		return NULL;
	for (i = 0; s[i] != '\0'; i++) {
		if (!ocr_box(s + i))
			continue;
		if (out == NULL)
			out = xstrdup(s);
		memcpy(out + i, "□", strlen("□"));	/* both 3 bytes */
	}
	return out;
}

char *
cell_channels(const char *s)
{
	static const char *const seps[] = { "；", ";", "、" };
	char		*out, *o, *fixed;
	const char	*part, *p;
	size_t		 n = 0;

	if ((fixed = ocr_boxes(s)) != NULL) {
		out = channels_boxes(fixed);
		free(fixed);
		return out;
	}
	if (has_boxes(s))
		return channels_boxes(s);
	out = o = xmalloc(strlen(s) + 1);
	for (part = p = s;; p++) {
		if (*p != '\0' &&
		    (n = separator(p, seps, sizeof seps / sizeof seps[0])) == 0)
			continue;
		put_part(&o, out, part, (size_t)(p - part));
		if (*p == '\0')
			break;
		p += n - 1;
		part = p + 1;
	}
	*o = '\0';
	return out;
}

int
cell_words(const char *s, int (*fn)(const char *, size_t, void *),
    void *arg)
{
	static const char *const seps[] = {
		"，", ",", "、", "；", ";", "/", "／", " ", "\t", "　",
	};
	const char	*part, *p;
	size_t		 n = 0, len;
	int		 rc, depth = 0;

	for (part = p = s;; p++) {
		/* "乡（镇、街道）级" is one word: no split in brackets. */
		if (*p == '(' || strncmp(p, "（", strlen("（")) == 0)
			depth++;
		else if ((*p == ')' || strncmp(p, "）", strlen("）")) == 0) &&
		    depth > 0)
			depth--;
		if (*p != '\0' && (depth > 0 ||
		    (n = separator(p, seps, sizeof seps / sizeof seps[0])) == 0))
			continue;
		len = (size_t)(p - part);
		part = cell_trim(part, &len);
		if (len > 0 && (rc = fn(part, len, arg)) != 0)
			return rc;
		if (*p == '\0')
			return 0;
		p += n - 1;
		part = p + 1;
	}
}
