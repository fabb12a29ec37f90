/*
 * test_modules.c: the library's internal modules one by one (issue 15 split
 * them out of ruleset.c, eval.c and report.c): cond (three-valued conditions,
 * a fact's range, product boundaries), dsi_decide (precedence, contradictions,
 * scores and ties), facts (lookups and suggestions), words (names in both
 * languages), diag (byte order mark, positions), file (the one reader), and
 * the loader, which only loads: the renderer's fragments come after.
 * It reads private headers, so it is built with src/lib on its include path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "decide.h"
#include "diag.h"
#include "facts.h"
#include "file.h"
#include "fragments.h"
#include "load.h"
#include "specdata.h"
#include "words.h"

/* Two hard classes and a soft one; facts of every kind; rules that meet. */
static const char TABLE[] =
    "schema: 1\n"
    "name: modules\n"
    "models: [{id: A}, {id: B}, {id: C}]\n"
    "default: B\n"
    "classes:\n"
    "  - {id: first, kind: hard, name: {en: first, zh: 第一}}\n"
    "  - {id: second, kind: hard}\n"
    "  - {id: soft, kind: soft}\n"
    "facts:\n"
    "  - {key: mem, type: number, min: 0, max: 100, max_exclusive: true}\n"
    "  - {key: n, type: integer, min: 1, max: 1}\n"
    "  - {key: k, type: integer, min: 0, max: 64}\n"
    "  - {key: fast, type: boolean}\n"
    "  - {key: kind, type: enum, values: [x, y]}\n"
    "  - {key: name, type: string, values: [alpha, beta]}\n"
    "rules:\n"
    "  - {id: small, ref: r1, class: first, effect: require, model: A, when: {fact: mem, lt: 10},\n"
    "     reason: {en: small, zh: 小}}\n"
    "  - {id: quick, ref: r2, class: second, effect: forbid, model: A, when: {fact: fast, is: true},\n"
    "     reason: {en: quick}}\n"
    "  - {id: xa, ref: r3, class: second, effect: require, model: B, when: {fact: kind, eq: x},\n"
    "     reason: {en: xa}}\n"
    "  - {id: xc, ref: r4, class: second, effect: require, model: C, when: {fact: kind, eq: x},\n"
    "     reason: {en: xc}, contradicts: [xa]}\n"
    "  - {id: prod, ref: r5, class: soft, effect: prefer, model: C, weight: 2,\n"
    "     when: {product: [mem, k], ge: 80}, reason: {en: prod}}\n"
    "  - {id: named, ref: r5, class: soft, effect: avoid, model: B, weight: 1,\n"
    "     when: {fact: name, in: [alpha]}, reason: {en: named}}\n";

static ds_ruleset *load(void)
{
	ds_ruleset *rs = NULL;
	ds_diag d;

	memset(&d, 0, sizeof d);
	if (dsi_table_load(TABLE, strlen(TABLE), "modules.yaml", &rs, &d, NULL, NULL) != DS_OK)
		fail_msg("%s:%u:%u: %s", d.file, d.line, d.col, d.msg);
	return rs;
}

static unsigned fact(const ds_ruleset *rs, const char *key)
{
	long f = dsi_fact_by_key_n(rs, key, strlen(key));
	assert_true(f >= 0);
	return (unsigned)f;
}

static unsigned rule(const ds_ruleset *rs, const char *id)
{
	size_t i;
	for (i = 0; i < rs->nrules && strcmp(rs->rules[i].id, id); i++)
		;
	assert_true(i < rs->nrules);
	return (unsigned)i;
}

static void set_num(const ds_ruleset *rs, struct value *v, const char *key, double x)
{
	unsigned f = fact(rs, key);
	v[f].set = 1;
	v[f].num = x;
}

/* ---- cond ---- */

