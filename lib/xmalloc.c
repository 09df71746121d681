#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/xmalloc.h"

static _Noreturn void
fatal_oom(size_t size)
{
	/* No stdio: it may itself need memory. */
	static const char msg[] = "chayue: out of memory\n";
	(void)size;
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
		_exit(70);
	_exit(70);	/* EX_SOFTWARE: let the supervisor restart us */
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		fatal_oom(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		fatal_oom(n * size);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	size_t total;

	if (size != 0 && n > SIZE_MAX / size)
		fatal_oom(SIZE_MAX);
	total = n * size;
	p = realloc(p, total != 0 ? total : 1);
	if (p == NULL)
		fatal_oom(total);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal_oom(0);
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
