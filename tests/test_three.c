/*
 * test_three.c: the decision engine with three models, on the example table
 * rules/examples/three-models.yaml (V1, V2, V2-Lite), through the public API.
 *
 * The contract (section 3) is written for any number of models; with two of
 * them several of its clauses cannot be told apart (a forbid and a require are
 * the same thing, a same-class contradiction is always a pair). This file
 * checks them with three:
 *
 *   cases   a table of workloads with what must happen: hard rules narrowing
 *           to one and to two models, the default when two remain tied (with
 *           and without the default among them), soft scores choosing among
 *           two, overrides (one and two higher rules to blame), a same-class
 *           pair contradiction, a same-class group of three forbids with no
 *           pair to blame, and `missing`. Every case is also checked against
 *           an oracle of section 3 written here from the contract (see
 *           oracle()), and its NDJSON rendering is parsed with cJSON: scores
 *           for all three models, the candidates, the reasons and conflicts.
 *   probe   for every case: supplying any single unknown fact that changes
 *           the decision (recommendation, status or fallback) must have been
 *           announced in `missing` (contract section 1).
 *   table   the example table itself: three models, default V1, the default
 *           table's classes and facts, every rule explained in en and zh,
 *           invented figures marked illustrative.
 *   sweep   pseudo-random workloads (fixed seed): the oracle and the probe on
 *           each, and every rule of the table fires somewhere.
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

#include <cjson/cJSON.h>
#include <dsselect.h>
#include "whatif_check.h"

#define TABLE_PATH DS_TEST_DATA "/../../rules/examples/three-models.yaml"

#define NMOD 3
#define MAXKV 16
#define MAXN 16
#define MAXR 64

static const char *const models[NMOD] = {"V1", "V2", "V2-Lite"};

/* Contract section 3: the hard classes, highest precedence first. */
static const char *const hard_classes[] = {"feasibility", "compliance", "sla", "capability", "quality"};
#define NHARD (sizeof hard_classes / sizeof hard_classes[0])

struct kv {
	const char *key, *val;
};

/* Expected state of a fired rule (ds_rule_state + 1; 0: not checked). */
enum { X_NONE, X_APPLIED, X_OVERRIDDEN, X_CONTRADICTED, X_MOOT };
/* Expected outcome (0: not checked). */
enum { ST_ANY, ST_REC, ST_DEF, ST_CONFLICT };

struct rstate {
	const char *rule;    /* ref or id */
	int state;           /* X_* */
	const char *by;      /* overridden: overridden_by must be this ref (NULL: one of `with`) */
	const char *with[4]; /* overridden: exactly the refs in beaten_by; contradicted: in contradicts */
};

struct tcase {
	const char *name;
	struct kv facts[MAXKV];    /* given facts; booleans as "true" */
	int status;                /* ST_* */
	const char *model;         /* the recommendation, or the fallback on conflict */
	const char *cands[NMOD + 1]; /* exactly the JSON candidates, in order (unchecked when empty) */
	int has_scores;
	double scores[NMOD];       /* V1, V2, V2-Lite */
	const char *fires[MAXN];   /* refs or ids that must fire */
	const char *quiet[MAXN];   /* ... that must not */
	struct rstate states[6];
	const char *group[4];      /* one contradiction entry in conflicts lists exactly these refs */
	int nconflicts;            /* number of conflicts entries + 1 (0: not checked) */
	const char *missing[MAXN]; /* must be listed in missing */
	const char *known[MAXN];   /* must not be */
};

#define N(s) .name = (s)
#define F(...) .facts = {__VA_ARGS__}
#define REC(m) .status = ST_REC, .model = (m)
#define DEF(m) .status = ST_DEF, .model = (m)
#define CONFLICT(m) .status = ST_CONFLICT, .model = (m)
#define CANDS(...) .cands = {__VA_ARGS__}
#define SCORES(a, b, c) .has_scores = 1, .scores = {(a), (b), (c)}
#define YES(...) .fires = {__VA_ARGS__}
#define NO(...) .quiet = {__VA_ARGS__}
#define STATES(...) .states = {__VA_ARGS__}
#define GROUP(...) .group = {__VA_ARGS__}
#define NCONFLICTS(n) .nconflicts = (n) + 1
#define MISSING(...) .missing = {__VA_ARGS__}
#define KNOWN(...) .known = {__VA_ARGS__}
#define W(...) {__VA_ARGS__}

#define T {"true"}
#define GPU(mem) {"gpu_mem", mem}
#define A10G_X4 {"gpus", "4"}, {"gpu_mem", "24"}, {"nccl", "true"}

/* ------------------------------------------------------------------------ */
/* The cases.                                                                */

