/*
 * Crash safety of a refresh. chayue-admin import (and rollback) is killed
 * with SIGKILL at many points: every point of the switch and at least a
 * hundred chosen at random among the rows (CHAYUE_TEST_CRASH_AT, see
 * data/versions/versions.h), and at random moments from outside. After each kill
 * the catalogue the kiosk opens (catalogue_open, as kiosk/main.c does) is
 * the previous complete version or the new complete version, never a mix,
 * and passes PRAGMA integrity_check; and the next import works.
 *
 * The seed is printed; CHAYUE_TEST_SEED=N repeats a run. Needs a build
 * configured with --enable-test-hooks; skipped otherwise.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "data/store/catalogue.h"
#include "data/versions/versions.h"
#include "lib/xmalloc.h"
#include "tests/unit/tap.h"

#define CRASH_RANDOM_POINTS	110
#define CRASH_TIMED_KILLS	20
#define NEW_ROWS		150

static char	 tmp[] = "/tmp/test_crash.XXXXXX";
static char	*admin, *template_dir, *newfile, *conf;
static char	*old_id;
static size_t	 old_items;

struct point {
	long	 n;
	char	 name[32];
};

static char *
path(const char *a, const char *b)
{
	return xasprintf("%s/%s", a, b);
}

static int
rm_one(const char *p, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb;
	(void)flag;
	(void)f;
	return remove(p);
}

static void
rm_tree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int
copy_file(const char *from, const char *to)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 in = open(from, O_RDONLY), out, rc = 0;

	if (in == -1)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	while (out != -1 && (n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			rc = -1;
	close(in);
	if (out == -1 || close(out) != 0)
		rc = -1;
	return rc;
}

/* Copy a flat directory tree (the catalogue and its versions). */
static void
copy_tree(const char *from, const char *to)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d = opendir(from);
	char		*a, *b;

	mkdir(to, 0755);
	while (d != NULL && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		a = path(from, de->d_name);
		b = path(to, de->d_name);
		if (stat(a, &sb) == 0 && S_ISDIR(sb.st_mode))
			copy_tree(a, b);
		else
			copy_file(a, b);
		free(a);
		free(b);
	}
	if (d != NULL)
		closedir(d);
}

/*
 * Start chayue-admin --catalogue cat cmd [--yes arg] with
 * CHAYUE_TEST_CRASH_AT=at (0: never) and, if log, CHAYUE_TEST_CRASH_LOG.
 */
static pid_t
spawn(long at, const char *log, const char *cat, const char *cmd,
    const char *arg)
{
	char	 n[32];
	pid_t	 pid = fork();

	if (pid != 0)
		return pid;
	snprintf(n, sizeof n, "%ld", at);
	setenv("CHAYUE_TEST_CRASH_AT", n, 1);
	if (log != NULL)
		setenv("CHAYUE_TEST_CRASH_LOG", log, 1);
	if (freopen("/dev/null", "w", stdout) == NULL ||
	    freopen("/dev/null", "w", stderr) == NULL)
		_exit(126);
	execl(admin, admin, "--config", conf, "--catalogue", cat, cmd,
	    arg != NULL ? "--yes" : (char *)NULL, arg, (char *)NULL);
	_exit(127);
}

static int
wait_status(pid_t pid)
{
	int	st;

	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
	return st;
}

/* PRAGMA integrity_check says ok. */
static int
integrity_ok(const char *file)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int		 good = 0;

	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st,
	    NULL) == SQLITE_OK) {
		good = sqlite3_step(st) == SQLITE_ROW &&
		    strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0 &&
		    sqlite3_step(st) == SQLITE_DONE;
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return good;
}

/*
 * What the kiosk sees at cat: 'o' the old version complete, 'n' a new one
 * complete (with want_new items), or 0 for anything else.
 */
static int
kiosk_sees(const char *cat, size_t want_new)
{
	struct catalogue	*c;
	struct catalogue_info	 info;
	struct domain_list	 d;
	char			*error = NULL;
	size_t			 i, sum = 0;
	int			 seen = 0;

	if ((c = catalogue_open(cat, &error)) == NULL) {
		printf("# %s\n", error);
		free(error);
		return 0;
	}
	if (catalogue_info(c, &info, &error) == 0 &&
	    catalogue_domains(c, &d, &error) == 0) {
		for (i = 0; i < d.n; i++)
			sum += d.v[i].items;
		if (strcmp(info.version, old_id) == 0 &&
		    info.items == old_items && sum == old_items)
			seen = 'o';
		else if (strcmp(info.version, old_id) != 0 &&
		    info.items == want_new && sum == want_new)
			seen = 'n';
		domain_list_done(&d);
	}
	free(error);
	catalogue_info_done(&info);
	catalogue_close(c);
	return seen;
}

