#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n/i18n.h"
#include <sqlite3.h>

#include "data/search/image_db.h"
#include "data/store/catalogue.h"
#include "data/versions/builder.h"
#include "data/versions/diff.h"
#include "data/versions/versions.h"
#include "lib/xmalloc.h"

struct versions_lock {
	int	 fd;	/* the versions directory, flock(2)ed */
};

#ifdef CHAYUE_TESTING
void
versions_crash_point(const char *what)
{
	/* Read once: a test hook, not configuration. */
	static long at = -1, n;
	static const char *log;
	FILE *fp;

	if (at == -1) {
		at = getenv("CHAYUE_TEST_CRASH_AT") != NULL ?
		    atol(getenv("CHAYUE_TEST_CRASH_AT")) : 0;
		log = getenv("CHAYUE_TEST_CRASH_LOG");
	}
	n++;
	if (log != NULL && (fp = fopen(log, "a")) != NULL) {
		fprintf(fp, "%ld %s\n", n, what);
		fclose(fp);
	}
	if (n == at)
		raise(SIGKILL);
}
#endif

/* "<path>.versions" */
static char *
versions_dir(const char *path)
{
	return xasprintf("%s.versions", path);
}

static int
versions_errno(char **error, const char *what, const char *name)
{
	int	e = errno;

	*error = xasprintf("%s %s: %s%s", _(what), name, strerror(e),
	    builder_errno_hint(e));
	return -1;
}

static int
versions_fsync_dir(const char *dir, char **error)
{
	int	fd, rc;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return versions_errno(error, N_("cannot open"), dir);
	rc = fsync(fd);
	close(fd);
	if (rc != 0)
		return versions_errno(error, N_("cannot write to disk"), dir);
	return 0;
}

/*
 * Remove what a killed import leaves: the builder's "<path>.new.<pid>"
 * (and its journal) beside the catalogue, copies in progress ("*.tmp")
 * in the versions directory. Only called with the lock held, so nothing
 * else is writing them.
 */
static void
versions_clean(const char *path, const char *dir)
{
	char		*parent = builder_parent_dir(path), *prefix, *name;
	const char	*base = strrchr(path, '/');
	struct dirent	*de;
	DIR		*d;

	prefix = xasprintf("%s.new.", base != NULL ? base + 1 : path);
	if ((d = opendir(parent)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
				continue;
			name = xasprintf("%s/%s", parent, de->d_name);
			unlink(name);
			free(name);
		}
		closedir(d);
	}
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strlen(de->d_name) < 4 || strcmp(de->d_name +
			    strlen(de->d_name) - 4, ".tmp") != 0)
				continue;
			name = xasprintf("%s/%s", dir, de->d_name);
			unlink(name);
			free(name);
		}
		closedir(d);
	}
	free(prefix);
	free(parent);
}

struct versions_lock *
versions_lock(const char *path, char **error)
{
	struct versions_lock	*lock;
	char			*dir = versions_dir(path);
	int			 fd;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		versions_errno(error, N_("cannot create"), dir);
		free(dir);
		return NULL;
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		versions_errno(error, N_("cannot open"), dir);
		free(dir);
		return NULL;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		*error = xasprintf(_("another chayue-admin is changing the "
		    "catalogue %s; wait for it to finish"), path);
		close(fd);
		free(dir);
		return NULL;
	}
	versions_clean(path, dir);
	free(dir);
	lock = xmalloc(sizeof *lock);
	lock->fd = fd;
	return lock;
}

void
versions_unlock(struct versions_lock *lock)
{
	if (lock == NULL)
		return;
	close(lock->fd);	/* releases the flock */
	free(lock);
}

/*
 * The names of the files a version was imported from, for people to tell
 * versions apart; "" if it recorded none or they cannot be read.
 */
