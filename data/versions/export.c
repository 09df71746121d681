#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "i18n/i18n.h"
#include "data/versions/export.h"
#include "data/store/schema.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"

/* The canonical columns, then code; the first seven flags are 8..14. */
static const char *const export_columns[] = {
	"domain", "level1", "level2", "content", "basis", "time_limit",
	"subject", "channels", "audience_all", "audience_specific",
	"method_active", "method_on_request", "level_county",
	"level_township", "level_village", "jurisdiction", "source_url",
	"code",
};
#define EXPORT_NCOLUMNS	(sizeof export_columns / sizeof export_columns[0])

/* The same columns as the published tables title them (data/import/header.c). */
static const char *const export_columns_zh[] = {
	"领域", "一级事项", "二级事项", "公开内容（要素）", "公开依据",
	"公开时限", "公开主体", "公开渠道和载体", "全社会", "特定群体",
	"主动", "依申请", "县级", "乡级", "村级", "发布机关", "来源网址",
	"编码",
};
#define EXPORT_FIRST_FLAG	8
#define EXPORT_LAST_FLAG	14
#define EXPORT_CHANNELS		7

static const char export_sql[] =
	"SELECT d.name, i.level1, i.level2, i.content, i.basis, i.time_limit,"
	" i.subject, i.channels, i.audience_all, i.audience_specific,"
	" i.method_active, i.method_on_request, i.level_county,"
	" i.level_township, i.level_village, i.jurisdiction, i.source_url,"
	" i.code FROM item AS i JOIN domain AS d ON d.id = i.domain_id"
	" ORDER BY i.id";

int
export_needs_guard(const char *s)
{
	return *s != '\0' && strchr(EXPORT_GUARDED, *s) != NULL;
}

/*
 * A cell as it is written: sanitised for a terminal. Frees nothing when
 * it returns s itself.
 */
static const char *
export_text(const char *s, int for_terminal, char **owned)
{
	*owned = NULL;
	if (!for_terminal)
		return s;
	return *owned = text_sanitise(s, strlen(s), 1);
}

/* A CSV field, quoted when it must be, guarded from spreadsheets. */
static void
export_csv_field(FILE *out, const char *s, int for_terminal)
{
	char	*owned;
	int	 guard;

	s = export_text(s, for_terminal, &owned);
	guard = export_needs_guard(s);
	if (strpbrk(s, ",\"\r\n") == NULL && *s != ' ' &&
	    (*s == '\0' || s[strlen(s) - 1] != ' ')) {
		if (guard)
			putc(EXPORT_GUARD, out);
		fputs(s, out);
		free(owned);
		return;
	}
	putc('"', out);
	if (guard)
		putc(EXPORT_GUARD, out);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
	free(owned);
}

/* Channels are stored one per line and exported joined with "；". */
static void
export_csv_channels(FILE *out, const char *s, int for_terminal)
{
	char	*joined = xmalloc(strlen(s) * 3 + 1), *o = joined;

	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			memcpy(o, "；", strlen("；"));
			o += strlen("；");
		} else
			*o++ = *s;
	}
	*o = '\0';
	export_csv_field(out, joined, for_terminal);
	free(joined);
}

static void
export_csv_row(FILE *out, sqlite3_stmt *st, int for_terminal, int zh)
{
	const char	*s;
	int		 c;

	for (c = 0; c < (int)EXPORT_NCOLUMNS; c++) {
		if (c > 0)
			putc(',', out);
		s = (const char *)sqlite3_column_text(st, c);
		if (zh && s != NULL && c >= EXPORT_FIRST_FLAG &&
		    c <= EXPORT_LAST_FLAG)
			fputs(sqlite3_column_int(st, c) ? "是" : "否", out);
		else if (c == EXPORT_CHANNELS)
			export_csv_channels(out, s != NULL ? s : "",
			    for_terminal);
		else
			export_csv_field(out, s != NULL ? s : "", for_terminal);
	}
	putc('\n', out);
}

/* A JSON string of s[0..len), sanitised for a terminal. */
static json_t *
export_json_string(const char *s, size_t len, int for_terminal)
{
	json_t	*j;
	char	*clean;

	if (!for_terminal)
		return json_stringn(s, len);
	clean = text_sanitise(s, len, 1);
	j = json_string(clean);
	free(clean);
	return j;
}

/* One item as a JSON object. */
static json_t *
export_json_item(sqlite3_stmt *st, int for_terminal)
{
	json_t		*obj = json_object(), *list;
	const char	*s, *line, *nl;
	int		 c;

	for (c = 0; c < (int)EXPORT_NCOLUMNS; c++) {
		s = (const char *)sqlite3_column_text(st, c);
		if (c >= EXPORT_FIRST_FLAG && c <= EXPORT_LAST_FLAG) {
			json_object_set_new(obj, export_columns[c], s == NULL ?
			    json_null() : json_integer(sqlite3_column_int(st, c)));
			continue;
		}
		if (c != EXPORT_CHANNELS) {
			if (s == NULL)
				s = "";
			json_object_set_new(obj, export_columns[c],
			    export_json_string(s, strlen(s), for_terminal));
			continue;
		}
		list = json_array();
		for (line = s != NULL ? s : ""; *line != '\0'; line = nl + 1) {
			nl = strchr(line, '\n');
			json_array_append_new(list, export_json_string(line,
			    nl != NULL ? (size_t)(nl - line) : strlen(line),
			    for_terminal));
			if (nl == NULL)
				break;
		}
		json_object_set_new(obj, export_columns[c], list);
	}
	return obj;
}

