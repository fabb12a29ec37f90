/* test_options.c: the option tables of every command and their one parser, cli_parse, cli_prescan_rules and cli_env_lang. */
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
#include "rules.h"
#include "sweep.h"
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

/* ---- the tables of every command, through the one parser ---- */

#define F(member) offsetof(struct cli, member)

/* Every command with a table of options, and its name in failure messages. */
static const struct {
	const struct cli_cmd *cmd;
	const char *name;
} cmds[] = {
    {&cli_main_cmd, "dsselect"},           {&cli_sweep_cmd, "sweep"},
    {&cli_rules_cmds[0], "rules check"},   {&cli_rules_cmds[1], "rules test"},
    {&cli_rules_cmds[2], "rules list"},    {&cli_rules_cmds[3], "rules show"},
};
#define NCMDS (sizeof cmds / sizeof cmds[0])

/*
 * cli_parse_cmd() on args (argv[0] is added), with the rule table when cmd
 * takes facts; what it wrote on stderr lands in err. c->flags is freed.
 */
static int parse_cmd(const struct cli_cmd *cmd, struct cli *c, char *err, size_t n, const char *const *args,
                     size_t nargs)
{
	char *argv[MAXARGS + 2];
	FILE *t = tmpfile();
	size_t i, got;
	int rc, saved;

	assert_non_null(t);
	assert_true(nargs <= MAXARGS);
	argv[0] = (char *)"cmd";
	for (i = 0; i < nargs; i++)
		argv[i + 1] = (char *)args[i];
	argv[nargs + 1] = NULL;
	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	dup2(fileno(t), 2);
	rc = cli_parse_cmd(cmd, (int)nargs + 1, argv, cmd->facts ? rs : NULL, c);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(t);
	got = fread(err, 1, n - 1, t);
	err[got] = '\0';
	fclose(t);
	ds_spec_free(c->flags);
	c->flags = NULL;
	return rc;
}

/* args refused with exactly one line: "dsselect: " + the command's prefix + want. */
static void assert_refused(const struct cli_cmd *cmd, const char *const *args, size_t nargs, const char *want)
{
	char err[2048], line[1024];
	struct cli c;
	int rc = parse_cmd(cmd, &c, err, sizeof err, args, nargs);

	snprintf(line, sizeof line, "dsselect: %s%s\n", cmd->prefix, want);
	if (rc != 64 || strcmp(err, line) != 0)
		fail_msg("%s%s %s: exit %d, stderr '%s', want 64 and '%s'", cmd->prefix, args[0], nargs > 1 ? args[1] : "",
		         rc, err, line);
}

/* args accepted silently; c holds the result. */
static void assert_accepted(const struct cli_cmd *cmd, const char *const *args, size_t nargs, struct cli *c)
{
	char err[2048];
	int rc = parse_cmd(cmd, c, err, sizeof err, args, nargs);

	if (rc != 0 || err[0])
		fail_msg("%s%s %s: exit %d, stderr '%s'", cmd->prefix, args[0], nargs > 1 ? args[1] : "", rc, err);
}

static int int_at(const struct cli *c, size_t off) { return *(const int *)((const char *)c + off); }
static long long_at(const struct cli *c, size_t off) { return *(const long *)((const char *)c + off); }
static const char *str_at(const struct cli *c, size_t off) { return *(const char *const *)((const char *)c + off); }

/* Every table sorted by name, and each option declared whole for its kind. */
static void test_tables_well_formed(void **state)
{
	size_t k, i, j;

	(void)state;
	for (k = 0; k < NCMDS; k++) {
		const struct cli_cmd *cmd = cmds[k].cmd;
		assert_true(cmd->nopts > 0);
		for (i = 0; i < cmd->nopts; i++) {
			const struct cli_opt *o = &cmd->opts[i];
			if (i && strcmp(cmd->opts[i - 1].name, o->name) >= 0)
				fail_msg("%s: options not sorted: '%s' before '%s'", cmds[k].name, cmd->opts[i - 1].name, o->name);
			assert_ptr_equal(cli_opt_find(cmd, o->name), o);
			if ((o->kind == CLI_ARG_NONE) != (o->arg == NULL))
				fail_msg("%s --%s: a value's name (arg) exactly when it takes one", cmds[k].name, o->name);
			if ((o->kind == CLI_ARG_WORD) != (o->words != NULL))
				fail_msg("%s --%s: words exactly for CLI_ARG_WORD", cmds[k].name, o->name);
			if ((o->kind == CLI_ARG_COUNT || o->kind == CLI_ARG_LINE || o->kind == CLI_ARG_LIST) != (o->max > 0))
				fail_msg("%s --%s: a max exactly for a count, a line number or a list", cmds[k].name, o->name);
			if (o->kind == CLI_ARG_COUNT && o->zero == NULL)
				fail_msg("%s --%s: a count says what 0 means", cmds[k].name, o->name);
			if (o->kind == CLI_ARG_LIST && o->max > CLI_LIST_MAX)
				fail_msg("%s --%s: more than struct cli_list holds", cmds[k].name, o->name);
			if (cmd == &cli_main_cmd && (o->help == NULL || o->help_zh == NULL))
				fail_msg("dsselect --%s: no help line", o->name);
			for (j = 0; o->words && o->words[j].word; j++)
				if (j && strcmp(o->words[j].word, o->words[j - 1].word) == 0)
					fail_msg("%s --%s: the word '%s' twice", cmds[k].name, o->name, o->words[j].word);
		}
	}
}

