/* The staff PIN: hashing, verifying, and the slowing of wrong attempts. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/staff_pin.h"
#include "tests/unit/tap.h"

static char msg[256];

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
	pin_guard_record(&g, 0, now);
	is_int(pin_guard_wait(&g, now), 120, "then 120 s");
	pin_guard_record(&g, 0, now);
	is_int(pin_guard_wait(&g, now), 240, "then 240 s");
	pin_guard_record(&g, 0, now);
	is_int(pin_guard_wait(&g, now), 300, "then five minutes, the most");
	for (i = 0; i < 1000; i++)
		pin_guard_record(&g, 0, now);
	is_int(pin_guard_wait(&g, now), 300,
	    "a thousand more wrong PINs still lock for five minutes only");
	pin_guard_record(&g, 1, now);
	is_int(pin_guard_wait(&g, now), 0, "the right PIN clears the lock");
	is_int(g.failures, 0, "and the count");
}

/* The numbers README.md gives for guessing a 4-digit PIN. */
static void
test_rate(void)
{
	long long t = 0, f, guesses = 0, wait;
	struct pin_guard g = { 0, 0 };

	is_int(pin_guard_lock_for(0), 0, "no lock before any wrong PIN");
	is_int(pin_guard_lock_for(2), 0, "nor after two");
	is_int(pin_guard_lock_for(3), 30, "30 s after three");
	is_int(pin_guard_lock_for(7), 300, "five minutes after seven");
	is_int(pin_guard_lock_for(1LL << 40), 300,
	    "five minutes after very many (no overflow)");
	/* Someone typing a guess the moment each lock ends, for a day. */
	for (t = 0; t < 86400; t += (wait = pin_guard_wait(&g, t)) > 0 ?
	    wait : 1) {
		if (pin_guard_wait(&g, t) == 0) {
			pin_guard_record(&g, 0, t);
			guesses++;
		}
	}
	snprintf(msg, sizeof msg, "at most 295 guesses a day (got %lld)",
	    guesses);
	ok(guesses >= 288 && guesses <= 295, msg);
	/* Half of 10,000 PINs at one guess per PIN_MAX_WAIT. */
	f = 5000LL * PIN_MAX_WAIT / 86400;
	snprintf(msg, sizeof msg, "the average 4-digit PIN takes %lld days "
	    "of guessing around the clock", f);
	ok(f >= 17, msg);
}

static void
test_settle(void)
{
	struct pin_guard g = { 5, 1000000 };

	ok(pin_guard_settle(&g, 1000) == 1 && g.locked_until == 1000 + 300,
	    "a lock read back that ends far ahead (the clock went back) "
	    "ends five minutes from now");
	ok(pin_guard_settle(&g, 1000) == 0, "a sane one is left alone");
	g.failures = -4;
	g.locked_until = -1;
	ok(pin_guard_settle(&g, 1000) == 1 && g.failures == 0 &&
	    g.locked_until == 0, "negative values read back are zero");
}

static void
test_schemes(void)
{
	static const char *const weak[] = {
		"$1$abcdefgh$abcdefghijklmnopqrstuv",
		"$5$abcdefghijklmnop$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
		"$md5$abcdefgh$abcdefghijklmnopqrstuv",
		"$sha1$40000$abcdefgh$abcdefghijklmnopqrstuvwxyzAB",
		"$3$$8846f7eaee8fb117ad06bdd830b7586c",
		"_J9..abcdabcdefghijk",
		"abcdefghijklm",	/* DES */
	};
	const char *why;
	char *error = NULL, *h;
	size_t i;

	h = pin_hash("4815", &error);
	ok(h != NULL && pin_hash_check(h, &why) == 0,
	    "what chayue-admin pin makes is accepted");
	for (i = 0; i < sizeof weak / sizeof weak[0]; i++) {
		why = NULL;
		snprintf(msg, sizeof msg, "%.6s is refused, saying what to do",
		    weak[i]);
		ok(pin_hash_check(weak[i], &why) == -1 && why != NULL &&
		    strstr(why, "chayue-admin pin") != NULL, msg);
	}
	ok(pin_hash_check(weak[0], &why) == -1 &&
	    strstr(why, "MD5-crypt ($1$)") != NULL && strstr(why, "weak"),
	    "MD5-crypt is named as too weak");
	ok(pin_verify(weak[0], "1234") == 0 &&
	    pin_verify("$1$saltsalt$fpXhOtJ7R8QVBapVBH7dO.", "1234") == 0,
	    "an MD5-crypt hash verifies nothing");
	ok(pin_hash_check("$6$saltsalt$"
	    "qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc."
	    "eoxqOmSuNp2xS0ktL3nh/", &why) == 0, "sha512crypt is accepted");
	ok(pin_hash_check("$2b$10$abcdefghijklmnopqrstuu"
	    "abcdefghijklmnopqrstuvwxyzABCDE", &why) == 0,
	    "bcrypt is accepted");
	ok(pin_hash_check("$2x$10$abcdefghijklmnopqrstuu"
	    "abcdefghijklmnopqrstuvwxyzABCDE", &why) == -1,
	    "bcrypt's bug-compatible $2x$ is not");
	if (h != NULL) {
		h[strlen(h) - 5] = '\0';
		ok(pin_hash_check(h, &why) == -1 && strstr(why, "cut short"),
		    "a hash cut short is refused");
		ok(pin_verify(h, "4815") == 0, "and verifies nothing");
	}
	free(h);
}

int
main(void)
{
	test_hash();
	test_guard();
	test_rate();
	test_settle();
	test_schemes();
	return tap_done();
}
