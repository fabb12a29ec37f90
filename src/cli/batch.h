/* batch.h: --batch: NDJSON specs in, one result line per record out, streaming. */
#ifndef DS_BATCH_H
#define DS_BATCH_H

#include <dsselect.h>
#include "options.h"
#include "cli_limits.h" /* CLI_MAX_LINE */

/* Input is read, and output written, in blocks of this size. */
#define DS_IO_BLOCK (256u << 10)

/* --format junit keeps at most this many bytes of testcases in memory; the rest wait in a temporary file. */
#define DS_JUNIT_SPILL (1u << 20)

/* Progress is shown on a terminal once a run has taken this many seconds. */
#define DS_PROGRESS_AFTER 1.0

/*
 * Runs a batch: reads c->batch_path (NULL or "-": stdin), evaluates each
 * non-blank line over the defaults in base, writes one result per record.
 * Returns the exit status: the most severe of the records (65 > 2 > 1 > 0),
 * 66 if the input cannot be opened, 74 if the output cannot be written.
 */
int cli_run_batch(const ds_ruleset *rs, const ds_spec *base, const struct cli *c);

/*
 * The same loop on open descriptors: reads in_fd to its end, writes to out_fd,
 * names the input name in messages. Neither descriptor is closed. (The fuzz
 * target runs it on in-memory files.)
 */
int cli_run_batch_fd(const ds_ruleset *rs, const ds_spec *base, const struct cli *c, int in_fd, int out_fd,
                 const char *name);

/*
 * One result already evaluated (single mode), written in a CI format
 * (c->ci): source names where the spec came from (its file, or "flags").
 * Returns the exit status.
 */
int cli_run_single(const ds_ruleset *rs, const ds_spec *spec, const ds_result *res, const struct cli *c,
               const char *source);

/*
 * An input that could not be read or parsed (d says why and where), as the
 * contract's message on stderr; in a CI format (c->ci) also as a report of
 * one error, named source (file: where to annotate, may be NULL). Returns
 * code, or 74 when the report cannot be written.
 */
int cli_run_failed_input(const ds_ruleset *rs, const struct cli *c, const ds_diag *d, const char *source,
                     const char *file, int code);

/* --summary after one spec, evaluated in res and already written (not a CI format). */
void cli_run_summary_single(const ds_ruleset *rs, const ds_result *res, const struct cli *c);

/*
 * --spec-dir: every *.json, *.yaml and *.yml file of c->spec_dir (sorted,
 * not hidden, not recursive) is one record: the flags in over override it,
 * under (detected facts; may be NULL) fills what it leaves unset. A file
 * without an id is named by its path. Returns the exit status, the most
 * severe of the records (66 > 65 > 2 > 1 > 0; 66 also when there is none).
 */
int cli_run_spec_dir(const ds_ruleset *rs, const ds_spec *over, const ds_spec *under, const struct cli *c);

#endif
