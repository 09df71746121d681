/*
 * What staff need to know, to syslog (the journal) or to a file: start,
 * stop, the catalogue version loaded, PIN failures, errors. Never what a
 * visitor looked at or searched for.
 */
#ifndef CHAYUE_LOG_H
#define CHAYUE_LOG_H

#include <syslog.h>

/* Log to path (appending) if not NULL, else to syslog as ident. */
void log_open(const char *ident, const char *path);
void log_close(void);

/* One event: a syslog priority (LOG_NOTICE, LOG_WARNING, LOG_ERR …). */
void log_event(int priority, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
