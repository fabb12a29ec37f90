/* specdata.h: a spec as the library holds it: a value per fact (spec.c). */
#ifndef DS_SPECDATA_H
#define DS_SPECDATA_H

#include "table.h"
#include "ynode.h"

#define DS_ID_INLINE 48 /* ids shorter than this need no allocation */

struct ds_spec {
	const ds_ruleset *rs;
	struct value *v;   /* one per fact */
	int has_id, id_is_num;
	char *id;          /* id text: a string, or a number's JSON text; id_small or malloc'd */
	char id_small[DS_ID_INLINE];
};

/* Fills spec from a YAML mapping of facts; positions in diag come from the nodes. */
ds_status dsi_spec_from_ynode(ds_spec *spec, const struct ynode *map, const char *name, ds_diag *diag);

#endif
