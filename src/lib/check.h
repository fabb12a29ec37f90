/* check.h: the warnings of a table that loads (check.c). */
#ifndef DS_CHECK_H
#define DS_CHECK_H

#include "diag.h"
#include "table.h"

/*
 * Adds every warning of a table that loads: same-class contradictions that can
 * fire together (with a witness: the facts of a spec that fires both, as JSON),
 * conditions never or always true, masked rules, facts no rule reads, rules
 * without examples. name labels positions.
 */
void dsi_check_warnings(const ds_ruleset *rs, const char *name, struct problems *ps);

#endif
