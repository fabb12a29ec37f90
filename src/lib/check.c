/*
 * check.c: the problems of a rule table. problem_add() collects them;
 * check_warnings() finds what is wrong with a table that loads: same-class
 * contradictions that can fire together (with a command that shows it),
 * conditions never or always true, masked rules, unused facts, rules without
 * examples.
 *
 * The searches are generic: each fact the rules read (through derivations
 * too) is either absent or one of its candidate values, one in every interval
 * the table's constants make, so trying them all tries every distinct
 * behaviour of the conditions. Spaces of at most EXHAUSTIVE_MAX assignments
 * are enumerated; larger ones are sampled, deterministically.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define EXHAUSTIVE_MAX 2000000ull /* assignments enumerated in one search */
#define SAMPLES 200000ull         /* assignments tried in a larger one */
#define MIN_SAMPLES 2000ull       /* once the budget is spent */
#define EVAL_BUDGET 40000000ull   /* assignments evaluated by all the searches of one table */
#define TAB_CAP (2 * DS_MAX_CANDS + 8)

void problem_add(struct problems *ps, ds_severity sev, const char *code, const char *name, unsigned line,
                 unsigned col, const char *witness, const char *fmt, ...)
{
	char raw[sizeof ps->p->diag.msg];
	ds_problem *p;
	va_list ap;

	if (ps == NULL || ps->oom)
		return;
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 16;
		ds_problem *np = cap > ps->cap ? realloc(ps->p, cap * sizeof *np) : NULL;
		if (np == NULL) {
			ps->oom = 1;
			return;
		}
		ps->p = np;
		ps->cap = cap;
	}
	p = &ps->p[ps->n++];
	memset(p, 0, sizeof *p);
	p->severity = sev;
	snprintf(p->code, sizeof p->code, "%s", code ? code : "");
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	diag_set(&p->diag, name, line, col, NULL, "%s", raw);
	snprintf(p->witness, sizeof p->witness, "%s", witness ? witness : "");
}

/* ---- the values tried for each fact ---- */

/* The choices of one fact: v[0] is absent; v[first..n) are present values. */
struct ftab {
	struct value v[TAB_CAP];
	size_t n, first;
	char other[64]; /* string facts: a printable value no condition names */
};

struct checker {
	const ds_ruleset *rs;
	struct ftab *tab;                /* one per fact */
	uint64_t closure[DS_MAX_RULES];  /* the facts each rule reads, through derivations */
	uint64_t targets;                /* the facts derivations fill */
	unsigned long long evals;        /* assignments evaluated so far */
	struct value w[DS_MAX_FACTS];
};

/* The outcome of a search. */
struct found {
	int found;                       /* an assignment satisfying it was found */
	int exhaustive;                  /* every assignment was tried */
	unsigned long long tried, total; /* total saturates at ULLONG_MAX */
};

static int in_range(const struct fact *f, double v)
{
	if (!isfinite(v) || (f->type == DS_FACT_INTEGER && (v != floor(v) || fabs(v) >= DS_MAX_EXACT_INT)))
		return 0;
	return !((f->has_min && (v < f->min || (f->min_excl && v == f->min))) ||
	         (f->has_max && (v > f->max || (f->max_excl && v == f->max))));
}

static int printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

static void tab_add(const struct fact *f, struct ftab *t, const struct value *v)
{
	size_t i;

	if (t->n >= TAB_CAP)
		return;
	if ((f->type == DS_FACT_NUMBER || f->type == DS_FACT_INTEGER) && !in_range(f, v->num))
		return;
	for (i = t->first; i < t->n; i++) {
		const struct value *o = &t->v[i];
		if (o->num == v->num && o->bits == v->bits &&
		    (o->str == v->str || (o->str && v->str && !strcasecmp(o->str, v->str))))
			return;
	}
	t->v[t->n++] = *v;
}

static void tab_num(const struct fact *f, struct ftab *t, double x)
{
	struct value v;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.num = x;
	tab_add(f, t, &v);
}

