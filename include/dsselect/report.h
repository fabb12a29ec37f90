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
	DS_FORMAT_TEXT = 0,  /* for a person, in the chosen language */
	DS_FORMAT_JSON = 1,  /* one pretty-printed object */
	DS_FORMAT_NDJSON = 2 /* one object on one line */
} ds_format;

/*
 * Renders r into a new NUL-terminated buffer in *out (length in *len when
 * len is not NULL), ending with a newline; free it with free(). lang only
 * affects DS_FORMAT_TEXT: JSON keys and values never depend on it.
 */
ds_status ds_render(const ds_result *r, ds_format fmt, ds_lang lang, char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