static void test_cond_three_valued(void **state)
{
	ds_ruleset *rs = load();
	struct value v[DS_MAX_FACTS];
	const struct cond *small = rs->rules[rule(rs, "small")].when, *prod = rs->rules[rule(rs, "prod")].when;
	const struct cond *quick = rs->rules[rule(rs, "quick")].when, *named = rs->rules[rule(rs, "named")].when;

	(void)state;
	memset(v, 0, sizeof v);
	assert_int_equal(dsi_cond_eval(rs, small, v), TV_UNKNOWN); /* mem unknown */
	assert_int_equal(dsi_cond_eval(rs, quick, v), TV_FALSE);   /* an absent boolean is false */
	assert_int_equal(dsi_cond_eval(rs, prod, v), TV_UNKNOWN);
	set_num(rs, v, "mem", 10);
	assert_int_equal(dsi_cond_eval(rs, small, v), TV_FALSE); /* lt: 10 is not below 10 */
	set_num(rs, v, "mem", 9.5);
	assert_int_equal(dsi_cond_eval(rs, small, v), TV_TRUE);
	assert_int_equal(dsi_cond_eval(rs, prod, v), TV_UNKNOWN); /* k still unknown */
	set_num(rs, v, "k", 8);
	assert_int_equal(dsi_cond_eval(rs, prod, v), TV_FALSE); /* 76 */
	set_num(rs, v, "mem", 10);
	assert_int_equal(dsi_cond_eval(rs, prod, v), TV_TRUE); /* 80 >= 80 */
	v[fact(rs, "name")].set = 1;
	v[fact(rs, "name")].str = "ALPHA"; /* strings compare without case */
	assert_int_equal(dsi_cond_eval(rs, named, v), TV_TRUE);
	assert_int_equal(dsi_cond_facts(prod), (uint64_t)1 << fact(rs, "mem") | (uint64_t)1 << fact(rs, "k"));
	ds_ruleset_free(rs);
}

static void test_cond_range(void **state)
{
	ds_ruleset *rs = load();
	const struct fact *mem = &rs->facts[fact(rs, "mem")], *n = &rs->facts[fact(rs, "n")];
	const struct fact *k = &rs->facts[fact(rs, "k")];

	(void)state;
	assert_int_equal(dsi_fact_range_side(mem, -0.5), -1);
	assert_int_equal(dsi_fact_range_side(mem, 0), 0);
	assert_int_equal(dsi_fact_range_side(mem, 99.99), 0);
	assert_int_equal(dsi_fact_range_side(mem, 100), 1); /* max_exclusive */
	assert_true(dsi_fact_accepts(n, 1));                 /* min equal to max: the one value */
	assert_false(dsi_fact_accepts(n, 0));
	assert_false(dsi_fact_accepts(n, 2));
	assert_false(dsi_fact_accepts(k, 1.5)); /* an integer is whole */
	assert_false(dsi_fact_accepts(mem, NAN));
	assert_false(dsi_fact_accepts(mem, INFINITY));
	ds_ruleset_free(rs);
}

static void test_cond_product_points(void **state)
{
	ds_ruleset *rs = load();
	const struct fact *k = &rs->facts[fact(rs, "k")], *mem = &rs->facts[fact(rs, "mem")];
	double out[4];
	size_t i, n;

	(void)state;
	/* k × 7 compared with 80: integers around 80/7 = 11.43 */
	assert_int_equal(dsi_product_points(k, 80, 7, out), 4);
	assert_true(out[0] == 11 && out[1] == 12 && out[2] == 11 && out[3] == 12);
	assert_int_equal(dsi_product_points(k, 80, 0, out), 0); /* no boundary when the other is 0 */
	/* a number: the doubles on each side of where mem × 3 passes 80 */
	n = dsi_product_points(mem, 80, 3, out);
	assert_int_equal(n, 3);
	assert_true(out[0] * 3 < 80);
	assert_true(out[2] * 3 > 80);
	for (i = 1; i < n; i++)
		assert_true(out[i] >= out[i - 1]);
	ds_ruleset_free(rs);
}

