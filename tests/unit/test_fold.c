/*
 * The folding and pinyin layer: Traditional → Simplified both ways round
 * (both sides fold to Simplified), full-width and case, brackets and
 * spaces, tone marks; readings of polyphonic characters.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n/fold.h"
#include "i18n/pinyin.h"
#include "tests/unit/tap.h"

/* The folded form of s, as UTF-8 (static buffer). */
static const char *
folded(const char *s)
{
	static char out[1024];
	struct fold_text f;
	char *u;

	fold_text_init(&f);
	fold_text(&f, s, strlen(s));
	u = fold_text_utf8(&f);
	snprintf(out, sizeof out, "%s", u);
	free(u);
	fold_text_done(&f);
	return out;
}

static void
test_traditional(void)
{
	is_str(folded("養老服務"), "养老服务", "養老服務 folds to 养老服务");
	is_str(folded("养老服务"), "养老服务", "养老服务 stays as it is");
	is_str(folded("戶籍"), "户籍", "戶籍 folds to 户籍");
	is_str(folded("户籍"), "户籍", "户籍 stays as it is");
	is_str(folded("國務院"), "国务院", "國務院 folds to 国务院");
	is_str(folded("臺灣"), "台湾", "臺灣 folds to 台湾");
	is_str(folded("頭髮"), "头发", "頭髮 folds to 头发 (髮 and 發 both → 发)");
	is_str(folded("衞生"), "卫生", "the Hong Kong form 衞 folds to 卫");
	is_str(folded("諮詢"), "咨询", "諮 folds to 咨, as the catalogue writes it");
	is_str(folded("農村危房改造"), "农村危房改造", "a whole domain name");
	is_str(folded("最低生活保障"), "最低生活保障",
	    "Simplified text is left alone");
	is_str(folded("\xef\xa5\xa9"), folded("\xe6\x96\x99"),
	    "a compatibility ideograph (U+F969) folds like its unified twin");
}

static void
test_width_case_brackets(void)
{
	is_str(folded("２０２０"), "2020", "full-width digits are ASCII");
	is_str(folded("ＡＢＣ"), "abc", "full-width letters are ASCII, lower case");
	is_str(folded("ABC abc"), "abcabc", "case and spaces are folded away");
	is_str(folded("国办发〔2019〕54号"), "国办发201954号",
	    "〔〕 of a document number are dropped");
	is_str(folded("国办发[2019]54号"), "国办发201954号", "so are []");
	is_str(folded("国办发（2019）54号"), "国办发201954号", "（）");
	is_str(folded("国办发(2019)54号"), "国办发201954号", "and ()");
	is_str(folded("国办发【2019】54号"), "国办发201954号", "and 【】");
	is_str(folded("国办发2019 54"), "国办发201954",
	    "the query with a space folds to the same");
	is_str(folded("a\tb\nc\xe3\x80\x80""d"), "abcd",
	    "tabs, newlines and the ideographic space are dropped");
	is_str(folded("a\x01\x1b\xc2\x9b""b"), "ab", "control characters too");
	is_str(folded("a\xe2\x80\xae""b"), "ab", "and bidi overrides");
	is_str(folded("a\xff\xfe""b\xe4\xb8"), "ab", "invalid UTF-8 is skipped");
	is_str(folded("「依法」"), "“依法”", "「」 are the quotes “”");
	is_str(folded("zuì dī"), "zuidi", "tone marks are dropped");
	is_str(folded("lǜ LÜ"), "lvlv", "ü is v, as pinyin keyboards type it");
}

static void
test_offsets(void)
{
	struct fold_text f;
	const char *s = "〔2019〕５号";

	fold_text_init(&f);
	fold_text(&f, s, strlen(s));
	is_int(f.n, 6, "〔2019〕５号 has 6 units");
	is_int(f.at[0], 3, "the first unit starts after 〔");
	is_int(f.at[4], 10, "５ starts after 〕");
	is_int(f.v[4], '5', "and is 5");
	is_int(f.at[f.n], strlen(s), "at[n] is the length");
	fold_text_done(&f);
	fold_text_init(&f);
	fold_text(&f, "", 0);
	is_int(f.n, 0, "the empty text has no units");
	fold_text_done(&f);
}

/* Does c have the reading syl? */
static int
reads(const char *ch, const char *syl)
{
	struct fold_text f;
	const uint16_t *ids;
	size_t n, i;
	int found = 0;

	fold_text_init(&f);
	fold_text(&f, ch, strlen(ch));
	n = f.n == 1 ? pinyin_readings(f.v[0], &ids) : 0;
	for (i = 0; i < n; i++)
		found |= strcmp(pinyin_syllable(ids[i]), syl) == 0;
	fold_text_done(&f);
	return found;
}

static void
test_pinyin(void)
{
	const uint16_t *ids;

	ok(reads("行", "xing") && reads("行", "hang"), "行 reads xing and hang");
	ok(reads("长", "chang") && reads("长", "zhang"),
	    "长 reads chang and zhang");
	ok(reads("重", "chong") && reads("重", "zhong"),
	    "重 reads chong and zhong");
	ok(reads("乐", "le") && reads("乐", "yue"), "乐 reads le and yue");
	ok(reads("银", "yin") && !reads("银", "xing"), "银 reads yin only");
	ok(reads("绿", "lv") && reads("绿", "lu"), "绿 reads lv, also typed lu");
	ok(reads("最", "zui"), "最 reads zui");
	ok(reads("長", "zhang"), "長 folds to 长 and reads zhang");
	ok(pinyin_readings('a', &ids) == 0 && ids == NULL,
	    "a Latin letter has no reading");
	ok(pinyin_find("zhuang", 6) >= 0, "zhuang is a syllable");
	ok(pinyin_find("zhua", 4) >= 0 && pinyin_find("zhuan", 5) >= 0,
	    "zhua and zhuan are syllables");
	ok(pinyin_find("zhx", 3) < 0, "zhx is not");
	ok(pinyin_is_prefix("zhu", 3) && pinyin_is_prefix("zhuan", 5),
	    "zhu and zhuan start syllables");
	ok(!pinyin_is_prefix("uz", 2), "uz starts none");
	ok(pinyin_syllables() > 400, "there are over 400 syllables");
}

int
main(void)
{
	test_traditional();
	test_width_case_brackets();
	test_offsets();
	test_pinyin();
	return tap_done();
}
