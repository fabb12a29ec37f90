/*
 * whatif.c: what would change a decision.
 *
 * A decision is a function of which rules fire, and a rule's condition is
 * constant between the constants the table compares a fact with. So the
 * values worth trying for a fact are one in each interval those constants make
 * (struct fact.cands, made at load time, plus the boundaries of products with
 * a fact whose value is known here), every enum value, both booleans. Trying
 * them all is exact, not a sample.
 *
 * dsi_whatif_changes(): one fact at a time, the nearest value that changes the
 * decision. dsi_whatif_stable(): all unknown facts together, exhaustively, split
 * into groups of facts that no rule links, so that the search is a sum of
 * small products rather than one large one.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cond.h"
#include "decide.h"
#include "facts.h"
#include "specdata.h"
#include "whatif.h"

#define MAX_TRIALS (DS_MAX_CANDS + 4 * DS_MAX_PRODS + 256) /* + every subset of a set of 8 values */

static int verdict_eq(const struct verdict *a, const struct verdict *b)
{
	return a->outcome == b->outcome && a->rec == b->rec && a->fallback == b->fallback;
}

/* Fills the absent facts of t again from the derivations. */
static void rederive(const ds_ruleset *rs, struct value *t)
{
	uint64_t given = 0;
	size_t i;

	for (i = 0; i < rs->nfacts; i++)
		given |= (uint64_t)(t[i].set != 0) << i;
	dsi_derive(rs, t, &given);
}

/* Whether giving fact f the value val, the spec's other facts as given, breaks a constraint. */
static int breaks_with(const ds_ruleset *rs, const ds_spec *spec, unsigned f, const struct value *val)
{
	struct value g[DS_MAX_FACTS];

	if (rs->nconstraints == 0)
		return 0;
	memcpy(g, spec->v, rs->nfacts * sizeof *g);
	g[f] = *val;
	g[f].set = 1;
	return dsi_broken_constraint(rs, g, (uint64_t)1 << f) >= 0; /* no workload: never a change to suggest */
}

/* Adds x to out[*n] (at most max) unless fact f refuses it or it is there already. */
static void add_point(const struct fact *f, double *out, size_t *n, size_t max, double x)
{
	size_t i;

	if (*n >= max || !dsi_fact_accepts(f, x))
		return;
	for (i = 0; i < *n; i++)
		if (out[i] == x)
			return;
	out[(*n)++] = x;
}

/* The constants of condition c's leaves on fact i (for an integer, the integers around them) into out. */
static void own_points(const struct fact *f, unsigned i, const struct cond *c, double *out, size_t *n, size_t max)
{
	double pts[3];
	size_t k, np;

	if (c->kind != C_LEAF) {
		for (k = 0; k < c->nkids; k++)
			own_points(f, i, c->kids[k], out, n, max);
		return;
	}
	if (c->nfacts != 1 || c->fact[0] != i || c->op == OP_KNOWN)
		return;
	if (f->type == DS_FACT_NUMBER) {
		add_point(f, out, n, max, c->num); /* the constant: where the decision changes */
		return;
	}
	np = dsi_leaf_points(f, c, pts);
	for (k = 0; k < np; k++)
		add_point(f, out, n, max, pts[k]);
}

/* Whether, with fact f at x and the others as spec gives them, the table's derivations leave fact other at o. */
static int partner_is(const ds_ruleset *rs, const ds_spec *spec, unsigned f, double x, unsigned other, double o)
{
	struct value t[DS_MAX_FACTS];

	memcpy(t, spec->v, rs->nfacts * sizeof *t);
	memset(&t[f], 0, sizeof t[f]);
	t[f].set = 1;
	t[f].num = x;
	rederive(rs, t);
	return t[other].set && t[other].num == o;
}