static const struct tcase cases[] = {
	/* 1. hard rules narrow the candidates: to one model */
	{N("narrow to one: one 12 GB GPU, 1.1 forbids V2 and ex.2 V2-Lite: V1"), F(GPU("12")), REC("V1"),
	 CANDS("V1"), SCORES(0, 0, 0), YES("1.1", "ex.2"), NO("ex.1"),
	 STATES({"1.1", X_APPLIED, NULL, {NULL}}, {"ex.2", X_APPLIED, NULL, {NULL}}), NCONFLICTS(0)},
	{N("narrow to one: CPU only (gpu_mem 0, gpus derived 0): V1"), F(GPU("0")), REC("V1"), CANDS("V1"),
	 YES("1.1", "ex.2")},
	{N("narrow to one: edge forbids both MoE models (3.3, ex.3): V1"), F({"platform", "edge"}), REC("V1"),
	 CANDS("V1"), SCORES(0, 0, 0), YES("3.3", "ex.3"), NCONFLICTS(0)},
	{N("narrow to one: a Jetson (gpu_model) is an edge device: V1"), F({"gpu_model", "jetson-orin-agx"}),
	 REC("V1"), CANDS("V1"), YES("3.3", "ex.3", "ex.1")},
	{N("narrow to one: credit approval without expert logs forbids V2 and V2-Lite: V1"),
	 F({"credit_approval", "true"}), REC("V1"), CANDS("V1"), YES("5.2", "ex.4")},
	{N("narrow to one: contract extraction, 2.2 requires V2 and 2.3 forbids V1: V2"),
	 F({"task", "contract-extraction"}), REC("V2"), CANDS("V2"), SCORES(0, 0, 0), YES("2.2", "2.3"),
	 STATES({"2.2", X_APPLIED, NULL, {NULL}}, {"2.3", X_APPLIED, NULL, {NULL}})},
	{N("narrow to one across classes: one 32 GB GPU (ex.1 removes V2) and openapi (2.3 removes V1): V2-Lite"),
	 F(GPU("32"), {"task", "openapi-generation"}), REC("V2-Lite"), CANDS("V2-Lite"), SCORES(0, -2, 1),
	 YES("ex.1", "2.3", "ex.8"), NO("2.2"), NCONFLICTS(0)},
	{N("narrow to one: an unhardened MLPS level 3 system forbids V2 (5.3) and V2-Lite (ex.5): V1"),
	 F({"mlps_level", "3"}, A10G_X4), REC("V1"), CANDS("V1"), SCORES(0, 1, 0), YES("5.3", "ex.5", "1.2"),
	 STATES({"multi-gpu-nccl", X_MOOT, NULL, {NULL}})},
	{N("narrow to two: hardened, openapi on 4xA10G with NCCL keeps V2 and V2-Lite; 1.2 prefers V2"),
	 F({"task", "openapi-generation"}, {"mlps_level", "3"}, {"v2_hardened", "true"}, A10G_X4), REC("V2"),
	 CANDS("V2", "V2-Lite"), SCORES(0, 1, 0), NO("5.3", "ex.5")},

	/* 1. to two models, and 3. the default when the two tie */
	{N("narrow to two, tie: 3.1 forbids V2; V1 and V2-Lite tie, the default V1"),
	 F({"avg_tokens", "100"}, {"p99_ms", "80"}), DEF("V1"), CANDS("V1", "V2-Lite"), SCORES(0, 0, 0),
	 YES("3.1"), NO("ex.6"), NCONFLICTS(0)},
	{N("narrow to two, tie: one 80 GB GPU (ex.1 forbids V2, no preference above 40 GB): default V1"),
	 F(GPU("80")), DEF("V1"), CANDS("V1", "V2-Lite"), SCORES(0, -2, 0), YES("ex.1", "no-cluster-for-moe"),
	 NO("ex.8", "ex.2"), STATES({"no-cluster-for-moe", X_MOOT, NULL, {NULL}})},
	{N("narrow to two, tie without the default: openapi leaves V2 and V2-Lite, first in models order (V2)"),
	 F({"task", "openapi-generation"}), DEF("V2"), CANDS("V2", "V2-Lite"), SCORES(0, 0, 0), YES("2.3"),
	 NO("2.2")},
	{N("narrow to two, tie without the default: a code corpus (4.2 forbids V1): default status, V2"),
	 F({"data", "code,text"}), DEF("V2"), CANDS("V2", "V2-Lite"), YES("4.2")},
	/* 2.1 weighs 2 since issue 14 (the article's verdict), so V1 wins here where it tied before */
	{N("narrow to two: 32 GB with intent classification, V1 +2 beats V2-Lite +1"),
	 F(GPU("32"), {"task", "intent-classification"}), REC("V1"), CANDS("V1", "V2-Lite"), SCORES(2, -2, 1),
	 YES("ex.1", "ex.8", "2.1")},
	{N("narrow to two, tie: one 48 GB GPU, nothing prefers V1 or V2-Lite: default V1"),
	 F(GPU("48"), {"task", "general"}), DEF("V1"), CANDS("V1", "V2-Lite"), SCORES(0, -2, 0),
	 YES("ex.1"), NO("ex.8", "2.1")},

	/* 3. soft scores choose among the two left */
	{N("scores among two: one 32 GB GPU, ex.8 prefers V2-Lite: V2-Lite"), F(GPU("32")), REC("V2-Lite"),
	 CANDS("V1", "V2-Lite"), SCORES(0, -2, 1), YES("ex.1", "ex.8", "no-cluster-for-moe"),
	 STATES({"ex.8", X_APPLIED, NULL, {NULL}}, {"no-cluster-for-moe", X_MOOT, NULL, {NULL}}),
	 NCONFLICTS(0)},
	{N("scores among two: an a10g (24 GB assumed) prefers V2-Lite"), F({"gpu_model", "a10g"}),
	 REC("V2-Lite"), CANDS("V1", "V2-Lite"), SCORES(0, -2, 1)},
	{N("scores among two: 32 GB but a small costly corpus, V1 +2 beats V2-Lite +1"),
	 F(GPU("32"), {"corpus_size", "1000"}, {"labeling_cost", "high"}), REC("V1"), CANDS("V1", "V2-Lite"),
	 SCORES(2, -2, 1), YES("4.1", "ex.8")},
	{N("scores among two: openapi on 4xA10G with NCCL, 1.2 prefers V2"),
	 F({"task", "openapi-generation"}, A10G_X4), REC("V2"), CANDS("V2", "V2-Lite"), SCORES(0, 1, 0),
	 YES("multi-gpu-nccl"), NO("no-cluster-for-moe")},
	{N("scores among two: openapi on 2x16 GB (no cluster), 1.2 avoids V2: V2-Lite"),
	 F({"task", "openapi-generation"}, {"gpus", "2"}, GPU("16")), REC("V2-Lite"), CANDS("V2", "V2-Lite"),
	 SCORES(0, -2, 0), YES("no-cluster-for-moe"), NO("1.1", "ex.1", "ex.2")},
	{N("scores among two: streaming on Kubernetes without topology, 1.3 avoids V2: V2-Lite"),
	 F({"streaming", "true"}, {"platform", "kubernetes"}), REC("V2-Lite"), CANDS("V2", "V2-Lite"),
	 SCORES(0, -2, 0), YES("4.3", "1.3")},
	{N("scores among two: a removed model's score is moot: 12 GB + intent, V1 alone"),
	 F(GPU("12"), {"task", "intent-classification"}), REC("V1"), CANDS("V1"), SCORES(2, 0, 0)},

	/* 4. overrides: a lower class would remove the last candidate */
	{N("override: filing (5.1 requires V1) beats openapi's 2.3 (forbid V1): conflict, fallback V1"),
	 F({"filing", "true"}, {"task", "openapi-generation"}), CONFLICT("V1"), CANDS("V1"), SCORES(0, 0, 0),
	 STATES({"5.1", X_APPLIED, NULL, {NULL}}, {"2.3", X_OVERRIDDEN, "5.1", {"5.1"}}), NCONFLICTS(1)},
	{N("override: one 32 GB GPU (ex.1 removed V2) beats 2.2; 2.3 still applies: fallback V2-Lite"),
	 F(GPU("32"), {"task", "contract-extraction"}), CONFLICT("V2-Lite"), CANDS("V2-Lite"), SCORES(0, -2, 1),
	 STATES({"ex.1", X_APPLIED, NULL, {NULL}}, {"2.2", X_OVERRIDDEN, "ex.1", {"ex.1"}},
	        {"2.3", X_APPLIED, NULL, {NULL}}),
	 NCONFLICTS(1)},
	{N("override: one 12 GB GPU, two feasibility rules removed V2 and V2-Lite: 2.3 beaten by both"),
	 F(GPU("12"), {"task", "openapi-generation"}), CONFLICT("V1"), CANDS("V1"), SCORES(0, 0, 0),
	 STATES({"2.3", X_OVERRIDDEN, NULL, {"1.1", "ex.2"}}), NCONFLICTS(1)},
	{N("override: edge (feasibility) beats streaming's 4.3 (capability): fallback V1"),
	 F({"platform", "edge"}, {"streaming", "true"}), CONFLICT("V1"), CANDS("V1"),
	 STATES({"4.3", X_OVERRIDDEN, NULL, {"3.3", "ex.3"}})},
	{N("override: 3.2 (require V2) on one 32 GB GPU is beaten by ex.1, not contradicted by 3.1"),
	 F(GPU("32"), {"avg_tokens", "100"}, {"p99_ms", "80"}, {"concurrency", "200"}, {"input_tokens", "600"}),
	 CONFLICT("V2-Lite"), CANDS("V1", "V2-Lite"),
	 STATES({"3.2", X_OVERRIDDEN, "ex.1", {"ex.1"}}, {"3.1", X_APPLIED, NULL, {NULL}}), NCONFLICTS(1)},

	/* 5. a same-class contradiction between two rules */
	{N("contradiction: 3.1 (forbid V2) with 3.2 (require V2), both sla: set aside, fallback V1"),
	 F({"avg_tokens", "100"}, {"p99_ms", "80"}, {"concurrency", "200"}, {"input_tokens", "600"}),
	 CONFLICT("V1"), CANDS("V1", "V2", "V2-Lite"), SCORES(0, 0, 0),
	 STATES({"3.1", X_CONTRADICTED, NULL, {"3.2"}}, {"3.2", X_CONTRADICTED, NULL, {"3.1"}}), NCONFLICTS(1)},
	{N("contradiction: 3.1 with 3.2 on 4xA10G with NCCL: fallback V2 by score (3.1 removed nothing)"),
	 F({"avg_tokens", "100"}, {"p99_ms", "80"}, {"concurrency", "200"}, {"input_tokens", "600"}, A10G_X4),
	 CONFLICT("V2"), CANDS("V1", "V2", "V2-Lite"), SCORES(0, 1, 0),
	 STATES({"3.1", X_CONTRADICTED, NULL, {"3.2"}}, {"3.2", X_CONTRADICTED, NULL, {"3.1"}})},
	{N("contradiction: 3.1 and 3.2 set aside, ex.7 (forbid V1) still applies: fallback V2"),
	 F({"avg_tokens", "100"}, {"p99_ms", "80"}, {"concurrency", "500"}, {"input_tokens", "600"}),
	 CONFLICT("V2"), CANDS("V2", "V2-Lite"),
	 STATES({"3.1", X_CONTRADICTED, NULL, {"3.2"}}, {"3.2", X_CONTRADICTED, NULL, {"3.1"}},
	        {"ex.7", X_APPLIED, NULL, {NULL}}),
	 NCONFLICTS(1)},
	{N("contradiction: with V2 gone, ex.6 and ex.7 are a pair; 3.1 applies; fallback V2-Lite"),
	 F(GPU("32"), {"avg_tokens", "100"}, {"p99_ms", "30"}, {"concurrency", "500"}), CONFLICT("V2-Lite"),
	 CANDS("V1", "V2-Lite"), SCORES(0, -2, 1),
	 STATES({"ex.6", X_CONTRADICTED, NULL, {"ex.7"}}, {"ex.7", X_CONTRADICTED, NULL, {"ex.6"}},
	        {"3.1", X_APPLIED, NULL, {NULL}}),
	 NCONFLICTS(1)},

	/* 6. a same-class group of three forbids: no pair to blame */
	{N("group: 3.1, ex.6 and ex.7 forbid V2, V2-Lite and V1 (sla): all set aside, fallback V1"),
	 F({"avg_tokens", "100"}, {"p99_ms", "30"}, {"concurrency", "500"}), CONFLICT("V1"),
	 CANDS("V1", "V2", "V2-Lite"), SCORES(0, 0, 0),
	 STATES({"3.1", X_CONTRADICTED, NULL, {"ex.6", "ex.7"}}, {"ex.6", X_CONTRADICTED, NULL, {"3.1", "ex.7"}},
	        {"ex.7", X_CONTRADICTED, NULL, {"3.1", "ex.6"}}),
	 GROUP("3.1", "ex.6", "ex.7"), NCONFLICTS(1)},
	{N("group: the same on 4xA10G with NCCL: the fallback follows the scores, V2"),
	 F({"avg_tokens", "100"}, {"p99_ms", "30"}, {"concurrency", "500"}, A10G_X4), CONFLICT("V2"),
	 CANDS("V1", "V2", "V2-Lite"), SCORES(0, 1, 0), GROUP("3.1", "ex.6", "ex.7"), NCONFLICTS(1)},
	{N("group: with a small costly corpus the fallback is V1 again (+2 against the cluster's +1)"),
	 F({"avg_tokens", "100"}, {"p99_ms", "30"}, {"concurrency", "500"}, {"corpus_size", "10"},
	   {"labeling_cost", "high"}, A10G_X4),
	 CONFLICT("V1"), SCORES(2, 1, 0), GROUP("3.1", "ex.6", "ex.7"), NCONFLICTS(1)},

	/* 7. missing */
	{N("missing: openapi with no GPU facts: gpu_mem (32 GB would leave V2-Lite) and gpu_model"),
	 F({"task", "openapi-generation"}), DEF("V2"), MISSING("gpu_mem", "gpu_model", "platform", "mlps_level"),
	 KNOWN("task", "corpus_size", "labeling_cost", "quant")},
	{N("missing: P99 30 ms and 500 connections: avg_tokens would make a group contradiction"),
	 F({"p99_ms", "30"}, {"concurrency", "500"}), DEF("V2"), CANDS("V2", "V2-Lite"),
	 MISSING("avg_tokens", "input_tokens"), KNOWN("p99_ms", "concurrency", "quant")},
	{N("missing: one 32 GB GPU: corpus_size and labeling_cost could make V1 win"), F(GPU("32")),
	 REC("V2-Lite"), MISSING("corpus_size", "labeling_cost", "task", "platform", "mlps_level"),
	 KNOWN("gpu_mem", "gpus", "quant")},
	{N("missing: V1 alone (12 GB): a preference for V1 decides nothing, task and data could conflict"),
	 F(GPU("12")), REC("V1"), MISSING("task", "data", "concurrency"),
	 KNOWN("corpus_size", "labeling_cost", "platform", "mlps_level", "gpu_model", "quant")},
	{N("missing: nothing given: platform (edge forbids V2 and V2-Lite together) and mlps_level"), DEF("V1"),
	 CANDS("V1", "V2", "V2-Lite"), SCORES(0, 0, 0), MISSING("gpu_mem", "task", "platform", "mlps_level"),
	 KNOWN("quant")},
	{N("missing: 3.1 leaves V1 and V2-Lite: platform edge or mlps_level 3 would settle it"),
	 F({"avg_tokens", "100"}, {"p99_ms", "80"}), DEF("V1"), MISSING("gpu_mem", "task", "platform", "mlps_level")},
};
#define NCASES (sizeof cases / sizeof cases[0])

