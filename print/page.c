/*
 * Laying an item out on printed pages: wrap every element by display
 * columns, fill pages, then number them. See print/page.h.
 */
#include <config.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "data/store/catalogue.h"
#include "data/store/element.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "print/page.h"

/* Columns of the job's name (IPP allows 255 bytes; 120 columns fit). */
#define PRINT_TITLE_COLS	120

/* Filling pages: the body goes on lines [first, end) of each page. */
struct flow {
	struct print_doc	*doc;
	struct text_lines	 header;	/* the header text, wrapped */
	int			 first, end;
	int			 line;		/* next free body line */
};

static void
print_set(struct print_line *l, const char *left, const char *text, int x,
    enum print_role role)
{
	free(l->left);
	free(l->text);
	l->left = left != NULL ? xstrdup(left) : NULL;
	l->text = xstrdup(text);
	l->x = x;
	l->role = role;
}

/* A new page: the header, the rules, blank lines; the footer comes last. */
static void
print_new_page(struct flow *f)
{
	struct print_doc *doc = f->doc;
	struct print_page *p;
	size_t i;

	doc->pages = xreallocarray(doc->pages, doc->npages + 1, sizeof *doc->pages);
	p = &doc->pages[doc->npages++];
	memset(p, 0, sizeof *p);
	for (i = 0; i < PRINT_LINES; i++)
		print_set(&p->lines[i], NULL, "", 0, PRINT_BODY);
	for (i = 0; i < f->header.n; i++)
		print_set(&p->lines[i], NULL, f->header.v[i], 0, PRINT_HEADER);
	print_set(&p->lines[f->header.n], NULL, "", 0, PRINT_RULE);
	print_set(&p->lines[PRINT_LINES - 2], NULL, "", 0, PRINT_RULE);
	f->line = f->first;
}

/* The next body line, on a new page when this one is full. */
static struct print_line *
print_next_line(struct flow *f)
{
	if (f->doc->npages == 0 || f->line == f->end)
		print_new_page(f);
	return &f->doc->pages[f->doc->npages - 1].lines[f->line++];
}

/*
 * A labelled element: the label beside the first line of the value. A
 * label is never left alone at the foot of a page, and an element cut by
 * a page break carries its label, marked "continued", on to the next.
 */
static void
print_element(struct flow *f, const char *label, const char *value, int x)
{
	struct text_lines lines;
	char *cont;
	size_t i;

	if (value[0] == '\0')
		value = _("Not stated");
	text_wrap(value, strlen(value), (size_t)(PRINT_COLS - x), &lines);
	if (lines.n == 0)	/* nothing printable was left after sanitising */
		text_wrap(_("Not stated"), strlen(_("Not stated")), PRINT_COLS, &lines);
	if (lines.n > 1 && f->line == f->end - 1)
		f->line = f->end;
	for (i = 0; i < lines.n; i++) {
		if (i > 0 && f->line == f->end) {
			cont = xasprintf(_("%s (continued)"), label);
			print_set(print_next_line(f), cont, "", x, PRINT_BODY);
			free(cont);
		}
		print_set(print_next_line(f), i == 0 ? label : NULL, lines.v[i],
		    x, PRINT_BODY);
	}
	text_lines_done(&lines);
}

/* The item's name, then every element of data/store/element.h. */
static void
print_body(struct flow *f, const struct item *it)
{
	int x = (int)element_label_cols() + 2;	/* labels, two spaces */
	struct text_lines name;
	const struct element *e;
	char *value;
	size_t i;

	text_wrap(f->doc->title, strlen(f->doc->title), PRINT_COLS, &name);
	for (i = 0; i < name.n; i++)
		print_set(print_next_line(f), NULL, name.v[i], 0, PRINT_HEADING);
	text_lines_done(&name);
	print_next_line(f);	/* a blank line under the name */
	for (i = 0; (e = element_get(i)) != NULL; i++) {
		if (!element_shown(e, it))
			continue;
		value = element_value(e, it);
		print_element(f, _(e->label), value, x);
		free(value);
	}
}

/* The date printed and "page k of n" at the foot of every page. */
static void
print_footers(struct print_doc *doc, const char *printed)
{
	char *date = xasprintf(_("Printed %s"), printed), *page;
	struct print_line *l;
	size_t i;
	int w;

	for (i = 0; i < doc->npages; i++) {
		page = xasprintf(_("Page %zu of %zu"), i + 1, doc->npages);
		w = (int)text_width(page, strlen(page));
		l = &doc->pages[i].lines[PRINT_LINES - 1];
		print_set(l, date, page, PRINT_COLS - w, PRINT_FOOTER);
		free(page);
	}
	free(date);
}

/*
 * The job's name: the item's name as lists show it (with its 一级事项: a
 * queue of "办事指南" jobs says nothing), on one line, sanitised and
 * clipped.
 */
static char *
print_title(const struct item *it)
{
	char *name = element_item_name(it->level1, it->level2, NULL, NULL,
	    NULL);
	char *clean = text_sanitise(name, strlen(name), 0);
	size_t size = strlen(clean) + 1;
	char *title = xmalloc(size);

	text_copy_cols(title, size, clean, size - 1, PRINT_TITLE_COLS, NULL);
	free(clean);
	free(name);
	return title;
}

static void
print_header(struct flow *f, const struct print_meta *meta)
{
	char *text = xasprintf(_("Government disclosure catalogue · published by "
	    "%s · version %s"), meta->catalogue, meta->version);

	text_wrap(text, strlen(text), PRINT_COLS, &f->header);
	free(text);
	while (f->header.n > PRINT_HEADER_MAX)
		free(f->header.v[--f->header.n]);
	/* Header, rule, a blank line; body; a blank line, rule, footer. */
	f->first = (int)f->header.n + 2;
	f->end = PRINT_LINES - 3;
}

struct print_doc *
print_doc_create(const struct item *item, const struct print_meta *meta)
{
	struct print_doc *doc = xcalloc(1, sizeof *doc);
	struct flow f = { .doc = doc };
	int ambiguous = text_ambiguous_width();
	char *printed = text_sanitise(meta->printed, strlen(meta->printed), 0);

	/*
	 * The printing font draws ■ □ √ “ ” ① as wide as a CJK character,
	 * whatever the terminal does, so the page counts them as two columns.
	 */
	text_set_ambiguous_width(2);
	doc->title = print_title(item);
	print_header(&f, meta);
	print_body(&f, item);
	print_footers(doc, printed);
	text_set_ambiguous_width(ambiguous);
	text_lines_done(&f.header);
	free(printed);
	return doc;
}

void
print_doc_free(struct print_doc *doc)
{
	size_t i, j;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->npages; i++) {
		for (j = 0; j < PRINT_LINES; j++) {
			free(doc->pages[i].lines[j].left);
			free(doc->pages[i].lines[j].text);
		}
	}
	free(doc->pages);
	free(doc->title);
	free(doc);
}
