/*
 * chayue-admin: what its command files share. admin.c holds main and the
 * command table; each cmd_*.c one family of commands: cmd_import.c import
 * and check, cmd_versions.c the commands that show and change catalogue
 * versions, cmd_search.c search, cmd_stats.c hot items and feedback,
 * cmd_pin.c pin; cmd_package.c package (a catalogue as a Debian package);
 * cmd_report.c report and feedback --merge (terminals to the province); usage.c the help text and the usage and failure messages.
 */
#ifndef CHAYUE_ADMIN_H
#define CHAYUE_ADMIN_H

#include <stdio.h>

struct config;

#define ADMIN_PROGNAME	"chayue-admin"

/* Exit statuses (man/chayue-admin.8). */
enum {
	ADMIN_EXIT_OK = 0,
	ADMIN_EXIT_DATA = 1,		/* rows skipped, or the import refused */
	ADMIN_EXIT_USAGE = 2,		/* bad command line or configuration */
	ADMIN_EXIT_CATALOGUE = 3,	/* the catalogue cannot be read or written */
	ADMIN_EXIT_NO_VERSION = 4,	/* the named version does not exist */
};

/* The help text. */
void admin_usage(FILE *fp);

/* The --help hint on stderr; ADMIN_EXIT_USAGE. */
int admin_try_help(void);

/* "chayue-admin: message" and the --help hint on stderr; ADMIN_EXIT_USAGE. */
int admin_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* "chayue-admin: error" on stderr; frees error; returns status. */
int admin_fail(char *error, int status);

/*
 * A command: argv[0] is "chayue-admin COMMAND" (for getopt's messages),
 * the rest its arguments. Returns the exit status.
 */
int admin_import(const struct config *cfg, int argc, char **argv);
int admin_check(const struct config *cfg, int argc, char **argv);
int admin_versions_status(const struct config *cfg, int argc, char **argv);
int admin_versions_history(const struct config *cfg, int argc, char **argv);
int admin_versions_rollback(const struct config *cfg, int argc, char **argv);
int admin_versions_diff(const struct config *cfg, int argc, char **argv);
int admin_versions_export(const struct config *cfg, int argc, char **argv);

/*
 * A version as people name it: the local date and time it was imported,
 * its id in parentheses (i18n/format.h). Caller frees.
 */
char *admin_version_name(const char *id);
int admin_search(const struct config *cfg, int argc, char **argv);
int admin_hot(const struct config *cfg, int argc, char **argv);
int admin_feedback(const struct config *cfg, int argc, char **argv);
int admin_pin(const struct config *cfg, int argc, char **argv);
int admin_package(const struct config *cfg, int argc, char **argv);
int admin_report(const struct config *cfg, int argc, char **argv);

/*
 * feedback --merge: add up the reports (files) of many terminals into one
 * 满意度 table, of the days since since (NULL: all), as CSV if csv.
 */
int admin_feedback_merge(const struct config *cfg, char **files, int nfiles,
    const char *since, int csv);

#endif
