/* cond.c: one condition, one derivation, one constraint, a fact's accepted range: what the loader's
 * indexes, the parsers, the checker and the engine all evaluate. */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "cond.h"

static inline __attribute__((always_inline)) enum tv cmp_num(enum cond_op op, double x, double c)
{
	switch (op) {
	case OP_EQ: return x == c;
	case OP_NE: return x != c;
	case OP_LT: return x < c;
	case OP_LE: return x <= c;
	case OP_GT: return x > c;
	case OP_GE: return x >= c;
	default: return TV_FALSE;
	}
}

/* A string fact against the condition's constants: out of line, so that the leaf below makes no call. */
static __attribute__((noinline)) enum tv str_in(const struct cond *c, const char *s)
{
	size_t i;

	for (i = 0; i < c->nstrs; i++)
		if (!strcasecmp(s, c->strs[i]))
			return c->op == OP_NE ? TV_FALSE : TV_TRUE;
	return c->op == OP_NE ? TV_TRUE : TV_FALSE;
}

/*
 * One leaf. It calls nothing on its common paths and saves no registers, so
 * it is inlined into the loops below: most conditions are leaves or all/any
 * of leaves, and a recursive call per leaf cost more than the test itself.
 */
static inline __attribute__((always_inline)) enum tv leaf_eval(const struct cond *c, const struct value *v)
{
	const struct value *a = &v[c->fact[0]];
	enum tv r;

	if (c->ftype == DS_FACT_BOOLEAN) { /* absent means false; set 3: any (the load-time probe) */
		if (a->set == 3)
			return TV_UNKNOWN;
		return (enum tv)((a->set && a->num != 0) == (c->bits != 0));
	}
	if (!a->set || (c->nfacts == 2 && !v[c->fact[1]].set))
		return TV_UNKNOWN; /* 'known: true' too: supplying the fact can make it true */
	switch (c->op) {
	case OP_KNOWN:
		return TV_TRUE;
	case OP_ANY_OF:
		return (a->bits & c->bits) != 0;
	case OP_IN:
	case OP_EQ:
	case OP_NE:
		if (c->ftype == DS_FACT_STRING)
			return str_in(c, a->str);
		if (c->ftype == DS_FACT_ENUM) {
			r = (a->bits & c->bits) != 0;
			return c->op == OP_NE ? (enum tv)!r : r;
		}
		return cmp_num(c->op, c->nfacts == 2 ? a->num * v[c->fact[1]].num : a->num, c->num);
	default:
		return cmp_num(c->op, c->nfacts == 2 ? a->num * v[c->fact[1]].num : a->num, c->num);
	}
}

/* all/any/not: leaf kids inline, only nested compounds recurse. */
static enum tv compound_eval(const struct cond *c, const struct value *v)
{
	enum tv r, acc;
	size_t i;

	if (c->kind == C_NOT) {
		const struct cond *k = c->kids[0];
		r = k->kind == C_LEAF ? leaf_eval(k, v) : compound_eval(k, v);
		return r == TV_UNKNOWN ? r : (enum tv)!r;
	}
	acc = c->kind == C_ALL ? TV_TRUE : TV_FALSE;
	for (i = 0; i < c->nkids; i++) {
		const struct cond *k = c->kids[i];
		r = k->kind == C_LEAF ? leaf_eval(k, v) : compound_eval(k, v);
		if (r == TV_UNKNOWN)
			acc = TV_UNKNOWN;
		else if ((c->kind == C_ALL) != (r == TV_TRUE))
			return r; /* a false in all, a true in any decides */
	}
	return acc;
}

enum tv dsi_cond_eval(const ds_ruleset *rs, const struct cond *c, const struct value *v)
{
	(void)rs;
	return c->kind == C_LEAF ? leaf_eval(c, v) : compound_eval(c, v);
}

/*
 * Fills absent facts of w from the derivations: the first whose condition
 * holds wins. given is the mask of facts set, updated; returns the mask of
 * derivations applied.
 */
uint64_t dsi_derive(const ds_ruleset *rs, struct value *w, uint64_t *given)
{
	uint64_t applied = 0;
	size_t i;

	for (i = 0; i < rs->nderives; i++) {
		const struct derive *dv = &rs->derives[i];
		if ((*given >> dv->fact & 1) || (dv->facts & (*given | rs->bool_mask)) == 0 ||
		    dsi_cond_eval(rs, dv->when, w) != TV_TRUE)
			continue; /* set already, or reads only unknown facts, or does not hold */
		w[dv->fact].set = 2;
		*given |= (uint64_t)1 << dv->fact;
		w[dv->fact].num = dv->num;
		w[dv->fact].bits = rs->facts[dv->fact].type == DS_FACT_ENUM ? (uint64_t)1 << dv->enumidx : 0;
		w[dv->fact].str = dv->str;
		applied |= (uint64_t)1 << i;
	}
	return applied;
}

long dsi_broken_constraint(const ds_ruleset *rs, const struct value *v, uint64_t mask)
{
	size_t i;

	for (i = 0; i < rs->nconstraints; i++) /* (one that failed to load, while checking a table, has no when) */
		if (rs->constraints[i].when && (rs->constraints[i].facts & mask) &&
		    dsi_cond_eval(rs, rs->constraints[i].when, v) == TV_TRUE)
			return (long)i;
	return -1;
}

uint64_t dsi_rules_true(const ds_ruleset *rs, const struct value *w, uint64_t which)
{
	uint64_t out = 0, m;

	for (m = which; m; m &= m - 1)
		if (dsi_cond_eval(rs, rs->rules[__builtin_ctzll(m)].when, w) == TV_TRUE)
			out |= (uint64_t)1 << __builtin_ctzll(m);
	return out;
}

