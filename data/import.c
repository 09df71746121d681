#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "data/builder.h"
#include "data/csv.h"
#include "data/domains.h"
#include "data/import.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

/* The canonical columns, in the order of the canonical header. */
enum column {
	COL_DOMAIN,
	COL_LEVEL1,
	COL_LEVEL2,
	COL_CONTENT,
	COL_BASIS,
	COL_TIME_LIMIT,
	COL_SUBJECT,
	COL_CHANNELS,
	COL_AUDIENCE_ALL,
	COL_AUDIENCE_SPECIFIC,
	COL_METHOD_ACTIVE,
	COL_METHOD_ON_REQUEST,
	COL_LEVEL_COUNTY,
	COL_LEVEL_TOWNSHIP,
	COL_LEVEL_VILLAGE,
	COL_JURISDICTION,
	COL_SOURCE_URL,
	COL_CODE,
	COL_COUNT
};
#define COL_FIRST_FLAG	COL_AUDIENCE_ALL
#define COL_LAST_FLAG	COL_LEVEL_VILLAGE
#define COL_FLAGS	(COL_LAST_FLAG - COL_FIRST_FLAG + 1)

static const char *const import_names[COL_COUNT] = {
	"domain", "level1", "level2", "content", "basis", "time_limit",
	"subject", "channels", "audience_all", "audience_specific",
	"method_active", "method_on_request", "level_county",
	"level_township", "level_village", "jurisdiction", "source_url",
	"code",
};

static const char import_header[] = "domain,level1,level2,content,basis,"
    "time_limit,subject,channels,audience_all,audience_specific,"
    "method_active,method_on_request,level_county,level_township,"
    "level_village,jurisdiction,source_url";

/* Where a file's columns are, from its header. */
struct layout {
	long	 at[COL_COUNT];	/* field index, or -1 when absent */
	size_t	 nfields;
	char	**titles;	/* nfields titles as written, made printable */
};

/* A row already imported, for duplicates: a 128-bit hash of its key. */
struct seen {
	uint64_t h1, h2;
	size_t	 file;
	long	 line;
};

struct import {
	struct import_options	 opt;
	char			*path;	/* the catalogue */
	struct diag_list	*diags;
	struct builder		*b;
	struct import_summary	 sum;
	size_t			 cfiles;
	int			 unusable;	/* a file could not be used */
	struct seen		*seen;	/* open addressing; h1 == 0: free */
	size_t			 nseen, cseen;
};

/* One file being imported. */
struct source {
	struct import		*imp;
	const char		*name;
	size_t			 index;
	int64_t			 id;
	struct layout		 lay;
	struct import_counts	*counts;
	/* The row above, for 一级事项 written once over several rows. */
	char			*prev_domain, *prev_url, *prev_level1;
};

/* A row's cells after checking: trimmed NFC text, "" when absent. */
struct cells {
	char	*v[COL_COUNT];
	long	 line[COL_COUNT];	/* where each cell starts */
	long	 col[COL_COUNT];	/* 1-based field number, 0 if absent */
};

/*
 * Length of the valid UTF-8 at the start of s. NUL counts as invalid: it
 * would cut the text short, and a file full of them is UTF-16.
 */
