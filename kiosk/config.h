/*
 * The kiosk's configuration file: "key = value" lines, '#' comments.
 * Shared by chayue and chayue-admin so both find the same catalogue.
 */
#ifndef CHAYUE_CONFIG_H
#define CHAYUE_CONFIG_H

#include <stddef.h>

#define CONFIG_DEFAULT_PATH	SYSCONFDIR "/chayue.conf"
#define CONFIG_DEFAULT_CATALOGUE LOCALSTATEDIR "/lib/chayue/catalogue.db"
#define CONFIG_DEFAULT_IMPORT_DIR LOCALSTATEDIR "/lib/chayue/incoming"
/* The hall's own synonyms, added to the shipped ones (may be missing). */
#define CONFIG_DEFAULT_SYNONYMS	SYSCONFDIR "/chayue/synonyms.txt"
/* The shipped synonyms (data/synonyms.txt, installed in pkgdatadir). */
#define CONFIG_SHIPPED_SYNONYMS	PKGDATADIR "/synonyms.txt"

enum config_theme {
	CONFIG_THEME_NORMAL,
	CONFIG_THEME_CONTRAST,	/* high contrast */
	CONFIG_THEME_MONO,	/* no colours, attributes only */
};

/* Who may print item pages. */
enum config_print {
	CONFIG_PRINT_NO,	/* nobody: no print key */
	CONFIG_PRINT_VISITORS,	/* anyone at the terminal */
	CONFIG_PRINT_STAFF,	/* in kiosk mode, after the staff PIN */
};
#define CONFIG_PRINT_LIMIT_MAX	1000
/* hall_name and hall_help: bytes, one line on the home screen. */
#define CONFIG_TEXT_MAX		200

/* Longest and shortest walk-away time, seconds. */
#define CONFIG_IDLE_MIN		15
#define CONFIG_IDLE_MAX		86400

struct config {
	char	*catalogue;	/* catalogue file path */
	char	*language;	/* interface language: zh_CN, zh_TW, en */
	int	 ambiguous_width;	/* 1 or 2 columns */
	int	 kiosk;		/* 1: kiosk mode, 0: plain (staff desk) */
	int	 mouse;		/* 1: accept mouse and touch input */
	char	*locale_dir;	/* translations; NULL: the installed ones */
	char	*staff_pin;	/* crypt(3) hash of the staff PIN; NULL: none */
	int	 idle_seconds;	/* walk-away reset after this idle time; 0: never */
	int	 idle_seconds_reading;	/* the same on a page read (item, QR …) */
	int	 theme;		/* enum config_theme */
	int	 large_text;	/* double-spaced lists and pages */
	char	*log_file;	/* log here instead of syslog; NULL: syslog */
	/* Counts and hot items (data/stats/stats.h); NULL: beside the catalogue. */
	char	*state_file;
	int	 hot_most_viewed;	/* the home screen shows the most viewed */
	/*
	 * The floor of the most viewed: at least this many views in the
	 * window, on at least this many distinct days, so that no single
	 * visit (or day) shows to the next visitor.
	 */
	int	 hot_min_views;
	int	 hot_min_days;
	int	 keep_versions;	/* earlier catalogue versions kept (0-1000) */
	char	*import_dir;	/* the staff screen imports files from here */
	/* The hall's synonym file (data/search/synonyms.h), read at start. */
	char	*synonyms;
	size_t	 import_max_size;	/* bytes; a larger file is refused */
	int	 print;		/* enum config_print */
	char	*printer;	/* the CUPS queue; NULL: the default destination */
	char	*file;	/* the file config_read read (or would), for messages */
	/* The hall (issue 17): shown on the home screen; NULL: none. */
	char	*hall_name;	/* "某某市政务公开查阅大厅" */
	char	*hall_help;	/* "需要帮助请到 3 号窗口" */
	char	*notice_file;	/* a text file staff edit: opening hours … */
	int	 print_page_limit;	/* pages per visitor; 0: no limit */
	/*
	 * Set before loading by a program that does not use the PIN
	 * (chayue-admin pin, which makes a new one): a bad staff_pin line is
	 * then not an error but kept in pin_problem ("path:line: staff_pin:
	 * what is wrong; what to do"), and staff_pin is left as it was.
	 */
	int	 defer_pin_problem;
	char	*pin_problem;
};

/* The floor's defaults and ranges (the window is 30 days). */
#define CONFIG_HOT_MIN_VIEWS	20
#define CONFIG_HOT_MIN_VIEWS_MAX	100000
#define CONFIG_HOT_MIN_DAYS	3
#define CONFIG_HOT_MIN_DAYS_MAX	30

/* Defaults; release with config_done. */
void config_init(struct config *cfg);
void config_done(struct config *cfg);

/*
 * Read path into cfg. A missing file is not an error unless must_exist.
 * On error returns -1, leaves cfg unchanged and sets *error to
 * "path:line: what is wrong; what to do" (caller frees).
 */
int config_load(struct config *cfg, const char *path, int must_exist, char **error);

/*
 * Set one key as if from a configuration line (for command-line options
 * such as --idle). -1 with *error "key: what is wrong" (caller frees).
 */
int config_set(struct config *cfg, const char *key, const char *value,
    char **error);

/*
 * What both programs do at start: load path (NULL: the default file, which
 * may be missing), then let a --catalogue from the command line (NULL:
 * none) override the file's. -1 with *error as config_load.
 */
int config_read(struct config *cfg, const char *path, const char *catalogue,
    char **error);

#endif
