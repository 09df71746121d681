/*
 * The 26 national pilot domains of the disclosure catalogue in their
 * standard order, with the other names published tables use for them.
 * Pure data: no SQLite, no allocation.
 */
#ifndef CHAYUE_DOMAINS_H
#define CHAYUE_DOMAINS_H

#include <stddef.h>

#define DOMAINS_COUNT		26
#define DOMAINS_MAX_ALIASES	4

struct domains_entry {
	const char	*name;		/* the standard name */
	/* Alternative names, NULL-terminated; at most DOMAINS_MAX_ALIASES. */
	const char	*aliases[DOMAINS_MAX_ALIASES + 1];
};

/*
 * The entry at 1-based national position (1..DOMAINS_COUNT), or NULL.
 * Points into static storage.
 */
const struct domains_entry *domains_get(int position);

/*
 * The 1-based national position of a standard or alternative name, ignoring
 * leading and trailing white space (ASCII and U+3000); 0 if the name is not
 * a national domain.
 */
int domains_lookup(const char *name);

/*
 * Skip leading white space (as domains_lookup does): returns a pointer into
 * name and sets *len to the length in bytes without trailing white space.
 */
const char *domains_trim(const char *name, size_t *len);

#endif
