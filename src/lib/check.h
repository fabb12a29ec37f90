/* check.h: the warnings of a table that loads (check.c). */
#ifndef DS_CHECK_H
#define DS_CHECK_H

#include "diag.h"
#include "table.h"

/*
 * Adds every warning of a table that loads: same-class contradictions that can
 * fire together (with a witness command naming the table as rules_arg, or none
 * for the embedded one), conditions never or always true, masked rules, facts
 * no rule reads, rules without examples. name labels positions.
 */
void check_warnings(const ds_ruleset *rs, const char *name, const char *rules_arg, struct problems *ps);

#endif