size_t ds_fact_boundaries_at(const ds_ruleset *rs, size_t i, const ds_spec *spec, double *out, size_t max)
{
	const struct fact *f;
	size_t n = 0, j, p, k;

	if (rs == NULL || out == NULL || i >= rs->nfacts || (spec && spec->rs != rs))
		return 0;
	f = &rs->facts[i];
	if (f->type != DS_FACT_NUMBER && f->type != DS_FACT_INTEGER)
		return 0;
	for (j = 0; j < rs->nrules; j++)
		own_points(f, (unsigned)i, rs->rules[j].when, out, &n, max);
	for (j = 0; j < rs->nderives; j++)
		own_points(f, (unsigned)i, rs->derives[j].when, out, &n, max);
	for (p = 0; spec && p < f->nprods; p++) {
		unsigned other = f->prods[p].other;
		double os[DS_MAX_DERIVES + 1];
		size_t no = 0;
		if (spec->v[other].set) /* given: that value */
			os[no++] = spec->v[other].num;
		else /* unknown: the values the table derives for it, where it derives them */
			for (j = 0; j < rs->nderives; j++)
				if (rs->derives[j].fact == other)
					os[no++] = rs->derives[j].num;
		for (j = 0; j < no; j++) {
			double pts[4];
			size_t np = dsi_product_shown(f, f->prods[p].k, os[j], pts);
			for (k = 0; k < np; k++)
				if (partner_is(rs, spec, (unsigned)i, pts[k], other, os[j]))
					add_point(f, out, &n, max, pts[k]);
		}
	}
	if (n > 1)
		qsort(out, n, sizeof *out, dsi_num_cmp);
	return n;
}

/* The string candidate no condition names (ruleset.c): a value of its own, but nothing to suggest. */
static int is_other(const struct value *v) { return v->str != NULL && v->str[0] == '\x01'; }

static void add_trial_num(const struct fact *f, double *out, size_t *n, double x)
{
	size_t i;

	if (*n >= MAX_TRIALS || !dsi_fact_accepts(f, x))
		return;
	for (i = 0; i < *n; i++)
		if (out[i] == x)
			return;
	out[(*n)++] = x;
}

/*
 * The values worth trying for numeric fact f, ascending: its candidates, and
 * for each product it is in whose other fact is known in w, the values on
 * each side of that product's boundary.
 */
static size_t num_trials(const ds_ruleset *rs, const struct value *w, unsigned f, double *out)
{
	const struct fact *fa = &rs->facts[f];
	size_t n = 0, i;

	for (i = 0; i < fa->ncands; i++)
		add_trial_num(fa, out, &n, fa->cands[i].num);
	for (i = 0; i < fa->nprods; i++) {
		const struct value *o = &w[fa->prods[i].other];
		double pts[4];
		size_t np, k;
		if (!o->set)
			continue;
		np = dsi_product_points(fa, fa->prods[i].k, o->num, pts);
		for (k = 0; k < np; k++)
			add_trial_num(fa, out, &n, pts[k]);
	}
	qsort(out, n, sizeof *out, dsi_num_cmp);
	return n;
}

/*
 * The values worth trying for an unknown fact f (the stability search, and
 * changes of unknown facts): numbers as num_trials(); for a set of at most 8
 * values every subset, smallest first (a condition may need two members);
 * otherwise the candidates. Returns how many were written to out.
 */
static size_t unknown_trials(const ds_ruleset *rs, const struct value *w, unsigned f, struct value *out)
{
	const struct fact *fa = &rs->facts[f];
	double nums[MAX_TRIALS];
	size_t n = 0, i, k;

	switch (fa->type) {
	case DS_FACT_NUMBER:
	case DS_FACT_INTEGER:
		k = num_trials(rs, w, f, nums);
		for (i = 0; i < k; i++) {
			memset(&out[n], 0, sizeof out[n]);
			out[n].set = 1;
			out[n++].num = nums[i];
		}
		return n;
	case DS_FACT_SET:
		if (fa->nvalues <= 8) {
			unsigned pc;
			for (pc = 0; pc <= fa->nvalues; pc++) /* by size: the fewest members first */
				for (i = 0; i < ((size_t)1 << fa->nvalues); i++)
					if ((unsigned)__builtin_popcount((unsigned)i) == pc) {
						memset(&out[n], 0, sizeof out[n]);
						out[n].set = 1;
						out[n++].bits = i;
					}
			return n;
		}
		/* fall through */
	default:
		for (i = 0; i < fa->ncands && n < MAX_TRIALS; i++)
			out[n++] = fa->cands[i];
		return n;
	}
}

