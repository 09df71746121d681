/*
 * For the Word and Excel fuzz targets: the input split at NUL bytes into
 * the XML parts of a package, stored (not compressed) in a ZIP archive
 * built here, so that the fuzzer works on the XML the readers parse and
 * not on the archive's checksums. Input that starts with "PK" is given
 * to the reader as it is, to fuzz the archive reading itself.
 */
#ifndef CHAYUE_FUZZ_OOXML_ZIP_H
#define CHAYUE_FUZZ_OOXML_ZIP_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

struct fz_buf {
	unsigned char	*p;
	size_t		 n, c;
};

static void
fz_put(struct fz_buf *b, const void *s, size_t n)
{
	if (b->n + n > b->c) {
		b->c = (b->n + n) * 2;
		b->p = realloc(b->p, b->c);
		if (b->p == NULL)
			abort();
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void
fz_u16(struct fz_buf *b, unsigned v)
{
	unsigned char	x[2] = { v & 0xff, (v >> 8) & 0xff };

	fz_put(b, x, 2);
}

static void
fz_u32(struct fz_buf *b, unsigned long v)
{
	unsigned char	x[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff,
			    (v >> 24) & 0xff };

	fz_put(b, x, 4);
}

/* A stored ZIP of n named parts; the caller frees b->p. */
static void
fz_zip(struct fz_buf *b, const char *const *names, const char *const *data,
    const size_t *lens, size_t n)
{
	struct fz_buf	cd = { NULL, 0, 0 };
	unsigned long	off[16], crc;
	size_t		i, start;

	for (i = 0; i < n && i < 16; i++) {
		off[i] = (unsigned long)b->n;
		crc = crc32(0, (const Bytef *)data[i], (uInt)lens[i]);
		fz_u32(b, 0x04034b50);
		fz_u16(b, 20); fz_u16(b, 0); fz_u16(b, 0);
		fz_u16(b, 0); fz_u16(b, 0);
		fz_u32(b, crc); fz_u32(b, lens[i]); fz_u32(b, lens[i]);
		fz_u16(b, (unsigned)strlen(names[i])); fz_u16(b, 0);
		fz_put(b, names[i], strlen(names[i]));
		fz_put(b, data[i], lens[i]);
		fz_u32(&cd, 0x02014b50);
		fz_u16(&cd, 20); fz_u16(&cd, 20); fz_u16(&cd, 0);
		fz_u16(&cd, 0); fz_u16(&cd, 0); fz_u16(&cd, 0);
		fz_u32(&cd, crc); fz_u32(&cd, lens[i]); fz_u32(&cd, lens[i]);
		fz_u16(&cd, (unsigned)strlen(names[i]));
		fz_u16(&cd, 0); fz_u16(&cd, 0); fz_u16(&cd, 0); fz_u16(&cd, 0);
		fz_u32(&cd, 0); fz_u32(&cd, off[i]);
		fz_put(&cd, names[i], strlen(names[i]));
	}
	start = b->n;
	fz_put(b, cd.p, cd.n);
	fz_u32(b, 0x06054b50);
	fz_u16(b, 0); fz_u16(b, 0);
	fz_u16(b, (unsigned)i); fz_u16(b, (unsigned)i);
	fz_u32(b, cd.n); fz_u32(b, start);
	fz_u16(b, 0);
	free(cd.p);
}

/*
 * The package for input data: its NUL-separated pieces replace defs[i]
 * in order; the rest keep their defaults. *out is malloc'd.
 */
static void
fz_package(const uint8_t *data, size_t size, const char *const *names,
    const char *const *defs, size_t n, struct fz_buf *out)
{
	const char	*part[16];
	size_t		 len[16], i, at = 0, k;

	memset(out, 0, sizeof *out);
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		fz_put(out, data, size);
		return;
	}
	for (i = 0; i < n && i < 16; i++) {
		if (at <= size && (at < size || i == 0)) {
			for (k = at; k < size && data[k] != '\0'; k++)
				;
			part[i] = (const char *)data + at;
			len[i] = k - at;
			at = k + 1;
		} else {
			part[i] = defs[i];
			len[i] = strlen(defs[i]);
		}
	}
	fz_zip(out, names, part, len, i);
}

#endif
