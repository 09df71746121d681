/*
 * Spreadsheet cells collected by row (sheet.h): rows are appended as the
 * file gives them and sorted once at the end, since a hostile file may
 * give them in any order.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/import/formats/sheet.h"
#include "lib/xmalloc.h"

void
sheet_init(struct sheet *sh)
{
	memset(sh, 0, sizeof *sh);
}

static void
row_free(struct sheet_row *row)
{
	size_t	i;

	for (i = 0; i < row->n; i++)
		free(row->cells[i]);
	free(row->cells);
	row->cells = NULL;
	row->n = 0;
}

void
sheet_done(struct sheet *sh)
{
	size_t	i;

	for (i = 0; i < sh->nrows; i++)
		row_free(&sh->rows[i]);
	free(sh->rows);
	free(sh->merges);
	sheet_init(sh);
}

/* Make row->cells hold column c (1-based). */
static void
row_widen(struct sheet_row *row, long c)
{
	size_t	want = (size_t)c, cap;

	if (want <= row->n)
		return;
	cap = row->n;
	if (cap < want) {
		row->cells = xreallocarray(row->cells, want,
		    sizeof *row->cells);
		memset(row->cells + row->n, 0,
		    (want - row->n) * sizeof *row->cells);
	}
	row->n = want;
}

void
sheet_set(struct sheet *sh, long r, long c, char *s)
{
	struct sheet_row	*row;

	if (c < 1 || c > SHEET_MAX_COLS || r < 1) {
		sh->dropped = 1;
		free(s);
		return;
	}
	if (sh->nrows == 0 || sh->rows[sh->nrows - 1].r != r) {
		if (sh->nrows == sh->crows) {
			sh->crows = sh->crows ? sh->crows * 2 : 64;
			sh->rows = xreallocarray(sh->rows, sh->crows,
			    sizeof *sh->rows);
		}
		row = &sh->rows[sh->nrows];
		memset(row, 0, sizeof *row);
		row->r = r;
		row->seq = sh->nrows++;
	}
	row = &sh->rows[sh->nrows - 1];
	row_widen(row, c);
	free(row->cells[c - 1]);
	row->cells[c - 1] = s;
}

void
sheet_merge_add(struct sheet *sh, long r1, long c1, long r2, long c2)
{
	struct sheet_merge	*m;

	if (sh->nmerges == sh->cmerges) {
		sh->cmerges = sh->cmerges ? sh->cmerges * 2 : 16;
		sh->merges = xreallocarray(sh->merges, sh->cmerges,
		    sizeof *sh->merges);
	}
	m = &sh->merges[sh->nmerges++];
	m->r1 = r1 < r2 ? r1 : r2;
	m->r2 = r1 < r2 ? r2 : r1;
	m->c1 = c1 < c2 ? c1 : c2;
	m->c2 = c1 < c2 ? c2 : c1;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct sheet_row	*x = a, *y = b;

	if (x->r != y->r)
		return x->r < y->r ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort the rows; a row given twice is one row, the first value kept. */
static void
rows_sort(struct sheet *sh)
{
	size_t	i, j, k;

	if (sh->nrows == 0)
		return;		/* qsort(NULL, 0, ...) is undefined */
	qsort(sh->rows, sh->nrows, sizeof *sh->rows, row_cmp);
	for (i = 0, j = 0; j < sh->nrows; j++) {
		if (i > 0 && sh->rows[i - 1].r == sh->rows[j].r) {
			struct sheet_row *a = &sh->rows[i - 1],
			    *b = &sh->rows[j];

			for (k = 0; k < b->n; k++) {
				if (b->cells[k] == NULL)
					continue;
				row_widen(a, (long)k + 1);
				if (a->cells[k] == NULL) {
					a->cells[k] = b->cells[k];
					b->cells[k] = NULL;
				}
			}
			row_free(b);
			continue;
		}
		sh->rows[i++] = sh->rows[j];
	}
	sh->nrows = i;
}

/* The first row numbered r or more. */
static size_t
row_find(const struct sheet *sh, long r)
{
	size_t	lo = 0, hi = sh->nrows, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sh->rows[mid].r < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Spread each merged range's top-left value; -1 past the budget. */
static int
merges_spread(struct sheet *sh)
{
	size_t	 i, k, budget = SHEET_MAX_SPREAD;
	long	 c;

	for (i = 0; i < sh->nmerges; i++) {
		struct sheet_merge	*m = &sh->merges[i];
		const char		*v;
		struct sheet_row	*top;

		if (m->c1 < 1 || m->c1 > SHEET_MAX_COLS || m->r1 < 1)
			continue;
		if (m->c2 > SHEET_MAX_COLS)
			m->c2 = SHEET_MAX_COLS;
		k = row_find(sh, m->r1);
		if (k == sh->nrows || sh->rows[k].r != m->r1)
			continue;
		top = &sh->rows[k];
		if ((size_t)m->c1 > top->n || (v = top->cells[m->c1 - 1]) ==
		    NULL || *v == '\0')
			continue;
		for (; k < sh->nrows && sh->rows[k].r <= m->r2; k++) {
			struct sheet_row *row = &sh->rows[k];

			row_widen(row, m->c2);
			for (c = m->c1; c <= m->c2; c++) {
				if (row->cells[c - 1] != NULL &&
				    *row->cells[c - 1] != '\0')
					continue;
				if (budget-- == 0)
					return -1;
				free(row->cells[c - 1]);
				/* top may not move: rows are not resized. */
				row->cells[c - 1] = xstrdup(v);
			}
		}
	}
	return 0;
}

int
sheet_emit(struct sheet *sh, struct table *t)
{
	size_t	i, k, width = 0;
	int	rc;

	rows_sort(sh);
	rc = merges_spread(sh);
	for (i = 0; i < sh->nrows; i++) {
		for (k = sh->rows[i].n; k > 0; k--)
			if (sh->rows[i].cells[k - 1] != NULL &&
			    *sh->rows[i].cells[k - 1] != '\0')
				break;
		if (k > width)
			width = k;
	}
	for (i = 0; i < sh->nrows; i++) {
		struct sheet_row *row = &sh->rows[i];
		int		  any = 0;

		for (k = 0; k < row->n && !any; k++)
			any = row->cells[k] != NULL && *row->cells[k] != '\0';
		if (!any)
			continue;
		table_row_add(t, row->r);
		for (k = 0; k < width; k++) {
			const char *s = k < row->n && row->cells[k] != NULL ?
			    row->cells[k] : "";

			table_cell_add(t, s, strlen(s));
		}
	}
	return rc;
}

int
sheet_ref(const char *ref, long *r, long *c)
{
	long	col = 0, row = 0;
	int	n = 0;

	for (; (*ref >= 'A' && *ref <= 'Z') || (*ref >= 'a' && *ref <= 'z');
	    ref++) {
		if (++n > 3)
			return -1;
		col = col * 26 + ((*ref | 0x20) - 'a' + 1);
	}
	if (n == 0)
		return -1;
	for (n = 0; *ref >= '0' && *ref <= '9'; ref++) {
		if (++n > 7)
			return -1;
		row = row * 10 + (*ref - '0');
	}
	if (n == 0 || *ref != '\0' || row < 1)
		return -1;
	*r = row;
	*c = col;
	return 0;
}
