/* decide.c: what the hard rules, by precedence, and the soft scores make of a set of fired rules. */
#include <string.h>

#include "decide.h"

/* What the hard classes do to the candidates, carried from one class to the next. */
struct hard {
	uint64_t S;                         /* the candidates still standing */
	uint64_t overridden, contradicted;  /* rules set aside */
	uint64_t removed_by[DS_MAX_MODELS]; /* the rules that applied against each model */
};

/*
 * Rules of one class that exclude each other (live, nl of them, whose
 * common allowed set J is empty) are set aside: each pair that leaves
 * nothing, or the whole group when no pair is to blame. Returns what the
 * others leave standing.
 */
static uint64_t set_aside(const ds_ruleset *rs, struct hard *h, const unsigned *live, size_t nl, struct trace *res)
{
	uint64_t bad = 0, J = h->S;
	size_t i, j;

	for (i = 0; i < nl; i++)
		for (j = i + 1; j < nl; j++)
			if ((h->S & rs->rules[live[i]].allow & rs->rules[live[j]].allow) == 0) {
				bad |= (uint64_t)1 << live[i] | (uint64_t)1 << live[j];
				if (res) {
					res->contra[live[i]] |= (uint64_t)1 << live[j];
					res->contra[live[j]] |= (uint64_t)1 << live[i];
				}
			}
	for (i = 0; i < nl; i++)
		if (!(bad >> live[i] & 1))
			J &= rs->rules[live[i]].allow;
	if (J == 0) { /* no pair to blame: the whole group contradicts itself */
		for (i = 0; i < nl; i++) {
			bad |= (uint64_t)1 << live[i];
			if (res) {
				res->group |= (uint64_t)1 << live[i];
				for (j = 0; j < nl; j++)
					if (j != i)
						res->contra[live[i]] |= (uint64_t)1 << live[j];
			}
		}
		J = h->S;
	}
	h->contradicted |= bad;
	return J;
}

/* Applies the fired rules of hard class k to the candidates. */
static void apply_class(const ds_ruleset *rs, uint64_t fired, size_t k, struct hard *h, struct trace *res)
{
	unsigned cls[DS_MAX_RULES], live[DS_MAX_RULES];
	size_t n = 0, nl = 0, i, m;
	uint64_t J, f;

	/* this class's fired rules, in table order */
	for (f = fired & rs->hard_mask[k]; f; f &= f - 1)
		cls[n++] = (unsigned)__builtin_ctzll(f);
	if (n == 0)
		return;
	/* a rule that alone would leave nothing is overridden by what removed its models */
	for (i = 0; i < n; i++) {
		uint64_t A = rs->rules[cls[i]].allow;
		if ((h->S & A) == 0) {
			h->overridden |= (uint64_t)1 << cls[i];
			if (res)
				for (m = 0; m < rs->nmodels; m++)
					if (A >> m & 1)
						res->beaten[cls[i]] |= h->removed_by[m];
		} else {
			live[nl++] = cls[i];
		}
	}
	J = h->S;
	for (i = 0; i < nl; i++)
		J &= rs->rules[live[i]].allow;
	if (J == 0) /* rules of equal precedence that exclude each other are set aside together */
		J = set_aside(rs, h, live, nl, res);
	/*
	 * Every rule that applied against a model beats a lower rule that needs
	 * it, whether or not a rule above had removed the model already: to
	 * follow the lower rule, all of them must stop holding (edge and filing
	 * both beat streaming's forbid V1).
	 */
	for (m = 0; res && m < rs->nmodels; m++)
		for (i = 0; i < nl; i++)
			if (!(h->contradicted >> live[i] & 1) && !(rs->rules[live[i]].allow >> m & 1))
				h->removed_by[m] |= (uint64_t)1 << live[i];
	h->S = J;
}