static char *
entry_sources(struct catalogue *cat)
{
	struct name_count_list	 files;
	char			*out = xstrdup(""), *t, *error = NULL;
	size_t			 i;

	if (catalogue_sources(cat, &files, &error) != 0) {
		free(error);
		name_count_list_done(&files);
		return out;
	}
	for (i = 0; i < files.n; i++) {
		t = xasprintf("%s%s%s", out, i > 0 ? _(", ") : "",
		    files.v[i].name);
		free(out);
		out = t;
	}
	name_count_list_done(&files);
	return out;
}

/* Read one catalogue file's version; -1 if it is not a catalogue. */
static int
entry_read(const char *file, struct versions_entry *e)
{
	struct catalogue	*cat;
	struct catalogue_info	 info;
	char			*error = NULL;
	int			 rc;

	if ((cat = catalogue_open(file, &error)) == NULL) {
		free(error);
		return -1;
	}
	rc = catalogue_info(cat, &info, &error);
	if (rc != 0) {
		catalogue_close(cat);
		free(error);
		catalogue_info_done(&info);
		return -1;
	}
	memset(e, 0, sizeof *e);
	e->sources = entry_sources(cat);
	catalogue_close(cat);
	e->id = info.version;
	e->created = info.created;
	e->items = info.items;
	e->sequence = info.sequence;
	e->file = xstrdup(file);
	free(info.jurisdiction_names);
	return 0;
}

static void
list_add(struct versions_list *list, const struct versions_entry *e,
    size_t *cap)
{
	if (list->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		list->v = xreallocarray(list->v, *cap, sizeof *list->v);
	}
	list->v[list->n++] = *e;
}

/* Live first, then by sequence and id, newest first. */
static int
entry_cmp(const void *a, const void *b)
{
	const struct versions_entry *x = a, *y = b;

	if (x->live != y->live)
		return x->live ? -1 : 1;
	if (x->sequence != y->sequence)
		return x->sequence > y->sequence ? -1 : 1;
	return strcmp(y->id, x->id);
}

/* The kept versions in dir; links to the live file (ino) are not one. */
static int
list_dir(const char *dir, const struct stat *live, struct versions_list *list,
    size_t *cap, char **error)
{
	struct versions_entry	 e;
	struct dirent		*de;
	struct stat		 sb;
	size_t			 len;
	char			*file;
	DIR			*d;

	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT ? 0 :
		    versions_errno(error, N_("cannot read"), dir);
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 4 ||
		    strcmp(de->d_name + len - 3, ".db") != 0)
			continue;
		file = xasprintf("%s/%s", dir, de->d_name);
		if (stat(file, &sb) == 0 && !(live != NULL &&
		    sb.st_ino == live->st_ino && sb.st_dev == live->st_dev) &&
		    entry_read(file, &e) == 0)
			list_add(list, &e, cap);
		free(file);
	}
	closedir(d);
	return 0;
}

int
versions_list(const char *path, struct versions_list *out, char **error)
{
	struct versions_entry	 e;
	struct stat		 live;
	size_t			 cap = 0;
	char			*dir = versions_dir(path);
	int			 have, rc;

	memset(out, 0, sizeof *out);
	have = stat(path, &live) == 0 && entry_read(path, &e) == 0;
	if (have) {
		e.live = 1;
		list_add(out, &e, &cap);
	}
	rc = list_dir(dir, have ? &live : NULL, out, &cap, error);
	free(dir);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, entry_cmp);
	return rc;
}

void
versions_list_done(struct versions_list *list)
{
	size_t	i;

	for (i = 0; i < list->n; i++) {
		free(list->v[i].id);
		free(list->v[i].created);
		free(list->v[i].file);
		free(list->v[i].sources);
	}
	free(list->v);
	memset(list, 0, sizeof *list);
}

/* The newest kept version older than the live one (or any, if none). */
static const struct versions_entry *
find_previous(const struct versions_list *list)
{
	const struct versions_entry	*live = NULL, *e;
	size_t				 i;

	if (list->n > 0 && list->v[0].live)
		live = &list->v[0];
	for (i = live != NULL; i < list->n; i++) {
		e = &list->v[i];
		if (live == NULL || e->sequence < live->sequence ||
		    (e->sequence == live->sequence &&
		    strcmp(e->id, live->id) < 0))
			return e;	/* sorted: the first is the newest */
	}
	return NULL;
}

