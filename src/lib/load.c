/* load.c: the rule table loader: a YAML tree becomes a rule set, with the indexes evaluation uses. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cond.h"
#include "diag.h"
#include "facts.h"
#include "load.h"
#include "msgtext.h"
#include "specdata.h"
#include "words.h"
#include "ynode.h"

struct ld {
	const char *name;
	ds_diag *diag;  /* the first error */
	ds_ruleset *rs;
	int failed;     /* the item being read has an error: report no more of it */
	size_t nerrors;
	int collect;    /* go on to the next fact, derivation or rule after an error */
	ds_diag *all;   /* with collect: every error */
	size_t nall, capall;
	int oom;
	ds_lang lang;   /* the language of the messages (the caller's diag->lang) */
};

/*
 * The errors: say() at node n, say_at() at line:col, with a message of
 * msgtext.h in ld->lang (en and zh: an M_ id expands to both). Both return -1.
 */
static int say(struct ld *ld, const struct ynode *n, const char *en, const char *zh, ...)
    __attribute__((format(printf, 3, 5)));
static int say_at(struct ld *ld, unsigned line, unsigned col, const char *en, const char *zh, ...)
    __attribute__((format(printf, 4, 6)));

static int fail_msg(struct ld *ld, unsigned line, unsigned col, const char *msg);

static int say(struct ld *ld, const struct ynode *n, const char *en, const char *zh, ...)
{
	va_list ap;
	char msg[sizeof ld->diag->msg];

	va_start(ap, zh);
	vsnprintf(msg, sizeof msg, dsi_tr(ld->lang, en, zh), ap);
	va_end(ap);
	return fail_msg(ld, n ? n->line : 0, n ? n->col : 0, msg);
}

static int say_at(struct ld *ld, unsigned line, unsigned col, const char *en, const char *zh, ...)
{
	va_list ap;
	char msg[sizeof ld->diag->msg];

	va_start(ap, zh);
	vsnprintf(msg, sizeof msg, dsi_tr(ld->lang, en, zh), ap);
	va_end(ap);
	return fail_msg(ld, line, col, msg);
}

/* Records msg, already in ld->lang, as the error at line:col: the first one, and with collect every one. */
static int fail_msg(struct ld *ld, unsigned line, unsigned col, const char *msg)
{
	if (ld->failed)
		return -1;
	ld->failed = 1;
	if (ld->nerrors++ == 0)
		dsi_diag_set(ld->diag, ld->name, line, col, NULL, "%s", msg);
	if (ld->collect) {
		if (ld->nall == ld->capall) {
			size_t cap = ld->capall ? ld->capall * 2 : 16;
			ds_diag *a = realloc(ld->all, cap * sizeof *a);
			if (a == NULL) {
				ld->oom = 1;
				return -1;
			}
			ld->all = a;
			ld->capall = cap;
		}
		memset(&ld->all[ld->nall], 0, sizeof ld->all[ld->nall]);
		ld->all[ld->nall].lang = ld->lang;
		dsi_diag_set(&ld->all[ld->nall], ld->name, line, col, NULL, "%s", msg);
		ld->nall++;
	}
	return -1;
}

/* Memory ran out while reading node n: an error like the others, and the load's status is DS_ERR_NOMEM. */
static int fail_oom(struct ld *ld, const struct ynode *n)
{
	ld->oom = 1;
	return say(ld, n, M_OUT_OF_MEMORY);
}

/* Stops reading an item without a message: it depends on something whose error is already reported. */
static int quiet(struct ld *ld)
{
	ld->failed = 1;
	return -1;
}

/* Runs one item's loader; with collect, an error there does not stop the next item. */
static int item(struct ld *ld, int rc, int *bad)
{
	if (rc == 0)
		return 0;
	*bad = 1;
	ld->failed = 0;
	return ld->collect && !ld->oom ? 0 : -1;
}

/* A word of a message in ld->lang: what an error names ("a model", "模型"). */
static const char *tw(const struct ld *ld, const char *en, const char *zh)
{
	return dsi_tr(ld->lang, en, zh);
}

/* What an error names when it is a key of the table: as typed ("min"), in Chinese "键 min 的值". */
struct keyw {
	char s[96];
};
static const char *keyw(const struct ld *ld, const char *key, struct keyw *k)
{
	snprintf(k->s, sizeof k->s, dsi_tr(ld->lang, M_W_KEY), key);
	return k->s;
}
/* keyw() into a buffer that lives as long as the block of the call. */
#define KEY(ld, key) keyw((ld), (key), &(struct keyw){{0}})

static const char *kind_name(const struct ld *ld, enum ynode_kind kind)
{
	return kind == Y_MAP ? tw(ld, M_W_MAPPING) : kind == Y_SEQ ? tw(ld, M_W_LIST) : tw(ld, M_W_SCALAR);
}

static const struct ynode *get(const struct ynode *map, const char *key)
{
	size_t i;

	for (i = 0; i + 1 < map->nkids; i += 2)
		if (!strcmp(map->kids[i]->str, key))
			return map->kids[i + 1];
	return NULL;
}

/* Every key of map must be in allowed (NULL-terminated); what names the mapping. */
static int check_keys(struct ld *ld, const struct ynode *map, const char *const *allowed,
                      const char *what)
{
	size_t i, n = 0;

	while (allowed[n])
		n++;
	for (i = 0; i + 1 < map->nkids; i += 2) {
		const char *k = map->kids[i]->str;
		size_t j;
		for (j = 0; j < n && strcmp(allowed[j], k); j++)
			;
		if (j == n) {
			const char *near = ds_nearest_word(k, allowed, n);
			if (near)
				return say(ld, map->kids[i], M_LD_UNKNOWN_KEY_NEAR,
				            k, what, near);
			return say(ld, map->kids[i], M_LD_UNKNOWN_KEY, k, what);
		}
	}
	return 0;
}

static int want(struct ld *ld, const struct ynode *n, enum ynode_kind kind, const char *what)
{
	if (n->kind != kind)
		return say(ld, n, M_LD_WANT_KIND, what, kind_name(ld, kind), kind_name(ld, n->kind));
	return 0;
}

static const struct ynode *need(struct ld *ld, const struct ynode *map, const char *key,
                                const char *what)
{
	const struct ynode *v = get(map, key);

	if (v == NULL)
		say(ld, map, M_LD_MISSING_KEY, what, key);
	return v;
}

static char *dup_scalar(struct ld *ld, const struct ynode *n, const char *what)
{
	char *s;

	if (want(ld, n, Y_SCALAR, what))
		return NULL;
	if (n->len == 0 || strlen(n->str) != n->len) {
		say(ld, n, M_LD_NONEMPTY, what);
		return NULL;
	}
	s = dsi_xstrdup(n->str);
	if (s == NULL)
		fail_oom(ld, n);
	return s;
}

/* An identifier: lower-case letters, digits and sep, starting with a letter. */
static int check_ident(struct ld *ld, const struct ynode *n, const char *s, char sep,
                       const char *what)
{
	const char *p = s;

	if (!(*p >= 'a' && *p <= 'z'))
		return say(ld, n, M_LD_IDENT_START, what, s);
	for (; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == sep))
			return say(ld, n, M_LD_IDENT_CHARS, what, s, sep);
	return 0;
}

static int get_number(struct ld *ld, const struct ynode *n, double *v, const char *what)
{
	int r;

	if (want(ld, n, Y_SCALAR, what))
		return -1;
	r = dsi_ynode_number(n, v);
	if (r == 0 && !n->plain && dsi_parse_decimal(n->str, n->len, v) == 1)
		return say(ld, n, M_LD_NUMBER_QUOTED, what, n->str);
	if (r == 0)
		return say(ld, n, M_LD_NUMBER, what, n->str);
	if (r < 0)
		return say(ld, n, M_LD_NUMBER_FINITE, what, n->str);
	return 0;
}

static int get_bool(struct ld *ld, const struct ynode *n, int *v, const char *what)
{
	if (want(ld, n, Y_SCALAR, what))
		return -1;
	if (!dsi_ynode_bool(n, v) && !n->plain && (!strcmp(n->str, "true") || !strcmp(n->str, "false")))
		return say(ld, n, M_LD_BOOL_QUOTED, what,
		            n->str);
	if (!dsi_ynode_bool(n, v))
		return say(ld, n, M_LD_BOOL, what, n->str);
	return 0;
}

/* A text is a plain string (English only) or {en: ..., zh: ...}. */
static int get_text(struct ld *ld, const struct ynode *n, struct text *t, const char *what)
{
	static const char *const langs[] = {"en", "zh", NULL};
	const struct ynode *en, *zh;

	if (n->kind == Y_SCALAR) {
		return (t->s[DS_LANG_EN] = dup_scalar(ld, n, what)) ? 0 : -1;
	}
	if (want(ld, n, Y_MAP, what) || check_keys(ld, n, langs, what))
		return -1;
	if ((en = need(ld, n, "en", what)) == NULL)
		return -1;
	if ((t->s[DS_LANG_EN] = dup_scalar(ld, en, what)) == NULL)
		return -1;
	if ((zh = get(n, "zh")) && (t->s[DS_LANG_ZH] = dup_scalar(ld, zh, what)) == NULL)
		return -1;
	return 0;
}

