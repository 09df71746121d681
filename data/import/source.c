/*
 * One file of an import: a document (a web page, a Word or Excel file)
 * read as tables, or text decoded and read as CSV or JSON; either way
 * through its header, each data row handed to row.c.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/import/cell.h"
#include "data/import/formats/formats.h"
#include "data/import/json.h"
#include "data/import/source.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

/* A file-level problem: the file cannot be imported at all. */
static void
file_error(struct source *src, long line, long col, const char *msg,
    const char *hint)
{
	src->imp->unusable = 1;
	diag_add(src->imp->diags, DIAG_ERROR, src->name, line, col, "%s", msg);
	diag_hint(src->imp->diags, "%s", hint);
}

/* Refuse what is not text before reading it. */
static int
source_usable(struct source *src)
{
	switch (src->text.refusal) {
	case DECODE_TEXT:
		return 1;
	case DECODE_EMPTY:
		file_error(src, 1, 1, _("the file is empty"),
		    _("export the catalogue table again"));
		break;
	case DECODE_UNKNOWN:
		file_error(src, 1, 1, _("the encoding was not recognised: the "
		    "file is not UTF-8 or UTF-16, and read as GB18030 or as "
		    "Big5 it is not Chinese text"), _("save the file as UTF-8 "
		    "(CSV UTF-8 in Excel or WPS), or give --encoding if you "
		    "know it"));
		break;
	case DECODE_XLSX:
	case DECODE_XLS:
		file_error(src, 1, 1, _("the file is an Excel workbook, not a "
		    "CSV or JSON file"), _("open it in Excel or WPS and save "
		    "it as CSV, then import the CSV file"));
		break;
	default:
		file_error(src, 1, 1, _("the file is not text: it holds NUL "
		    "bytes or other control characters"), _("it may be "
		    "damaged or not a catalogue export; export the table as "
		    "CSV again"));
		break;
	}
	return 0;
}

/* Is the text a JSON array (or object)? */
static int
source_is_json(const struct source *src)
{
	const char	*s = src->text.text, *end = s + src->text.len;

	if (src->imp->opt.format != IMPORT_FORMAT_AUTO)
		return src->imp->opt.format == IMPORT_FORMAT_JSON;
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' ||
	    *s == '\n'))
		s++;
	return s < end && (*s == '[' || *s == '{');
}

/*
 * Comma or tab, from the first lines outside quotes: "Unicode text" from
 * a spreadsheet is tab-separated, CSV is not.
 */
static int
source_delimiter(const struct source *src)
{
	const char	*s = src->text.text;
	size_t		 i, n = src->text.len, tabs = 0, commas = 0;
	int		 quoted = 0, lines = 0;

	if (src->imp->opt.delimiter != 0)
		return src->imp->opt.delimiter;
	for (i = 0; i < n && lines < 20; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == '\n')
			lines++;
		else if (!quoted && s[i] == '\t')
			tabs++;
		else if (!quoted && s[i] == ',')
			commas++;
	}
	if (tabs > commas)
		return '\t';
	if (tabs == commas && (src->text.encoding == DECODE_UTF16LE ||
	    src->text.encoding == DECODE_UTF16BE))
		return '\t';
	return ',';
}

/* The header at the top, then the rows; -1 only if the catalogue failed. */
static int
source_csv(struct source *src, char **error)
{
	struct csv_reader	*r;
	struct csv_record	 rec;
	enum layout_step	 step = LAYOUT_MORE;
	int			 rc = 0;

	r = csv_open(src->text.text, src->text.len, source_delimiter(src),
	    src->name, src->imp->diags);
	while (rc == 0 && csv_read(r, &rec) == 1) {
		/* The last record, short or in a quote: the file was cut. */
		if (rec.unfinished && (rec.broken || (step != LAYOUT_MORE &&
		    rec.n < src->lay.nfields)))
			src->imp->cut_off = 1;
		if (step == LAYOUT_MORE) {
			step = layout_feed(&src->lay, &rec);
			/* Name the columns in messages as soon as we can. */
			csv_set_names(r, src->lay.titles, src->lay.nfields);
			if (step == LAYOUT_FAIL)
				break;
			if (step == LAYOUT_MORE)
				continue;
		}
		rc = row_import(src, &rec, error);
	}
	if (step == LAYOUT_MORE)
		step = layout_end(&src->lay);
	if (step == LAYOUT_FAIL)
		src->imp->unusable = 1;
	csv_close(r);
	return rc;
}

