/*
 * The catalogue's summary: what the home screen, `chayue-admin status`,
 * the version list and the jurisdiction picker show about a whole
 * catalogue (items per domain, per source file and per jurisdiction, the
 * number of jurisdictions, a domain's jurisdictions under each level),
 * counted once when the catalogue is built and stored beside it, so that
 * opening a catalogue costs the same at 300 items and at 5,000,000.
 *
 * The builder writes it in its one transaction, after the items (a
 * catalogue never changes once built, so the counts never go stale).
 * Catalogues built before it have no summary: data/store/catalogue.c
 * then counts, as it always did (SUMMARY_META is how it tells).
 */
#ifndef CHAYUE_SUMMARY_H
#define CHAYUE_SUMMARY_H

#include <sqlite3.h>

/* The meta key, present (value "1") once the summary is written. */
#define SUMMARY_META		"summary"

/*
 * Count the items of db (inside the caller's open transaction) and store
 * the counts: tables summary_count, summary_jurisdiction and
 * summary_level, meta keys
 * "jurisdictions" and SUMMARY_META. 0, or -1 with *error (caller frees):
 * a phrase with SQLite's message, for the caller to wrap.
 */
int summary_write(sqlite3 *db, char **error);

/*
 * Does the catalogue db have a summary? 1 or 0; 0 also when meta cannot
 * be read (the caller's counting queries then report the error).
 */
int summary_present(sqlite3 *db);

#endif
