#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "data/import/json.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

/* A place in the text: byte offset, 1-based line and column (characters). */
struct pos {
	size_t	off;
	long	line, column;
};

/* One element of the top-level array. */
struct element {
	json_t		*value;
	struct pos	 at;	/* where it starts */
	size_t		 end;	/* byte offset just past it */
};

struct json_reader {
	const char		*buf;
	size_t			 len;
	char			*file;
	struct diag_list	*diags;
	int			 fatal;	/* no array of objects at all */
	struct pos		 start;	/* the array's "[" */

	struct element		*el;
	size_t			 nel, cel, next;

	char			**keys;	/* the union of the keys */
	struct csv_field	*fields;	/* nkeys of them */
	char			**texts;	/* the current record's, owned */
	size_t			 nkeys, ckeys;
};

/* Move p forward to byte off, counting lines and characters. */
static void
advance(const struct json_reader *r, struct pos *p, size_t off)
{
	if (off > r->len)
		off = r->len;
	for (; p->off < off; p->off++) {
		if (r->buf[p->off] == '\n') {
			p->line++;
			p->column = 1;
		} else if (((unsigned char)r->buf[p->off] & 0xc0) != 0x80)
			p->column++;
	}
}

static void
skip_space(const struct json_reader *r, struct pos *p)
{
	size_t	off = p->off;

	while (off < r->len && strchr(" \t\r\n", r->buf[off]) != NULL &&
	    r->buf[off] != '\0')
		off++;
	advance(r, p, off);
}

static void
syntax(struct json_reader *r, const struct pos *p, const char *what,
    const char *hint)
{
	diag_add(r->diags, DIAG_ERROR, r->file, p->line, p->column, "%s", what);
	diag_hint(r->diags, "%s", hint);
}

static void
add_element(struct json_reader *r, json_t *v, const struct pos *at,
    size_t end)
{
	if (r->nel == r->cel) {
		r->cel = r->cel ? r->cel * 2 : 64;
		r->el = xreallocarray(r->el, r->cel, sizeof *r->el);
	}
	r->el[r->nel].value = v;
	r->el[r->nel].at = *at;
	r->el[r->nel].end = end;
	r->nel++;
}

/* One element at p; -1 (reported) if it is not valid JSON. */
static int
parse_element(struct json_reader *r, struct pos *p)
{
	json_error_t	 err;
	json_t		*v;
	struct pos	 at = *p;
	char		*what;

	v = json_loadb(r->buf + p->off, r->len - p->off,
	    JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &err);
	advance(r, p, p->off + (size_t)(err.position > 0 ? err.position : 0));
	if (v == NULL) {
		what = xasprintf(_("invalid JSON: %s"), err.text);
		syntax(r, p, what, _("the file may be truncated or damaged; "
		    "export it again (the items before this point are read)"));
		free(what);
		return -1;
	}
	add_element(r, v, &at, p->off);
	return 0;
}

/* The elements of the top-level array, up to the first syntax error. */
static void
parse_array(struct json_reader *r)
{
	struct pos	p = { 0, 1, 1 };

	skip_space(r, &p);
	if (p.off >= r->len || r->buf[p.off] != '[') {
		r->fatal = 1;
		syntax(r, &p, _("the file does not hold a JSON array"),
		    _("a JSON catalogue is a list of items: [{\"domain\": ..., "
		    "\"level2\": ...}, ...]"));
		return;
	}
	r->start = p;
	advance(r, &p, p.off + 1);
	for (;;) {
		skip_space(r, &p);
		if (p.off < r->len && r->buf[p.off] == ']' && r->nel == 0)
			break;
		if (p.off >= r->len) {
			syntax(r, &p, _("the JSON array is not closed"),
			    _("the file may be truncated; export it again"));
			return;
		}
		if (parse_element(r, &p) != 0)
			return;
		skip_space(r, &p);
		if (p.off < r->len && r->buf[p.off] == ',') {
			advance(r, &p, p.off + 1);
			continue;
		}
		if (p.off < r->len && r->buf[p.off] == ']')
			break;
		syntax(r, &p, _("expected \",\" or \"]\" after an item of the "
		    "array"), _("the file may be truncated or damaged; export "
		    "it again"));
		return;
	}
	advance(r, &p, p.off + 1);
	skip_space(r, &p);
	if (p.off < r->len) {
		diag_add(r->diags, DIAG_WARNING, r->file, p.line, p.column, "%s",
		    _("text after the end of the JSON array is ignored"));
		diag_hint(r->diags, "%s", _("delete it, or make it part of "
		    "the array"));
	}
}