static void text_free(struct text *t)
{
	int i;

	for (i = 0; i < DS_NLANG; i++)
		free(t->s[i]);
}

/* ---- models, classes ---- */

static long find_model(const ds_ruleset *rs, const char *id)
{
	size_t i;

	for (i = 0; i < rs->nmodels; i++)
		if (!strcmp(rs->models[i].id, id))
			return (long)i;
	return -1;
}

static int lookup_model(struct ld *ld, const struct ynode *n, unsigned *out)
{
	const ds_ruleset *rs = ld->rs;
	const char *cands[DS_MAX_MODELS];
	const char *near;
	long m;
	size_t i;

	if (want(ld, n, Y_SCALAR, tw(ld, M_W_MODEL)))
		return -1;
	if ((m = find_model(rs, n->str)) >= 0) {
		*out = (unsigned)m;
		return 0;
	}
	for (i = 0; i < rs->nmodels; i++)
		cands[i] = rs->models[i].id;
	near = ds_nearest_word(n->str, cands, rs->nmodels);
	if (near)
		return say(ld, n, M_LD_UNKNOWN_MODEL_NEAR, n->str, near);
	return say(ld, n, M_LD_UNKNOWN_MODEL, n->str);
}

static int load_models(struct ld *ld, const struct ynode *root)
{
	static const char *const keys[] = {"id", "name", NULL};
	ds_ruleset *rs = ld->rs;
	const struct ynode *seq = need(ld, root, "models", tw(ld, M_W_THE_TABLE)), *d;
	size_t i;

	if (seq == NULL || want(ld, seq, Y_SEQ, KEY(ld, "models")))
		return -1;
	if (seq->nkids == 0)
		return say(ld, seq, M_LD_NO_MODELS);
	if (seq->nkids > DS_MAX_MODELS)
		return say(ld, seq, M_LD_TOO_MANY_MODELS, seq->nkids, DS_MAX_MODELS);
	if ((rs->models = calloc(seq->nkids, sizeof *rs->models)) == NULL)
		return fail_oom(ld, seq);
	for (i = 0; i < seq->nkids; i++) {
		const struct ynode *m = seq->kids[i], *id, *name;
		if (want(ld, m, Y_MAP, tw(ld, M_W_MODEL)) || check_keys(ld, m, keys, tw(ld, M_W_MODEL)))
			return -1;
		if ((id = need(ld, m, "id", tw(ld, M_W_MODEL))) == NULL)
			return -1;
		if (find_model(rs, id->kind == Y_SCALAR ? id->str : "") >= 0)
			return say(ld, id, M_LD_DUP_MODEL, id->str);
		if ((rs->models[i].id = dup_scalar(ld, id, tw(ld, M_W_MODEL_ID))) == NULL)
			return -1;
		rs->nmodels = i + 1;
		if ((name = get(m, "name")) && get_text(ld, name, &rs->models[i].name, tw(ld, M_W_MODEL_NAME)))
			return -1;
	}
	if ((d = need(ld, root, "default", tw(ld, M_W_THE_TABLE))) == NULL)
		return -1;
	return lookup_model(ld, d, &rs->defmodel);
}

static long find_class(const ds_ruleset *rs, const char *id)
{
	size_t i;

	for (i = 0; i < rs->nclasses; i++)
		if (!strcmp(rs->classes[i].id, id))
			return (long)i;
	return -1;
}

static int load_classes(struct ld *ld, const struct ynode *root)
{
	static const char *const keys[] = {"id", "kind", "name", NULL};
	ds_ruleset *rs = ld->rs;
	const struct ynode *seq = need(ld, root, "classes", tw(ld, M_W_THE_TABLE));
	unsigned rank = 0;
	size_t i;

	if (seq == NULL || want(ld, seq, Y_SEQ, KEY(ld, "classes")))
		return -1;
	if (seq->nkids == 0)
		return say(ld, seq, M_LD_NO_CLASSES);
	if (seq->nkids > DS_MAX_CLASSES)
		return say(ld, seq, M_LD_TOO_MANY_CLASSES, seq->nkids, DS_MAX_CLASSES);
	if ((rs->classes = calloc(seq->nkids, sizeof *rs->classes)) == NULL)
		return fail_oom(ld, seq);
	for (i = 0; i < seq->nkids; i++) {
		const struct ynode *c = seq->kids[i], *id, *kind, *name;
		struct klass *k = &rs->classes[i];
		if (want(ld, c, Y_MAP, tw(ld, M_W_CLASS)) || check_keys(ld, c, keys, tw(ld, M_W_CLASS)))
			return -1;
		if ((id = need(ld, c, "id", tw(ld, M_W_CLASS))) == NULL ||
		    (kind = need(ld, c, "kind", tw(ld, M_W_CLASS))) == NULL)
			return -1;
		if (find_class(rs, id->kind == Y_SCALAR ? id->str : "") >= 0)
			return say(ld, id, M_LD_DUP_CLASS, id->str);
		if ((k->id = dup_scalar(ld, id, tw(ld, M_W_CLASS_ID))) == NULL)
			return -1;
		rs->nclasses = i + 1;
		if (want(ld, kind, Y_SCALAR, tw(ld, M_W_CLASS_KIND)))
			return -1;
		if (!strcmp(kind->str, dsi_class_kind_name(0, DS_LANG_EN)))
			k->rank = rank++;
		else if (!strcmp(kind->str, dsi_class_kind_name(1, DS_LANG_EN)))
			k->soft = 1;
		else
			return say(ld, kind, M_LD_CLASS_KIND, kind->str);
		if ((name = get(c, "name")) && get_text(ld, name, &k->name, tw(ld, M_W_CLASS_NAME)))
			return -1;
	}
	return 0;
}

/* ---- facts ---- */

static const char *const type_names[] = {"number", "integer", "boolean", "enum", "set", "string"};


static long find_value(const struct fact *f, const char *v)
{
	size_t i;

	for (i = 0; i < f->nvalues; i++)
		if (!strcmp(f->values[i], v))
			return (long)i;
	return -1;
}

/* A fact's flag: given, or its key with '-' for '_'; unique, and not a negation. */
static int load_fact_flag(struct ld *ld, const struct ynode *m, const struct ynode *key, struct fact *f)
{
	const ds_ruleset *rs = ld->rs;
	const struct ynode *flag;
	size_t i;

	if ((flag = get(m, "flag"))) {
		if ((f->flag = dup_scalar(ld, flag, tw(ld, M_W_FLAG))) == NULL ||
		    check_ident(ld, flag, f->flag, '-', tw(ld, M_W_FLAG_IDENT)))
			return -1;
	} else {
		char *p;
		if ((f->flag = dsi_xstrdup(f->key)) == NULL)
			return fail_oom(ld, key);
		for (p = f->flag; *p; p++)
			if (*p == '_')
				*p = '-';
		flag = key;
	}
	f->flag_line = flag->line;
	f->flag_col = flag->col;
	if (!strncmp(f->flag, "no-", 3))
		return say(ld, flag, M_LD_FLAG_NO, f->flag);
	for (i = 0; &rs->facts[i] != f; i++)
		if (rs->facts[i].flag && !strcmp(rs->facts[i].flag, f->flag))
			return say(ld, flag, M_LD_DUP_FLAG, f->flag, rs->facts[i].line);
	return 0;
}

/* A number's or integer's range: min, max and whether each is exclusive. */
static int load_fact_range(struct ld *ld, const struct ynode *m, struct fact *f)
{
	const struct ynode *n;

	if ((n = get(m, "min")) || (n = get(m, "max")) || (n = get(m, "min_exclusive")) ||
	    (n = get(m, "max_exclusive"))) {
		if (f->type != DS_FACT_NUMBER && f->type != DS_FACT_INTEGER)
			return say(ld, n, M_LD_RANGE_TYPE,
			            type_names[f->type], f->key);
	}
	if ((n = get(m, "min"))) {
		if (get_number(ld, n, &f->min, KEY(ld, "min")))
			return -1;
		if (f->type == DS_FACT_INTEGER && f->min != floor(f->min))
			return say(ld, n, M_LD_MIN_INTEGER, f->key);
		f->has_min = 1;
	}
	if ((n = get(m, "max"))) {
		if (get_number(ld, n, &f->max, KEY(ld, "max")))
			return -1;
		if (f->type == DS_FACT_INTEGER && f->max != floor(f->max))
			return say(ld, n, M_LD_MAX_INTEGER, f->key);
		f->has_max = 1;
		if (f->has_min && f->max < f->min) {
			char a[32], b[32];
			dsi_num_text(a, sizeof a, f->max);
			dsi_num_text(b, sizeof b, f->min);
			return say(ld, n, M_LD_MAX_BELOW_MIN, a, b);
		}
	}
	if ((n = get(m, "min_exclusive")) && get_bool(ld, n, &f->min_excl, KEY(ld, "min_exclusive")))
		return -1;
	if ((n = get(m, "max_exclusive")) && get_bool(ld, n, &f->max_excl, KEY(ld, "max_exclusive")))
		return -1;
	if ((f->min_excl && !f->has_min) || (f->max_excl && !f->has_max))
		return say(ld, m, M_LD_EXCL_BOUND);

	return 0;
}