/* The words of o joined as the parser's message lists them: "a, b or c". */
static void word_list(const struct cli_opt *o, char *out, size_t n)
{
	size_t j, nw;

	for (nw = 0; o->words[nw].word; nw++)
		;
	out[0] = '\0';
	for (j = 0; j < nw; j++) {
		strncat(out, o->words[j].word, n - strlen(out) - 1);
		strncat(out, j + 2 < nw ? ", " : j + 2 == nw ? " or " : "", n - strlen(out) - 1);
	}
}

/* "FLAG=VAL" refused with want. */
static void assert_refused_eq(const struct cli_cmd *cmd, const char *flag, const char *val, const char *want)
{
	char eq[256];
	const char *args[1] = {eq};

	snprintf(eq, sizeof eq, "%s=%s", flag, val);
	assert_refused(cmd, args, 1, want);
}

/* An option that takes a value: missing at the end, and (but for a word or a count) empty. */
static void check_value_refused(const struct cli_cmd *cmd, const struct cli_opt *o, const char *flag)
{
	char want[512];
	const char *args[1] = {flag};

	snprintf(want, sizeof want, "option --%s needs a value (%s)", o->name, o->arg);
	assert_refused(cmd, args, 1, want);
	if (o->kind == CLI_ARG_TEXT || o->kind == CLI_ARG_LIST) {
		snprintf(want, sizeof want, "option --%s needs a value (%s), not an empty string", o->name, o->arg);
		assert_refused_eq(cmd, flag, "", want);
	}
}

/* args accepted, and the text at field is want (NULL: none). */
static void assert_sets_text(const struct cli_cmd *cmd, const char *const *args, size_t nargs, size_t field,
                             const char *want)
{
	struct cli c;

	assert_accepted(cmd, args, nargs, &c);
	if (want == NULL)
		assert_null(str_at(&c, field));
	else
		assert_string_equal(str_at(&c, field), want);
}

