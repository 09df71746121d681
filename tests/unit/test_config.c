/* The configuration file parser: values, defaults, and errors that name
 * the file and line and leave the configuration as it was. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/import/readfile.h"
#include "kiosk/config.h"
#include "tests/unit/tap.h"

static char path[] = "/tmp/chayue-config-XXXXXX";

static void
write_file(const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

static void
test_defaults(void)
{
	struct config cfg;
	char *error = NULL;

	config_init(&cfg);
	is_str(cfg.catalogue, CONFIG_DEFAULT_CATALOGUE, "default catalogue path");
	is_str(cfg.language, "zh_CN", "default language is zh_CN");
	is_int(cfg.ambiguous_width, 1, "ambiguous characters default to 1 column");
	is_int(cfg.kiosk, 0, "plain mode by default");
	ok(config_load(&cfg, "/nonexistent/chayue.conf", 0, &error) == 0,
	    "a missing optional file is not an error");
	ok(config_load(&cfg, "/nonexistent/chayue.conf", 1, &error) == -1 &&
	    error != NULL && strstr(error, "/nonexistent/chayue.conf") != NULL,
	    "a missing --config file is an error naming the file");
	free(error);
	config_done(&cfg);
}

static void
test_values(void)
{
	struct config cfg;
	char *error = NULL;

	write_file("# a comment\n\n  catalogue = /srv/c.db  \n"
	    "language=en\nambiguous_width = 2\nmode = kiosk\nmouse = no\n"
	    "locale_dir = /tmp/locale\n"
	    "staff_pin = $y$j9T$S17khtUdF.Kz7MrXyJcs41$PaUuqSMRFonqk8REBKBNC4HAEbEDsV2NnvHT2iN/Pd0\n");
	config_init(&cfg);
	ok(config_load(&cfg, path, 1, &error) == 0, "a valid file loads");
	is_str(cfg.catalogue, "/srv/c.db", "catalogue, spaces trimmed");
	is_str(cfg.language, "en", "language");
	is_int(cfg.ambiguous_width, 2, "ambiguous_width");
	is_int(cfg.kiosk, 1, "mode = kiosk");
	is_int(cfg.mouse, 0, "mouse = no");
	is_str(cfg.locale_dir, "/tmp/locale", "locale_dir");
	is_str(cfg.staff_pin, "$y$j9T$S17khtUdF.Kz7MrXyJcs41$PaUuqSMRFonqk8REBKBNC4HAEbEDsV2NnvHT2iN/Pd0",
	    "staff_pin holds a hash");
	config_done(&cfg);
}

/* Issue 9: Traditional Chinese, the state file, the most viewed items. */
static void
test_extras(void)
{
	struct config cfg;
	char *error = NULL;

	config_init(&cfg);
	ok(cfg.state_file == NULL && cfg.hot_most_viewed == 0,
	    "no state file named and no most-viewed items by default");
	write_file("language = zh_TW\nstate_file = /srv/state.db\n"
	    "hot_most_viewed = yes\n");
	ok(config_load(&cfg, path, 1, &error) == 0, "zh_TW, state_file and "
	    "hot_most_viewed load");
	is_str(cfg.language, "zh_TW", "language = zh_TW");
	is_str(cfg.state_file, "/srv/state.db", "state_file");
	is_int(cfg.hot_most_viewed, 1, "hot_most_viewed = yes");
	is_int(cfg.hot_min_views, 20, "hot_min_views is 20 by default");
	is_int(cfg.hot_min_days, 3, "hot_min_days is 3 by default");
	config_done(&cfg);
	config_init(&cfg);
	write_file("hot_min_views = 5\nhot_min_days = 2\n");
	ok(config_load(&cfg, path, 1, &error) == 0 && cfg.hot_min_views == 5 &&
	    cfg.hot_min_days == 2, "hot_min_views and hot_min_days load");
	config_done(&cfg);
}

/* A bad line: -1, "file:line: …", and the configuration unchanged. */
/* chayue-admin pin loads a configuration whose staff_pin it is to mend. */
static void
test_deferred(void)
{
	struct config cfg;
	char *error = NULL;

	write_file("catalogue = /srv/c.db\n"
	    "staff_pin = $1$saltsalt$fpXhOtJ7R8QVBapVBH7dO.\n");
	config_init(&cfg);
	cfg.defer_pin_problem = 1;
	ok(config_load(&cfg, path, 1, &error) == 0,
	    "with the PIN problem deferred, a file with a weak hash loads");
	is_str(cfg.catalogue, "/srv/c.db", "and its other keys apply");
	ok(cfg.staff_pin == NULL, "but not the weak hash");
	ok(cfg.pin_problem != NULL &&
	    strncmp(cfg.pin_problem, path, strlen(path)) == 0 &&
	    strstr(cfg.pin_problem, ":2: staff_pin: an MD5-crypt") != NULL,
	    "the problem is kept as file:line: key: what; what to do");
	free(error);
	config_done(&cfg);
}

static void
check_error(const char *text, int line, const char *want, const char *what)
{
	struct config cfg;
	char *error = NULL, *where;

	write_file(text);
	config_init(&cfg);
	where = NULL;
	ok(config_load(&cfg, path, 1, &error) == -1, what);
	if (error != NULL) {
		char prefix[128];

		snprintf(prefix, sizeof prefix, "%s:%d: ", path, line);
		where = strstr(error, prefix);
		ok(where == error && strstr(error, want) != NULL,
		    "the error names file, line and the problem");
		if (where != error || strstr(error, want) == NULL)
			printf("#   got: %s\n", error);
	} else
		ok(0, "an error message is given");
	is_str(cfg.catalogue, CONFIG_DEFAULT_CATALOGUE,
	    "a bad file leaves the configuration unchanged");
	free(error);
	config_done(&cfg);
}

