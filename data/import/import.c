#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/import/builder.h"
#include "data/import/cell.h"
#include "data/import/csv.h"
#include "data/import/decode.h"
#include "data/store/domains.h"
#include "data/import/import.h"
#include "data/import/json.h"
#include "data/import/header.h"
#include "data/versions/versions.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

/* Rows between two calls of the progress callback. */
#define IMPORT_PROGRESS_ROWS	4096

/* A row already imported, for duplicates: a 128-bit hash of its key. */
struct seen {
	uint64_t h1, h2;
	size_t	 file;
	long	 line;
};

struct import {
	struct import_options	 opt;
	char			*path;	/* the catalogue */
	struct diag_list	*diags;
	struct versions_lock	*lock;
	struct builder		*b;
	struct import_summary	 sum;
	size_t			 cfiles;
	int			 unusable;	/* a file could not be used */
	struct seen		*seen;	/* open addressing; h1 == 0: free */
	size_t			 nseen, cseen;
	/* Progress: the share of all input before and in this file. */
	double			 done, share;
	size_t			 rows;
};

/* One file being imported. */
struct source {
	struct import		*imp;
	const char		*name;
	size_t			 index;
	int64_t			 id;
	struct layout		 lay;
	struct import_counts	*counts;
	struct decode_result	 text;
	/* The row above, for cells written once over several rows. */
	char			*prev_domain, *prev_url, *prev_level1;
	/* The last domain name looked up, and its national position. */
	char			*last_domain;
	int			 last_position;
};

/* A row's cells after checking: trimmed NFC text, "" when absent. */
struct cells {
	char	*v[LAYOUT_NCOLS];
	long	 line[LAYOUT_NCOLS];	/* where each cell starts */
	long	 col[LAYOUT_NCOLS];	/* for messages; 1 if absent */
};

/* The yes/no groups of the published table, and their tick-list column. */
static const struct {
	int	 list;
	int	 flags[3];	/* -1 ends */
	char	 names[32];
} import_groups[] = {
	{ LAYOUT_AUDIENCE,
	  { LAYOUT_AUDIENCE_ALL, LAYOUT_AUDIENCE_SPECIFIC, -1 }, "全社会、特定群体" },
	{ LAYOUT_METHOD,
	  { LAYOUT_METHOD_ACTIVE, LAYOUT_METHOD_ON_REQUEST, -1 }, "主动、依申请" },
	{ LAYOUT_LEVEL,
	  { LAYOUT_LEVEL_COUNTY, LAYOUT_LEVEL_TOWNSHIP, LAYOUT_LEVEL_VILLAGE },
	  "县级、乡级、村级" },
};
#define IMPORT_NGROUPS	(sizeof import_groups / sizeof import_groups[0])

/* A file-level problem: the file cannot be imported at all. */
static void
file_error(struct source *src, long line, long col, const char *msg,
    const char *hint)
{
	src->imp->unusable = 1;
	diag_add(src->imp->diags, DIAG_ERROR, src->name, line, col, "%s", msg);
	diag_hint(src->imp->diags, "%s", hint);
}

/*
 * A row with more cells than the header: placed at the first extra cell.
 * With fewer: placed where the first missing cell would be; the last row
 * of a file that ends without a line break, or inside a quote, was most
 * likely cut off.
 */
static int
row_width_ok(struct source *src, const struct csv_record *rec)
{
	struct diag_list	*d = src->imp->diags;
	size_t			 want = src->lay.nfields;
	char			*where;

	if (rec->n == want)
		return 1;
	if (rec->n > want) {
		diag_add(d, DIAG_ERROR, src->name, rec->line, (long)want + 1,
		    _("row has %zu columns but the header has %zu: the extra "
		    "cells start at column %zu"), rec->n, want, want + 1);
		diag_hint(d, "%s", _("a cell may hold an unquoted comma; put "
		    "cells that contain commas in quotes"));
		return 0;
	}
	where = layout_where(&src->lay, rec->n);
	if (rec->unfinished) {
		diag_add(d, DIAG_ERROR, src->name, rec->line, (long)rec->n + 1,
		    _("the file ends in the middle of a row: it has %zu of "
		    "the header's %zu columns and ends before %s"),
		    rec->n, want, where);
		diag_hint(d, "%s", _("it may have been cut off — export it "
		    "again"));
	} else {
		diag_add(d, DIAG_ERROR, src->name, rec->line, (long)rec->n + 1,
		    _("row has only %zu of the header's %zu columns: it ends "
		    "before %s"), rec->n, want, where);
		diag_hint(d, "%s", _("a cell may be missing, or a line break "
		    "in a cell is not in quotes; put cells that contain line "
		    "breaks in quotes"));
	}
	free(where);
	return 0;
}