/* The values of an enum, a set or a string (suggestions): listed once each, none reading as a boolean. */
static int load_fact_values(struct ld *ld, const struct ynode *m, struct fact *f)
{
	const struct ynode *n;
	size_t i;

	n = get(m, "values");
	if ((f->type == DS_FACT_ENUM || f->type == DS_FACT_SET) && n == NULL)
		return say(ld, m, M_LD_NEEDS_VALUES, type_names[f->type], f->key);
	if (n && f->type != DS_FACT_ENUM && f->type != DS_FACT_SET && f->type != DS_FACT_STRING)
		return say(ld, n, M_LD_VALUES_TYPE);
	if (n) {
		if (want(ld, n, Y_SEQ, KEY(ld, "values")))
			return -1;
		if (n->nkids == 0 && f->type != DS_FACT_STRING)
			return say(ld, n, M_LD_NO_VALUES);
		if (n->nkids > DS_MAX_VALUES)
			return say(ld, n, M_LD_TOO_MANY_VALUES, n->nkids, DS_MAX_VALUES);
		if ((f->values = calloc(n->nkids, sizeof *f->values)) == NULL)
			return fail_oom(ld, n);
		for (i = 0; i < n->nkids; i++) {
			const struct ynode *v = n->kids[i];
			if (v->kind == Y_SCALAR && find_value(f, v->str) >= 0)
				return say(ld, v, M_LD_DUP_VALUE, v->str);
			if ((f->values[i] = dup_scalar(ld, v, tw(ld, M_W_VALUE))) == NULL)
				return -1;
			f->nvalues = i + 1;
			if (!strcmp(v->str, "true") || !strcmp(v->str, "false"))
				if (v->plain)
					return say(ld, v, M_LD_VALUE_BOOL, v->str);
		}
	}
	return 0;
}

static int load_fact(struct ld *ld, const struct ynode *m, struct fact *f)
{
	static const char *const keys[] = {"key", "flag", "type", "min", "max", "min_exclusive",
	                                   "max_exclusive", "unit", "values", "help", "informational", NULL};
	ds_ruleset *rs = ld->rs;
	const struct ynode *key, *type, *n;
	size_t i;

	if (want(ld, m, Y_MAP, tw(ld, M_W_FACT)))
		return -1;
	f->line = m->line;
	f->col = m->col;
	/* the key first: a fact with another error is still known by name (no cascade of "unknown fact") */
	if ((key = need(ld, m, "key", tw(ld, M_W_FACT))) == NULL || (f->key = dup_scalar(ld, key, tw(ld, M_W_FACT_KEY))) == NULL)
		return -1;
	if (check_keys(ld, m, keys, tw(ld, M_W_FACT)) || (type = need(ld, m, "type", tw(ld, M_W_FACT))) == NULL ||
	    check_ident(ld, key, f->key, '_', tw(ld, M_W_FACT_KEY_IDENT)))
		return -1;
	if (!strcmp(f->key, "id"))
		return say(ld, key, M_LD_ID_RESERVED);
	for (i = 0; &rs->facts[i] != f; i++)
		if (rs->facts[i].key && !strcmp(rs->facts[i].key, f->key))
			return say(ld, key, M_LD_DUP_FACT, f->key, rs->facts[i].line);
	if (load_fact_flag(ld, m, key, f))
		return -1;
	if (want(ld, type, Y_SCALAR, tw(ld, M_W_FACT_TYPE)))
		return -1;
	for (i = 0; i < 6 && strcmp(type_names[i], type->str); i++)
		;
	if (i == 6) {
		const char *near = ds_nearest_word(type->str, type_names, 6);
		if (near)
			return say(ld, type, M_LD_UNKNOWN_TYPE_NEAR, type->str, near);
		return say(ld, type, M_LD_UNKNOWN_TYPE, type->str);
	}
	f->type = (ds_fact_type)i;

	if (load_fact_range(ld, m, f) || load_fact_values(ld, m, f))
		return -1;
	if ((n = get(m, "unit")) && (f->unit = dup_scalar(ld, n, KEY(ld, "unit"))) == NULL)
		return -1;
	if ((n = get(m, "help")) && get_text(ld, n, &f->help, KEY(ld, "help")))
		return -1;
	if ((n = get(m, "informational")) && get_bool(ld, n, &f->informational, KEY(ld, "informational")))
		return -1;
	return 0;
}

static int load_facts(struct ld *ld, const struct ynode *root)
{
	ds_ruleset *rs = ld->rs;
	const struct ynode *seq = need(ld, root, "facts", tw(ld, M_W_THE_TABLE));
	size_t i;
	int bad = 0;

	if (seq == NULL || want(ld, seq, Y_SEQ, KEY(ld, "facts")))
		return -1;
	if (seq->nkids > DS_MAX_FACTS)
		return say(ld, seq, M_LD_TOO_MANY_FACTS, seq->nkids, DS_MAX_FACTS);
	if (seq->nkids && (rs->facts = calloc(seq->nkids, sizeof *rs->facts)) == NULL)
		return fail_oom(ld, seq);
	for (i = 0; i < seq->nkids; i++) {
		int rc;
		rs->nfacts = i + 1;
		if ((rc = load_fact(ld, seq->kids[i], &rs->facts[i])) != 0)
			rs->facts[i].broken = 1;
		if (item(ld, rc, &bad))
			return -1;
	}
	return bad ? -1 : 0; /* conditions cannot be read against facts that are not all there */
}

/* ---- conditions ---- */

static const char *const op_names[] = {"eq", "ne", "lt", "le", "gt", "ge", "in", "any_of", "is", "known"};
#define NOPS (sizeof op_names / sizeof op_names[0])

static void cond_free(struct cond *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nkids; i++)
		cond_free(c->kids[i]);
	free(c->kids);
	for (i = 0; i < c->nstrs; i++)
		free(c->strs[i]);
	free(c->strs);
	free(c);
}

static int lookup_fact(struct ld *ld, const struct ynode *n, unsigned *out)
{
	const ds_ruleset *rs = ld->rs;
	const char *near;
	long f;

	if (want(ld, n, Y_SCALAR, tw(ld, M_W_FACT_NAME)))
		return -1;
	if ((f = dsi_fact_lookup(rs, n->str, 0, &near)) >= 0) {
		if (rs->facts[f].broken)
			return quiet(ld); /* its own error is reported; this item is not checked further */
		*out = (unsigned)f;
		return 0;
	}
	if (near)
		return say(ld, n, M_LD_UNKNOWN_FACT_NEAR, n->str, near);
	return say(ld, n, M_LD_UNKNOWN_FACT, n->str);
}

/* One enum/set value of fact f into a bit. */
static int value_bit(struct ld *ld, const struct fact *f, const struct ynode *n, uint64_t *bits)
{
	long v;
	const char *near;

	if (want(ld, n, Y_SCALAR, tw(ld, M_W_VALUE)))
		return -1;
	if ((v = find_value(f, n->str)) < 0) {
		near = ds_nearest_word(n->str, (const char *const *)f->values, f->nvalues);
		if (near)
			return say(ld, n, M_LD_NOT_A_VALUE_NEAR, n->str,
			            f->key, near);
		return say(ld, n, M_LD_NOT_A_VALUE, n->str, f->key);
	}
	*bits |= (uint64_t)1 << v;
	return 0;
}

static int load_cond(struct ld *ld, const struct ynode *n, unsigned depth, struct cond **out);

/* A leaf's facts: 'fact', or the two facts of a 'product' (numbers or integers). */
static int leaf_facts(struct ld *ld, const struct ynode *n, const struct ynode *fn, const struct ynode *pn,
                      struct cond *c)
{
	const ds_ruleset *rs = ld->rs;
	ds_fact_type t;
	size_t i;

	if (fn && pn)
		return say(ld, pn, M_LD_FACT_AND_PRODUCT);
	if (fn) {
		if (lookup_fact(ld, fn, &c->fact[0]))
			return -1;
		c->nfacts = 1;
	} else if (pn) {
		if (want(ld, pn, Y_SEQ, KEY(ld, "product")) )
			return -1;
		if (pn->nkids != 2)
			return say(ld, pn, M_LD_PRODUCT_TWO);
		for (i = 0; i < 2; i++) {
			if (lookup_fact(ld, pn->kids[i], &c->fact[i]))
				return -1;
			t = rs->facts[c->fact[i]].type;
			if (t != DS_FACT_NUMBER && t != DS_FACT_INTEGER)
				return say(ld, pn->kids[i], M_LD_PRODUCT_TYPE,
				            rs->facts[c->fact[i]].key, type_names[t]);
		}
		c->nfacts = 2;
	} else {
		return say(ld, n, M_LD_COND_NEEDS);
	}
	return 0;
}

