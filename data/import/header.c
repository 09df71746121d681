#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "data/import/cell.h"
#include "data/import/decode.h"
#include "data/import/diag.h"
#include "data/store/domains.h"
#include "data/import/header.h"
#include "i18n/i18n.h"
#include "lib/xmalloc.h"

/* Rows above the header that may be titles ("附件1", the table's name). */
#define MAX_TITLE_ROWS	5

enum { LOOKING, HEADER1, READY };

/*
 * Column titles after title_key(): NFKC, case folded, no white space, no
 * parenthesised part ("公开内容（要素）" is 公开内容, "乡（镇、街道）级" is 乡级).
 * The English names first: a header of nothing else is canonical.
 */
static const struct {
	const char	*key;
	int		 column;
} layout_titles[] = {
	{ "domain", LAYOUT_DOMAIN }, { "level1", LAYOUT_LEVEL1 },
	{ "level2", LAYOUT_LEVEL2 }, { "content", LAYOUT_CONTENT },
	{ "basis", LAYOUT_BASIS }, { "time_limit", LAYOUT_TIME_LIMIT },
	{ "subject", LAYOUT_SUBJECT }, { "channels", LAYOUT_CHANNELS },
	{ "audience_all", LAYOUT_AUDIENCE_ALL },
	{ "audience_specific", LAYOUT_AUDIENCE_SPECIFIC },
	{ "method_active", LAYOUT_METHOD_ACTIVE },
	{ "method_on_request", LAYOUT_METHOD_ON_REQUEST },
	{ "level_county", LAYOUT_LEVEL_COUNTY },
	{ "level_township", LAYOUT_LEVEL_TOWNSHIP },
	{ "level_village", LAYOUT_LEVEL_VILLAGE },
	{ "jurisdiction", LAYOUT_JURISDICTION },
	{ "source_url", LAYOUT_SOURCE_URL }, { "code", LAYOUT_CODE },
#define LAYOUT_ENGLISH	18	/* the entries above */
	{ "领域", LAYOUT_DOMAIN }, { "事项领域", LAYOUT_DOMAIN },
	{ "所属领域", LAYOUT_DOMAIN }, { "公开领域", LAYOUT_DOMAIN },
	{ "试点领域", LAYOUT_DOMAIN }, { "领域名称", LAYOUT_DOMAIN },
	{ "一级事项", LAYOUT_LEVEL1 }, { "一级事项名称", LAYOUT_LEVEL1 },
	{ "一级", LAYOUT_LEVEL1 }, { "事项类别", LAYOUT_LEVEL1 },
	{ "二级事项", LAYOUT_LEVEL2 }, { "二级事项名称", LAYOUT_LEVEL2 },
	{ "二级", LAYOUT_LEVEL2 }, { "事项名称", LAYOUT_LEVEL2 },
	{ "公开事项名称", LAYOUT_LEVEL2 }, { "具体事项", LAYOUT_LEVEL2 },
	/* Over 一级事项 | 二级事项; alone, it is the item name. */
	{ "公开事项", LAYOUT_LEVEL2 },
	{ "公开内容", LAYOUT_CONTENT }, { "公开内容要素", LAYOUT_CONTENT },
	{ "内容", LAYOUT_CONTENT }, { "公开要素", LAYOUT_CONTENT },
	{ "公开依据", LAYOUT_BASIS }, { "依据", LAYOUT_BASIS },
	{ "法律依据", LAYOUT_BASIS }, { "政策依据", LAYOUT_BASIS },
	{ "公开时限", LAYOUT_TIME_LIMIT }, { "时限", LAYOUT_TIME_LIMIT },
	{ "公开期限", LAYOUT_TIME_LIMIT },
	{ "公开主体", LAYOUT_SUBJECT }, { "责任主体", LAYOUT_SUBJECT },
	{ "主体", LAYOUT_SUBJECT }, { "公开责任主体", LAYOUT_SUBJECT },
	{ "责任单位", LAYOUT_SUBJECT },
	{ "公开渠道和载体", LAYOUT_CHANNELS }, { "公开渠道及载体", LAYOUT_CHANNELS },
	{ "公开渠道与载体", LAYOUT_CHANNELS }, { "公开渠道、载体", LAYOUT_CHANNELS },
	{ "公开渠道", LAYOUT_CHANNELS }, { "公开载体", LAYOUT_CHANNELS },
	{ "渠道和载体", LAYOUT_CHANNELS },
	{ "公开对象", LAYOUT_AUDIENCE },
	{ "全社会", LAYOUT_AUDIENCE_ALL }, { "社会公众", LAYOUT_AUDIENCE_ALL },
	{ "特定群体", LAYOUT_AUDIENCE_SPECIFIC },
	{ "特定群众", LAYOUT_AUDIENCE_SPECIFIC },
	{ "特定对象", LAYOUT_AUDIENCE_SPECIFIC },
	{ "特定人群", LAYOUT_AUDIENCE_SPECIFIC },
	{ "公开方式", LAYOUT_METHOD },
	{ "主动", LAYOUT_METHOD_ACTIVE }, { "主动公开", LAYOUT_METHOD_ACTIVE },
	{ "依申请", LAYOUT_METHOD_ON_REQUEST },
	{ "依申请公开", LAYOUT_METHOD_ON_REQUEST },
	{ "公开层级", LAYOUT_LEVEL },
	{ "县级", LAYOUT_LEVEL_COUNTY }, { "区级", LAYOUT_LEVEL_COUNTY },
	{ "县区级", LAYOUT_LEVEL_COUNTY }, { "市级", LAYOUT_LEVEL_COUNTY },
	{ "乡级", LAYOUT_LEVEL_TOWNSHIP }, { "镇级", LAYOUT_LEVEL_TOWNSHIP },
	{ "乡镇级", LAYOUT_LEVEL_TOWNSHIP }, { "街道级", LAYOUT_LEVEL_TOWNSHIP },
	{ "乡、村级", LAYOUT_LEVEL_TOWNSHIP },
	{ "乡镇、街道级", LAYOUT_LEVEL_TOWNSHIP },
	{ "镇街级", LAYOUT_LEVEL_TOWNSHIP },
	{ "村级", LAYOUT_LEVEL_VILLAGE }, { "社区级", LAYOUT_LEVEL_VILLAGE },
	{ "村社区级", LAYOUT_LEVEL_VILLAGE },
	{ "发布机关", LAYOUT_JURISDICTION }, { "发布单位", LAYOUT_JURISDICTION },
	{ "行政区划", LAYOUT_JURISDICTION },
	{ "来源网址", LAYOUT_SOURCE_URL }, { "来源", LAYOUT_SOURCE_URL },
	{ "网址", LAYOUT_SOURCE_URL }, { "原文链接", LAYOUT_SOURCE_URL },
	{ "编码", LAYOUT_CODE }, { "事项编码", LAYOUT_CODE },
	{ "目录编码", LAYOUT_CODE },
	{ "序号", LAYOUT_IGNORED }, { "备注", LAYOUT_IGNORED },
	{ "说明", LAYOUT_IGNORED },
};

