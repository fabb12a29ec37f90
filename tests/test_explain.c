/* test_explain.c: ds_render_ex with DS_RENDER_EXPLAIN: every rule, every leaf, as JSON "trace" and as text. */
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

/* ---- fixtures and helpers ---- */

static ds_result *eval_spec(ds_spec *spec)
{
	ds_result *res = NULL;

	assert_int_equal(ds_evaluate(rs, spec, &res), DS_OK);
	check_whatif(rs, spec, res);
	assert_non_null(res);
	ds_spec_free(spec);
	return res;
}

static char *render(const ds_result *res, ds_format fmt, ds_lang lang, unsigned flags)
{
	char *out = NULL;
	size_t len = (size_t)-1;

	assert_int_equal(ds_render_ex(res, fmt, lang, flags, &out, &len), DS_OK);
	assert_non_null(out);
	assert_int_equal(len, strlen(out));
	assert_true(len > 0);
	assert_int_equal(out[len - 1], '\n');
	return out;
}



static const cJSON *get(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (v == NULL)
		fail_msg("no key '%s'", k);
	return v;
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = get(o, k);

	assert_true(cJSON_IsString(v));
	return v->valuestring;
}

/* The trace of a result: the last key of the object, one entry per rule. */
static const cJSON *trace_of(const cJSON *doc)
{
	const cJSON *last = doc->child, *t;

	while (last && last->next)
		last = last->next;
	assert_non_null(last);
	assert_string_equal(last->string, "trace");
	t = last;
	assert_true(cJSON_IsArray(t));
	assert_int_equal(cJSON_GetArraySize(t), (int)ds_ruleset_rule_count(rs));
	return t;
}

/* The trace entry of rule id. */
static const cJSON *rule_of(const cJSON *trace, const char *id)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, trace)
		if (!strcmp(str(e, "rule"), id))
			return e;
	fail_msg("no trace entry for rule %s", id);
	return NULL;
}

/* Leaf i of a trace entry. */
static const cJSON *leaf_of(const cJSON *entry, int i)
{
	const cJSON *leaves = get(entry, "leaves"), *l;

	assert_true(cJSON_IsArray(leaves));
	assert_true(i < cJSON_GetArraySize(leaves));
	l = cJSON_GetArrayItem(leaves, i);
	assert_non_null(l);
	return l;
}

static void assert_leaf(const cJSON *l, const char *fact, const char *op, const char *result)
{
	assert_string_equal(str(l, "fact"), fact);
	assert_string_equal(str(l, "op"), op);
	assert_string_equal(str(l, "result"), result);
}

static void assert_num(const cJSON *v, double want)
{
	assert_true(cJSON_IsNumber(v));
	assert_true(v->valuedouble == want);
}

/* Checks the shape of a whole trace against the result: keys in order, agreement with ds_result_fired(). */
static void check_trace(const cJSON *doc, const ds_result *res)
{
	static const char *const entry_keys[] = {"source", "rule", "result", "leaves", "when"};
	static const char *const leaf_keys[] = {"fact", "value", "derived", "op", "constant", "result"};
	const cJSON *trace = trace_of(doc), *e, *it, *l;
	size_t i = 0, k;

	cJSON_ArrayForEach(e, trace) {
		const char *result;
		assert_string_equal(str(e, "source"), ds_ruleset_rule_ref(rs, i));
		assert_string_equal(str(e, "rule"), ds_ruleset_rule_id(rs, i));
		for (k = 0, it = e->child; it; it = it->next, k++) {
			assert_true(k < sizeof entry_keys / sizeof *entry_keys);
			assert_string_equal(it->string, entry_keys[k]);
		}
		assert_int_equal(k, sizeof entry_keys / sizeof *entry_keys);
		result = str(e, "result");
		assert_true(!strcmp(result, "true") || !strcmp(result, "false") || !strcmp(result, "unknown"));
		if (ds_result_fired(res, ds_ruleset_rule_id(rs, i)) != !strcmp(result, "true"))
			fail_msg("rule %s: trace says %s, but fired is %d", ds_ruleset_rule_id(rs, i), result,
			         ds_result_fired(res, ds_ruleset_rule_id(rs, i)));
		assert_true(cJSON_GetArraySize(get(e, "leaves")) >= 1);
		cJSON_ArrayForEach(l, get(e, "leaves")) {
			const char *lr;
			for (k = 0, it = l->child; it; it = it->next, k++) {
				assert_true(k < sizeof leaf_keys / sizeof *leaf_keys);
				assert_string_equal(it->string, leaf_keys[k]);
			}
			assert_int_equal(k, sizeof leaf_keys / sizeof *leaf_keys);
			assert_true(cJSON_IsBool(get(l, "derived")));
			lr = str(l, "result");
			assert_true(!strcmp(lr, "true") || !strcmp(lr, "false") || !strcmp(lr, "unknown"));
			/* an unknown value makes an unknown leaf; a known one a true or false leaf */
			assert_int_equal(cJSON_IsNull(get(l, "value")), !strcmp(lr, "unknown"));
			if (cJSON_IsNull(get(l, "value")))
				assert_true(cJSON_IsFalse(get(l, "derived")));
		}
		i++;
	}
}

