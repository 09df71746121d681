/*
 * What the Word and Excel readers share: the parts of an Office Open XML
 * package (a ZIP archive, zipread.h) parsed with libxml2, safely. Every
 * part is parsed with XML_PARSE_NONET and without XML_PARSE_NOENT or
 * XML_PARSE_DTDLOAD: no network, no external entity, no entity expansion;
 * a part with a DOCTYPE is refused outright, since OOXML never has one.
 * libxml2 reports nothing on stderr: the first error goes to the
 * diagnostics as file:1:1 naming the part and its line.
 *
 * Elements are matched by local name, whatever their namespace prefix
 * (transitional and strict OOXML differ only in namespace URIs).
 */
#ifndef CHAYUE_OOXML_H
#define CHAYUE_OOXML_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "data/import/diag.h"
#include "data/import/formats/zipread.h"

struct ooxml {
	struct zipread	 *zip;
	const char	 *file;	/* for messages */
	struct diag_list *diags;
};

/*
 * Open the package buf[0..len) (kept by the caller); -1 if it is not a
 * ZIP archive, reported. ooxml_close frees it.
 */
int ooxml_open(struct ooxml *ox, const char *buf, size_t len,
    const char *file, struct diag_list *diags);
void ooxml_close(struct ooxml *ox);

/*
 * The part called name (no leading '/') as a tree; NULL if it is absent
 * (reported only if required) or cannot be used (reported). The caller
 * frees it with xmlFreeDoc.
 */
xmlDoc *ooxml_doc(struct ooxml *ox, const char *name, int required);

/*
 * The part as a stream, for parts that may be large (a sheet); *data is
 * the inflated part, which the caller frees after xmlFreeTextReader.
 * NULL as ooxml_doc. Read it with ooxml_next.
 */
xmlTextReader *ooxml_stream(struct ooxml *ox, const char *name,
    int required, char **data);
/*
 * The next node of a stream: 1, 0 at the end, -1 on an error (reported
 * for the part name).
 */
int ooxml_next(struct ooxml *ox, xmlTextReader *r, const char *name);
/*
 * Past the current node's subtree, onto the node after it, as
 * ooxml_next: used after xmlTextReaderExpand.
 */
int ooxml_skip(struct ooxml *ox, xmlTextReader *r, const char *name);

/* Is n an element with this local name? */
int ooxml_is(const xmlNode *n, const char *local);
/* The first child element of n with this local name, or NULL. */
xmlNode *ooxml_child(const xmlNode *n, const char *local);
/*
 * The value of n's attribute with this local name, any namespace; NULL
 * if none. The caller frees it with xmlFree.
 */
char *ooxml_attr(const xmlNode *n, const char *local);

/*
 * The target of the relationship id of the part name (its _rels part), as
 * a part name: "xl/worksheets/sheet1.xml". NULL if there is none or it is
 * external. *type is set to the relationship's type (owned by the caller,
 * xmlFree) if type is not NULL.
 */
char *ooxml_target(struct ooxml *ox, xmlDoc *rels, const char *part,
    const char *id, char **type);
/* The relationships of part name ("xl/_rels/workbook.xml.rels"), or NULL. */
xmlDoc *ooxml_rels(struct ooxml *ox, const char *part);

/*
 * The document's title from docProps/core.xml (dc:title), or NULL; the
 * caller frees it.
 */
char *ooxml_title(struct ooxml *ox);

/*
 * Text as OOXML writes it: "_x000D_" escapes decoded, control characters
 * other than line feed and tab dropped, CR LF as LF. Appended to *buf
 * (*len bytes, *cap allocated, NUL-terminated).
 */
void ooxml_text_append(char **buf, size_t *len, size_t *cap, const char *s);

#endif
