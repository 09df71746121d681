/*
 * Builds one complete catalogue version in a new file beside the live one
 * and switches to it atomically: a reader sees the old catalogue or the new
 * one, never a mix, whatever happens to the builder.
 */
#ifndef CHAYUE_BUILDER_H
#define CHAYUE_BUILDER_H

#include <stdint.h>

#include "data/catalogue.h"

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

/* Commit, fsync and rename over path. Frees b whatever the outcome. */
int builder_commit(struct builder *b, char **error);

/* Give up: remove the temporary file and free b. */
void builder_abort(struct builder *b);

#endif