static const char layout_canonical[] = "domain,level1,level2,content,basis,"
    "time_limit,subject,channels,audience_all,audience_specific,"
    "method_active,method_on_request,level_county,level_township,"
    "level_village,jurisdiction,source_url";

int
layout_blank(const struct csv_record *rec)
{
	size_t	i, len;

	for (i = 0; i < rec->n; i++) {
		len = rec->v[i].len;
		if (decode_utf8_valid(rec->v[i].text, len) != len)
			return 0;
		cell_trim(rec->v[i].text, &len);
		if (len != 0)
			return 0;
	}
	return 1;
}

/* s[0..len) as UTF-16 (invalid bytes as U+FFFD); *ulen its length. */
static UChar *
to_utf16(const char *s, size_t len, int32_t *ulen)
{
	UErrorCode	 e = U_ZERO_ERROR;
	UChar		*u = xreallocarray(NULL, len + 1, sizeof *u);

	/* UTF-8 never takes fewer bytes than UTF-16 takes units. */
	u_strFromUTF8WithSub(u, (int32_t)len + 1, ulen, s, (int32_t)len,
	    0xfffd, NULL, &e);
	if (U_FAILURE(e))
		*ulen = 0;
	return u;
}

static char *
to_utf8(const UChar *u, int32_t ulen)
{
	UErrorCode	 e = U_ZERO_ERROR;
	char		*s = xmalloc((size_t)ulen * 3 + 1);
	int32_t		 n;

	u_strToUTF8WithSub(s, ulen * 3 + 1, &n, u, ulen, 0xfffd, NULL, &e);
	if (U_FAILURE(e))
		n = 0;
	s[n] = '\0';
	return s;
}

