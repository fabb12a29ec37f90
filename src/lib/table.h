/* table.h: the loaded rule table: its facts, conditions, rules and indexes, and a fact's value. Types only. */
#ifndef DS_TABLE_H
#define DS_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include <dsselect.h>
#include "ds_limits.h"

struct text {
	char *s[DS_NLANG]; /* en is always set; zh falls back to en */
};

/* Text pre-rendered as JSON at load time, so that rendering a result is mostly copying. */
struct jtext {
	char *s;
	size_t len;
};

struct value {
	int set;
	int detected;      /* filled from the machine (--detect), not given */
	double num;        /* number, integer, boolean (0/1) */
	uint64_t bits;     /* enum: 1 << index; set: union of members */
	char *str;         /* string facts */
};


struct fact {
	char *key, *flag, *unit;
	size_t key_len;
	int informational;            /* read by no rule on purpose: accepted, echoed, not warned about */
	int broken;                   /* failed to load (only while checking a table): not diagnosed again */
	ds_fact_type type;
	int has_min, has_max, min_excl, max_excl;
	double min, max;
	char **values;   /* enum / set values; suggestions for strings */
	size_t nvalues;
	struct text help;
	unsigned line, col;
	unsigned flag_line, flag_col; /* where the flag (or the key it comes from) is written */
	struct jtext json_key;        /* "gpu_mem": */
	struct jtext *json_values;    /* "t4", ... one per value */
	struct value *cands;          /* one value in every interval the table's constants make */
	uint64_t *cand_rules;         /* for each: the rules it leaves possible when nothing else is known */
	size_t ncands, cands_cap;
	int cands_over;               /* more than DS_MAX_CANDS (or DS_MAX_PRODS products): refused at load */
	uint64_t reach;               /* the rules that read it, directly or through derivations */
	struct prodref {              /* products it appears in: this fact × other compared with k */
		unsigned other;
		double k;
	} prods[DS_MAX_PRODS];
	size_t nprods;
};

enum cond_kind { C_ALL, C_ANY, C_NOT, C_LEAF };
enum cond_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_IN, OP_ANY_OF, OP_IS, OP_KNOWN };

struct cond {
	enum cond_kind kind;
	struct cond **kids; /* all/any/not */
	size_t nkids;
	/* leaf: fact[0] (times fact[1] when nfacts is 2) op constant */
	unsigned nfacts;
	unsigned fact[2];
	ds_fact_type ftype; /* the type of fact[0], copied here for speed */
	enum cond_op op;
	double num;      /* number/integer constant */
	uint64_t bits;   /* enum/set constants as a bit mask; boolean in bit 0 */
	char **strs;     /* string constants (string facts) */
	size_t nstrs;
	unsigned line, col;
};

enum effect { E_REQUIRE, E_FORBID, E_PREFER, E_AVOID };

struct klass {
	char *id;
	int soft;      /* kind: soft */
	unsigned rank; /* hard classes: 0 is the highest precedence */
	struct text name;
};

struct model {
	char *id;
	struct text name;
	struct jtext json_id; /* "V1" */
};

/* A rule's example: a spec and whether the rule fires on it. */
struct example {
	ds_spec *spec;
	int fires;
	unsigned line, col;
};

/* A case of the table: a spec and the decision expected of it. */
struct tcase {
	char *name;
	ds_spec *spec;
	int has_rec, rec;           /* recommendation: a model index, or -1 for null */
	int has_status;
	ds_outcome status;
	int has_fallback, fallback; /* a model index, or -1 for null */
	unsigned line, col;
};

struct rule {
	char *id, *ref;
	struct example *examples;
	size_t nexamples;
	uint64_t ack;     /* same-class rules it is declared to contradict ('contradicts: [id, ...]') */
	int broken;       /* failed to load (only while checking a table) */
	unsigned klass;   /* index into classes */
	enum effect effect;
	unsigned model;   /* index into models */
	double weight;    /* soft rules only */
	struct cond *when;
	struct text reason, evidence;
	uint64_t facts;   /* bit mask of the facts its condition reads */
	uint64_t allow;   /* hard rules: the models it leaves standing */
	uint64_t reach;   /* the facts it depends on, directly or through derivations */
	unsigned line, col;
	struct jtext json_head; /* {"source":...,"weight":...,"state":" */
	struct jtext json_text; /* ","message":...,"evidence_zh":...,"overridden_by": */
	struct jtext json_ref;  /* "1.1" */
	char *label;            /* how lists name it: its ref, followed by its id when another rule cites that ref */
	struct jtext json_label; /* "1.2 multi-gpu-nccl" */
	struct jtext json_whole[2]; /* the whole reason when applied (0) or moot (1), beaten by nothing */
};

struct derive {
	unsigned fact;
	double num;       /* number/integer/boolean value */
	unsigned enumidx; /* enum value */
	char *str;        /* string value */
	int note;         /* report the assumption as a warning */
	char *note_text[DS_NLANG]; /* that warning, written once at load time */
	struct cond *when;
	uint64_t facts;   /* the facts its condition reads */
	unsigned line, col;
};

/*
 * A condition with a message, beside the rules: a constraint refuses a spec
 * whose given facts make it true (no GPU, but GPU memory); a note adds its
 * message to the warnings of a result whose facts make it true. Neither
 * changes a decision.
 */
struct check {
	char *id;
	struct cond *when;
	struct text message;
	uint64_t facts; /* the facts its condition reads */
	unsigned line, col;
};

struct ds_ruleset {
	char *name, *source;
	char *file;       /* the name it was loaded under, for positions */
	struct model *models;
	size_t nmodels;
	unsigned defmodel;
	struct klass *classes;
	size_t nclasses;
	struct fact *facts;
	size_t nfacts;
	struct derive *derives;
	size_t nderives;
	struct rule *rules;
	size_t nrules;
	struct check *constraints, *notes;
	size_t nconstraints, nnotes;
	struct tcase *cases;
	size_t ncases;
	unsigned *order;  /* hard rules by class rank then table order, then soft rules */
	/* derived at load time, for speed */
	uint64_t hard_mask[64]; /* the rules of each hard class, by rank */
	unsigned nhard;
	uint64_t soft_mask;
	uint64_t bool_mask;     /* the boolean facts, which are never unknown */
	uint64_t string_mask;   /* the string facts */
	uint64_t read_mask;     /* the facts a rule or a derivation reads (the others only recorded) */
	uint64_t derive_sources; /* the facts derivation conditions read */
	uint64_t derive_targets; /* the facts derivations fill */
	unsigned char key_slot[128]; /* fact key hash table: fact index + 1, 0 for empty */
};

#endif
