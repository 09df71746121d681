/*
 * What chayue-admin's commands write for other programs: JSON strings and
 * CSV cells, made safe the one way for every command.
 */
#ifndef CHAYUE_ADMIN_OUTPUT_H
#define CHAYUE_ADMIN_OUTPUT_H

#include <jansson.h>

/*
 * s as a new JSON string; s made valid UTF-8 first if it is not (a path
 * or a file name may hold any bytes). The caller owns the reference.
 */
json_t *output_json_text(const char *s);

/*
 * One CSV cell (RFC 4180) to standard output, then a comma, or a line
 * break if last: sanitised, quoted when it holds a comma, quote or line
 * break, and after a ' when a spreadsheet would take it for a formula (the
 * reports are for Excel, data/versions/export.h).
 */
void output_csv_cell(const char *s, int last);

#endif
