/*
 * The synonym files a kiosk and chayue-admin read at start: the shipped
 * list (data/synonyms.txt, installed in pkgdatadir; CHAYUE_SYNONYMS names
 * another, for tests in the build tree), then the hall's own (the
 * configuration's `synonyms`, default /etc/chayue/synonyms.txt; a
 * missing default file is fine). Both add to one list; see
 * data/search/synonyms.h for the format.
 */
#ifndef CHAYUE_WORDLIST_H
#define CHAYUE_WORDLIST_H

#include "data/search/synonyms.h"
#include "kiosk/config.h"

#define WORDLIST_SHIPPED	PKGDATADIR "/synonyms.txt"

/*
 * Load both files into syn (initialised here; the caller releases it
 * with synonyms_done). Bad lines are skipped and described in *errors
 * (caller frees; NULL if none): never fatal. Returns the number of
 * problems.
 */
size_t wordlist_load(const struct config *cfg, struct synonyms *syn,
    char **errors);

#endif
