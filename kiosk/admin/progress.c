#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n/i18n.h"
#include "kiosk/admin/progress.h"

#define PROGRESS_WIDTH		30	/* cells of the bar */
#define PROGRESS_EVERY_MS	100
#define PROGRESS_DELAY_MS	1000	/* before the bar appears */

static long
progress_ms(const struct timespec *a, const struct timespec *b)
{
	return (long)(b->tv_sec - a->tv_sec) * 1000 +
	    (b->tv_nsec - a->tv_nsec) / 1000000;
}

void
progress_init(struct progress *p, FILE *fp)
{
#ifdef CHAYUE_TESTING
	/* A test hook (--enable-test-hooks), not configuration. */
	const char	*delay = getenv("CHAYUE_PROGRESS_DELAY_MS");
#endif

	memset(p, 0, sizeof *p);
	p->fp = fp;
	p->enabled = isatty(fileno(fp));
	p->delay_ms = PROGRESS_DELAY_MS;
#ifdef CHAYUE_TESTING
	if (delay != NULL)
		p->delay_ms = atol(delay);
#endif
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
}

void
progress_update(struct progress *p, double done, size_t rows)
{
	struct timespec	now;
	char		bar[PROGRESS_WIDTH + 1];
	int		i, full;

	if (!p->enabled)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (progress_ms(&p->start, &now) < p->delay_ms ||
	    (p->shown && progress_ms(&p->last, &now) < PROGRESS_EVERY_MS &&
	    done < 1.0))
		return;
	done = done < 0 ? 0 : done > 1 ? 1 : done;
	full = (int)(done * PROGRESS_WIDTH);
	for (i = 0; i < PROGRESS_WIDTH; i++)
		bar[i] = i < full ? '#' : '-';
	bar[PROGRESS_WIDTH] = '\0';
	fputc('\r', p->fp);
	fprintf(p->fp, ngettext("[%s] %3d%%  %zu row", "[%s] %3d%%  %zu rows",
	    rows), bar, (int)(done * 100), rows);
	fflush(p->fp);
	p->shown = 1;
	p->last = now;
}

void
progress_clear(struct progress *p)
{
	if (!p->shown)
		return;
	/*
	 * Erase to the end of the line (the bar is only drawn on a
	 * terminal): spaces would count bytes, not the columns of a
	 * translated, double-width text.
	 */
	fputs("\r\033[K", p->fp);
	fflush(p->fp);
	p->shown = 0;
}