/* ------------------------------------------------------------------------ */
/* Helpers.                                                                  */

static ds_ruleset *g_rs;
static int g_errs;
static int g_quiet; /* errors counted but not printed past this many (the sweep) */

static void err(const char *name, const char *fmt, ...) CMOCKA_PRINTF_ATTRIBUTE(2, 3);
static void err(const char *name, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	g_errs++;
	if (g_quiet && g_errs > g_quiet)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	print_error("[%s] %s\n", name, msg);
}

static int streq0(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static const char *nz(const char *s)
{
	return s ? s : "(null)";
}

static int model_idx(const char *id)
{
	int m;

	for (m = 0; id && m < NMOD; m++)
		if (!strcmp(models[m], id))
			return m;
	return -1;
}

static int class_rank(const char *klass)
{
	size_t k;

	for (k = 0; klass && k < NHARD; k++)
		if (!strcmp(hard_classes[k], klass))
			return (int)k;
	return -1; /* the soft class */
}

static size_t nkv(const struct kv *kv)
{
	size_t n = 0;

	while (n < MAXKV && kv[n].key)
		n++;
	return n;
}

/* Sets one fact as a flag would; booleans through ds_spec_set_bool. */
static ds_status set_fact(ds_spec *s, const char *key, const char *val, ds_diag *d)
{
	long fi = ds_ruleset_fact_by_key(g_rs, key);

	memset(d, 0, sizeof *d);
	if (fi >= 0 && ds_fact_type_of(g_rs, (size_t)fi) == DS_FACT_BOOLEAN &&
	    (!strcmp(val, "true") || !strcmp(val, "false")))
		return ds_spec_set_bool(s, key, !strcmp(val, "true"), d);
	return ds_spec_set_text(s, key, val, d);
}

static ds_spec *make_spec(const struct kv *kv, size_t n, const char *name)
{
	ds_spec *s = NULL;
	ds_diag d;
	size_t i;

	assert_int_equal(ds_spec_new(g_rs, &s), DS_OK);
	for (i = 0; i < n; i++)
		if (set_fact(s, kv[i].key, kv[i].val, &d) != DS_OK)
			fail_msg("[%s] cannot set %s=%s: %s", name, kv[i].key, kv[i].val, d.msg);
	return s;
}

static ds_result *evaluate_plain(const ds_spec *s)
{
	ds_result *r = NULL;

	assert_int_equal(ds_evaluate_ex(g_rs, s, DS_CHANGES_OFF, &r), DS_OK);
	assert_non_null(r);
	return r;
}

/* Every named scenario has its counterfactuals re-run (check_whatif); the
 * probes made from a scenario only compare decisions, which keeps this
 * suite to seconds: the counterfactual check re-evaluates each change. */
static ds_result *evaluate(const ds_spec *s)
{
	ds_result *r = NULL;

	assert_int_equal(ds_evaluate(g_rs, s, &r), DS_OK);
	assert_non_null(r);
	check_whatif(g_rs, s, r);
	return r;
}

/* The result as NDJSON (one line), parsed. */
static cJSON *to_json(const ds_result *r, const char *name)
{
	char *out = NULL;
	size_t len = 0;
	cJSON *j;

	assert_int_equal(ds_render(r, DS_FORMAT_NDJSON, DS_LANG_EN, &out, &len), DS_OK);
	assert_non_null(out);
	assert_true(len > 0 && out[len - 1] == '\n');
	if (memchr(out, '\n', len - 1) != NULL)
		err(name, "NDJSON is more than one line");
	j = cJSON_Parse(out);
	if (j == NULL)
		fail_msg("[%s] NDJSON does not parse: %s", name, out);
	free(out);
	return j;
}

static const cJSON *jget(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *jstr(const cJSON *o, const char *key)
{
	const cJSON *v = jget(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int jarray_has(const cJSON *arr, const char *s)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, arr)
		if (cJSON_IsString(e) && !strcmp(e->valuestring, s))
			return 1;
	return 0;
}

/* Whether arr holds exactly the strings of want (NULL-terminated, at most n), in any order. */
static int jarray_is_set(const cJSON *arr, const char *const *want, size_t n)
{
	size_t k = 0;

	if (!cJSON_IsArray(arr))
		return 0;
	while (k < n && want[k]) {
		if (!jarray_has(arr, want[k]))
			return 0;
		k++;
	}
	return (size_t)cJSON_GetArraySize(arr) == k;
}

static int is_missing(const ds_result *r, const char *key)
{
	size_t i;

	for (i = 0; i < ds_result_missing_count(r); i++)
		if (!strcmp(ds_result_missing(r, i), key))
			return 1;
	return 0;
}

static long reason_index(const ds_result *r, const char *name)
{
	size_t i;

	for (i = 0; i < ds_result_reason_count(r); i++)
		if (!strcmp(ds_result_reason_ref(r, i), name) || !strcmp(ds_result_reason_rule(r, i), name))
			return (long)i;
	return -1;
}

struct dec {
	ds_outcome o;
	const char *rec, *fb;
};

static struct dec decision_of(const ds_result *r)
{
	struct dec d;

	d.o = ds_result_outcome(r);
	d.rec = ds_result_recommendation(r);
	d.fb = ds_result_fallback(r);
	return d;
}

static int same_dec(const struct dec *a, const struct dec *b)
{
	return a->o == b->o && streq0(a->rec, b->rec) && streq0(a->fb, b->fb);
}

/* ------------------------------------------------------------------------ */
/* The oracle: contract section 3 applied to the rules that fired.           */

struct fired {
	const char *ref, *effect;
	int model, rank; /* rank: the hard class's precedence, -1 for soft */
	unsigned allow;  /* hard rules: the models left standing (a bit per model) */
	double weight;
};

struct verdict {
	ds_rule_state state[MAXR];
	uint64_t beaten[MAXR], contra[MAXR]; /* bits over the fired rules */
	int group[MAXR];
	unsigned cands;
	double scores[NMOD];
	ds_outcome o;
	int model;
	const char *by; /* how the model was chosen: rules, scores, default, order */
};

static void oracle(const struct fired *f, size_t n, struct verdict *v)
{
	unsigned S = (1u << NMOD) - 1;
	uint64_t removed_by[NMOD] = {0};
	int conflict = 0, best = -1, ntop = 0, m;
	size_t k, i, j;

	memset(v, 0, sizeof *v);
	for (k = 0; k < NHARD; k++) {
		size_t live[MAXR], nl = 0;
		uint64_t bad = 0;
		unsigned J = S;

		for (i = 0; i < n; i++) {
			if (f[i].rank != (int)k)
				continue;
			if ((S & f[i].allow) == 0) { /* alone it would leave nothing: overridden */
				v->state[i] = DS_OVERRIDDEN;
				conflict = 1;
				for (m = 0; m < NMOD; m++)
					if (f[i].allow >> m & 1)
						v->beaten[i] |= removed_by[m];
			} else {
				live[nl++] = i;
				J &= f[i].allow;
			}
		}
		if (J == 0) {
			/* the pairs that leave nothing together are set aside */
			for (i = 0; i < nl; i++)
				for (j = i + 1; j < nl; j++)
					if ((S & f[live[i]].allow & f[live[j]].allow) == 0) {
						bad |= (uint64_t)1 << live[i] | (uint64_t)1 << live[j];
						v->contra[live[i]] |= (uint64_t)1 << live[j];
						v->contra[live[j]] |= (uint64_t)1 << live[i];
					}
			J = S;
			for (i = 0; i < nl; i++)
				if (!(bad >> live[i] & 1))
					J &= f[live[i]].allow;
			if (J == 0) { /* no pair to blame: the whole group */
				for (i = 0; i < nl; i++) {
					bad |= (uint64_t)1 << live[i];
					v->group[live[i]] = 1;
					for (j = 0; j < nl; j++)
						if (j != i)
							v->contra[live[i]] |= (uint64_t)1 << live[j];
				}
				J = S;
			}
			for (i = 0; i < nl; i++)
				if (bad >> live[i] & 1)
					v->state[live[i]] = DS_CONTRADICTED;
			conflict |= bad != 0;
		}
		/*
		 * Who beats a lower rule that needs model m: every rule that applied against m, whether or
		 * not a rule above had removed m already (issue 14: following the advice must work).
		 */
		for (m = 0; m < NMOD; m++)
			for (i = 0; i < nl; i++)
				if (v->state[live[i]] == DS_APPLIED && !(f[live[i]].allow >> m & 1))
					removed_by[m] |= (uint64_t)1 << live[i];
		S = J;
	}
	for (i = 0; i < n; i++) {
		if (f[i].rank >= 0)
			continue;
		v->scores[f[i].model] += !strcmp(f[i].effect, "prefer") ? f[i].weight : -f[i].weight;
		v->state[i] = (S >> f[i].model & 1) ? DS_APPLIED : DS_MOOT;
	}
	for (m = 0; m < NMOD; m++) {
		if (!(S >> m & 1))
			continue;
		if (best < 0 || v->scores[m] > v->scores[best]) {
			best = m;
			ntop = 1;
		} else if (v->scores[m] == v->scores[best]) {
			ntop++;
		}
	}
	/* a tie: the default (V1, models[0]) if among the best, else the first of them */
	v->by = ntop > 1 ? "order" : (S & (S - 1)) ? "scores" : "rules";
	if (ntop > 1 && (S & 1) && v->scores[0] == v->scores[best]) {
		best = 0;
		v->by = "default";
	}
	v->cands = S;
	v->model = best;
	v->o = conflict ? DS_CONFLICT : ntop > 1 ? DS_DEFAULT : DS_RECOMMENDED;
}

static void refs_of(const struct fired *f, size_t n, uint64_t set, const char **out, size_t max)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 1 < max; i++)
		if (set >> i & 1)
			out[k++] = f[i].ref;
	out[k] = NULL;
}

