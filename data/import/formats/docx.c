/*
 * Word documents (.docx): every table of word/document.xml in order. A
 * cell spanning columns (w:gridSpan) is repeated across them and a
 * vertical merge (w:vMerge) carried down from the cell that starts it, so
 * that no column shifts; the paragraphs of a cell are joined by line
 * breaks. The paragraphs before a table give its heading (the last one in
 * a heading style, else the last short one), and the document's title is
 * its Title paragraph, else its first paragraph before any table, else
 * the title in its properties. Messages name a cell "table N:row:column".
 *
 * Tables inside a cell are read as the cell's text, not as tables of
 * their own.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/import/formats/formats.h"
#include "data/import/formats/ooxml.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"

/* A catalogue has about 20 columns; hostile spans claim thousands. */
#define DOCX_MAX_COLS	256
/* A catalogue has a few dozen tables; a hostile file millions of empty ones. */
#define DOCX_MAX_TABLES	4096
/* A heading longer than this is body text, not a heading. */
#define DOCX_HEADING_MAX	200

struct text {
	char	*s;
	size_t	 len, cap;
};

struct doc {
	struct ooxml	 ox;
	struct table_set *out;
	int		 ntables;
	/* The paragraphs since the last table: heading candidates. */
	char		*heading;	/* in a heading style */
	char		*last;		/* the last short one */
	char		*first;		/* the document's first */
	char		*title;		/* in the Title style */
	int		 dropped;	/* columns past DOCX_MAX_COLS */
	int		 failed;	/* too many tables: reported */
};

static void
text_add(struct text *t, const char *s)
{
	ooxml_text_append(&t->s, &t->len, &t->cap, s);
}

/* A Wingdings box or tick as the Unicode character cell.c knows. */
static const char *
sym_char(const xmlNode *n)
{
	char		*font = ooxml_attr(n, "font"), *ch = ooxml_attr(n, "char");
	const char	*out = NULL;
	unsigned long	 c = ch != NULL ? strtoul(ch, NULL, 16) : 0;

	if (c >= 0xf000 && c <= 0xf0ff)
		c -= 0xf000;
	if (font != NULL && strcmp(font, "Wingdings") == 0) {
		if (c == 0x6e)
			out = "■";
		else if (c == 0x6f || c == 0xa8)
			out = "□";
		else if (c == 0xfe)
			out = "☑";
		else if (c == 0xfc)
			out = "✓";
	} else if (font != NULL && strcmp(font, "Wingdings 2") == 0) {
		if (c == 0x52)
			out = "☑";
		else if (c == 0xa3)
			out = "□";
		else if (c == 0x50)
			out = "✓";
	}
	xmlFree(font);
	xmlFree(ch);
	return out;
}

/*
 * The text under n: runs, tabs, breaks, symbols; deleted text, field
 * codes and drawings left out; paragraphs (of a nested table, say) on
 * lines of their own.
 */
static void
node_text(const xmlNode *n, struct text *t)
{
	const xmlNode	*c;
	xmlChar		*s;
	const char	*sym;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (ooxml_is(c, "t")) {
			if ((s = xmlNodeGetContent(c)) != NULL) {
				text_add(t, (const char *)s);
				xmlFree(s);
			}
		} else if (ooxml_is(c, "tab")) {
			text_add(t, " ");
		} else if (ooxml_is(c, "br") || ooxml_is(c, "cr")) {
			text_add(t, "\n");
		} else if (ooxml_is(c, "sym")) {
			if ((sym = sym_char(c)) != NULL)
				text_add(t, sym);
		} else if (ooxml_is(c, "p")) {
			if (t->len > 0 && t->s[t->len - 1] != '\n')
				text_add(t, "\n");
			node_text(c, t);
		} else if (ooxml_is(c, "del") || ooxml_is(c, "delText") ||
		    ooxml_is(c, "instrText") || ooxml_is(c, "moveFrom") ||
		    ooxml_is(c, "drawing") || ooxml_is(c, "pict") ||
		    ooxml_is(c, "object") || ooxml_is(c, "Fallback") ||
		    ooxml_is(c, "pPr") || ooxml_is(c, "rPr") ||
		    ooxml_is(c, "tcPr") || ooxml_is(c, "trPr") ||
		    ooxml_is(c, "tblPr") || ooxml_is(c, "tblGrid")) {
			continue;
		} else
			node_text(c, t);
	}
}

