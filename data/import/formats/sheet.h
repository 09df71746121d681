/*
 * A spreadsheet's cells as the Excel readers collect them (xlsx.c,
 * xls.c): rows by number, cells by column, merged ranges spread, then
 * written into a table (table.h) in row order.
 *
 * Columns past SHEET_MAX_COLS are dropped (a catalogue has about 20;
 * hostile files claim 16384); spreading merged ranges is bounded by
 * SHEET_MAX_SPREAD cells per sheet.
 */
#ifndef CHAYUE_SHEET_H
#define CHAYUE_SHEET_H

#include <stddef.h>

#include "data/import/table.h"

#define SHEET_MAX_COLS		256
#define SHEET_MAX_SPREAD	((size_t)4 << 20)

struct sheet_row {
	long	  r;		/* 1-based row number */
	size_t	  seq;		/* order read, for a stable sort */
	char	**cells;	/* [col - 1], NULL: empty; owned */
	size_t	  n;
};

struct sheet_merge {
	long	r1, c1, r2, c2;
};

struct sheet {
	struct sheet_row	*rows;
	size_t			 nrows, crows;
	struct sheet_merge	*merges;
	size_t			 nmerges, cmerges;
	int			 dropped;	/* cells past SHEET_MAX_COLS */
};

void sheet_init(struct sheet *sh);
void sheet_done(struct sheet *sh);

/* Set cell (r, c), both 1-based, to s (taken: the sheet frees it). */
void sheet_set(struct sheet *sh, long r, long c, char *s);
void sheet_merge_add(struct sheet *sh, long r1, long c1, long r2, long c2);

/*
 * Spread the merged ranges, then write the rows with at least one cell
 * into t, each padded to the widest; -1 if the merges were too many to
 * spread (the rows are written all the same).
 */
int sheet_emit(struct sheet *sh, struct table *t);

/* "B7" into "2" and "7"; 0, or -1 if ref is no cell reference. */
int sheet_ref(const char *ref, long *r, long *c);

#endif
