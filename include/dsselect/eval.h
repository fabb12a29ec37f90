/* dsselect/eval.h: evaluate a spec against a rule set; the result and its parts. */
#ifndef DSSELECT_EVAL_H
#define DSSELECT_EVAL_H

#include <stddef.h>
#include <dsselect/status.h>
#include <dsselect/ruleset.h>
#include <dsselect/spec.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ds_result ds_result;

typedef enum ds_outcome {
	DS_RECOMMENDED = 0, /* hard rules or scores picked one model */
	DS_DEFAULT = 1,     /* nothing told the candidates apart: the table's default */
	DS_CONFLICT = 2     /* an override or contradiction: no recommendation, a fallback */
} ds_outcome;

/* What happened to a fired rule. */
typedef enum ds_rule_state {
	DS_APPLIED = 0,     /* narrowed the candidates, or scored */
	DS_OVERRIDDEN = 1,  /* would have left nothing; beaten by higher-class rules */
	DS_CONTRADICTED = 2,/* set aside with a rule of its own class that it contradicts */
	DS_MOOT = 3         /* a soft rule about a model no longer standing */
} ds_rule_state;

/*
 * Evaluates spec against rs (the spec must have been made for rs). On success
 * *out is a new result; free it with ds_result_free(). rs and spec are
 * borrowed; rs must outlive the result, spec need not.
 */
ds_status ds_evaluate(const ds_ruleset *rs, const ds_spec *spec, ds_result **out);

/*
 * As ds_evaluate(), into a result from an earlier ds_evaluate() on the same
 * rule set, whose old contents are dropped: a loop over many specs then
 * allocates nothing per spec.
 */
ds_status ds_evaluate_into(const ds_ruleset *rs, const ds_spec *spec, ds_result *res);

/*
 * ds_evaluate() and ds_evaluate_into() also work out what would change the
 * decision: whether it is stable (ds_result_stable()) and every
 * counterfactual (ds_result_change_count()). The _ex forms choose: with
 * max_changes < 0 neither is computed (the fast path for large batches: the
 * what-if analysis tries every interval of every fact, tens of decisions
 * more); with 0, stability only; with N > 0, stability and at most N
 * counterfactuals, the smallest first. DS_CHANGES_ALL keeps them all.
 */
#define DS_CHANGES_ALL 0x7fffffffL
#define DS_CHANGES_OFF (-1L)
ds_status ds_evaluate_ex(const ds_ruleset *rs, const ds_spec *spec, long max_changes, ds_result **out);
ds_status ds_evaluate_into_ex(const ds_ruleset *rs, const ds_spec *spec, long max_changes, ds_result *res);

/* Frees a result; NULL is a no-op. */
void ds_result_free(ds_result *r);

/* Accessors; strings are borrowed from the result or its rule set. */
ds_outcome ds_result_outcome(const ds_result *r);
const char *ds_outcome_str(ds_outcome o);     /* "recommended", "default", "conflict" */
const char *ds_result_recommendation(const ds_result *r); /* NULL on conflict */
const char *ds_result_fallback(const ds_result *r);       /* NULL unless conflict */
/* The model to act on: the recommendation, or the fallback on conflict. */
const char *ds_result_model(const ds_result *r);
double ds_result_score(const ds_result *r, size_t model_index);

size_t ds_result_reason_count(const ds_result *r);          /* fired rules */
const char *ds_result_reason_ref(const ds_result *r, size_t i);
const char *ds_result_reason_rule(const ds_result *r, size_t i);
/* The rule's label: its ref, followed by its id when another rule cites that ref (ds_ruleset_rule_label()). */
const char *ds_result_reason_label(const ds_result *r, size_t i);
ds_rule_state ds_result_reason_state(const ds_result *r, size_t i);
/* Whether the rule with this ref (e.g. "2.2") or id fired. */
int ds_result_fired(const ds_result *r, const char *ref_or_id);

/*
 * The value the result evaluated for a number, integer or boolean fact
 * (given, or filled in by one of the table's derivations, e.g. gpu_mem from
 * the GPU catalog): 1 with *out, 0 when the fact is unknown, of another type
 * or not in the table.
 */
int ds_result_number(const ds_result *r, const char *key, double *out);

size_t ds_result_missing_count(const ds_result *r);
const char *ds_result_missing(const ds_result *r, size_t i); /* fact key */
size_t ds_result_warning_count(const ds_result *r);

/*
 * Whether the decision is stable: no values of the facts still unknown (absent
 * and not derived) can change its recommendation, status or fallback. Found by
 * an exhaustive search over every interval of every unknown fact; when a
 * search limit (ds_limits.h) is reached it answers 0 (may change). -1 when
 * the what-if analysis was not asked for (DS_CHANGES_OFF).
 */
int ds_result_stable(const ds_result *r);
/*
 * Counterfactuals: for each fact, the nearest value that changes the decision
 * (the other facts as they are), smallest change first; a fact that cannot
 * change it has none. The whole change (to, outcome, rules, range) is in the
 * JSON rendering, key "changes" (docs/output.md).
 */
size_t ds_result_change_count(const ds_result *r);
const char *ds_result_change_fact(const ds_result *r, size_t i); /* fact key */

/*
 * The values of number or integer fact i where the decision can change while
 * the other facts are as in spec (NULL: none known), as a person reads them,
 * sorted: every constant the table compares the fact with (for an integer,
 * the integers on each side of it); and for each product with a fact whose
 * value spec gives, or the table derives from spec and this fact's value at
 * that point (gpus is 1 once gpu_mem is above 0), where the product crosses
 * its constant: the crossing when a short decimal lies there (80 / 50 = 1.6),
 * else the values of three significant digits on each side (80 / 3: 26.6 and
 * 26.7). A product with a factor spec leaves unknown adds nothing: nobody gave
 * its value. At most max into out; returns how many were written.
 */
size_t ds_fact_boundaries_at(const ds_ruleset *rs, size_t i, const ds_spec *spec, double *out, size_t max);

#ifdef __cplusplus
}
#endif
#endif