/* The number of conflicts entries of a type whose "rules" (contradiction) is exactly want. */
static int count_contradictions(const cJSON *j, const char *const *want, size_t n)
{
	const cJSON *e;
	int c = 0;

	cJSON_ArrayForEach(e, jget(j, "conflicts"))
		if (streq0(jstr(e, "type"), "contradiction") && jarray_is_set(jget(e, "rules"), want, n))
			c++;
	return c;
}

/*
 * What every result must satisfy, checked against the oracle: the rules that
 * fired (from the NDJSON reasons) decide the candidates, the states, who beat
 * whom, the scores, the status and the model.
 */
static void check_oracle(const char *name, const ds_spec *spec, const ds_result *r, const cJSON *j)
{
	const cJSON *reasons = jget(j, "reasons"), *re, *jscores = jget(j, "scores");
	struct fired f[MAXR];
	struct verdict v;
	size_t n = 0, i, k, nconf = 0;
	int m, want_conf = 0;
	const char *model = ds_result_model(r);
	static const char *const state_names[] = {"applied", "overridden", "contradicted", "moot"};

	cJSON_ArrayForEach(re, reasons) {
		const char *eff = jstr(re, "effect");
		const cJSON *w = jget(re, "weight");
		if (n == MAXR)
			break;
		f[n].ref = jstr(re, "source");
		f[n].effect = eff ? eff : "";
		f[n].model = model_idx(jstr(re, "model"));
		f[n].rank = class_rank(jstr(re, "class"));
		f[n].weight = cJSON_IsNumber(w) ? w->valuedouble : 0;
		if (f[n].ref == NULL || f[n].model < 0 || eff == NULL) {
			err(name, "reason %zu has no source, model or effect", n);
			return;
		}
		if ((f[n].rank >= 0) != (!strcmp(eff, "require") || !strcmp(eff, "forbid")))
			err(name, "reason %s: effect %s in class %s", f[n].ref, eff, nz(jstr(re, "class")));
		f[n].allow = !strcmp(eff, "require") ? 1u << f[n].model : ((1u << NMOD) - 1) & ~(1u << f[n].model);
		n++;
	}
	if (n != ds_result_reason_count(r))
		err(name, "%zu JSON reasons, %zu in the result", n, ds_result_reason_count(r));
	oracle(f, n, &v);

	/* status, recommendation, fallback, model */
	if (ds_result_outcome(r) != v.o)
		err(name, "status %s, the contract gives %s", ds_outcome_str(ds_result_outcome(r)), ds_outcome_str(v.o));
	if (v.o == DS_CONFLICT ? !streq0(jstr(j, "fallback_by"), v.by) : !cJSON_IsNull(jget(j, "fallback_by")))
		err(name, "fallback_by %s, want %s", nz(jstr(j, "fallback_by")), v.o == DS_CONFLICT ? v.by : "null");
	if (!streq0(model, models[v.model]))
		err(name, "model %s, the contract gives %s", nz(model), models[v.model]);
	if (v.o == DS_CONFLICT ? ds_result_recommendation(r) != NULL || !streq0(ds_result_fallback(r), model)
	                       : ds_result_fallback(r) != NULL || !streq0(ds_result_recommendation(r), model))
		err(name, "recommendation %s, fallback %s with status %s", nz(ds_result_recommendation(r)),
		    nz(ds_result_fallback(r)), ds_outcome_str(ds_result_outcome(r)));
	if (!streq0(jstr(j, "status"), ds_outcome_str(ds_result_outcome(r))))
		err(name, "JSON status %s", nz(jstr(j, "status")));
	if (ds_result_recommendation(r) ? !streq0(jstr(j, "recommendation"), ds_result_recommendation(r))
	                                : !cJSON_IsNull(jget(j, "recommendation")))
		err(name, "JSON recommendation differs from %s", nz(ds_result_recommendation(r)));
	if (ds_result_fallback(r) ? !streq0(jstr(j, "fallback"), ds_result_fallback(r))
	                          : !cJSON_IsNull(jget(j, "fallback")))
		err(name, "JSON fallback differs from %s", nz(ds_result_fallback(r)));

	/* the candidates, in models order; the scores of all three models */
	{
		const cJSON *c = jget(j, "candidates");
		int at = 0;
		if (!cJSON_IsArray(c))
			err(name, "JSON has no candidates");
		for (m = 0; m < NMOD; m++) {
			if (!(v.cands >> m & 1))
				continue;
			if (!streq0(cJSON_IsString(cJSON_GetArrayItem(c, at)) ? cJSON_GetArrayItem(c, at)->valuestring : NULL,
			            models[m]))
				err(name, "JSON candidates[%d] is not %s", at, models[m]);
			at++;
		}
		if (cJSON_GetArraySize(c) != at)
			err(name, "JSON has %d candidates, the contract leaves %d", cJSON_GetArraySize(c), at);
	}
	if (!cJSON_IsObject(jscores) || cJSON_GetArraySize(jscores) != NMOD)
		err(name, "JSON scores do not have one entry per model");
	for (m = 0; m < NMOD; m++) {
		const cJSON *s = jget(jscores, models[m]);
		if (!cJSON_IsNumber(s) || fabs(s->valuedouble - v.scores[m]) > 1e-9)
			err(name, "JSON score of %s is not %g", models[m], v.scores[m]);
		if (fabs(ds_result_score(r, (size_t)m) - v.scores[m]) > 1e-9)
			err(name, "score of %s is %g, its soft rules add up to %g", models[m],
			    ds_result_score(r, (size_t)m), v.scores[m]);
	}

	/* each reason: its state and what beat it or what it contradicts */
	for (i = 0; i < n; i++) {
		const cJSON *ri = cJSON_GetArrayItem(reasons, (int)i);
		const char *refs[MAXR + 1];
		ds_rule_state st = ds_result_reason_state(r, i);
		if (st != v.state[i])
			err(name, "%s is %s, the contract makes it %s", f[i].ref, state_names[st & 3],
			    state_names[v.state[i] & 3]);
		if (!streq0(jstr(ri, "state"), state_names[st & 3]))
			err(name, "JSON state of %s is %s", f[i].ref, nz(jstr(ri, "state")));
		if (!streq0(ds_result_reason_ref(r, i), f[i].ref))
			err(name, "reason %zu is %s in the result, %s in JSON", i, ds_result_reason_ref(r, i), f[i].ref);
		if (v.state[i] == DS_OVERRIDDEN) {
			const char *by = jstr(ri, "overridden_by");
			size_t b;
			int byrank = -1;
			refs_of(f, n, v.beaten[i], refs, sizeof refs / sizeof refs[0]);
			if (refs[0] == NULL)
				err(name, "%s overridden, but no higher rule removed its models", f[i].ref);
			if (!jarray_is_set(jget(ri, "beaten_by"), refs, MAXR))
				err(name, "beaten_by of %s is not every higher rule that applied against a model it needs", f[i].ref);
			for (b = 0; b < n; b++)
				if ((v.beaten[i] >> b & 1) && streq0(f[b].ref, by))
					byrank = f[b].rank;
			if (byrank < 0)
				err(name, "%s overridden_by %s, which did not remove its models", f[i].ref, nz(by));
			for (b = 0; b < n; b++)
				if ((v.beaten[i] >> b & 1) && f[b].rank < byrank)
					err(name, "%s overridden_by %s, but %s has a higher class", f[i].ref, nz(by), f[b].ref);
			if (f[i].rank >= 0 && byrank >= f[i].rank)
				err(name, "%s overridden by a rule of its own or a lower class", f[i].ref);
			want_conf++;
		} else if (v.state[i] == DS_CONTRADICTED) {
			refs_of(f, n, v.contra[i], refs, sizeof refs / sizeof refs[0]);
			if (!jarray_is_set(jget(ri, "contradicts"), refs, MAXR))
				err(name, "contradicts of %s is not the rules it leaves nothing with", f[i].ref);
			if (!cJSON_IsNull(jget(ri, "overridden_by")))
				err(name, "contradicted %s has an overridden_by", f[i].ref);
			if (v.group[i]) {
				refs_of(f, n, v.contra[i] | (uint64_t)1 << i, refs, sizeof refs / sizeof refs[0]);
				if (count_contradictions(j, refs, MAXR) != 1)
					err(name, "conflicts has not one contradiction entry for the group of %s", f[i].ref);
			} else {
				for (k = i + 1; k < n; k++)
					if (v.contra[i] >> k & 1) {
						const char *pair[3] = {f[i].ref, f[k].ref, NULL};
						if (count_contradictions(j, pair, 3) != 1)
							err(name, "conflicts has not one entry for %s with %s", f[i].ref, f[k].ref);
						want_conf++;
					}
			}
		} else if (!cJSON_IsNull(jget(ri, "overridden_by")) || cJSON_GetArraySize(jget(ri, "contradicts")) != 0) {
			err(name, "%s %s names overridden_by or contradicts", state_names[st & 3], f[i].ref);
		}
	}
	for (i = 0; i < n; i++) /* one entry per group */
		if (v.group[i]) {
			want_conf++;
			break;
		}
	nconf = (size_t)cJSON_GetArraySize(jget(j, "conflicts"));
	if (nconf != (size_t)want_conf)
		err(name, "conflicts has %zu entries, expected %d", nconf, want_conf);

	/* missing: never a given fact, a boolean, or a fact with a value */
	for (i = 0; i < ds_result_missing_count(r); i++) {
		const char *key = ds_result_missing(r, i);
		long fi = ds_ruleset_fact_by_key(g_rs, key);
		if (fi < 0 || ds_fact_type_of(g_rs, (size_t)fi) == DS_FACT_BOOLEAN)
			err(name, "missing lists %s, no fact or a boolean", key);
		if (ds_spec_has(spec, key) || jget(jget(j, "facts"), key) != NULL)
			err(name, "missing lists %s, which has a value", key);
		if (!jarray_has(jget(j, "missing"), key))
			err(name, "JSON missing lacks %s", key);
	}
	if ((size_t)cJSON_GetArraySize(jget(j, "missing")) != ds_result_missing_count(r))
		err(name, "JSON missing has another length");
}

