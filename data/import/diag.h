/*
 * Diagnostics for staff: what is wrong with an input file, where, and what
 * to do about it. Collected in a list so that one run reports every problem;
 * printed one per line in the GNU style editors and grep understand:
 *
 *	file:line:column: error: what is wrong; what to do
 *
 * Line and column are 1-based. A problem with no place of its own (a whole
 * row, a whole file) is put at column 1 of the line concerned, 1:1 for a
 * file, so that every message has the same form; the readers and the
 * importer always give both. 0 is left out when printed.
 *
 * In a spreadsheet (.xlsx, .xls) the place is a cell, named as Excel names
 * it: line 7, column 2 is printed "B7", after the sheet the file name
 * gives ("book.xlsx:sheet 社会救助:B7: error: ..."). A problem with a whole
 * row names its first cell.
 */
#ifndef CHAYUE_DIAG_H
#define CHAYUE_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_severity {
	DIAG_ERROR,
	DIAG_WARNING,
};

struct diag {
	enum diag_severity severity;
	char	*file;		/* owned; "" when not about a file */
	long	 line;		/* 0: none (left out) */
	long	 column;	/* 0: none (left out) */
	char	*message;	/* owned: what is wrong */
	char	*hint;		/* owned: what to do; NULL if nothing to add */
	int	 a1;		/* line:column is a spreadsheet cell (B7) */
};

struct diag_list {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 errors;
	size_t		 warnings;
	/* While set, diag_add marks new diagnostics' places as cells (a1). */
	int		 cells_a1;
};

void diag_init(struct diag_list *list);
/* Free every diagnostic; the list is empty and usable again. */
void diag_done(struct diag_list *list);

/* Append one diagnostic; file may be NULL. */
void diag_add(struct diag_list *list, enum diag_severity sev,
    const char *file, long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Set what to do about the diagnostic added last (replacing any hint). */
void diag_hint(struct diag_list *list, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* One diagnostic as a line without the newline; the caller frees it. */
char *diag_format(const struct diag *d);

/*
 * Print the diagnostics in the order they were added, one per line;
 * with errors_only, warnings are left out.
 */
void diag_print(const struct diag_list *list, FILE *fp, int errors_only);

/*
 * A value from a file made fit to quote in a message: at most 40
 * characters, control characters (escape sequences!) as '?'. s[0..len) is
 * valid UTF-8. The caller frees.
 */
char *diag_printable(const char *s, size_t len);

/*
 * The spreadsheet's letter for column col (1-based): A … Z, AA …, as
 * staff see it above the column in Excel or WPS. Into buf, at least
 * DIAG_LETTERS bytes; returns buf.
 */
#define DIAG_LETTERS	8
char *diag_column_letters(size_t col, char *buf);

#endif
