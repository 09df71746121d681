/*
 * chayue-admin package: catalogue files as a Debian package, so that a
 * province delivers catalogues through an APT repository (README,
 * "A province of terminals"). The files are checked exactly as `check`
 * checks them; the package holds them gzipped under
 * /usr/share/chayue/catalogues/NAME/ and a postinst that imports them with
 * `chayue-admin import` as the chayue user: the same atomic switch, so a
 * failed import leaves the live catalogue and fails the configuration.
 *
 * dpkg-deb and gzip run as child processes (posix_spawnp, no shell): file
 * names reach them as arguments, never as shell text, and the postinst
 * finds the files by a glob, so no file name is ever written into a script.
 */
#include <config.h>	/* not "config.h": that would be kiosk/config.h */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "i18n/i18n.h"
#include "i18n/text.h"
#include "kiosk/admin/admin.h"
#include "kiosk/config.h"
#include "lib/xmalloc.h"

extern char **environ;

/* Where the files go on the terminal; NAME is appended. */
#define PACKAGE_DIR	"/usr/share/chayue/catalogues"

struct package_args {
	const char	*name;
	const char	*out;
	const char	*version;	/* NULL: from the files' date */
	char		**files;
	int		 nfiles;
};

/*
 * NAME makes the package name chayue-catalogue-NAME, so it follows
 * Debian's rules for package names (Policy 5.6.1): lower-case letters,
 * digits, '+', '-' and '.', starting with a letter or digit.
 */
static int
package_name_ok(const char *s)
{
	const char	*p;

	if (*s == '\0' || strlen(s) > 100 ||
	    strchr("abcdefghijklmnopqrstuvwxyz0123456789", *s) == NULL)
		return 0;
	for (p = s; *p != '\0'; p++)
		if (strchr("abcdefghijklmnopqrstuvwxyz0123456789+-.", *p) == NULL)
			return 0;
	return 1;
}

/*
 * An upstream version (Policy 5.6.12) without epoch or revision: a digit
 * first, then letters, digits, '.', '+' and '~'.
 */
static int
package_version_ok(const char *s)
{
	const char	*p;

	if (*s < '0' || *s > '9' || strlen(s) > 64)
		return 0;
	for (p = s; *p != '\0'; p++)
		if (strchr("abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+~", *p) == NULL)
			return 0;
	return 1;
}

static int
package_parse(int argc, char **argv, struct package_args *a)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "out", required_argument, NULL, 'o' },
		{ "version", required_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int	c;

	memset(a, 0, sizeof *a);
	a->out = ".";
	optind = 0;	/* glibc: start again, on the command's arguments */
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': a->name = optarg; break;
		case 'o': a->out = optarg; break;
		case 'v': a->version = optarg; break;
		case 'h':
			printf(_("Usage: %s package --name NAME [--out DIR] "
			    "[--version V] FILE...\n"), ADMIN_PROGNAME);
			return ADMIN_EXIT_OK;
		default:
			return admin_try_help();
		}
	}
	if (a->name == NULL)
		return admin_usage_error("%s", _("package: --name NAME is "
		    "needed (the package is chayue-catalogue-NAME)"));
	if (!package_name_ok(a->name))
		return admin_usage_error(_("package: --name '%s': use lower-case "
		    "letters, digits, '+', '-' and '.', starting with a letter "
		    "or digit (Debian package names), e.g. jinjiang"), a->name);
	if (a->version != NULL && !package_version_ok(a->version))
		return admin_usage_error(_("package: --version '%s': start with "
		    "a digit and use letters, digits, '.', '+' and '~', e.g. "
		    "20261205.1"), a->version);
	if (optind >= argc)
		return admin_usage_error("%s", _("package: no input files"));
	a->files = argv + optind;
	a->nfiles = argc - optind;
	return -1;
}

/* The newest modification time of the files as YYYYMMDD.HHMM (UTC). */
static char *
package_date_version(char **files, int n)
{
	struct stat	sb;
	struct tm	tm;
	time_t		newest = 0;
	char		buf[32];
	int		i;

	for (i = 0; i < n; i++)
		if (stat(files[i], &sb) == 0 && sb.st_mtime > newest)
			newest = sb.st_mtime;
	gmtime_r(&newest, &tm);
	strftime(buf, sizeof buf, "%Y%m%d.%H%M", &tm);
	return xstrdup(buf);
}

/*
 * Run argv[0] (found in PATH) with standard output to out_path (NULL:
 * inherited). 0 when it exits 0; otherwise -1 with *error (caller frees).
 */
