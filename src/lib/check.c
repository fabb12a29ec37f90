/*
 * check.c: the problems of a rule table. dsi_problem_add() collects them;
 * dsi_check_warnings() finds what is wrong with a table that loads: same-class
 * contradictions that can fire together (with a command that shows it),
 * conditions never or always true, masked rules, unused facts, rules without
 * examples.
 *
 * The searches know nothing of particular facts or rules. Each fact the rules
 * read (through derivations too) is either absent or one of its choices: for
 * numbers a value at and on each side of every constant the table compares
 * them with (the loader's candidates, without their cap, products included),
 * every value of an enum, every union of the groups of values that any_of
 * tells apart for a set, every constant and one other text for a string,
 * false and true for a boolean. Trying them all tries every way the
 * conditions can turn out. Each fact first keeps the choices that could do on
 * their own; then a depth-first search drops every partial assignment that can
 * no longer do (three-valued logic: a decided condition stays decided as facts
 * are added) and evaluates the complete ones as ds_evaluate() does,
 * derivations included. A space left larger than EXHAUSTIVE_MAX that the
 * search does not settle within as many evaluations is sampled instead,
 * deterministically; a table's searches share EVAL_BUDGET.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "check.h"
#include "cond.h"
#include "diag.h"
#include "facts.h"
#include "msgtext.h"
#include "words.h"

#define EXHAUSTIVE_MAX 2000000ull /* assignments in a search always completed; else evaluations before sampling */
#define SAMPLES 200000ull         /* assignments tried at random past that */
#define MIN_SAMPLES 1000ull       /* once the budget is spent */
#define EVAL_BUDGET 40000000ull   /* evaluations by all the searches of one table (a second or so) */
#define EVAL_WHOLE 8              /* a whole assignment (derivations, rules) counts as that many comparisons */
#define TAB_MAX 1024              /* choices per fact; past them, searches over it are not exhaustive */

/* ---- the values tried for each fact ---- */

/* The choices of one fact: v[0] is absent; v[first..n) are given values. */
struct ftab {
	struct value *v;
	size_t n, cap, first;
	char other[64]; /* string facts: a printable value no condition names */
};

struct checker {
	const ds_ruleset *rs;
	struct ftab tab[DS_MAX_FACTS];
	uint64_t closure[DS_MAX_RULES]; /* the facts each rule reads, through derivations */
	uint64_t targets;               /* the facts derivations fill */
	uint64_t truncated;             /* the facts with more choices than TAB_MAX */
	int oom;
	unsigned long long evals;       /* evaluations so far: assignments, partial ones, comparisons */
	struct value w[DS_MAX_FACTS];   /* a whole assignment, derivations applied */
	struct value pw[DS_MAX_FACTS];  /* a partial one: what is decided so far */
	size_t *dom;                    /* the choices a search keeps, per fact from off[] */
	size_t off[DS_MAX_FACTS];
	size_t dcount[DS_MAX_FACTS];    /* how many */
	int use_dom;                    /* whether conditions may look at them (once they are kept) */
	/* per rule and fact it reads, per choice of the fact, the others open: 1 the rule may fire, 2 it may not */
	unsigned char *alone[DS_MAX_RULES][DS_MAX_FACTS];
};

/* The outcome of a search. */
struct found {
	int found;                       /* an assignment that does was found */
	int exhaustive;                  /* and if not, none does */
	int truncated;                   /* not exhaustive because a fact has too many values */
	int cut;                         /* not exhaustive because the budget ran out */
	unsigned long long tried, total; /* evaluations; assignments in all (saturates at ULLONG_MAX) */
};

static int printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/* Adds a choice to fact f unless it is there already or out of its range. */
static void tab_add(struct checker *ck, unsigned f, const struct value *v)
{
	const struct fact *fa = &ck->rs->facts[f];
	struct ftab *t = &ck->tab[f];
	size_t i;

	if ((fa->type == DS_FACT_NUMBER || fa->type == DS_FACT_INTEGER) && !dsi_fact_accepts(fa, v->num))
		return;
	for (i = t->first; i < t->n; i++) {
		const struct value *o = &t->v[i];
		if (o->num == v->num && o->bits == v->bits &&
		    (o->str == v->str || (o->str && v->str && !strcasecmp(o->str, v->str))))
			return;
	}
	if (t->n == TAB_MAX) {
		ck->truncated |= (uint64_t)1 << f;
		return;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 8;
		struct value *nv = realloc(t->v, cap * sizeof *nv);
		if (nv == NULL) {
			ck->oom = 1;
			return;
		}
		t->v = nv;
		t->cap = cap;
	}
	t->v[t->n++] = *v;
}

static void tab_num(struct checker *ck, unsigned f, double x)
{
	struct value v;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.num = x;
	tab_add(ck, f, &v);
}

