/*
 * Build-time generator: every Mandarin reading of every Han character, for
 * pinyin search (i18n/pinyin.c). Reads Unihan_Readings.txt (Debian package
 * unicode-data; make decompresses it) on stdin and writes a C header.
 *
 * A character gets the readings of kMandarin (the common one, listed first),
 * kXHC1983 (现代汉语词典: every reading, so 行 has xing and hang, 长 chang
 * and zhang, 重 zhong and chong) and kTGHZ2013 (通用规范汉字字典); a rare
 * character with none of these gets kHanyuPinyin's. Tones are dropped, ü is
 * written v, and a syllable with ü is also listed with u (lv and lu), the
 * two ways people type it.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SYLLABLES	1024
#define MAX_CHARS	0x110000
#define MAX_READINGS	8
#define SYL_LEN		8
#define DENSE_FIRST	0x3400
#define DENSE_LAST	0x9FFF

static char syllables[MAX_SYLLABLES][SYL_LEN];
static size_t nsyllables;

/* Per code point: reading ids (index into syllables) and how many. */
struct gen_char {
	uint16_t	ids[MAX_READINGS];
	uint8_t		n;
	uint8_t		fallback;	/* only kHanyuPinyin readings so far */
};
static struct gen_char *chars;

/* Accented pinyin letters and what they are without the tone mark. */
static const struct {
	uint32_t	cp;
	char		letter;
} gen_letters[] = {
	{ 0xE0, 'a' }, { 0xE1, 'a' }, { 0x101, 'a' }, { 0x1CE, 'a' },
	{ 0xE8, 'e' }, { 0xE9, 'e' }, { 0xEA, 'e' }, { 0x113, 'e' },
	{ 0x11B, 'e' }, { 0x1EBF, 'e' }, { 0x1EC1, 'e' },
	{ 0xEC, 'i' }, { 0xED, 'i' }, { 0x12B, 'i' }, { 0x1D0, 'i' },
	{ 0xF2, 'o' }, { 0xF3, 'o' }, { 0x14D, 'o' }, { 0x1D2, 'o' },
	{ 0xF9, 'u' }, { 0xFA, 'u' }, { 0x16B, 'u' }, { 0x1D4, 'u' },
	{ 0xFC, 'v' }, { 0x1D6, 'v' }, { 0x1D8, 'v' }, { 0x1DA, 'v' },
	{ 0x1DC, 'v' },
	{ 0x144, 'n' }, { 0x148, 'n' }, { 0x1F9, 'n' },
	{ 0x1E3F, 'm' },
};

static uint32_t
gen_utf8(const unsigned char **p)
{
	const unsigned char *s = *p;
	uint32_t c;
	int n, i;

	if (s[0] < 0x80) {
		*p = s + 1;
		return s[0];
	}
	n = (s[0] & 0xE0) == 0xC0 ? 1 : (s[0] & 0xF0) == 0xE0 ? 2 : 3;
	c = s[0] & (0x3F >> n);
	for (i = 1; i <= n && s[i] != '\0'; i++)
		c = (c << 6) | (s[i] & 0x3F);
	*p = s + i;
	return c;
}

/* A reading without tones into out; 0, or -1 if it is not pinyin. */
static int
gen_toneless(const char *reading, char *out)
{
	const unsigned char *p = (const unsigned char *)reading;
	size_t n = 0, i;
	uint32_t c;
	char letter;

	while (*p != '\0') {
		c = gen_utf8(&p);
		letter = 0;
		if (c >= 'a' && c <= 'z')
			letter = (char)c;
		else if (c == 0x308 && n > 0 && out[n - 1] == 'u')
			out[n - 1] = 'v';	/* u + combining diaeresis */
		else if (c >= 0x300 && c <= 0x36F)
			continue;		/* a combining tone mark */
		for (i = 0; letter == 0 && i < sizeof gen_letters /
		    sizeof gen_letters[0]; i++) {
			if (gen_letters[i].cp == c)
				letter = gen_letters[i].letter;
		}
		if (letter == 0 && (c < 0x300 || c > 0x36F))
			return -1;
		if (letter != 0) {
			if (n + 1 >= SYL_LEN)
				return -1;
			out[n++] = letter;
		}
	}
	out[n] = '\0';
	return n > 0 ? 0 : -1;
}