/* A string leaf's constants: one for eq and ne, a list for in. */
static int leaf_strings(struct ld *ld, struct cond *c, const struct fact *f, const struct ynode *opn,
                        const struct ynode *k)
{
	size_t i;

	if (c->op != OP_EQ && c->op != OP_NE && c->op != OP_IN)
		return say(ld, opn, M_LD_OP_STRING,
		            opn->str, f->key);
	if (c->op != OP_IN) {
		if ((c->strs = calloc(1, sizeof *c->strs)) == NULL)
			return fail_oom(ld, k);
		if ((c->strs[0] = dup_scalar(ld, k, KEY(ld, opn->str))) == NULL)
			return -1;
		c->nstrs = 1;
		return 0;
	}
	if (want(ld, k, Y_SEQ, KEY(ld, "in")))
		return -1;
	if (k->nkids == 0)
		return say(ld, k, M_LD_IN_EMPTY);
	if ((c->strs = calloc(k->nkids, sizeof *c->strs)) == NULL)
		return fail_oom(ld, k);
	for (i = 0; i < k->nkids; i++) {
		if ((c->strs[i] = dup_scalar(ld, k->kids[i], tw(ld, M_W_VALUE))) == NULL)
			return -1;
		c->nstrs = i + 1;
	}
	return 0;
}

/* A leaf's operand k, for operator opn on fact f (a number for a product), checked against the fact's type. */
static int leaf_operand(struct ld *ld, struct cond *c, const struct fact *f, const struct ynode *opn,
                        const struct ynode *k)
{
	ds_fact_type t = c->nfacts == 2 ? DS_FACT_NUMBER : f->type;
	size_t i;

	if (c->op == OP_KNOWN) {
		int b;
		if (t == DS_FACT_BOOLEAN)
			return say(ld, opn, M_LD_KNOWN_BOOL, f->key);
		if (c->nfacts == 2)
			return say(ld, opn, M_LD_KNOWN_PRODUCT);
		if (get_bool(ld, k, &b, KEY(ld, "known")))
			return -1;
		if (!b)
			return say(ld, k, M_LD_KNOWN_FALSE);
		return 0;
	}
	switch (t) {
	case DS_FACT_NUMBER:
	case DS_FACT_INTEGER:
		if (c->op > OP_GE)
			return say(ld, opn, M_LD_OP_NUMBER,
			            opn->str, type_names[t], f->key);
		return get_number(ld, k, &c->num, KEY(ld, opn->str));
	case DS_FACT_BOOLEAN: {
		int b;
		if (c->op != OP_IS)
			return say(ld, opn, M_LD_OP_BOOL,
			            opn->str, f->key);
		if (get_bool(ld, k, &b, KEY(ld, "is")))
			return -1;
		c->bits = (uint64_t)b;
		return 0;
	}
	case DS_FACT_ENUM:
	case DS_FACT_SET:
		if (t == DS_FACT_ENUM && c->op != OP_EQ && c->op != OP_NE && c->op != OP_IN)
			return say(ld, opn, M_LD_OP_ENUM,
			            opn->str, f->key);
		if (t == DS_FACT_SET && c->op != OP_ANY_OF)
			return say(ld, opn, M_LD_OP_SET,
			            opn->str, f->key);
		if (c->op == OP_EQ || c->op == OP_NE)
			return value_bit(ld, f, k, &c->bits);
		if (want(ld, k, Y_SEQ, KEY(ld, opn->str)))
			return -1;
		if (k->nkids == 0)
			return say(ld, k, M_LD_OP_EMPTY, opn->str);
		for (i = 0; i < k->nkids; i++)
			if (value_bit(ld, f, k->kids[i], &c->bits))
				return -1;
		return 0;
	case DS_FACT_STRING:
		return leaf_strings(ld, c, f, opn, k);
	}
	return say(ld, opn, M_LD_INTERNAL_TYPE);
}

static int load_leaf(struct ld *ld, const struct ynode *n, struct cond *c)
{
	static const char *const leafkeys[] = {"fact", "product", "eq", "ne", "lt", "le", "gt", "ge",
	                                       "in", "any_of", "is", "known", NULL};
	const struct ynode *fn = get(n, "fact"), *pn = get(n, "product"), *opn = NULL, *k;
	size_t i, nops = 0;

	if (check_keys(ld, n, leafkeys, tw(ld, M_W_CONDITION)))
		return -1;
	c->kind = C_LEAF;
	if (leaf_facts(ld, n, fn, pn, c))
		return -1;
	for (i = 0; i + 1 < n->nkids; i += 2) {
		k = n->kids[i];
		if (!strcmp(k->str, "fact") || !strcmp(k->str, "product"))
			continue;
		if (++nops == 2)
			return say(ld, k, M_LD_SECOND_OP,
			            k->str, opn->str);
		opn = k;
	}
	if (nops == 0)
		return say(ld, n, M_LD_NO_OP,
		            "eq, ne, lt, le, gt, ge, in, any_of, is or known");
	for (i = 0; i < NOPS && strcmp(op_names[i], opn->str); i++)
		;
	c->op = (enum cond_op)i;
	k = get(n, opn->str); /* the operand */
	c->ftype = ld->rs->facts[c->fact[0]].type;
	return leaf_operand(ld, c, &ld->rs->facts[c->fact[0]], opn, k);
}

static int load_cond(struct ld *ld, const struct ynode *n, unsigned depth, struct cond **out)
{
	struct cond *c;
	const struct ynode *k;
	size_t i;

	if (want(ld, n, Y_MAP, tw(ld, M_W_CONDITION)))
		return -1;
	if (depth > 16)
		return say(ld, n, M_LD_TOO_DEEP);
	if ((c = calloc(1, sizeof *c)) == NULL)
		return fail_oom(ld, n);
	*out = c;
	c->line = n->line;
	c->col = n->col;
	if ((k = get(n, "all")) || (k = get(n, "any")) || (k = get(n, "not"))) {
		const char *word = get(n, "all") ? "all" : get(n, "any") ? "any" : "not";
		if (n->nkids != 2)
			return say(ld, n->kids[2], M_LD_ONLY_KEY, word);
		if (!strcmp(word, "not")) {
			c->kind = C_NOT;
			if ((c->kids = calloc(1, sizeof *c->kids)) == NULL)
				return fail_oom(ld, n);
			c->nkids = 1;
			return load_cond(ld, k, depth + 1, &c->kids[0]);
		}
		c->kind = !strcmp(word, "all") ? C_ALL : C_ANY;
		if (want(ld, k, Y_SEQ, KEY(ld, word)))
			return -1;
		if (k->nkids == 0)
			return say(ld, k, M_LD_NEEDS_COND, word);
		if ((c->kids = calloc(k->nkids, sizeof *c->kids)) == NULL)
			return fail_oom(ld, n);
		for (i = 0; i < k->nkids; i++) {
			c->nkids = i + 1;
			if (load_cond(ld, k->kids[i], depth + 1, &c->kids[i]))
				return -1;
		}
		return 0;
	}
	return load_leaf(ld, n, c);
}

/* ---- derivations and rules ---- */

static int load_list(struct ld *ld, const struct ynode *root, const char *key, int required,
                     size_t max, const struct ynode **seq);

static int load_derive(struct ld *ld, const struct ynode *m, struct derive *d)
{
	static const char *const keys[] = {"fact", "value", "when", "note", NULL};
	const ds_ruleset *rs = ld->rs;
	const struct ynode *fn, *vn, *wn, *nn;
	const struct fact *f;
	long v;

	if (want(ld, m, Y_MAP, tw(ld, M_W_DERIVATION)) || check_keys(ld, m, keys, tw(ld, M_W_DERIVATION)))
		return -1;
	d->line = m->line;
	d->col = m->col;
	if ((fn = need(ld, m, "fact", tw(ld, M_W_DERIVATION))) == NULL ||
	    (vn = need(ld, m, "value", tw(ld, M_W_DERIVATION))) == NULL ||
	    (wn = need(ld, m, "when", tw(ld, M_W_DERIVATION))) == NULL)
		return -1;
	if (lookup_fact(ld, fn, &d->fact))
		return -1;
	f = &rs->facts[d->fact];
	switch (f->type) {
	case DS_FACT_NUMBER:
	case DS_FACT_INTEGER:
		if (get_number(ld, vn, &d->num, KEY(ld, "value")))
			return -1;
		if (f->type == DS_FACT_INTEGER && d->num != floor(d->num))
			return say(ld, vn, M_LD_DERIVE_INT, f->key);
		if ((f->has_min && (d->num < f->min || (f->min_excl && d->num == f->min))) ||
		    (f->has_max && (d->num > f->max || (f->max_excl && d->num == f->max)))) {
			char a[32];
			dsi_num_text(a, sizeof a, d->num);
			return say(ld, vn, M_LD_DERIVE_RANGE, a, f->key);
		}
		break;
	case DS_FACT_ENUM:
		if (want(ld, vn, Y_SCALAR, KEY(ld, "value")))
			return -1;
		if ((v = find_value(f, vn->str)) < 0)
			return say(ld, vn, M_LD_NOT_A_VALUE, vn->str, f->key);
		d->enumidx = (unsigned)v;
		break;
	case DS_FACT_STRING:
		if ((d->str = dup_scalar(ld, vn, KEY(ld, "value"))) == NULL)
			return -1;
		break;
	default:
		return say(ld, fn, M_LD_NOT_DERIVABLE, type_names[f->type], f->key);
	}
	if ((nn = get(m, "note")) && get_bool(ld, nn, &d->note, KEY(ld, "note")))
		return -1;
	if (load_cond(ld, wn, 0, &d->when))
		return -1;
	d->facts = dsi_cond_facts(d->when);
	return 0;
}

