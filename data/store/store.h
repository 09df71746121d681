/*
 * Inside data/ only: what the read-side modules share about an open
 * catalogue (data/store/catalogue.c owns it). Screens and the kiosk use
 * data/store/catalogue.h, never this.
 */
#ifndef CHAYUE_STORE_H
#define CHAYUE_STORE_H

#include <sqlite3.h>

struct catalogue;

/* The open database (read-only), owned by the catalogue. */
sqlite3 *catalogue_db(struct catalogue *cat);

/*
 * The path the catalogue was opened by, as given (a symlink is not
 * resolved): data/versions keeps the versions and their search-index
 * files beside that name. Owned by the catalogue.
 */
const char *catalogue_path(const struct catalogue *cat);

#endif