/* The keys, then one row per object; -1 only if the catalogue failed. */
static int
source_json(struct source *src, char **error)
{
	struct json_reader	*r;
	struct csv_record	 rec;
	int			 rc = 0;

	r = json_open(src->text.text, src->text.len, src->name,
	    src->imp->diags);
	if (!json_keys(r, &rec) || layout_keys(&src->lay, &rec) != LAYOUT_DATA)
		src->imp->unusable = 1;
	else {
		while (rc == 0 && json_read(r, &rec) == 1)
			rc = row_import(src, &rec, error);
	}
	json_close(r);
	return rc;
}

/*
 * A file that ends inside a character was cut short: reported at column 1
 * of its last line, counted as the CSV reader counts lines.
 */
static void
source_truncated(struct source *src)
{
	const char	*s = src->text.text;
	size_t		 i, n = src->text.len;
	long		 line = 1;

	if (!src->text.truncated)
		return;
	src->imp->cut_off = 1;
	for (i = 0; i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' &&
		    (i + 1 == n || s[i + 1] != '\n')))
			line++;
	diag_add(src->imp->diags, DIAG_WARNING, src->name, line, 1,
	    _("the file ends in the middle of a %s character"),
	    decode_name(src->text.encoding));
	diag_hint(src->imp->diags, "%s", _("it may be truncated; check its "
	    "last rows, or export it again"));
}

/*
 * Does one of the top rows of a table name at least three known columns?
 * A table of contents names 序号 and 领域 at most, a page's layout table
 * none; a catalogue table's header names a dozen.
 */
#define SOURCE_HEADER_ROWS	8
static int
table_is_catalogue(const struct table *t)
{
	const char	*s, *left;
	size_t		 i, j, len, known;
	int		 c;

	for (i = 0; i < t->nrows && i < SOURCE_HEADER_ROWS; i++) {
		known = 0;
		for (j = 0; j < t->rows[i].n; j++) {
			s = t->rows[i].cells[j];
			left = j > 0 ? t->rows[i].cells[j - 1] : "";
			if (strcmp(s, left) == 0)
				continue;	/* a spread cell counts once */
			len = strlen(s);
			s = cell_trim(s, &len);
			c = layout_column_named(s, len);
			known += c >= 0;
		}
		if (known >= 3)
			return 1;
	}
	return 0;
}

/* The cells of a row above the data, as the header reader wants them. */
enum row_shape {
	ROW_DATA,	/* as it is */
	ROW_TITLE,	/* one text spread over the row: a title row */
	ROW_HEADER,	/* column titles only: a spread title once */
};

static enum row_shape
row_shape(const struct table_row *r)
{
	const char	*s, *first = NULL;
	size_t		 j, len, filled = 0;
	int		 same = 1, titles = 1;

	for (j = 0; j < r->n; j++) {
		len = strlen(r->cells[j]);
		s = cell_trim(r->cells[j], &len);
		if (len == 0)
			continue;
		filled++;
		if (first == NULL)
			first = r->cells[j];
		else
			same &= strcmp(first, r->cells[j]) == 0;
		titles &= layout_column_named(s, len) != -1;
	}
	if (filled > 1 && same && !titles)
		return ROW_TITLE;
	if (filled > 0 && titles)
		return ROW_HEADER;
	return ROW_DATA;
}

/* A table row as a CSV record: fields point into the table. */
struct table_record {
	struct csv_record	 rec;
	struct csv_field	*v;
	size_t			 c;
};

static void
field_set(struct csv_field *f, const char *s, long line, size_t j)
{
	f->text = s;
	f->len = strlen(s);
	f->offset = 0;
	f->line = line;
	f->column = (long)j + 1;
}

