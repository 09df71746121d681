/*
 * What a file is, by its content: a web page, a Word or Excel file, a
 * kind of document that cannot be imported, or text (CSV or JSON). Only
 * the first bytes and names stored in the clear are looked at (the ZIP
 * entry names, the OLE2 stream names): the readers, with their maintained
 * parsers, find out whether the rest holds up.
 */
#include <config.h>

#include <string.h>
#include <strings.h>

#include "data/import/formats/formats.h"
#include "i18n/i18n.h"

/*
 * The readers this build has. A format without a row here is refused
 * with a hint to save the file as CSV.
 */
static const struct {
	enum import_format	 format;
	formats_reader		*read;
} formats_readers[] = {
	{ IMPORT_FORMAT_HTML, html_read },
	{ IMPORT_FORMAT_DOCX, docx_read },
	{ IMPORT_FORMAT_XLSX, xlsx_read },
	{ IMPORT_FORMAT_XLS, xls_read },
	{ IMPORT_FORMAT_AUTO, NULL }	/* ends the list */
};

static const struct {
	const char		*name;
	enum import_format	 format;
} formats_names[] = {
	{ "csv", IMPORT_FORMAT_CSV },
	{ "json", IMPORT_FORMAT_JSON },
	{ "html", IMPORT_FORMAT_HTML },
	{ "htm", IMPORT_FORMAT_HTML },
	{ "docx", IMPORT_FORMAT_DOCX },
	{ "xlsx", IMPORT_FORMAT_XLSX },
	{ "xls", IMPORT_FORMAT_XLS },
};

formats_reader *
formats_reader_for(enum import_format format)
{
	size_t	i;

	for (i = 0; formats_readers[i].read != NULL; i++)
		if (formats_readers[i].format == format)
			return formats_readers[i].read;
	return NULL;
}

const char *
formats_layout(enum import_format format)
{
	switch (format) {
	case IMPORT_FORMAT_HTML:	return N_("web page");
	case IMPORT_FORMAT_DOCX:	return N_("Word document");
	case IMPORT_FORMAT_XLSX:	return N_("Excel workbook");
	case IMPORT_FORMAT_XLS:		return N_("Excel 97-2003 workbook");
	default:			return NULL;
	}
}

int
formats_parse_name(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof formats_names / sizeof formats_names[0]; i++)
		if (strcasecmp(name, formats_names[i].name) == 0)
			return (int)formats_names[i].format;
	return -1;
}

static void
refuse(struct formats_found *out, const char *what, const char *hint)
{
	out->refused = what;
	out->hint = hint;
}

/* A document format this build has no reader for: save it as CSV. */
static void
no_reader(struct formats_found *out)
{
	if (out->format == IMPORT_FORMAT_HTML)
		refuse(out, N_("the file is a web page, not a CSV or JSON file"),
		    N_("open it in Excel or WPS and save it as CSV, then import "
		    "the CSV file"));
	else if (out->format == IMPORT_FORMAT_DOCX)
		refuse(out, N_("the file is a Word document, not a CSV or JSON "
		    "file"), N_("open it in Word or WPS, copy the catalogue "
		    "table into a spreadsheet and save it as CSV, then import "
		    "the CSV file"));
	else
		refuse(out, N_("the file is an Excel workbook, not a CSV or "
		    "JSON file"), N_("open it in Excel or WPS and save it as "
		    "CSV, then import the CSV file"));
}

/* Does the file name end in .ext (any case)? */
static int
has_ext(const char *file, const char *ext)
{
	const char	*dot = file != NULL ? strrchr(file, '.') : NULL;

	return dot != NULL && strcasecmp(dot + 1, ext) == 0;
}

static int
has(const char *buf, size_t len, const char *s, size_t n)
{
	return memmem(buf, len, s, n) != NULL;
}
#define HAS(buf, len, lit)	has(buf, len, lit, sizeof lit - 1)

/* Does p[0..n) start with the ASCII word w, in any case? */
static int
starts(const char *p, size_t n, const char *w)
{
	size_t	wl = strlen(w);

	return n >= wl && strncasecmp(p, w, wl) == 0;
}

/*
 * A ZIP file: an Office Open XML document by the names of its entries
 * (stored uncompressed in every entry's header). A damaged one whose
 * names cannot be seen goes by its extension to the reader, which says
 * what is wrong with it.
 */
static void
detect_zip(const char *buf, size_t len, const char *file,
    struct formats_found *out)
{
	if (HAS(buf, len, "word/document.xml"))
		out->format = IMPORT_FORMAT_DOCX;
	else if (HAS(buf, len, "xl/workbook.xml"))
		out->format = IMPORT_FORMAT_XLSX;
	else if (HAS(buf, len, "application/vnd.oasis.opendocument.spreadsheet"))
		refuse(out, N_("the file is an OpenDocument spreadsheet (.ods)"),
		    N_("open it in LibreOffice, WPS or Excel and save it as "
		    ".xlsx (Excel workbook), then import that"));
	else if (HAS(buf, len, "application/vnd.oasis.opendocument.text"))
		refuse(out, N_("the file is an OpenDocument text (.odt)"),
		    N_("open it in LibreOffice, WPS or Word and save it as "
		    ".docx (Word document), then import that"));
	else if (has_ext(file, "docx"))
		out->format = IMPORT_FORMAT_DOCX;
	else if (has_ext(file, "xlsx"))
		out->format = IMPORT_FORMAT_XLSX;
	else
		refuse(out, N_("the file is a ZIP archive, not a Word or Excel "
		    "file"), N_("unpack it and import the catalogue files "
		    "inside, or save the catalogue as .xlsx, .docx or CSV"));
}

