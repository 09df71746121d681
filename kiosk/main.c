/*
 * chayue: the public catalogue terminal. Reads the configuration, opens
 * the catalogue and hands the terminal to the main loop.
 */
#include <config.h>

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/store/catalogue.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "kiosk/config.h"
#include "kiosk/log.h"
#include "kiosk/loop.h"
#include "lib/xmalloc.h"

static void
usage(FILE *f)
{
	fprintf(f, _("Usage: %s [OPTION]...\n"
	    "Browse, search and read the government-disclosure catalogue.\n"
	    "\n"
	    "  -c, --catalogue PATH  catalogue file (default: %s)\n"
	    "  -C, --config PATH     configuration file (default: %s)\n"
	    "  -k, --kiosk           kiosk mode: keys locked, leaving needs the\n"
	    "                        staff PIN (F10)\n"
	    "  -i, --idle SECONDS    return to the home screen after SECONDS\n"
	    "                        without input, on every screen (0: never;\n"
	    "                        default 120, 300 on an item page)\n"
	    "  -p, --printer QUEUE   print on this CUPS queue (default: printer\n"
	    "                        in the configuration, else the CUPS default)\n"
	    "  -h, --help            show this help and exit\n"
	    "  -V, --version         show the version and exit\n"
	    "\n"
	    "Keys are listed on the help screen (? or F1). See chayue(1).\n"),
	    "chayue", CONFIG_DEFAULT_CATALOGUE, CONFIG_DEFAULT_PATH);
}

/* Curses needs a UTF-8 locale to show Chinese; fall back to C.UTF-8. */
static int
main_locale(void)
{
	if (setlocale(LC_ALL, "") != NULL &&
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return 0;
	if (setlocale(LC_ALL, "C.UTF-8") != NULL)
		return 0;
	fprintf(stderr, "chayue: no UTF-8 locale; install Debian package "
	    "locales and set LANG=C.UTF-8\n");
	return -1;
}

/*
 * An option that overrides the configuration's key, if given; an error
 * names the option as typed rather than the key (*error: the caller frees).
 */
static int
main_override(struct config *cfg, const char *option, const char *key,
    const char *value, char **error)
{
	char *why = NULL;

	if (value == NULL || config_set(cfg, key, value, &why) == 0)
		return 0;
	/* config_set says "key: why"; the key is not what was typed. */
	*error = xasprintf("%s %s: %s", option, value, why + strlen(key) + 2);
	free(why);
	return -1;
}

/* Parse options into cfg; returns -1 to exit with *status. */
static int
main_options(int argc, char **argv, struct config *cfg, int *status)
{
	static const struct option longopts[] = {
		{ "catalogue", required_argument, NULL, 'c' },
		{ "config", required_argument, NULL, 'C' },
		{ "kiosk", no_argument, NULL, 'k' },
		{ "idle", required_argument, NULL, 'i' },
		{ "printer", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_path = NULL, *catalogue = NULL, *idle = NULL;
	const char *printer = NULL;
	char *error = NULL;
	int c, kiosk = 0;

	while ((c = getopt_long(argc, argv, "c:C:ki:p:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			catalogue = optarg;
			break;
		case 'C':
			config_path = optarg;
			break;
		case 'k':
			kiosk = 1;
			break;
		case 'i':
			idle = optarg;
			break;
		case 'p':
			printer = optarg;
			break;
		case 'h':
			usage(stdout);
			*status = 0;
			return -1;
		case 'V':
			printf("chayue %s\n", PACKAGE_VERSION);
			*status = 0;
			return -1;
		default:
			usage(stderr);
			*status = 2;
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("chayue: unexpected argument '%s'\n"), argv[optind]);
		*status = 2;
		return -1;
	}
	if (config_read(cfg, config_path, catalogue, &error) != 0 ||
	    main_override(cfg, "--idle", "idle_seconds", idle, &error) != 0 ||
	    main_override(cfg, "--idle", "idle_seconds_reading", idle,
	    &error) != 0 ||
	    main_override(cfg, "--printer", "printer", printer, &error) != 0) {
		fprintf(stderr, "chayue: %s\n", error);
		free(error);
		*status = 2;
		return -1;
	}
	if (kiosk)
		cfg->kiosk = 1;
	return 0;
}

int
main(int argc, char **argv)
{
	struct config cfg;
	struct catalogue *cat;
	char *error = NULL;
	int status = 0;

	if (main_locale() != 0)
		return 1;
	config_init(&cfg);
	i18n_init(cfg.language, getenv("CHAYUE_LOCALEDIR"));
	if (main_options(argc, argv, &cfg, &status) != 0)
		goto out;
	i18n_init(cfg.language, cfg.locale_dir ? cfg.locale_dir :
	    getenv("CHAYUE_LOCALEDIR"));
	text_set_ambiguous_width(cfg.ambiguous_width);
	/*
	 * A staff desk says what is wrong and stops; a kiosk shows "please
	 * tell the staff" and keeps trying (loop.c).
	 */
	if ((cat = catalogue_open(cfg.catalogue, &error)) == NULL &&
	    !cfg.kiosk) {
		fprintf(stderr, "chayue: %s\n", error);
		free(error);
		status = 1;
		goto out;
	}
	free(error);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("chayue: needs a terminal\n"));
		status = 1;
	} else {
		log_open("chayue", cfg.log_file);
		log_event(LOG_NOTICE, "started in %s mode on %s",
		    cfg.kiosk ? "kiosk" : "plain", cfg.catalogue);
		status = loop_run(cat, &cfg);
		log_close();
	}
	catalogue_close(cat);
out:
	config_done(&cfg);
	return status;
}
