/*
 * The query parser and matcher: every rule of the search (issue 5, item
 * 2) on texts made for the purpose: Chinese substrings, Traditional and
 * Simplified both ways, full pinyin with and without spaces and tones,
 * initials, mixed forms, polyphones, width, case and brackets; tiers,
 * match spans and hostile input.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "data/search/query.h"
#include "i18n/fold.h"
#include "tests/unit/tap.h"

/* How text matches query. */
static enum query_tier
tier(const char *query, const char *text)
{
	struct query q;
	struct fold_text f;
	enum query_tier t;

	query_parse(&q, query, strlen(query));
	fold_text_init(&f);
	fold_text(&f, text, strlen(text));
	t = query_match(&q, f.v, f.n);
	if (query_contains(&q, f.v, f.n) != (t != QUERY_NONE))
		t = (enum query_tier)99;	/* the two must agree */
	fold_text_done(&f);
	query_done(&q);
	return t;
}

static int
matches(const char *query, const char *text)
{
	return tier(query, text) <= QUERY_CONTAINS;
}

/* The matched part of text, as bytes of the original (static buffer). */
static const char *
span(const char *query, const char *text)
{
	static char out[256];
	struct query q;
	struct fold_text f;
	size_t a, b, end;

	query_parse(&q, query, strlen(query));
	fold_text_init(&f);
	fold_text(&f, text, strlen(text));
	strcpy(out, "(none)");
	if (query_find(&q, f.v, f.n, &a, &b) == 0) {
		end = b < f.n ? f.at[b] : strlen(text);
		snprintf(out, sizeof out, "%.*s", (int)(end - f.at[a]),
		    text + f.at[a]);
	}
	fold_text_done(&f);
	query_done(&q);
	return out;
}

static void
test_chinese(void)
{
	ok(!matches("低保", "最低生活保障"),
	    "低保 does not find 最低生活保障, which never says 低保");
	ok(matches("低保", "城乡低保对象认定"), "低保 finds 城乡低保对象认定");
	ok(matches("最低生活", "最低生活保障对象认定"),
	    "最低生活 finds 最低生活保障对象认定");
	ok(!matches("最低生活保障金", "最低生活保障"),
	    "a longer query does not match a shorter text");
	ok(matches("保", "最低生活保障"), "one character is a query too");
}

static void
test_traditional(void)
{
	ok(matches("養老服務", "养老服务补贴"), "養老服務 finds 养老服务");
	ok(matches("养老服务", "養老服務補貼"), "养老服务 finds 養老服務");
	ok(matches("戶籍", "户籍管理"), "戶籍 finds 户籍");
	ok(matches("户籍", "戶籍管理"), "户籍 finds 戶籍");
	ok(matches("國務院", "国务院令第711号"), "國務院 finds 国务院");
}

static void
test_full_pinyin(void)
{
	const char *t = "最低生活保障对象认定";

	ok(matches("zuidishenghuobaozhang", t), "zuidishenghuobaozhang");
	ok(matches("zui di sheng huo", t), "zui di sheng huo, with spaces");
	ok(matches("zuì dī shēng huó", t), "with tone marks");
	ok(matches("zui4di1sheng1huo2", t), "with tone numbers");
	ok(matches("ZuiDi", t), "in capitals");
	ok(matches("zuidish", t), "a syllable typed halfway (sh of sheng)");
	ok(matches("zuidishe", t), "she of sheng");
	ok(!matches("zuidishenghuobaozhangjin", t), "but not more than is there");
	ok(!matches("zuigao", t), "zuigao is another word");
	ok(matches("shenghuo", t), "from the middle of the text");
	ok(matches("lvse", "绿色通道"), "lv for ü");
	ok(matches("luse", "绿色通道"), "lu for ü, too");
}

static void
test_initials(void)
{
	const char *t = "最低生活保障对象认定";

	ok(matches("zdshbz", t), "zdshbz (sh for 生)");
	ok(matches("zdsh", t) && matches("zdshbzh", t), "s or sh for 生");
	ok(!matches("zdsbz", t), "every character needs its letter (活)");
	ok(matches("ZDSHBZ", t), "ZDSHBZ in capitals");
	ok(matches("zdsh", t), "zdsh, the first four");
	ok(!matches("zdshbx", t), "zdshbx does not match");
	ok(matches("zuidshbz", t), "initials after a full syllable");
	ok(matches("zdshengh", t), "a full syllable after initials");
}

static void
test_mixed(void)
{
	ok(matches("低保bz", "城乡低保标准调整"), "低保bz finds 低保标准");
	ok(matches("zdsh保障", "最低生活保障对象认定"), "zdsh保障");
	ok(matches("最低sh", "最低生活保障"), "最低sh");
	ok(!matches("最高sh", "最低生活保障"), "最高sh does not match");
	ok(matches("養老fw", "养老服务补贴"), "Traditional with initials");
	ok(matches("ylfw补贴", "养老服务补贴"), "initials then Chinese");
}

