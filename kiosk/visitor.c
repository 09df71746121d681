#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/store/catalogue.h"
#include "i18n/format.h"
#include "kiosk/config.h"
#include "kiosk/lockdown.h"
#include "kiosk/log.h"
#include "kiosk/visitor.h"
#include "lib/xmalloc.h"

static struct stats_ref
visitor_ref(const struct item *it)
{
	struct stats_ref ref = { it->domain, it->jurisdiction, it->level1,
	    it->level2 };

	return ref;
}

/* The mark for key and kind (view -1, answer 0/1 alike) in marks, or NULL. */
static struct visitor_mark *
visitor_find(struct visitor_mark *marks, int n, const char *key, int answer)
{
	int i;

	for (i = 0; i < n && i < VISITOR_MEMORY; i++) {
		if (strcmp(marks[i].key, key) == 0 &&
		    (marks[i].answer < 0) == (answer < 0))
			return &marks[i];
	}
	return NULL;
}

/* Remember a mark; a full list forgets its oldest entry. */
static void
visitor_remember(struct visitor_mark *marks, int *n, const char *key,
    int answer, long long now)
{
	struct visitor_mark *m = &marks[*n % VISITOR_MEMORY];

	snprintf(m->key, sizeof m->key, "%s", key);
	m->when = now;
	m->answer = answer;
	(*n)++;
}

/* Counted here within interval seconds, by anyone? */
static int
visitor_recent(struct visitor *v, const char *key, int answer,
    long long interval, long long now)
{
	struct visitor_mark *m = visitor_find(v->recent, v->nrecent, key, answer);

	return m != NULL && now - m->when < interval;
}

/*
 * Write one count (answer -1 a view, 0/1 an answer; change: an answer
 * changed); a failure is logged once, and the kiosk goes on.
 */
static int
visitor_write(struct visitor *v, const struct item *it, int answer,
    int change)
{
	struct stats_ref ref = visitor_ref(it);
	char day[11], *error = NULL;
	int rc;

	format_today(day);
	if (answer < 0)
		rc = stats_view(v->stats, &ref, day, &error);
	else if (change)
		rc = stats_revote(v->stats, &ref, day, answer, &error);
	else
		rc = stats_vote(v->stats, &ref, day, answer, &error);
	if (rc != 0 && !v->failed) {
		log_event(LOG_WARNING, "counts are not kept: %s", error);
		v->failed = 1;
	}
	free(error);
	return rc;
}

static void
visitor_viewed(void *ctx, const struct item *it)
{
	struct visitor *v = ctx;
	struct stats_ref ref = visitor_ref(it);
	char key[STATS_KEY_SIZE];
	long long now = lockdown_now();

	if (v->stats == NULL || !v->writable)
		return;
	stats_key(&ref, key);
	if (visitor_find(v->visit, v->nvisit, key, -1) != NULL ||
	    visitor_recent(v, key, -1, VISITOR_VIEW_INTERVAL, now))
		return;
	visitor_remember(v->visit, &v->nvisit, key, -1, now);
	visitor_remember(v->recent, &v->nrecent, key, -1, now);
	visitor_write(v, it, -1, 0);
}

static int
visitor_vote(void *ctx, const struct item *it, int useful)
{
	struct visitor *v = ctx;
	struct stats_ref ref = visitor_ref(it);
	struct visitor_mark *m;
	char key[STATS_KEY_SIZE];
	long long now = lockdown_now();

	if (v->stats == NULL || !v->writable)
		return UI_VOTE_FAILED;
	stats_key(&ref, key);
	/* A changed mind moves the answer; it is not another one. */
	if ((m = visitor_find(v->visit, v->nvisit, key, 0)) != NULL) {
		if (m->answer == (useful ? 1 : 0))
			return UI_VOTE_ALREADY;
		if (visitor_write(v, it, useful ? 1 : 0, 1) != 0)
			return UI_VOTE_FAILED;
		m->answer = useful ? 1 : 0;
		return UI_VOTE_CHANGED;
	}
	if (v->answers >= VISITOR_MAX_ANSWERS ||
	    visitor_recent(v, key, 0, VISITOR_ANSWER_INTERVAL, now))
		return UI_VOTE_LIMIT;
	if (visitor_write(v, it, useful ? 1 : 0, 0) != 0)
		return UI_VOTE_FAILED;
	v->answers++;
	visitor_remember(v->visit, &v->nvisit, key, useful ? 1 : 0, now);
	visitor_remember(v->recent, &v->nrecent, key, useful ? 1 : 0, now);
	return UI_VOTE_COUNTED;
}

static int
visitor_answer(void *ctx, const struct item *it)
{
	struct visitor *v = ctx;
	struct stats_ref ref = visitor_ref(it);
	struct visitor_mark *m;
	char key[STATS_KEY_SIZE];

	stats_key(&ref, key);
	m = visitor_find(v->visit, v->nvisit, key, 0);
	return m != NULL ? m->answer : -1;
}

