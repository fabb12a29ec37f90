/* dsselect/spec.h: the facts of one workload, from JSON or YAML text or from flags. */
#ifndef DSSELECT_SPEC_H
#define DSSELECT_SPEC_H

#include <stddef.h>
#include <dsselect/status.h>
#include <dsselect/ruleset.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A workload spec: a value (or nothing) for each fact of one rule set, and an optional id. */
typedef struct ds_spec ds_spec;

/*
 * Returns a new, empty spec for the facts of rs in *out; free it with
 * ds_spec_free(). rs is borrowed and must outlive the spec.
 */
ds_status ds_spec_new(const ds_ruleset *rs, ds_spec **out);

/* Frees a spec; NULL is a no-op. */
void ds_spec_free(ds_spec *spec);

/* Forgets every value and the id, so that the spec can be filled again; NULL is a no-op. */
void ds_spec_clear(ds_spec *spec);

/*
 * Parses a flat JSON object (first non-blank byte '{') or YAML mapping from
 * len bytes at buf into a new spec in *out (free with ds_spec_free()). name
 * names the input in diagnostics. Unknown keys, wrong types, values out of
 * range, non-finite numbers, duplicate keys and facts that break one of the
 * table's constraints (ds_spec_check()) are DS_ERR_SPEC with the position in
 * diag. buf is borrowed for the call only.
 */
ds_status ds_spec_parse(const ds_ruleset *rs, const char *buf, size_t len,
                        const char *name, ds_spec **out, ds_diag *diag);
ds_status ds_spec_parse_json(const ds_ruleset *rs, const char *buf, size_t len,
                             const char *name, ds_spec **out, ds_diag *diag);
/*
 * As ds_spec_parse_json(), into an existing spec (cleared first), so that a
 * loop over many records allocates nothing per record. On error the spec
 * keeps only its id, when that could be read (a batch echoes it in the error record).
 */
ds_status ds_spec_read_json(ds_spec *spec, const char *buf, size_t len, const char *name, ds_diag *diag);
ds_status ds_spec_parse_yaml(const ds_ruleset *rs, const char *buf, size_t len,
                             const char *name, ds_spec **out, ds_diag *diag);

/*
 * Sets fact key (e.g. "gpu_mem") from text as given on a command line: a
 * number, an integer, an enum value, a comma-separated list for sets,
 * "true"/"false" for booleans. DS_ERR_UNKNOWN for no such fact, DS_ERR_VALUE
 * for a bad value; diag->msg then says what is wrong and, for a typo, the
 * nearest valid word. text is copied.
 */
ds_status ds_spec_set_text(ds_spec *spec, const char *key, const char *text, ds_diag *diag);

/* Sets a boolean fact; DS_ERR_UNKNOWN / DS_ERR_VALUE as above. */
ds_status ds_spec_set_bool(ds_spec *spec, const char *key, int value, ds_diag *diag);

/*
 * Sets the id echoed in the result: a string (copied; DS_ERR_VALUE unless
 * valid UTF-8) or, when is_number, a number (DS_ERR_VALUE unless one).
 */
ds_status ds_spec_set_id(ds_spec *spec, const char *text, int is_number);

/*
 * Checks spec against the table's constraints: combinations of facts that
 * cannot hold together (in the default table, gpus 0 with gpu_mem above 0, or
 * gpu_mem 0 with gpus above 0). The parsers check every spec they read; a spec
 * assembled from layers (a file, flags, --detect) is checked again once
 * complete. DS_OK, or DS_ERR_SPEC with diag->msg naming the facts, their
 * values and why ("gpus 0 and gpu_mem 80 contradict each other: ...") and
 * diag->key the constraint's id. A fact also set in flags (may be NULL) is
 * named as its flag ("--gpus 0"), and *by_flag (may be NULL) says whether one
 * was. diag may be NULL.
 */
ds_status ds_spec_check(const ds_spec *spec, const ds_spec *flags, int *by_flag, ds_diag *diag);

/* Copies every fact set in over (and its id, if any) into dst: over wins. */
ds_status ds_spec_merge(ds_spec *dst, const ds_spec *over);

/*
 * Copies into dst every fact set in defaults that dst lacks: dst wins. A
 * default that would contradict dst's facts under the table's constraints
 * (ds_spec_check()) is left out too: a record's gpus 0 is not given the
 * defaults' gpu_mem. The id is not copied.
 */
ds_status ds_spec_fill(ds_spec *dst, const ds_spec *defaults);

/* The spec's id (borrowed; NULL if none); *is_number (if not NULL) says if it is a JSON number. */
const char *ds_spec_id(const ds_spec *spec, int *is_number);

/*
 * Marks every value now set as detected on the machine (dsselect --detect):
 * the JSON result lists those, where no flag or spec overrode them, under
 * "detected". Values set later are not marked.
 */
void ds_spec_mark_detected(ds_spec *spec);

/* Whether the spec has no value and no id. */
int ds_spec_is_empty(const ds_spec *spec);

/* Whether fact key has been given a value (booleans included). */
int ds_spec_has(const ds_spec *spec, const char *key);

/* Forgets fact key's value: unknown again (false for a boolean). DS_ERR_UNKNOWN for no such fact. */
ds_status ds_spec_unset(ds_spec *spec, const char *key);

#ifdef __cplusplus
}
#endif
#endif
