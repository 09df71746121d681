/*
 * Who may leave the kiosk: checking the staff PIN for the screens, with
 * its rate limit, and logging every wrong attempt. The rate limit is kept
 * in the state file, so a restart or a power cycle gives no fresh
 * guesses, and `chayue-admin pin --unlock` (which writes it there) is
 * seen at the next attempt.
 */
#ifndef CHAYUE_LOCKDOWN_H
#define CHAYUE_LOCKDOWN_H

#include "kiosk/staff_pin.h"

struct stats;

struct lockdown {
	const char		*pin_hash;	/* from the configuration; may be NULL */
	struct pin_guard	 guard;
	struct stats		*state;	/* borrowed; NULL: in memory only */
};

void lockdown_init(struct lockdown *lock, const char *pin_hash);

/*
 * Keep the rate limit in the state file st (writable; borrowed, NULL for
 * none). Reads what an earlier run left there.
 */
void lockdown_keep(struct lockdown *lock, struct stats *st);

/*
 * The ui's check_pin callback (ctx is a struct lockdown): UI_PIN_RIGHT,
 * UI_PIN_WRONG, UI_PIN_LOCKED with *wait seconds, or UI_PIN_NONE. A PIN
 * that is not 4 to 12 digits (an empty one, say) cannot be right: it is
 * wrong, and not counted.
 */
int lockdown_check_pin(void *ctx, const char *pin, long long *wait);

/* Monotonic seconds, for idle times. */
long long lockdown_now(void);

/* Wall-clock seconds, for the PIN lock (kept across restarts). */
long long lockdown_wall(void);

#endif
