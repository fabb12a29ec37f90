/* eval.c: three-valued conditions, derivations, hard rules by precedence, soft scores, missing facts. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cond.h"
#include "decide.h"
#include "diag.h"
#include "facts.h"
#include "result.h"
#include "specdata.h"
#include "whatif.h"


/* Adds a warning of a kind about item index (a derivation, a fact, a note): report.c words it. */
static void add_warning(struct ds_result *res, enum warn_kind kind, unsigned index)
{
	res->warnings[res->nwarnings].kind = kind;
	res->warnings[res->nwarnings].index = index;
	res->nwarnings++;
}

/* Whether a mask has two bits or more (no popcount: it is a library call without -mpopcnt). */
static int two_or_more(uint64_t m) { return (m & (m - 1)) != 0; }

/*
 * Whether supplying unknown fact f could change the outcome d by firing two or
 * more undecided rules at once (one at a time is flip_changes()' job). Each of
 * the fact's candidate values (one in every interval the table's constants
 * make) is tried, derivations included.
 */
static int probe_changes(const ds_ruleset *rs, const ds_spec *spec, uint64_t spec_given, struct value *wd, unsigned f,
                         uint64_t fired, uint64_t undecided, const struct decision *d)
{
	const struct fact *fa = &rs->facts[f];
	const int feeds = (int)(rs->derive_sources >> f & 1); /* may change what is derived */
	struct value w[DS_MAX_FACTS], *v = feeds ? w : wd, saved = wd[f];
	struct decision alt;
	size_t c;
	int changes = 0;

	for (c = 0; c < fa->ncands && !changes; c++) {
		uint64_t now = 0, m;
		if (!two_or_more(fa->cand_rules[c] & undecided))
			continue; /* this value cannot fire two of them, whatever else is known */
		if (feeds) { /* from the spec again, with the derivations this value brings */
			/* the spec's mask, computed once by the caller, with this value's bit */
			uint64_t given = (spec_given & ~((uint64_t)1 << f)) | (uint64_t)(fa->cands[c].set != 0) << f;
			memcpy(w, spec->v, rs->nfacts * sizeof *w);
			w[f] = fa->cands[c];
			dsi_derive(rs, w, &given);
		} else { /* in place: nothing else depends on this fact */
			wd[f] = fa->cands[c];
		}
		for (m = fa->reach & undecided; m; m &= m - 1)
			if (dsi_cond_eval(rs, rs->rules[__builtin_ctzll(m)].when, v) == TV_TRUE)
				now |= (uint64_t)1 << __builtin_ctzll(m);
		if (two_or_more(now)) {
			alt = dsi_decide(rs, fired | now, NULL, NULL);
			changes = !dsi_decision_same(&alt, d);
		}
	}
	wd[f] = saved;
	return changes;
}

/*
 * Whether firing rule i, now undecided, would change the outcome d. Only the
 * classes from the rule's own down are decided again, or only the scores.
 */
static int flip_changes(const ds_ruleset *rs, uint64_t fired, unsigned i, const struct decision *d,
                        const struct trace *tr)
{
	const struct rule *r = &rs->rules[i];
	struct resume from;
	struct decision alt;
	double sc[DS_MAX_MODELS];

	if (rs->classes[r->klass].soft) {
		if (!(d->cands >> r->model & 1))
			return 0; /* a model already ruled out: its score decides nothing */
		memcpy(sc, tr->scores, rs->nmodels * sizeof *sc);
		sc[r->model] += r->effect == E_PREFER ? r->weight : -r->weight;
		from.rank = rs->nhard;
		from.cands = d->cands;
		from.conflict = d->outcome == DS_CONFLICT;
		from.scores = sc;
	} else {
		unsigned rank = rs->classes[r->klass].rank;
		if ((tr->cands_at[rank] & ~r->allow) == 0)
			return 0; /* it would remove nothing still standing */
		if ((tr->cands_at[rank] & r->allow) == 0) /* it would be overridden: a conflict */
			return d->outcome != DS_CONFLICT;
		from.rank = rank;
		from.cands = tr->cands_at[rank];
		from.conflict = tr->conflict_at[rank];
		from.scores = tr->scores;
	}
	alt = dsi_decide(rs, fired | (uint64_t)1 << i, &from, NULL);
	return !dsi_decision_same(&alt, d);
}

/* Frees what a result owns besides its block (ids, copied strings), for reuse. */
static void result_release(struct ds_result *r)
{
	uint64_t m = r->rs->string_mask;

	if (r->ncopied < 64)
		m &= ((uint64_t)1 << r->ncopied) - 1;
	for (; m; m &= m - 1) /* the string facts only: the others own nothing */
		if (r->facts[__builtin_ctzll(m)].set == 1)
			free(r->facts[__builtin_ctzll(m)].str);
	if (r->id != r->id_small)
		free(r->id);
	r->id = NULL;
	r->has_id = 0;
	r->nwarnings = r->ncopied = r->nreasons = r->nmissing = r->nchanges = 0;
	r->has_changes = 0;
}

