/*
 * The printed item page as plain data: A4 portrait pages of PRINT_LINES
 * lines, each at most PRINT_COLS display columns wide (a CJK character
 * takes two). The preview screen draws these pages as they are and
 * print/pdf.c renders them, so what the visitor sees is what prints.
 * No curses and no cairo here: the unit tests check the layout alone.
 *
 * Every page: the catalogue and its version at the top, a rule, the body,
 * a rule, the date printed and "page k of n" at the bottom. The body is
 * the item's name, then every element of the item, labelled, wrapped by
 * display columns. An element cut by a page break starts the next page
 * with its label marked "(continued)".
 */
#ifndef CHAYUE_PRINT_LAYOUT_H
#define CHAYUE_PRINT_LAYOUT_H

#include <stddef.h>

struct item;

/*
 * Columns of a line: 36 CJK characters. The printing font draws Latin
 * letters exactly half as wide as CJK ones, so columns are a true measure
 * of the printed width (print/pdf.c).
 */
#define PRINT_COLS	72
/* Lines of a page, header and footer included. */
#define PRINT_LINES	40
/* At most this many lines of catalogue name at the top of a page. */
#define PRINT_HEADER_MAX	3

enum print_role {
	PRINT_BODY,
	PRINT_HEADING,	/* the item's name */
	PRINT_HEADER,	/* catalogue and version, top of every page */
	PRINT_FOOTER,	/* date printed and page number */
	PRINT_RULE,	/* a horizontal line across the page */
};

/*
 * One line: left at column 0 (an element's label, or the date in the
 * footer; NULL if none) and text at column x (never NULL; "" for a blank
 * line). Both are sanitised, and x + the width of text <= PRINT_COLS.
 */
struct print_line {
	char		*left;
	char		*text;
	int		 x;
	enum print_role	 role;
};

struct print_page {
	struct print_line	 lines[PRINT_LINES];
};

/* A laid-out document; owns everything it points to. */
struct print_doc {
	char			*title;	/* the item's name on one line: the job's name */
	struct print_page	*pages;
	size_t			 npages;
};

/*
 * What the pages say besides the item, as from the catalogue (sanitised
 * here): whose catalogue it is (its publishing governments), its version,
 * and when it was printed.
 */
struct print_meta {
	const char	*catalogue;
	const char	*version;
	const char	*printed;
};

/* Lay item out on pages; never fails. Free with print_doc_free. */
struct print_doc *print_doc_create(const struct item *item,
    const struct print_meta *meta);
void print_doc_free(struct print_doc *doc);

#endif