static int
package_run(char *const argv[], const char *out_path, char **error)
{
	posix_spawn_file_actions_t	 fa;
	pid_t				 pid;
	int				 rc, status;

	posix_spawn_file_actions_init(&fa);
	if (out_path != NULL)
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out_path,
		    O_WRONLY | O_CREAT | O_TRUNC, 0644);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc == ENOENT) {
		*error = xasprintf(_("%s was not found; install it (apt-get "
		    "install %s) and run package again"), argv[0],
		    strcmp(argv[0], "dpkg-deb") == 0 ? "dpkg" : argv[0]);
		return -1;
	}
	if (rc != 0) {
		*error = xasprintf(_("cannot run %s: %s"), argv[0], strerror(rc));
		return -1;
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			*error = xasprintf(_("cannot run %s: %s"), argv[0],
			    strerror(errno));
			return -1;
		}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		*error = xasprintf(_("%s failed (see its message above)"),
		    argv[0]);
		return -1;
	}
	return 0;
}

static int
package_write(const char *path, const char *text, mode_t mode, char **error)
{
	FILE	*fp;
	int	 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode)) == -1 ||
	    (fp = fdopen(fd, "w")) == NULL) {
		*error = xasprintf(_("cannot write %s: %s"), path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	fputs(text, fp);
	if (fclose(fp) != 0) {
		*error = xasprintf(_("cannot write %s: %s"), path,
		    strerror(errno));
		return -1;
	}
	chmod(path, mode);	/* whatever the umask */
	return 0;
}

/*
 * The postinst. It is the same for every package but NAME: the files are
 * found by a glob, decompressed into a folder the chayue user can read and
 * imported in the order given (one numbered folder per file, so that each
 * keeps its own name: the importer reads a domain from a file name).
 * The caller frees.
 */
static char *
package_postinst(const char *name)
{
	return xasprintf(
	    "#!/bin/sh\n"
	    "# Made by chayue-admin package: import the catalogue files of\n"
	    "# this package into the terminal's catalogue (/etc/chayue.conf),\n"
	    "# as the chayue user, with the same atomic switch as staff use.\n"
	    "# A failed import leaves the live catalogue and fails here.\n"
	    "set -e\n"
	    "dir=%s/%s\n"
	    "case \"$1\" in\n"
	    "configure)\n"
	    "\ttmp=$(mktemp -d /var/lib/chayue/.package.XXXXXX)\n"
	    "\ttrap 'rm -rf \"$tmp\"' EXIT\n"
	    "\tset --\n"
	    "\tfor gz in \"$dir\"/*/*.gz; do\n"
	    "\t\tn=${gz%%/*}; n=${n##*/}; f=${gz##*/}\n"
	    "\t\tmkdir -p \"$tmp/$n\"\n"
	    "\t\tgzip -dc \"$gz\" >\"$tmp/$n/${f%%.gz}\"\n"
	    "\t\tset -- \"$@\" \"$tmp/$n/${f%%.gz}\"\n"
	    "\tdone\n"
	    "\tchown -R chayue:chayue \"$tmp\"\n"
	    "\tif ! runuser -u chayue -- chayue-admin import --yes \"$@\"; then\n"
	    "\t\techo \"chayue-catalogue-%s: the import failed (see above);"
	    " the live catalogue was not changed\" >&2\n"
	    "\t\texit 1\n"
	    "\tfi\n"
	    "\t;;\n"
	    "esac\n"
	    "exit 0\n", PACKAGE_DIR, name, name);
}

/* The control file. The caller frees. */
static char *
package_control(const struct package_args *a, const char *version,
    long long kib)
{
	const char	*who = getenv("DEBEMAIL");
	char		*files = xstrdup(""), *t, *clean;
	int		 i;

	for (i = 0; i < a->nfiles; i++) {
		const char *base = strrchr(a->files[i], '/');

		base = base != NULL ? base + 1 : a->files[i];
		clean = text_sanitise(base, strlen(base), 0);
		t = xasprintf("%s\n  %s", files, clean);
		free(clean);
		free(files);
		files = t;
	}
	t = xasprintf(
	    "Package: chayue-catalogue-%s\n"
	    "Version: %s\n"
	    "Architecture: all\n"
	    "Maintainer: %s\n"
	    "Installed-Size: %lld\n"
	    "Depends: chayue (>= %s)\n"
	    "Section: misc\n"
	    "Priority: optional\n"
	    "Description: chayue catalogue %s\n"
	    " Disclosure catalogue files for the chayue kiosk, imported into\n"
	    " the terminal's catalogue when the package is configured.\n"
	    " .\n"
	    " Files:%s\n",
	    a->name, version, who != NULL && strchr(who, '<') != NULL &&
	    strchr(who, '\n') == NULL ? who :
	    "chayue catalogue publisher <root@localhost>", kib, PACKAGE_VERSION,
	    a->name, files);
	free(files);
	return t;
}

/* rm -r of the staging folder; best effort. */
static void
package_remove_tree(const char *path)
{
	struct dirent	*e;
	struct stat	 sb;
	DIR		*d;
	char		*p;

	if (lstat(path, &sb) != 0)
		return;
	if (S_ISDIR(sb.st_mode) && (d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			p = xasprintf("%s/%s", path, e->d_name);
			package_remove_tree(p);
			free(p);
		}
		closedir(d);
		rmdir(path);
	} else
		unlink(path);
}

/* mkdir -p below stage, each part 0755. */
static int
package_mkdirs(const char *stage, const char *rel, char **error)
{
	char	*path = xasprintf("%s/%s", stage, rel), *p;

	for (p = path + strlen(stage) + 1;; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(path, 0755) != 0 && errno != EEXIST) {
				*error = xasprintf(_("cannot make %s: %s"),
				    path, strerror(errno));
				free(path);
				return -1;
			}
			chmod(path, 0755);
			if ((*p = c) == '\0')
				break;
		}
	}
	free(path);
	return 0;
}