static size_t
utf8_valid(const char *p, size_t len)
{
	const unsigned char	*s = (const unsigned char *)p;
	size_t			 i = 0, n, k;
	uint32_t		 c, min;

	while (i < len) {
		c = s[i];
		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1; c &= 0x1f; min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2; c &= 0x0f; min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3; c &= 0x07; min = 0x10000;
		} else
			return i;
		if (len - i <= n)
			return i;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			c = c << 6 | (s[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

/* Bytes of white space at the start (or end) of s[0..len), or 0. */
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
	for (i = 0; i < sizeof wide / sizeof wide[0]; i++) {
		n = strlen(wide[i]);
		if (n <= len && memcmp(at_end ? s + len - n : s, wide[i], n) == 0)
			return n;
	}
	return 0;
}

static const char *
trim(const char *s, size_t *len)
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

	u_strFromUTF8(NULL, 0, ulen, s, (int32_t)len, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		return NULL;
	e = U_ZERO_ERROR;
	u = xreallocarray(NULL, (size_t)*ulen + 1, sizeof *u);
	u_strFromUTF8(u, *ulen + 1, ulen, s, (int32_t)len, &e);
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
	char		*s;

	u_strToUTF8(NULL, 0, &n, u, ulen, &e);
	if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
		return NULL;
	e = U_ZERO_ERROR;
	s = xmalloc((size_t)n + 1);
	u_strToUTF8(s, n + 1, &n, u, ulen, &e);
	if (U_FAILURE(e)) {
		free(s);
		return NULL;
	}
	return s;
}

/* NFC of valid UTF-8 s[0..len); the text as it is if ICU cannot help. */
static char *
nfc(const char *s, size_t len)
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

/*
 * A value from the file made fit to quote in a message: at most 40
 * characters, control characters (escape sequences!) as '?'. s is valid
 * UTF-8.
 */
static char *
printable(const char *s, size_t len)
{
	char	*out = xmalloc(len + 4), *o = out;
	size_t	 i, chars = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xc0) != 0x80 && ++chars > 40) {
			memcpy(o, "...", 3);
			o += 3;
			break;
		}
		if (c < 0x20 || c == 0x7f)
			c = '?';
		else if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] < 0xa0) {
			c = '?';	/* a C1 control: two bytes, one '?' */
			i++;
		}
		*o++ = (char)c;
	}
	*o = '\0';
	return out;
}

static int
column_named(const char *s, size_t len)
{
	int	c;

	for (c = 0; c < COL_COUNT; c++)
		if (strlen(import_names[c]) == len &&
		    strncasecmp(import_names[c], s, len) == 0)
			return c;
	return -1;
}

static void
layout_done(struct layout *lay)
{
	size_t	i;

	for (i = 0; i < lay->nfields && lay->titles != NULL; i++)
		free(lay->titles[i]);
	free(lay->titles);
	lay->titles = NULL;
	lay->nfields = 0;
}

/* A file-level problem: the file cannot be imported at all. */
static void
file_error(struct source *src, long line, long col, const char *msg,
    const char *hint)
{
	src->imp->unusable = 1;
	diag_add(src->imp->diags, DIAG_ERROR, src->name, line, col, "%s", msg);
	diag_hint(src->imp->diags, "%s", hint);
}

/* Record where each known column is; -1 for a header that is not UTF-8. */
static int
layout_map(struct source *src, const struct csv_record *rec)
{
	struct layout	*lay = &src->lay;
	const char	*s;
	size_t		 i, len;
	int		 c;

	lay->nfields = rec->n;
	lay->titles = xcalloc(rec->n, sizeof *lay->titles);
	for (c = 0; c < COL_COUNT; c++)
		lay->at[c] = -1;
	for (i = 0; i < rec->n; i++) {
		len = rec->v[i].len;
		if (utf8_valid(rec->v[i].text, len) != len) {
			file_error(src, rec->v[i].line, (long)i + 1,
			    _("the header row is not UTF-8 text"),
			    _("save the file as \"CSV UTF-8\"; Excel on Chinese "
			    "Windows saves plain CSV as GB18030"));
			return -1;
		}
		s = trim(rec->v[i].text, &len);
		lay->titles[i] = printable(s, len);
		if ((c = column_named(s, len)) >= 0 && lay->at[c] == -1)
			lay->at[c] = (long)i;
	}
	return 0;
}

/* Unknown and repeated columns: the former are ignored, with a warning. */
static int
layout_extra(struct source *src, long line)
{
	struct layout	*lay = &src->lay;
	size_t		 i;
	int		 c, bad = 0;

	for (i = 0; i < lay->nfields; i++) {
		c = column_named(lay->titles[i], strlen(lay->titles[i]));
		if (c >= 0 && lay->at[c] != (long)i) {
			diag_add(src->imp->diags, DIAG_ERROR, src->name, line,
			    (long)i + 1, _("column \"%s\" appears twice "
			    "(columns %ld and %zu)"), lay->titles[i],
			    lay->at[c] + 1, i + 1);
			diag_hint(src->imp->diags, "%s",
			    _("delete or rename one of them"));
			src->imp->unusable = bad = 1;
		} else if (c < 0) {
			diag_add(src->imp->diags, DIAG_WARNING, src->name, line,
			    (long)i + 1, _("unknown column \"%s\" is ignored"),
			    lay->titles[i]);
			diag_hint(src->imp->diags, _("the known columns are %s "
			    "and code"), import_header);
		}
	}
	return bad ? -1 : 0;
}

