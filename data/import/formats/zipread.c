/*
 * ZIP entries from memory (zipread.h): minizip's unzOpen2_64 with I/O
 * callbacks over the buffer, entries inflated in chunks and counted.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

/*
 * Not minizip's pkg-config -I: its directory holds a crypt.h that would
 * hide libcrypt's from the rest of the library (kiosk/staff_pin.c).
 */
#include <minizip/unzip.h>

#include "data/import/formats/zipread.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

/* The buffer as a file, for minizip's callbacks. */
struct memfile {
	const char	*buf;
	size_t		 len;
	size_t		 pos;
};

struct zipread {
	struct memfile	  mem;
	unzFile		  uf;
	char		 *file;
	struct diag_list *diags;
	size_t		  total;	/* inflated so far, every entry */
};

static voidpf ZCALLBACK
mem_open(voidpf opaque, const void *name, int mode)
{
	struct memfile	*m = opaque;

	(void)name;
	if ((mode & ZLIB_FILEFUNC_MODE_WRITE) != 0)
		return NULL;
	m->pos = 0;
	return m;
}

static uLong ZCALLBACK
mem_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	struct memfile	*m = stream;
	size_t		 n;

	(void)opaque;
	n = m->len - m->pos;
	if (n > size)
		n = size;
	memcpy(buf, m->buf + m->pos, n);
	m->pos += n;
	return (uLong)n;
}

static uLong ZCALLBACK
mem_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	(void)opaque;
	(void)stream;
	(void)buf;
	(void)size;
	return 0;
}

static ZPOS64_T ZCALLBACK
mem_tell(voidpf opaque, voidpf stream)
{
	struct memfile	*m = stream;

	(void)opaque;
	return m->pos;
}

static long ZCALLBACK
mem_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
	struct memfile	*m = stream;
	ZPOS64_T	 base;

	(void)opaque;
	switch (origin) {
	case ZLIB_FILEFUNC_SEEK_SET:
		base = 0;
		break;
	case ZLIB_FILEFUNC_SEEK_CUR:
		base = m->pos;
		break;
	case ZLIB_FILEFUNC_SEEK_END:
		base = m->len;
		break;
	default:
		return -1;
	}
	if (offset > m->len - base)
		return -1;
	m->pos = (size_t)(base + offset);
	return 0;
}

static int ZCALLBACK
mem_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

static int ZCALLBACK
mem_error(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

static void
zip_error(struct zipread *z, const char *msg, const char *hint)
{
	diag_add(z->diags, DIAG_ERROR, z->file, 1, 1, "%s", msg);
	diag_hint(z->diags, "%s", hint);
}

struct zipread *
zipread_open(const char *buf, size_t len, const char *file,
    struct diag_list *diags)
{
	struct zipread		*z = xcalloc(1, sizeof *z);
	zlib_filefunc64_def	 io;

	z->mem.buf = buf;
	z->mem.len = len;
	z->file = xstrdup(file);
	z->diags = diags;
	memset(&io, 0, sizeof io);
	io.zopen64_file = mem_open;
	io.zread_file = mem_read;
	io.zwrite_file = mem_write;
	io.ztell64_file = mem_tell;
	io.zseek64_file = mem_seek;
	io.zclose_file = mem_close;
	io.zerror_file = mem_error;
	io.opaque = &z->mem;
	if ((z->uf = unzOpen2_64("memory", &io)) == NULL) {
		zip_error(z, _("the file is not a complete ZIP archive (Word "
		    "and Excel files are ZIP archives): its end, which lists "
		    "its parts, is missing or damaged"), _("it may be "
		    "truncated; download or copy it again, or open it in "
		    "Word, Excel or WPS and save it again"));
		zipread_close(z);
		return NULL;
	}
	return z;
}

/* Inflate the current entry, counting; 0, or -1 reported. */
static int
entry_inflate(struct zipread *z, const char *name,
    const unz_file_info64 *info, char **out, size_t *outlen)
{
	char	*buf = NULL;
	size_t	 n = 0, cap = 0;
	int	 got;

	if (unzOpenCurrentFile(z->uf) != UNZ_OK) {
		diag_add(z->diags, DIAG_ERROR, z->file, 1, 1,
		    _("the part %s of the file cannot be read: it uses a "
		    "compression method other than deflate, or is damaged"),
		    name);
		diag_hint(z->diags, "%s", _("open the file in Word, Excel or "
		    "WPS and save it again"));
		return -1;
	}
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536 * 2;
			buf = xreallocarray(buf, cap + 1, 1);
		}
		got = unzReadCurrentFile(z->uf, buf + n, 65536);
		if (got < 0) {
			diag_add(z->diags, DIAG_ERROR, z->file, 1, 1,
			    _("the part %s of the file is damaged (%s)"),
			    name, got == UNZ_CRCERROR ? _("checksum error") :
			    _("inflate error"));
			diag_hint(z->diags, "%s", _("it may be truncated; "
			    "download or copy it again"));
			goto fail;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > ZIPREAD_MAX_ENTRY || z->total + n > ZIPREAD_MAX_TOTAL ||
		    (n > ((size_t)1 << 20) &&
		    n / ZIPREAD_MAX_RATIO > info->compressed_size)) {
			diag_add(z->diags, DIAG_ERROR, z->file, 1, 1,
			    _("the part %s of the file inflates to more than "
			    "%zu MB, or more than %d times its compressed size: "
			    "it is not a catalogue, or it is built to exhaust "
			    "memory (a zip bomb)"), name,
			    (n > ZIPREAD_MAX_ENTRY ? ZIPREAD_MAX_ENTRY :
			    ZIPREAD_MAX_TOTAL) >> 20, ZIPREAD_MAX_RATIO);
			diag_hint(z->diags, "%s", _("split the catalogue into "
			    "smaller files, or save it as CSV"));
			goto fail;
		}
	}
	if (unzCloseCurrentFile(z->uf) == UNZ_CRCERROR) {
		diag_add(z->diags, DIAG_ERROR, z->file, 1, 1,
		    _("the part %s of the file is damaged (%s)"), name,
		    _("checksum error"));
		diag_hint(z->diags, "%s", _("it may be truncated; download "
		    "or copy it again"));
		free(buf);
		return -1;
	}
	z->total += n;
	if (buf == NULL)
		buf = xmalloc(1);
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return 0;
fail:
	unzCloseCurrentFile(z->uf);
	free(buf);
	return -1;
}

int
zipread_entry(struct zipread *z, const char *name, char **out,
    size_t *outlen)
{
	unz_file_info64	info;

	*out = NULL;
	*outlen = 0;
	/* 2: without case, as OPC compares part names. */
	if (unzLocateFile(z->uf, name, 2) != UNZ_OK)
		return 0;
	if (unzGetCurrentFileInfo64(z->uf, &info, NULL, 0, NULL, 0, NULL,
	    0) != UNZ_OK)
		return 0;
	if ((info.flag & 1) != 0) {
		diag_add(z->diags, DIAG_ERROR, z->file, 1, 1,
		    _("the part %s of the file is encrypted"), name);
		diag_hint(z->diags, "%s", _("remove the password in Word, "
		    "Excel or WPS (File, Info, Protect) and save the file "
		    "again"));
		return -1;
	}
	return entry_inflate(z, name, &info, out, outlen) == 0 ? 1 : -1;
}

void
zipread_close(struct zipread *z)
{
	if (z == NULL)
		return;
	if (z->uf != NULL)
		unzClose(z->uf);
	free(z->file);
	free(z);
}