/* The decision with fact f set to val, the others as in the spec (and derived again where f feeds them). */
struct trial {
	struct verdict v;
	uint64_t fired;
};

static struct trial try_value(const ds_ruleset *rs, const ds_spec *spec, const struct value *w, uint64_t fired,
                              unsigned f, const struct value *val)
{
	const struct fact *fa = &rs->facts[f];
	struct value t[DS_MAX_FACTS];
	struct trial r;

	if (rs->derive_sources >> f & 1) {
		memcpy(t, spec->v, rs->nfacts * sizeof *t);
		t[f] = *val;
		t[f].set = 1;
		rederive(rs, t);
	} else {
		memcpy(t, w, rs->nfacts * sizeof *t);
		t[f] = *val;
		t[f].set = 1;
	}
	r.fired = (fired & ~fa->reach) | dsi_rules_true(rs, t, fa->reach);
	r.v = dsi_verdict_of(rs, r.fired);
	return r;
}

/* The shortest text of a number, to choose between "above 12" and "at least 12.000000000000002". */
static size_t num_len(double x)
{
	char s[40];

	dsi_num_text(s, sizeof s, x);
	return strlen(s);
}

/*
 * A round number in [lo, hi] (either may be infinite): the smallest
 * (from_below) or largest, with as few decimals as can be; in_run, a value
 * known to lie in the interval, when there is none.
 */
static double nice(const struct fact *f, double lo, double hi, int from_below, double in_run)
{
	double sc;

	if (from_below ? !isfinite(lo) : !isfinite(hi)) /* no end on that side: round from the other */
		from_below = !from_below;
	if (!isfinite(from_below ? lo : hi))
		return in_run;
	if (f->type == DS_FACT_INTEGER)
		return from_below ? lo : hi;
	for (sc = 1; sc <= 1e6; sc *= 10) {
		double y = from_below ? ceil(lo * sc) / sc : floor(hi * sc) / sc;
		if (y >= lo && y <= hi && dsi_fact_accepts(f, y))
			return y;
	}
	return from_below ? lo : hi;
}

/* The ends of the interval where a run of trials holds: past the last trial on a side, the fact's bound. */
static void run_span(const struct fact *f, const double *vals, long a, long b, long n, double *lo, double *hi)
{
	*lo = a > 0 ? vals[a] : f->has_min ? f->min : -INFINITY;
	*hi = b + 1 < n ? vals[b] : f->has_max ? f->max : INFINITY;
	if (*lo < vals[a] && f->has_min && f->min_excl) /* an exclusive bound: nudged in */
		*lo = f->type == DS_FACT_INTEGER ? *lo + 1 : nextafter(*lo, INFINITY);
	if (*hi > vals[b] && f->has_max && f->max_excl)
		*hi = f->type == DS_FACT_INTEGER ? *hi - 1 : nextafter(*hi, -INFINITY);
}

/*
 * Describes one end of a run of numeric trials: at the edge between `in` (a
 * value of the run) and `out` (the nearest value outside it), for a number
 * fact whose two values are neighbouring doubles, the shorter of "above/below
 * out" and "at least/most in". Sets *kind (1 inclusive, 2 exclusive) and *at.
 */
