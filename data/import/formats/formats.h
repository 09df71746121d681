/*
 * Documents staff are sent instead of CSV: saved web pages, Word and Excel
 * files. detect.c tells them apart by their content (never by the file
 * name alone) and refuses the ones that cannot be read, saying which
 * format to save them as; each reader turns one document into a list of
 * tables (table.h) and nothing more: source.c maps every table through the
 * same header and row pipeline as a CSV file.
 *
 * Every reader has the same shape: it reads buf[0..len) (which need not be
 * NUL-terminated), names the file file in messages, adds its tables, their
 * headings and the document's title to *out (initialised by the caller,
 * who frees it with table_set_done in every case), and returns 0, or -1
 * when the file cannot be used at all, reported in diags as
 * "file:line:column: error: what is wrong; what to do".
 */
#ifndef CHAYUE_FORMATS_H
#define CHAYUE_FORMATS_H

#include <stddef.h>

#include "data/import/diag.h"
#include "data/import/import.h"
#include "data/import/table.h"

typedef int formats_reader(const char *buf, size_t len, const char *file,
    struct diag_list *diags, struct table_set *out);

/* A saved web page: every <table> (html.c, libxml2's HTML parser). */
formats_reader html_read;
/* The same in the encoding staff named (--encoding), <meta> or not. */
int html_read_as(const char *buf, size_t len, enum decode_encoding enc,
    const char *file, struct diag_list *diags, struct table_set *out);
/* Word 2007+ (.docx): every table, merged cells spread. */
formats_reader docx_read;
/* Excel 2007+ (.xlsx): every sheet, merged ranges spread. */
formats_reader xlsx_read;
/* Excel 97-2003 (.xls): every sheet (FreeXL). */
formats_reader xls_read;

/* What the content of a file is, or why it cannot be imported. */
struct formats_found {
	/*
	 * IMPORT_FORMAT_AUTO: text (CSV or JSON, as source.c decides);
	 * HTML, DOCX, XLSX, XLS: a document; meaningless when refused.
	 */
	enum import_format	 format;
	/*
	 * Not NULL: the file is of a kind that cannot be imported (a .doc,
	 * .wps, .et, a PDF, ...): what it is and what to do, message ids.
	 */
	const char		*refused;
	const char		*hint;
};

/*
 * What to read buf as: forced (--format), unless it is IMPORT_FORMAT_AUTO;
 * else decided by the first bytes and the names inside the file: a web page by
 * <html, <table, <!DOCTYPE, <head, <meta or a comment after any byte
 * order mark and white space; a ZIP file by the names of its entries
 * (word/document.xml: DOCX, xl/workbook.xml: XLSX); an OLE2 compound file
 * (D0 CF 11 E0) by its streams (Workbook: XLS, WordDocument: a .doc); a
 * PDF by %PDF-. file (its extension) only picks the words of a refusal
 * (a WPS file is named as such) and sends a damaged ZIP file named .docx
 * or .xlsx to its reader, which says what is wrong. A document format this build has no
 * reader for is refused with a hint to save the file as CSV.
 */
void formats_detect(const char *buf, size_t len, const char *file,
    enum import_format forced, struct formats_found *out);

/*
 * The reader of a document format, or NULL when this build has none.
 * Readers are added to the table in detect.c.
 */
formats_reader *formats_reader_for(enum import_format format);

/*
 * How the summary names a document format ("web page", ...): a message
 * id, static; NULL for text formats.
 */
const char *formats_layout(enum import_format format);

/*
 * A format named by staff (--format): csv, json, html, docx, xlsx, xls;
 * -1 if none.
 */
int formats_parse_name(const char *name);

#endif
