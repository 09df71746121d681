/* The CSV reader: records, fields, where they are, and syntax errors. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/import/csv.h"
#include "data/import/diag.h"
#include "lib/xmalloc.h"
#include "tests/unit/tap.h"

/* A copy of s in a buffer of exactly its length, so ASan sees overreads. */
static char *
exact(const char *s, size_t len)
{
	char	*p = xmalloc(len);

	memcpy(p, s, len);
	return p;
}

static void
append(char **out, const char *s, size_t len)
{
	size_t	have = strlen(*out);

	*out = xreallocarray(*out, have + len + 1, 1);
	memcpy(*out + have, s, len);
	(*out)[have + len] = '\0';
}

/*
 * Every record as "LINE:[f1|f2]" ("LINE!:" when broken), one per line;
 * a NUL byte in a field shows as "\0", a newline as "\n".
 */
static char *
dump_n(const char *s, size_t len, int delim, struct diag_list *diags)
{
	char			*buf = exact(s, len), *out = xstrdup(""), *t;
	struct csv_reader	*r = csv_open(buf, len, delim, "t.csv", diags);
	struct csv_record	 rec;
	size_t			 i, j;

	while (csv_read(r, &rec) == 1) {
		t = xasprintf("%ld%s:[", rec.line, rec.broken ? "!" : "");
		append(&out, t, strlen(t));
		free(t);
		for (i = 0; i < rec.n; i++) {
			if (i > 0)
				append(&out, "|", 1);
			for (j = 0; j < rec.v[i].len; j++) {
				if (rec.v[i].text[j] == '\0')
					append(&out, "\\0", 2);
				else if (rec.v[i].text[j] == '\n')
					append(&out, "\\n", 2);
				else
					append(&out, rec.v[i].text + j, 1);
			}
		}
		append(&out, "]\n", 2);
	}
	csv_close(r);
	free(buf);
	return out;
}

static char *
dump(const char *s, struct diag_list *diags)
{
	return dump_n(s, strlen(s), ',', diags);
}

/* Where the diagnostics are: "LINE:COLUMN:e" (or ":w"), one per line. */
static char *
diags_text(const struct diag_list *d)
{
	char	*out = xstrdup(""), *s;
	size_t	 i;

	for (i = 0; i < d->n; i++) {
		s = xasprintf("%ld:%ld:%c\n", d->v[i].line, d->v[i].column,
		    d->v[i].severity == DIAG_ERROR ? 'e' : 'w');
		append(&out, s, strlen(s));
		free(s);
	}
	return out;
}

/* Parse s and compare the records and the diagnostics. */
#define CHECK(s, want, want_diags, what) do {				\
	struct diag_list d_;						\
	char *got_, *dg_;						\
	diag_init(&d_);							\
	got_ = dump((s), &d_);						\
	dg_ = diags_text(&d_);						\
	is_str(got_, (want), what);					\
	is_str(dg_, (want_diags), what " (diagnostics)");		\
	free(got_);							\
	free(dg_);							\
	diag_done(&d_);							\
} while (0)

static void
test_basic(void)
{
	CHECK("a,b\nc,d\n", "1:[a|b]\n2:[c|d]\n", "", "two records");
	CHECK("a,b\nc,d", "1:[a|b]\n2:[c|d]\n", "", "no newline at the end");
	CHECK("", "", "", "empty buffer: no record");
	CHECK("\xef\xbb\xbf", "", "", "a BOM alone: no record");
	CHECK("a,,\n,\n", "1:[a||]\n2:[|]\n", "", "empty fields");
	CHECK("a\n\nb\n", "1:[a]\n2:[]\n3:[b]\n", "",
	    "an empty line is a record of one empty field");
	CHECK("\xef\xbb\xbf" "a,b\r\nc,d\r\n", "1:[a|b]\n2:[c|d]\n", "",
	    "BOM and CRLF");
	CHECK("a\rb\r\nc\n", "1:[a]\n2:[b]\n3:[c]\n", "",
	    "lone CR, CRLF and LF end records");
	CHECK("\xef\xbb\xbf\"a\",b", "1:[a|b]\n", "",
	    "a quoted field right after the BOM");
}

static void
test_quoted(void)
{
	CHECK("\"a,b\",\"say \"\"hi\"\"\"\n", "1:[a,b|say \"hi\"]\n", "",
	    "delimiter and doubled quotes inside quotes");
	CHECK("\"one\r\ntwo\nthree\",x\r\ny\r\n",
	    "1:[one\\ntwo\\nthree|x]\n4:[y]\n", "",
	    "line breaks inside quotes: CRLF becomes LF, lines counted");
	CHECK("\"\",\"\"\n", "1:[|]\n", "", "empty quoted fields");
	CHECK("\"a\"", "1:[a]\n", "", "quoted field at the very end");
	CHECK("\"a\"\"\"", "1:[a\"]\n", "", "doubled quote before the end");
}

static void
test_errors(void)
{
	CHECK("a,\"b\nc,d\n", "1!:[a|b\\nc,d\\n]\n2:[c|d]\n", "1:2:e\n",
	    "unterminated quote: error where it opens, reading goes on");
	CHECK("x\n\"abc", "1:[x]\n2!:[abc]\n", "2:1:e\n",
	    "truncated in a quoted field at the end of the buffer");
	CHECK("a,\"", "1!:[a|]\n", "1:2:e\n", "a lone quote at the end");
	CHECK("a,5\"x,c\nd\n", "1!:[a|5\"x|c]\n2:[d]\n", "1:2:e\n",
	    "stray quote in an unquoted field: kept, reported, goes on");
	CHECK("a,b\"\"c\"\n", "1!:[a|b\"\"c\"]\n", "1:2:e\n",
	    "one error per field");
	CHECK("\"a\"b,c\n", "1!:[ab|c]\n", "1:1:e\n",
	    "text after a closing quote: kept, reported");
	CHECK("\"a\nb\"x,\"c\n", "1!:[a\\nbx|c\\n]\n", "2:1:e\n2:2:e\n",
	    "every error is reported, on its own line");
}

