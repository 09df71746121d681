/*
 * One file of an import: decoded, refused if it is not text, read as CSV
 * or JSON through its header, each data row handed to row.c.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int
source_read(struct source *src, const char *buf, size_t len, char **error)
{
	struct import_file_summary	*f = &src->imp->sum.files[src->index];
	int				 rc;

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
	src->name = name;
	src->index = file_add(imp, name);
	src->counts = &imp->sum.files[src->index].counts;
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
