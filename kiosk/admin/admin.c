/*
 * chayue-admin: what staff run at the desk to load catalogue files into the
 * kiosk and to see what it holds. This file holds main, the global options
 * and the table of commands; each command family has a cmd_*.c of its own.
 * The exit status tells a script what happened (see man/chayue-admin.8).
 */
#include <config.h>	/* not "config.h": that would be kiosk/config.h */

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n/i18n.h"
#include "i18n/text.h"
#include "kiosk/admin/admin.h"
#include "kiosk/config.h"
#include "lib/xmalloc.h"

#define PROGNAME	ADMIN_PROGNAME

static void
version(void)
{
	printf("%s (%s) %s\n", PROGNAME, PACKAGE_NAME, PACKAGE_VERSION);
}


/* The commands, in the order of the help text. */
static const struct {
	const char	*name;
	int		(*run)(const struct config *, int, char **);
} admin_commands[] = {
	{ "import", admin_import },
	{ "check", admin_check },
	{ "status", admin_versions_status },
	{ "history", admin_versions_history },
	{ "rollback", admin_versions_rollback },
	{ "diff", admin_versions_diff },
	{ "export", admin_versions_export },
	{ "search", admin_search },
	{ "hot", admin_hot },
	{ "feedback", admin_feedback },
	{ "pin", admin_pin },
};

/* Run COMMAND with its arguments argv[0..argc), argv[0] the command. */
static int
dispatch(const struct config *cfg, int argc, char **argv)
{
	const char	*cmd = argv[0];
	char		**sub;
	size_t		 i;
	int		 rc = -1;

	sub = xcalloc((size_t)argc + 1, sizeof *sub);
	memcpy(sub, argv, (size_t)argc * sizeof *sub);
	sub[0] = xasprintf("%s %s", PROGNAME, cmd);
	for (i = 0; i < sizeof admin_commands / sizeof admin_commands[0]; i++)
		if (strcmp(cmd, admin_commands[i].name) == 0)
			rc = admin_commands[i].run(cfg, argc, sub);
	if (rc == -1)
		rc = admin_usage_error(_("unknown command '%s'"), cmd);
	free(sub[0]);
	free(sub);
	return rc;
}

/*
 * Global options, before the command. Returns -1 to go on, or an exit
 * status; *config_path and *catalogue point into argv.
 */
static int
parse_global(int argc, char **argv, const char **config_path,
    const char **catalogue)
{
	static const struct option longopts[] = {
		{ "catalogue", required_argument, NULL, 'c' },
		{ "config", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int	c;

	while ((c = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			*catalogue = optarg;
			break;
		case 'f':
			*config_path = optarg;
			break;
		case 'h':
			admin_usage(stdout);
			return ADMIN_EXIT_OK;
		case 'V':
			version();
			return ADMIN_EXIT_OK;
		default:
			return admin_try_help();
		}
	}
	if (optind >= argc)
		return admin_usage_error("%s", _("no command given"));
	return -1;
}

/* The configuration file, then --catalogue over it; -1 on error. */
static int
load_config(struct config *cfg, const char *config_path,
    const char *catalogue)
{
	char	*error = NULL;

	if (config_read(cfg, config_path, catalogue, &error) != 0) {
		fprintf(stderr, "%s: %s\n", PROGNAME, error);
		free(error);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct config	 cfg;
	const char	*config_path = NULL, *catalogue = NULL;
	int		 rc;

	setlocale(LC_ALL, "");
	config_init(&cfg);
	i18n_init(cfg.language, cfg.locale_dir != NULL ? cfg.locale_dir :
	    getenv("CHAYUE_LOCALEDIR"));
	rc = parse_global(argc, argv, &config_path, &catalogue);
	/* pin makes the line that mends a bad staff_pin: let it run. */
	if (rc == -1 && strcmp(argv[optind], "pin") == 0)
		cfg.defer_pin_problem = 1;
	if (rc == -1 && load_config(&cfg, config_path, catalogue) != 0)
		rc = ADMIN_EXIT_USAGE;
	if (rc == -1) {
		/* The configured interface language from here on. */
		i18n_init(cfg.language, cfg.locale_dir != NULL ? cfg.locale_dir :
	    getenv("CHAYUE_LOCALEDIR"));
		rc = dispatch(&cfg, argc - optind, argv + optind);
	}
	config_done(&cfg);
	return rc;
}
