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

#endif
