/*
 * test_locale: the library inside a program that called setlocale(). With a
 * German LC_NUMERIC ("0,5"), tables, specs (JSON, YAML, flags) and every
 * output must read and write numbers with a '.', byte for byte as in the C
 * locale. The locale is made by the ctest fixture locale-de (localedef into
 * the build tree, found through LOCPATH); without it the test fails.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dsselect.h>

#include "buf.h" /* c_strtod */

#define DE "de_DE.UTF-8"

enum route { JSON, YAML, FLAGS };

static const struct input {
	enum route route;
	const char *text; /* JSON or YAML; for FLAGS "key=value" pairs separated by ';' */
} inputs[] = {
	{JSON, "{\"gpu_mem\": 11.5, \"gpus\": 1, \"task\": \"contract-extraction\"}"},
	{JSON, "{\"gpu_mem\": 79.75, \"gpus\": 2, \"nccl\": true, \"p99_ms\": 80.5, \"avg_tokens\": 120}"},
	{JSON, "{\"gpu_mem\": 1.6e1, \"concurrency\": 2.5e2, \"input_tokens\": 7.5e2}"},
	{JSON, "{\"gpu_mem\": 0.000123, \"p99_ms\": 1234.5678}"},
	{YAML, "gpu_mem: 0.5\nconcurrency: 120\np99_ms: 99.9\n"},
	{YAML, "gpu_mem: 23.99\ngpus: 4\nnccl: true\ntask: contract-extraction\n"},
	{FLAGS, "gpu_mem=12.25;p99_ms=80.5;avg_tokens=100"},
	{FLAGS, "gpu_mem=47.5;gpus=2;concurrency=300"},
};
#define NINPUTS (sizeof inputs / sizeof inputs[0])
#define NOUT 4 /* JSON with counterfactuals, text en, text zh, NDJSON with --explain's trace */

static ds_spec *make_spec(const ds_ruleset *set, const struct input *in)
{
	ds_spec *spec = NULL;
	ds_diag diag;
	char buf[256], *kv, *save = NULL;

	memset(&diag, 0, sizeof diag);
	if (in->route == JSON) {
		assert_int_equal(ds_spec_parse_json(set, in->text, strlen(in->text), "t", &spec, &diag), DS_OK);
		return spec;
	}
	if (in->route == YAML) {
		assert_int_equal(ds_spec_parse_yaml(set, in->text, strlen(in->text), "t", &spec, &diag), DS_OK);
		return spec;
	}
	assert_int_equal(ds_spec_new(set, &spec), DS_OK);
	snprintf(buf, sizeof buf, "%s", in->text);
	for (kv = strtok_r(buf, ";", &save); kv; kv = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(kv, '=');
		*eq = '\0';
		if (ds_spec_set_text(spec, kv, eq + 1, &diag) != DS_OK)
			fail_msg("--%s %s: %s", kv, eq + 1, diag.msg);
	}
	return spec;
}

/* Every output of every input, in the current locale, with a table loaded in it. */
static void render_all(char *out[NINPUTS][NOUT])
{
	ds_ruleset *set = NULL;
	ds_diag diag;
	size_t i;

	memset(&diag, 0, sizeof diag);
	assert_int_equal(ds_ruleset_load_default(&set, &diag), DS_OK);
	for (i = 0; i < NINPUTS; i++) {
		ds_spec *spec = make_spec(set, &inputs[i]);
		ds_result *res = NULL;
		assert_int_equal(ds_evaluate_ex(set, spec, DS_CHANGES_ALL, &res), DS_OK);
		assert_int_equal(ds_render(res, DS_FORMAT_JSON, DS_LANG_EN, &out[i][0], NULL), DS_OK);
		assert_int_equal(ds_render(res, DS_FORMAT_TEXT, DS_LANG_EN, &out[i][1], NULL), DS_OK);
		assert_int_equal(ds_render(res, DS_FORMAT_TEXT, DS_LANG_ZH, &out[i][2], NULL), DS_OK);
		assert_int_equal(ds_render_ex(res, DS_FORMAT_NDJSON, DS_LANG_EN, DS_RENDER_EXPLAIN, &out[i][3], NULL),
		                 DS_OK);
		ds_result_free(res);
		ds_spec_free(spec);
	}
	ds_ruleset_free(set);
}

static void use_german(void)
{
	char probe[16];

	if (setlocale(LC_ALL, DE) == NULL)
		fail_msg("cannot set the locale %s (LOCPATH=%s): the ctest fixture locale-de makes it with localedef "
		         "from Debian's 'locales' package",
		         DE, getenv("LOCPATH") ? getenv("LOCPATH") : "unset");
	snprintf(probe, sizeof probe, "%.1f", 0.5);
	assert_string_equal(probe, "0,5"); /* the locale is in force: printf writes a comma */
}