/* A variety of specs: every status, unknowns, derivations, products, booleans, sets. */
static ds_spec *scenario(int s)
{
	switch (s) {
	case 0: return spec_of("gpus=1", "gpu_mem=24", NULL);
	case 1: return spec_of("gpu_mem=12", "task=contract-extraction", NULL);
	case 2: return spec_of("gpus=4", "gpu_mem=24", "nccl", "task=contract-extraction", NULL);
	case 3: return spec_of("task=general", NULL);
	case 4: return spec_of("avg_tokens=100", "p99_ms=50", "concurrency=300", "input_tokens=600", NULL);
	case 5: return spec_of("gpu_model=t4", "task=intent-classification", NULL);
	case 6: return spec_of("platform=kubernetes", "data=code,math", "filing", "mlps_level=3", NULL);
	case 7: return spec_of("gpu_model=jetson-orin-agx", "streaming", "credit_approval", NULL);
	default: return NULL;
	}
}
#define NSCEN 8

/* ---- tests ---- */

/* Every scenario: the JSON parses, pretty and compact, and its trace agrees with the result. */
static void test_trace_shape(void **state)
{
	int s;

	(void)state;
	for (s = 0; s < NSCEN; s++) {
		ds_result *res = eval_spec(scenario(s));
		char *pretty = render(res, DS_FORMAT_JSON, DS_LANG_EN, DS_RENDER_EXPLAIN);
		char *line = render(res, DS_FORMAT_NDJSON, DS_LANG_EN, DS_RENDER_EXPLAIN);
		cJSON *a = parse_all(pretty), *b = parse_all(line);
		assert_non_null(strchr(line, '\n'));
		assert_true(strchr(line, '\n') == line + strlen(line) - 1); /* NDJSON: one line */
		assert_true(cJSON_Compare(a, b, 1));
		check_trace(a, res);
		cJSON_Delete(a);
		cJSON_Delete(b);
		free(pretty);
		free(line);
		ds_result_free(res);
	}
}

/* gpu_mem 24: 1.1 does not fire, and its false leaf shows why. */
static void test_rule_not_fired(void **state)
{
	ds_result *res = eval_spec(spec_of("gpus=1", "gpu_mem=24", NULL));
	char *out = render(res, DS_FORMAT_JSON, DS_LANG_EN, DS_RENDER_EXPLAIN);
	cJSON *doc = parse_all(out);
	const cJSON *e = rule_of(trace_of(doc), "single-small-gpu"), *l;

	(void)state;
	assert_false(ds_result_fired(res, "1.1"));
	assert_string_equal(str(e, "source"), "1.1");
	assert_string_equal(str(e, "result"), "false");
	assert_string_equal(str(e, "when"), "gpus <= 1 and gpu_mem <= 12");
	assert_int_equal(cJSON_GetArraySize(get(e, "leaves")), 2);
	l = leaf_of(e, 0);
	assert_leaf(l, "gpus", "<=", "true");
	assert_num(get(l, "value"), 1);
	assert_num(get(l, "constant"), 1);
	assert_true(cJSON_IsFalse(get(l, "derived")));
	l = leaf_of(e, 1);
	assert_leaf(l, "gpu_mem", "<=", "false");
	assert_num(get(l, "value"), 24);
	assert_num(get(l, "constant"), 12);
	cJSON_Delete(doc);
	free(out);
	ds_result_free(res);
}