/* Printing: who may print, on which queue, how many pages a visitor. */
static void
test_print(void)
{
	struct config cfg;
	char *error = NULL;

	config_init(&cfg);
	ok(cfg.print == CONFIG_PRINT_NO && cfg.printer == NULL &&
	    cfg.print_page_limit == 10,
	    "by default nobody prints; the CUPS default queue; 10 pages");
	write_file("print = staff\nprinter = hall_2\nprint_page_limit = 0\n");
	ok(config_load(&cfg, path, 1, &error) == 0, "print settings load");
	is_int(cfg.print, CONFIG_PRINT_STAFF, "print = staff");
	is_str(cfg.printer, "hall_2", "printer");
	is_int(cfg.print_page_limit, 0, "print_page_limit = 0: no limit");
	ok(config_set(&cfg, "printer", "desk", &error) == 0 &&
	    strcmp(cfg.printer, "desk") == 0, "--printer sets the queue");
	ok(config_set(&cfg, "printer", "a/b", &error) == -1 && error != NULL,
	    "a queue name CUPS would refuse is refused");
	free(error);
	config_done(&cfg);
}

/* The largest file an import reads. */
static void
test_import_max_size(void)
{
	struct config cfg;
	char *error = NULL;

	config_init(&cfg);
	ok(cfg.import_max_size == IMPORT_MAX_SIZE_DEFAULT &&
	    IMPORT_MAX_SIZE_DEFAULT == (size_t)64 << 20,
	    "import_max_size is 64 MB by default");
	write_file("import_max_size = 200M\n");
	ok(config_load(&cfg, path, 1, &error) == 0 &&
	    cfg.import_max_size == (size_t)200 << 20, "import_max_size = 200M");
	write_file("import_max_size = 1G\n");
	ok(config_load(&cfg, path, 1, &error) == 0 &&
	    cfg.import_max_size == (size_t)1 << 30, "import_max_size = 1G");
	free(error);
	config_done(&cfg);
}

/* Both programs: a file named on the command line, then --catalogue. */
static void
test_read(void)
{
	struct config cfg;
	char *error = NULL;

	write_file("catalogue = /from/file.db\n");
	config_init(&cfg);
	ok(config_read(&cfg, path, NULL, &error) == 0, "config_read loads the file");
	is_str(cfg.catalogue, "/from/file.db", "the file's catalogue is used");
	ok(config_read(&cfg, path, "/from/option.db", &error) == 0,
	    "config_read with --catalogue");
	is_str(cfg.catalogue, "/from/option.db", "--catalogue overrides the file");
	ok(config_read(&cfg, "/nonexistent/x.conf", NULL, &error) == -1,
	    "a named configuration file must exist");
	free(error);
	config_done(&cfg);
}

int
main(void)
{
	int fd = mkstemp(path);

	if (fd < 0)
		return 99;
	close(fd);
	test_defaults();
	test_values();
	test_read();
	test_extras();
	test_print();
	check_error("catalogue = /x.db\nfoo = bar\n", 2, "unknown key",
	    "an unknown key is refused");
	check_error("catalogue = /x.db\n\nmode\n", 3, "key = value",
	    "a line without '=' is refused");
	check_error("ambiguous_width = 3\n", 1, "1 or 2",
	    "ambiguous_width outside 1..2 is refused");
	check_error("language = fr\n", 1, "zh_CN, zh_TW or en",
	    "an unknown language is refused");
	check_error("mouse = perhaps\n", 1, "yes or no",
	    "a bad yes/no value is refused");
	check_error("hot_most_viewed = often\n", 1, "yes or no",
	    "a bad hot_most_viewed is refused");
	check_error("hot_min_views = 0\n", 1, "hot_min_views: not a number of "
	    "views in range; use 1 to 100000", "hot_min_views = 0 is refused");
	check_error("hot_min_days = 31\n", 1, "1 to 30",
	    "hot_min_days beyond the 30-day window is refused");
	check_error("hot_min_days = 3x\n", 1, "1 to 30",
	    "a bad hot_min_days is refused");
	check_error("catalogue =\n", 1, "empty path", "an empty path is refused");
	check_error("staff_pin = 1234\n", 1, "chayue-admin pin",
	    "a PIN in clear is refused");
	check_error("# the PIN\nstaff_pin = $1$saltsalt$fpXhOtJ7R8QVBapVBH7dO.\n",
	    2, "staff_pin: an MD5-crypt ($1$) hash is too weak to keep the "
	    "PIN; make a yescrypt one with: chayue-admin pin",
	    "an MD5-crypt hash is refused, with what to do");
	check_error("staff_pin = $5$saltsalt$"
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ\n", 1, "too weak",
	    "a sha256crypt hash is refused");
	check_error("staff_pin = $y$j9T$S17khtUdF.Kz7MrXyJcs41$PaUuqSMRF\n", 1,
	    "cut short", "a yescrypt hash cut short is refused");
	test_deferred();
	check_error("print = everyone\n", 1, "no, visitors or staff",
	    "an unknown print setting is refused");
	check_error("print_page_limit = -1\n", 1, "0 (no limit) to 1000",
	    "a page limit outside 0..1000 is refused");
	test_import_max_size();
	check_error("mode = plain\nimport_max_size = 17G\n", 2,
	    "import_max_size: not a size from 1K to 16G; write it as bytes or "
	    "with K, M or G, as 64M", "an import limit over 16G is refused");
	check_error("import_max_size = lots\n", 1, "not a size",
	    "an import limit that is not a size is refused");
	unlink(path);
	return tap_done();
}