/* One option of cmd, by its declared kind: accepted with a good value, refused with the standard message. */
static void check_option(const struct cli_cmd *cmd, const struct cli_opt *o)
{
	char flag[128], eq[160], want[512], num[32], list[256];
	const char *args[CLI_LIST_MAX * 2 + 4] = {flag};
	struct cli c;
	size_t j;

	snprintf(flag, sizeof flag, "--%s", o->name);
	switch (o->kind) {
	case CLI_ARG_NONE:
		assert_accepted(cmd, args, 1, &c);
		assert_int_equal(int_at(&c, o->field), 1);
		snprintf(want, sizeof want, "option --%s takes no value", o->name);
		assert_refused_eq(cmd, flag, "1", want);
		break;
	case CLI_ARG_TEXT:
		args[1] = "some-value";
		assert_sets_text(cmd, args, 2, o->field, "some-value");
		args[1] = "--looks-like-an-option"; /* a value is the next word, whatever it is */
		assert_sets_text(cmd, args, 2, o->field, "--looks-like-an-option");
		snprintf(eq, sizeof eq, "%s=a=b", flag); /* the value after the first '=' */
		args[0] = eq;
		assert_sets_text(cmd, args, 1, o->field, "a=b");
		check_value_refused(cmd, o, flag);
		break;
	case CLI_ARG_FILE_OPT:
		assert_sets_text(cmd, args, 1, o->field, NULL);
		assert_accepted(cmd, args, 1, &c);
		assert_int_equal(int_at(&c, o->given), 1);
		args[1] = "-";
		assert_sets_text(cmd, args, 2, o->field, "-");
		args[1] = "in.ndjson";
		assert_sets_text(cmd, args, 2, o->field, "in.ndjson");
		snprintf(want, sizeof want, "option --%s takes a file name, not an empty string", o->name);
		assert_refused_eq(cmd, flag, "", want);
		break;
	case CLI_ARG_WORD:
		for (j = 0; o->words[j].word; j++) {
			args[1] = o->words[j].word;
			assert_accepted(cmd, args, 2, &c);
			assert_int_equal(int_at(&c, o->field), o->words[j].value);
			if (o->given)
				assert_int_equal(int_at(&c, o->given), 1);
		}
		args[1] = "qqqqqqqqqq";
		word_list(o, list, sizeof list);
		snprintf(want, sizeof want, "option --%s: unknown value 'qqqqqqqqqq'; use %s", o->name, list);
		assert_refused(cmd, args, 2, want);
		check_value_refused(cmd, o, flag);
		break;
	case CLI_ARG_COUNT:
		snprintf(num, sizeof num, "%ld", o->max);
		args[1] = num;
		assert_accepted(cmd, args, 2, &c);
		assert_int_equal(long_at(&c, o->field), o->max);
		args[1] = "0";
		assert_accepted(cmd, args, 2, &c);
		assert_int_equal(long_at(&c, o->field), 0);
		if (o->given)
			assert_int_equal(int_at(&c, o->given), 1);
		snprintf(num, sizeof num, "%ld", o->max + 1);
		args[1] = num;
		snprintf(want, sizeof want, "option --%s: '%s' is not a count (a whole number from 0 to %ld; %s)", o->name, num,
		         o->max, o->zero);
		assert_refused(cmd, args, 2, want);
		args[1] = "-1";
		snprintf(want, sizeof want, "option --%s: '-1' is not a count (a whole number from 0 to %ld; %s)", o->name,
		         o->max, o->zero);
		assert_refused(cmd, args, 2, want);
		check_value_refused(cmd, o, flag);
		break;
	case CLI_ARG_LINE: /* 1 to max; 0, max + 1, a sign and a fraction are refused */
		args[1] = "1";
		assert_accepted(cmd, args, 2, &c);
		assert_int_equal(long_at(&c, o->field), 1);
		if (o->given)
			assert_int_equal(int_at(&c, o->given), 1);
		snprintf(num, sizeof num, "%ld", o->max);
		args[1] = num;
		assert_accepted(cmd, args, 2, &c);
		assert_int_equal(long_at(&c, o->field), o->max);
		{
			char big[32];
			const char *bad[] = {"0", big, "-1", "+5", "1.5", "01", "12x", "99999999999999999999999"};
			snprintf(big, sizeof big, "%ld", o->max + 1);
			for (j = 0; j < sizeof bad / sizeof bad[0]; j++) {
				args[1] = bad[j];
				snprintf(want, sizeof want, "option --%s: '%s' is not a line number (a whole number from 1 to %ld)",
				         o->name, bad[j], o->max);
				assert_refused(cmd, args, 2, want);
			}
		}
		check_value_refused(cmd, o, flag);
		break;
	case CLI_ARG_LIST:
		for (j = 0; j <= (size_t)o->max; j++) {
			args[2 * j] = flag;
			args[2 * j + 1] = j ? "second" : "first";
		}
		assert_accepted(cmd, args, 2 * (size_t)o->max, &c);
		assert_int_equal(((const struct cli_list *)((const char *)&c + o->field))->n, o->max);
		assert_string_equal(((const struct cli_list *)((const char *)&c + o->field))->v[0], "first");
		snprintf(want, sizeof want, "option --%s can be given at most %ld times", o->name, o->max);
		assert_refused(cmd, args, 2 * (size_t)o->max + 2, want);
		check_value_refused(cmd, o, flag);
		break;
	}
}

static void test_every_option_by_its_kind(void **state)
{
	size_t k, i;

	(void)state;
	for (k = 0; k < NCMDS; k++)
		for (i = 0; i < cmds[k].cmd->nopts; i++)
			check_option(cmds[k].cmd, &cmds[k].cmd->opts[i]);
}

