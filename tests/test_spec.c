/*
 * test_spec.c: workload specs from JSON, YAML and flag text, against the
 * default rule table.
 *
 * The bad specs are a table: each case names its syntax (JSON, YAML, or
 * auto-detected by ds_spec_parse()), the text, and the expected diag: line,
 * column (1-based), key and message substrings. Most defects appear twice, once
 * per syntax. Positions: a JSON error about a key or its value points at the
 * key's opening quote (cJSON keeps no positions for values); a YAML error
 * about a value points at the value, about a key at the key.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <dsselect.h>
#include "specdata.h" /* struct ds_spec / struct value: to check parsed values */
#include "cjk.h"

#define SPECS_DIR DS_TEST_DATA "/specs"

static ds_ruleset *rs; /* the default table, for every test */

enum syn { AUTO, JSON, YAML };

struct spec_case {
	const char *name;
	enum syn syn;
	const char *text;
	unsigned line, col;
	const char *key;         /* expected diag.key; NULL: not checked */
	const char *msg1, *msg2; /* substrings of diag.msg; msg2 may be NULL */
};

static const struct spec_case bad_specs[] = {
	/* ---- unknown keys ---- */
	{"unknown-key-json", AUTO, "{\n  \"gpus\": 2,\n  \"gpu_mme\": 24\n}\n", 3, 3, "gpu_mme",
	 "unknown key 'gpu_mme'", "did you mean 'gpu_mem'?"},
	{"unknown-key-yaml", AUTO, "gpus: 2\ngpu_mme: 24\n", 2, 1, "gpu_mme", "unknown key 'gpu_mme'",
	 "did you mean 'gpu_mem'?"},
	{"unknown-key-crlf-json", AUTO, "{\r\n  \"gpus\": 2,\r\n  \"gpu_mme\": 1\r\n}\r\n", 3, 3, "gpu_mme",
	 "unknown key 'gpu_mme'", NULL},
	{"unknown-key-crlf-yaml", AUTO, "gpus: 2\r\ngpu_mme: 1\r\n", 2, 1, "gpu_mme", "unknown key", NULL},
	/* Columns count characters, not bytes: 作业 are 2 columns. */
	{"unknown-key-utf8-json", AUTO, "{\"id\": \"作业\", \"gpu_mme\": 1}", 1, 14, "gpu_mme",
	 "unknown key 'gpu_mme'", NULL},
	{"unknown-key-utf8-yaml", YAML, "{id: 作业, gpu_mme: 1}", 1, 10, "gpu_mme", "unknown key 'gpu_mme'",
	 NULL},
	/* Keys after strings with escapes and after lists are still located. */
	{"unknown-key-after-escape-json", AUTO, "{\"gpu_model\": \"a\\\"b\", \"gpu_mme\": 1}", 1, 23,
	 "gpu_mme", "unknown key 'gpu_mme'", NULL},
	{"unknown-key-after-list-json", AUTO, "{\"data\": [\"code\", \"math\"], \"gpu_mme\": 1}", 1, 28,
	 "gpu_mme", "unknown key 'gpu_mme'", NULL},
	{"unknown-key-after-object-json", AUTO, "{\"gpus\": 1, \"x\": {\"y\": 1}, \"z\": 2}", 1, 13, "x",
	 "unknown key 'x'", NULL},
	{"unknown-flag-spelling-json", AUTO, "{\"gpu-mem\": 24}", 1, 2, "gpu-mem", "unknown key 'gpu-mem'",
	 "did you mean 'gpu_mem'?"},

	/* ---- duplicate keys ---- */
	{"dup-json", AUTO, "{\n  \"gpus\": 2,\n  \"gpus\": 3\n}", 3, 3, "gpus", "duplicate key 'gpus'", NULL},
	{"dup-yaml", AUTO, "gpus: 2\ngpus: 3\n", 2, 1, "gpus", "duplicate key 'gpus'", "first at line 1"},
	{"dup-id-json", AUTO, "{\"id\": 1, \"id\": \"x\"}", 1, 11, "id", "duplicate key 'id'", NULL},
	{"dup-id-yaml", AUTO, "id: 1\nid: x\n", 2, 1, "id", "duplicate key 'id'", NULL},

	/* ---- wrong types ---- */
	{"string-for-number-json", AUTO, "{\n  \"gpus\": 1,\n  \"gpu_mem\": \"24\"\n}", 3, 3, "gpu_mem",
	 "key 'gpu_mem'", "expected a number, got a string"},
	{"string-for-number-yaml", AUTO, "gpus: 1\ngpu_mem: \"24\"\n", 2, 10, "gpu_mem", "key 'gpu_mem'",
	 "expected a number, got a string"},
	/* YAML: a quoted "12" is a string, never a number. */
	{"quoted-int-yaml", AUTO, "gpus: \"12\"\n", 1, 7, "gpus", "expected an integer, got a string", NULL},
	{"single-quoted-int-yaml", AUTO, "gpus: '12'\n", 1, 7, "gpus", "expected an integer, got a string",
	 NULL},
	{"number-for-enum-json", AUTO, "{\"platform\": 1}", 1, 2, "platform",
	 "expected a string, one of bare-metal, kubernetes, edge; got a number", NULL},
	{"number-for-enum-yaml", AUTO, "platform: 1\n", 1, 11, "platform", "'1' is not a valid platform",
	 NULL},
	{"float-for-int-json", AUTO, "{\"gpus\": 1.5}", 1, 2, "gpus", "expected an integer, got 1.5", NULL},
	{"float-for-int-yaml", AUTO, "gpus: 1.5\n", 1, 7, "gpus", "expected an integer, got 1.5", NULL},
	{"bool-for-number-json", AUTO, "{\"gpu_mem\": true}", 1, 2, "gpu_mem", "got a boolean", NULL},
	{"bool-for-number-yaml", AUTO, "gpu_mem: true\n", 1, 10, "gpu_mem", "got a boolean", NULL},
	{"string-for-set-json", AUTO, "{\"data\": \"code\"}", 1, 2, "data",
	 "expected a list of data values, got a string", NULL},
	{"string-for-set-yaml", AUTO, "data: code\n", 1, 7, "data",
	 "expected a list of data values, got a string", NULL},
	{"list-for-enum-json", AUTO, "{\"task\": [\"general\"]}", 1, 2, "task", "got a list", NULL},
	{"list-for-enum-yaml", AUTO, "task: [general]\n", 1, 7, "task", "got a list", NULL},
	{"object-for-int-json", AUTO, "{\"gpus\": {\"n\": 1}}", 1, 2, "gpus", "got an object", NULL},
	{"map-for-int-yaml", AUTO, "gpus: {n: 1}\n", 1, 7, "gpus", "got a mapping", NULL},
	{"number-for-string-json", AUTO, "{\"gpu_model\": 4090}", 1, 2, "gpu_model",
	 "expected a string, got a number", NULL},
	{"empty-string-json", AUTO, "{\"gpu_model\": \"\"}", 1, 2, "gpu_model", "must not be empty", NULL},
	{"list-item-json", AUTO, "{\"data\": [\"code\", 1]}", 1, 2, "data", "item 2 of the list is not a string",
	 NULL},
	{"list-item-yaml", AUTO, "data: [code, [math]]\n", 1, 7, "data", "item 2 of the list is not a string",
	 NULL},
	{"set-member-json", AUTO, "{\"data\": [\"code\", \"mth\"]}", 1, 2, "data",
	 "'mth' is not a valid data", "did you mean 'math'?"},
	{"set-member-yaml", AUTO, "data: [code, mth]\n", 1, 7, "data", "'mth' is not a valid data",
	 "did you mean 'math'?"},
	{"enum-typo-json", AUTO, "{\"platform\": \"kubernets\"}", 1, 2, "platform",
	 "'kubernets' is not a valid platform", "did you mean 'kubernetes'?"},
	{"enum-typo-yaml", AUTO, "platform: kubernets\n", 1, 11, "platform",
	 "'kubernets' is not a valid platform", "did you mean 'kubernetes'?"},
	{"id-bool-json", AUTO, "{\"id\": true}", 1, 2, "id", "key 'id': expected a string or a number", NULL},
	{"id-null-json", AUTO, "{\"id\": null}", 1, 2, "id", "expected a string or a number", NULL},
	{"id-list-yaml", AUTO, "id: [1]\n", 1, 5, "id", "expected a string or a number", NULL},
	{"id-null-yaml", AUTO, "id: ~\n", 1, 5, "id", "expected a string or a number", NULL},
	/* YAML true is a boolean (as in JSON, where it is refused); "true" quoted is a string. */
	{"id-bool-yaml", AUTO, "id: true\n", 1, 5, "id", "expected a string or a number", NULL},

	/* ---- booleans: true and false only ---- */
	{"yes-yaml", AUTO, "nccl: yes\n", 1, 7, "nccl", "expected true or false, got 'yes'", NULL},
	{"True-yaml", AUTO, "nccl: True\n", 1, 7, "nccl", "expected true or false", NULL},
	{"on-yaml", AUTO, "nccl: on\n", 1, 7, "nccl", "expected true or false, got 'on'", NULL},
	{"quoted-true-yaml", AUTO, "nccl: \"true\"\n", 1, 7, "nccl", "expected true or false", NULL},
	{"one-for-bool-yaml", AUTO, "nccl: 1\n", 1, 7, "nccl", "expected true or false, got a number", NULL},
	{"string-for-bool-json", AUTO, "{\"nccl\": \"true\"}", 1, 2, "nccl", "expected true or false", NULL},
	{"one-for-bool-json", AUTO, "{\"nccl\": 1}", 1, 2, "nccl", "expected true or false, got a number",
	 NULL},

	/* ---- out of range ---- */
	{"gpu-mem-neg-json", AUTO, "{\"gpu_mem\": -1}", 1, 2, "gpu_mem", "must be at least 0, got -1", NULL},
	{"gpu-mem-neg-yaml", AUTO, "gpu_mem: -1\n", 1, 10, "gpu_mem", "must be at least 0, got -1", NULL},
	{"gpu-mem-max-json", AUTO, "{\"gpu_mem\": 4096.5}", 1, 2, "gpu_mem", "must be at most 4096", NULL},
	{"mlps-6-json", AUTO, "{\"mlps_level\": 6}", 1, 2, "mlps_level", "must be at most 5, got 6", NULL},
	{"mlps-6-yaml", AUTO, "mlps_level: 6\n", 1, 13, "mlps_level", "must be at most 5, got 6", NULL},
	{"mlps-0-yaml", AUTO, "mlps_level: 0\n", 1, 13, "mlps_level", "must be at least 1, got 0", NULL},
	{"p99-0-json", AUTO, "{\"p99_ms\": 0}", 1, 2, "p99_ms", "must be above 0, got 0", NULL},
	{"p99-0-yaml", AUTO, "p99_ms: 0\n", 1, 9, "p99_ms", "must be above 0, got 0", NULL},
	{"p99-neg0-json", AUTO, "{\"p99_ms\": -0.0}", 1, 2, "p99_ms", "must be above 0", NULL},
	{"avg-tokens-0-json", AUTO, "{\"avg_tokens\": 0}", 1, 2, "avg_tokens", "must be at least 1, got 0",
	 NULL},
	{"avg-tokens-0-yaml", AUTO, "avg_tokens: 0\n", 1, 13, "avg_tokens", "must be at least 1, got 0", NULL},
	{"gpus-max-yaml", AUTO, "gpus: 4097\n", 1, 7, "gpus", "must be at most 4096", NULL},
	{"corpus-huge-json", AUTO, "{\"corpus_size\": 1e300}", 1, 2, "corpus_size", "too large to be exact",
	 NULL},

	/* ---- non-finite numbers ---- */
	{"inf-json", AUTO, "{\"gpu_mem\": 1e999}", 1, 2, "gpu_mem", "finite", NULL},
	{"neg-inf-json", AUTO, "{\"p99_ms\": -1e999}", 1, 2, "p99_ms", "finite", NULL},
	{"inf-exp-yaml", AUTO, "gpu_mem: 1e999\n", 1, 10, "gpu_mem", "finite", NULL},
	{"inf-yaml", AUTO, "gpu_mem: .inf\n", 1, 10, "gpu_mem", "key 'gpu_mem'", NULL},
	{"nan-yaml", AUTO, "p99_ms: .nan\n", 1, 9, "p99_ms", "key 'p99_ms'", NULL},
	{"nan-json", AUTO, "{\"gpu_mem\": NaN}", 1, 13, "", "JSON syntax error", NULL},

	/* ---- null ---- */
	{"null-json", AUTO, "{\"gpu_mem\": null}", 1, 2, "gpu_mem", "null is not a value", NULL},
	{"null-tilde-yaml", AUTO, "gpu_mem: ~\n", 1, 10, "gpu_mem", "null is not a value", NULL},
	{"null-word-yaml", AUTO, "gpu_mem: null\n", 1, 10, "gpu_mem", "null is not a value", NULL},
	{"null-empty-yaml", AUTO, "gpu_mem:\ngpus: 1\n", 1, 9, "gpu_mem", "null is not a value", NULL},

	/* ---- JSON syntax ---- */
	{"json-missing-comma", AUTO, "{\n  \"gpus\": 2\n  \"nccl\": true\n}\n", 3, 3, "", "JSON syntax error",
	 NULL},
	{"json-missing-value", AUTO, "{\n  \"gpus\": 2,\n  \"gpu_mem\": \n}\n", 4, 1, "", "JSON syntax error",
	 NULL},
	{"json-trailing-comma", AUTO, "{\"gpus\": 2,}", 1, 12, "", "JSON syntax error", NULL},
	/* The offending character is the ' at column 2. */
	{"json-single-quotes", AUTO, "{'gpus': 2}", 1, 2, "", "JSON syntax error", NULL},
	/* Truncated: the error is at the end of the input, just past the last character. */
	{"json-truncated", AUTO, "{\"gpus\": 2", 1, 11, "", "JSON syntax error", "end of input"},
	{"json-trailing-garbage", AUTO, "{\"gpus\": 2} x", 1, 13, "", "unexpected text after the JSON value",
	 NULL},
	{"json-second-object", AUTO, "{\"gpus\": 2}\n\n  {\"gpus\": 3}\n", 3, 3, "",
	 "unexpected text after the JSON value", NULL},
	{"json-root-array", JSON, "[1, 2]", 1, 1, "", "must be a JSON object", NULL},
	{"json-root-string", JSON, "\"gpus\"", 1, 1, "", "must be a JSON object", NULL},
	{"json-root-number", JSON, "  42\n", 1, 1, "", "must be a JSON object", NULL},
	{"json-empty", JSON, "", 1, 1, "", "JSON syntax error", "end of input"},
	{"json-blank", JSON, " \n\t", 2, 2, "", "JSON syntax error", "end of input"},

	/* ---- YAML syntax and structure ---- */
	{"yaml-bad-indent", AUTO, "gpus: 2\n  nccl: true\n", 2, 7, "", "YAML syntax error",
	 "mapping values are not allowed"},
	{"yaml-unclosed-flow", AUTO, "data: [code, math\ngpus: 2\n", 2, 5, "", "YAML syntax error", NULL},
	{"yaml-root-list", AUTO, "[1, 2]\n", 1, 1, "", "must be a mapping", NULL},
	{"yaml-root-seq", AUTO, "- gpus: 2\n", 1, 1, "", "must be a mapping", NULL},
	{"yaml-root-scalar", AUTO, "just text\n", 1, 1, "", "must be a mapping", NULL},
	{"yaml-deep", AUTO, "data: [[[[code]]]]\n", 1, 10, "", "nested deeper than 4 levels", NULL},
	{"yaml-alias", AUTO, "gpus: &n 2\nconcurrency: *n\n", 2, 14, "", "alias", NULL},
	{"yaml-two-docs", AUTO, "gpus: 2\n---\ngpus: 3\n", 2, 1, "", "more than one YAML document", NULL},
	{"yaml-complex-key", AUTO, "? [gpus]\n: 2\n", 1, 3, "", "mapping key must be a plain word", NULL},

	/* ---- the table's constraint: no GPU means no GPU memory (issue 14), at the later key ---- */
	{"cpu-only-with-memory-json", AUTO, "{\"gpus\": 0, \"gpu_mem\": 80}", 1, 13, "gpu_mem",
	 "gpu_mem 80 and gpus 0 contradict each other", "no GPU memory"},
	{"cpu-only-with-memory-later-gpus-json", AUTO, "{\"gpu_mem\": 0.5,\n \"gpus\": 0}", 2, 2, "gpus",
	 "gpu_mem 0.5 and gpus 0 contradict each other", NULL},
	{"no-memory-with-gpus-yaml", AUTO, "gpu_mem: 0\ngpus: 2\n", 2, 1, "gpus",
	 "gpu_mem 0 and gpus 2 contradict each other", NULL},
	{"no-memory-with-gpus-flow-yaml", YAML, "{gpus: 4096, id: x, gpu_mem: 0}", 1, 21, "gpu_mem",
	 "gpu_mem 0 and gpus 4096 contradict each other", NULL},

	/* ---- empty input ---- */
	{"empty-auto", AUTO, "", 1, 1, "", "empty", NULL},
	{"blank-auto", AUTO, "  \n\n", 1, 1, "", "empty", NULL},
	{"comment-yaml", YAML, "# only a comment\n", 1, 1, "", "empty", NULL},
};
#define NBAD (sizeof bad_specs / sizeof bad_specs[0])