/* No short-circuit: every leaf of 1.2 (multi-gpu-nccl) is listed after its first, false one. */
static void test_no_short_circuit(void **state)
{
	ds_result *res = eval_spec(spec_of("gpus=1", "gpu_mem=24", NULL));
	char *out = render(res, DS_FORMAT_NDJSON, DS_LANG_EN, DS_RENDER_EXPLAIN);
	cJSON *doc = parse_all(out);
	const cJSON *trace = trace_of(doc), *e = rule_of(trace, "multi-gpu-nccl"), *l;

	(void)state;
	assert_string_equal(str(e, "result"), "false");
	assert_int_equal(cJSON_GetArraySize(get(e, "leaves")), 3);
	assert_leaf(leaf_of(e, 0), "gpus", ">=", "false");
	l = leaf_of(e, 1);
	assert_leaf(l, "gpus × gpu_mem", ">=", "false");
	assert_num(get(l, "value"), 24);
	assert_num(get(l, "constant"), 80);
	l = leaf_of(e, 2);
	assert_leaf(l, "nccl", "is", "false");
	assert_true(cJSON_IsFalse(get(l, "value"))); /* absent boolean: false */
	assert_true(cJSON_IsTrue(get(l, "constant")));
	/* nested leaves too: no-cluster-for-moe has 1 + 2 + 3 */
	e = rule_of(trace, "no-cluster-for-moe");
	assert_int_equal(cJSON_GetArraySize(get(e, "leaves")), 6);
	l = leaf_of(e, 0);
	assert_leaf(l, "gpu_mem", "is known", "true");
	assert_true(cJSON_IsNull(get(l, "constant")));
	assert_leaf(leaf_of(e, 1), "gpus", "<=", "true");
	assert_leaf(leaf_of(e, 2), "gpu_mem", "<=", "false");
	assert_string_equal(str(e, "result"), "true"); /* not (true and false), not (false ...) */
	assert_true(ds_result_fired(res, "no-cluster-for-moe"));
	cJSON_Delete(doc);
	free(out);
	ds_result_free(res);
}

/* Unknown facts give null values and unknown leaves; derived values are marked. */
static void test_unknown_and_derived(void **state)
{
	ds_result *res = eval_spec(spec_of("gpu_model=a10g", "avg_tokens=100", NULL));
	char *out = render(res, DS_FORMAT_JSON, DS_LANG_EN, DS_RENDER_EXPLAIN);
	cJSON *doc = parse_all(out);
	const cJSON *trace = trace_of(doc), *e, *l;

	(void)state;
	e = rule_of(trace, "low-latency-short-requests");
	assert_string_equal(str(e, "result"), "unknown");
	l = leaf_of(e, 0);
	assert_leaf(l, "avg_tokens", "<=", "true");
	assert_num(get(l, "value"), 100);
	l = leaf_of(e, 1);
	assert_leaf(l, "p99_ms", "<=", "unknown");
	assert_true(cJSON_IsNull(get(l, "value")));
	assert_true(cJSON_IsFalse(get(l, "derived")));
	assert_num(get(l, "constant"), 80);

	/* gpu_mem 24 and gpus 1 derived from the GPU model */
	e = rule_of(trace, "single-small-gpu");
	l = leaf_of(e, 0);
	assert_leaf(l, "gpus", "<=", "true");
	assert_num(get(l, "value"), 1);
	assert_true(cJSON_IsTrue(get(l, "derived")));
	l = leaf_of(e, 1);
	assert_leaf(l, "gpu_mem", "<=", "false");
	assert_num(get(l, "value"), 24);
	assert_true(cJSON_IsTrue(get(l, "derived")));

	/* a string fact, given: not derived */
	e = rule_of(trace, "edge-device");
	assert_string_equal(str(e, "result"), "unknown"); /* platform unknown, gpu_model not a jetson */
	l = leaf_of(e, 0);
	assert_leaf(l, "platform", "=", "unknown");
	assert_string_equal(str(l, "constant"), "edge");
	l = leaf_of(e, 1);
	assert_leaf(l, "gpu_model", "=", "false");
	assert_string_equal(str(l, "value"), "a10g");
	assert_string_equal(str(l, "constant"), "jetson-orin-agx");
	assert_true(cJSON_IsFalse(get(l, "derived")));
	cJSON_Delete(doc);
	free(out);
	ds_result_free(res);
}

