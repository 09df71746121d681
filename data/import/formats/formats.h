/*
 * Readers of documents that hold catalogue tables: each reads a whole
 * file in memory into a table_set (table.h), 0, or -1 when the file cannot
 * be used (reported in diags under the name file).
 */
#ifndef CHAYUE_FORMATS_H
#define CHAYUE_FORMATS_H

#include <stddef.h>

#include "data/import/diag.h"
#include "data/import/table.h"

int docx_read(const char *buf, size_t len, const char *file,
    struct diag_list *diags, struct table_set *out);
int xlsx_read(const char *buf, size_t len, const char *file,
    struct diag_list *diags, struct table_set *out);
int xls_read(const char *buf, size_t len, const char *file,
    struct diag_list *diags, struct table_set *out);

#endif
