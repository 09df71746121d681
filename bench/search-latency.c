/*
 * bench/search-latency --build CATALOGUE: the time to build the search
 * index alone (every item read back first, then search_index_* timed,
 * into a scratch file that is removed).
 *
 * bench/search-latency [--engine] CATALOGUE [GREP_FILE]: how long the kiosk's search
 * takes per keystroke. Realistic queries are typed one character at a
 * time (Chinese, Traditional, full pinyin, initials, mixed, everyday
 * words, sound-alike and one-slip typos, Chinese found only by runs of
 * its characters); each keystroke runs the search
 * the kiosk runs (data/search/find.h: synonyms from CHAYUE_SYNONYMS,
 * domain rows, sound-alikes when little is found, ranking; the best 200,
 * bounded effort) and reads the 10 results a screen shows. --engine: the
 * index's search alone (search_run), as every keystroke was before find.h,
 * to compare the two on the same machine and load. Prints
 * p50, p99 and max per kind of query over all keystrokes of three rounds,
 * the load time and the process's memory, and, with GREP_FILE (one line
 * of text per item), the time of `grep -F -c` for each final Chinese
 * query against a complete search (every match counted) for the same
 * query, with the ratio. Run by bench/search, which builds the catalogues.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "data/store/catalogue.h"
#include "data/search/query.h"
#include "data/search/engine.h"
#include "data/search/index.h"
#include "data/search/find.h"
#include "data/search/synonyms.h"

#define ROUNDS		3
#define KIOSK_LIMIT	200
#define SHOWN		10
#define MAX_SAMPLES	4096

static const struct {
	const char *kind;
	const char *text;
} queries[] = {
	{ "Chinese", "最低生活保障" },
	{ "Chinese", "养老服务补贴" },
	{ "Chinese", "政府信息公开条例" },
	{ "Chinese", "行政处罚" },
	{ "Traditional", "養老服務" },
	{ "Traditional", "農村危房改造" },
	{ "Traditional", "義務教育" },
	{ "full pinyin", "zuidishenghuobaozhang" },
	{ "full pinyin", "yanglaofuwu" },
	{ "full pinyin", "zhengfuxinxigongkai" },
	{ "full pinyin", "chongqing" },
	{ "initials", "zdshbz" },
	{ "initials", "ylfw" },
	{ "initials", "zfxxgk" },
	{ "initials", "ncwfgz" },
	{ "mixed", "zdsh保障" },
	{ "mixed", "养老fw" },
	{ "mixed", "国办发2017 97" },
	{ "everyday", "低保" },
	{ "everyday", "孩子上户口" },
	{ "everyday", "找工作" },
	{ "sound-alike", "最底生活保障" },
	{ "sound-alike", "户藉管理" },
	{ "sound-alike", "养老服物补贴" },
	{ "one-slip", "zuidishenhuo" },
	{ "one-slip", "yanglofuwu" },
	{ "word runs", "办健康证明" },
	{ "word runs", "房屋估价补偿" },
};
#define NQUERIES	(sizeof queries / sizeof queries[0])

static const char *const kinds[] = {
	"Chinese", "Traditional", "full pinyin", "initials", "mixed",
	"everyday", "sound-alike", "one-slip", "word runs",
};
#define NKINDS		(sizeof kinds / sizeof kinds[0])

static double samples[NKINDS][MAX_SAMPLES];
static size_t nsamples[NKINDS];

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long
status_kb(const char *field)
{
	char line[256];
	long kb = -1;
	FILE *fp = fopen("/proc/self/status", "r");

	while (fp != NULL && fgets(line, sizeof line, fp) != NULL) {
		if (strncmp(line, field, strlen(field)) == 0)
			kb = strtol(line + strlen(field) + 1, NULL, 10);
	}
	if (fp != NULL)
		fclose(fp);
	return kb;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static size_t
kind_index(const char *kind)
{
	size_t i;

	for (i = 0; i < NKINDS; i++) {
		if (strcmp(kinds[i], kind) == 0)
			return i;
	}
	return 0;
}

static struct find *fnd;
static int engine_only;		/* --engine: the index alone, no find.h */