/* The best-scoring candidate of S into d (rec or fallback), and how it was chosen. */
static void choose(const ds_ruleset *rs, uint64_t S, const double *scores, int conflict, struct decision *d)
{
	int best = -1, ntop = 0;
	size_t m;

	for (m = 0; m < rs->nmodels; m++) {
		if (!(S >> m & 1))
			continue;
		if (best < 0 || scores[m] > scores[best]) {
			best = (int)m;
			ntop = 1;
		} else if (scores[m] == scores[best]) {
			ntop++;
		}
	}
	d->cands = S;
	if (ntop > 1) {
		/* a tie: the default model if it is among the best, else the first of them */
		d->by = BY_ORDER;
		if ((S >> rs->defmodel & 1) && scores[rs->defmodel] == scores[best]) {
			best = (int)rs->defmodel;
			d->by = BY_DEFAULT;
		}
	} else if (S & (S - 1)) {
		d->by = BY_SCORES; /* several candidates, one scores best */
	}
	if (conflict) {
		d->outcome = DS_CONFLICT;
		d->fallback = best;
	} else {
		d->outcome = ntop > 1 ? DS_DEFAULT : DS_RECOMMENDED;
		d->rec = best;
	}
}

/* Each fired rule's state, for the result. */
static void record_states(const ds_ruleset *rs, uint64_t fired, const struct hard *h, struct trace *res)
{
	size_t i;

	for (i = 0; i < rs->nrules; i++) {
		const struct rule *r = &rs->rules[i];
		if (!(fired >> i & 1))
			continue;
		if (h->overridden >> i & 1)
			res->state[i] = DS_OVERRIDDEN;
		else if (h->contradicted >> i & 1)
			res->state[i] = DS_CONTRADICTED;
		else if (rs->classes[r->klass].soft && !(h->S >> r->model & 1))
			res->state[i] = DS_MOOT;
		else
			res->state[i] = DS_APPLIED;
	}
}

struct decision dsi_decide(const ds_ruleset *rs, uint64_t fired, const struct resume *from, struct trace *res)
{
	struct decision d = {DS_RECOMMENDED, -1, -1, BY_RULES, 0};
	struct hard h;
	double scores[DS_MAX_MODELS];
	size_t k = 0, m;
	int conflict = 0;
	uint64_t f;

	h.S = rs->nmodels == 64 ? ~(uint64_t)0 : ((uint64_t)1 << rs->nmodels) - 1;
	h.overridden = h.contradicted = 0;
	if (from) {
		k = from->rank;
		h.S = from->cands;
		conflict = from->conflict;
	}
	for (m = 0; m < rs->nmodels; m++) { /* only the models in use: this runs once per undecided rule */
		h.removed_by[m] = 0;
		scores[m] = from && from->scores ? from->scores[m] : 0;
	}
	for (; k < rs->nhard; k++) {
		if (res) {
			res->cands_at[k] = h.S;
			res->conflict_at[k] = (h.overridden | h.contradicted) != 0;
		}
		apply_class(rs, fired, k, &h, res);
	}
	conflict |= (h.overridden | h.contradicted) != 0;

	for (f = from && from->scores ? 0 : fired & rs->soft_mask; f; f &= f - 1) {
		const struct rule *r = &rs->rules[__builtin_ctzll(f)];
		scores[r->model] += r->effect == E_PREFER ? r->weight : -r->weight;
	}
	choose(rs, h.S, scores, conflict, &d);
	if (res) {
		memcpy(res->scores, scores, rs->nmodels * sizeof *scores);
		record_states(rs, fired, &h, res);
	}
	return d;
}

int dsi_decision_same(const struct decision *a, const struct decision *b)
{
	return a->outcome == b->outcome && a->rec == b->rec && a->fallback == b->fallback;
}

struct verdict dsi_verdict_of(const ds_ruleset *rs, uint64_t fired)
{
	struct decision d = dsi_decide(rs, fired, NULL, NULL);
	struct verdict v;

	v.outcome = d.outcome;
	v.rec = d.rec;
	v.fallback = d.fallback;
	return v;
}
