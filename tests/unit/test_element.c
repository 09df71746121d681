/*
 * The table of an item's elements (data/store/element.c) that the item page and
 * the printed page both walk: every text field of struct item once, every
 * flag once in its group, labels present and distinct, the published
 * order, Code the only optional element; and the accessors. The checks are
 * also run on broken copies of the table, so that they are seen to fail.
 * And element_item_name, the name every list shows: 政策法规文件（行政处罚）.
 */
#include <config.h>

#include <locale.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/store/catalogue.h"
#include "data/store/element.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"
#include "tests/unit/tap.h"

#define TEST_MAX	32

#define FIELD(f)	{ #f, offsetof(struct item, f) }

struct field {
	const char	*name;
	size_t		 offset;
};

/* Every text field of struct item, each of which the page shows. */
static const struct field text_fields[] = {
	FIELD(domain),
	FIELD(level1),
	FIELD(level2),
	FIELD(content),
	FIELD(basis),
	FIELD(time_limit),
	FIELD(subject),
	FIELD(channels),
	FIELD(jurisdiction),
	FIELD(code),
	FIELD(source_url),
};
#define TEXT_FIELDS	(sizeof text_fields / sizeof text_fields[0])

static const struct field flag_fields[] = {
	FIELD(audience_all),
	FIELD(audience_specific),
	FIELD(method_active),
	FIELD(method_on_request),
	FIELD(level_county),
	FIELD(level_township),
	FIELD(level_village),
};
#define FLAG_FIELDS	(sizeof flag_fields / sizeof flag_fields[0])

/* The published order, written out here rather than taken from the table. */
static const struct {
	const char		*label;
	enum element_kind	 kind;
	size_t			 offset;	/* text elements only */
} published[] = {
	{ "Domain", ELEMENT_TEXT, offsetof(struct item, domain) },
	{ "Level-1 item", ELEMENT_TEXT, offsetof(struct item, level1) },
	{ "Level-2 item", ELEMENT_TEXT, offsetof(struct item, level2) },
	{ "Content", ELEMENT_TEXT, offsetof(struct item, content) },
	{ "Basis", ELEMENT_TEXT, offsetof(struct item, basis) },
	{ "Time limit", ELEMENT_TEXT, offsetof(struct item, time_limit) },
	{ "Subject", ELEMENT_TEXT, offsetof(struct item, subject) },
	{ "Channels", ELEMENT_TEXT, offsetof(struct item, channels) },
	{ "Audience", ELEMENT_FLAGS, 0 },
	{ "Method", ELEMENT_FLAGS, 0 },
	{ "Level", ELEMENT_FLAGS, 0 },
	{ "Published by", ELEMENT_TEXT, offsetof(struct item, jurisdiction) },
	{ "Code", ELEMENT_TEXT, offsetof(struct item, code) },
	{ "Source address", ELEMENT_TEXT, offsetof(struct item, source_url) },
};
#define PUBLISHED	(sizeof published / sizeof published[0])

/*
 * Each check takes a table (v, n) and returns how many problems it found,
 * saying what they are as TAP comments. Quiet for the broken copies.
 */
static int quiet;

static int
problem(const char *what, const char *label)
{
	if (!quiet)
		printf("#   %s: %s\n", what, label != NULL ? label : "(null)");
	return 1;
}

/* Every text field and every flag of struct item exactly once. */
static int
check_fields(const struct element *v, size_t n)
{
	size_t i, j, k, seen;
	int bad = 0;

	for (k = 0; k < TEXT_FIELDS; k++) {
		for (seen = 0, i = 0; i < n; i++)
			seen += v[i].kind == ELEMENT_TEXT &&
			    v[i].offset == text_fields[k].offset;
		if (seen != 1)
			bad += problem(seen == 0 ? "a text field is not shown" :
			    "a text field is shown twice", text_fields[k].name);
	}
	for (k = 0; k < FLAG_FIELDS; k++) {
		for (seen = 0, i = 0; i < n; i++) {
			for (j = 0; v[i].kind == ELEMENT_FLAGS &&
			    j < v[i].nflags && j < ELEMENT_MAX_FLAGS; j++)
				seen += v[i].flags[j].offset ==
				    flag_fields[k].offset;
		}
		if (seen != 1)
			bad += problem(seen == 0 ? "a flag is not shown" :
			    "a flag is shown twice", flag_fields[k].name);
	}
	for (i = 0; i < n; i++) {
		for (seen = 0, k = 0; v[i].kind == ELEMENT_TEXT &&
		    k < TEXT_FIELDS; k++)
			seen += v[i].offset == text_fields[k].offset;
		if (v[i].kind == ELEMENT_TEXT && seen != 1)
			bad += problem("not a text field of struct item",
			    v[i].label);
		if (v[i].kind == ELEMENT_FLAGS && (v[i].nflags == 0 ||
		    v[i].nflags > ELEMENT_MAX_FLAGS))
			bad += problem("a flag group of no or too many flags",
			    v[i].label);
		if (v[i].kind == ELEMENT_TEXT && v[i].nflags != 0)
			bad += problem("a text element with flags", v[i].label);
	}
	return bad;
}

