/*
 * chayue-admin's help text and the messages every command ends with on a
 * usage error or a failure (admin.h), apart from main so that the command
 * files and main each call down into this file and never into each other.
 */
#include <config.h>	/* not "config.h": that would be kiosk/config.h */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n/i18n.h"
#include "kiosk/admin/admin.h"
#include "kiosk/config.h"

#define PROGNAME	ADMIN_PROGNAME

void
admin_usage(FILE *fp)
{
	fprintf(fp, _("Usage: %s [--catalogue PATH] [--config PATH] COMMAND "
	    "[ARG]...\n"), PROGNAME);
	fputs(_("Load disclosure catalogue files into the chayue kiosk.\n\n"),
	    fp);
	fputs(_("Commands:\n"
	    "  import [OPTION]... FILE...\n"
	    "                     make the rows of the files the live "
	    "catalogue\n"
	    "  check [OPTION]... FILE...\n"
	    "                     check the files only; nothing is written\n"
	    "  status [--json]    the live version: date, files, items by "
	    "domain\n"
	    "                     and jurisdiction\n"
	    "  history [--json]   the live version and the earlier ones kept\n"
	    "  rollback [VERSION] make the version before the live one (or "
	    "VERSION)\n"
	    "                     live again\n"
	    "  diff [--json] [FROM [TO]]\n"
	    "                     what TO (default: live) added, removed and\n"
	    "                     changed against FROM (default: previous)\n"
	    "  export [--format csv|json] [--version VERSION] [--output FILE]\n"
	    "         [--encoding utf-8|utf-8-bom|gb18030] [--headers en|zh]\n"
	    "                     write a version out in the canonical layout\n"
	    "                     (gb18030 or utf-8-bom and --headers zh: for\n"
	    "                     Excel on a Chinese PC)\n"
	    "  search [--limit N] [--json] QUERY...\n"
	    "                     the items the kiosk's search finds, best "
	    "first\n"
	    "  pin                read a new staff PIN and print the line that\n"
	    "                     puts it (hashed) in the configuration\n"
	    "  pin --unlock       clear the lock that wrong PINs put on the "
	    "kiosk's\n"
	    "                     PIN prompt (a running kiosk too)\n\n"),
	    fp);
	fputs(_("Hot items and visitors' answers (in the state file):\n"
	    "  hot add [--domain D] [--jurisdiction J] [--all] NAME|#ID\n"
	    "                     mark the item named NAME (or #ID) as hot "
	    "(热点事项)\n"
	    "  hot remove [--domain D] [--jurisdiction J] [--all] NAME|#ID\n"
	    "                     mark it as hot no more\n"
	    "  hot list           list the hot items\n"
	    "  feedback [--since DATE] [--csv]\n"
	    "                     the 有用 / 没用 answers per item, since DATE\n"
	    "                     (YYYY-MM-DD)\n\n"), fp);
	fputs(_("A province of terminals (README, \"A province of "
	    "terminals\"):\n"
	    "  package --name NAME [--out DIR] [--version V] FILE...\n"
	    "                     check the files, then write them as the "
	    "Debian\n"
	    "                     package chayue-catalogue-NAME_V_all.deb; "
	    "installing\n"
	    "                     it imports them (V: the files' date)\n"
	    "  report --json      the live version, errors and the counts per "
	    "item\n"
	    "                     and day, for the province to collect\n"
	    "  feedback --merge [--since DATE] [--csv] REPORT...\n"
	    "                     add many terminals' reports up into one "
	    "满意度\n"
	    "                     (satisfaction) table\n\n"), fp);
	fputs(_("Options of import and check:\n"
	    "  --strict           refuse the whole import on any error\n"
	    "  --yes              import the good rows without asking when "
	    "rows\n"
	    "                     are skipped\n"
	    "  --allow-cut-off    import a file that ends in the middle of a "
	    "row or\n"
	    "                     of a character (refused without it, --yes "
	    "or not)\n"
	    "  --allow-drop       import a version with fewer than half the "
	    "live\n"
	    "                     version's items for its jurisdictions\n"
	    "  --quiet            print errors only\n"
	    "  --encoding ENC     utf-8, gb18030 (gbk), big5, utf-16le, "
	    "utf-16be\n"
	    "                     (default: detected; other encodings are "
	    "refused)\n"
	    "  --format FMT       csv, json, html, docx, xlsx or xls (default:\n"
	    "                     detected from the content)\n"
	    "  --delimiter D      comma or tab (default: detected)\n"
	    "  --domain NAME      the domain of rows that name none\n"
	    "  --jurisdiction NAME\n"
	    "                     the publishing government of rows that name "
	    "none\n"), fp);
	fputs(_("  --max-size SIZE    refuse a file larger than SIZE (K, M, G; "
	    "default:\n"
	    "                     import_max_size, 64M)\n\n"), fp);
	fputs(_("Options of search:\n"
	    "  --limit N          show at most N results (default 20; 0: all)\n"
	    "  --json             print the results as JSON\n\n"), fp);
	fputs(_("Global options:\n"
	    "  --catalogue PATH   the catalogue file (default: from the "
	    "configuration)\n"
	    "  --config PATH      the configuration file\n"
	    "  -h, --help         show this help and exit\n"
	    "  -V, --version      show the version and exit\n\n"), fp);
	fputs(_("Exit status: 0 success, 1 rows refused or skipped (search: "
	    "nothing found),\n2 usage error, 3 the catalogue cannot be read or "
	    "written, 4 no such\nversion.\n"), fp);
	fprintf(fp, _("Default configuration file: %s\n"), CONFIG_DEFAULT_PATH);
	fprintf(fp, _("Default catalogue: %s\n"), CONFIG_DEFAULT_CATALOGUE);
}

int
admin_try_help(void)
{
	fprintf(stderr, _("Try '%s --help' for more information.\n"),
	    PROGNAME);
	return ADMIN_EXIT_USAGE;
}

int
admin_usage_error(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", PROGNAME);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return admin_try_help();
}

int
admin_fail(char *error, int status)
{
	fprintf(stderr, "%s: %s\n", PROGNAME, error != NULL ? error : "");
	free(error);
	return status;
}
