/* input.h: what the command reads: the rule table, and spec files (JSON or YAML) for --spec, --spec-dir and sweep. */
#ifndef DS_INPUT_H
#define DS_INPUT_H

#include <dsselect.h>
#include "options.h"

/*
 * Loads the rule table in path (NULL: the embedded one) into *rs; a fact flag
 * that an option shadows is an error of the table. Returns 0, or the exit
 * status (66, 78) after one message; *rs is the caller's to free either way.
 */
int cli_load_table(const char *path, ds_ruleset **rs);

/*
 * Reads and parses the spec in path ("-": stdin) into a new spec in *out: the
 * one whole-file reader of the command, within CLI_MAX_SPEC_SIZE. Returns 0,
 * or an exit status with diag describing what is wrong (its file set, its
 * line 0 when the file could not be read at all) in diag->lang, and also (when
 * not NULL) the same in also->lang; prints nothing.
 */
int cli_read_spec(const ds_ruleset *rs, const char *path, ds_spec **out, ds_diag *diag, ds_diag *also);

/* c->spec_path read by cli_read_spec(): 0, or its exit status after its message (and a CI report, c->ci). */
int cli_load_spec(const ds_ruleset *rs, const struct cli *c, ds_spec **out);

/* The facts to evaluate: c->spec_path's (cli_load_spec()), c->flags over them. Returns 0 or an exit status. */
int cli_build_spec(const ds_ruleset *rs, const struct cli *c, ds_spec **spec);

/*
 * The facts assembled from their layers (a spec file, flags, --detect) must
 * keep the table's constraints (no GPU, but GPU memory): 0, or 64 when a flag
 * is among the facts that contradict each other, else 65, as for a bad spec,
 * after the message.
 */
int cli_check_layers(const ds_ruleset *rs, const ds_spec *spec, const struct cli *c);

#endif