static int
layout_read(struct source *src, const struct csv_record *rec)
{
	struct layout	*lay = &src->lay;
	int		 c, known = 0, bad = 0;

	if (rec->broken) {
		file_error(src, rec->line, 0, _("the header row cannot be read"),
		    _("fix the quotes in the first row"));
		return -1;
	}
	if (layout_map(src, rec) != 0)
		return -1;
	for (c = 0; c < COL_COUNT; c++)
		known += lay->at[c] >= 0;
	if (known == 0) {
		file_error(src, rec->line, 0, _("the first row does not name "
		    "any known column"), _("the first row must be the header: "
		    "domain,level1,level2,content,..."));
		return -1;
	}
	if (lay->at[COL_DOMAIN] < 0) {
		file_error(src, rec->line, 0, _("the header has no \"domain\" "
		    "column"), _("add the column domain (领域)"));
		bad = 1;
	}
	if (lay->at[COL_LEVEL1] < 0 && lay->at[COL_LEVEL2] < 0) {
		file_error(src, rec->line, 0, _("the header has neither a "
		    "\"level2\" nor a \"level1\" column"), _("add the column "
		    "level2 (二级事项), the item name"));
		bad = 1;
	}
	return layout_extra(src, rec->line) != 0 || bad ? -1 : 0;
}

/* A row of empty cells, as spreadsheets leave below a table: not data. */
static int
row_blank(const struct csv_record *rec)
{
	size_t	i, len;

	for (i = 0; i < rec->n; i++) {
		len = rec->v[i].len;
		if (utf8_valid(rec->v[i].text, len) != len)
			return 0;
		trim(rec->v[i].text, &len);
		if (len != 0)
			return 0;
	}
	return 1;
}

static int
row_width_ok(struct source *src, const struct csv_record *rec)
{
	size_t	want = src->lay.nfields;

	if (rec->n == want)
		return 1;
	diag_add(src->imp->diags, DIAG_ERROR, src->name, rec->line,
	    rec->n > want ? (long)want + 1 : 0,
	    _("row has %zu columns but the header has %zu"), rec->n, want);
	diag_hint(src->imp->diags, "%s", _("a cell may hold an unquoted comma, "
	    "or a cell is missing; put cells that contain commas in quotes"));
	return 0;
}

/* Every cell must be UTF-8, the ignored ones too; one error per cell. */
static int
row_utf8(struct source *src, const struct csv_record *rec)
{
	const struct csv_field	*f;
	size_t			 i, at, j;
	long			 line;
	int			 bad = 0;

	for (i = 0; i < rec->n; i++) {
		f = &rec->v[i];
		if ((at = utf8_valid(f->text, f->len)) == f->len)
			continue;
		for (line = f->line, j = 0; j < at; j++)
			line += f->text[j] == '\n';
		diag_add(src->imp->diags, DIAG_ERROR, src->name, line,
		    (long)i + 1, _("column %zu (%s) is not valid UTF-8 text "
		    "(byte 0x%02X)"), i + 1, src->lay.titles[i],
		    (unsigned char)f->text[at]);
		diag_hint(src->imp->diags, "%s", _("save the file as \"CSV "
		    "UTF-8\"; Excel on Chinese Windows saves plain CSV as "
		    "GB18030"));
		bad = 1;
	}
	return bad ? -1 : 0;
}

