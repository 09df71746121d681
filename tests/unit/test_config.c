/* The configuration file parser: values, defaults, and errors that name
 * the file and line and leave the configuration as it was. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	    "staff_pin = $y$j9T$abcdefghijklmnop$qrstuvwxyz0123456789ABCDEFG\n");
	config_init(&cfg);
	ok(config_load(&cfg, path, 1, &error) == 0, "a valid file loads");
	is_str(cfg.catalogue, "/srv/c.db", "catalogue, spaces trimmed");
	is_str(cfg.language, "en", "language");
	is_int(cfg.ambiguous_width, 2, "ambiguous_width");
	is_int(cfg.kiosk, 1, "mode = kiosk");
	is_int(cfg.mouse, 0, "mouse = no");
	is_str(cfg.locale_dir, "/tmp/locale", "locale_dir");
	is_str(cfg.staff_pin, "$y$j9T$abcdefghijklmnop$qrstuvwxyz0123456789ABCDEFG",
	    "staff_pin holds a hash");
	config_done(&cfg);
}

/* A bad line: -1, "file:line: …", and the configuration unchanged. */
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
	test_print();
	check_error("catalogue = /x.db\nfoo = bar\n", 2, "unknown key",
	    "an unknown key is refused");
	check_error("catalogue = /x.db\n\nmode\n", 3, "key = value",
	    "a line without '=' is refused");
	check_error("ambiguous_width = 3\n", 1, "1 or 2",
	    "ambiguous_width outside 1..2 is refused");
	check_error("language = fr\n", 1, "zh_CN or en",
	    "an unknown language is refused");
	check_error("mouse = perhaps\n", 1, "yes or no",
	    "a bad yes/no value is refused");
	check_error("catalogue =\n", 1, "empty path", "an empty path is refused");
	check_error("staff_pin = 1234\n", 1, "chayue-admin pin",
	    "a PIN in clear is refused");
	check_error("print = everyone\n", 1, "no, visitors or staff",
	    "an unknown print setting is refused");
	check_error("print_page_limit = -1\n", 1, "0 (no limit) to 1000",
	    "a page limit outside 0..1000 is refused");
	unlink(path);
	return tap_done();
}
