#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/import/diag.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

static char *
vformat(const char *fmt, va_list ap)
{
	va_list	 aq;
	char	*s;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return xstrdup(fmt);	/* bad conversion: keep the text */
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

void
diag_init(struct diag_list *list)
{
	memset(list, 0, sizeof *list);
}

void
diag_done(struct diag_list *list)
{
	size_t	i;

	for (i = 0; i < list->n; i++) {
		free(list->v[i].file);
		free(list->v[i].message);
		free(list->v[i].hint);
	}
	free(list->v);
	diag_init(list);
}

void
diag_add(struct diag_list *list, enum diag_severity sev, const char *file,
    long line, long column, const char *fmt, ...)
{
	struct diag	*d;
	va_list		 ap;

	if (list->n == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 16;
		list->v = xreallocarray(list->v, list->cap, sizeof *list->v);
	}
	d = &list->v[list->n++];
	d->severity = sev;
	d->file = xstrdup(file != NULL ? file : "");
	d->line = line;
	d->column = column;
	va_start(ap, fmt);
	d->message = vformat(fmt, ap);
	va_end(ap);
	d->hint = NULL;
	d->a1 = list->cells_a1;
	if (sev == DIAG_ERROR)
		list->errors++;
	else
		list->warnings++;
}

void
diag_hint(struct diag_list *list, const char *fmt, ...)
{
	struct diag	*d;
	va_list		 ap;

	if (list->n == 0)
		return;
	d = &list->v[list->n - 1];
	free(d->hint);
	va_start(ap, fmt);
	d->hint = vformat(fmt, ap);
	va_end(ap);
}

char *
diag_format(const struct diag *d)
{
	const char	*sev;
	char		*where, *s;

	/* TRANSLATORS: severity in "file:line:column: error: ..." */
	sev = d->severity == DIAG_ERROR ? _("error") : _("warning");
	if (d->a1 && d->line > 0 && d->column > 0) {
		char	 col[8], *p = col + sizeof col - 1;
		long	 c = d->column;

		/* Bijective base 26: 1 A, 26 Z, 27 AA. */
		*p = '\0';
		while (c > 0 && p > col) {
			*--p = (char)('A' + (c - 1) % 26);
			c = (c - 1) / 26;
		}
		where = xasprintf("%s:%s%ld: ", d->file, p, d->line);
	} else if (d->line > 0 && d->column > 0)
		where = xasprintf("%s:%ld:%ld: ", d->file, d->line, d->column);
	else if (d->line > 0)
		where = xasprintf("%s:%ld: ", d->file, d->line);
	else if (*d->file != '\0')
		where = xasprintf("%s: ", d->file);
	else
		where = xstrdup("");
	if (d->hint != NULL)
		s = xasprintf("%s%s: %s; %s", where, sev, d->message, d->hint);
	else
		s = xasprintf("%s%s: %s", where, sev, d->message);
	free(where);
	return s;
}

void
diag_print(const struct diag_list *list, FILE *fp, int errors_only)
{
	size_t	 i;
	char	*s;

	for (i = 0; i < list->n; i++) {
		if (errors_only && list->v[i].severity != DIAG_ERROR)
			continue;
		s = diag_format(&list->v[i]);
		fprintf(fp, "%s\n", s);
		free(s);
	}
}

/*
 * A value from the file made fit to quote in a message: at most 40
 * characters, control characters (escape sequences!) as '?'. s is valid
 * UTF-8.
 */
char *
diag_printable(const char *s, size_t len)
{
	char	*out = xmalloc(len + 4), *o = out;
	size_t	 i, chars = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xc0) != 0x80 && ++chars > 40) {
			memcpy(o, "...", 3);
			o += 3;
			break;
		}
		if (c < 0x20 || c == 0x7f)
			c = '?';
		else if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] < 0xa0) {
			c = '?';	/* a C1 control: two bytes, one '?' */
			i++;
		}
		*o++ = (char)c;
	}
	*o = '\0';
	return out;
}

char *
diag_column_letters(size_t col, char *buf)
{
	char	rev[DIAG_LETTERS];
	size_t	n = 0, i;

	/* Bijective base 26; more than 6 letters is past any spreadsheet. */
	while (col > 0 && n < DIAG_LETTERS - 1) {
		col--;
		rev[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (i = 0; i < n; i++)
		buf[i] = rev[n - 1 - i];
	buf[n] = '\0';
	return buf;
}
