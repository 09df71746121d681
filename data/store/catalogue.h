/*
 * The catalogue store: one SQLite file holding one complete catalogue
 * version. This is the read side used by the kiosk's screens; nothing here
 * exposes SQLite. Text comes back exactly as published (NFC, not sanitised):
 * whoever shows it must sanitise it.
 */
#ifndef CHAYUE_CATALOGUE_H
#define CHAYUE_CATALOGUE_H

#include <stddef.h>
#include <stdint.h>

struct catalogue;

/* A yes/no element of an item; FLAG_UNSTATED when the source does not say. */
enum flag {
	FLAG_UNSTATED = -1,
	FLAG_NO = 0,
	FLAG_YES = 1,
};

/* The level filter of the domain screen. */
enum level_filter {
	LEVEL_ANY,
	LEVEL_COUNTY,		/* 县级 */
	LEVEL_TOWNSHIP,		/* 乡级 (乡/镇/街道) */
	LEVEL_VILLAGE,		/* 村级 (村/社区) */
	LEVEL_UNSTATED,		/* no level flag is set: 层级未注明 */
};

struct catalogue_info {
	char	*version;	/* version id, e.g. "20261126T211500Z" */
	char	*created;	/* creation date, ISO 8601 "YYYY-MM-DD" */
	size_t	 items;
	int64_t	 sequence;	/* import order of versions; 0 if not recorded */
	size_t	 jurisdictions;	/* number of distinct publishing governments */
	char	*jurisdiction_names;	/* up to 3 of them, joined with "、" */
};

struct domain {
	int	 id;
	char	*name;
	int	 national;	/* one of the 26 national pilot domains */
	int	 position;	/* 1..26 for national ones, then local ones */
	size_t	 items;
};

struct domain_list {
	struct domain	*v;
	size_t		 n;
};

/* One row of a domain's item list. */
struct item_summary {
	int64_t	 id;
	char	*level1;	/* 一级事项, carried down; may be "" */
	char	*level2;	/* 二级事项; may be "" */
	char	*jurisdiction;	/* may be "" */
};

struct item_list {
	struct item_summary	*v;
	size_t			 n;
};

struct item_filter {
	enum level_filter	 level;
	const char		*jurisdiction;	/* NULL: all */
};

/* A name with a count, e.g. a jurisdiction and its items. */
struct name_count {
	char	*name;
	size_t	 count;
};

struct name_count_list {
	struct name_count	*v;
	size_t			 n;
};

/* Every element of an item. Empty text is "" (the source did not show it). */
struct item {
	int64_t	 id;
	int	 domain_id;
	char	*domain;
	char	*level1, *level2;
	char	*content, *basis, *time_limit, *subject;
	char	*channels;	/* ticked channels, one per line */
	enum flag audience_all, audience_specific;
	enum flag method_active, method_on_request;
	enum flag level_county, level_township, level_village;
	char	*jurisdiction;
	char	*code;
	char	*source_url;
};

/*
 * Open the catalogue at path read-only. On failure returns NULL and sets
 * *error to a message for staff that the caller frees.
 */
struct catalogue *catalogue_open(const char *path, char **error);
void catalogue_close(struct catalogue *cat);

/*
 * Has another catalogue version been switched in at the path since cat
 * was opened (chayue-admin import or rollback)? One stat(2): cheap enough
 * to ask whenever the visitor comes back to the home screen.
 */
int catalogue_changed(const struct catalogue *cat);

/*
 * Open the file now at cat's path in place of the one open; cat stays the
 * same pointer. On failure cat is unchanged and -1 is returned with
 * *error. Everything read from cat before (ids too) belongs to the old
 * version.
 */
int catalogue_reopen(struct catalogue *cat, char **error);

/*
 * Queries. Each fills *out, which the caller releases with the matching
 * _done function (also after a failure). They return 0, or -1 with a
 * message in *error (caller frees).
 */
int catalogue_info(struct catalogue *cat, struct catalogue_info *out, char **error);
void catalogue_info_done(struct catalogue_info *info);

/* All national domains in standard order, then local ones with items. */
int catalogue_domains(struct catalogue *cat, struct domain_list *out, char **error);
void domain_list_done(struct domain_list *list);

/* A domain's items, by level-1 group in first-seen order, then import order. */
int catalogue_items(struct catalogue *cat, int domain_id,
    const struct item_filter *filter, struct item_list *out, char **error);
void item_list_done(struct item_list *list);

/* The jurisdictions of a domain's items under a level filter, by count. */
int catalogue_jurisdictions(struct catalogue *cat, int domain_id,
    enum level_filter level, struct name_count_list *out, char **error);
void name_count_list_done(struct name_count_list *list);

/* The files the catalogue was imported from, with their items. */
int catalogue_sources(struct catalogue *cat, struct name_count_list *out,
    char **error);

/* Every jurisdiction with its items, most first; "" when not stated. */
int catalogue_all_jurisdictions(struct catalogue *cat,
    struct name_count_list *out, char **error);

/* One item by id; -1 with *error if it does not exist. */
int catalogue_item(struct catalogue *cat, int64_t id, struct item *out, char **error);
void item_done(struct item *item);

/*
 * The item with exactly these names (the first one if several share
 * them), as data/stats/stats.h keys it: *id, or 0 when the catalogue has no
 * such item. -1 with *error if the catalogue cannot be read.
 */
int catalogue_find(struct catalogue *cat, const char *domain,
    const char *jurisdiction, const char *level1, const char *level2,
    int64_t *id, char **error);

/*
 * Items whose name is name (their 二级事项, or 一级事项 where that is
 * empty), optionally only of one domain or jurisdiction (NULL: any), by id.
 */
int catalogue_find_name(struct catalogue *cat, const char *name,
    const char *domain, const char *jurisdiction, struct item_list *out,
    char **error);

#endif
