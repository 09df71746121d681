#include <config.h>

#include <stdlib.h>
#include <time.h>

#include "data/stats/stats.h"
#include "kiosk/lockdown.h"
#include "kiosk/log.h"
#include "screens/ui/services.h"

void
lockdown_init(struct lockdown *lock, const char *pin_hash)
{
	lock->pin_hash = pin_hash;
	lock->guard.failures = 0;
	lock->guard.locked_until = 0;
	lock->state = NULL;
}

long long
lockdown_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

long long
lockdown_wall(void)
{
	return (long long)time(NULL);
}

/*
 * The state file failed: from now on the lock lives in memory only (a
 * file that cannot be written must not be read back stale either).
 */
static void
lockdown_lost(struct lockdown *lock, char *error)
{
	log_event(LOG_WARNING, "the staff PIN lock is kept in memory only "
	    "from now on: %s", error != NULL ? error : "");
	free(error);
	lock->state = NULL;
}

/* What the state file says now (chayue-admin pin --unlock may have run). */
static void
lockdown_load(struct lockdown *lock, long long now)
{
	char *error = NULL;
	struct pin_guard g;

	if (lock->state == NULL)
		return;
	if (stats_pin_lock_get(lock->state, &g.failures, &g.locked_until,
	    &error) != 0) {
		lockdown_lost(lock, error);
		return;
	}
	pin_guard_settle(&g, now);
	lock->guard = g;
}

static void
lockdown_save(struct lockdown *lock)
{
	char *error = NULL;

	if (lock->state != NULL && stats_pin_lock_put(lock->state,
	    lock->guard.failures, lock->guard.locked_until, &error) != 0)
		lockdown_lost(lock, error);
}

void
lockdown_keep(struct lockdown *lock, struct stats *st)
{
	long long now = lockdown_wall(), wait;

	lock->state = st;
	if (st == NULL) {
		if (lock->pin_hash != NULL)
			log_event(LOG_WARNING, "no writable state file: the "
			    "staff PIN lock is kept in memory only");
		return;
	}
	lockdown_load(lock, now);
	if ((wait = pin_guard_wait(&lock->guard, now)) > 0)
		log_event(LOG_WARNING, "staff PIN still locked for %lld s "
		    "(%lld wrong in a row)", wait, lock->guard.failures);
}

int
lockdown_check_pin(void *ctx, const char *pin, long long *wait)
{
	struct lockdown *lock = ctx;
	long long now = lockdown_wall();
	const char *why;
	int right;

	if (lock->pin_hash == NULL)
		return UI_PIN_NONE;
	lockdown_load(lock, now);
	if ((*wait = pin_guard_wait(&lock->guard, now)) > 0)
		return UI_PIN_LOCKED;
	/* Not a PIN at all: it cannot be right, so it costs no guess. */
	if (pin_check_form(pin, &why) != 0)
		return UI_PIN_WRONG;
	/*
	 * Count the attempt as wrong, and keep that, before checking it:
	 * cutting the power while the hash is computed saves no guess.
	 */
	pin_guard_record(&lock->guard, 0, now);
	lockdown_save(lock);
	right = pin_verify(lock->pin_hash, pin);
	if (right) {
		pin_guard_record(&lock->guard, 1, now);
		lockdown_save(lock);
		return UI_PIN_RIGHT;
	}
	log_event(LOG_WARNING, "wrong staff PIN (%lld in a row)",
	    lock->guard.failures);
	if ((*wait = pin_guard_wait(&lock->guard, now)) > 0) {
		log_event(LOG_WARNING, "staff PIN locked for %lld s", *wait);
		return UI_PIN_LOCKED;
	}
	return UI_PIN_WRONG;
}
