/*
 * Excel workbooks (.xlsx): every worksheet of xl/workbook.xml, found
 * through its relationships, read as a stream row by row; shared strings
 * (rich text runs joined, phonetic runs left out), inline strings, and
 * numbers as Excel shows them: general, integers, fixed decimals,
 * percentages, and dates as YYYY-MM-DD (both date systems). Merged ranges
 * are spread (sheet.h); the sheet's name is the table's heading, and
 * messages name a cell as "sheet NAME:B7".
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/import/formats/formats.h"
#include "data/import/formats/ooxml.h"
#include "data/import/formats/sheet.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"

/* A catalogue has a few dozen sheets; a hostile file millions. */
#define XLSX_MAX_SHEETS	4096

/* How a cell's number is shown. */
enum numfmt {
	NUM_GENERAL,
	NUM_DECIMALS,	/* fixed: "0", "0.00", "#,##0" */
	NUM_PERCENT,
	NUM_DATE,
	NUM_DATETIME,
	NUM_TIME,
	NUM_TEXT,
};

struct xf {
	enum numfmt	kind;
	int		decimals;
};

struct book {
	struct ooxml	 ox;
	char		**strings;	/* shared strings */
	size_t		 nstrings;
	struct xf	*xfs;		/* cellXfs, by s="" */
	size_t		 nxfs;
	int		 date1904;
};

/* The kind of a format code Excel does not number. */
static struct xf
code_kind(const char *code)
{
	struct xf	 f = { NUM_GENERAL, 0 };
	int		 date = 0, time = 0, quoted = 0, bracket = 0, dot = 0;
	const char	*s;

	if (code == NULL || strcasecmp(code, "General") == 0)
		return f;
	if (strcmp(code, "@") == 0) {
		f.kind = NUM_TEXT;
		return f;
	}
	for (s = code; *s != '\0' && *s != ';'; s++) {
		if (*s == '"') {
			quoted = !quoted;
			continue;
		}
		if (quoted)
			continue;
		if (*s == '\\' && s[1] != '\0') {
			s++;
			continue;
		}
		if (*s == '[') {
			bracket = 1;
			continue;
		}
		if (*s == ']') {
			bracket = 0;
			continue;
		}
		if (bracket)
			continue;
		switch (*s | 0x20) {
		case 'y':
		case 'd':
		case 'e':
			date = 1;
			break;
		case 'h':
		case 's':
			time = 1;
			break;
		case 'm':
			if (!time)
				date = 1;
			break;
		case '.':
			dot = 1;
			break;
		case '0':
		case '#':
			if (dot)
				f.decimals++;
			break;
		case '%':
			f.kind = NUM_PERCENT;
			break;
		}
	}
	if (date && time)
		f.kind = NUM_DATETIME;
	else if (date)
		f.kind = NUM_DATE;
	else if (time)
		f.kind = NUM_TIME;
	else if (f.kind != NUM_PERCENT && strpbrk(code, "0#") != NULL)
		f.kind = NUM_DECIMALS;
	return f;
}

/* The built-in number formats (ECMA-376 18.8.30, and the CJK ones). */
static struct xf
builtin_kind(long id)
{
	struct xf	f = { NUM_GENERAL, 0 };

	if (id == 1 || id == 3 || id == 37 || id == 38) {
		f.kind = NUM_DECIMALS;
	} else if (id == 2 || id == 4 || id == 39 || id == 40) {
		f.kind = NUM_DECIMALS;
		f.decimals = 2;
	} else if (id == 9 || id == 10) {
		f.kind = NUM_PERCENT;
		f.decimals = id == 10 ? 2 : 0;
	} else if ((id >= 14 && id <= 17) || id == 27 || id == 28 ||
	    id == 29 || id == 30 || id == 31 || id == 36 ||
	    (id >= 50 && id <= 54) || id == 57 || id == 58) {
		f.kind = NUM_DATE;
	} else if (id == 22) {
		f.kind = NUM_DATETIME;
	} else if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) ||
	    (id >= 45 && id <= 47) || id == 55 || id == 56) {
		f.kind = NUM_TIME;
	} else if (id == 49) {
		f.kind = NUM_TEXT;
	}
	return f;
}

