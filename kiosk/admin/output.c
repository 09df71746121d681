/*
 * JSON strings and CSV cells for chayue-admin's commands (output.h).
 */
#include <config.h>	/* not "config.h": that would be kiosk/config.h */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/versions/export.h"
#include "i18n/text.h"
#include "kiosk/admin/output.h"

json_t *
output_json_text(const char *s)
{
	json_t	*j = json_string(s);
	char	*clean;

	if (j != NULL)
		return j;
	clean = text_sanitise(s, strlen(s), 0);
	j = json_string(clean);
	free(clean);
	return j;
}

void
output_csv_cell(const char *s, int last)
{
	char		*clean = text_sanitise(s, strlen(s), 0);
	const char	*p;
	int		 quote = strpbrk(clean, ",\"\r\n") != NULL;

	if (quote)
		putchar('"');
	if (export_needs_guard(clean))
		putchar(EXPORT_GUARD);
	for (p = clean; *p != '\0'; p++) {
		if (*p == '"')
			putchar('"');
		putchar(*p);
	}
	if (quote)
		putchar('"');
	putchar(last ? '\n' : ',');
	free(clean);
}
