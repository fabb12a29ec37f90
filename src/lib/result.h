/* result.h: a decision with its reasons, what is missing and what would change it (eval.c). */
#ifndef DS_RESULT_H
#define DS_RESULT_H

#include "decide.h"
#include "whatif.h"

struct reason {
	unsigned rule;
	ds_rule_state state;
	uint64_t beaten_by;    /* rule indexes (bit per rule) that overrode it */
	uint64_t contradicts;  /* rule indexes it contradicts */
	int group;             /* contradicted together with all of those, not pairwise */
};

/* What a warning is about; the renderer words it (report.c). */
enum warn_kind {
	W_DERIVED,  /* a derivation with a note filled a fact: index is the derivation's */
	W_UNLISTED, /* a string fact's value is not one the table lists: index is the fact's */
	W_NOTE,     /* one of the table's notes holds: index is the note's */
	W_UNREAD    /* a fact no rule or derivation reads was given: index is the fact's */
};

struct warning {
	enum warn_kind kind;
	unsigned index;
};

struct ds_result {
	const ds_ruleset *rs;
	char *id;              /* id_small or malloc'd */
	char id_small[DS_ID_INLINE];
	int has_id, id_is_num;
	ds_outcome outcome;
	int rec, fallback;     /* model indexes or -1 */
	enum chosen_by by;     /* how the recommendation or fallback was chosen */
	double *scores;        /* one per model */
	struct value *facts;   /* the facts evaluated: given (set 1) or derived (set 2) */
	size_t ncopied;        /* how many of facts are written (all, once evaluated) */
	uint64_t candidates;   /* models left standing by the hard rules */
	struct reason *reasons;
	size_t nreasons;
	unsigned *missing;     /* fact indexes */
	size_t nmissing;
	int stable;            /* no value of the facts still unknown changes the decision; -1 not computed */
	int has_changes;       /* changes were computed (max_changes > 0) */
	struct change *changes; /* at most one per fact */
	size_t nchanges;
	struct warning *warnings; /* at most two per fact */
	size_t nwarnings;
};

#endif