static uint16_t
gen_syllable_id(const char *s)
{
	size_t i;

	for (i = 0; i < nsyllables; i++) {
		if (strcmp(syllables[i], s) == 0)
			return (uint16_t)i;
	}
	if (nsyllables == MAX_SYLLABLES) {
		fprintf(stderr, "gen-pinyin: too many syllables\n");
		exit(1);
	}
	snprintf(syllables[nsyllables], SYL_LEN, "%s", s);
	return (uint16_t)nsyllables++;
}

static void
gen_add_id(struct gen_char *ch, uint16_t id)
{
	int i;

	for (i = 0; i < ch->n; i++) {
		if (ch->ids[i] == id)
			return;
	}
	if (ch->n < MAX_READINGS)
		ch->ids[ch->n++] = id;
}

/* Add a toneless reading, and its u spelling if it has ü. */
static void
gen_add(uint32_t cp, const char *reading)
{
	char s[SYL_LEN], *v;

	if (gen_toneless(reading, s) != 0)
		return;
	gen_add_id(&chars[cp], gen_syllable_id(s));
	if ((v = strchr(s, 'v')) != NULL) {
		*v = 'u';
		gen_add_id(&chars[cp], gen_syllable_id(s));
	}
}

/*
 * The values of one field: "xíng háng" (kMandarin), "0442.080:háng ..."
 * (kXHC1983, kTGHZ2013) or "20811.060:háng,xìng" (kHanyuPinyin).
 */
static void
gen_field(uint32_t cp, char *value)
{
	char *word, *save = NULL, *r, *save2 = NULL, *colon;

	for (word = strtok_r(value, " ", &save); word != NULL;
	    word = strtok_r(NULL, " ", &save)) {
		colon = strchr(word, ':');
		word = colon != NULL ? colon + 1 : word;
		for (r = strtok_r(word, ",", &save2); r != NULL;
		    r = strtok_r(NULL, ",", &save2))
			gen_add(cp, r);
	}
}

static void
gen_line(char *line)
{
	char *field, *value, *tab;
	unsigned long cp;
	struct gen_char *ch;
	int fallback;

	if (strncmp(line, "U+", 2) != 0 || (tab = strchr(line, '\t')) == NULL)
		return;
	cp = strtoul(line + 2, NULL, 16);
	field = tab + 1;
	if (cp >= MAX_CHARS || (tab = strchr(field, '\t')) == NULL)
		return;
	*tab = '\0';
	value = tab + 1;
	value[strcspn(value, "\r\n")] = '\0';
	fallback = strcmp(field, "kHanyuPinyin") == 0;
	if (!fallback && strcmp(field, "kMandarin") != 0 &&
	    strcmp(field, "kXHC1983") != 0 && strcmp(field, "kTGHZ2013") != 0)
		return;
	ch = &chars[cp];
	if (fallback && ch->n > 0 && !ch->fallback)
		return;
	if (!fallback && ch->fallback) {
		ch->n = 0;	/* better sources replace kHanyuPinyin */
		ch->fallback = 0;
	}
	if (fallback)
		ch->fallback = 1;
	gen_field((uint32_t)cp, value);
}

static int
gen_cmp(const void *a, const void *b)
{
	return strcmp(syllables[*(const uint16_t *)a],
	    syllables[*(const uint16_t *)b]);
}