/* A number in the fact's range near x (x itself when allowed). */
static double clamp_num(const struct fact *f, double x)
{
	int integer = f->type == DS_FACT_INTEGER;

	if (f->has_min && (x < f->min || (f->min_excl && x == f->min)))
		x = f->min_excl ? (integer ? floor(f->min) + 1 : nextafter(f->min, INFINITY))
		                : (integer ? ceil(f->min) : f->min);
	if (f->has_max && (x > f->max || (f->max_excl && x == f->max)))
		x = f->max_excl ? (integer ? ceil(f->max) - 1 : nextafter(f->max, -INFINITY))
		                : (integer ? floor(f->max) : f->max);
	return x;
}

/* For a product a × b compared with k, a value of b on each side of k / x for each value x of a. */
static void tab_products(struct checker *ck, const struct cond *c, uint64_t bare)
{
	const ds_ruleset *rs = ck->rs;
	size_t i, j, s;

	if (c->kind != C_LEAF) {
		for (i = 0; i < c->nkids; i++)
			tab_products(ck, c->kids[i], bare);
		return;
	}
	if (c->nfacts != 2 || !((bare >> c->fact[0] | bare >> c->fact[1]) & 1))
		return; /* the loader's candidates cover products of facts that had some already */
	for (s = 0; s < 2; s++) {
		const struct fact *b = &rs->facts[c->fact[1 - s]];
		struct ftab *ta = &ck->tab[c->fact[s]], *tb = &ck->tab[c->fact[1 - s]];
		size_t n = ta->n;
		for (j = ta->first; j < n; j++) {
			double x = ta->v[j].num, q;
			if (x == 0)
				continue;
			q = c->num / x;
			if (b->type == DS_FACT_INTEGER) {
				tab_num(b, tb, floor(q));
				tab_num(b, tb, ceil(q));
				tab_num(b, tb, ceil(q) + 1);
			} else {
				tab_num(b, tb, nextafter(q, -INFINITY));
				tab_num(b, tb, q);
				tab_num(b, tb, nextafter(q, INFINITY));
			}
		}
	}
}

/*
 * The choices of every fact: absent, then the loader's candidates. Booleans
 * are false (absent) or true. A fact without candidates (read only through
 * 'known' or products) gets a value or two in its range; strings get a
 * printable value no condition names instead of the loader's placeholder.
 */
static void build_tables(struct checker *ck)
{
	const ds_ruleset *rs = ck->rs;
	uint64_t bare = 0;
	size_t i, j, k;

	for (i = 0; i < rs->nfacts; i++) {
		const struct fact *f = &rs->facts[i];
		struct ftab *t = &ck->tab[i];
		struct value v;

		memset(&t->v[0], 0, sizeof t->v[0]);
		t->n = t->first = 1;
		memset(&v, 0, sizeof v);
		v.set = 1;
		if (f->type == DS_FACT_BOOLEAN) {
			v.num = 1;
			t->v[t->n++] = v;
			t->first = 0; /* absent is false, a value like any other */
			continue;
		}
		for (j = 0; j < f->ncands; j++)
			if (f->type != DS_FACT_STRING || (f->cands[j].str && printable(f->cands[j].str)))
				tab_add(f, t, &f->cands[j]);
		switch (f->type) {
		case DS_FACT_STRING: {
			/* a declared value no condition names, else other, other-2, ... */
			const char *pick = NULL;
			for (j = 0; j <= f->nvalues + t->n && pick == NULL; j++) {
				if (j < f->nvalues) {
					if (!printable(f->values[j]) || strlen(f->values[j]) >= sizeof t->other)
						continue;
					snprintf(t->other, sizeof t->other, "%s", f->values[j]);
				} else if (j == f->nvalues) {
					snprintf(t->other, sizeof t->other, "other");
				} else {
					snprintf(t->other, sizeof t->other, "other-%zu", j - f->nvalues + 1);
				}
				for (k = t->first; k < t->n && strcasecmp(t->v[k].str, t->other); k++)
					;
				if (k == t->n)
					pick = t->other;
			}
			v.str = t->other;
			tab_add(f, t, &v);
			break;
		}
		case DS_FACT_NUMBER:
		case DS_FACT_INTEGER:
			if (t->n == t->first) {
				bare |= (uint64_t)1 << i;
				tab_num(f, t, clamp_num(f, 0));
				tab_num(f, t, clamp_num(f, 1));
			}
			break;
		case DS_FACT_ENUM:
			if (t->n == t->first && f->nvalues) {
				v.bits = 1;
				tab_add(f, t, &v);
			}
			break;
		case DS_FACT_SET:
			if (t->n == t->first)
				tab_add(f, t, &v); /* the empty set */
			break;
		case DS_FACT_BOOLEAN:
			break;
		}
	}
	if (bare) {
		for (i = 0; i < rs->nrules; i++)
			tab_products(ck, rs->rules[i].when, bare);
		for (i = 0; i < rs->nderives; i++)
			tab_products(ck, rs->derives[i].when, bare);
	}
}

