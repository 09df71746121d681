/*
 * Write a catalogue version back out as a file staff can read, keep, edit
 * and import again: the canonical CSV layout of reference-catalogue.csv
 * (UTF-8, channels joined with "；", flags 1, 0 or empty, plus the code
 * column), or a JSON array of objects with the same keys (flags 1, 0 or
 * null, channels a list). Importing an export gives the same items.
 *
 * A CSV export is opened in spreadsheets, which take a cell that starts
 * with = + - @ (or a tab or carriage return) for a formula: such a cell is
 * written after a single quote ', as is one that starts with ' itself, so
 * that `=HYPERLINK(…)` shows as text. The import drops that one quote
 * again (data/import/row.c), so the round trip is exact. JSON is written
 * as it is.
 *
 * For Excel on a Chinese PC a CSV export can be written in GB18030 (what
 * it opens CSV files in) or as UTF-8 after a byte order mark (which it
 * then honours), and with the published table's Chinese titles for a
 * header and 是/否 for the flags. The importer reads all of these back.
 */
#ifndef CHAYUE_EXPORT_H
#define CHAYUE_EXPORT_H

#include <stdio.h>

enum export_format {
	EXPORT_CSV,
	EXPORT_JSON,
};

enum export_encoding {
	EXPORT_UTF8,
	EXPORT_UTF8_BOM,	/* UTF-8 after EF BB BF */
	EXPORT_GB18030,
};

struct export_options {
	enum export_format	format;
	enum export_encoding	encoding;	/* CSV only */
	int			headers_zh;	/* CSV only: 领域, 一级事项…;
						   flags 是/否 */
	int			for_terminal;	/* see export_catalogue */
};

/* What marks a CSV cell as text, and the first bytes that need it. */
#define EXPORT_GUARD		'\''
#define EXPORT_GUARDED		"=+-@\t\r'"

/* 1 if the CSV cell s is written after EXPORT_GUARD. */
int export_needs_guard(const char *s);

/*
 * Write every item of the catalogue file path to out, in import order.
 * With for_terminal (out is a terminal), every cell is sanitised first
 * (i18n/text.h): no escape sequence from the data reaches the staff's
 * terminal; the output is then for reading, not for importing.
 * 0, or -1 with *error (caller frees), also when out cannot be written.
 */
int export_catalogue(const char *path, enum export_format format,
    int for_terminal, FILE *out, char **error);

/* The same with the encoding and header chosen; JSON is UTF-8 always. */
int export_catalogue_with(const char *path, const struct export_options *opt,
    FILE *out, char **error);

#endif
