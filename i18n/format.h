/*
 * Dates and numbers written the way the interface language writes them
 * (CLDR data through ICU): 2026年11月26日 in Chinese, November 26, 2026 in
 * English. Follows i18n_language(), so a language switch changes them.
 */
#ifndef CHAYUE_FORMAT_H
#define CHAYUE_FORMAT_H

/*
 * An ISO 8601 date "YYYY-MM-DD" (anything after the day is ignored) in
 * the interface language. Something that is not such a date comes back
 * unchanged. Returns a string the caller frees; never NULL.
 */
char *format_date(const char *iso);

/*
 * A catalogue version id ("20261205T074240Z", maybe with "-2": when it was
 * built, UTC) as the local date and time people read, in the interface
 * language: 2026年12月5日 15:42. Something else comes back unchanged.
 * Caller frees; never NULL.
 */
char *format_version_time(const char *id);

/* A count with the language's digit grouping (1,537). Caller frees. */
char *format_number(long long n);

/*
 * Is s a valid calendar date "YYYY-MM-DD" (exactly ten bytes)? For dates
 * typed on command lines.
 */
int format_is_date(const char *s);

/* Today's local date as "YYYY-MM-DD" into buf (at least 11 bytes). */
void format_today(char *buf);

/* The local date days before today, as format_today. */
void format_days_ago(char *buf, int days);

#endif