ds_status ds_evaluate(const ds_ruleset *rs, const ds_spec *spec, ds_result **out)
{
	return ds_evaluate_ex(rs, spec, DS_CHANGES_ALL, out);
}

ds_status ds_evaluate_into(const ds_ruleset *rs, const ds_spec *spec, ds_result *res)
{
	return ds_evaluate_into_ex(rs, spec, DS_CHANGES_ALL, res);
}

ds_status ds_evaluate_ex(const ds_ruleset *rs, const ds_spec *spec, long max_changes, ds_result **out)
{
	struct ds_result *res;
	ds_status st;

	if (rs == NULL || spec == NULL || out == NULL || spec->rs != rs)
		return DS_ERR_ARG;
	*out = NULL;
	/* one block; its arrays are written before they are read (ncopied: how much of facts) */
	res = malloc(sizeof *res + rs->nmodels * sizeof *res->scores + rs->nfacts * sizeof *res->facts +
	             rs->nrules * sizeof *res->reasons + (2 * rs->nfacts + rs->nnotes) * sizeof *res->warnings +
	             rs->nfacts * sizeof *res->missing + rs->nfacts * sizeof *res->changes);
	if (res == NULL)
		return DS_ERR_NOMEM;
	memset(res, 0, sizeof *res);
	res->rs = rs;
	res->scores = (double *)(res + 1);
	res->facts = (struct value *)(res->scores + rs->nmodels);
	res->reasons = (struct reason *)(res->facts + rs->nfacts);
	res->warnings = (struct warning *)(res->reasons + rs->nrules);
	res->changes = (struct change *)(res->warnings + 2 * rs->nfacts + rs->nnotes);
	res->missing = (unsigned *)(res->changes + rs->nfacts);
	if ((st = ds_evaluate_into_ex(rs, spec, max_changes, res)) != DS_OK) {
		ds_result_free(res);
		return st;
	}
	*out = res;
	return DS_OK;
}

/* Copies the spec's id into the result. Returns -1 when memory runs out. */
static int copy_id(const ds_spec *spec, ds_result *res)
{
	size_t n;

	if (!spec->has_id)
		return 0;
	n = strlen(spec->id) + 1;
	res->id = n <= sizeof res->id_small ? res->id_small : malloc(n);
	if (res->id == NULL)
		return -1;
	memcpy(res->id, spec->id, n);
	res->has_id = 1;
	res->id_is_num = spec->id_is_num;
	return 0;
}

/*
 * The facts evaluated (w: given, then derived) into the result, given strings
 * copied; a warning for each derivation with a note and each string value the
 * table does not list. Returns -1 when memory runs out.
 */
static int copy_facts(const ds_ruleset *rs, const struct value *w, uint64_t spec_given, uint64_t applied,
                      ds_result *res)
{
	uint64_t m;
	size_t i, k;

	for (m = applied; m; m &= m - 1)
		if (rs->derives[__builtin_ctzll(m)].note)
			add_warning(res, W_DERIVED, (unsigned)__builtin_ctzll(m));
	for (m = spec_given & ~rs->read_mask; m; m &= m - 1) /* --quant: recorded, it decides nothing */
		add_warning(res, W_UNREAD, (unsigned)__builtin_ctzll(m));
	memcpy(res->facts, w, rs->nfacts * sizeof *w);
	for (m = spec_given & rs->string_mask; m; m &= m - 1) /* given strings are copied below */
		res->facts[__builtin_ctzll(m)].str = NULL;
	res->ncopied = rs->nfacts;
	for (m = spec_given & rs->string_mask; m; m &= m - 1) {
		const struct fact *f;
		i = (size_t)__builtin_ctzll(m);
		f = &rs->facts[i];
		if ((res->facts[i].str = dsi_xstrdup(w[i].str)) == NULL)
			return -1;
		for (k = 0; k < f->nvalues && strcasecmp(f->values[k], w[i].str); k++)
			;
		if (f->nvalues && k == f->nvalues) /* not a value the table lists (an unknown GPU model) */
			add_warning(res, W_UNLISTED, (unsigned)i);
	}
	return 0;
}

/*
 * The unknown facts that could change decision d: those of an undecided rule
 * whose firing changes it (with the unknown facts a derivation would need to
 * fill them: gpu_model for gpu_mem), and those that fire several undecided
 * rules at once (platform: edge fires two rules).
 */