static void
test_polyphones(void)
{
	ok(matches("chongqing", "重庆市就业促进条例"), "chongqing finds 重庆");
	ok(matches("zhongyao", "重要事项"), "zhongyao finds 重要");
	ok(matches("yinhang", "银行账户"), "yinhang finds 银行");
	ok(matches("xingzheng", "行政许可"), "xingzheng finds 行政");
	ok(matches("hangye", "行业协会"), "hangye finds 行业");
	ok(matches("changsha", "长沙市"), "changsha finds 长沙");
	ok(matches("shizhang", "市长信箱"), "shizhang finds 市长");
	ok(matches("yinyue", "音乐厅"), "yinyue finds 音乐");
	ok(matches("kuaile", "快乐"), "kuaile finds 快乐");
	ok(matches("cq", "重庆"), "cq finds 重庆");
	ok(matches("zq", "重庆"), "zq finds 重庆 too (zhong qing)");
	ok(matches("yh", "银行"), "yh finds 银行");
}

static void
test_width_case_brackets(void)
{
	ok(matches("２０２０", "2020年度预算"), "２０２０ finds 2020");
	ok(matches("2020", "２０２０年度预算"), "2020 finds ２０２０");
	ok(matches("ＡＢＣ", "abc类项目"), "ＡＢＣ finds abc");
	ok(matches("abc", "ABC类项目"), "abc finds ABC");
	ok(matches("国办发2019 54", "《意见》（国办发〔2019〕54号）"),
	    "国办发2019 54 finds 国办发〔2019〕54号");
	ok(matches("国办发〔2019〕54号", "国办发(2019)54号"),
	    "〔〕 in the query find () in the text");
	ok(matches("國辦發2019 54", "国办发〔2019〕54号"),
	    "Traditional and a space too");
	ok(!matches("国办发2019 55", "国办发〔2019〕54号"), "but not another number");
}

static void
test_tiers(void)
{
	is_int(tier("最低生活保障", "最低生活保障"), QUERY_EXACT, "the whole name: exact");
	is_int(tier("zdshbz", "最低生活保障"), QUERY_EXACT, "initials of the whole name: exact");
	is_int(tier("最低", "最低生活保障"), QUERY_PREFIX, "the beginning: prefix");
	is_int(tier("zuid", "最低生活保障"), QUERY_PREFIX, "pinyin of the beginning: prefix");
	is_int(tier("生活", "最低生活保障"), QUERY_CONTAINS, "inside: contains");
	is_int(tier("保险", "最低生活保障"), QUERY_NONE, "not there: none");
	is_int(tier("zdshb", "最低生活保障"), QUERY_PREFIX,
	    "initials of all but the last: prefix");
	is_int(tier("zdshbzh", "最低生活保障"), QUERY_EXACT,
	    "the last syllable begun: exact");
	is_int(tier("a", "安"), QUERY_EXACT, "one letter, one character");
	is_int(tier("a", "社会保障安全"), QUERY_CONTAINS, "one letter inside");
}

static void
test_spans(void)
{
	is_str(span("低保", "城乡低保对象"), "低保", "the Chinese match");
	is_str(span("zdshh", "关于最低生活保障"), "最低生活",
	    "initials cover their characters");
	is_str(span("国办发2019 54", "（国办发〔2019〕54号）"),
	    "国办发〔2019〕54", "brackets inside the match are part of it");
	is_str(span("zuidis", "最低生活"), "最低生",
	    "the last syllable begun covers its character");
	is_str(span("养老", "養老服務"), "養老", "the Traditional original");
	is_str(span("xyz", "最低生活"), "(none)", "no match, no span");
}

static void
test_hostile(void)
{
	struct query q;
	char *big;
	size_t n;

	is_int(query_parse(&q, "", 0), 0, "an empty query has no units");
	query_done(&q);
	is_int(query_parse(&q, "  \t〔〕()", 9), 0,
	    "spaces and brackets only: nothing to search");
	query_done(&q);
	is_int(query_parse(&q, NULL, 5), 0, "NULL is an empty query");
	query_done(&q);
	n = query_parse(&q, "\x1b[31m低\x01保\xff", 13);
	is_int(n, 5, "escape, brackets, controls and invalid bytes are dropped");
	query_done(&q);
	big = malloc(100000);
	memset(big, 'a', 100000);
	n = query_parse(&q, big, 100000);
	is_int(n, QUERY_MAX, "a very long query is cut to QUERY_MAX units");
	is_int(q.dropped, 100000 - QUERY_MAX, "and says how many were dropped");
	ok(!query_contains(&q, (const uint32_t *)"", 0), "it matches no empty text");
	query_done(&q);
	free(big);
	ok(!matches("a2019", "a4"), "digits after letters that are no "
	    "syllable are kept");
	ok(matches("a2019", "A2019"), "so Latin codes with numbers match");
}

int
main(void)
{
	test_chinese();
	test_traditional();
	test_full_pinyin();
	test_initials();
	test_mixed();
	test_polyphones();
	test_width_case_brackets();
	test_tiers();
	test_spans();
	test_hostile();
	return tap_done();
}