/* What each command refuses that is no option of it, in the same words everywhere. */
static void test_every_command_refuses_the_same_way(void **state)
{
	char want[512];
	size_t k;

	(void)state;
	for (k = 0; k < NCMDS; k++) {
		const struct cli_cmd *cmd = cmds[k].cmd;
		const char *unknown[] = {"--zzzzzzzzzzzz"}, *dash[] = {"-x"}, *two[] = {"a", "b"}, *after[] = {"--", "a", "b"};
		snprintf(want, sizeof want, "unknown option '--zzzzzzzzzzzz'; see '%s --help'", cmd->usage);
		assert_refused(cmd, unknown, 1, want);
		snprintf(want, sizeof want, "unexpected argument '-x'; options start with '--' (see %s --help)", cmd->usage);
		assert_refused(cmd, dash, 1, want);
		if (cmd->operand) { /* one word that is no option, and no more */
			assert_refused(cmd, two, 2, "unexpected argument 'b'");
			assert_refused(cmd, after, 3, "unexpected argument 'b'");
		} else {
			snprintf(want, sizeof want, "unexpected argument 'a'; options start with '--' (see %s --help)", cmd->usage);
			assert_refused(cmd, two, 2, want);
			snprintf(want, sizeof want, "unexpected argument 'a'; %s takes options only", cmd->usage);
			assert_refused(cmd, after, 3, want);
		}
	}
	/* dsselect's own options that sweep and rules test do not take are unknown there */
	{
		const char *batch[] = {"--batch"}, *format[] = {"--format", "json"}, *strict[] = {"--strict"};
		assert_refused(&cli_sweep_cmd, batch, 1, "option --batch is dsselect's; sweep makes its workloads from --vary, "
		                                          "over one base (--spec or the flags)");
		assert_refused(&cli_rules_cmds[1], format, 2, "option --format is dsselect's; this command takes --help --lang --rules");
		assert_refused(&cli_rules_cmds[2], strict, 1, "unknown option '--strict'; see 'dsselect rules --help'");
	}
}

/*
 * What each option of each table does, written out by hand: a case fails
 * when an option's declared kind or field is wrong (a switch that would eat
 * the next word, an optional file that would take an option, a count stored
 * as text). Every option of every table must have a case here.
 */
