/*
 * One cell's text made into what the catalogue stores: NFC text (kept as
 * published: no Traditional to Simplified), a yes/no flag, a channel list.
 * Pure functions over valid UTF-8; no diagnostics here.
 */
#ifndef CHAYUE_CELL_H
#define CHAYUE_CELL_H

#include <stddef.h>

/* Not a yes/no mark (cell_flag). */
#define CELL_NOT_A_FLAG	(-2)

/*
 * Skip white space at the start of s[0..len) and set *len to the length
 * without white space at the end: ASCII, U+00A0, U+3000, U+200B and a
 * byte order mark pasted into the cell.
 */
const char *cell_trim(const char *s, size_t *len);

/* NFC of valid UTF-8 s[0..len), NUL-terminated; the caller frees. */
char *cell_nfc(const char *s, size_t len);

/*
 * A yes/no mark: FLAG_YES for 1 √ ✓ ✔ ○ ● ■ ☑ 是, FLAG_NO for 0 × ✗ ✘
 * □ ☐ 否, FLAG_UNSTATED for "" (enum flag in catalogue.h), else
 * CELL_NOT_A_FLAG.
 */
int cell_flag(const char *s);

/*
 * The ticked channels, one per line. A checkbox list ("■政府网站 □政府公报
 * ■两微一端") gives the ■ ones (also ☑ √ ✓ ✔); 口 in front of a channel's
 * name in such a list is read as □ (OCR makes it of □); any other text is a list
 * separated by ； ; 、 or line breaks. Empty parts are dropped. The caller
 * frees.
 */
char *cell_channels(const char *s);

/*
 * Split a list cell at ， , 、 ； ; / white space and line breaks (not
 * inside brackets: "乡（镇、街道）级" is one word): calls
 * fn(word, len, arg) for each word until fn returns non-zero, which is
 * returned.
 */
int cell_words(const char *s, int (*fn)(const char *, size_t, void *),
    void *arg);

#endif
