/*
 * Reading synonym files (format in data/search/synonyms.h) and finding the
 * rules a query can use.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/search/synonyms.h"
#include "i18n/fold.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

/* A synonym file larger than this is a mistake, not a word list. */
#define SYNONYMS_MAX_BYTES	(4u << 20)

void
synonyms_init(struct synonyms *syn)
{
	memset(syn, 0, sizeof *syn);
}

void
synonyms_done(struct synonyms *syn)
{
	size_t i, k;

	for (i = 0; i < syn->n; i++) {
		for (k = 0; k < syn->v[i].n; k++) {
			free(syn->v[i].w[k].text);
			free(syn->v[i].w[k].u);
		}
		free(syn->v[i].w);
	}
	free(syn->v);
	memset(syn, 0, sizeof *syn);
}

/* Append line and a newline to *errors. */
static void
synonyms_append(char **errors, const char *line)
{
	char *e = xasprintf("%s%s\n", *errors != NULL ? *errors : "", line);

	free(*errors);
	*errors = e;
}

/* Append "name:line:column: msg" (a message id) and a newline to *errors. */
static void
synonyms_error(char **errors, const char *name, unsigned line, size_t col,
    const char *msg)
{
	char *e = xasprintf("%s:%u:%zu: %s", name, line, col, _(msg));

	synonyms_append(errors, e);
	free(e);
}

/* The column (1-based, in characters) of byte at of a line. */
static size_t
synonyms_column(const char *line, size_t at)
{
	size_t i, col = 1;

	for (i = 0; i < at; i++) {
		if (((unsigned char)line[i] & 0xC0) != 0x80)
			col++;
	}
	return col;
}

/* A separator at s[0..): its length in bytes, 0 if none. */
static size_t
synonyms_comma(const char *s, size_t left)
{
	if (left >= 1 && s[0] == ',')
		return 1;
	/* Not 、: catalogue names hold it (迁出、迁入登记). */
	if (left >= 3 && memcmp(s, "，", 3) == 0)
		return 3;
	return 0;
}

static int
synonyms_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/*
 * The words of one side, line[b..e), into rule r. -1 (after reporting) if
 * a word is empty or folds to nothing.
 */
static int
synonyms_side(struct synonyms_rule *r, const char *name, unsigned lineno,
    const char *line, size_t b, size_t e, char **errors)
{
	struct fold_text f;
	struct synonyms_word *w;
	size_t i = b, start, end, k;

	fold_text_init(&f);
	for (;;) {
		start = i;
		while (i < e && synonyms_comma(line + i, e - i) == 0)
			i++;
		end = i;
		while (start < end && synonyms_space(line[start]))
			start++;
		while (end > start && synonyms_space(line[end - 1]))
			end--;
		fold_text(&f, line + start, end - start);
		if (f.n == 0) {
			synonyms_error(errors, name, lineno,
			    synonyms_column(line, start), start == end ?
			    N_("an empty word; remove the extra comma or write "
			    "a word") : N_("a word with nothing to search for; "
			    "write letters, digits or characters"));
			fold_text_done(&f);
			return -1;
		}
		if (f.n > QUERY_MAX) {
			synonyms_error(errors, name, lineno,
			    synonyms_column(line, start), N_("a word longer "
			    "than a query can be (63 characters); shorten it"));
			fold_text_done(&f);
			return -1;
		}
		r->w = xreallocarray(r->w, r->n + 1, sizeof *r->w);
		w = &r->w[r->n++];
		w->text = xstrndup(line + start, end - start);
		w->n = f.n;
		w->u = xcalloc(f.n, sizeof *w->u);
		for (k = 0; k < f.n; k++)
			w->u[k] = f.v[k];
		if (i >= e)
			break;
		i += synonyms_comma(line + i, e - i);
	}
	fold_text_done(&f);
	return 0;
}

static void
synonyms_rule_free(struct synonyms_rule *r)
{
	size_t k;

	for (k = 0; k < r->n; k++) {
		free(r->w[k].text);
		free(r->w[k].u);
	}
	free(r->w);
}

/* One line (without its newline); 1 if it is bad. */
static int
synonyms_line(struct synonyms *syn, const char *name, unsigned lineno,
    const char *line, size_t len, char **errors)
{
	struct synonyms_rule r;
	const char *arrow, *again;
	size_t e = len, b = 0, at;

	/* A comment runs to the end of the line (Solr: a line from #). */
	for (at = 0; at < len; at++) {
		if (line[at] == '#') {
			e = at;
			break;
		}
	}
	while (b < e && synonyms_space(line[b]))
		b++;
	while (e > b && synonyms_space(line[e - 1]))
		e--;
	if (b == e)
		return 0;
	memset(&r, 0, sizeof r);
	r.line = lineno;
	arrow = memmem(line + b, e - b, "=>", 2);
	if (arrow != NULL) {
		at = (size_t)(arrow - line);
		again = memmem(arrow + 2, e - at - 2, "=>", 2);
		if (again != NULL) {
			synonyms_error(errors, name, lineno, synonyms_column(line,
			    (size_t)(again - line)), N_("a second '=>'; write "
			    "one rule a line"));
			return 1;
		}
		if (synonyms_side(&r, name, lineno, line, b, at, errors) != 0 ||
		    (r.left = r.n, synonyms_side(&r, name, lineno, line, at + 2,
		    e, errors)) != 0) {
			synonyms_rule_free(&r);
			return 1;
		}
	} else {
		if (synonyms_side(&r, name, lineno, line, b, e, errors) != 0) {
			synonyms_rule_free(&r);
			return 1;
		}
		r.left = r.n;
		if (r.n < 2) {
			synonyms_error(errors, name, lineno, synonyms_column(line,
			    b), N_("a group of one word; list two or more, "
			    "separated by commas"));
			synonyms_rule_free(&r);
			return 1;
		}
	}
	syn->v = xreallocarray(syn->v, syn->n + 1, sizeof *syn->v);
	syn->v[syn->n++] = r;
	return 0;
}

