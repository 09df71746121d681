/*
 * Reading one file for an import, safely: only a regular file, never
 * blocking (a FIFO, a device, /dev/zero behind a link are refused before a
 * byte is read), never more than a size limit (checked before reading and
 * enforced while reading, should the file grow), and if asked only a file
 * inside a folder (a link leading out of it is refused).
 */
#ifndef CHAYUE_IMPORT_READFILE_H
#define CHAYUE_IMPORT_READFILE_H

#include <stddef.h>
#include <stdint.h>

/* What an import reads at most of one file, unless told otherwise. */
#define IMPORT_MAX_SIZE_DEFAULT	((size_t)64 << 20)	/* 64 MB */
/* The largest limit staff may set. */
#define IMPORT_MAX_SIZE_MAX	((uint64_t)16 << 30)	/* 16 GB */

enum readfile_status {
	READFILE_OK,
	READFILE_ERRNO,		/* cannot open or read: errno */
	READFILE_NOT_REGULAR,	/* a FIFO, device, folder, socket */
	READFILE_TOO_BIG,	/* larger than the limit before reading */
	READFILE_GREW,		/* grew past the limit while being read */
	READFILE_OUTSIDE,	/* a link to a file outside the folder */
};

struct readfile {
	char		*buf;	/* owned, NUL-terminated; NULL unless OK */
	size_t		 len;
	uint64_t	 size;	/* the file's size when it was opened */
	const char	*kind;	/* NOT_REGULAR: "FIFO", "directory", … (a
				   message id) */
	char		*target;	/* OUTSIDE: where the link leads, owned */
	int		 err;	/* ERRNO: the errno */
};

/*
 * Read path whole, at most max bytes (0: IMPORT_MAX_SIZE_DEFAULT). If
 * confine is not NULL, path must lead to a file inside that folder, links
 * resolved. Fills *out (release with readfile_done); returns its status.
 */
enum readfile_status readfile(const char *path, size_t max,
    const char *confine, struct readfile *out);
void readfile_done(struct readfile *out);

/*
 * Is path, links resolved, inside the folder dir (links resolved too)?
 * *target, if not NULL, gets the resolved path (caller frees; NULL if
 * path cannot be resolved). 1 inside, 0 outside or unresolvable.
 */
int readfile_inside(const char *path, const char *dir, char **target);

/*
 * A size limit as staff write it: bytes, or a number with K, M or G
 * (1024-based; "MB", "m" too), 1 KB to 16 GB. 0, or -1 if not one.
 */
int readfile_parse_size(const char *s, size_t *out);

/* "512 KB", "64 MB", "1.5 GB": for messages, into buf. */
void readfile_format_size(uint64_t n, char *buf, size_t size);

#endif