/* ---- helpers ---- */

static ds_status parse(enum syn syn, const char *text, size_t len, const char *name, ds_spec **out,
                       ds_diag *d)
{
	switch (syn) {
	case JSON: return ds_spec_parse_json(rs, text, len, name, out, d);
	case YAML: return ds_spec_parse_yaml(rs, text, len, name, out, d);
	default: return ds_spec_parse(rs, text, len, name, out, d);
	}
}

static const struct value *val(const ds_spec *s, const char *key)
{
	long f = ds_ruleset_fact_by_key(rs, key);

	assert_true(f >= 0);
	return &s->v[f];
}

/* The bit of value word of an enum or set fact. */
static uint64_t bit(const char *key, const char *word)
{
	long f = ds_ruleset_fact_by_key(rs, key);
	size_t i;

	assert_true(f >= 0);
	for (i = 0; i < ds_fact_value_count(rs, (size_t)f); i++)
		if (!strcmp(ds_fact_value(rs, (size_t)f, i), word))
			return (uint64_t)1 << i;
	fail_msg("%s is not a value of %s", word, key);
	return 0;
}

static ds_spec *parse_ok(enum syn syn, const char *text)
{
	ds_spec *s = NULL;
	ds_diag d;

	memset(&d, 0, sizeof d);
	if (parse(syn, text, strlen(text), "ok", &s, &d) != DS_OK)
		fail_msg("should parse: %s\n  got %u:%u: %s", text, d.line, d.col, d.msg);
	assert_non_null(s);
	return s;
}