/* Renumber syllables in alphabetical order, so the table is searchable. */
static void
gen_sort(uint16_t *rank)
{
	uint16_t order[MAX_SYLLABLES];
	char sorted[MAX_SYLLABLES][SYL_LEN];
	size_t i;

	for (i = 0; i < nsyllables; i++)
		order[i] = (uint16_t)i;
	qsort(order, nsyllables, sizeof order[0], gen_cmp);
	for (i = 0; i < nsyllables; i++) {
		rank[order[i]] = (uint16_t)i;
		memcpy(sorted[i], syllables[order[i]], SYL_LEN);
	}
	memcpy(syllables, sorted, sizeof sorted);
}

/* (n << 24) | offset of a character's ids in pinyin_ids; 0: none. */
static size_t
gen_packed(uint32_t cp, size_t *nids)
{
	size_t v;

	if (chars[cp].n == 0)
		return 0;
	v = *nids | ((size_t)chars[cp].n << 24);
	*nids += chars[cp].n;
	return v;
}

/*
 * The common CJK block is a direct table (one lookup per character when
 * matching); the few other characters with readings are a sorted list.
 */
static void
gen_print_chars(void)
{
	uint32_t cp;
	size_t nids = 0, nsparse = 0;

	printf("#define PINYIN_DENSE_FIRST 0x%X\n#define PINYIN_DENSE_LAST 0x%X\n",
	    DENSE_FIRST, DENSE_LAST);
	printf("static const uint32_t pinyin_dense[] = {");
	for (cp = DENSE_FIRST; cp <= DENSE_LAST; cp++)
		printf("%s%zu,", (cp - DENSE_FIRST) % 8 == 0 ? "\n\t" : " ",
		    gen_packed(cp, &nids));
	printf("\n};\nstatic const uint32_t pinyin_sparse[][2] = {\n");
	for (cp = 0; cp < MAX_CHARS; cp++) {
		if (chars[cp].n == 0 || (cp >= DENSE_FIRST && cp <= DENSE_LAST))
			continue;
		printf("\t{ 0x%05X, %zu },\n", (unsigned)cp, gen_packed(cp, &nids));
		nsparse++;
	}
	printf("};\n#define PINYIN_SPARSE %zu\n", nsparse);
}

/* The ids in the order gen_print_chars numbered them. */
static void
gen_print_ids(const uint16_t *rank)
{
	size_t i, n = 0;
	uint32_t cp, pass;

	printf("static const uint16_t pinyin_ids[] = {");
	for (pass = 0; pass < 2; pass++) {
		for (cp = 0; cp < MAX_CHARS; cp++) {
			if ((cp >= DENSE_FIRST && cp <= DENSE_LAST) != (pass == 0))
				continue;
			for (i = 0; i < chars[cp].n; i++, n++)
				printf("%s%u,", n % 16 == 0 ? "\n\t" : " ",
				    (unsigned)rank[chars[cp].ids[i]]);
		}
	}
	printf("\n};\n");
}

static void
gen_print(const uint16_t *rank)
{
	size_t i;

	printf("/* Generated by i18n/gen-pinyin from Unihan_Readings.txt."
	    " Do not edit. */\n");
	printf("#define PINYIN_SYLLABLES %zu\n", nsyllables);
	printf("static const char pinyin_names[PINYIN_SYLLABLES][%d] = {\n",
	    SYL_LEN);
	for (i = 0; i < nsyllables; i++)
		printf("\t\"%s\",\n", syllables[i]);
	printf("};\n");
	gen_print_chars();
	gen_print_ids(rank);
}

int
main(void)
{
	static char line[4096];
	static uint16_t rank[MAX_SYLLABLES];
	size_t lines = 0;

	chars = calloc(MAX_CHARS, sizeof *chars);
	if (chars == NULL)
		return 1;
	while (fgets(line, sizeof line, stdin) != NULL) {
		gen_line(line);
		lines++;
	}
	if (lines == 0 || nsyllables == 0) {
		fprintf(stderr, "gen-pinyin: no readings on standard input;"
		    " install Debian package unicode-data\n");
		return 1;
	}
	gen_sort(rank);
	gen_print(rank);
	free(chars);
	return 0;
}
