/* json.h: the strict JSON reader of specs (json.c). */
#ifndef DS_JSON_H
#define DS_JSON_H

#include <stddef.h>
#include "ds_limits.h"

#define JSON_MAX_ITEMS DS_MAX_VALUES /* array items decoded; more are only counted */
enum jv_kind { JV_STR, JV_NUM, JV_TRUE, JV_FALSE, JV_NULL, JV_ARRAY, JV_OBJECT };
struct jmember {
	const char *key;      /* decoded, NUL-terminated */
	size_t key_len, key_off; /* key_off: the offset of its opening quote */
	enum jv_kind kind;
	const char *str;      /* JV_STR, decoded */
	size_t str_len;
	double num;           /* JV_NUM */
	int nonfinite;
	size_t num_off, num_len; /* JV_NUM: where its text is */
	const char **items;   /* JV_ARRAY: decoded strings, NULL for other items */
	size_t nitems;        /* all items, even those past JSON_MAX_ITEMS */
};
/* Called for each member of the object; non-zero stops the read (out of memory). */
typedef int (*json_member_fn)(void *ctx, const struct jmember *m);
/*
 * Reads buf as exactly one JSON object (RFC 8259, strictly: see json.c), nested
 * at most max_depth deep, calling fn for each member in order. Returns 0; -1 on
 * a syntax error, with its byte offset and a static message; -2 when fn stopped
 * it or memory ran out; -3 when the text is valid JSON but not an object.
 * Strings passed to fn live until it returns.
 */
int json_read_object(const char *buf, size_t len, unsigned max_depth, json_member_fn fn, void *ctx,
                     size_t *err_off, const char **err_msg);
/* The *err_msg of a limit passed (nesting deeper than max_depth, a string longer than DS_MAX_STRING,
 * at its opening quote): the caller says which limit, with its value. */
extern const char json_too_deep[], json_too_long[];
/* Whether s is a JSON number as RFC 8259 writes it (no '+', no leading zeros). */
int json_number(const char *s);

#endif