static uint64_t missing_facts(const ds_ruleset *rs, const ds_spec *spec, uint64_t spec_given, struct value *w, uint64_t known,
                              uint64_t fired, uint64_t undecided, const struct decision *d,
                              const struct trace *tr)
{
	uint64_t sources[DS_MAX_FACTS], derivable = 0, missing = 0, m;
	size_t i;

	for (i = 0; i < rs->nderives; i++) {
		const struct derive *dv = &rs->derives[i];
		if (!(known >> dv->fact & 1)) {
			if (!(derivable >> dv->fact & 1))
				sources[dv->fact] = 0;
			sources[dv->fact] |= dv->facts & ~known;
			derivable |= (uint64_t)1 << dv->fact;
		}
	}
	for (m = undecided; m; m &= m - 1) {
		unsigned ri = (unsigned)__builtin_ctzll(m);
		uint64_t open = rs->rules[ri].facts & ~known, todo, done = 0;
		while ((todo = open & derivable & ~done) != 0) {
			unsigned f = (unsigned)__builtin_ctzll(todo);
			open |= sources[f];
			done |= (uint64_t)1 << f;
		}
		if ((open & ~missing) != 0 && flip_changes(rs, fired, ri, d, tr))
			missing |= open;
	}
	if (!two_or_more(undecided))
		return missing; /* no fact can fire two undecided rules */
	for (m = ~known & (rs->nfacts < 64 ? ((uint64_t)1 << rs->nfacts) - 1 : ~(uint64_t)0); m; m &= m - 1) {
		i = (size_t)__builtin_ctzll(m);
		if (!(missing >> i & 1) && two_or_more(rs->facts[i].reach & undecided) &&
		    probe_changes(rs, spec, spec_given, w, (unsigned)i, fired, undecided, d))
			missing |= (uint64_t)1 << i;
	}
	return missing;
}

/* The fired rules into the result's reasons in precedence order: hard classes by rank, table order within, then soft. */
static void list_reasons(const ds_ruleset *rs, uint64_t fired, const struct trace *tr, ds_result *res)
{
	uint64_t m;
	size_t k;

	for (k = 0; k <= rs->nhard; k++) {
		for (m = fired & (k < rs->nhard ? rs->hard_mask[k] : rs->soft_mask); m; m &= m - 1) {
			unsigned ri = (unsigned)__builtin_ctzll(m);
			struct reason *r = &res->reasons[res->nreasons++];
			r->rule = ri;
			r->state = tr->state[ri];
			r->beaten_by = tr->beaten[ri];
			r->contradicts = tr->contra[ri];
			r->group = (int)(tr->group >> ri & 1);
		}
	}
}

ds_status ds_evaluate_into_ex(const ds_ruleset *rs, const ds_spec *spec, long max_changes, ds_result *res)
{
	struct value w[DS_MAX_FACTS];
	struct verdict cur;
	uint64_t witness = 0;
	struct trace tr;
	struct decision d;
	uint64_t fired = 0, undecided = 0, missing, known, given = 0, spec_given, applied, m;
	size_t i;

	if (rs == NULL || spec == NULL || res == NULL || spec->rs != rs || res->rs != rs)
		return DS_ERR_ARG;
	result_release(res);
	res->rec = res->fallback = -1;
	/* bit masks rather than branches per fact and rule: this runs for every batch record */
	memcpy(w, spec->v, rs->nfacts * sizeof *w);
	for (i = 0; i < rs->nfacts; i++)
		given |= (uint64_t)(w[i].set != 0) << i;
	spec_given = given;
	applied = dsi_derive(rs, w, &given);
	known = given | rs->bool_mask;
	if (copy_id(spec, res) || copy_facts(rs, w, spec_given, applied, res)) {
		result_release(res);
		return DS_ERR_NOMEM;
	}

	for (i = 0; i < rs->nrules; i++) {
		enum tv t;
		/* a condition over unknown facts alone is unknown, whatever its shape */
		if ((rs->rules[i].facts & known) == 0) {
			undecided |= (uint64_t)1 << i;
			continue;
		}
		t = dsi_cond_eval(rs, rs->rules[i].when, w);
		fired |= (uint64_t)(t == TV_TRUE) << i;
		undecided |= (uint64_t)(t == TV_UNKNOWN) << i;
	}
	for (i = 0; i < rs->nnotes; i++) /* the table's notes on these facts: a warning each, not a decision */
		if (rs->notes[i].when && (rs->notes[i].facts & known) && dsi_cond_eval(rs, rs->notes[i].when, w) == TV_TRUE)
			add_warning(res, W_NOTE, (unsigned)i);
	tr.group = 0;
	for (i = 0; i < rs->nrules; i++) {
		tr.beaten[i] = tr.contra[i] = 0;
		tr.state[i] = DS_APPLIED;
	}
	d = dsi_decide(rs, fired, NULL, &tr);
	memcpy(res->scores, tr.scores, rs->nmodels * sizeof *res->scores);
	res->outcome = d.outcome;
	res->rec = d.rec;
	res->fallback = d.fallback;
	res->by = d.by;
	res->candidates = d.cands;
	missing = missing_facts(rs, spec, spec_given, w, known, fired, undecided, &d, &tr);

	/*
	 * Stable: no values of the unknown facts change the decision (an exhaustive
	 * search); then nothing is missing. When only a combination of facts can
	 * change it, missing names the facts of one such combination.
	 */
	cur.outcome = d.outcome;
	cur.rec = d.rec;
	cur.fallback = d.fallback;
	res->stable = -1;
	if (max_changes >= 0) {
		res->stable = dsi_whatif_stable(rs, spec, w, fired, &cur, missing ? NULL : &witness);
		if (res->stable)
			missing = 0;
		else if (missing == 0)
			missing = witness;
	}
	for (m = missing; m; m &= m - 1)
		res->missing[res->nmissing++] = (unsigned)__builtin_ctzll(m);
	if (max_changes > 0) {
		res->nchanges = dsi_whatif_changes(rs, spec, w, fired, &cur, res->changes, (size_t)max_changes);
		res->has_changes = 1;
	}
	list_reasons(rs, fired, &tr, res);
	return DS_OK;
}

