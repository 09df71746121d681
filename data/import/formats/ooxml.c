/*
 * Office Open XML parts (ooxml.h): ZIP entries parsed by libxml2 with no
 * network, no DTD and no entity expansion.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "data/import/formats/ooxml.h"
#include "i18n/i18n.h"
#include "i18n/text.h"
#include "lib/xmalloc.h"

#define OOXML_PARSE	(XML_PARSE_NONET | XML_PARSE_NOERROR | \
			 XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

int
ooxml_open(struct ooxml *ox, const char *buf, size_t len, const char *file,
    struct diag_list *diags)
{
	memset(ox, 0, sizeof *ox);
	ox->file = file;
	ox->diags = diags;
	xmlInitParser();
	if ((ox->zip = zipread_open(buf, len, file, diags)) == NULL)
		return -1;
	return 0;
}

void
ooxml_close(struct ooxml *ox)
{
	zipread_close(ox->zip);
	ox->zip = NULL;
}

static void
part_missing(struct ooxml *ox, const char *name)
{
	diag_add(ox->diags, DIAG_ERROR, ox->file, 1, 1,
	    _("the file has no part %s: it is not a Word or Excel file, or "
	    "it is damaged"), name);
	diag_hint(ox->diags, "%s", _("open it in Word, Excel or WPS and save "
	    "it again as .docx or .xlsx"));
}

static void
part_broken(struct ooxml *ox, const char *name, long line, const char *why)
{
	char	*msg = why != NULL ? diag_printable(why, strcspn(why, "\n")) :
		    NULL;

	diag_add(ox->diags, DIAG_ERROR, ox->file, 1, 1,
	    _("the part %s of the file is not well-formed XML (its line %ld: "
	    "%s)"), name, line, msg != NULL ? msg : "?");
	diag_hint(ox->diags, "%s", _("it is damaged; open it in Word, Excel or "
	    "WPS and save it again"));
	free(msg);
}

static void
part_doctype(struct ooxml *ox, const char *name)
{
	diag_add(ox->diags, DIAG_ERROR, ox->file, 1, 1,
	    _("the part %s of the file declares a DOCTYPE, which Word and "
	    "Excel never write"), name);
	diag_hint(ox->diags, "%s", _("the file was not made by Word, Excel or "
	    "WPS; open it there and save it again"));
}

xmlDoc *
ooxml_doc(struct ooxml *ox, const char *name, int required)
{
	xmlParserCtxt	*ctxt;
	xmlDoc		*doc;
	const xmlError	*e;
	char		*data;
	size_t		 len;
	int		 rc;

	if ((rc = zipread_entry(ox->zip, name, &data, &len)) <= 0) {
		if (rc == 0 && required)
			part_missing(ox, name);
		return NULL;
	}
	if (len > (size_t)INT_MAX) {
		free(data);
		part_broken(ox, name, 0, _("too large"));
		return NULL;
	}
	ctxt = xmlNewParserCtxt();
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL, OOXML_PARSE);
	if (doc == NULL || !ctxt->wellFormed) {
		e = xmlCtxtGetLastError(ctxt);
		part_broken(ox, name, e != NULL ? e->line : 0,
		    e != NULL ? e->message : NULL);
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc->intSubset != NULL || doc->extSubset != NULL) {
		part_doctype(ox, name);
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (xmlDocGetRootElement(doc) == NULL) {
		part_broken(ox, name, 1, _("no root element"));
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	free(data);
	return doc;
}

xmlTextReader *
ooxml_stream(struct ooxml *ox, const char *name, int required, char **data)
{
	xmlTextReader	*r;
	size_t		 len;
	int		 rc;

	*data = NULL;
	if ((rc = zipread_entry(ox->zip, name, data, &len)) <= 0) {
		if (rc == 0 && required)
			part_missing(ox, name);
		return NULL;
	}
	if (len > (size_t)INT_MAX ||
	    (r = xmlReaderForMemory(*data, (int)len, NULL, NULL,
	    OOXML_PARSE)) == NULL) {
		part_broken(ox, name, 0, _("cannot be read"));
		free(*data);
		*data = NULL;
		return NULL;
	}
	return r;
}

int
ooxml_next(struct ooxml *ox, xmlTextReader *r, const char *name)
{
	const xmlError	*e;
	int		 rc;

	rc = xmlTextReaderRead(r);
	if (rc == 1 && xmlTextReaderNodeType(r) ==
	    XML_READER_TYPE_DOCUMENT_TYPE) {
		part_doctype(ox, name);
		return -1;
	}
	if (rc < 0) {
		e = xmlGetLastError();
		part_broken(ox, name, xmlTextReaderGetParserLineNumber(r),
		    e != NULL ? e->message : NULL);
		return -1;
	}
	return rc;
}

int
ooxml_skip(struct ooxml *ox, xmlTextReader *r, const char *name)
{
	const xmlError	*e;
	int		 rc;

	if ((rc = xmlTextReaderNext(r)) < 0) {
		e = xmlGetLastError();
		part_broken(ox, name, xmlTextReaderGetParserLineNumber(r),
		    e != NULL ? e->message : NULL);
	}
	return rc;
}

int
ooxml_is(const xmlNode *n, const char *local)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, local) == 0;
}

xmlNode *
ooxml_child(const xmlNode *n, const char *local)
{
	xmlNode	*c;

	if (n == NULL)
		return NULL;
	for (c = n->children; c != NULL; c = c->next)
		if (ooxml_is(c, local))
			return c;
	return NULL;
}

char *
ooxml_attr(const xmlNode *n, const char *local)
{
	xmlAttr	*a;

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = n->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, local) == 0)
			return (char *)xmlNodeGetContent((xmlNode *)a);
	return NULL;
}

xmlDoc *
ooxml_rels(struct ooxml *ox, const char *part)
{
	const char	*slash = strrchr(part, '/');
	char		*name;
	xmlDoc		*doc;

	if (slash == NULL)
		name = xasprintf("_rels/%s.rels", part);
	else
		name = xasprintf("%.*s/_rels/%s.rels", (int)(slash - part),
		    part, slash + 1);
	doc = ooxml_doc(ox, name, 0);
	free(name);
	return doc;
}

/* base's directory joined with target; "..", "." and "//" resolved. */
static char *
part_resolve(const char *base, const char *target)
{
	char	*s, *out, *seg, *save = NULL;
	size_t	 n = 0;
	const char *slash = strrchr(base, '/');

	if (*target == '/')
		s = xstrdup(target + 1);
	else if (slash == NULL)
		s = xstrdup(target);
	else
		s = xasprintf("%.*s/%s", (int)(slash - base), base, target);
	out = xmalloc(strlen(s) + 1);
	for (seg = strtok_r(s, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			continue;
		}
		if (n > 0)
			out[n++] = '/';
		memcpy(out + n, seg, strlen(seg));
		n += strlen(seg);
	}
	out[n] = '\0';
	free(s);
	return out;
}

