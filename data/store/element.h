/*
 * The elements of an item in the order the item page and the printed
 * page show them: each one's label, where its value is in struct item,
 * and whether it is text or a group of yes/no flags. The one list both
 * screens/item.c and print/page.c walk, so that they cannot disagree.
 * Pure data: no curses, no SQLite, no allocation. Labels and flag names
 * are message ids: the caller translates them with _().
 */
#ifndef CHAYUE_ELEMENT_H
#define CHAYUE_ELEMENT_H

#include <stddef.h>

#include "data/store/catalogue.h"

#define ELEMENT_MAX_FLAGS	3

enum element_kind {
	ELEMENT_TEXT,		/* a char * of struct item */
	ELEMENT_FLAGS,		/* a group of enum flag of struct item */
};

/* One yes/no element of a flag group, e.g. 全社会 under 公开对象. */
struct element_flag {
	const char	*name;		/* message id */
	size_t		 offset;	/* of an enum flag in struct item */
};

struct element {
	const char		*label;		/* message id */
	enum element_kind	 kind;
	size_t			 offset;	/* TEXT: of a char * in struct item */
	int			 optional;	/* left out when empty */

	/* ELEMENT_FLAGS: the group's flags, in order. */
	struct element_flag	 flags[ELEMENT_MAX_FLAGS];
	size_t			 nflags;
};

/*
 * The i-th element (0-based) in page order, or NULL past the last one, so
 * that callers loop until NULL. Points into static storage.
 */
const struct element *element_get(size_t i);

/*
 * The value of a text element of it: points into it (not copied; the
 * caller does not free it), "" when the source left it empty. NULL for a
 * flag group.
 */
const char *element_text(const struct element *e, const struct item *it);

/*
 * The i-th flag (0-based) of a flag group of it; FLAG_UNSTATED for i past
 * the group's flags or for a text element.
 */
enum flag element_flag_value(const struct element *e, const struct item *it,
    size_t i);

/*
 * Does the source state the element for it: text that is not empty, or
 * at least one flag of a group that is not FLAG_UNSTATED.
 */
int element_stated(const struct element *e, const struct item *it);

/*
 * Is the element shown for it at all: every one is, "not stated" when
 * empty, except an optional one that is empty.
 */
int element_shown(const struct element *e, const struct item *it);

/*
 * The value as the item page and the printout show it, translated: the
 * text (empty when the source left it empty), or for a flag group one line
 * in words: the flags that are yes, those left unstated in brackets
 * ("全社会（特定群体未注明）"; "非县级" when none is yes), empty when the
 * source states none of them. The caller frees it.
 */
char *element_value(const struct element *e, const struct item *it);

/* An offset element_item_name gives for a part it does not show. */
#define ELEMENT_NOT_SHOWN	((size_t)-1)

/*
 * An item's name as every list shows it (search results, hot items, the
 * item page's heading, chayue-admin's reports): its 二级事项 with its
 * 一级事项 in brackets, "政策法规文件（行政处罚）", since many 二级事项
 * (政策法规文件, 办事指南, 事务类) say nothing alone; only one of them
 * when the other is empty or the same. With a publisher (NULL or "":
 * none), for lists where names repeat: "办事指南（户口登记） · 晋江市".
 * Translated, but not sanitised: catalogue text in it is as published.
 *
 * *name_at and *group_at (either may be NULL) get the byte offsets in the
 * result of the 二级事项 (the 一级事项 when that is the name) and of the
 * 一级事项 in brackets, or ELEMENT_NOT_SHOWN, so that a caller can mark a
 * match in either. The caller frees the result.
 */
char *element_item_name(const char *level1, const char *level2,
    const char *publisher, size_t *name_at, size_t *group_at);

/* The display columns of the widest translated label. */
size_t element_label_cols(void);

#endif
