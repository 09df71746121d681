/*
 * libFuzzer target for the encoding reader (data/import/decode.c): detection and
 * conversion of any bytes, as any encoding. Build:
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -I<builddir> -I. \
 *       data/import/decode.c lib/xmalloc.c tests/fuzz/fuzz_decode.c
 *
 * The first byte chooses the encoding (detected, or one forced); the rest
 * is the file. Checked: the text is valid UTF-8 except for the 0xFF bytes
 * put in for bad input, one per bad sequence, and UTF-8 input comes back
 * as it went in.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/import/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Valid UTF-8 between the 0xFF markers; the number of markers. */
static size_t
check_text(const char *s, size_t len)
{
	size_t	i = 0, n, markers = 0;

	while (i < len) {
		n = decode_utf8_valid(s + i, len - i);
		i += n;
		if (i < len && (unsigned char)s[i] == 0xff) {
			markers++;
			i++;
		} else if (i < len && s[i] == '\0')
			i++;	/* U+0000 in UTF-16 is text, and NUL */
		else if (i < len)
			abort();
	}
	return markers;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum decode_encoding encs[] = {
		DECODE_AUTO, DECODE_UTF8, DECODE_GB18030, DECODE_UTF16LE,
		DECODE_UTF16BE, DECODE_BIG5, DECODE_AUTO, DECODE_AUTO,
	};
	struct decode_result	 r;
	enum decode_encoding	 enc;
	char			*buf;

	if (size == 0)
		return 0;
	enc = encs[data[0] & 7];
	/* An exact copy: any read past the end is an ASan report. */
	if ((buf = malloc(size - 1 ? size - 1 : 1)) == NULL)
		return 0;
	memcpy(buf, data + 1, size - 1);
	decode_buffer(buf, size - 1, enc, &r);
	if (r.refusal == DECODE_TEXT && r.owned != NULL &&
	    check_text(r.text, r.len) != r.invalid)
		abort();
	if (r.refusal == DECODE_TEXT && r.owned == NULL &&
	    (r.text < buf || r.text + r.len != buf + size - 1))
		abort();	/* UTF-8: the input itself, after any BOM */
	decode_done(&r);
	free(buf);
	return 0;
}
