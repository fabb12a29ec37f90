/* test_props.c: a property test over 100,000 generated specs.
 *
 * Every spec is generated from a seeded PRNG (splitmix64, one stream per spec, so any one spec can be
 * rebuilt alone) over every fact of the default table, found through the API: its type, its declared
 * values, its range and the table's constants (ds_fact_boundaries), each at, beside and +-1 around, plus
 * random values, several spellings of one number, absent (unknown) facts, booleans both ways, free
 * strings. About 5% of the specs carry one bad value or one unknown key. Each spec goes four ways:
 *
 *   CLI    an argv (flags in random order, --x=V or --x V, --no- forms, an earlier value overridden)
 *          through cli_parse(), in-process;
 *   JSON   the same spec as one line of JSON through ds_spec_read_json() (one spec reused);
 *   YAML   the same spec as a YAML document through ds_spec_parse_yaml();
 *   batch  all the JSON lines in one file, through the built binary once (DS_BIN --batch FILE
 *          --format ndjson), its output read back line by line while the other routes run.
 *
 * For a good spec: (1) exactly one of recommendation and fallback is set, the fallback on conflict only;
 * (2) the decision (model, status, recommendation, fallback, every fired rule's ref, id and state) is the
 * same on all four routes, and so is the whole rendered NDJSON (byte for byte; the CLI's has no id);
 * (3) the NDJSON parses back with cJSON and says what the accessors say; (4) no rule (ref and id) is
 * listed twice; (5) evaluating again, fresh or into a reused result, renders the same bytes.
 * For a bad spec: every route refuses it (cli_parse 64, DS_ERR_SPEC, an error record with its line and
 * id in its place in the batch). For a spec with a long string, whose fate no API tells: the routes agree.
 * The batch writes one line per spec, in order, and exits with the worst status (65 > 1 > 0). On a full
 * run the generator must have fired every rule, reached every rule state and outcome, and tried every
 * number candidate in a good spec.
 *
 * Environment: DS_PROPS_SEED (default below), DS_PROPS_N (default 100000), DS_PROPS_FIRST (default 0):
 * a failure names the seed and the spec's index, and DS_PROPS_FIRST=i DS_PROPS_N=1 reruns that one.
 * DS_PROPS_DUMP=1 prints every spec in its three spellings.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "options.h"
#include "testutil.h"

#ifndef DS_BIN
#error "DS_BIN must name the built dsselect binary (tests/CMakeLists.txt)"
#endif

extern char **environ;

#define PROPS_SEED 0x5EED0D5E1EC7ULL
#define PROPS_N 100000UL
#define MAXF 64       /* facts */
#define MAXCAND 512   /* number candidates per fact */
#define MAXE (MAXF + 2)
#define MAXARGV 160
#define TXT (1 << 16)

/* ---- the PRNG: splitmix64, one stream per spec ---- */

struct rng {
	uint64_t s;
};

