/* decide.h: what the hard rules and scores make of a set of fired rules (decide.c). */
#ifndef DS_DECIDE_H
#define DS_DECIDE_H

#include "table.h"

/* How the model to act on was chosen among the candidates the hard rules left. */
enum chosen_by {
	BY_RULES,   /* it was the only one */
	BY_SCORES,  /* the best score */
	BY_DEFAULT, /* a tie: the table's default */
	BY_ORDER    /* a tie without the default: the first of the best in the table's order */
};

/* What the hard rules and scores make of one set of fired rules. */
struct decision {
	ds_outcome outcome;
	int rec, fallback;
	enum chosen_by by;
	uint64_t cands;
};

/* What became of each fired rule, for the result. */
struct trace {
	ds_rule_state state[DS_MAX_RULES];
	uint64_t beaten[DS_MAX_RULES]; /* rules that overrode it */
	uint64_t contra[DS_MAX_RULES]; /* rules it contradicts */
	uint64_t group;                /* contradicted as a group, no pair to blame */
	double scores[DS_MAX_MODELS];
	uint64_t cands_at[65];         /* candidates entering each hard class, by rank */
	int conflict_at[65];           /* whether a conflict had happened by then */
};

/* Where to resume a decision: the missing-fact check re-decides from the class of the rule it flips. */
struct resume {
	unsigned rank;        /* the first hard class to apply */
	uint64_t cands;       /* the candidates entering it */
	int conflict;
	const double *scores; /* the soft scores, when already known */
};


/*
 * Applies fired rules (a bit per rule), from the first hard class or from
 * where `from` says. When res is not NULL, records each fired rule's state
 * and the scores in it.
 */
struct decision dsi_decide(const ds_ruleset *rs, uint64_t fired, const struct resume *from, struct trace *res);
/* Whether two decisions act alike: the same outcome, recommendation and fallback. */
int dsi_decision_same(const struct decision *a, const struct decision *b);

/* A decision as the what-if search compares them. */
struct verdict {
	ds_outcome outcome;
	int rec, fallback; /* model indexes or -1 */
};
struct verdict dsi_verdict_of(const ds_ruleset *rs, uint64_t fired);

#endif