static char *read_all(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *p;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	p = malloc((size_t)n + 1);
	if (p && fread(p, 1, (size_t)n, fp) != (size_t)n) {
		free(p);
		p = NULL;
	}
	if (p)
		p[n] = '\0';
	fclose(fp);
	return p;
}

/* ---- the table of bad specs ---- */

static void test_bad_spec(void **state)
{
	const struct spec_case *c = *state;
	ds_spec *s = (ds_spec *)state; /* any non-NULL value: it must come back NULL */
	ds_diag d;
	ds_status st;

	memset(&d, 0, sizeof d);
	st = parse(c->syn, c->text, strlen(c->text), "spec", &s, &d);
	if (st == DS_OK) {
		ds_spec_free(s); /* accepted: the test fails below, without a leak */
		s = NULL;
	}
	if (st != DS_ERR_SPEC || d.line != c->line || d.col != c->col || !strstr(d.msg, c->msg1) ||
	    (c->msg2 && !strstr(d.msg, c->msg2)) || (c->key && strcmp(d.key, c->key)))
		print_message("  [%s] expected %u:%u key '%s' '%s'%s%s%s\n  got status %d %s:%u:%u key '%s': %s\n",
		              c->name, c->line, c->col, c->key ? c->key : "*", c->msg1, c->msg2 ? " + '" : "",
		              c->msg2 ? c->msg2 : "", c->msg2 ? "'" : "", (int)st, d.file, d.line, d.col, d.key,
		              d.msg);
	assert_int_equal(st, DS_ERR_SPEC);
	assert_null(s);
	assert_string_equal(d.file, "spec");
	assert_int_equal(d.line, c->line);
	assert_int_equal(d.col, c->col);
	if (c->key)
		assert_string_equal(d.key, c->key);
	assert_non_null(strstr(d.msg, c->msg1));
	if (c->msg2)
		assert_non_null(strstr(d.msg, c->msg2));
	/* A NULL diag gives the same status. */
	assert_int_equal(parse(c->syn, c->text, strlen(c->text), "spec", &s, NULL), DS_ERR_SPEC);
	assert_null(s);
}

/* ---- valid specs ---- */

static const char all_types_json[] =
	"{\n"
	"  \"id\": \"job-1\",\n"
	"  \"gpu_mem\": 24.5,\n"
	"  \"gpus\": 4,\n"
	"  \"gpu_model\": \"a10g\",\n"
	"  \"nccl\": true,\n"
	"  \"topology_aware\": false,\n"
	"  \"platform\": \"kubernetes\",\n"
	"  \"task\": \"contract-extraction\",\n"
	"  \"avg_tokens\": 128,\n"
	"  \"p99_ms\": 0.5,\n"
	"  \"corpus_size\": 0,\n"
	"  \"data\": [\"code\", \"math\"],\n"
	"  \"mlps_level\": 3\n"
	"}\n";

static const char all_types_yaml[] =
	"# the same spec as YAML\n"
	"id: job-1\n"
	"gpu_mem: 24.5\n"
	"gpus: 4\n"
	"gpu_model: a10g\n"
	"nccl: true\n"
	"topology_aware: false\n"
	"platform: kubernetes\n"
	"task: contract-extraction\n"
	"avg_tokens: 128\n"
	"p99_ms: 0.5\n"
	"corpus_size: 0\n"
	"data:\n"
	"  - code\n"
	"  - math\n"
	"mlps_level: 3\n";

static void check_all_types(const ds_spec *s)
{
	assert_true(s->has_id);
	assert_false(s->id_is_num);
	assert_string_equal(s->id, "job-1");
	assert_true(val(s, "gpu_mem")->set);
	assert_true(val(s, "gpu_mem")->num == 24.5);
	assert_true(val(s, "gpus")->num == 4);
	assert_string_equal(val(s, "gpu_model")->str, "a10g");
	assert_true(val(s, "nccl")->set);
	assert_true(val(s, "nccl")->num == 1);
	assert_true(val(s, "topology_aware")->set);
	assert_true(val(s, "topology_aware")->num == 0);
	assert_int_equal(val(s, "platform")->bits, bit("platform", "kubernetes"));
	assert_int_equal(val(s, "task")->bits, bit("task", "contract-extraction"));
	assert_true(val(s, "avg_tokens")->num == 128);
	assert_true(val(s, "p99_ms")->num == 0.5);
	assert_true(val(s, "corpus_size")->set);
	assert_true(val(s, "corpus_size")->num == 0);
	assert_int_equal(val(s, "data")->bits, bit("data", "code") | bit("data", "math"));
	assert_true(val(s, "mlps_level")->num == 3);
	/* Absent facts are not set; absent booleans neither (false is implied later). */
	assert_false(ds_spec_has(s, "quant"));
	assert_false(ds_spec_has(s, "streaming"));
	assert_false(ds_spec_has(s, "concurrency"));
	assert_true(ds_spec_has(s, "nccl"));
	assert_true(ds_spec_has(s, "topology_aware"));
	assert_false(ds_spec_has(s, "no_such_fact"));
}

static void test_valid_all_types(void **state)
{
	ds_spec *s;

	(void)state;
	s = parse_ok(AUTO, all_types_json);
	check_all_types(s);
	ds_spec_free(s);
	s = parse_ok(JSON, all_types_json);
	check_all_types(s);
	ds_spec_free(s);
	s = parse_ok(AUTO, all_types_yaml);
	check_all_types(s);
	ds_spec_free(s);
	s = parse_ok(YAML, all_types_yaml);
	check_all_types(s);
	ds_spec_free(s);
}

/* The committed copies in tests/data/specs are the same specs. */
static void test_valid_files(void **state)
{
	static const char *const files[] = {SPECS_DIR "/valid-all-types.json",
	                                    SPECS_DIR "/valid-all-types.yaml"};
	static const char *const texts[] = {all_types_json, all_types_yaml};
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		char *text = read_all(files[i]);
		ds_spec *s;
		if (text == NULL)
			fail_msg("cannot read %s", files[i]);
		assert_string_equal(text, texts[i]);
		s = parse_ok(AUTO, text);
		check_all_types(s);
		ds_spec_free(s);
		free(text);
	}
}

