/* dsselect/report.h: render a result as text for people or as JSON for programs. */
#ifndef DSSELECT_REPORT_H
#define DSSELECT_REPORT_H

#include <stddef.h>
#include <dsselect/status.h>
#include <dsselect/ruleset.h>
#include <dsselect/eval.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ds_format {
	DS_FORMAT_TEXT = 0,   /* for a person, in the chosen language */
	DS_FORMAT_JSON = 1,   /* one pretty-printed object */
	DS_FORMAT_NDJSON = 2, /* one object on one line */
	DS_FORMAT_TSV = 3,    /* id, model, status, refs: tab-separated, "-" for an empty field */
	DS_FORMAT_VALUE = 4   /* the model alone (the fallback on conflict) */
} ds_format;

/*
 * Flags of ds_render_ex() and ds_render_append_ex(); 0 renders as ds_render().
 *
 * DS_RENDER_EXPLAIN: every rule of the table, fired or not, with each
 * condition leaf evaluated against the result's facts (no short-circuit):
 * a section "Every rule:" ("全部规则:") after the text, a key "trace" at the
 * end of the JSON/NDJSON object (see docs/output.md). TSV and value ignore it.
 */
#define DS_RENDER_EXPLAIN 1u
/*
 * DS_RENDER_COLOR: DS_FORMAT_TEXT with ANSI colors, for a terminal: the
 * recommendation green, a conflict red, a default yellow, each rule's ref
 * cyan and a rule set aside (overridden, contradicted, moot) dim.
 */
#define DS_RENDER_COLOR 2u
/* DS_RENDER_NO_ID: DS_FORMAT_TEXT without its "Workload: ID" line (a report that names the workload itself). */
#define DS_RENDER_NO_ID 4u

/*
 * As ds_render(), appending to a buffer the caller owns and reuses: *buf
 * (malloc'd, or NULL with *cap 0) holds *len bytes in *cap; it is grown with
 * realloc() as needed and stays NUL-terminated. On DS_ERR_NOMEM, *len is
 * unchanged. Free *buf with free().
 */
ds_status ds_render_append(const ds_result *r, ds_format fmt, ds_lang lang, char **buf, size_t *len,
                           size_t *cap);
/* As ds_render_append(), with flags (DS_RENDER_*). */
ds_status ds_render_append_ex(const ds_result *r, ds_format fmt, ds_lang lang, unsigned flags, char **buf,
                              size_t *len, size_t *cap);

/* The header line of DS_FORMAT_TSV, with its newline; static storage. */
const char *ds_tsv_header(void);

/*
 * Renders r into a new NUL-terminated buffer in *out (length in *len when
 * len is not NULL), ending with a newline; free it with free(). lang only
 * affects DS_FORMAT_TEXT: JSON keys and values never depend on it.
 */
ds_status ds_render(const ds_result *r, ds_format fmt, ds_lang lang, char **out, size_t *len);
/* As ds_render(), with flags (DS_RENDER_*): ds_render() is ds_render_ex() with flags 0. */
ds_status ds_render_ex(const ds_result *r, ds_format fmt, ds_lang lang, unsigned flags, char **out,
                       size_t *len);

/*
 * Renders a bad batch record, described by d (its column and message), at
 * input line `line`, with its id if it could be read (NULL if not; id_is_num:
 * a JSON number), in fmt, into a new buffer in *out (free() it): NDJSON/JSON
 * {"line": N, "column": C, "error": "...", "id": ...}, a TSV row with status
 * "error", "-" for DS_FORMAT_VALUE, a sentence for text. line 0: the error is
 * at no line (a file that could not be read): "line" and "column" are left out.
 */
ds_status ds_render_error(const ds_diag *d, unsigned long line, const char *id, int id_is_num, ds_format fmt,
                          char **out, size_t *len);

/*
 * A rule table described: which NULL lists every rule, one line each (text) or
 * one object each (JSON array); which a ref, rule id or label shows that rule (every
 * rule with that ref) in full: condition, reason and evidence in lang,
 * examples. DS_ERR_UNKNOWN when no rule has that ref or id. *out as ds_render().
 */
ds_status ds_render_rules(const ds_ruleset *rs, ds_format fmt, ds_lang lang, const char *which, char **out,
                          size_t *len);

/*
 * Problems from ds_ruleset_check_*(): "FILE:LINE:COLUMN: error|warning: message" lines, or a JSON array.
 * A contradiction's message ends "; both fire with: " and its witness as witness_text[i] gives it (the
 * dsselect command spelled from the witness's facts, for instance), or as the JSON of its facts when
 * witness_text is NULL; "(a command too long to show)" when there is none. The text is in the language
 * of each problem's message (its diag.lang: the lang of ds_ruleset_check_*()): in Chinese
 * "FILE:LINE:COLUMN: 错误：message" (警告 for a warning), the location as in English. JSON's own words
 * never change: give it problems checked in English for an English document.
 */
ds_status ds_render_problems(const ds_problem *ps, size_t n, ds_format fmt, const char *const *witness_text,
                             char **out, size_t *len);

/* The shortest decimal text that reads back as v (12, 0.1, 1e+300), as every output of the library writes
 * numbers; at most 32 bytes with its NUL. */
void ds_num_text(double v, char *out, size_t n);

#ifdef __cplusplus
}
#endif
#endif
