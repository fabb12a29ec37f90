/* spec.c: workload specs: typed fact values from flags, JSON (cJSON) and YAML (libyaml). */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "cond.h"
#include "diag.h"
#include "facts.h"
#include "json.h"
#include "msgtext.h"
#include "specdata.h"
#include "words.h"
#include "ynode.h"

/* A value as it arrives, before it is checked against its fact. */
enum raw_kind { R_NUM, R_BOOL, R_STR, R_LIST, R_NULL, R_OTHER };
struct raw {
	enum raw_kind kind;
	double num;
	int nonfinite;
	const char *str;
	const char **items;
	size_t nitems;
	const char *what_en, *what_zh; /* for R_OTHER: M_SPEC_AN_OBJECT, ... */
};

/* The file of a flag's diag: none. */
#define NO_FILE ""


ds_status ds_spec_new(const ds_ruleset *rs, ds_spec **out)
{
	ds_spec *s;

	if (rs == NULL || out == NULL)
		return DS_ERR_ARG;
	*out = NULL;
	if ((s = calloc(1, sizeof *s + rs->nfacts * sizeof *s->v)) == NULL) /* one block */
		return DS_ERR_NOMEM;
	s->rs = rs;
	s->v = (struct value *)(s + 1);
	*out = s;
	return DS_OK;
}

void ds_spec_free(ds_spec *s)
{
	if (s == NULL)
		return;
	ds_spec_clear(s);
	free(s);
}

void ds_spec_clear(ds_spec *s)
{
	uint64_t m;

	if (s == NULL)
		return;
	for (m = s->rs->string_mask; m; m &= m - 1) /* only string facts own memory */
		free(s->v[__builtin_ctzll(m)].str);
	memset(s->v, 0, s->rs->nfacts * sizeof *s->v);
	if (s->id != s->id_small)
		free(s->id);
	s->id = NULL;
	s->has_id = s->id_is_num = 0;
}

static int parse_num(const char *s, double *v) { return dsi_parse_decimal(s, strlen(s), v); }

