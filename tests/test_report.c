/* test_report.c: ds_render of results of the default table, as JSON, NDJSON and text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>
#include <dsselect.h>

#include "testutil.h"

/* ---- fixtures ---- */


static ds_result *eval_spec(ds_spec *spec)
{
	ds_result *res = NULL;

	assert_int_equal(ds_evaluate(rs, spec, &res), DS_OK);
	check_whatif(rs, spec, res);
	assert_non_null(res);
	return res;
}

static char *render(const ds_result *res, ds_format fmt, ds_lang lang, size_t *lenp)
{
	char *out = NULL;
	size_t len = (size_t)-1;

	assert_int_equal(ds_render(res, fmt, lang, &out, &len), DS_OK);
	assert_non_null(out);
	assert_int_equal(len, strlen(out));
	assert_true(len > 0);
	assert_int_equal(out[len - 1], '\n');
	if (lenp)
		*lenp = len;
	return out;
}



/* ---- the scenarios: one spec per status and kind of conflict ---- */

enum scen { S_CONFLICT, S_RECOMMENDED, S_DEFAULT, S_CONTRADICTION, S_WARNING, S_NSCEN };

static ds_spec *scenario(enum scen s)
{
	switch (s) {
	case S_CONFLICT: return spec_of("gpu_mem=12", "task=contract-extraction", NULL);
	case S_RECOMMENDED:
		return spec_of("gpus=4", "gpu_mem=24", "nccl=true", "task=contract-extraction", NULL);
	case S_DEFAULT: return spec_of("task=general", NULL);
	case S_CONTRADICTION:
		return spec_of("avg_tokens=100", "p99_ms=50", "concurrency=300", "input_tokens=600", NULL);
	case S_WARNING: return spec_of("gpu_model=t4", "task=intent-classification", NULL);
	default: break;
	}
	fail_msg("no scenario %d", (int)s);
	return NULL;
}

static const char *const want_status[S_NSCEN] = {"conflict", "recommended", "default", "conflict", "recommended"};

static const char *const top_keys[] = {"recommendation", "status", "fallback", "model", "scores",
                                       "candidates", "reasons", "conflicts", "missing", "stable", "changes", "warnings", "facts",
                                       "fallback_by"};
#define NTOP (sizeof top_keys / sizeof top_keys[0])

static void assert_top_keys(const cJSON *doc, int with_id)
{
	const cJSON *it;
	size_t i = 0;

	assert_true(cJSON_IsObject(doc));
	it = doc->child;
	if (with_id) {
		assert_non_null(it);
		assert_string_equal(it->string, "id");
		it = it->next;
	}
	for (; it != NULL; it = it->next, i++) {
		if (i >= NTOP)
			fail_msg("unexpected extra top-level key '%s'", it->string);
		if (strcmp(it->string, top_keys[i]) != 0)
			fail_msg("top-level key %zu is '%s', want '%s'", i, it->string, top_keys[i]);
	}
	assert_int_equal(i, NTOP);
}

static void assert_str_or_null(const cJSON *j, const char *want)
{
	assert_non_null(j);
	if (want == NULL) {
		assert_true(cJSON_IsNull(j));
	} else {
		assert_true(cJSON_IsString(j));
		assert_string_equal(j->valuestring, want);
	}
}

