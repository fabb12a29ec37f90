/* facts.h: finding things in a loaded table: a fact by its key, a text in a language (facts.c). */
#ifndef DS_FACTS_H
#define DS_FACTS_H

#include "table.h"

/* A table's text in lang; English when it has no text in lang. */
const char *dsi_rs_text(const struct text *t, ds_lang lang);
/* The fact whose key is the n bytes at key (case-sensitive), or -1. */
long dsi_fact_by_key_n(const ds_ruleset *rs, const char *key, size_t n);
/*
 * The fact whose key is key, or -1 with *near set to the nearest key (or "id",
 * with with_id: a spec's other key) for a typo, else NULL. Facts that failed
 * to load (no key) are never suggested.
 */
long dsi_fact_lookup(const ds_ruleset *rs, const char *key, int with_id, const char **near);
/* The slot of the n bytes at key in the table's key index (rs->key_slot), before probing. */
unsigned dsi_fact_key_hash(const char *s, size_t n);

#endif