size_t
synonyms_parse(struct synonyms *syn, const char *name, const char *text,
    size_t len, char **errors)
{
	size_t at = 0, end, bad = 0;
	unsigned lineno = 0;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		at = 3;		/* a byte-order mark, as Windows editors write */
	while (at < len) {
		lineno++;
		for (end = at; end < len && text[end] != '\n'; end++)
			;
		bad += (size_t)synonyms_line(syn, name, lineno, text + at,
		    end - at, errors);
		at = end + 1;
	}
	return bad;
}

size_t
synonyms_load(struct synonyms *syn, const char *path, int missing_ok,
    char **errors)
{
	FILE *fp;
	char *buf, *e;
	size_t n, bad;
	int err;

	if ((fp = fopen(path, "rb")) == NULL) {
		err = errno;	/* before gettext and the allocations */
		if (missing_ok && err == ENOENT)
			return 0;
		/* TRANSLATORS: a synonym file: why it cannot be opened. */
		e = xasprintf(_("%s: %s; check the path"), path,
		    strerror(err));
		synonyms_append(errors, e);
		free(e);
		return 1;
	}
	buf = xmalloc(SYNONYMS_MAX_BYTES + 1);
	n = fread(buf, 1, SYNONYMS_MAX_BYTES + 1, fp);
	if (ferror(fp) || n > SYNONYMS_MAX_BYTES) {
		e = xasprintf("%s: %s", path, ferror(fp) ? _("cannot be "
		    "read; check the file") : _("larger than 4 MB; this is not "
		    "a synonym list"));
		synonyms_append(errors, e);
		free(e);
		fclose(fp);
		free(buf);
		return 1;
	}
	fclose(fp);
	bad = synonyms_parse(syn, path, buf, n, errors);
	free(buf);
	return bad;
}

size_t
synonyms_load_kiosk(struct synonyms *syn, const char *shipped,
    const char *local, int missing_ok, char **errors)
{
	const char *env = getenv("CHAYUE_SYNONYMS");
	size_t bad;

	*errors = NULL;
	synonyms_init(syn);
	if (env != NULL && *env != '\0')
		shipped = env;
	bad = synonyms_load(syn, shipped, 1, errors);
	if (local != NULL)
		bad += synonyms_load(syn, local, missing_ok, errors);
	return bad;
}

/* Where the folded query holds w literally: its first offset, or -1. */
static long
synonyms_find(const struct query *q, const struct synonyms_word *w)
{
	size_t i;

	for (i = 0; i + w->n <= q->n; i++) {
		if (memcmp(q->u + i, w->u, w->n * sizeof *w->u) == 0)
			return (long)i;
	}
	return -1;
}

/*
 * The word of rule r that the query holds (the longest), or spells in
 * pinyin as a whole (*whole); r->left if none. *at: where it is.
 */
static size_t
synonyms_best(const struct synonyms_rule *r, const struct query *q, long *at,
    int *whole)
{
	size_t a, best = r->left;
	long k;

	*at = -1;
	*whole = 0;
	for (a = 0; a < r->left; a++) {
		k = synonyms_find(q, &r->w[a]);
		if (k >= 0 && (best == r->left || r->w[a].n > r->w[best].n)) {
			best = a;
			*at = k;
		}
	}
	for (a = 0; best == r->left && a < r->left; a++) {
		if ((q->letters || (q->mode & QUERY_SOUND)) && q->n >= 2 &&
		    r->w[a].n >= 2 &&
		    query_match(q, r->w[a].u, r->w[a].n) == QUERY_EXACT) {
			best = a;
			*whole = 1;
		}
	}
	return best;
}

size_t
synonyms_match(const struct synonyms *syn, const struct query *q,
    struct synonyms_use *out, size_t max)
{
	const struct synonyms_rule *r;
	size_t i, b, best, len, *found, n = 0;
	long at;
	int whole;

	/*
	 * The rules whose word covers most of the query first, so that the
	 * rewrites a long query has room for are the telling ones (参军注销户口
	 * before the many of 户口).
	 */
	found = xcalloc(syn->n + 1, sizeof *found);
	for (i = 0; i < syn->n; i++) {
		best = synonyms_best(&syn->v[i], q, &at, &whole);
		found[i] = best == syn->v[i].left ? 0 : whole ? q->n :
		    syn->v[i].w[best].n;
	}
	for (len = q->n; len > 0 && n < max; len--) {
		for (i = 0; i < syn->n && n < max; i++) {
			if (found[i] != len)
				continue;
			r = &syn->v[i];
			best = synonyms_best(r, q, &at, &whole);
			/* An equivalence: every other word; one way: the right. */
			for (b = r->left == r->n ? 0 : r->left; b < r->n &&
			    n < max; b++) {
				if (b == best)
					continue;
				out[n].from = &r->w[best];
				out[n].to = &r->w[b];
				out[n].at = whole ? 0 : (size_t)at;
				out[n].len = whole ? q->n : r->w[best].n;
				out[n].whole = whole;
				n++;
			}
		}
	}
	free(found);
	return n;
}
