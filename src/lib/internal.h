/* internal.h: private structures shared by the library's source files. */
#ifndef DS_INTERNAL_H
#define DS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <dsselect.h>
#include "ds_limits.h"

/* ---- growable byte buffer (buf.c) ---- */
struct buf {
	char *p;
	size_t len, cap;
	int oom; /* sticky: an append failed */
};
void buf_init(struct buf *b);
void buf_free(struct buf *b);
int buf_grow(struct buf *b, size_t extra);
/* Appends n bytes; inline because rendering is mostly this. */
static inline void buf_put(struct buf *b, const char *s, size_t n)
{
	if (b->cap - b->len <= n && buf_grow(b, n))
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}
void buf_puts(struct buf *b, const char *s);
static inline void buf_putc(struct buf *b, char c)
{
	if (b->cap - b->len <= 1 && buf_grow(b, 1))
		return;
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_json_str(struct buf *b, const char *s); /* a quoted, escaped JSON string */
void buf_num(struct buf *b, double v);          /* shortest round-tripping form */
#define buf_lit(b, lit) buf_put((b), (lit), sizeof(lit) - 1)
void num_text(char *out, size_t n, double v);
/* strtod() reading '.' as the decimal point, whatever LC_NUMERIC says. */
double c_strtod(const char *s, char **end);
/* Hands the buffer's text to the caller (*out, *len if len is not NULL); DS_ERR_NOMEM if an append failed. */
ds_status buf_take(struct buf *b, char **out, size_t *len);
/* Appends s and spaces up to width display columns (width.c, width.h). */
void buf_pad(struct buf *b, const char *s, size_t width);

/* ---- diagnostics (status.c) ---- */
void diag_set(ds_diag *d, const char *file, unsigned line, unsigned col, const char *key,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
char *xstrdup(const char *s);
/* Length of the well-formed UTF-8 sequence at p (RFC 3629), 0 if it is not one. */
size_t utf8_seq(const unsigned char *p, size_t avail);
int utf8_valid(const char *s, size_t n);
/* Copies src into dst (size n) with control characters and bad UTF-8 escaped: one printable line. */
void text_clean(char *dst, size_t n, const char *src);
/*
 * A decimal number, strictly: [+-]digits[.digits][(e|E)[+-]digits]. Returns 1
 * with *v, 0 when it is not one, -1 when it is out of range (overflow, or a
 * non-zero value that underflows to 0). Needs LC_NUMERIC "C", the default.
 */
int parse_decimal(const char *s, size_t len, double *v);
unsigned edit_distance(const char *a, const char *b);

/* ---- generic YAML tree with positions (ynode.c) ---- */
struct yarena;
enum ynode_kind { Y_SCALAR, Y_SEQ, Y_MAP };
struct ynode {
	enum ynode_kind kind;
	unsigned line, col;  /* 1-based start of the node */
	char *str;           /* scalar text (NUL-terminated) */
	size_t len;          /* scalar length in bytes */
	int plain;           /* scalar was unquoted (plain style) and untagged */
	struct ynode **kids; /* seq items; map: key, value, key, value, ... */
	size_t nkids, cap;
	struct yarena *arena; /* the root's: every node of the tree lives there */
};
/*
 * Parses one YAML document into a tree. Aliases (anchors are ignored), tags,
 * duplicate keys, non-scalar keys, more than one document, nesting deeper
 * than max_depth and strings longer than DS_MAX_STRING are errors. *out is
 * NULL for an empty document.
 */
ds_status ynode_parse(const char *buf, size_t len, const char *name, unsigned max_depth,
                      struct ynode **out, ds_diag *diag);
void ynode_free(struct ynode *n);
/* Plain-scalar resolution, YAML 1.2 core schema, strictly. */
int ynode_is_null(const struct ynode *n);
int ynode_bool(const struct ynode *n, int *v);       /* 1 if true/false */
int ynode_number(const struct ynode *n, double *v);  /* 1 if a finite number */

/* ---- rule set (ruleset.c) ---- */
struct text {
	char *s[DS_NLANG]; /* en is always set; zh falls back to en */
};

/* Text pre-rendered as JSON at load time, so that rendering a result is mostly copying. */
struct jtext {
	char *s;
	size_t len;
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
	uint64_t derive_sources; /* the facts derivation conditions read */
	uint64_t derive_targets; /* the facts derivations fill */
	unsigned char key_slot[128]; /* fact key hash table: fact index + 1, 0 for empty */
};

/* Reads a whole file: DS_ERR_IO if it cannot be opened or read, DS_ERR_VALUE if too large. */
ds_status read_file(const char *path, char **out, size_t *len, ds_diag *diag);
const char *rs_text(const struct text *t, ds_lang lang);
const char *fact_type_name(ds_fact_type t);
uint64_t cond_facts(const struct cond *c); /* the facts a condition reads, a bit each */
long fact_by_key_n(const ds_ruleset *rs, const char *key, size_t n); /* -1 if none */

/* ---- checks of a loaded table (check.c) ---- */
/* A growable list of problems. */
struct problems {
	ds_problem *p;
	size_t n, cap;
	int oom;
};
/* Appends a problem at (line, col) of the table named name; the message is printf-style. */
void problem_add(struct problems *ps, ds_severity sev, const char *code, const char *name, unsigned line,
                 unsigned col, const char *witness, const char *fmt, ...) __attribute__((format(printf, 8, 9)));
/*
 * Adds every warning of a table that loads: same-class contradictions that can
 * fire together (with a witness command naming the table as rules_arg, or none
 * for the embedded one), conditions never or always true, masked rules, facts
 * no rule reads, rules without examples. name labels positions.
 */
void check_warnings(const ds_ruleset *rs, const char *name, const char *rules_arg, struct problems *ps);

/* ---- spec (spec.c) ---- */
struct value {
	int set;
	int detected;      /* filled from the machine (--detect), not given */
	double num;        /* number, integer, boolean (0/1) */
	uint64_t bits;     /* enum: 1 << index; set: union of members */
	char *str;         /* string facts */
};

#define DS_ID_INLINE 48 /* ids shorter than this need no allocation */

struct ds_spec {
	const ds_ruleset *rs;
	struct value *v;   /* one per fact */
	int has_id, id_is_num;
	char *id;          /* id text: a string, or a number's JSON text; id_small or malloc'd */
	char id_small[DS_ID_INLINE];
};

/* Fills spec from a YAML mapping of facts; positions in diag come from the nodes. */
ds_status spec_from_ynode(ds_spec *spec, const struct ynode *map, const char *name, ds_diag *diag);

/* ---- evaluation (eval.c) ---- */
enum tv { TV_FALSE = 0, TV_TRUE = 1, TV_UNKNOWN = 2 };
enum tv cond_eval(const ds_ruleset *rs, const struct cond *c, const struct value *v);
/* Fills absent facts of w from the derivations; updates the mask of set facts; returns those applied. */
uint64_t derive(const ds_ruleset *rs, struct value *w, uint64_t *given);
/* What the hard rules and scores make of a set of fired rules (a bit per rule). */
struct verdict {
	ds_outcome outcome;
	int rec, fallback; /* model indexes or -1 */
};
struct verdict verdict_of(const ds_ruleset *rs, uint64_t fired);
/*
 * The first of the table's constraints that given facts v (before derivations)
 * break: its index, or -1. Only those reading a fact of mask are tried (the
 * facts known, or those just changed: a condition over unknown facts alone is
 * unknown, and one over unchanged facts held as before).
 */
long broken_constraint(const ds_ruleset *rs, const struct value *v, uint64_t mask);
/* The rules among `which` whose condition is true on w. */
uint64_t rules_true(const ds_ruleset *rs, const struct value *w, uint64_t which);
/* Whether x is a value fact f accepts (its range; integers whole and exact). */
int fact_accepts(const struct fact *f, double x);
/*
 * The values of a fact on each side of where its product with a factor o
 * crosses k (a × o compared with k): for an integer fact the integers around
 * k / o, for a number the neighbouring doubles where the computed product
 * passes k (rounding included). Writes at most 4 to out; returns how many.
 */
size_t product_points(const struct fact *f, double k, double o, double *out);

/* ---- what would change a decision (whatif.c) ---- */
/* One counterfactual: fact set to `to` gives verdict v; the rules that start and stop firing. */
struct change {
	unsigned fact;
	int known;              /* the fact had a value (given or derived) */
	struct value to;
	struct verdict v;
	uint64_t on, off;
	double size;            /* how far from the current value (relative); 1 for other kinds */
	/* numbers: the interval around `to` where the same holds; lo_kind/hi_kind: 0 unbounded, 1 at least/most, 2 above/below */
	int lo_kind, hi_kind;
	double lo, hi;
};
/*
 * The nearest change of each fact that changes verdict cur (fired: the rules
 * firing now, w the working values, spec the given ones), ordered by size,
 * at most max of them into out (room for nfacts). Returns how many.
 */
size_t whatif_changes(const ds_ruleset *rs, const ds_spec *spec, const struct value *w, uint64_t fired,
                      const struct verdict *cur, struct change *out, size_t max);
/*
 * Whether no assignment of the facts still unknown in w changes verdict cur.
 * When it is not stable and witness is not NULL, *witness gets the facts of
 * one assignment that changes it.
 */
int whatif_stable(const ds_ruleset *rs, const ds_spec *spec, const struct value *w, uint64_t fired,
                  const struct verdict *cur, uint64_t *witness);

/* ---- text helpers (report.c) ---- */
/* A condition as people read it: "gpus <= 1 and gpu_mem <= 12". */
void cond_text(const ds_ruleset *rs, const struct cond *c, ds_lang lang, char *out, size_t n);
/* The same, appended to b whatever its length. */
void cond_append(const ds_ruleset *rs, const struct cond *c, ds_lang lang, struct buf *b);
/* A fact's value: 12, true, contract-extraction, [code, math]. */
void value_text(const ds_ruleset *rs, unsigned fact, const struct value *v, struct buf *b);
/* A fact's value as JSON. */
void value_json(const struct fact *f, const struct value *v, struct buf *b);
/* A class's name in lang, or its id when the table gives none. */
const char *class_name(const ds_ruleset *rs, unsigned k, ds_lang lang);
/* A spec as people read it: key=value, ... (the facts set, in table order), "(nothing)" if none. */
void spec_line(const ds_ruleset *rs, const ds_spec *s, struct buf *b);

struct reason {
	unsigned rule;
	ds_rule_state state;
	uint64_t beaten_by;    /* rule indexes (bit per rule) that overrode it */
	uint64_t contradicts;  /* rule indexes it contradicts */
	int group;             /* contradicted together with all of those, not pairwise */
};

struct warning {
	const char *text[DS_NLANG]; /* English and Chinese */
	int owned;                  /* made for this result (else the rule set's) */
};

/* How the model to act on was chosen among the candidates the hard rules left. */
enum chosen_by {
	BY_RULES,   /* it was the only one */
	BY_SCORES,  /* the best score */
	BY_DEFAULT, /* a tie: the table's default */
	BY_ORDER    /* a tie without the default: the first of the best in the table's order */
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