/* Traditional to Simplified, in place in u (capacity cap); ICU's rules. */
static void
to_simplified(UChar *u, int32_t *ulen, int32_t cap)
{
	static const UChar id[] = u"Traditional-Simplified";
	UErrorCode		 e = U_ZERO_ERROR;
	UTransliterator		*t;
	int32_t			 limit = *ulen, n = *ulen;

	t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
	if (U_FAILURE(e))
		return;
	utrans_transUChars(t, u, &n, cap, 0, &limit, &e);
	if (U_SUCCESS(e) && n < cap)
		*ulen = n;
	utrans_close(t);
}

/* Drop white space, '*' and ':' marks, and parenthesised parts. */
static int32_t
squeeze(UChar *u, int32_t n)
{
	int32_t	i, o = 0, depth = 0;

	for (i = 0; i < n; i++) {
		if (u[i] == '(' || u[i] == 0x3010 /* 【 */)
			depth++;
		else if ((u[i] == ')' || u[i] == 0x3011) && depth > 0)
			depth--;
		else if (depth == 0 && !u_isUWhiteSpace(u[i]) && u[i] != '*' &&
		    u[i] != ':')
			u[o++] = u[i];
	}
	return o;
}

/* A cell as the title tables spell it; Simplified if simplify. */
static char *
title_key(const char *s, size_t len, int simplify)
{
	UErrorCode		 e = U_ZERO_ERROR;
	const UNormalizer2	*norm = unorm2_getNFKCCasefoldInstance(&e);
	UChar			*u, *v;
	int32_t			 ulen, vlen, cap;
	char			*out;

	u = to_utf16(s, len, &ulen);
	cap = ulen * 2 + 16;
	v = xreallocarray(NULL, (size_t)cap, sizeof *v);
	vlen = U_SUCCESS(e) ? unorm2_normalize(norm, u, ulen, v, cap, &e) : 0;
	if (U_FAILURE(e))
		vlen = 0;
	if (simplify)
		to_simplified(v, &vlen, cap);
	vlen = squeeze(v, vlen);
	out = to_utf8(v, vlen);
	free(u);
	free(v);
	return out;
}

static int
title_lookup(const char *key, int *english)
{
	size_t	i;

	for (i = 0; i < sizeof layout_titles / sizeof layout_titles[0]; i++) {
		if (strcmp(key, layout_titles[i].key) == 0) {
			*english = i < LAYOUT_ENGLISH;
			return layout_titles[i].column;
		}
	}
	return -1;
}

/*
 * The column a title names, LAYOUT_IGNORED, or -1; *english says whether
 * it is a canonical English name. Traditional titles are tried in Simplified.
 */
static int
title_column(const char *s, size_t len, int *english)
{
	char	*key;
	int	 c;

	*english = 0;
	s = cell_trim(s, &len);
	if (len == 0 || len > 200 || decode_utf8_valid(s, len) != len)
		return -1;
	key = title_key(s, len, 0);
	c = title_lookup(key, english);
	free(key);
	if (c == -1) {
		key = title_key(s, len, 1);
		c = title_lookup(key, english);
		free(key);
	}
	return c;
}

int
layout_column_named(const char *s, size_t len)
{
	int	english;

	return title_column(s, len, &english);
}

size_t
layout_header_hits(const char *text, size_t len)
{
	const char	*s = text, *end = text + len, *a, *b;
	size_t		 hits = 0;
	int		 lines = 0;

	while (s < end && lines < 10) {
		a = s;
		while (s < end && *s != ',' && *s != '\t' && *s != '\n' &&
		    *s != '\r')
			s++;
		b = s;
		while (a < b && (*a == '"' || *a == ' '))
			a++;
		while (b > a && (b[-1] == '"' || b[-1] == ' '))
			b--;
		if (b > a && layout_column_named(a, (size_t)(b - a)) != -1)
			hits++;
		if (s < end && *s == '\n')
			lines++;
		if (s < end)
			s++;
	}
	return hits;
}

void
layout_init(struct layout *lay, const char *file, const char *domain,
    struct diag_list *diags)
{
	int	c;

	memset(lay, 0, sizeof *lay);
	for (c = 0; c < LAYOUT_NCOLS; c++)
		lay->at[c] = -1;
	lay->file = file;
	lay->diags = diags;
	lay->encoding = "UTF-8";
	if (domain != NULL && *domain != '\0') {
		lay->domain = xstrdup(domain);
		lay->domain_given = 1;
	}
}

static void
record_free(struct csv_record *rec)
{
	size_t	i;

	for (i = 0; i < rec->n; i++)
		free((char *)rec->v[i].text);
	free(rec->v);
	memset(rec, 0, sizeof *rec);
}