static void run_edge(const struct fact *f, double in, double out, int upper, int *kind, double *at)
{
	*kind = 1;
	*at = in;
	if (f->type == DS_FACT_NUMBER && nextafter(out, upper ? -INFINITY : INFINITY) == in &&
	    num_len(out) < num_len(in)) {
		*kind = 2;
		*at = out;
	}
}

/* Whether fact f at x (a value the spec may have) gives the run's decision from the run's rules. */
static int in_run(const ds_ruleset *rs, const ds_spec *spec, const struct value *w, uint64_t fired, unsigned f,
                  const struct trial *t0, double x)
{
	struct value v;
	struct trial t;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.num = x;
	if (!dsi_fact_accepts(&rs->facts[f], x) || breaks_with(rs, spec, f, &v))
		return 0;
	t = try_value(rs, spec, w, fired, f, &v);
	return verdict_eq(&t.v, &t0->v) && t.fired == t0->fired;
}

/* Two doubles further from the middle: the window a short decimal is looked for in. */
static double past2(double x, double to) { return nextafter(nextafter(x, to), to); }

/*
 * The words for one end of a run of a number fact, between `in` (its last
 * value) and `out` (the first outside), the run spanning [span_lo, span_hi]:
 * see struct change. kind and at are the exact end (run_edge()).
 */
static void edge_words(const ds_ruleset *rs, const ds_spec *spec, const struct value *w, uint64_t fired, unsigned f,
                       const struct trial *t0, double in, double out, double span_lo, double span_hi, int *say,
                       double *at, int *prod, double *po)
{
	const struct fact *fa = &rs->facts[f];
	const int upper = out > in;
	const double a = upper ? in : out, z = upper ? out : in;
	double d;
	size_t p;
	int extra;

	*prod = 0;
	*po = 0;
	if (fa->type != DS_FACT_NUMBER || *say == 0)
		return;
	/* a short decimal where it changes: in the run ("12 or less"), or the first past it ("less than 1.6") */
	d = dsi_short_decimal(past2(a, -INFINITY), past2(z, INFINITY));
	if (!isnan(d) && (upper ? d >= span_lo : d <= span_hi)) {
		if (in_run(rs, spec, w, fired, f, t0, d)) {
			*say = 1;
			*at = d;
			return;
		}
		if (upper ? d > in : d < in) {
			*say = 2;
			*at = d;
			return;
		}
	}
	/* a product's end with no short decimal: three significant digits (or more) inside it, and the product */
	for (p = 0; p < fa->nprods; p++) {
		const struct value *o = &w[fa->prods[p].other];
		double q;
		if (!o->set || o->num == 0)
			continue;
		q = fa->prods[p].k / o->num;
		if (q < past2(past2(a, -INFINITY), -INFINITY) || q > past2(past2(z, INFINITY), INFINITY))
			continue;
		for (extra = 0; extra <= 15; extra++) {
			d = dsi_round_toward(in, upper ? -1 : 1, extra);
			if (d >= span_lo && d <= span_hi && in_run(rs, spec, w, fired, f, t0, d)) {
				*say = 1;
				*at = d;
				*prod = (int)p + 1;
				*po = o->num;
				return;
			}
		}
	}
}