/*
 * The first cell of a row that is not valid text in the file's encoding;
 * more is the number of other such cells (a row in another encoding is
 * one problem, not seventeen).
 */
static void
bad_text(struct source *src, const struct csv_field *f, size_t i, size_t at,
    size_t more)
{
	struct diag_list	*d = src->imp->diags;
	char			*where = layout_where(&src->lay, i), *also;
	long			 line = f->line;
	size_t			 j;

	for (j = 0; j < at; j++)
		line += f->text[j] == '\n';
	also = more == 0 ? xstrdup("") :
	    xasprintf(_(", and neither are %zu more cells of the row"), more);
	if (src->text.encoding == DECODE_UTF8) {
		diag_add(d, DIAG_ERROR, src->name, line, f->column,
		    _("%s is not valid UTF-8 text (byte 0x%02X)%s"), where,
		    (unsigned char)f->text[at], also);
		diag_hint(d, "%s", _("save the file as \"CSV UTF-8\"; Excel on "
		    "Chinese Windows saves plain CSV as GB18030, and a row "
		    "pasted from such a file mixes the two"));
	} else {
		diag_add(d, DIAG_ERROR, src->name, line, f->column,
		    _("%s is not valid %s text%s"), where,
		    decode_name(src->text.encoding), also);
		diag_hint(d, "%s", _("the file is damaged or mixes encodings; "
		    "save it again from the spreadsheet"));
	}
	free(also);
	free(where);
}

/* Every cell must be text, the ignored ones too; one error per row. */
static int
row_text(struct source *src, const struct csv_record *rec)
{
	const struct csv_field	*f;
	size_t			 i, at, first = 0, first_at = 0, bad = 0;

	for (i = 0; i < rec->n; i++) {
		f = &rec->v[i];
		if ((at = decode_utf8_valid(f->text, f->len)) == f->len)
			continue;
		if (bad++ == 0) {
			first = i;
			first_at = at;
		}
	}
	if (bad == 0)
		return 0;
	bad_text(src, &rec->v[first], first, first_at, bad - 1);
	return -1;
}

static void
cells_read(struct source *src, const struct csv_record *rec, struct cells *c)
{
	const struct csv_field	*f;
	const char		*s;
	size_t			 len;
	int			 k;

	for (k = 0; k < LAYOUT_NCOLS; k++) {
		if (src->lay.at[k] < 0) {
			c->v[k] = xstrdup("");
			c->line[k] = rec->line;
			c->col[k] = 1;	/* the row, as a whole */
			continue;
		}
		f = &rec->v[src->lay.at[k]];
		len = f->len;
		s = cell_trim(f->text, &len);
		c->v[k] = cell_nfc(s, len);
		c->line[k] = f->line;
		c->col[k] = f->column;
	}
}

static void
cells_done(struct cells *c)
{
	int	k;

	for (k = 0; k < LAYOUT_NCOLS; k++)
		free(c->v[k]);
}

static void
cell_set(struct cells *c, int k, const char *s)
{
	free(c->v[k]);
	c->v[k] = xstrdup(s);
}

/* A cell of a yes/no column that is no mark. */
static void
bad_flag(struct source *src, const struct cells *c, int k)
{
	char	*what = diag_printable(c->v[k], strlen(c->v[k]));
	char	*where = layout_where(&src->lay, (size_t)src->lay.at[k]);

	diag_add(src->imp->diags, DIAG_ERROR, src->name, c->line[k],
	    c->col[k], _("%s: \"%s\" is not a yes/no mark"), where, what);
	diag_hint(src->imp->diags, "%s", _("write 1, √ or 是 for yes, 0, × or "
	    "否 for no, or leave the cell empty when the source does not say"));
	free(where);
	free(what);
}

/* The ticks of one group named in one cell ("主动、依申请"). */
struct ticks {
	int		 group;
	enum flag	*flags;
	const char	*bad;	/* the first word that is no tick */
	size_t		 badlen;
};

static int
tick_word(const char *word, size_t len, void *arg)
{
	struct ticks	*t = arg;
	int		 c = layout_column_named(word, len), i;

	for (i = 0; i < 3 && import_groups[t->group].flags[i] >= 0; i++) {
		if (import_groups[t->group].flags[i] == c) {
			t->flags[c - LAYOUT_FIRST_FLAG] = FLAG_YES;
			return 0;
		}
	}
	t->bad = word;
	t->badlen = len;
	return 1;
}

/* A tick-list cell: what it names is yes, the rest of the group no. */
static int
row_tick_list(struct source *src, const struct cells *c, int g,
    enum flag *flags)
{
	struct ticks	 t = { g, flags, NULL, 0 };
	int		 i, k = import_groups[g].list;
	char		*what, *where;

