#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "data/import/readfile.h"
#include "data/versions/versions.h"
#include "kiosk/config.h"
#include "kiosk/staff_pin.h"
#include "lib/xmalloc.h"

/*
 * A setter returns NULL on success or a static "what is wrong; what to do",
 * untranslated (N_): config_load says it in the language the file chose.
 */
typedef const char *(*config_setter)(struct config *, const char *);

static const char *
set_path(char **slot, const char *value)
{
	if (*value == '\0')
		return N_("empty path; give a file name or remove the line");
	free(*slot);
	*slot = xstrdup(value);
	return NULL;
}

static const char *
set_catalogue(struct config *cfg, const char *value)
{
	return set_path(&cfg->catalogue, value);
}

static const char *
set_import_dir(struct config *cfg, const char *value)
{
	return set_path(&cfg->import_dir, value);
}

static const char *
set_locale_dir(struct config *cfg, const char *value)
{
	return set_path(&cfg->locale_dir, value);
}

static const char *
set_staff_pin(struct config *cfg, const char *value)
{
	const char *why;

	/*
	 * Only a hash, and of a strong scheme: a PIN in clear would be
	 * readable by anyone with the file, one in MD5-crypt nearly so.
	 */
	if (pin_hash_check(value, &why) != 0)
		return N_(why);
	free(cfg->staff_pin);
	cfg->staff_pin = xstrdup(value);
	return NULL;
}

/* *slot = an idle time in seconds; else the message why. */
static const char *
set_seconds(int *slot, const char *value)
{
	char *end;
	long v = strtol(value, &end, 10);

	if (*value == '\0' || *end != '\0' ||
	    (v != 0 && (v < CONFIG_IDLE_MIN || v > CONFIG_IDLE_MAX)))
		return N_("not a number of seconds in range; use 0 (never) or "
		    "15 to 86400");
	*slot = (int)v;
	return NULL;
}

static const char *
set_idle(struct config *cfg, const char *value)
{
	return set_seconds(&cfg->idle_seconds, value);
}

/* A visitor reading an item page needs longer than one on a list. */
static const char *
set_idle_reading(struct config *cfg, const char *value)
{
	return set_seconds(&cfg->idle_seconds_reading, value);
}

/* *slot = the index of value among the n names; else the message why. */
static const char *
set_choice(int *slot, const char *value, const char *const *names, size_t n,
    const char *why)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(value, names[i]) == 0) {
			*slot = (int)i;
			return NULL;
		}
	}
	return why;
}

static const char *
set_theme(struct config *cfg, const char *value)
{
	static const char *const names[] = { "normal", "high-contrast", "mono" };

	return set_choice(&cfg->theme, value, names,
	    sizeof names / sizeof names[0],
	    N_("unknown theme; use normal, high-contrast or mono"));
}

static const char *
set_log_file(struct config *cfg, const char *value)
{
	return set_path(&cfg->log_file, value);
}

static const char *
set_language(struct config *cfg, const char *value)
{
	if (!i18n_language_known(value))
		return N_("unknown language; use zh_CN, zh_TW or en");
	free(cfg->language);
	cfg->language = xstrdup(value);
	return NULL;
}

static const char *
set_bool(int *slot, const char *value)
{
	if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 ||
	    strcmp(value, "1") == 0)
		*slot = 1;
	else if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0 ||
	    strcmp(value, "0") == 0)
		*slot = 0;
	else
		return N_("not a yes/no value; use yes or no");
	return NULL;
}

static const char *
set_kiosk(struct config *cfg, const char *value)
{
	if (strcmp(value, "kiosk") == 0)
		cfg->kiosk = 1;
	else if (strcmp(value, "plain") == 0)
		cfg->kiosk = 0;
	else
		return N_("unknown mode; use kiosk or plain");
	return NULL;
}

static const char *
set_mouse(struct config *cfg, const char *value)
{
	return set_bool(&cfg->mouse, value);
}

static const char *
set_large_text(struct config *cfg, const char *value)
{
	return set_bool(&cfg->large_text, value);
}

