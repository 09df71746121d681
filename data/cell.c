#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "data/catalogue.h"
#include "data/cell.h"
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
	if ((unsigned char)c < 0x80)
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

static int
is_ascii(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
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

	if (is_ascii(s, len) || len > INT32_MAX / 4)
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

char *
cell_channels(const char *s)
{
	static const char *const seps[] = { "；", ";", "、" };
	char		*out, *o;
	const char	*part, *p;
	size_t		 n = 0;

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
	int		 rc;

	for (part = p = s;; p++) {
		if (*p != '\0' &&
		    (n = separator(p, seps, sizeof seps / sizeof seps[0])) == 0)
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