enum want_type { W_INT, W_LONG, W_STR };
static const struct kind_case {
	const struct cli_cmd *cmd;
	const char *args[6];
	size_t field;
	enum want_type type;
	long num;
	const char *str;
} kind_cases[] = {
    {&cli_main_cmd, {"--batch", "--summary"}, F(batch), W_INT, 1, NULL},
    {&cli_main_cmd, {"--batch", "--summary"}, F(batch_path), W_STR, 0, NULL},
    {&cli_main_cmd, {"--batch", "in.ndjson", "--summary"}, F(batch_path), W_STR, 0, "in.ndjson"},
    {&cli_main_cmd, {"--changes", "7", "--gpus", "2"}, F(changes), W_LONG, 7, NULL},
    {&cli_main_cmd, {"--changes=0"}, F(changes_given), W_INT, 1, NULL},
    {&cli_main_cmd, {"--color", "never", "--gpus", "2"}, F(color), W_INT, CLI_COLOR_NEVER, NULL},
    {&cli_main_cmd, {"--detect", "--gpu-mem", "24"}, F(detect), W_INT, 1, NULL},
    {&cli_main_cmd, {"--expect", "V2", "--gpus", "2"}, F(expect), W_STR, 0, "V2"},
    {&cli_main_cmd, {"--explain", "--gpus", "2"}, F(explain), W_INT, 1, NULL},
    {&cli_main_cmd, {"--first-line", "10001", "--batch"}, F(first_line), W_LONG, 10001, NULL},
    {&cli_main_cmd, {"--first-line=1", "--batch"}, F(first_line_given), W_INT, 1, NULL},
    {&cli_main_cmd, {"--format", "tsv", "--gpus", "2"}, F(format), W_INT, DS_FORMAT_TSV, NULL},
    {&cli_main_cmd, {"--format", "junit"}, F(ci), W_INT, CLI_CI_JUNIT, NULL},
    {&cli_main_cmd, {"--help", "--gpus", "2"}, F(help), W_INT, 1, NULL},
    {&cli_main_cmd, {"-h"}, F(help), W_INT, 1, NULL},
    {&cli_main_cmd, {"--junit-file-attrs", "--format", "junit"}, F(junit_file_attrs), W_INT, 1, NULL},
    {&cli_main_cmd, {"--lang", "zh", "--gpus", "2"}, F(lang), W_INT, DS_LANG_ZH, NULL},
    {&cli_main_cmd, {"--line-buffered", "--gpus", "2"}, F(line_buffered), W_INT, 1, NULL},
    {&cli_main_cmd, {"--no-header", "--gpus", "2"}, F(no_header), W_INT, 1, NULL},
    {&cli_main_cmd, {"--rules", "t.yaml", "--gpus", "2"}, F(rules_path), W_STR, 0, "t.yaml"},
    {&cli_main_cmd, {"--spec", "-", "--gpus", "2"}, F(spec_path), W_STR, 0, "-"},
    {&cli_main_cmd, {"--spec-dir", "specs", "--gpus", "2"}, F(spec_dir), W_STR, 0, "specs"},
    {&cli_main_cmd, {"--summary", "--gpus", "2"}, F(summary), W_INT, 1, NULL},
    {&cli_main_cmd, {"--version", "--gpus", "2"}, F(version), W_INT, 1, NULL},
    {&cli_main_cmd, {"-V"}, F(version), W_INT, 1, NULL},
    {&cli_sweep_cmd, {"--color", "always", "--gpus", "2"}, F(color), W_INT, CLI_COLOR_ALWAYS, NULL},
    {&cli_sweep_cmd, {"--format", "csv", "--gpus", "2"}, F(fmt), W_INT, CLI_FMT_CSV, NULL},
    {&cli_sweep_cmd, {"--format", "ndjson"}, F(format), W_INT, DS_FORMAT_NDJSON, NULL},
    {&cli_sweep_cmd, {"--help", "--gpus", "2"}, F(help), W_INT, 1, NULL},
    {&cli_sweep_cmd, {"--lang", "zh", "--gpus", "2"}, F(lang), W_INT, DS_LANG_ZH, NULL},
    {&cli_sweep_cmd, {"--rules", "t.yaml", "--gpus", "2"}, F(rules_path), W_STR, 0, "t.yaml"},
    {&cli_sweep_cmd, {"--spec", "s.json", "--gpus", "2"}, F(spec_path), W_STR, 0, "s.json"},
    {&cli_sweep_cmd, {"--vary", "gpu_mem=8:16:8", "--vary", "task", "--gpus", "2"}, F(vary.n), W_INT, 2, NULL},
    {&cli_sweep_cmd, {"--vary", "gpu_mem=8:16:8", "--vary", "task"}, F(vary.v[1]), W_STR, 0, "task"},
    {&cli_rules_cmds[0], {"--format", "json", "t.yaml"}, F(fmt), W_INT, CLI_FMT_JSON, NULL},
    {&cli_rules_cmds[0], {"--help", "t.yaml"}, F(help), W_INT, 1, NULL},
    {&cli_rules_cmds[0], {"--lang", "zh", "t.yaml"}, F(lang), W_INT, DS_LANG_ZH, NULL},
    {&cli_rules_cmds[0], {"--rules", "t.yaml"}, F(rules_path), W_STR, 0, "t.yaml"},
    {&cli_rules_cmds[0], {"--strict", "t.yaml"}, F(strict), W_INT, 1, NULL},
    {&cli_rules_cmds[0], {"--strict", "t.yaml"}, F(operand), W_STR, 0, "t.yaml"},
    {&cli_rules_cmds[1], {"-h", "t.yaml"}, F(help), W_INT, 1, NULL},
    {&cli_rules_cmds[1], {"--help", "t.yaml"}, F(help), W_INT, 1, NULL},
    {&cli_rules_cmds[1], {"--lang", "zh", "t.yaml"}, F(lang), W_INT, DS_LANG_ZH, NULL},
    {&cli_rules_cmds[1], {"--rules", "t.yaml"}, F(rules_path), W_STR, 0, "t.yaml"},
    {&cli_rules_cmds[2], {"--format", "json", "t.yaml"}, F(format), W_INT, DS_FORMAT_JSON, NULL},
    {&cli_rules_cmds[2], {"--help", "t.yaml"}, F(help), W_INT, 1, NULL},
    {&cli_rules_cmds[2], {"--lang", "zh", "t.yaml"}, F(lang), W_INT, DS_LANG_ZH, NULL},
    {&cli_rules_cmds[2], {"--rules", "t.yaml"}, F(rules_path), W_STR, 0, "t.yaml"},
    {&cli_rules_cmds[3], {"--format", "json", "2.2"}, F(format), W_INT, DS_FORMAT_JSON, NULL},
    {&cli_rules_cmds[3], {"--help", "2.2"}, F(help), W_INT, 1, NULL},
    {&cli_rules_cmds[3], {"--lang", "zh", "2.2"}, F(lang), W_INT, DS_LANG_ZH, NULL},
    {&cli_rules_cmds[3], {"--rules", "t.yaml", "2.2"}, F(rules_path), W_STR, 0, "t.yaml"},
    {&cli_rules_cmds[3], {"--rules", "t.yaml", "2.2"}, F(operand), W_STR, 0, "2.2"},
};