static const char *
set_ambiguous(struct config *cfg, const char *value)
{
	if (strcmp(value, "1") == 0)
		cfg->ambiguous_width = 1;
	else if (strcmp(value, "2") == 0)
		cfg->ambiguous_width = 2;
	else
		return N_("not a number of columns; use 1 or 2");
	return NULL;
}

static const char *
set_state_file(struct config *cfg, const char *value)
{
	return set_path(&cfg->state_file, value);
}

static const char *
set_synonyms(struct config *cfg, const char *value)
{
	return set_path(&cfg->synonyms, value);
}

static const char *
set_hot_most_viewed(struct config *cfg, const char *value)
{
	return set_bool(&cfg->hot_most_viewed, value);
}

/* *slot = value and 0 if it is a whole number from min to max; else -1. */
static int
parse_range(int *slot, const char *value, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || v < min || v > max)
		return -1;
	*slot = (int)v;
	return 0;
}

static const char *
set_hot_min_views(struct config *cfg, const char *value)
{
	if (parse_range(&cfg->hot_min_views, value, 1,
	    CONFIG_HOT_MIN_VIEWS_MAX) != 0)
		return N_("not a number of views in range; use 1 to 100000");
	return NULL;
}

static const char *
set_hot_min_days(struct config *cfg, const char *value)
{
	if (parse_range(&cfg->hot_min_days, value, 1,
	    CONFIG_HOT_MIN_DAYS_MAX) != 0)
		return N_("not a number of days in range; use 1 to 30 (the window "
		    "is 30 days)");
	return NULL;
}

static const char *
set_keep_versions(struct config *cfg, const char *value)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || n < 0 || n > 1000)
		return N_("not a number of versions; use 0 to 1000");
	cfg->keep_versions = (int)n;
	return NULL;
}

static const char *
set_import_max_size(struct config *cfg, const char *value)
{
	if (readfile_parse_size(value, &cfg->import_max_size) != 0)
		return N_("not a size from 1K to 16G; write it as bytes or with "
		    "K, M or G, as 64M");
	return NULL;
}

static const char *
set_print(struct config *cfg, const char *value)
{
	/* In the order of enum config_print. */
	static const char *const names[] = { "no", "visitors", "staff" };

	return set_choice(&cfg->print, value, names,
	    sizeof names / sizeof names[0],
	    N_("unknown value; use no, visitors or staff"));
}

static const char *
set_printer(struct config *cfg, const char *value)
{
	/* CUPS queue names: printable, no space, slash or '#' (lpadmin(8)). */
	if (*value == '\0' || strlen(value) > 127 ||
	    strpbrk(value, " \t/#\\\"'") != NULL)
		return N_("not a CUPS queue name; use the name lpstat -p shows");
	return set_path(&cfg->printer, value);
}

static const char *
set_print_page_limit(struct config *cfg, const char *value)
{
	char *end;
	long v = strtol(value, &end, 10);

	if (*value == '\0' || *end != '\0' || v < 0 || v > CONFIG_PRINT_LIMIT_MAX)
		return N_("not a number of pages in range; use 0 (no limit) to 1000");
	cfg->print_page_limit = (int)v;
	return NULL;
}

/* A line of text for the home screen: kept short, sanitised when drawn. */
static const char *
set_text(char **slot, const char *value)
{
	if (strlen(value) > CONFIG_TEXT_MAX)
		return N_("too long; keep it under 200 bytes");
	free(*slot);
	*slot = *value != '\0' ? xstrdup(value) : NULL;
	return NULL;
}

static const char *
set_hall_name(struct config *cfg, const char *value)
{
	return set_text(&cfg->hall_name, value);
}

static const char *
set_hall_help(struct config *cfg, const char *value)
{
	return set_text(&cfg->hall_help, value);
}

static const char *
set_notice_file(struct config *cfg, const char *value)
{
	return set_path(&cfg->notice_file, value);
}