/* xl/styles.xml: the number format of each cell style. */
static void
book_styles(struct book *bk)
{
	xmlDoc	*doc;
	xmlNode	*root, *fmts, *xfs, *n, *m;
	char	*id, *code;
	long	 numid;

	if ((doc = ooxml_doc(&bk->ox, "xl/styles.xml", 0)) == NULL)
		return;
	root = xmlDocGetRootElement(doc);
	fmts = ooxml_child(root, "numFmts");
	if ((xfs = ooxml_child(root, "cellXfs")) == NULL) {
		xmlFreeDoc(doc);
		return;
	}
	for (n = xfs->children; n != NULL; n = n->next) {
		struct xf f = { NUM_GENERAL, 0 };

		if (!ooxml_is(n, "xf"))
			continue;
		id = ooxml_attr(n, "numFmtId");
		numid = id != NULL ? strtol(id, NULL, 10) : 0;
		f = builtin_kind(numid);
		for (m = fmts != NULL ? fmts->children : NULL; m != NULL &&
		    id != NULL; m = m->next) {
			char *mid = ooxml_attr(m, "numFmtId");

			if (ooxml_is(m, "numFmt") && mid != NULL &&
			    strcmp(mid, id) == 0) {
				code = ooxml_attr(m, "formatCode");
				f = code_kind(code);
				xmlFree(code);
				xmlFree(mid);
				break;
			}
			xmlFree(mid);
		}
		xmlFree(id);
		if (bk->nxfs % 64 == 0)
			bk->xfs = xreallocarray(bk->xfs, bk->nxfs + 64,
			    sizeof *bk->xfs);
		bk->xfs[bk->nxfs++] = f;
	}
	xmlFreeDoc(doc);
}

/* The text of the t elements under n, phonetic guides (rPh) left out. */
static void
node_text(const xmlNode *n, char **buf, size_t *len, size_t *cap)
{
	const xmlNode	*c;
	xmlChar		*s;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || ooxml_is(c, "rPh"))
			continue;
		if (ooxml_is(c, "t")) {
			if ((s = xmlNodeGetContent(c)) != NULL) {
				ooxml_text_append(buf, len, cap,
				    (const char *)s);
				xmlFree(s);
			}
		} else
			node_text(c, buf, len, cap);
	}
}

static char *
node_string(const xmlNode *n)
{
	char	*buf = NULL;
	size_t	 len = 0, cap = 0;

	ooxml_text_append(&buf, &len, &cap, "");
	node_text(n, &buf, &len, &cap);
	return buf;
}

