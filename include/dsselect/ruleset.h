/* dsselect/ruleset.h: load a rule table (YAML) and look at what it declares. */
#ifndef DSSELECT_RULESET_H
#define DSSELECT_RULESET_H

#include <stddef.h>
#include <dsselect/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An immutable, loaded rule table: models, classes, facts, derivations, rules. */
typedef struct ds_ruleset ds_ruleset;

typedef enum ds_fact_type {
	DS_FACT_NUMBER,  /* finite double, optional range */
	DS_FACT_INTEGER, /* integer, optional range */
	DS_FACT_BOOLEAN, /* absent means false */
	DS_FACT_ENUM,    /* one of the declared values */
	DS_FACT_SET,     /* a list of declared values */
	DS_FACT_STRING   /* free text; declared values are suggestions */
} ds_fact_type;

/*
 * Loads a rule table from the file at path. On success *out is a new rule
 * set; free it with ds_ruleset_free(). On failure *out is NULL and diag (if
 * not NULL) says where and what: DS_ERR_IO when the file cannot be read,
 * DS_ERR_RULES when the table is invalid, DS_ERR_NOMEM.
 */
ds_status ds_ruleset_load_file(const char *path, ds_ruleset **out, ds_diag *diag);

/*
 * As ds_ruleset_load_file(), from len bytes at buf (not necessarily
 * NUL-terminated). name is used in diagnostics (e.g. "rules.yaml"). buf is
 * only borrowed for the duration of the call.
 */
ds_status ds_ruleset_load_mem(const char *buf, size_t len, const char *name,
                              ds_ruleset **out, ds_diag *diag);

/*
 * Loads the table compiled into the library (rules/deepseek-v1-v2.yaml), as
 * decisions need it: without its examples and cases, which only 'rules test'
 * reads (load ds_ruleset_default_text() for those).
 */
ds_status ds_ruleset_load_default(ds_ruleset **out, ds_diag *diag);

/* The embedded default table's full YAML text and its length; static storage. */
const char *ds_ruleset_default_text(size_t *len);
/* The name positions in the embedded table carry: "deepseek-v1-v2.yaml (embedded)". */
const char *ds_ruleset_default_name(void);

/* Frees a rule set; NULL is a no-op. Results and specs made from it must be freed first. */
void ds_ruleset_free(ds_ruleset *rs);

/*
 * Read-only introspection. Strings are borrowed from rs and valid until
 * ds_ruleset_free(rs). Indexes out of range give NULL / 0.
 */
const char *ds_ruleset_name(const ds_ruleset *rs);
size_t ds_ruleset_model_count(const ds_ruleset *rs);
const char *ds_ruleset_model_id(const ds_ruleset *rs, size_t i);
const char *ds_ruleset_default_model(const ds_ruleset *rs);
size_t ds_ruleset_rule_count(const ds_ruleset *rs);
const char *ds_ruleset_rule_ref(const ds_ruleset *rs, size_t i); /* "2.2"; NULL past the end */
const char *ds_ruleset_rule_id(const ds_ruleset *rs, size_t i);  /* "task-contract-extraction" */
/*
 * How lists name rule i (changes, TSV refs, sweeps, beaten_by): its ref, or
 * "ref id" when another rule of the table cites the same ref ("1.2 multi-gpu-nccl").
 */
const char *ds_ruleset_rule_label(const ds_ruleset *rs, size_t i);

size_t ds_ruleset_fact_count(const ds_ruleset *rs);
/* Index of the fact whose key (e.g. "gpu_mem") or flag (e.g. "gpu-mem") is name; -1 if none. */
long ds_ruleset_fact_by_key(const ds_ruleset *rs, const char *key);
long ds_ruleset_fact_by_flag(const ds_ruleset *rs, const char *flag);
const char *ds_fact_key(const ds_ruleset *rs, size_t i);
const char *ds_fact_flag(const ds_ruleset *rs, size_t i);
ds_fact_type ds_fact_type_of(const ds_ruleset *rs, size_t i);
const char *ds_fact_unit(const ds_ruleset *rs, size_t i);   /* "" when none */
const char *ds_fact_help(const ds_ruleset *rs, size_t i, ds_lang lang);
/* Whether a rule or a derivation reads fact i: a fact none reads is only recorded, never decides. */
int ds_fact_is_read(const ds_ruleset *rs, size_t i);
/* Where fact i's flag is written in the table (1-based; 0 when unknown). */
void ds_fact_position(const ds_ruleset *rs, size_t i, unsigned *line, unsigned *col);
/*
 * A number or integer fact's range: a mask of DS_RANGE_MIN, DS_RANGE_MAX (the
 * bounds given) and DS_RANGE_MIN_EXCL, DS_RANGE_MAX_EXCL; the bounds in *min, *max.
 */
#define DS_RANGE_MIN 1u
#define DS_RANGE_MAX 2u
#define DS_RANGE_MIN_EXCL 4u
#define DS_RANGE_MAX_EXCL 8u
unsigned ds_fact_range(const ds_ruleset *rs, size_t i, double *min, double *max);
/*
 * The values of number or integer fact i on each side of, and at, every
 * constant the table compares it with (the decision can only change between
 * them), sorted, at most max into out; returns how many there are.
 */
size_t ds_fact_boundaries(const ds_ruleset *rs, size_t i, double *out, size_t max);
size_t ds_fact_value_count(const ds_ruleset *rs, size_t i);
const char *ds_fact_value(const ds_ruleset *rs, size_t i, size_t j);

/* ---- checking a table (check.c) ---- */

typedef enum ds_severity { DS_SEV_ERROR = 0, DS_SEV_WARNING = 1 } ds_severity;

/* One problem of a rule table. */
typedef struct ds_problem {
	ds_severity severity;
	char code[32];       /* "error", "contradiction", "never-true", "always-true", "masked",
	                        "unused-fact", "no-example" */
	ds_diag diag;        /* FILE:LINE:COLUMN and the message */
	char witness[512];   /* contradiction: a spec that fires both rules, as a JSON object of its facts in the
	                        table's order ({"gpus":2,"nccl":true}); "" when there is none or it would not fit */
} ds_problem;

/*
 * Checks a rule table: every error the loader finds (not only the first; as
 * many as can be told apart) and, when it loads, every warning (see
 * docs/rules.md). *out is a new array of *n problems (free() it), errors
 * first, then warnings, each in file order.
 * The messages are in lang. Returns
 * DS_OK when the table loads (warnings or not), DS_ERR_RULES when it does
 * not, DS_ERR_IO if the file cannot be read, DS_ERR_NOMEM.
 */
ds_status ds_ruleset_check_mem(const char *buf, size_t len, const char *name, ds_lang lang, ds_problem **out,
                               size_t *n);
ds_status ds_ruleset_check_file(const char *path, ds_lang lang, ds_problem **out, size_t *n);

/*
 * Runs the table's own examples (each rule's: fires or not) and cases (the
 * table's: recommendation, status, fallback). *report is a new text (free()
 * it) with one block per failure, saying what was expected and what came;
 * *passed and *failed count examples and cases.
 */
ds_status ds_ruleset_run_tests(const ds_ruleset *rs, ds_lang lang, char **report, size_t *passed,
                               size_t *failed);

/*
 * The declared word nearest to word among cands (edit distance), or NULL when
 * none is close enough to be a plausible typo. Borrowed from cands.
 */
const char *ds_nearest_word(const char *word, const char *const *cands, size_t n);

#ifdef __cplusplus
}
#endif
#endif