/* The index's search alone (what a keystroke cost before data/search/find). */
static double
engine_keystroke(struct search *s, const char *text, size_t len,
    enum search_effort effort, size_t limit, size_t *total, double t0)
{
	struct search_results r;
	struct search_display d;
	struct query q;
	char *error = NULL;
	size_t i;

	query_parse(&q, text, len);
	if (search_run(s, &q, NULL, limit, effort, &r, &error) != 0) {
		fprintf(stderr, "search-latency: %s\n", error);
		free(error);
		query_done(&q);
		return -1;
	}
	for (i = 0; effort == SEARCH_BOUNDED && i < r.n && i < SHOWN; i++) {
		if (search_display(s, &q, &r.v[i], &d, &error) == 0)
			search_display_done(&d);
		else
			free(error);
	}
	*total = r.total;
	search_results_done(&r);
	query_done(&q);
	return now_ms() - t0;
}

/* One keystroke as the kiosk handles it; returns ms, -1 on error. */
static double
keystroke(struct search *s, const char *text, size_t len,
    enum search_effort effort, size_t limit, size_t *total)
{
	struct find_results r;
	struct search_display d;
	char *error = NULL;
	double t0 = now_ms();
	size_t i;

	if (engine_only)
		return engine_keystroke(s, text, len, effort, limit, total, t0);
	if (find_run(fnd, text, len, NULL, limit, effort, &r, &error) != 0) {
		fprintf(stderr, "search-latency: %s\n", error);
		free(error);
		find_results_done(&r);
		return -1;
	}
	for (i = 0; effort == SEARCH_BOUNDED && i < r.n && i < SHOWN; i++) {
		if (r.v[i].item == 0)
			continue;
		if (find_display(fnd, &r, i, &d, &error) == 0)
			search_display_done(&d);
		else
			free(error);
	}
	*total = r.total;
	find_results_done(&r);
	return now_ms() - t0;
}

/* Type text one character at a time (a Han character is one keystroke). */
static int
type_query(struct search *s, const char *text, size_t kind)
{
	size_t len = strlen(text), at = 0, total;
	double ms;

	while (at < len) {
		at++;
		while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
			at++;
		if ((ms = keystroke(s, text, at, SEARCH_BOUNDED, KIOSK_LIMIT,
		    &total)) < 0)
			return -1;
		if (nsamples[kind] < MAX_SAMPLES)
			samples[kind][nsamples[kind]++] = ms;
	}
	return 0;
}

static void
print_latency(void)
{
	size_t k, n;
	double *v;

	printf("  per keystroke (ms):      p50      p99      max   keystrokes\n");
	for (k = 0; k < NKINDS; k++) {
		v = samples[k];
		n = nsamples[k];
		if (n == 0)
			continue;
		qsort(v, n, sizeof *v, cmp_double);
		printf("    %-12s      %8.2f %8.2f %8.2f   %zu\n", kinds[k],
		    v[n / 2], v[(n * 99 + 99) / 100 - 1], v[n - 1], n);
	}
}

/* Median wall time of `grep -F -c text file` over 5 runs, ms. */
static double
grep_ms(const char *text, const char *file, long *count)
{
	double t[5], t0;
	char buf[64];
	int fd[2], i, status;
	pid_t pid;
	ssize_t n;

	for (i = 0; i < 5; i++) {
		if (pipe(fd) != 0)
			return -1;
		t0 = now_ms();
		if ((pid = fork()) == 0) {
			dup2(fd[1], 1);
			close(fd[0]);
			execlp("grep", "grep", "-F", "-c", "--", text, file,
			    (char *)NULL);
			_exit(127);
		}
		close(fd[1]);
		n = read(fd[0], buf, sizeof buf - 1);
		close(fd[0]);
		waitpid(pid, &status, 0);
		t[i] = now_ms() - t0;
		buf[n > 0 ? n : 0] = '\0';
		*count = strtol(buf, NULL, 10);
	}
	qsort(t, 5, sizeof t[0], cmp_double);
	return t[2];
}

