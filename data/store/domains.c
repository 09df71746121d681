#include <config.h>

#include <stddef.h>
#include <string.h>

#include "data/store/domains.h"

/*
 * Standard order and names as in DOMAIN.md; the aliases are the names
 * the seeds and published tables use for the same domain.
 */
static const struct domains_entry domains_table[DOMAINS_COUNT] = {
	{ "城乡规划", { "国土空间规划", NULL } },
	{ "重大建设项目", { NULL } },
	{ "公共资源交易", { NULL } },
	{ "财政预决算", { NULL } },
	{ "安全生产", { NULL } },
	{ "税收管理", { NULL } },
	{ "农村集体土地征收", { "征地补偿", NULL } },
	{ "国有土地上房屋征收与补偿",
	    { "国有土地上房屋征收", "国有土地上房屋征收补偿", NULL } },
	{ "保障性住房", { NULL } },
	{ "农村危房改造", { NULL } },
	{ "生态环境", { "环境保护", NULL } },
	{ "公共文化服务", { NULL } },
	{ "公共法律服务", { NULL } },
	{ "扶贫", { "乡村振兴", "脱贫攻坚", NULL } },
	{ "救灾", { NULL } },
	{ "食品药品监管", { NULL } },
	{ "城市综合执法", { NULL } },
	{ "就业", { "就业创业", NULL } },
	{ "社会保险", { NULL } },
	{ "社会救助", { NULL } },
	{ "养老服务", { NULL } },
	{ "户籍管理", { NULL } },
	{ "涉农补贴", { NULL } },
	{ "义务教育", { NULL } },
	{ "卫生健康", { "医疗卫生", NULL } },
	{ "市政服务", { NULL } },
};

const struct domains_entry *
domains_get(int position)
{
	if (position < 1 || position > DOMAINS_COUNT)
		return NULL;
	return &domains_table[position - 1];
}

/* Length of the white space at s: ASCII blanks or U+3000, else 0. */
static size_t
domains_space(const char *s, size_t len)
{
	if (len >= 1 && strchr(" \t\r\n\v\f", s[0]) != NULL && s[0] != '\0')
		return 1;
	if (len >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* Trailing white space ending at s + len, in bytes. */
static size_t
domains_space_back(const char *s, size_t len)
{
	if (len >= 1 && strchr(" \t\r\n\v\f", s[len - 1]) != NULL &&
	    s[len - 1] != '\0')
		return 1;
	if (len >= 3 && memcmp(s + len - 3, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

static int
domains_equal(const char *name, size_t len, const char *want)
{
	return strlen(want) == len && memcmp(name, want, len) == 0;
}

const char *
domains_trim(const char *name, size_t *len)
{
	size_t n;

	*len = strlen(name);
	while ((n = domains_space(name, *len)) != 0) {
		name += n;
		*len -= n;
	}
	while ((n = domains_space_back(name, *len)) != 0)
		*len -= n;
	return name;
}

int
domains_lookup(const char *name)
{
	size_t len;
	int i, j;

	if (name == NULL)
		return 0;
	name = domains_trim(name, &len);
	for (i = 0; i < DOMAINS_COUNT; i++) {
		if (domains_equal(name, len, domains_table[i].name))
			return i + 1;
		for (j = 0; domains_table[i].aliases[j] != NULL; j++) {
			if (domains_equal(name, len, domains_table[i].aliases[j]))
				return i + 1;
		}
	}
	return 0;
}
