#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/udat.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "i18n/format.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

/* ICU's names for the interface languages: script-specific Chinese. */
static const char *
format_icu_locale(void)
{
	const char *lang = i18n_language();

	if (strcmp(lang, "zh_CN") == 0)
		return "zh_Hans_CN";
	if (strcmp(lang, "zh_TW") == 0)
		return "zh_Hant_TW";
	return lang;
}

/* ICU's UTF-16 result as UTF-8; NULL if it cannot be converted. */
static char *
format_utf8(const UChar *u, int32_t ulen)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;
	char *out;

	u_strToUTF8(NULL, 0, &len, u, ulen, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	out = xmalloc((size_t)len + 1);
	st = U_ZERO_ERROR;
	u_strToUTF8(out, len + 1, NULL, u, ulen, &st);
	if (U_FAILURE(st)) {
		free(out);
		return NULL;
	}
	return out;
}

/* y-m-d from "YYYY-MM-DD"; 0 if it is a real calendar date. */
static int
format_parse_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int i, leap;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return -1;
	}
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
	leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	if (*y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > mdays[*m - 1] ||
	    (*m == 2 && *d == 29 && !leap))
		return -1;
	return 0;
}

int
format_is_date(const char *s)
{
	int y, m, d;

	return strlen(s) == 10 && format_parse_date(s, &y, &m, &d) == 0;
}

/*
 * tm (its fields as UTC) in the locale's styles, in zone (NULL: ICU's
 * default, the system's local time). NULL if ICU fails; else the caller
 * frees.
 */
static char *
format_tm(struct tm *tm, UDateFormatStyle time_style,
    UDateFormatStyle date_style, const UChar *zone)
{
	UErrorCode st = U_ZERO_ERROR;
	UDateFormat *fmt;
	UChar buf[96];
	int32_t n;
	char *out = NULL;

	fmt = udat_open(time_style, date_style, format_icu_locale(), zone,
	    zone != NULL ? -1 : 0, NULL, 0, &st);
	if (U_SUCCESS(st)) {
		n = udat_format(fmt, (UDate)timegm(tm) * 1000.0, buf,
		    (int32_t)(sizeof buf / sizeof buf[0]), NULL, &st);
		if (U_SUCCESS(st))
			out = format_utf8(buf, n);
	}
	udat_close(fmt);
	return out;
}

char *
format_date(const char *iso)
{
	static const UChar utc[] = { 'U', 'T', 'C', 0 };
	struct tm tm;
	char *out;
	int y, m, d;

	if (strlen(iso) < 10 || format_parse_date(iso, &y, &m, &d) != 0)
		return xstrdup(iso);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	out = format_tm(&tm, UDAT_NONE, UDAT_LONG, utc);
	return out != NULL ? out : xstrdup(iso);
}

char *
format_version_time(const char *id)
{
	struct tm tm;
	char *out, iso[11];
	int i, y, m, d, hh, mm, ss;

	/* YYYYMMDDTHHMMSSZ */
	for (i = 0; i < 15; i++)
		if (i == 8 ? id[i] != 'T' : id[i] < '0' || id[i] > '9')
			return xstrdup(id);
	if (id[15] != 'Z')
		return xstrdup(id);
	snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", id, id + 4, id + 6);
	if (format_parse_date(iso, &y, &m, &d) != 0 ||
	    sscanf(id + 9, "%2d%2d%2d", &hh, &mm, &ss) != 3 || hh > 23 ||
	    mm > 59 || ss > 60)
		return xstrdup(id);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	/* No zone given: local time, as the hall's clock shows it. */
	out = format_tm(&tm, UDAT_SHORT, UDAT_LONG, NULL);
	return out != NULL ? out : xstrdup(id);
}

char *
format_number(long long n)
{
	UErrorCode st = U_ZERO_ERROR;
	UNumberFormat *fmt;
	UChar buf[64];
	int32_t len;
	char *out = NULL;

	fmt = unum_open(UNUM_DECIMAL, NULL, 0, format_icu_locale(), NULL, &st);
	if (U_SUCCESS(st)) {
		len = unum_formatInt64(fmt, n, buf,
		    (int32_t)(sizeof buf / sizeof buf[0]), NULL, &st);
		if (U_SUCCESS(st))
			out = format_utf8(buf, len);
	}
	unum_close(fmt);
	return out != NULL ? out : xasprintf("%lld", n);
}

void
format_days_ago(char *buf, int days)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	/* Noon, so that a daylight-saving change cannot move the day. */
	tm.tm_hour = 12;
	tm.tm_mday -= days;
	tm.tm_isdst = -1;
	mktime(&tm);
	/* strftime: the fields are in range after mktime. */
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

void
format_today(char *buf)
{
	format_days_ago(buf, 0);
}
