/* dsselect/status.h: status codes and located diagnostics of the dsselect library. */
#ifndef DSSELECT_STATUS_H
#define DSSELECT_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ds_status {
	DS_OK = 0,
	DS_ERR_NOMEM,   /* an allocation failed */
	DS_ERR_IO,      /* a file could not be opened or read */
	DS_ERR_RULES,   /* the rule table is invalid */
	DS_ERR_SPEC,    /* a workload spec (JSON/YAML text) is invalid */
	DS_ERR_VALUE,   /* a single fact value (e.g. from a flag) is invalid */
	DS_ERR_UNKNOWN, /* no such fact, key or flag */
	DS_ERR_ARG      /* an argument to the API is invalid (a caller bug) */
} ds_status;

/* Static English text for a status; never NULL. */
const char *ds_status_str(ds_status st);

/* The language of text for people: messages, reasons, headings. */
typedef enum ds_lang { DS_LANG_EN = 0, DS_LANG_ZH = 1 } ds_lang;
#define DS_NLANG 2

/*
 * Where and what went wrong. Filled, never printed, by the library.
 * line and col are 1-based; 0 means "no position" (e.g. a flag value).
 * msg never contains the location; ds_diag_format() puts both together.
 * The location's own punctuation (FILE:LINE:COLUMN: ) is the same in every
 * language, so that editors and CI runners can read it.
 */
typedef struct ds_diag {
	char file[256];  /* input name: a path, "<stdin>", "<flag>", ... */
	unsigned line, col;
	char key[64];    /* the spec key or fact concerned, "" when none */
	char msg[1024];
	/*
	 * Set by the caller before the call: the language msg is written in.
	 * A zeroed diag is English. The library never changes it.
	 */
	ds_lang lang;
} ds_diag;

/*
 * Formats d as "FILE:LINE:COLUMN: msg" (or "FILE: msg" without a line) into
 * buf of size n, always NUL-terminated. Returns buf.
 */
char *ds_diag_format(const ds_diag *d, char *buf, size_t n);

/*
 * Copies src into dst (size n, always NUL-terminated) with control characters
 * and invalid UTF-8 escaped (\n, \t, \xNN), so that text from any input
 * prints as one line. Returns dst.
 */
char *ds_text_clean(char *dst, size_t n, const char *src);

#ifdef __cplusplus
}
#endif
#endif
