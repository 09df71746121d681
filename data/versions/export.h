/*
 * Write a catalogue version back out as a file staff can read, keep, edit
 * and import again: the canonical CSV layout of reference-catalogue.csv
 * (UTF-8, channels joined with "；", flags 1, 0 or empty, plus the code
 * column), or a JSON array of objects with the same keys (flags 1, 0 or
 * null, channels a list). Importing an export gives the same items.
 */
#ifndef CHAYUE_EXPORT_H
#define CHAYUE_EXPORT_H

#include <stdio.h>

enum export_format {
	EXPORT_CSV,
	EXPORT_JSON,
};

/*
 * Write every item of the catalogue file path to out, in import order.
 * 0, or -1 with *error (caller frees), also when out cannot be written.
 */
int export_catalogue(const char *path, enum export_format format, FILE *out,
    char **error);

#endif
