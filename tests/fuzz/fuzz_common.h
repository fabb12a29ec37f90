/* fuzz_common.h: what the fuzz targets share: the embedded rule table, loaded once, and output checks. */
#ifndef DS_FUZZ_COMMON_H
#define DS_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include <dsselect.h>

/* A failed check: print why and abort, so that libFuzzer keeps the input. */
#define FUZZ_CHECK(cond, what)                                                                   \
	do {                                                                                     \
		if (!(cond)) {                                                                   \
			fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", what, __FILE__, __LINE__); \
			abort();                                                                 \
		}                                                                                \
	} while (0)

/* The embedded table: loaded on first use and kept for the whole run (test code: the library has no globals). */
static inline const ds_ruleset *fuzz_rules(void)
{
	static ds_ruleset *rs;
	ds_diag d;

	if (rs == NULL) {
		memset(&d, 0, sizeof d);
		if (ds_ruleset_load_default(&rs, &d) != DS_OK) {
			fprintf(stderr, "cannot load the embedded table: %s\n", d.msg);
			abort();
		}
	}
	return rs;
}

/* Evaluates spec and checks what every result must satisfy: JSON that parses, one of recommendation and fallback. */
static inline void fuzz_evaluate(const ds_ruleset *rs, const ds_spec *spec, long changes)
{
	ds_result *res = NULL;
	char *out = NULL;
	size_t len = 0;
	cJSON *j;
	const cJSON *rec, *fb;

	FUZZ_CHECK(ds_evaluate_ex(rs, spec, changes, &res) == DS_OK && res, "a spec that was read evaluates");
	FUZZ_CHECK(ds_render(res, DS_FORMAT_NDJSON, DS_LANG_EN, &out, &len) == DS_OK, "the result renders");
	FUZZ_CHECK(len > 0 && out[len - 1] == '\n' && memchr(out, '\n', len - 1) == NULL, "NDJSON is one line");
	j = cJSON_ParseWithLength(out, len);
	FUZZ_CHECK(j != NULL, "the result is JSON");
	rec = cJSON_GetObjectItemCaseSensitive(j, "recommendation");
	fb = cJSON_GetObjectItemCaseSensitive(j, "fallback");
	FUZZ_CHECK(cJSON_IsString(rec) != cJSON_IsString(fb), "exactly one of recommendation and fallback");
	cJSON_Delete(j);
	free(out);
	FUZZ_CHECK(ds_render(res, DS_FORMAT_TEXT, DS_LANG_ZH, &out, &len) == DS_OK, "the result renders as text");
	free(out);
	ds_result_free(res);
}

#endif