/* ------------------------------------------------------------------------ */
/* The probe: an unknown fact that could change the decision is missing.     */

static const char *const probe_numbers[] = {
	"0", "1", "2", "3", "4", "5", "10", "12", "13", "16", "20", "23.5", "24", "32", "40", "40.5", "48", "80",
	"100", "128", "129", "199", "200", "399", "400", "511", "512", "600", "1024", "1025", "4096", "1000",
	"499999", "500000", NULL};

static void probe(const char *name, const ds_spec *base, const ds_result *r0, const cJSON *j0)
{
	const cJSON *facts = jget(j0, "facts");
	struct dec d0 = decision_of(r0);
	size_t fi, v;

	for (fi = 0; fi < ds_ruleset_fact_count(g_rs); fi++) {
		const char *key = ds_fact_key(g_rs, fi);
		ds_fact_type t = ds_fact_type_of(g_rs, fi);
		const char *vals[64];
		size_t nv = 0;

		if (t == DS_FACT_BOOLEAN || ds_spec_has(base, key) || jget(facts, key) || is_missing(r0, key))
			continue;
		if (t == DS_FACT_NUMBER || t == DS_FACT_INTEGER) {
			while (probe_numbers[nv] && nv < 63) {
				vals[nv] = probe_numbers[nv];
				nv++;
			}
		} else {
			for (v = 0; v < ds_fact_value_count(g_rs, fi) && nv < 63; v++)
				vals[nv++] = ds_fact_value(g_rs, fi, v);
		}
		for (v = 0; v < nv; v++) {
			ds_spec *s = NULL;
			ds_result *r;
			ds_diag d;
			struct dec d1;
			assert_int_equal(ds_spec_new(g_rs, &s), DS_OK);
			assert_int_equal(ds_spec_merge(s, base), DS_OK);
			if (set_fact(s, key, vals[v], &d) != DS_OK) { /* out of this fact's range */
				ds_spec_free(s);
				continue;
			}
			r = evaluate_plain(s);
			d1 = decision_of(r);
			if (!same_dec(&d0, &d1)) {
				err(name, "supplying %s=%s changes %s %s to %s %s, but %s is not in missing", key, vals[v],
				    ds_outcome_str(d0.o), nz(ds_result_model(r0)), ds_outcome_str(d1.o), nz(ds_result_model(r)),
				    key);
				v = nv; /* one report per fact */
			}
			ds_result_free(r);
			ds_spec_free(s);
		}
	}
}

