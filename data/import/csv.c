#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/import/csv.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

/* A field while its record is read: text is an offset, text may move. */
struct span {
	size_t	 start, len;
	size_t	 offset;
	long	 line;
};

struct csv_reader {
	const char		*buf;
	size_t			 len, pos;
	long			 line;
	int			 delim;
	char			*file;
	struct diag_list	*diags;

	char			*text;	/* the record's unquoted fields */
	size_t			 tlen, tcap;
	struct span		*spans;
	size_t			 nspans, cspans;
	struct csv_field	*fields;
	size_t			 cfields;
	int			 broken;
	int			 unfinished;

	char			**names;	/* column titles, for messages */
	size_t			 nnames;
};

struct csv_reader *
csv_open(const char *buf, size_t len, int delim, const char *file,
    struct diag_list *diags)
{
	struct csv_reader	*r = xcalloc(1, sizeof *r);

	if (delim == '"' || delim == '\r' || delim == '\n' || delim == '\0')
		delim = ',';
	r->buf = buf;
	r->len = buf != NULL ? len : 0;
	r->line = 1;
	r->delim = delim;
	r->file = xstrdup(file != NULL ? file : "");
	r->diags = diags;
	if (r->len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		r->pos = 3;
	return r;
}

static void
names_free(struct csv_reader *r)
{
	size_t	i;

	for (i = 0; i < r->nnames; i++)
		free(r->names[i]);
	free(r->names);
	r->names = NULL;
	r->nnames = 0;
}

void
csv_set_names(struct csv_reader *r, char *const *names, size_t n)
{
	size_t	i;

	names_free(r);
	r->names = xcalloc(n, sizeof *r->names);
	for (i = 0; i < n; i++)
		r->names[i] = xstrdup(names[i] != NULL ? names[i] : "");
	r->nnames = n;
}

void
csv_close(struct csv_reader *r)
{
	if (r == NULL)
		return;
	names_free(r);
	free(r->file);
	free(r->text);
	free(r->spans);
	free(r->fields);
	free(r);
}

static void
put(struct csv_reader *r, char c)
{
	if (r->tlen == r->tcap) {
		r->tcap = r->tcap ? r->tcap * 2 : 256;
		r->text = xreallocarray(r->text, r->tcap, 1);
	}
	r->text[r->tlen++] = c;
}

enum problem {
	UNTERMINATED,
	ENDS_IN_QUOTE,	/* unterminated, on the last line of the buffer */
	AFTER_QUOTE,
	STRAY_QUOTE,
};

/* Report a syntax error in field fieldno (1-based), named if we can. */
static void
syntax_error(struct csv_reader *r, long line, size_t fieldno, enum problem p)
{
	struct diag_list	*d = r->diags;
	char			*col, letters[DIAG_LETTERS];

	r->broken = 1;
	if (d == NULL)
		return;
	/* The letter a spreadsheet shows; the number is in file:line:col. */
	diag_column_letters(fieldno, letters);
	if (fieldno <= r->nnames && *r->names[fieldno - 1] != '\0')
		col = xasprintf(_("column %s (%s)"), letters,
		    r->names[fieldno - 1]);
	else
		col = xasprintf(_("column %s"), letters);
	if (p == UNTERMINATED) {
		diag_add(d, DIAG_ERROR, r->file, line, (long)fieldno,
		    _("unterminated quoted field in %s: its opening "
		    "quote is never closed"), col);
		diag_hint(d, "%s", _("the file may be truncated, or a closing "
		    "quote is missing; reading goes on at the next line"));
	} else if (p == ENDS_IN_QUOTE) {
		diag_add(d, DIAG_ERROR, r->file, line, (long)fieldno,
		    _("the file ends in the middle of a row, inside the quoted "
		    "field in %s"), col);
		diag_hint(d, "%s", _("it may have been cut off — export it "
		    "again; if it is whole, close the quote"));
	} else if (p == AFTER_QUOTE) {
		diag_add(d, DIAG_ERROR, r->file, line, (long)fieldno,
		    _("text after the closing quote in %s"), col);
		diag_hint(d, "%s", _("a quote inside a quoted field must be "
		    "doubled (\"\")"));
	} else {
		diag_add(d, DIAG_ERROR, r->file, line, (long)fieldno,
		    _("quote inside %s, which does not start with a "
		    "quote"), col);
		diag_hint(d, "%s", _("put the whole field in quotes and double "
		    "the quote (\"\"), or remove it"));
	}
	free(col);
}

static int
at_eol(const struct csv_reader *r)
{
	return r->pos < r->len &&
	    (r->buf[r->pos] == '\r' || r->buf[r->pos] == '\n');
}

/* Step over one line break: CRLF, LF or a lone CR. */
static void
skip_eol(struct csv_reader *r)
{
	if (r->buf[r->pos] == '\r' && r->pos + 1 < r->len &&
	    r->buf[r->pos + 1] == '\n')
		r->pos++;
	r->pos++;
	r->line++;
}

static void
field_begin(struct csv_reader *r)
{
	struct span	*sp;

	if (r->nspans == r->cspans) {
		r->cspans = r->cspans ? r->cspans * 2 : 32;
		r->spans = xreallocarray(r->spans, r->cspans, sizeof *r->spans);
	}
	sp = &r->spans[r->nspans++];
	sp->start = r->tlen;
	sp->len = 0;
	sp->offset = r->pos;
	sp->line = r->line;
}

static void
field_end(struct csv_reader *r)
{
	struct span	*sp = &r->spans[r->nspans - 1];

	sp->len = r->tlen - sp->start;
	put(r, '\0');
}

/*
 * A quote that is never closed swallowed the rest of the file: report it
 * and start again after the line it opened on, so the rows below it are
 * still read and checked. When no line follows, the file ends inside the
 * row: most likely it was cut off.
 */
static void
unterminated(struct csv_reader *r, size_t qpos, long qline)
{
	r->pos = qpos + 1;
	r->line = qline;
	while (r->pos < r->len && !at_eol(r))
		r->pos++;
	if (r->pos < r->len)
		skip_eol(r);
	r->unfinished = r->pos >= r->len;
	syntax_error(r, qline, r->nspans, r->unfinished ? ENDS_IN_QUOTE :
	    UNTERMINATED);
}

/* Characters after a closing quote: kept, as spreadsheets do. */
static void
after_quote(struct csv_reader *r)
{
	if (r->pos >= r->len || r->buf[r->pos] == r->delim || at_eol(r))
		return;
	syntax_error(r, r->line, r->nspans, AFTER_QUOTE);
	while (r->pos < r->len && r->buf[r->pos] != r->delim && !at_eol(r))
		put(r, r->buf[r->pos++]);
}

/* Returns 0, or -1 when the quote is never closed. */
static int
read_quoted(struct csv_reader *r)
{
	size_t	qpos = r->pos;
	long	qline = r->line;

	r->pos++;
	for (;;) {
		if (r->pos >= r->len) {
			unterminated(r, qpos, qline);
			return -1;
		}
		if (r->buf[r->pos] == '"') {
			if (r->pos + 1 < r->len && r->buf[r->pos + 1] == '"') {
				put(r, '"');
				r->pos += 2;
				continue;
			}
			r->pos++;
			after_quote(r);
			return 0;
		}
		if (at_eol(r)) {
			skip_eol(r);
			put(r, '\n');
		} else
			put(r, r->buf[r->pos++]);
	}
}

static void
read_unquoted(struct csv_reader *r)
{
	int	reported = 0;
	char	c;

	while (r->pos < r->len && !at_eol(r)) {
		c = r->buf[r->pos];
		if (c == r->delim)
			break;
		if (c == '"' && !reported) {
			syntax_error(r, r->line, r->nspans, STRAY_QUOTE);
			reported = 1;
		}
		put(r, c);
		r->pos++;
	}
}

/* Point the fields at the text now that it no longer moves. */
static void
finish(struct csv_reader *r, struct csv_record *rec)
{
	size_t	i;

	if (r->cfields < r->nspans) {
		r->cfields = r->nspans;
		r->fields = xreallocarray(r->fields, r->cfields,
		    sizeof *r->fields);
	}
	for (i = 0; i < r->nspans; i++) {
		r->fields[i].text = r->text + r->spans[i].start;
		r->fields[i].len = r->spans[i].len;
		r->fields[i].offset = r->spans[i].offset;
		r->fields[i].line = r->spans[i].line;
		r->fields[i].column = (long)i + 1;
	}
	rec->v = r->fields;
	rec->n = r->nspans;
	rec->broken = r->broken;
	rec->unfinished = r->unfinished;
}

int
csv_read(struct csv_reader *r, struct csv_record *rec)
{
	if (r->pos >= r->len)
		return 0;
	r->tlen = r->nspans = 0;
	r->broken = r->unfinished = 0;
	rec->line = r->line;
	rec->offset = r->pos;
	for (;;) {
		field_begin(r);
		if (r->pos < r->len && r->buf[r->pos] == '"') {
			if (read_quoted(r) == -1) {
				field_end(r);
				break;
			}
		} else
			read_unquoted(r);
		field_end(r);
		if (r->pos >= r->len) {
			r->unfinished = 1;	/* no line break at the end */
			break;
		}
		if (at_eol(r)) {
			skip_eol(r);
			break;
		}
		r->pos++;	/* the delimiter */
	}
	finish(r, rec);
	return 1;
}