/* A copy that outlives the reader's next record. */
static void
record_copy(struct csv_record *dst, const struct csv_record *src)
{
	size_t	i;

	*dst = *src;
	dst->v = xcalloc(src->n ? src->n : 1, sizeof *dst->v);
	for (i = 0; i < src->n; i++) {
		dst->v[i] = src->v[i];
		dst->v[i].text = xstrndup(src->v[i].text, src->v[i].len);
		dst->v[i].len = strlen(dst->v[i].text);
	}
}

static void
titles_free(struct layout *lay)
{
	size_t	i;

	for (i = 0; i < lay->nfields && lay->titles != NULL; i++)
		free(lay->titles[i]);
	free(lay->titles);
	lay->titles = NULL;
	lay->nfields = 0;
}

void
layout_done(struct layout *lay)
{
	titles_free(lay);
	free(lay->domain);
	free(lay->jurisdiction);
	record_free(&lay->row1);
	memset(lay, 0, sizeof *lay);
}

/* A problem that makes the whole file unusable. */
static enum layout_step
fail(struct layout *lay, long line, long col, const char *msg,
    const char *hint)
{
	diag_add(lay->diags, DIAG_ERROR, lay->file, line, col, "%s", msg);
	diag_hint(lay->diags, "%s", hint);
	return LAYOUT_FAIL;
}

char *
layout_where(const struct layout *lay, size_t i)
{
	const char	*t = i < lay->nfields ? lay->titles[i] : "";
	char		 letters[DIAG_LETTERS];

	if (lay->keys)
		return xasprintf(_("key \"%s\""), t);
	/* The letter a spreadsheet shows; the number is in file:line:col. */
	diag_column_letters(i + 1, letters);
	if (*t == '\0')
		return xasprintf(_("column %s"), letters);
	/* TRANSLATORS: column letter (its title): "O 列（level_village）". */
	return xasprintf(_("column %s (%s)"), letters, t);
}

/* A title or the file name may name a domain: "晋江市" "社会救助" "领域…". */
static const char *const admin_suffixes[] = {
	"省", "市", "州", "盟", "县", "区", "旗", "镇", "乡", "街道",
};
static const int admin_rank[] = { 0, 1, 1, 1, 2, 2, 2, 3, 3, 3 };