static void test_valid_ids(void **state)
{
	ds_spec *s;

	(void)state;
	s = parse_ok(AUTO, "{\"id\": 42}");
	assert_true(s->has_id);
	assert_true(s->id_is_num);
	assert_string_equal(s->id, "42");
	ds_spec_free(s);
	s = parse_ok(AUTO, "{\"id\": 1.5, \"gpus\": 1}");
	assert_true(s->id_is_num);
	assert_string_equal(s->id, "1.5");
	ds_spec_free(s);
	s = parse_ok(AUTO, "{\"id\": \"42\"}");
	assert_false(s->id_is_num);
	assert_string_equal(s->id, "42");
	ds_spec_free(s);
	s = parse_ok(AUTO, "id: 42\n");
	assert_true(s->id_is_num);
	assert_string_equal(s->id, "42");
	ds_spec_free(s);
	s = parse_ok(AUTO, "id: \"42\"\n");
	assert_false(s->id_is_num);
	assert_string_equal(s->id, "42");
	ds_spec_free(s);
	s = parse_ok(AUTO, "id: \"true\"\n");
	assert_false(s->id_is_num);
	assert_string_equal(s->id, "true");
	ds_spec_free(s);
	s = parse_ok(AUTO, "id: batch 7\n");
	assert_false(s->id_is_num);
	assert_string_equal(s->id, "batch 7");
	ds_spec_free(s);
	s = parse_ok(AUTO, "{}");
	assert_false(s->has_id);
	ds_spec_free(s);
}

static void test_valid_edge_values(void **state)
{
	ds_spec *s;

	(void)state;
	/* Empty object and mapping: nothing set. */
	s = parse_ok(AUTO, "  \n {}\n");
	assert_false(ds_spec_has(s, "gpu_mem"));
	ds_spec_free(s);
	s = parse_ok(YAML, "{}\n");
	ds_spec_free(s);
	/* Bounds are inclusive unless declared exclusive. */
	s = parse_ok(AUTO, "{\"gpu_mem\": 0, \"gpus\": 0, \"mlps_level\": 5, \"avg_tokens\": 1, \"p99_ms\": 1e-9}");
	assert_true(val(s, "gpu_mem")->num == 0);
	assert_true(val(s, "gpus")->set);
	assert_true(val(s, "mlps_level")->num == 5);
	ds_spec_free(s);
	s = parse_ok(AUTO, "gpu_mem: 4096\ngpus: 4096\n");
	assert_true(val(s, "gpu_mem")->num == 4096);
	ds_spec_free(s);
	/* An integral float is an integer. */
	s = parse_ok(AUTO, "{\"gpus\": 2.0, \"concurrency\": 2e2}");
	assert_true(val(s, "gpus")->num == 2);
	assert_true(val(s, "concurrency")->num == 200);
	ds_spec_free(s);
	/* An empty set is a known, empty set. */
	s = parse_ok(AUTO, "{\"data\": []}");
	assert_true(val(s, "data")->set);
	assert_int_equal(val(s, "data")->bits, 0);
	ds_spec_free(s);
	s = parse_ok(AUTO, "data: []\n");
	assert_true(val(s, "data")->set);
	ds_spec_free(s);
	/* A string fact takes any word, listed or not; a YAML plain number is its text. */
	s = parse_ok(AUTO, "{\"gpu_model\": \"l4\"}");
	assert_string_equal(val(s, "gpu_model")->str, "l4");
	ds_spec_free(s);
	s = parse_ok(AUTO, "gpu_model: 4090\n");
	assert_string_equal(val(s, "gpu_model")->str, "4090");
	ds_spec_free(s);
	/* Flow-style YAML (through ds_spec_parse_yaml: a leading '{' means JSON to ds_spec_parse). */
	s = parse_ok(YAML, "{gpus: 2, data: [tables], streaming: true}");
	assert_true(val(s, "gpus")->num == 2);
	assert_int_equal(val(s, "data")->bits, bit("data", "tables"));
	assert_true(val(s, "streaming")->num == 1);
	ds_spec_free(s);
	/* YAML document markers around one document. */
	s = parse_ok(AUTO, "---\nquant: int4\n...\n");
	assert_int_equal(val(s, "quant")->bits, bit("quant", "int4"));
	ds_spec_free(s);
	/* CRLF, no final newline. */
	s = parse_ok(AUTO, "{\r\n\"labeling_cost\": \"high\"\r\n}");
	assert_int_equal(val(s, "labeling_cost")->bits, bit("labeling_cost", "high"));
	ds_spec_free(s);
	s = parse_ok(AUTO, "labeling_cost: low\r\nfiling: true");
	assert_int_equal(val(s, "labeling_cost")->bits, bit("labeling_cost", "low"));
	ds_spec_free(s);
}

/* buf is read up to len only: bytes after it (or a NUL inside it) matter as they should. */
static void test_len_is_respected(void **state)
{
	static const char text[] = "{\"gpus\": 2}garbage";
	static const char nul[] = "{\"gpus\": 2}\0";
	ds_spec *s = NULL;
	ds_diag d;

	(void)state;
	assert_int_equal(ds_spec_parse(rs, text, 11, "x", &s, &d), DS_OK);
	assert_true(val(s, "gpus")->num == 2);
	ds_spec_free(s);
	assert_int_equal(ds_spec_parse(rs, "gpus: 3\nnccl: yes", 8, "x", &s, &d), DS_OK);
	assert_true(val(s, "gpus")->num == 3);
	assert_false(ds_spec_has(s, "nccl"));
	ds_spec_free(s);
	/* A NUL byte inside the input is not blank. */
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_spec_parse(rs, nul, sizeof nul - 1, "x", &s, &d), DS_ERR_SPEC);
	assert_null(s);
	assert_int_equal(d.line, 1);
	assert_int_equal(d.col, 12);
}

static void test_bad_args(void **state)
{
	ds_spec *s = NULL;

	(void)state;
	assert_int_equal(ds_spec_parse(rs, NULL, 3, "x", &s, NULL), DS_ERR_ARG);
	assert_int_equal(ds_spec_parse_json(NULL, "{}", 2, "x", &s, NULL), DS_ERR_ARG);
	assert_int_equal(ds_spec_parse_yaml(rs, "a: 1", 4, "x", NULL, NULL), DS_ERR_ARG);
	assert_int_equal(ds_spec_new(NULL, &s), DS_ERR_ARG);
	ds_spec_free(NULL);
}

/* ---- ds_spec_set_text: flag values ---- */

static void test_set_text_valid(void **state)
{
	ds_spec *s = NULL;
	ds_diag d;

	(void)state;
	assert_int_equal(ds_spec_new(rs, &s), DS_OK);
	assert_int_equal(ds_spec_set_text(s, "gpu_mem", "24.5", &d), DS_OK);
	assert_true(val(s, "gpu_mem")->num == 24.5);
	assert_int_equal(ds_spec_set_text(s, "gpus", "2", &d), DS_OK);
	assert_true(val(s, "gpus")->num == 2);
	assert_int_equal(ds_spec_set_text(s, "nccl", "true", &d), DS_OK);
	assert_true(val(s, "nccl")->num == 1);
	assert_int_equal(ds_spec_set_text(s, "nccl", "false", &d), DS_OK);
	assert_true(val(s, "nccl")->set);
	assert_true(val(s, "nccl")->num == 0);
	assert_int_equal(ds_spec_set_text(s, "platform", "edge", &d), DS_OK);
	assert_int_equal(val(s, "platform")->bits, bit("platform", "edge"));
	assert_int_equal(ds_spec_set_text(s, "task", "openapi-generation", &d), DS_OK);
	assert_int_equal(ds_spec_set_text(s, "data", "code,math", &d), DS_OK);
	assert_int_equal(val(s, "data")->bits, bit("data", "code") | bit("data", "math"));
	assert_int_equal(ds_spec_set_text(s, "data", "tables", &d), DS_OK); /* a later value replaces */
	assert_int_equal(val(s, "data")->bits, bit("data", "tables"));
	assert_int_equal(ds_spec_set_text(s, "gpu_model", "t4", &d), DS_OK);
	assert_string_equal(val(s, "gpu_model")->str, "t4");
	assert_int_equal(ds_spec_set_text(s, "gpu_model", "l4", &d), DS_OK);
	assert_string_equal(val(s, "gpu_model")->str, "l4");
	assert_int_equal(ds_spec_set_text(s, "mlps_level", "3", &d), DS_OK);
	assert_int_equal(ds_spec_set_text(s, "p99_ms", "80", &d), DS_OK);
	assert_int_equal(ds_spec_set_text(s, "corpus_size", "0", &d), DS_OK);
	assert_int_equal(ds_spec_set_text(s, "quant", "bf16", &d), DS_OK);
	assert_int_equal(ds_spec_set_bool(s, "streaming", 1, &d), DS_OK);
	assert_true(val(s, "streaming")->num == 1);
	ds_spec_free(s);
}