static const struct {
	const char	*key;
	config_setter	 set;
} config_keys[] = {
	{ "catalogue", set_catalogue },
	{ "language", set_language },
	{ "ambiguous_width", set_ambiguous },
	{ "mode", set_kiosk },
	{ "mouse", set_mouse },
	{ "locale_dir", set_locale_dir },
	{ "staff_pin", set_staff_pin },
	{ "idle_seconds", set_idle },
	{ "idle_seconds_reading", set_idle_reading },
	{ "theme", set_theme },
	{ "large_text", set_large_text },
	{ "log_file", set_log_file },
	{ "state_file", set_state_file },
	{ "hot_most_viewed", set_hot_most_viewed },
	{ "hot_min_views", set_hot_min_views },
	{ "hot_min_days", set_hot_min_days },
	{ "keep_versions", set_keep_versions },
	{ "import_dir", set_import_dir },
	{ "synonyms", set_synonyms },
	{ "import_max_size", set_import_max_size },
	{ "print", set_print },
	{ "printer", set_printer },
	{ "print_page_limit", set_print_page_limit },
	{ "hall_name", set_hall_name },
	{ "hall_help", set_hall_help },
	{ "notice_file", set_notice_file },
};

void
config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->catalogue = xstrdup(CONFIG_DEFAULT_CATALOGUE);
	cfg->language = xstrdup("zh_CN");
	cfg->ambiguous_width = 1;
	cfg->kiosk = 0;
	cfg->mouse = 1;
	cfg->idle_seconds = 120;
	cfg->idle_seconds_reading = 300;
	cfg->keep_versions = VERSIONS_KEEP_DEFAULT;
	cfg->import_dir = xstrdup(CONFIG_DEFAULT_IMPORT_DIR);
	cfg->synonyms = xstrdup(CONFIG_DEFAULT_SYNONYMS);
	cfg->import_max_size = IMPORT_MAX_SIZE_DEFAULT;
	cfg->print_page_limit = 10;
	cfg->hot_min_views = CONFIG_HOT_MIN_VIEWS;
	cfg->hot_min_days = CONFIG_HOT_MIN_DAYS;
}

void
config_done(struct config *cfg)
{
	free(cfg->catalogue);
	free(cfg->language);
	free(cfg->locale_dir);
	free(cfg->staff_pin);
	free(cfg->log_file);
	free(cfg->state_file);
	free(cfg->import_dir);
	free(cfg->synonyms);
	free(cfg->printer);
	free(cfg->pin_problem);
	free(cfg->hall_name);
	free(cfg->hall_help);
	free(cfg->notice_file);
	free(cfg->file);
	memset(cfg, 0, sizeof *cfg);
}

static char *
trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* Apply one line; NULL or a message. */
static const char *
config_line(struct config *cfg, char *line, const char **key_out)
{
	char *eq, *key, *value;
	size_t i;

	*key_out = NULL;
	line = trim(line);
	if (*line == '\0' || *line == '#')
		return NULL;
	if ((eq = strchr(line, '=')) == NULL)
		return N_("expected \"key = value\"");
	*eq = '\0';
	key = trim(line);
	value = trim(eq + 1);
	for (i = 0; i < sizeof config_keys / sizeof config_keys[0]; i++) {
		if (strcmp(key, config_keys[i].key) == 0) {
			*key_out = config_keys[i].key;
			return config_keys[i].set(cfg, value);
		}
	}
	return N_("unknown key; known keys are catalogue, language, "
	    "ambiguous_width, mode, mouse, locale_dir, staff_pin, "
	    "idle_seconds, idle_seconds_reading, theme, large_text, log_file, state_file, "
	    "hot_most_viewed, hot_min_views, hot_min_days, print, printer, "
	    "print_page_limit, keep_versions, import_dir, import_max_size, "
	    "synonyms, hall_name, hall_help, notice_file");
}

/*
 * why (an N_() message) in the language the file being read chose so far,
 * for a "language = en" line above the bad one to be obeyed. Caller frees.
 */
static char *
config_why(const struct config *work, const char *why)
{
	const char	*was = i18n_language();
	char		*old, *msg;

	if (!i18n_language_known(was) || strcmp(was, work->language) == 0)
		return xstrdup(_(why));
	old = xstrdup(was);
	i18n_set_language(work->language);
	msg = xstrdup(_(why));
	i18n_set_language(old);
	free(old);
	return msg;
}