static void
print_grep(struct search *s, const char *file)
{
	size_t i, total;
	double ours, theirs;
	long lines = 0;

	printf("  grep -F baseline (final query; grep: median of 5 runs; ours:"
	    " complete search, every match counted, best %d returned):\n",
	    KIOSK_LIMIT);
	for (i = 0; i < NQUERIES; i++) {
		if (strcmp(queries[i].kind, "Chinese") != 0)
			continue;
		theirs = grep_ms(queries[i].text, file, &lines);
		ours = keystroke(s, queries[i].text, strlen(queries[i].text),
		    SEARCH_COMPLETE, KIOSK_LIMIT, &total);
		printf("    %-24s grep %8.2f ms (%ld lines)   ours %7.2f ms"
		    " (%zu items)   ratio %.3f\n", queries[i].text, theirs, lines,
		    ours, total, ours / theirs);
	}
}

/* Index every item of cat again into a scratch file; prints the time. */
static int
build_index(struct catalogue *cat, const char *path)
{
	struct catalogue_info info;
	struct search_index *x;
	struct item it;
	char *error = NULL, *scratch = malloc(strlen(path) + 16);
	double t = 0, t0;
	sqlite3 *db;
	int64_t id;

	sprintf(scratch, "%s.bench-index", path);
	unlink(scratch);
	if (catalogue_info(cat, &info, &error) != 0 ||
	    sqlite3_open(scratch, &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous ="
	    " OFF; CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
	    " BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return 1;
	t0 = now_ms();
	x = search_index_create(db, &error);
	t += now_ms() - t0;
	for (id = 1; x != NULL && id <= (int64_t)info.items; id++) {
		if (catalogue_item(cat, id, &it, &error) != 0)
			return 1;
		t0 = now_ms();
		if (search_index_add(x, id, it.domain_id, &it, &error) != 0)
			return 1;
		t += now_ms() - t0;
		item_done(&it);
	}
	t0 = now_ms();
	if (x == NULL || search_index_finish(x, &error) != 0 ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return 1;
	search_index_free(x);
	t += now_ms() - t0;
	sqlite3_close(db);
	unlink(scratch);
	free(scratch);
	printf("  index build (alone): %.1f s for %zu items\n", t / 1000,
	    info.items);
	catalogue_info_done(&info);
	return 0;
}

int
main(int argc, char **argv)
{
	struct catalogue *cat;
	struct search *s;
	struct synonyms syn;
	char *error = NULL;
	double t0;
	size_t i, r;

	if (argc < 2) {
		fprintf(stderr, "usage: search-latency [--build] CATALOGUE"
		    " [GREP_FILE]\n");
		return 2;
	}
	if (strcmp(argv[1], "--engine") == 0 && argc > 2) {
		engine_only = 1;
		argv++;
		argc--;
	}
	if (strcmp(argv[1], "--build") == 0 && argc > 2) {
		if ((cat = catalogue_open(argv[2], &error)) == NULL ||
		    build_index(cat, argv[2]) != 0) {
			fprintf(stderr, "search-latency: cannot build the index\n");
			return 1;
		}
		catalogue_close(cat);
		return 0;
	}
	t0 = now_ms();
	if ((cat = catalogue_open(argv[1], &error)) == NULL ||
	    (s = search_open(cat, &error)) == NULL) {
		fprintf(stderr, "search-latency: %s\n", error);
		return 1;
	}
	synonyms_init(&syn);
	if (getenv("CHAYUE_SYNONYMS") != NULL && synonyms_load(&syn,
	    getenv("CHAYUE_SYNONYMS"), 0, &error) > 0)
		fprintf(stderr, "search-latency: %s", error);
	free(error);
	error = NULL;
	if ((fnd = find_open(s, cat, &syn, &error)) == NULL) {
		fprintf(stderr, "search-latency: %s\n", error);
		return 1;
	}
	printf("  load: %.0f ms, RSS after load %ld kB (%zu synonym groups)\n",
	    now_ms() - t0, status_kb("VmRSS:"), syn.n);
	for (r = 0; r < ROUNDS; r++) {
		for (i = 0; i < NQUERIES; i++) {
			if (type_query(s, queries[i].text,
			    kind_index(queries[i].kind)) != 0)
				return 1;
		}
	}
	print_latency();
	printf("  RSS after the queries %ld kB, peak %ld kB\n",
	    status_kb("VmRSS:"), status_kb("VmHWM:"));
	if (argc > 2)
		print_grep(s, argv[2]);
	find_close(fnd);
	synonyms_done(&syn);
	search_close(s);
	catalogue_close(cat);
	return 0;
}