/* Checks one parsed result against the ds_result it came from. */
static void check_doc(const cJSON *doc, const ds_result *res, enum scen s)
{
	const cJSON *reasons, *r, *scores, *missing, *warnings;
	size_t i, m;

	assert_top_keys(doc, 0);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(doc, "status")->valuestring, want_status[s]);
	assert_string_equal(want_status[s], ds_outcome_str(ds_result_outcome(res)));
	assert_str_or_null(cJSON_GetObjectItemCaseSensitive(doc, "recommendation"), ds_result_recommendation(res));
	assert_str_or_null(cJSON_GetObjectItemCaseSensitive(doc, "fallback"), ds_result_fallback(res));
	if (!strcmp(want_status[s], "conflict")) {
		assert_null(ds_result_recommendation(res));
		assert_string_equal(ds_result_fallback(res), "V1");
	} else {
		assert_non_null(ds_result_recommendation(res));
	}

	scores = cJSON_GetObjectItemCaseSensitive(doc, "scores");
	assert_true(cJSON_IsObject(scores));
	assert_int_equal(cJSON_GetArraySize(scores), (int)ds_ruleset_model_count(rs));
	for (m = 0; m < ds_ruleset_model_count(rs); m++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(scores, ds_ruleset_model_id(rs, m));
		assert_true(cJSON_IsNumber(v));
		assert_true(v->valuedouble == ds_result_score(res, m));
	}

	reasons = cJSON_GetObjectItemCaseSensitive(doc, "reasons");
	assert_true(cJSON_IsArray(reasons));
	assert_int_equal(cJSON_GetArraySize(reasons), (int)ds_result_reason_count(res));
	i = 0;
	cJSON_ArrayForEach(r, reasons) {
		static const char *const str_keys[] = {"source", "rule", "class", "effect", "model", "message"};
		const cJSON *ob = cJSON_GetObjectItemCaseSensitive(r, "overridden_by");
		size_t k;
		assert_true(cJSON_IsObject(r));
		for (k = 0; k < sizeof str_keys / sizeof str_keys[0]; k++) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(r, str_keys[k]);
			if (!cJSON_IsString(v) || v->valuestring[0] == '\0')
				fail_msg("reasons[%zu].%s is not a non-empty string", i, str_keys[k]);
		}
		assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "source")->valuestring,
		                    ds_result_reason_ref(res, i));
		assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "rule")->valuestring,
		                    ds_result_reason_rule(res, i));
		assert_non_null(ob);
		assert_true(cJSON_IsNull(ob) || cJSON_IsString(ob));
		if (ds_result_reason_state(res, i) == DS_OVERRIDDEN)
			assert_true(cJSON_IsString(ob));
		if (ds_result_reason_state(res, i) == DS_APPLIED)
			assert_true(cJSON_IsNull(ob));
		i++;
	}

	missing = cJSON_GetObjectItemCaseSensitive(doc, "missing");
	assert_true(cJSON_IsArray(missing));
	assert_int_equal(cJSON_GetArraySize(missing), (int)ds_result_missing_count(res));
	for (i = 0; i < ds_result_missing_count(res); i++)
		assert_string_equal(cJSON_GetArrayItem(missing, (int)i)->valuestring, ds_result_missing(res, i));
	warnings = cJSON_GetObjectItemCaseSensitive(doc, "warnings");
	assert_true(cJSON_IsArray(warnings));
	assert_int_equal(cJSON_GetArraySize(warnings), (int)ds_result_warning_count(res));
	cJSON_ArrayForEach(r, warnings)
		assert_true(cJSON_IsString(r));
}

/* ---- tests ---- */

/* JSON and NDJSON of every scenario parse, carry the same tree and the contract's keys. */
static void test_json_and_ndjson_parse(void **state)
{
	enum scen s;

	(void)state;
	for (s = 0; s < S_NSCEN; s++) {
		ds_spec *spec = scenario(s);
		ds_result *res = eval_spec(spec);
		size_t jl, nl;
		char *json = render(res, DS_FORMAT_JSON, DS_LANG_EN, &jl);
		char *nd = render(res, DS_FORMAT_NDJSON, DS_LANG_EN, &nl);
		cJSON *jd = parse_all(json), *nd_doc = parse_all(nd);

		/* NDJSON: exactly one line, ending in '\n' */
		assert_null(memchr(nd, '\n', nl - 1));
		assert_null(memchr(nd, '\r', nl));
		/* pretty JSON: several lines, one value */
		assert_non_null(memchr(json, '\n', jl - 1));
		assert_true(cJSON_Compare(jd, nd_doc, 1));
		check_doc(jd, res, s);
		check_doc(nd_doc, res, s);

		cJSON_Delete(jd);
		cJSON_Delete(nd_doc);
		free(json);
		free(nd);
		ds_result_free(res);
		ds_spec_free(spec);
	}
}

/* The conflict of the contract: 2.2 is overridden by 1.1, 1.1 stands. */
static void test_conflict_reasons(void **state)
{
	ds_spec *spec = scenario(S_CONFLICT);
	ds_result *res = eval_spec(spec);
	char *nd = render(res, DS_FORMAT_NDJSON, DS_LANG_EN, NULL);
	cJSON *doc = parse_all(nd), *r;
	int seen11 = 0, seen22 = 0;

	(void)state;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(doc, "reasons")) {
		const char *src = cJSON_GetObjectItemCaseSensitive(r, "source")->valuestring;
		const cJSON *ob = cJSON_GetObjectItemCaseSensitive(r, "overridden_by");
		if (!strcmp(src, "1.1")) {
			seen11 = 1;
			assert_true(cJSON_IsNull(ob));
			assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "class")->valuestring, "feasibility");
			assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "effect")->valuestring, "forbid");
			assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "model")->valuestring, "V2");
		} else if (!strcmp(src, "2.2")) {
			seen22 = 1;
			assert_true(cJSON_IsString(ob));
			assert_string_equal(ob->valuestring, "1.1");
			assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "rule")->valuestring,
			                    "task-contract-extraction");
			assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "class")->valuestring, "quality");
			assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "effect")->valuestring, "require");
		}
	}
	assert_true(seen11 && seen22);
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(doc, "recommendation")));
	cJSON_Delete(doc);
	free(nd);
	ds_result_free(res);
	ds_spec_free(spec);
}

