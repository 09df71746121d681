/*
 * The printed page: every element labelled and complete after wrapping,
 * lines within the page's columns, the catalogue, version, date and page
 * numbers on every page, long elements carried over pages with their
 * label, text from the data sanitised; and the PDF made from it.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/store/catalogue.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"
#include "print/page.h"
#include "print/pdf.h"
#include "tests/unit/tap.h"

/*
 * The sanitizer build's leak check: cairo 1.16 (Debian 12) loses two small
 * arrays of its own inside cairo_surface_finish when it subsets the font.
 * Not ours to free; everything else is checked. Full stacks, so that the
 * suppression sees where inside cairo the memory came from.
 */
const char *__lsan_default_suppressions(void);
const char *__asan_default_options(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:cairo_surface_finish\n";
}

const char *
__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

static const struct print_meta meta = {
	"晋江市、青阳街道", "20261126T211500Z", "2026-11-26 10:30",
};

/* An item with some flags stated, some not; the caller frees nothing. */
static void
make_item(struct item *it, char *content)
{
	memset(it, 0, sizeof *it);
	it->domain = "社会救助";
	it->level1 = "社会救助政策";
	it->level2 = "最低生活保障对象认定";
	it->content = content;
	it->basis = "";
	it->time_limit = "信息形成或者变更之日起20个工作日内";
	it->subject = "县民政局";
	it->channels = "政府网站\n公开查阅点";
	it->audience_all = FLAG_YES;
	it->audience_specific = FLAG_UNSTATED;
	it->method_active = FLAG_YES;
	it->method_on_request = FLAG_NO;
	it->level_county = it->level_township = it->level_village = FLAG_UNSTATED;
	it->jurisdiction = "晋江市";
	it->code = "";
	it->source_url = "http://www.jinjiang.gov.cn/xxgk/";
}

/* Every line of every page, in order, for looking things up. */
static const struct print_line *
line_at(const struct print_doc *doc, size_t page, int row)
{
	return &doc->pages[page].lines[row];
}

/* The first body line: after the header, its rule and a blank line. */
static int
body_first(const struct print_doc *doc)
{
	int row = 0;

	while (row < PRINT_LINES && line_at(doc, 0, row)->role != PRINT_RULE)
		row++;
	return row + 2;
}

/* The row of the line whose left text is label on page, or -1. */
static int
find_label(const struct print_doc *doc, size_t page, const char *label)
{
	int row;

	for (row = 0; row < PRINT_LINES; row++) {
		if (line_at(doc, page, row)->left != NULL &&
		    strcmp(line_at(doc, page, row)->left, label) == 0)
			return row;
	}
	return -1;
}

/* The value of an element: its lines joined, over pages, until the next label. */
static char *
element(const struct print_doc *doc, const char *label)
{
	char *out = xstrdup(""), *next;
	const struct print_line *l;
	size_t p;
	int row, on = 0;

	for (p = 0; p < doc->npages; p++) {
		for (row = 0; row < PRINT_LINES; row++) {
			l = line_at(doc, p, row);
			if (l->role != PRINT_BODY)
				continue;
			if (l->left != NULL && strstr(l->left, "(continued)") == NULL) {
				if (on)
					return out;
				on = strcmp(l->left, label) == 0;
			}
			if (on && l->text[0] != '\0') {
				next = xasprintf("%s%s%s", out, out[0] ? "|" : "", l->text);
				free(out);
				out = next;
			}
		}
	}
	return out;
}

