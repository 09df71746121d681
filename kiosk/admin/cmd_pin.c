/*
 * chayue-admin pin: hash a new staff PIN, read without echo, for the
 * configuration file; pin --unlock: clear the lock that wrong PINs put on
 * the kiosk's PIN prompt (kept in the state file).
 */
#include <config.h>	/* not "config.h": that would be kiosk/config.h */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "data/stats/stats.h"
#include "i18n/i18n.h"
#include "kiosk/admin/admin.h"
#include "kiosk/config.h"
#include "kiosk/staff_pin.h"
#include "lib/xmalloc.h"

/* One line of standard input without its newline; echo off on a terminal. */
static int
read_secret(const char *prompt, char *buf, size_t size)
{
	struct termios saved, quiet;
	int tty = isatty(STDIN_FILENO), ok;

	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &saved);
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, (int)size, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
		fputc('\n', stderr);
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	return ok ? 0 : -1;
}

/*
 * pin --unlock: the kiosk reads the lock from the state file at every
 * attempt, so clearing it there unlocks a running kiosk too.
 */
static int
pin_unlock(const struct config *cfg)
{
	char *path, *error = NULL;
	struct stats *st;
	long long failures, until, left;

	path = cfg->state_file != NULL ? xstrdup(cfg->state_file) :
	    stats_default_path(cfg->catalogue);
	if (access(path, F_OK) != 0 && errno == ENOENT) {
		printf(_("The staff PIN is not locked (there is no state file "
		    "%s yet).\n"), path);
		free(path);
		return ADMIN_EXIT_OK;
	}
	st = stats_open(path, 1, &error);
	free(path);
	if (st == NULL ||
	    stats_pin_lock_get(st, &failures, &until, &error) != 0 ||
	    stats_pin_lock_put(st, 0, 0, &error) != 0) {
		stats_close(st);
		return admin_fail(error, ADMIN_EXIT_CATALOGUE);
	}
	stats_close(st);
	left = until - (long long)time(NULL);
	if (left > PIN_MAX_WAIT)
		left = PIN_MAX_WAIT;	/* as the kiosk counts it */
	if (left > 0)
		printf(_("The staff PIN is unlocked: it was locked for %lld s "
		    "more after %lld wrong PINs in a row.\n"), left, failures);
	else
		printf(_("The staff PIN was not locked; the count of wrong "
		    "PINs in a row (%lld) is cleared.\n"), failures);
	return ADMIN_EXIT_OK;
}

/* pin: hash a new staff PIN for the configuration file; pin --unlock. */
int
admin_pin(const struct config *cfg, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "unlock", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char pin[64], again[64], *hash, *error = NULL;
	int c, unlock = 0;

	optind = 0;	/* glibc: start again, on the command's arguments */
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'u':
			unlock = 1;
			break;
		case 'h':
			printf(_("Usage: %s pin\n"
			    "       %s pin --unlock\n"), ADMIN_PROGNAME,
			    ADMIN_PROGNAME);
			return ADMIN_EXIT_OK;
		default:
			return admin_try_help();
		}
	}
	if (optind < argc)
		return admin_usage_error(_("pin: unexpected argument '%s'"),
		    argv[optind]);
	if (unlock)
		return pin_unlock(cfg);
	/* The configured hash is refused by the kiosk: say so, and go on. */
	if (cfg->pin_problem != NULL)
		fprintf(stderr, "%s: %s: %s\n", ADMIN_PROGNAME, _("warning"),
		    cfg->pin_problem);
	if (read_secret(_("New staff PIN (4 to 12 digits): "), pin, sizeof pin) != 0)
		return admin_usage_error("%s", _("pin: no PIN given on standard input"));
	if (isatty(STDIN_FILENO) &&
	    (read_secret(_("The same PIN again: "), again, sizeof again) != 0 ||
	    strcmp(pin, again) != 0))
		return admin_usage_error("%s", _("pin: the two PINs differ"));
	if ((hash = pin_hash(pin, &error)) == NULL) {
		fprintf(stderr, "%s: pin: %s\n", ADMIN_PROGNAME, _(error));
		free(error);
		return ADMIN_EXIT_USAGE;
	}
	printf("staff_pin = %s\n", hash);
	fflush(stdout);
	/* On stderr: standard output stays the one line, for scripts. */
	fprintf(stderr, _("%s: put this line in %s in place of any staff_pin "
	    "line there; the kiosk takes the new PIN when it next starts\n"),
	    ADMIN_PROGNAME, cfg->file != NULL ? cfg->file :
	    CONFIG_DEFAULT_PATH);
	free(hash);
	return ADMIN_EXIT_OK;
}