static void
cells_read(struct source *src, const struct csv_record *rec, struct cells *c)
{
	const struct csv_field	*f;
	const char		*s;
	size_t			 len;
	int			 k;

	for (k = 0; k < COL_COUNT; k++) {
		if (src->lay.at[k] < 0) {
			c->v[k] = xstrdup("");
			c->line[k] = rec->line;
			c->col[k] = 0;
			continue;
		}
		f = &rec->v[src->lay.at[k]];
		len = f->len;
		s = trim(f->text, &len);
		c->v[k] = nfc(s, len);
		c->line[k] = f->line;
		c->col[k] = src->lay.at[k] + 1;
	}
}

static void
cells_done(struct cells *c)
{
	int	k;

	for (k = 0; k < COL_COUNT; k++)
		free(c->v[k]);
}

/* "" is FLAG_UNSTATED; -2 for a value that is not a yes/no mark. */
static int
flag_value(const char *s)
{
	static const char *const yes[] = { "1", "√", "✓", "✔", "是" };
	static const char *const no[] = { "0", "否", "×", "✗" };
	size_t	i;

	if (*s == '\0')
		return FLAG_UNSTATED;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcmp(s, yes[i]) == 0)
			return FLAG_YES;
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcmp(s, no[i]) == 0)
			return FLAG_NO;
	return -2;
}

static int
row_flags(struct source *src, const struct cells *c, enum flag *flags)
{
	char	*what;
	long	 at;
	int	 k, v, bad = 0;

	for (k = COL_FIRST_FLAG; k <= COL_LAST_FLAG; k++) {
		if ((v = flag_value(c->v[k])) != -2) {
			flags[k - COL_FIRST_FLAG] = (enum flag)v;
			continue;
		}
		at = src->lay.at[k];
		what = printable(c->v[k], strlen(c->v[k]));
		diag_add(src->imp->diags, DIAG_ERROR, src->name, c->line[k],
		    c->col[k], _("column %ld (%s): \"%s\" is not a yes/no "
		    "mark"), at + 1, src->lay.titles[at], what);
		diag_hint(src->imp->diags, "%s", _("write 1, √ or 是 for yes, "
		    "0, × or 否 for no, or leave the cell empty when the source "
		    "does not say"));
		free(what);
		bad = 1;
	}
	return bad;
}

/* The domain and the item name, as written (before any carrying down). */
static int
row_names(struct source *src, const struct csv_record *rec,
    const struct cells *c)
{
	struct diag_list	*d = src->imp->diags;
	int			 k, bad = 0;

	if (*c->v[COL_DOMAIN] == '\0') {
		diag_add(d, DIAG_ERROR, src->name, rec->line,
		    c->col[COL_DOMAIN], "%s", _("row has no domain (领域 is "
		    "empty)"));
		diag_hint(d, "%s", _("fill in the domain, e.g. 社会救助, or "
		    "delete the row"));
		bad = 1;
	}
	if (*c->v[COL_LEVEL1] == '\0' && *c->v[COL_LEVEL2] == '\0') {
		k = src->lay.at[COL_LEVEL2] >= 0 ? COL_LEVEL2 : COL_LEVEL1;
		diag_add(d, DIAG_ERROR, src->name, rec->line, c->col[k], "%s",
		    _("row has no item name (一级事项 and 二级事项 are both "
		    "empty)"));
		diag_hint(d, "%s", _("fill in 二级事项 or delete the row"));
		bad = 1;
	}
	return bad;
}

/*
 * 一级事项 is often a merged cell: written once, empty in the rows below.
 * An empty one takes the value of the row above when that row comes from
 * the same table (same domain and source_url).
 */
static void
carry_down(struct source *src, struct cells *c)
{
	if (*c->v[COL_LEVEL1] == '\0' && src->prev_domain != NULL &&
	    strcmp(src->prev_domain, c->v[COL_DOMAIN]) == 0 &&
	    strcmp(src->prev_url, c->v[COL_SOURCE_URL]) == 0) {
		free(c->v[COL_LEVEL1]);
		c->v[COL_LEVEL1] = xstrdup(src->prev_level1);
	}
	free(src->prev_domain);
	free(src->prev_url);
	free(src->prev_level1);
	src->prev_domain = xstrdup(c->v[COL_DOMAIN]);
	src->prev_url = xstrdup(c->v[COL_SOURCE_URL]);
	src->prev_level1 = xstrdup(c->v[COL_LEVEL1]);
}

