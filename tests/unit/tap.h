/*
 * A minimal TAP producer for the unit tests: each check prints one
 * "ok N - what" or "not ok N - what" line; tap_done() prints the plan and
 * returns the exit status. automake's tap-driver counts the lines.
 */
#ifndef CHAYUE_TAP_H
#define CHAYUE_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int
tap_ok(int cond, const char *what, const char *file, int line)
{
	tap_n++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, what);
	if (!cond) {
		tap_failed++;
		printf("# failed at %s:%d\n", file, line);
	}
	fflush(stdout);
	return cond;
}

/* ok(condition, "what is checked") */
#define ok(cond, what)	tap_ok(!!(cond), (what), __FILE__, __LINE__)

/* Compare strings, showing both when they differ. */
#define is_str(got, want, what) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (!ok(g_ != NULL && strcmp(g_, w_) == 0, (what)))		\
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n",		\
		    g_ ? g_ : "(null)", w_);				\
} while (0)

#define is_int(got, want, what) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (!ok(g_ == w_, (what)))					\
		printf("#   got:  %lld\n#   want: %lld\n", g_, w_);	\
} while (0)

static inline int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