/*
 * An OLE2 compound file (Office 97-2003, WPS): by the names of its
 * streams, stored as NUL-terminated UTF-16LE in its directory.
 */
static void
detect_ole2(const char *buf, size_t len, const char *file,
    struct formats_found *out)
{
	if (has_ext(file, "et"))
		refuse(out, N_("the file is a WPS spreadsheet (.et)"),
		    N_("open it in WPS and save it as .xlsx (Excel workbook), "
		    "then import that"));
	else if (has_ext(file, "wps"))
		refuse(out, N_("the file is a WPS Writer document (.wps)"),
		    N_("open it in WPS and save it as .docx (Word document), "
		    "then import that"));
	else if (HAS(buf, len,
	    "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0\0"))
		/* A .docx or .xlsx saved with a password is an OLE2 file. */
		refuse(out, N_("the file is a Word or Excel file protected by a "
		    "password"), N_("open it in Word, Excel or WPS, remove the "
		    "password (File, Info, Protect) and save it again, then "
		    "import that"));
	else if (HAS(buf, len, "W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0\0"))
		refuse(out, N_("the file is a Word 97-2003 document (.doc)"),
		    N_("open it in Word or WPS and save it as .docx (Word "
		    "document), then import that"));
	else if (HAS(buf, len, "W\0o\0r\0k\0b\0o\0o\0k\0\0") ||
	    HAS(buf, len, "B\0o\0o\0k\0\0"))
		out->format = IMPORT_FORMAT_XLS;
	else
		refuse(out, N_("the file is an Office 97-2003 file that is not "
		    "an Excel workbook (a PowerPoint or Visio file, or "
		    "damaged)"), N_("save the catalogue as .xlsx, .docx or "
		    "CSV, then import that"));
}

/* Text that starts like markup: a web page, or an XML Office file. */
static void
detect_markup(const char *p, size_t n, struct formats_found *out)
{
	static const char *const html_starts[] = {
		"<!doctype html", "<html", "<table", "<head", "<meta",
		"<title", "<body", "<!--",
	};
	size_t	i, head = n < 4096 ? n : 4096;

	for (i = 0; i < sizeof html_starts / sizeof html_starts[0]; i++) {
		if (starts(p, n, html_starts[i])) {
			out->format = IMPORT_FORMAT_HTML;
			return;
		}
	}
	if (!starts(p, n, "<?xml"))
		return;
	if (HAS(p, head, "urn:schemas-microsoft-com:office:spreadsheet"))
		refuse(out, N_("the file is an Excel 2003 XML spreadsheet"),
		    N_("open it in Excel or WPS and save it as .xlsx (Excel "
		    "workbook), then import that"));
	else if (HAS(p, head, "schemas.microsoft.com/office/word/2003/wordml"))
		refuse(out, N_("the file is a Word 2003 XML document"),
		    N_("open it in Word or WPS and save it as .docx (Word "
		    "document), then import that"));
	else if (HAS(p, head, "<html") || HAS(p, head, "<HTML"))
		out->format = IMPORT_FORMAT_HTML;	/* XHTML */
}

void
formats_detect(const char *buf, size_t len, const char *file,
    enum import_format forced, struct formats_found *out)
{
	const char	*p = buf;
	size_t		 n = len;

	out->format = IMPORT_FORMAT_AUTO;
	out->refused = out->hint = NULL;
	if (forced == IMPORT_FORMAT_CSV || forced == IMPORT_FORMAT_JSON)
		return;		/* text: source.c reads it as told */
	if (forced != IMPORT_FORMAT_AUTO)
		out->format = forced;
	else if (n >= 4 && memcmp(p, "PK\x03\x04", 4) == 0)
		detect_zip(buf, len, file, out);
	else if (n >= 8 && memcmp(p, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		detect_ole2(buf, len, file, out);
	else if (starts(p, n, "%PDF-"))
		refuse(out, N_("the file is a PDF document: its tables cannot be "
		    "read reliably"), N_("import the web page, Word or Excel "
		    "file the PDF was made from, or convert the PDF to .xlsx "
		    "(WPS and Word can) and check it"));
	else {
		if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
			p += 3;
			n -= 3;
		}
		while (n > 0 && (*p == ' ' || *p == '\t' || *p == '\r' ||
		    *p == '\n')) {
			p++;
			n--;
		}
		if (n >= 4 && (memcmp(p, "\xff\xfe<\0", 4) == 0 ||
		    memcmp(p, "\xfe\xff\0<", 4) == 0))
			out->format = IMPORT_FORMAT_HTML;	/* UTF-16 */
		else if (starts(p, n, "MIME-Version:"))
			refuse(out, N_("the file is a web archive (.mht), a page "
			    "saved with its pictures in one file"), N_("save the "
			    "page again as \"Web page, HTML only\" (.html) and "
			    "import that"));
		else if (n > 0 && *p == '<')
			detect_markup(p, n, out);
	}
	if (out->refused == NULL && out->format != IMPORT_FORMAT_AUTO &&
	    formats_reader_for(out->format) == NULL)
		no_reader(out);
}