struct text_case {
	const char *key, *text;
	ds_status st;
	const char *msg1, *msg2;
};

static const struct text_case bad_texts[] = {
	{"platform", "kubernets", DS_ERR_VALUE, "'kubernets' is not a valid platform",
	 "did you mean 'kubernetes'?"},
	{"task", "contract-extration", DS_ERR_VALUE, "not a valid task", "did you mean 'contract-extraction'?"},
	{"labeling_cost", "hihg", DS_ERR_VALUE, "not a valid labeling_cost", "did you mean 'high'?"},
	{"platform", "mainframe", DS_ERR_VALUE, "'mainframe' is not a valid platform",
	 "bare-metal, kubernetes, edge"},
	{"data", "code,mth", DS_ERR_VALUE, "'mth' is not a valid data", "did you mean 'math'?"},
	{"data", "code,,math", DS_ERR_VALUE, "not a valid data", NULL},
	{"gpu_mem", "lots", DS_ERR_VALUE, "expected a number, got 'lots'", NULL},
	{"gpu_mem", "", DS_ERR_VALUE, "expected a number", NULL},
	{"gpu_mem", "24GB", DS_ERR_VALUE, "expected a number, got '24GB'", NULL},
	{"gpu_mem", "0x10", DS_ERR_VALUE, "expected a number", NULL},
	{"gpu_mem", "inf", DS_ERR_VALUE, "expected a number", NULL},
	{"gpu_mem", "nan", DS_ERR_VALUE, "expected a number", NULL},
	{"gpu_mem", "1e999", DS_ERR_VALUE, "finite", NULL},
	{"gpu_mem", "-1", DS_ERR_VALUE, "must be at least 0, got -1", NULL},
	{"gpus", "1.5", DS_ERR_VALUE, "expected an integer, got 1.5", NULL},
	{"gpus", "two", DS_ERR_VALUE, "expected an integer, got 'two'", NULL},
	{"mlps_level", "6", DS_ERR_VALUE, "must be at most 5, got 6", NULL},
	{"p99_ms", "0", DS_ERR_VALUE, "must be above 0, got 0", NULL},
	{"avg_tokens", "0", DS_ERR_VALUE, "must be at least 1, got 0", NULL},
	{"nccl", "yes", DS_ERR_VALUE, "expected true or false, got 'yes'", NULL},
	{"nccl", "1", DS_ERR_VALUE, "expected true or false", NULL},
	{"gpu_model", "", DS_ERR_VALUE, "must not be empty", NULL},
	{"gpu_mme", "24", DS_ERR_UNKNOWN, "no fact 'gpu_mme'", "did you mean 'gpu_mem'?"},
};

static void test_set_text_bad(void **state)
{
	ds_spec *s = NULL;
	ds_diag d;
	size_t i;

	(void)state;
	assert_int_equal(ds_spec_new(rs, &s), DS_OK);
	for (i = 0; i < sizeof bad_texts / sizeof bad_texts[0]; i++) {
		const struct text_case *c = &bad_texts[i];
		ds_status st;
		memset(&d, 0, sizeof d);
		d.line = 99;
		st = ds_spec_set_text(s, c->key, c->text, &d);
		if (st != c->st || !strstr(d.msg, c->msg1) || (c->msg2 && !strstr(d.msg, c->msg2)))
			print_message("  [%s=%s] expected %d '%s', got %d '%s'\n", c->key, c->text, (int)c->st,
			              c->msg1, (int)st, d.msg);
		assert_int_equal(st, c->st);
		assert_non_null(strstr(d.msg, c->msg1));
		if (c->msg2)
			assert_non_null(strstr(d.msg, c->msg2));
		/* A flag value has no position; the key names the fact. */
		assert_int_equal(d.line, 0);
		assert_int_equal(d.col, 0);
		assert_string_equal(d.key, c->key);
		/* A refused value leaves the fact as it was (unset here). */
		if (c->st == DS_ERR_VALUE)
			assert_false(ds_spec_has(s, c->key));
	}
	ds_spec_free(s);
}

/* A refused value keeps the previous one. */
static void test_set_text_keeps_old(void **state)
{
	ds_spec *s = NULL;
	ds_diag d;

	(void)state;
	assert_int_equal(ds_spec_new(rs, &s), DS_OK);
	assert_int_equal(ds_spec_set_text(s, "data", "code", &d), DS_OK);
	assert_int_equal(ds_spec_set_text(s, "data", "math,mth", &d), DS_ERR_VALUE);
	assert_int_equal(val(s, "data")->bits, bit("data", "code"));
	assert_int_equal(ds_spec_set_text(s, "gpu_model", "a100", &d), DS_OK);
	assert_int_equal(ds_spec_set_text(s, "gpu_model", "", &d), DS_ERR_VALUE);
	assert_string_equal(val(s, "gpu_model")->str, "a100");
	ds_spec_free(s);
}

static void test_set_bool(void **state)
{
	ds_spec *s = NULL;
	ds_diag d;

	(void)state;
	assert_int_equal(ds_spec_new(rs, &s), DS_OK);
	assert_int_equal(ds_spec_set_bool(s, "nccl", 1, &d), DS_OK);
	assert_true(val(s, "nccl")->num == 1);
	assert_int_equal(ds_spec_set_bool(s, "nccl", 0, &d), DS_OK);
	assert_true(val(s, "nccl")->set);
	assert_true(val(s, "nccl")->num == 0);
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_spec_set_bool(s, "gpus", 1, &d), DS_ERR_VALUE);
	assert_non_null(strstr(d.msg, "not a boolean"));
	/* A typo names the nearest fact, as ds_spec_set_text() does (see spec.h). */
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_spec_set_bool(s, "ncl", 1, &d), DS_ERR_UNKNOWN);
	assert_non_null(strstr(d.msg, "no fact 'ncl'"));
	if (!strstr(d.msg, "did you mean 'nccl'?"))
		fail_msg("ds_spec_set_bool(\"ncl\"): no suggestion in '%s'", d.msg);
	ds_spec_free(s);
}

/* ---- ds_spec_merge: later values win ---- */

static void test_merge(void **state)
{
	ds_spec *base = NULL, *flags = NULL, *more = NULL;
	ds_diag d;

	(void)state;
	base = parse_ok(AUTO, "id: from-file\ngpu_mem: 24\nnccl: true\nplatform: kubernetes\n"
	                      "gpu_model: a10g\ndata: [code]\n");
	assert_int_equal(ds_spec_new(rs, &flags), DS_OK);
	assert_int_equal(ds_spec_set_text(flags, "gpu_mem", "80", &d), DS_OK);
	assert_int_equal(ds_spec_set_bool(flags, "nccl", 0, &d), DS_OK); /* --no-nccl */
	assert_int_equal(ds_spec_set_text(flags, "gpu_model", "a100", &d), DS_OK);
	assert_int_equal(ds_spec_set_text(flags, "data", "text", &d), DS_OK);
	assert_int_equal(ds_spec_set_text(flags, "gpus", "2", &d), DS_OK);

	assert_int_equal(ds_spec_merge(base, flags), DS_OK);
	assert_true(val(base, "gpu_mem")->num == 80);       /* overridden */
	assert_true(val(base, "nccl")->set);                /* an explicit false beats true */
	assert_true(val(base, "nccl")->num == 0);
	assert_string_equal(val(base, "gpu_model")->str, "a100");
	assert_int_equal(val(base, "data")->bits, bit("data", "text"));
	assert_true(val(base, "gpus")->num == 2);           /* added */
	assert_int_equal(val(base, "platform")->bits, bit("platform", "kubernetes")); /* kept */
	assert_false(ds_spec_has(base, "task"));            /* unset in both */
	assert_string_equal(base->id, "from-file");         /* flags carry no id: kept */
	/* over is unchanged, and independent of dst. */
	assert_string_equal(val(flags, "gpu_model")->str, "a100");
	ds_spec_free(flags);
	assert_string_equal(val(base, "gpu_model")->str, "a100");

	/* An id in the later spec wins too. */
	assert_int_equal(ds_spec_new(rs, &more), DS_OK);
	assert_int_equal(ds_spec_set_id(more, "7", 1), DS_OK);
	assert_int_equal(ds_spec_merge(base, more), DS_OK);
	assert_string_equal(base->id, "7");
	assert_true(base->id_is_num);
	assert_true(val(base, "gpu_mem")->num == 80); /* an empty spec changes no fact */
	ds_spec_free(more);

	/* true over false. */
	more = parse_ok(AUTO, "{\"nccl\": true}");
	assert_int_equal(ds_spec_merge(base, more), DS_OK);
	assert_true(val(base, "nccl")->num == 1);
	ds_spec_free(more);
	ds_spec_free(base);
}