/*
 * Row r as a record. Before the data (width 0), a title spread over the
 * row is one cell, and a header cell spread across its group is written
 * once, as a CSV export of the table has them. In the data, a short row
 * is filled out with empty cells to width (a document's grid has no
 * missing cells), and empty cells past it are dropped.
 */
static const struct csv_record *
table_record(struct table_record *tr, const struct table_row *r,
    size_t width)
{
	enum row_shape	 shape = width == 0 ? row_shape(r) : ROW_DATA;
	size_t		 j, n = r->n;

	if (shape == ROW_TITLE) {
		for (j = 0; j < r->n && *r->cells[j] == '\0'; j++)
			;
		n = 1;
	}
	while (width > 0 && n > width && *r->cells[n - 1] == '\0')
		n--;
	if (n < width)
		n = width;
	if (n == 0)
		n = 1;
	if (n > tr->c) {
		tr->c = n;
		tr->v = xreallocarray(tr->v, n, sizeof *tr->v);
	}
	memset(&tr->rec, 0, sizeof tr->rec);
	tr->rec.v = tr->v;
	tr->rec.n = n;
	tr->rec.line = r->line;
	if (shape == ROW_TITLE) {
		field_set(&tr->v[0], r->cells[j], r->line, 0);
		return &tr->rec;
	}
	for (j = 0; j < n; j++) {
		if (j >= r->n || (shape == ROW_HEADER && j > 0 &&
		    strcmp(r->cells[j], r->cells[j - 1]) == 0))
			field_set(&tr->v[j], "", r->line, j);
		else
			field_set(&tr->v[j], r->cells[j], r->line, j);
	}
	return &tr->rec;
}

/* Rows are read from src->name from now on: remember it for duplicates. */
static void
source_place(struct source *src)
{
	struct import	*imp = src->imp;

	if (imp->nplaces == imp->cplaces) {
		imp->cplaces = imp->cplaces ? imp->cplaces * 2 : 8;
		imp->places = xreallocarray(imp->places, imp->cplaces,
		    sizeof *imp->places);
	}
	imp->places[imp->nplaces] = xstrdup(src->name);
	src->place = imp->nplaces++;
}

/* Forget the row above: a table starts afresh. */
static void
source_forget(struct source *src)
{
	free(src->prev_domain);
	free(src->prev_url);
	free(src->prev_level1);
	src->prev_domain = src->prev_url = src->prev_level1 = NULL;
}

/*
 * A row of one text across the table below its header ("二、社会保险",
 * written in one cell over every column) is a heading, not an item: if it
 * names a domain, the rows below are of that domain. 1 if r is one.
 */
static int
table_section(struct source *src, const struct table_row *r)
{
	const char	*s;
	size_t		 j, len;

	if (r->n < 2 || r->n < src->lay.nfields || *r->cells[0] == '\0')
		return 0;
	for (j = 1; j < r->n; j++)
		if (strcmp(r->cells[j], r->cells[0]) != 0)
			return 0;
	len = strlen(r->cells[0]);
	s = cell_trim(r->cells[0], &len);
	if (layout_section(&src->lay, s, len)) {
		source_forget(src);
		return 1;
	}
	diag_add(src->imp->diags, DIAG_WARNING, src->name, r->line, 1, "%s",
	    _("a row of one text across the table is a heading, not an item; "
	    "it is skipped"));
	diag_hint(src->imp->diags, "%s", _("if it names a domain (二、社会保险), "
	    "the rows below are of that domain"));
	return 1;
}