static void
test_short_item(void)
{
	static const char *const labels[] = { "Domain", "Level-1 item",
	    "Level-2 item", "Content", "Basis", "Time limit", "Subject",
	    "Channels", "Audience", "Method", "Level", "Published by",
	    "Source address" };
	struct item it;
	struct print_doc *doc;
	const struct print_line *foot;
	char content[] = "低保对象名单、认定条件、办理程序";
	char *v;
	size_t i;
	int row, prev = -1, ordered = 1;

	make_item(&it, content);
	doc = print_doc_create(&it, &meta);
	is_int(doc->npages, 1, "a short item takes one page");
	is_str(doc->title, "最低生活保障对象认定 (社会救助政策)",
	    "the job is named after the item, with its level-1 item");
	v = xasprintf("%s%s", line_at(doc, 0, 0)->text, line_at(doc, 0, 1)->text);
	ok(line_at(doc, 0, 0)->role == PRINT_HEADER &&
	    strstr(v, "晋江市、青阳街道") != NULL &&
	    strstr(v, "20261126T211500Z") != NULL,
	    "the header names the catalogue and its version");
	free(v);
	ok(line_at(doc, 0, body_first(doc) - 2)->role == PRINT_RULE,
	    "a rule under the header");
	foot = line_at(doc, 0, PRINT_LINES - 1);
	ok(foot->role == PRINT_FOOTER && strstr(foot->left, "2026-11-26 10:30"),
	    "the footer has the date printed");
	is_str(foot->text, "Page 1 of 1", "the footer has the page number");
	is_int(foot->x + (int)text_width(foot->text, strlen(foot->text)),
	    PRINT_COLS, "the page number is at the right margin");
	ok(line_at(doc, 0, body_first(doc))->role == PRINT_HEADING &&
	    strcmp(line_at(doc, 0, body_first(doc))->text,
	    "最低生活保障对象认定 (社会救助政策)") == 0,
	    "the item's name, with its level-1 item, heads the body");
	for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		row = find_label(doc, 0, labels[i]);
		if (row <= prev) {
			printf("# %s at %d, after %d\n", labels[i], row, prev);
			ordered = 0;
		}
		prev = row;
	}
	ok(ordered, "every element is labelled, in the item page's order");
	ok(find_label(doc, 0, "Code") == -1, "no code line when there is no code");
	v = element(doc, "Basis");
	is_str(v, "Not stated", "an empty element reads \"not stated\"");
	free(v);
	v = element(doc, "Audience");
	is_str(v, "Everyone (Specific groups not stated)",
	    "flags in words, on one line");
	free(v);
	v = element(doc, "Level");
	is_str(v, "Not stated", "no level flag stated: one \"not stated\"");
	free(v);
	v = element(doc, "Channels");
	is_str(v, "政府网站|公开查阅点", "channels one per line");
	free(v);
	print_doc_free(doc);
	it.code = "XZ-001";
	doc = print_doc_create(&it, &meta);
	v = element(doc, "Code");
	is_str(v, "XZ-001", "a code is printed when there is one");
	free(v);
	print_doc_free(doc);
}

/* Does every line of doc fit in the page's columns? */
static int
all_fit(const struct print_doc *doc)
{
	const struct print_line *l;
	size_t p;
	int row, fits = 1;

	for (p = 0; p < doc->npages; p++) {
		for (row = 0; row < PRINT_LINES; row++) {
			l = line_at(doc, p, row);
			if (l->x + text_width(l->text, strlen(l->text)) > PRINT_COLS ||
			    (l->left && text_width(l->left, strlen(l->left)) > PRINT_COLS)) {
				printf("# too wide: page %zu line %d: %s\n", p, row, l->text);
				fits = 0;
			}
		}
	}
	return fits;
}

static void
test_long_content(void)
{
	const char *unit = "公开内容要素（一）：";	/* 10 CJK: 20 columns */
	size_t n = 150, i, p;
	char *content = xmalloc(n * strlen(unit) + 1), *v, *want, *joined;
	struct print_doc *doc;
	struct item it;
	int row, pages_ok = 1, first;

	content[0] = '\0';
	for (i = 0; i < n; i++)
		strcat(content, unit);
	make_item(&it, content);
	text_set_ambiguous_width(2);
	doc = print_doc_create(&it, &meta);
	text_set_ambiguous_width(1);
	ok(doc->npages >= 2, "a long content spans pages");
	ok(all_fit(doc), "no line is wider than the page");
	v = element(doc, "Content");
	joined = xstrdup(v);
	for (i = 0, p = 0; v[i] != '\0'; i++) {
		if (v[i] != '|')
			joined[p++] = v[i];
	}
	joined[p] = '\0';
	is_str(joined, content, "the content is complete across the pages");
	free(joined);
	free(v);
	first = body_first(doc);
	for (p = 0; p < doc->npages; p++) {
		want = xasprintf("Page %zu of %zu", p + 1, doc->npages);
		if (strcmp(line_at(doc, p, PRINT_LINES - 1)->text, want) != 0 ||
		    line_at(doc, p, 0)->role != PRINT_HEADER)
			pages_ok = 0;
		free(want);
	}
	ok(pages_ok, "every page has the header and its own page number");
	row = find_label(doc, 1, "Content (continued)");
	is_int(row, first, "the next page starts with the label, continued");
	ok(line_at(doc, 1, row + 1)->left == NULL &&
	    line_at(doc, 1, row + 1)->text[0] != '\0',
	    "and goes on with the content");
	is_int(text_ambiguous_width(), 1,
	    "the terminal's ambiguous width is left as it was");
	print_doc_free(doc);
	free(content);
}