/* Two unrelated 64-bit hashes of one part of a key, length included. */
static void
hash_part(uint64_t *h1, uint64_t *h2, const char *s)
{
	size_t	 len = strlen(s), i;
	unsigned char b;

	for (i = 0; i <= len; i++) {
		b = i < len ? (unsigned char)s[i] : 0xff;	/* 0xff: not UTF-8 */
		*h1 = (*h1 ^ b) * 0x100000001b3ULL;		/* FNV-1a */
		*h2 = (*h2 + b + 1) * 0x9e3779b97f4a7c15ULL;
		*h2 ^= *h2 >> 29;
	}
}

/* The duplicate key: the domain by its national position if it has one. */
static void
row_key(const struct cells *c, uint64_t *h1, uint64_t *h2)
{
	static const int parts[] = {
		COL_JURISDICTION, COL_LEVEL1, COL_LEVEL2, COL_CONTENT
	};
	char	pos[16];
	size_t	i;
	int	n;

	*h1 = 0xcbf29ce484222325ULL;
	*h2 = 0x243f6a8885a308d3ULL;
	if ((n = domains_lookup(c->v[COL_DOMAIN])) > 0) {
		snprintf(pos, sizeof pos, "#%d", n);
		hash_part(h1, h2, pos);
	} else
		hash_part(h1, h2, c->v[COL_DOMAIN]);
	for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
		hash_part(h1, h2, c->v[parts[i]]);
	if (*h1 == 0)
		*h1 = 1;	/* 0 marks a free slot */
}

static void
seen_grow(struct import *imp)
{
	struct seen	*old = imp->seen;
	size_t		 cold = imp->cseen, i, j;

	imp->cseen = cold ? cold * 2 : 1024;
	imp->seen = xcalloc(imp->cseen, sizeof *imp->seen);
	for (i = 0; i < cold; i++) {
		if (old[i].h1 == 0)
			continue;
		j = old[i].h1 & (imp->cseen - 1);
		while (imp->seen[j].h1 != 0)
			j = (j + 1) & (imp->cseen - 1);
		imp->seen[j] = old[i];
	}
	free(old);
}

/* The earlier row with the same key, or NULL after remembering this one. */
static const struct seen *
seen_check(struct import *imp, uint64_t h1, uint64_t h2, size_t file,
    long line)
{
	size_t	j;

	if (2 * (imp->nseen + 1) > imp->cseen)
		seen_grow(imp);
	j = h1 & (imp->cseen - 1);
	for (; imp->seen[j].h1 != 0; j = (j + 1) & (imp->cseen - 1))
		if (imp->seen[j].h1 == h1 && imp->seen[j].h2 == h2)
			return &imp->seen[j];
	imp->seen[j].h1 = h1;
	imp->seen[j].h2 = h2;
	imp->seen[j].file = file;
	imp->seen[j].line = line;
	imp->nseen++;
	return NULL;
}

static int
row_duplicate(struct source *src, const struct csv_record *rec,
    const struct cells *c)
{
	const struct seen	*s;
	uint64_t		 h1, h2;

	row_key(c, &h1, &h2);
	s = seen_check(src->imp, h1, h2, src->index, rec->line);
	if (s == NULL)
		return 0;
	diag_add(src->imp->diags, DIAG_WARNING, src->name, rec->line, 0,
	    _("duplicate of the row at %s:%ld (same domain, jurisdiction, "
	    "一级事项, 二级事项 and content)"),
	    src->imp->sum.files[s->file].name, s->line);
	diag_hint(src->imp->diags, "%s", _("the row is skipped; delete one of "
	    "the two"));
	return 1;
}

/* Length of the channel separator at s, or 0: "；" ";" "、" newline. */
static size_t
channel_sep(const char *s)
{
	if (*s == ';' || *s == '\n')
		return 1;
	if (strncmp(s, "；", strlen("；")) == 0)
		return strlen("；");
	if (strncmp(s, "、", strlen("、")) == 0)
		return strlen("、");
	return 0;
}

