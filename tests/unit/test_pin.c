/* The staff PIN: hashing, verifying, and the slowing of wrong attempts. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "kiosk/staff_pin.h"
#include "tests/unit/tap.h"

static void
test_hash(void)
{
	char *error = NULL, *h1, *h2;

	h1 = pin_hash("20261126", &error);
	ok(h1 != NULL && strncmp(h1, "$y$", 3) == 0, "a PIN hashes to yescrypt");
	h2 = pin_hash("20261126", &error);
	ok(h1 != NULL && h2 != NULL && strcmp(h1, h2) != 0,
	    "two hashes of one PIN differ (salted)");
	ok(h1 != NULL && strstr(h1, "20261126") == NULL,
	    "the hash does not contain the PIN");
	ok(pin_verify(h1, "20261126") == 1, "the right PIN verifies");
	ok(pin_verify(h1, "20261127") == 0, "a wrong PIN does not");
	ok(pin_verify(h1, "") == 0, "an empty PIN does not");
	ok(pin_verify("", "20261126") == 0, "no hash configured: nothing verifies");
	ok(pin_verify("plain-text", "plain-text") == 0,
	    "a PIN written in clear in the configuration is not accepted");
	free(h1);
	free(h2);
	ok(pin_hash("12a4", &error) == NULL && error != NULL,
	    "a PIN with a letter is refused");
	free(error);
	error = NULL;
	ok(pin_hash("123", &error) == NULL && error != NULL,
	    "a PIN of 3 digits is refused");
	free(error);
	error = NULL;
	ok(pin_hash("1234567890123", &error) == NULL && error != NULL,
	    "a PIN of 13 digits is refused");
	free(error);
}

static void
test_guard(void)
{
	struct pin_guard g = { 0, 0 };
	long long now = 1000;
	int i;

	for (i = 1; i < PIN_FREE_TRIES; i++) {
		pin_guard_record(&g, 0, now);
		is_int(pin_guard_wait(&g, now), 0, "the first wrong PINs cost no wait");
	}
	pin_guard_record(&g, 0, now);
	is_int(pin_guard_wait(&g, now), 30, "then a wrong PIN locks for 30 s");
	is_int(pin_guard_wait(&g, now + 29), 1, "the wait counts down");
	is_int(pin_guard_wait(&g, now + 30), 0, "and ends");
	pin_guard_record(&g, 0, now + 30);
	is_int(pin_guard_wait(&g, now + 30), 60, "each further wrong PIN doubles it");
	for (i = 0; i < 20; i++)
		pin_guard_record(&g, 0, now);
	is_int(pin_guard_wait(&g, now), 3600, "the wait stops at an hour");
	pin_guard_record(&g, 1, now);
	is_int(pin_guard_wait(&g, now), 0, "the right PIN clears the lock");
	is_int(g.failures, 0, "and the count");
}

int
main(void)
{
	test_hash();
	test_guard();
	return tap_done();
}