int
versions_find(const struct versions_list *list, const char *name,
    const struct versions_entry **entry, char **error)
{
	size_t	i;

	*entry = NULL;
	if (name == NULL || strcmp(name, "live") == 0) {
		if (list->n > 0 && list->v[0].live)
			*entry = &list->v[0];
	} else if (strcmp(name, "previous") == 0)
		*entry = find_previous(list);
	else {
		for (i = 0; i < list->n && *entry == NULL; i++)
			if (strcmp(list->v[i].id, name) == 0)
				*entry = &list->v[i];
	}
	if (*entry != NULL)
		return 0;
	if (name != NULL && strcmp(name, "previous") == 0)
		*error = xstrdup(_("there is no earlier version"));
	else if (name == NULL || strcmp(name, "live") == 0)
		*error = xstrdup(_("there is no live catalogue"));
	else
		*error = xasprintf(_("there is no version %s; chayue-admin "
		    "history lists them"), name);
	return VERSIONS_NONE;
}

/* Copy from to a new file to (for file systems without hard links). */
static int
copy_file(const char *from, const char *to, char **error)
{
	char	 buf[65536], *tmp = xasprintf("%s.tmp", to);
	ssize_t	 n = 0;
	int	 in, out, rc = -1;

	if ((in = open(from, O_RDONLY | O_CLOEXEC)) == -1) {
		versions_errno(error, N_("cannot read"), from);
		free(tmp);
		return -1;
	}
	out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out == -1)
		versions_errno(error, N_("cannot create"), tmp);
	else {
		while ((n = read(in, buf, sizeof buf)) > 0)
			if (write(out, buf, (size_t)n) != n) {
				n = -1;
				break;
			}
		if (n != 0 || fsync(out) != 0)
			versions_errno(error, N_("cannot write"), tmp);
		else if (rename(tmp, to) != 0)
			versions_errno(error, N_("cannot rename"), tmp);
		else
			rc = 0;
		close(out);
	}
	close(in);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/*
 * Keep the live file as an earlier version: a hard link in dir named by
 * its id. A link to it may already be there (an import killed after
 * making it): that is the same version.
 */
static int
keep_live(const char *path, const char *dir, const struct versions_entry *live,
    char **error)
{
	struct stat	 a, b;
	char		*to;
	int		 n, rc;

	if (stat(path, &a) != 0)
		return versions_errno(error, N_("cannot read"), path);
	to = xasprintf("%s/%s.db", dir, live->id);
	for (n = 2; stat(to, &b) == 0; n++) {
		if (b.st_ino == a.st_ino && b.st_dev == a.st_dev) {
			free(to);
			return 0;
		}
		free(to);
		to = xasprintf("%s/%s.%d.db", dir, live->id, n);
	}
	rc = link(path, to);
	if (rc != 0 && errno != ENOSPC && errno != EDQUOT && errno != EROFS &&
	    errno != EACCES)
		rc = copy_file(path, to, error);	/* no hard links here */
	else if (rc != 0)
		versions_errno(error, N_("cannot keep the live version as"), to);
	free(to);
	if (rc == 0)
		rc = versions_fsync_dir(dir, error);
	return rc;
}

/*
 * The search-index sidecar of version id, from its catalogue file, beside
 * the catalogue at path: "<path>.versions/<id>.idx", written and fsynced.
 * 0, or -1 with *error and no sidecar.
 */
static int
write_index_of(const char *path, const char *file, const char *id,
    char **error)
{
	struct image_parts	 parts;
	sqlite3			*db = NULL;
	char			*idx = image_db_sidecar(path, id);
	int			 rc = -1;

	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		*error = xasprintf(_("%s: cannot read the search index: %s"),
		    file, sqlite3_errmsg(db));
	} else {
		if (image_db_parts(db, id, &parts, error) == 0)
			rc = image_write(idx, &parts, error);
		image_db_parts_done(&parts);
	}
	sqlite3_close(db);
	free(idx);
	return rc;
}