static void
test_positions(void)
{
	const char		 s[] = "\xef\xbb\xbf" "ab,\"c\nd\",e\nf";
	struct csv_reader	*r;
	struct csv_record	 rec;
	struct diag_list	 d;

	diag_init(&d);
	r = csv_open(s, sizeof s - 1, ',', "p.csv", &d);
	ok(csv_read(r, &rec) == 1 && rec.n == 3, "three fields");
	is_int(rec.offset, 3, "the record starts after the BOM");
	is_int(rec.v[0].offset, 3, "field 1 offset");
	is_int(rec.v[1].offset, 6, "field 2 offset: its opening quote");
	is_int(rec.v[2].offset, 12, "field 3 offset");
	is_int(rec.v[2].line, 2, "field 3 is on line 2");
	is_int(rec.v[1].len, 3, "field 2 length");
	ok(rec.v[1].text[3] == '\0', "field text is NUL-terminated");
	ok(csv_read(r, &rec) == 1 && rec.line == 3, "record 2 on line 3");
	is_int(rec.v[0].offset, 14, "its offset");
	ok(csv_read(r, &rec) == 0, "then the end");
	ok(csv_read(r, &rec) == 0, "and it stays at the end");
	is_int(d.n, 0, "no diagnostics");
	csv_close(r);
	diag_done(&d);
}

static void
test_other(void)
{
	struct diag_list	 d;
	struct csv_reader	*r;
	struct csv_record	 rec;
	char			*got, *msg;
	char			*names[] = { "domain", "content" };

	diag_init(&d);
	got = dump_n("a\tb,c\n\"x\ty\"\tz\n", 14, '\t', &d);
	is_str(got, "1:[a|b,c]\n2:[x\ty|z]\n", "tab as the delimiter");
	free(got);
	got = dump_n("a\0b,c\n", 6, ',', &d);
	is_str(got, "1:[a\\0b|c]\n", "a NUL byte is kept, with the length");
	free(got);
	got = dump_n("a\"b,c", 5, '"', &d);
	is_str(got, "1!:[a\"b|c]\n", "a quote as delimiter falls back to ,");
	free(got);

	diag_done(&d);
	r = csv_open("x,\"y", 4, ',', "n.csv", &d);
	csv_set_names(r, names, 2);
	ok(csv_read(r, &rec) == 1 && rec.broken, "broken record");
	msg = diag_format(&d.v[0]);
	is_str(msg, "n.csv:1:2: error: the file ends in the middle of a row, "
	    "inside the quoted field in column B (content); it may have been "
	    "cut off — export it again; if it is whole, close the quote",
	    "a quote open on the last line: the file was cut off, the column "
	    "named");
	free(msg);
	csv_close(r);
	diag_done(&d);
	r = csv_open("x,\"y\nz\n", 6, ',', "n.csv", &d);
	csv_set_names(r, names, 2);
	ok(csv_read(r, &rec) == 1 && rec.broken, "broken record");
	msg = diag_format(&d.v[0]);
	ok(strncmp(msg, "n.csv:1:2: error: unterminated quoted field in "
	    "column B (content)", 58) == 0, "a quote open with lines after "
	    "it: unterminated, not cut off");
	printf("# %s\n", msg);
	free(msg);
	csv_close(r);
	diag_done(&d);
}

/* Each record's unfinished flag, "0" or "1", in order. */
static char *
unfinished(const char *s)
{
	struct diag_list	 d;
	struct csv_reader	*r;
	struct csv_record	 rec;
	char			*buf = exact(s, strlen(s)), *out = xstrdup("");

	diag_init(&d);
	r = csv_open(buf, strlen(s), ',', "u.csv", &d);
	while (csv_read(r, &rec) == 1)
		append(&out, rec.unfinished ? "1" : "0", 1);
	csv_close(r);
	diag_done(&d);
	free(buf);
	return out;
}

static void
test_unfinished(void)
{
	static const struct {
		const char	*text, *want, *what;
	} t[] = {
		{ "a,b\nc,d\n", "00", "a line break after the last record" },
		{ "a,b\nc,d", "01", "no line break at the end: unfinished" },
		{ "a,b\r\nc,\r\n", "00", "CRLF at the end" },
		{ "a,b\rc,d\r", "00", "a lone CR at the end" },
		{ "a,b\nc,", "01", "cut after a delimiter" },
		{ "a,\"b\"\n", "0", "a closed quote at the end" },
		{ "a,\"b\n", "1", "a quote open on the last line" },
		{ "a,\"b\nc\n", "00", "a quote open, lines after it" },
		{ "a,\"b\nc", "01", "a quote open, the line after it cut" },
	};
	size_t	 i;
	char	*got;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		got = unfinished(t[i].text);
		is_str(got, t[i].want, t[i].what);
		free(got);
	}
}

int
main(void)
{
	test_basic();
	test_quoted();
	test_errors();
	test_positions();
	test_other();
	test_unfinished();
	return tap_done();
}