static void test_merge_other_table(void **state)
{
	ds_ruleset *other = NULL;
	ds_spec *a = NULL, *b = NULL;
	ds_diag d;

	(void)state;
	assert_int_equal(ds_ruleset_load_default(&other, &d), DS_OK);
	assert_int_equal(ds_spec_new(rs, &a), DS_OK);
	assert_int_equal(ds_spec_new(other, &b), DS_OK);
	assert_int_equal(ds_spec_merge(a, b), DS_ERR_ARG);
	assert_int_equal(ds_spec_merge(a, NULL), DS_ERR_ARG);
	ds_spec_free(a);
	ds_spec_free(b);
	ds_ruleset_free(other);
}

/* ds_spec_read_json() into a reused spec: old values and ids are gone, an error leaves it cleared. */
static void test_read_json_reuses(void **state)
{
	static const char first[] = "{\"id\": \"an id too long to be kept inline in the spec itself\", "
	                            "\"gpu_model\": \"a10g\", \"nccl\": true}";
	static const char second[] = "{\"gpus\": 2}";
	static const char bad[] = "{\"gpus\": 2, \"gpu_mme\": 1}";
	ds_spec *s;
	ds_diag d;

	(void)state;
	assert_int_equal(ds_spec_new(rs, &s), DS_OK);
	assert_int_equal(ds_spec_read_json(s, first, strlen(first), "a", &d), DS_OK);
	assert_true(ds_spec_has(s, "gpu_model"));
	assert_true(ds_spec_has(s, "nccl"));
	assert_int_equal(ds_spec_read_json(s, second, strlen(second), "b", &d), DS_OK);
	assert_false(ds_spec_has(s, "gpu_model"));
	assert_false(ds_spec_has(s, "nccl"));
	assert_true(ds_spec_has(s, "gpus"));
	assert_false(s->has_id);
	assert_int_equal(ds_spec_read_json(s, bad, strlen(bad), "c", &d), DS_ERR_SPEC);
	assert_false(ds_spec_has(s, "gpus"));
	assert_int_equal(d.line, 1);
	assert_int_equal(d.col, 13);
	ds_spec_clear(s);
	ds_spec_clear(NULL);
	ds_spec_free(s);
}

/* text with n copies of rep between head and tail, malloc'd */
static char *repeat(const char *head, const char *rep, size_t n, const char *tail)
{
	size_t lh = strlen(head), lr = strlen(rep), lt = strlen(tail), i;
	char *t = malloc(lh + n * lr + lt + 1);

	assert_non_null(t);
	memcpy(t, head, lh);
	for (i = 0; i < n; i++)
		memcpy(t + lh + i * lr, rep, lr);
	memcpy(t + lh + n * lr, tail, lt + 1);
	return t;
}

/* Reads text into s expecting an error at line:col whose message holds msg; the id kept, or NULL. */
static void read_bad(ds_spec *s, const char *text, unsigned line, unsigned col, const char *msg, const char *id)
{
	ds_diag d;
	int num;

	memset(&d, 0, sizeof d);
	assert_int_equal(ds_spec_read_json(s, text, strlen(text), "x", &d), DS_ERR_SPEC);
	if (d.line != line || d.col != col || strstr(d.msg, msg) == NULL)
		fail_msg("%.80s: got %u:%u: %s; want %u:%u: ...%s...", text, d.line, d.col, d.msg, line, col, msg);
	assert_true(ds_spec_is_empty(s) || ds_spec_id(s, NULL) != NULL); /* no fact kept */
	if (id == NULL)
		assert_null(ds_spec_id(s, &num));
	else
		assert_string_equal(ds_spec_id(s, &num), id);
}

/*
 * JSON is decoded by cJSON behind the strict scanner (json.c): what that
 * pairing must get right. Numbers of any length (upstream cJSON 1.7.15 cuts
 * them at 63 bytes and then fails: that would read as out of memory), escapes,
 * zeros that cJSON reads for tiny numbers, and the id kept for the error record
 * even when there is no tree (a syntax error) or it comes past the members the
 * scanner records without allocating.
 */
static void test_json_through_cjson(void **state)
{
	ds_spec *s;
	char *t;

	(void)state;
	t = repeat("{\"gpu_mem\": 12.", "0", 400, "}");
	s = parse_ok(JSON, t);
	assert_true(val(s, "gpu_mem")->num == 12);
	ds_spec_free(s);
	free(t);
	t = repeat("{\"id\": 1", "0", 399, ", \"gpus\": 1}");
	s = parse_ok(JSON, t);
	assert_true(s->id_is_num);
	assert_int_equal(strlen(s->id), 400);
	assert_memory_equal(s->id, t + 7, 400);
	ds_spec_free(s);
	free(t);
	s = parse_ok(JSON, "{\"id\": -0.0e-0, \"gpu_\\u006dodel\": \"a\\u0031\\/0g \\ud83d\\ude00\\t\\u00e9\"}");
	assert_string_equal(s->id, "-0.0e-0");
	assert_string_equal(val(s, "gpu_model")->str, "a1/0g \xf0\x9f\x98\x80\t\xc3\xa9");
	ds_spec_free(s);
	s = parse_ok(JSON, "{\"gpu_mem\": 0e-400, \"p99_ms\": 5e-324}");
	assert_true(val(s, "gpu_mem")->set && val(s, "gpu_mem")->num == 0);
	assert_true(val(s, "p99_ms")->num > 0);
	ds_spec_free(s);

	assert_int_equal(ds_spec_new(rs, &s), DS_OK);
	read_bad(s, "{\"gpus\": 1, \"p99_ms\": 1e-400}", 1, 13, "not a finite number", NULL);
	read_bad(s, "{\"p99_ms\": -0.000001e-399}", 1, 2, "not a finite number", NULL);
	/* a syntax error: no tree, the id before it still echoed (decoded by cJSON, escaped key too) */
	read_bad(s, "{\"\\u0069d\": \"x\\n\\u4f5c\", \"gpus\": }", 1, 34, "JSON syntax error", "x\n\xe4\xbd\x9c");
	read_bad(s, "{\"gpus\": 1, \"id\": 1.50e+2, \"id\": \"second\", \"gpus\": [}", 1, 53, "JSON syntax error",
	         "1.50e+2");
	read_bad(s, "{\"id\": [1], \"id\": 2, \"gpus\" 1}", 1, 29, "JSON syntax error", NULL);
	read_bad(s, "{\"i\\u0064x\": 1, \"gpus\": 01}", 1, 25, "leading zeros", NULL);
	/* past the members recorded inline: the first problem is named, the id after it kept */
	t = repeat("{", "\"k\": 0, ", 150, "\"id\": 7}");
	read_bad(s, t, 1, 2, "unknown key 'k'", "7");
	free(t);
	t = repeat("{\"gpus\": 1, ", "\"id\": 8, ", 150, "\"id\": \"y\"}");
	read_bad(s, t, 1, 22, "duplicate key 'id'", "8");
	free(t);
	t = repeat("{", "\"k\": [0], ", 150, "\"id\": \"z\", }");
	read_bad(s, t, 1, 1513, "expected a key", "z");
	free(t);
	ds_spec_free(s);
}