/*
 * The sidecar of the sealed catalogue b, written before b is renamed over
 * the live path, so that the rename switches both: a reader finds
 * "<id>.idx" for the id in the catalogue it opened.
 */
static int
write_index(const char *path, struct builder *b, char **error)
{
	return write_index_of(path, builder_file(b), builder_version(b),
	    error);
}

/*
 * The live version e has no sidecar the search can map (built by an older
 * chayue-admin, of an older layout, or copied alone): write it, so that an
 * import of the same files, the usual first step after an upgrade, makes
 * opening fast again. Best effort: the search builds the index in memory
 * without it.
 */
static void
write_missing_index(const char *path, const struct versions_entry *e)
{
	char		*idx = image_db_sidecar(path, e->id), *error = NULL;
	struct image	*img = image_map(idx, &error);
	int		 sound = img != NULL &&
			    strcmp(image_version_id(img), e->id) == 0;

	image_close(img);
	free(error);
	error = NULL;
	if (!sound && write_index_of(path, e->file, e->id, &error) != 0)
		free(error);
	free(idx);
}

/* Is id the id of a version in list? */
static int
listed(const struct versions_list *list, const char *id, size_t len)
{
	size_t	i;

	for (i = 0; i < list->n; i++)
		if (strlen(list->v[i].id) == len &&
		    strncmp(list->v[i].id, id, len) == 0)
			return 1;
	return 0;
}

/*
 * Remove the search-index sidecars of versions no longer there (pruned,
 * or whose import was killed between writing the sidecar and the rename).
 */
static void
prune_indexes(const char *path)
{
	struct versions_list	 list;
	struct dirent		*de;
	char			*error = NULL, *dir = versions_dir(path), *name;
	size_t			 len;
	DIR			*d;

	if (versions_list(path, &list, &error) == 0 &&
	    (d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			len = strlen(de->d_name);
			if (len < 5 || strcmp(de->d_name + len - 4, ".idx") != 0 ||
			    listed(&list, de->d_name, len - 4))
				continue;
			name = xasprintf("%s/%s", dir, de->d_name);
			unlink(name);
			free(name);
		}
		closedir(d);
	}
	free(error);
	free(dir);
	versions_list_done(&list);
}

/* Remove the earlier versions beyond the newest keep. */
static void
prune(const char *path, int keep)
{
	struct versions_list	list;
	char			*error = NULL;
	size_t			i, kept = 0;

	if (versions_list(path, &list, &error) != 0) {
		free(error);
		versions_list_done(&list);
		return;
	}
	for (i = 0; i < list.n; i++) {
		if (list.v[i].live)
			continue;
		if (keep < 0 || kept++ < (size_t)keep)
			continue;
		unlink(list.v[i].file);
		versions_crash_point("prune");
	}
	versions_list_done(&list);
	prune_indexes(path);
}

/* id, or id-2, id-3 … : one that no version has yet. */
static char *
unique_id(const struct versions_list *list, const char *id)
{
	char	*try = xstrdup(id);
	size_t	 i;
	int	 n = 1, clash = 1;

	while (clash) {
		clash = 0;
		for (i = 0; i < list->n && !clash; i++)
			clash = strcmp(list->v[i].id, try) == 0;
		if (clash) {
			free(try);
			try = xasprintf("%s-%d", id, ++n);
		}
	}
	return try;
}

/* Name the new version and number it after every one there is. */
static int
name_version(struct builder *b, const struct versions_list *list,
    char **error)
{
	char	*id = unique_id(list, builder_version(b)), seq[32];
	int64_t	 max = 0;
	size_t	 i;
	int	 rc;

	for (i = 0; i < list->n; i++)
		if (list->v[i].sequence > max)
			max = list->v[i].sequence;
	snprintf(seq, sizeof seq, "%" PRId64, max + 1);
	rc = builder_set_meta(b, "version", id, error);
	if (rc == 0)
		rc = builder_set_meta(b, "sequence", seq, error);
	free(id);
	return rc;
}