/* A numeric fact: the nearest run of values (up or down from x, or the first if unknown) that changes cur. */
static int num_change(const ds_ruleset *rs, const ds_spec *spec, const struct value *w, uint64_t fired,
                      const struct verdict *cur, unsigned f, struct change *c)
{
	const struct fact *fa = &rs->facts[f];
	const int known = w[f].set != 0;
	const double x = w[f].num;
	double vals[MAX_TRIALS], best_to = 0, best_d = INFINITY;
	struct trial tr[MAX_TRIALS];
	unsigned char done[MAX_TRIALS];
	size_t n = num_trials(rs, w, f, vals), k;
	int dir, found = 0;

	memset(done, 0, n);
	for (k = 0; k < n; k++) /* a value no spec can give ends every run, and changes nothing */
		if (breaks_with(rs, spec, f, &(struct value){.set = 1, .num = vals[k]})) {
			done[k] = 2;
			memset(&tr[k], 0, sizeof tr[k]);
			tr[k].v.outcome = (ds_outcome)-1;
		}
#define TRIAL(k) (done[k] ? &tr[k] : (done[k] = 1, tr[k] = try_value(rs, spec, w, fired, f, &(struct value){.set = 1, .num = vals[k]}), &tr[k]))
	for (dir = 1; dir >= -1; dir -= 2) { /* up, then down; only up (ascending) when unknown */
		long a, b, start = -1, s;
		double to, d, lo, hi;
		const struct trial *t0;
		if (!known && dir < 0)
			break;
		/* the first value past x (all of them when unknown) that changes the decision */
		for (s = dir > 0 ? 0 : (long)n - 1; s >= 0 && s < (long)n; s += dir) {
			if ((known && (dir > 0 ? vals[s] <= x : vals[s] >= x)) || done[s] == 2)
				continue;
			if (!verdict_eq(&TRIAL(s)->v, cur)) {
				start = s;
				break;
			}
		}
		if (start < 0)
			continue;
		/* the run: as far as the same decision from the same rules */
		t0 = TRIAL(start);
		a = b = start;
		while (b + dir >= 0 && b + dir < (long)n && verdict_eq(&TRIAL(b + dir)->v, &t0->v) &&
		       TRIAL(b + dir)->fired == t0->fired)
			b += dir;
		if (b < a) {
			long t = a;
			a = b;
			b = t;
		}
		/* a: lowest index of the run, b: highest; it holds on [lo, hi] */
		run_span(fa, vals, a, b, (long)n, &lo, &hi);
		if (!known)
			to = nice(fa, lo, hi, a > 0, vals[a]);
		else
			to = nice(fa, lo, hi, dir > 0, dir > 0 ? vals[a] : vals[b]);
		d = known ? (dir > 0 ? vals[a] - x : x - vals[b]) : 0; /* the nearest: by the run's edge */
		if (found && d > best_d)
			continue; /* a tie goes to the smaller value: the run below (tried second) */
		found = 1;
		best_d = d;
		best_to = to;
		memset(c, 0, sizeof *c);
		c->fact = f;
		c->known = known;
		c->v = t0->v;
		c->on = t0->fired & ~fired;
		c->off = fired & ~t0->fired;
		c->size = known ? fabs(to - x) / (fabs(x) > 1 ? fabs(x) : 1) : 1;
		/* its ends: the nearest value outside it is a trial value, or x itself */
		if (a > 0 || (known && x < vals[a])) {
			double out = known && x < vals[a] && (a == 0 || vals[a - 1] < x) ? x : vals[a - 1];
			run_edge(fa, vals[a], out, 0, &c->lo_kind, &c->lo);
			c->lo_say = c->lo_kind;
			c->lo_at = c->lo;
			edge_words(rs, spec, w, fired, f, t0, vals[a], out, lo, hi, &c->lo_say, &c->lo_at, &c->lo_prod,
			           &c->lo_o);
		}
		if (b + 1 < (long)n || (known && x > vals[b])) {
			double out = known && x > vals[b] && (b + 1 == (long)n || vals[b + 1] > x) ? x : vals[b + 1];
			run_edge(fa, vals[b], out, 1, &c->hi_kind, &c->hi);
			c->hi_say = c->hi_kind;
			c->hi_at = c->hi;
			edge_words(rs, spec, w, fired, f, t0, vals[b], out, lo, hi, &c->hi_say, &c->hi_at, &c->hi_prod,
			           &c->hi_o);
		}
	}
#undef TRIAL
	if (!found)
		return 0;
	c->to.set = 1;
	c->to.num = best_to;
	return 1;
}

