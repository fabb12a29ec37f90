/* rulesinfo.h: a table and its specs shown to people (rulesinfo.c). */
#ifndef DS_RULESINFO_H
#define DS_RULESINFO_H

#include "buf.h"
#include "table.h"

/* A spec as people read it: key=value, ... (the facts set, in table order), "(nothing)" (in lang) if none. */
void dsi_spec_line(const ds_ruleset *rs, const ds_spec *s, ds_lang lang, struct buf *b);

#endif
