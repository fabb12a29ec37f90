/* json.h: the strict JSON scanner that stands in front of cJSON (json.c); spec.c walks cJSON's tree. */
#ifndef DS_JSON_H
#define DS_JSON_H

#include <stddef.h>

#include "ds_limits.h"

#define DSI_JSON_MAX_ITEMS DS_MAX_VALUES /* array items a fact takes; more are only counted */

/* Where one member of the top-level object is: byte offsets into the text scanned. */
struct dsi_json_member {
	size_t key_off, key_len; /* its key, quotes included */
	int key_escaped;         /* the key has an escape: its decoded length is not key_len - 2 */
	size_t val_off, val_len; /* its value, as written */
};

/* Members recorded without allocating: a valid spec has at most one per fact and the id. */
#define DSI_JSON_INLINE (DS_MAX_FACTS + 2)

/* A limit a syntax error passed: nesting deeper than max_depth, a string longer than DS_MAX_STRING once
 * decoded (at its opening quote). */
enum dsi_json_limit { DSI_JSON_NO_LIMIT, DSI_JSON_TOO_DEEP, DSI_JSON_TOO_LONG };

struct dsi_json_scan {
	size_t start, end;   /* the value, without a byte order mark and the blanks around it */
	size_t n;            /* members of the top-level object, in order (on a syntax error: those complete) */
	struct dsi_json_member *m; /* inline, or malloc'd past DSI_JSON_INLINE */
	size_t cap;
	size_t err_off;      /* a syntax error: where */
	const char *err_msg, *err_msg_zh; /* and what: a message of msgtext.h, in English and Chinese */
	enum dsi_json_limit err_limit;    /* or a limit passed, which the caller words with its value */
	struct dsi_json_member inline_m[DSI_JSON_INLINE];
};

/*
 * Validates buf strictly in one pass (RFC 8259 and the contract's rules: see
 * json.c), nested at most max_depth deep, and records where each member of the
 * top-level object is. Returns 0 for an object, which cJSON can then parse
 * from start to end; -1 on a syntax error (err_off, err_msg, err_limit); -2 when memory
 * ran out; -3 when the text is valid JSON but not an object. Free s with
 * dsi_json_scan_free() whatever it returned.
 */
int dsi_json_scan(const char *buf, size_t len, unsigned max_depth, struct dsi_json_scan *s);
void dsi_json_scan_free(struct dsi_json_scan *s);


/* Whether s is a JSON number as RFC 8259 writes it (no '+', no leading zeros). */
int dsi_json_number(const char *s);
/* Whether the JSON number text s (n bytes) has a non-zero digit before its exponent. */
int dsi_json_nonzero(const char *s, size_t n);

#endif