/* Every crash point of one run, from its log. */
static size_t
read_points(const char *log, struct point **out)
{
	FILE	*fp = fopen(log, "r");
	size_t	 n = 0, cap = 0;
	char	 line[128];

	*out = NULL;
	while (fp != NULL && fgets(line, sizeof line, fp) != NULL) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[n].name[0] = '\0';
		if (sscanf(line, "%ld %31[^\n]", &(*out)[n].n,
		    (*out)[n].name) >= 1)
			n++;
	}
	if (fp != NULL)
		fclose(fp);
	return n;
}

/* No temporary file of a killed import is left after the next one. */
static int
no_leftovers(const char *dir)
{
	struct dirent	*de;
	DIR		*d = opendir(dir);
	int		 clean = 1;

	while (d != NULL && (de = readdir(d)) != NULL)
		if (strstr(de->d_name, ".new.") != NULL)
			clean = 0;
	if (d != NULL)
		closedir(d);
	return clean;
}

/* The id of the live version at cat; the caller frees. */
static char *
live_id(const char *cat)
{
	struct catalogue	*c;
	struct catalogue_info	 info;
	char			*error = NULL, *id = NULL;

	if ((c = catalogue_open(cat, &error)) != NULL &&
	    catalogue_info(c, &info, &error) == 0) {
		id = xstrdup(info.version);
		catalogue_info_done(&info);
	}
	free(error);
	catalogue_close(c);
	return id != NULL ? id : xstrdup("");
}

/*
 * After a kill: the next import works and keeps the version it replaces.
 * If the killed one had already switched, the live version holds the same
 * items: then the import makes no new version and replaces nothing.
 */
static void
recovers(const char *dir, const char *cat)
{
	struct versions_list	 list;
	char			*error = NULL, *before = live_id(cat), *after;
	size_t			 i;
	int			 st, kept = 0, same = kiosk_sees(cat, NEW_ROWS) == 'n';

	st = wait_status(spawn(0, NULL, cat, "import", newfile));
	if (versions_list(cat, &list, &error) == 0)
		for (i = 0; i < list.n; i++)
			kept |= !list.v[i].live &&
			    strcmp(list.v[i].id, before) == 0;
	after = live_id(cat);
	if (same)
		kept = strcmp(after, before) == 0;
	free(after);
	free(error);
	free(before);
	versions_list_done(&list);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
	    kiosk_sees(cat, NEW_ROWS) == 'n' && no_leftovers(dir) && kept,
	    "  the next import works, leaves nothing behind, keeps the "
	    "version it replaces (none, if it holds the same items)");
}

/* One kill: at crash point at, or (at == 0) after delay_us from outside. */
static void
kill_once(long at, const char *name, long delay_us, int check_recovery)
{
	char		*dir = path(tmp, "run"), *cat, *what;
	struct timespec	 ts;
	pid_t		 pid;
	int		 st, seen;

	rm_tree(dir);
	copy_tree(template_dir, dir);
	cat = path(dir, "c.db");
	pid = spawn(at, NULL, cat, "import", newfile);
	if (at == 0) {
		ts.tv_sec = delay_us / 1000000;
		ts.tv_nsec = (delay_us % 1000000) * 1000;
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
	}
	st = wait_status(pid);
	seen = kiosk_sees(cat, NEW_ROWS);
	if (at != 0)
		what = xasprintf("killed at point %ld (%s): the %s version, "
		    "complete, integrity ok", at, name, seen == 'n' ? "new" :
		    "old");
	else
		what = xasprintf("killed after %ld us: the %s version, "
		    "complete, integrity ok", delay_us, seen == 'n' ? "new" :
		    "old");
	ok((at == 0 || (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)) &&
	    seen != 0 && integrity_ok(cat), what);
	free(what);
	if (check_recovery)
		recovers(dir, cat);
	free(cat);
	free(dir);
}

static int
is_switch_point(const struct point *p)
{
	return strcmp(p->name, "row") != 0;
}

/* Every switch point, and random row points up to CRASH_RANDOM_POINTS. */
static void
kill_at_points(const struct point *pts, size_t n)
{
	char	*chosen = xcalloc(n, 1);
	size_t	 i, picked = 0, k = 0;

	for (i = 0; i < n; i++)
		if (is_switch_point(&pts[i]) && !chosen[i]) {
			chosen[i] = 1;
			picked++;
		}
	while (picked < CRASH_RANDOM_POINTS && picked < n) {
		i = (size_t)random() % n;
		if (!chosen[i]) {
			chosen[i] = 1;
			picked++;
		}
	}
	for (i = 0; i < n; i++)
		if (chosen[i])
			kill_once(pts[i].n, pts[i].name, 0, k++ % 10 == 0);
	free(chosen);
}

static long
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

