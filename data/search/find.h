/*
 * What a visitor finds: the one search behind the kiosk's search screen
 * and `chayue-admin search`, on top of the index (data/search/engine.h).
 *
 * For what was typed it runs, in this order:
 *   1. the query itself ("exact": literally, or as pinyin or initials);
 *   2. the query with a word of a synonym rule replaced by each word the
 *      rule gives (data/search/synonyms.h): 低保 also finds 最低生活保障;
 *   3. only when 1 and 2 find fewer than FIND_FEW items ("sound"): the
 *      query with each Han character standing for every character that
 *      shares a reading, or a reading that sounds alike to many speakers
 *      (z/zh, c/ch, s/sh, n/l, f/h, an/ang, en/eng, in/ing: 最底 → 最低,
 *      户藉 → 户籍, 扶平 → 扶贫), and the synonym words it sounds like (低报:
 *      低保); pinyin with one letter missing, extra, wrong or two swapped
 *      (zuidishenhuo), those spelling a word of the vocabulary first;
 *   4. still fewer than FIND_FEW: the words of the query that a synonym
 *      rule knows, alone, and their synonyms (孩子上户口: 上户口, 出生登记);
 *   5. still fewer, for Chinese: the longest runs of the query's
 *      characters that find something (房子评估: 评估), at most FIND_PARTS
 *      searches;
 * and matches the domains' names and aliases (in any script, pinyin or
 * initials) against 1-3: a domain named is a row of its own, first (a
 * domain named by a word of a longer query only, as 户口 in 生孩子上户口,
 * is not: the visitor asked for more than the domain; nor is one named
 * only through a synonym when the query as typed is in items' names).
 *
 * Ranking, best first, each rule breaking the ties of the one before:
 *   a. found exactly or by synonym, before found by sound (the whole
 *      query with a slip), before a word of the query alone (孩子上户口:
 *      上户口), before a run of its characters alone (耕地地利保护:
 *      耕地地力保护 by sound before 土地利用 by 地利); among those found by
 *      sound or by a word or run alone: more of the query's characters in
 *      the name, then in the name, group and content (养老服务补贴:
 *      养老服务扶持补贴 before 养老服务扶持政策措施清单);
 *   b. in a domain the query names, before the others;
 *   c. where it matched: the name (whole, then its start, then inside),
 *      the level-1 group, the content, the basis or subject, the
 *      publisher;
 *   d. how: characters or whole pinyin syllables (or initials spelling
 *      all of a word the query names: csdj, 出生登记) before initials only; a
 *      character's common reading before a rare one (和 he before hu);
 *      as typed (or the word it sounds like) before through a synonym;
 *   e. what it matched is shared by more of the hits (zdsh: the many
 *      最低生活保障 items before the one 征地审查);
 *   f. more views (the anonymous counts, if the caller gives them);
 *   g. the order of the domains, then import order (the index's order).
 * Rules c-f read the items, so only the first FIND_RESCORE hits (the
 * kiosk: FIND_RESCORE_KIOSK, the screens a visitor pages through) are
 * ranked this way; any after them keep the index's order (tier of the name,
 * domain order, import order).
 */
#ifndef CHAYUE_FIND_H
#define CHAYUE_FIND_H

#include <stddef.h>
#include <stdint.h>

#include "data/search/engine.h"
#include "data/search/query.h"
#include "data/search/synonyms.h"
#include "data/store/catalogue.h"

/* Fewer exact and synonym hits than this try the sound-alike search. */
#define FIND_FEW	3
/* Searches for runs of the query's characters (step 5), at most. */
#define FIND_PARTS	24
/* Hits ranked by rules c-f: a complete search, and the kiosk's. */
#define FIND_RESCORE	300
#define FIND_RESCORE_KIOSK	40

enum find_via {
	FIND_EXACT,
	FIND_SYNONYM,
	FIND_SOUND,
};

/* "exact", "synonym", "sound". */
const char *find_via_name(enum find_via via);

/* One query that was run (the visitor's, or a rewrite of it). */
struct find_query {
	struct query		 q;
	enum find_via		 via;
	const char		*word;	/* FIND_SYNONYM: the word searched
					   for (the synonym file's) */
	int			 relaxed;	/* 1: a word of the query
					   alone; 2: a run of its
					   characters alone */
	int			 synonym;	/* FIND_SOUND: a synonym of
					   the word it sounds like */
};

struct find_hit {
	int64_t			 item;		/* 0: a domain row */
	const struct domain	*domain;	/* a domain row's (the
						   find's; valid until
						   find_close) */
	size_t			 query;		/* in find_results.queries */
	enum find_via		 via;
	enum query_tier		 tier;		/* as search_hit's */
};

struct find_results {
	struct find_hit		*v;
	size_t			 n;
	size_t			 domains;	/* v[0..domains): domain rows */
	size_t			 total;		/* items that match */
	int			 complete;	/* 0: total is a lower bound */
	int			 sound;		/* a hit came by sound */
	char			*also;		/* the synonyms that found
						   something, "、"-separated;
						   NULL: none */
	struct find_query	*queries;
	size_t			 nqueries;
};

/*
 * How hit h of r came: find_via_name's, or "part" for an item found by a
 * word of the query alone or a run of its characters (not the whole
 * query).
 */
const char *find_hit_via(const struct find_results *r,
    const struct find_hit *h);

struct find;

/*
 * A finder over the index s of cat, with the synonyms syn (may be NULL).
 * The caller owns the result (find_close), and keeps s, cat and syn
 * until then. NULL with *error (caller frees) if the domains cannot be
 * read.
 */
struct find *find_open(struct search *s, struct catalogue *cat,
    const struct synonyms *syn, char **error);
void find_close(struct find *f);

/* Rule f: an item's views (any scale, more is better), or NULL. */
void find_set_views(struct find *f, long long (*views)(void *ctx,
    const struct item *it), void *ctx);

/*
 * The best hits for text[0..len) (at most limit items, and the domain
 * rows; limit 0: all) into *out, released with find_results_done, also
 * after a failure. filter may be NULL; a filter on a domain shows no
 * domain rows. 0, or -1 with *error.
 */
int find_run(struct find *f, const char *text, size_t len,
    const struct search_filter *filter, size_t limit,
    enum search_effort effort, struct find_results *out, char **error);
void find_results_done(struct find_results *r);

/*
 * What item hit i of r shows (search_display, with the query that found
 * it). Not for domain rows. Release with search_display_done.
 */
int find_display(struct find *f, const struct find_results *r, size_t i,
    struct search_display *out, char **error);

#endif