static uint64_t rnext(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static size_t rbelow(struct rng *r, size_t n) { return n ? (size_t)(rnext(r) % n) : 0; }
static int rpm(struct rng *r, unsigned per_mille) { return rbelow(r, 1000) < per_mille; }

/* ---- the facts of the table, and the values to try for each ---- */

struct cand {
	double v;          /* its value, as strtod reads text */
	char text[48];     /* its spelling, "" to spell v */
};

struct finfo {
	const char *key, *flag;
	ds_fact_type type;
	unsigned range;
	double lo, hi;
	struct cand good[MAXCAND], bad[MAXCAND];
	size_t ngood, nbad;
	double rand_hi; /* random values are drawn below this */
	const char *values[16];
	size_t nvalues;
	unsigned long used_good[MAXCAND]; /* how often each good value was in a good spec */
};

static struct finfo F[MAXF];
static size_t NF;
static uint64_t seed;
static unsigned long first_idx, count;

/* Whether v is a value fact f takes (the oracle for the generator; the routes must agree with it). */
static int num_ok(const struct finfo *f, double v)
{
	if (!isfinite(v))
		return 0;
	if (f->type == DS_FACT_INTEGER && (v != floor(v) || fabs(v) >= 9007199254740992.0))
		return 0;
	if (f->range & DS_RANGE_MIN && (v < f->lo || (f->range & DS_RANGE_MIN_EXCL && v == f->lo)))
		return 0;
	if (f->range & DS_RANGE_MAX && (v > f->hi || (f->range & DS_RANGE_MAX_EXCL && v == f->hi)))
		return 0;
	return 1;
}

static void add_cand(struct finfo *f, double v, const char *text, int force_bad)
{
	struct cand *c;
	int ok = !force_bad && num_ok(f, v);
	size_t *n = ok ? &f->ngood : &f->nbad;

	if (*n >= MAXCAND)
		fail_msg("%s: more than %d number candidates; raise MAXCAND", f->key, MAXCAND);
	c = ok ? &f->good[*n] : &f->bad[*n];
	c->v = v;
	snprintf(c->text, sizeof c->text, "%s", text ? text : "");
	++*n;
}

static void add_num(struct finfo *f, double v) { add_cand(f, v, NULL, 0); }

/*
 * A nonzero literal that underflows to 0: the JSON reader once took it as 0 (strtod) while the flags and
 * YAML refused it; every route must refuse it.
 */
static const char *const underflow_texts[] = {"1e-400", "2.5e-999"};

static void build_facts(void)
{
	size_t i, j, k;

	NF = ds_ruleset_fact_count(rs);
	assert_true(NF > 0 && NF <= MAXF);
	memset(F, 0, sizeof F);
	for (i = 0; i < NF; i++) {
		struct finfo *f = &F[i];
		double b[64], top = 0;
		size_t nb;

		f->key = ds_fact_key(rs, i);
		f->flag = ds_fact_flag(rs, i);
		f->type = ds_fact_type_of(rs, i);
		f->nvalues = ds_fact_value_count(rs, i);
		assert_true(f->nvalues <= 16);
		for (j = 0; j < f->nvalues; j++)
			f->values[j] = ds_fact_value(rs, i, j);
		if (f->type != DS_FACT_NUMBER && f->type != DS_FACT_INTEGER)
			continue;
		f->range = ds_fact_range(rs, i, &f->lo, &f->hi);
		nb = ds_fact_boundaries(rs, i, b, 64);
		for (j = 0; j < nb; j++) { /* every constant: at, beside, and +-1 (+-0.5 for numbers) */
			add_num(f, b[j]);
			add_num(f, b[j] - 1);
			add_num(f, b[j] + 1);
			add_num(f, b[j] + 0.5); /* bad for an integer */
			if (f->type == DS_FACT_NUMBER) {
				add_num(f, b[j] - 0.5);
				add_num(f, nextafter(b[j], -INFINITY));
				add_num(f, nextafter(b[j], INFINITY));
			}
			if (fabs(b[j]) > top)
				top = fabs(b[j]);
		}
		if (f->range & DS_RANGE_MIN) {
			add_num(f, f->lo);
			add_num(f, f->lo - 1);
			add_num(f, f->lo + 1);
			if (f->type == DS_FACT_NUMBER) {
				add_num(f, nextafter(f->lo, -INFINITY));
				add_num(f, nextafter(f->lo, INFINITY));
			} else {
				add_num(f, f->lo - 0.5);
			}
			if (f->lo == 0)
				add_cand(f, -0.0, "-0", 0);
		}
		if (f->range & DS_RANGE_MAX) {
			add_num(f, f->hi);
			add_num(f, f->hi - 1);
			add_num(f, f->hi + 1);
			if (f->type == DS_FACT_NUMBER) {
				add_num(f, nextafter(f->hi, -INFINITY));
				add_num(f, nextafter(f->hi, INFINITY));
			}
			f->rand_hi = f->hi;
		} else {
			add_num(f, 9007199254740991.0); /* 2^53 - 1: the largest exact integer */
			add_num(f, 9007199254740992.0); /* 2^53: too large for an integer fact */
			if (f->type == DS_FACT_NUMBER)
				add_num(f, 1e308);
			f->rand_hi = top * 4 + 100;
		}
		add_cand(f, INFINITY, "1e400", 0);
		add_cand(f, -INFINITY, "-1e400", 0);
		for (k = 0; k < sizeof underflow_texts / sizeof underflow_texts[0]; k++)
			add_cand(f, 0, underflow_texts[k], 1);
		assert_true(f->ngood > 0);
	}
}

/* ---- one generated spec, and its three spellings ---- */

enum ekind { E_NUM, E_STR, E_BOOL, E_LIST };

struct entry {
	long fi;            /* fact index; -1: an unknown key */
	char key[72], flag[72];
	enum ekind kind;
	char text[128];     /* E_NUM, E_STR */
	int b;              /* E_BOOL */
	const char *items[10];
	size_t nitems;
	long cand;          /* which good number candidate, or -1 */
	int longs;          /* E_STR: 1 + which of long_strings is the value, 0: text is */
};

/*
 * Long strings: a value of the free-text fact now and then is one of these (built once): 1000 bytes, 500
 * Chinese characters (1500 bytes), and around the 4096-byte string limit (4095..4097 bytes, and 2100
 * quotes and backslashes, 4200 bytes once escaped in JSON, 2100 decoded), where the routes once disagreed.
 * Nothing says whether such a value is good: the routes must only agree.
 */
#define NLONG 6
static char *long_strings[NLONG];

static void build_long_strings(void)
{
	static const size_t lens[NLONG] = {1000, 1500, 4095, 4096, 4097, 2100};
	size_t i, j;

	for (i = 0; i < NLONG; i++) {
		char *p = long_strings[i] = malloc(lens[i] + 1);
		assert_non_null(p);
		for (j = 0; j < lens[i]; j++)
			p[j] = (char)('a' + j % 26);
		p[lens[i]] = '\0';
	}
	for (j = 0; j + 3 <= lens[1]; j += 3) /* 500 Chinese characters, 1500 bytes */
		memcpy(long_strings[1] + j, "\xE6\x98\x87", 3);
	for (j = 0; j < lens[5]; j++) /* quotes and backslashes, each escaped in JSON and YAML's double quotes */
		long_strings[5][j] = j % 2 ? '"' : '\\';
}

static const char *estr(const struct entry *e) { return e->longs ? long_strings[e->longs - 1] : e->text; }

struct rec {
	unsigned long idx;
	int has_id, id_num;
	char id[160];
	struct entry e[MAXE];
	size_t n;
	int valid;          /* 1 good, 0 bad, -1 either (the routes must only agree) */
	char json[TXT], yaml[TXT], arena[TXT];
	size_t jlen, ylen;
	int crlf;
	char *argv[MAXARGV];
	int argc;
};

/* Strings for the free-text fact besides its declared values: cases, spaces, quotes, YAML's specials. */
static const char *const free_strings[] = {
    "h100", "T4", "A100", "rtx-4090", "123", "1e3", "0", "yes", "no", "null", "true", "false", "~",
    "a100 80gb", "a100:80gb", "a\"b\\c", "tab\there", ("\xE6\x98\x87\xE8\x85\xBE" "910B"), "-", "- x", "#x",
    "'q'", "[x]", "{x}", "x, y", " t4", "t4 ", "gpu\xF0\x9F\x98\x80", "a/b",
    "a-very-long-gpu-model-name-that-goes-on-and-on-past-any-small-buffer-0123456789-0123456789-0123456789"};
static const char *const bad_set_items[] = {"foo", "cod", "TEXTS", ""};

static void spell_num(struct rng *r, const struct cand *c, char *out, size_t n)
{
	double v = c->v;

	if (c->text[0]) {
		snprintf(out, n, "%s", c->text);
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		switch (rbelow(r, 6)) {
		case 0: snprintf(out, n, "%.1f", v); break;      /* 12.0 */
		case 1: snprintf(out, n, "%.17e", v); break;     /* 1.20000000000000000e+01 */
		case 2: snprintf(out, n, "%.0fe0", v); break;    /* 12e0 */
		default: snprintf(out, n, "%.0f", v); break;     /* 12, and -0 */
		}
	} else {
		snprintf(out, n, rpm(r, 300) ? (rpm(r, 500) ? "%.17e" : "%.17E") : "%.17g", v);
	}
}

/* A random number for fact f (good), as text. */
static void random_num(struct rng *r, struct finfo *f, struct entry *e)
{
	double lo = f->range & DS_RANGE_MIN ? f->lo : 0, v;
	int tries;

	for (tries = 0; tries < 100; tries++) {
		double u = (double)(rnext(r) >> 11) * 0x1.0p-53;
		if (rpm(r, 300)) /* log-uniform: small values as often as large ones */
			v = lo + exp(u * log(f->rand_hi - lo + 1)) - 1;
		else
			v = lo + u * (f->rand_hi - lo);
		if (f->type == DS_FACT_INTEGER)
			snprintf(e->text, sizeof e->text, "%.0f", floor(v));
		else
			snprintf(e->text, sizeof e->text, "%.*f", (int)rbelow(r, 4), v);
		if (num_ok(f, strtod(e->text, NULL)))
			return;
	}
	snprintf(e->text, sizeof e->text, "%.17g", f->good[0].v);
}

static unsigned cand_rate; /* per mille of numbers from the candidates (the rest random); set per spec */

static void good_value(struct rng *r, struct finfo *f, struct entry *e)
{
	size_t j;

	e->cand = -1;
	e->longs = 0;
	switch (f->type) {
	case DS_FACT_NUMBER:
	case DS_FACT_INTEGER:
		e->kind = E_NUM;
		if (rpm(r, cand_rate)) {
			e->cand = (long)rbelow(r, f->ngood);
			spell_num(r, &f->good[e->cand], e->text, sizeof e->text);
		} else {
			random_num(r, f, e);
		}
		break;
	case DS_FACT_BOOLEAN:
		e->kind = E_BOOL;
		e->b = (int)rbelow(r, 2);
		break;
	case DS_FACT_ENUM:
		e->kind = E_STR;
		snprintf(e->text, sizeof e->text, "%s", f->values[rbelow(r, f->nvalues)]);
		if (rpm(r, 200)) /* a value in another case is the same value, on every route */
			for (j = 0; e->text[j]; j++)
				e->text[j] = (char)(e->text[j] >= 'a' && e->text[j] <= 'z' ? e->text[j] - 32 : e->text[j]);
		break;
	case DS_FACT_STRING:
		e->kind = E_STR;
		if (rpm(r, 10))
			e->longs = 1 + (int)rbelow(r, NLONG);
		else if (f->nvalues && rpm(r, 700))
			snprintf(e->text, sizeof e->text, "%s", f->values[rbelow(r, f->nvalues)]);
		else
			snprintf(e->text, sizeof e->text, "%s",
			         free_strings[rbelow(r, sizeof free_strings / sizeof free_strings[0])]);
		break;
	case DS_FACT_SET:
		e->kind = E_LIST;
		e->nitems = rbelow(r, f->nvalues + 2); /* 0 .. all, and now and then one twice */
		for (j = 0; j < e->nitems; j++)
			e->items[j] = f->values[rbelow(r, f->nvalues)];
		break;
	}
}

/* A value fact f refuses; 0 when it has none (booleans). */
static int bad_value(struct rng *r, struct finfo *f, struct entry *e)
{
	size_t j;

	e->cand = -1;
	e->longs = 0;
	switch (f->type) {
	case DS_FACT_NUMBER:
	case DS_FACT_INTEGER:
		if (f->nbad == 0)
			return 0;
		e->kind = E_NUM;
		spell_num(r, &f->bad[rbelow(r, f->nbad)], e->text, sizeof e->text);
		return 1;
	case DS_FACT_ENUM:
		e->kind = E_STR;
		switch (rbelow(r, 3)) {
		case 0: snprintf(e->text, sizeof e->text, "%sx", f->values[rbelow(r, f->nvalues)]); break;
		case 1: snprintf(e->text, sizeof e->text, "x%s", f->values[rbelow(r, f->nvalues)]); break;
		default: e->text[0] = '\0';
		}
		return 1;
	case DS_FACT_STRING:
		e->kind = E_STR;
		e->text[0] = '\0';
		return 1;
	case DS_FACT_SET:
		e->kind = E_LIST;
		e->nitems = rbelow(r, 3);
		for (j = 0; j < e->nitems; j++)
			e->items[j] = f->values[rbelow(r, f->nvalues)];
		e->items[e->nitems] = bad_set_items[rbelow(r, sizeof bad_set_items / sizeof bad_set_items[0])];
		if (e->nitems == 0 && !*e->items[0]) /* "--data=" is the empty list: a lone "" has no flag spelling */
			e->items[0] = "foo";
		e->nitems++;
		return 1;
	case DS_FACT_BOOLEAN: return 0;
	}
	return 0;
}

/* A small string builder over a fixed buffer; overflowing it fails the test. */
struct sb {
	char *p;
	size_t n, cap;
};

static void sb_put(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_put(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	int w;

	va_start(ap, fmt);
	w = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
	va_end(ap);
	if (w < 0 || (size_t)w >= b->cap - b->n)
		fail_msg("generated spec too long for its buffer");
	b->n += (size_t)w;
}

static void sb_ch(struct sb *b, char c)
{
	if (b->n + 1 >= b->cap)
		fail_msg("generated spec too long for its buffer");
	b->p[b->n++] = c;
	b->p[b->n] = '\0';
}

static void sb_str(struct sb *b, const char *s)
{
	size_t l = strlen(s);

	if (b->n + l >= b->cap)
		fail_msg("generated spec too long for its buffer");
	memcpy(b->p + b->n, s, l + 1);
	b->n += l;
}

static void ws(struct rng *r, struct sb *b)
{
	static const char *const spaces[] = {" ", "\t", "  "};
	if (rpm(r, 150))
		sb_str(b, spaces[rbelow(r, 3)]);
}

/*
 * A string in double quotes with JSON's escapes (YAML's double-quoted scalars take the same ones). With
 * esc, now and then a character is written as an escape it need not be: \u0061 for a, \u6607 for a
 * Chinese character, \/ for / when json.
 */
static void json_str(struct sb *b, const char *s, struct rng *esc, int json)
{
	sb_ch(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			sb_ch(b, '\\');
			sb_ch(b, (char)c);
		} else if (c == '\t') {
			sb_str(b, esc && rpm(esc, 300) ? "\\u0009" : "\\t");
		} else if (c < 0x20) {
			sb_put(b, "\\u%04x", c);
		} else if (esc && c == '/' && json && rpm(esc, 500)) {
			sb_str(b, "\\/");
		} else if (esc && c < 0x80 && rpm(esc, 150)) {
			sb_put(b, rpm(esc, 500) ? "\\u%04x" : "\\u%04X", c);
		} else if (esc && (c & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 && rpm(esc, 500)) {
			sb_put(b, "\\u%04x", (unsigned)(c & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 | (unsigned)(s[2] & 0x3F));
			s += 2;
		} else if (esc && (c & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
		           (s[3] & 0xC0) == 0x80 && rpm(esc, 500)) {
			unsigned cp = (unsigned)(c & 0x07) << 18 | (unsigned)(s[1] & 0x3F) << 12 |
			              (unsigned)(s[2] & 0x3F) << 6 | (unsigned)(s[3] & 0x3F);
			if (json) /* a surrogate pair */
				sb_put(b, "\\u%04x\\u%04x", 0xD800 + ((cp - 0x10000) >> 10), 0xDC00 + ((cp - 0x10000) & 0x3FF));
			else
				sb_put(b, "\\U%08x", cp);
			s += 3;
		} else {
			sb_ch(b, (char)c);
		}
	}
	sb_ch(b, '"');
}

static void emit_json(struct rng *r, struct rec *rc)
{
	struct sb b = {rc->json, 0, sizeof rc->json};
	size_t i, j, idpos = rbelow(r, rc->n + 1);
	int first = 1;
	struct rng *esc = rpm(r, 100) ? r : NULL; /* one spec in ten has needless escapes */

	sb_str(&b, "{");
	for (i = 0; i <= rc->n; i++) {
		if (i == idpos && rc->has_id) {
			ws(r, &b);
			sb_str(&b, first ? "\"id\"" : ",\"id\"");
			ws(r, &b);
			sb_str(&b, ":");
			ws(r, &b);
			if (rc->id_num)
				sb_str(&b, rc->id);
			else
				json_str(&b, rc->id, esc, 1);
			first = 0;
		}
		if (i == rc->n)
			break;
		ws(r, &b);
		if (!first)
			sb_str(&b, ",");
		first = 0;
		ws(r, &b);
		json_str(&b, rc->e[i].key, esc, 1);
		ws(r, &b);
		sb_str(&b, ":");
		ws(r, &b);
		switch (rc->e[i].kind) {
		case E_NUM: sb_str(&b, rc->e[i].text); break;
		case E_STR: json_str(&b, estr(&rc->e[i]), esc, 1); break;
		case E_BOOL: sb_str(&b, rc->e[i].b ? "true" : "false"); break;
		case E_LIST:
			sb_str(&b, "[");
			for (j = 0; j < rc->e[i].nitems; j++) {
				if (j)
					sb_str(&b, ",");
				ws(r, &b);
				json_str(&b, rc->e[i].items[j], esc, 1);
			}
			sb_str(&b, "]");
			break;
		}
	}
	ws(r, &b);
	sb_str(&b, "}");
	rc->jlen = b.n;
	rc->crlf = rpm(r, 20); /* the batch file ends this line with CRLF */
}

/* Whether s can be a plain YAML scalar that reads back as the string s. */
static int yaml_plain_ok(const char *s)
{
	static const char *const reserved[] = {"null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False",
	                                       "FALSE"};
	size_t i;

	if (!*s || !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '.'))
			return 0;
	for (i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (!strcmp(s, reserved[i]))
			return 0;
	return 1;
}

static void yaml_str(struct rng *r, struct sb *b, const char *s, int quote)
{
	const char *p;
	int ctl = 0;

	for (p = s; *p; p++)
		ctl |= (unsigned char)*p < 0x20;
	if (!quote && yaml_plain_ok(s) && rpm(r, 800)) {
		sb_str(b, s);
	} else if (!ctl && rpm(r, 400)) { /* single-quoted: '' is a quote */
		sb_str(b, "'");
		for (p = s; *p; p++) {
			if (*p == '\'')
				sb_str(b, "''");
			else
				sb_ch(b, *p);
		}
		sb_str(b, "'");
	} else {
		json_str(b, s, rpm(r, 100) ? r : NULL, 0); /* JSON's escapes are YAML's in double quotes */
	}
}

static int looks_numeric(const char *s)
{
	char *end;

	(void)strtod(s, &end);
	return end != s;
}

static void emit_yaml(struct rng *r, struct rec *rc)
{
	struct sb b = {rc->yaml, 0, sizeof rc->yaml};
	int flow = rpm(r, 200);
	size_t i, j, idpos = rbelow(r, rc->n + 1);

	if (rc->n == 0 && !rc->has_id)
		flow = 1; /* an empty YAML document is no mapping (the reader says "the spec is empty"): write {} */
	if (rpm(r, 100))
		sb_str(&b, "---\n");
	if (rpm(r, 100))
		sb_put(&b, "# generated spec %lu\n", rc->idx);
	if (flow)
		sb_str(&b, "{");
	for (i = 0; i <= rc->n; i++) {
		int sep = flow && b.n && b.p[b.n - 1] != '{';
		if (i == idpos && rc->has_id) {
			sb_str(&b, sep ? ", id: " : "id: ");
			if (rc->id_num)
				sb_str(&b, rc->id);
			else
				yaml_str(r, &b, rc->id, looks_numeric(rc->id));
			if (!flow)
				sb_str(&b, "\n");
			sep = flow;
		}
		if (i == rc->n)
			break;
		sb_str(&b, sep ? ", " : "");
		if (rpm(r, 100))
			yaml_str(r, &b, rc->e[i].key, 1);
		else
			sb_str(&b, rc->e[i].key);
		sb_str(&b, ": ");
		switch (rc->e[i].kind) {
		case E_NUM: sb_str(&b, rc->e[i].text); break;
		case E_STR: yaml_str(r, &b, estr(&rc->e[i]), 0); break;
		case E_BOOL: sb_str(&b, rc->e[i].b ? "true" : "false"); break;
		case E_LIST:
			if (!flow && rc->e[i].nitems && rpm(r, 500)) {
				for (j = 0; j < rc->e[i].nitems; j++) {
					sb_str(&b, "\n  - ");
					yaml_str(r, &b, rc->e[i].items[j], 0);
				}
			} else {
				sb_str(&b, "[");
				for (j = 0; j < rc->e[i].nitems; j++) {
					if (j)
						sb_str(&b, ", ");
					yaml_str(r, &b, rc->e[i].items[j], 0);
				}
				sb_str(&b, "]");
			}
			break;
		}
		if (!flow)
			sb_str(&b, "\n");
	}
	if (flow)
		sb_str(&b, "}\n");
	rc->ylen = b.n;
}

/* argv: the flags in the spec's (shuffled) order; now and then an earlier value that the later one overrides. */
static void emit_argv(struct rng *r, struct rec *rc)
{
	struct sb a = {rc->arena, 0, sizeof rc->arena};
	size_t i, j, starts[MAXARGV];
	int n = 0, k;

#define ARG(...)                                      \
	do {                                              \
		assert_true(n < MAXARGV - 1);                 \
		starts[n++] = a.n;                            \
		sb_put(&a, __VA_ARGS__);                      \
		a.n++; /* keep the NUL */                     \
		assert_true(a.n < a.cap);                     \
	} while (0)

	ARG("dsselect");
	if (rpm(r, 50))
		ARG("--format=ndjson");
	if (rpm(r, 50)) {
		ARG("--lang");
		ARG("%s", rpm(r, 500) ? "zh" : "en");
	}
	for (i = 0; i < rc->n; i++) {
		const struct entry *e = &rc->e[i];
		char list[512];
		struct sb v = {list, 0, sizeof list};
		const char *val = list;

		list[0] = '\0';
		if (e->kind == E_BOOL) {
			if (e->fi >= 0 && rpm(r, 100)) /* overridden by the flag after it */
				ARG("--%s%s", e->b ? "no-" : "", e->flag);
			ARG("--%s%s", e->b ? "" : "no-", e->flag);
			continue;
		}
		if (e->kind == E_LIST) {
			for (j = 0; j < e->nitems; j++)
				sb_put(&v, "%s%s", j ? "," : "", e->items[j]);
		} else {
			val = estr(e);
		}
		if (e->fi >= 0 && rpm(r, 100)) { /* an earlier good value, overridden */
			struct entry d;
			memset(&d, 0, sizeof d);
			good_value(r, &F[e->fi], &d);
			if (d.longs) {
				/* a long string may pass the 4096-byte limit: an earlier bad flag is an error, overridden or not */
			} else if (d.kind == E_LIST) {
				char dv[256];
				struct sb dvb = {dv, 0, sizeof dv};
				dv[0] = '\0';
				for (j = 0; j < d.nitems; j++)
					sb_put(&dvb, "%s%s", j ? "," : "", d.items[j]);
				ARG("--%s=%s", e->flag, dv);
			} else {
				ARG("--%s=%s", e->flag, estr(&d));
			}
		}
		if (rpm(r, 500)) {
			ARG("--%s=%s", e->flag, val);
		} else {
			ARG("--%s", e->flag);
			ARG("%s", val);
		}
	}
	if (rpm(r, 20))
		ARG("--");
#undef ARG
	for (k = 0; k < n; k++)
		rc->argv[k] = rc->arena + starts[k];
	rc->argv[n] = NULL;
	rc->argc = n;
}

/* The spec numbered idx, built from the seed alone. */
static void build(unsigned long idx, struct rec *rc)
{
	struct rng r;
	unsigned density;
	size_t i;

	memset(rc, 0, offsetof(struct rec, json));
	rc->idx = idx;
	r.s = seed ^ (0xD1B54A32D192ED03ULL * (idx + 1));
	rnext(&r);
	density = 30 + (unsigned)rbelow(&r, 900); /* sparse specs (defaults) to dense ones (conflicts) */
	cand_rate = 300 + 300 * (unsigned)rbelow(&r, 3);
	for (i = 0; i < NF; i++) {
		struct entry *e;
		if (!rpm(&r, density))
			continue;
		e = &rc->e[rc->n++];
		e->fi = (long)i;
		snprintf(e->key, sizeof e->key, "%s", F[i].key);
		snprintf(e->flag, sizeof e->flag, "%s", F[i].flag);
		good_value(&r, &F[i], e);
	}
	rc->valid = 1;
	if (rpm(&r, 50)) { /* one bad thing */
		if (rpm(&r, 250)) { /* an unknown key, near a real one */
			const struct finfo *f = &F[rbelow(&r, NF)];
			struct entry *e = &rc->e[rc->n++];
			e->fi = -1;
			snprintf(e->key, sizeof e->key, "%sx", f->key);
			snprintf(e->flag, sizeof e->flag, "%sx", f->flag);
			e->kind = E_NUM;
			snprintf(e->text, sizeof e->text, "1");
			rc->valid = 0;
		} else {
			size_t fi = rbelow(&r, NF);
			struct entry tmp, *e;
			memset(&tmp, 0, sizeof tmp);
			if (bad_value(&r, &F[fi], &tmp)) {
				for (i = 0; i < rc->n && rc->e[i].fi != (long)fi; i++)
					;
				e = &rc->e[i];
				if (i == rc->n)
					rc->n++;
				*e = tmp;
				e->fi = (long)fi;
				snprintf(e->key, sizeof e->key, "%s", F[fi].key);
				snprintf(e->flag, sizeof e->flag, "%s", F[fi].flag);
				rc->valid = 0;
			}
		}
	}
	{ /* the table: gpus 0 with gpu_mem above 0 or a gpu_model, or gpu_mem 0 with gpus above 0, is an error */
		double g = -1, m = -1;
		int model = 0;
		for (i = 0; i < rc->n; i++) {
			if (rc->e[i].fi >= 0 && rc->e[i].kind == E_STR && !strcmp(rc->e[i].key, "gpu_model"))
				model = 1;
			if (rc->e[i].fi < 0 || rc->e[i].kind != E_NUM)
				continue;
			if (!strcmp(rc->e[i].key, "gpus"))
				g = strtod(rc->e[i].text, NULL);
			else if (!strcmp(rc->e[i].key, "gpu_mem"))
				m = strtod(rc->e[i].text, NULL);
		}
		if ((g >= 0 && m >= 0 && (g == 0) != (m == 0)) || (g == 0 && model)) /* nor a model without a GPU */
			rc->valid = 0;
	}
	for (i = 0; i < rc->n && rc->valid; i++)
		if (rc->e[i].kind == E_STR && rc->e[i].longs)
			rc->valid = -1;
	for (i = rc->n; i > 1; i--) { /* any order */
		size_t j = rbelow(&r, i);
		struct entry t = rc->e[i - 1];
		rc->e[i - 1] = rc->e[j];
		rc->e[j] = t;
	}
	if (rpm(&r, 900)) { /* an id: a string (some look like numbers, some are long) or a number as written */
		static const char *const numfmt[] = {"%lu", "-%lu", "%lu.5", "%lue0", "%luE-2"};
		static const char *const strfmt[] = {"s-%lu", "%lu", "0%lu", "1e%lu", "true-%lu",
		                                     "\xE6\x98\x87-%lu-a-long-id-past-any-small-inline-buffer-of-a-spec-0123456789"};
		size_t k = rbelow(&r, 10);
		rc->has_id = 1;
		rc->id_num = rpm(&r, 250);
		snprintf(rc->id, sizeof rc->id, rc->id_num ? numfmt[k % 5] : strfmt[k < 5 ? 0 : k - 5], idx);
	}
	emit_json(&r, rc);
	emit_yaml(&r, rc);
	emit_argv(&r, rc);
}

/* ---- checking ---- */

struct batch {
	pid_t pid;
	FILE *out;
	char path[256], errpath[256];
	char *line;
	size_t cap;
};
static struct batch B = {-1, NULL, "", "", NULL, 0};

static void shell_quote(struct sb *b, const char *s)
{
	const char *p;

	for (p = s; *p && (strchr("-_=.,:/+@%", *p) || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	                   (*p >= '0' && *p <= '9'));
	     p++)
		;
	if (*s && !*p) {
		sb_str(b, s);
		return;
	}
	sb_str(b, "'");
	for (p = s; *p; p++) {
		if (*p == '\'')
			sb_str(b, "'\\''");
		else
			sb_ch(b, *p);
	}
	sb_str(b, "'");
}

static int stderr_saved = -1;

static void quiet(int on)
{
	fflush(stderr);
	if (on) {
		int devnull = open("/dev/null", O_WRONLY);
		stderr_saved = dup(2);
		assert_true(devnull >= 0 && stderr_saved >= 0);
		dup2(devnull, 2);
		close(devnull);
	} else if (stderr_saved >= 0) {
		dup2(stderr_saved, 2);
		close(stderr_saved);
		stderr_saved = -1;
	}
}

/* Fails the test, naming the seed and the spec, with the spec in all three spellings. */
static void fail_rec(const struct rec *rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail_rec(const struct rec *rc, const char *fmt, ...)
{
	static char msg[4 * TXT + 2048], cmd[2 * TXT];
	struct sb c = {cmd, 0, sizeof cmd};
	char what[2048];
	va_list ap;
	int k;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	cmd[0] = '\0';
	for (k = 0; k < rc->argc; k++) {
		if (k)
			sb_str(&c, " ");
		shell_quote(&c, rc->argv[k]);
	}
	quiet(0);
	snprintf(msg, sizeof msg,
	         "seed 0x%llx, spec %lu: %s\n"
	         "  JSON: %.*s\n"
	         "  YAML:\n%.*s\n"
	         "  CLI:  %s\n"
	         "  rerun: DS_PROPS_SEED=0x%llx DS_PROPS_FIRST=%lu DS_PROPS_N=1 %s",
	         (unsigned long long)seed, rc->idx, what, (int)rc->jlen, rc->json, (int)rc->ylen, rc->yaml, cmd,
	         (unsigned long long)seed, rc->idx, "test_props");
	fprintf(stderr, "%s\n", msg); /* cmocka cuts its messages short */
	fflush(stderr);
	fail_msg("seed 0x%llx, spec %lu: %.900s", (unsigned long long)seed, rc->idx, what);
}

static const char *const state_names[] = {"applied", "overridden", "contradicted", "moot"};

/* "model status rec fallback | ref:id:state ..." */
static void decision(const ds_result *res, char *out, size_t n)
{
	struct sb b = {out, 0, n};
	size_t i;

	sb_put(&b, "%s %s %s %s |", ds_result_model(res) ? ds_result_model(res) : "(none)",
	       ds_outcome_str(ds_result_outcome(res)),
	       ds_result_recommendation(res) ? ds_result_recommendation(res) : "null",
	       ds_result_fallback(res) ? ds_result_fallback(res) : "null");
	for (i = 0; i < ds_result_reason_count(res); i++) {
		unsigned st = (unsigned)ds_result_reason_state(res, i);
		sb_put(&b, " %s:%s:%s", ds_result_reason_ref(res, i), ds_result_reason_rule(res, i),
		       st < 4 ? state_names[st] : "?");
	}
}

static int streq_null(const char *a, const char *b) { return (a == NULL && b == NULL) || (a && b && !strcmp(a, b)); }

static const char *jstr(const cJSON *o, const char *k, int *is_null)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	*is_null = cJSON_IsNull(v);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Whether a JSON id is the spec's: a string as is, a number of the same value (the text is checked elsewhere). */
static int id_matches(const struct rec *rc, const cJSON *id)
{
	if (!rc->has_id)
		return id == NULL;
	if (rc->id_num)
		return cJSON_IsNumber(id) && id->valuedouble == strtod(rc->id, NULL);
	return cJSON_IsString(id) && !strcmp(id->valuestring, rc->id);
}

/* Invariants 1, 3 and 4 on one result and its NDJSON. */
static void check_result(const struct rec *rc, const ds_result *res, const char *ndjson)
{
	const char *rec = ds_result_recommendation(res), *fb = ds_result_fallback(res), *s;
	ds_outcome o = ds_result_outcome(res);
	size_t i, j, nr = ds_result_reason_count(res);
	cJSON *doc, *reasons, *it;
	int isnull;

	/* 1: exactly one of recommendation and fallback; the fallback on conflict only */
	if ((rec != NULL) == (fb != NULL))
		fail_rec(rc, "recommendation %s and fallback %s: exactly one must be set", rec ? rec : "null",
		         fb ? fb : "null");
	if ((o == DS_CONFLICT) != (fb != NULL))
		fail_rec(rc, "status %s with fallback %s", ds_outcome_str(o), fb ? fb : "null");
	if (!streq_null(ds_result_model(res), rec ? rec : fb))
		fail_rec(rc, "model %s is neither the recommendation nor the fallback", ds_result_model(res));
	if (o == DS_DEFAULT && strcmp(rec, ds_ruleset_default_model(rs)))
		fail_rec(rc, "status default, yet the recommendation %s is not the table's default %s", rec,
		         ds_ruleset_default_model(rs));
	if (ds_result_stable(res) != -1 || ds_result_change_count(res) != 0)
		fail_rec(rc, "DS_CHANGES_OFF, yet stable %d and %zu changes", ds_result_stable(res),
		         ds_result_change_count(res));

	/* 4: no rule listed twice */
	for (i = 0; i < nr; i++)
		for (j = i + 1; j < nr; j++)
			if (!strcmp(ds_result_reason_ref(res, i), ds_result_reason_ref(res, j)) &&
			    !strcmp(ds_result_reason_rule(res, i), ds_result_reason_rule(res, j)))
				fail_rec(rc, "reason %s %s is listed twice (at %zu and %zu)", ds_result_reason_ref(res, i),
				         ds_result_reason_rule(res, i), i, j);

	/* 3: the NDJSON says what the accessors say */
	if (strchr(ndjson, '\n') != ndjson + strlen(ndjson) - 1)
		fail_rec(rc, "NDJSON is not one line ending in a newline: %s", ndjson);
	doc = cJSON_Parse(ndjson);
	if (doc == NULL)
		fail_rec(rc, "NDJSON does not parse: %s", ndjson);
	s = jstr(doc, "recommendation", &isnull);
	if (!(rec ? s && !strcmp(s, rec) : isnull))
		fail_rec(rc, "JSON recommendation %s, accessor %s", s ? s : isnull ? "null" : "(absent)", rec ? rec : "null");
	s = jstr(doc, "fallback", &isnull);
	if (!(fb ? s && !strcmp(s, fb) : isnull))
		fail_rec(rc, "JSON fallback %s, accessor %s", s ? s : isnull ? "null" : "(absent)", fb ? fb : "null");
	s = jstr(doc, "status", &isnull);
	if (!s || strcmp(s, ds_outcome_str(o)))
		fail_rec(rc, "JSON status %s, accessor %s", s ? s : "(absent)", ds_outcome_str(o));
	s = jstr(doc, "model", &isnull);
	if (!s || strcmp(s, ds_result_model(res)))
		fail_rec(rc, "JSON model %s, accessor %s", s ? s : "(absent)", ds_result_model(res));
	if (cJSON_GetObjectItemCaseSensitive(doc, "stable") || cJSON_GetObjectItemCaseSensitive(doc, "changes"))
		fail_rec(rc, "JSON has stable/changes under DS_CHANGES_OFF");
	if (!id_matches(rc, cJSON_GetObjectItemCaseSensitive(doc, "id")))
		fail_rec(rc, "the JSON's id is not the spec's %s", rc->has_id ? rc->id : "(none)");
	reasons = cJSON_GetObjectItemCaseSensitive(doc, "reasons");
	if (!cJSON_IsArray(reasons) || (size_t)cJSON_GetArraySize(reasons) != nr)
		fail_rec(rc, "JSON has %d reasons, the accessors %zu", cJSON_GetArraySize(reasons), nr);
	i = 0;
	cJSON_ArrayForEach(it, reasons) {
		const char *src = jstr(it, "source", &isnull), *rule = jstr(it, "rule", &isnull),
		           *st = jstr(it, "state", &isnull);
		unsigned k = (unsigned)ds_result_reason_state(res, i);
		if (!src || !rule || !st || strcmp(src, ds_result_reason_ref(res, i)) ||
		    strcmp(rule, ds_result_reason_rule(res, i)) || k >= 4 || strcmp(st, state_names[k]))
			fail_rec(rc, "JSON reason %zu is %s %s %s, the accessors say %s %s %s", i, src ? src : "?",
			         rule ? rule : "?", st ? st : "?", ds_result_reason_ref(res, i),
			         ds_result_reason_rule(res, i), k < 4 ? state_names[k] : "?");
		for (j = 0; j < i; j++) { /* 4, in the JSON too */
			const cJSON *o2 = cJSON_GetArrayItem(reasons, (int)j);
			int dummy;
			if (!strcmp(src, jstr(o2, "source", &dummy)) && !strcmp(rule, jstr(o2, "rule", &dummy)))
				fail_rec(rc, "JSON reason %s %s listed twice", src, rule);
		}
		i++;
	}
	cJSON_Delete(doc);
}

static char *render(const struct rec *rc, const ds_result *res)
{
	char *out = NULL;

	if (ds_render(res, DS_FORMAT_NDJSON, DS_LANG_EN, &out, NULL) != DS_OK)
		fail_rec(rc, "ds_render failed");
	return out;
}

/* As render(), with ds_render_append() into a buffer of its own that lives on (slot 0..3). */
static const char *render_slot(const struct rec *rc, const ds_result *res, int slot)
{
	static char *buf[4];
	static size_t cap[4];
	size_t len = 0;

	if (ds_render_append(res, DS_FORMAT_NDJSON, DS_LANG_EN, &buf[slot], &len, &cap[slot]) != DS_OK)
		fail_rec(rc, "ds_render_append failed");
	return buf[slot];
}

/* The first difference between two texts, for a message. */
static void diff_at(const char *a, const char *b, char *out, size_t n)
{
	size_t i = 0, from;

	while (a[i] && a[i] == b[i])
		i++;
	from = i > 60 ? i - 60 : 0;
	snprintf(out, n, "at byte %zu:\n    %.140s\n    %.140s", i, a + from, b + from);
}

/* The start of what the batch binary wrote on stderr, for a message. */
static const char *batch_stderr(void)
{
	static char buf[1024];
	FILE *fp = fopen(B.errpath, "r");
	size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;

	if (fp)
		fclose(fp);
	buf[n] = '\0';
	return buf;
}

/* How the batch binary ended: "exit 65", "signal 6". */
static const char *batch_end(int status)
{
	static char buf[64];

	if (WIFEXITED(status))
		snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(status));
	else
		snprintf(buf, sizeof buf, "signal %d", WIFSIGNALED(status) ? WTERMSIG(status) : -1);
	return buf;
}

/* The batch binary's next output line, or a failure. */
static const char *batch_line(const struct rec *rc)
{
	ssize_t n = getline(&B.line, &B.cap, B.out);
	int status = 0;

	if (n <= 0) {
		waitpid(B.pid, &status, 0);
		B.pid = -1;
		fail_rec(rc, "the batch output ended before this spec's line (%s); its stderr:\n%s", batch_end(status),
		         batch_stderr());
	}
	return B.line;
}

static void spawn_batch(void)
{
	posix_spawn_file_actions_t fa;
	char *argv[] = {(char *)DS_BIN, (char *)"--batch", B.path, (char *)"--format", (char *)"ndjson", NULL};
	int p[2], rc;

	assert_int_equal(pipe(p), 0);
	assert_int_equal(posix_spawn_file_actions_init(&fa), 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	posix_spawn_file_actions_addclose(&fa, p[1]);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, B.errpath, O_WRONLY | O_TRUNC, 0600);
	rc = posix_spawn(&B.pid, DS_BIN, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (rc != 0)
		fail_msg("cannot run %s: %s", DS_BIN, strerror(rc));
	B.out = fdopen(p[0], "r");
	assert_non_null(B.out);
}

static int teardown_batch(void **state)
{
	(void)state;
	quiet(0);
	if (B.out)
		fclose(B.out);
	B.out = NULL;
	if (B.pid > 0) { /* the test failed while it ran */
		kill(B.pid, SIGTERM);
		waitpid(B.pid, NULL, 0);
		B.pid = -1;
	}
	if (B.path[0])
		unlink(B.path);
	if (B.errpath[0])
		unlink(B.errpath);
	B.path[0] = B.errpath[0] = '\0';
	free(B.line);
	B.line = NULL;
	B.cap = 0;
	return 0;
}

static unsigned long env_ul(const char *name, unsigned long dflt)
{
	const char *v = getenv(name);
	return v && *v ? strtoul(v, NULL, 0) : dflt;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_props(void **state)
{
	static struct rec rc;
	const char *tmp = getenv("TMPDIR");
	unsigned long i, nvalid = 0, ninvalid = 0, nconflict = 0, ndefault = 0, rule_fired[64], nstate[4],
	                 nfull = 0;
	size_t nrules = ds_ruleset_rule_count(rs), k, j;
	ds_spec *jspec = NULL;
	ds_result *reuse = NULL;
	FILE *fp;
	int fd, status, want_exit = 0, dump;
	double t0 = now(), t1;
	char da[2048], db[2048], where[512];

	(void)state;
	seed = env_ul("DS_PROPS_SEED", PROPS_SEED);
	count = env_ul("DS_PROPS_N", PROPS_N);
	first_idx = env_ul("DS_PROPS_FIRST", 0);
	dump = env_ul("DS_PROPS_DUMP", 0) != 0;
	assert_true(count > 0 && nrules <= 64);
	memset(rule_fired, 0, sizeof rule_fired);
	memset(nstate, 0, sizeof nstate);
	build_facts();
	build_long_strings();

	/* pass 1: every spec's JSON line into one file */
	snprintf(B.path, sizeof B.path, "%s/props-batch-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	snprintf(B.errpath, sizeof B.errpath, "%s/props-batch-err-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(B.errpath);
	assert_true(fd >= 0);
	close(fd);
	fd = mkstemp(B.path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	for (i = 0; i < count; i++) {
		build(first_idx + i, &rc);
		fwrite(rc.json, 1, rc.jlen, fp);
		fputs(rc.crlf ? "\r\n" : "\n", fp);
	}
	assert_int_equal(fclose(fp), 0);
	t1 = now();

	/* pass 2: the batch runs while each spec goes through the other three routes */
	spawn_batch();
	assert_int_equal(ds_spec_new(rs, &jspec), DS_OK);
	for (i = 0; i < count; i++) {
		ds_spec *yspec = NULL, *cspec;
		ds_result *jres = NULL, *yres = NULL, *cres = NULL, *again = NULL;
		struct cli cli;
		ds_diag dj, dy;
		ds_status stj, sty;
		char *rj;
		const char *ry, *rcl, *ra, *ri;
		const char *bl;
		int crc;

		build(first_idx + i, &rc);
		if (dump) {
			int k2;
			printf("spec %lu (%s):\n  JSON: %.*s\n  YAML:\n%.*s  CLI: ", rc.idx,
			       rc.valid == 1 ? "good" : rc.valid ? "either" : "bad",
			       (int)rc.jlen, rc.json, (int)rc.ylen, rc.yaml);
			for (k2 = 1; k2 < rc.argc; k2++)
				printf(" [%s]", rc.argv[k2]);
			printf("\n");
		}
		memset(&dj, 0, sizeof dj);
		memset(&dy, 0, sizeof dy);
		stj = ds_spec_read_json(jspec, rc.json, rc.jlen, "<props>", &dj);
		sty = ds_spec_parse_yaml(rs, rc.yaml, rc.ylen, "<props.yaml>", &yspec, &dy);
		if (rc.valid != 1)
			quiet(1);
		crc = cli_parse(rc.argc, rc.argv, rs, &cli);
		if (rc.valid != 1)
			quiet(0);
		cspec = cli.flags;
		bl = batch_line(&rc);

		{ /* good: every route takes it; bad: every route refuses it, the batch with an error record in its place */
			int want = rc.valid >= 0 ? rc.valid : stj == DS_OK; /* either: the routes must agree with JSON's */
			int bad_batch = !strncmp(bl, "{\"line\":", 8);
			int agree = (stj == DS_OK) == want && (sty == DS_OK) == want && (crc == 0) == want &&
			            (!bad_batch) == want && (want || (stj == DS_ERR_SPEC && sty == DS_ERR_SPEC && crc == 64));
			const char *sid = ds_spec_id(jspec, NULL);
			if (agree && !want) { /* the error record: its line and the id, which the reader keeps */
				cJSON *err = cJSON_Parse(bl);
				const cJSON *ln = cJSON_GetObjectItemCaseSensitive(err, "line");
				/* a spec refused for a long string (which may come first) may stop before its id */
				const cJSON *em = cJSON_GetObjectItemCaseSensitive(err, "error");
				int no_id = sid == NULL && !cJSON_GetObjectItemCaseSensitive(err, "id") && cJSON_IsString(em) &&
				            strstr(em->valuestring, "string is longer than the") != NULL;
				agree = err && cJSON_IsNumber(ln) && ln->valuedouble == (double)(i + 1) &&
				        cJSON_IsString(cJSON_GetObjectItemCaseSensitive(err, "error")) &&
				        (no_id || (id_matches(&rc, cJSON_GetObjectItemCaseSensitive(err, "id")) &&
				                   (rc.has_id ? sid && !strcmp(sid, rc.id) : sid == NULL)));
				cJSON_Delete(err);
			}
			if (!agree) {
				char cli_said[32];
				snprintf(cli_said, sizeof cli_said, crc == 64 ? "refused (64)" : crc ? "%d" : "accepted", crc);
				fail_rec(&rc,
				         "%s:\n    JSON:  %s %s\n    YAML:  %s %s\n    CLI:   %s\n    batch: %.*s\n"
				         "    the JSON reader kept the id %s",
				         rc.valid == 1   ? "a good spec, not taken by every route"
				         : rc.valid == 0 ? "a bad spec, not refused by every route"
				                         : "the routes disagree on this spec",
				         stj == DS_OK ? "accepted" : "refused:", stj == DS_OK ? "" : dj.msg,
				         sty == DS_OK ? "accepted" : "refused:", sty == DS_OK ? "" : dy.msg, cli_said,
				         (int)(strcspn(bl, "\n") < 300 ? strcspn(bl, "\n") : 300), bl, sid ? sid : "(none)");
			}
			if (!want) {
				ninvalid++;
				want_exit = 65;
				ds_spec_free(yspec);
				ds_spec_free(cspec);
				continue;
			}
		}
		nvalid++;
		for (k = 0; k < rc.n; k++)
			if (rc.e[k].fi >= 0 && rc.e[k].cand >= 0)
				F[rc.e[k].fi].used_good[rc.e[k].cand]++;

		assert_int_equal(ds_evaluate_ex(rs, jspec, DS_CHANGES_OFF, &jres), DS_OK);
		assert_int_equal(ds_evaluate_ex(rs, yspec, DS_CHANGES_OFF, &yres), DS_OK);
		assert_int_equal(ds_evaluate_ex(rs, cspec, DS_CHANGES_OFF, &cres), DS_OK);
		rj = render(&rc, jres);
		check_result(&rc, jres, rj);

		/* 2: the same decision, and the same NDJSON, on every route */
		decision(jres, da, sizeof da);
		decision(yres, db, sizeof db);
		if (strcmp(da, db))
			fail_rec(&rc, "JSON and YAML decide differently:\n    JSON: %s\n    YAML: %s", da, db);
		decision(cres, db, sizeof db);
		if (strcmp(da, db))
			fail_rec(&rc, "JSON and CLI decide differently:\n    JSON: %s\n    CLI:  %s", da, db);
		ry = render_slot(&rc, yres, 0);
		if (strcmp(rj, ry)) {
			diff_at(rj, ry, where, sizeof where);
			fail_rec(&rc, "JSON and YAML render differently %s", where);
		}
		rcl = render_slot(&rc, cres, 1);
		{ /* the CLI's spec has no id: put the JSON's in front */
			size_t wn = strlen(rcl) + strlen(rc.id) + 16;
			char *want = malloc(wn);
			assert_non_null(want);
			if (rc.has_id)
				snprintf(want, wn, rc.id_num ? "{\"id\":%s,%s" : "{\"id\":\"%s\",%s", rc.id, rcl + 1);
			else
				snprintf(want, wn, "%s", rcl);
			if (strcmp(rj, want)) {
				diff_at(rj, want, where, sizeof where);
				fail_rec(&rc, "JSON and CLI render differently %s", where);
			}
			free(want);
		}
		if (strcmp(rj, bl)) {
			diff_at(rj, bl, where, sizeof where);
			fail_rec(&rc, "the batch line differs from the in-process result %s", where);
		}

		/* 5: evaluated again, fresh and into a reused result: the same bytes */
		assert_int_equal(ds_evaluate_ex(rs, jspec, DS_CHANGES_OFF, &again), DS_OK);
		ra = render_slot(&rc, again, 2);
		if (strcmp(rj, ra)) {
			diff_at(rj, ra, where, sizeof where);
			fail_rec(&rc, "a second evaluation renders differently %s", where);
		}
		if (reuse == NULL)
			assert_int_equal(ds_evaluate_ex(rs, yspec, DS_CHANGES_OFF, &reuse), DS_OK);
		else
			assert_int_equal(ds_evaluate_into_ex(rs, jspec, DS_CHANGES_OFF, reuse), DS_OK);
		ri = render_slot(&rc, reuse, 3);
		if (strcmp(rj, ri)) {
			diff_at(rj, ri, where, sizeof where);
			fail_rec(&rc, "ds_evaluate_into (a reused result) renders differently %s", where);
		}
		/* now and then, the full what-if analysis decides the same */
		if (i % 997 == 0) {
			ds_result *full = NULL;
			assert_int_equal(ds_evaluate(rs, jspec, &full), DS_OK);
			decision(full, db, sizeof db);
			if (strcmp(da, db))
				fail_rec(&rc, "with the what-if analysis the decision changes:\n    off: %s\n    all: %s", da, db);
			ds_result_free(full);
			nfull++;
		}

		/* coverage */
		nconflict += ds_result_outcome(jres) == DS_CONFLICT;
		ndefault += ds_result_outcome(jres) == DS_DEFAULT;
		if (ds_result_outcome(jres) == DS_CONFLICT && want_exit < 1)
			want_exit = 1;
		for (k = 0; k < ds_result_reason_count(jres); k++) {
			for (j = 0; j < nrules; j++)
				if (!strcmp(ds_ruleset_rule_id(rs, j), ds_result_reason_rule(jres, k)))
					rule_fired[j]++;
			nstate[ds_result_reason_state(jres, k) & 3]++;
		}

		free(rj);
		ds_result_free(jres);
		ds_result_free(yres);
		ds_result_free(cres);
		ds_result_free(again);
		ds_spec_free(yspec);
		ds_spec_free(cspec);
	}

	/* the batch wrote one line per spec and nothing more, and exits with the worst status */
	if (getline(&B.line, &B.cap, B.out) > 0)
		fail_msg("seed 0x%llx: the batch wrote more lines than the %lu specs: %s", (unsigned long long)seed,
		         count, B.line);
	fclose(B.out);
	B.out = NULL;
	assert_int_equal(waitpid(B.pid, &status, 0), B.pid);
	B.pid = -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != want_exit)
		fail_msg("seed 0x%llx: the batch ended with %s, want exit %d; its stderr begins:\n%.600s",
		         (unsigned long long)seed, batch_end(status), want_exit, batch_stderr());

	print_message("props: seed 0x%llx, %lu specs (%lu..%lu): %lu good (%lu conflict, %lu default, %lu "
	              "recommended), %lu bad; reasons applied %lu, overridden %lu, contradicted %lu, moot %lu; "
	              "%lu with the full what-if; %.1f s (%.1f s writing)\n",
	              (unsigned long long)seed, count, first_idx, first_idx + count - 1, nvalid, nconflict, ndefault,
	              nvalid - nconflict - ndefault, ninvalid, nstate[0], nstate[1], nstate[2], nstate[3], nfull,
	              now() - t0, t1 - t0);

	/* the generator reached everything, on a full run */
	if (count >= 10000) {
		for (j = 0; j < nrules; j++)
			if (rule_fired[j] < 100)
				fail_msg("seed 0x%llx: rule %s %s fired in only %lu specs", (unsigned long long)seed,
				         ds_ruleset_rule_ref(rs, j), ds_ruleset_rule_id(rs, j), rule_fired[j]);
		for (k = 0; k < 4; k++)
			if (nstate[k] < 100)
				fail_msg("seed 0x%llx: only %lu reasons %s", (unsigned long long)seed, nstate[k], state_names[k]);
		if (nconflict < count / 20 || ndefault < count / 100 || nvalid - nconflict - ndefault < count / 20 ||
		    ninvalid < count / 100)
			fail_msg("seed 0x%llx: a lopsided mix: %lu conflict, %lu default, %lu bad", (unsigned long long)seed,
			         nconflict, ndefault, ninvalid);
		for (k = 0; k < NF; k++)
			for (j = 0; j < F[k].ngood; j++)
				if (F[k].used_good[j] == 0)
					fail_msg("seed 0x%llx: %s = %.17g was never tried", (unsigned long long)seed, F[k].key,
					         F[k].good[j].v);
	}
	ds_result_free(reuse);
	ds_spec_free(jspec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_props, teardown_batch),
	};

	/* the CLI's language must not come from the environment of the run (it does not change the JSON) */
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	return cmocka_run_group_tests(tests, setup_rules, teardown_rules);
}
