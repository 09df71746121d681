/*
 * Synonyms for search: groups of words that mean the same thing to a
 * visitor (低保 and 最低生活保障, 户口 and 户籍), applied at query time by
 * data/search/find.c; the stored catalogue text never changes.
 *
 * The file format is a subset of Solr's synonyms.txt (Lucene's
 * SolrSynonymParser, which Elasticsearch's "synonym" filter reads too):
 *
 *   # a comment, to the end of the line; blank lines are ignored
 *   低保, 最低生活保障            equivalent: each finds the others
 *   拆迁 => 房屋征收, 征收补偿    one way: the left side also finds the right
 *   旧名, 别名 => 新名            several words on the left
 *
 * Words are separated by commas (ASCII or full-width ，; not 、, which
 * catalogue names hold: 迁出、迁入登记); white space
 * around a word is dropped; a word is compared folded (i18n/fold.h), so
 * 戶籍 in a query meets 户籍 in the file. Supported from Solr: `,`, `=>`
 * and `#`. Not supported: `\` escapes, multi-word terms that Solr splits
 * on spaces (a word here may hold spaces; they are folded away), and
 * `expand=false` (an equivalence line always expands to every word).
 * The same word may be in several lines; each line applies on its own.
 *
 * A bad line is reported as `file:line:column: what; what to do` and
 * skipped; the other lines still apply, so a hall's bad local file never
 * stops the kiosk.
 */
#ifndef CHAYUE_SYNONYMS_H
#define CHAYUE_SYNONYMS_H

#include <stddef.h>
#include <stdint.h>

#include "data/search/query.h"

/* One word of a rule: its text as written and folded. */
struct synonyms_word {
	char		*text;		/* UTF-8, as in the file */
	uint32_t	*u;		/* folded */
	size_t		 n;
};

/* One line: words on the left find those on the right (both: all). */
struct synonyms_rule {
	struct synonyms_word	*w;
	size_t			 n;
	size_t			 left;	/* w[0..left) the left side; n if
					   the line is an equivalence */
	unsigned		 line;
};

struct synonyms {
	struct synonyms_rule	*v;
	size_t			 n;
};

void synonyms_init(struct synonyms *syn);
void synonyms_done(struct synonyms *syn);

/*
 * Add the rules of text[0..len) (named name in messages) to syn. Returns
 * the number of bad lines; their messages, one a line, are appended to
 * *errors (caller frees; may be NULL on entry).
 */
size_t synonyms_parse(struct synonyms *syn, const char *name, const char *text,
    size_t len, char **errors);

/*
 * Add the rules of the file at path. A file that cannot be read is one
 * error (`path: why`), and missing_ok makes a missing file no error.
 */
size_t synonyms_load(struct synonyms *syn, const char *path, int missing_ok,
    char **errors);

/*
 * What the kiosk and chayue-admin read at start, into syn (initialised
 * here; release with synonyms_done): the shipped list at shipped
 * (CHAYUE_SYNONYMS names another, for tests in the build tree; a build
 * that was not installed has none, which is no error), then the hall's
 * file local (the configuration's `synonyms`; missing_ok for the default
 * path; NULL: none). Bad lines are described in *errors (caller frees;
 * NULL if none), never fatal. Returns the number of problems.
 */
size_t synonyms_load_kiosk(struct synonyms *syn, const char *shipped,
    const char *local, int missing_ok, char **errors);

/* One way a query may be rewritten. */
struct synonyms_use {
	const struct synonyms_word	*from;	/* the word in the query */
	const struct synonyms_word	*to;	/* what it also finds */
	size_t				 at, len;	/* from's units in the
						   query; whole: 0, q->n */
	int				 whole;	/* the query spells from in
						   pinyin or initials */
};

/*
 * The rewrites that apply to q, at most max into out: where the folded
 * query holds a word of a rule (literally), or spells a whole word in
 * pinyin (dibao → 低保). Returns how many.
 */
size_t synonyms_match(const struct synonyms *syn, const struct query *q,
    struct synonyms_use *out, size_t max);

#endif
