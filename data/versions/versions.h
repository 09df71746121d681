/*
 * Catalogue versions. The live catalogue is one file: the path the kiosk
 * is given with --catalogue. Every import builds a complete new file beside
 * it (builder.h) and renames it over the live one; the version it replaces
 * is kept in "<path>.versions/<id>.db" (a hard link: keeping it copies
 * nothing), and that directory is pruned to the newest K. A rollback
 * renames a kept version back over the live path and keeps the one it
 * replaces. rename(2) is atomic: whoever opens the path, whenever, gets
 * one complete version, never a mix.
 *
 * A version's id is its meta.version (the time it was built, with "-2",
 * "-3" … when two share a second); meta.sequence orders versions by when
 * they were imported. One process at a time changes the catalogue: each
 * change holds versions_lock.
 */
#ifndef CHAYUE_VERSIONS_H
#define CHAYUE_VERSIONS_H

#include <stddef.h>
#include <stdint.h>

struct builder;

/* A return value: the named version does not exist. */
#define VERSIONS_NONE	(-2)

/* A return value of versions_switch: the same items as the live version. */
#define VERSIONS_SAME	1

/* Versions kept when the configuration does not say. */
#define VERSIONS_KEEP_DEFAULT	5

struct versions_entry {
	char	*id;		/* meta.version */
	char	*created;	/* YYYY-MM-DD */
	size_t	 items;
	int64_t	 sequence;	/* 0 for catalogues built before versions */
	char	*file;		/* where it is */
	char	*sources;	/* the files imported, joined with _(", ") */
	int	 live;		/* the live version */
};

struct versions_list {
	struct versions_entry	*v;	/* the live one first, then newest first */
	size_t			 n;
};

struct versions_lock;

/*
 * Take the lock on the catalogue at path, creating "<path>.versions/",
 * and remove what an import that was killed left behind. NULL with
 * *error (caller frees) if another process holds it or the directory
 * cannot be made.
 */
struct versions_lock *versions_lock(const char *path, char **error);
void versions_unlock(struct versions_lock *lock);

/*
 * Make the catalogue b built the live one at path: give it a unique id and
 * the next sequence number, seal it, keep the live version as an earlier
 * one, rename, and prune to keep earlier versions. The caller holds the
 * lock. Frees b. *id gets the new version's id (caller frees; NULL if it
 * got none); *kept is set if the version that was live is now kept as an
 * earlier one. 0, or -1 with *error: then the live catalogue is the one
 * before, unless the message says the new one is in place.
 *
 * If b holds the same items as the live version (diff.h finds nothing),
 * nothing changes: no new version pushes a real one out of the kept
 * ones. Then VERSIONS_SAME, and *id is the live version's id.
 */
int versions_switch(struct builder *b, const char *path, int keep,
    char **id, int *kept, char **error);

/* The live version and the earlier ones. 0, or -1 with *error. */
int versions_list(const char *path, struct versions_list *out, char **error);
void versions_list_done(struct versions_list *list);

/*
 * Find a version by name: "live" (or NULL), "previous" (the newest one
 * older than the live one) or an id. 0 with *entry pointing into list, or
 * VERSIONS_NONE with *error.
 */
int versions_find(const struct versions_list *list, const char *name,
    const struct versions_entry **entry, char **error);

/*
 * Make version name (NULL: "previous") live again, keeping the live one.
 * Takes the lock. *now gets the id now live (caller frees). 0, -1 with
 * *error, or VERSIONS_NONE with *error.
 */
int versions_rollback(const char *path, const char *name, int keep,
    char **now, char **error);

/*
 * A point where a crash must leave a complete version: for the crash
 * test, which sets CHAYUE_TEST_CRASH_AT=N to have the N-th point kill
 * the process with SIGKILL, and CHAYUE_TEST_CRASH_LOG=FILE to have every
 * point written to FILE. A test hook: compiled only with
 * --enable-test-hooks (CHAYUE_TESTING in config.h, which every file
 * includes first); otherwise nothing at all, not even a call.
 */
#ifdef CHAYUE_TESTING
void versions_crash_point(const char *what);
#else
#define versions_crash_point(what)	((void)0)
#endif

#endif