	if (*c->v[k] == '\0')
		return 0;
	for (i = 0; i < 3 && import_groups[g].flags[i] >= 0; i++)
		flags[import_groups[g].flags[i] - LAYOUT_FIRST_FLAG] = FLAG_NO;
	if (cell_words(c->v[k], tick_word, &t) == 0)
		return 0;
	what = diag_printable(t.bad, t.badlen);
	where = layout_where(&src->lay, (size_t)src->lay.at[k]);
	diag_add(src->imp->diags, DIAG_ERROR, src->name, c->line[k], c->col[k],
	    _("%s: \"%s\" is not one of %s"), where, what,
	    import_groups[g].names);
	diag_hint(src->imp->diags, "%s", _("name the ticked ones, separated "
	    "by 、"));
	free(where);
	free(what);
	return 1;
}

/*
 * In a published table only the ticked cells of a group are marked: when
 * a row ticks one, its other columns of the group are "no"; a row that
 * ticks none of them does not say.
 */
static void
row_group_rule(const struct source *src, enum flag *flags)
{
	size_t	g;
	int	i, k, any;

	for (g = 0; g < IMPORT_NGROUPS; g++) {
		any = 0;
		for (i = 0; i < 3 && (k = import_groups[g].flags[i]) >= 0; i++)
			any |= flags[k - LAYOUT_FIRST_FLAG] == FLAG_YES;
		for (i = 0; any && i < 3 &&
		    (k = import_groups[g].flags[i]) >= 0; i++) {
			if (src->lay.at[k] >= 0 &&
			    flags[k - LAYOUT_FIRST_FLAG] == FLAG_UNSTATED)
				flags[k - LAYOUT_FIRST_FLAG] = FLAG_NO;
		}
	}
}

static int
row_flags(struct source *src, const struct cells *c, enum flag *flags)
{
	size_t	g;
	int	k, v, bad = 0;

	for (k = LAYOUT_FIRST_FLAG; k <= LAYOUT_LAST_FLAG; k++) {
		flags[k - LAYOUT_FIRST_FLAG] = FLAG_UNSTATED;
		if (src->lay.at[k] < 0)
			continue;
		if ((v = cell_flag(c->v[k])) == CELL_NOT_A_FLAG) {
			bad_flag(src, c, k);
			bad = 1;
		} else
			flags[k - LAYOUT_FIRST_FLAG] = (enum flag)v;
	}
	for (g = 0; g < IMPORT_NGROUPS; g++)
		if (src->lay.at[import_groups[g].list] >= 0)
			bad |= row_tick_list(src, c, (int)g, flags);
	if (src->lay.kind == LAYOUT_PUBLISHED)
		row_group_rule(src, flags);
	return bad;
}

/* The national position of a domain name, remembering the last one. */
static int
national(struct source *src, const char *name)
{
	if (src->last_domain == NULL || strcmp(src->last_domain, name) != 0) {
		free(src->last_domain);
		src->last_domain = xstrdup(name);
		src->last_position = layout_national_domain(name);
	}
	return src->last_position;
}

/*
 * The row's domain: its cell; empty in a published table, the merged cell
 * above; else the one the title, the file name or the caller named. A
 * national domain by any of its names becomes its standard name.
 */
static void
row_domain(struct source *src, struct cells *c)
{
	int	pos;

	if (*c->v[LAYOUT_DOMAIN] == '\0' && src->lay.kind ==
	    LAYOUT_PUBLISHED && src->lay.at[LAYOUT_DOMAIN] >= 0 &&
	    src->prev_domain != NULL)
		cell_set(c, LAYOUT_DOMAIN, src->prev_domain);
	if (*c->v[LAYOUT_DOMAIN] == '\0' && src->lay.domain != NULL)
		cell_set(c, LAYOUT_DOMAIN, src->lay.domain);
	if (*c->v[LAYOUT_DOMAIN] != '\0' &&
	    (pos = national(src, c->v[LAYOUT_DOMAIN])) > 0)
		cell_set(c, LAYOUT_DOMAIN, domains_get(pos)->name);
}

/* An empty jurisdiction: the caller's, or the title's or file name's. */
static void
row_jurisdiction(struct source *src, struct cells *c)
{
	if (*c->v[LAYOUT_JURISDICTION] != '\0')
		return;
	if (src->imp->opt.jurisdiction != NULL)
		cell_set(c, LAYOUT_JURISDICTION, src->imp->opt.jurisdiction);
	else if (src->lay.jurisdiction != NULL)
		cell_set(c, LAYOUT_JURISDICTION, src->lay.jurisdiction);
}

/* The cell that names the item: 二级事项, or 一级事项 in a file without. */
static int
name_cell(const struct source *src)
{
	return src->lay.at[LAYOUT_LEVEL2] >= 0 ? LAYOUT_LEVEL2 : LAYOUT_LEVEL1;
}