/* A constraint or a note: {id, when, message}; what names the list (tw(ld, M_W_CONSTRAINT)). */
static int load_check(struct ld *ld, const struct ynode *m, struct check *list, size_t idx, const char *what)
{
	static const char *const keys[] = {"id", "when", "message", NULL};
	struct check *c = &list[idx];
	const struct ynode *id, *wn, *mn;
	size_t i;

	if (want(ld, m, Y_MAP, what) || check_keys(ld, m, keys, what))
		return -1;
	c->line = m->line;
	c->col = m->col;
	if ((id = need(ld, m, "id", what)) == NULL || (wn = need(ld, m, "when", what)) == NULL ||
	    (mn = need(ld, m, "message", what)) == NULL)
		return -1;
	if ((c->id = dup_scalar(ld, id, tw(ld, M_W_ID))) == NULL || check_ident(ld, id, c->id, '-', tw(ld, M_W_ID_IDENT)))
		return -1;
	for (i = 0; i < idx; i++)
		if (list[i].id && !strcmp(list[i].id, c->id))
			return say(ld, id, M_LD_DUP_ID, c->id, list[i].line);
	if (get_text(ld, mn, &c->message, KEY(ld, "message")) || load_cond(ld, wn, 0, &c->when))
		return -1;
	c->facts = dsi_cond_facts(c->when);
	return 0;
}

/* The list under key (constraints or notes), each item loaded with load_check(). */
static int load_checks(struct ld *ld, const struct ynode *root, const char *key, size_t max, const char *what,
                       struct check **out, size_t *n, int *bad)
{
	const struct ynode *seq;
	size_t i;

	if (load_list(ld, root, key, 0, max, &seq))
		return -1;
	if (seq == NULL || seq->nkids == 0)
		return 0;
	if ((*out = calloc(seq->nkids, sizeof **out)) == NULL)
		return fail_oom(ld, seq);
	for (i = 0; i < seq->nkids; i++) {
		int rc = load_check(ld, seq->kids[i], *out, i, what);
		*n = i + 1;
		if (rc) { /* checking a table goes on: this one checks nothing */
			cond_free((*out)[i].when);
			(*out)[i].when = NULL;
		}
		if (item(ld, rc, bad))
			return -1;
	}
	return 0;
}

/* A spec written in the table (an example or a case): a mapping of facts. */
static int load_spec(struct ld *ld, const struct ynode *n, ds_spec **out)
{
	ds_diag d;
	size_t i;

	if (want(ld, n, Y_MAP, KEY(ld, "spec")))
		return -1;
	for (i = 0; i + 1 < n->nkids; i += 2) {
		long f = ds_ruleset_fact_by_key(ld->rs, n->kids[i]->str);
		if (f >= 0 && ld->rs->facts[f].broken)
			return quiet(ld);
	}
	if (ds_spec_new(ld->rs, out) != DS_OK)
		return fail_oom(ld, n);
	memset(&d, 0, sizeof d);
	d.lang = ld->lang;
	if (dsi_spec_from_ynode(*out, n, ld->name, &d) != DS_OK)
		return fail_msg(ld, d.line, d.col, d.msg); /* the spec's own message, in ld->lang */
	return 0;
}

static int load_examples(struct ld *ld, const struct ynode *seq, struct rule *r)
{
	static const char *const keys[] = {"spec", "fires", NULL};
	size_t i;

	if (want(ld, seq, Y_SEQ, KEY(ld, "examples")))
		return -1;
	if (seq->nkids > DS_MAX_EXAMPLES)
		return say(ld, seq, M_LD_TOO_MANY_EXAMPLES, seq->nkids, DS_MAX_EXAMPLES);
	if (seq->nkids && (r->examples = calloc(seq->nkids, sizeof *r->examples)) == NULL)
		return fail_oom(ld, seq);
	for (i = 0; i < seq->nkids; i++) {
		const struct ynode *e = seq->kids[i], *sp, *fi;
		struct example *x = &r->examples[i];
		r->nexamples = i + 1;
		if (want(ld, e, Y_MAP, tw(ld, M_W_EXAMPLE)) || check_keys(ld, e, keys, tw(ld, M_W_EXAMPLE)))
			return -1;
		x->line = e->line;
		x->col = e->col;
		if ((sp = need(ld, e, "spec", tw(ld, M_W_EXAMPLE))) == NULL || (fi = need(ld, e, "fires", tw(ld, M_W_EXAMPLE))) == NULL)
			return -1;
		if (load_spec(ld, sp, &x->spec) || get_bool(ld, fi, &x->fires, KEY(ld, "fires")))
			return -1;
	}
	return 0;
}

/* The table's cases: a spec and the decision expected of it. */
static int load_cases(struct ld *ld, const struct ynode *seq)
{
	static const char *const keys[] = {"name", "spec", "recommendation", "status", "fallback", NULL};
	static const char *const statuses[] = {"recommended", "default", "conflict"};
	ds_ruleset *rs = ld->rs;
	size_t i, k;
	int bad = 0;

	if (want(ld, seq, Y_SEQ, KEY(ld, "cases")))
		return -1;
	if (seq->nkids > DS_MAX_CASES)
		return say(ld, seq, M_LD_TOO_MANY_CASES, seq->nkids, DS_MAX_CASES);
	if (seq->nkids && (rs->cases = calloc(seq->nkids, sizeof *rs->cases)) == NULL)
		return fail_oom(ld, seq);
	for (i = 0; i < seq->nkids; i++) {
		const struct ynode *c = seq->kids[i], *n;
		struct tcase *t = &rs->cases[i];
		unsigned mi;
		int rc = 0;
		rs->ncases = i + 1;
		t->line = c->line;
		t->col = c->col;
		if (want(ld, c, Y_MAP, tw(ld, M_W_CASE)) || check_keys(ld, c, keys, tw(ld, M_W_CASE)) ||
		    (n = need(ld, c, "spec", tw(ld, M_W_CASE))) == NULL || load_spec(ld, n, &t->spec))
			rc = -1;
		if (!rc && (n = get(c, "name")) && (t->name = dup_scalar(ld, n, tw(ld, M_W_CASE_NAME))) == NULL)
			rc = -1;
		if (!rc && (n = get(c, "recommendation"))) {
			t->has_rec = 1;
			t->rec = -1;
			if (!dsi_ynode_is_null(n) && !lookup_model(ld, n, &mi))
				t->rec = (int)mi;
			else if (!dsi_ynode_is_null(n))
				rc = -1;
		}
		if (!rc && (n = get(c, "fallback"))) {
			t->has_fallback = 1;
			t->fallback = -1;
			if (!dsi_ynode_is_null(n) && !lookup_model(ld, n, &mi))
				t->fallback = (int)mi;
			else if (!dsi_ynode_is_null(n))
				rc = -1;
		}
		if (!rc && (n = get(c, "status"))) {
			if (want(ld, n, Y_SCALAR, KEY(ld, "status")))
				rc = -1;
			for (k = 0; !rc && k < 3 && strcmp(statuses[k], n->str); k++)
				;
			if (!rc && k == 3)
				rc = say(ld, n, M_LD_STATUS, n->str);
			t->has_status = 1;
			t->status = (ds_outcome)(k == 0 ? DS_RECOMMENDED : k == 1 ? DS_DEFAULT : DS_CONFLICT);
		}
		if (!rc && !t->has_rec && !t->has_fallback && !t->has_status)
			rc = say(ld, c, M_LD_CASE_EMPTY);
		if (item(ld, rc, &bad))
			return -1;
	}
	return bad ? -1 : 0;
}

