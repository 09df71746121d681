/*
 * Translation of user-visible strings through gettext. Message ids are
 * English; the default interface language is zh_CN. The language can be
 * switched while the program runs (F4 in the kiosk).
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

/* The language in use, as given to i18n_init or i18n_set_language. */
const char *i18n_language(void);

/*
 * The interface languages, in the order the language key cycles through
 * them: "zh_CN", "zh_TW", "en". Is code one of them?
 */
int i18n_language_known(const char *code);

/*
 * Switch the interface language at run time: every gettext() from now on
 * answers in it. Screens must lay themselves out again, since translated
 * strings they kept are in the old one. -1 if code is not known.
 */
int i18n_set_language(const char *code);

/* The language after the current one in the cycle (static string). */
const char *i18n_next_language(void);

/*
 * A language's name in that language (简体中文, 繁體中文, English), so a
 * visitor who cannot read the current one still finds theirs. Static.
 */
const char *i18n_language_name(const char *code);

#endif