/* The domain and the item name, as written (before any carrying down). */
static int
row_names(struct source *src, const struct csv_record *rec,
    const struct cells *c)
{
	struct diag_list	*d = src->imp->diags;
	int			 k = name_cell(src), bad = 0;

	if (*c->v[LAYOUT_DOMAIN] == '\0') {
		diag_add(d, DIAG_ERROR, src->name, rec->line,
		    c->col[LAYOUT_DOMAIN], "%s", _("row has no domain (领域 "
		    "is empty)"));
		diag_hint(d, "%s", _("fill in the domain, e.g. 社会救助, or "
		    "delete the row"));
		bad = 1;
	}
	if (*c->v[LAYOUT_LEVEL1] == '\0' && *c->v[LAYOUT_LEVEL2] == '\0') {
		diag_add(d, DIAG_ERROR, src->name, rec->line, c->col[k], "%s",
		    _("row has no item name (一级事项 and 二级事项 are both "
		    "empty)"));
		diag_hint(d, "%s", _("fill in 二级事项 or delete the row"));
		bad = 1;
	}
	return bad;
}

/*
 * 一级事项 is often a merged cell: written once, empty in the rows below.
 * An empty one takes the value of the row above when that row comes from
 * the same table (same domain and source_url).
 */
static void
carry_down(struct source *src, struct cells *c)
{
	if (*c->v[LAYOUT_LEVEL1] == '\0' && src->prev_domain != NULL &&
	    strcmp(src->prev_domain, c->v[LAYOUT_DOMAIN]) == 0 &&
	    strcmp(src->prev_url, c->v[LAYOUT_SOURCE_URL]) == 0)
		cell_set(c, LAYOUT_LEVEL1, src->prev_level1);
	free(src->prev_domain);
	free(src->prev_url);
	free(src->prev_level1);
	src->prev_domain = xstrdup(c->v[LAYOUT_DOMAIN]);
	src->prev_url = xstrdup(c->v[LAYOUT_SOURCE_URL]);
	src->prev_level1 = xstrdup(c->v[LAYOUT_LEVEL1]);
}

/* Two unrelated 64-bit hashes of one part of a key, length included. */
static void
hash_part(uint64_t *h1, uint64_t *h2, const char *s)
{
	size_t	 len = strlen(s), i;
	unsigned char b;

	for (i = 0; i <= len; i++) {
		b = i < len ? (unsigned char)s[i] : 0xff;	/* 0xff: not UTF-8 */
		*h1 = (*h1 ^ b) * 0x100000001b3ULL;		/* FNV-1a */
		*h2 = (*h2 + b + 1) * 0x9e3779b97f4a7c15ULL;
		*h2 ^= *h2 >> 29;
	}
}

/* The duplicate key: the domain by its national position if it has one. */
static void
row_key(const struct cells *c, uint64_t *h1, uint64_t *h2)
{
	static const int parts[] = {
		LAYOUT_JURISDICTION, LAYOUT_LEVEL1, LAYOUT_LEVEL2, LAYOUT_CONTENT
	};
	char	pos[16];
	size_t	i;
	int	n;

	*h1 = 0xcbf29ce484222325ULL;
	*h2 = 0x243f6a8885a308d3ULL;
	if ((n = domains_lookup(c->v[LAYOUT_DOMAIN])) > 0) {
		snprintf(pos, sizeof pos, "#%d", n);
		hash_part(h1, h2, pos);
	} else
		hash_part(h1, h2, c->v[LAYOUT_DOMAIN]);
	for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
		hash_part(h1, h2, c->v[parts[i]]);
	if (*h1 == 0)
		*h1 = 1;	/* 0 marks a free slot */
}

static void
seen_grow(struct import *imp)
{
	struct seen	*old = imp->seen;
	size_t		 cold = imp->cseen, i, j;

	imp->cseen = cold ? cold * 2 : 1024;
	imp->seen = xcalloc(imp->cseen, sizeof *imp->seen);
	for (i = 0; i < cold; i++) {
		if (old[i].h1 == 0)
			continue;
		j = old[i].h1 & (imp->cseen - 1);
		while (imp->seen[j].h1 != 0)
			j = (j + 1) & (imp->cseen - 1);
		imp->seen[j] = old[i];
	}
	free(old);
}

/* The earlier row with the same key, or NULL after remembering this one. */
static const struct seen *
seen_check(struct import *imp, uint64_t h1, uint64_t h2, size_t file,
    long line)
{
	size_t	j;

	if (2 * (imp->nseen + 1) > imp->cseen)
		seen_grow(imp);
	j = h1 & (imp->cseen - 1);
	for (; imp->seen[j].h1 != 0; j = (j + 1) & (imp->cseen - 1))
		if (imp->seen[j].h1 == h1 && imp->seen[j].h2 == h2)
			return &imp->seen[j];
	imp->seen[j].h1 = h1;
	imp->seen[j].h2 = h2;
	imp->seen[j].file = file;
	imp->seen[j].line = line;
	imp->nseen++;
	return NULL;
}