/* 'contradicts: [id, ...]': same-class rules a rule is known to contradict (rules check stays quiet). */
static int load_acks(struct ld *ld, const struct ynode *rules)
{
	ds_ruleset *rs = ld->rs;
	size_t i, j, k;
	int bad = 0;

	for (i = 0; i < rs->nrules; i++) {
		const struct ynode *seq = rs->rules[i].broken || rules->kids[i]->kind != Y_MAP ? NULL
		                          : get(rules->kids[i], "contradicts");
		uint64_t listed = 0; /* by this rule (the other may list it too) */
		int rc = 0;
		for (j = 0; seq && !rc && j < seq->nkids; j++) {
			const struct ynode *n = seq->kids[j];
			if (want(ld, n, Y_SCALAR, tw(ld, M_W_RULE_ID))) {
				rc = -1;
				break;
			}
			for (k = 0; k < rs->nrules && !(rs->rules[k].id && !strcmp(rs->rules[k].id, n->str)); k++)
				;
			if (k < rs->nrules && rs->rules[k].broken)
				rc = quiet(ld); /* that rule's own error is reported */
			else if (k == rs->nrules)
				rc = say(ld, n, M_LD_ACK_NO_RULE, n->str);
			else if (listed >> k & 1)
				rc = say(ld, n, M_LD_ACK_TWICE, n->str);
			else if (k == i || rs->rules[k].klass != rs->rules[i].klass)
				rc = say(ld, n, M_LD_ACK_CLASS, n->str,
				          rs->classes[rs->rules[i].klass].id);
			else {
				listed |= (uint64_t)1 << k;
				rs->rules[i].ack |= (uint64_t)1 << k;
				rs->rules[k].ack |= (uint64_t)1 << i;
			}
		}
		if (item(ld, rc, &bad))
			return -1;
	}
	return bad ? -1 : 0;
}

static int load_rule(struct ld *ld, const struct ynode *m, size_t idx)
{
	static const char *const keys[] = {"id", "ref", "class", "effect", "model", "weight", "when",
	                                   "reason", "evidence", "examples", "contradicts", NULL};
	ds_ruleset *rs = ld->rs;
	struct rule *r = &rs->rules[idx];
	const struct ynode *id, *ref, *cl, *ef, *mo, *wn, *rn, *n;
	const char *cands[64];
	long k;
	size_t i;

	if (want(ld, m, Y_MAP, tw(ld, M_W_RULE)) || check_keys(ld, m, keys, tw(ld, M_W_RULE)))
		return -1;
	r->line = m->line;
	r->col = m->col;
	if ((id = need(ld, m, "id", tw(ld, M_W_RULE))) == NULL || (ref = need(ld, m, "ref", tw(ld, M_W_RULE))) == NULL ||
	    (cl = need(ld, m, "class", tw(ld, M_W_RULE))) == NULL || (ef = need(ld, m, "effect", tw(ld, M_W_RULE))) == NULL ||
	    (mo = need(ld, m, "model", tw(ld, M_W_RULE))) == NULL || (wn = need(ld, m, "when", tw(ld, M_W_RULE))) == NULL ||
	    (rn = need(ld, m, "reason", tw(ld, M_W_RULE))) == NULL)
		return -1;
	if ((r->id = dup_scalar(ld, id, tw(ld, M_W_RULE_ID))) == NULL || check_ident(ld, id, r->id, '-', tw(ld, M_W_RULE_ID_IDENT)))
		return -1;
	for (i = 0; i < idx; i++)
		if (rs->rules[i].id && !strcmp(rs->rules[i].id, r->id))
			return say(ld, id, M_LD_DUP_RULE, r->id, rs->rules[i].line);
	if ((r->ref = dup_scalar(ld, ref, tw(ld, M_W_RULE_REF))) == NULL)
		return -1;
	if (want(ld, cl, Y_SCALAR, tw(ld, M_W_CLASS)))
		return -1;
	if ((k = find_class(rs, cl->str)) < 0) {
		const char *near;
		for (i = 0; i < rs->nclasses; i++)
			cands[i] = rs->classes[i].id;
		near = ds_nearest_word(cl->str, cands, rs->nclasses);
		if (near)
			return say(ld, cl, M_LD_UNKNOWN_CLASS_NEAR, cl->str, near);
		return say(ld, cl, M_LD_UNKNOWN_CLASS, cl->str);
	}
	r->klass = (unsigned)k;
	if (want(ld, ef, Y_SCALAR, tw(ld, M_W_EFFECT)))
		return -1;
	for (i = 0; i < 4 && strcmp(dsi_effect_keywords[i], ef->str); i++)
		;
	if (i == 4) {
		const char *near = ds_nearest_word(ef->str, dsi_effect_keywords, 4);
		if (near)
			return say(ld, ef, M_LD_UNKNOWN_EFFECT_NEAR, ef->str, near);
		return say(ld, ef, M_LD_UNKNOWN_EFFECT, ef->str);
	}
	r->effect = (enum effect)i;
	if (rs->classes[k].soft && r->effect < E_PREFER)
		return say(ld, ef, M_LD_HARD_EFFECT_SOFT,
		            ef->str, cl->str);
	if (!rs->classes[k].soft && r->effect >= E_PREFER)
		return say(ld, ef, M_LD_SOFT_EFFECT_HARD,
		            ef->str, cl->str);
	if (lookup_model(ld, mo, &r->model))
		return -1;
	n = get(m, "weight");
	if (rs->classes[k].soft) {
		if (n == NULL)
			return say(ld, m, M_LD_NEEDS_WEIGHT, r->id);
		if (get_number(ld, n, &r->weight, KEY(ld, "weight")))
			return -1;
		if (!(r->weight > 0) || r->weight > 1e6)
			return say(ld, n, M_LD_WEIGHT_RANGE);
	} else if (n) {
		return say(ld, n, M_LD_WEIGHT_HARD, r->id);
	}
	if (get_text(ld, rn, &r->reason, KEY(ld, "reason")))
		return -1;
	if ((n = get(m, "evidence")) && get_text(ld, n, &r->evidence, KEY(ld, "evidence")))
		return -1;
	if (load_cond(ld, wn, 0, &r->when))
		return -1;
	r->facts = dsi_cond_facts(r->when);
	if ((n = get(m, "examples")) && load_examples(ld, n, r))
		return -1;
	if ((n = get(m, "contradicts")) && (want(ld, n, Y_SEQ, KEY(ld, "contradicts")) ||
	                                    (n->nkids == 0 && say(ld, n, M_LD_ACK_EMPTY))))
		return -1;
	return 0;
}

static int load_list(struct ld *ld, const struct ynode *root, const char *key, int required,
                     size_t max, const struct ynode **seq)
{
	*seq = required ? need(ld, root, key, tw(ld, M_W_THE_TABLE)) : get(root, key);
	if (*seq == NULL)
		return required ? -1 : 0;
	if (want(ld, *seq, Y_SEQ, KEY(ld, key)))
		return -1;
	if ((*seq)->nkids > max)
		return say(ld, *seq, M_LD_TOO_MANY_LIST, key, (*seq)->nkids, max);
	return 0;
}

/* The masks and the key index that evaluation uses instead of scanning lists. */
static void index_table(ds_ruleset *rs)
{
	uint64_t all = rs->nmodels == 64 ? ~(uint64_t)0 : ((uint64_t)1 << rs->nmodels) - 1;
	size_t i, k;

	for (k = 0; k < rs->nclasses; k++)
		if (!rs->classes[k].soft && rs->classes[k].rank + 1 > rs->nhard)
			rs->nhard = rs->classes[k].rank + 1;
	for (i = 0; i < rs->nrules; i++) {
		struct rule *r = &rs->rules[i];
		const struct klass *c = &rs->classes[r->klass];
		uint64_t m = (uint64_t)1 << r->model;
		r->allow = r->effect == E_REQUIRE ? m : r->effect == E_FORBID ? all & ~m : all;
		if (c->soft)
			rs->soft_mask |= (uint64_t)1 << i;
		else
			rs->hard_mask[c->rank] |= (uint64_t)1 << i;
	}
}

/* Adds a candidate value to fact f unless it is there already or out of range. */
static void add_cand(struct fact *f, const struct value *v)
{
	size_t i;

	if (f->cands_over)
		return;
	if ((f->type == DS_FACT_NUMBER || f->type == DS_FACT_INTEGER) && !dsi_fact_accepts(f, v->num))
		return;
	for (i = 0; i < f->ncands; i++) {
		const struct value *o = &f->cands[i];
		if (o->num == v->num && o->bits == v->bits &&
		    (o->str == v->str || (o->str && v->str && !strcasecmp(o->str, v->str))))
			return;
	}
	if (f->ncands == f->cands_cap) { /* grown as needed: most facts have a handful */
		size_t cap = f->cands_cap ? 2 * f->cands_cap : 16;
		struct value *p;
		if (f->ncands >= DS_MAX_CANDS || (p = realloc(f->cands, cap * sizeof *p)) == NULL) {
			f->cands_over = 1; /* refused by the loader (or out of memory) */
			return;
		}
		f->cands = p;
		f->cands_cap = cap;
	}
	f->cands[f->ncands++] = *v;
}