/* Any other fact: the first value (in the table's order) that changes cur. */
static int other_change(const ds_ruleset *rs, const ds_spec *spec, const struct value *w, uint64_t fired,
                        const struct verdict *cur, unsigned f, struct change *c)
{
	const struct fact *fa = &rs->facts[f];
	const struct value *now = &w[f];
	struct value vals[MAX_TRIALS];
	size_t n = 0, i;

	switch (fa->type) {
	case DS_FACT_BOOLEAN:
		memset(&vals[0], 0, sizeof vals[0]);
		vals[0].set = 1;
		vals[0].num = !(now->set && now->num != 0);
		n = 1;
		break;
	case DS_FACT_SET:
		if (now->set && fa->nvalues <= 8) { /* every other subset, the fewest members changed first */
			unsigned d;
			for (d = 1; d <= fa->nvalues; d++)
				for (i = 0; i < ((size_t)1 << fa->nvalues); i++)
					if ((unsigned)__builtin_popcountll(i ^ now->bits) == d) {
						memset(&vals[n], 0, sizeof vals[n]);
						vals[n].set = 1;
						vals[n++].bits = i;
					}
			break;
		}
		if (now->set) { /* a larger set: one member more or less */
			for (i = 0; i < fa->nvalues; i++) {
				memset(&vals[n], 0, sizeof vals[n]);
				vals[n].set = 1;
				vals[n++].bits = now->bits ^ (uint64_t)1 << i;
			}
			break;
		}
		n = unknown_trials(rs, w, f, vals);
		break;
	case DS_FACT_ENUM:
		for (i = 0; i < fa->nvalues; i++) {
			if (now->set && (now->bits >> i & 1))
				continue;
			memset(&vals[n], 0, sizeof vals[n]);
			vals[n].set = 1;
			vals[n++].bits = (uint64_t)1 << i;
		}
		break;
	case DS_FACT_STRING:
		for (i = 0; i < fa->ncands; i++)
			if (!is_other(&fa->cands[i]) && !(now->set && !strcasecmp(now->str, fa->cands[i].str)))
				vals[n++] = fa->cands[i];
		break;
	default:
		return 0;
	}
	for (i = 0; i < n; i++) {
		struct trial t;
		if (breaks_with(rs, spec, f, &vals[i]))
			continue; /* no workload: nothing to suggest */
		t = try_value(rs, spec, w, fired, f, &vals[i]);
		if (verdict_eq(&t.v, cur))
			continue;
		memset(c, 0, sizeof *c);
		c->fact = f;
		c->known = now->set != 0 || fa->type == DS_FACT_BOOLEAN;
		c->to = vals[i];
		c->v = t.v;
		c->on = t.fired & ~fired;
		c->off = fired & ~t.fired;
		c->size = 1;
		return 1;
	}
	return 0;
}

static int cmp_change(const void *pa, const void *pb)
{
	const struct change *a = pa, *b = pb;

	if (a->known != b->known)
		return a->known ? -1 : 1; /* changes to what is known first, then what to add */
	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	return a->fact < b->fact ? -1 : a->fact > b->fact;
}

size_t dsi_whatif_changes(const ds_ruleset *rs, const ds_spec *spec, const struct value *w, uint64_t fired,
                      const struct verdict *cur, struct change *out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < rs->nfacts; i++) {
		const struct fact *fa = &rs->facts[i];
		int got;
		if (fa->reach == 0)
			continue; /* no rule depends on it */
		if (fa->type == DS_FACT_NUMBER || fa->type == DS_FACT_INTEGER)
			got = num_change(rs, spec, w, fired, cur, (unsigned)i, &out[n]);
		else
			got = other_change(rs, spec, w, fired, cur, (unsigned)i, &out[n]);
		n += got;
	}
	qsort(out, n, sizeof *out, cmp_change);
	return n < max ? n : max;
}

/* ---- stability ---- */