/* One catalogue table, through a fresh header; -1 if the catalogue failed. */
static int
source_table(struct source *src, const struct table_set *ts,
    const struct table *t, struct table_record *tr, char **error)
{
	enum layout_step	 step = LAYOUT_MORE;
	size_t			 i;
	int			 rc = 0;

	source_forget(src);
	layout_done(&src->lay);
	layout_init(&src->lay, src->name, src->imp->opt.domain,
	    src->imp->diags);
	src->lay.file_name = src->file;
	src->lay.encoding = src->imp->sum.files[src->index].encoding;
	/* The table's own heading first: it names the domain. */
	if (t->heading != NULL)
		layout_title(&src->lay, t->heading, strlen(t->heading));
	if (ts->title != NULL)
		layout_title(&src->lay, ts->title, strlen(ts->title));
	for (i = 0; rc == 0 && i < t->nrows; i++) {
		if (step == LAYOUT_MORE) {
			step = layout_feed(&src->lay,
			    table_record(tr, &t->rows[i], 0));
			if (step == LAYOUT_FAIL)
				break;
			if (step == LAYOUT_MORE)
				continue;
		}
		if (table_section(src, &t->rows[i]))
			continue;
		rc = row_import(src, table_record(tr, &t->rows[i],
		    src->lay.nfields), error);
	}
	if (step == LAYOUT_MORE)
		step = layout_end(&src->lay);
	if (step == LAYOUT_FAIL)
		src->imp->unusable = 1;
	return rc;
}

/* The domain the file names for all its tables, for the summary. */
static void
source_table_domain(struct source *src, int first)
{
	struct import_file_summary	*f = &src->imp->sum.files[src->index];
	const char			*d = src->lay.at[LAYOUT_DOMAIN] < 0 ?
					    src->lay.domain : NULL;

	if (first && d != NULL)
		f->domain = xstrdup(d);
	else if (f->domain != NULL && (d == NULL || strcmp(d, f->domain) != 0)) {
		free(f->domain);
		f->domain = NULL;
	}
}

/* Skipped tables named one by one; the rest are counted. */
#define SOURCE_SKIPPED_SHOWN	20

static void
table_skipped(struct source *src, const char *place)
{
	diag_add(src->imp->diags, DIAG_WARNING, place, 1, 1, "%s",
	    _("not a catalogue table: none of its first rows names three "
	    "known columns; it is skipped"));
	diag_hint(src->imp->diags, "%s", _("a table of contents or a page's "
	    "layout table is rightly skipped; a catalogue table needs its "
	    "header row (一级事项, 二级事项, 公开内容, ...)"));
}

int
source_tables(struct source *src, const struct table_set *ts, char **error)
{
	struct table_record	 tr;
	const struct table	*t;
	char			*place;
	size_t			 i, used = 0, skipped = 0;
	int			 rc = 0;

	memset(&tr, 0, sizeof tr);
	for (i = 0; rc == 0 && i < ts->n; i++) {
		t = &ts->v[i];
		place = xasprintf("%s:%s", src->file, t->place);
		/* A sheet's places are cells: "book.xlsx:sheet 低保:B7". */
		src->imp->diags->cells_a1 = t->cells_a1;
		if (!table_is_catalogue(t)) {
			if (skipped++ < SOURCE_SKIPPED_SHOWN)
				table_skipped(src, place);
			src->imp->diags->cells_a1 = 0;
			free(place);
			continue;
		}
		src->name = place;
		source_place(src);
		rc = source_table(src, ts, t, &tr, error);
		source_table_domain(src, used++ == 0);
		layout_done(&src->lay);
		src->name = src->file;
		layout_init(&src->lay, src->name, src->imp->opt.domain,
		    src->imp->diags);
		src->imp->diags->cells_a1 = 0;
		free(place);
	}
	free(tr.v);
	if (skipped > SOURCE_SKIPPED_SHOWN) {
		diag_add(src->imp->diags, DIAG_WARNING, src->name, 1, 1,
		    _("%zu more tables are not catalogue tables; they are "
		    "skipped"), skipped - SOURCE_SKIPPED_SHOWN);
		diag_hint(src->imp->diags, "%s", _("a page with this many "
		    "tables is mostly layout; check that the catalogue tables "
		    "were read"));
	}
	if (rc == 0 && used == 0) {
		if (ts->n == 0)
			file_error(src, 1, 1, _("the file holds no table"),
			    _("import the page or document that shows the "
			    "catalogue table itself"));
		else
			file_error(src, 1, 1, _("no table in the file is a "
			    "catalogue table: none has a header row that names "
			    "known columns"), _("the catalogue table needs its "
			    "header row (一级事项, 二级事项, 公开内容, ...); if "
			    "the page shows the catalogue as a picture or a PDF, "
			    "ask for the file it was made from"));
	}
	return rc;
}