static int
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* Labels present and distinct; flag names present and distinct in a group. */
static int
check_labels(const struct element *v, size_t n)
{
	size_t i, j, k;
	int bad = 0;

	for (i = 0; i < n; i++) {
		if (empty(v[i].label)) {
			bad += problem("an empty label", v[i].label);
			continue;
		}
		for (j = i + 1; j < n; j++) {
			if (!empty(v[j].label) &&
			    strcmp(v[i].label, v[j].label) == 0)
				bad += problem("a label used twice",
				    v[i].label);
		}
		for (j = 0; v[i].kind == ELEMENT_FLAGS && j < v[i].nflags &&
		    j < ELEMENT_MAX_FLAGS; j++) {
			if (empty(v[i].flags[j].name)) {
				bad += problem("an empty flag name",
				    v[i].label);
				continue;
			}
			for (k = j + 1; k < v[i].nflags &&
			    k < ELEMENT_MAX_FLAGS; k++) {
				if (!empty(v[i].flags[k].name) &&
				    strcmp(v[i].flags[j].name,
				    v[i].flags[k].name) == 0)
					bad += problem("a flag name used twice",
					    v[i].flags[j].name);
			}
		}
	}
	return bad;
}

/* The published order, and Code the only element left out when empty. */
static int
check_order(const struct element *v, size_t n)
{
	size_t i;
	int bad = 0;

	if (n != PUBLISHED)
		bad += problem("not as many elements as published", "count");
	for (i = 0; i < n && i < PUBLISHED; i++) {
		if (empty(v[i].label) ||
		    strcmp(v[i].label, published[i].label) != 0 ||
		    v[i].kind != published[i].kind ||
		    (v[i].kind == ELEMENT_TEXT &&
		    v[i].offset != published[i].offset))
			bad += problem("out of the published order",
			    v[i].label);
		if (v[i].optional != (published[i].kind == ELEMENT_TEXT &&
		    published[i].offset == offsetof(struct item, code)))
			bad += problem("optional is only Code", v[i].label);
	}
	return bad;
}

/* The table as callers see it, through element_get. */
static size_t
load(struct element *v)
{
	const struct element *e;
	size_t n;

	for (n = 0; n < TEST_MAX && (e = element_get(n)) != NULL; n++)
		v[n] = *e;
	return n;
}

static void
test_table(void)
{
	struct element v[TEST_MAX];
	size_t n = load(v);

	ok(n > 0 && n < TEST_MAX, "element_get gives the elements, then NULL");
	is_int(check_fields(v, n), 0,
	    "every text field and flag of struct item is shown exactly once");
	is_int(check_labels(v, n), 0, "labels are present and distinct");
	is_int(check_order(v, n), 0,
	    "the elements are in the published order; only Code is optional");
}

/* Broken copies of the table: each check must notice. */
static void
test_checks_fail(void)
{
	struct element v[TEST_MAX], tmp;
	size_t n = load(v), g;

	if (n < 4)	/* too short to break the ways below */
		return;
	quiet = 1;
	tmp = v[1];
	v[1] = v[2];
	v[2] = tmp;
	ok(check_order(v, n) > 0, "two elements swapped are out of order");

	n = load(v);
	v[n - 1] = v[3];	/* Content twice, no source address */
	ok(check_fields(v, n) > 0, "a field shown twice is noticed");
	ok(check_labels(v, n) > 0, "and so is its label used twice");

	n = load(v);
	ok(check_fields(v, n - 1) > 0, "a field left out is noticed");
	ok(check_order(v, n - 1) > 0, "and so is an element missing");

	n = load(v);
	for (g = 0; g < n && v[g].kind != ELEMENT_FLAGS; g++)
		;
	ok(g < n, "there is a flag group to break");
	if (g < n) {
		v[g].nflags--;	/* its last flag is no longer shown */
		ok(check_fields(v, n) > 0,
		    "a flag left out of its group is noticed");
		n = load(v);
		v[g].flags[1].name = v[g].flags[0].name;
		ok(check_labels(v, n) > 0, "a flag name used twice is noticed");
	}

	n = load(v);
	v[0].label = "";
	ok(check_labels(v, n) > 0, "an empty label is noticed");

	n = load(v);
	v[0].optional = 1;
	ok(check_order(v, n) > 0,
	    "an optional element other than Code is noticed");
	quiet = 0;
}