/* The ticked channels one per line, trimmed, empty ones dropped. */
static char *
channels_split(const char *s)
{
	char		*out = xmalloc(strlen(s) + 1), *o = out;
	const char	*part, *p;
	size_t		 len, n = 0;

	for (part = p = s;; p++) {
		if (*p != '\0' && (n = channel_sep(p)) == 0)
			continue;
		len = (size_t)(p - part);
		part = trim(part, &len);
		if (len != 0) {
			if (o != out)
				*o++ = '\n';
			memcpy(o, part, len);
			o += len;
		}
		if (*p == '\0')
			break;
		p += n - 1;
		part = p + 1;
	}
	*o = '\0';
	return out;
}

static int
row_add(struct source *src, const struct csv_record *rec, struct cells *c,
    const enum flag *flags, char **error)
{
	struct item	it;
	int		rc;

	if (src->imp->b == NULL)
		return 0;	/* a dry run */
	memset(&it, 0, sizeof it);
	it.domain = c->v[COL_DOMAIN];
	it.level1 = c->v[COL_LEVEL1];
	it.level2 = c->v[COL_LEVEL2];
	it.content = c->v[COL_CONTENT];
	it.basis = c->v[COL_BASIS];
	it.time_limit = c->v[COL_TIME_LIMIT];
	it.subject = c->v[COL_SUBJECT];
	it.channels = channels_split(c->v[COL_CHANNELS]);
	it.audience_all = flags[COL_AUDIENCE_ALL - COL_FIRST_FLAG];
	it.audience_specific = flags[COL_AUDIENCE_SPECIFIC - COL_FIRST_FLAG];
	it.method_active = flags[COL_METHOD_ACTIVE - COL_FIRST_FLAG];
	it.method_on_request = flags[COL_METHOD_ON_REQUEST - COL_FIRST_FLAG];
	it.level_county = flags[COL_LEVEL_COUNTY - COL_FIRST_FLAG];
	it.level_township = flags[COL_LEVEL_TOWNSHIP - COL_FIRST_FLAG];
	it.level_village = flags[COL_LEVEL_VILLAGE - COL_FIRST_FLAG];
	it.jurisdiction = c->v[COL_JURISDICTION];
	it.code = c->v[COL_CODE];
	it.source_url = c->v[COL_SOURCE_URL];
	rc = builder_add_item(src->imp->b, &it, src->id, rec->line, error);
	free(it.channels);
	return rc;
}

/* Check one data row and add it; -1 only if the catalogue failed. */
static int
row_import(struct source *src, const struct csv_record *rec, char **error)
{
	struct cells	c;
	enum flag	flags[COL_FLAGS];
	int		bad, rc = 0;

	if (row_blank(rec))
		return 0;
	src->counts->rows_read++;
	if (rec->broken || !row_width_ok(src, rec) ||
	    row_utf8(src, rec) != 0) {
		src->counts->skipped++;
		return 0;
	}
	cells_read(src, rec, &c);
	bad = row_flags(src, &c, flags);
	bad |= row_names(src, rec, &c);
	carry_down(src, &c);
	if (!bad && row_duplicate(src, rec, &c))
		bad = 1;
	if (bad)
		src->counts->skipped++;
	else if ((rc = row_add(src, rec, &c, flags, error)) == 0)
		src->counts->imported++;
	cells_done(&c);
	return rc;
}

struct import *
import_begin(const char *catalogue_path, const struct import_options *opt,
    struct diag_list *diags, char **error)
{
	struct import	*imp = xcalloc(1, sizeof *imp);

	if (opt != NULL)
		imp->opt = *opt;
	imp->diags = diags;
	imp->path = xstrdup(catalogue_path != NULL ? catalogue_path : "");
	if (!imp->opt.dry_run) {
		imp->b = builder_create(catalogue_path, error);
		if (imp->b == NULL) {
			free(imp->path);
			free(imp);
			return NULL;
		}
	}
	return imp;
}

