/* test_options.c: the built-in option table, cli_parse, cli_prescan_rules and cli_env_lang. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "options.h"
#include "testutil.h"


/* The locale variables are cleared around every test, so the environment of the run does not leak in. */
static void clear_locale(void)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

static int setup_locale(void **state)
{
	(void)state;
	clear_locale();
	return 0;
}

/* ---- helpers ---- */

#define MAXARGS 32

/* cli_parse on a NULL-terminated list of arguments (argv[0] is added); stderr is silenced. */
static int parse(struct cli *c, const char *first, ...)
{
	char *argv[MAXARGS + 2];
	int argc = 0, rc, saved, devnull;
	va_list ap;
	const char *a;

	argv[argc++] = (char *)"dsselect";
	va_start(ap, first);
	for (a = first; a != NULL; a = va_arg(ap, const char *)) {
		assert_true(argc <= MAXARGS);
		argv[argc++] = (char *)a;
	}
	va_end(ap);
	argv[argc] = NULL;

	fflush(stderr);
	saved = dup(2);
	devnull = open("/dev/null", O_WRONLY);
	assert_true(saved >= 0 && devnull >= 0);
	dup2(devnull, 2);
	close(devnull);
	rc = cli_parse(argc, argv, rs, c);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	return rc;
}

static void cli_free(struct cli *c)
{
	ds_spec_free(c->flags);
	c->flags = NULL;
}

/* The facts of c->flags after evaluation, as the "facts" object of the JSON result. */
static cJSON *facts_of(const struct cli *c, cJSON **doc_out)
{
	ds_result *res = NULL;
	char *out = NULL;
	cJSON *doc, *facts;

	assert_non_null(c->flags);
	assert_int_equal(ds_evaluate(rs, c->flags, &res), DS_OK);
	assert_int_equal(ds_render(res, DS_FORMAT_NDJSON, DS_LANG_EN, &out, NULL), DS_OK);
	doc = cJSON_Parse(out);
	assert_non_null(doc);
	facts = cJSON_GetObjectItemCaseSensitive(doc, "facts");
	assert_true(cJSON_IsObject(facts));
	free(out);
	ds_result_free(res);
	*doc_out = doc;
	return facts;
}

static double fact_num(const struct cli *c, const char *key)
{
	cJSON *doc, *v = cJSON_GetObjectItemCaseSensitive(facts_of(c, &doc), key);
	double d;

	if (!cJSON_IsNumber(v))
		fail_msg("fact %s is not a number", key);
	d = v->valuedouble;
	cJSON_Delete(doc);
	return d;
}

static int fact_bool(const struct cli *c, const char *key)
{
	cJSON *doc, *v = cJSON_GetObjectItemCaseSensitive(facts_of(c, &doc), key);
	int b;

	if (!cJSON_IsBool(v))
		fail_msg("fact %s is not a boolean", key);
	b = cJSON_IsTrue(v);
	cJSON_Delete(doc);
	return b;
}

static void assert_fact_str(const struct cli *c, const char *key, const char *want)
{
	cJSON *doc, *v = cJSON_GetObjectItemCaseSensitive(facts_of(c, &doc), key);

	if (!cJSON_IsString(v))
		fail_msg("fact %s is not a string", key);
	assert_string_equal(v->valuestring, want);
	cJSON_Delete(doc);
}

/* ---- the option table ---- */

static void test_table_sorted(void **state)
{
	size_t i;

	(void)state;
	assert_true(cli_noptions > 0);
	for (i = 1; i < cli_noptions; i++)
		if (strcmp(cli_options[i - 1].name, cli_options[i].name) >= 0)
			fail_msg("cli_options not sorted: '%s' before '%s'", cli_options[i - 1].name, cli_options[i].name);
}

