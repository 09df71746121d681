/*
 * A saved web page as tables: every <table> of the page, with its rowspan
 * and colspan cells spread over the grid they cover, its heading (the
 * caption, else the nearest heading or paragraph above it) and the page's
 * title.
 *
 * The bytes are decoded by decode.c (the encoding the page declares in a
 * <meta>, else the one the evidence points at) and handed to libxml2's
 * HTML parser as UTF-8, which makes a tree of whatever the page holds
 * (recovering from broken markup, never fetching anything: no network, no
 * external entities); the tree is read here. Cell text is the text of
 * everything in the cell but nested tables, which are tables of their
 * own: a catalogue table inside a page's layout table is found as well.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "data/import/decode.h"
#include "data/import/formats/formats.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

/*
 * The largest spans HTML itself allows (browsers clip larger ones): a
 * page with more was not made by an editor. A catalogue table has about
 * 17 columns.
 */
#define HTML_MAX_ROWSPAN	65534
#define HTML_MAX_COLSPAN	1000
#define HTML_MAX_COLUMNS	256
/* Spread cells per page: the page's size in bytes, and this many more. */
#define HTML_MAX_SPREAD		1000000
/*
 * Tables on one page: a county's page has one per domain (26 national,
 * a few local), a contents table and the site's layout tables.
 */
#define HTML_MAX_TABLES		4096
/* Elements deeper than this are not looked into (hostile nesting). */
#define HTML_MAX_DEPTH		512
/* How far into the page a <meta> charset is looked for. */
#define HTML_META_SCAN		4096

/* A growing string. */
struct buf {
	char	*s;
	size_t	 n, c;
};

static void
buf_add(struct buf *b, const char *s, size_t len)
{
	if (b->n + len + 1 > b->c) {
		b->c = b->n + len + 1 < 64 ? 64 : 2 * (b->n + len + 1);
		b->s = xreallocarray(b->s, b->c, 1);
	}
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = '\0';
}

/* A line break that is the page's (<br>, a paragraph), not its source's. */
#define HARD_BREAK	'\x01'

/* A span still covering cells of the rows below. */
struct pending {
	const char	*text;
	long		 rows;	/* rows still to cover */
};

/* The page being read. */
struct html {
	const char		*file;
	struct diag_list	*diags;
	struct table_set	*out;
	char			*heading;	/* the last one seen; owned */
	size_t			 spread, max_spread;
	int			 failed;
};

static int
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcasecmp((const char *)n->name, name) == 0;
}

/* n is one of the elements names[0..n). */
static int
is_one_of(const xmlNode *n, const char *const *names, size_t count)
{
	size_t	i;

	for (i = 0; i < count; i++)
		if (is(n, names[i]))
			return 1;
	return 0;
}

static int
is_heading(const xmlNode *n)
{
	static const char *const names[] = {
		"h1", "h2", "h3", "h4", "h5", "h6", "p", "strong", "b",
	};

	return is_one_of(n, names, sizeof names / sizeof names[0]);
}

/* Elements whose end is a line break in the text. */
static int
is_block(const xmlNode *n)
{
	static const char *const names[] = {
		"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
		"dd", "dt", "blockquote", "pre",
	};

	return is_one_of(n, names, sizeof names / sizeof names[0]);
}

/* Text no reader sees. */
static int
is_hidden(const xmlNode *n)
{
	return is(n, "script") || is(n, "style") || is(n, "noscript") ||
	    is(n, "template");
}

/*
 * The raw text of n's children into b: text as it is, control characters
 * as spaces, no-break spaces as spaces, <br> and the end of a block as
 * HARD_BREAK; nested tables and hidden elements left out.
 */