char *
ooxml_target(struct ooxml *ox, xmlDoc *rels, const char *part,
    const char *id, char **type)
{
	xmlNode	*n;
	char	*v, *target, *mode, *out = NULL;

	(void)ox;
	if (type != NULL)
		*type = NULL;
	if (rels == NULL || id == NULL)
		return NULL;
	for (n = xmlDocGetRootElement(rels)->children; n != NULL;
	    n = n->next) {
		if (!ooxml_is(n, "Relationship"))
			continue;
		v = ooxml_attr(n, "Id");
		if (v == NULL || strcmp(v, id) != 0) {
			xmlFree(v);
			continue;
		}
		xmlFree(v);
		mode = ooxml_attr(n, "TargetMode");
		target = ooxml_attr(n, "Target");
		if (target != NULL && (mode == NULL ||
		    strcmp(mode, "External") != 0))
			out = part_resolve(part, target);
		if (type != NULL)
			*type = ooxml_attr(n, "Type");
		xmlFree(mode);
		xmlFree(target);
		break;
	}
	return out;
}

char *
ooxml_title(struct ooxml *ox)
{
	xmlDoc	*doc;
	xmlNode	*t;
	xmlChar	*s;
	char	*out = NULL;

	if ((doc = ooxml_doc(ox, "docProps/core.xml", 0)) == NULL)
		return NULL;
	t = ooxml_child(xmlDocGetRootElement(doc), "title");
	if (t != NULL && (s = xmlNodeGetContent(t)) != NULL) {
		if (*s != '\0')
			out = text_sanitise((const char *)s,
			    strlen((const char *)s), 0);
		xmlFree(s);
	}
	xmlFreeDoc(doc);
	return out;
}

static void
append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*cap - *len <= n) {
		*cap = (*len + n + 1) * 2;
		*buf = xreallocarray(*buf, *cap, 1);
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void
ooxml_text_append(char **buf, size_t *len, size_t *cap, const char *s)
{
	unsigned long	 u;
	char		 utf[4];
	int		 i, h;

	if (*buf == NULL) {
		*cap = 64;
		*buf = xmalloc(*cap);
		**buf = '\0';
		*len = 0;
	}
	while (*s != '\0') {
		/* "_x000D_": a character XML cannot hold as it is. */
		if (s[0] == '_' && strnlen(s, 7) == 7 && s[1] == 'x' &&
		    s[6] == '_') {
			for (u = 0, i = 2; i < 6; i++) {
				if ((h = hexval(s[i])) < 0)
					break;
				u = u * 16 + (unsigned long)h;
			}
			if (i == 6) {
				s += 7;
				if (u == '\n' || u == '\t') {
					utf[0] = (char)u;
					append(buf, len, cap, utf, 1);
				} else if (u >= 0x20 && u < 0x80) {
					utf[0] = (char)u;
					append(buf, len, cap, utf, 1);
				} else if (u >= 0x80 && u < 0x800) {
					utf[0] = (char)(0xc0 | (u >> 6));
					utf[1] = (char)(0x80 | (u & 0x3f));
					append(buf, len, cap, utf, 2);
				} else if (u >= 0x800 &&
				    (u < 0xd800 || u > 0xdfff)) {
					utf[0] = (char)(0xe0 | (u >> 12));
					utf[1] = (char)(0x80 | ((u >> 6) & 0x3f));
					utf[2] = (char)(0x80 | (u & 0x3f));
					append(buf, len, cap, utf, 3);
				}
				continue;
			}
		}
		if (*s == '\r') {
			if (s[1] != '\n')
				append(buf, len, cap, "\n", 1);
			s++;
			continue;
		}
		if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t') {
			s++;
			continue;
		}
		append(buf, len, cap, s, 1);
		s++;
	}
}
