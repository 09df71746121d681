#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"

/*
 * GNU gettext caches translations; bumping this counter (exported by
 * glibc and libintl for exactly this purpose) makes it look again after
 * LANGUAGE changed.
 */
extern int _nl_msg_cat_cntr;

/* The interface languages and their own names for themselves. */
static const struct {
	const char	*code;
	const char	*name;
} i18n_languages[] = {
	{ "zh_CN", "简体中文" },
	{ "zh_TW", "繁體中文" },
	{ "en", "English" },
};
#define I18N_NLANGUAGES	(sizeof i18n_languages / sizeof i18n_languages[0])

/* The language in use; a copy, since the caller's configuration may go. */
static char current[32] = "zh_CN";

void
i18n_init(const char *language, const char *localedir)
{
	if (language != NULL && *language != '\0')
		snprintf(current, sizeof current, "%s", language);
	/*
	 * LANGUAGE takes precedence over LC_MESSAGES in GNU gettext, so the
	 * interface language is the configured one whatever locale the
	 * supervisor started us in (which only has to be a UTF-8 one).
	 */
	setenv("LANGUAGE", current, 1);
	bindtextdomain(PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	++_nl_msg_cat_cntr;
}

const char *
i18n_language(void)
{
	return current;
}

/* Index of code in the table, or -1. */
static int
i18n_index(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < I18N_NLANGUAGES; i++) {
		if (strcmp(code, i18n_languages[i].code) == 0)
			return (int)i;
	}
	return -1;
}

int
i18n_language_known(const char *code)
{
	return i18n_index(code) >= 0;
}

int
i18n_set_language(const char *code)
{
	if (i18n_index(code) < 0)
		return -1;
	snprintf(current, sizeof current, "%s", code);
	setenv("LANGUAGE", current, 1);
	++_nl_msg_cat_cntr;
	return 0;
}

const char *
i18n_next_language(void)
{
	int i = i18n_index(current);

	return i18n_languages[(size_t)(i + 1) % I18N_NLANGUAGES].code;
}

const char *
i18n_language_name(const char *code)
{
	int i = i18n_index(code);

	return i >= 0 ? i18n_languages[i].name : code;
}
