/*
 * An RFC 4180 CSV reader over a buffer in memory. It knows nothing about
 * the catalogue: it turns bytes into records of fields and says where each
 * one came from, so that whoever maps the fields can point staff at the
 * exact place in the file.
 *
 * Accepted: a UTF-8 byte order mark at the start (skipped); CRLF, LF or a
 * lone CR between records; quoted fields with "" for a quote and line breaks
 * inside (a CRLF inside a quoted field becomes LF). Syntax errors go to the
 * diagnostics list and the reader goes on; the record is marked broken:
 *  - an opening quote never closed (a truncated file, or a lost quote):
 *    the reader resumes at the line after the one the quote opened on; if
 *    that was the last line, the file ends inside the row, and the error
 *    says so;
 *  - a quote inside an unquoted field, or text after a closing quote: the
 *    characters are kept as they are.
 * Bytes are not decoded: fields are whatever bytes the file holds.
 */
#ifndef CHAYUE_CSV_H
#define CHAYUE_CSV_H

#include <stddef.h>

#include "data/import/diag.h"

struct csv_field {
	const char	*text;	/* NUL-terminated, unquoted; owned by the reader */
	size_t		 len;	/* bytes in text (text may hold NUL bytes) */
	size_t		 offset;	/* where the field starts in the buffer */
	long		 line;	/* physical line where the field starts */
	long		 column;	/* for messages: the field number (CSV),
					   the key's column (JSON) */
};

struct csv_record {
	struct csv_field *v;	/* owned by the reader */
	size_t		  n;	/* at least 1 */
	long		  line;	/* physical line where the record starts */
	size_t		  offset;	/* where the record starts in the buffer */
	int		  broken;	/* a syntax error was reported in it */
	int		  unfinished;	/* the buffer ends inside it: no line
					   break after it, or in a quote */
};

struct csv_reader;

/*
 * Read buf[0..len), which must outlive the reader. delim is ',' or '\t'
 * (anything but a quote or a line break). Errors are added to diags under
 * the name file; the reader keeps its own copy of file.
 */
struct csv_reader *csv_open(const char *buf, size_t len, int delim,
    const char *file, struct diag_list *diags);

/*
 * Read the next record into *rec: 1, or 0 at the end of the buffer. The
 * record and its fields stay valid until the next csv_read or csv_close.
 */
int csv_read(struct csv_reader *r, struct csv_record *rec);

/*
 * Name the columns in later messages, e.g. "column 4 (content)": names[i]
 * is the title of field i. The reader copies them.
 */
void csv_set_names(struct csv_reader *r, char *const *names, size_t n);

void csv_close(struct csv_reader *r);

#endif
