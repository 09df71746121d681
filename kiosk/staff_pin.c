#include <config.h>

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "kiosk/staff_pin.h"
#include "lib/xmalloc.h"

#define PIN_FIRST_WAIT	30
#define PIN_MAX_WAIT	3600

int
pin_check_form(const char *pin, const char **why)
{
	size_t n = strlen(pin), i;

	for (i = 0; i < n; i++) {
		if (pin[i] < '0' || pin[i] > '9') {
			*why = N_("a PIN is digits only; type 4 to 12 digits");
			return -1;
		}
	}
	if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS) {
		*why = N_("a PIN has 4 to 12 digits");
		return -1;
	}
	return 0;
}

char *
pin_hash(const char *pin, char **error)
{
	struct crypt_data data;
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	const char *why;

	if (pin_check_form(pin, &why) != 0) {
		*error = xstrdup(why);
		return NULL;
	}
	/* yescrypt, the default of Debian's libxcrypt; entropy from the OS. */
	if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt) == NULL) {
		*error = xstrdup(N_("cannot make a salt for the PIN hash"));
		return NULL;
	}
	memset(&data, 0, sizeof data);
	if (crypt_r(pin, salt, &data) == NULL || data.output[0] == '*') {
		*error = xstrdup(N_("cannot hash the PIN"));
		return NULL;
	}
	return xstrdup(data.output);
}

int
pin_verify(const char *hash, const char *pin)
{
	struct crypt_data data;
	size_t i, n;
	unsigned char diff = 0;

	if (hash == NULL || hash[0] != '$' || pin == NULL)
		return 0;
	memset(&data, 0, sizeof data);
	if (crypt_r(pin, hash, &data) == NULL || data.output[0] == '*')
		return 0;
	n = strlen(hash);
	if (strlen(data.output) != n)
		return 0;
	/* Compare every byte: the time taken says nothing about the PIN. */
	for (i = 0; i < n; i++)
		diff |= (unsigned char)(data.output[i] ^ hash[i]);
	return diff == 0;
}

long long
pin_guard_wait(const struct pin_guard *g, long long now)
{
	return g->locked_until > now ? g->locked_until - now : 0;
}

void
pin_guard_record(struct pin_guard *g, int ok, long long now)
{
	long long wait = PIN_FIRST_WAIT;
	int i;

	if (ok) {
		g->failures = 0;
		g->locked_until = 0;
		return;
	}
	g->failures++;
	if (g->failures < PIN_FREE_TRIES)
		return;
	for (i = PIN_FREE_TRIES; i < g->failures && wait < PIN_MAX_WAIT; i++)
		wait *= 2;
	g->locked_until = now + (wait < PIN_MAX_WAIT ? wait : PIN_MAX_WAIT);
}
