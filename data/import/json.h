/*
 * A JSON catalogue file read as records, so that it feeds the same mapping
 * as a CSV file (layout.h, import.c). The file is an array of objects,
 * one per item, keyed by the canonical names (domain, level2, ...) or by
 * the published table's column titles (领域, 二级事项, 公开内容, 全社会, ...).
 * An object value one level down is flattened ({"公开对象": {"全社会": "√"}}
 * gives the key 全社会). Parsing is jansson's.
 *
 * The first record holds the keys: every key of every object, in the
 * order they first appear, each field's line and column where its key is
 * first written. Each later record is one object, its field i the value
 * of key i as text: strings as they are, numbers in decimal,
 * true 1, false 0, null and absent keys "", a list of strings joined with
 * line breaks (a list of channels). Each field's line and column are
 * where its key is written, for messages.
 *
 * Syntax errors are reported as file:line:column and end the reading: the
 * objects before the error are still returned.
 */
#ifndef CHAYUE_JSON_H
#define CHAYUE_JSON_H

#include <stddef.h>

#include "data/import/csv.h"
#include "data/import/diag.h"

struct json_reader;

/* Parse buf[0..len) (UTF-8), which must outlive the reader. */
struct json_reader *json_open(const char *buf, size_t len, const char *file,
    struct diag_list *diags);

/*
 * The keys as a record: 1, or 0 when the file holds no array of objects
 * (reported). Valid until json_close.
 */
int json_keys(struct json_reader *r, struct csv_record *rec);

/*
 * The next object: 1, or 0 after the last. rec->broken when the element
 * is not an object or a value cannot be a cell (reported). The record is
 * valid until the next json_read or json_close.
 */
int json_read(struct json_reader *r, struct csv_record *rec);

void json_close(struct json_reader *r);

#endif