static void tab_bits(struct checker *ck, unsigned f, uint64_t bits)
{
	struct value v;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.bits = bits;
	tab_add(ck, f, &v);
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

/* Numbers on each side of, and at, every constant a fact is compared with; the strings named. */
static void leaf_choices(struct checker *ck, const struct cond *c)
{
	const struct fact *f;
	size_t i;

	if (c->kind != C_LEAF) {
		for (i = 0; i < c->nkids; i++)
			leaf_choices(ck, c->kids[i]);
		return;
	}
	if (c->nfacts == 2 || c->op == OP_KNOWN)
		return; /* products: see product_choices() */
	f = &ck->rs->facts[c->fact[0]];
	if (f->type == DS_FACT_INTEGER) {
		/* the integers on each side of the constant, which may have a fraction */
		tab_num(ck, c->fact[0], floor(c->num) - (c->num == floor(c->num)));
		tab_num(ck, c->fact[0], floor(c->num));
		tab_num(ck, c->fact[0], ceil(c->num));
		tab_num(ck, c->fact[0], ceil(c->num) + (c->num == ceil(c->num)));
	} else if (f->type == DS_FACT_NUMBER) {
		/* the two sides of the boundary the operator draws (both for eq and ne) */
		if (c->op != OP_LE && c->op != OP_GT)
			tab_num(ck, c->fact[0], nextafter(c->num, -INFINITY));
		tab_num(ck, c->fact[0], c->num);
		if (c->op != OP_LT && c->op != OP_GE)
			tab_num(ck, c->fact[0], nextafter(c->num, INFINITY));
	} else if (f->type == DS_FACT_STRING) {
		struct value v;
		memset(&v, 0, sizeof v);
		v.set = 1;
		for (i = 0; i < c->nstrs; i++) {
			v.str = c->strs[i];
			if (printable(v.str))
				tab_add(ck, c->fact[0], &v);
		}
	}
}

/* For a product a × b compared with k, values of b on each side of k / x for each value x of a. */
static void product_choices(struct checker *ck, const struct cond *c)
{
	size_t i, j, s;

	if (c->kind != C_LEAF) {
		for (i = 0; i < c->nkids; i++)
			product_choices(ck, c->kids[i]);
		return;
	}
	if (c->nfacts != 2)
		return;
	for (s = 0; s < 2; s++) {
		unsigned a = c->fact[s], b = c->fact[1 - s];
		const struct ftab *ta = &ck->tab[a];
		size_t n = ta->n;
		for (j = ta->first; j < n; j++) {
			double x = ta->v[j].num, q;
			if (x == 0)
				continue;
			q = c->num / x;
			if (ck->rs->facts[b].type == DS_FACT_INTEGER) {
				tab_num(ck, b, floor(q));
				tab_num(ck, b, ceil(q));
				tab_num(ck, b, ceil(q) + 1);
			} else {
				tab_num(ck, b, nextafter(q, -INFINITY));
				tab_num(ck, b, q);
				tab_num(ck, b, nextafter(q, INFINITY));
			}
		}
	}
}

/* The masks of the any_of leaves on set fact f, up to cap of them; cap + 1: more. */
static size_t set_masks(const struct cond *c, unsigned f, uint64_t *masks, size_t n, size_t cap)
{
	size_t i;

	if (c->kind != C_LEAF) {
		for (i = 0; i < c->nkids && n <= cap; i++)
			n = set_masks(c->kids[i], f, masks, n, cap);
		return n;
	}
	if (c->fact[0] != f || c->op != OP_ANY_OF)
		return n;
	for (i = 0; i < n && masks[i] != c->bits; i++)
		;
	if (i == n) {
		if (n == cap)
			return cap + 1;
		masks[n++] = c->bits;
	}
	return n;
}

/*
 * A set fact is only asked whether it meets a constant mask, so values in the
 * same masks behave alike: with at most 8 such groups, every union of them
 * (one value each) is tried, conditions that need two values included. Else
 * the empty set, each value alone and all of them.
 */
static void set_choices(struct checker *ck, unsigned f)
{
	const ds_ruleset *rs = ck->rs;
	const struct fact *fa = &rs->facts[f];
	uint64_t masks[64], sig[DS_MAX_VALUES], rep[8], all = 0;
	size_t n = 0, i, j, ngroups = 0;

	for (i = 0; i < rs->nrules && n <= 64; i++)
		n = set_masks(rs->rules[i].when, f, masks, n, 64);
	for (i = 0; i < rs->nderives && n <= 64; i++)
		n = set_masks(rs->derives[i].when, f, masks, n, 64);
	for (j = 0; j < fa->nvalues && j < DS_MAX_VALUES && n <= 64; j++) {
		sig[j] = 0;
		for (i = 0; i < n; i++)
			sig[j] |= (uint64_t)(masks[i] >> j & 1) << i;
		if (sig[j] == 0)
			continue; /* in no mask: like no value at all */
		for (i = 0; i < j && sig[i] != sig[j]; i++)
			;
		if (i < j)
			continue; /* its group has a value already */
		if (ngroups == 8) {
			n = 65;
			break;
		}
		rep[ngroups++] = (uint64_t)1 << j;
	}
	if (n <= 64) {
		for (i = 0; i < (size_t)1 << ngroups; i++) {
			uint64_t bits = 0;
			for (j = 0; j < ngroups; j++)
				if (i >> j & 1)
					bits |= rep[j];
			tab_bits(ck, f, bits);
		}
		return;
	}
	tab_bits(ck, f, 0);
	for (j = 0; j < fa->nvalues && j < DS_MAX_VALUES; j++) {
		tab_bits(ck, f, (uint64_t)1 << j);
		all |= (uint64_t)1 << j;
	}
	tab_bits(ck, f, all);
}

/* The choices of every fact; -1 when out of memory. */
static int build_tables(struct checker *ck)
{
	const ds_ruleset *rs = ck->rs;
	struct value v;
	size_t i, j, k;

	for (i = 0; i < rs->nfacts; i++) {
		struct ftab *t = &ck->tab[i];
		if ((t->v = calloc(8, sizeof *t->v)) == NULL) /* v[0]: absent */
			return -1;
		t->cap = 8;
		t->n = t->first = 1;
	}
	for (i = 0; i < rs->nrules; i++)
		leaf_choices(ck, rs->rules[i].when);
	for (i = 0; i < rs->nderives; i++)
		leaf_choices(ck, rs->derives[i].when);
	for (i = 0; i < rs->nfacts; i++) {
		const struct fact *f = &rs->facts[i];
		struct ftab *t = &ck->tab[i];
		memset(&v, 0, sizeof v);
		v.set = 1;
		switch (f->type) {
		case DS_FACT_BOOLEAN:
			v.num = 1;
			tab_add(ck, (unsigned)i, &v);
			if (ck->targets >> i & 1) { /* absent may be derived: false is a third choice, --no-FLAG */
				v.num = 0;
				tab_add(ck, (unsigned)i, &v);
			} else {
				t->first = 0; /* absent is false, a value like the other */
			}
			break;
		case DS_FACT_NUMBER:
		case DS_FACT_INTEGER:
			if (t->n == t->first) { /* only 'known' or products read it */
				tab_num(ck, (unsigned)i, clamp_num(f, 0));
				tab_num(ck, (unsigned)i, clamp_num(f, 1));
			}
			break;
		case DS_FACT_ENUM:
			for (j = 0; j < f->nvalues && j < DS_MAX_VALUES; j++)
				tab_bits(ck, (unsigned)i, (uint64_t)1 << j);
			break;
		case DS_FACT_SET:
			set_choices(ck, (unsigned)i);
			break;
		case DS_FACT_STRING: {
			/* one text no condition names: a declared value if one is free, else other, other-2, ... */
			int done = 0;
			for (j = 0; !done; j++) {
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
				done = k == t->n;
			}
			v.str = t->other;
			tab_add(ck, (unsigned)i, &v);
			break;
		}
		}
	}
	for (i = 0; i < rs->nrules; i++)
		product_choices(ck, rs->rules[i].when);
	for (i = 0; i < rs->nderives; i++)
		product_choices(ck, rs->derives[i].when);
	if (ck->oom)
		return -1;
	for (i = 0, k = 0; i < rs->nfacts; i++) {
		ck->off[i] = k;
		k += ck->tab[i].n;
	}
	return (ck->dom = malloc((k ? k : 1) * sizeof *ck->dom)) == NULL ? -1 : 0;
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

	ck->evals += EVAL_WHOLE;
	for (m = ck->targets & ~facts; m; m &= m - 1) /* what the last dsi_derive() filled */
		memset(&w[__builtin_ctzll(m)], 0, sizeof *w);
	for (m = facts; m; m &= m - 1) {
		unsigned f = (unsigned)__builtin_ctzll(m);
		w[f] = ck->tab[f].v[pick[f]];
		given |= (uint64_t)(w[f].set != 0) << f;
	}
	dsi_derive(rs, w, &given);
	for (m = rules; m; m &= m - 1) {
		const struct rule *r = &rs->rules[__builtin_ctzll(m)];
		/* as evaluation does: a rule over unknown facts alone is undecided */
		if ((r->facts & (given | rs->bool_mask)) && dsi_cond_eval(rs, r->when, w) == TV_TRUE)
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

/* Kleene's and/or. */
static unsigned tv_and(unsigned a, unsigned b)
{
	return a == TV_FALSE || b == TV_FALSE ? TV_FALSE : a == TV_TRUE && b == TV_TRUE ? TV_TRUE : TV_UNKNOWN;
}

static unsigned tv_or(unsigned a, unsigned b)
{
	return a == TV_TRUE || b == TV_TRUE ? TV_TRUE : a == TV_FALSE && b == TV_FALSE ? TV_FALSE : TV_UNKNOWN;
}

#define TV_ANY 7u /* sets of truth values: a bit 1 << TV_FALSE, 1 << TV_TRUE, 1 << TV_UNKNOWN each */

/*
 * The values condition c may still take (a superset) when the facts of open
 * are not decided yet (not assigned, or absent and maybe derived) and the
 * others have their final value in ck->pw (absent: unknown to conditions).
 * With use_dom, a comparison of one open fact takes the values it has over
 * the choices that fact has left.
 */
static unsigned may_be(struct checker *ck, const struct cond *c, uint64_t open)
{
	unsigned acc, k, a, b, r, f;
	struct value saved;
	size_t i;

	switch (c->kind) {
	case C_ALL:
	case C_ANY:
		acc = 1u << (c->kind == C_ALL ? TV_TRUE : TV_FALSE);
		for (i = 0; i < c->nkids; i++) {
			k = may_be(ck, c->kids[i], open);
			for (r = 0, a = 0; a < 3; a++)
				for (b = 0; b < 3; b++)
					if ((acc >> a & 1) && (k >> b & 1))
						r |= 1u << (c->kind == C_ALL ? tv_and(a, b) : tv_or(a, b));
			acc = r;
			if (acc == 1u << (c->kind == C_ALL ? TV_FALSE : TV_TRUE))
				break; /* decided */
		}
		return acc;
	case C_NOT:
		k = may_be(ck, c->kids[0], open);
		return (k >> TV_FALSE & 1) << TV_TRUE | (k >> TV_TRUE & 1) << TV_FALSE | (k & 1u << TV_UNKNOWN);
	case C_LEAF:
		break;
	}
	a = (unsigned)(open >> c->fact[0] & 1);
	b = c->nfacts == 2 && (open >> c->fact[1] & 1);
	if (!a && !b)
		return 1u << dsi_cond_eval(ck->rs, c, ck->pw);
	if (!ck->use_dom || (a && b))
		return TV_ANY;
	f = a ? c->fact[0] : c->fact[1];
	saved = ck->pw[f];
	for (r = 0, i = 0; i < ck->dcount[f] && r != TV_ANY; i++) {
		const struct value *v = &ck->tab[f].v[ck->dom[ck->off[f] + i]];
		if (!v->set && (ck->targets >> f & 1))
			r = TV_ANY; /* absent, then maybe derived: anything */
		ck->pw[f] = *v;
		r |= 1u << dsi_cond_eval(ck->rs, c, ck->pw);
		ck->evals++;
	}
	ck->pw[f] = saved;
	return r;
}

/*
 * Whether the facts still open could be decided so that every rule of must
 * fires and none of mustnot does (a rule whose condition is true fires).
 */
static int may_hold(struct checker *ck, uint64_t open, uint64_t must, uint64_t mustnot)
{
	const ds_ruleset *rs = ck->rs;
	uint64_t m;

	ck->evals++;
	for (m = must; m; m &= m - 1)
		if (!(may_be(ck, rs->rules[__builtin_ctzll(m)].when, open) >> TV_TRUE & 1))
			return 0;
	for (m = mustnot; m; m &= m - 1)
		if (may_be(ck, rs->rules[__builtin_ctzll(m)].when, open) == 1u << TV_TRUE)
			return 0;
	return 1;
}


/*
 * What each choice of fact f alone (the rule's other facts open) allows of
 * rule r: bit 1, that it fires; bit 2, that it does not. Computed once.
 */
static const unsigned char *alone(struct checker *ck, unsigned r, unsigned f)
{
	const struct ftab *t = &ck->tab[f];
	const struct cond *when = ck->rs->rules[r].when;
	unsigned char *a = ck->alone[r][f];
	uint64_t open = ck->rs->rules[r].facts;
	size_t c;

	if (a)
		return a;
	if ((a = ck->alone[r][f] = malloc(t->n)) == NULL) {
		ck->oom = 1;
		return NULL;
	}
	memset(ck->pw, 0, sizeof ck->pw);
	ck->use_dom = 0;
	for (c = 0; c < t->n; c++) {
		unsigned may;
		ck->pw[f] = t->v[c];
		ck->evals++;
		may = may_be(ck, when, t->v[c].set || !(ck->targets >> f & 1) ? open & ~((uint64_t)1 << f) : open);
		a[c] = (unsigned char)((may >> TV_TRUE & 1) | (unsigned)(may != 1u << TV_TRUE) << 1);
	}
	memset(&ck->pw[f], 0, sizeof ck->pw[f]);
	return a;
}

/* One search_space() call: what it looks for, its progress, and the facts in the order it assigns them. */
struct space {
	uint64_t facts, must, mustnot;
	int present_only;
	size_t *pick;                  /* the assignment being tried (found, on success) */
	unsigned long long start;      /* ck->evals when it began */
	unsigned fl[DS_MAX_FACTS], nf; /* the facts, fewest choices first */
	size_t dn[DS_MAX_FACTS];       /* how many choices each keeps */
	unsigned long long size;       /* assignments over the choices kept (saturates at ULLONG_MAX) */
	struct found res;
};

/* Keeps in ck->dom the choices of fact f, from lo, that could do on their own; how many, (size_t)-1 out of memory. */
static size_t keep_choices(struct checker *ck, const struct space *sp, unsigned f, size_t lo)
{
	const struct ftab *t = &ck->tab[f];
	const unsigned char *al[DS_MAX_RULES];
	unsigned char want[DS_MAX_RULES];
	size_t n = 0, na = 0, c, k, *dom = ck->dom + ck->off[f];
	uint64_t r;

	for (r = sp->must | sp->mustnot; r; r &= r - 1) { /* the rules that read it */
		unsigned ri = (unsigned)__builtin_ctzll(r);
		if (!(ck->rs->rules[ri].facts >> f & 1))
			continue;
		if ((al[na] = alone(ck, ri, f)) == NULL)
			return (size_t)-1;
		want[na++] = sp->must >> ri & 1 ? 1 : 2;
	}
	for (c = lo; c < t->n; c++) {
		for (k = 0; k < na && (al[k][c] & want[k]); k++)
			;
		if (k == na)
			dom[n++] = c;
	}
	return n;
}

/* Keeps each fact's choices that could do, facts with fewest first; 0 when that settles it (sp->res says how). */
static int narrow(struct checker *ck, struct space *sp)
{
	struct found *res = &sp->res;
	unsigned k;
	uint64_t m;

	sp->nf = 0;
	sp->size = 1;
	for (m = sp->facts; m; m &= m - 1) {
		unsigned f = (unsigned)__builtin_ctzll(m);
		const struct ftab *t = &ck->tab[f];
		size_t lo = sp->present_only ? t->first : 0, n;
		if (t->n > lo)
			res->total = res->total > ~0ull / (t->n - lo) ? ~0ull : res->total * (t->n - lo);
		if ((n = keep_choices(ck, sp, f, lo)) == (size_t)-1)
			return 0; /* out of memory: found nothing, proved nothing */
		if (n == 0) { /* no choice of this fact can do */
			res->exhaustive = !res->truncated;
			res->tried = ck->evals - sp->start;
			return 0;
		}
		for (k = sp->nf; k > 0 && sp->dn[k - 1] > n; k--) { /* fewest choices first: prunes near the root */
			sp->fl[k] = sp->fl[k - 1];
			sp->dn[k] = sp->dn[k - 1];
		}
		sp->fl[k] = f;
		sp->dn[k] = n;
		ck->dcount[f] = n;
		sp->size = sp->size > ~0ull / n ? ~0ull : sp->size * n;
		sp->nf++;
	}
	return 1;
}

/* The depth-first search, up to cap evaluations: 1 when it settles (sp->res says how), 0 when it gives up. */
static int depth_first(struct checker *ck, struct space *sp, unsigned long long cap)
{
	const unsigned nf = sp->nf;
	uint64_t rules = sp->must | sp->mustnot, open = sp->facts;
	size_t pos[DS_MAX_FACTS], *pick = sp->pick;
	int d;

	memset(ck->w, 0, sizeof ck->w); /* the facts outside the space are absent */
	memset(ck->pw, 0, sizeof ck->pw);
	ck->use_dom = 1;
	/* depth d: fl[0..d) are assigned, choice pos[d] of fl[d] is being tried */
	d = 0;
	pos[0] = 0;
	for (;;) {
		int down = 0;
		if (ck->evals - sp->start >= cap)
			return 0; /* given up: samples below */
		if ((unsigned)d == nf) {
			if ((eval_pick(ck, sp->facts, pick, rules) & rules) == sp->must) {
				sp->res.found = 1;
				sp->res.tried = ck->evals - sp->start;
				return 1;
			}
		} else {
			unsigned f = sp->fl[d];
			const struct value *v;
			pick[f] = ck->dom[ck->off[f] + pos[d]];
			v = &ck->tab[f].v[pick[f]];
			ck->pw[f] = *v;
			if (v->set || !(ck->targets >> f & 1))
				open &= ~((uint64_t)1 << f); /* final: given, or absent and never derived */
			else
				open |= (uint64_t)1 << f;
			down = may_hold(ck, open, sp->must, sp->mustnot);
		}
		if (down) {
			if ((unsigned)++d < nf)
				pos[d] = 0;
			continue;
		}
		if ((unsigned)d == nf)
			d--;
		while (d >= 0 && ++pos[d] == sp->dn[d]) { /* the next choice here, or back up */
			open |= (uint64_t)1 << sp->fl[d];
			d--;
		}
		if (d < 0) { /* all tried */
			sp->res.exhaustive = !sp->res.truncated;
			sp->res.tried = ck->evals - sp->start;
			return 1;
		}
	}
}

/* Random assignments over the choices narrow() kept (SAMPLES, or what the budget leaves), deterministically. */
static void sample(struct checker *ck, struct space *sp)
{
	uint64_t rules = sp->must | sp->mustnot, seed;
	unsigned long long cap, k;
	unsigned i;

	seed = sp->facts * 0x9e3779b97f4a7c15ull ^ sp->must * 0xc2b2ae3d27d4eb4full ^
	       sp->mustnot * 0x165667b19e3779f9ull ^ (uint64_t)sp->present_only;
	cap = (ck->evals < EVAL_BUDGET ? EVAL_BUDGET - ck->evals : 0) / EVAL_WHOLE;
	if (cap < SAMPLES)
		sp->res.cut = 1;
	cap = cap < SAMPLES ? (cap > MIN_SAMPLES ? cap : MIN_SAMPLES) : SAMPLES;
	for (k = 0; k < cap; k++) {
		for (i = 0; i < sp->nf; i++)
			sp->pick[sp->fl[i]] = ck->dom[ck->off[sp->fl[i]] + (size_t)(splitmix(&seed) % sp->dn[i])];
		if ((eval_pick(ck, sp->facts, sp->pick, rules) & rules) == sp->must) {
			sp->res.found = 1;
			break;
		}
	}
	sp->res.tried = ck->evals - sp->start;
}

/*
 * Looks for an assignment of facts (absent or a choice each; given values
 * only with present_only) under which every rule of must fires and none of
 * mustnot does; on success pick holds it. First each fact keeps the choices
 * that could do with all the others open; then a depth-first search, fewest
 * choices first, drops every partial assignment that can no longer do. When
 * the space left is larger than EXHAUSTIVE_MAX and the search has not
 * settled it within as many evaluations (or what is left of the budget),
 * SAMPLES random assignments are tried.
 */
static struct found search_space(struct checker *ck, uint64_t facts, int present_only, uint64_t must,
                                 uint64_t mustnot, size_t *pick)
{
	struct found none = {0, 0, 0, 0, 0, 1};
	struct space sp;
	unsigned long long left = ck->evals < EVAL_BUDGET ? EVAL_BUDGET - ck->evals : 0, cap;

	sp.facts = facts;
	sp.must = must;
	sp.mustnot = mustnot;
	sp.present_only = present_only;
	sp.pick = pick;
	sp.start = ck->evals;
	sp.res = none;
	sp.res.truncated = (facts & ck->truncated) != 0;
	if (!narrow(ck, &sp))
		return sp.res;
	cap = sp.size <= EXHAUSTIVE_MAX ? ~0ull : EXHAUSTIVE_MAX;
	if (cap > left) {
		cap = left > MIN_SAMPLES ? left : MIN_SAMPLES;
		sp.res.cut = 1;
	}
	if (!depth_first(ck, &sp, cap))
		sample(ck, &sp);
	return sp.res;
}

/*
 * As search_space() over the facts the rules of must and mustnot read
 * (through derivations; only their own with present_only). Two rules whose
 * facts do not overlap are searched apart, then checked together.
 */
static struct found search(struct checker *ck, int present_only, uint64_t must, uint64_t mustnot, size_t *pick)
{
	const ds_ruleset *rs = ck->rs;
	uint64_t rules = must | mustnot, reads[2] = {0, 0}, m, all = 0;
	unsigned ids[2] = {0, 0}, n = 0;
	struct found a, b, res;

	for (m = rules; m; m &= m - 1) {
		unsigned r = (unsigned)__builtin_ctzll(m);
		uint64_t f = present_only ? rs->rules[r].facts : ck->closure[r];
		if (n < 2) {
			reads[n] = f;
			ids[n] = r;
		}
		all |= f;
		n++;
	}
	if (n == 2 && (reads[0] & reads[1]) == 0) {
		uint64_t b0 = (uint64_t)1 << ids[0], b1 = (uint64_t)1 << ids[1];
		a = search_space(ck, reads[0], present_only, must & b0, mustnot & b0, pick);
		if (!a.found && a.exhaustive)
			return a;
		b = search_space(ck, reads[1], present_only, must & b1, mustnot & b1, pick);
		res.found = a.found && b.found;
		res.exhaustive = b.exhaustive && !b.found;
		res.truncated = a.truncated || b.truncated;
		res.cut = a.cut || b.cut;
		res.tried = a.tried + b.tried;
		res.total = a.total > ~0ull / (b.total ? b.total : 1) ? ~0ull : a.total * b.total;
		/* independent halves: the joined assignment should do both; make sure */
		if (!res.found || (eval_pick(ck, all, pick, rules) & rules) == must)
			return res;
	}
	return search_space(ck, all, present_only, must, mustnot, pick);
}

/* How long a value reads in a command: shorter is plainer (12 rather than 12.000000000000002). */
static size_t value_len(const struct fact *fa, const struct value *v)
{
	char num[40];

	if (fa->type == DS_FACT_NUMBER || fa->type == DS_FACT_INTEGER) {
		dsi_num_text(num, sizeof num, v->num);
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

/* The facts of an assignment as a spec, a JSON object in table order: {"gpus":2,"nccl":true}. */
static void witness_json(const struct checker *ck, uint64_t facts, const size_t *pick, struct buf *b)
{
	uint64_t m;
	int first = 1;

	dsi_buf_putc(b, '{');
	for (m = facts; m; m &= m - 1) {
		unsigned f = (unsigned)__builtin_ctzll(m);
		const struct fact *fa = &ck->rs->facts[f];
		const struct value *v = &ck->tab[f].v[pick[f]];

		if (!v->set)
			continue; /* absent (a boolean's false) */
		if (!first)
			dsi_buf_putc(b, ',');
		first = 0;
		dsi_jput(b, &fa->json_key);
		dsi_value_json(fa, v, b);
	}
	dsi_buf_putc(b, '}');
}

/* The warnings' codes, as rules check --format json writes them (the same in every language). */
#define CODE_UNUSED_FACT "unused-fact"
#define CODE_NEVER_TRUE "never-true"
#define CODE_ALWAYS_TRUE "always-true"
#define CODE_CONTRADICTION "contradiction"
#define CODE_MASKED "masked"
#define CODE_NO_EXAMPLE "no-example"


/* " (the search was not exhaustive: ...)" when a search that found nothing could not try everything; else "". */
static void sampled_note(const struct found *f, ds_lang lang, char *out, size_t n)
{
	if (f->exhaustive)
		out[0] = '\0';
	else if (f->truncated)
		dsi_say(out, n, lang, M_CK_NOT_EXHAUSTIVE_VALUES);
	else if (f->total == ~0ull)
		dsi_say(out, n, lang, M_CK_NOT_EXHAUSTIVE_TRIED, f->tried);
	else
		dsi_say(out, n, lang, M_CK_NOT_EXHAUSTIVE_OF, f->tried, f->total);
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

/* "unused-fact": facts no rule and no derivation reads, unless marked informational. */
static void warn_unused(const ds_ruleset *rs, const char *name, struct problems *ps)
{
	uint64_t used = 0;
	size_t i;

	for (i = 0; i < rs->nrules; i++)
		used |= rs->rules[i].facts;
	for (i = 0; i < rs->nderives; i++)
		used |= rs->derives[i].facts;
	for (i = 0; i < rs->nfacts; i++) {
		const struct fact *f = &rs->facts[i];
		if (!(used >> i & 1) && !f->informational)
			dsi_problem_say(ps, DS_SEV_WARNING, CODE_UNUSED_FACT, name, f->line, f->col, NULL, M_CK_UNUSED, f->key);
	}
}

/* "never-true", "always-true": conditions never true, or true for any values; returns the rules that never fire. */
static uint64_t warn_never_always(struct checker *ck, const char *name, struct problems *ps, size_t *pick)
{
	const ds_ruleset *rs = ck->rs;
	uint64_t never = 0;
	char note[160];
	size_t i;

	for (i = 0; i < rs->nrules; i++) {
		const struct rule *r = &rs->rules[i];
		uint64_t bit = (uint64_t)1 << i;
		struct found f = search(ck, 0, bit, 0, pick);
		if (!f.found && (f.exhaustive || !f.cut)) { /* cut short by the budget: cannot tell */
			never |= bit;
			sampled_note(&f, ps->lang, note, sizeof note);
			dsi_problem_say(ps, DS_SEV_WARNING, CODE_NEVER_TRUE, name, r->line, r->col, NULL, M_CK_NEVER, r->ref,
			                r->id, note);
			continue;
		}
		f = search(ck, 1, 0, bit, pick);
		if (!f.found && (f.exhaustive || !f.cut)) {
			sampled_note(&f, ps->lang, note, sizeof note);
			dsi_problem_say(ps, DS_SEV_WARNING, CODE_ALWAYS_TRUE, name, r->line, r->col, NULL, M_CK_ALWAYS, r->ref,
			                r->id, note);
		}
	}
	return never;
}

/* "contradiction": same-class hard rules that leave nothing together and can fire together, with a witness. */
static void warn_contradictions(struct checker *ck, const char *name, struct problems *ps, uint64_t never,
                                size_t *pick)
{
	const ds_ruleset *rs = ck->rs;
	struct buf w;
	size_t i, j;

	dsi_buf_init(&w);
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
			witness_json(ck, ck->closure[i] | ck->closure[j], pick, &w);
			if (w.oom || w.p == NULL) {
				ps->oom = 1;
				break;
			}
			/* the class: its id in English (as the table writes it), its name in Chinese */
			dsi_problem_say(ps, DS_SEV_WARNING, CODE_CONTRADICTION, name, b->line, b->col,
			                w.len < sizeof ps->p->witness ? w.p : NULL, M_CK_CONTRADICTION, a->ref, a->id, b->ref,
			                b->id, ps->lang == DS_LANG_EN ? rs->classes[a->klass].id
			                                              : dsi_class_name(rs, a->klass, ps->lang));
		}
	}
	dsi_buf_free(&w);
}

/* "masked": rule a is masked by b: whenever a fires, b fires too with the same effect on the same model. */
static void warn_masked(struct checker *ck, const char *name, struct problems *ps, uint64_t never, size_t *pick)
{
	const ds_ruleset *rs = ck->rs;
	uint64_t masks[DS_MAX_RULES], sampled[DS_MAX_RULES], m;
	char note[160];
	size_t i, j;

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
			if (!f.found && (f.exhaustive || !f.cut)) {
				masks[i] |= (uint64_t)1 << j;
				if (!f.exhaustive)
					sampled[i] |= (uint64_t)1 << j; /* not proven: say so */
			}
		}
	}
	for (i = 0; i < rs->nrules; i++) {
		const struct rule *a = &rs->rules[i];
		for (m = masks[i]; m; m &= m - 1) {
			const struct rule *b;
			j = (size_t)__builtin_ctzll(m);
			if ((masks[j] >> i & 1) && i < j)
				continue; /* each masks the other: reported on the later one */
			b = &rs->rules[j];
			note[0] = '\0';
			if (sampled[i] >> j & 1)
				dsi_say(note, sizeof note, ps->lang, M_CK_NOT_EXHAUSTIVE);
			dsi_problem_say(ps, DS_SEV_WARNING, CODE_MASKED, name, a->line, a->col, NULL, M_CK_MASKED, a->ref, a->id,
			                b->ref, b->id, b->label ? b->label : b->ref, dsi_effect_name(b->effect, ps->lang),
			                rs->models[b->model].id, note);
			break;
		}
	}
}

/* "no-example": rules without examples. */
static void warn_no_example(const ds_ruleset *rs, const char *name, struct problems *ps)
{
	size_t i;

	for (i = 0; i < rs->nrules; i++) {
		const struct rule *r = &rs->rules[i];
		if (r->nexamples == 0)
			dsi_problem_say(ps, DS_SEV_WARNING, CODE_NO_EXAMPLE, name, r->line, r->col, NULL, M_CK_NO_EXAMPLE,
			                r->ref, r->id);
	}
}

/* Frees a checker and all it holds. */
static void checker_free(struct checker *ck)
{
	size_t i, j;

	for (i = 0; i < ck->rs->nrules; i++)
		for (j = 0; j < ck->rs->nfacts; j++)
			free(ck->alone[i][j]);
	for (i = 0; i < ck->rs->nfacts; i++)
		free(ck->tab[i].v);
	free(ck->dom);
	free(ck);
}

/* A checker for rs, its tables built; NULL out of memory. */
static struct checker *checker_new(const ds_ruleset *rs)
{
	struct checker *ck = calloc(1, sizeof *ck);
	size_t i;

	if (ck == NULL)
		return NULL;
	ck->rs = rs;
	for (i = 0; i < rs->nderives; i++)
		ck->targets |= (uint64_t)1 << rs->derives[i].fact;
	if (build_tables(ck)) {
		checker_free(ck);
		return NULL;
	}
	for (i = 0; i < rs->nrules; i++)
		ck->closure[i] = closure_of(rs, rs->rules[i].facts);
	return ck;
}

void dsi_check_warnings(const ds_ruleset *rs, const char *name, struct problems *ps)
{
	struct checker *ck;
	size_t pick[DS_MAX_FACTS];
	uint64_t never;
	size_t from;

	if (rs == NULL || ps == NULL || ps->oom)
		return;
	from = ps->n;
	if ((ck = checker_new(rs)) == NULL) {
		ps->oom = 1;
		return;
	}
	memset(pick, 0, sizeof pick);
	warn_unused(rs, name, ps);
	never = warn_never_always(ck, name, ps, pick);
	warn_contradictions(ck, name, ps, never, pick);
	warn_masked(ck, name, ps, never, pick);
	warn_no_example(rs, name, ps);
	if (ck->oom)
		ps->oom = 1;
	if (!ps->oom)
		sort_by_line(ps, from);
	checker_free(ck);
}
