/*
 * Import staff's catalogue files into a new catalogue version.
 *
 * An import reads every given file, checks every row, reports every problem
 * to a diagnostics list and, unless it is a dry run or it is refused,
 * switches the catalogue to a new version made of exactly the rows that
 * passed (versions.h: atomic, the old version kept for rollback). It is
 * refused, leaving the live catalogue untouched, when:
 *  - a file cannot be used at all (unreadable, not text, no header, no
 *    domain, no item-name column): importing the rest would silently drop
 *    a whole file from the hall;
 *  - in strict mode, when any error was found;
 *  - a file looks cut off (it ends inside a row, or inside a character),
 *    unless allow_cut_off: the rows above the cut would replace the whole
 *    catalogue;
 *  - no row at all could be imported;
 *  - the new version has fewer than half the items the live version has
 *    for the live version's jurisdictions (IMPORT_DROP_MOST), unless
 *    allow_drop: a file cut at a line break, a wrong export or half of
 *    the files forgotten would otherwise empty the hall's catalogue;
 *  - rows were skipped and the caller's confirm callback says no.
 * Otherwise rows with errors are skipped and reported.
 *
 * Each file goes bytes -> UTF-8 (decode.h: UTF-8 with or without BOM,
 * GB18030/GBK, UTF-16) -> records (csv.h, or json.h for a JSON array) ->
 * header (layout.h: the canonical layout or the published table) -> items
 * (here: the one mapping every reader feeds).
 */
#ifndef CHAYUE_IMPORT_H
#define CHAYUE_IMPORT_H

#include <stddef.h>

#include "data/import/decode.h"
#include "data/import/diag.h"

/*
 * What a file is read as. AUTO decides by the content (formats/formats.h):
 * a web page, a Word or Excel file by its first bytes and the names inside
 * it, else text: JSON if it starts with [ or {, else CSV.
 */
enum import_format {
	IMPORT_FORMAT_AUTO,
	IMPORT_FORMAT_CSV,
	IMPORT_FORMAT_JSON,
	IMPORT_FORMAT_HTML,	/* a saved web page */
	IMPORT_FORMAT_DOCX,	/* Word 2007+ */
	IMPORT_FORMAT_XLSX,	/* Excel 2007+ */
	IMPORT_FORMAT_XLS,	/* Excel 97-2003 */
};

struct import_summary;

struct import_options {
	int	 strict;	/* refuse everything on any error */
	int	 dry_run;	/* check only: no catalogue is written */
	int	 keep_versions;	/* earlier versions to keep; -1: all */
	int	 allow_cut_off;	/* import a file that looks cut off */
	int	 allow_drop;	/* import a version that drops most of the
				   live version's items (IMPORT_DROP_MOST) */
	enum decode_encoding encoding;	/* DECODE_AUTO: detect */
	enum import_format format;
	int	 delimiter;	/* ',' or '\t'; 0: detect */
	const char *domain;	/* for rows that name none; NULL */
	const char *jurisdiction;	/* for rows that name none; NULL */
	/*
	 * A file larger than this is refused before it is read (readfile.h);
	 * 0: IMPORT_MAX_SIZE_DEFAULT.
	 */
	size_t	 max_size;
	/* If not NULL, a file must be inside this folder, links resolved. */
	const char *confine_dir;
	/*
	 * Asked before switching when rows were skipped or errors found
	 * (not in strict mode): non-zero to go ahead. NULL: go ahead.
	 */
	int	(*confirm)(const struct import_summary *sum, void *arg);
	/* Now and then while reading: done is 0..1 of all the input. */
	void	(*progress)(double done, size_t rows, void *arg);
	void	*arg;		/* for confirm and progress */
};

/* Why nothing was written. */
enum import_refusal {
	IMPORT_ACCEPTED,
	IMPORT_REFUSED_STRICT,	/* strict mode and errors were found */
	IMPORT_REFUSED_FILE,	/* a file could not be used at all */
	IMPORT_REFUSED_EMPTY,	/* no row could be imported */
	IMPORT_REFUSED_DECLINED,	/* confirm said no */
	IMPORT_REFUSED_CUT_OFF,	/* a file ends inside a row or a character,
				   and allow_cut_off was not given */
	IMPORT_REFUSED_DROP,	/* it drops most of the live version's items
				   (see struct import_drop), and allow_drop
				   was not given */
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
	const char		*encoding;	/* decode_name(); static */
	const char		*layout;	/* "canonical layout",
						   "published layout", "JSON"
						   (message ids); NULL */
	char			*domain;	/* named by title or file name,
						   owned; NULL */
};

/*
 * The new version against the live one, over the jurisdictions that have
 * items in the live version (a jurisdiction the new version adds does not
 * make up for one it loses). Filled by every import and check when there
 * is a live version; all zero when there is none.
 */
struct import_drop {
	size_t	 live;		/* items the live version has for them */
	size_t	 now;		/* items the new version has for them */
	size_t	 jurisdictions;	/* how many there are */
	char	*name;		/* the only one, or the one that loses the
				   most items; owned; NULL: none */
	size_t	 name_live, name_now;	/* its items, live and new */
	int	 most;		/* more than half are dropped */
};

/* "Most": the new version keeps fewer than this percentage of them. */
#define IMPORT_DROP_MOST	50

struct import_summary {
	struct import_counts		 total;
	struct import_file_summary	*files;	/* owned, one per file */
	size_t				 nfiles;
	int				 committed;	/* catalogue replaced */
	int				 failed;	/* the catalogue could
							   not be written: nothing
							   was imported, rows are
							   not counted skipped */
	enum import_refusal		 refusal;
	char				*version;	/* the new live id,
							   owned; NULL; or
							   the live one's, if
							   unchanged */
	int				 unchanged;	/* the same items as
							   the live version:
							   no new version */
	int				 kept;	/* the version that was
						   live is kept as an
						   earlier one */
	struct import_drop		 drop;
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