/* JSON keys and values never change with the language. */
static void test_json_same_in_every_language(void **state)
{
	enum scen s;
	ds_format f;

	(void)state;
	for (s = 0; s < S_NSCEN; s++) {
		ds_spec *spec = scenario(s);
		ds_result *res = eval_spec(spec);
		for (f = DS_FORMAT_JSON; f <= DS_FORMAT_NDJSON; f++) {
			size_t le, lz;
			char *en = render(res, f, DS_LANG_EN, &le);
			char *zh = render(res, f, DS_LANG_ZH, &lz);
			assert_int_equal(le, lz);
			assert_memory_equal(en, zh, le);
			free(en);
			free(zh);
		}
		ds_result_free(res);
		ds_spec_free(spec);
	}
}

/* Text differs by language; Chinese text has Chinese, English text none. */
static void test_text_languages(void **state)
{
	enum scen s;

	(void)state;
	for (s = 0; s < S_NSCEN; s++) {
		ds_spec *spec = scenario(s);
		ds_result *res = eval_spec(spec);
		char *en = render(res, DS_FORMAT_TEXT, DS_LANG_EN, NULL);
		char *zh = render(res, DS_FORMAT_TEXT, DS_LANG_ZH, NULL);
		assert_string_not_equal(en, zh);
		assert_true(has_cjk(zh));
		if (s == S_CONFLICT || s == S_CONTRADICTION) {
			/* no fact help (which may quote 等保) is listed: all English */
			assert_false(has_cjk(en));
			assert_non_null(strstr(zh, "冲突"));
			assert_non_null(strstr(en, "Conflict"));
			assert_true(strncmp(en, "Conflict", 8) == 0);
			assert_true(strncmp(zh, "冲突", strlen("冲突")) == 0);
		} else {
			assert_true(strncmp(en, "Recommendation: ", 16) == 0);
			assert_true(strncmp(zh, "推荐", strlen("推荐")) == 0);
		}
		free(en);
		free(zh);
		ds_result_free(res);
		ds_spec_free(spec);
	}
}

/* Every fired rule's ref appears in brackets in the text. */
static void test_text_lists_refs(void **state)
{
	enum scen s;
	size_t i;

	(void)state;
	for (s = 0; s < S_NSCEN; s++) {
		ds_spec *spec = scenario(s);
		ds_result *res = eval_spec(spec);
		char *txt = render(res, DS_FORMAT_TEXT, DS_LANG_EN, NULL);
		for (i = 0; i < ds_result_reason_count(res); i++) {
			char ref[96];
			/* by label: two rules citing one ref (1.2) are told apart by their ids */
			const char *lab = ds_result_reason_label(res, i), *id = ds_result_reason_rule(res, i);
			size_t k, shared = 0;
			for (k = 0; k < ds_ruleset_rule_count(rs); k++)
				shared += !strcmp(ds_ruleset_rule_ref(rs, k), ds_result_reason_ref(res, i));
			if (shared > 1 ? strstr(lab, id) == NULL : strcmp(lab, ds_result_reason_ref(res, i)) != 0)
				fail_msg("label %s of rule %s (its ref cited by %zu rules)", lab, id, shared);
			snprintf(ref, sizeof ref, "[%s]", lab);
			if (strstr(txt, ref) == NULL)
				fail_msg("text of scenario %d lacks %s:\n%s", (int)s, ref, txt);
		}
		free(txt);
		ds_result_free(res);
		ds_spec_free(spec);
	}
}

