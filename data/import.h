/*
 * Import staff's catalogue files into a new catalogue version.
 *
 * An import reads every given file, checks every row, reports every problem
 * to a diagnostics list and, unless it is a dry run or it is refused,
 * replaces the catalogue with exactly the rows that passed (builder.h: the
 * switch is atomic). It is refused, leaving the live catalogue untouched,
 * when:
 *  - a file cannot be used at all (unreadable, not UTF-8 text, no header,
 *    a required column missing): importing the rest would silently drop a
 *    whole file from the hall;
 *  - in strict mode, when any error was found;
 *  - no row at all could be imported.
 * Otherwise rows with errors are skipped and reported.
 *
 * The files are in the canonical layout: a header row naming the columns
 * (any order) domain, level1, level2, content, basis, time_limit, subject,
 * channels, audience_all, audience_specific, method_active,
 * method_on_request, level_county, level_township, level_village,
 * jurisdiction, source_url and optionally code. Reading a file (csv.h) is
 * kept apart from mapping its columns to an item, so that other readers
 * can feed the same mapping.
 */
#ifndef CHAYUE_IMPORT_H
#define CHAYUE_IMPORT_H

#include <stddef.h>

#include "data/diag.h"

struct import_options {
	int	 strict;	/* refuse everything on any error */
	int	 dry_run;	/* check only: no catalogue is written */
};

/* Why nothing was written. */
enum import_refusal {
	IMPORT_ACCEPTED,
	IMPORT_REFUSED_STRICT,	/* strict mode and errors were found */
	IMPORT_REFUSED_FILE,	/* a file could not be used at all */
	IMPORT_REFUSED_EMPTY,	/* no row could be imported */
};

struct import_counts {
	size_t	 rows_read;	/* data rows, blank ones not counted */
	size_t	 imported;	/* rows that became items (or would, dry run) */
	size_t	 skipped;	/* rows with errors, and duplicates */
	size_t	 warnings;
	size_t	 errors;
};

struct import_file_summary {
	char			*name;	/* owned */
	struct import_counts	 counts;
};

struct import_summary {
	struct import_counts		 total;
	struct import_file_summary	*files;	/* owned, one per file */
	size_t				 nfiles;
	int				 committed;	/* catalogue replaced */
	enum import_refusal		 refusal;
};

void import_summary_done(struct import_summary *sum);

/*
 * Import nfiles files into a new catalogue at catalogue_path (ignored for a
 * dry run). Problems with the data go to diags and *sum; *sum is filled in
 * every case and released with import_summary_done. Returns 0 when the
 * import ran (committed, refused or dry run: see sum), or -1 with *error
 * (caller frees) when the catalogue could not be written.
 */
int import_files(const char *catalogue_path, char *const *files, int nfiles,
    const struct import_options *opt, struct diag_list *diags,
    struct import_summary *sum, char **error);

/*
 * The same in steps, for callers that have the data in memory (tests, the
 * fuzzer). import_begin returns NULL with *error if the catalogue cannot be
 * created. import_buffer checks and adds one file's bytes (name is used in
 * messages; buf need not be NUL-terminated); import_file reads path first.
 * Both return -1 with *error only when the catalogue cannot be written;
 * then the only thing left to do is import_abort. import_end commits or
 * discards, fills *sum and frees imp; -1 with *error if the commit fails.
 */
struct import;

struct import *import_begin(const char *catalogue_path,
    const struct import_options *opt, struct diag_list *diags, char **error);
int import_buffer(struct import *imp, const char *name, const char *buf,
    size_t len, char **error);
int import_file(struct import *imp, const char *path, char **error);
int import_end(struct import *imp, struct import_summary *sum, char **error);
/* Discard everything, leaving the live catalogue as it was, and free imp. */
void import_abort(struct import *imp);

#endif
