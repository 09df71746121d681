/*
 * Legacy Excel workbooks (.xls, BIFF5/BIFF8) with FreeXL. FreeXL reads
 * only from a path, so the buffer is written to a private temporary file
 * (mkstemp, mode 0600, in $TMPDIR or /tmp), removed as soon as FreeXL has
 * opened it. Every sheet is a table, its cells as FreeXL gives them: text,
 * integers, numbers (up to 15 significant digits) and dates as YYYY-MM-DD.
 *
 * FreeXL (1.0.6, Debian 12) does not expose merged ranges: a merged cell
 * is its top-left cell, the others empty, as in a CSV export of the same
 * sheet; the row pipeline carries an empty 一级事项 down as it does there.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <freexl.h>

#include "data/import/formats/formats.h"
#include "data/import/formats/ooxml.h"
#include "data/import/formats/sheet.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"

static void
xls_error(struct diag_list *diags, const char *file, const char *msg,
    const char *hint)
{
	diag_add(diags, DIAG_ERROR, file, 1, 1, "%s", msg);
	diag_hint(diags, "%s", hint);
}

/* buf in a private temporary file; its path (caller frees), or NULL. */
static char *
temp_write(const char *buf, size_t len)
{
	const char	*dir = getenv("TMPDIR");
	char		*path;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	path = xasprintf("%s/chayue-xls.XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0) {
		free(path);
		return NULL;
	}
	while (off < len) {
		n = write(fd, buf + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (close(fd) != 0 || off < len) {
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* One cell's text as FreeXL gives it; NULL if empty. */
static char *
cell_text(const FreeXL_CellValue *v)
{
	char	*out = NULL;
	size_t	 len = 0, cap = 0;

	switch (v->type) {
	case FREEXL_CELL_INT:
		return xasprintf("%d", v->value.int_value);
	case FREEXL_CELL_DOUBLE:
		return xasprintf("%.15g", v->value.double_value);
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		if (v->value.text_value == NULL)
			return NULL;
		/* Control characters out, as for the other readers. */
		ooxml_text_append(&out, &len, &cap, v->value.text_value);
		return out;
	default:
		return NULL;
	}
}

static int
sheet_load(const void *h, unsigned short i, const char *file,
    struct diag_list *diags, struct table_set *out)
{
	const char	*name = NULL;
	char		*clean, *place, *s;
	unsigned int	 rows, r;
	unsigned short	 cols, c;
	FreeXL_CellValue v;
	struct sheet	 sh;
	struct table	*t;

	if (freexl_get_worksheet_name(h, i, &name) != FREEXL_OK ||
	    name == NULL)
		name = "?";
	clean = text_sanitise(name, strlen(name), 0);
	place = xasprintf(_("sheet %s"), clean);
	t = table_add(out, place);
	t->cells_a1 = 1;
	table_set_heading(t, clean, strlen(clean));
	free(place);
	free(clean);
	if (freexl_select_active_worksheet(h, i) != FREEXL_OK ||
	    freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
		xls_error(diags, file, _("a sheet of the workbook cannot be "
		    "read"), _("open it in Excel or WPS and save it again, as "
		    ".xlsx"));
		return -1;
	}
	sheet_init(&sh);
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols && c < SHEET_MAX_COLS; c++)
			if (freexl_get_cell_value(h, r, c, &v) == FREEXL_OK &&
			    (s = cell_text(&v)) != NULL)
				sheet_set(&sh, (long)r + 1, (long)c + 1, s);
	sheet_emit(&sh, t);
	sheet_done(&sh);
	return 0;
}

int
xls_read(const char *buf, size_t len, const char *file,
    struct diag_list *diags, struct table_set *out)
{
	const void	*h = NULL;
	char		*path;
	unsigned int	 info, nsheets = 0, i;
	int		 rc;

	if ((path = temp_write(buf, len)) == NULL) {
		xls_error(diags, file, _("the workbook cannot be read: no "
		    "temporary file could be written"), _("check that /tmp "
		    "(or $TMPDIR) is writable and not full"));
		return -1;
	}
	rc = freexl_open(path, &h);
	unlink(path);
	free(path);
	if (rc != FREEXL_OK) {
		if (h != NULL)
			freexl_close(h);
		xls_error(diags, file, _("the file is not a readable Excel "
		    "97-2003 workbook (.xls): it is damaged, truncated or of "
		    "another kind"), _("open it in Excel or WPS and save it "
		    "again, as .xlsx"));
		return -1;
	}
	if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info == FREEXL_BIFF_OBFUSCATED) {
		freexl_close(h);
		xls_error(diags, file, _("the workbook is protected by a "
		    "password"), _("remove the password in Excel or WPS (File, "
		    "Info, Protect) and save it again"));
		return -1;
	}
	if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets) !=
	    FREEXL_OK || nsheets == 0) {
		freexl_close(h);
		xls_error(diags, file, _("the workbook has no worksheet"),
		    _("open it in Excel or WPS and check that it holds the "
		    "catalogue table"));
		return -1;
	}
	rc = 0;
	for (i = 0; i < nsheets && i <= 0xffff && rc == 0; i++)
		rc = sheet_load(h, (unsigned short)i, file, diags, out);
	freexl_close(h);
	return rc;
}