/* ---- searching assignments ---- */

static uint64_t closure_of(const ds_ruleset *rs, uint64_t reads)
{
	uint64_t before;
	size_t j;

	do { /* a derived fact brings in what its derivations read */
		before = reads;
		for (j = 0; j < rs->nderives; j++)
			if (reads >> rs->derives[j].fact & 1)
				reads |= rs->derives[j].facts;
	} while (reads != before);
	return reads;
}

/* Evaluates one assignment (pick: a choice per fact of facts, the others absent); the rules of 'rules' that fire. */
static uint64_t eval_pick(struct checker *ck, uint64_t facts, const size_t *pick, uint64_t rules)
{
	const ds_ruleset *rs = ck->rs;
	struct value *w = ck->w;
	uint64_t given = 0, m, fired = 0;

	ck->evals++;
	for (m = ck->targets & ~facts; m; m &= m - 1) /* what the last derive() filled */
		memset(&w[__builtin_ctzll(m)], 0, sizeof *w);
	for (m = facts; m; m &= m - 1) {
		unsigned f = (unsigned)__builtin_ctzll(m);
		w[f] = ck->tab[f].v[pick[f]];
		given |= (uint64_t)(w[f].set != 0) << f;
	}
	derive(rs, w, &given);
	for (m = rules; m; m &= m - 1) {
		const struct rule *r = &rs->rules[__builtin_ctzll(m)];
		/* as evaluation does: a rule over unknown facts alone is undecided */
		if ((r->facts & (given | rs->bool_mask)) && cond_eval(rs, r->when, w) == TV_TRUE)
			fired |= (uint64_t)1 << __builtin_ctzll(m);
	}
	return fired;
}

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/*
 * Looks for an assignment of facts (absent or a candidate each; present only
 * with present_only) under which every rule of must fires and none of
 * mustnot does. On success pick holds it.
 */
