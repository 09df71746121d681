#include <config.h>

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/log.h"

static FILE *log_file;
static char log_ident[32] = "chayue";

/*
 * The log file for appending, created readable by the owner and group
 * only (whatever the umask): it names files, versions and staff actions,
 * nothing for every user of the machine. NULL on failure.
 */
static FILE *
log_file_open(const char *path)
{
	FILE *f;
	int fd;

	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
	    O_NOCTTY, 0640)) == -1)
		return NULL;
	if ((f = fdopen(fd, "a")) == NULL)
		close(fd);
	return f;
}

void
log_open(const char *ident, const char *path)
{
	snprintf(log_ident, sizeof log_ident, "%s", ident);
	if (path != NULL && (log_file = log_file_open(path)) != NULL) {
		setvbuf(log_file, NULL, _IOLBF, 0);
		return;
	}
	openlog(log_ident, LOG_PID, LOG_USER);
}

void
log_close(void)
{
	if (log_file != NULL) {
		fclose(log_file);
		log_file = NULL;
	} else
		closelog();
}

void
log_event(int priority, const char *fmt, ...)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	va_list ap;

	va_start(ap, fmt);
	if (log_file == NULL) {
		vsyslog(priority, fmt, ap);
		va_end(ap);
		return;
	}
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S%z",
	    localtime_r(&now, &tm));
	fprintf(log_file, "%s %s[%ld]: ", stamp, log_ident, (long)getpid());
	vfprintf(log_file, fmt, ap);
	fputc('\n', log_file);
	va_end(ap);
}