/* A new entry in the summary for the file name; its index. */
static size_t
file_add(struct import *imp, const char *name)
{
	struct import_file_summary	*f;

	if (imp->sum.nfiles == imp->cfiles) {
		imp->cfiles = imp->cfiles ? imp->cfiles * 2 : 8;
		imp->sum.files = xreallocarray(imp->sum.files, imp->cfiles,
		    sizeof *imp->sum.files);
	}
	f = &imp->sum.files[imp->sum.nfiles];
	memset(f, 0, sizeof *f);
	f->name = xstrdup(name);
	return imp->sum.nfiles++;
}

/* What the catalogue records as the source: the file name only. */
static const char *
base_name(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

/* Refuse what cannot be a CSV file in UTF-8 before reading it. */
static int
source_usable(struct source *src, const char *buf, size_t len)
{
	if (len == 0 || (len == 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)) {
		file_error(src, 0, 0, _("the file is empty"),
		    _("export the catalogue table again"));
		return 0;
	}
	if (len >= 2 && (memcmp(buf, "\xff\xfe", 2) == 0 ||
	    memcmp(buf, "\xfe\xff", 2) == 0)) {
		file_error(src, 1, 0, _("the file is UTF-16 text (\"Unicode "
		    "text\"), which cannot be imported yet"),
		    _("save it as \"CSV UTF-8\" instead"));
		return 0;
	}
	return 1;
}

/* Header, then the rows; -1 only if the catalogue failed. */
static int
source_read(struct source *src, const char *buf, size_t len, char **error)
{
	struct csv_reader	*r;
	struct csv_record	 rec;
	int			 found, rc = 0;

	r = csv_open(buf, len, ',', src->name, src->imp->diags);
	while ((found = csv_read(r, &rec)) == 1 && row_blank(&rec))
		;	/* blank lines above the header */
	if (!found)
		file_error(src, 0, 0, _("the file has no header row"),
		    _("export the catalogue table again"));
	else if (layout_read(src, &rec) == 0) {
		csv_set_names(r, src->lay.titles, src->lay.nfields);
		while (rc == 0 && csv_read(r, &rec) == 1)
			rc = row_import(src, &rec, error);
	}
	csv_close(r);
	return rc;
}

static void
source_done(struct source *src)
{
	struct import_counts	*n = src->counts;

	layout_done(&src->lay);
	free(src->prev_domain);
	free(src->prev_url);
	free(src->prev_level1);
	n->errors = src->imp->diags->errors - n->errors;
	n->warnings = src->imp->diags->warnings - n->warnings;
}

int
import_buffer(struct import *imp, const char *name, const char *buf,
    size_t len, char **error)
{
	struct source	src;
	int		rc = 0;

	memset(&src, 0, sizeof src);
	src.imp = imp;
	src.name = name;
	src.index = file_add(imp, name);
	src.counts = &imp->sum.files[src.index].counts;
	/* Until source_done, errors and warnings hold the starting counts. */
	src.counts->errors = imp->diags->errors;
	src.counts->warnings = imp->diags->warnings;
	if (imp->b != NULL) {
		src.id = builder_add_source(imp->b, base_name(name), error);
		if (src.id == -1)
			rc = -1;
	}
	if (rc == 0 && source_usable(&src, buf, len))
		rc = source_read(&src, buf, len, error);
	source_done(&src);
	return rc;
}

/* The whole file in memory; NULL with errno set. */
static char *
read_all(const char *path, size_t *len)
{
	FILE		*fp;
	struct stat	 st;
	char		*buf = NULL;
	size_t		 cap = 0, n;
	int		 e;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		errno = EISDIR;
		return NULL;
	}
	*len = 0;
	do {
		if (*len == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = xreallocarray(buf, cap, 1);
		}
		n = fread(buf + *len, 1, cap - *len, fp);
		*len += n;
	} while (n != 0);
	e = ferror(fp) ? EIO : 0;
	fclose(fp);
	if (e != 0) {
		free(buf);
		errno = e;
		return NULL;
	}
	return buf;
}