static void test_opt_find_each(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < cli_noptions; i++) {
		const struct cli_opt *o = cli_opt_find(&cli_main_cmd, cli_options[i].name);
		assert_non_null(o);
		assert_ptr_equal(o, &cli_options[i]);
		assert_non_null(o->help);
		assert_non_null(o->help_zh);
	}
	assert_null(cli_opt_find(&cli_main_cmd, ""));
	assert_null(cli_opt_find(&cli_main_cmd, "nope"));
	assert_null(cli_opt_find(&cli_main_cmd, "hel"));
	assert_null(cli_opt_find(&cli_main_cmd, "helpx"));
	assert_null(cli_opt_find(&cli_main_cmd, "Help"));
	assert_null(cli_opt_find(&cli_main_cmd, "gpu-mem"));
}

/* The built-in options are all there. */
static void test_builtin_options_present(void **state)
{
	static const char *const names[] = {"expect", "format", "help", "lang", "rules", "spec", "version"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (cli_opt_find(&cli_main_cmd, names[i]) == NULL)
			fail_msg("no built-in option --%s", names[i]);
}

/* No fact flag of the default table is shadowed by a built-in option. */
static void test_no_clash_in_default_table(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(cli_flag_clash(rs), -1);
	for (i = 0; i < ds_ruleset_fact_count(rs); i++)
		assert_null(cli_opt_find(&cli_main_cmd, ds_fact_flag(rs, i)));
}

/* ---- cli_parse ---- */

static void test_parse_nothing(void **state)
{
	struct cli c;
	size_t i;

	(void)state;
	assert_int_equal(parse(&c, NULL), 0);
	assert_null(c.rules_path);
	assert_null(c.spec_path);
	assert_null(c.expect);
	assert_int_equal(c.format, DS_FORMAT_TEXT);
	assert_int_equal(c.lang, DS_LANG_EN);
	assert_false(c.help);
	assert_false(c.version);
	assert_non_null(c.flags);
	for (i = 0; i < ds_ruleset_fact_count(rs); i++)
		assert_false(ds_spec_has(c.flags, ds_fact_key(rs, i)));
	cli_free(&c);
}

static void test_parse_fact_flags(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(parse(&c, "--gpu-mem", "12.5", "--gpus", "4", "--task", "contract-extraction", "--nccl",
	                       "--data", "code,math", "--mlps-level", "3", "--gpu-model", "a10g", NULL),
	                 0);
	assert_true(ds_spec_has(c.flags, "gpu_mem"));
	assert_true(ds_spec_has(c.flags, "gpus"));
	assert_true(ds_spec_has(c.flags, "task"));
	assert_true(ds_spec_has(c.flags, "nccl"));
	assert_true(ds_spec_has(c.flags, "data"));
	assert_false(ds_spec_has(c.flags, "p99_ms"));
	assert_false(ds_spec_has(c.flags, "streaming"));
	assert_true(fact_num(&c, "gpu_mem") == 12.5);
	assert_true(fact_num(&c, "gpus") == 4);
	assert_true(fact_num(&c, "mlps_level") == 3);
	assert_true(fact_bool(&c, "nccl"));
	assert_fact_str(&c, "task", "contract-extraction");
	assert_fact_str(&c, "gpu_model", "a10g");
	{
		cJSON *doc, *d = cJSON_GetObjectItemCaseSensitive(facts_of(&c, &doc), "data");
		assert_true(cJSON_IsArray(d));
		assert_int_equal(cJSON_GetArraySize(d), 2);
		cJSON_Delete(doc);
	}
	cli_free(&c);
}

static void test_parse_no_forms(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(parse(&c, "--no-nccl", "--no-streaming", "--gpus", "4", "--gpu-mem", "24", NULL), 0);
	assert_true(ds_spec_has(c.flags, "nccl"));
	assert_true(ds_spec_has(c.flags, "streaming"));
	assert_false(fact_bool(&c, "nccl"));
	assert_false(fact_bool(&c, "streaming"));
	cli_free(&c);

	/* the last one wins */
	assert_int_equal(parse(&c, "--nccl", "--no-nccl", NULL), 0);
	assert_false(fact_bool(&c, "nccl"));
	cli_free(&c);
	assert_int_equal(parse(&c, "--no-nccl", "--nccl", NULL), 0);
	assert_true(fact_bool(&c, "nccl"));
	cli_free(&c);
}

static void test_parse_equals_form(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(parse(&c, "--gpu-mem=24", "--task=intent-classification", "--format=json", "--lang=zh",
	                       "--expect=V2", "--spec=-", "--rules=x.yaml", NULL),
	                 0);
	assert_true(fact_num(&c, "gpu_mem") == 24);
	assert_fact_str(&c, "task", "intent-classification");
	assert_int_equal(c.format, DS_FORMAT_JSON);
	assert_int_equal(c.lang, DS_LANG_ZH);
	assert_string_equal(c.expect, "V2");
	assert_string_equal(c.spec_path, "-");
	assert_string_equal(c.rules_path, "x.yaml");
	cli_free(&c);

	/* a value that itself contains '=' */
	assert_int_equal(parse(&c, "--spec=a=b.json", NULL), 0);
	assert_string_equal(c.spec_path, "a=b.json");
	cli_free(&c);
}

static void test_parse_builtins(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(parse(&c, "--format", "ndjson", "--lang", "en", "--spec", "s.yaml", "--expect", "V1", NULL), 0);
	assert_int_equal(c.format, DS_FORMAT_NDJSON);
	assert_int_equal(c.lang, DS_LANG_EN);
	assert_string_equal(c.spec_path, "s.yaml");
	assert_string_equal(c.expect, "V1");
	cli_free(&c);

	assert_int_equal(parse(&c, "--help", NULL), 0);
	assert_true(c.help);
	cli_free(&c);
	assert_int_equal(parse(&c, "-h", NULL), 0);
	assert_true(c.help);
	cli_free(&c);
	assert_int_equal(parse(&c, "--version", NULL), 0);
	assert_true(c.version);
	cli_free(&c);
	assert_int_equal(parse(&c, "-V", NULL), 0);
	assert_true(c.version);
	cli_free(&c);
	/* a lone "--" ends the options */
	assert_int_equal(parse(&c, "--gpu-mem", "3", "--", NULL), 0);
	cli_free(&c);
}

/* The language comes from the environment unless --lang is given. */
static void test_parse_lang_from_env(void **state)
{
	struct cli c;

	(void)state;
	setenv("LANG", "zh_CN.UTF-8", 1);
	assert_int_equal(parse(&c, NULL), 0);
	assert_int_equal(c.lang, DS_LANG_ZH);
	cli_free(&c);
	assert_int_equal(parse(&c, "--lang", "en", NULL), 0);
	assert_int_equal(c.lang, DS_LANG_EN);
	cli_free(&c);
	clear_locale();
}

static void test_parse_usage_errors(void **state)
{
	static const char *const bad[][4] = {
	    {"--gpu-mme", "12", NULL, NULL},              /* typo of a fact flag */
	    {"--formatt", "json", NULL, NULL},            /* typo of a built-in */
	    {"--ncl", NULL, NULL, NULL},                  /* typo of a boolean */
	    {"--no-ncl", NULL, NULL, NULL},               /* typo of a --no- form */
	    {"--no-gpu-mem", NULL, NULL, NULL},           /* --no- of a number */
	    {"--nccl=yes", NULL, NULL, NULL},             /* boolean with a value */
	    {"--no-nccl=1", NULL, NULL, NULL},
	    {"--help=1", NULL, NULL, NULL},               /* option without a value */
	    {"--gpu-mem", NULL, NULL, NULL},              /* missing value at the end */
	    {"--task", NULL, NULL, NULL},
	    {"--format", NULL, NULL, NULL},
	    {"--expect", NULL, NULL, NULL},
	    {"--gpu-mem", "-1", NULL, NULL},              /* out of range */
	    {"--gpu-mem", "4097", NULL, NULL},
	    {"--gpu-mem", "abc", NULL, NULL},
	    {"--gpu-mem", "inf", NULL, NULL},
	    {"--gpu-mem", "nan", NULL, NULL},
	    {"--gpu-mem", "12GB", NULL, NULL},
	    {"--gpu-mem", "", NULL, NULL},
	    {"--gpus", "1.5", NULL, NULL},
	    {"--gpus", "-1", NULL, NULL},
	    {"--p99-ms", "0", NULL, NULL},
	    {"--avg-tokens", "0", NULL, NULL},
	    {"--mlps-level", "6", NULL, NULL},
	    {"--task", "contract-extractoin", NULL, NULL}, /* enum typo */
	    {"--quant", "fp8", NULL, NULL},
	    {"--data", "code,foo", NULL, NULL},
	    {"--format", "jsn", NULL, NULL},
	    {"--lang", "fr", NULL, NULL},
	    {"foo", NULL, NULL, NULL},                    /* positional */
	    {"--gpu-mem", "12", "extra", NULL},
	    {"-x", NULL, NULL, NULL},
	    {"-", NULL, NULL, NULL},
	    {"--", "--gpu-mem", NULL, NULL},              /* arguments after -- */
	    {"--expect", "V3", NULL, NULL},               /* unknown model */
	    {"--expect", "v1", NULL, NULL},
	    {"--expect=", NULL, NULL, NULL},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct cli c;
		int rc = parse(&c, bad[i][0], bad[i][1], bad[i][2], bad[i][3], NULL);
		if (rc != 64)
			fail_msg("cli_parse(%s %s %s) returned %d, want 64", bad[i][0], bad[i][1] ? bad[i][1] : "",
			         bad[i][1] && bad[i][2] ? bad[i][2] : "", rc);
		cli_free(&c);
	}
}

static void test_parse_expect_models(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(parse(&c, "--expect", "V1", NULL), 0);
	assert_string_equal(c.expect, "V1");
	cli_free(&c);
	assert_int_equal(parse(&c, "--expect", "V2", NULL), 0);
	cli_free(&c);
	assert_int_equal(parse(&c, "--expect", "V3", NULL), 64);
	cli_free(&c);
	assert_int_equal(parse(&c, "--gpu-mem", "3", "--expect", "DeepSeek", NULL), 64);
	cli_free(&c);
}

/* Arguments after the options are not looked at as options: --rules=... as a value. */
static void test_parse_value_that_looks_like_an_option(void **state)
{
	struct cli c;

	(void)state;
	assert_int_equal(parse(&c, "--spec", "--weird-name.json", NULL), 0);
	assert_string_equal(c.spec_path, "--weird-name.json");
	cli_free(&c);
}

/* ---- cli_prescan_rules ---- */

static const char *prescan(const char *first, ...)
{
	static char *argv[MAXARGS + 2];
	int argc = 0;
	va_list ap;
	const char *a;

	argv[argc++] = (char *)"dsselect";
	va_start(ap, first);
	for (a = first; a != NULL; a = va_arg(ap, const char *)) {
		assert_true(argc <= MAXARGS);
		argv[argc++] = (char *)a;
	}
	va_end(ap);
	argv[argc] = NULL;
	return cli_prescan_rules(argc, argv);
}

static void test_prescan_rules(void **state)
{
	(void)state;
	assert_null(prescan(NULL));
	assert_null(prescan("--gpu-mem", "12", NULL));
	assert_string_equal(prescan("--rules", "t.yaml", NULL), "t.yaml");
	assert_string_equal(prescan("--rules=t.yaml", NULL), "t.yaml");
	assert_string_equal(prescan("--context-length", "5", "--rules", "c.yaml", "--format", "json", NULL), "c.yaml");
	assert_string_equal(prescan("--context-length=5", "--rules=c.yaml", NULL), "c.yaml");
	/* the last one wins, as in cli_parse */
	assert_string_equal(prescan("--rules", "a.yaml", "--rules=b.yaml", NULL), "b.yaml");
	/* stops at -- */
	assert_null(prescan("--", "--rules", "t.yaml", NULL));
	assert_null(prescan("--gpu-mem", "1", "--", "--rules=t.yaml", NULL));
	assert_string_equal(prescan("--rules", "a.yaml", "--", "--rules", "b.yaml", NULL), "a.yaml");
	/* --rules at the end has no value */
	assert_null(prescan("--rules", NULL));
	/* a value of another option is not --rules */
	assert_null(prescan("--rulesx=t.yaml", NULL));
	assert_null(prescan("argv0-is-skipped", NULL));
}

/* argv[0] is never taken for an option. */
static void test_prescan_skips_argv0(void **state)
{
	char *argv[] = {(char *)"--rules=zero.yaml", NULL};

	(void)state;
	assert_null(cli_prescan_rules(1, argv));
}

/* ---- cli_env_lang ---- */

static void test_env_lang(void **state)
{
	(void)state;
	clear_locale();
	assert_int_equal(cli_env_lang(), DS_LANG_EN);

	setenv("LANG", "zh_CN.UTF-8", 1);
	assert_int_equal(cli_env_lang(), DS_LANG_ZH);
	setenv("LANG", "en_US.UTF-8", 1);
	assert_int_equal(cli_env_lang(), DS_LANG_EN);
	setenv("LANG", "C", 1);
	assert_int_equal(cli_env_lang(), DS_LANG_EN);
	setenv("LANG", "zh_TW", 1);
	assert_int_equal(cli_env_lang(), DS_LANG_ZH);

	/* LC_MESSAGES beats LANG */
	setenv("LANG", "zh_CN.UTF-8", 1);
	setenv("LC_MESSAGES", "en_GB.UTF-8", 1);
	assert_int_equal(cli_env_lang(), DS_LANG_EN);
	setenv("LANG", "en_US.UTF-8", 1);
	setenv("LC_MESSAGES", "zh_CN.UTF-8", 1);
	assert_int_equal(cli_env_lang(), DS_LANG_ZH);

	/* LC_ALL beats both */
	setenv("LC_ALL", "en_US.UTF-8", 1);
	assert_int_equal(cli_env_lang(), DS_LANG_EN);
	setenv("LC_MESSAGES", "en_US.UTF-8", 1);
	setenv("LC_ALL", "zh_CN.UTF-8", 1);
	assert_int_equal(cli_env_lang(), DS_LANG_ZH);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("LANG", "zh_CN.UTF-8", 1);
	assert_int_equal(cli_env_lang(), DS_LANG_EN);

	/* an empty variable counts as unset */
	setenv("LC_ALL", "", 1);
	setenv("LC_MESSAGES", "", 1);
	setenv("LANG", "zh_CN.UTF-8", 1);
	assert_int_equal(cli_env_lang(), DS_LANG_ZH);
	unsetenv("LC_ALL");
	setenv("LC_MESSAGES", "zh_CN.UTF-8", 1);
	setenv("LANG", "", 1);
	assert_int_equal(cli_env_lang(), DS_LANG_ZH);

	clear_locale();
	assert_int_equal(cli_env_lang(), DS_LANG_EN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_sorted),
	    cmocka_unit_test(test_opt_find_each),
	    cmocka_unit_test(test_builtin_options_present),
	    cmocka_unit_test(test_no_clash_in_default_table),
	    cmocka_unit_test_setup(test_parse_nothing, setup_locale),
	    cmocka_unit_test_setup(test_parse_fact_flags, setup_locale),
	    cmocka_unit_test_setup(test_parse_no_forms, setup_locale),
	    cmocka_unit_test_setup(test_parse_equals_form, setup_locale),
	    cmocka_unit_test_setup(test_parse_builtins, setup_locale),
	    cmocka_unit_test_setup(test_parse_lang_from_env, setup_locale),
	    cmocka_unit_test_setup(test_parse_usage_errors, setup_locale),
	    cmocka_unit_test_setup(test_parse_expect_models, setup_locale),
	    cmocka_unit_test_setup(test_parse_value_that_looks_like_an_option, setup_locale),
	    cmocka_unit_test(test_prescan_rules),
	    cmocka_unit_test(test_prescan_skips_argv0),
	    cmocka_unit_test_setup(test_env_lang, setup_locale),
	};
	return cmocka_run_group_tests(tests, setup_rules, teardown_rules);
}