/* An item whose every text field is its own name, and some flags. */
static void
make_item(struct item *it)
{
	memset(it, 0, sizeof *it);
	it->domain = "domain";
	it->level1 = "level1";
	it->level2 = "level2";
	it->content = "content";
	it->basis = "";
	it->time_limit = "time_limit";
	it->subject = "subject";
	it->channels = "channels";
	it->jurisdiction = "jurisdiction";
	it->code = "";
	it->source_url = "source_url";
	it->audience_all = FLAG_YES;
	it->audience_specific = FLAG_NO;
	it->method_active = FLAG_UNSTATED;
	it->method_on_request = FLAG_UNSTATED;
	it->level_county = FLAG_UNSTATED;
	it->level_township = FLAG_UNSTATED;
	it->level_village = FLAG_YES;
}

/* The element whose label is label, or NULL. */
static const struct element *
find(const char *label)
{
	const struct element *e;
	size_t i;

	for (i = 0; (e = element_get(i)) != NULL; i++) {
		if (strcmp(e->label, label) == 0)
			return e;
	}
	return NULL;
}

/* The text the element labelled label shows of it; "(none)" if no such. */
static const char *
text_of(const char *label, const struct item *it)
{
	const struct element *e = find(label);
	const char *v;

	return e != NULL && (v = element_text(e, it)) != NULL ? v : "(none)";
}

/* element_value of e for it is want (messages untranslated: no locale). */
static void
value_is(const struct element *e, const struct item *it, const char *want,
    const char *what)
{
	char *v = e != NULL ? element_value(e, it) : NULL;

	is_str(v != NULL ? v : "(none)", want, what);
	free(v);
}

static void
test_accessors(void)
{
	const struct element *e, *code, *audience, *method, *level;
	struct item it;
	size_t i;
	int right = 1;

	make_item(&it);
	for (i = 0; (e = element_get(i)) != NULL; i++) {
		if (e->kind == ELEMENT_TEXT &&
		    element_text(e, &it) != *(char *const *)((const char *)&it +
		    e->offset))
			right = 0;
	}
	ok(right, "element_text gives each element's own field");
	is_str(text_of("Time limit", &it), "time_limit",
	    "Time limit shows time_limit");
	is_str(text_of("Published by", &it), "jurisdiction",
	    "Published by shows the jurisdiction");
	is_str(text_of("Source address", &it), "source_url",
	    "Source address shows source_url");
	audience = find("Audience");
	method = find("Method");
	level = find("Level");
	ok(audience != NULL && method != NULL && level != NULL,
	    "the three flag groups are there");
	if (audience == NULL || method == NULL || level == NULL)
		return;
	ok(element_text(audience, &it) == NULL, "a flag group has no text");
	is_str(audience->flags[0].name, "Everyone", "Audience: Everyone first");
	is_str(audience->flags[1].name, "Specific groups",
	    "then Specific groups");
	is_str(method->flags[0].name, "Proactive", "Method: Proactive first");
	is_str(method->flags[1].name, "On request", "then On request");
	is_str(level->flags[0].name, "County", "Level: County first");
	is_str(level->flags[1].name, "Township", "then Township");
	is_str(level->flags[2].name, "Village", "then Village");
	ok(element_flag_value(audience, &it, 0) == FLAG_YES &&
	    element_flag_value(audience, &it, 1) == FLAG_NO &&
	    element_flag_value(level, &it, 2) == FLAG_YES,
	    "element_flag_value gives each flag of the item");
	ok(element_flag_value(audience, &it, 2) == FLAG_UNSTATED &&
	    element_flag_value(element_get(0), &it, 0) == FLAG_UNSTATED,
	    "and unstated past the group or for text");
	ok(element_stated(audience, &it) && element_stated(level, &it) &&
	    !element_stated(method, &it),
	    "a group is stated when any of its flags is");
	ok(strcmp(text_of("Content", &it), "content") == 0 &&
	    element_stated(find("Content"), &it) &&
	    strcmp(text_of("Basis", &it), "") == 0 &&
	    !element_stated(find("Basis"), &it),
	    "text is stated when it is not empty");
	code = find("Code");
	ok(code != NULL && !element_shown(code, &it),
	    "an empty Code is left out");
	ok(strcmp(text_of("Basis", &it), "") == 0 &&
	    element_shown(find("Basis"), &it) && element_shown(method, &it),
	    "other empty elements are shown (as not stated)");
	it.code = "A-1";
	ok(code != NULL && element_shown(code, &it), "a Code is shown");
	value_is(audience, &it, "Everyone",
	    "a group's value: one line, the flags that are yes, in words");
	value_is(level, &it, "Village (County, Township not stated)",
	    "unstated flags beside a stated one: named as not stated");
	it.audience_all = FLAG_NO;
	value_is(audience, &it, "not Everyone, Specific groups",
	    "none yes: the ones that are no");
	it.audience_all = FLAG_YES;
	value_is(method, &it, "", "a group with nothing stated: empty");
	value_is(find("Content"), &it, "content", "a text's value: the text");
}

