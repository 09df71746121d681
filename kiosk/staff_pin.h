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
 * 0 if hash is a crypt(3) hash of a scheme strong enough to keep a PIN
 * and whole (not cut short), else -1 with a static "what is wrong; what
 * to do" (untranslated, as configuration messages are). Accepted:
 * yescrypt ($y$), gost-yescrypt ($gy$), scrypt ($7$), bcrypt ($2b$,
 * $2y$) and sha512crypt ($6$); MD5-crypt ($1$), sha256crypt ($5$),
 * DES and the other legacy schemes are refused.
 */
int pin_hash_check(const char *hash, const char **why);

/*
 * Hash pin for the configuration file. Returns a string the caller frees,
 * or NULL with *error (caller frees; an untranslated message id).
 */
char *pin_hash(const char *pin, char **error);

/*
 * 1 if pin matches hash, 0 if not (or hash is no valid crypt hash, or
 * one of a refused scheme).
 */
int pin_verify(const char *hash, const char *pin);

/*
 * Rate limiting of attempts: after PIN_FREE_TRIES wrong ones in a row,
 * each further wrong one locks the prompt, from PIN_FIRST_WAIT seconds
 * doubling to at most PIN_MAX_WAIT. In the steady state that is one guess
 * per PIN_MAX_WAIT: 288 a day, so finding a 4-digit PIN takes 5,000
 * guesses, 17 days of typing around the clock, on average (README.md,
 * "Other commands"), while staff are never locked out for more than five
 * minutes.
 */
#define PIN_FREE_TRIES	3
#define PIN_FIRST_WAIT	30
#define PIN_MAX_WAIT	300

/*
 * The guard's times are wall-clock seconds (time(2)), so that it can be
 * kept in the state file across restarts and power cycles.
 */
struct pin_guard {
	long long	failures;	/* wrong attempts in a row */
	long long	locked_until;	/* seconds since the epoch; 0: not locked */
};

/* Seconds to wait before the next attempt is allowed (0: now). */
long long pin_guard_wait(const struct pin_guard *g, long long now);

/* The length of the lock that failures wrong PINs in a row earn. */
long long pin_guard_lock_for(long long failures);

/* Record the outcome of an attempt made at now. */
void pin_guard_record(struct pin_guard *g, int ok, long long now);

/*
 * Make a guard read back (from the state file) sane at now: a lock that
 * ends further ahead than PIN_MAX_WAIT (the clock was set back, or the
 * file was edited) ends PIN_MAX_WAIT from now, and negative counts are
 * zero. 1 if it changed anything.
 */
int pin_guard_settle(struct pin_guard *g, long long now);

#endif