static void test_each_option_does_what_it_says(void **state)
{
	size_t i, k, j, n;
	struct cli c;

	(void)state;
	for (i = 0; i < sizeof kind_cases / sizeof kind_cases[0]; i++) {
		const struct kind_case *t = &kind_cases[i];
		for (n = 0; n < 6 && t->args[n]; n++)
			;
		assert_accepted(t->cmd, t->args, n, &c);
		if (t->type == W_INT && int_at(&c, t->field) != t->num)
			fail_msg("%s%s: %d, want %ld", t->cmd->prefix, t->args[0], int_at(&c, t->field), t->num);
		if (t->type == W_LONG && long_at(&c, t->field) != t->num)
			fail_msg("%s%s: %ld, want %ld", t->cmd->prefix, t->args[0], long_at(&c, t->field), t->num);
		if (t->type == W_STR && (t->str ? str_at(&c, t->field) == NULL || strcmp(str_at(&c, t->field), t->str)
		                                : str_at(&c, t->field) != NULL))
			fail_msg("%s%s: '%s', want '%s'", t->cmd->prefix, t->args[0], str_at(&c, t->field) ? str_at(&c, t->field) : "(null)",
			         t->str ? t->str : "(null)");
	}
	/* every option of every table has a case above */
	for (k = 0; k < NCMDS; k++)
		for (j = 0; j < cmds[k].cmd->nopts; j++) {
			char flag[128];
			snprintf(flag, sizeof flag, "--%s", cmds[k].cmd->opts[j].name);
			for (i = 0; i < sizeof kind_cases / sizeof kind_cases[0]; i++)
				if (kind_cases[i].cmd == cmds[k].cmd &&
				    (!strcmp(kind_cases[i].args[0], flag) ||
				     (!strncmp(kind_cases[i].args[0], flag, strlen(flag)) && kind_cases[i].args[0][strlen(flag)] == '=')))
					break;
			if (i == sizeof kind_cases / sizeof kind_cases[0])
				fail_msg("%s --%s: no case in kind_cases", cmds[k].name, cmds[k].cmd->opts[j].name);
		}
}

/* A fact flag an option of sweep shadows (--vary) is an error of the table, as one of dsselect's (--format). */
static void test_flag_clash_with_sweep(void **state)
{
	static const char *const flags[] = {"format", "vary", "tiny-device"};
	char text[8192], *at;
	FILE *fp = fopen(DS_TEST_DATA "/rules/custom-bad-clash.yaml", "rb");
	size_t n, i;

	(void)state;
	assert_non_null(fp);
	n = fread(text, 1, sizeof text - 1, fp);
	fclose(fp);
	text[n] = '\0';
	assert_non_null(at = strstr(text, "flag: format\n")); /* its second fact, tiny_device */
	for (i = 0; i < 3; i++) {
		char table[8300];
		ds_ruleset *t = NULL;
		ds_diag d;
		snprintf(table, sizeof table, "%.*sflag: %s%s", (int)(at - text), text, flags[i], at + strlen("flag: format"));
		if (ds_ruleset_load_mem(table, strlen(table), "clash.yaml", &t, &d) != DS_OK)
			fail_msg("flag %s: the table does not load: %s", flags[i], d.msg);
		assert_int_equal(cli_flag_clash(t), i < 2 ? 1 : -1);
		ds_ruleset_free(t);
	}
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
	    cmocka_unit_test_setup(test_tables_well_formed, setup_locale),
	    cmocka_unit_test_setup(test_every_option_by_its_kind, setup_locale),
	    cmocka_unit_test_setup(test_every_command_refuses_the_same_way, setup_locale),
	    cmocka_unit_test_setup(test_each_option_does_what_it_says, setup_locale),
	    cmocka_unit_test(test_flag_clash_with_sweep),
	    cmocka_unit_test(test_prescan_rules),
	    cmocka_unit_test(test_prescan_skips_argv0),
	    cmocka_unit_test_setup(test_env_lang, setup_locale),
	};
	return cmocka_run_group_tests(tests, setup_rules, teardown_rules);
}
