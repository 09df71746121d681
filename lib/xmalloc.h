/*
 * Allocation that never returns NULL. Running out of memory is fatal in one
 * place, here: the process exits with a message and the supervisor (systemd)
 * restarts the kiosk. Everything else may assume allocation succeeds.
 */
#ifndef CHAYUE_XMALLOC_H
#define CHAYUE_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
