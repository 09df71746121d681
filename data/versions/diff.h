/*
 * What one catalogue version added, removed and changed against another.
 * Items are matched by domain, jurisdiction, 一级事项 and 二级事项 (the n-th
 * of several items with the same four with the n-th); a matched item whose
 * other elements differ is changed.
 */
#ifndef CHAYUE_DIFF_H
#define CHAYUE_DIFF_H

#include <stddef.h>

struct diff_change {
	char	 kind;		/* '+' added, '-' removed, '~' changed */
	char	*domain, *jurisdiction, *level1, *level2;	/* owned */
	char	*fields;	/* changed: the elements that differ, e.g.
				   "content basis"; "" otherwise; owned */
};

struct diff_result {
	struct diff_change	*v;	/* removed, added, changed; by domain */
	size_t			 n;
	size_t			 added, removed, changed;
};

/*
 * Compare the catalogue files from and to (both read only). 0, or -1 with
 * *error (caller frees). *out is released with diff_result_done.
 */
int diff_catalogues(const char *from, const char *to, struct diff_result *out,
    char **error);
void diff_result_done(struct diff_result *r);

/* The counts of one domain: what a summary shows per domain. */
struct diff_domain {
	char	*domain;	/* owned */
	size_t	 added, removed, changed;
};

/*
 * r's changes counted per domain, in the order the domains first come in
 * r. Returns the number of domains; *out (caller frees each domain and
 * the array; NULL for none).
 */
size_t diff_domains(const struct diff_result *r, struct diff_domain **out);

#endif
