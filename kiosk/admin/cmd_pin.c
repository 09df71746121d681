/*
 * chayue-admin pin: hash a new staff PIN, read without echo, for the
 * configuration file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "i18n/i18n.h"
#include "kiosk/admin/admin.h"
#include "kiosk/staff_pin.h"

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

/* pin: hash a new staff PIN for the configuration file. */
int
admin_pin(const struct config *cfg, int argc, char **argv)
{
	char pin[64], again[64], *hash, *error = NULL;

	(void)cfg;
	if (argc > 1)
		return admin_usage_error(_("pin: unexpected argument '%s'"), argv[1]);
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
	free(hash);
	return ADMIN_EXIT_OK;
}
