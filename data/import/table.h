/*
 * A table as a document holds it: a table of a web page or a Word
 * document, or a sheet of a workbook. Rows of cells, merged cells already
 * spread over every cell they cover (a rowspan's text repeated down, a
 * colspan's across), so that no column shifts; each row says where it is
 * in the document, for messages.
 *
 * The readers of those formats (data/import/formats/) produce a list of
 * tables and nothing more; source.c feeds each table through the same
 * header and row mapping as a CSV file.
 */
#ifndef CHAYUE_TABLE_H
#define CHAYUE_TABLE_H

#include <stddef.h>

struct table_row {
	char	**cells;	/* UTF-8, NUL-terminated, owned */
	size_t	  n, c;
	long	  line;		/* the row in the document, 1-based */
};

struct table {
	/*
	 * The heading, caption or sheet name the document gives the table:
	 * it may name the domain ("（一）社会救助领域基层政务公开标准目录").
	 * Owned; NULL: none.
	 */
	char		 *heading;
	/* How messages name the table: "table 3", "sheet 社会救助". Owned. */
	char		 *place;
	int		  cells_a1;	/* places are spreadsheet cells (B7) */
	struct table_row *rows;
	size_t		  nrows, crows;
};

struct table_set {
	/* The document's title: it may name the jurisdiction. Owned; NULL. */
	char		*title;
	/* The text encoding the document was in, for the summary; static. */
	const char	*encoding;
	/*
	 * The document ends early (a page cut off inside a table): reported
	 * by the reader as a warning; the import is refused unless staff
	 * allow it, as for a CSV file cut off in a row.
	 */
	int		 cut_off;
	struct table	*v;
	size_t		 n, c;
};

void table_set_init(struct table_set *ts);
/* Free every table; the set is empty and usable again. */
void table_set_done(struct table_set *ts);

/*
 * A new empty table at the end of the set, named place in messages
 * (copied); the pointer is valid until the next table_add.
 */
struct table *table_add(struct table_set *ts, const char *place);

/* Set the table's heading to s[0..len) (copied), replacing any. */
void table_set_heading(struct table *t, const char *s, size_t len);

/* Start a new row, line in the document. */
void table_row_add(struct table *t, long line);

/* Append a cell s[0..len) (copied) to the last row. */
void table_cell_add(struct table *t, const char *s, size_t len);

#endif
