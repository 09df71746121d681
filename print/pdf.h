/*
 * The PDF of a laid-out document (print/page.h), for CUPS to print.
 * Made with cairo and pango in one font, Noto Sans Mono CJK SC (Debian
 * package fonts-noto-cjk), embedded in the file, so the printout does not
 * depend on the fonts of the print server or the printer. See README.md,
 * "Printing", for why this font and why PDF.
 */
#ifndef CHAYUE_PRINT_PDF_H
#define CHAYUE_PRINT_PDF_H

#include <stddef.h>

struct print_doc;

#define PRINT_PDF_FONT		"Noto Sans Mono CJK SC"
#define PRINT_PDF_FONT_PACKAGE	"fonts-noto-cjk"

/*
 * Render doc as PDF (A4 portrait, one PDF page per page of doc) into
 * *data (malloc'd, *len bytes; the caller frees). Returns 0, or -1 with
 * *error (caller frees) when the printing font is not installed.
 */
int print_pdf_render(const struct print_doc *doc, unsigned char **data,
    size_t *len, char **error);

/*
 * Let go of the fonts pango, cairo and fontconfig keep for the life of the
 * process, so that a leak checker sees only real leaks. Only for programs
 * that go on after printing (the tests); no print_pdf_render after it.
 */
void print_pdf_done(void);

#endif