static int
row_duplicate(struct source *src, const struct csv_record *rec,
    const struct cells *c)
{
	const struct seen	*s;
	uint64_t		 h1, h2;

	row_key(c, &h1, &h2);
	s = seen_check(src->imp, h1, h2, src->index, rec->line);
	if (s == NULL)
		return 0;
	/* Placed at the item name; the message names the first row. */
	diag_add(src->imp->diags, DIAG_WARNING, src->name, rec->line,
	    c->col[name_cell(src)], _("duplicate of the row at %s:%ld (same "
	    "domain, jurisdiction, 一级事项, 二级事项 and content)"),
	    src->imp->sum.files[s->file].name, s->line);
	diag_hint(src->imp->diags, "%s", _("the row is skipped; delete one of "
	    "the two"));
	return 1;
}

static int
row_add(struct source *src, const struct csv_record *rec, struct cells *c,
    const enum flag *flags, char **error)
{
	struct item	it;
	int		rc;

	if (src->imp->b == NULL)
		return 0;	/* a dry run */
	memset(&it, 0, sizeof it);
	it.domain = c->v[LAYOUT_DOMAIN];
	it.level1 = c->v[LAYOUT_LEVEL1];
	it.level2 = c->v[LAYOUT_LEVEL2];
	it.content = c->v[LAYOUT_CONTENT];
	it.basis = c->v[LAYOUT_BASIS];
	it.time_limit = c->v[LAYOUT_TIME_LIMIT];
	it.subject = c->v[LAYOUT_SUBJECT];
	it.channels = cell_channels(c->v[LAYOUT_CHANNELS]);
	it.audience_all = flags[LAYOUT_AUDIENCE_ALL - LAYOUT_FIRST_FLAG];
	it.audience_specific = flags[LAYOUT_AUDIENCE_SPECIFIC - LAYOUT_FIRST_FLAG];
	it.method_active = flags[LAYOUT_METHOD_ACTIVE - LAYOUT_FIRST_FLAG];
	it.method_on_request = flags[LAYOUT_METHOD_ON_REQUEST - LAYOUT_FIRST_FLAG];
	it.level_county = flags[LAYOUT_LEVEL_COUNTY - LAYOUT_FIRST_FLAG];
	it.level_township = flags[LAYOUT_LEVEL_TOWNSHIP - LAYOUT_FIRST_FLAG];
	it.level_village = flags[LAYOUT_LEVEL_VILLAGE - LAYOUT_FIRST_FLAG];
	it.jurisdiction = c->v[LAYOUT_JURISDICTION];
	it.code = c->v[LAYOUT_CODE];
	it.source_url = c->v[LAYOUT_SOURCE_URL];
	rc = builder_add_item(src->imp->b, &it, src->id, rec->line, error);
	free(it.channels);
	versions_crash_point("row");
	return rc;
}

/* Tell the caller how far we are, now and then. */
static void
row_progress(struct source *src, const struct csv_record *rec)
{
	struct import	*imp = src->imp;
	double		 in_file;

	if (imp->opt.progress == NULL ||
	    ++imp->rows % IMPORT_PROGRESS_ROWS != 0)
		return;
	in_file = src->text.len > 0 ? (double)rec->offset /
	    (double)src->text.len : 1.0;
	imp->opt.progress(imp->done + imp->share * in_file, imp->rows,
	    imp->opt.arg);
}

/* Check one data row and add it; -1 only if the catalogue failed. */
static int
row_import(struct source *src, const struct csv_record *rec, char **error)
{
	struct cells	c;
	enum flag	flags[LAYOUT_NFLAGS];
	int		bad, rc = 0;

	if (!rec->broken && layout_blank(rec))
		return 0;
	row_progress(src, rec);
	src->counts->rows_read++;
	if (rec->broken || !row_width_ok(src, rec) || row_text(src, rec) != 0) {
		src->counts->skipped++;
		return 0;
	}
	cells_read(src, rec, &c);
	bad = row_flags(src, &c, flags);
	row_domain(src, &c);
	row_jurisdiction(src, &c);
	bad |= row_names(src, rec, &c);
	carry_down(src, &c);
	if (!bad && row_duplicate(src, rec, &c))
		bad = 1;
	if (bad)
		src->counts->skipped++;
	else if ((rc = row_add(src, rec, &c, flags, error)) == 0)
		src->counts->imported++;
	cells_done(&c);
	return rc;
}