/* xl/sharedStrings.xml, streamed: it may hold every text of the book. */
static int
book_strings(struct book *bk, const char *part)
{
	xmlTextReader	*r;
	xmlNode		*n;
	char		*data;
	size_t		 cap = 0, errors = bk->ox.diags->errors;
	int		 rc;

	/* A workbook of numbers alone has no shared strings. */
	if ((r = ooxml_stream(&bk->ox, part, 0, &data)) == NULL)
		return bk->ox.diags->errors > errors ? -1 : 0;
	rc = ooxml_next(&bk->ox, r, part);
	while (rc == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    strcmp((const char *)xmlTextReaderConstLocalName(r),
		    "si") != 0) {
			rc = ooxml_next(&bk->ox, r, part);
			continue;
		}
		if ((n = xmlTextReaderExpand(r)) == NULL) {
			rc = -1;
			break;
		}
		if (bk->nstrings == cap) {
			cap = cap ? cap * 2 : 256;
			bk->strings = xreallocarray(bk->strings, cap,
			    sizeof *bk->strings);
		}
		bk->strings[bk->nstrings++] = node_string(n);
		/* Past the subtree: on the node after it, already read. */
		rc = ooxml_skip(&bk->ox, r, part);
	}
	xmlFreeTextReader(r);
	free(data);
	return rc < 0 ? -1 : 0;
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void
civil(long z, int *y, int *m, int *d)
{
	long	era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A number as the cell's format shows it. */
static char *
number_shown(const struct book *bk, const char *v, long style)
{
	struct xf	 f = { NUM_GENERAL, 0 };
	double		 x;
	char		*end;
	long		 days, secs;
	int		 y, m, d;

	x = strtod(v, &end);
	if (end == v || *end != '\0' || !isfinite(x))
		return xstrdup(v);
	if (style >= 0 && (size_t)style < bk->nxfs)
		f = bk->xfs[style];
	if ((f.kind == NUM_DATE || f.kind == NUM_DATETIME ||
	    f.kind == NUM_TIME) && (x < 0 || x > 2958465.0))
		f.kind = NUM_GENERAL;	/* past 9999-12-31: not a date */
	switch (f.kind) {
	case NUM_DATE:
	case NUM_DATETIME:
	case NUM_TIME:
		days = (long)floor(x);
		secs = lround((x - (double)days) * 86400.0);
		if (secs >= 86400) {
			days++;
			secs -= 86400;
		}
		if (f.kind == NUM_TIME)
			return xasprintf("%02ld:%02ld:%02ld", secs / 3600,
			    secs / 60 % 60, secs % 60);
		/*
		 * 1900: day 1 is 1900-01-01, and Excel counts a 29 February
		 * 1900 (day 60) that never was; 1904: day 0 is 1904-01-01,
		 * day 1462 of 1900. Day 25568, once corrected, is 1970-01-01.
		 */
		if (bk->date1904)
			days += 1462;
		if (days >= 60)
			days--;
		civil(days - 25568, &y, &m, &d);
		if (f.kind == NUM_DATETIME && secs != 0)
			return xasprintf("%04d-%02d-%02d %02ld:%02ld", y, m,
			    d, secs / 3600, secs / 60 % 60);
		return xasprintf("%04d-%02d-%02d", y, m, d);
	case NUM_DECIMALS:
		return xasprintf("%.*f", f.decimals > 15 ? 15 : f.decimals, x);
	case NUM_PERCENT:
		return xasprintf("%.*f%%", f.decimals > 15 ? 15 : f.decimals,
		    x * 100.0);
	default:
		/* General: at most 15 significant digits, as Excel keeps. */
		return xasprintf("%.15g", x);
	}
}

/* One <c> element: its text as shown. */
static char *
cell_text(const struct book *bk, const xmlNode *c)
{
	char	*t = ooxml_attr(c, "t"), *s = ooxml_attr(c, "s"), *out = NULL;
	xmlNode	*vn = ooxml_child(c, "v");
	xmlChar	*v = vn != NULL ? xmlNodeGetContent(vn) : NULL;
	long	 k;

	if (t != NULL && strcmp(t, "inlineStr") == 0) {
		if (ooxml_child(c, "is") != NULL)
			out = node_string(ooxml_child(c, "is"));
	} else if (v == NULL) {
		out = NULL;
	} else if (t != NULL && strcmp(t, "s") == 0) {
		k = strtol((const char *)v, NULL, 10);
		if (k >= 0 && (size_t)k < bk->nstrings)
			out = xstrdup(bk->strings[k]);
	} else if (t != NULL && strcmp(t, "b") == 0) {
		out = xstrdup(strcmp((const char *)v, "1") == 0 ? "TRUE" :
		    "FALSE");
	} else if (t != NULL && strcmp(t, "d") == 0) {
		/* An ISO 8601 date: its date. */
		out = xstrndup((const char *)v, 10);
	} else if (t != NULL && (strcmp(t, "str") == 0 ||
	    strcmp(t, "e") == 0)) {
		size_t n = 0, cap = 0;

		ooxml_text_append(&out, &n, &cap, (const char *)v);
	} else {
		out = number_shown(bk, (const char *)v,
		    s != NULL ? strtol(s, NULL, 10) : 0);
	}
	xmlFree(v);
	xmlFree(t);
	xmlFree(s);
	return out;
}

/* One <row>: its cells into the sheet. */
static void
row_read(const struct book *bk, struct sheet *sh, const xmlNode *row,
    long *rnum)
{
	const xmlNode	*c;
	char		*a, *text;
	long		 r, col = 0, cr, cc;

	a = ooxml_attr(row, "r");
	r = a != NULL ? strtol(a, NULL, 10) : *rnum + 1;
	xmlFree(a);
	if (r < 1 || r > 1048576)
		r = *rnum + 1;
	*rnum = r;
	for (c = row->children; c != NULL; c = c->next) {
		if (!ooxml_is(c, "c"))
			continue;
		a = ooxml_attr(c, "r");
		if (a != NULL && sheet_ref(a, &cr, &cc) == 0)
			col = cc;
		else
			col++;
		xmlFree(a);
		if ((text = cell_text(bk, c)) != NULL)
			sheet_set(sh, r, col, text);
	}
}

/* One worksheet part into t; -1 if it could not be read. */
static int
sheet_read(struct book *bk, const char *part, struct table *t)
{
	xmlTextReader	*r;
	xmlNode		*n;
	struct sheet	 sh;
	char		*data, *ref;
	const char	*name;
	long		 rnum = 0, r1, c1, r2, c2;
	int		 rc;

	if ((r = ooxml_stream(&bk->ox, part, 1, &data)) == NULL)
		return -1;
	sheet_init(&sh);
	rc = ooxml_next(&bk->ox, r, part);
	while (rc == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
			rc = ooxml_next(&bk->ox, r, part);
			continue;
		}
		name = (const char *)xmlTextReaderConstLocalName(r);
		if (strcmp(name, "row") == 0) {
			if ((n = xmlTextReaderExpand(r)) == NULL) {
				rc = -1;
				break;
			}
			row_read(bk, &sh, n, &rnum);
			rc = ooxml_skip(&bk->ox, r, part);
			continue;
		} else if (strcmp(name, "mergeCell") == 0) {
			ref = (char *)xmlTextReaderGetAttribute(r,
			    (const xmlChar *)"ref");
			if (ref != NULL && strchr(ref, ':') != NULL) {
				*strchr(ref, ':') = '\0';
				if (sheet_ref(ref, &r1, &c1) == 0 &&
				    sheet_ref(ref + strlen(ref) + 1, &r2,
				    &c2) == 0)
					sheet_merge_add(&sh, r1, c1, r2, c2);
			}
			xmlFree(ref);
		}
		rc = ooxml_next(&bk->ox, r, part);
	}
	xmlFreeTextReader(r);
	free(data);
	if (rc == 0) {
		if (sheet_emit(&sh, t) < 0) {
			diag_add(bk->ox.diags, DIAG_WARNING, bk->ox.file, 1, 1,
			    _("%s: more merged cells than can be spread; the "
			    "cells past the first %zu are left empty"),
			    t->place, SHEET_MAX_SPREAD);
			diag_hint(bk->ox.diags, "%s", _("unmerge the cells "
			    "in Excel or WPS, or check the rows imported"));
		}
		if (sh.dropped) {
			diag_add(bk->ox.diags, DIAG_WARNING, bk->ox.file, 1, 1,
			    _("%s: cells past column %d are ignored"),
			    t->place, SHEET_MAX_COLS);
			diag_hint(bk->ox.diags, "%s", _("a catalogue table "
			    "has about 20 columns; move the table to the "
			    "left of the sheet"));
		}
	}
	sheet_done(&sh);
	return rc < 0 ? -1 : 0;
}

