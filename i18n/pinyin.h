/*
 * Mandarin readings of Han characters, for pinyin search. Every common
 * reading of a character is listed (行: xing, hang; 长: chang, zhang),
 * without tones; ü is written v, and a syllable with ü is also listed with
 * u (绿: lv, lu). The table is generated at build time from Unihan (see
 * i18n/gen-pinyin.c).
 *
 * Syllables are numbered 0 .. pinyin_syllables() - 1 in alphabetical order.
 */
#ifndef CHAYUE_PINYIN_H
#define CHAYUE_PINYIN_H

#include <stddef.h>
#include <stdint.h>

/* How many distinct toneless syllables there are. */
size_t pinyin_syllables(void);

/* The letters of syllable id (a static string, lower case). */
const char *pinyin_syllable(unsigned id);

/*
 * The readings of a (folded, Simplified) Han character: stores a pointer to
 * its syllable ids (static) in *ids and returns how many; 0 if it has none.
 */
size_t pinyin_readings(uint32_t c, const uint16_t **ids);

/* Is s[0..len) a whole syllable? Returns its id, or -1. */
int pinyin_find(const char *s, size_t len);

/* Does some syllable start with s[0..len) (len >= 1)? */
int pinyin_is_prefix(const char *s, size_t len);

/*
 * The syllables that sound like syllable id to many speakers, as the
 * "fuzzy pinyin" option of input methods has them: z/zh, c/ch, s/sh, n/l
 * and h/f at the start, an/ang, en/eng, in/ing at the end (zao for zhao,
 * pin for ping). Stores at most max ids in out (id itself not included)
 * and returns how many.
 */
size_t pinyin_alike(unsigned id, unsigned *out, size_t max);

#endif
