/* limits.h: every limit of the library in one place, each with its reason. */
#ifndef DS_LIMITS_H
#define DS_LIMITS_H

/* Fact, model and rule sets are bit masks in a uint64_t. */
#define DS_MAX_FACTS 64
#define DS_MAX_MODELS 64
#define DS_MAX_RULES 64
/* Enum and set values are bit masks too. */
#define DS_MAX_VALUES 64
/* Rule tables are shallow; deeper nesting is a mistake or an attack (libyaml has no cap). */
#define DS_MAX_YAML_DEPTH 32
/* Specs are flat objects with at most one list. */
#define DS_MAX_SPEC_DEPTH 4
/* A rule table or spec file larger than this is refused before parsing. */
#define DS_MAX_FILE_SIZE (16u << 20)
/* Integers are exchanged as doubles; beyond 2^53 they are no longer exact. */
#define DS_MAX_EXACT_INT 9007199254740992.0

/* Values tried per fact when looking for what could change a decision (3 per constant). */
#define DS_MAX_CANDS 64
/* Products a fact appears in (a × b compared with k), for its exact boundaries given the other. */
#define DS_MAX_PRODS 8
/* The exhaustive stability search: assignments tried per group of linked unknown facts, distinct
 * outcomes kept, and combinations of groups tried. Past any of them the decision is called unstable. */
#define DS_MAX_WHATIF_ASSIGN 65536
#define DS_MAX_WHATIF_SUBSETS 1024
#define DS_MAX_WHATIF_COMBOS 65536

#endif
