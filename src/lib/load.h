/* load.h: the rule table loader (load.c). */
#ifndef DS_LOAD_H
#define DS_LOAD_H

#include "table.h"

/*
 * Builds a rule set from the YAML text buf (len bytes) named name in
 * positions; the renderer's fragments are not made (fragments.h). On an
 * error, diag has the first; with all not NULL every error is collected in
 * *all (*nall of them; free() it), the loader going on to the next fact,
 * derivation or rule.
 */
ds_status dsi_table_load(const char *buf, size_t len, const char *name, ds_ruleset **out, ds_diag *diag,
                     ds_diag **all, size_t *nall);

#endif