/* ds_render's id: string ids with quotes, backslashes and control characters. */
static void check_id_roundtrip(const char *id)
{
	ds_spec *spec = spec_of("gpu_mem=12", NULL);
	ds_result *res;
	ds_format f;

	assert_int_equal(ds_spec_set_id(spec, id, 0), DS_OK);
	res = eval_spec(spec);
	for (f = DS_FORMAT_JSON; f <= DS_FORMAT_NDJSON; f++) {
		size_t len, i;
		char *out = render(res, f, DS_LANG_EN, &len);
		cJSON *doc = parse_all(out);
		const cJSON *j = cJSON_GetObjectItemCaseSensitive(doc, "id");
		/* no raw control character but the newlines of the layout */
		for (i = 0; i < len; i++)
			if ((unsigned char)out[i] < 0x20 && out[i] != '\n')
				fail_msg("raw control byte 0x%02x at %zu in %s", (unsigned char)out[i], i, out);
		assert_true(cJSON_IsString(j));
		assert_string_equal(j->valuestring, id);
		assert_top_keys(doc, 1);
		cJSON_Delete(doc);
		free(out);
	}
	ds_result_free(res);
	ds_spec_free(spec);
}

static void test_id_escaping(void **state)
{
	static const char *const ids[] = {
	    "plain",
	    "",
	    "quote\"inside",
	    "back\\slash",
	    "trailing backslash\\",
	    "\\\"",
	    "new\nline\r\ttab",
	    "ctl\x01\x02\x1f\x7f",
	    "json-ish {\"a\": [1, 2], \"b\": {}}, : ,",
	    "中文 id",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof ids / sizeof ids[0]; i++)
		check_id_roundtrip(ids[i]);
}

/* The escapes are the short ones where JSON has them, \u00XX otherwise. */
static void test_id_escape_bytes(void **state)
{
	ds_spec *spec = spec_of("gpu_mem=12", NULL);
	ds_result *res;
	char *out;

	(void)state;
	/* a string id must be UTF-8 (JSON cannot hold anything else): refused, the old id kept */
	assert_int_equal(ds_spec_set_id(spec, "caf\xe9", 0), DS_ERR_VALUE);
	assert_int_equal(ds_spec_set_id(spec, "\xed\xa0\x80", 0), DS_ERR_VALUE); /* a surrogate */
	assert_int_equal(ds_spec_set_id(spec, "a\"b\\c\nd\x01", 0), DS_OK);
	assert_int_equal(ds_spec_set_id(spec, "\xff", 0), DS_ERR_VALUE);
	res = eval_spec(spec);
	out = render(res, DS_FORMAT_NDJSON, DS_LANG_EN, NULL);
	{
		static const char want[] = "{\"id\":\"a\\\"b\\\\c\\nd\\u0001\",";
		if (strncmp(out, want, strlen(want)) != 0)
			fail_msg("id rendered as %.40s, want %s", out, want);
	}
	free(out);
	ds_result_free(res);
	ds_spec_free(spec);
}

/* A numeric id is a JSON number. */
static void test_numeric_id(void **state)
{
	ds_spec *spec = spec_of("gpu_mem=12", NULL);
	ds_result *res;
	char *out;
	cJSON *doc;

	(void)state;
	assert_int_equal(ds_spec_set_id(spec, "42", 1), DS_OK);
	res = eval_spec(spec);
	out = render(res, DS_FORMAT_JSON, DS_LANG_EN, NULL);
	doc = parse_all(out);
	assert_true(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(doc, "id")));
	assert_true(cJSON_GetObjectItemCaseSensitive(doc, "id")->valuedouble == 42);
	assert_top_keys(doc, 1);
	cJSON_Delete(doc);
	free(out);
	ds_result_free(res);
	ds_spec_free(spec);
}

/* ds_spec_set_id(..., 1) with text that is not a number: refused, or rendered as valid JSON. */
static void test_numeric_id_not_a_number(void **state)
{
	static const char *const bad[] = {"abc", "1, \"x\": 2", "", "nan"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ds_spec *spec = spec_of("gpu_mem=12", NULL);
		if (ds_spec_set_id(spec, bad[i], 1) == DS_OK) {
			ds_result *res = eval_spec(spec);
			char *out = render(res, DS_FORMAT_NDJSON, DS_LANG_EN, NULL);
			cJSON *doc = cJSON_ParseWithOpts(out, NULL, 1);
			int ok = doc != NULL;
			if (!ok)
				print_error("ds_spec_set_id(\"%s\", is_number=1) accepted, and rendered invalid JSON: "
				            "%.40s...\n", bad[i], out);
			cJSON_Delete(doc);
			free(out);
			ds_result_free(res);
			ds_spec_free(spec);
			if (!ok)
				fail();
			continue;
		}
		ds_spec_free(spec);
	}
}