static size_t
key_index(const struct json_reader *r, const char *key)
{
	size_t	i;

	for (i = 0; i < r->nkeys; i++)
		if (strcmp(r->keys[i], key) == 0)
			return i;
	return r->nkeys;
}

static void
key_add(struct json_reader *r, const char *key)
{
	if (key_index(r, key) < r->nkeys)
		return;
	if (r->nkeys == r->ckeys) {
		r->ckeys = r->ckeys ? r->ckeys * 2 : 32;
		r->keys = xreallocarray(r->keys, r->ckeys, sizeof *r->keys);
	}
	r->keys[r->nkeys++] = xstrdup(key);
}

/* Every key of every object, an object value's keys in its place. */
static void
collect_keys(struct json_reader *r)
{
	const char	*key, *sub;
	json_t		*v, *w;
	size_t		 i;

	for (i = 0; i < r->nel; i++) {
		if (!json_is_object(r->el[i].value))
			continue;
		json_object_foreach(r->el[i].value, key, v) {
			if (!json_is_object(v)) {
				key_add(r, key);
				continue;
			}
			json_object_foreach(v, sub, w)
				key_add(r, sub);
		}
	}
	r->fields = xcalloc(r->nkeys ? r->nkeys : 1, sizeof *r->fields);
	r->texts = xcalloc(r->nkeys ? r->nkeys : 1, sizeof *r->texts);
}

/* Move p to where key is written (searching forward), if it can be found. */
static void
find_key(const struct json_reader *r, struct pos *p, size_t end,
    const char *key)
{
	char		*quoted = xasprintf("\"%s\"", key);
	const char	*hit;

	hit = memmem(r->buf + p->off, end - p->off, quoted, strlen(quoted));
	if (hit != NULL)
		advance(r, p, (size_t)(hit - r->buf));
	free(quoted);
}

/* Does object o have key, itself or in an object value? */
static int
has_key(json_t *o, const char *key)
{
	const char	*k;
	json_t		*v;

	if (json_object_get(o, key) != NULL)
		return 1;
	json_object_foreach(o, k, v)
		if (json_is_object(v) && json_object_get(v, key) != NULL)
			return 1;
	return 0;
}

/*
 * Where key is first written, for messages about it: in the first object
 * that has it; else where the array starts.
 */
static void
place_key(const struct json_reader *r, const char *key,
    struct csv_field *f)
{
	struct pos	p = r->start;
	size_t		i;

	for (i = 0; i < r->nel; i++) {
		if (!json_is_object(r->el[i].value) ||
		    !has_key(r->el[i].value, key))
			continue;
		p = r->el[i].at;
		find_key(r, &p, r->el[i].end, key);
		break;
	}
	f->offset = p.off;
	f->line = p.line;
	f->column = p.column;
}

struct json_reader *
json_open(const char *buf, size_t len, const char *file,
    struct diag_list *diags)
{
	struct json_reader	*r = xcalloc(1, sizeof *r);

	r->buf = buf;
	r->len = buf != NULL ? len : 0;
	r->file = xstrdup(file != NULL ? file : "");
	r->diags = diags;
	parse_array(r);
	collect_keys(r);
	return r;
}

int
json_keys(struct json_reader *r, struct csv_record *rec)
{
	const struct pos	*at;
	size_t			 i;

	if (r->fatal)
		return 0;
	if (r->nkeys == 0) {
		at = r->nel > 0 ? &r->el[0].at : &r->start;
		diag_add(r->diags, DIAG_ERROR, r->file, at->line, at->column,
		    "%s", _("the JSON array holds no object with keys"));
		diag_hint(r->diags, "%s", _("each item is an object: "
		    "{\"domain\": ..., \"level2\": ...}"));
		return 0;
	}
	for (i = 0; i < r->nkeys; i++) {
		r->fields[i].text = r->keys[i];
		r->fields[i].len = strlen(r->keys[i]);
		place_key(r, r->keys[i], &r->fields[i]);
	}
	memset(rec, 0, sizeof *rec);
	rec->v = r->fields;
	rec->n = r->nkeys;
	rec->line = r->nel > 0 ? r->el[0].at.line : r->start.line;
	rec->offset = r->nel > 0 ? r->el[0].at.off : r->start.off;
	return 1;
}