int dsi_fact_range_side(const struct fact *f, double v)
{
	if (f->has_min && (v < f->min || (f->min_excl && v == f->min)))
		return -1;
	if (f->has_max && (v > f->max || (f->max_excl && v == f->max)))
		return 1;
	return 0;
}

size_t dsi_product_points(const struct fact *f, double k, double o, double *out)
{
	double q = k / o, lo, hi;
	int i;

	if (o == 0 || !isfinite(q))
		return 0;
	if (f->type == DS_FACT_INTEGER) {
		if (fabs(q) >= DS_MAX_EXACT_INT)
			return 0;
		out[0] = ceil(q) - 1;
		out[1] = ceil(q);
		out[2] = floor(q);
		out[3] = floor(q) + 1;
		return 4;
	}
	/* a × o is monotone in a (rounding too): step to where it is below k, and above */
	for (lo = q, i = 0; i < 64 && !(o > 0 ? lo * o < k : lo * o > k); i++)
		lo = nextafter(lo, -INFINITY);
	for (hi = q, i = 0; i < 64 && !(o > 0 ? hi * o > k : hi * o < k); i++)
		hi = nextafter(hi, INFINITY);
	out[0] = lo;
	out[1] = nextafter(lo, INFINITY); /* the product equal to k, if a value gives it; else hi */
	out[2] = hi;
	return 3;
}

size_t dsi_leaf_points(const struct fact *f, const struct cond *c, double *out)
{
	size_t n = 0;

	if (f->type == DS_FACT_INTEGER) { /* the integers on each side (a constant may have a fraction) */
		if (c->num != floor(c->num)) {
			out[n++] = floor(c->num);
			out[n++] = ceil(c->num);
			return n;
		}
		if (c->op != OP_LE && c->op != OP_GT)
			out[n++] = c->num - 1;
		out[n++] = c->num;
		if (c->op != OP_LT && c->op != OP_GE)
			out[n++] = c->num + 1;
		return n;
	}
	/* a number: the two sides of the boundary the operator draws (both for eq and ne) */
	if (c->op != OP_LE && c->op != OP_GT)
		out[n++] = nextafter(c->num, -INFINITY);
	out[n++] = c->num;
	if (c->op != OP_LT && c->op != OP_GE)
		out[n++] = nextafter(c->num, INFINITY);
	return n;
}

/* x with k decimal places (k < 0: rounded to tens, hundreds, ...), down (dir < 0), up (> 0) or nearest; NaN past 10^22. */
static double round_places(double x, int k, int dir)
{
	double s, y;

	if (k > 22 || k < -22)
		return NAN;
	s = pow(10, k < 0 ? -k : k); /* exact up to 10^22 */
	y = k >= 0 ? x * s : x / s;
	y = dir < 0 ? floor(y) : dir > 0 ? ceil(y) : round(y);
	return k >= 0 ? y / s : y * s; /* one rounding: the double nearest the decimal */
}

double dsi_short_decimal(double lo, double hi)
{
	double mid = lo / 2 + hi / 2, d;
	int p, e;

	if (!(lo <= hi) || !isfinite(lo) || !isfinite(hi))
		return NAN;
	if (lo <= 0 && hi >= 0)
		return 0;
	e = (int)floor(log10(fabs(mid)));
	for (p = 1; p <= 15; p++) { /* the nearest decimal of p digits to the middle: in it if any is */
		d = round_places(mid, p - 1 - e, 0);
		if (d >= lo && d <= hi)
			return d;
	}
	return NAN;
}

double dsi_round_toward(double x, int dir, int extra)
{
	int k = 2 - (int)floor(log10(fabs(x))) + extra;
	double d;

	if (x == 0 || !isfinite(x))
		return x;
	d = round_places(x, k < 0 ? 0 : k, dir);
	return isnan(d) ? x : d;
}

size_t dsi_product_shown(const struct fact *f, double k, double o, double *out)
{
	double pts[4], d;
	size_t np = dsi_product_points(f, k, o, pts), i, j, n = 0;

	if (np == 0 || f->type == DS_FACT_INTEGER) { /* ceil - 1, ceil, floor, floor + 1: each once, ascending */
		for (i = 0; i < np; i++) {
			for (j = 0; j < n && out[j] != pts[i]; j++)
				;
			if (j == n)
				out[n++] = pts[i];
		}
		return n;
	}
	/* pts: the last double on one side, the one where the product is k (if any), the first past it */
	if (!isnan(d = dsi_short_decimal(pts[0], pts[2]))) {
		out[0] = d;
		return 1;
	}
	out[0] = dsi_round_toward(pts[0], -1, 0);
	out[1] = dsi_round_toward(pts[2], 1, 0);
	return 2;
}

int dsi_fact_accepts(const struct fact *f, double x)
{
	return dsi_fact_range_side(f, x) == 0 && isfinite(x) &&
	       (f->type != DS_FACT_INTEGER || (x == floor(x) && fabs(x) < DS_MAX_EXACT_INT));
}

uint64_t dsi_cond_facts(const struct cond *c)
{
	uint64_t m = 0;
	size_t i;

	if (c->kind == C_LEAF) {
		m |= (uint64_t)1 << c->fact[0];
		if (c->nfacts == 2)
			m |= (uint64_t)1 << c->fact[1];
		return m;
	}
	for (i = 0; i < c->nkids; i++)
		m |= dsi_cond_facts(c->kids[i]);
	return m;
}
