/*
 * One file read for an import: refused unless it is a regular file of at
 * most the size limit (inside the import folder, if asked), then read into
 * one buffer no larger than the limit.
 *
 * Reading, not mmap(2): a mapped file that shrinks, or a USB stick pulled
 * out, raises SIGBUS in whoever touches the mapping, and chayue-admin would
 * die of it instead of saying what happened. One read buffer of the file's
 * size, capped, keeps the peak at the file plus its converted copy.
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/import/readfile.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

static const char *
file_kind(mode_t m)
{
	if (S_ISFIFO(m))
		return N_("FIFO");
	if (S_ISCHR(m))
		return N_("character device");
	if (S_ISBLK(m))
		return N_("block device");
	if (S_ISDIR(m))
		return N_("directory");
	if (S_ISSOCK(m))
		return N_("socket");
	return N_("special file");
}

int
readfile_inside(const char *path, const char *dir, char **target)
{
	char	*real, *rdir;
	size_t	 n;
	int	 in = 0;

	if (target != NULL)
		*target = NULL;
	if ((real = realpath(path, NULL)) == NULL)
		return 0;
	if ((rdir = realpath(dir, NULL)) != NULL) {
		n = strlen(rdir);
		/* "/" as the folder: everything is inside. */
		in = strncmp(real, rdir, n) == 0 &&
		    (real[n] == '/' || (n == 1 && rdir[0] == '/'));
		free(rdir);
	}
	if (target != NULL)
		*target = real;
	else
		free(real);
	return in;
}

/* Read fd to its end, never keeping more than max bytes. */
static enum readfile_status
read_capped(int fd, size_t max, struct readfile *out)
{
	size_t	cap, len = 0;
	ssize_t	n;
	char	*buf;

	/* One allocation for a file that does not grow meanwhile. */
	cap = out->size > 0 ? (size_t)out->size + 1 : 65536;
	if (cap > max + 1)
		cap = max + 1;
	buf = xmalloc(cap + 1);
	for (;;) {
		if (len == cap) {
			if (cap > max) {
				/* max + 1 bytes read: it grew past. */
				free(buf);
				return READFILE_GREW;
			}
			cap = cap > (max + 1) / 2 ? max + 1 : cap * 2;
			buf = xreallocarray(buf, cap + 1, 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			out->err = errno;
			free(buf);
			return READFILE_ERRNO;
		}
		len += (size_t)n;
	}
	if (len > max) {
		free(buf);
		return READFILE_GREW;
	}
	buf[len] = '\0';
	out->buf = buf;
	out->len = len;
	return READFILE_OK;
}

enum readfile_status
readfile(const char *path, size_t max, const char *confine,
    struct readfile *out)
{
	enum readfile_status	 st;
	struct stat		 sb;
	char			*real = NULL;
	int			 fd, flags;

	memset(out, 0, sizeof *out);
	if (max == 0)
		max = IMPORT_MAX_SIZE_DEFAULT;
	if (confine != NULL) {
		errno = 0;
		if (!readfile_inside(path, confine, &real)) {
			if (real == NULL) {
				out->err = errno != 0 ? errno : ENOENT;
				return READFILE_ERRNO;
			}
			out->target = real;
			return READFILE_OUTSIDE;
		}
	}
	/*
	 * Opening a FIFO for reading waits for a writer, and a terminal could
	 * become ours: O_NONBLOCK and O_NOCTTY, then look at what was opened.
	 * The resolved path is opened without following a link at its end,
	 * so what was checked is what is read.
	 */
	flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
	if (real != NULL)
		flags |= O_NOFOLLOW;
	fd = open(real != NULL ? real : path, flags);
	free(real);
	if (fd == -1) {
		out->err = errno;
		return READFILE_ERRNO;
	}
	if (fstat(fd, &sb) != 0) {
		out->err = errno;
		close(fd);
		return READFILE_ERRNO;
	}
	if (!S_ISREG(sb.st_mode)) {
		out->kind = file_kind(sb.st_mode);
		close(fd);
		return READFILE_NOT_REGULAR;
	}
	out->size = sb.st_size > 0 ? (uint64_t)sb.st_size : 0;
	if (out->size > max) {
		close(fd);
		return READFILE_TOO_BIG;
	}
	st = read_capped(fd, max, out);
	close(fd);
	return st;
}

void
readfile_done(struct readfile *out)
{
	free(out->buf);
	free(out->target);
	memset(out, 0, sizeof *out);
}

int
readfile_parse_size(const char *s, size_t *out)
{
	unsigned long long	 v, mul = 1;
	char			*end;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return -1;
	switch (toupper((unsigned char)*end)) {
	case 'K':
		mul = 1ULL << 10;
		end++;
		break;
	case 'M':
		mul = 1ULL << 20;
		end++;
		break;
	case 'G':
		mul = 1ULL << 30;
		end++;
		break;
	}
	if (mul > 1 && toupper((unsigned char)*end) == 'B')
		end++;
	if (*end != '\0' || v > IMPORT_MAX_SIZE_MAX / mul)
		return -1;
	v *= mul;
	if (v < 1024 || v > IMPORT_MAX_SIZE_MAX || v > SIZE_MAX / 2)
		return -1;
	*out = (size_t)v;
	return 0;
}

void
readfile_format_size(uint64_t n, char *buf, size_t size)
{
	static const char *const unit[] = { "KB", "MB", "GB", "TB" };
	double	 v = (double)n;
	int	 u = -1;

	if (n < 1024) {
		snprintf(buf, size, ngettext("%llu byte", "%llu bytes",
		    (unsigned long)n), (unsigned long long)n);
		return;
	}
	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	if (v == (double)(unsigned long long)v)
		snprintf(buf, size, "%llu %s", (unsigned long long)v, unit[u]);
	else
		snprintf(buf, size, "%.1f %s", v, unit[u]);
}