static void add_num(struct fact *f, double x)
{
	struct value v;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.num = x;
	add_cand(f, &v);
}

/* One value on each side of, and at, every constant a condition compares a fact with. */
static void cands_from(ds_ruleset *rs, const struct cond *c)
{
	static const char other[] = "\x01"; /* a string no condition names */
	struct fact *f;
	struct value v;
	size_t i;

	if (c->kind != C_LEAF) {
		for (i = 0; i < c->nkids; i++)
			cands_from(rs, c->kids[i]);
		return;
	}
	if (c->nfacts == 2 || c->op == OP_KNOWN)
		return; /* products: see index_candidates() */
	f = &rs->facts[c->fact[0]];
	memset(&v, 0, sizeof v);
	v.set = 1;
	switch (f->type) {
	case DS_FACT_INTEGER:
	case DS_FACT_NUMBER: {
		double pts[3];
		size_t np = dsi_leaf_points(f, c, pts);
		for (i = 0; i < np; i++)
			add_num(f, pts[i]);
		break;
	}
	case DS_FACT_ENUM:
		for (i = 0; i < f->nvalues; i++) {
			v.bits = (uint64_t)1 << i;
			add_cand(f, &v);
		}
		break;
	case DS_FACT_SET:
		add_cand(f, &v); /* the empty set */
		for (i = 0; i < f->nvalues; i++) {
			v.bits = (uint64_t)1 << i;
			add_cand(f, &v);
		}
		break;
	case DS_FACT_STRING:
		for (i = 0; i < c->nstrs; i++) {
			v.str = c->strs[i];
			add_cand(f, &v);
		}
		v.str = (char *)other;
		add_cand(f, &v);
		break;
	case DS_FACT_BOOLEAN:
		break; /* never unknown */
	}
}

/* For a product a × b compared with k: values of b that cross k for each candidate a, and the other way. */
static void cands_from_products(ds_ruleset *rs, const struct cond *c)
{
	size_t i, j, s;

	if (c->kind != C_LEAF) {
		for (i = 0; i < c->nkids; i++)
			cands_from_products(rs, c->kids[i]);
		return;
	}
	if (c->nfacts != 2)
		return;
	for (s = 0; s < 2; s++) {
		struct fact *a = &rs->facts[c->fact[s]], *b = &rs->facts[c->fact[1 - s]];
		size_t n, k;
		if (a->ncands == 0) /* compared in this product only: one value, so that the other can cross k */
			add_num(a, dsi_fact_accepts(a, 1) ? 1 : a->has_max ? a->max : a->min);
		n = a->ncands;
		for (j = 0; j < n; j++) {
			double pts[4];
			size_t np = dsi_product_points(b, c->num, a->cands[j].num, pts);
			for (k = 0; k < np; k++)
				add_num(b, pts[k]);
		}
	}
}

/* The products each fact appears in, with the other fact and the constant. */
static void prods_from(ds_ruleset *rs, const struct cond *c)
{
	size_t i, s;

	if (c->kind != C_LEAF) {
		for (i = 0; i < c->nkids; i++)
			prods_from(rs, c->kids[i]);
		return;
	}
	if (c->nfacts != 2)
		return;
	for (s = 0; s < 2; s++) {
		struct fact *f = &rs->facts[c->fact[s]];
		for (i = 0; i < f->nprods; i++)
			if (f->prods[i].other == c->fact[1 - s] && f->prods[i].k == c->num)
				break;
		if (i == f->nprods && f->nprods >= DS_MAX_PRODS)
			f->cands_over = 1; /* refused by the loader */
		else if (i == f->nprods) {
			f->prods[f->nprods].other = c->fact[1 - s];
			f->prods[f->nprods++].k = c->num;
		}
	}
}

static int cmp_cand(const void *a, const void *b)
{
	return dsi_num_cmp(&((const struct value *)a)->num, &((const struct value *)b)->num);
}

/* Candidate values of every fact, and which rules each fact reaches (for the missing-fact probe). */
static int index_candidates(ds_ruleset *rs)
{
	size_t i, j;

	for (i = 0; i < rs->nrules; i++)
		cands_from(rs, rs->rules[i].when);
	for (i = 0; i < rs->nderives; i++) {
		const struct derive *d = &rs->derives[i];
		const struct fact *t = &rs->facts[d->fact];
		cands_from(rs, d->when);
		if (t->type == DS_FACT_NUMBER || t->type == DS_FACT_INTEGER) /* a derived factor of a product */
			add_num(&rs->facts[d->fact], d->num);
	}
	for (i = 0; i < rs->nrules; i++) {
		cands_from_products(rs, rs->rules[i].when);
		prods_from(rs, rs->rules[i].when);
	}
	for (i = 0; i < rs->nfacts; i++)
		if (rs->facts[i].cands_over)
			return (int)i + 1; /* the first fact with too many values to try */
	for (i = 0; i < rs->nfacts; i++) /* numbers in order, for the nearest change */
		if ((rs->facts[i].type == DS_FACT_NUMBER || rs->facts[i].type == DS_FACT_INTEGER) &&
		    rs->facts[i].ncands > 1) /* none: no array at all (qsort's pointer must not be NULL) */
			qsort(rs->facts[i].cands, rs->facts[i].ncands, sizeof *rs->facts[i].cands, cmp_cand);
	for (i = 0; i < rs->nderives; i++) {
		rs->derive_sources |= rs->derives[i].facts;
		rs->derive_targets |= (uint64_t)1 << rs->derives[i].fact;
	}
	for (i = 0; i < rs->nrules; i++) {
		uint64_t reads = rs->rules[i].facts, before;
		do { /* through derivations: gpu_model reaches the rules that read gpu_mem */
			before = reads;
			for (j = 0; j < rs->nderives; j++)
				if (reads >> rs->derives[j].fact & 1)
					reads |= rs->derives[j].facts;
		} while (reads != before);
		rs->rules[i].reach = reads;
		for (j = 0; j < rs->nfacts; j++)
			if (reads >> j & 1)
				rs->facts[j].reach |= (uint64_t)1 << i;
	}
	/*
	 * Which rules each candidate leaves possible, with only that fact known:
	 * three-valued logic never turns false into true as facts are added, so a
	 * rule false here is false whatever else a spec says.
	 */
	for (i = 0; i < rs->nfacts; i++) {
		struct fact *f = &rs->facts[i];
		if ((f->cand_rules = calloc(f->ncands ? f->ncands : 1, sizeof *f->cand_rules)) == NULL)
			return -1;
		for (j = 0; j < f->ncands; j++) {
			struct value w[DS_MAX_FACTS];
			uint64_t given = 0, m;
			size_t k;
			memset(w, 0, sizeof w);
			for (k = 0; k < rs->nfacts; k++)
				if (rs->facts[k].type == DS_FACT_BOOLEAN)
					w[k].set = 3; /* any */
			w[i] = f->cands[j];
			for (k = 0; k < rs->nfacts; k++)
				given |= (uint64_t)(w[k].set != 0) << k;
			dsi_derive(rs, w, &given);
			for (m = f->reach; m; m &= m - 1)
				if (dsi_cond_eval(rs, rs->rules[__builtin_ctzll(m)].when, w) != TV_FALSE)
					f->cand_rules[j] |= (uint64_t)1 << __builtin_ctzll(m);
		}
	}
	return 0;
}

/* The fact key index; the rules' conditions are resolved through it. */
static void index_keys(ds_ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->nfacts; i++) {
		if (rs->facts[i].type == DS_FACT_BOOLEAN)
			rs->bool_mask |= (uint64_t)1 << i;
		if (rs->facts[i].type == DS_FACT_STRING)
			rs->string_mask |= (uint64_t)1 << i;
	}
	for (i = 0; i < rs->nfacts; i++) {
		unsigned h;
		if (rs->facts[i].key == NULL)
			continue; /* a fact that failed to load (only when checking): its error is reported */
		rs->facts[i].key_len = strlen(rs->facts[i].key);
		h = dsi_fact_key_hash(rs->facts[i].key, rs->facts[i].key_len) & 127;
		while (rs->key_slot[h])
			h = (h + 1) & 127;
		rs->key_slot[h] = (unsigned char)(i + 1);
	}
}

