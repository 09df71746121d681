/*
 * Translation of user-visible strings through gettext. Message ids are
 * English; the default interface language is zh_CN.
 */
#ifndef CHAYUE_I18N_H
#define CHAYUE_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)

/*
 * Select the interface language (e.g. "zh_CN", "en") and where the message
 * catalogues live. Must run after setlocale(). localedir may be NULL for the
 * installed one.
 */
void i18n_init(const char *language, const char *localedir);

/* The language in use, as given to i18n_init. */
const char *i18n_language(void);

#endif
