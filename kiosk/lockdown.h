/*
 * Who may leave the kiosk: checking the staff PIN for the screens, with
 * its rate limit, and logging every wrong attempt.
 */
#ifndef CHAYUE_LOCKDOWN_H
#define CHAYUE_LOCKDOWN_H

#include "kiosk/staff_pin.h"

struct lockdown {
	const char		*pin_hash;	/* from the configuration; may be NULL */
	struct pin_guard	 guard;
};

void lockdown_init(struct lockdown *lock, const char *pin_hash);

/*
 * The ui's check_pin callback (ctx is a struct lockdown): UI_PIN_RIGHT,
 * UI_PIN_WRONG, UI_PIN_LOCKED with *wait seconds, or UI_PIN_NONE.
 */
int lockdown_check_pin(void *ctx, const char *pin, long long *wait);

/* Monotonic seconds, for idle times and PIN waits. */
long long lockdown_now(void);

#endif