static void
config_copy(struct config *dst, const struct config *src)
{
	config_init(dst);
	free(dst->catalogue);
	free(dst->language);
	free(dst->import_dir);
	free(dst->synonyms);
	*dst = *src;
	dst->import_dir = xstrdup(src->import_dir);
	dst->synonyms = xstrdup(src->synonyms);
	dst->catalogue = xstrdup(src->catalogue);
	dst->language = xstrdup(src->language);
	dst->locale_dir = src->locale_dir ? xstrdup(src->locale_dir) : NULL;
	dst->staff_pin = src->staff_pin ? xstrdup(src->staff_pin) : NULL;
	dst->log_file = src->log_file ? xstrdup(src->log_file) : NULL;
	dst->state_file = src->state_file ? xstrdup(src->state_file) : NULL;
	dst->printer = src->printer ? xstrdup(src->printer) : NULL;
	dst->pin_problem = src->pin_problem ? xstrdup(src->pin_problem) : NULL;
	dst->hall_name = src->hall_name ? xstrdup(src->hall_name) : NULL;
	dst->hall_help = src->hall_help ? xstrdup(src->hall_help) : NULL;
	dst->notice_file = src->notice_file ? xstrdup(src->notice_file) : NULL;
	dst->file = src->file ? xstrdup(src->file) : NULL;
}

int
config_load(struct config *cfg, const char *path, int must_exist, char **error)
{
	struct config work;
	char buf[4096];
	const char *why, *key;
	char *msg;
	FILE *f;
	long lineno = 0;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT && !must_exist)
			return 0;
		*error = xasprintf(_("%s: %s; check the --config path"),
		    path, strerror(errno));
		return -1;
	}
	/* Parse into a copy so a bad file leaves cfg as it was. */
	config_copy(&work, cfg);
	while (fgets(buf, sizeof buf, f) != NULL) {
		lineno++;
		if (strchr(buf, '\n') == NULL && !feof(f)) {
			*error = xasprintf(_("%s:%ld: line too long; keep lines "
			    "under %zu bytes"), path, lineno, sizeof buf - 1);
			goto fail;
		}
		if ((why = config_line(&work, buf, &key)) != NULL &&
		    work.defer_pin_problem && key != NULL &&
		    strcmp(key, "staff_pin") == 0) {
			msg = config_why(&work, why);
			free(work.pin_problem);
			work.pin_problem = xasprintf("%s:%ld: %s: %s", path,
			    lineno, key, msg);
			free(msg);
			continue;
		}
		if (why != NULL) {
			msg = config_why(&work, why);
			*error = xasprintf("%s:%ld: %s%s%s", path, lineno,
			    key ? key : "", key ? ": " : "", msg);
			free(msg);
			goto fail;
		}
	}
	if (ferror(f)) {
		*error = xasprintf(_("%s: cannot read: %s; check the --config path"),
		    path, strerror(errno));
		goto fail;
	}
	fclose(f);
	config_done(cfg);
	*cfg = work;
	return 0;
fail:
	fclose(f);
	config_done(&work);
	return -1;
}

int
config_read(struct config *cfg, const char *path, const char *catalogue,
    char **error)
{
	if (config_load(cfg, path != NULL ? path : CONFIG_DEFAULT_PATH,
	    path != NULL, error) != 0)
		return -1;
	free(cfg->file);
	cfg->file = xstrdup(path != NULL ? path : CONFIG_DEFAULT_PATH);
	if (catalogue != NULL) {
		free(cfg->catalogue);
		cfg->catalogue = xstrdup(catalogue);
	}
	return 0;
}

int
config_set(struct config *cfg, const char *key, const char *value,
    char **error)
{
	const char *why = N_("unknown key");
	size_t i;

	for (i = 0; i < sizeof config_keys / sizeof config_keys[0]; i++) {
		if (strcmp(key, config_keys[i].key) == 0)
			why = config_keys[i].set(cfg, value);
	}
	if (why != NULL) {
		*error = xasprintf("%s: %s", key, _(why));
		return -1;
	}
	return 0;
}
