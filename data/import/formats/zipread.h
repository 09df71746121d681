/*
 * Entries of a ZIP archive held in memory (a .docx or .xlsx file), read
 * with minizip through memory I/O callbacks: no temporary file.
 *
 * The archive comes from outside, so every entry is read with limits: at
 * most ZIPREAD_MAX_ENTRY bytes once inflated, at most ZIPREAD_MAX_TOTAL for
 * all entries of one archive, and, past the first megabyte, at most
 * ZIPREAD_MAX_RATIO times its compressed size (a zip bomb inflates a few
 * kilobytes to gigabytes). The limits are checked on the bytes actually
 * inflated, not on the sizes the archive claims. Encrypted entries are
 * refused. Every refusal is reported as file:1:1 with what to do.
 */
#ifndef CHAYUE_ZIPREAD_H
#define CHAYUE_ZIPREAD_H

#include <stddef.h>

#include "data/import/diag.h"

#define ZIPREAD_MAX_ENTRY	((size_t)128 << 20)
#define ZIPREAD_MAX_TOTAL	((size_t)256 << 20)
#define ZIPREAD_MAX_RATIO	200

struct zipread;

/*
 * Open buf[0..len), which must outlive the reader; NULL if it is not a
 * whole ZIP archive (a truncated download), reported under the name file.
 * The caller closes the reader with zipread_close.
 */
struct zipread *zipread_open(const char *buf, size_t len, const char *file,
    struct diag_list *diags);

/*
 * Read the entry called name (compared without case, as OOXML part
 * names are): 1 and *out, NUL-terminated, *outlen bytes, which the caller
 * frees; 0 if there is no such entry (not reported); -1 if it cannot be
 * read (damaged, encrypted, too large), reported.
 */
int zipread_entry(struct zipread *z, const char *name, char **out,
    size_t *outlen);

void zipread_close(struct zipread *z);

#endif