int
import_file(struct import *imp, const char *path, char **error)
{
	struct source	 src;
	char		*buf;
	size_t		 len;
	int		 rc, e;

	if ((buf = read_all(path, &len)) != NULL) {
		rc = import_buffer(imp, path, buf, len, error);
		free(buf);
		return rc;
	}
	e = errno;
	memset(&src, 0, sizeof src);
	src.imp = imp;
	src.name = path;
	src.index = file_add(imp, path);
	src.counts = &imp->sum.files[src.index].counts;
	src.counts->errors = imp->diags->errors;
	src.counts->warnings = imp->diags->warnings;
	src.imp->unusable = 1;
	diag_add(imp->diags, DIAG_ERROR, path, 0, 0,
	    _("cannot read the file: %s"), strerror(e));
	diag_hint(imp->diags, "%s", _("check the file name and that the "
	    "file can be read"));
	source_done(&src);
	return 0;
}

void
import_summary_done(struct import_summary *sum)
{
	size_t	i;

	for (i = 0; i < sum->nfiles; i++)
		free(sum->files[i].name);
	free(sum->files);
	memset(sum, 0, sizeof *sum);
}

static void
import_free(struct import *imp)
{
	if (imp->b != NULL)
		builder_abort(imp->b);
	import_summary_done(&imp->sum);
	free(imp->seen);
	free(imp->path);
	free(imp);
}

void
import_abort(struct import *imp)
{
	if (imp != NULL)
		import_free(imp);
}

/* Add up the files' counts and decide whether the import may go ahead. */
static void
import_tally(struct import *imp)
{
	struct import_counts	*t = &imp->sum.total, *f;
	size_t			 i;

	memset(t, 0, sizeof *t);
	for (i = 0; i < imp->sum.nfiles; i++) {
		f = &imp->sum.files[i].counts;
		t->rows_read += f->rows_read;
		t->imported += f->imported;
		t->skipped += f->skipped;
		t->warnings += f->warnings;
		t->errors += f->errors;
	}
	if (imp->unusable)
		imp->sum.refusal = IMPORT_REFUSED_FILE;
	else if (imp->opt.strict && t->errors > 0)
		imp->sum.refusal = IMPORT_REFUSED_STRICT;
	else if (t->imported == 0)
		imp->sum.refusal = IMPORT_REFUSED_EMPTY;
	else
		imp->sum.refusal = IMPORT_ACCEPTED;
}

/* Nothing was imported after all: say so in the counts. */
static void
import_nothing(struct import_summary *sum)
{
	size_t	i;

	sum->total.skipped += sum->total.imported;
	sum->total.imported = 0;
	for (i = 0; i < sum->nfiles; i++) {
		sum->files[i].counts.skipped += sum->files[i].counts.imported;
		sum->files[i].counts.imported = 0;
	}
}

int
import_end(struct import *imp, struct import_summary *sum, char **error)
{
	struct stat	before, after;
	int		rc = 0, have;

	import_tally(imp);
	if (imp->b != NULL && imp->sum.refusal == IMPORT_ACCEPTED) {
		have = stat(imp->path, &before) == 0;
		rc = builder_commit(imp->b, error);
		imp->b = NULL;
		/* A failure after the rename leaves the new file in place. */
		imp->sum.committed = rc == 0 ||
		    (stat(imp->path, &after) == 0 && (!have ||
		    after.st_ino != before.st_ino ||
		    after.st_dev != before.st_dev));
	}
	if (!imp->sum.committed && !imp->opt.dry_run)
		import_nothing(&imp->sum);
	*sum = imp->sum;
	memset(&imp->sum, 0, sizeof imp->sum);
	import_free(imp);
	return rc;
}

int
import_files(const char *catalogue_path, char *const *files, int nfiles,
    const struct import_options *opt, struct diag_list *diags,
    struct import_summary *sum, char **error)
{
	struct import	*imp;
	int		 i;

	memset(sum, 0, sizeof *sum);
	if ((imp = import_begin(catalogue_path, opt, diags, error)) == NULL)
		return -1;
	for (i = 0; i < nfiles; i++) {
		if (import_file(imp, files[i], error) != 0) {
			import_tally(imp);
			import_nothing(&imp->sum);
			*sum = imp->sum;
			memset(&imp->sum, 0, sizeof imp->sum);
			import_abort(imp);
			return -1;
		}
	}
	return import_end(imp, sum, error);
}
