/*
 * Rendering pages as PDF with cairo and pango. Every line of the layout is
 * placed on a grid: PRINT_COLS columns of half the font size, PRINT_LINES
 * lines 1.5 times the font size apart, the grid centred on an A4 page.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "i18n/i18n.h"
#include "lib/xmalloc.h"
#include "print/page.h"
#include "print/pdf.h"

/* A4 in points (1/72 inch). */
#define PDF_PAGE_W	595.276
#define PDF_PAGE_H	841.890
/* The font size, points: a CJK character is this wide, a column half. */
#define PDF_FONT_PT	12.0
#define PDF_COL_W	(PDF_FONT_PT / 2)
#define PDF_LINE_H	(PDF_FONT_PT * 1.5)
#define PDF_LEFT	((PDF_PAGE_W - PRINT_COLS * PDF_COL_W) / 2)
#define PDF_TOP		((PDF_PAGE_H - PRINT_LINES * PDF_LINE_H) / 2)

/* The PDF as cairo writes it, in memory. */
struct pdf_buffer {
	unsigned char	*data;
	size_t		 len, alloc;
};

static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_buffer *b = closure;

	if (b->len + len > b->alloc) {
		b->alloc = b->alloc ? 2 * b->alloc : 65536;
		while (b->len + len > b->alloc)
			b->alloc *= 2;
		b->data = xreallocarray(b->data, b->alloc, 1);
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
	return CAIRO_STATUS_SUCCESS;
}

/* Is the printing font installed? Pango would quietly use another one. */
static int
pdf_font_installed(PangoContext *ctx)
{
	PangoFontFamily **families;
	int i, n, found = 0;

	pango_context_list_families(ctx, &families, &n);
	for (i = 0; i < n && !found; i++)
		found = strcmp(pango_font_family_get_name(families[i]),
		    PRINT_PDF_FONT) == 0;
	g_free(families);
	return found;
}

/* A pango layout in the printing font, for zh_CN glyph forms. */
static PangoLayout *
pdf_layout(cairo_t *cr)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoContext *ctx = pango_layout_get_context(layout);
	PangoFontDescription *font = pango_font_description_from_string(
	    PRINT_PDF_FONT);
	cairo_font_options_t *opts = cairo_font_options_create();

	/* Unhinted metrics: advances exactly half and whole em. */
	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(ctx, opts);
	cairo_font_options_destroy(opts);
	pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
	pango_font_description_set_absolute_size(font, PDF_FONT_PT * PANGO_SCALE);
	pango_layout_set_font_description(layout, font);
	pango_font_description_free(font);
	return layout;
}

/*
 * Show text with its left edge at column col of line row, within cols
 * columns. A glyph from a fallback font may be wider than the grid
 * allows: then the line is narrowed to fit rather than run off the page.
 */
static void
pdf_text(cairo_t *cr, PangoLayout *layout, const char *text, int row, int col,
    int cols, int bold)
{
	PangoFontDescription *font;
	double room = cols * PDF_COL_W, w;
	int pw, ph;

	if (text == NULL || text[0] == '\0')
		return;
	font = pango_font_description_copy(pango_layout_get_font_description(layout));
	pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(layout, font);
	pango_font_description_free(font);
	pango_layout_set_text(layout, text, -1);
	pango_layout_get_size(layout, &pw, &ph);
	w = (double)pw / PANGO_SCALE;
	cairo_save(cr);
	cairo_translate(cr, PDF_LEFT + col * PDF_COL_W, PDF_TOP + row * PDF_LINE_H +
	    (PDF_LINE_H - (double)ph / PANGO_SCALE) / 2);
	if (w > room && w > 0)
		cairo_scale(cr, room / w, 1);
	pango_cairo_show_layout(cr, layout);
	cairo_restore(cr);
}

static void
pdf_rule(cairo_t *cr, int row)
{
	double y = PDF_TOP + row * PDF_LINE_H + PDF_LINE_H / 2;

	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, PDF_LEFT, y);
	cairo_line_to(cr, PDF_LEFT + PRINT_COLS * PDF_COL_W, y);
	cairo_stroke(cr);
}

/* One line: the rule, or the left text (labels bold) and the text. */
static void
pdf_line(cairo_t *cr, PangoLayout *layout, const struct print_line *l, int row)
{
	int chrome = l->role == PRINT_HEADER || l->role == PRINT_FOOTER;

	cairo_set_source_rgb(cr, chrome ? 0.35 : 0, chrome ? 0.35 : 0,
	    chrome ? 0.35 : 0);
	if (l->role == PRINT_RULE) {
		pdf_rule(cr, row);
		return;
	}
	pdf_text(cr, layout, l->left, row, 0, PRINT_COLS, !chrome);
	pdf_text(cr, layout, l->text, row, l->x, PRINT_COLS - l->x,
	    l->role == PRINT_HEADING);
}

static void
pdf_pages(cairo_surface_t *surface, const struct print_doc *doc)
{
	cairo_t *cr = cairo_create(surface);
	PangoLayout *layout = pdf_layout(cr);
	size_t i;
	int row;

	for (i = 0; i < doc->npages; i++) {
		for (row = 0; row < PRINT_LINES; row++)
			pdf_line(cr, layout, &doc->pages[i].lines[row], row);
		cairo_show_page(cr);
	}
	g_object_unref(layout);
	cairo_destroy(cr);
}

int
print_pdf_render(const struct print_doc *doc, unsigned char **data,
    size_t *len, char **error)
{
	struct pdf_buffer buf = { NULL, 0, 0 };
	PangoContext *ctx = pango_font_map_create_context(
	    pango_cairo_font_map_get_default());
	cairo_surface_t *surface;
	int found = pdf_font_installed(ctx);

	g_object_unref(ctx);
	if (!found) {
		*error = xasprintf(_("The printing font %s is not installed; "
		    "install Debian package %s."), PRINT_PDF_FONT,
		    PRINT_PDF_FONT_PACKAGE);
		return -1;
	}
	surface = cairo_pdf_surface_create_for_stream(pdf_write, &buf,
	    PDF_PAGE_W, PDF_PAGE_H);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
	    doc->title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
	    "chayue " PACKAGE_VERSION);
	pdf_pages(surface, doc);
	cairo_surface_finish(surface);
	cairo_surface_destroy(surface);
	*data = buf.data;
	*len = buf.len;
	return 0;
}

void
print_pdf_done(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