/* Where a product crosses, as a person reads it: a short decimal, or three digits on each side (issue 16). */
static void test_cond_round_numbers(void **state)
{
	ds_ruleset *rs = load();
	const struct fact *k = &rs->facts[fact(rs, "k")], *mem = &rs->facts[fact(rs, "mem")];
	double out[4];

	(void)state;
	assert_true(dsi_short_decimal(79.99999999999999, 80.00000000000001) == 80);
	assert_true(dsi_short_decimal(1.5999999999999996, 1.6000000000000003) == 1.6);
	assert_true(dsi_short_decimal(0.25, 0.35) == 0.3);
	assert_true(dsi_short_decimal(-1, 1) == 0);
	assert_true(isnan(dsi_short_decimal(11.428571428571427, 11.42857142857143))); /* 80/7: none of 15 digits */
	assert_true(isnan(dsi_short_decimal(2, 1)));
	assert_true(dsi_round_toward(80.0 / 7, -1, 0) == 11.4);
	assert_true(dsi_round_toward(80.0 / 7, 1, 0) == 11.5);
	assert_true(dsi_round_toward(80.0 / 7, -1, 1) == 11.42);
	assert_true(dsi_round_toward(80.0 / 0.07, -1, 0) == 1142); /* whole numbers at least */
	assert_true(dsi_round_toward(80.0 / 300, 1, 0) == 0.267);
	/* mem × 3 >= 80: 26.6 below, 26.7 above; mem × 50: 1.6 itself; mem × 1: 80 */
	assert_int_equal(dsi_product_shown(mem, 80, 3, out), 2);
	assert_true(out[0] == 26.6 && out[1] == 26.7 && out[0] * 3 < 80 && out[1] * 3 > 80);
	assert_int_equal(dsi_product_shown(mem, 80, 50, out), 1);
	assert_true(out[0] == 1.6);
	assert_int_equal(dsi_product_shown(mem, 80, 1, out), 1);
	assert_true(out[0] == 80);
	assert_int_equal(dsi_product_shown(mem, 80, 0, out), 0);
	/* an integer: the integers around 80/7, once each */
	assert_int_equal(dsi_product_shown(k, 80, 7, out), 2);
	assert_true(out[0] == 11 && out[1] == 12);
	ds_ruleset_free(rs);
}

static void test_cond_derive_and_constraint(void **state)
{
	static const char t[] =
	    "schema: 1\nmodels: [{id: A}]\ndefault: A\nclasses: [{id: c, kind: hard}]\n"
	    "facts:\n  - {key: gpus, type: integer, min: 0, max: 8}\n  - {key: mem, type: number, min: 0, max: 99}\n"
	    "derive:\n  - {fact: mem, value: 0, when: {fact: gpus, eq: 0}}\n"
	    "constraints:\n  - id: none\n    message: {en: \"no GPU, no memory\"}\n"
	    "    when: {all: [{fact: gpus, eq: 0}, {fact: mem, gt: 0}]}\n"
	    "rules:\n  - {id: r, ref: x, class: c, effect: require, model: A, when: {fact: mem, eq: 0}, reason: {en: r}}\n";
	ds_ruleset *rs = NULL;
	struct value v[DS_MAX_FACTS];
	uint64_t given;
	ds_diag d;

	(void)state;
	memset(&d, 0, sizeof d);
	if (dsi_table_load(t, strlen(t), "t.yaml", &rs, &d, NULL, NULL) != DS_OK)
		fail_msg("%s:%u:%u: %s", d.file, d.line, d.col, d.msg);
	memset(v, 0, sizeof v);
	set_num(rs, v, "gpus", 0);
	given = 1u << fact(rs, "gpus");
	assert_int_equal(dsi_broken_constraint(rs, v, given), -1);
	assert_int_equal(dsi_derive(rs, v, &given), 1); /* the first derivation applied */
	assert_int_equal(v[fact(rs, "mem")].set, 2);  /* derived, not given */
	assert_true(v[fact(rs, "mem")].num == 0);
	assert_int_equal(dsi_rules_true(rs, v, 1), 1);
	memset(v, 0, sizeof v);
	set_num(rs, v, "gpus", 0);
	set_num(rs, v, "mem", 16);
	assert_int_equal(dsi_broken_constraint(rs, v, 3), 0);
	assert_int_equal(dsi_broken_constraint(rs, v, 0), -1); /* only constraints reading the mask are tried */
	given = 3;
	assert_int_equal(dsi_derive(rs, v, &given), 0); /* given facts are never derived over */
	ds_ruleset_free(rs);
}

/* ---- decide ---- */