/* ------------------------------------------------------------------------ */
/* Running a case.                                                           */

static void check_case(const struct tcase *c)
{
	ds_spec *s = make_spec(c->facts, nkv(c->facts), c->name);
	ds_result *r = evaluate(s);
	cJSON *j = to_json(r, c->name);
	static const int to_outcome[] = {-1, DS_RECOMMENDED, DS_DEFAULT, DS_CONFLICT};
	size_t i;

	for (i = 0; i < MAXN && c->fires[i]; i++)
		if (!ds_result_fired(r, c->fires[i]))
			err(c->name, "%s did not fire", c->fires[i]);
	for (i = 0; i < MAXN && c->quiet[i]; i++)
		if (ds_result_fired(r, c->quiet[i]))
			err(c->name, "%s fired", c->quiet[i]);

	if (c->status != ST_ANY && (int)ds_result_outcome(r) != to_outcome[c->status])
		err(c->name, "status %s, expected %s", ds_outcome_str(ds_result_outcome(r)),
		    ds_outcome_str((ds_outcome)to_outcome[c->status]));
	if (c->status == ST_CONFLICT) {
		if (ds_result_recommendation(r) != NULL || !cJSON_IsNull(jget(j, "recommendation")))
			err(c->name, "conflict with a recommendation %s", nz(ds_result_recommendation(r)));
		if (!streq0(ds_result_fallback(r), c->model) || !streq0(jstr(j, "fallback"), c->model))
			err(c->name, "fallback %s, expected %s", nz(ds_result_fallback(r)), c->model);
	} else if (c->status != ST_ANY) {
		if (!streq0(ds_result_recommendation(r), c->model) || !streq0(jstr(j, "recommendation"), c->model))
			err(c->name, "recommendation %s, expected %s", nz(ds_result_recommendation(r)), c->model);
		if (!cJSON_IsNull(jget(j, "fallback")))
			err(c->name, "a fallback without a conflict");
	}
	if (c->model && !streq0(ds_result_model(r), c->model))
		err(c->name, "model %s, expected %s", nz(ds_result_model(r)), c->model);

	if (c->cands[0]) {
		const cJSON *jc = jget(j, "candidates");
		size_t n = 0;
		while (n < NMOD && c->cands[n])
			n++;
		if (cJSON_GetArraySize(jc) != (int)n)
			err(c->name, "%d candidates, expected %zu", cJSON_GetArraySize(jc), n);
		for (i = 0; i < n; i++) {
			const cJSON *e = cJSON_GetArrayItem(jc, (int)i);
			if (!cJSON_IsString(e) || strcmp(e->valuestring, c->cands[i]))
				err(c->name, "candidates[%zu] is %s, expected %s", i,
				    cJSON_IsString(e) ? e->valuestring : "(none)", c->cands[i]);
		}
	}
	if (c->has_scores) {
		const cJSON *js = jget(j, "scores");
		int m;
		if (cJSON_GetArraySize(js) != NMOD)
			err(c->name, "scores has %d entries, expected %d", cJSON_GetArraySize(js), NMOD);
		for (m = 0; m < NMOD; m++) {
			const cJSON *e = jget(js, models[m]);
			if (!cJSON_IsNumber(e) || fabs(e->valuedouble - c->scores[m]) > 1e-9)
				err(c->name, "JSON score of %s is %g, expected %g", models[m],
				    cJSON_IsNumber(e) ? e->valuedouble : NAN, c->scores[m]);
			if (fabs(ds_result_score(r, (size_t)m) - c->scores[m]) > 1e-9)
				err(c->name, "score of %s is %g, expected %g", models[m], ds_result_score(r, (size_t)m),
				    c->scores[m]);
		}
	}

	for (i = 0; i < 6 && c->states[i].rule; i++) {
		const struct rstate *e = &c->states[i];
		long ri = reason_index(r, e->rule);
		const cJSON *re;
		size_t nw = 0;
		if (ri < 0) {
			err(c->name, "%s did not fire", e->rule);
			continue;
		}
		while (nw < 4 && e->with[nw])
			nw++;
		if ((int)ds_result_reason_state(r, (size_t)ri) != e->state - 1)
			err(c->name, "%s is in state %d, expected %d", e->rule, (int)ds_result_reason_state(r, (size_t)ri),
			    e->state - 1);
		re = cJSON_GetArrayItem(jget(j, "reasons"), (int)ri);
		if (e->state == X_OVERRIDDEN) {
			const char *by = jstr(re, "overridden_by");
			const cJSON *conf = NULL, *x;
			if (e->by && !streq0(by, e->by))
				err(c->name, "%s overridden_by %s, expected %s", e->rule, nz(by), e->by);
			if (!e->by) {
				size_t k;
				int ok = 0;
				for (k = 0; k < nw; k++)
					ok |= streq0(by, e->with[k]);
				if (!ok)
					err(c->name, "%s overridden_by %s, none of the rules expected", e->rule, nz(by));
			}
			if (!jarray_is_set(jget(re, "beaten_by"), e->with, nw))
				err(c->name, "%s beaten_by is not the rules expected", e->rule);
			cJSON_ArrayForEach(x, jget(j, "conflicts"))
				if (streq0(jstr(x, "type"), "override") &&
				    streq0(jstr(x, "rule"), ds_result_reason_ref(r, (size_t)ri)))
					conf = x;
			if (conf == NULL || !jarray_is_set(jget(conf, "by"), e->with, nw))
				err(c->name, "conflicts has no override of %s by the rules expected", e->rule);
		} else if (e->state == X_CONTRADICTED) {
			if (!jarray_is_set(jget(re, "contradicts"), e->with, nw))
				err(c->name, "%s does not contradict exactly the rules expected", e->rule);
			if (!cJSON_IsNull(jget(re, "overridden_by")))
				err(c->name, "contradicted %s has an overridden_by", e->rule);
		} else if (!cJSON_IsNull(jget(re, "overridden_by"))) {
			err(c->name, "%s has overridden_by %s", e->rule, nz(jstr(re, "overridden_by")));
		}
	}
	if (c->group[0]) {
		size_t ng = 0;
		const cJSON *x;
		int entries = 0;
		while (ng < 4 && c->group[ng])
			ng++;
		if (count_contradictions(j, c->group, ng) != 1)
			err(c->name, "conflicts has not exactly one contradiction entry listing the group");
		cJSON_ArrayForEach(x, jget(j, "conflicts"))
			entries += streq0(jstr(x, "type"), "contradiction");
		if (entries != 1)
			err(c->name, "%d contradiction entries for one group", entries);
		for (i = 0; i < ng; i++) {
			long ri = reason_index(r, c->group[i]);
			if (ri < 0 || ds_result_reason_state(r, (size_t)ri) != DS_CONTRADICTED)
				err(c->name, "group member %s is not contradicted", c->group[i]);
		}
	}
	if (c->nconflicts && cJSON_GetArraySize(jget(j, "conflicts")) != c->nconflicts - 1)
		err(c->name, "conflicts has %d entries, expected %d", cJSON_GetArraySize(jget(j, "conflicts")),
		    c->nconflicts - 1);

	for (i = 0; i < MAXN && c->missing[i]; i++)
		if (!is_missing(r, c->missing[i]))
			err(c->name, "%s is not listed in missing", c->missing[i]);
	for (i = 0; i < MAXN && c->known[i]; i++)
		if (is_missing(r, c->known[i]))
			err(c->name, "%s is listed in missing", c->known[i]);

	check_oracle(c->name, s, r, j);

	cJSON_Delete(j);
	ds_result_free(r);
	ds_spec_free(s);
}

