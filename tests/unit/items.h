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

#endif