/*
 * Does the sealed catalogue b hold the same items as the live version e?
 * The counts first: a full comparison only when they agree. A comparison
 * that fails says "not the same": then a version too many is made, the
 * lesser harm.
 */
static int
same_items(const struct versions_entry *e, const struct builder *b)
{
	struct diff_result	 r;
	char			*error = NULL;
	int			 same;

	if ((long long)e->items != builder_items(b))
		return 0;
	if (diff_catalogues(e->file, builder_file(b), &r, &error) != 0) {
		free(error);
		return 0;
	}
	same = r.added == 0 && r.removed == 0 && r.changed == 0;
	diff_result_done(&r);
	return same;
}

int
versions_switch(struct builder *b, const char *path, int keep, char **id,
    int *kept, char **error)
{
	struct versions_list	 list;
	char			*dir = versions_dir(path);
	int			 rc = -1;

	*id = NULL;
	*kept = 0;
	if (versions_list(path, &list, error) != 0 ||
	    name_version(b, &list, error) != 0) {
		builder_abort(b);
		goto out;
	}
	*id = xstrdup(builder_version(b));
	versions_crash_point("seal");
	if (builder_seal(b, error) != 0)
		goto out;
	versions_crash_point("sealed");
	if (list.n > 0 && list.v[0].live && same_items(&list.v[0], b)) {
		free(*id);
		*id = xstrdup(list.v[0].id);
		builder_abort(b);
		write_missing_index(path, &list.v[0]);
		rc = VERSIONS_SAME;
		goto out;
	}
	if (keep != 0 && list.n > 0 && list.v[0].live) {
		if (keep_live(path, dir, &list.v[0], error) != 0) {
			builder_abort(b);
			goto out;
		}
		*kept = 1;
	}
	versions_crash_point("kept");
	if (write_index(path, b, error) != 0) {
		builder_abort(b);
		goto out;
	}
	versions_crash_point("indexed");
	rc = builder_switch(b, error);
	versions_crash_point("switched");
	if (rc == 0) {
		prune(path, keep);
		versions_fsync_dir(dir, error);	/* best effort: pruning only */
	}
out:
	versions_list_done(&list);
	free(dir);
	return rc;
}

/* Rename the kept version e over the live path; the lock is held. */
static int
rollback_to(const char *path, const struct versions_list *list,
    const struct versions_entry *e, char **error)
{
	char	*dir = versions_dir(path), *parent = builder_parent_dir(path);
	int	 rc = 0;

	if (list->n > 0 && list->v[0].live)
		rc = keep_live(path, dir, &list->v[0], error);
	versions_crash_point("rollback kept");
	if (rc == 0 && rename(e->file, path) != 0)
		rc = versions_errno(error, N_("cannot make live"), e->file);
	versions_crash_point("rollback switched");
	if (rc == 0)
		rc = versions_fsync_dir(parent, error);
	if (rc == 0)
		rc = versions_fsync_dir(dir, error);
	free(parent);
	free(dir);
	return rc;
}

int
versions_rollback(const char *path, const char *name, int keep, char **now,
    char **error)
{
	const struct versions_entry	*e;
	struct versions_lock		*lock;
	struct versions_list		 list;
	int				 rc;

	*now = NULL;
	if ((lock = versions_lock(path, error)) == NULL)
		return -1;
	rc = versions_list(path, &list, error);
	if (rc == 0)
		rc = versions_find(&list, name != NULL ? name : "previous", &e,
		    error);
	if (rc == 0 && !e->live)
		rc = rollback_to(path, &list, e, error);
	if (rc == 0) {
		*now = xstrdup(e->id);
		prune(path, keep);
	}
	versions_list_done(&list);
	versions_unlock(lock);
	return rc;
}