static void test_outputs_are_the_same_in_a_comma_locale(void **state)
{
	static char *c_out[NINPUTS][NOUT], *de_out[NINPUTS][NOUT];
	size_t i, k;

	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	render_all(c_out);
	use_german();
	render_all(de_out);
	setlocale(LC_ALL, "C");
	for (i = 0; i < NINPUTS; i++)
		for (k = 0; k < NOUT; k++) {
			if (strcmp(c_out[i][k], de_out[i][k]) != 0)
				fail_msg("input %zu (%s), output %zu differs in " DE ":\n--- C\n%s\n--- " DE "\n%s", i,
				         inputs[i].text, k, c_out[i][k], de_out[i][k]);
			free(c_out[i][k]);
			free(de_out[i][k]);
		}
}

static void test_decimals_survive(void **state)
{
	ds_ruleset *set = NULL;
	ds_spec *spec = NULL;
	ds_result *res = NULL;
	ds_diag diag;
	char *out = NULL;
	static const char yaml[] = "gpu_mem: 11.5\np99_ms: 80.25\n";

	(void)state;
	use_german();
	memset(&diag, 0, sizeof diag);
	assert_int_equal(ds_ruleset_load_default(&set, &diag), DS_OK);
	assert_int_equal(ds_spec_parse_yaml(set, yaml, strlen(yaml), "t", &spec, &diag), DS_OK);
	assert_int_equal(ds_evaluate(set, spec, &res), DS_OK);
	assert_int_equal(ds_render(res, DS_FORMAT_NDJSON, DS_LANG_EN, &out, NULL), DS_OK);
	assert_non_null(strstr(out, "\"gpu_mem\":11.5"));
	assert_non_null(strstr(out, "\"p99_ms\":80.25"));
	assert_null(strstr(out, "11,5"));
	free(out);
	ds_result_free(res);
	ds_spec_free(spec);
	/* messages too: an integer fact given a fraction */
	assert_int_not_equal(ds_spec_parse_json(set, "{\"gpus\": 2.5}", 13, "t", &spec, &diag), DS_OK);
	assert_non_null(strstr(diag.msg, "2.5"));
	ds_ruleset_free(set);
	setlocale(LC_ALL, "C");
}

/* c_strtod reads '.' as the point, and only '.': the locale's comma ends a number, as in the C locale. */
static void test_c_strtod_reads_only_a_dot(void **state)
{
	static const struct {
		const char *text;
		double v;
		size_t used;
	} cases[] = {
		{"11.5", 11.5, 4}, {"1,5", 1, 1}, {"2,5e3", 2, 1}, {"0.25,1", 0.25, 4}, {"7", 7, 1},
		{"-3.5e1x", -35, 6}, {",5", 0, 0}, {"1.5,", 1.5, 3},
	};
	size_t i;
	char *end;

	(void)state;
	use_german();
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double v = dsi_c_strtod(cases[i].text, &end);
		if (v != cases[i].v || (size_t)(end - cases[i].text) != cases[i].used)
			fail_msg("dsi_c_strtod(\"%s\") = %g after %zu bytes, want %g after %zu", cases[i].text, v,
			         (size_t)(end - cases[i].text), cases[i].v, cases[i].used);
	}
	setlocale(LC_ALL, "C");
}

static void test_the_tables_own_examples_pass(void **state)
{
	ds_ruleset *set = NULL;
	ds_diag diag;
	char *report = NULL;
	size_t passed = 0, failed = 0;

	(void)state;
	use_german();
	memset(&diag, 0, sizeof diag);
	/* the file: the embedded table leaves its examples out */
	if (ds_ruleset_load_file(DS_TEST_DATA "/../../rules/deepseek-v1-v2.yaml", &set, &diag) != DS_OK)
		fail_msg("%s:%u:%u: %s", diag.file, diag.line, diag.col, diag.msg);
	assert_int_equal(ds_ruleset_run_tests(set, DS_LANG_EN, &report, &passed, &failed), DS_OK);
	if (failed)
		fail_msg("%zu of the table's examples fail in " DE ":\n%s", failed, report);
	assert_true(passed > 0);
	free(report);
	ds_ruleset_free(set);
	setlocale(LC_ALL, "C");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outputs_are_the_same_in_a_comma_locale),
		cmocka_unit_test(test_decimals_survive),
		cmocka_unit_test(test_c_strtod_reads_only_a_dot),
		cmocka_unit_test(test_the_tables_own_examples_pass),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