static unsigned uf_find(unsigned *parent, unsigned x)
{
	while (parent[x] != x)
		x = parent[x] = parent[parent[x]];
	return x;
}

/* A group of linked unknown facts, and the distinct sets of its rules that its assignments fire. */
struct group {
	uint64_t facts, rules;
	size_t first, n; /* its entries in subs[] and wits[] */
};

struct search {
	const ds_ruleset *rs;
	const ds_spec *spec;
	const struct value *w;
	uint64_t fired;
	const struct verdict *cur;
	uint64_t subs[DS_MAX_WHATIF_SUBSETS]; /* rules fired within a group */
	uint64_t wits[DS_MAX_WHATIF_SUBSETS]; /* the facts set to fire them */
	size_t nsubs;
};

/*
 * Tries every assignment of a group's facts (each unknown, or one of its trial
 * values); keeps each distinct set of the group's rules they fire. Returns 1
 * when one of them alone changes the decision (*witness: its facts), -1 when a
 * limit is reached, 0 otherwise.
 */
static int group_search(struct search *s, struct group *g, uint64_t *witness)
{
	const ds_ruleset *rs = s->rs;
	unsigned fl[DS_MAX_FACTS];
	size_t nf = 0, radix[8], digit[8], i, total = 1;
	struct value *trials[8];
	struct value t[DS_MAX_FACTS], given[DS_MAX_FACTS];
	const int feeds = (g->facts & (rs->derive_sources | rs->derive_targets)) != 0;
	uint64_t constrained = 0;
	uint64_t m;
	int rc = 0;

	for (m = g->facts; m; m &= m - 1) {
		unsigned f = (unsigned)__builtin_ctzll(m);
		if (nf >= 8 || (rs->facts[f].type == DS_FACT_SET && rs->facts[f].nvalues > 8))
			goto limit; /* more linked unknown facts, or set members, than the search takes */
		fl[nf] = f;
		if ((trials[nf] = malloc(MAX_TRIALS * sizeof **trials)) == NULL)
			goto limit;
		radix[nf] = unknown_trials(rs, s->w, fl[nf], trials[nf]) + 1; /* 0: left unknown */
		digit[nf++] = 0;
		if (total > DS_MAX_WHATIF_ASSIGN / radix[nf - 1])
			goto limit;
		total *= radix[nf - 1];
	}
	for (i = 0; i < rs->nconstraints; i++)
		constrained |= rs->constraints[i].facts;
	g->first = s->nsubs;
	g->n = 0;
	for (;;) {
		uint64_t sub, set = 0;
		size_t k;
		memcpy(t, feeds ? s->spec->v : s->w, rs->nfacts * sizeof *t);
		for (i = 0; i < nf; i++)
			if (digit[i]) {
				t[fl[i]] = trials[i][digit[i] - 1];
				t[fl[i]].set = 1;
				set |= (uint64_t)1 << fl[i];
			}
		if (set & constrained) { /* an assignment no spec can give is no workload: skip it */
			memcpy(given, s->spec->v, rs->nfacts * sizeof *given);
			for (i = 0; i < nf; i++)
				if (digit[i])
					given[fl[i]] = t[fl[i]];
			if (dsi_broken_constraint(rs, given, set) >= 0)
				goto next;
		}
		if (feeds)
			rederive(rs, t);
		sub = dsi_rules_true(rs, t, g->rules);
		for (k = g->first; k < g->first + g->n && s->subs[k] != sub; k++)
			;
		if (k == g->first + g->n) { /* new: does it alone change the decision? */
			struct verdict v;
			if (s->nsubs >= DS_MAX_WHATIF_SUBSETS)
				goto limit;
			s->subs[s->nsubs] = sub;
			s->wits[s->nsubs++] = set;
			g->n++;
			v = dsi_verdict_of(rs, (s->fired & ~g->rules) | sub);
			if (!verdict_eq(&v, s->cur)) {
				*witness = set;
				rc = 1;
				goto done;
			}
		}
	next:
		for (i = 0; i < nf && ++digit[i] == radix[i]; i++) /* the next assignment */
			digit[i] = 0;
		if (i == nf)
			break;
	}
	goto done;
limit:
	rc = -1;
done:
	while (nf > 0)
		free(trials[--nf]);
	return rc;
}