/* A scalar as cell text, or NULL for an object or a list. */
static char *
scalar_text(json_t *v)
{
	if (json_is_string(v))
		return xstrndup(json_string_value(v), json_string_length(v));
	if (json_is_integer(v))
		return xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%.15g", json_real_value(v));
	if (json_is_true(v))
		return xstrdup("1");
	if (json_is_false(v))
		return xstrdup("0");
	if (json_is_null(v))
		return xstrdup("");
	return NULL;
}

/* A value as cell text: a list's items joined by line breaks; or NULL. */
static char *
value_text(json_t *v)
{
	json_t	*item;
	size_t	 i;
	char	*s, *part, *joined;

	if (!json_is_array(v))
		return scalar_text(v);
	s = xstrdup("");
	json_array_foreach(v, i, item) {
		if ((part = scalar_text(item)) == NULL) {
			free(s);
			return NULL;
		}
		joined = *s == '\0' ? xstrdup(part) :
		    xasprintf("%s\n%s", s, part);
		free(s);
		free(part);
		s = joined;
	}
	return s;
}

/* Set the field of key from value v, written at p; -1 if v is no cell. */
static int
set_field(struct json_reader *r, const char *key, json_t *v,
    const struct pos *p)
{
	size_t	j = key_index(r, key);
	char	*text = value_text(v);

	r->fields[j].line = p->line;
	r->fields[j].column = p->column;
	r->fields[j].offset = p->off;
	if (text == NULL) {
		diag_add(r->diags, DIAG_ERROR, r->file, p->line, p->column,
		    _("the value of key \"%s\" is not text, a number, true, "
		    "false, null or a list of these"), key);
		diag_hint(r->diags, "%s", _("write the cell as a string"));
		return -1;
	}
	free(r->texts[j]);
	r->texts[j] = text;
	r->fields[j].text = text;
	r->fields[j].len = strlen(text);
	return 0;
}

/* Fill the fields from an object, flattening object values one level. */
static int
fill_object(struct json_reader *r, const struct element *e)
{
	const char	*key, *sub;
	json_t		*v, *w;
	struct pos	 p = e->at;
	int		 bad = 0;

	json_object_foreach(e->value, key, v) {
		find_key(r, &p, e->end, key);
		if (!json_is_object(v)) {
			bad |= set_field(r, key, v, &p) != 0;
			continue;
		}
		json_object_foreach(v, sub, w) {
			find_key(r, &p, e->end, sub);
			bad |= set_field(r, sub, w, &p) != 0;
		}
	}
	return bad;
}

/* Every field empty, placed at the element. */
static void
clear_fields(struct json_reader *r, const struct element *e)
{
	size_t	j;

	for (j = 0; j < r->nkeys; j++) {
		free(r->texts[j]);
		r->texts[j] = NULL;
		r->fields[j].text = "";
		r->fields[j].len = 0;
		r->fields[j].offset = e->at.off;
		r->fields[j].line = e->at.line;
		r->fields[j].column = e->at.column;
	}
}

int
json_read(struct json_reader *r, struct csv_record *rec)
{
	const struct element	*e;

	if (r->fatal || r->next >= r->nel)
		return 0;
	e = &r->el[r->next++];
	clear_fields(r, e);
	memset(rec, 0, sizeof *rec);
	rec->v = r->fields;
	rec->n = r->nkeys;
	rec->line = e->at.line;
	rec->offset = e->at.off;
	if (!json_is_object(e->value)) {
		diag_add(r->diags, DIAG_ERROR, r->file, e->at.line,
		    e->at.column, _("item %zu of the array is not an object"),
		    r->next);
		diag_hint(r->diags, "%s", _("each item is an object: "
		    "{\"domain\": ..., \"level2\": ...}"));
		rec->broken = 1;
		return 1;
	}
	rec->broken = fill_object(r, e);
	return 1;
}

void
json_close(struct json_reader *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nel; i++)
		json_decref(r->el[i].value);
	for (i = 0; i < r->nkeys; i++) {
		free(r->keys[i]);
		free(r->texts[i]);
	}
	free(r->el);
	free(r->keys);
	free(r->texts);
	free(r->fields);
	free(r->file);
	free(r);
}
