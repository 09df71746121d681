/*
 * The SQL schema of a catalogue file: one SQLite file holds one complete
 * catalogue version. Used by the builder (create) and the reader (check).
 */
#ifndef CHAYUE_SCHEMA_H
#define CHAYUE_SCHEMA_H

#include <sqlite3.h>

/* The schema this code writes and the newest one it reads. */
#define SCHEMA_VERSION		1

/* PRAGMA application_id of a chayue catalogue: "chyu". */
#define SCHEMA_APPLICATION_ID	0x63687975

/*
 * Create the tables in an empty database and seed the national
 * domains (id = position = 1..26) and their aliases. meta gets
 * schema_version only; the builder adds version, created and items.
 * 0, or -1 with *error (caller frees).
 */
int schema_create(sqlite3 *db, char **error);

/*
 * Create the indexes, once the items are in (the builder does it before
 * its commit). 0, or -1 with *error (caller frees).
 */
int schema_index(sqlite3 *db, char **error);

/*
 * Check that db is a chayue catalogue of a schema version we read.
 * 0, or -1 with *error (caller frees): a phrase without the file name,
 * e.g. "it is not a chayue catalogue", for the caller to wrap.
 */
int schema_check(sqlite3 *db, char **error);

/*
 * Open the catalogue file path read-only and check it as schema_check
 * does. The connection (the caller closes it), or NULL with *error
 * (caller frees): "cannot use catalogue PATH: why".
 */
sqlite3 *schema_open(const char *path, char **error);

#endif