/* A web page, a Word or an Excel file: its tables. */
static int
source_document(struct source *src, enum import_format format,
    const char *buf, size_t len, char **error)
{
	struct import_file_summary	*f = &src->imp->sum.files[src->index];
	struct table_set		 ts;
	int				 rc = 0, enc;

	table_set_init(&ts);
	/* Only a web page has an encoding staff may need to name. */
	if (format == IMPORT_FORMAT_HTML &&
	    src->imp->opt.encoding != DECODE_AUTO)
		rc = html_read_as(buf, len, src->imp->opt.encoding, src->name,
		    src->imp->diags, &ts);
	else
		rc = formats_reader_for(format)(buf, len, src->name,
		    src->imp->diags, &ts);
	if (rc != 0) {
		rc = 0;
		src->imp->unusable = 1;
	} else {
		f->encoding = ts.encoding != NULL ? ts.encoding : "UTF-8";
		f->layout = formats_layout(format);
		/* For messages about bytes that were not valid in it. */
		enc = decode_parse_name(f->encoding);
		src->text.encoding = enc > DECODE_AUTO ?
		    (enum decode_encoding)enc : DECODE_UTF8;
		if (ts.cut_off)
			src->imp->cut_off = 1;
		rc = source_tables(src, &ts, error);
	}
	table_set_done(&ts);
	return rc;
}

int
source_read(struct source *src, const char *buf, size_t len, char **error)
{
	struct import_file_summary	*f = &src->imp->sum.files[src->index];
	struct formats_found		 found;
	int				 rc;

	formats_detect(buf, len, src->name, src->imp->opt.format, &found);
	if (found.refused != NULL) {
		file_error(src, 1, 1, _(found.refused), _(found.hint));
		return 0;
	}
	if (found.format != IMPORT_FORMAT_AUTO)
		return source_document(src, found.format, buf, len, error);
	decode_buffer_scored(buf, len, src->imp->opt.encoding,
	    layout_header_hits, &src->text);
	if (!source_usable(src))
		return 0;
	f->encoding = decode_name(src->text.encoding);
	src->lay.encoding = f->encoding;
	source_truncated(src);
	if (source_is_json(src)) {
		f->layout = N_("JSON");
		rc = source_json(src, error);
	} else {
		rc = source_csv(src, error);
		f->layout = src->lay.kind == LAYOUT_PUBLISHED ?
		    N_("published layout") : N_("canonical layout");
	}
	if (src->lay.domain != NULL && src->lay.at[LAYOUT_DOMAIN] < 0)
		f->domain = xstrdup(src->lay.domain);
	return rc;
}

/* A new entry in the summary for the file name; its index. */
static size_t
file_add(struct import *imp, const char *name)
{
	struct import_file_summary	*f;

	if (imp->sum.nfiles == imp->cfiles) {
		imp->cfiles = imp->cfiles ? imp->cfiles * 2 : 8;
		imp->sum.files = xreallocarray(imp->sum.files, imp->cfiles,
		    sizeof *imp->sum.files);
	}
	f = &imp->sum.files[imp->sum.nfiles];
	memset(f, 0, sizeof *f);
	f->name = xstrdup(name);
	return imp->sum.nfiles++;
}

void
source_init(struct source *src, struct import *imp, const char *name)
{
	memset(src, 0, sizeof *src);
	src->imp = imp;
	src->name = src->file = name;
	src->index = file_add(imp, name);
	src->counts = &imp->sum.files[src->index].counts;
	source_place(src);
	/* Until source_done, errors and warnings hold the starting counts. */
	src->counts->errors = imp->diags->errors;
	src->counts->warnings = imp->diags->warnings;
	layout_init(&src->lay, name, imp->opt.domain, imp->diags);
}

void
source_done(struct source *src)
{
	struct import_counts	*n = src->counts;

	layout_done(&src->lay);
	decode_done(&src->text);
	free(src->prev_domain);
	free(src->prev_url);
	free(src->prev_level1);
	free(src->last_domain);
	n->errors = src->imp->diags->errors - n->errors;
	n->warnings = src->imp->diags->warnings - n->warnings;
}