static void list_values(const struct fact *f, char *buf, size_t n)
{
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < f->nvalues && used < n; i++) {
		int w = snprintf(buf + used, n - used, "%s%s", i ? ", " : "", f->values[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

/* Whether a and b are the same word but for the case of ASCII letters (whatever the locale). */
static int same_word(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (*a != *b && !(((*a | 0x20) == (*b | 0x20)) && (*a | 0x20) >= 'a' && (*a | 0x20) <= 'z'))
			return 0;
	return *a == *b;
}

/*
 * The index of word among the fact's values, or -1. Values are matched
 * without regard to the case of ASCII letters (nvidia-smi writes "Tesla T4",
 * people type INT4); the value kept is the table's.
 */
static long value_index(const struct fact *f, const char *word)
{
	size_t k;

	for (k = 0; k < f->nvalues; k++)
		if (same_word(f->values[k], word))
			return (long)k;
	return -1;
}

static int bad_word(const struct fact *f, const char *word, ds_lang lang, char *msg, size_t n)
{
	char vals[300];
	const char *near = ds_nearest_word(word, (const char *const *)f->values, f->nvalues);

	list_values(f, vals, sizeof vals);
	if (near)
		return dsi_say(msg, n, lang, M_SPEC_BAD_WORD_NEAR, word, f->key, near, vals);
	return dsi_say(msg, n, lang, M_SPEC_BAD_WORD, word, f->key, vals);
}

/* A word YAML 1.1 or a quoted string may mean a boolean by: 1 true, 0 false, -1 neither. */
static int bool_word(const char *s)
{
	static const char *const yes[] = {"true", "yes", "y", "on"}, *const no[] = {"false", "no", "n", "off"};
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (!strcasecmp(s, yes[i]))
			return 1;
		if (!strcasecmp(s, no[i]))
			return 0;
	}
	return -1;
}

static const char *raw_name(const struct raw *r, ds_lang lang)
{
	switch (r->kind) {
	case R_NUM: return dsi_tr(lang, M_SPEC_A_NUMBER);
	case R_BOOL: return dsi_tr(lang, M_SPEC_A_BOOLEAN);
	case R_STR: return dsi_tr(lang, M_SPEC_A_STRING);
	case R_LIST: return dsi_tr(lang, M_SPEC_A_LIST);
	case R_NULL: return dsi_tr(lang, M_SPEC_NULL);
	case R_OTHER: break;
	}
	return r->what_en ? dsi_tr(lang, r->what_en, r->what_zh) : dsi_tr(lang, M_SPEC_SOMETHING_ELSE);
}

/* "an integer" or "a number", as the fact's type asks. */
static const char *number_word(const struct fact *f, ds_lang lang)
{
	return f->type == DS_FACT_INTEGER ? dsi_tr(lang, M_SPEC_AN_INTEGER) : dsi_tr(lang, M_SPEC_A_NUMBER);
}

static int check_range(const struct fact *f, double v, ds_lang lang, char *msg, size_t n)
{
	char lim[40], got[40];
	int side = dsi_fact_range_side(f, v);

	if (side == 0)
		return 0; /* the usual case: nothing to word */
	dsi_num_text(got, sizeof got, v); /* exact: 4096.0001 is not shown as 4096 */
	if (side < 0) {
		dsi_num_text(lim, sizeof lim, f->min);
		if (f->min_excl)
			return dsi_say(msg, n, lang, M_SPEC_ABOVE, lim, got);
		return dsi_say(msg, n, lang, M_SPEC_AT_LEAST, lim, got);
	}
	if (side > 0) {
		dsi_num_text(lim, sizeof lim, f->max);
		if (f->max_excl)
			return dsi_say(msg, n, lang, M_SPEC_BELOW, lim, got);
		return dsi_say(msg, n, lang, M_SPEC_AT_MOST, lim, got);
	}
	return 0;
}

/* A number for a number or integer fact: finite, whole and exact for an integer, in range. */
static int check_number(const struct fact *f, const struct raw *r, ds_lang lang, char *msg, size_t n)
{
	if (r->kind != R_NUM) {
		double d;
		if (r->kind == R_STR && parse_num(r->str, &d) == 1) /* "12", quoted */
			return dsi_say(msg, n, lang, M_SPEC_QUOTED_NUMBER, number_word(f, lang), r->str);
		return dsi_say(msg, n, lang, M_SPEC_EXPECTED_GOT, number_word(f, lang), raw_name(r, lang));
	}
	if (r->nonfinite || !isfinite(r->num))
		return dsi_say(msg, n, lang, M_SPEC_NOT_FINITE);
	if (f->type == DS_FACT_INTEGER && r->num != floor(r->num)) {
		char num[32];
		dsi_num_text(num, sizeof num, r->num);
		return dsi_say(msg, n, lang, M_SPEC_NOT_INTEGER, num);
	}
	if (f->type == DS_FACT_INTEGER && fabs(r->num) >= DS_MAX_EXACT_INT)
		return dsi_say(msg, n, lang, M_SPEC_INT_TOO_LARGE);
	if (check_range(f, r->num, lang, msg, n))
		return -1;
	return 0;
}

/* A set fact's list: strings, each one of the fact's values, into *bits. */
static int set_bits(const struct fact *f, const struct raw *r, uint64_t *bits, ds_lang lang, char *msg, size_t n)
{
	size_t i;
	long k;

	if (r->kind != R_LIST)
		return dsi_say(msg, n, lang, M_SPEC_EXPECTED_LIST, f->key, raw_name(r, lang));
	for (i = 0; i < r->nitems; i++) {
		if (r->items[i] == NULL)
			return dsi_say(msg, n, lang, M_SPEC_ITEM_NOT_STRING, i + 1);
		if ((k = value_index(f, r->items[i])) < 0)
			return bad_word(f, r->items[i], lang, msg, n);
		*bits |= (uint64_t)1 << k;
	}
	return 0;
}

/* Checks r against fact fi and stores it; on error fills msg (in lang) and returns -1 (-2: no memory). */
static int assign(ds_spec *s, size_t fi, const struct raw *r, ds_lang lang, char *msg, size_t n)
{
	const struct fact *f = &s->rs->facts[fi];
	struct value nv;
	long k;

	memset(&nv, 0, sizeof nv);
	nv.set = 1;
	if (r->kind == R_NULL)
		return dsi_say(msg, n, lang, M_SPEC_NULL_VALUE);
	switch (f->type) {
	case DS_FACT_NUMBER:
	case DS_FACT_INTEGER:
		if (check_number(f, r, lang, msg, n))
			return -1;
		nv.num = r->num == 0 ? 0.0 : r->num;
		break;
	case DS_FACT_BOOLEAN:
		if (r->kind != R_BOOL) {
			int truth = r->kind == R_STR ? bool_word(r->str) : -1;
			if (truth >= 0 && !strcmp(r->str, truth ? "true" : "false")) /* "true" quoted */
				return dsi_say(msg, n, lang, M_SPEC_BOOL_QUOTED, r->str, truth ? "true" : "false");
			if (truth >= 0) /* yes, On, TRUE */
				return dsi_say(msg, n, lang, M_SPEC_BOOL_WORD, r->str, truth ? "true" : "false");
			return dsi_say(msg, n, lang, M_SPEC_BOOL_GOT, raw_name(r, lang));
		}
		nv.num = r->num;
		break;
	case DS_FACT_ENUM:
		if (r->kind != R_STR) {
			char vals[300];
			list_values(f, vals, sizeof vals);
			return dsi_say(msg, n, lang, M_SPEC_ENUM_GOT, vals, raw_name(r, lang));
		}
		if ((k = value_index(f, r->str)) < 0)
			return bad_word(f, r->str, lang, msg, n);
		nv.bits = (uint64_t)1 << k;
		break;
	case DS_FACT_SET:
		if (set_bits(f, r, &nv.bits, lang, msg, n))
			return -1;
		break;
	case DS_FACT_STRING:
		if (r->kind != R_STR)
			return dsi_say(msg, n, lang, M_SPEC_STRING_GOT, raw_name(r, lang));
		if (r->str[0] == '\0')
			return dsi_say(msg, n, lang, M_SPEC_EMPTY_STRING);
		/* a known value ("A100") is kept as the table spells it; any other as written */
		k = value_index(f, r->str);
		if ((nv.str = dsi_xstrdup(k >= 0 ? f->values[k] : r->str)) == NULL)
			return -2;
		break;
	}
	if (s->v[fi].str) /* only a string fact's value owns memory: no call for the others */
		free(s->v[fi].str);
	s->v[fi] = nv;
	return 0;
}

/* The diag of a key that names no fact, with the nearest that does. */
static ds_status no_fact(ds_diag *diag, const char *key, const char *near)
{
	if (near)
		dsi_diag_say(diag, NO_FILE, 0, 0, key, M_SPEC_NO_FACT_NEAR, key, near);
	else
		dsi_diag_say(diag, NO_FILE, 0, 0, key, M_SPEC_NO_FACT, key);
	return DS_ERR_UNKNOWN;
}

/* The language a diag asks for; a NULL diag (nothing is written) is English. */
static ds_lang lang_of(const ds_diag *diag)
{
	return diag ? diag->lang : DS_LANG_EN;
}

ds_status ds_spec_set_text(ds_spec *s, const char *key, const char *text, ds_diag *diag)
{
	const struct fact *f;
	struct raw r;
	char msg[512];
	const char *near;
	const char **items = NULL;
	char *copy = NULL, *p;
	long fi;
	int rc;

	if (s == NULL || key == NULL || text == NULL)
		return DS_ERR_ARG;
	if ((fi = dsi_fact_lookup(s->rs, key, 1, &near)) < 0)
		return no_fact(diag, key, near);
	f = &s->rs->facts[fi];
	if (!dsi_utf8_valid(text, strlen(text))) {
		dsi_diag_say(diag, NO_FILE, 0, 0, f->key, M_SPEC_BAD_UTF8, text);
		return DS_ERR_VALUE;
	}
	if (strlen(text) > DS_MAX_STRING) { /* as in a spec file */
		dsi_diag_say(diag, NO_FILE, 0, 0, f->key, M_SPEC_STRING_TOO_LONG, DS_MAX_STRING);
		return DS_ERR_VALUE;
	}
	memset(&r, 0, sizeof r);
	switch (f->type) {
	case DS_FACT_NUMBER:
	case DS_FACT_INTEGER:
		rc = parse_num(text, &r.num);
		if (rc == 0) {
			dsi_diag_say(diag, NO_FILE, 0, 0, f->key, M_SPEC_EXPECTED_TEXT, number_word(f, lang_of(diag)), text);
			return DS_ERR_VALUE;
		}
		r.kind = R_NUM;
		r.nonfinite = rc < 0;
		break;
	case DS_FACT_BOOLEAN:
		if (!strcmp(text, "true") || !strcmp(text, "false")) {
			r.kind = R_BOOL;
			r.num = text[0] == 't';
		} else {
			r.kind = R_STR;
			r.str = text;
		}
		break;
	case DS_FACT_SET: {
		size_t n = 1, i = 0;
		for (p = (char *)text; *p; p++)
			n += *p == ',';
		if ((copy = dsi_xstrdup(text)) == NULL || (items = calloc(n, sizeof *items)) == NULL) {
			free(copy);
			return DS_ERR_NOMEM;
		}
		r.kind = R_LIST;
		if (*copy) { /* "code, math": blanks around an item are no part of it; an empty item stays one */
			for (p = copy;; p++) {
				char *start, *end;
				int last;
				while (*p == ' ' || *p == '\t')
					p++;
				for (start = p; *p && *p != ','; p++)
					;
				last = *p == '\0';
				for (end = p; end > start && (end[-1] == ' ' || end[-1] == '\t'); end--)
					;
				*end = '\0';
				items[i++] = start;
				if (last)
					break;
			}
		}
		r.items = items;
		r.nitems = i;
		break;
	}
	default:
		r.kind = R_STR;
		r.str = text;
	}
	rc = assign(s, (size_t)fi, &r, lang_of(diag), msg, sizeof msg);
	free(items);
	free(copy);
	if (rc == -2)
		return DS_ERR_NOMEM;
	if (rc) {
		dsi_diag_set(diag, "", 0, 0, f->key, "%s", msg);
		return DS_ERR_VALUE;
	}
	return DS_OK;
}

ds_status ds_spec_set_bool(ds_spec *s, const char *key, int value, ds_diag *diag)
{
	long fi;
	const char *near;

	if (s == NULL || key == NULL)
		return DS_ERR_ARG;
	if ((fi = dsi_fact_lookup(s->rs, key, 1, &near)) < 0)
		return no_fact(diag, key, near);
	if (s->rs->facts[fi].type != DS_FACT_BOOLEAN) {
		dsi_diag_say(diag, NO_FILE, 0, 0, key, M_SPEC_NOT_BOOLEAN, key);
		return DS_ERR_VALUE;
	}
	s->v[fi].set = 1;
	s->v[fi].num = value != 0;
	return DS_OK;
}

/* Sets the id from text already known to be a string or a normalised number. */
static ds_status set_id(ds_spec *s, const char *text, int is_number)
{
	size_t n = strlen(text) + 1;
	char *id = n <= sizeof s->id_small ? s->id_small : malloc(n);

	if (id == NULL)
		return DS_ERR_NOMEM;
	if (s->id && s->id != s->id_small)
		free(s->id);
	memmove(id, text, n);
	s->id = id;
	s->has_id = 1;
	s->id_is_num = is_number;
	return DS_OK;
}

ds_status ds_spec_set_id(ds_spec *s, const char *text, int is_number)
{
	char num[40];
	double v;

	if (s == NULL || text == NULL)
		return DS_ERR_ARG;
	if (!is_number && !dsi_utf8_valid(text, strlen(text))) /* it is echoed in JSON */
		return DS_ERR_VALUE;
	if (is_number && !dsi_json_number(text)) { /* kept as written when it is JSON already */
		if (parse_num(text, &v) != 1)
			return DS_ERR_VALUE;
		dsi_num_text(num, sizeof num, v);
		text = num;
	}
	return set_id(s, text, is_number != 0);
}

ds_status ds_spec_merge(ds_spec *dst, const ds_spec *over)
{
	size_t i;

	if (dst == NULL || over == NULL || dst->rs != over->rs)
		return DS_ERR_ARG;
	for (i = 0; i < dst->rs->nfacts; i++) {
		struct value nv = over->v[i];
		if (!nv.set)
			continue;
		if (nv.str && (nv.str = dsi_xstrdup(nv.str)) == NULL)
			return DS_ERR_NOMEM;
		free(dst->v[i].str);
		dst->v[i] = nv;
	}
	if (over->has_id)
		return ds_spec_set_id(dst, over->id, over->id_is_num);
	return DS_OK;
}

void ds_spec_mark_detected(ds_spec *s)
{
	size_t i;

	for (i = 0; i < s->rs->nfacts; i++)
		s->v[i].detected = s->v[i].set != 0;
}

int ds_spec_is_empty(const ds_spec *s)
{
	size_t i;

	for (i = 0; i < s->rs->nfacts; i++)
		if (s->v[i].set)
			return 0;
	return !s->has_id;
}

/* Whether fact f, just filled in dst, makes one of the constraints that read it true. */
static int contradicts_dst(const ds_spec *dst, size_t f)
{
	return dsi_broken_constraint(dst->rs, dst->v, (uint64_t)1 << f) >= 0;
}

ds_status ds_spec_fill(ds_spec *dst, const ds_spec *defaults)
{
	size_t i;

	if (dst == NULL || defaults == NULL || dst->rs != defaults->rs)
		return DS_ERR_ARG;
	for (i = 0; i < dst->rs->nfacts; i++) {
		struct value nv = defaults->v[i];
		if (!nv.set || dst->v[i].set)
			continue;
		if (nv.str && (nv.str = dsi_xstrdup(nv.str)) == NULL)
			return DS_ERR_NOMEM;
		dst->v[i] = nv;
		if (contradicts_dst(dst, i)) { /* dst wins: a default that contradicts its facts stays out */
			free(dst->v[i].str);
			memset(&dst->v[i], 0, sizeof dst->v[i]);
		}
	}
	return DS_OK; /* the id labels one spec: it is no default */
}

const char *ds_spec_id(const ds_spec *s, int *is_number)
{
	if (is_number)
		*is_number = s->has_id && s->id_is_num;
	return s->has_id ? s->id : NULL;
}

int ds_spec_has(const ds_spec *s, const char *key)
{
	long fi = ds_ruleset_fact_by_key(s->rs, key);

	return fi >= 0 && s->v[fi].set;
}

ds_status ds_spec_unset(ds_spec *s, const char *key)
{
	long fi = s && key ? ds_ruleset_fact_by_key(s->rs, key) : -1;

	if (s == NULL || key == NULL)
		return DS_ERR_ARG;
	if (fi < 0)
		return DS_ERR_UNKNOWN;
	free(s->v[fi].str); /* only string facts own memory; NULL otherwise */
	memset(&s->v[fi], 0, sizeof s->v[fi]);
	return DS_OK;
}

/* ---- constraints: combinations of facts a spec may not give ---- */

/* The facts set in v, and the booleans (never unknown): a bit each. */
static uint64_t known_of(const ds_ruleset *rs, const struct value *v)
{
	uint64_t known = rs->bool_mask;
	size_t i;

	for (i = 0; i < rs->nfacts; i++)
		known |= (uint64_t)(v[i].set != 0) << i;
	return known;
}


/*
 * "gpus 0 and gpu_mem 80 contradict each other: why": the facts constraint ci
 * cannot hold without, in table order. A fact also set in flags is named as
 * its flag ("--gpus 0"), a detected one says so. Returns the facts named;
 * *by_flag says whether a flag was among them.
 */
static uint64_t constraint_msg(const ds_spec *s, long ci, const ds_spec *flags, int *by_flag, ds_lang lang,
                               char *out, size_t n)
{
	const ds_ruleset *rs = s->rs;
	const struct check *c = &rs->constraints[ci];
	uint64_t named = 0, need = 0, m;
	struct value w[DS_MAX_FACTS];
	struct buf b;
	size_t k = 0, total = 0;

	*by_flag = 0;
	/*
	 * The facts it cannot hold without (gpus 0 and gpu_model a100, not the
	 * gpu_mem 0 beside them): each given fact, or boolean, whose absence
	 * makes it no longer true; all it reads when no single one does.
	 */
	memcpy(w, s->v, rs->nfacts * sizeof *w);
	for (m = c->facts; m; m &= m - 1) {
		unsigned f = (unsigned)__builtin_ctzll(m);
		struct value keep = w[f];
		if (!keep.set && !(rs->bool_mask >> f & 1))
			continue;
		memset(&w[f], 0, sizeof w[f]);
		if (keep.set && rs->facts[f].type == DS_FACT_BOOLEAN && keep.num == 0) { /* false: try true */
			w[f] = keep;
			w[f].num = 1;
		} else if (!keep.set) { /* an absent boolean is false: try true */
			w[f].set = 1;
			w[f].num = 1;
		}
		if (dsi_cond_eval(rs, c->when, w) != TV_TRUE)
			need |= (uint64_t)1 << f;
		w[f] = keep;
	}
	if (need == 0)
		for (m = c->facts; m; m &= m - 1)
			if (s->v[__builtin_ctzll(m)].set || (rs->bool_mask >> __builtin_ctzll(m) & 1))
				need |= m & -m;
	for (m = need; m; m &= m - 1)
		total++;
	dsi_buf_init(&b);
	for (m = need; m; m &= m - 1) {
		unsigned f = (unsigned)__builtin_ctzll(m);
		const struct fact *fa = &rs->facts[f];
		const struct value *v = &s->v[f];
		if (k) /* Chinese lists its items with the enumeration comma, a word the catalog cannot hold alone */
			dsi_buf_puts(&b, k + 1 == total ? dsi_tr(lang, M_SPEC_AND) : lang == DS_LANG_ZH ? "、" : ", ");
		k++;
		named |= (uint64_t)1 << f;
		if (flags && flags->v[f].set) {
			*by_flag = 1;
			if (fa->type == DS_FACT_BOOLEAN) {
				dsi_buf_printf(&b, "--%s%s", v->num != 0 ? "" : "no-", fa->flag);
				continue;
			}
			dsi_buf_printf(&b, "--%s ", fa->flag);
		} else {
			dsi_buf_printf(&b, "%s ", fa->key);
		}
		if (fa->type == DS_FACT_STRING) {
			char t[128];
			dsi_text_clean(t, sizeof t, v->str ? v->str : "");
			dsi_buf_puts(&b, t);
		} else {
			dsi_value_text(rs, f, v, &b);
		}
		if (v->detected && !(flags && flags->v[f].set))
			dsi_buf_puts(&b, dsi_tr(lang, M_SPEC_DETECTED));
	}
	if (k > 1)
		dsi_say(out, n, lang, M_SPEC_CONTRADICT, b.p, dsi_rs_text(&c->message, lang));
	else
		dsi_say(out, n, lang, M_SPEC_REFUSED, b.p ? b.p : dsi_tr(lang, M_SPEC_FACTS_GIVEN),
		    dsi_rs_text(&c->message, lang));
	dsi_buf_free(&b);
	return named;
}

ds_status ds_spec_check(const ds_spec *spec, const ds_spec *flags, int *by_flag, ds_diag *diag)
{
	char msg[512];
	long ci;
	int bf;

	if (by_flag)
		*by_flag = 0;
	if (spec == NULL || (flags && flags->rs != spec->rs))
		return DS_ERR_ARG;
	if ((ci = dsi_broken_constraint(spec->rs, spec->v, known_of(spec->rs, spec->v))) < 0)
		return DS_OK;
	constraint_msg(spec, ci, flags, &bf, lang_of(diag), msg, sizeof msg);
	if (by_flag)
		*by_flag = bf;
	if (diag)
		dsi_diag_set(diag, "", 0, 0, spec->rs->constraints[ci].id, "%s", msg);
	return DS_ERR_SPEC;
}

/*
 * After a spec is read: a constraint it breaks is an error at the key of the
 * last fact involved (where is that key's line and column, by fact), or at
 * line0:col0 (the spec) when only absent booleans are.
 */
static ds_status parse_check(const ds_spec *s, const char *name, const unsigned (*where)[2], unsigned line0,
                             unsigned col0, ds_diag *diag)
{
	char msg[512];
	uint64_t named, m;
	unsigned line = 0, col = 0;
	long ci, at = -1;
	int bf;

	if ((ci = dsi_broken_constraint(s->rs, s->v, known_of(s->rs, s->v))) < 0)
		return DS_OK;
	named = constraint_msg(s, ci, NULL, &bf, lang_of(diag), msg, sizeof msg);
	for (m = named; m; m &= m - 1) {
		const unsigned *p = where[__builtin_ctzll(m)];
		if (p[0] > line || (p[0] == line && p[1] > col)) {
			line = p[0], col = p[1];
			at = __builtin_ctzll(m);
		}
	}
	if (line == 0) { /* only absent booleans named: the spec itself is the place */
		line = line0;
		col = col0;
	}
	dsi_diag_set(diag, name, line, col, at >= 0 ? s->rs->facts[at].key : NULL, "%s", msg);
	return DS_ERR_SPEC;
}

/* ---- JSON ---- */

/* 1-based line and column (in characters) of byte offset off. */
static void pos_of(const char *buf, size_t len, size_t off, unsigned *line, unsigned *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	i = len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0; /* a byte order mark is no column */
	for (; i < off && i < len; i++) {
		if (buf[i] == '\n')
			++*line, *col = 1;
		else if (((unsigned char)buf[i] & 0xC0) != 0x80)
			++*col;
	}
}

/* What a JSON spec read keeps between members. */
struct jread {
	ds_spec *s;
	ds_diag *diag;
	const char *name, *buf;
	size_t len;
	uint64_t seen;
	int seen_id, failed; /* failed: the first problem is in diag; the rest is only checked */
	size_t at[DS_MAX_FACTS]; /* where each fact's key is, for a constraint's message */
};

/* The first problem of a JSON spec, at member m's key: a message of msgtext.h in the diag's language. */
static void jsay(struct jread *jr, const struct dsi_json_member *m, const char *key, const char *en, const char *zh,
                 ...) __attribute__((format(printf, 4, 6)));
static void jsay(struct jread *jr, const struct dsi_json_member *m, const char *key, const char *en, const char *zh,
                 ...)
{
	char msg[sizeof jr->diag->msg];
	unsigned line, col;
	va_list ap;

	if (jr->failed++ || jr->diag == NULL)
		return;
	va_start(ap, zh);
	vsnprintf(msg, sizeof msg, dsi_tr(jr->diag->lang, en, zh), ap);
	va_end(ap);
	pos_of(jr->buf, jr->len, m->key_off, &line, &col);
	dsi_diag_set(jr->diag, jr->name, line, col, key, "%s", msg);
}

/* A number id, echoed as written: ids are labels. */
static int jread_id_number(struct jread *jr, const struct dsi_json_member *m)
{
	char tmp[128], *num = tmp;
	int rc;

	if (m->val_len >= sizeof tmp && (num = malloc(m->val_len + 1)) == NULL)
		return -1;
	memcpy(num, jr->buf + m->val_off, m->val_len);
	num[m->val_len] = '\0';
	rc = set_id(jr->s, num, 1) == DS_OK ? 0 : -1;
	if (num != tmp)
		free(num);
	return rc;
}

/* The id, for the result or, when the spec is bad, for its error record (it is kept then). */
static int jread_id(struct jread *jr, const cJSON *item, const struct dsi_json_member *m)
{
	if (jr->seen_id++) {
		jsay(jr, m, item->string, M_SPEC_DUP_ID);
		return 0;
	}
	if (cJSON_IsString(item))
		return set_id(jr->s, item->valuestring, 0) == DS_OK ? 0 : -1;
	if (!cJSON_IsNumber(item)) {
		jsay(jr, m, item->string, M_SPEC_ID_TYPE);
		return 0;
	}
	return jread_id_number(jr, m);
}

/*
 * A syntax error leaves no tree, but the id of the members before it is still
 * echoed in the error record: the first member named "id", decoded by cJSON
 * (its text was validated). Returns -1 when memory ran out.
 */
static int jread_id_before_error(struct jread *jr, const struct dsi_json_scan *sc)
{
	size_t k;

	for (k = 0; k < sc->n; k++) {
		const struct dsi_json_member *m = &sc->m[k];
		const char *key = jr->buf + m->key_off;
		cJSON *v;
		int rc = 0;
		if (m->key_len == 4 ? memcmp(key, "\"id\"", 4) != 0
		                    : m->key_len > sizeof "\"\\u0069\\u0064\"" - 1 || !memchr(key, '\\', m->key_len))
			continue; /* not "id", even escaped */
		if (m->key_len != 4) {
			if ((v = cJSON_ParseWithLength(key, m->key_len)) == NULL)
				return -1;
			rc = strcmp(v->valuestring, "id") != 0;
			cJSON_Delete(v);
			if (rc)
				continue;
		}
		if (jr->buf[m->val_off] == '"') {
			if ((v = cJSON_ParseWithLength(jr->buf + m->val_off, m->val_len)) == NULL)
				return -1;
			rc = set_id(jr->s, v->valuestring, 0) == DS_OK ? 0 : -1;
			cJSON_Delete(v);
		} else if (jr->buf[m->val_off] == '-' || (jr->buf[m->val_off] >= '0' && jr->buf[m->val_off] <= '9')) {
			rc = jread_id_number(jr, m);
		}
		return rc; /* the first id only: another is a duplicate */
	}
	return 0;
}

/* One member of the object, from cJSON's tree; m: where it is. Returns -1 when memory ran out. */
static int jread_member(struct jread *jr, const cJSON *item, const struct dsi_json_member *m)
{
	const ds_ruleset *rs = jr->s->rs;
	const char *key = item->string, *near;
	const char *items[DSI_JSON_MAX_ITEMS];
	/* cJSON's keys hold no NUL: the scanner refuses "\u0000" */
	size_t key_len = m->key_escaped ? strlen(key) : m->key_len - 2;
	const cJSON *it;
	struct raw r;
	char msg[512];
	long fi;
	int rc;

	if (key_len == 2 && !strcmp(key, "id"))
		return jread_id(jr, item, m);
	if (jr->failed)
		return 0;
	fi = dsi_fact_by_key_n(rs, key, key_len);
	if (fi < 0 && (fi = dsi_fact_lookup(rs, key, 1, &near)) < 0) {
		if (near)
			jsay(jr, m, key, M_SPEC_UNKNOWN_KEY_NEAR, key, near);
		else
			jsay(jr, m, key, M_SPEC_UNKNOWN_KEY, key);
		return 0;
	}
	if (jr->seen >> fi & 1) {
		jsay(jr, m, key, M_SPEC_DUP_KEY, key);
		return 0;
	}
	jr->seen |= (uint64_t)1 << fi;
	jr->at[fi] = m->key_off;
	memset(&r, 0, sizeof r);
	switch (item->type & 0xFF) {
	case cJSON_Number:
		r.kind = R_NUM;
		r.num = item->valuedouble;
		/* cJSON reads 1e-400 as 0: a non-zero literal too small for a double is out of range too */
		r.nonfinite = !isfinite(r.num) || (r.num == 0 && dsi_json_nonzero(jr->buf + m->val_off, m->val_len));
		break;
	case cJSON_True:
	case cJSON_False:
		r.kind = R_BOOL;
		r.num = (item->type & 0xFF) == cJSON_True;
		break;
	case cJSON_String:
		r.kind = R_STR;
		r.str = item->valuestring;
		break;
	case cJSON_NULL:
		r.kind = R_NULL;
		break;
	case cJSON_Array:
		r.kind = R_LIST;
		for (it = item->child; it; it = it->next, r.nitems++)
			if (r.nitems < DSI_JSON_MAX_ITEMS)
				items[r.nitems] = cJSON_IsString(it) ? it->valuestring : NULL; /* NULL: not a string */
		if (r.nitems > DSI_JSON_MAX_ITEMS) {
			jsay(jr, m, key, M_SPEC_LIST_TOO_LONG, key, r.nitems, DSI_JSON_MAX_ITEMS);
			return 0;
		}
		r.items = items;
		break;
	default:
		r.kind = R_OTHER;
		r.what_en = dsi_tr(DS_LANG_EN, M_SPEC_AN_OBJECT);
		r.what_zh = dsi_tr(DS_LANG_ZH, M_SPEC_AN_OBJECT);
		break;
	}
	rc = assign(jr->s, (size_t)fi, &r, lang_of(jr->diag), msg, sizeof msg);
	if (rc == -2)
		return -1;
	if (rc)
		jsay(jr, m, key, M_SPEC_KEY_MSG, key, msg);
	return 0;
}

ds_status ds_spec_parse_json(const ds_ruleset *rs, const char *buf, size_t len, const char *name,
                             ds_spec **out, ds_diag *diag)
{
	ds_spec *s;
	ds_status st;

	if (rs == NULL || out == NULL || (buf == NULL && len))
		return DS_ERR_ARG;
	*out = NULL;
	if ((st = ds_spec_new(rs, &s)) != DS_OK)
		return st;
	if ((st = ds_spec_read_json(s, buf, len, name, diag)) != DS_OK) {
		ds_spec_free(s);
		return st;
	}
	*out = s;
	return DS_OK;
}

/*
 * Every JSON spec comes here: the scanner (json.c) validates the text strictly
 * and records where each member is, cJSON decodes it, and the members are
 * taken from cJSON's tree in order.
 */
ds_status ds_spec_read_json(ds_spec *spec, const char *buf, size_t len, const char *name, ds_diag *diag)
{
	struct dsi_json_scan sc;
	struct jread jr;
	cJSON *tree = NULL, *item;
	unsigned line, col;
	ds_status st = DS_OK;
	size_t k;
	int rc;

	if (spec == NULL || (buf == NULL && len))
		return DS_ERR_ARG;
	ds_spec_clear(spec);
	if (name == NULL)
		name = "<spec>";
	memset(&jr, 0, offsetof(struct jread, at)); /* at[] is written before it is read: per key seen */
	jr.s = spec;
	jr.diag = diag;
	jr.name = name;
	jr.buf = buf;
	jr.len = len;
	rc = dsi_json_scan(buf, len, DS_MAX_SPEC_DEPTH, &sc);
	if (rc == 0) {
		/* The text is valid JSON, so cJSON fails on it only when memory runs out. */
		tree = cJSON_ParseWithLengthOpts(buf + sc.start, sc.end - sc.start, NULL, 0);
		for (item = tree ? tree->child : NULL, k = 0; item && k < sc.n; item = item->next, k++)
			if (jread_member(&jr, item, &sc.m[k]))
				break;
		if (tree == NULL || item)
			rc = -2;
		cJSON_Delete(tree);
	} else if (rc == -1 && jread_id_before_error(&jr, &sc)) {
		rc = -2;
	}
	if (rc == -1) { /* a syntax error wins over anything found before it */
		pos_of(buf, len, sc.err_off, &line, &col);
		if (sc.err_limit == DSI_JSON_TOO_DEEP)
			dsi_diag_say(diag, name, line, col, NULL, M_SPEC_TOO_DEEP, DS_MAX_SPEC_DEPTH);
		else if (sc.err_limit == DSI_JSON_TOO_LONG)
			dsi_diag_say(diag, name, line, col, NULL, M_SPEC_STRING_TOO_LONG, DS_MAX_STRING);
		else
			dsi_diag_say(diag, name, line, col, NULL, M_SPEC_JSON_SYNTAX,
			             dsi_tr(lang_of(diag), sc.err_msg, sc.err_msg_zh));
		st = DS_ERR_SPEC;
	} else if (rc == -2) {
		dsi_diag_say(diag, name, 0, 0, NULL, M_OUT_OF_MEMORY);
		st = DS_ERR_NOMEM;
	} else if (rc == -3) {
		dsi_diag_say(diag, name, 1, 1, NULL, M_SPEC_NOT_OBJECT);
		st = DS_ERR_SPEC;
	} else if (jr.failed) {
		st = DS_ERR_SPEC;
	} else if (spec->rs->nconstraints && dsi_broken_constraint(spec->rs, spec->v, jr.seen | spec->rs->bool_mask) >= 0) {
		unsigned where[DS_MAX_FACTS][2];
		uint64_t m;
		memset(where, 0, sizeof where);
		for (m = jr.seen; m; m &= m - 1) {
			unsigned f = (unsigned)__builtin_ctzll(m);
			pos_of(buf, len, jr.at[f], &where[f][0], &where[f][1]);
		}
		st = parse_check(spec, name, (const unsigned (*)[2])where, 1, 1, diag);
	}
	dsi_json_scan_free(&sc);
	if (st != DS_OK) { /* the facts go; the id stays, for the error record */
		char *keep = spec->has_id ? dsi_xstrdup(spec->id) : NULL;
		int num = spec->id_is_num;
		if (spec->has_id && keep == NULL)
			st = DS_ERR_NOMEM;
		ds_spec_clear(spec);
		if (keep && set_id(spec, keep, num) != DS_OK)
			st = DS_ERR_NOMEM;
		if (st == DS_ERR_NOMEM)
			dsi_diag_say(diag, name, 0, 0, NULL, M_OUT_OF_MEMORY);
		free(keep);
	}
	return st;
}

/* ---- YAML ---- */

/* A problem of a YAML spec at node n: a message of msgtext.h in the diag's language. */
static void ysay(ds_diag *diag, const char *name, const struct ynode *n, const char *key, const char *en,
                 const char *zh, ...) __attribute__((format(printf, 5, 7)));
static void ysay(ds_diag *diag, const char *name, const struct ynode *n, const char *key, const char *en,
                 const char *zh, ...)
{
	char msg[sizeof diag->msg];
	va_list ap;

	if (diag == NULL)
		return;
	va_start(ap, zh);
	vsnprintf(msg, sizeof msg, dsi_tr(diag->lang, en, zh), ap);
	va_end(ap);
	dsi_diag_set(diag, name, n->line, n->col, key, "%s", msg);
}

/* Fills s from a YAML mapping of facts (a spec file, or an example in a rule table). */
ds_status dsi_spec_from_ynode(ds_spec *s, const struct ynode *map, const char *name, ds_diag *diag)
{
	const ds_ruleset *rs = s->rs;
	unsigned where[DS_MAX_FACTS][2];
	ds_status st;
	size_t i;
	char msg[512];

	memset(where, 0, sizeof where);
	for (i = 0; i + 1 < map->nkids; i += 2) {
		const struct ynode *k = map->kids[i], *v = map->kids[i + 1];
		const char *items[DS_MAX_VALUES];
		const char *near;
		struct raw r;
		long fi;
		int rc, b;

		if (!strcmp(k->str, "id")) {
			double d;
			if (v->kind != Y_SCALAR || dsi_ynode_is_null(v) || dsi_ynode_bool(v, &b)) {
				ysay(diag, name, v, k->str, M_SPEC_ID_TYPE);
				return DS_ERR_SPEC;
			}
			/* Echoed as written, as in JSON: a number JSON writes the same is a number, any
			   other ("007", "+5", ".5") its text */
			st = ds_spec_set_id(s, v->str, dsi_ynode_number(v, &d) == 1 && dsi_json_number(v->str));
			if (st == DS_ERR_VALUE)
				st = ds_spec_set_id(s, v->str, 0);
			if (st != DS_OK)
				return st;
			continue;
		}
		if ((fi = dsi_fact_lookup(rs, k->str, 1, &near)) < 0) {
			if (near)
				ysay(diag, name, k, k->str, M_SPEC_UNKNOWN_KEY_NEAR, k->str, near);
			else
				ysay(diag, name, k, k->str, M_SPEC_UNKNOWN_KEY, k->str);
			return DS_ERR_SPEC;
		}
		memset(&r, 0, sizeof r);
		if (v->kind == Y_SEQ) {
			size_t j;
			if (v->nkids > DS_MAX_VALUES) {
				ysay(diag, name, v, k->str, M_SPEC_LIST_TOO_LONG, k->str, v->nkids, DS_MAX_VALUES);
				return DS_ERR_SPEC;
			}
			r.kind = R_LIST;
			for (j = 0; j < v->nkids; j++)
				items[j] = v->kids[j]->kind == Y_SCALAR ? v->kids[j]->str : NULL;
			r.items = items;
			r.nitems = v->nkids;
		} else if (v->kind == Y_MAP) {
			r.kind = R_OTHER;
			r.what_en = dsi_tr(DS_LANG_EN, M_SPEC_A_MAPPING);
			r.what_zh = dsi_tr(DS_LANG_ZH, M_SPEC_A_MAPPING);
		} else if (dsi_ynode_is_null(v)) {
			r.kind = R_NULL;
		} else if (dsi_ynode_bool(v, &b)) {
			r.kind = R_BOOL;
			r.num = b;
		} else if ((rc = dsi_ynode_number(v, &r.num)) != 0) {
			r.kind = R_NUM;
			r.nonfinite = rc < 0;
			/* An enum or string fact takes a plain number as its text. */
			if (rs->facts[fi].type == DS_FACT_ENUM || rs->facts[fi].type == DS_FACT_STRING) {
				r.kind = R_STR;
				r.str = v->str;
			}
		} else {
			r.kind = R_STR;
			r.str = v->str;
		}
		rc = assign(s, (size_t)fi, &r, lang_of(diag), msg, sizeof msg);
		if (rc == -2)
			return DS_ERR_NOMEM;
		if (rc) {
			ysay(diag, name, v, k->str, M_SPEC_KEY_MSG, k->str, msg);
			return DS_ERR_SPEC;
		}
		where[fi][0] = k->line;
		where[fi][1] = k->col;
	}
	return parse_check(s, name, (const unsigned (*)[2])where, map->line, map->col, diag);
}

ds_status ds_spec_parse_yaml(const ds_ruleset *rs, const char *buf, size_t len, const char *name,
                             ds_spec **out, ds_diag *diag)
{
	struct ynode *root = NULL;
	ds_spec *s = NULL;
	ds_status st;

	if (rs == NULL || out == NULL || (buf == NULL && len))
		return DS_ERR_ARG;
	*out = NULL;
	if (name == NULL)
		name = "<spec>";
	if ((st = dsi_ynode_parse(buf, len, name, DS_MAX_SPEC_DEPTH, &root, diag)) != DS_OK)
		return st;
	if (root == NULL || root->kind != Y_MAP) {
		if (root)
			ysay(diag, name, root, NULL, M_SPEC_NOT_MAPPING);
		else
			dsi_diag_say(diag, name, 1, 1, NULL, M_SPEC_EMPTY);
		st = DS_ERR_SPEC;
		goto out;
	}
	if ((st = ds_spec_new(rs, &s)) != DS_OK)
		goto out;
	if ((st = dsi_spec_from_ynode(s, root, name, diag)) != DS_OK)
		goto out;
	*out = s;
	s = NULL;
out:
	ds_spec_free(s);
	dsi_ynode_free(root);
	return st;
}

ds_status ds_spec_parse(const ds_ruleset *rs, const char *buf, size_t len, const char *name,
                        ds_spec **out, ds_diag *diag)
{
	size_t i = 0;

	if (buf == NULL && len)
		return DS_ERR_ARG;
	/* A '{' after a byte order mark and blanks means JSON; anything else is YAML. */
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	if (i < len && buf[i] == '{')
		return ds_spec_parse_json(rs, buf, len, name, out, diag);
	return ds_spec_parse_yaml(rs, buf, len, name, out, diag);
}