static void
raw_text(const xmlNode *n, struct buf *b, int depth)
{
	const xmlNode		*c;
	const unsigned char	*t;
	size_t			 i, from;

	if (depth > HTML_MAX_DEPTH)
		return;
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) {
			if ((t = c->content) == NULL)
				continue;
			for (i = from = 0; t[i] != '\0'; i++) {
				if (t[i] < 0x20 && t[i] != '\n' && t[i] != '\t' &&
				    t[i] != '\r') {
					buf_add(b, (const char *)t + from, i - from);
					buf_add(b, " ", 1);
					from = i + 1;
				} else if (t[i] == 0xc2 && t[i + 1] == 0xa0) {
					buf_add(b, (const char *)t + from, i - from);
					buf_add(b, " ", 1);
					from = i + 2;
					i++;
				}
			}
			buf_add(b, (const char *)t + from, i - from);
		} else if (c->type == XML_ELEMENT_NODE) {
			if (is(c, "table") || is_hidden(c))
				continue;
			if (is(c, "br")) {
				buf_add(b, "\x01", 1);
				continue;
			}
			raw_text(c, b, depth + 1);
			if (is_block(c))
				buf_add(b, "\x01", 1);
		}
	}
}

static int
space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * The text as a reader sees it: runs of white space one space, none
 * where the source broke a line between two Chinese characters (as CSS
 * does), none at the ends of a line; page breaks (HARD_BREAK) as one
 * line break, none at the ends. In cells, U+FFFD (a byte that was not
 * valid in the page's encoding: page_text) becomes 0xFF again, for row.c
 * to report at the row and column. The caller frees.
 */
static char *
normalise(const char *s, size_t len, int cell)
{
	char	*out = xmalloc(len + 1), *o = out;
	size_t	 i = 0, j;
	int	 brk, nl;

	while (i < len) {
		if (!space(s[i]) && s[i] != HARD_BREAK) {
			if (cell && i + 3 <= len && memcmp(s + i,
			    "\xef\xbf\xbd", 3) == 0) {
				*o++ = '\xff';
				i += 3;
			} else
				*o++ = s[i++];
			continue;
		}
		brk = nl = 0;
		for (j = i; j < len && (space(s[j]) || s[j] == HARD_BREAK);
		    j++) {
			brk |= s[j] == HARD_BREAK;
			nl |= s[j] == '\n' || s[j] == '\r';
		}
		if (o == out || j == len)
			;	/* nothing at the ends */
		else if (brk)
			*o++ = '\n';
		else if (!(nl && (unsigned char)o[-1] >= 0x80 &&
		    (unsigned char)s[j] >= 0x80))
			*o++ = ' ';
		i = j;
	}
	*o = '\0';
	return out;
}

/* The text of n, normalised; NULL if it has none. The caller frees. */
static char *
text_of(const xmlNode *n, int cell)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*t;

	raw_text(n, &b, 0);
	if (b.n == 0) {
		free(b.s);
		return cell ? xstrdup("") : NULL;
	}
	t = normalise(b.s, b.n, cell);
	free(b.s);
	if (!cell && *t == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

/* A rowspan or colspan: the number it starts with; dflt if none. */
static long
span(const xmlNode *n, const char *name, long dflt)
{
	xmlChar		*v = xmlGetProp(n, (const xmlChar *)name);
	const char	*p;
	long		 r = 0;
	int		 digits = 0;

	if (v == NULL)
		return dflt;
	for (p = (const char *)v; space(*p); p++)
		;
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		if (r <= LONG_MAX / 20)
			r = r * 10 + (*p - '0');
	xmlFree(v);
	return digits > 0 ? r : dflt;
}

/* The rows of a table, its own (not those of tables inside it). */
static size_t
rows_of(const xmlNode *table, const xmlNode **rows, size_t max)
{
	const xmlNode	*c, *r;
	size_t		 n = 0;

	for (c = table->children; c != NULL; c = c->next) {
		if (is(c, "tr")) {
			if (rows != NULL && n < max)
				rows[n] = c;
			n++;
		} else if (is(c, "thead") || is(c, "tbody") || is(c, "tfoot")) {
			for (r = c->children; r != NULL; r = r->next) {
				if (!is(r, "tr"))
					continue;
				if (rows != NULL && n < max)
					rows[n] = r;
				n++;
			}
		}
	}
	return n;
}

static void
span_error(struct html *h, const char *place, size_t row, size_t col,
    const char *msg)
{
	char	*where = xasprintf("%s:%s", h->file, place);

	diag_add(h->diags, DIAG_ERROR, where, (long)row, (long)col, "%s", msg);
	diag_hint(h->diags, "%s", _("the page is damaged, or made to do harm; "
	    "save it again from the browser, or ask for the catalogue as a "
	    "Word or Excel file"));
	free(where);
	h->failed = 1;
}

/*
 * The texts of cells that span rows, kept until the table is read: the
 * rows below copy them.
 */
struct pool {
	char	**v;
	size_t	  n, c;
};

static void
pool_add(struct pool *p, char *s)
{
	if (p->n == p->c) {
		p->c = p->c ? 2 * p->c : 16;
		p->v = xreallocarray(p->v, p->c, sizeof *p->v);
	}
	p->v[p->n++] = s;
}

/* One cell, placed at *col of the row, spread over its span. */
static int
cell_place(struct html *h, struct table *t, const xmlNode *td,
    struct pending *pend, size_t *col, size_t nrows_left, size_t row,
    struct pool *pool)
{
	long	 rs = span(td, "rowspan", 1), cs = span(td, "colspan", 1), k;
	char	*text;

	if (rs > HTML_MAX_ROWSPAN || cs > HTML_MAX_COLSPAN) {
		span_error(h, t->place, row, *col + 1, rs > HTML_MAX_ROWSPAN ?
		    _("a cell spans more rows than HTML allows (65534)") :
		    _("a cell spans more columns than HTML allows (1000)"));
		return -1;
	}
	if (rs == 0)	/* HTML: down to the end of the table */
		rs = (long)nrows_left;
	if (rs < 1)
		rs = 1;
	if (cs < 1)
		cs = 1;
	if (*col + (size_t)cs > HTML_MAX_COLUMNS) {
		span_error(h, t->place, row, *col + 1, _("the table is more than "
		    "256 columns wide; a catalogue table has about 17"));
		return -1;
	}
	if ((size_t)rs > nrows_left)
		rs = (long)nrows_left;	/* clipped at the end, as browsers do */
	text = text_of(td, 1);
	for (k = 0; k < cs; k++) {
		table_cell_add(t, text, strlen(text));
		pend[*col].text = rs > 1 ? text : NULL;
		pend[*col].rows = rs - 1;
		(*col)++;
	}
	if (rs > 1)
		pool_add(pool, text);
	else
		free(text);
	h->spread += (size_t)(rs * cs);
	if (h->spread > h->max_spread) {
		span_error(h, t->place, row, *col, _("the page's rowspan and "
		    "colspan values spread its tables over far more cells than "
		    "the page holds"));
		return -1;
	}
	return 0;
}

/* Cells of the rows above still covering this row, from *col on. */
static void
cell_pending(struct table *t, struct pending *pend, size_t *col,
    size_t width)
{
	while (*col < width && pend[*col].rows > 0) {
		table_cell_add(t, pend[*col].text, strlen(pend[*col].text));
		pend[*col].rows--;
		(*col)++;
	}
}

/* A table's grid: rowspans carried down, colspans across. */
static void
table_grid(struct html *h, struct table *t, const xmlNode *table)
{
	const xmlNode	**rows, *c;
	struct pending	 pend[HTML_MAX_COLUMNS];
	struct pool	 pool = { NULL, 0, 0 };
	size_t		 n, i, j, col, width = 0, last;

	n = rows_of(table, NULL, 0);
	rows = xcalloc(n ? n : 1, sizeof *rows);
	rows_of(table, rows, n);
	memset(pend, 0, sizeof pend);
	for (i = 0; i < n && !h->failed; i++) {
		table_row_add(t, (long)i + 1);
		col = 0;
		for (c = rows[i]->children; c != NULL && !h->failed;
		    c = c->next) {
			if (!is(c, "td") && !is(c, "th"))
				continue;
			cell_pending(t, pend, &col, width);
			if (cell_place(h, t, c, pend, &col, n - i, i + 1,
			    &pool) != 0)
				break;
			if (col > width)
				width = col;
		}
		/* Spans from above to the right of the row's own cells. */
		for (last = width; last > col && pend[last - 1].rows == 0; last--)
			;
		for (; col < last; col++) {
			if (pend[col].rows > 0) {
				table_cell_add(t, pend[col].text,
				    strlen(pend[col].text));
				pend[col].rows--;
			} else
				table_cell_add(t, "", 0);
		}
	}
	for (j = 0; j < pool.n; j++)
		free(pool.v[j]);
	free(pool.v);
	free(rows);
}

/* The table's caption, if it has one with text. */
static char *
caption_of(const xmlNode *table)
{
	const xmlNode	*c;

	for (c = table->children; c != NULL; c = c->next)
		if (is(c, "caption"))
			return text_of(c, 0);
	return NULL;
}

static void walk(struct html *h, const xmlNode *n, int depth, int headings);

static void
table_read(struct html *h, const xmlNode *table, int depth)
{
	struct table	*t;
	char		*place, *heading;

	if (h->out->n == HTML_MAX_TABLES) {
		diag_add(h->diags, DIAG_ERROR, h->file, 1, 1, "%s", _("the page "
		    "has more than 4096 tables; a catalogue page has a few "
		    "dozen"));
		diag_hint(h->diags, "%s", _("the page is damaged, or made to do "
		    "harm; save it again from the browser, or ask for the "
		    "catalogue as a Word or Excel file"));
		h->failed = 1;
		return;
	}
	place = xasprintf(_("table %zu"), h->out->n + 1);
	t = table_add(h->out, place);
	free(place);
	if ((heading = caption_of(table)) == NULL && h->heading != NULL)
		heading = xstrdup(h->heading);
	if (heading != NULL) {
		table_set_heading(t, heading, strlen(heading));
		free(heading);
	}
	table_grid(h, t, table);
	/* The tables inside it, and the headings above them in its cells. */
	walk(h, table, depth + 1, 1);
	/* What a table's cells said is no heading for the next one. */
	free(h->heading);
	h->heading = NULL;
}

/*
 * The page in document order: its title, headings and tables. With
 * headings 0 (inside a heading), only tables are looked for.
 */
static void
walk(struct html *h, const xmlNode *n, int depth, int headings)
{
	const xmlNode	*c;
	char		*t;

	if (depth > HTML_MAX_DEPTH)
		return;
	for (c = n->children; c != NULL && !h->failed; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is_hidden(c))
			continue;
		if (is(c, "table")) {
			table_read(h, c, depth);
		} else if (is(c, "title")) {
			if (h->out->title == NULL)
				h->out->title = text_of(c, 0);
		} else if (headings && is_heading(c)) {
			if ((t = text_of(c, 0)) != NULL) {
				free(h->heading);
				h->heading = t;
			}
			walk(h, c, depth + 1, 0);
		} else
			walk(h, c, depth + 1, headings);
	}
}

static int
charset_char(char c)
{
	return c == '-' || c == '_' || (c >= '0' && c <= '9') ||
	    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The charset a <meta> near the top declares, or DECODE_AUTO. */
static enum decode_encoding
meta_charset(const char *buf, size_t len, char *name, size_t size)
{
	const char	*p, *end = buf + (len < HTML_META_SCAN ? len :
			    HTML_META_SCAN);
	size_t		 n;
	int		 enc;

	for (p = buf; p + 8 <= end; p++) {
		if (strncasecmp(p, "charset", 7) != 0)
			continue;
		p += 7;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= end || *p != '=')
			continue;
		p++;
		while (p < end && (*p == ' ' || *p == '"' || *p == '\''))
			p++;
		for (n = 0; p + n < end && n + 1 < size && charset_char(p[n]);
		    n++)
			name[n] = p[n];
		name[n] = '\0';
		if (strncasecmp(name, "x-", 2) == 0)
			memmove(name, name + 2, strlen(name + 2) + 1);
		enc = decode_parse_name(name);
		return enc > DECODE_AUTO ? (enum decode_encoding)enc :
		    DECODE_AUTO;
	}
	return DECODE_AUTO;
}

/*
 * Bytes that are not UTF-8: those of a UTF-8 file as they are, the 0xFF
 * markers decode.c put in for the others.
 */
static size_t
utf8_bad(const char *s, size_t len)
{
	size_t	at = 0, bad = 0;

	while ((at += decode_utf8_valid(s + at, len - at)) < len) {
		bad++;
		at++;
	}
	return bad;
}

/*
 * The page as UTF-8 text: in forced if it is not DECODE_AUTO (staff said
 * so); else as its <meta> says, unless that does not fit the bytes and
 * the evidence finds an encoding that does (warned). Returns 0, or -1
 * with the problem reported.
 */
static int
page_decode(struct html *h, const char *buf, size_t len,
    enum decode_encoding forced, struct decode_result *res)
{
	struct decode_result	 other;
	enum decode_encoding	 declared;
	char			 name[32];

	/* A byte order mark wins over a <meta>, as in browsers. */
	if (forced != DECODE_AUTO) {
		decode_buffer(buf, len, forced, res);
		declared = DECODE_AUTO;
	} else if ((len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) ||
	    (len >= 2 && (memcmp(buf, "\xff\xfe", 2) == 0 ||
	    memcmp(buf, "\xfe\xff", 2) == 0)))
		declared = DECODE_AUTO;
	else
		declared = meta_charset(buf, len, name, sizeof name);
	if (forced == DECODE_AUTO)
		decode_buffer(buf, len, declared, res);
	if (declared != DECODE_AUTO && res->refusal == DECODE_TEXT &&
	    utf8_bad(res->text, res->len) > 0) {
		decode_buffer(buf, len, DECODE_AUTO, &other);
		if (other.refusal == DECODE_TEXT &&
		    utf8_bad(other.text, other.len) == 0) {
			diag_add(h->diags, DIAG_WARNING, h->file, 1, 1,
			    _("the page says it is in %s, but it is not: it is "
			    "read as %s"), name, decode_name(other.encoding));
			diag_hint(h->diags, "%s", _("check the imported rows; "
			    "if their text is garbled, save the page again from "
			    "the browser"));
			decode_done(res);
			*res = other;
		} else
			decode_done(&other);
	}
	switch (res->refusal) {
	case DECODE_TEXT:
		return 0;
	case DECODE_EMPTY:
		diag_add(h->diags, DIAG_ERROR, h->file, 1, 1, "%s",
		    _("the file is empty"));
		break;
	case DECODE_UNKNOWN:
		diag_add(h->diags, DIAG_ERROR, h->file, 1, 1, "%s",
		    _("the encoding of the page was not recognised: it is not "
		    "UTF-8 or UTF-16, and read as GB18030 or as Big5 it is not "
		    "Chinese text"));
		break;
	default:
		diag_add(h->diags, DIAG_ERROR, h->file, 1, 1, "%s",
		    _("the file is not text: it holds NUL bytes or other "
		    "control characters"));
		break;
	}
	diag_hint(h->diags, "%s", _("save the page again from the browser "
	    "(\"Web page, HTML only\"), or ask for the catalogue as a Word or "
	    "Excel file"));
	return -1;
}

/*
 * The text, with every byte that is not UTF-8 (utf8_bad) as U+FFFD:
 * libxml2 would take a page with such bytes for Latin-1.
 */
static char *
page_text(const struct decode_result *res, size_t *len)
{
	const char	*s = res->text;
	size_t		 n = res->len, at = 0, v;
	char		*out = xmalloc(n + 2 * utf8_bad(s, n) + 1), *o = out;

	for (;;) {
		v = decode_utf8_valid(s + at, n - at);
		memcpy(o, s + at, v);
		o += v;
		if ((at += v) >= n)
			break;
		memcpy(o, "\xef\xbf\xbd", 3);
		o += 3;
		at++;
	}
	*o = '\0';
	*len = (size_t)(o - out);
	return out;
}

/* Occurrences of the tag <name (or </name), in any case, in s. */
static size_t
tags(const char *s, size_t len, const char *tag)
{
	size_t	i, n = 0, tl = strlen(tag);
	char	after;

	for (i = 0; i + tl < len; i++) {
		if (s[i] != '<' || strncasecmp(s + i, tag, tl) != 0)
			continue;
		after = s[i + tl];
		n += space(after) || after == '>' || after == '/';
	}
	return n;
}

/*
 * A page that ends inside a table (fewer </table> in it than tables the
 * parser found), or opens <html> and never closes it, was cut short: the
 * rows, or the tables, after the cut are missing.
 */
static void
page_cut_off(struct html *h, const char *s, size_t len, int truncated)
{
	size_t	opened = h->out->n, closed = tags(s, len, "</table");
	long	line = 1;
	size_t	i;

	if (!truncated && opened <= closed && (tags(s, len, "<html") == 0 ||
	    tags(s, len, "</html") > 0))
		return;
	for (i = 0; i < len; i++)
		line += s[i] == '\n';
	h->out->cut_off = 1;
	if (opened > closed)
		diag_add(h->diags, DIAG_WARNING, h->file, line, 1,
		    _("the page ends inside a table (%zu tables are opened, "
		    "%zu closed)"), opened, closed);
	else
		diag_add(h->diags, DIAG_WARNING, h->file, line, 1, "%s",
		    _("the page ends before </html>"));
	diag_hint(h->diags, "%s", _("it may have been cut off; save it again "
	    "from the browser, or check its last rows"));
}

int
html_read(const char *buf, size_t len, const char *file,
    struct diag_list *diags, struct table_set *out)
{
	return html_read_as(buf, len, DECODE_AUTO, file, diags, out);
}

int
html_read_as(const char *buf, size_t len, enum decode_encoding enc,
    const char *file, struct diag_list *diags, struct table_set *out)
{
	struct html		 h;
	struct decode_result	 res;
	htmlDocPtr		 doc;
	char			*text;
	size_t			 tlen;
	int			 truncated;

	memset(&h, 0, sizeof h);
	h.file = file;
	h.diags = diags;
	h.out = out;
	if (page_decode(&h, buf, len, enc, &res) != 0) {
		decode_done(&res);
		return -1;
	}
	out->encoding = decode_name(res.encoding);
	truncated = res.truncated;
	text = page_text(&res, &tlen);
	decode_done(&res);
	if (tlen > INT_MAX) {
		diag_add(diags, DIAG_ERROR, file, 1, 1, "%s", _("the page is "
		    "larger than 2 GB"));
		diag_hint(diags, "%s", _("a catalogue page is a few megabytes; "
		    "save the catalogue tables alone"));
		free(text);
		return -1;
	}
	h.max_spread = tlen + HTML_MAX_SPREAD;
	doc = htmlReadMemory(text, (int)tlen, NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
	if (doc == NULL) {
		diag_add(diags, DIAG_ERROR, file, 1, 1, "%s", _("the page cannot "
		    "be read as HTML"));
		diag_hint(diags, "%s", _("save it again from the browser "
		    "(\"Web page, HTML only\")"));
		free(text);
		return -1;
	}
	walk(&h, (const xmlNode *)doc, 0, 1);
	free(h.heading);
	xmlFreeDoc(doc);
	if (!h.failed)
		page_cut_off(&h, text, tlen, truncated);
	free(text);
	return h.failed ? -1 : 0;
}