static void test_render_bad_args(void **state)
{
	ds_spec *spec = spec_of("gpu_mem=12", NULL);
	ds_result *res = eval_spec(spec);
	char *out = (char *)"untouched";

	(void)state;
	assert_int_equal(ds_render(NULL, DS_FORMAT_JSON, DS_LANG_EN, &out, NULL), DS_ERR_ARG);
	assert_int_equal(ds_render(res, DS_FORMAT_JSON, DS_LANG_EN, NULL, NULL), DS_ERR_ARG);
	/* len is optional */
	out = NULL;
	assert_int_equal(ds_render(res, DS_FORMAT_NDJSON, DS_LANG_EN, &out, NULL), DS_OK);
	assert_non_null(out);
	free(out);
	ds_result_free(res);
	ds_spec_free(spec);
}

/* Rendering is deterministic: the same result twice gives the same bytes. */
static void test_render_deterministic(void **state)
{
	ds_spec *spec = scenario(S_CONTRADICTION);
	ds_result *res = eval_spec(spec);
	ds_format f;

	(void)state;
	for (f = DS_FORMAT_TEXT; f <= DS_FORMAT_NDJSON; f++) {
		char *a = render(res, f, DS_LANG_ZH, NULL), *b = render(res, f, DS_LANG_ZH, NULL);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	ds_result_free(res);
	ds_spec_free(spec);
}

/* ds_fact_boundaries_at(): a product's crossings only where its other factor is known (issue 16). */
static void test_boundaries_at(void **state)
{
	size_t mem = (size_t)ds_ruleset_fact_by_key(rs, "gpu_mem"), gpus = (size_t)ds_ruleset_fact_by_key(rs, "gpus");
	ds_spec *none = spec_of(NULL), *seven = spec_of("gpus=7", NULL), *fifty = spec_of("gpus=50", NULL),
	        *a10g = spec_of("gpu_model=a10g", NULL), *big = spec_of("gpu_mem=40", NULL);
	double b[16];

	(void)state;
	/* nothing known: 1.1's 12 and the derivations' 0; gpus is 1 wherever gpu_mem is above 0: 80 */
	assert_int_equal(ds_fact_boundaries_at(rs, mem, NULL, b, 16), 2);
	assert_true(b[0] == 0 && b[1] == 12);
	assert_int_equal(ds_fact_boundaries_at(rs, mem, none, b, 16), 3);
	assert_true(b[0] == 0 && b[1] == 12 && b[2] == 80);
	/* 7 GPUs: 80/7 is no short decimal: 11.4 and 11.5, each on its side */
	assert_int_equal(ds_fact_boundaries_at(rs, mem, seven, b, 16), 4);
	assert_true(b[0] == 0 && b[1] == 11.4 && b[2] == 11.5 && b[3] == 12);
	assert_int_equal(ds_fact_boundaries_at(rs, mem, fifty, b, 16), 3);
	assert_true(b[1] == 1.6);
	/* gpus: its own 1 and 2 (and 0, 1, 2 from the derivations and 1.1); with gpu_mem 24 from the catalog, 3 and 4 */
	assert_int_equal(ds_fact_boundaries_at(rs, gpus, a10g, b, 16), 5);
	assert_true(b[0] == 0 && b[1] == 1 && b[2] == 2 && b[3] == 3 && b[4] == 4);
	assert_int_equal(ds_fact_boundaries_at(rs, gpus, big, b, 16), 4); /* 80/40 = 2: 1, 2, 3 */
	assert_true(b[0] == 0 && b[1] == 1 && b[2] == 2 && b[3] == 3);
	assert_int_equal(ds_fact_boundaries_at(rs, gpus, none, b, 16), 3); /* gpu_mem unknown: no crossing */
	assert_int_equal(ds_fact_boundaries_at(rs, mem, seven, b, 2), 2);  /* at most max */
	assert_int_equal(ds_fact_boundaries_at(rs, (size_t)ds_ruleset_fact_by_key(rs, "task"), none, b, 16), 0);
	ds_spec_free(none);
	ds_spec_free(seven);
	ds_spec_free(fifty);
	ds_spec_free(a10g);
	ds_spec_free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_json_and_ndjson_parse),
	    cmocka_unit_test(test_conflict_reasons),
	    cmocka_unit_test(test_json_same_in_every_language),
	    cmocka_unit_test(test_text_languages),
	    cmocka_unit_test(test_text_lists_refs),
	    cmocka_unit_test(test_id_escaping),
	    cmocka_unit_test(test_id_escape_bytes),
	    cmocka_unit_test(test_numeric_id),
	    cmocka_unit_test(test_numeric_id_not_a_number),
	    cmocka_unit_test(test_render_bad_args),
	    cmocka_unit_test(test_render_deterministic),
	    cmocka_unit_test(test_boundaries_at),
	};
	return cmocka_run_group_tests(tests, setup_rules, teardown_rules);
}
