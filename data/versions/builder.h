/*
 * Builds one complete catalogue version in a new file beside the live one
 * and switches to it atomically: a reader sees the old catalogue or the new
 * one, never a mix, whatever happens to the builder.
 */
#ifndef CHAYUE_BUILDER_H
#define CHAYUE_BUILDER_H

#include <stdint.h>

#include "data/store/catalogue.h"

struct builder;

/*
 * Start a new catalogue that will replace path: a temporary file beside it
 * with the schema and the 26 national domains, one transaction open.
 * NULL with *error (caller frees) if the directory is not writable etc.
 */
struct builder *builder_create(const char *path, char **error);

/* Record an input file; returns its id for builder_add_item, or -1. */
int64_t builder_add_source(struct builder *b, const char *name, char **error);

/*
 * Add one item. item->domain is a domain name or alternative name; an
 * unknown one becomes a local domain. id and domain_id are ignored.
 * source_id and line say where the item came from.
 */
int builder_add_item(struct builder *b, const struct item *item,
    int64_t source_id, long line, char **error);

/* Set a meta key of the new catalogue (insert or replace). */
int builder_set_meta(struct builder *b, const char *key, const char *value,
    char **error);

/* The version id the new catalogue has in meta, e.g. "20261126T211500Z". */
const char *builder_version(const struct builder *b);

/* The file being built (beside path), and the items added so far. */
const char *builder_file(const struct builder *b);
long long builder_items(const struct builder *b);

/*
 * Finish the new catalogue: commit, close and fsync it. It is then
 * complete in its temporary file, but not live: builder_switch or
 * builder_abort next. On failure the file is removed and b freed.
 */
int builder_seal(struct builder *b, char **error);

/*
 * Rename the sealed catalogue over path and fsync the directory. Frees b
 * whatever the outcome. -1 with *error: if the rename failed the live
 * catalogue is unchanged; if only the directory fsync failed the new one
 * is live (the message says so).
 */
int builder_switch(struct builder *b, char **error);

/* Seal and switch. Frees b whatever the outcome. */
int builder_commit(struct builder *b, char **error);

/*
 * What staff can do after a failure with errno error to create, write or
 * replace a file, as "; check ..." (static), or "".
 */
const char *builder_errno_hint(int error);

/*
 * The directory holding path ("." for a bare file name), where the new
 * file is made and which is fsynced after the rename. The caller frees.
 */
char *builder_parent_dir(const char *path);

/* Give up: remove the temporary file and free b. */
void builder_abort(struct builder *b);

#endif
