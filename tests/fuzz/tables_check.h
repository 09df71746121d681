/*
 * For the fuzz targets of the document readers (web page, Word, Excel):
 * what every reader promises of the tables it returns, checked the same
 * way for each; a broken promise aborts, which the fuzzer reports.
 */
#ifndef CHAYUE_FUZZ_TABLES_CHECK_H
#define CHAYUE_FUZZ_TABLES_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "data/import/diag.h"
#include "data/import/table.h"

/* What a reader promises beyond the common part. */
#define FZ_NONEMPTY	0x01	/* 0 only with a table */
#define FZ_A1		0x02	/* places are spreadsheet cells (A1) */
#define FZ_NOT_A1	0x04	/* places are table:row:column */
#define FZ_LINES_SEQ	0x08	/* rows numbered 1, 2, 3 … */
#define FZ_LINES_RISE	0x10	/* rows numbered rising (blank rows skipped) */
#define FZ_SQUARE	0x20	/* every row as wide as the first */

/*
 * Common to all: -1 only with an error reported; every table has a
 * place; every cell is NUL-terminated and at most max_cell bytes (0: any)
 * long; rows are at most max_cells (0: any) wide.
 */
static void
fz_tables_check(int rc, const struct diag_list *d, const struct table_set *ts,
    unsigned promises, size_t max_cells, size_t max_cell)
{
	size_t	i, j, k;

	if (rc != 0 && (rc != -1 || d->errors == 0))
		abort();	/* unusable, and nobody told */
	if (rc != 0)
		return;
	if ((promises & FZ_NONEMPTY) && ts->n == 0)
		abort();	/* "read", with nothing in it */
	for (i = 0; i < ts->n; i++) {
		const struct table *t = &ts->v[i];

		if (t->place == NULL || ((promises & FZ_A1) && !t->cells_a1) ||
		    ((promises & FZ_NOT_A1) && t->cells_a1))
			abort();
		for (j = 0; j < t->nrows; j++) {
			const struct table_row *r = &t->rows[j];

			if (((promises & FZ_LINES_SEQ) &&
			    r->line != (long)j + 1) ||
			    ((promises & FZ_LINES_RISE) && (r->line < 1 ||
			    (j > 0 && r->line <= t->rows[j - 1].line))) ||
			    ((promises & FZ_SQUARE) && r->n != t->rows[0].n) ||
			    (max_cells > 0 && r->n > max_cells))
				abort();
			for (k = 0; k < r->n; k++)
				if (strlen(r->cells[k]) > max_cell &&
				    max_cell > 0)
					abort();
		}
	}
}

#endif
