/*
 * Folding for search: catalogue text and visitors' queries are compared as
 * sequences of folded code points, so that what differs only in script
 * form or typing habit compares equal:
 *
 *   - Traditional Han characters become Simplified ones, character by
 *     character (養老服務 → 养老服务; the table comes from OpenCC at build
 *     time, see i18n/gen-fold.c);
 *   - full-width letters and digits become ASCII (２０２０ → 2020), letters
 *     become lower case (ＡＢＣ → abc) and lose their accents, so pinyin
 *     with tone marks is plain pinyin (zuì → zui; ü → v, as typed);
 *   - white space and the brackets of document numbers 〔〕[]（）()【】 are
 *     dropped (国办发〔2019〕54号 → 国办发201954号), as are control and
 *     format characters;
 *   - the corner quotes 「」『』 of Traditional pages become “”‘’.
 *
 * Folding one character never depends on its neighbours, so every
 * substring of a text folds to a substring of the folded text.
 */
#ifndef CHAYUE_FOLD_H
#define CHAYUE_FOLD_H

#include <stddef.h>
#include <stdint.h>

/* The folded form of one code point; 0 if search ignores it. */
uint32_t fold_char(uint32_t c);

/*
 * A folded text: n code points v[i], each folded from the UTF-8 character
 * that starts at byte at[i] of the source (at[n] is the source length).
 */
struct fold_text {
	uint32_t	*v;
	uint32_t	*at;	/* n + 1 byte offsets into the source */
	size_t		 n;
	size_t		 cap;
};

void fold_text_init(struct fold_text *f);
/*
 * Fold s[0..len) (UTF-8) into f, replacing what it held. Invalid bytes are
 * skipped: they cannot be typed, so they never match.
 */
void fold_text(struct fold_text *f, const char *s, size_t len);
void fold_text_done(struct fold_text *f);

/* A folded text as UTF-8: a NUL-terminated string the caller frees. */
char *fold_text_utf8(const struct fold_text *f);

#endif