/* Refuse what is not text before reading it. */
static int
source_usable(struct source *src)
{
	switch (src->text.refusal) {
	case DECODE_TEXT:
		return 1;
	case DECODE_EMPTY:
		file_error(src, 1, 1, _("the file is empty"),
		    _("export the catalogue table again"));
		break;
	case DECODE_XLSX:
	case DECODE_XLS:
		file_error(src, 1, 1, _("the file is an Excel workbook, not a "
		    "CSV or JSON file"), _("open it in Excel or WPS and save "
		    "it as CSV, then import the CSV file"));
		break;
	default:
		file_error(src, 1, 1, _("the file is not text: it holds NUL "
		    "bytes or other control characters"), _("it may be "
		    "damaged or not a catalogue export; export the table as "
		    "CSV again"));
		break;
	}
	return 0;
}

/* Is the text a JSON array (or object)? */
static int
source_is_json(const struct source *src)
{
	const char	*s = src->text.text, *end = s + src->text.len;

	if (src->imp->opt.format != IMPORT_FORMAT_AUTO)
		return src->imp->opt.format == IMPORT_FORMAT_JSON;
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' ||
	    *s == '\n'))
		s++;
	return s < end && (*s == '[' || *s == '{');
}

/*
 * Comma or tab, from the first lines outside quotes: "Unicode text" from
 * a spreadsheet is tab-separated, CSV is not.
 */
static int
source_delimiter(const struct source *src)
{
	const char	*s = src->text.text;
	size_t		 i, n = src->text.len, tabs = 0, commas = 0;
	int		 quoted = 0, lines = 0;

	if (src->imp->opt.delimiter != 0)
		return src->imp->opt.delimiter;
	for (i = 0; i < n && lines < 20; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == '\n')
			lines++;
		else if (!quoted && s[i] == '\t')
			tabs++;
		else if (!quoted && s[i] == ',')
			commas++;
	}
	if (tabs > commas)
		return '\t';
	if (tabs == commas && (src->text.encoding == DECODE_UTF16LE ||
	    src->text.encoding == DECODE_UTF16BE))
		return '\t';
	return ',';
}

/* The header at the top, then the rows; -1 only if the catalogue failed. */
static int
source_csv(struct source *src, char **error)
{
	struct csv_reader	*r;
	struct csv_record	 rec;
	enum layout_step	 step = LAYOUT_MORE;
	int			 rc = 0;

	r = csv_open(src->text.text, src->text.len, source_delimiter(src),
	    src->name, src->imp->diags);
	while (rc == 0 && csv_read(r, &rec) == 1) {
		if (step == LAYOUT_MORE) {
			step = layout_feed(&src->lay, &rec);
			/* Name the columns in messages as soon as we can. */
			csv_set_names(r, src->lay.titles, src->lay.nfields);
			if (step == LAYOUT_FAIL)
				break;
			if (step == LAYOUT_MORE)
				continue;
		}
		rc = row_import(src, &rec, error);
	}
	if (step == LAYOUT_MORE)
		step = layout_end(&src->lay);
	if (step == LAYOUT_FAIL)
		src->imp->unusable = 1;
	csv_close(r);
	return rc;
}

/* The keys, then one row per object; -1 only if the catalogue failed. */
static int
source_json(struct source *src, char **error)
{
	struct json_reader	*r;
	struct csv_record	 rec;
	int			 rc = 0;

	r = json_open(src->text.text, src->text.len, src->name,
	    src->imp->diags);
	if (!json_keys(r, &rec) || layout_keys(&src->lay, &rec) != LAYOUT_DATA)
		src->imp->unusable = 1;
	else {
		while (rc == 0 && json_read(r, &rec) == 1)
			rc = row_import(src, &rec, error);
	}
	json_close(r);
	return rc;
}

/*
 * A file that ends inside a character was cut short: reported at column 1
 * of its last line, counted as the CSV reader counts lines.
 */
static void
source_truncated(struct source *src)
{
	const char	*s = src->text.text;
	size_t		 i, n = src->text.len;
	long		 line = 1;

	if (!src->text.truncated)
		return;
	for (i = 0; i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' &&
		    (i + 1 == n || s[i + 1] != '\n')))
			line++;
	diag_add(src->imp->diags, DIAG_WARNING, src->name, line, 1,
	    _("the file ends in the middle of a %s character"),
	    decode_name(src->text.encoding));
	diag_hint(src->imp->diags, "%s", _("it may be truncated; check its "
	    "last rows, or export it again"));
}

static int
source_read(struct source *src, const char *buf, size_t len, char **error)
{
	struct import_file_summary	*f = &src->imp->sum.files[src->index];
	int				 rc;

	decode_buffer(buf, len, src->imp->opt.encoding, &src->text);
	if (!source_usable(src))
		return 0;
	f->encoding = decode_name(src->text.encoding);
	src->lay.encoding = f->encoding;
	source_truncated(src);
	if (source_is_json(src)) {
		f->layout = N_("JSON");
		rc = source_json(src, error);
	} else {
		rc = source_csv(src, error);
		f->layout = src->lay.kind == LAYOUT_PUBLISHED ?
		    N_("published layout") : N_("canonical layout");
	}
	if (src->lay.domain != NULL && src->lay.at[LAYOUT_DOMAIN] < 0)
		f->domain = xstrdup(src->lay.domain);
	return rc;
}

