/*
 * The staff PIN. The configuration holds only a crypt(3) hash of it
 * (yescrypt), made with `chayue-admin pin`; wrong attempts are slowed
 * down so a PIN cannot be guessed at the counter.
 */
#ifndef CHAYUE_PIN_H
#define CHAYUE_PIN_H

/* A PIN is 4 to 12 digits. */
#define PIN_MIN_DIGITS	4
#define PIN_MAX_DIGITS	12

/*
 * 0 if pin has the right form, else -1 with a static message id (to be
 * passed through gettext) saying what is wrong and what to do.
 */
int pin_check_form(const char *pin, const char **why);

/*
 * Hash pin for the configuration file. Returns a string the caller frees,
 * or NULL with *error (caller frees; an untranslated message id).
 */
char *pin_hash(const char *pin, char **error);

/* 1 if pin matches hash, 0 if not (or hash is no valid crypt hash). */
int pin_verify(const char *hash, const char *pin);

/*
 * Rate limiting of attempts: after PIN_FREE_TRIES wrong ones in a row,
 * each further wrong one doubles the wait (from 30 s, at most an hour).
 */
#define PIN_FREE_TRIES	3

struct pin_guard {
	int		failures;	/* wrong attempts in a row */
	long long	locked_until;	/* monotonic seconds; 0: not locked */
};

/* Seconds to wait before the next attempt is allowed (0: now). */
long long pin_guard_wait(const struct pin_guard *g, long long now);

/* Record the outcome of an attempt made at now. */
void pin_guard_record(struct pin_guard *g, int ok, long long now);

#endif