/* ds_spec_check() on specs assembled from layers: flags named as flags, detected values as such. */
static void test_check_layers(void **state)
{
	ds_spec *spec = NULL, *flags = NULL, *ok;
	ds_diag d;
	int by_flag = -1;

	(void)state;
	assert_int_equal(ds_spec_new(rs, &spec), DS_OK);
	assert_int_equal(ds_spec_new(rs, &flags), DS_OK);
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_spec_set_text(spec, "gpus", "0", &d), DS_OK);
	assert_int_equal(ds_spec_check(spec, NULL, &by_flag, &d), DS_OK); /* gpus 0 alone: CPU only */
	assert_int_equal(by_flag, 0);
	assert_int_equal(ds_spec_set_text(flags, "gpu_mem", "24", &d), DS_OK);
	assert_int_equal(ds_spec_merge(spec, flags), DS_OK);
	assert_int_equal(ds_spec_check(spec, flags, &by_flag, &d), DS_ERR_SPEC);
	assert_int_equal(by_flag, 1);
	assert_string_equal(d.key, "no-gpu-no-gpu-memory");
	assert_non_null(strstr(d.msg, "--gpu-mem 24 and gpus 0 contradict each other"));
	assert_int_equal(d.line, 0);
	/* without the flags layer: keys; a detected value says so */
	ds_spec_mark_detected(spec);
	assert_int_equal(ds_spec_check(spec, NULL, &by_flag, &d), DS_ERR_SPEC);
	assert_int_equal(by_flag, 0);
	assert_non_null(strstr(d.msg, "gpu_mem 24 (detected on this machine) and gpus 0 (detected on this machine)"));
	assert_int_equal(ds_spec_check(spec, NULL, NULL, NULL), DS_ERR_SPEC); /* NULLs allowed */
	/* gpu_mem 0 with gpus 0 is CPU only, and forgetting a fact undoes the contradiction */
	assert_int_equal(ds_spec_set_text(spec, "gpu_mem", "0", &d), DS_OK);
	assert_int_equal(ds_spec_check(spec, flags, NULL, &d), DS_OK);
	assert_int_equal(ds_spec_set_text(spec, "gpu_mem", "3", &d), DS_OK);
	assert_int_equal(ds_spec_unset(spec, "gpus"), DS_OK);
	assert_false(ds_spec_has(spec, "gpus"));
	assert_int_equal(ds_spec_check(spec, flags, NULL, &d), DS_OK);
	assert_int_equal(ds_spec_unset(spec, "gpu_mme"), DS_ERR_UNKNOWN);
	assert_int_equal(ds_spec_unset(spec, "gpu_model"), DS_OK); /* not set: nothing to forget */
	assert_int_equal(ds_spec_set_text(spec, "gpu_model", "t4", &d), DS_OK);
	assert_int_equal(ds_spec_unset(spec, "gpu_model"), DS_OK); /* a string: its copy is freed (ASan) */
	assert_false(ds_spec_has(spec, "gpu_model"));
	assert_int_equal(ds_spec_check(NULL, NULL, NULL, NULL), DS_ERR_ARG);
	/* a batch record that breaks a constraint keeps its id, for its error record */
	assert_int_equal(ds_spec_new(rs, &ok), DS_OK);
	assert_int_equal(ds_spec_read_json(ok, "{\"id\": \"r1\", \"gpus\": 3, \"gpu_mem\": 0}", 38, "b", &d),
	                 DS_ERR_SPEC);
	assert_string_equal(ds_spec_id(ok, NULL), "r1");
	assert_false(ds_spec_has(ok, "gpus"));
	ds_spec_free(ok);
	ds_spec_free(spec);
	ds_spec_free(flags);
}

static int setup(void **state)
{
	ds_diag d;

	(void)state;
	return ds_ruleset_load_default(&rs, &d) == DS_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	ds_ruleset_free(rs);
	rs = NULL;
	return 0;
}

/* ---- issue 16's slips: ids as written, values in any case, blanks in a list ---- */

/* A YAML id is echoed as written, as a JSON one is: a number JSON writes the same is a number, else text. */
static void test_yaml_id_as_written(void **state)
{
	static const struct {
		const char *text, *id;
		int num;
	} ids[] = {{"id: 007\n", "007", 0}, {"id: +5\n", "+5", 0}, {"id: .5\n", ".5", 0}, {"id: 1.50\n", "1.50", 1},
	           {"id: 1e3\n", "1e3", 1}, {"id: -0\n", "-0", 1}, {"id: 7\n", "7", 1}, {"id: '007'\n", "007", 0}};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		ds_spec *s = parse_ok(YAML, ids[i].text);
		int num = -1;
		const char *id = ds_spec_id(s, &num);
		if (id == NULL || strcmp(id, ids[i].id) || num != ids[i].num)
			fail_msg("%s: id %s (number %d), want %s (number %d)", ids[i].text, id ? id : "(none)", num, ids[i].id,
			         ids[i].num);
		ds_spec_free(s);
	}
}

/* Enum and set values, and a string fact's known values, in any ASCII case: kept as the table spells them. */
static void test_values_in_any_case(void **state)
{
	ds_spec *s = NULL;
	ds_diag d;

	(void)state;
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_spec_new(rs, &s), DS_OK);
	assert_int_equal(ds_spec_set_text(s, "quant", "INT4", &d), DS_OK);
	assert_int_equal(val(s, "quant")->bits, bit("quant", "int4"));
	assert_int_equal(ds_spec_set_text(s, "platform", "Kubernetes", &d), DS_OK);
	assert_int_equal(val(s, "platform")->bits, bit("platform", "kubernetes"));
	assert_int_equal(ds_spec_set_text(s, "data", "Code,MATH", &d), DS_OK);
	assert_int_equal(val(s, "data")->bits, bit("data", "code") | bit("data", "math"));
	assert_int_equal(ds_spec_set_text(s, "gpu_model", "A100", &d), DS_OK);
	assert_string_equal(val(s, "gpu_model")->str, "a100");
	assert_int_equal(ds_spec_set_text(s, "gpu_model", "Jetson-Orin-AGX", &d), DS_OK);
	assert_string_equal(val(s, "gpu_model")->str, "jetson-orin-agx");
	assert_int_equal(ds_spec_set_text(s, "gpu_model", "Tesla T4", &d), DS_OK); /* unknown: as written */
	assert_string_equal(val(s, "gpu_model")->str, "Tesla T4");
	/* only the case of ASCII letters: a word that differs otherwise is refused */
	assert_int_equal(ds_spec_set_text(s, "quant", "int_4", &d), DS_ERR_VALUE);
	assert_int_equal(ds_spec_set_text(s, "platform", "KUBERNETES ", &d), DS_ERR_VALUE);
	/* keys stay case-sensitive */
	assert_int_equal(ds_spec_set_text(s, "QUANT", "int4", &d), DS_ERR_UNKNOWN);
	ds_spec_free(s);

	s = parse_ok(JSON, "{\"platform\": \"EDGE\", \"task\": \"General\", \"data\": [\"Tables\"], \"gpu_model\": \"T4\"}");
	assert_int_equal(val(s, "platform")->bits, bit("platform", "edge"));
	assert_int_equal(val(s, "task")->bits, bit("task", "general"));
	assert_int_equal(val(s, "data")->bits, bit("data", "tables"));
	assert_string_equal(val(s, "gpu_model")->str, "t4");
	ds_spec_free(s);
	s = parse_ok(YAML, "platform: Bare-Metal\nlabeling_cost: HIGH\ndata: [Text]\ngpu_model: RTX3060\n");
	assert_int_equal(val(s, "platform")->bits, bit("platform", "bare-metal"));
	assert_int_equal(val(s, "labeling_cost")->bits, bit("labeling_cost", "high"));
	assert_int_equal(val(s, "data")->bits, bit("data", "text"));
	assert_string_equal(val(s, "gpu_model")->str, "rtx3060");
	ds_spec_free(s);
	assert_int_equal(ds_spec_parse(rs, "{\"Platform\": \"edge\"}", 20, "spec", &s, &d), DS_ERR_SPEC);
}

/* A list given as text: blanks around an item are no part of it; an empty item is still an error. */
static void test_list_text_blanks(void **state)
{
	static const char *const good[] = {"code, math", " code ,\tmath ", "code ,math", "code,math"};
	static const char *const bad[] = {"code, ,math", "code,", ", code", "code,,math", " "};
	ds_spec *s = NULL;
	ds_diag d;
	size_t i;

	(void)state;
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_spec_new(rs, &s), DS_OK);
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (ds_spec_set_text(s, "data", good[i], &d) != DS_OK)
			fail_msg("'%s' refused: %s", good[i], d.msg);
		assert_int_equal(val(s, "data")->bits, bit("data", "code") | bit("data", "math"));
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (ds_spec_set_text(s, "data", bad[i], &d) != DS_ERR_VALUE)
			fail_msg("'%s' accepted", bad[i]);
		assert_non_null(strstr(d.msg, "'' is not a valid data"));
	}
	assert_int_equal(ds_spec_set_text(s, "data", "", &d), DS_OK); /* the empty list */
	assert_int_equal(val(s, "data")->bits, 0);
	ds_spec_free(s);
}

