#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n/i18n.h"

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
}

const char *
i18n_language(void)
{
	return current;
}
