/*
 * Reading the shipped and the hall's synonym files (kiosk/wordlist.h).
 */
#include <config.h>	/* not "config.h": that would be kiosk/config.h */

#include <stdlib.h>
#include <string.h>

#include "kiosk/wordlist.h"

size_t
wordlist_load(const struct config *cfg, struct synonyms *syn, char **errors)
{
	const char *shipped = getenv("CHAYUE_SYNONYMS");
	size_t bad;

	*errors = NULL;
	synonyms_init(syn);
	if (shipped == NULL || *shipped == '\0')
		shipped = WORDLIST_SHIPPED;
	/* A build that was not installed has no shipped file: no error. */
	bad = synonyms_load(syn, shipped, 1, errors);
	if (cfg->synonyms != NULL)
		bad += synonyms_load(syn, cfg->synonyms, strcmp(cfg->synonyms,
		    CONFIG_DEFAULT_SYNONYMS) == 0, errors);
	return bad;
}