struct import *
import_begin(const char *catalogue_path, const struct import_options *opt,
    struct diag_list *diags, char **error)
{
	struct import	*imp = xcalloc(1, sizeof *imp);

	if (opt != NULL)
		imp->opt = *opt;
	imp->diags = diags;
	imp->path = xstrdup(catalogue_path != NULL ? catalogue_path : "");
	if (!imp->opt.dry_run) {
		if ((imp->lock = versions_lock(imp->path, error)) == NULL ||
		    (imp->b = builder_create(imp->path, error)) == NULL) {
			versions_unlock(imp->lock);
			free(imp->path);
			free(imp);
			return NULL;
		}
	}
	return imp;
}

/* A new entry in the summary for the file name; its index. */
static size_t
file_add(struct import *imp, const char *name)
{
	struct import_file_summary	*f;

	if (imp->sum.nfiles == imp->cfiles) {
		imp->cfiles = imp->cfiles ? imp->cfiles * 2 : 8;
		imp->sum.files = xreallocarray(imp->sum.files, imp->cfiles,
		    sizeof *imp->sum.files);
	}
	f = &imp->sum.files[imp->sum.nfiles];
	memset(f, 0, sizeof *f);
	f->name = xstrdup(name);
	return imp->sum.nfiles++;
}

/* What the catalogue records as the source: the file name only. */
static const char *
base_name(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

/* Start a file: its summary entry and its place in the catalogue. */
static void
source_init(struct source *src, struct import *imp, const char *name)
{
	memset(src, 0, sizeof *src);
	src->imp = imp;
	src->name = name;
	src->index = file_add(imp, name);
	src->counts = &imp->sum.files[src->index].counts;
	/* Until source_done, errors and warnings hold the starting counts. */
	src->counts->errors = imp->diags->errors;
	src->counts->warnings = imp->diags->warnings;
	layout_init(&src->lay, name, imp->opt.domain, imp->diags);
}

static void
source_done(struct source *src)
{
	struct import_counts	*n = src->counts;

	layout_done(&src->lay);
	decode_done(&src->text);
	free(src->prev_domain);
	free(src->prev_url);
	free(src->prev_level1);
	free(src->last_domain);
	n->errors = src->imp->diags->errors - n->errors;
	n->warnings = src->imp->diags->warnings - n->warnings;
}

int
import_buffer(struct import *imp, const char *name, const char *buf,
    size_t len, char **error)
{
	struct source	src;
	int		rc = 0;

	source_init(&src, imp, name);
	if (imp->b != NULL) {
		src.id = builder_add_source(imp->b, base_name(name), error);
		if (src.id == -1)
			rc = -1;
	}
	if (rc == 0)
		rc = source_read(&src, buf, len, error);
	source_done(&src);
	return rc;
}

/* The whole file in memory; NULL with errno set. */
static char *
read_all(const char *path, size_t *len)
{
	FILE		*fp;
	struct stat	 st;
	char		*buf = NULL;
	size_t		 cap = 0, n;
	int		 e;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(fp);
		errno = EISDIR;
		return NULL;
	}
	if (fstat(fileno(fp), &st) == 0 && st.st_size > 0)
		cap = (size_t)st.st_size + 1;	/* one read, one allocation */
	buf = xmalloc(cap > 0 ? cap : 65536);
	cap = cap > 0 ? cap : 65536;
	*len = 0;
	do {
		if (*len == cap) {
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = fread(buf + *len, 1, cap - *len, fp);
		*len += n;
	} while (n != 0);
	e = ferror(fp) ? EIO : 0;
	fclose(fp);
	if (e != 0) {
		free(buf);
		errno = e;
		return NULL;
	}
	return buf;
}

int
import_file(struct import *imp, const char *path, char **error)
{
	struct source	 src;
	char		*buf;
	size_t		 len;
	int		 rc, e;

	if ((buf = read_all(path, &len)) != NULL) {
		rc = import_buffer(imp, path, buf, len, error);
		free(buf);
		return rc;
	}
	e = errno;
	source_init(&src, imp, path);
	imp->unusable = 1;
	diag_add(imp->diags, DIAG_ERROR, path, 1, 1,
	    _("cannot read the file: %s"), strerror(e));
	diag_hint(imp->diags, "%s", _("check the file name and that the "
	    "file can be read"));
	source_done(&src);
	return 0;
}

void
import_summary_done(struct import_summary *sum)
{
	size_t	i;

	for (i = 0; i < sum->nfiles; i++) {
		free(sum->files[i].name);
		free(sum->files[i].domain);
	}
	free(sum->files);
	free(sum->version);
	memset(sum, 0, sizeof *sum);
}

static void
import_free(struct import *imp)
{
	if (imp->b != NULL)
		builder_abort(imp->b);
	versions_unlock(imp->lock);
	import_summary_done(&imp->sum);
	free(imp->seen);
	free(imp->path);
	free(imp);
}

void
import_abort(struct import *imp)
{
	if (imp != NULL)
		import_free(imp);
}

/* Add up the files' counts and decide whether the import may go ahead. */
static void
import_tally(struct import *imp)
{
	struct import_counts	*t = &imp->sum.total, *f;
	size_t			 i;

	memset(t, 0, sizeof *t);
	for (i = 0; i < imp->sum.nfiles; i++) {
		f = &imp->sum.files[i].counts;
		t->rows_read += f->rows_read;
		t->imported += f->imported;
		t->skipped += f->skipped;
		t->warnings += f->warnings;
		t->errors += f->errors;
	}
	if (imp->unusable)
		imp->sum.refusal = IMPORT_REFUSED_FILE;
	else if (imp->opt.strict && t->errors > 0)
		imp->sum.refusal = IMPORT_REFUSED_STRICT;
	else if (t->imported == 0)
		imp->sum.refusal = IMPORT_REFUSED_EMPTY;
	else
		imp->sum.refusal = IMPORT_ACCEPTED;
}

/* Nothing was imported after all: say so in the counts. */
static void
import_nothing(struct import_summary *sum)
{
	size_t	i;

	sum->total.skipped += sum->total.imported;
	sum->total.imported = 0;
	for (i = 0; i < sum->nfiles; i++) {
		sum->files[i].counts.skipped += sum->files[i].counts.imported;
		sum->files[i].counts.imported = 0;
	}
}

/* Rows left out: the clerk confirms the summary first. */
static int
import_confirmed(struct import *imp)
{
	const struct import_counts	*t = &imp->sum.total;

	if (imp->opt.confirm == NULL || (t->skipped == 0 && t->errors == 0))
		return 1;
	return imp->opt.confirm(&imp->sum, imp->opt.arg) != 0;
}

/* Switch to the new version; 0, or -1 with *error. */
static int
import_switch(struct import *imp, char **error)
{
	struct stat	before, after;
	int		rc, have;

	have = stat(imp->path, &before) == 0;
	rc = versions_switch(imp->b, imp->path, imp->opt.keep_versions,
	    &imp->sum.version, error);
	imp->b = NULL;
	/* A failure after the rename leaves the new file in place. */
	imp->sum.committed = rc == 0 || (stat(imp->path, &after) == 0 &&
	    (!have || after.st_ino != before.st_ino ||
	    after.st_dev != before.st_dev));
	return rc;
}

int
import_end(struct import *imp, struct import_summary *sum, char **error)
{
	int	rc = 0;

	import_tally(imp);
	if (imp->b != NULL && imp->sum.refusal == IMPORT_ACCEPTED &&
	    !import_confirmed(imp))
		imp->sum.refusal = IMPORT_REFUSED_DECLINED;
	if (imp->b != NULL && imp->sum.refusal == IMPORT_ACCEPTED) {
		if (imp->opt.progress != NULL)
			imp->opt.progress(1.0, imp->rows, imp->opt.arg);
		rc = import_switch(imp, error);
	}
	if (!imp->sum.committed && !imp->opt.dry_run)
		import_nothing(&imp->sum);
	*sum = imp->sum;
	memset(&imp->sum, 0, sizeof imp->sum);
	import_free(imp);
	return rc;
}

/* The size of each file, to tell progress by. */
static double
file_size(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 && st.st_size > 0 ? (double)st.st_size : 1;
}

int
import_files(const char *catalogue_path, char *const *files, int nfiles,
    const struct import_options *opt, struct diag_list *diags,
    struct import_summary *sum, char **error)
{
	struct import	*imp;
	double		 total = 0;
	int		 i;

	memset(sum, 0, sizeof *sum);
	if ((imp = import_begin(catalogue_path, opt, diags, error)) == NULL)
		return -1;
	for (i = 0; i < nfiles; i++)
		total += file_size(files[i]);
	for (i = 0; i < nfiles; i++) {
		imp->share = file_size(files[i]) / total;
		if (import_file(imp, files[i], error) != 0) {
			import_tally(imp);
			import_nothing(&imp->sum);
			*sum = imp->sum;
			memset(&imp->sum, 0, sizeof imp->sum);
			import_abort(imp);
			return -1;
		}
		imp->done += imp->share;
	}
	return import_end(imp, sum, error);
}