/* Characters (not bytes) in s[0..len). */
static size_t
chars(const char *s, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* The rank of the administrative suffix ending s[0..len), or -1. */
static int
admin_suffix(const char *s, size_t len)
{
	size_t	i, n;

	for (i = 0; i < sizeof admin_suffixes / sizeof admin_suffixes[0]; i++) {
		n = strlen(admin_suffixes[i]);
		if (len >= n && memcmp(s + len - n, admin_suffixes[i], n) == 0)
			return admin_rank[i];
	}
	return -1;
}

/*
 * How many bytes at the start of s[0..len) name governments, e.g.
 * "泉州市晋江市青阳街道" in front of "村级财务": a chain of names ending in 省,
 * 市, 县, 区, 镇, 乡, 街道 …, each as low as or lower than the one before,
 * each but the first at least three characters long ("城市管理" is a
 * domain, not 城市 + 管理). A guess: staff see it in a warning.
 */
static size_t
admin_prefix(const char *s, size_t len)
{
	size_t	pos = 0, end;
	int	prev = -1, rank;

	for (end = 1; end < len; end++) {
		if (((unsigned char)s[end] & 0xc0) == 0x80)
			continue;	/* not at a character boundary */
		rank = admin_suffix(s + pos, end - pos);
		if (rank >= 0 && rank >= prev && chars(s + pos, end - pos) >=
		    (pos == 0 ? 2u : 3u)) {
			pos = end;
			prev = rank;
		}
	}
	return pos;
}

/* The national domain whose name or alias ends s[0..len), longest first. */
static int
national_suffix(const char *s, size_t len, size_t *mlen)
{
	const struct domains_entry	*e;
	const char			*name;
	size_t				 n;
	int				 p, a, best = 0;

	*mlen = 0;
	for (p = 1; p <= DOMAINS_COUNT; p++) {
		e = domains_get(p);
		for (a = -1; a < 0 || e->aliases[a] != NULL; a++) {
			name = a < 0 ? e->name : e->aliases[a];
			n = strlen(name);
			if (n <= len && n > *mlen &&
			    memcmp(s + len - n, name, n) == 0) {
				*mlen = n;
				best = p;
			}
		}
	}
	return best;
}

/* The national domain named anywhere in s[0..len): longest, then first. */
static int
national_within(const char *s, size_t len, size_t *at, size_t *mlen)
{
	const struct domains_entry	*e;
	const char			*name, *hit;
	size_t				 n;
	int				 p, a, best = 0;

	*mlen = 0;
	for (p = 1; p <= DOMAINS_COUNT; p++) {
		e = domains_get(p);
		for (a = -1; a < 0 || e->aliases[a] != NULL; a++) {
			name = a < 0 ? e->name : e->aliases[a];
			n = strlen(name);
			hit = n > *mlen ? memmem(s, len, name, n) : NULL;
			if (hit != NULL) {
				*at = (size_t)(hit - s);
				*mlen = n;
				best = p;
			}
		}
	}
	return best;
}

static void
set_found(char **slot, const char *s, size_t len)
{
	s = cell_trim(s, &len);
	if (*slot == NULL && len > 0 && chars(s, len) <= 40)
		*slot = xstrndup(s, len);
}

/* Characters that number a heading: digits and Chinese numerals. */
static size_t
numeral(const char *s, size_t len)
{
	static const char *const numerals[] = {
		"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
		"百", "零", "〇",
	};
	size_t	i, n, at = 0;

	for (;;) {
		if (at < len && s[at] >= '0' && s[at] <= '9') {
			at++;
			continue;
		}
		for (i = 0; i < sizeof numerals / sizeof numerals[0]; i++) {
			n = strlen(numerals[i]);
			if (len - at >= n && memcmp(s + at, numerals[i], n) == 0)
				break;
		}
		if (i == sizeof numerals / sizeof numerals[0])
			return at;
		at += n;
	}
}

/* Does s[0..*len) start with lit? Then skip it. */
static int
skip_lit(const char **s, size_t *len, const char *lit)
{
	size_t	n = strlen(lit);

	if (*len < n || memcmp(*s, lit, n) != 0)
		return 0;
	*s += n;
	*len -= n;
	return 1;
}

/*
 * "附件2：" in front of a title, or the numbering of a heading on a web
 * page or in a Word file: "（一）", "(3)", "二、", "4.": not a government.
 */
static const char *
skip_annex(const char *s, size_t *len)
{
	static const char *const seps[] = { "：", ":", "、", "．", "." };
	const char	*p = s;
	size_t		 i, n, plen = *len;
	int		 annex, sep = 0;

	if ((annex = skip_lit(&p, &plen, "附件")) != 0) {
		while (plen > 0 && *p >= '0' && *p <= '9') {
			p++;
			plen--;
		}
	} else if (skip_lit(&p, &plen, "（") || skip_lit(&p, &plen, "(")) {
		if ((n = numeral(p, plen)) == 0)
			return s;
		p += n;
		plen -= n;
		if (!skip_lit(&p, &plen, "）") && !skip_lit(&p, &plen, ")"))
			return s;
		*len = plen;
		return cell_trim(p, len);
	} else {
		if ((n = numeral(p, plen)) == 0)
			return s;
		p += n;
		plen -= n;
	}
	for (i = 0; !sep && i < sizeof seps / sizeof seps[0]; i++)
		sep = skip_lit(&p, &plen, seps[i]);
	if (!annex && !sep)
		return s;	/* "2020年…": a number, not a numbering */
	*len = plen;
	return cell_trim(p, len);
}

/*
 * A title that names the government alone: the text before the first
 * word of a catalogue's name ("梅县区" in "梅县区基层政务公开标准目录"),
 * when it ends like a government's name; 0 if none.
 */
static size_t
government_before(const char *s, size_t len)
{
	static const char *const words[] = {
		"人民政府", "基层", "政务公开", "政府信息公开", "标准目录", "目录",
	};
	const char	*p;
	size_t		 i, at = len;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if ((p = memmem(s, len, words[i], strlen(words[i]))) != NULL &&
		    (size_t)(p - s) < at)
			at = (size_t)(p - s);
	if (at == len || chars(s, at) < 2 || admin_suffix(s, at) < 0)
		return 0;
	return at;
}

/* Read a domain and a government out of a title or a file name. */
static void
title_read(struct layout *lay, const char *s, size_t len)
{
	const char	*p;
	size_t		 pre, m, at, j;
	int		 pos;

	s = cell_trim(s, &len);
	if (decode_utf8_valid(s, len) != len)
		return;
	s = skip_annex(s, &len);
	if ((p = memmem(s, len, "领域", strlen("领域"))) != NULL) {
		pre = (size_t)(p - s);
		if ((pos = national_suffix(s, pre, &m)) > 0) {
			set_found(&lay->domain, domains_get(pos)->name,
			    strlen(domains_get(pos)->name));
			set_found(&lay->jurisdiction, s, pre - m);
		} else if ((j = admin_prefix(s, pre)) < pre) {
			set_found(&lay->domain, s + j, pre - j);
			set_found(&lay->jurisdiction, s, j);
		}
	} else if ((pos = national_within(s, len, &at, &m)) > 0) {
		set_found(&lay->domain, domains_get(pos)->name,
		    strlen(domains_get(pos)->name));
		if (admin_suffix(s, at) >= 0)
			set_found(&lay->jurisdiction, s, at);
	} else if ((j = government_before(s, len)) > 0 ||
	    (j = admin_prefix(s, len)) > 0)
		/* "杜集区基层政务公开标准目录": the government alone. */
		set_found(&lay->jurisdiction, s, j < len ? j : len);
}

void
layout_title(struct layout *lay, const char *s, size_t len)
{
	title_read(lay, s, len);
}

int
layout_section(struct layout *lay, const char *s, size_t len)
{
	char	*before = lay->domain;

	if (lay->domain_given)
		return 0;
	lay->domain = NULL;
	title_read(lay, s, len);
	if (lay->domain == NULL) {
		lay->domain = before;
		return 0;
	}
	free(before);
	return 1;
}

/* The file's name without directory and extension, as a title. */
static void
title_from_file(struct layout *lay)
{
	const char	*file = lay->file_name != NULL ? lay->file_name :
			    lay->file;
	const char	*base = strrchr(file, '/'), *dot;

	base = base != NULL ? base + 1 : file;
	dot = strrchr(base, '.');
	title_read(lay, base, dot != NULL && dot != base ?
	    (size_t)(dot - base) : strlen(base));
}

int
layout_national_domain(const char *name)
{
	UChar	*u;
	int32_t	 ulen;
	char	*s;
	int	 pos;

	if ((pos = domains_lookup(name)) != 0 || name == NULL)
		return pos;
	for (s = (char *)name; *s != '\0' && (unsigned char)*s < 0x80; s++)
		;
	if (*s == '\0')
		return 0;	/* ASCII: nothing to simplify */
	u = to_utf16(name, strlen(name), &ulen);
	u = xreallocarray(u, (size_t)ulen * 2 + 16, sizeof *u);
	to_simplified(u, &ulen, ulen * 2 + 16);
	s = to_utf8(u, ulen);
	pos = domains_lookup(s);
	free(s);
	free(u);
	return pos;
}

/* The title of field i: the second header row's if it has one there. */
static const struct csv_field *
header_cell(const struct csv_record *r1, const struct csv_record *r2,
    size_t i, long *line)
{
	const struct csv_field	*f;
	size_t			 len;

	if (r2 != NULL && i < r2->n) {
		f = &r2->v[i];
		len = f->len;
		cell_trim(f->text, &len);
		if (len > 0) {
			*line = r2->line;
			return f;
		}
	}
	*line = r1->line;
	return i < r1->n ? &r1->v[i] : NULL;
}

/* The title of field i, at line:col, is none we know. */
static void
unknown_column(struct layout *lay, long line, long col, size_t i)
{
	if (lay->keys)
		diag_add(lay->diags, DIAG_WARNING, lay->file, line, col,
		    _("unknown key \"%s\" is ignored"), lay->titles[i]);
	else
		diag_add(lay->diags, DIAG_WARNING, lay->file, line, col,
		    _("unknown column \"%s\" is ignored"), lay->titles[i]);
	diag_hint(lay->diags, _("the known columns are %s and code, or the "
	    "titles of the published table (领域, 一级事项, 二级事项, 公开内容, "
	    "公开依据, 公开时限, 公开主体, 公开渠道和载体, 公开对象, 公开方式, "
	    "公开层级)"), layout_canonical);
}

static int
repeated_column(struct layout *lay, long line, long col, size_t i, int c)
{
	if (lay->keys)
		diag_add(lay->diags, DIAG_ERROR, lay->file, line, col,
		    _("keys \"%s\" and \"%s\" name the same element"),
		    lay->titles[lay->at[c]], lay->titles[i]);
	else
		diag_add(lay->diags, DIAG_ERROR, lay->file, line, col,
		    _("column \"%s\" appears twice (columns %ld and %zu)"),
		    lay->titles[i], lay->at[c] + 1, i + 1);
	diag_hint(lay->diags, "%s", _("delete or rename one of them"));
	return -1;
}

/*
 * Map one header cell, field i; -1 if it repeats a column. Messages are
 * placed where the cell is: a CSV cell's column is its field number, a
 * JSON key's is where it is first written.
 */
static int
map_cell(struct layout *lay, const struct csv_field *f, long line, size_t i,
    int *chinese)
{
	const char	*s = f != NULL ? f->text : "";
	size_t		 len = f != NULL ? f->len : 0;
	long		 col = f != NULL && f->column > 0 ? f->column :
			    (long)i + 1;
	int		 c, english;

	if (f != NULL && f->line > 0)
		line = f->line;

	s = cell_trim(s, &len);
	if (decode_utf8_valid(s, len) != len) {
		lay->titles[i] = xstrdup("?");
		diag_add(lay->diags, DIAG_ERROR, lay->file, line, col,
		    _("the header row is not valid %s text"), lay->encoding);
		diag_hint(lay->diags, "%s", _("the file is damaged or mixes "
		    "encodings; save it again from the spreadsheet"));
		return -1;
	}
	lay->titles[i] = diag_printable(s, len);
	if (len == 0)
		return 0;	/* an untitled column: nothing to say */
	if ((c = title_column(s, len, &english)) == -1) {
		unknown_column(lay, line, col, i);
		return 0;
	}
	if (c == LAYOUT_IGNORED)
		return 0;
	*chinese += !english;
	if (lay->at[c] != -1)
		return repeated_column(lay, line, col, i, c);
	lay->at[c] = (long)i;
	return 0;
}

/* Read the header: row 1 alone, or row 1 over row 2 (r2 != NULL). */
static int
map_header(struct layout *lay, const struct csv_record *r1,
    const struct csv_record *r2)
{
	const struct csv_field	*f;
	size_t			 i, n = r1->n;
	long			 line;
	int			 chinese = 0, bad = 0;

	if (r2 != NULL && r2->n > n)
		n = r2->n;
	titles_free(lay);
	lay->nfields = n;
	lay->titles = xcalloc(n ? n : 1, sizeof *lay->titles);
	for (i = 0; i < n; i++) {
		f = header_cell(r1, r2, i, &line);
		bad |= map_cell(lay, f, line, i, &chinese) != 0;
	}
	lay->kind = chinese > 0 ? LAYOUT_PUBLISHED : LAYOUT_CANONICAL;
	/* Ticks in their own columns win over a column that names them. */
	if (lay->at[LAYOUT_AUDIENCE_ALL] >= 0 ||
	    lay->at[LAYOUT_AUDIENCE_SPECIFIC] >= 0)
		lay->at[LAYOUT_AUDIENCE] = -1;
	if (lay->at[LAYOUT_METHOD_ACTIVE] >= 0 ||
	    lay->at[LAYOUT_METHOD_ON_REQUEST] >= 0)
		lay->at[LAYOUT_METHOD] = -1;
	if (lay->at[LAYOUT_LEVEL_COUNTY] >= 0 ||
	    lay->at[LAYOUT_LEVEL_TOWNSHIP] >= 0 ||
	    lay->at[LAYOUT_LEVEL_VILLAGE] >= 0)
		lay->at[LAYOUT_LEVEL] = -1;
	return bad ? -1 : 0;
}

/* The header names what an item needs, or the file is of no use. */
static enum layout_step
check_header(struct layout *lay, long line)
{
	int	c, known = 0, bad = 0;

	for (c = 0; c < LAYOUT_NCOLS; c++)
		known += lay->at[c] >= 0;
	if (known == 0)
		return fail(lay, line, 1, _("the header row does not name any "
		    "known column"), _("the first row (below any title) must "
		    "be the header: domain,level1,level2,... or 领域, 一级事项, "
		    "二级事项, ...; if its titles look garbled, the file is in "
		    "another encoding: save it as UTF-8, or give --encoding"));
	title_from_file(lay);
	if (lay->at[LAYOUT_DOMAIN] < 0 && lay->domain == NULL) {
		fail(lay, line, 1, _("the header has no \"domain\" column, and "
		    "neither a title row nor the file name names a domain"),
		    _("add the column domain (领域), or put the domain in the "
		    "file name, e.g. 晋江市社会救助领域目录.csv"));
		bad = 1;
	}
	if (lay->at[LAYOUT_LEVEL1] < 0 && lay->at[LAYOUT_LEVEL2] < 0) {
		fail(lay, line, 1, _("the header has neither a \"level2\" nor "
		    "a \"level1\" column"), _("add the column level2 "
		    "(二级事项), the item name"));
		bad = 1;
	}
	return bad ? LAYOUT_FAIL : LAYOUT_DATA;
}

/* Non-empty cells, and how many of them are column titles. */
static void
count_titles(const struct csv_record *rec, size_t *filled, size_t *titles)
{
	const char	*s;
	size_t		 i, len;
	int		 english;

	*filled = *titles = 0;
	for (i = 0; i < rec->n; i++) {
		len = rec->v[i].len;
		s = cell_trim(rec->v[i].text, &len);
		if (len == 0)
			continue;
		(*filled)++;
		*titles += title_column(s, len, &english) != -1;
	}
}

/* The first non-empty cell of a title row. */
static void
title_row(struct layout *lay, const struct csv_record *rec)
{
	size_t	i;

	lay->ntitles++;
	lay->title_line = rec->line;
	for (i = 0; i < rec->n; i++)
		if (rec->v[i].len > 0)
			title_read(lay, rec->v[i].text, rec->v[i].len);
}

/* The first header row's titles, to name columns until the header is read. */
static void
first_titles(struct layout *lay)
{
	const char	*s;
	size_t		 i, len;

	lay->nfields = lay->row1.n;
	lay->titles = xcalloc(lay->nfields ? lay->nfields : 1,
	    sizeof *lay->titles);
	for (i = 0; i < lay->nfields; i++) {
		len = lay->row1.v[i].len;
		s = cell_trim(lay->row1.v[i].text, &len);
		lay->titles[i] = decode_utf8_valid(s, len) == len ?
		    diag_printable(s, len) : xstrdup("?");
	}
}

static enum layout_step
feed_top(struct layout *lay, const struct csv_record *rec)
{
	size_t	filled, titles;

	count_titles(rec, &filled, &titles);
	if (titles > 0) {
		record_copy(&lay->row1, rec);
		lay->state = HEADER1;
		first_titles(lay);
		return LAYOUT_MORE;
	}
	if (filled == 1 && lay->ntitles < MAX_TITLE_ROWS) {
		title_row(lay, rec);
		return LAYOUT_MORE;
	}
	return fail(lay, rec->line, 1, _("the first row does not name any "
	    "known column"), _("the first row (below any title) must "
	    "be the header: domain,level1,level2,... or 领域, 一级事项, "
	    "二级事项, ...; if its titles look garbled, the file is in "
	    "another encoding: save it as UTF-8, or give --encoding"));
}

/* After the first header row: a second one (全社会 | 特定群体 …) or data. */
static enum layout_step
feed_second(struct layout *lay, const struct csv_record *rec)
{
	size_t	filled, titles;
	int	second;

	count_titles(rec, &filled, &titles);
	second = !rec->broken && filled > 0 && titles == filled;
	lay->state = READY;
	if (map_header(lay, &lay->row1, second ? rec : NULL) != 0)
		return LAYOUT_FAIL;
	if (check_header(lay, lay->row1.line) == LAYOUT_FAIL)
		return LAYOUT_FAIL;
	return second ? LAYOUT_MORE : LAYOUT_DATA;
}

enum layout_step
layout_feed(struct layout *lay, const struct csv_record *rec)
{
	if (lay->state == READY)
		return LAYOUT_DATA;
	if (lay->state == LOOKING && rec->broken)
		return fail(lay, rec->line, 1, _("the header row cannot be "
		    "read"), _("fix the quotes in the first row"));
	if (layout_blank(rec))
		return LAYOUT_MORE;
	if (lay->state == LOOKING)
		return feed_top(lay, rec);
	return feed_second(lay, rec);
}

enum layout_step
layout_end(struct layout *lay)
{
	if (lay->state == READY)
		return LAYOUT_DATA;
	if (lay->state == HEADER1) {
		lay->state = READY;
		if (map_header(lay, &lay->row1, NULL) != 0)
			return LAYOUT_FAIL;
		return check_header(lay, lay->row1.line);
	}
	if (lay->ntitles > 0)
		return fail(lay, lay->title_line, 1, _("no row below the "
		    "title names any known column"), _("the first row below "
		    "the title must be the header: 领域, 一级事项, 二级事项, ...; "
		    "if its titles look garbled, the file is in another "
		    "encoding: save it as UTF-8, or give --encoding"));
	return fail(lay, 1, 1, _("the file has no header row"),
	    _("export the catalogue table again"));
}

enum layout_step
layout_keys(struct layout *lay, const struct csv_record *rec)
{
	lay->keys = 1;
	lay->state = READY;
	if (map_header(lay, rec, NULL) != 0)
		return LAYOUT_FAIL;
	return check_header(lay, rec->line);
}
