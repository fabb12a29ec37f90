/* input.h: reading a spec file (JSON or YAML) for --spec and --spec-dir. */
#ifndef DS_INPUT_H
#define DS_INPUT_H

#include <dsselect.h>

/*
 * Reads and parses the spec in path ("-": stdin) into a new spec in *out.
 * Returns 0, or an exit status with diag describing what is wrong (its file
 * set, its line 0 when the file could not be read at all); prints nothing.
 */
int cli_read_spec(const ds_ruleset *rs, const char *path, ds_spec **out, ds_diag *diag);

#endif
