/*
 * The elements of an item, in page order. See data/store/element.h.
 */
#include <config.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "data/store/catalogue.h"
#include "data/store/element.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"

/* Designated initialisers, so that -Wextra accepts the fields left out. */
#define ELEMENT_T(l, field, opt)					\
	{ .label = (l), .kind = ELEMENT_TEXT,				\
	  .offset = offsetof(struct item, field), .optional = (opt) }
#define ELEMENT_F(name_, field)						\
	{ .name = (name_), .offset = offsetof(struct item, field) }

/*
 * The published table's order (领域 ... 公开层级), then the publishing
 * government, the code and the source address. Code is not a column of
 * the published tables, so an item without one leaves it out rather than
 * saying "not stated".
 */
static const struct element element_table[] = {
	ELEMENT_T(N_("Domain"), domain, 0),
	ELEMENT_T(N_("Level-1 item"), level1, 0),
	ELEMENT_T(N_("Level-2 item"), level2, 0),
	ELEMENT_T(N_("Content"), content, 0),
	ELEMENT_T(N_("Basis"), basis, 0),
	ELEMENT_T(N_("Time limit"), time_limit, 0),
	ELEMENT_T(N_("Subject"), subject, 0),
	ELEMENT_T(N_("Channels"), channels, 0),
	{ .label = N_("Audience"), .kind = ELEMENT_FLAGS, .flags = {
	    ELEMENT_F(N_("Everyone"), audience_all),
	    ELEMENT_F(N_("Specific groups"), audience_specific) },
	    .nflags = 2 },
	{ .label = N_("Method"), .kind = ELEMENT_FLAGS, .flags = {
	    ELEMENT_F(N_("Proactive"), method_active),
	    ELEMENT_F(N_("On request"), method_on_request) },
	    .nflags = 2 },
	{ .label = N_("Level"), .kind = ELEMENT_FLAGS, .flags = {
	    ELEMENT_F(N_("County"), level_county),
	    ELEMENT_F(N_("Township"), level_township),
	    ELEMENT_F(N_("Village"), level_village) },
	    .nflags = 3 },
	ELEMENT_T(N_("Published by"), jurisdiction, 0),
	ELEMENT_T(N_("Code"), code, 1),
	ELEMENT_T(N_("Source address"), source_url, 0),
};

#define ELEMENT_N	(sizeof element_table / sizeof element_table[0])

const struct element *
element_get(size_t i)
{
	return i < ELEMENT_N ? &element_table[i] : NULL;
}

const char *
element_text(const struct element *e, const struct item *it)
{
	const char *v;

	if (e->kind != ELEMENT_TEXT)
		return NULL;
	/* The bytes at offset are a char * of *it; memcpy reads them as one. */
	memcpy(&v, (const char *)it + e->offset, sizeof v);
	return v;
}

enum flag
element_flag_value(const struct element *e, const struct item *it, size_t i)
{
	enum flag v;

	if (e->kind != ELEMENT_FLAGS || i >= e->nflags)
		return FLAG_UNSTATED;
	memcpy(&v, (const char *)it + e->flags[i].offset, sizeof v);
	return v;
}

int
element_stated(const struct element *e, const struct item *it)
{
	const char *v;
	size_t i;

	if (e->kind == ELEMENT_TEXT)
		return (v = element_text(e, it)) != NULL && v[0] != '\0';
	for (i = 0; i < e->nflags; i++) {
		if (element_flag_value(e, it, i) != FLAG_UNSTATED)
			return 1;
	}
	return 0;
}

int
element_shown(const struct element *e, const struct item *it)
{
	return !e->optional || element_stated(e, it);
}

/* Append name to the list *list ("a、b"), freeing the old one. */
static void
element_list_add(char **list, const char *name)
{
	char *next;

	if (*list == NULL) {
		*list = xstrdup(name);
		return;
	}
	/* TRANSLATORS: joins the names of a list: 县级、乡级. */
	next = xasprintf(_("%s, %s"), *list, name);
	free(*list);
	*list = next;
}

/*
 * A flag group in words, on one line: the flags that are yes, then in
 * brackets those the source left unstated ("全社会（特定群体未注明）");
 * when none is yes, the ones that are no ("非县级（乡级、村级未注明）").
 */
