/*
 * How long printing takes before anything reaches CUPS, on a catalogue:
 * for every item, reading it (the baseline, the same work the item page
 * does), laying it out on pages, and rendering the PDF; then one PDF made
 * in a fresh child process, as the kiosk makes each one (fonts loaded
 * from cold), and how well the printing font covers the catalogue's text.
 *
 *   bench/print_bench CATALOGUE.db
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <pango/pangocairo.h>

#include "data/store/catalogue.h"
#include "lib/xmalloc.h"
#include "print/page.h"
#include "print/pdf.h"

struct totals {
	double		 read, layout, pdf, worst_pdf;	/* seconds */
	size_t		 items, pages, bytes;
	size_t		 chars, missing;	/* distinct non-ASCII, not in the font */
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const struct print_meta meta = { "晋江市", "20260101T000000Z",
    "2026-01-01 00:00" };

/* The printing font, for bench_coverage. */
static PangoFont *bench_font_loaded;

/* Count the distinct characters of s, and those the printing font lacks. */
static void
bench_coverage(const char *s, struct totals *t)
{
	static unsigned char seen[0x110000];
	PangoFont *font = bench_font_loaded;
	PangoContext *ctx;
	PangoFontDescription *d;
	gunichar c;

	if (font == NULL) {
		ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
		d = pango_font_description_from_string(PRINT_PDF_FONT);
		font = bench_font_loaded = pango_context_load_font(ctx, d);
		pango_font_description_free(d);
		g_object_unref(ctx);
	}
	for (; *s != '\0'; s = g_utf8_next_char(s)) {
		c = g_utf8_get_char(s);
		if (c < 0x80 || c >= 0x110000 || seen[c])
			continue;
		seen[c] = 1;
		t->chars++;
		t->missing += !pango_font_has_char(font, c);
	}
}

/*
 * The font against the alternative Debian offers (fonts-wqy-microhei, if
 * installed): characters covered per block, and the advance of a Latin
 * letter, a CJK one and an ambiguous one (“), 12 pt, which decide whether
 * display columns measure the printed line.
 */
static void
bench_font(const char *family)
{
	static const struct { const char *name; gunichar from, to; } blocks[] = {
		{ "CJK Unified", 0x4e00, 0x9fff },
		{ "Extension A", 0x3400, 0x4dbf },
		{ "CJK punctuation", 0x3000, 0x303f },
	};
	PangoFontMap *map = pango_cairo_font_map_get_default();
	PangoContext *ctx = pango_font_map_create_context(map);
	PangoFontDescription *d = pango_font_description_from_string(family);
	PangoFont *font = pango_context_load_font(ctx, d);
	PangoLayout *layout = pango_layout_new(ctx);
	PangoFontDescription *got = pango_font_describe(font);
	const char *probe[] = { "a", "中", "“" };
	size_t b, i;
	gunichar c;
	int n, w, found = strcmp(pango_font_description_get_family(got),
	    family) == 0;

	pango_font_description_free(got);
	printf("%-26s", family);
	if (!found)
		printf(" not installed\n");
	for (b = 0; b < sizeof blocks / sizeof blocks[0] && found; b++) {
		for (n = 0, c = blocks[b].from; c <= blocks[b].to; c++)
			n += pango_font_has_char(font, c);
		printf(" %s %d/%u,", blocks[b].name, n,
		    (unsigned)(blocks[b].to - blocks[b].from + 1));
	}
	pango_font_description_set_absolute_size(d, 12 * PANGO_SCALE);
	pango_layout_set_font_description(layout, d);
	for (i = 0; i < 3 && found; i++) {
		pango_layout_set_text(layout, probe[i], -1);
		pango_layout_get_size(layout, &w, NULL);
		printf(" %s %.2f", probe[i], (double)w / PANGO_SCALE);
	}
	if (found)
		printf(" pt\n");
	g_object_unref(layout);
	g_object_unref(font);
	pango_font_description_free(d);
	g_object_unref(ctx);
}

static void
bench_item_coverage(const struct item *it, struct totals *t)
{
	const char *texts[] = { it->domain, it->level1, it->level2, it->content,
	    it->basis, it->time_limit, it->subject, it->channels,
	    it->jurisdiction };
	size_t i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		bench_coverage(texts[i], t);
}