/* Append the rows that are in the catalogue (and not in skip) to out. */
static int
visitor_resolve(struct catalogue *cat, const struct stats_rows *rows,
    size_t max, const struct item_list *skip, struct item_list *out)
{
	char *error = NULL;
	int64_t id;
	size_t i, j;

	for (i = 0; i < rows->n && out->n < max; i++) {
		const struct stats_row *r = &rows->v[i];

		if (catalogue_find(cat, r->domain, r->jurisdiction, r->level1,
		    r->level2, &id, &error) != 0) {
			log_event(LOG_ERR, "hot items: %s", error);
			free(error);
			return -1;
		}
		for (j = 0; skip != NULL && j < skip->n && id != 0; j++)
			id = skip->v[j].id == id ? 0 : id;
		if (id == 0)
			continue;	/* not in this catalogue version */
		out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
		out->v[out->n].id = id;
		out->v[out->n].level1 = xstrdup(r->level1);
		out->v[out->n].level2 = xstrdup(r->level2);
		out->v[out->n++].jurisdiction = xstrdup(r->jurisdiction);
	}
	return 0;
}

static int
visitor_hot(void *ctx, struct catalogue *cat, struct item_list *marked,
    struct item_list *viewed)
{
	struct visitor *v = ctx;
	struct stats_rows rows;
	char since[11], *error = NULL;
	int rc = 0;

	memset(marked, 0, sizeof *marked);
	memset(viewed, 0, sizeof *viewed);
	if (v->stats == NULL)
		return 0;
	if (stats_hot(v->stats, &rows, &error) == 0)
		rc = visitor_resolve(cat, &rows, (size_t)-1, NULL, marked);
	stats_rows_done(&rows);
	if (rc == 0 && error == NULL && v->most_viewed) {
		format_days_ago(since, VISITOR_DAYS - 1);
		/* More than shown: some may be marked or gone. */
		if (stats_most_viewed(v->stats, since, v->min_views,
		    v->min_days, VISITOR_MOST_VIEWED + marked->n + 16, &rows,
		    &error) == 0)
			rc = visitor_resolve(cat, &rows, VISITOR_MOST_VIEWED,
			    marked, viewed);
		stats_rows_done(&rows);
	}
	if (error != NULL) {
		log_event(LOG_ERR, "hot items: %s", error);
		free(error);
		rc = -1;
	}
	return rc;
}

/* Views of the most viewed items, at most this many, for the search. */
#define VISITOR_VIEWS_MAX	4096

static int
visitor_key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct stats_row *)a)->key,
	    ((const struct stats_row *)b)->key);
}

static long long
visitor_views(void *ctx, const struct item *it)
{
	struct visitor *v = ctx;
	struct stats_ref ref = visitor_ref(it);
	struct stats_row want, *r;
	char since[11], *error = NULL;

	if (v->stats == NULL)
		return 0;
	if (!v->views_read) {
		v->views_read = 1;
		format_days_ago(since, VISITOR_DAYS - 1);
		/* The hot list's floor: no single visit may show. */
		if (stats_most_viewed(v->stats, since, v->min_views,
		    v->min_days, VISITOR_VIEWS_MAX, &v->views, &error) != 0) {
			log_event(LOG_ERR, "views for the search: %s", error);
			free(error);
			stats_rows_done(&v->views);
		}
		if (v->views.n > 0)
			qsort(v->views.v, v->views.n, sizeof *v->views.v,
			    visitor_key_cmp);
	}
	if (v->views.n == 0)
		return 0;
	stats_key(&ref, want.key);
	r = bsearch(&want, v->views.v, v->views.n, sizeof *v->views.v,
	    visitor_key_cmp);
	return r != NULL ? r->a : 0;
}

void
visitor_init(struct visitor *v, const struct config *cfg)
{
	char *path, *error = NULL;

	memset(v, 0, sizeof *v);
	v->ui.viewed = visitor_viewed;
	v->ui.vote = visitor_vote;
	v->ui.answer = visitor_answer;
	v->ui.hot = visitor_hot;
	v->ui.views = visitor_views;
	v->ui.ctx = v;
	v->most_viewed = cfg->hot_most_viewed;
	v->min_views = cfg->hot_min_views;
	v->min_days = cfg->hot_min_days;
	path = cfg->state_file != NULL ? xstrdup(cfg->state_file) :
	    stats_default_path(cfg->catalogue);
	v->writable = 1;
	if ((v->stats = stats_open(path, 1, &error)) == NULL) {
		free(error);
		error = NULL;
		/* Staff-marked hot items can still be shown. */
		v->writable = 0;
		v->stats = stats_open(path, 0, &error);
	}
	v->ui.counting = v->stats != NULL && v->writable;
	if (v->stats == NULL)
		log_event(LOG_WARNING, "no counts and no hot items: %s", error);
	else if (!v->writable)
		log_event(LOG_WARNING, "state file %s is read-only: nothing "
		    "is counted", path);
	free(error);
	free(path);
}

void
visitor_done(struct visitor *v)
{
	stats_close(v->stats);
	explicit_bzero(v->visit, sizeof v->visit);
	stats_rows_done(&v->views);
	v->views_read = 0;
	v->stats = NULL;
}

void
visitor_reset(struct visitor *v)
{
	/* Nothing of the last visitor may be found by the next one. */
	explicit_bzero(v->visit, sizeof v->visit);
	v->nvisit = 0;
	v->answers = 0;
	/* The counts may have grown: read them again for the next visitor. */
	stats_rows_done(&v->views);
	v->views_read = 0;
}