int dsi_whatif_stable(const ds_ruleset *rs, const ds_spec *spec, const struct value *w, uint64_t fired,
                  const struct verdict *cur, uint64_t *witness)
{
	struct search search, *s = &search;
	struct group groups[DS_MAX_FACTS];
	unsigned parent[DS_MAX_FACTS];
	size_t ng = 0, i, digit[DS_MAX_FACTS], combos = 0;
	uint64_t F = 0, R = 0, m, dummy;
	int rc, stable = 1;

	if (witness == NULL)
		witness = &dummy;
	*witness = 0;
	for (i = 0; i < rs->nfacts; i++)
		if (!w[i].set && rs->facts[i].type != DS_FACT_BOOLEAN && rs->facts[i].reach)
			F |= (uint64_t)1 << i;
	for (i = 0; i < rs->nrules; i++)
		if (rs->rules[i].reach & F)
			R |= (uint64_t)1 << i;
	if (R == 0)
		return 1; /* no rule depends on what is unknown */

	/* groups: unknown facts linked by a rule that depends on both */
	for (i = 0; i < rs->nfacts; i++)
		parent[i] = (unsigned)i;
	for (m = R; m; m &= m - 1) {
		uint64_t fs = rs->rules[__builtin_ctzll(m)].reach & F, k;
		unsigned root = uf_find(parent, (unsigned)__builtin_ctzll(fs));
		for (k = fs & (fs - 1); k; k &= k - 1)
			parent[uf_find(parent, (unsigned)__builtin_ctzll(k))] = root;
	}
	for (m = F; m; m &= m - 1) {
		unsigned f = (unsigned)__builtin_ctzll(m), root = uf_find(parent, f);
		size_t g;
		if (!(rs->facts[f].reach & R))
			continue;
		for (g = 0; g < ng && uf_find(parent, (unsigned)__builtin_ctzll(groups[g].facts)) != root; g++)
			;
		if (g == ng) {
			memset(&groups[ng++], 0, sizeof groups[0]);
		}
		groups[g].facts |= (uint64_t)1 << f;
		groups[g].rules |= rs->facts[f].reach & R;
	}

	s->rs = rs;
	s->spec = spec;
	s->w = w;
	s->fired = fired;
	s->cur = cur;
	s->nsubs = 0;
	/* one group at a time first: most decisions that can change, change that way */
	for (i = 0; i < ng; i++) {
		rc = group_search(s, &groups[i], witness);
		if (rc != 0) {
			if (rc < 0)
				*witness = groups[i].facts;
			stable = 0;
			goto done;
		}
	}
	/* then every combination of what the groups can fire */
	for (i = 0; i < ng; i++)
		digit[i] = 0;
	for (;;) {
		uint64_t f = fired & ~R, set = 0;
		struct verdict v;
		size_t k;
		if (++combos > DS_MAX_WHATIF_COMBOS) {
			stable = 0;
			for (k = 0; k < ng; k++)
				*witness |= groups[k].facts;
			break;
		}
		for (k = 0; k < ng; k++) {
			f |= s->subs[groups[k].first + digit[k]];
			set |= s->wits[groups[k].first + digit[k]];
		}
		v = dsi_verdict_of(rs, f);
		if (!verdict_eq(&v, cur)) {
			*witness = set;
			stable = 0;
			break;
		}
		for (k = 0; k < ng && ++digit[k] == groups[k].n; k++)
			digit[k] = 0;
		if (k == ng)
			break;
	}
done:
	return stable;
}