static char *
element_flags_words(const struct element *e, const struct item *it)
{
	char *yes = NULL, *no = NULL, *unstated = NULL, *text, *main;
	enum flag v;
	size_t i;

	for (i = 0; i < e->nflags; i++) {
		v = element_flag_value(e, it, i);
		element_list_add(v == FLAG_YES ? &yes : v == FLAG_NO ? &no :
		    &unstated, _(e->flags[i].name));
	}
	if (yes != NULL)
		main = xstrdup(yes);
	else	/* TRANSLATORS: none of the flags is yes: 非县级、乡级. */
		main = xasprintf(_("not %s"), no);
	if (unstated != NULL)
		/* TRANSLATORS: 全社会（特定群体未注明）. */
		text = xasprintf(_("%s (%s not stated)"), main, unstated);
	else
		text = xstrdup(main);
	free(main);
	free(yes);
	free(no);
	free(unstated);
	return text;
}

char *
element_value(const struct element *e, const struct item *it)
{
	if (e->kind == ELEMENT_TEXT)
		return xstrdup(element_text(e, it));
	if (!element_stated(e, it))
		return xstrdup("");
	return element_flags_words(e, it);
}

size_t
element_label_cols(void)
{
	const char *label;
	size_t i, w, widest = 0;

	for (i = 0; i < ELEMENT_N; i++) {
		label = _(element_table[i].label);
		if ((w = text_width(label, strlen(label))) > widest)
			widest = w;
	}
	return widest;
}

/*
 * fmt with its two strings replaced by a and b, and where they went: a
 * translation may swap them ("%2$s（%1$s）"). A translation that is not
 * two plain strings, which msgfmt --check would let through with a
 * different conversion order, falls back to dflt. Caller frees.
 */
static char *
element_fill2(const char *fmt, const char *dflt, const char *a, const char *b,
    size_t *a_at, size_t *b_at)
{
	const char *args[2] = { a, b }, *p;
	size_t at[2] = { ELEMENT_NOT_SHOWN, ELEMENT_NOT_SHOWN };
	size_t len = 0, next = 0, k;
	char *out;

	out = xmalloc(strlen(fmt) + strlen(a) + strlen(b) + 1);
	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%') {
			out[len++] = *p;
			continue;
		}
		if (p[1] == '%') {
			out[len++] = *++p;
			continue;
		}
		if (p[1] == 's')
			k = next++;
		else if ((p[1] == '1' || p[1] == '2') && p[2] == '$' &&
		    p[3] == 's')
			k = (size_t)(p[1] - '1');
		else
			k = 2;
		if (k > 1 || at[k] != ELEMENT_NOT_SHOWN)
			break;	/* not a translation of "%s … %s" */
		at[k] = len;
		memcpy(out + len, args[k], strlen(args[k]));
		len += strlen(args[k]);
		p += p[1] == 's' ? 1 : 3;
	}
	if (*p != '\0' || at[0] == ELEMENT_NOT_SHOWN ||
	    at[1] == ELEMENT_NOT_SHOWN) {
		free(out);
		return element_fill2(dflt, dflt, a, b, a_at, b_at);
	}
	out[len] = '\0';
	if (a_at != NULL)
		*a_at = at[0];
	if (b_at != NULL)
		*b_at = at[1];
	return out;
}

char *
element_item_name(const char *level1, const char *level2,
    const char *publisher, size_t *name_at, size_t *group_at)
{
	size_t at = 0, group = ELEMENT_NOT_SHOWN, name_in;
	char *name, *with;

	if (level2[0] == '\0')
		name = xstrdup(level1);
	else if (level1[0] == '\0' || strcmp(level1, level2) == 0)
		name = xstrdup(level2);
	else
		/* TRANSLATORS: 二级事项 (一级事项): 政策法规文件（行政处罚）. */
		name = element_fill2(_("%s (%s)"), "%s (%s)", level2, level1,
		    &at, &group);
	if (publisher != NULL && publisher[0] != '\0') {
		/* TRANSLATORS: an item's name and its publisher, where
		   names repeat: 办事指南（户口登记） · 晋江市. */
		with = element_fill2(_("%s · %s"), "%s · %s", name, publisher,
		    &name_in, NULL);
		at += name_in;
		if (group != ELEMENT_NOT_SHOWN)
			group += name_in;
		free(name);
		name = with;
	}
	if (name_at != NULL)
		*name_at = at;
	if (group_at != NULL)
		*group_at = group;
	return name;
}