/* Constants keep their JSON type: lists for in/any_of, strings for enums, booleans for is. */
static void test_constant_types(void **state)
{
	ds_result *res = eval_spec(spec_of("platform=kubernetes", "data=code,math", "filing", "task=general", NULL));
	char *out = render(res, DS_FORMAT_NDJSON, DS_LANG_EN, DS_RENDER_EXPLAIN);
	cJSON *doc = parse_all(out);
	const cJSON *trace = trace_of(doc), *e, *l, *c;

	(void)state;
	e = rule_of(trace, "structured-data");
	assert_string_equal(str(e, "result"), "true");
	l = leaf_of(e, 0);
	assert_leaf(l, "data", "has any of", "true");
	c = get(l, "constant");
	assert_true(cJSON_IsArray(c));
	assert_int_equal(cJSON_GetArraySize(c), 3);
	assert_string_equal(cJSON_GetArrayItem(c, 0)->valuestring, "code");
	assert_true(cJSON_IsArray(get(l, "value")));
	assert_int_equal(cJSON_GetArraySize(get(l, "value")), 2);

	e = rule_of(trace, "kubernetes-without-topology");
	assert_string_equal(str(e, "result"), "true");
	l = leaf_of(e, 0);
	assert_leaf(l, "platform", "=", "true");
	assert_string_equal(str(l, "value"), "kubernetes");
	assert_string_equal(str(l, "constant"), "kubernetes");
	l = leaf_of(e, 1);
	assert_leaf(l, "topology_aware", "is", "true");
	assert_true(cJSON_IsFalse(get(l, "value")));
	assert_true(cJSON_IsFalse(get(l, "constant")));

	e = rule_of(trace, "algorithm-filing");
	l = leaf_of(e, 0);
	assert_leaf(l, "filing", "is", "true");
	assert_true(cJSON_IsTrue(get(l, "value")));

	e = rule_of(trace, "task-intent-classification");
	assert_string_equal(str(e, "result"), "false");
	l = leaf_of(e, 0);
	assert_leaf(l, "task", "=", "false");
	assert_string_equal(str(l, "value"), "general");
	assert_string_equal(str(l, "constant"), "intent-classification");
	cJSON_Delete(doc);
	free(out);
	ds_result_free(res);
}