static struct found search_space(struct checker *ck, uint64_t facts, int present_only, uint64_t must,
                                 uint64_t mustnot, size_t *pick)
{
	struct found res = {0, 0, 0, 1};
	unsigned fl[DS_MAX_FACTS], nf = 0, i;
	size_t lo[DS_MAX_FACTS], cnt[DS_MAX_FACTS];
	unsigned long long left = ck->evals < EVAL_BUDGET ? EVAL_BUDGET - ck->evals : 0;
	uint64_t m, rules = must | mustnot;

	memset(ck->w, 0, sizeof ck->w); /* the facts outside the space are absent */
	for (m = facts; m; m &= m - 1) {
		unsigned f = (unsigned)__builtin_ctzll(m);
		const struct ftab *t = &ck->tab[f];
		fl[nf] = f;
		lo[nf] = present_only ? t->first : 0;
		cnt[nf] = t->n - lo[nf];
		if (cnt[nf] == 0) /* no value to try: the space is empty */
			return (struct found){0, 1, 0, 0};
		if (res.total > ~0ull / cnt[nf])
			res.total = ~0ull;
		else
			res.total *= cnt[nf];
		pick[f] = lo[nf];
		nf++;
	}
	if (res.total <= EXHAUSTIVE_MAX && res.total <= left) {
		res.exhaustive = 1;
		for (;;) {
			res.tried++;
			if ((eval_pick(ck, facts, pick, rules) & rules) == must) {
				res.found = 1;
				return res;
			}
			for (i = 0; i < nf; i++) { /* the next assignment, an odometer */
				if (++pick[fl[i]] < lo[i] + cnt[i])
					break;
				pick[fl[i]] = lo[i];
			}
			if (i == nf)
				return res;
		}
	} else {
		unsigned long long n = left < SAMPLES ? (left > MIN_SAMPLES ? left : MIN_SAMPLES) : SAMPLES, k;
		uint64_t seed = facts * 0x9e3779b97f4a7c15ull ^ must * 0xc2b2ae3d27d4eb4full ^
		                mustnot * 0x165667b19e3779f9ull ^ (uint64_t)present_only;
		for (k = 0; k < n; k++) {
			for (i = 0; i < nf; i++)
				pick[fl[i]] = lo[i] + (size_t)(splitmix(&seed) % cnt[i]);
			res.tried++;
			if ((eval_pick(ck, facts, pick, rules) & rules) == must) {
				res.found = 1;
				return res;
			}
		}
	}
	return res;
}

/*
 * As search_space() over the facts the rules of must and mustnot read
 * (through derivations; their own facts only with present_only). Two rules
 * whose facts do not overlap are searched apart, then together.
 */
static struct found search(struct checker *ck, int present_only, uint64_t must, uint64_t mustnot, size_t *pick)
{
	const ds_ruleset *rs = ck->rs;
	uint64_t rules = must | mustnot, reads[2] = {0, 0}, m;
	unsigned ids[2], n = 0;
	struct found a, b, res;

	for (m = rules; m; m &= m - 1) {
		unsigned r = (unsigned)__builtin_ctzll(m);
		if (n < 2)
			reads[n] = present_only ? rs->rules[r].facts : ck->closure[r];
		ids[n < 2 ? n : 1] = r;
		n++;
	}
	if (n == 2 && (reads[0] & reads[1]) == 0) {
		uint64_t b0 = (uint64_t)1 << ids[0], b1 = (uint64_t)1 << ids[1];
		a = search_space(ck, reads[0], present_only, must & b0, mustnot & b0, pick);
		if (a.found || !a.exhaustive) {
			b = search_space(ck, reads[1], present_only, must & b1, mustnot & b1, pick);
			res.found = a.found && b.found;
			res.exhaustive = (a.exhaustive && b.exhaustive) || (b.exhaustive && !b.found);
			res.tried = a.tried + b.tried;
			res.total = a.total > ~0ull / (b.total ? b.total : 1) ? ~0ull : a.total * b.total;
			/* independent halves: the joined assignment should do both; make sure */
			if (!res.found || (eval_pick(ck, reads[0] | reads[1], pick, rules) & rules) == must)
				return res;
		} else {
			return a;
		}
	}
	for (m = 0; rules; rules &= rules - 1) {
		unsigned r = (unsigned)__builtin_ctzll(rules);
		m |= present_only ? rs->rules[r].facts : ck->closure[r];
	}
	return search_space(ck, m, present_only, must, mustnot, pick);
}

/* How long a value reads in a command: shorter is plainer (12 rather than 12.000000000000002). */
static size_t value_len(const struct fact *fa, const struct value *v)
{
	char num[40];

	if (fa->type == DS_FACT_NUMBER || fa->type == DS_FACT_INTEGER) {
		num_text(num, sizeof num, v->num);
		return strlen(num);
	}
	return fa->type == DS_FACT_STRING && v->str ? strlen(v->str) : (size_t)__builtin_popcountll(v->bits);
}

