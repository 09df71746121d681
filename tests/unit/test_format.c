/*
 * The interface languages (i18n/i18n.c) and how each writes dates and
 * numbers (i18n/format.c): switching while running changes what gettext
 * answers, the cycle of the language key, dates for each language.
 */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/format.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"
#include "tests/unit/tap.h"

static void
check_date(const char *lang, const char *iso, const char *want)
{
	char *got, what[128];

	i18n_set_language(lang);
	got = format_date(iso);
	snprintf(what, sizeof what, "%s: %s is written %s", lang, iso, want);
	is_str(got, want, what);
	free(got);
}

static void
test_languages(void)
{
	ok(i18n_language_known("zh_TW") && i18n_language_known("en") &&
	    !i18n_language_known("fr") && !i18n_language_known(NULL),
	    "zh_CN, zh_TW and en are the languages");
	is_int(i18n_set_language("fr"), -1, "an unknown language is refused");
	is_str(i18n_language(), "zh_CN", "and the language stays");
	is_str(_("Help"), "帮助", "zh_CN: Simplified");
	is_str(i18n_next_language(), "zh_TW", "the key goes to zh_TW next");
	i18n_set_language(i18n_next_language());
	is_str(_("Help"), "說明", "zh_TW: Traditional, Taiwan's words");
	is_str(i18n_language_name(i18n_next_language()), "English",
	    "the next language is named in itself");
	i18n_set_language(i18n_next_language());
	is_str(_("Help"), "Help", "en");
	is_str(i18n_next_language(), "zh_CN", "and round again to zh_CN");
	is_str(ngettext("%s item", "%s items", 1), "%s item",
	    "English plurals: one");
	is_str(ngettext("%s item", "%s items", 2), "%s items",
	    "English plurals: more");
	i18n_set_language("zh_CN");
	is_str(_("Help"), "帮助", "back to zh_CN");
}

static void
test_formats(void)
{
	char *n, day[11];

	check_date("zh_CN", "2026-11-26", "2026年11月26日");
	check_date("zh_TW", "2026-03-05", "2026年3月5日");
	check_date("en", "2026-11-26", "November 26, 2026");
	check_date("en", "not a date", "not a date");
	check_date("en", "2026-02-30", "2026-02-30");
	i18n_set_language("en");
	n = format_number(1537);
	is_str(n, "1,537", "en: 1,537");
	free(n);
	i18n_set_language("zh_CN");
	n = format_number(272);
	is_str(n, "272", "zh_CN: 272");
	free(n);
	ok(format_is_date("2024-02-29") && !format_is_date("2023-02-29") &&
	    !format_is_date("2026-1-01") && !format_is_date("2026-01-01x"),
	    "dates typed on a command line are checked");
	format_today(day);
	ok(format_is_date(day), "today is a date");
	format_days_ago(day, 29);
	ok(format_is_date(day), "and so is 29 days ago");
}

/* A version id is read as UTC and written in local time (TZ, set in main). */
static void
test_version_time(void)
{
	char *got;

	i18n_set_language("zh_CN");
	got = format_version_time("20261205T074240Z");
	is_str(got, "2026年12月5日 15:42", "zh_CN: version 20261205T074240Z "
	    "is 2026年12月5日 15:42 in Shanghai");
	free(got);
	got = format_version_time("20261231T200000Z-2");
	is_str(got, "2027年1月1日 04:00", "the day and year turn over; a "
	    "-2 suffix is ignored");
	free(got);
	i18n_set_language("en");
	got = format_version_time("20261205T074240Z");
	/* ICU puts a space or a narrow no-break space before PM. */
	ok(strncmp(got, "December 5, 2026 at 3:42", 24) == 0 &&
	    strstr(got, "PM") != NULL, "en: December 5, 2026 at 3:42 PM");
	free(got);
	got = format_version_time("20261340T074240Z");
	is_str(got, "20261340T074240Z", "not a date: the id unchanged");
	free(got);
	got = format_version_time("draft");
	is_str(got, "draft", "not an id: unchanged");
	free(got);
	i18n_set_language("zh_CN");
}

int
main(void)
{
	const char *top = getenv("top_builddir");
	char *dir = xasprintf("%s/locale", top != NULL ? top : ".");

	/* Before ICU first reads the time zone, which it then keeps. */
	setenv("TZ", "Asia/Shanghai", 1);
	setlocale(LC_ALL, "C.UTF-8");
	i18n_init("zh_CN", dir);
	test_languages();
	test_formats();
	test_version_time();
	free(dir);
	return tap_done();
}
