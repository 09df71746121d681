/*
 * What the kiosk provides to screens (kiosk/visitor.c, kiosk/printing.c,
 * kiosk/lockdown.c, kiosk/loop.c), reached through struct ui. A screen
 * uses these without knowing how the kiosk keeps counts, prints or checks
 * a PIN.
 */
#ifndef CHAYUE_SERVICES_H
#define CHAYUE_SERVICES_H

#include <stddef.h>

#include "data/import/import.h"
#include "data/versions/diff.h"

struct catalogue;
struct item;
struct item_list;
struct print_doc;
struct ui;

/*
 * What the staff screen (F9, behind the staff PIN) works on; kiosk/loop.c
 * fills it from the configuration. The strings belong to the caller.
 */
struct staff_settings {
	const char	*catalogue;	/* the live catalogue file */
	const char	*import_dir;	/* where staff put files to import */
	int		 keep_versions;	/* earlier versions to keep */
	size_t		 import_max_size;	/* a larger file is refused */
};

/*
 * An import or check for the staff screen, run by the kiosk in a child
 * process (kiosk/importing.c): whatever the files do to the importer
 * (memory, time, a crash), the kiosk goes on, and the builder's atomic
 * switch means a killed import leaves the live version as it was.
 */
struct ui_import_job {
	char *const	*files;
	int		 nfiles;
	int		 dry_run;	/* check only: nothing is written */
	/*
	 * A dry run: also compare what the files would make with the live
	 * version (built aside and thrown away), for ui_import_result.diff.
	 */
	int		 diff;
	int		 allow_drop;	/* import_options.allow_drop */
	int		 keep_versions;
	size_t		 max_size;	/* of one file; 0: the default */
	const char	*confine_dir;	/* files must be inside it */
	const char	*catalogue;
	/*
	 * Not a dry run: go ahead only if the files still give these counts
	 * (what the clerk saw at the check); NULL: no such condition.
	 */
	const struct import_counts *expect;
};

/*
 * What a check's files would change against the live version: the
 * counts of data/versions/diff.h, in all and per domain.
 */
struct ui_import_diff {
	int			 done;	/* compared (else the rest is 0) */
	size_t			 added, removed, changed;
	struct diff_domain	*domains;	/* owned */
	size_t			 ndomains;
};

/* How a job ended. */
enum ui_import_end {
	UI_IMPORT_DONE,		/* sum and problems are set */
	UI_IMPORT_FAILED,	/* the catalogue could not be written: error */
	UI_IMPORT_DIED,		/* the process died: error says how */
};

struct ui_import_result {
	enum ui_import_end	 end;
	struct import_summary	 sum;	/* the callee's, to keep or release */
	char			**problems;	/* worded diagnostics, owned */
	size_t			 nproblems;
	size_t			 more;	/* problems found but not sent */
	char			*error;	/* owned; NULL */
	struct ui_import_diff	 diff;	/* job.diff: the comparison */
};

/* Called with what a job found; r's contents become the callee's. */
typedef void (*ui_import_done)(void *arg, struct ui *ui,
    struct ui_import_result *r);

struct ui_import {
	/*
	 * Start job; done is called from the main loop when it ends (never
	 * from start). 0, or -1 with the reason on the status line.
	 */
	int	(*start)(void *ctx, struct ui *ui, const struct ui_import_job *job,
		    ui_import_done done, void *arg);
	/* Stop the job at once (done is not called); nothing if none. */
	void	(*cancel)(void *ctx);
	void	 *ctx;
};

/* Release what a result holds. */
void ui_import_result_done(struct ui_import_result *r);

/* What ui->check_pin says of a PIN. */
enum {
	UI_PIN_WRONG = 0,
	UI_PIN_RIGHT = 1,
	UI_PIN_LOCKED = -1,	/* too many wrong ones: *wait seconds to go */
	UI_PIN_NONE = -2,	/* no staff PIN is configured */
};

/* What ui->visitor->vote says. */
enum {
	UI_VOTE_COUNTED = 0,
	UI_VOTE_ALREADY = 1,	/* this visitor gave this answer already */
	UI_VOTE_CHANGED = 3,	/* this visitor's earlier answer is changed */
	UI_VOTE_LIMIT = 2,	/* too many answers: from this visitor, or for
				   this item on this terminal just now */
	UI_VOTE_FAILED = -1,	/* the counts cannot be written */
};

/*
 * What the terminal counts, as the kiosk provides it (kiosk/visitor.c):
 * views and 有用/没用 answers, at most once per item and visitor, and the
 * hot items (热点事项). The kiosk forgets the visitor at every reset.
 */
struct ui_visitor {
	int	  counting;	/* answers can be counted (a writable state file) */
	/* The visitor opened an item. */
	void	(*viewed)(void *ctx, const struct item *it);
	/* 有用 (useful 1) or 没用 (0), or a change of mind; UI_VOTE_*. */
	int	(*vote)(void *ctx, const struct item *it, int useful);
	/* This visitor's answer for the item: 1, 0, or -1 for none yet. */
	int	(*answer)(void *ctx, const struct item *it);
	/*
	 * The hot items of cat: those staff marked, and the most viewed of
	 * the last 30 days if the hall shows them (else viewed is empty).
	 * Both are filled (release with item_list_done); 0 or -1.
	 */
	int	(*hot)(void *ctx, struct catalogue *cat, struct item_list *marked,
		    struct item_list *viewed);
	/*
	 * The item's views in the last 30 days, for the search's ranking
	 * (a tie-breaker); 0 below the floor of the most viewed (so no
	 * single visit shows), or with no state file. May be NULL.
	 */
	long long (*views)(void *ctx, const struct item *it);
	void	 *ctx;
};

/*
 * Printing, as the kiosk provides it (kiosk/printing.c). The kiosk keeps
 * pages_used, and clears it when a new visitor comes.
 */
struct ui_print {
	int	  staff_only;	/* the staff PIN is needed (in kiosk mode) */
	int	  page_limit;	/* pages one visitor may print; 0: no limit */
	int	  pages_used;	/* by this visitor */
	/*
	 * Print doc; 0 once it is on its way (the status line then follows
	 * the job), or -1 with the reason on the status line.
	 */
	int	(*print)(void *ctx, struct ui *ui, const struct print_doc *doc);
	void	 *ctx;
};

/* Pages this visitor may still print; -1: no limit. */
int ui_print_left(const struct ui_print *p);

/*
 * Is a printout of npages over what this visitor may still print? If so,
 * the status line says so. Checked by the preview before it asks for the
 * staff PIN, and by the kiosk before it prints.
 */
int ui_print_over_limit(struct ui *ui, const struct ui_print *p, size_t npages);

#endif