/*
 * Makes a found assignment plainer (the rules of must still all fire): every
 * fact it does without is left out, and each other takes its shortest value
 * that still does.
 */
static void shorten(struct checker *ck, uint64_t facts, uint64_t must, size_t *pick)
{
	uint64_t m;
	size_t c;

	memset(ck->w, 0, sizeof ck->w);
	for (m = facts; m; m &= m - 1) {
		unsigned f = (unsigned)__builtin_ctzll(m);
		const struct fact *fa = &ck->rs->facts[f];
		const struct ftab *t = &ck->tab[f];
		size_t keep = pick[f], best;
		if (keep == 0)
			continue;
		pick[f] = 0;
		if ((eval_pick(ck, facts, pick, must) & must) == must)
			continue;
		best = value_len(fa, &t->v[keep]);
		pick[f] = keep;
		for (c = 1; c < t->n; c++) {
			size_t len = value_len(fa, &t->v[c]);
			if (len >= best)
				continue;
			pick[f] = c;
			if ((eval_pick(ck, facts, pick, must) & must) == must) {
				keep = c;
				best = len;
			}
			pick[f] = keep;
		}
	}
}

/* ---- texts ---- */

/* A shell word: as is when it is plain, else in single quotes. */
static void put_word(struct buf *b, const char *s)
{
	const char *p;
	int plain = *s != '\0';

	for (p = s; *p && plain; p++)
		plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		        strchr("_@%+=:,./-", *p) != NULL;
	buf_putc(b, ' ');
	if (plain) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'')
			buf_lit(b, "'\\''");
		else
			buf_putc(b, *p);
	}
	buf_putc(b, '\'');
}

/* The command that gives the facts of an assignment: dsselect [--rules R] --flag value ... */
static void witness_text(const struct checker *ck, const char *rules_arg, uint64_t facts, const size_t *pick,
                         struct buf *b)
{
	const ds_ruleset *rs = ck->rs;
	uint64_t m;
	size_t j;

	buf_lit(b, "dsselect");
	if (rules_arg) {
		buf_lit(b, " --rules");
		put_word(b, rules_arg);
	}
	for (m = facts; m; m &= m - 1) {
		unsigned f = (unsigned)__builtin_ctzll(m);
		const struct fact *fa = &rs->facts[f];
		const struct value *v = &ck->tab[f].v[pick[f]];
		struct buf val;
		char num[40];

		if (!v->set || (fa->type == DS_FACT_BOOLEAN && v->num == 0))
			continue; /* absent (a boolean's false) */
		buf_lit(b, " --");
		buf_puts(b, fa->flag);
		if (fa->type == DS_FACT_BOOLEAN)
			continue;
		buf_init(&val);
		switch (fa->type) {
		case DS_FACT_NUMBER:
		case DS_FACT_INTEGER:
			num_text(num, sizeof num, v->num);
			buf_puts(&val, num);
			break;
		case DS_FACT_ENUM:
			if (v->bits)
				buf_puts(&val, fa->values[__builtin_ctzll(v->bits)]);
			break;
		case DS_FACT_SET:
			for (j = 0; j < fa->nvalues; j++)
				if (v->bits >> j & 1) {
					if (val.len)
						buf_putc(&val, ',');
					buf_puts(&val, fa->values[j]);
				}
			break;
		case DS_FACT_STRING:
			buf_puts(&val, v->str ? v->str : "");
			break;
		case DS_FACT_BOOLEAN:
			break;
		}
		if (val.oom)
			b->oom = 1;
		put_word(b, val.p ? val.p : "");
		buf_free(&val);
	}
}

/* "3.1 (low-latency-short-requests)" */
static const char *rule_name(const struct rule *r, char *out, size_t n)
{
	snprintf(out, n, "%s (%s)", r->ref, r->id);
	return out;
}

