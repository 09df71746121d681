/*
 * chayue-admin: the exit statuses every command uses (see
 * man/chayue-admin.8), and the commands that live in files of their own.
 */
#ifndef CHAYUE_ADMIN_H
#define CHAYUE_ADMIN_H

struct config;

#define ADMIN_PROGNAME	"chayue-admin"

enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,		/* something was refused or skipped */
	EXIT_USAGE = 2,		/* bad command line or configuration */
	EXIT_CATALOGUE = 3,	/* the catalogue cannot be read or written */
};

/*
 * hot add|remove|list and feedback (kiosk/admin_stats.c): argv[0] is
 * "chayue-admin COMMAND", for getopt's messages. Return an exit status.
 */
int admin_hot(const struct config *cfg, int argc, char **argv);
int admin_feedback(const struct config *cfg, int argc, char **argv);

#endif
