/*
 * ds_limits.h: every limit of the library in one place, each with its reason
 * (the command's own are in src/cli/cli_limits.h; docs/security.md lists
 * both). Passing one is an error that names it.
 */
#ifndef DS_LIMITS_H
#define DS_LIMITS_H

/* Fact, model and rule sets are bit masks in a uint64_t. */
#define DS_MAX_FACTS 64
#define DS_MAX_MODELS 64
#define DS_MAX_RULES 64
/* Enum and set values are bit masks too; a spec's list has at most one item per value. */
#define DS_MAX_VALUES 64
/* Classes are ranked by precedence in a uint64_t mask as well. */
#define DS_MAX_CLASSES 64
/* A table's derivations, each rule's examples and the table's cases: room for every sensible table. */
#define DS_MAX_DERIVES 256
#define DS_MAX_EXAMPLES 256
#define DS_MAX_CASES 4096
/* Constraints (combinations of facts a spec may not give) and notes (warnings a result may carry). */
#define DS_MAX_CONSTRAINTS 64
#define DS_MAX_NOTES 64
/* Rule tables are shallow; deeper nesting is a mistake or an attack (libyaml has no cap). */
#define DS_MAX_YAML_DEPTH 32
/* Specs are flat objects with at most one list. */
#define DS_MAX_SPEC_DEPTH 4
/* A rule table file (ds_ruleset_load_file) larger than this is refused before parsing. */
#define DS_MAX_FILE_SIZE (16u << 20)
/* Integers are exchanged as doubles; beyond 2^53 they are no longer exact. */
#define DS_MAX_EXACT_INT 9007199254740992.0
/* Strings (keys, values, ids, a table's texts) are words or a paragraph; a longer one is a mistake. */
#define DS_MAX_STRING 4096

/* Values tried per fact when looking for what could change a decision (2 or 3 per constant, 3 or 4 per
 * product boundary): a table past it is refused (a rule set with so many thresholds on one fact is a
 * mistake), never searched in part. */
#define DS_MAX_CANDS 256
/* Products a fact appears in (a × b compared with k), for its exact boundaries given the other; a
 * table past it is refused. */
#define DS_MAX_PRODS 8
/* The exhaustive stability search: assignments tried per group of linked unknown facts, distinct
 * outcomes kept, and combinations of groups tried. Past any of them the decision is called unstable. */
#define DS_MAX_WHATIF_ASSIGN 65536
#define DS_MAX_WHATIF_SUBSETS 1024
#define DS_MAX_WHATIF_COMBOS 65536

#endif