static const char *effect_word(enum effect e)
{
	return e == E_REQUIRE ? "require" : e == E_FORBID ? "forbid" : e == E_PREFER ? "prefer" : "avoid";
}

/* ", not proven: no counterexample among 200000 of 3e+09 assignments tried" and the like */
static void sampled_note(const struct found *f, char *out, size_t n)
{
	if (f->exhaustive)
		out[0] = '\0';
	else if (f->total == ~0ull)
		snprintf(out, n, " (not proven: the search tried %llu assignments, not all)", f->tried);
	else
		snprintf(out, n, " (not proven: the search tried %llu of %llu assignments, not all)", f->tried,
		         f->total);
}

/* ---- the warnings ---- */

static void sort_by_line(struct problems *ps, size_t from)
{
	size_t i, j;

	for (i = from + 1; i < ps->n; i++) { /* insertion sort: stable, and the lists are short */
		ds_problem p = ps->p[i];
		for (j = i; j > from && (ps->p[j - 1].diag.line > p.diag.line ||
		                         (ps->p[j - 1].diag.line == p.diag.line && ps->p[j - 1].diag.col > p.diag.col));
		     j--)
			ps->p[j] = ps->p[j - 1];
		ps->p[j] = p;
	}
}

void check_warnings(const ds_ruleset *rs, const char *name, const char *rules_arg, struct problems *ps)
{
	struct checker *ck;
	size_t pick[DS_MAX_FACTS];
	uint64_t never = 0, used = 0, masks[DS_MAX_RULES], sampled[DS_MAX_RULES];
	char na[160], nb[160], note[160];
	struct buf w;
	size_t i, j, from;

	if (rs == NULL || ps == NULL || ps->oom)
		return;
	from = ps->n;
	if ((ck = calloc(1, sizeof *ck)) == NULL || (ck->tab = calloc(rs->nfacts ? rs->nfacts : 1, sizeof *ck->tab)) == NULL) {
		free(ck);
		ps->oom = 1;
		return;
	}
	ck->rs = rs;
	build_tables(ck);
	for (i = 0; i < rs->nderives; i++)
		ck->targets |= (uint64_t)1 << rs->derives[i].fact;
	for (i = 0; i < rs->nrules; i++)
		ck->closure[i] = closure_of(rs, rs->rules[i].facts);
	memset(pick, 0, sizeof pick);

	/* facts nothing reads */
	for (i = 0; i < rs->nrules; i++)
		used |= rs->rules[i].facts;
	for (i = 0; i < rs->nderives; i++)
		used |= rs->derives[i].facts;
	for (i = 0; i < rs->nfacts; i++) {
		const struct fact *f = &rs->facts[i];
		if (!(used >> i & 1) && !f->informational)
			problem_add(ps, DS_SEV_WARNING, "unused-fact", name, f->line, f->col, NULL,
			            "fact '%s' is read by no rule and no derivation (mark it 'informational: true' "
			            "if it is only for the record)",
			            f->key);
	}

	/* conditions never true, or true whatever values their facts have */
	for (i = 0; i < rs->nrules; i++) {
		const struct rule *r = &rs->rules[i];
		uint64_t bit = (uint64_t)1 << i;
		struct found f = search(ck, 0, bit, 0, pick);
		if (!f.found) {
			never |= bit;
			sampled_note(&f, note, sizeof note);
			problem_add(ps, DS_SEV_WARNING, "never-true", name, r->line, r->col, NULL,
			            "rule %s can never fire: no values of the facts it reads make its condition true%s",
			            rule_name(r, na, sizeof na), note);
			continue;
		}
		f = search(ck, 1, 0, bit, pick);
		if (!f.found) {
			sampled_note(&f, note, sizeof note);
			problem_add(ps, DS_SEV_WARNING, "always-true", name, r->line, r->col, NULL,
			            "rule %s always fires once the facts it reads are given: its condition is true "
			            "for all their values%s",
			            rule_name(r, na, sizeof na), note);
		}
	}

	/* same-class hard rules that leave nothing together and can fire together */
	buf_init(&w);
	for (j = 0; j < rs->nrules; j++) {
		const struct rule *b = &rs->rules[j];
		if (rs->classes[b->klass].soft || (never >> j & 1))
			continue;
		for (i = 0; i < j; i++) {
			const struct rule *a = &rs->rules[i];
			uint64_t both = (uint64_t)1 << i | (uint64_t)1 << j;
			struct found f;
			if (a->klass != b->klass || (a->allow & b->allow) != 0 || (never >> i & 1) ||
			    (a->ack >> j & 1) || (b->ack >> i & 1))
				continue;
			f = search(ck, 0, both, 0, pick);
			if (!f.found)
				continue; /* cannot fire together (or none found in a sample: no warning) */
			shorten(ck, ck->closure[i] | ck->closure[j], both, pick);
			w.len = 0;
			if (w.p)
				w.p[0] = '\0';
			witness_text(ck, rules_arg, ck->closure[i] | ck->closure[j], pick, &w);
			if (w.oom || w.p == NULL) {
				ps->oom = 1;
				break;
			}
			problem_add(ps, DS_SEV_WARNING, "contradiction", name, b->line, b->col,
			            w.len < sizeof ps->p->witness ? w.p : NULL,
			            "rules %s and %s are both %s and contradict each other; both fire with: %s",
			            rule_name(a, na, sizeof na), rule_name(b, nb, sizeof nb), rs->classes[a->klass].id,
			            w.len < sizeof ps->p->witness ? w.p : "(a command too long to show)");
		}
	}
	buf_free(&w);

	/* rule a is masked by b: whenever a fires, b fires too with the same effect on the same model */
	for (i = 0; i < rs->nrules; i++) {
		masks[i] = sampled[i] = 0;
		if (never >> i & 1)
			continue;
		for (j = 0; j < rs->nrules; j++) {
			const struct rule *a = &rs->rules[i], *b = &rs->rules[j];
			struct found f;
			if (j == i || (never >> j & 1) || a->klass != b->klass || a->effect != b->effect ||
			    a->model != b->model)
				continue;
			f = search(ck, 0, (uint64_t)1 << i, (uint64_t)1 << j, pick);
			if (!f.found) {
				masks[i] |= (uint64_t)1 << j;
				if (!f.exhaustive)
					sampled[i] |= (uint64_t)1 << j; /* only sampled: say so */
			}
		}
	}
	for (i = 0; i < rs->nrules; i++) {
		const struct rule *a = &rs->rules[i];
		uint64_t m;
		for (m = masks[i]; m; m &= m - 1) {
			const struct rule *b;
			j = (size_t)__builtin_ctzll(m);
			if ((masks[j] >> i & 1) && i < j)
				continue; /* each masks the other: reported on the later one */
			b = &rs->rules[j];
			problem_add(ps, DS_SEV_WARNING, "masked", name, a->line, a->col, NULL,
			            "rule %s is masked by %s: whenever it fires, %s fires with the same effect (%s %s)%s",
			            rule_name(a, na, sizeof na), rule_name(b, nb, sizeof nb), b->ref,
			            effect_word(b->effect), rs->models[b->model].id,
			            sampled[i] >> j & 1 ? " (not proven: the search was sampled, not exhaustive)" : "");
			break;
		}
	}

	/* rules without examples */
	for (i = 0; i < rs->nrules; i++) {
		const struct rule *r = &rs->rules[i];
		if (r->nexamples == 0)
			problem_add(ps, DS_SEV_WARNING, "no-example", name, r->line, r->col, NULL,
			            "rule %s has no examples (add 'examples:' with a spec on which it fires)",
			            rule_name(r, na, sizeof na));
	}

	free(ck->tab);
	free(ck);
	if (!ps->oom)
		sort_by_line(ps, from);
}