/* Run the import once, uninterrupted, logging its points; its duration. */
static long
dry_points(struct point **pts, size_t *n)
{
	char	*dir = path(tmp, "count"), *cat, *log = path(tmp, "points.log");
	long	 t0, t1;
	int	 st;

	rm_tree(dir);
	copy_tree(template_dir, dir);
	cat = path(dir, "c.db");
	t0 = now_us();
	st = wait_status(spawn(0, log, cat, "import", newfile));
	t1 = now_us();
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
	    kiosk_sees(cat, NEW_ROWS) == 'n', "an uninterrupted import");
	*n = read_points(log, pts);
	printf("# %zu crash points, %ld us\n", *n, t1 - t0);
	free(log);
	free(cat);
	free(dir);
	return t1 - t0;
}

/*
 * The catalogue before each run: the reference rows live, one older
 * version kept (so that the switch also prunes, keep_versions = 1).
 */
static void
make_template(const char *ref)
{
	char			*cat, *older = path(tmp, "older.csv"), *cmd;
	struct catalogue	*c;
	struct catalogue_info	 info;
	char			*error = NULL;

	template_dir = path(tmp, "template");
	mkdir(template_dir, 0755);
	cat = path(template_dir, "c.db");
	cmd = xasprintf("head -n 11 '%s' >'%s' && head -n %d '%s' >'%s'", ref,
	    older, NEW_ROWS + 1, ref, newfile);
	ok(system(cmd) == 0, "input files");
	free(cmd);
	wait_status(spawn(0, NULL, cat, "import", older));
	wait_status(spawn(0, NULL, cat, "import", ref));
	if ((c = catalogue_open(cat, &error)) != NULL &&
	    catalogue_info(c, &info, &error) == 0) {
		old_id = xstrdup(info.version);
		old_items = info.items;
		catalogue_info_done(&info);
	}
	ok(c != NULL && old_id != NULL && old_items > NEW_ROWS,
	    "the live catalogue before the refresh");
	free(error);
	catalogue_close(c);
	free(cat);
	free(older);
}

/* Rollback killed at each of its points: new (live) or old, complete. */
static void
kill_rollbacks(void)
{
	char		*dir = path(tmp, "rb"), *cat = path(dir, "c.db");
	char		*log = path(tmp, "rollback.log"), *what;
	struct point	*pts;
	size_t		 n, i;
	int		 st, seen;

	for (i = 0, n = 1; i <= n; i++) {
		rm_tree(dir);
		copy_tree(template_dir, dir);
		wait_status(spawn(0, NULL, cat, "import", newfile));
		if (i == 0) {
			wait_status(spawn(0, log, cat, "rollback", NULL));
			n = read_points(log, &pts);
			ok(kiosk_sees(cat, NEW_ROWS) == 'o',
			    "an uninterrupted rollback gives the old version");
			continue;
		}
		st = wait_status(spawn(pts[i - 1].n, NULL, cat, "rollback", NULL));
		seen = kiosk_sees(cat, NEW_ROWS);
		what = xasprintf("rollback killed at point %ld (%s): the %s "
		    "version, complete", pts[i - 1].n, pts[i - 1].name,
		    seen == 'n' ? "new" : "old");
		ok(WIFSIGNALED(st) && seen != 0 && integrity_ok(cat), what);
		free(what);
	}
	free(pts);
	free(log);
	free(cat);
	free(dir);
}

int
main(void)
{
	const char	*top = getenv("top_srcdir"), *build = getenv("top_builddir");
	const char	*seed_env = getenv("CHAYUE_TEST_SEED");
	struct point	*pts;
	unsigned	 seed;
	char		*ref;
	size_t		 n, i;
	long		 duration;
	FILE		*fp;

#ifndef CHAYUE_TESTING
	/* The kills at chosen points need the hook versions_crash_point. */
	puts("1..0 # SKIP built without --enable-test-hooks");
	return 0;
#endif
	if (mkdtemp(tmp) == NULL)
		return 1;
	admin = xasprintf("%s/chayue-admin", build != NULL ? build : ".");
	ref = xasprintf("%s/data/demo/reference-catalogue.csv",
	    top != NULL ? top : ".");
	newfile = path(tmp, "new.csv");
	conf = path(tmp, "chayue.conf");
	if ((fp = fopen(conf, "w")) == NULL)
		return 1;
	fputs("keep_versions = 1\n", fp);
	fclose(fp);
	seed = seed_env != NULL ? (unsigned)atol(seed_env) :
	    (unsigned)time(NULL) ^ (unsigned)getpid();
	printf("# seed %u (CHAYUE_TEST_SEED=%u repeats this run)\n", seed, seed);
	srandom(seed);
	make_template(ref);
	duration = dry_points(&pts, &n);
	ok(n > CRASH_RANDOM_POINTS, "enough points to choose from");
	kill_at_points(pts, n);
	for (i = 0; i < CRASH_TIMED_KILLS; i++)
		kill_once(0, NULL, random() % (duration + 1), i % 5 == 0);
	kill_rollbacks();
	free(pts);
	rm_tree(tmp);
	free(ref);
	free(admin);
	free(newfile);
	free(conf);
	free(template_dir);
	free(old_id);
	return tap_done();
}