static void run_case(void **state)
{
	g_errs = 0;
	g_quiet = 0;
	check_case(*state);
	assert_int_equal(g_errs, 0);
}

static void run_probe(void **state)
{
	const struct tcase *c = *state;
	ds_spec *s = make_spec(c->facts, nkv(c->facts), c->name);
	ds_result *r = evaluate(s);
	cJSON *j = to_json(r, c->name);

	g_errs = 0;
	g_quiet = 0;
	probe(c->name, s, r, j);
	cJSON_Delete(j);
	ds_result_free(r);
	ds_spec_free(s);
	assert_int_equal(g_errs, 0);
}

/* ------------------------------------------------------------------------ */
/* The table itself.                                                         */

static void test_table_models_classes_facts(void **state)
{
	ds_ruleset *def = NULL;
	ds_diag d;
	size_t i, k;

	(void)state;
	assert_string_equal(ds_ruleset_name(g_rs), "three-models-example");
	assert_int_equal(ds_ruleset_model_count(g_rs), NMOD);
	for (i = 0; i < NMOD; i++)
		assert_string_equal(ds_ruleset_model_id(g_rs, i), models[i]);
	assert_string_equal(ds_ruleset_default_model(g_rs), "V1");

	/* the same facts as the default table: keys, flags, types, units, values, in order */
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_ruleset_load_default(&def, &d), DS_OK);
	assert_int_equal(ds_ruleset_fact_count(g_rs), ds_ruleset_fact_count(def));
	for (i = 0; i < ds_ruleset_fact_count(def); i++) {
		assert_string_equal(ds_fact_key(g_rs, i), ds_fact_key(def, i));
		assert_string_equal(ds_fact_flag(g_rs, i), ds_fact_flag(def, i));
		assert_int_equal(ds_fact_type_of(g_rs, i), ds_fact_type_of(def, i));
		assert_string_equal(ds_fact_unit(g_rs, i), ds_fact_unit(def, i));
		assert_int_equal(ds_fact_value_count(g_rs, i), ds_fact_value_count(def, i));
		for (k = 0; k < ds_fact_value_count(def, i); k++)
			assert_string_equal(ds_fact_value(g_rs, i, k), ds_fact_value(def, i, k));
	}
	ds_ruleset_free(def);
}

/* The catalog and the gpus derivation behave as in the default table. */
static void test_table_derivations(void **state)
{
	static const struct {
		const char *model, *mem;
	} catalog[] = {{"t4", "16"}, {"a10g", "24"}, {"a100", "40"}, {"rtx3060", "12"}, {"rtx4070", "12"},
	               {"jetson-orin-agx", "32"}};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof catalog / sizeof catalog[0]; i++) {
		struct kv kv[1] = {{"gpu_model", catalog[i].model}};
		ds_spec *s = make_spec(kv, 1, catalog[i].model);
		ds_result *r = evaluate(s);
		cJSON *j = to_json(r, catalog[i].model);
		const cJSON *mem = jget(jget(j, "facts"), "gpu_mem"), *gpus = jget(jget(j, "facts"), "gpus");
		assert_true(cJSON_IsNumber(mem) && mem->valuedouble == strtod(catalog[i].mem, NULL));
		assert_true(cJSON_IsNumber(gpus) && gpus->valuedouble == 1);
		assert_true(ds_result_warning_count(r) >= 1);
		cJSON_Delete(j);
		ds_result_free(r);
		ds_spec_free(s);
	}
}

/* ------------------------------------------------------------------------ */
/* The sweep: pseudo-random workloads.                                       */

struct choice {
	const char *key;
	unsigned percent; /* how often the fact is given */
	const char *vals[8];
};

static const struct choice choices[] = {
	{"gpu_mem", 20, {"0", "12", "16", "24", "32", "40", "80"}},
	{"gpus", 20, {"0", "1", "2", "4"}},
	{"gpu_model", 20, {"t4", "a10g", "a100", "jetson-orin-agx", "h100"}},
	{"nccl", 20, {"true", "false"}},
	{"platform", 20, {"bare-metal", "kubernetes", "edge"}},
	{"topology_aware", 20, {"true"}},
	{"task", 20, {"intent-classification", "contract-extraction", "openapi-generation", "general"}},
	{"avg_tokens", 50, {"64", "128", "129", "512"}},
	{"p99_ms", 50, {"30", "40", "41", "80", "81", "200"}},
	{"concurrency", 50, {"100", "200", "400", "500"}},
	{"input_tokens", 50, {"100", "512", "800", "1024", "2000"}},
	{"quant", 20, {"fp16", "int4"}},
	{"corpus_size", 20, {"1000", "499999", "500000"}},
	{"labeling_cost", 20, {"low", "high"}},
	{"data", 20, {"text", "code", "math,text", "tables"}},
	{"streaming", 20, {"true"}},
	{"filing", 20, {"true"}},
	{"credit_approval", 20, {"true"}},
	{"expert_logging", 20, {"true"}},
	{"mlps_level", 20, {"2", "3", "5"}},
	{"v2_hardened", 20, {"true"}},
};
#define NCHOICES (sizeof choices / sizeof choices[0])
#define NSWEEP 3000

static uint64_t g_seed;

static unsigned rnd(unsigned n)
{
	g_seed = g_seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((g_seed >> 33) % n);
}