/* The workbook's sheets, in order, each read into a table. */
static int
book_sheets(struct book *bk, struct table_set *out)
{
	xmlDoc	*wb, *rels;
	xmlNode	*root, *sheets, *n, *pr;
	char	*name, *id, *part, *type, *place, *v, *clean;
	int	 rc = 0, nsheets = 0;
	struct table *t;

	if ((wb = ooxml_doc(&bk->ox, "xl/workbook.xml", 1)) == NULL)
		return -1;
	root = xmlDocGetRootElement(wb);
	if ((pr = ooxml_child(root, "workbookPr")) != NULL &&
	    (v = ooxml_attr(pr, "date1904")) != NULL) {
		bk->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
		xmlFree(v);
	}
	rels = ooxml_rels(&bk->ox, "xl/workbook.xml");
	sheets = ooxml_child(root, "sheets");
	for (n = sheets != NULL ? sheets->children : NULL; n != NULL &&
	    rc == 0; n = n->next) {
		if (!ooxml_is(n, "sheet"))
			continue;
		if (nsheets == XLSX_MAX_SHEETS) {
			diag_add(bk->ox.diags, DIAG_ERROR, bk->ox.file, 1, 1,
			    "%s", _("the workbook has more than 4096 sheets; a "
			    "catalogue has a few dozen"));
			diag_hint(bk->ox.diags, "%s", _("the file is damaged, or "
			    "made to do harm; open it in Excel or WPS and save "
			    "it again"));
			rc = -1;
			break;
		}
		name = ooxml_attr(n, "name");
		id = ooxml_attr(n, "id");
		part = ooxml_target(&bk->ox, rels, "xl/workbook.xml", id,
		    &type);
		/* Chart sheets and dialog sheets hold no cells. */
		if (part != NULL && (type == NULL ||
		    strstr(type, "/worksheet") != NULL)) {
			clean = text_sanitise(name != NULL ? name : "?",
			    name != NULL ? strlen(name) : 1, 0);
			place = xasprintf(_("sheet %s"), clean);
			t = table_add(out, place);
			t->cells_a1 = 1;
			table_set_heading(t, clean, strlen(clean));
			if (sheet_read(bk, part, t) < 0)
				rc = -1;
			nsheets++;
			free(place);
			free(clean);
		}
		free(part);
		xmlFree(type);
		xmlFree(name);
		xmlFree(id);
	}
	if (rc == 0 && nsheets == 0) {
		diag_add(bk->ox.diags, DIAG_ERROR, bk->ox.file, 1, 1, "%s",
		    _("the workbook has no worksheet"));
		diag_hint(bk->ox.diags, "%s", _("open it in Excel or WPS and "
		    "check that it holds the catalogue table"));
		rc = -1;
	}
	xmlFreeDoc(rels);
	xmlFreeDoc(wb);
	return rc;
}

