/*
 * The checks of one data row, cell by cell, and the item it becomes:
 * width, text, flags and tick lists, domain, jurisdiction, names carried
 * down from the row above, duplicates.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/import/cell.h"
#include "data/import/source.h"
#include "data/store/domains.h"
#include "data/versions/builder.h"
#include "data/versions/export.h"
#include "data/versions/versions.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

/* Rows between two calls of the progress callback. */
#define IMPORT_PROGRESS_ROWS	4096

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
		/*
		 * A canonical CSV file, as chayue-admin export writes it: a
		 * cell guarded from spreadsheets (='s, +'s, … after a ') gets
		 * its text back. Any other ' is the cell's.
		 */
		if (src->lay.kind == LAYOUT_CANONICAL && !src->lay.keys &&
		    len >= 2 && s[0] == EXPORT_GUARD &&
		    export_needs_guard(s + 1)) {
			s++;
			len--;
		}
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
seen_check(struct import *imp, uint64_t h1, uint64_t h2, size_t place,
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
	imp->seen[j].place = place;
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
	s = seen_check(src->imp, h1, h2, src->place, rec->line);
	if (s == NULL)
		return 0;
	/* Placed at the item name; the message names the first row. */
	diag_add(src->imp->diags, DIAG_WARNING, src->name, rec->line,
	    c->col[name_cell(src)], _("duplicate of the row at %s:%ld (same "
	    "domain, jurisdiction, 一级事项, 二级事项 and content)"),
	    src->imp->places[s->place], s->line);
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

/* FNV-1a: the jurisdiction names' hash for jslot. */
static size_t
row_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return (size_t)h;
}

/*
 * The slot in imp->jslot for name: the one holding it, or the free one
 * where it would go. There is always a free one (at most half are used).
 */
static size_t *
row_jurisdiction_slot(const struct import *imp, const char *name)
{
	size_t mask = imp->cjslot - 1, h = row_hash(name) & mask;

	while (imp->jslot[h] != 0 &&
	    strcmp(imp->jur[imp->jslot[h] - 1].name, name) != 0)
		h = (h + 1) & mask;
	return &imp->jslot[h];
}

/* Double jslot (a power of two, at most half full) and fill it again. */
static void
row_jurisdiction_grow(struct import *imp)
{
	size_t i;

	free(imp->jslot);
	imp->cjslot = imp->cjslot ? imp->cjslot * 2 : 256;
	imp->jslot = xcalloc(imp->cjslot, sizeof *imp->jslot);
	for (i = 0; i < imp->njur; i++)
		*row_jurisdiction_slot(imp, imp->jur[i].name) = i + 1;
}

size_t
row_jurisdiction_items(const struct import *imp, const char *name)
{
	size_t *slot;

	if (imp->cjslot == 0)
		return 0;
	slot = row_jurisdiction_slot(imp, name);
	return *slot != 0 ? imp->jur[*slot - 1].count : 0;
}

/*
 * One more item in the new version for a jurisdiction (NULL: ""). By
 * hash: a national archive has tens of thousands of them.
 */
static void
row_count_jurisdiction(struct import *imp, const char *name)
{
	size_t	i, *slot;

	if (name == NULL)
		name = "";
	/* Rows come grouped by jurisdiction: try the last one first. */
	if (imp->lastjur < imp->njur &&
	    strcmp(imp->jur[imp->lastjur].name, name) == 0) {
		imp->jur[imp->lastjur].count++;
		return;
	}
	if ((imp->njur + 1) * 2 > imp->cjslot)
		row_jurisdiction_grow(imp);
	slot = row_jurisdiction_slot(imp, name);
	if (*slot == 0) {
		if (imp->njur == imp->cjur) {
			imp->cjur = imp->cjur ? imp->cjur * 2 : 64;
			imp->jur = xreallocarray(imp->jur, imp->cjur,
			    sizeof *imp->jur);
		}
		imp->jur[imp->njur].name = xstrdup(name);
		imp->jur[imp->njur].count = 0;
		*slot = ++imp->njur;
	}
	i = *slot - 1;
	imp->jur[i].count++;
	imp->lastjur = i;
}

int
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
	else if ((rc = row_add(src, rec, &c, flags, error)) == 0) {
		src->counts->imported++;
		row_count_jurisdiction(src->imp, c.v[LAYOUT_JURISDICTION]);
	}
	cells_done(&c);
	return rc;
}