/* A label is never alone on the last body line of a page. */
static void
test_no_orphan_label(void)
{
	char content[4096] = "";
	struct print_doc *doc;
	struct item it;
	const struct print_line *l;
	size_t i, p;
	int orphan = 0, tried = 0;

	/* Grow the content line by line so each element meets the page foot. */
	for (i = 0; i < 60; i++) {
		strcat(content, "一二三四五六七八九十\n");
		make_item(&it, content);
		doc = print_doc_create(&it, &meta);
		for (p = 0; p + 1 < doc->npages; p++) {
			tried++;
			l = line_at(doc, p + 1, body_first(doc));
			if (line_at(doc, p, PRINT_LINES - 4)->left != NULL &&
			    l->left != NULL && strstr(l->left, "(continued)"))
				orphan = 1;
		}
		print_doc_free(doc);
	}
	ok(tried > 0 && !orphan,
	    "no label is left alone at the foot of a page");
}

static void
test_sanitised(void)
{
	char content[] = "A\x1b]0;pwned\x07" "B\x1b[31m红\x1b[0m\xe2\x80\xae" "C\xff";
	char name[] = "名称\n\x1b[2J第二行";
	struct print_doc *doc;
	struct item it;
	const struct print_line *l;
	size_t p;
	int row, clean = 1;
	char *v;

	make_item(&it, content);
	it.level2 = name;
	doc = print_doc_create(&it, &meta);
	for (p = 0; p < doc->npages; p++) {
		for (row = 0; row < PRINT_LINES; row++) {
			l = line_at(doc, p, row);
			if (strpbrk(l->text, "\x1b\x07\n\r") != NULL ||
			    strstr(l->text, "\xe2\x80\xae") != NULL)
				clean = 0;
		}
	}
	ok(clean, "no escape sequence, control or bidi override reaches the page");
	v = element(doc, "Content");
	is_str(v, "AB红C\xef\xbf\xbd", "the printable text is kept, bad bytes shown as U+FFFD");
	free(v);
	ok(strpbrk(doc->title, "\x1b\n") == NULL && strstr(doc->title, "名称") &&
	    strstr(doc->title, "第二行"), "the job's name is one clean line");
	print_doc_free(doc);
}

static void
test_ambiguous(void)
{
	char content[64 * 3 + 1] = "";
	struct print_doc *doc;
	struct item it;
	const struct print_line *l;
	size_t i;

	for (i = 0; i < 64; i++)
		strcat(content, "■");
	make_item(&it, content);
	doc = print_doc_create(&it, &meta);
	l = line_at(doc, 0, find_label(doc, 0, "Content"));
	is_int(strlen(l->text) / 3, (PRINT_COLS - l->x) / 2,
	    "■ counts two columns on paper, whatever the terminal does");
	is_int(text_ambiguous_width(), 1, "the terminal setting is restored");
	print_doc_free(doc);
}

/* Does the size bytes at data contain s? */
static int
contains(const unsigned char *data, size_t size, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i + n <= size; i++) {
		if (memcmp(data + i, s, n) == 0)
			return 1;
	}
	return 0;
}

static void
test_pdf(void)
{
	const char *keep = getenv("TEST_PRINT_PDF");	/* to look at it */
	FILE *f;
	size_t n = 150, i, len = 0;
	char *content = xmalloc(n * 30 + 1), *error = NULL, *count;
	unsigned char *pdf = NULL;
	struct print_doc *doc;
	struct item it;

	content[0] = '\0';
	for (i = 0; i < n; i++)
		strcat(content, "公开内容要素（一）：");
	make_item(&it, content);
	doc = print_doc_create(&it, &meta);
	ok(print_pdf_render(doc, &pdf, &len, &error) == 0, "the PDF is made");
	if (error != NULL)
		printf("# %s\n", error);
	ok(len > 1000 && memcmp(pdf, "%PDF-", 5) == 0, "it is a PDF");
	count = xasprintf("/Count %zu", doc->npages);
	ok(contains(pdf, len, count), "one PDF page per laid-out page");
	ok(contains(pdf, len, "NotoSansMonoCJK"),
	    "the printing font is embedded");
	ok(contains(pdf, len, "/ToUnicode"),
	    "with a map back to Unicode, so the text can be searched and copied");
	if (keep != NULL && (f = fopen(keep, "wb")) != NULL) {
		fwrite(pdf, 1, len, f);
		fclose(f);
	}
	free(count);
	free(pdf);
	free(error);
	print_doc_free(doc);
	free(content);
}

int
main(void)
{
	test_short_item();
	test_long_content();
	test_no_orphan_label();
	test_sanitised();
	test_ambiguous();
	test_pdf();
	print_pdf_done();
	return tap_done();
}