static void test_decide(void **state)
{
	ds_ruleset *rs = load();
	uint64_t small = 1u << rule(rs, "small"), quick = 1u << rule(rs, "quick");
	uint64_t xa = 1u << rule(rs, "xa"), xc = 1u << rule(rs, "xc"), prod = 1u << rule(rs, "prod");
	uint64_t named = 1u << rule(rs, "named");
	struct decision d, e;
	struct trace tr;

	(void)state;
	d = dsi_decide(rs, 0, NULL, NULL); /* nothing fired: a three-way tie, the default */
	assert_int_equal(d.outcome, DS_DEFAULT);
	assert_int_equal(d.rec, 1);
	assert_int_equal(d.by, BY_DEFAULT);
	d = dsi_decide(rs, small, NULL, NULL);
	assert_int_equal(d.outcome, DS_RECOMMENDED);
	assert_int_equal(d.rec, 0);
	assert_int_equal(d.by, BY_RULES);
	memset(&tr, 0, sizeof tr);
	d = dsi_decide(rs, small | quick, NULL, &tr); /* the lower class's forbid A is overridden */
	assert_int_equal(d.outcome, DS_CONFLICT);
	assert_int_equal(d.fallback, 0);
	assert_int_equal(tr.state[rule(rs, "quick")], DS_OVERRIDDEN);
	assert_int_equal(tr.beaten[rule(rs, "quick")], small);
	memset(&tr, 0, sizeof tr);
	d = dsi_decide(rs, xa | xc | prod, NULL, &tr); /* same class, nothing in common: both set aside */
	assert_int_equal(d.outcome, DS_CONFLICT);
	assert_int_equal(tr.state[rule(rs, "xa")], DS_CONTRADICTED);
	assert_int_equal(tr.contra[rule(rs, "xa")], xc);
	assert_int_equal(d.fallback, 2); /* the soft score decides among all three */
	assert_int_equal(d.by, BY_SCORES);
	assert_true(tr.scores[2] == 2);
	d = dsi_decide(rs, named, NULL, NULL); /* B avoided: A and C tie, the default is not among them */
	assert_int_equal(d.outcome, DS_DEFAULT);
	assert_int_equal(d.rec, 0);
	assert_int_equal(d.by, BY_ORDER);
	e = dsi_decide(rs, named, NULL, NULL);
	assert_true(dsi_decision_same(&d, &e));
	e = dsi_decide(rs, small, NULL, NULL);
	assert_false(dsi_decision_same(&d, &e));
	assert_int_equal(dsi_verdict_of(rs, small).rec, 0);
	ds_ruleset_free(rs);
}

/* ---- facts, words ---- */

static void test_facts_lookup(void **state)
{
	ds_ruleset *rs = load();
	const char *near;

	(void)state;
	assert_int_equal(dsi_fact_lookup(rs, "mem", 0, &near), (long)fact(rs, "mem"));
	assert_null(near);
	assert_int_equal(dsi_fact_lookup(rs, "men", 0, &near), -1);
	assert_string_equal(near, "mem");
	assert_int_equal(dsi_fact_lookup(rs, "Mem", 0, &near), -1); /* keys are case-sensitive */
	assert_int_equal(dsi_fact_lookup(rs, "idd", 1, &near), -1);
	assert_string_equal(near, "id"); /* a spec's other key */
	assert_int_equal(dsi_fact_lookup(rs, "idd", 0, &near), -1);
	assert_true(near == NULL || strcmp(near, "id") != 0);
	assert_int_equal(dsi_fact_by_key_n(rs, "memory", 3), (long)fact(rs, "mem"));
	assert_string_equal(dsi_rs_text(&rs->rules[rule(rs, "small")].reason, DS_LANG_ZH), "小");
	assert_string_equal(dsi_rs_text(&rs->rules[rule(rs, "quick")].reason, DS_LANG_ZH), "quick"); /* falls back */
	ds_ruleset_free(rs);
}

