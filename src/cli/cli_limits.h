/*
 * cli_limits.h: the limits of the dsselect command, each with its reason
 * (the library's are in its own src/lib/ds_limits.h; docs/security.md lists
 * both). Passing one is an error that names it.
 */
#ifndef DS_CLI_LIMITS_H
#define DS_CLI_LIMITS_H

/* A spec file (--spec FILE or -, --spec-dir, sweep --spec): read whole before parsing; specs are a few KB. */
#define CLI_MAX_SPEC_SIZE (16u << 20)
/* An NDJSON record (--batch): read whole; a longer line is one error record, skipped, not stored. */
#define CLI_MAX_LINE (1u << 20)
/* dsselect sweep: points per --vary and in all: a sweep is for reading or plotting, not a batch. */
#define CLI_MAX_SWEEP_POINTS 10000
#define CLI_MAX_SWEEP_TOTAL 100000
/* --changes N: a count, not a size; more changes than facts are never listed anyway. */
#define CLI_MAX_CHANGES 1000000
/* --first-line N: below 2^53, so that every JSON reader reads an error record's line number exactly. */
#define CLI_MAX_FIRST_LINE 1000000000000000L

#endif
