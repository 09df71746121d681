/*
 * What the steps of an import share (not for outside data/import/): the
 * import in progress (import.c), one file being read (source.c) and the
 * checks of its rows (row.c).
 */
#ifndef CHAYUE_IMPORT_SOURCE_H
#define CHAYUE_IMPORT_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "data/import/csv.h"
#include "data/import/decode.h"
#include "data/import/header.h"
#include "data/import/import.h"
#include "data/import/table.h"
#include "data/store/catalogue.h"

/* A row already imported, for duplicates: a 128-bit hash of its key. */
struct seen {
	uint64_t h1, h2;
	size_t	 place;		/* in struct import's places */
	long	 line;
};

struct import {
	struct import_options	 opt;
	char			*path;	/* the catalogue */
	struct diag_list	*diags;
	struct versions_lock	*lock;
	struct builder		*b;
	struct import_summary	 sum;
	size_t			 cfiles;
	int			 unusable;	/* a file could not be used */
	int			 cut_off;	/* a file ends inside a row or
						   a character */
	struct name_count	*jur;	/* the new version's items per
					   jurisdiction */
	size_t			 njur, cjur, lastjur;
	size_t			*jslot;	/* open addressing over jur:
					   index + 1, 0 free */
	size_t			 cjslot;	/* a power of two */
	struct seen		*seen;	/* open addressing; h1 == 0: free */
	size_t			 nseen, cseen;
	/*
	 * Where rows were read, as messages name it: a file, or a table of
	 * a document ("page.html:table 3"). Owned.
	 */
	char			**places;
	size_t			 nplaces, cplaces;
	/* Progress: the share of all input before and in this file. */
	double			 done, share;
	size_t			 rows;
};

/* One file being imported. */
struct source {
	struct import		*imp;
	const char		*name;	/* in messages: the file, or the
					   table being read ("page.html:table
					   3") */
	const char		*file;	/* the file itself */
	size_t			 place;	/* name's index in imp->places */
	size_t			 index;
	int64_t			 id;
	struct layout		 lay;
	struct import_counts	*counts;
	struct decode_result	 text;
	/* The row above, for cells written once over several rows. */
	char			*prev_domain, *prev_url, *prev_level1;
	/* The last domain name looked up, and its national position. */
	char			*last_domain;
	int			 last_position;
};

/* Start a file: its summary entry and its place in the catalogue. */
void source_init(struct source *src, struct import *imp, const char *name);
/*
 * Decode buf, read its header and import its rows; -1 only if the
 * catalogue failed (*error set).
 */
int source_read(struct source *src, const char *buf, size_t len,
    char **error);
/*
 * A document's tables (table.h), each through a fresh header as a CSV
 * file's rows are: the table's heading and the document's title read as
 * titles (domain, government), messages placed at "FILE:PLACE:row:column".
 * A table whose top rows name no header is skipped with a warning; a
 * document with no catalogue table at all cannot be used (reported). -1
 * only if the catalogue failed (*error set).
 */
int source_tables(struct source *src, const struct table_set *ts,
    char **error);
/* The file's counts and diagnostics are final; free what it held. */
void source_done(struct source *src);

/* The new version's items so far for a jurisdiction ("" for none). */
size_t row_jurisdiction_items(const struct import *imp, const char *name);

/* Check one data row and add it; -1 only if the catalogue failed. */
int row_import(struct source *src, const struct csv_record *rec,
    char **error);

#endif