/* Gzip each file into stage; *bytes adds up what was written. */
static int
package_add_files(const struct package_args *a, const char *stage,
    long long *bytes, char **error)
{
	struct stat	 sb;
	char		*rel, *gz, *argv[5];
	int		 i, rc = 0;

	for (i = 0; rc == 0 && i < a->nfiles; i++) {
		const char *base = strrchr(a->files[i], '/');

		base = base != NULL ? base + 1 : a->files[i];
		rel = xasprintf("usr/share/chayue/catalogues/%s/%02d", a->name,
		    i + 1);
		gz = xasprintf("%s/%s/%s.gz", stage, rel, base);
		argv[0] = "gzip";
		argv[1] = "-9nc";
		argv[2] = "--";
		argv[3] = a->files[i];
		argv[4] = NULL;
		if ((rc = package_mkdirs(stage, rel, error)) == 0 &&
		    (rc = package_run(argv, gz, error)) == 0 &&
		    stat(gz, &sb) == 0) {
			chmod(gz, 0644);
			*bytes += sb.st_size;
		}
		free(gz);
		free(rel);
	}
	return rc;
}

/* Stage the package's tree and build it with dpkg-deb. */
static int
package_build(const struct package_args *a, const char *version,
    const char *deb, char **error)
{
	char		*stage, *path, *text, *argv[6];
	long long	 bytes = 0;
	int		 rc;

	stage = xasprintf("%s/.chayue-package-XXXXXX", a->out);
	if (mkdtemp(stage) == NULL) {
		*error = xasprintf(_("cannot make a folder in %s: %s"), a->out,
		    strerror(errno));
		free(stage);
		return -1;
	}
	chmod(stage, 0755);
	rc = package_mkdirs(stage, "DEBIAN", error);
	if (rc == 0)
		rc = package_add_files(a, stage, &bytes, error);
	if (rc == 0) {
		text = package_control(a, version, (bytes + 1023) / 1024 + 4);
		path = xasprintf("%s/DEBIAN/control", stage);
		rc = package_write(path, text, 0644, error);
		free(path);
		free(text);
	}
	if (rc == 0) {
		text = package_postinst(a->name);
		path = xasprintf("%s/DEBIAN/postinst", stage);
		rc = package_write(path, text, 0755, error);
		free(path);
		free(text);
	}
	if (rc == 0) {
		argv[0] = "dpkg-deb";
		argv[1] = "--root-owner-group";
		argv[2] = "--build";
		argv[3] = stage;
		argv[4] = (char *)deb;
		argv[5] = NULL;
		rc = package_run(argv, "/dev/null", error);
	}
	package_remove_tree(stage);
	free(stage);
	return rc;
}

/* The check, as `check --allow-drop` would run it: the files alone. */
static int
package_check(const struct config *cfg, const struct package_args *a)
{
	char	**argv = xcalloc((size_t)a->nfiles + 4, sizeof *argv);
	int	  i, rc;

	argv[0] = ADMIN_PROGNAME " package";
	/* What the desk's own catalogue holds is not the terminals'. */
	argv[1] = "--allow-drop";
	argv[2] = "--strict";
	for (i = 0; i < a->nfiles; i++)
		argv[3 + i] = a->files[i];
	rc = admin_check(cfg, a->nfiles + 3, argv);
	free(argv);
	return rc;
}

int
admin_package(const struct config *cfg, int argc, char **argv)
{
	struct package_args	 a;
	char			*version, *deb, *error = NULL, *clean;
	int			 rc;

	if ((rc = package_parse(argc, argv, &a)) != -1)
		return rc;
	if ((rc = package_check(cfg, &a)) != ADMIN_EXIT_OK) {
		fprintf(stderr, _("%s: package: the files did not pass the "
		    "check, so no package was made; correct them and run "
		    "package again\n"), ADMIN_PROGNAME);
		return rc == ADMIN_EXIT_USAGE ? rc : ADMIN_EXIT_DATA;
	}
	version = a.version != NULL ? xstrdup(a.version) :
	    package_date_version(a.files, a.nfiles);
	deb = xasprintf("%s/chayue-catalogue-%s_%s_all.deb", a.out, a.name,
	    version);
	if (package_build(&a, version, deb, &error) != 0) {
		unlink(deb);
		rc = admin_fail(error, ADMIN_EXIT_CATALOGUE);
	} else {
		clean = text_sanitise(deb, strlen(deb), 0);
		printf(_("package written: %s\n"), clean);
		free(clean);
	}
	free(deb);
	free(version);
	return rc;
}
