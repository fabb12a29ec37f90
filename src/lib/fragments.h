/* fragments.h: what rendering a result copies, made once after loading (fragments.c). */
#ifndef DS_FRAGMENTS_H
#define DS_FRAGMENTS_H

#include "table.h"

/* Renders the JSON of every model id, fact key and value and rule, and the derivations' notes; -1 when
 * memory runs out (ds_ruleset_free() frees what was made). */
int dsi_fragments_make(ds_ruleset *rs);

#endif
