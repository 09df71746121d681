/*
 * Search as you type over an open catalogue: the one implementation behind
 * the kiosk's search screen and `chayue-admin search`.
 *
 * A query (data/search/query.h) matches an item when it matches the item's name
 * (level-2, or level-1 when there is none), level-1 group, content, basis,
 * subject or publishing jurisdiction. Results are ranked:
 *   1. the name is the query (exact), 2. the name starts with it,
 *   3. the name contains it, 4. another element contains it;
 * ties in the order of the domains (the 26 national ones in the standard
 * order, then local ones), then in import order.
 *
 * search_open maps the index image written beside the catalogue's version
 * (data/search/image.h), or builds it in memory from the catalogue file
 * (data/search/index.h) if there is none; the search owns it until
 * search_close. The catalogue knows
 * nothing of it: whoever closes or reopens the catalogue closes the search.
 */
#ifndef CHAYUE_SEARCH_H
#define CHAYUE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "data/store/catalogue.h"
#include "data/search/query.h"

/* The element of an item a result was found in. */
enum search_field {
	SEARCH_FIELD_NAME,
	SEARCH_FIELD_GROUP,		/* level-1 */
	SEARCH_FIELD_CONTENT,
	SEARCH_FIELD_BASIS,
	SEARCH_FIELD_SUBJECT,
	SEARCH_FIELD_JURISDICTION,
};
#define SEARCH_FIELDS	6

/* The element's label, an untranslated message id (N_). */
const char *search_field_label(enum search_field f);

struct search_hit {
	int64_t			item;
	enum query_tier		tier;	/* of the name; QUERY_NONE: elsewhere
					   (search_display says where) */
};

/* Optional narrowing: the domain and level the visitor was browsing. */
struct search_filter {
	int			domain_id;	/* 0: every domain */
	enum level_filter	level;
};

struct search_results {
	struct search_hit	*v;
	size_t			 n;
	size_t			 total;		/* items that match */
	int			 complete;	/* 0: total is a lower bound */
};

/* How much work one search may do. */
enum search_effort {
	/*
	 * For the kiosk: a search stops after verifying a bounded number of
	 * distinct texts, so every keystroke is answered at once; the hits
	 * it returns are still the best ones in order, but there may be
	 * fewer than limit and total may be a lower bound.
	 */
	SEARCH_BOUNDED,
	SEARCH_COMPLETE,	/* everything (the command line) */
};

struct search;

/*
 * Open the search index of cat: map its version's index file, or build
 * it (see above). Costs the same at any size when the file is there. The
 * caller owns the result and frees it with search_close (NULL is fine),
 * before closing cat; it keeps reading the version cat had, so after
 * catalogue_reopen(cat) close it and open another. NULL with *error
 * (caller frees) if the catalogue has none (it was built by an older
 * chayue-admin) or cannot be read.
 */
struct search *search_open(struct catalogue *cat, char **error);
void search_close(struct search *s);

/*
 * A search over an index image alone (data/search/image.h), which it then
 * owns: hits give item ids, and search_display fails (no catalogue). For
 * tools and tests that read an image without its catalogue. Never fails.
 */
struct image;
struct search *search_open_image(struct image *img);

/*
 * NULL if the index is its version's index file, mapped; else why it was
 * built in memory instead (owned by s), for the log or a warning.
 */
const char *search_note(const struct search *s);

/*
 * The best hits for q (at most limit; 0: all), best first, into *out
 * (release with search_results_done, also after a failure). filter may be
 * NULL. An empty query gives no hits without looking at s, which may then
 * be NULL (no index is needed to find nothing). 0, or -1 with *error.
 */
int search_run(struct search *s, const struct query *q,
    const struct search_filter *filter, size_t limit,
    enum search_effort effort, struct search_results *out, char **error);
void search_results_done(struct search_results *r);

/*
 * The items of domain_id that the filter keeps (its level; NULL: all), in
 * rank order, at most max into out; returns how many there are in all.
 * From memory: no catalogue read.
 */
size_t search_domain_items(struct search *s, int domain_id,
    const struct search_filter *filter, int64_t *out, size_t max);

/* What a result shows: the item, and where the query matched in it. */
struct search_display {
	struct item		 item;
	const char		*name;		/* level-2, else level-1 */
	size_t			 name_start, name_end;	/* bytes; equal: none */
	enum search_field	 field;		/* the first that matched */
	const char		*text;		/* that element */
	size_t			 start, end;	/* its matched bytes */
};

/*
 * Read a hit's item and find the matched parts (for highlighting). The
 * strings point into out->item. Release with search_display_done.
 */
int search_display(struct search *s, const struct query *q,
    const struct search_hit *hit, struct search_display *out, char **error);
void search_display_done(struct search_display *d);

#endif
