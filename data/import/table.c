/*
 * Tables read from documents (table.h): growing arrays of copied strings.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/import/table.h"
#include "lib/xmalloc.h"

void
table_set_init(struct table_set *ts)
{
	memset(ts, 0, sizeof *ts);
}

static void
table_free(struct table *t)
{
	size_t	i, j;

	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->rows[i].n; j++)
			free(t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	free(t->heading);
	free(t->place);
}

void
table_set_done(struct table_set *ts)
{
	size_t	i;

	for (i = 0; i < ts->n; i++)
		table_free(&ts->v[i]);
	free(ts->v);
	free(ts->title);
	table_set_init(ts);
}

struct table *
table_add(struct table_set *ts, const char *place)
{
	struct table	*t;

	if (ts->n == ts->c) {
		ts->c = ts->c ? ts->c * 2 : 8;
		ts->v = xreallocarray(ts->v, ts->c, sizeof *ts->v);
	}
	t = &ts->v[ts->n++];
	memset(t, 0, sizeof *t);
	t->place = xstrdup(place);
	return t;
}

void
table_set_heading(struct table *t, const char *s, size_t len)
{
	free(t->heading);
	t->heading = xstrndup(s, len);
}

void
table_row_add(struct table *t, long line)
{
	struct table_row	*r;

	if (t->nrows == t->crows) {
		t->crows = t->crows ? t->crows * 2 : 16;
		t->rows = xreallocarray(t->rows, t->crows, sizeof *t->rows);
	}
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof *r);
	r->line = line;
}

void
table_cell_add(struct table *t, const char *s, size_t len)
{
	struct table_row	*r;

	if (t->nrows == 0)
		table_row_add(t, 1);
	r = &t->rows[t->nrows - 1];
	if (r->n == r->c) {
		r->c = r->c ? r->c * 2 : 16;
		r->cells = xreallocarray(r->cells, r->c, sizeof *r->cells);
	}
	r->cells[r->n++] = xstrndup(s, len);
}