static void test_words(void **state)
{
	ds_ruleset *rs = load();
	struct buf b;

	(void)state;
	assert_string_equal(dsi_effect_name(E_REQUIRE, DS_LANG_EN), "require");
	assert_string_equal(dsi_effect_name(E_AVOID, DS_LANG_EN), "avoid");
	assert_string_equal(dsi_effect_name(E_FORBID, DS_LANG_ZH), "禁用");
	assert_string_equal(dsi_class_kind_name(1, DS_LANG_EN), "soft");
	assert_string_equal(dsi_class_kind_name(0, DS_LANG_ZH), "硬性");
	assert_string_equal(dsi_class_name(rs, 0, DS_LANG_ZH), "第一");
	assert_string_equal(dsi_class_name(rs, 1, DS_LANG_EN), "second"); /* no name: the id */
	dsi_buf_init(&b);
	dsi_cond_append(rs, rs->rules[rule(rs, "prod")].when, DS_LANG_EN, &b);
	assert_string_equal(b.p, "mem × k >= 80");
	b.len = 0;
	dsi_cond_append(rs, rs->rules[rule(rs, "named")].when, DS_LANG_EN, &b);
	assert_string_equal(b.p, "name in {alpha}");
	dsi_buf_free(&b);
	ds_ruleset_free(rs);
}

/* ---- the loader only loads; fragments come after ---- */

static void test_load_then_fragments(void **state)
{
	ds_ruleset *rs = load();
	const struct rule *a = &rs->rules[rule(rs, "prod")], *b = &rs->rules[rule(rs, "named")];

	(void)state;
	assert_null(rs->models[0].json_id.s); /* not the loader's business */
	assert_null(a->json_head.s);
	assert_string_equal(a->label, "r5 prod"); /* a shared ref: told apart by id */
	assert_string_equal(b->label, "r5 named");
	assert_string_equal(rs->rules[rule(rs, "small")].label, "r1");
	assert_int_equal(dsi_fragments_make(rs), 0);
	assert_string_equal(rs->models[0].json_id.s, "\"A\"");
	assert_string_equal(rs->facts[fact(rs, "mem")].json_key.s, "\"mem\":");
	assert_non_null(strstr(a->json_head.s, "\"effect\":\"prefer\""));
	ds_ruleset_free(rs);
}

/* ---- diag, file ---- */

static void test_positions(void **state)
{
	static const char bom[] = "\xEF\xBB\xBF{\n  \"é\": 1}";
	unsigned line, col;

	(void)state;
	assert_int_equal(dsi_text_bom(bom, strlen(bom)), 3);
	assert_int_equal(dsi_text_bom("{}", 2), 0);
	assert_int_equal(dsi_text_bom("\xEF\xBB", 2), 0);
	dsi_text_pos(bom, strlen(bom), 3, &line, &col); /* the '{': the mark is no column */
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	dsi_text_pos(bom, strlen(bom), strstr(bom, ":") - bom, &line, &col); /* é is one column */
	assert_int_equal(line, 2);
	assert_int_equal(col, 6);
}

static void test_read_file(void **state)
{
	char *p = NULL;
	size_t len = 0;
	ds_diag d;

	(void)state;
	memset(&d, 0, sizeof d);
	assert_int_equal(dsi_read_file(DS_TEST_DATA "/no-such-file", &p, &len, &d), DS_ERR_IO);
	assert_null(p);
	assert_non_null(strstr(d.msg, "cannot open"));
	assert_int_equal(dsi_read_file(DS_TEST_DATA "/../../rules/deepseek-v1-v2.yaml", &p, &len, &d), DS_OK);
	assert_int_equal(strlen(p), len); /* NUL-terminated, no NUL inside */
	assert_true(len > 1000);
	free(p);
}

/* ds_num_text(): the shortest text that reads back, as every output writes numbers */
static void test_num_text(void **state)
{
	static const double v[] = {12, -3, 0.1, 0.30000000000000004, 11.428571428571429, 1e300, -2.5e-9, 4096.0001};
	static const char *const want[] = {"12", "-3", "0.1", "0.30000000000000004", "11.428571428571429",
	                                   "1e+300", "-2.5e-09", "4096.0001"};
	char out[40];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		ds_num_text(v[i], out, sizeof out);
		assert_string_equal(out, want[i]);
		assert_true(strtod(out, NULL) == v[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cond_three_valued),
		cmocka_unit_test(test_cond_range),
		cmocka_unit_test(test_cond_product_points),
		cmocka_unit_test(test_cond_round_numbers),
		cmocka_unit_test(test_cond_derive_and_constraint),
		cmocka_unit_test(test_decide),
		cmocka_unit_test(test_facts_lookup),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_load_then_fragments),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_num_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