/* The text section: one line per rule, one per leaf. */
static void test_text(void **state)
{
	ds_result *res = eval_spec(spec_of("gpus=4", "gpu_mem=24", "avg_tokens=100", NULL));
	char *plain = render(res, DS_FORMAT_TEXT, DS_LANG_EN, 0);
	char *out = render(res, DS_FORMAT_TEXT, DS_LANG_EN, DS_RENDER_EXPLAIN);
	const char *sec;
	size_t nrules = 0;

	(void)state;
	/* the normal text first, unchanged */
	assert_true(strlen(out) > strlen(plain));
	assert_memory_equal(out, plain, strlen(plain));
	sec = out + strlen(plain);
	assert_true(!strncmp(sec, "\nEvery rule:\n", 13));
	assert_non_null(strstr(sec, "  [1.1] single-small-gpu: does not fire\n"));
	assert_non_null(strstr(sec, "      gpus = 4 <= 1 -> false\n"));
	assert_non_null(strstr(sec, "      gpu_mem = 24 <= 12 -> false\n"));
	assert_non_null(strstr(sec, "  [1.2] multi-gpu-nccl: does not fire\n"));
	assert_non_null(strstr(sec, "      gpus × gpu_mem = 96 >= 80 -> true\n"));
	assert_non_null(strstr(sec, "      nccl = false is true -> false\n"));
	assert_non_null(strstr(sec, "  [1.2] no-cluster-for-moe: fires\n"));
	assert_non_null(strstr(sec, "      gpu_mem = 24 is known -> true\n"));
	assert_non_null(strstr(sec, "      not -> true\n"));
	assert_non_null(strstr(sec, "  [3.1] low-latency-short-requests: unknown\n"));
	assert_non_null(strstr(sec, "      avg_tokens = 100 <= 128 -> true\n"));
	assert_non_null(strstr(sec, "      p99_ms = (unknown) <= 80 -> unknown\n"));
	assert_non_null(strstr(sec, "  [3.3] edge-device: unknown\n"));
	assert_non_null(strstr(sec, "      any of -> unknown\n"));
	assert_non_null(strstr(sec, "  [4.2] structured-data: unknown\n"));
	assert_non_null(strstr(sec, "      data = (unknown) has any of {code, math, tables} -> unknown\n"));
	for (sec = strstr(sec, "\n  ["); sec; sec = strstr(sec + 1, "\n  ["))
		nrules++;
	assert_int_equal(nrules, ds_ruleset_rule_count(rs));
	free(plain);
	free(out);
	ds_result_free(res);

	res = eval_spec(spec_of("gpu_model=a10g", NULL));
	out = render(res, DS_FORMAT_TEXT, DS_LANG_EN, DS_RENDER_EXPLAIN);
	assert_non_null(strstr(out, "      gpu_mem = 24 (derived) <= 12 -> false\n"));
	assert_non_null(strstr(out, "      gpu_model = a10g = jetson-orin-agx -> false\n"));
	free(out);
	ds_result_free(res);
}

static void test_text_zh(void **state)
{
	ds_result *res = eval_spec(spec_of("gpus=1", "gpu_mem=24", NULL));
	char *plain = render(res, DS_FORMAT_TEXT, DS_LANG_ZH, 0);
	char *out = render(res, DS_FORMAT_TEXT, DS_LANG_ZH, DS_RENDER_EXPLAIN);
	const char *sec;

	(void)state;
	assert_memory_equal(out, plain, strlen(plain));
	sec = out + strlen(plain);
	assert_non_null(strstr(sec, "全部规则"));
	assert_non_null(strstr(sec, "[1.1] single-small-gpu"));
	assert_non_null(strstr(sec, "未触发"));
	assert_non_null(strstr(sec, "gpu_mem = 24 <= 12 -> 不成立"));
	assert_non_null(strstr(sec, "p99_ms = （未知） <= 80 -> 未知"));
	assert_true(has_cjk(sec));
	assert_null(strstr(sec, "Every rule"));
	assert_null(strstr(sec, "does not fire"));
	assert_null(strstr(sec, "-> false"));
	free(plain);
	free(out);
	ds_result_free(res);
}