/* Read, lay out and render one item, adding the times to t. */
static void
bench_item(struct catalogue *cat, int64_t id, struct totals *t)
{
	struct item it;
	struct print_doc *doc;
	unsigned char *pdf;
	size_t len;
	char *error = NULL;
	double t0 = now(), t1, t2, t3;

	if (catalogue_item(cat, id, &it, &error) != 0) {
		fprintf(stderr, "item %lld: %s\n", (long long)id, error);
		exit(1);
	}
	t1 = now();
	doc = print_doc_create(&it, &meta);
	t2 = now();
	if (print_pdf_render(doc, &pdf, &len, &error) != 0) {
		fprintf(stderr, "%s\n", error);
		exit(1);
	}
	t3 = now();
	t->read += t1 - t0;
	t->layout += t2 - t1;
	t->pdf += t3 - t2;
	if (t3 - t2 > t->worst_pdf)
		t->worst_pdf = t3 - t2;
	t->items++;
	t->pages += doc->npages;
	t->bytes += len;
	bench_item_coverage(&it, t);
	free(pdf);
	print_doc_free(doc);
	item_done(&it);
}

static void
bench_all(struct catalogue *cat, struct totals *t)
{
	struct domain_list domains;
	struct item_list items;
	struct item_filter all = { LEVEL_ANY, NULL };
	char *error = NULL;
	size_t d, i;

	if (catalogue_domains(cat, &domains, &error) != 0) {
		fprintf(stderr, "%s\n", error);
		exit(1);
	}
	for (d = 0; d < domains.n; d++) {
		if (catalogue_items(cat, domains.v[d].id, &all, &items, &error) != 0) {
			fprintf(stderr, "%s\n", error);
			exit(1);
		}
		for (i = 0; i < items.n; i++)
			bench_item(cat, items.v[i].id, t);
		item_list_done(&items);
	}
	domain_list_done(&domains);
}

/* One PDF in a new process, fonts not yet loaded: seconds. */
static double
bench_cold(const struct print_doc *doc)
{
	double t0 = now();
	unsigned char *pdf;
	size_t len;
	char *error = NULL;
	pid_t pid = fork();

	if (pid == 0)
		_exit(print_pdf_render(doc, &pdf, &len, &error) == 0 ? 0 : 1);
	waitpid(pid, NULL, 0);
	return now() - t0;
}

int
main(int argc, char **argv)
{
	struct totals t = { 0 };
	struct catalogue *cat;
	struct print_doc *doc;
	struct item it;
	char *error = NULL;
	double cold;

	if (argc != 2 || (cat = catalogue_open(argv[1], &error)) == NULL) {
		fprintf(stderr, "usage: print_bench CATALOGUE (%s)\n",
		    error ? error : "no catalogue");
		return 2;
	}
	catalogue_item(cat, 1, &it, &error);
	doc = print_doc_create(&it, &meta);
	cold = bench_cold(doc);	/* before this process loads any font */
	bench_all(cat, &t);
	printf("items %zu, pages %zu, PDF bytes per page %zu\n", t.items,
	    t.pages, t.bytes / (t.pages ? t.pages : 1));
	printf("baseline: read an item       %8.3f ms per item\n",
	    1e3 * t.read / (double)t.items);
	printf("lay out on pages              %8.3f ms per item\n",
	    1e3 * t.layout / (double)t.items);
	printf("render PDF (fonts loaded)     %8.3f ms per item, worst %.3f ms\n",
	    1e3 * t.pdf / (double)t.items, 1e3 * t.worst_pdf);
	printf("one PDF in a fresh process    %8.3f ms (what each print costs)\n",
	    1e3 * cold);
	printf("font %s: has %zu of the %zu distinct non-ASCII characters\n",
	    PRINT_PDF_FONT, t.chars - t.missing, t.chars);
	bench_font(PRINT_PDF_FONT);
	bench_font("WenQuanYi Micro Hei Mono");	/* the smaller alternative */
	print_doc_free(doc);
	item_done(&it);
	catalogue_close(cat);
	g_object_unref(bench_font_loaded);
	print_pdf_done();
	return 0;
}