/* The text under n, white space at both ends trimmed; owned. */
static char *
text_of(const xmlNode *n)
{
	struct text	 t = { NULL, 0, 0 };
	size_t		 a = 0;

	text_add(&t, "");
	node_text(n, &t);
	while (t.len > 0 && strchr(" \t\n", t.s[t.len - 1]) != NULL)
		t.s[--t.len] = '\0';
	while (a < t.len && strchr(" \t\n", t.s[a]) != NULL)
		a++;
	memmove(t.s, t.s + a, t.len - a + 1);
	return t.s;
}

/* An integer attribute w:val of n's child local, or def. */
static long
child_val(const xmlNode *n, const char *local, long def)
{
	const xmlNode	*c = ooxml_child(n, local);
	char		*v = ooxml_attr(c, "val");
	long		 x = v != NULL ? strtol(v, NULL, 10) : def;

	xmlFree(v);
	return x;
}

/* Is the paragraph in a heading or title style? 2: Title. */
static int
para_style(const xmlNode *p)
{
	const xmlNode	*pr = ooxml_child(p, "pPr");
	char		*v = ooxml_attr(ooxml_child(pr, "pStyle"), "val");
	int		 k = 0;

	if (v != NULL) {
		if (strcasecmp(v, "Title") == 0)
			k = 2;
		else if (strncasecmp(v, "Heading", 7) == 0 ||
		    (v[0] >= '1' && v[0] <= '9' && v[1] == '\0'))
			k = 1;
	}
	if (k == 0 && ooxml_child(pr, "outlineLvl") != NULL)
		k = 1;
	xmlFree(v);
	return k;
}

static void
para_read(struct doc *d, const xmlNode *p)
{
	char	*s = text_of(p);
	int	 style = para_style(p);

	if (*s == '\0' || strlen(s) > DOCX_HEADING_MAX) {
		free(s);
		return;
	}
	if (style == 2 && d->title == NULL)
		d->title = xstrdup(s);
	if (d->first == NULL && d->ntables == 0)
		d->first = xstrdup(s);
	if (style == 1) {
		free(d->heading);
		d->heading = xstrdup(s);
	}
	free(d->last);
	d->last = s;
}

/* The cells of a row, through content controls and custom XML. */
static void
row_cells(const xmlNode *n, const xmlNode **v, size_t *nv, size_t cap)
{
	const xmlNode	*c;

	for (c = n->children; c != NULL && *nv < cap; c = c->next) {
		if (ooxml_is(c, "tc"))
			v[(*nv)++] = c;
		else if (ooxml_is(c, "sdt") || ooxml_is(c, "sdtContent") ||
		    ooxml_is(c, "customXml"))
			row_cells(c, v, nv, cap);
	}
}

/* The rows of a table, likewise. */
static void
table_rows(const xmlNode *n, const xmlNode ***v, size_t *nv, size_t *cap)
{
	const xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next) {
		if (ooxml_is(c, "tr")) {
			if (*nv == *cap) {
				*cap = *cap ? *cap * 2 : 32;
				*v = xreallocarray(*v, *cap, sizeof **v);
			}
			(*v)[(*nv)++] = c;
		} else if (ooxml_is(c, "sdt") || ooxml_is(c, "sdtContent") ||
		    ooxml_is(c, "customXml"))
			table_rows(c, v, nv, cap);
	}
}

/* Put s in grid columns [col, col + span) of the row being built. */
static void
cells_put(struct table *t, char **above, size_t *col, long span,
    const char *s, int *dropped)
{
	long	i;

	for (i = 0; i < span; i++) {
		if (*col >= DOCX_MAX_COLS) {
			*dropped = 1;
			return;
		}
		table_cell_add(t, s, strlen(s));
		free(above[*col]);
		above[*col] = xstrdup(s);
		(*col)++;
	}
}