static int build(struct ld *ld, const struct ynode *root)
{
	static const char *const keys[] = {"schema", "name", "source", "models", "default", "classes",
	                                   "facts", "derive", "constraints", "notes", "rules", "cases", NULL};
	ds_ruleset *rs = ld->rs;
	const struct ynode *n, *seq;
	double v;
	size_t i, j, o = 0;
	int bad = 0, st;

	if (want(ld, root, Y_MAP, tw(ld, M_W_A_TABLE)) || check_keys(ld, root, keys, tw(ld, M_W_THE_TABLE)))
		return -1;
	if ((n = need(ld, root, "schema", tw(ld, M_W_THE_TABLE))) == NULL)
		return -1;
	if (get_number(ld, n, &v, KEY(ld, "schema")))
		return -1;
	if (v != 1)
		return say(ld, n, M_LD_SCHEMA, n->str);
	if ((n = get(root, "name")) && (rs->name = dup_scalar(ld, n, KEY(ld, "name"))) == NULL)
		return -1;
	if ((n = get(root, "source")) && (rs->source = dup_scalar(ld, n, KEY(ld, "source"))) == NULL)
		return -1;
	if (load_models(ld, root) || load_classes(ld, root))
		return -1;
	if (load_facts(ld, root)) {
		/*
		 * Checking a table (collect) goes on with the facts that have a key, to
		 * report the errors further down too; loading it stops here.
		 */
		if (!ld->collect || ld->oom || rs->facts == NULL)
			return -1;
		bad = 1;
	}
	index_keys(rs);

	if (load_list(ld, root, "derive", 0, DS_MAX_DERIVES, &seq))
		return -1;
	if (seq && seq->nkids) {
		if ((rs->derives = calloc(seq->nkids, sizeof *rs->derives)) == NULL)
			return fail_oom(ld, seq);
		for (i = 0; i < seq->nkids; i++) {
			rs->nderives = i + 1;
			if (item(ld, load_derive(ld, seq->kids[i], &rs->derives[i]), &bad))
				return -1;
		}
	}

	/* before the rules: their examples, and the cases, are specs that must keep the constraints */
	if (load_checks(ld, root, "constraints", DS_MAX_CONSTRAINTS, tw(ld, M_W_CONSTRAINT), &rs->constraints,
	                &rs->nconstraints, &bad) ||
	    load_checks(ld, root, "notes", DS_MAX_NOTES, tw(ld, M_W_NOTE), &rs->notes, &rs->nnotes, &bad))
		return -1;

	if (load_list(ld, root, "rules", 1, DS_MAX_RULES, &seq))
		return -1;
	if (seq->nkids &&
	    ((rs->rules = calloc(seq->nkids, sizeof *rs->rules)) == NULL ||
	     (rs->order = calloc(seq->nkids, sizeof *rs->order)) == NULL))
		return fail_oom(ld, seq);
	for (i = 0; i < seq->nkids; i++) {
		int rc;
		rs->nrules = i + 1;
		if ((rc = load_rule(ld, seq->kids[i], i)) != 0)
			rs->rules[i].broken = 1;
		if (item(ld, rc, &bad))
			return -1;
	}
	for (i = 0; i < rs->nrules; i++) /* a fact none of these reads is only recorded */
		rs->read_mask |= rs->rules[i].facts;
	for (i = 0; i < rs->nderives; i++)
		rs->read_mask |= rs->derives[i].facts;
	if (load_acks(ld, seq))
		bad = 1;
	if (bad && (!ld->collect || ld->oom))
		return -1;
	if ((n = get(root, "cases")) && load_cases(ld, n))
		return -1;
	if (bad)
		return -1;
	/* Hard rules by class precedence (table order within a class), then soft rules. */
	for (j = 0; j < rs->nclasses; j++) {
		for (i = 0; i < rs->nrules; i++) {
			const struct klass *k = &rs->classes[rs->rules[i].klass];
			if (!k->soft && k->rank == j)
				rs->order[o++] = (unsigned)i;
		}
	}
	for (i = 0; i < rs->nrules; i++)
		if (rs->classes[rs->rules[i].klass].soft)
			rs->order[o++] = (unsigned)i;
	index_table(rs);
	if ((st = index_candidates(rs)) < 0)
		return fail_oom(ld, root);
	if (st > 0) {
		const struct fact *f = &rs->facts[st - 1];
		return say_at(ld, f->line, f->col, M_LD_TOO_MANY_CANDS, f->key, DS_MAX_CANDS, DS_MAX_PRODS);
	}
	return 0;
}

void ds_ruleset_free(ds_ruleset *rs)
{
	size_t i, j;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->nmodels; i++) {
		free(rs->models[i].id);
		free(rs->models[i].json_id.s);
		text_free(&rs->models[i].name);
	}
	free(rs->models);
	for (i = 0; i < rs->nclasses; i++) {
		free(rs->classes[i].id);
		text_free(&rs->classes[i].name);
	}
	free(rs->classes);
	for (i = 0; i < rs->nfacts; i++) {
		struct fact *f = &rs->facts[i];
		free(f->key);
		free(f->json_key.s);
		free(f->flag);
		free(f->unit);
		for (j = 0; j < f->nvalues; j++) {
			free(f->values[j]);
			if (f->json_values)
				free(f->json_values[j].s);
		}
		free(f->values);
		free(f->json_values);
		free(f->cands);
		free(f->cand_rules);
		text_free(&f->help);
	}
	free(rs->facts);
	for (i = 0; i < rs->nderives; i++) {
		free(rs->derives[i].str);
		free(rs->derives[i].note_text[0]);
		free(rs->derives[i].note_text[1]);
		cond_free(rs->derives[i].when);
	}
	free(rs->derives);
	for (i = 0; i < rs->nrules; i++) {
		struct rule *r = &rs->rules[i];
		for (j = 0; j < r->nexamples; j++)
			ds_spec_free(r->examples[j].spec);
		free(r->examples);
		free(r->id);
		free(r->ref);
		free(r->json_head.s);
		free(r->json_text.s);
		free(r->json_whole[0].s);
		free(r->json_whole[1].s);
		free(r->json_ref.s);
		free(r->label);
		free(r->json_label.s);
		cond_free(r->when);
		text_free(&r->reason);
		text_free(&r->evidence);
	}
	free(rs->rules);
	for (i = 0; i < rs->nconstraints + rs->nnotes; i++) {
		struct check *c = i < rs->nconstraints ? &rs->constraints[i] : &rs->notes[i - rs->nconstraints];
		free(c->id);
		cond_free(c->when);
		text_free(&c->message);
	}
	free(rs->constraints);
	free(rs->notes);
	for (i = 0; i < rs->ncases; i++) {
		free(rs->cases[i].name);
		ds_spec_free(rs->cases[i].spec);
	}
	free(rs->cases);
	free(rs->order);
	free(rs->name);
	free(rs->source);
	free(rs->file);
	free(rs);
}

/* How lists name each rule: its ref, followed by its id when another rule cites the same ref. */
static int make_labels(ds_ruleset *rs)
{
	struct buf b;
	size_t i, j;

	dsi_buf_init(&b);
	for (i = 0; i < rs->nrules; i++) {
		struct rule *r = &rs->rules[i];
		dsi_buf_puts(&b, r->ref);
		for (j = 0; j < rs->nrules; j++)
			if (j != i && !strcmp(rs->rules[j].ref, r->ref)) {
				dsi_buf_printf(&b, " %s", r->id);
				break;
			}
		if (b.oom || b.p == NULL)
			return dsi_buf_free(&b), -1;
		r->label = b.p;
		dsi_buf_init(&b);
	}
	return 0;
}

ds_status dsi_table_load(const char *buf, size_t len, const char *name, ds_ruleset **out, ds_diag *diag,
                     ds_diag **all, size_t *nall)
{
	struct ynode *root = NULL;
	struct ld ld;
	ds_status st;

	if (out == NULL || (buf == NULL && len))
		return DS_ERR_ARG;
	*out = NULL;
	if (name == NULL)
		name = "<rules>";
	memset(&ld, 0, sizeof ld);
	ld.name = name;
	ld.diag = diag;
	ld.lang = diag ? diag->lang : DS_LANG_EN;
	ld.collect = all != NULL;
	st = dsi_ynode_parse(buf, len, name, DS_MAX_YAML_DEPTH, &root, diag);
	if (st != DS_OK)
		return st == DS_ERR_NOMEM ? st : DS_ERR_RULES;
	if (root == NULL) {
		dsi_diag_say(diag, name, 1, 1, NULL, M_LD_EMPTY);
		return DS_ERR_RULES;
	}
	if ((ld.rs = calloc(1, sizeof *ld.rs)) == NULL) {
		dsi_ynode_free(root);
		dsi_diag_say(diag, name, 0, 0, NULL, M_OUT_OF_MEMORY);
		return DS_ERR_NOMEM;
	}
	st = DS_OK;
	if (build(&ld, root))
		st = ld.oom ? DS_ERR_NOMEM : DS_ERR_RULES;
	else if ((ld.rs->file = dsi_xstrdup(name)) == NULL || make_labels(ld.rs)) {
		dsi_diag_say(diag, name, 0, 0, NULL, M_OUT_OF_MEMORY);
		st = DS_ERR_NOMEM;
	}
	dsi_ynode_free(root);
	if (all) {
		*all = ld.all;
		*nall = ld.nall;
	} else {
		free(ld.all);
	}
	if (st != DS_OK) {
		ds_ruleset_free(ld.rs);
		return st;
	}
	*out = ld.rs;
	return DS_OK;
}
