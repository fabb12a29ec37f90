/* testutil.h: fixtures shared by the cmocka tests: the default table, and specs from "key=value" pairs.
 * Included by one test program each (the functions are static). */
#ifndef DS_TESTUTIL_H
#define DS_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>
#include <dsselect.h>

static ds_ruleset *rs;

static int setup_rules(void **state)
{
	ds_diag diag;

	(void)state;
	memset(&diag, 0, sizeof diag);
	if (ds_ruleset_load_default(&rs, &diag) != DS_OK) {
		fprintf(stderr, "cannot load the default table: %s\n", diag.msg);
		return -1;
	}
	return 0;
}

static int teardown_rules(void **state)
{
	(void)state;
	ds_ruleset_free(rs);
	rs = NULL;
	return 0;
}

/* A spec from "key=value" pairs (NULL-terminated); "key" alone sets a boolean true. */
__attribute__((unused)) static ds_spec *spec_of(const char *first, ...)
{
	ds_spec *spec = NULL;
	ds_diag diag;
	va_list ap;
	const char *kv;

	assert_int_equal(ds_spec_new(rs, &spec), DS_OK);
	va_start(ap, first);
	for (kv = first; kv != NULL; kv = va_arg(ap, const char *)) {
		char key[64];
		const char *eq = strchr(kv, '=');
		memset(&diag, 0, sizeof diag);
		if (eq == NULL) {
			if (ds_spec_set_bool(spec, kv, 1, &diag) != DS_OK)
				fail_msg("setting %s: %s", kv, diag.msg);
			continue;
		}
		assert_true((size_t)(eq - kv) < sizeof key);
		memcpy(key, kv, (size_t)(eq - kv));
		key[eq - kv] = '\0';
		if (ds_spec_set_text(spec, key, eq + 1, &diag) != DS_OK)
			fail_msg("setting %s: %s", kv, diag.msg);
	}
	va_end(ap);
	return spec;
}

/* Parses all of s as one JSON value (nothing after it but whitespace). */
__attribute__((unused)) static cJSON *parse_all(const char *s)
{
	const char *end = NULL;
	cJSON *j = cJSON_ParseWithOpts(s, &end, 1);

	if (j == NULL)
		fail_msg("not JSON near: %.60s", end ? end : s);
	return j;
}

#include "cjk.h"

#include "whatif_check.h"

#endif