/* ---- Chinese: the messages in the diag's language ---- */

/* Specs whose whole message is known in Chinese: the words, the fragments, the place as in English. */
static const struct spec_case zh_specs[] = {
	{"zh-string-for-number", AUTO, "{\"gpu_mem\": \"x\"}", 1, 2, "gpu_mem", "键“gpu_mem”：应为数值，实际为字符串",
	 NULL},
	{"zh-quoted-integer-yaml", YAML, "gpus: '12'\n", 1, 7, "gpus", "键“gpus”：应为整数，实际为字符串：请去掉引号，写作 12",
	 NULL},
	{"zh-enum-typo", AUTO, "platform: kubernets\n", 1, 11, "platform",
	 "“kubernets”不是有效的 platform（是否想写“kubernetes”？）；可选值：bare-metal, kubernetes, edge", NULL},
	{"zh-range", AUTO, "{\"p99_ms\": 0}", 1, 2, "p99_ms", "键“p99_ms”：必须大于 0，实际为 0", NULL},
	{"zh-bool-word", AUTO, "nccl: yes\n", 1, 7, "nccl", "应为 true 或 false，实际为“yes”（请写作 true）", NULL},
	{"zh-map-for-int", AUTO, "gpus: {n: 1}\n", 1, 7, "gpus", "应为整数，实际为映射", NULL},
	{"zh-object-for-int", AUTO, "{\"gpus\": {\"n\": 1}}", 1, 2, "gpus", "应为整数，实际为对象", NULL},
	{"zh-unknown-key", AUTO, "{\"gpu_mme\": 1}", 1, 2, "gpu_mme", "未知的键“gpu_mme”（是否想写“gpu_mem”？）", NULL},
	{"zh-json-syntax", AUTO, "{\"gpus\": 2", 1, 11, "", "JSON 语法错误：输入意外结束", NULL},
	{"zh-json-leading-zero", JSON, "{\"gpus\": 01}", 1, 10, "", "JSON 语法错误：无效的数值：不允许有前导零", NULL},
	{"zh-constraint", AUTO, "{\"gpus\": 0, \"gpu_mem\": 80}", 1, 13, "gpu_mem",
	 "gpu_mem 80 和 gpus 0 相互矛盾：没有 GPU 就谈不上显存和 GPU 型号", NULL},
	{"zh-not-object", JSON, "[1]", 1, 1, "", "工作负载描述必须是由事实组成的 JSON 对象", NULL},
	{"zh-empty", AUTO, "\n", 1, 1, "", "工作负载描述为空", NULL},
};

static void test_zh_messages(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof zh_specs / sizeof zh_specs[0]; i++) {
		const struct spec_case *c = &zh_specs[i];
		ds_spec *s = NULL;
		ds_diag d;
		ds_status st;
		memset(&d, 0, sizeof d);
		d.lang = DS_LANG_ZH;
		st = parse(c->syn, c->text, strlen(c->text), "spec", &s, &d);
		if (st != DS_ERR_SPEC || d.line != c->line || d.col != c->col || !strstr(d.msg, c->msg1) ||
		    strcmp(d.key, c->key))
			fail_msg("[%s] expected %u:%u key '%s' '%s'\n  got status %d %u:%u key '%s': %s", c->name, c->line,
			         c->col, c->key, c->msg1, (int)st, d.line, d.col, d.key, d.msg);
		assert_null(s);
	}
}

/*
 * Every bad spec of the table, read with a Chinese diag: the same status and
 * place, and a message in Chinese. The YAML reader's own messages (ynode.c:
 * syntax, duplicates, aliases, the document's shape) are converted in a change
 * of their own: until then they may stay English, and are only checked for
 * their place.
 */
/* Whether the case is read as YAML: by its reader, or auto-detected (JSON starts with '{'). */
static int is_yaml(const struct spec_case *c)
{
	return c->syn == YAML || (c->syn == AUTO && c->text[strspn(c->text, " \t\r\n")] != '{');
}

static void test_zh_no_message_left_english(void **state)
{
	static const char *const ynode_words[] = {"YAML ", "duplicate key", "nested deeper", "alias",
	                                          "more than one YAML document", "mapping key must be"};
	size_t i, k;

	(void)state;
	for (i = 0; i < NBAD; i++) {
		const struct spec_case *c = &bad_specs[i];
		ds_spec *s = NULL;
		ds_diag en, zh;
		int pending = 0;
		memset(&en, 0, sizeof en);
		memset(&zh, 0, sizeof zh);
		zh.lang = DS_LANG_ZH;
		assert_int_equal(parse(c->syn, c->text, strlen(c->text), "spec", &s, &en), DS_ERR_SPEC);
		assert_int_equal(parse(c->syn, c->text, strlen(c->text), "spec", &s, &zh), DS_ERR_SPEC);
		assert_int_equal(zh.line, en.line);
		assert_int_equal(zh.col, en.col);
		assert_string_equal(zh.key, en.key);
		for (k = 0; is_yaml(c) && k < sizeof ynode_words / sizeof ynode_words[0]; k++)
			pending |= strstr(en.msg, ynode_words[k]) != NULL;
		if (!pending && !has_cjk(zh.msg))
			fail_msg("[%s] no Chinese in the message of a Chinese diag: %s", c->name, zh.msg);
	}
}

/* Flag values refused, in Chinese: every message, the fragments too. */
static void test_zh_set_text(void **state)
{
	ds_spec *s = NULL;
	ds_diag d;
	size_t i;

	(void)state;
	assert_int_equal(ds_spec_new(rs, &s), DS_OK);
	for (i = 0; i < sizeof bad_texts / sizeof bad_texts[0]; i++) {
		memset(&d, 0, sizeof d);
		d.lang = DS_LANG_ZH;
		assert_int_equal(ds_spec_set_text(s, bad_texts[i].key, bad_texts[i].text, &d), bad_texts[i].st);
		if (!has_cjk(d.msg))
			fail_msg("[%s=%s] no Chinese: %s", bad_texts[i].key, bad_texts[i].text, d.msg);
		assert_int_equal(d.lang, DS_LANG_ZH); /* the library never changes it */
	}
	memset(&d, 0, sizeof d);
	d.lang = DS_LANG_ZH;
	assert_int_equal(ds_spec_set_text(s, "gpus", "two", &d), DS_ERR_VALUE);
	assert_string_equal(d.msg, "应为整数，实际为“two”");
	assert_int_equal(ds_spec_set_bool(s, "gpus", 1, &d), DS_ERR_VALUE);
	assert_string_equal(d.msg, "事实“gpus”不是布尔值");
	ds_spec_free(s);
}

int main(void)
{
	static const struct CMUnitTest single[] = {
		cmocka_unit_test(test_valid_all_types),
		cmocka_unit_test(test_valid_files),
		cmocka_unit_test(test_valid_ids),
		cmocka_unit_test(test_valid_edge_values),
		cmocka_unit_test(test_len_is_respected),
		cmocka_unit_test(test_bad_args),
		cmocka_unit_test(test_set_text_valid),
		cmocka_unit_test(test_set_text_bad),
		cmocka_unit_test(test_set_text_keeps_old),
		cmocka_unit_test(test_set_bool),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_merge_other_table),
		cmocka_unit_test(test_read_json_reuses),
		cmocka_unit_test(test_json_through_cjson),
		cmocka_unit_test(test_check_layers),
		cmocka_unit_test(test_yaml_id_as_written),
		cmocka_unit_test(test_values_in_any_case),
		cmocka_unit_test(test_list_text_blanks),
		cmocka_unit_test(test_zh_messages),
		cmocka_unit_test(test_zh_no_message_left_english),
		cmocka_unit_test(test_zh_set_text),
	};
	static struct CMUnitTest cases[NBAD];
	size_t i;
	int failed;

	for (i = 0; i < NBAD; i++) {
		cases[i].name = bad_specs[i].name;
		cases[i].test_func = test_bad_spec;
		cases[i].initial_state = (void *)&bad_specs[i];
	}
	failed = cmocka_run_group_tests_name("spec", single, setup, teardown);
	failed += _cmocka_run_group_tests("bad specs", cases, NBAD, setup, teardown);
	return failed ? 1 : 0;
}