static void
export_json_row(FILE *out, sqlite3_stmt *st, int first, int for_terminal)
{
	json_t	*obj = export_json_item(st, for_terminal);

	fputs(first ? "[\n" : ",\n", out);
	json_dumpf(obj, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(obj);
}

/*
 * Write the UTF-8 text buf[0..len) to out in the encoding of cd. The
 * catalogue is valid UTF-8 and GB18030 encodes all of Unicode, so a
 * failure is one to report, not to paper over.
 */
static int
export_convert(iconv_t cd, const char *buf, size_t len, FILE *out,
    char **error)
{
	size_t	 size = len * 2 + 16, left = size;
	char	*conv = xmalloc(size), *in = (char *)buf, *o = conv;
	int	 rc = 0;

	if (iconv(cd, &in, &len, &o, &left) == (size_t)-1) {
		*error = xasprintf(_("cannot write the export in GB18030: "
		    "%s"), strerror(errno));
		rc = -1;
	} else
		fwrite(conv, 1, size - left, out);
	free(conv);
	return rc;
}

static int
export_rows(sqlite3 *db, const struct export_options *opt, FILE *out,
    char **error)
{
	sqlite3_stmt	*st;
	size_t		 i, n = 0, len = 0;
	iconv_t		 cd = (iconv_t)-1;
	FILE		*w = out;
	char		*buf = NULL;
	int		 rc = SQLITE_DONE, csv = opt->format == EXPORT_CSV;
	int		 t = opt->for_terminal, zh = csv && opt->headers_zh;

	if (sqlite3_prepare_v2(db, export_sql, -1, &st, NULL) != SQLITE_OK) {
		*error = xasprintf(_("cannot read the catalogue: %s"),
		    sqlite3_errmsg(db));
		return -1;
	}
	if (csv && opt->encoding == EXPORT_GB18030 &&
	    (cd = iconv_open("GB18030", "UTF-8")) == (iconv_t)-1) {
		*error = xasprintf(_("cannot write the export in GB18030: "
		    "%s"), strerror(errno));
		sqlite3_finalize(st);
		return -1;
	}
	if (csv && opt->encoding == EXPORT_UTF8_BOM)
		fputs("\xEF\xBB\xBF", out);
	/* GB18030: each line is written in UTF-8 to w, then converted. */
	for (;;) {
		if (cd != (iconv_t)-1 &&
		    (w = open_memstream(&buf, &len)) == NULL) {
			*error = xasprintf(_("cannot write the export: %s"),
			    strerror(errno));
			break;
		}
		if (csv && n == 0 && rc == SQLITE_DONE) {
			for (i = 0; i < EXPORT_NCOLUMNS; i++)
				fprintf(w, "%s%s", i > 0 ? "," : "", zh ?
				    export_columns_zh[i] : export_columns[i]);
			putc('\n', w);
			rc = SQLITE_ROW;	/* the header is written */
		} else if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (csv)
				export_csv_row(w, st, t, zh);
			else
				export_json_row(w, st, n == 0, t);
			n++;
		}
		if (w != out) {
			fclose(w);
			if (export_convert(cd, buf, len, out, error) != 0)
				rc = SQLITE_ERROR;
			free(buf);
			buf = NULL;
		}
		if (rc != SQLITE_ROW)
			break;
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	if (opt->format == EXPORT_JSON && rc == SQLITE_DONE)
		fputs(n == 0 ? "[]\n" : "\n]\n", out);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		if (*error == NULL)
			*error = xasprintf(_("cannot read the catalogue: %s"),
			    sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

int
export_catalogue(const char *path, enum export_format format,
    int for_terminal, FILE *out, char **error)
{
	struct export_options	opt;

	memset(&opt, 0, sizeof opt);
	opt.format = format;
	opt.for_terminal = for_terminal;
	return export_catalogue_with(path, &opt, out, error);
}

int
export_catalogue_with(const char *path, const struct export_options *opt,
    FILE *out, char **error)
{
	sqlite3	*db;
	int	 rc;

	*error = NULL;
	if ((db = schema_open(path, error)) == NULL)
		return -1;
	rc = export_rows(db, opt, out, error);
	sqlite3_close(db);
	if (rc == 0 && (fflush(out) != 0 || ferror(out))) {
		*error = xasprintf(_("cannot write the export: %s"),
		    strerror(errno));
		rc = -1;
	}
	return rc;
}
