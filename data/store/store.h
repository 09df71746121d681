/*
 * Inside data/ only: what the read-side modules share about an open
 * catalogue (data/store/catalogue.c owns it). Screens and the kiosk use
 * data/store/catalogue.h and data/search/engine.h, never this.
 */
#ifndef CHAYUE_STORE_H
#define CHAYUE_STORE_H

#include <sqlite3.h>

struct catalogue;
struct search;

/* The open database (read-only), owned by the catalogue. */
sqlite3 *catalogue_db(struct catalogue *cat);

/*
 * Where data/search/engine.c keeps its state for this catalogue (NULL until the
 * first search); catalogue_close frees it with search_free.
 */
struct search **catalogue_search(struct catalogue *cat);

#endif