void ds_result_free(ds_result *r)
{
	if (r == NULL)
		return;
	result_release(r);
	free(r);
}

ds_outcome ds_result_outcome(const ds_result *r) { return r->outcome; }

const char *ds_outcome_str(ds_outcome o)
{
	return o == DS_RECOMMENDED ? "recommended" : o == DS_DEFAULT ? "default" : "conflict";
}

const char *ds_result_recommendation(const ds_result *r)
{
	return r->rec >= 0 ? r->rs->models[r->rec].id : NULL;
}

const char *ds_result_fallback(const ds_result *r)
{
	return r->fallback >= 0 ? r->rs->models[r->fallback].id : NULL;
}

const char *ds_result_model(const ds_result *r)
{
	return r->rec >= 0 ? ds_result_recommendation(r) : ds_result_fallback(r);
}

double ds_result_score(const ds_result *r, size_t m) { return m < r->rs->nmodels ? r->scores[m] : 0; }
size_t ds_result_reason_count(const ds_result *r) { return r->nreasons; }
const char *ds_result_reason_ref(const ds_result *r, size_t i)
{
	return i < r->nreasons ? r->rs->rules[r->reasons[i].rule].ref : NULL;
}
const char *ds_result_reason_rule(const ds_result *r, size_t i)
{
	return i < r->nreasons ? r->rs->rules[r->reasons[i].rule].id : NULL;
}
const char *ds_result_reason_label(const ds_result *r, size_t i)
{
	return i < r->nreasons ? r->rs->rules[r->reasons[i].rule].label : NULL;
}
ds_rule_state ds_result_reason_state(const ds_result *r, size_t i)
{
	return i < r->nreasons ? r->reasons[i].state : DS_APPLIED;
}

int ds_result_fired(const ds_result *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nreasons; i++) {
		const struct rule *ru = &r->rs->rules[r->reasons[i].rule];
		if (!strcmp(ru->ref, name) || !strcmp(ru->id, name))
			return 1;
	}
	return 0;
}

int ds_result_number(const ds_result *r, const char *key, double *out)
{
	long f = key ? dsi_fact_by_key_n(r->rs, key, strlen(key)) : -1;
	ds_fact_type t;

	if (f < 0)
		return 0;
	t = r->rs->facts[f].type;
	if (t != DS_FACT_NUMBER && t != DS_FACT_INTEGER && t != DS_FACT_BOOLEAN)
		return 0;
	if (t == DS_FACT_BOOLEAN) { /* absent means false */
		*out = r->facts[f].set && r->facts[f].num != 0;
		return 1;
	}
	if (!r->facts[f].set)
		return 0;
	*out = r->facts[f].num;
	return 1;
}

size_t ds_result_missing_count(const ds_result *r) { return r->nmissing; }
const char *ds_result_missing(const ds_result *r, size_t i)
{
	return i < r->nmissing ? r->rs->facts[r->missing[i]].key : NULL;
}
size_t ds_result_warning_count(const ds_result *r) { return r->nwarnings; }
int ds_result_stable(const ds_result *r) { return r->stable; }
size_t ds_result_change_count(const ds_result *r) { return r->nchanges; }
const char *ds_result_change_fact(const ds_result *r, size_t i)
{
	return i < r->nchanges ? r->rs->facts[r->changes[i].fact].key : NULL;
}