/* Without the flag: byte-identical to ds_render(); TSV and value ignore it; JSON gains only "trace". */
static void test_flag_off(void **state)
{
	static const ds_format fmts[] = {DS_FORMAT_TEXT, DS_FORMAT_JSON, DS_FORMAT_NDJSON, DS_FORMAT_TSV,
	                                 DS_FORMAT_VALUE};
	int s;
	size_t f, l;

	(void)state;
	for (s = 0; s < NSCEN; s++) {
		ds_result *res = eval_spec(scenario(s));
		for (f = 0; f < sizeof fmts / sizeof *fmts; f++)
			for (l = 0; l < 2; l++) {
				char *a = NULL, *b = render(res, fmts[f], (ds_lang)l, 0);
				size_t alen = 0;
				assert_int_equal(ds_render(res, fmts[f], (ds_lang)l, &a, &alen), DS_OK);
				assert_string_equal(a, b);
				free(b);
				if (fmts[f] == DS_FORMAT_TSV || fmts[f] == DS_FORMAT_VALUE) {
					b = render(res, fmts[f], (ds_lang)l, DS_RENDER_EXPLAIN);
					assert_string_equal(a, b);
					free(b);
				}
				if (fmts[f] == DS_FORMAT_NDJSON) {
					/* the same object, "trace" added at the end */
					b = render(res, fmts[f], (ds_lang)l, DS_RENDER_EXPLAIN);
					assert_true(strlen(b) > alen);
					assert_memory_equal(a, b, alen - 2);
					assert_true(!strncmp(b + alen - 2, ",\"trace\":[", 10));
					free(b);
				}
				if (fmts[f] == DS_FORMAT_JSON) {
					cJSON *ja = parse_all(a), *jb;
					b = render(res, fmts[f], (ds_lang)l, DS_RENDER_EXPLAIN);
					jb = parse_all(b);
					assert_null(cJSON_GetObjectItemCaseSensitive(ja, "trace"));
					cJSON_DeleteItemFromObjectCaseSensitive(jb, "trace");
					assert_true(cJSON_Compare(ja, jb, 1));
					cJSON_Delete(ja);
					cJSON_Delete(jb);
					free(b);
				}
				free(a);
			}
		ds_result_free(res);
	}
}

/* ds_render_append_ex gives what ds_render_ex gives, after what the buffer held. */
static void test_append(void **state)
{
	static const ds_format fmts[] = {DS_FORMAT_TEXT, DS_FORMAT_JSON, DS_FORMAT_NDJSON, DS_FORMAT_TSV,
	                                 DS_FORMAT_VALUE};
	ds_result *res = eval_spec(scenario(2));
	size_t f;

	(void)state;
	for (f = 0; f < sizeof fmts / sizeof *fmts; f++) {
		char *buf = NULL, *want = render(res, fmts[f], DS_LANG_EN, DS_RENDER_EXPLAIN);
		size_t len = 0, cap = 0;
		assert_int_equal(ds_render_append_ex(res, fmts[f], DS_LANG_EN, DS_RENDER_EXPLAIN, &buf, &len, &cap),
		                 DS_OK);
		assert_int_equal(ds_render_append_ex(res, fmts[f], DS_LANG_EN, DS_RENDER_EXPLAIN, &buf, &len, &cap),
		                 DS_OK);
		assert_int_equal(len, 2 * strlen(want));
		assert_memory_equal(buf, want, strlen(want));
		assert_string_equal(buf + strlen(want), want);
		free(buf);
		free(want);
		/* and without the flag, as ds_render_append */
		buf = NULL, len = cap = 0;
		{
			char *b2 = NULL;
			size_t l2 = 0, c2 = 0;
			assert_int_equal(ds_render_append_ex(res, fmts[f], DS_LANG_EN, 0, &buf, &len, &cap), DS_OK);
			assert_int_equal(ds_render_append(res, fmts[f], DS_LANG_EN, &b2, &l2, &c2), DS_OK);
			assert_int_equal(len, l2);
			assert_string_equal(buf, b2);
			free(b2);
		}
		free(buf);
	}
	ds_result_free(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trace_shape),
		cmocka_unit_test(test_rule_not_fired),
		cmocka_unit_test(test_no_short_circuit),
		cmocka_unit_test(test_unknown_and_derived),
		cmocka_unit_test(test_constant_types),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_text_zh),
		cmocka_unit_test(test_flag_off),
		cmocka_unit_test(test_append),
	};
	return cmocka_run_group_tests(tests, setup_rules, teardown_rules);
}