/* Fills kv with a pseudo-random workload; returns how many facts. */
static size_t random_spec(struct kv *kv, char *name, size_t namesz)
{
	size_t i, n = 0, o = 0;

	long g = -1, m = -1;

	o += (size_t)snprintf(name, namesz, "sweep:");
	for (i = 0; i < NCHOICES && n < MAXKV; i++) {
		size_t nv = 0;
		if (rnd(100) >= choices[i].percent)
			continue;
		while (nv < 8 && choices[i].vals[nv])
			nv++;
		kv[n].key = choices[i].key;
		kv[n].val = choices[i].vals[rnd((unsigned)nv)];
		if (!strcmp(kv[n].key, "gpus"))
			g = (long)n;
		if (!strcmp(kv[n].key, "gpu_mem"))
			m = (long)n;
		n++;
	}
	/* no GPU with GPU memory or a GPU model, or GPUs without memory: no workload (the table refuses it) */
	if (g >= 0 && m >= 0 && (strtod(kv[g].val, NULL) == 0) != (strtod(kv[m].val, NULL) == 0)) {
		for (i = (size_t)m; i + 1 < n; i++)
			kv[i] = kv[i + 1];
		n--; /* the memory goes */
	}
	if (g >= 0 && strtod(kv[g].val, NULL) == 0)
		for (i = 0; i < n; i++)
			if (!strcmp(kv[i].key, "gpu_model")) { /* the model goes */
				for (; i + 1 < n; i++)
					kv[i] = kv[i + 1];
				n--;
			}
	for (i = 0; i < n; i++)
		if (o < namesz)
			o += (size_t)snprintf(name + o, namesz - o, " %s=%s", kv[i].key, kv[i].val);
	return n;
}

/* How many sweep results had an override, a pair contradiction, a group contradiction. */
static size_t g_overrides, g_pairs, g_groups;

static void sweep(int with_probe, uint64_t *seen_rules, const char **seen_ids, size_t *nseen)
{
	size_t t, i;

	g_seed = 20260205;
	for (t = 0; t < NSWEEP; t++) {
		struct kv kv[MAXKV];
		char name[512];
		size_t n = random_spec(kv, name, sizeof name);
		ds_spec *s = make_spec(kv, n, name);
		/* the same 3000 workloads in each sweep: counterfactuals checked once */
		ds_result *r = with_probe ? evaluate_plain(s) : evaluate(s);
		cJSON *j = to_json(r, name);

		if (with_probe) {
			probe(name, s, r, j);
		} else {
			const cJSON *e;
			check_oracle(name, s, r, j);
			cJSON_ArrayForEach(e, jget(j, "conflicts")) {
				if (streq0(jstr(e, "type"), "override"))
					g_overrides++;
				else if (cJSON_GetArraySize(jget(e, "rules")) == 2)
					g_pairs++;
				else
					g_groups++;
			}
			for (i = 0; seen_rules && i < ds_result_reason_count(r); i++) {
				const char *id = ds_result_reason_rule(r, i);
				size_t k;
				for (k = 0; k < *nseen && strcmp(seen_ids[k], id); k++)
					;
				if (k == *nseen && k < MAXR) {
					seen_ids[(*nseen)++] = id;
					*seen_rules |= (uint64_t)1 << k;
				}
			}
		}
		cJSON_Delete(j);
		ds_result_free(r);
		ds_spec_free(s);
	}
}

static void test_sweep_oracle(void **state)
{
	const char *seen[MAXR];
	uint64_t bits = 0;
	size_t nseen = 0;

	(void)state;
	g_errs = 0;
	g_quiet = 10;
	sweep(0, &bits, seen, &nseen);
	if (g_errs > g_quiet)
		print_error("... %d errors in all\n", g_errs);
	assert_int_equal(g_errs, 0);
	/* every rule of the table fired somewhere, and every kind of conflict happened */
	assert_int_equal(nseen, ds_ruleset_rule_count(g_rs));
	assert_true(g_overrides > 0 && g_pairs > 0 && g_groups > 0);
}

static void test_sweep_missing(void **state)
{
	(void)state;
	g_errs = 0;
	g_quiet = 10;
	sweep(1, NULL, NULL, NULL);
	if (g_errs > g_quiet)
		print_error("... %d reports in all\n", g_errs);
	assert_int_equal(g_errs, 0);
}

/*
 * Every rule says why in English and Chinese, with evidence in both; the
 * example's own rules (ref ex.N) mark their figures as illustrative.
 */
static void test_rule_texts(void **state)
{
	const char *seen[MAXR];
	size_t nseen = 0, t;

	(void)state;
	g_errs = 0;
	g_quiet = 0;
	g_seed = 20260205;
	for (t = 0; t < NSWEEP; t++) {
		struct kv kv[MAXKV];
		char name[512];
		size_t n = random_spec(kv, name, sizeof name);
		ds_spec *s = make_spec(kv, n, name);
		ds_result *r = evaluate_plain(s); /* checked in test_sweep_oracle */;
		cJSON *j = to_json(r, name);
		const cJSON *re;
		int ri = 0;

		cJSON_ArrayForEach(re, jget(j, "reasons")) {
			/* the id borrowed from the rule set outlives the result */
			const char *id = ds_result_reason_rule(r, (size_t)ri++), *ref = jstr(re, "source");
			const char *msg = jstr(re, "message"), *msg_zh = jstr(re, "message_zh");
			const char *ev = jstr(re, "evidence"), *ev_zh = jstr(re, "evidence_zh");
			size_t k;
			for (k = 0; id && k < nseen && strcmp(seen[k], id); k++)
				;
			if (id == NULL || k < nseen)
				continue;
			if (nseen < MAXR)
				seen[nseen++] = id;
			if (!msg || !*msg || !msg_zh || !*msg_zh || !strcmp(msg, msg_zh))
				err(id, "the reason is not given in both English and Chinese");
			if (!ev || !*ev || !ev_zh || !*ev_zh || !strcmp(ev, ev_zh))
				err(id, "the evidence is not given in both English and Chinese");
			if (ref && !strncmp(ref, "ex.", 3) &&
			    (!ev || !strstr(ev, "illustrative") || !ev_zh || !strstr(ev_zh, "示意")))
				err(id, "an example rule's evidence is not marked illustrative");
		}
		cJSON_Delete(j);
		ds_result_free(r);
		ds_spec_free(s);
	}
	assert_int_equal(nseen, ds_ruleset_rule_count(g_rs));
	assert_int_equal(g_errs, 0);
}

/* ------------------------------------------------------------------------ */

int main(void)
{
	const struct CMUnitTest table_tests[] = {
		cmocka_unit_test(test_table_models_classes_facts),
		cmocka_unit_test(test_table_derivations),
		cmocka_unit_test(test_rule_texts),
	};
	const struct CMUnitTest sweep_tests[] = {
		cmocka_unit_test(test_sweep_oracle),
		cmocka_unit_test(test_sweep_missing),
	};
	struct CMUnitTest tests[NCASES], probes[NCASES];
	ds_diag d;
	char where[1024];
	size_t i;
	int fails = 0;

	memset(&d, 0, sizeof d);
	if (ds_ruleset_load_file(TABLE_PATH, &g_rs, &d) != DS_OK) {
		fprintf(stderr, "%s\n", ds_diag_format(&d, where, sizeof where));
		return 1;
	}
	for (i = 0; i < NCASES; i++) {
		memset(&tests[i], 0, sizeof tests[i]);
		memset(&probes[i], 0, sizeof probes[i]);
		tests[i].name = probes[i].name = cases[i].name;
		tests[i].test_func = run_case;
		probes[i].test_func = run_probe;
		tests[i].initial_state = probes[i].initial_state = (void *)&cases[i];
	}
	fails += cmocka_run_group_tests_name("three models: table", table_tests, NULL, NULL);
	fails += _cmocka_run_group_tests("three models: cases", tests, NCASES, NULL, NULL);
	fails += _cmocka_run_group_tests("three models: probe (unknown facts that could decide are missing)", probes,
	                                 NCASES, NULL, NULL);
	fails += cmocka_run_group_tests_name("three models: sweep", sweep_tests, NULL, NULL);
	ds_ruleset_free(g_rs);
	return fails != 0;
}
