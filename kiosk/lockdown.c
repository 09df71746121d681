#include <config.h>

#include <time.h>

#include "kiosk/lockdown.h"
#include "kiosk/log.h"
#include "screens/ui/services.h"

void
lockdown_init(struct lockdown *lock, const char *pin_hash)
{
	lock->pin_hash = pin_hash;
	lock->guard.failures = 0;
	lock->guard.locked_until = 0;
}

long long
lockdown_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

int
lockdown_check_pin(void *ctx, const char *pin, long long *wait)
{
	struct lockdown *lock = ctx;
	long long now = lockdown_now();
	int right;

	if (lock->pin_hash == NULL)
		return UI_PIN_NONE;
	if ((*wait = pin_guard_wait(&lock->guard, now)) > 0)
		return UI_PIN_LOCKED;
	right = pin_verify(lock->pin_hash, pin);
	pin_guard_record(&lock->guard, right, now);
	if (right)
		return UI_PIN_RIGHT;
	log_event(LOG_WARNING, "wrong staff PIN (%d in a row)",
	    lock->guard.failures);
	if ((*wait = pin_guard_wait(&lock->guard, now)) > 0) {
		log_event(LOG_WARNING, "staff PIN locked for %lld s", *wait);
		return UI_PIN_LOCKED;
	}
	return UI_PIN_WRONG;
}