static void
table_read(struct doc *d, const xmlNode *tbl)
{
	const xmlNode	**rows = NULL, *cells[DOCX_MAX_COLS];
	size_t		  nrows = 0, crows = 0, i, k, ncells, col;
	char		 *above[DOCX_MAX_COLS], *place, *s, *v;
	struct table	 *t;
	long		  span, before;
	const char	 *head;

	if (d->ntables == DOCX_MAX_TABLES) {
		if (!d->failed) {
			diag_add(d->ox.diags, DIAG_ERROR, d->ox.file, 1, 1, "%s",
			    _("the document has more than 4096 tables; a "
			    "catalogue has a few dozen"));
			diag_hint(d->ox.diags, "%s", _("the file is damaged, or "
			    "made to do harm; open it in Word or WPS and save it "
			    "again"));
		}
		d->failed = 1;
		return;
	}
	memset(above, 0, sizeof above);
	place = xasprintf(_("table %zu"), (size_t)++d->ntables);
	t = table_add(d->out, place);
	free(place);
	head = d->heading != NULL ? d->heading : d->last;
	if (head != NULL) {
		s = text_sanitise(head, strlen(head), 0);
		table_set_heading(t, s, strlen(s));
		free(s);
	}
	free(d->heading);
	free(d->last);
	d->heading = d->last = NULL;
	table_rows(tbl, &rows, &nrows, &crows);
	for (i = 0; i < nrows; i++) {
		table_row_add(t, (long)i + 1);
		col = 0;
		before = child_val(ooxml_child(rows[i], "trPr"), "gridBefore",
		    0);
		if (before > 0)
			cells_put(t, above, &col, before, "", &d->dropped);
		ncells = 0;
		row_cells(rows[i], cells, &ncells, DOCX_MAX_COLS);
		for (k = 0; k < ncells && col < DOCX_MAX_COLS; k++) {
			const xmlNode	*pr = ooxml_child(cells[k], "tcPr");
			const xmlNode	*vm = ooxml_child(pr, "vMerge");

			span = child_val(pr, "gridSpan", 1);
			if (span < 1)
				span = 1;
			if (span > DOCX_MAX_COLS)
				span = DOCX_MAX_COLS;
			v = ooxml_attr(vm, "val");
			if (vm != NULL && (v == NULL ||
			    strcmp(v, "continue") == 0)) {
				/* Carried down: the text above, column by
				   column. */
				long j;

				for (j = 0; j < span && col < DOCX_MAX_COLS;
				    j++) {
					s = xstrdup(above[col] != NULL ?
					    above[col] : "");
					cells_put(t, above, &col, 1, s,
					    &d->dropped);
					free(s);
				}
			} else {
				s = text_of(cells[k]);
				cells_put(t, above, &col, span, s,
				    &d->dropped);
				free(s);
			}
			xmlFree(v);
		}
		if (ncells == DOCX_MAX_COLS)
			d->dropped = 1;
	}
	for (k = 0; k < DOCX_MAX_COLS; k++)
		free(above[k]);
	free(rows);
}

/* The body in document order: paragraphs and tables. */
static void
body_read(struct doc *d, const xmlNode *n)
{
	const xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next) {
		if (ooxml_is(c, "p"))
			para_read(d, c);
		else if (ooxml_is(c, "tbl"))
			table_read(d, c);
		else if (ooxml_is(c, "sdt") || ooxml_is(c, "sdtContent") ||
		    ooxml_is(c, "customXml") || ooxml_is(c, "ins") ||
		    ooxml_is(c, "moveTo"))
			body_read(d, c);
	}
}

int
docx_read(const char *buf, size_t len, const char *file,
    struct diag_list *diags, struct table_set *out)
{
	struct doc	 d;
	xmlDoc		*doc;
	xmlNode		*body;
	const char	*title;
	int		 rc = -1;

	memset(&d, 0, sizeof d);
	d.out = out;
	if (ooxml_open(&d.ox, buf, len, file, diags) < 0)
		return -1;
	if ((doc = ooxml_doc(&d.ox, "word/document.xml", 1)) == NULL)
		goto done;
	body = ooxml_child(xmlDocGetRootElement(doc), "body");
	if (body != NULL)
		body_read(&d, body);
	xmlFreeDoc(doc);
	if (d.failed)
		goto done;
	if (d.ntables == 0) {
		diag_add(diags, DIAG_ERROR, file, 1, 1, "%s",
		    _("the Word document has no table"));
		diag_hint(diags, "%s", _("the catalogue must be a table in "
		    "the document; check that this is the right file"));
		goto done;
	}
	if (d.dropped) {
		diag_add(diags, DIAG_WARNING, file, 1, 1,
		    _("cells past column %d are ignored"), DOCX_MAX_COLS);
		diag_hint(diags, "%s", _("a catalogue table has about 20 "
		    "columns; check the document's tables"));
	}
	/* The first paragraph is no title if it is table 1's heading. */
	title = d.title;
	if (title == NULL && d.first != NULL && (out->n == 0 ||
	    out->v[0].heading == NULL || strcmp(out->v[0].heading,
	    d.first) != 0))
		title = d.first;
	if (title != NULL)
		out->title = text_sanitise(title, strlen(title), 0);
	else
		out->title = ooxml_title(&d.ox);
	rc = 0;
done:
	free(d.heading);
	free(d.last);
	free(d.first);
	free(d.title);
	ooxml_close(&d.ox);
	return rc;
}
