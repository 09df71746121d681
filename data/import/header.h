/*
 * Where a catalogue file keeps each element: its header, read from the top
 * rows. Readers (csv.h, json.h) turn bytes into records; this module reads
 * the header records; import.c maps the data records to items. Two layouts
 * are understood, and told apart by the column titles:
 *
 *  - canonical: one header row of the names of reference-catalogue.csv
 *    (domain, level1, level2, ... in any order and case);
 *  - published: the table as governments publish it: perhaps title rows
 *    ("晋江市社会救助领域基层政务公开标准目录"), then one or two header rows
 *    (公开事项 over 一级事项 | 二级事项, 公开对象 over 全社会 | 特定群体, 公开方式
 *    over 主动 | 依申请, 公开层级 over 县级 | 乡级 | 村级). Titles are matched
 *    by meaning, with their variants (特定群众, 依申请公开, 镇级, 乡、村级,
 *    街道级, 公开内容（要素）, full-width or Traditional characters, ...).
 *
 * The domain may also come from the title row or the file name, with the
 * publishing government in front of it ("晋江市" + "社会救助" + "领域...").
 */
#ifndef CHAYUE_LAYOUT_H
#define CHAYUE_LAYOUT_H

#include <stddef.h>

#include "data/import/csv.h"
#include "data/import/diag.h"

/* The elements a column can hold. */
enum layout_column {
	LAYOUT_DOMAIN,
	LAYOUT_LEVEL1,
	LAYOUT_LEVEL2,
	LAYOUT_CONTENT,
	LAYOUT_BASIS,
	LAYOUT_TIME_LIMIT,
	LAYOUT_SUBJECT,
	LAYOUT_CHANNELS,
	LAYOUT_AUDIENCE_ALL,
	LAYOUT_AUDIENCE_SPECIFIC,
	LAYOUT_METHOD_ACTIVE,
	LAYOUT_METHOD_ON_REQUEST,
	LAYOUT_LEVEL_COUNTY,
	LAYOUT_LEVEL_TOWNSHIP,
	LAYOUT_LEVEL_VILLAGE,
	LAYOUT_JURISDICTION,
	LAYOUT_SOURCE_URL,
	LAYOUT_CODE,
	/*
	 * A group title with no second header row below it: its cells name
	 * what is ticked ("主动、依申请", "县级 乡级").
	 */
	LAYOUT_AUDIENCE,
	LAYOUT_METHOD,
	LAYOUT_LEVEL,
	LAYOUT_NCOLS
};
/* A title that is known but holds nothing to import (序号, 备注). */
#define LAYOUT_IGNORED		(-2)
#define LAYOUT_FIRST_FLAG	LAYOUT_AUDIENCE_ALL
#define LAYOUT_LAST_FLAG	LAYOUT_LEVEL_VILLAGE
#define LAYOUT_NFLAGS		(LAYOUT_LAST_FLAG - LAYOUT_FIRST_FLAG + 1)

enum layout_kind {
	LAYOUT_CANONICAL,	/* the English names of the canonical header */
	LAYOUT_PUBLISHED,	/* Chinese column titles */
};

/* What layout_feed made of a record. */
enum layout_step {
	LAYOUT_MORE,	/* part of the header: feed the next record */
	LAYOUT_DATA,	/* the header is complete and rec is the first row */
	LAYOUT_FAIL,	/* the file cannot be used; reported */
};

struct layout {
	enum layout_kind	 kind;
	long			 at[LAYOUT_NCOLS];	/* field, or -1 */
	size_t			 nfields;
	char			**titles;	/* per field, printable; owned */
	char			*domain;	/* from a title, the file name or
						   the caller; NULL: none */
	char			*jurisdiction;	/* from a title or file name */
	int			 keys;	/* titles are JSON keys, not columns */
	/*
	 * The file itself, for a domain or government in its name, when
	 * messages name a part of it ("page.html:table 3"); NULL: file.
	 */
	const char		*file_name;
	int			 domain_given;	/* domain is the caller's */
	const char		*encoding;	/* the file's, for messages */

	/* Private: the header as it is being read. */
	const char		*file;
	struct diag_list	*diags;
	int			 state;
	int			 ntitles;
	long			 title_line;	/* the last title row's */
	struct csv_record	 row1;
	long			 row1_line;
};

/*
 * Start reading a header. file names the file in messages and may name
 * the domain; domain (NULL: none) is the caller's domain for rows that do
 * not name one, and wins over titles and the file name. The layout keeps
 * pointers to file and diags.
 */
void layout_init(struct layout *lay, const char *file, const char *domain,
    struct diag_list *diags);
void layout_done(struct layout *lay);

/*
 * A title the document gives the table outside its rows (a web page's
 * title, a heading above the table): read for a domain and a government,
 * as a title row is. The first one found wins.
 */
void layout_title(struct layout *lay, const char *s, size_t len);

/*
 * A heading among a document table's rows ("二、社会保险"): if it names a
 * domain, that is the domain of the rows below that name none (unless the
 * caller gave one); 1 if so.
 */
int layout_section(struct layout *lay, const char *s, size_t len);

/* The next record from the top of a CSV file. */
enum layout_step layout_feed(struct layout *lay, const struct csv_record *rec);

/*
 * The file ended: LAYOUT_DATA if a header was read (there are no rows),
 * else LAYOUT_FAIL with the problem reported.
 */
enum layout_step layout_end(struct layout *lay);

/* A record whose fields are the keys of JSON objects: the whole header. */
enum layout_step layout_keys(struct layout *lay, const struct csv_record *rec);

/*
 * How to name field i in a message: "column 4 (content)" or, for JSON,
 * "key \"content\"". The caller frees.
 */
char *layout_where(const struct layout *lay, size_t i);

/*
 * The national position (1..26) of a domain name as written: by name or
 * alternative name, also in Traditional characters; 0 if none.
 */
int layout_national_domain(const char *name);

/*
 * The column a title or a tick-list word names ("依申请公开": the
 * method_on_request column), LAYOUT_IGNORED for a known title of no use
 * (序号, 备注), or -1.
 */
int layout_column_named(const char *s, size_t len);

/*
 * How many cells of the first lines of text (UTF-8, perhaps cut short)
 * are titles that layout_column_named knows: evidence that the text was
 * decoded right (decode.h).
 */
size_t layout_header_hits(const char *text, size_t len);

/* A record of empty cells, as spreadsheets leave below a table. */
int layout_blank(const struct csv_record *rec);

#endif
