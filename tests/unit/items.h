/*
 * An item for the unit tests and fuzz targets that build a catalogue: the
 * elements given (NULL: empty), the three level flags given, every other
 * flag unstated. The strings are the caller's; the item only points at
 * them (never item_done it).
 */
#ifndef CHAYUE_TEST_ITEMS_H
#define CHAYUE_TEST_ITEMS_H

#include <string.h>

#include "data/store/catalogue.h"

static inline struct item
item_for_test(const char *domain, const char *level1, const char *level2,
    const char *content, const char *jurisdiction, enum flag county,
    enum flag township, enum flag village)
{
	struct item it;

	memset(&it, 0, sizeof it);
	it.domain = (char *)domain;
	it.level1 = (char *)level1;
	it.level2 = (char *)level2;
	it.content = (char *)content;
	it.jurisdiction = (char *)jurisdiction;
	it.audience_all = it.audience_specific = FLAG_UNSTATED;
	it.method_active = it.method_on_request = FLAG_UNSTATED;
	it.level_county = county;
	it.level_township = township;
	it.level_village = village;
	return it;
}

/*
 * A small catalogue's items, for tests that search its image: 最低生活保障
 * three times (twice as a name, once inside one), Traditional text,
 * a citation, full-width letters, letters in a content.
 */
#define ITEMS_SAMPLE	6

static inline void
items_sample(struct item it[ITEMS_SAMPLE])
{
	static const char *const v[ITEMS_SAMPLE][5] = {
		{ "社会救助", "低保", "最低生活保障", "按标准发放", "晋江市" },
		{ "养老服务", "补贴", "最低生活保障对象认定", "", "晋江市" },
		{ "户籍管理", "迁移", "戶籍遷移", "辦理戶口遷移", "臺北" },
		{ "社会救助", "低保", "最低生活保障", "", "安海镇" },
		{ "财政预决算", "文件", "预算公开", "依据国办发〔2019〕54号",
		    "ＡＢＣ开发区" },
		{ "社会救助", "临时救助", "", "急难救助 zhongda", "安海镇" },
	};
	int i;

	for (i = 0; i < ITEMS_SAMPLE; i++)
		it[i] = item_for_test(v[i][0], v[i][1], v[i][2], v[i][3],
		    v[i][4], FLAG_YES, FLAG_YES, FLAG_UNSTATED);
}

#endif