/* element_item_name(l1, l2, pub) is want, the parts where said (-1: none). */
static void
name_is(const char *l1, const char *l2, const char *pub, const char *want,
    long long want_name, long long want_group, const char *what)
{
	size_t name_at = 99, group_at = 99;
	char *got = element_item_name(l1, l2, pub, &name_at, &group_at);

	is_str(got, want, what);
	is_int(name_at == ELEMENT_NOT_SHOWN ? -1 : (long long)name_at,
	    want_name, "  and where the name is");
	is_int(group_at == ELEMENT_NOT_SHOWN ? -1 : (long long)group_at,
	    want_group, "  and where its 一级事项 is");
	free(got);
}

static void
test_item_name(void)
{
	const char *top = getenv("top_builddir");
	char *dir = xasprintf("%s/locale", top != NULL ? top : ".");
	char *got;

	/* No locale yet: the message ids. */
	name_is("行政处罚", "政策法规文件", NULL, "政策法规文件 (行政处罚)", 0,
	    (long long)strlen("政策法规文件 ("),
	    "untranslated: the 二级事项 (its 一级事项)");
	setlocale(LC_ALL, "C.UTF-8");
	i18n_init("zh_CN", dir);
	name_is("行政处罚", "政策法规文件", NULL, "政策法规文件（行政处罚）", 0,
	    (long long)strlen("政策法规文件（"),
	    "zh_CN: 政策法规文件（行政处罚）");
	name_is("", "办事指南", NULL, "办事指南", 0, -1,
	    "no 一级事项: the 二级事项 alone");
	name_is("最低生活保障", "", NULL, "最低生活保障", 0, -1,
	    "no 二级事项: the 一级事项 is the name, once");
	name_is("户口登记", "户口登记", NULL, "户口登记", 0, -1,
	    "the same name twice: once");
	name_is("", "", NULL, "", 0, -1, "nothing at all: empty");
	name_is("户口登记", "办事指南", "晋江市",
	    "办事指南（户口登记） · 晋江市", 0,
	    (long long)strlen("办事指南（"),
	    "with a publisher, where names repeat: after the name");
	name_is("户口登记", "办事指南", "", "办事指南（户口登记）", 0,
	    (long long)strlen("办事指南（"), "an empty publisher: none");
	got = element_item_name("a%sb", "%s%n", NULL, NULL, NULL);
	is_str(got, "%s%n（a%sb）", "names are text, never a format");
	free(got);
	i18n_set_language("zh_TW");
	name_is("行政處罰", "政策法規文件", NULL, "政策法規文件（行政處罰）", 0,
	    (long long)strlen("政策法規文件（"), "zh_TW: the same brackets");
	i18n_set_language("en");
	name_is("Penalties", "Policies", "Jinjiang", "Policies (Penalties) · "
	    "Jinjiang", 0, (long long)strlen("Policies ("),
	    "en: Policies (Penalties) · Jinjiang");
	i18n_set_language("zh_CN");
	free(dir);
}

int
main(void)
{
	test_table();
	test_checks_fail();
	test_accessors();
	test_item_name();
	return tap_done();
}
