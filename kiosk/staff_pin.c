#include <config.h>

#include <crypt.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "kiosk/staff_pin.h"
#include "lib/xmalloc.h"

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

/* The schemes accepted, and how long the hash after the last '$' is. */
static const struct {
	const char	*prefix;
	size_t		 hash_len;
} pin_schemes[] = {
	{ "$y$", 43 },		/* yescrypt: Debian's default */
	{ "$gy$", 43 },		/* gost-yescrypt */
	{ "$7$", 43 },		/* scrypt */
	{ "$2b$", 31 },		/* bcrypt: $2b$NN$, 22 of salt, then 31 */
	{ "$2y$", 31 },
	{ "$6$", 86 },		/* sha512crypt */
};

/* Schemes that are refused by name: too cheap to keep a PIN. */
static const struct {
	const char	*prefix;
	const char	*why;
} pin_weak[] = {
	{ "$1$", N_("an MD5-crypt ($1$) hash is too weak to keep the PIN; make "
	    "a yescrypt one with: chayue-admin pin") },
	{ "$5$", N_("a sha256crypt ($5$) hash is too weak to keep the PIN; make "
	    "a yescrypt one with: chayue-admin pin") },
	{ "$md5", N_("a SunMD5 ($md5) hash is too weak to keep the PIN; make "
	    "a yescrypt one with: chayue-admin pin") },
	{ "$sha1$", N_("a SHA1-crypt ($sha1$) hash is too weak to keep the PIN; "
	    "make a yescrypt one with: chayue-admin pin") },
	{ "$3$", N_("an NT ($3$) hash is too weak to keep the PIN; make a "
	    "yescrypt one with: chayue-admin pin") },
	{ "_", N_("a BSDi DES (_) hash is too weak to keep the PIN; make a "
	    "yescrypt one with: chayue-admin pin") },
};

int
pin_hash_check(const char *hash, const char **why)
{
	const char *last;
	size_t i, n;

	for (i = 0; i < sizeof pin_weak / sizeof pin_weak[0]; i++) {
		if (strncmp(hash, pin_weak[i].prefix,
		    strlen(pin_weak[i].prefix)) == 0) {
			*why = pin_weak[i].why;
			return -1;
		}
	}
	/* A PIN in clear (or a DES hash, which has no '$'). */
	if (hash[0] != '$' || strlen(hash) < 20) {
		*why = N_("not a PIN hash; make one with: chayue-admin pin");
		return -1;
	}
	for (i = 0; i < sizeof pin_schemes / sizeof pin_schemes[0]; i++) {
		n = strlen(pin_schemes[i].prefix);
		if (strncmp(hash, pin_schemes[i].prefix, n) == 0)
			break;
	}
	if (i == sizeof pin_schemes / sizeof pin_schemes[0]) {
		*why = N_("not a hash scheme chayue accepts (yescrypt $y$, "
		    "gost-yescrypt $gy$, scrypt $7$, bcrypt $2b$ or "
		    "sha512crypt $6$); make a yescrypt one with: "
		    "chayue-admin pin");
		return -1;
	}
	/* bcrypt has no '$' between salt and hash: 22 + 31 characters. */
	last = strrchr(hash, '$') + 1;
	n = strlen(last);
	if (pin_schemes[i].hash_len == 31)
		n = n == 53 ? 31 : 0;
	if (n != pin_schemes[i].hash_len ||
	    strspn(last, "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz") != strlen(last) ||
	    crypt_checksalt(hash) != CRYPT_SALT_OK) {
		*why = N_("the hash is damaged or cut short; copy the whole line "
		    "that chayue-admin pin prints, or make a new one with it");
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
	/* Never print a line the kiosk would refuse. */
	if (pin_hash_check(data.output, &why) != 0) {
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
	const char *why;

	if (hash == NULL || pin == NULL || pin_hash_check(hash, &why) != 0)
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

long long
pin_guard_lock_for(long long failures)
{
	long long wait = PIN_FIRST_WAIT, i;

	if (failures < PIN_FREE_TRIES)
		return 0;
	for (i = PIN_FREE_TRIES; i < failures && wait < PIN_MAX_WAIT; i++)
		wait *= 2;
	return wait < PIN_MAX_WAIT ? wait : PIN_MAX_WAIT;
}

void
pin_guard_record(struct pin_guard *g, int ok, long long now)
{
	if (ok) {
		g->failures = 0;
		g->locked_until = 0;
		return;
	}
	g->failures++;
	if (g->failures >= PIN_FREE_TRIES)
		g->locked_until = now + pin_guard_lock_for(g->failures);
}

int
pin_guard_settle(struct pin_guard *g, long long now)
{
	int changed = 0;

	if (g->failures < 0) {
		g->failures = 0;
		changed = 1;
	}
	if (g->locked_until < 0) {
		g->locked_until = 0;
		changed = 1;
	}
	if (g->locked_until > now + PIN_MAX_WAIT) {
		g->locked_until = now + PIN_MAX_WAIT;
		changed = 1;
	}
	return changed;
}