/* The shared strings part the workbook names, or the usual one. */
static char *
strings_part(struct book *bk)
{
	xmlDoc	*rels = ooxml_rels(&bk->ox, "xl/workbook.xml");
	xmlNode	*n;
	char	*type, *target, *part = NULL;

	for (n = rels != NULL ? xmlDocGetRootElement(rels)->children : NULL;
	    n != NULL && part == NULL; n = n->next) {
		type = ooxml_attr(n, "Type");
		if (type != NULL && strstr(type, "/sharedStrings") != NULL &&
		    (target = ooxml_attr(n, "Id")) != NULL) {
			part = ooxml_target(&bk->ox, rels, "xl/workbook.xml",
			    target, NULL);
			xmlFree(target);
		}
		xmlFree(type);
	}
	xmlFreeDoc(rels);
	return part != NULL ? part : xstrdup("xl/sharedStrings.xml");
}

int
xlsx_read(const char *buf, size_t len, const char *file,
    struct diag_list *diags, struct table_set *out)
{
	struct book	 bk;
	char		*part;
	size_t		 i, errors = diags->errors;
	int		 rc = -1;

	memset(&bk, 0, sizeof bk);
	if (ooxml_open(&bk.ox, buf, len, file, diags) < 0)
		return -1;
	book_styles(&bk);
	part = strings_part(&bk);
	if (book_strings(&bk, part) == 0 && diags->errors == errors &&
	    book_sheets(&bk, out) == 0 && diags->errors == errors)
		rc = 0;
	free(part);
	if (rc == 0 && out->title == NULL)
		out->title = ooxml_title(&bk.ox);
	for (i = 0; i < bk.nstrings; i++)
		free(bk.strings[i]);
	free(bk.strings);
	free(bk.xfs);
	ooxml_close(&bk.ox);
	return rc;
}
