/*
 * test_eval.c: the decision engine against the interface contract (sections
 * 1-3: facts, the article's rules, the decision), through the public API only.
 *
 * Most of the file is data: tables of cases (facts given as key/value text,
 * exactly as a flag would give them) with what must and must not happen.
 * Every case becomes its own cmocka test named after the case, and every case,
 * whatever it is about, is also checked against the invariants of the
 * contract (see invariants()): the outcome, recommendation and fallback agree;
 * status is `conflict` exactly when a rule was overridden or contradicted; the
 * chosen model is allowed by every applied hard rule and has the best score
 * among the candidates (ties: the table's default); given facts and booleans
 * are never `missing`; the NDJSON rendering says what the accessors say.
 *
 * The groups:
 *   rows        every row of section 2 fires / does not fire at and beside
 *               each threshold, derived gpus and the gpu_model catalog
 *   table       the shipped table holds the contract's 16 rows (ref, class,
 *               effect, model, quoted evidence)
 *   grid        the compute-resource rows (1.1, both 1.2 rows, 3.3) and the
 *               gpus/gpu_mem derivations against an independent oracle over
 *               a grid of gpu_mem x gpus x nccl x gpu_model
 *   decide      precedence and overrides, same-class contradictions,
 *               hard rules over soft ones, soft scores, ties and the default
 *   missing     unknown facts and the `missing` list
 *   custom      small tables written here (ties and the default without the
 *               shipped table, a default of V2, moved thresholds, class order
 *               and file order, three-way contradictions)
 *   probe       for every case above: supplying any single unknown fact that
 *               changes the decision must have been announced in `missing`
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

#define MAXKV 16
#define MAXN 16

struct kv {
	const char *key, *val;
};

/* Expected state of a fired rule (ds_rule_state + 1; 0: not checked). */
enum { X_NONE, X_APPLIED, X_OVERRIDDEN, X_CONTRADICTED, X_MOOT };
/* Expected outcome (0: not checked). */
enum { ST_ANY, ST_REC, ST_DEF, ST_CONFLICT };

struct rstate {
	const char *rule; /* ref or id */
	int state;
	const char *by;   /* overridden: the ref in overridden_by; contradicted: a ref in contradicts */
};

struct ecase {
	const char *name;
	struct kv facts[MAXKV];     /* given facts; booleans as "true"/"false" */
	const char *fires[MAXN];    /* refs or rule ids that must fire */
	const char *quiet[MAXN];    /* ... that must not */
	int status;                 /* ST_* */
	const char *model;          /* the recommendation, or the fallback on conflict */
	struct rstate states[6];
	int scores;                 /* check s1, s2: the scores of the first two models */
	double s1, s2;
	const char *missing[MAXN];  /* must be listed in missing */
	const char *known[MAXN];    /* must not be */
	int no_missing;             /* missing must be empty */
	struct kv derived[4];       /* facts as evaluated (the result's "facts") */
	const char *unset[4];       /* facts the result must not have a value for */
	int warnings;               /* at least this many warnings */
};

#define N(s) .name = (s)
#define F(...) .facts = {__VA_ARGS__}
#define YES(...) .fires = {__VA_ARGS__}
#define NO(...) .quiet = {__VA_ARGS__}
#define REC(m) .status = ST_REC, .model = (m)
#define DEF(m) .status = ST_DEF, .model = (m)
#define CONFLICT(m) .status = ST_CONFLICT, .model = (m)
#define STATES(...) .states = {__VA_ARGS__}
#define SCORES(a, b) .scores = 1, .s1 = (a), .s2 = (b)
#define MISSING(...) .missing = {__VA_ARGS__}
#define KNOWN(...) .known = {__VA_ARGS__}
#define NOMISSING .no_missing = 1
#define DERIVED(...) .derived = {__VA_ARGS__}
#define UNSET(...) .unset = {__VA_ARGS__}

/* The rule ids of the shipped table, for "nothing fires". */
#define R11 "single-small-gpu"
#define R12P "multi-gpu-nccl"
#define R12A "no-cluster-for-moe"
#define ALL_RULES R11, R12P, R12A, "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", \
                  "4.1", "4.2", "4.3", "5.1", "5.2", "5.3"

/* ------------------------------------------------------------------------ */
/* Rows of section 2: each fires at its threshold and not beside it.         */

static struct ecase rows[] = {
	/* nothing at all */
	{N("nothing given: no rule fires"), NO(ALL_RULES), DEF("V1"), SCORES(0, 0)},

	/* 1.1 feasibility: gpus <= 1 and gpu_mem <= 12, CPU only included */
	{N("1.1 gpu_mem 12 fires (gpus derived 1)"), F({"gpu_mem", "12"}), YES("1.1", R11),
	 NO(R12P, R12A), REC("V1"), DERIVED({"gpus", "1"})},
	{N("1.1 gpu_mem 11 fires"), F({"gpu_mem", "11"}), YES(R11), NO(R12A)},
	{N("1.1 gpu_mem 12.5 does not fire"), F({"gpu_mem", "12.5"}), YES(R12A), NO(R11, R12P)},
	{N("1.1 gpu_mem 13 does not fire"), F({"gpu_mem", "13"}), YES(R12A), NO(R11, R12P)},
	{N("1.1 gpu_mem 0 (CPU) fires, gpus derived 0"), F({"gpu_mem", "0"}), YES(R11), NO(R12P, R12A),
	 REC("V1"), DERIVED({"gpus", "0"})},
	{N("1.1 gpu_mem 0 gpus 0 fires"), F({"gpu_mem", "0"}, {"gpus", "0"}), YES(R11), NO(R12A)},
	{N("1.1 gpu_mem 12 gpus 1 fires"), F({"gpu_mem", "12"}, {"gpus", "1"}), YES(R11), NO(R12A)},
	{N("1.1 gpu_mem 12 gpus 2 does not fire"), F({"gpu_mem", "12"}, {"gpus", "2"}), YES(R12A),
	 NO(R11, R12P)},
	{N("1.1 gpu_mem 13 gpus 1 does not fire"), F({"gpu_mem", "13"}, {"gpus", "1"}), YES(R12A), NO(R11)},
	{N("1.1 gpus 1 without gpu_mem does not fire"), F({"gpus", "1"}), NO(R11, R12P, R12A),
	 MISSING("gpu_mem"), UNSET("gpu_mem")},
	/* issue 14: no GPU means no GPU memory, so gpus 0 alone is CPU only and 1.1 fires */
	{N("1.1 gpus 0 alone is CPU only: gpu_mem 0 derived, fires"), F({"gpus", "0"}), YES(R11), NO(R12A),
	 REC("V1"), DERIVED({"gpu_mem", "0"})},

	{N("1.1 gpu_model rtx3060 fills gpu_mem 12: fires"), F({"gpu_model", "rtx3060"}), YES(R11),
	 NO(R12A, "3.3"), REC("V1"), DERIVED({"gpu_mem", "12"}, {"gpus", "1"}), .warnings = 1},
	{N("1.1 gpu_model rtx4070 fills gpu_mem 12: fires"), F({"gpu_model", "rtx4070"}), YES(R11), NO(R12A),
	 DERIVED({"gpu_mem", "12"}), .warnings = 1},
	{N("1.1 gpu_model t4 fills gpu_mem 16: does not fire"), F({"gpu_model", "t4"}), YES(R12A), NO(R11),
	 DERIVED({"gpu_mem", "16"}, {"gpus", "1"}), .warnings = 1},
	{N("1.1 gpu_model a10g fills gpu_mem 24"), F({"gpu_model", "a10g"}), YES(R12A), NO(R11, R12P),
	 DERIVED({"gpu_mem", "24"}, {"gpus", "1"}), .warnings = 1},
	{N("1.1 a given gpu_mem wins over the catalog"), F({"gpu_model", "a10g"}, {"gpu_mem", "8"}), YES(R11),
	 NO(R12A), DERIVED({"gpu_mem", "8"}, {"gpus", "1"})},
	{N("1.1 an unknown gpu_model fills no gpu_mem, gpus 1"), F({"gpu_model", "l4"}), NO(R11, R12P, R12A),
	 MISSING("gpu_mem"), DERIVED({"gpus", "1"}), UNSET("gpu_mem")},
	{N("1.1 a given gpus wins over the derivation"), F({"gpu_mem", "24"}, {"gpus", "3"}),
	 DERIVED({"gpus", "3"}), YES(R12A)},

	/*
	 * 1.2 soft prefer V2: gpus >= 2, gpus x gpu_mem >= 80, nccl. Weight 1 since issue 14 (was 2): the
	 * article says only that V2 *can* route in full there, no verdict; the scores below changed with it.
	 */
	{N("1.2 2 x 40 GB with nccl fires (80)"), F({"gpus", "2"}, {"gpu_mem", "40"}, {"nccl", "true"}),
	 YES("1.2", R12P), NO(R11, R12A), REC("V2"), SCORES(0, 1)},
	{N("1.2 2 x 39.5 GB with nccl does not fire (79)"),
	 F({"gpus", "2"}, {"gpu_mem", "39.5"}, {"nccl", "true"}), YES(R12A), NO(R12P, R11), REC("V1"),
	 SCORES(0, -2)},
	{N("1.2 4 x 20 GB with nccl fires (80)"), F({"gpus", "4"}, {"gpu_mem", "20"}, {"nccl", "true"}),
	 YES(R12P), NO(R12A)},
	{N("1.2 4 x 19.75 GB with nccl does not fire (79)"),
	 F({"gpus", "4"}, {"gpu_mem", "19.75"}, {"nccl", "true"}), YES(R12A), NO(R12P)},
	{N("1.2 8 x 10 GB with nccl fires (80; 1.1 needs one GPU)"),
	 F({"gpus", "8"}, {"gpu_mem", "10"}, {"nccl", "true"}), YES(R12P), NO(R11, R12A)},
	{N("1.2 4 x 24 GB, nccl absent: no cluster"), F({"gpus", "4"}, {"gpu_mem", "24"}), YES(R12A), NO(R12P),
	 REC("V1")},
	{N("1.2 4 x 24 GB, --no-nccl: no cluster"), F({"gpus", "4"}, {"gpu_mem", "24"}, {"nccl", "false"}),
	 YES(R12A), NO(R12P)},
	{N("1.2 1 x 80 GB with nccl: one GPU is no cluster"),
	 F({"gpus", "1"}, {"gpu_mem", "80"}, {"nccl", "true"}), YES(R12A), NO(R12P, R11)},
	{N("1.2 80 GB with nccl, gpus derived 1: no cluster"), F({"gpu_mem", "80"}, {"nccl", "true"}),
	 YES(R12A), NO(R12P), DERIVED({"gpus", "1"})},
	{N("1.2 gpu_model a10g x 4 with nccl fires (96)"),
	 F({"gpu_model", "a10g"}, {"gpus", "4"}, {"nccl", "true"}), YES(R12P), NO(R12A), REC("V2"),
	 DERIVED({"gpu_mem", "24"})},
	{N("1.2 gpu_model a100 x 2 with nccl fires (80)"),
	 F({"gpu_model", "a100"}, {"gpus", "2"}, {"nccl", "true"}), YES(R12P), NO(R12A)},
	{N("1.2 gpu_model t4 x 4 with nccl does not fire (64)"),
	 F({"gpu_model", "t4"}, {"gpus", "4"}, {"nccl", "true"}), YES(R12A), NO(R12P)},
	{N("1.2 4 GPUs with nccl, gpu_mem unknown: neither 1.2 row"), F({"gpus", "4"}, {"nccl", "true"}),
	 NO(R12P, R12A, R11), MISSING("gpu_mem"), DEF("V1")},
	{N("1.2 4096 x 4096 GB with nccl fires"), F({"gpus", "4096"}, {"gpu_mem", "4096"}, {"nccl", "true"}),
	 YES(R12P), NO(R12A)},
	/* 1.2 soft avoid V2: gpu_mem known, not 1.1, not the cluster */
	{N("1.2 avoid: gpu_mem 24 alone fires"), F({"gpu_mem", "24"}), YES("1.2", R12A), NO(R11, R12P),
	 REC("V1"), SCORES(0, -2)},
	{N("1.2 avoid: gpu_mem 12 gpus 2 fires (neither 1.1 nor a cluster)"),
	 F({"gpu_mem", "12"}, {"gpus", "2"}, {"nccl", "true"}), YES(R12A), NO(R11, R12P)},

	/* 1.3 soft avoid V2: kubernetes without topology-aware scheduling */
	{N("1.3 kubernetes fires"), F({"platform", "kubernetes"}), YES("1.3"), REC("V1"), SCORES(0, -2)},
	{N("1.3 kubernetes --no-topology-aware fires"),
	 F({"platform", "kubernetes"}, {"topology_aware", "false"}), YES("1.3")},
	{N("1.3 kubernetes --topology-aware does not fire"),
	 F({"platform", "kubernetes"}, {"topology_aware", "true"}), NO("1.3"), DEF("V1")},
	{N("1.3 bare-metal does not fire"), F({"platform", "bare-metal"}), NO("1.3", "3.3")},
	{N("1.3 topology_aware alone does not fire"), F({"topology_aware", "true"}), NO("1.3")},

	/* 2.x tasks */
	/* 2.1 weighs 2 since issue 14 (was 1): the article's verdict, V1 "应优先选用" */
	{N("2.1 intent-classification fires"), F({"task", "intent-classification"}), YES("2.1"),
	 NO("2.2", "2.3"), REC("V1"), SCORES(2, 0)},
	{N("2.2 contract-extraction fires"), F({"task", "contract-extraction"}), YES("2.2"), NO("2.1", "2.3"),
	 REC("V2")},
	{N("2.3 openapi-generation fires"), F({"task", "openapi-generation"}), YES("2.3"), NO("2.1", "2.2"),
	 REC("V2")},
	{N("2.x general fires none of 2.1-2.3"), F({"task", "general"}), NO("2.1", "2.2", "2.3"), DEF("V1")},

	/* 3.1 sla forbid V2: avg_tokens <= 128 and p99_ms <= 80 */
	{N("3.1 128 tokens, 80 ms fires"), F({"avg_tokens", "128"}, {"p99_ms", "80"}), YES("3.1"), REC("V1")},
	{N("3.1 1 token, 1 ms fires"), F({"avg_tokens", "1"}, {"p99_ms", "1"}), YES("3.1")},
	{N("3.1 128 tokens, 79.9 ms fires"), F({"avg_tokens", "128"}, {"p99_ms", "79.9"}), YES("3.1")},
	{N("3.1 129 tokens, 80 ms does not fire"), F({"avg_tokens", "129"}, {"p99_ms", "80"}), NO("3.1"),
	 DEF("V1")},
	{N("3.1 128 tokens, 80.5 ms does not fire"), F({"avg_tokens", "128"}, {"p99_ms", "80.5"}), NO("3.1")},
	{N("3.1 128 tokens, 81 ms does not fire"), F({"avg_tokens", "128"}, {"p99_ms", "81"}), NO("3.1")},
	{N("3.1 avg_tokens alone does not fire"), F({"avg_tokens", "100"}), NO("3.1"), MISSING("p99_ms")},
	{N("3.1 p99_ms alone does not fire"), F({"p99_ms", "50"}), NO("3.1"), MISSING("avg_tokens")},

	/* 3.2 sla require V2: concurrency >= 200 and 512 <= input_tokens <= 1024 */
	{N("3.2 200 x 512 fires"), F({"concurrency", "200"}, {"input_tokens", "512"}), YES("3.2"), REC("V2")},
	{N("3.2 199 x 512 does not fire"), F({"concurrency", "199"}, {"input_tokens", "512"}), NO("3.2"),
	 DEF("V1")},
	{N("3.2 200 x 511 does not fire"), F({"concurrency", "200"}, {"input_tokens", "511"}), NO("3.2")},
	{N("3.2 200 x 1024 fires"), F({"concurrency", "200"}, {"input_tokens", "1024"}), YES("3.2")},
	{N("3.2 200 x 1025 does not fire"), F({"concurrency", "200"}, {"input_tokens", "1025"}), NO("3.2")},
	{N("3.2 10000 x 768 fires"), F({"concurrency", "10000"}, {"input_tokens", "768"}), YES("3.2")},
	{N("3.2 concurrency alone does not fire"), F({"concurrency", "300"}), NO("3.2"),
	 MISSING("input_tokens")},
	{N("3.2 input_tokens alone does not fire"), F({"input_tokens", "600"}), NO("3.2"),
	 MISSING("concurrency")},

	/* 3.3 feasibility forbid V2: platform edge or gpu_model jetson-orin-agx */
	{N("3.3 platform edge fires"), F({"platform", "edge"}), YES("3.3"), NO("1.3"), REC("V1")},
	{N("3.3 jetson-orin-agx fires (gpu_mem filled 32)"), F({"gpu_model", "jetson-orin-agx"}),
	 YES("3.3", R12A), NO(R11), REC("V1"), DERIVED({"gpu_mem", "32"}, {"gpus", "1"}),
	 STATES({R12A, X_MOOT, NULL})},
	{N("3.3 jetson-orin-agx on kubernetes fires"),
	 F({"gpu_model", "jetson-orin-agx"}, {"platform", "kubernetes"}), YES("3.3", "1.3")},
	{N("3.3 gpu_model a100 does not fire"), F({"gpu_model", "a100"}), NO("3.3")},
	{N("3.3 platform kubernetes does not fire"), F({"platform", "kubernetes"}, {"gpu_model", "t4"}),
	 NO("3.3")},

	/* 4.1 soft prefer V1: corpus_size < 500000 and labeling_cost high */
	{N("4.1 499999 samples, costly labels fires"), F({"corpus_size", "499999"}, {"labeling_cost", "high"}),
	 YES("4.1"), REC("V1"), SCORES(2, 0)},
	{N("4.1 500000 samples does not fire"), F({"corpus_size", "500000"}, {"labeling_cost", "high"}),
	 NO("4.1"), DEF("V1")},
	{N("4.1 0 samples fires"), F({"corpus_size", "0"}, {"labeling_cost", "high"}), YES("4.1")},
	{N("4.1 cheap labels does not fire"), F({"corpus_size", "1000"}, {"labeling_cost", "low"}), NO("4.1")},
	{N("4.1 corpus_size alone does not fire"), F({"corpus_size", "1000"}), NO("4.1"),
	 MISSING("labeling_cost")},
	{N("4.1 labeling_cost alone does not fire"), F({"labeling_cost", "high"}), NO("4.1"),
	 MISSING("corpus_size")},

	/* 4.2 capability require V2: data has code, math or tables */
	{N("4.2 data code fires"), F({"data", "code"}), YES("4.2"), REC("V2")},
	{N("4.2 data math fires"), F({"data", "math"}), YES("4.2")},
	{N("4.2 data tables fires"), F({"data", "tables"}), YES("4.2")},
	{N("4.2 data text,math fires"), F({"data", "text,math"}), YES("4.2")},
	{N("4.2 data code,math,tables,text fires"), F({"data", "code,math,tables,text"}), YES("4.2")},
	{N("4.2 data text does not fire"), F({"data", "text"}), NO("4.2"), DEF("V1")},

	/* 4.3 capability forbid V1: streaming */
	{N("4.3 streaming fires"), F({"streaming", "true"}), YES("4.3"), REC("V2")},
	{N("4.3 --no-streaming does not fire"), F({"streaming", "false"}), NO("4.3"), DEF("V1")},

	/* 5.1 compliance require V1: filing */
	{N("5.1 filing fires"), F({"filing", "true"}), YES("5.1"), REC("V1")},
	{N("5.1 --no-filing does not fire"), F({"filing", "false"}), NO("5.1")},

	/* 5.2 compliance forbid V2: credit_approval and not expert_logging */
	{N("5.2 credit approval fires"), F({"credit_approval", "true"}), YES("5.2"), REC("V1")},
	{N("5.2 credit approval --no-expert-logging fires"),
	 F({"credit_approval", "true"}, {"expert_logging", "false"}), YES("5.2")},
	{N("5.2 credit approval with expert logging does not fire"),
	 F({"credit_approval", "true"}, {"expert_logging", "true"}), NO("5.2"), DEF("V1")},
	{N("5.2 expert logging alone does not fire"), F({"expert_logging", "true"}), NO("5.2")},

	/* 5.3 compliance forbid V2: mlps_level >= 3 and not v2_hardened */
	{N("5.3 level 3 fires"), F({"mlps_level", "3"}), YES("5.3"), REC("V1")},
	{N("5.3 level 5 fires"), F({"mlps_level", "5"}), YES("5.3")},
	{N("5.3 level 2 does not fire"), F({"mlps_level", "2"}), NO("5.3"), DEF("V1")},
	{N("5.3 level 1 does not fire"), F({"mlps_level", "1"}), NO("5.3")},
	{N("5.3 level 3 --v2-hardened does not fire"), F({"mlps_level", "3"}, {"v2_hardened", "true"}),
	 NO("5.3"), DEF("V1")},
	{N("5.3 level 3 --no-v2-hardened fires"), F({"mlps_level", "3"}, {"v2_hardened", "false"}), YES("5.3")},
	{N("5.3 v2_hardened alone does not fire"), F({"v2_hardened", "true"}), NO("5.3")},

	/* a fact no rule reads changes nothing */
	{N("quant alone changes nothing"), F({"quant", "int4"}), NO(ALL_RULES), DEF("V1")},
};

/* ------------------------------------------------------------------------ */
/* Section 3: precedence, overrides, contradictions, scores, the default.   */

static struct ecase decide_cases[] = {
	/* the five pairs the issue names: the lower rule is overridden by the higher */
	{N("override 1.1 (feasibility) beats 2.2 (quality)"),
	 F({"gpu_mem", "12"}, {"task", "contract-extraction"}), YES("1.1", "2.2"), CONFLICT("V1"),
	 STATES({"1.1", X_APPLIED, NULL}, {"2.2", X_OVERRIDDEN, "1.1"}), NOMISSING},
	{N("override 5.1 (compliance) beats 4.3 (capability)"), F({"filing", "true"}, {"streaming", "true"}),
	 YES("5.1", "4.3"), CONFLICT("V1"), STATES({"5.1", X_APPLIED, NULL}, {"4.3", X_OVERRIDDEN, "5.1"})},
	{N("override 5.3 (compliance) beats 3.2 (sla)"),
	 F({"mlps_level", "3"}, {"concurrency", "200"}, {"input_tokens", "512"}), YES("5.3", "3.2"),
	 CONFLICT("V1"), STATES({"5.3", X_APPLIED, NULL}, {"3.2", X_OVERRIDDEN, "5.3"})},
	{N("override 3.1 (sla) beats 4.2 (capability)"),
	 F({"avg_tokens", "128"}, {"p99_ms", "80"}, {"data", "code"}), YES("3.1", "4.2"), CONFLICT("V1"),
	 STATES({"3.1", X_APPLIED, NULL}, {"4.2", X_OVERRIDDEN, "3.1"})},
	{N("override 3.3 (feasibility) beats 4.3 (capability)"),
	 F({"platform", "edge"}, {"streaming", "true"}), YES("3.3", "4.3"), CONFLICT("V1"),
	 STATES({"3.3", X_APPLIED, NULL}, {"4.3", X_OVERRIDDEN, "3.3"})},

	/* more overrides */
	{N("override 3.3 (jetson) beats 2.3"), F({"gpu_model", "jetson-orin-agx"}, {"task", "openapi-generation"}),
	 CONFLICT("V1"), STATES({"3.3", X_APPLIED, NULL}, {"2.3", X_OVERRIDDEN, "3.3"})},
	{N("override 5.2 beats 2.2"), F({"credit_approval", "true"}, {"task", "contract-extraction"}),
	 CONFLICT("V1"), STATES({"5.2", X_APPLIED, NULL}, {"2.2", X_OVERRIDDEN, "5.2"})},
	{N("override 1.1 beats 3.2"), F({"gpu_mem", "12"}, {"concurrency", "200"}, {"input_tokens", "512"}),
	 CONFLICT("V1"), STATES({"3.2", X_OVERRIDDEN, "1.1"})},
	{N("override 5.1 beats 2.2 and 4.2 together"),
	 F({"filing", "true"}, {"task", "contract-extraction"}, {"data", "math"}), CONFLICT("V1"),
	 STATES({"5.1", X_APPLIED, NULL}, {"2.2", X_OVERRIDDEN, "5.1"}, {"4.2", X_OVERRIDDEN, "5.1"})},
	{N("override by the rule that removed the model (1.1, not 5.1)"),
	 F({"gpu_mem", "12"}, {"filing", "true"}, {"streaming", "true"}), CONFLICT("V1"),
	 STATES({"1.1", X_APPLIED, NULL}, {"5.1", X_APPLIED, NULL}, {"4.3", X_OVERRIDDEN, "1.1"})},
	{N("override: 4.3 streaming beats 2.x quality? no: 4.3 removes V1, 2.2 agrees"),
	 F({"streaming", "true"}, {"task", "contract-extraction"}), REC("V2"),
	 STATES({"4.3", X_APPLIED, NULL}, {"2.2", X_APPLIED, NULL})},
	{N("override 4.3 (capability) beats 5.1? no: 5.1 is higher"),
	 F({"filing", "true"}, {"streaming", "true"}, {"data", "code"}), CONFLICT("V1"),
	 STATES({"4.3", X_OVERRIDDEN, "5.1"}, {"4.2", X_OVERRIDDEN, "5.1"})},

	/* rules of one class that agree narrow together */
	{N("same class agreeing: 4.2 and 4.3 give V2"), F({"data", "code"}, {"streaming", "true"}), REC("V2"),
	 STATES({"4.2", X_APPLIED, NULL}, {"4.3", X_APPLIED, NULL})},
	{N("same class agreeing: 5.1, 5.2, 5.3 give V1"),
	 F({"filing", "true"}, {"credit_approval", "true"}, {"mlps_level", "4"}), REC("V1"),
	 STATES({"5.1", X_APPLIED, NULL}, {"5.2", X_APPLIED, NULL}, {"5.3", X_APPLIED, NULL})},
	{N("same class agreeing: 1.1 and 3.3 give V1"), F({"gpu_mem", "8"}, {"platform", "edge"}), REC("V1"),
	 STATES({"1.1", X_APPLIED, NULL}, {"3.3", X_APPLIED, NULL})},
	{N("different classes agreeing: 3.2 and 2.2 give V2"),
	 F({"concurrency", "500"}, {"input_tokens", "900"}, {"task", "contract-extraction"}), REC("V2")},

	/* 3.1 with 3.2: one class (sla), no winner */
	{N("contradiction 3.1 with 3.2: fallback the default"),
	 F({"avg_tokens", "128"}, {"p99_ms", "80"}, {"concurrency", "200"}, {"input_tokens", "512"}),
	 YES("3.1", "3.2"), CONFLICT("V1"), SCORES(0, 0),
	 STATES({"3.1", X_CONTRADICTED, "3.2"}, {"3.2", X_CONTRADICTED, "3.1"})},
	{N("contradiction 3.1 with 3.2: fallback the best score (cluster, V2)"),
	 F({"avg_tokens", "100"}, {"p99_ms", "50"}, {"concurrency", "1000"}, {"input_tokens", "1024"},
	   {"gpus", "4"}, {"gpu_mem", "24"}, {"nccl", "true"}),
	 CONFLICT("V2"), SCORES(0, 1), STATES({"3.1", X_CONTRADICTED, "3.2"}, {"3.2", X_CONTRADICTED, "3.1"})},
	{N("contradiction 3.1 with 3.2: fallback the best score (intent, V1)"),
	 F({"avg_tokens", "100"}, {"p99_ms", "50"}, {"concurrency", "1000"}, {"input_tokens", "1024"},
	   {"task", "intent-classification"}),
	 CONFLICT("V1"), SCORES(2, 0), STATES({"3.1", X_CONTRADICTED, "3.2"}, {"3.2", X_CONTRADICTED, "3.1"})},
	{N("contradiction 3.1 with 3.2: a lower class still narrows (4.3 -> V2)"),
	 F({"avg_tokens", "128"}, {"p99_ms", "80"}, {"concurrency", "200"}, {"input_tokens", "512"},
	   {"streaming", "true"}),
	 CONFLICT("V2"), STATES({"3.1", X_CONTRADICTED, "3.2"}, {"3.2", X_CONTRADICTED, "3.1"},
	                        {"4.3", X_APPLIED, NULL})},
	{N("no contradiction when a higher class already removed V2: 3.2 overridden by 1.1"),
	 F({"gpu_mem", "12"}, {"avg_tokens", "128"}, {"p99_ms", "80"}, {"concurrency", "200"},
	   {"input_tokens", "512"}),
	 CONFLICT("V1"), STATES({"3.1", X_APPLIED, NULL}, {"3.2", X_OVERRIDDEN, "1.1"})},
	{N("no contradiction when 5.1 already chose V1: 3.2 overridden by 5.1"),
	 F({"filing", "true"}, {"avg_tokens", "128"}, {"p99_ms", "80"}, {"concurrency", "200"},
	   {"input_tokens", "512"}),
	 CONFLICT("V1"), STATES({"3.1", X_APPLIED, NULL}, {"3.2", X_OVERRIDDEN, "5.1"})},

	/* hard rules over soft ones */
	{N("a single candidate is recommended whatever its score (2.2 + 1.3)"),
	 F({"task", "contract-extraction"}, {"platform", "kubernetes"}), REC("V2"), SCORES(0, -2),
	 STATES({"1.3", X_APPLIED, NULL})},
	{N("a single candidate: 3.2 + no-cluster + 1.3"),
	 F({"concurrency", "200"}, {"input_tokens", "512"}, {"gpu_mem", "24"}, {"platform", "kubernetes"}),
	 REC("V2")},
	{N("a soft rule about a removed model is moot (4.3 + 2.1)"),
	 F({"streaming", "true"}, {"task", "intent-classification"}), REC("V2"),
	 STATES({"4.3", X_APPLIED, NULL}, {"2.1", X_MOOT, NULL})},
	{N("a soft rule about a removed model is moot (5.1 + cluster)"),
	 F({"filing", "true"}, {"gpus", "2"}, {"gpu_mem", "80"}, {"nccl", "true"}), REC("V1"),
	 STATES({R12P, X_MOOT, NULL})},

	/*
	 * soft scores, with the weights of issue 14 (the article's wording: a verdict or a quantified penalty
	 * weighs 2, the 1.2 cluster, which only makes V2 possible, 1). Before, the cluster weighed 2 and 2.1
	 * weighed 1: a cluster beat intent classification (V2) and tied 1.3 and 4.1 (default V1).
	 */
	{N("scores: cluster +1 for V2"), F({"gpus", "4"}, {"gpu_mem", "24"}, {"nccl", "true"}), REC("V2"),
	 SCORES(0, 1)},
	{N("scores: cluster +1 vs 1.3 -2: V1"),
	 F({"gpus", "4"}, {"gpu_mem", "24"}, {"nccl", "true"}, {"platform", "kubernetes"}), REC("V1"),
	 SCORES(0, -1)},
	{N("scores: cluster V2 +1 vs 4.1 V1 +2: V1"),
	 F({"gpus", "4"}, {"gpu_mem", "24"}, {"nccl", "true"}, {"corpus_size", "1000"},
	   {"labeling_cost", "high"}),
	 REC("V1"), SCORES(2, 1)},
	{N("scores: cluster V2 +1 vs 2.1 V1 +2: V1"),
	 F({"gpus", "4"}, {"gpu_mem", "24"}, {"nccl", "true"}, {"task", "intent-classification"}), REC("V1"),
	 SCORES(2, 1)},
	{N("scores: cluster V2 +1 vs 2.1 + 4.1 V1 +4: V1"),
	 F({"gpus", "4"}, {"gpu_mem", "24"}, {"nccl", "true"}, {"task", "intent-classification"},
	   {"corpus_size", "1000"}, {"labeling_cost", "high"}),
	 REC("V1"), SCORES(4, 1)},
	{N("scores: cluster +1, 1.3 -2, 2.1 +2: V1"),
	 F({"gpus", "4"}, {"gpu_mem", "24"}, {"nccl", "true"}, {"platform", "kubernetes"},
	   {"task", "intent-classification"}),
	 REC("V1"), SCORES(2, -1)},
	{N("scores: no-cluster -2 and 1.3 -2 add up"), F({"gpu_mem", "24"}, {"platform", "kubernetes"}),
	 REC("V1"), SCORES(0, -4)},
	{N("scores: every soft rule for V1 at once"),
	 F({"gpu_mem", "16"}, {"platform", "kubernetes"}, {"task", "intent-classification"},
	   {"corpus_size", "10"}, {"labeling_cost", "high"}),
	 REC("V1"), SCORES(4, -4)},

	/* the default */
	{N("default: nothing given"), DEF("V1"), SCORES(0, 0), NO(ALL_RULES)},
	{N("default: nothing fires with many facts given"),
	 F({"gpus", "4"}, {"gpu_mem", "40"}, {"nccl", "false"}, {"platform", "bare-metal"}, {"task", "general"},
	   {"avg_tokens", "500"}, {"p99_ms", "300"}, {"concurrency", "10"}, {"input_tokens", "100"},
	   {"quant", "fp16"}, {"corpus_size", "10000000"}, {"labeling_cost", "low"}, {"data", "text"},
	   {"mlps_level", "2"}, {"gpu_model", "a100"}),
	 YES(R12A), REC("V1"), SCORES(0, -2)},
	{N("default: task general, bare metal"), F({"task", "general"}, {"platform", "bare-metal"}), DEF("V1")},
	{N("recommended: a full spec for a cluster"),
	 F({"gpus", "4"}, {"gpu_model", "a10g"}, {"nccl", "true"}, {"platform", "bare-metal"},
	   {"task", "general"}, {"avg_tokens", "500"}, {"p99_ms", "300"}, {"concurrency", "10"},
	   {"input_tokens", "100"}, {"quant", "bf16"}, {"corpus_size", "10000000"}, {"labeling_cost", "low"},
	   {"data", "text"}, {"mlps_level", "1"}),
	 REC("V2"), SCORES(0, 1), NOMISSING},
};

/* ------------------------------------------------------------------------ */
/* Unknown facts and `missing`.                                              */

static struct ecase missing_cases[] = {
	{N("missing: nothing given lists the facts of the rules"), DEF("V1"),
	 MISSING("gpu_mem", "task", "platform", "avg_tokens", "p99_ms", "concurrency", "input_tokens",
	         "corpus_size", "labeling_cost", "data", "mlps_level", "gpu_model"),
	 KNOWN("quant", "nccl", "streaming", "filing", "credit_approval", "expert_logging", "v2_hardened",
	       "topology_aware")},
	{N("missing: gpu_mem 12 + contract-extraction: nothing could change it"),
	 F({"gpu_mem", "12"}, {"task", "contract-extraction"}), CONFLICT("V1"), NOMISSING},
	{N("missing: filing fixes V1; only what could add a conflict is missing"), F({"filing", "true"}),
	 REC("V1"), MISSING("task", "concurrency", "input_tokens", "data"),
	 KNOWN("gpu_mem", "gpus", "gpu_model", "platform", "avg_tokens", "p99_ms", "corpus_size",
	       "labeling_cost", "mlps_level", "quant")},
	{N("missing: edge fixes V1; gpu facts no longer matter"), F({"platform", "edge"}), REC("V1"),
	 MISSING("task", "concurrency", "input_tokens", "data"),
	 KNOWN("gpu_mem", "gpus", "gpu_model", "avg_tokens", "p99_ms", "corpus_size", "labeling_cost",
	       "mlps_level")},
	{N("missing: p99_ms is missing when avg_tokens 128 could let 3.1 fire"), F({"avg_tokens", "128"}),
	 MISSING("p99_ms")},
	{N("missing: p99_ms is not missing when avg_tokens 129 rules 3.1 out"), F({"avg_tokens", "129"}),
	 KNOWN("p99_ms")},
	{N("missing: avg_tokens is not missing when p99_ms 81 rules 3.1 out"), F({"p99_ms", "81"}),
	 KNOWN("avg_tokens")},
	{N("missing: input_tokens is missing at concurrency 200"), F({"concurrency", "200"}),
	 MISSING("input_tokens")},
	{N("missing: input_tokens is not missing at concurrency 199"), F({"concurrency", "199"}),
	 KNOWN("input_tokens")},
	{N("missing: concurrency is not missing at input_tokens 1025"), F({"input_tokens", "1025"}),
	 KNOWN("concurrency")},
	{N("missing: labeling_cost is not missing at corpus_size 500000"), F({"corpus_size", "500000"}),
	 KNOWN("labeling_cost")},
	{N("missing: corpus_size is not missing when labels are cheap"), F({"labeling_cost", "low"}),
	 KNOWN("corpus_size")},
	{N("missing: mlps_level is not missing with --v2-hardened"), F({"v2_hardened", "true"}),
	 KNOWN("mlps_level")},
	{N("missing: mlps_level is missing without it"), F({"v2_hardened", "false"}), MISSING("mlps_level")},
	{N("missing: gpus derived from gpu_mem is not missing"), F({"gpu_mem", "24"}), REC("V1"),
	 KNOWN("gpus", "gpu_mem"), DERIVED({"gpus", "1"})},
	{N("missing: gpu_mem filled from the catalog is not missing"), F({"gpu_model", "t4"}),
	 KNOWN("gpu_mem", "gpus", "gpu_model")},
	{N("missing: a full spec but gpu_model (jetson would forbid V2)"),
	 F({"gpus", "4"}, {"gpu_mem", "24"}, {"nccl", "true"}, {"platform", "bare-metal"}, {"task", "general"},
	   {"avg_tokens", "500"}, {"p99_ms", "200"}, {"concurrency", "10"}, {"input_tokens", "100"},
	   {"corpus_size", "1000000"}, {"labeling_cost", "low"}, {"data", "text"}, {"mlps_level", "1"}),
	 REC("V2"), MISSING("gpu_model"),
	 KNOWN("gpus", "gpu_mem", "platform", "task", "avg_tokens", "p99_ms", "concurrency", "input_tokens",
	       "corpus_size", "labeling_cost", "data", "mlps_level", "quant")},
	{N("missing: gpu_model fills gpu_mem, so it can complete the cluster"),
	 F({"gpus", "4"}, {"nccl", "true"}, {"task", "general"}), DEF("V1"), SCORES(0, 0),
	 MISSING("gpu_mem", "gpu_model")},
	{N("missing: with intent classification no cluster outweighs 2.1 (issue 14), so no GPU fact is missing"),
	 F({"gpus", "4"}, {"nccl", "true"}, {"task", "intent-classification"}), REC("V1"), SCORES(2, 0)},
	/* 2.1 (+2 for V1) outweighs 1.2's and 1.3's avoid V2, which only widen the gap: neither the GPU
	   facts nor the platform can change V1; only a hard rule requiring V2 can (3.2, 4.2) */
	{N("missing: after intent classification an avoid V2 cannot change V1"), F({"task", "intent-classification"}),
	 REC("V1"), SCORES(2, 0), MISSING("concurrency", "input_tokens", "data"),
	 KNOWN("gpu_mem", "gpus", "gpu_model", "platform", "avg_tokens", "p99_ms", "corpus_size", "labeling_cost",
	       "mlps_level")},
	{N("missing: a conflict's fallback can still change (3.1 vs 3.2, cluster unknown)"),
	 F({"avg_tokens", "128"}, {"p99_ms", "80"}, {"concurrency", "200"}, {"input_tokens", "512"},
	   {"gpus", "4"}, {"nccl", "true"}),
	 CONFLICT("V1"), MISSING("gpu_mem")},
};

/* ------------------------------------------------------------------------ */
/* Custom tables.                                                            */

/* Ties and the default without the shipped table: models A and B, default B. */
static const char tie_yaml[] =
	"schema: 1\n"
	"name: ties\n"
	"models: [{id: A}, {id: B}]\n"
	"default: B\n"
	"classes:\n"
	"  - {id: must, kind: hard}\n"
	"  - {id: taste, kind: soft}\n"
	"facts:\n"
	"  - {key: x, type: boolean}\n"
	"  - {key: y, type: boolean}\n"
	"  - {key: n, type: number}\n"
	"  - {key: only_b, type: boolean}\n"
	"rules:\n"
	"  - {id: x-likes-a, ref: \"1\", class: taste, effect: prefer, model: A, weight: 1,\n"
	"     when: {fact: x, is: true}, reason: x}\n"
	"  - {id: y-likes-b, ref: \"2\", class: taste, effect: prefer, model: B, weight: 1,\n"
	"     when: {fact: y, is: true}, reason: y}\n"
	"  - {id: n-dislikes-b, ref: \"3\", class: taste, effect: avoid, model: B, weight: 0.5,\n"
	"     when: {fact: n, ge: 10}, reason: n}\n"
	"  - {id: need-b, ref: \"4\", class: must, effect: require, model: B,\n"
	"     when: {fact: only_b, is: true}, reason: only b}\n";

static struct ecase tie_cases[] = {
	{N("ties: nothing fired, the table's default B"), DEF("B"), SCORES(0, 0), MISSING("n")},
	{N("ties: x prefers A"), F({"x", "true"}), YES("x-likes-a"), REC("A"), SCORES(1, 0)},
	{N("ties: y prefers B"), F({"y", "true"}), REC("B"), SCORES(0, 1)},
	{N("ties: x and y tie 1-1, default B"), F({"x", "true"}, {"y", "true"}), DEF("B"), SCORES(1, 1),
	 MISSING("n")},
	{N("ties: n 10 breaks the tie for A"), F({"x", "true"}, {"y", "true"}, {"n", "10"}), REC("A"),
	 SCORES(1, 0.5)},
	{N("ties: n 9.99 does not"), F({"x", "true"}, {"y", "true"}, {"n", "9.99"}), DEF("B"), SCORES(1, 1)},
	{N("ties: n 10 alone puts A ahead"), F({"n", "10"}), REC("A"), SCORES(0, -0.5)},
	{N("ties: a hard rule leaves B alone, scores do not matter"), F({"x", "true"}, {"only_b", "true"}),
	 REC("B"), SCORES(1, 0), STATES({"x-likes-a", X_MOOT, NULL})},
};

/* Three models, one hard class: forbidding all three is a three-way contradiction. */
static const char three_yaml[] =
	"schema: 1\n"
	"name: three\n"
	"models: [{id: A}, {id: B}, {id: C}]\n"
	"default: C\n"
	"classes: [{id: h, kind: hard}, {id: s, kind: soft}]\n"
	"facts:\n"
	"  - {key: a, type: boolean}\n"
	"  - {key: b, type: boolean}\n"
	"  - {key: c, type: boolean}\n"
	"  - {key: x, type: boolean}\n"
	"  - {key: y, type: boolean}\n"
	"rules:\n"
	"  - {id: no-a, ref: \"1\", class: h, effect: forbid, model: A, when: {fact: a, is: true}, reason: a}\n"
	"  - {id: no-b, ref: \"2\", class: h, effect: forbid, model: B, when: {fact: b, is: true}, reason: b}\n"
	"  - {id: no-c, ref: \"3\", class: h, effect: forbid, model: C, when: {fact: c, is: true}, reason: c}\n"
	"  - {id: x-a, ref: \"4\", class: s, effect: prefer, model: A, weight: 1, when: {fact: x, is: true},"
	" reason: x}\n"
	"  - {id: y-b, ref: \"5\", class: s, effect: prefer, model: B, weight: 1, when: {fact: y, is: true},"
	" reason: y}\n";

static struct ecase three_cases[] = {
	{N("three: nothing, default C"), DEF("C")},
	{N("three: A forbidden, B and C tie: default C"), F({"a", "true"}), DEF("C")},
	{N("three: A and B forbidden: C recommended"), F({"a", "true"}, {"b", "true"}), REC("C")},
	{N("three: C forbidden, x prefers A"), F({"c", "true"}, {"x", "true"}), REC("A")},
	{N("three: C forbidden, A and B tie: status default, not C"),
	 F({"c", "true"}, {"x", "true"}, {"y", "true"}), .status = ST_DEF},
	{N("three: all three forbidden in one class: set aside, fallback default C"),
	 F({"a", "true"}, {"b", "true"}, {"c", "true"}), CONFLICT("C"),
	 STATES({"no-a", X_CONTRADICTED, "2"}, {"no-b", X_CONTRADICTED, "3"}, {"no-c", X_CONTRADICTED, "1"})},
	{N("three: all three forbidden, y: fallback B"),
	 F({"a", "true"}, {"b", "true"}, {"c", "true"}, {"y", "true"}), CONFLICT("B")},
};

/*
 * Class order and file order. CLASS_ORDER and RULE_ORDER are filled in by
 * variant(): the precedence must follow the classes list, and a same-class
 * contradiction must not depend on which rule comes first in the file.
 */
static const char order_yaml_fmt[] =
	"schema: 1\n"
	"name: order\n"
	"models: [{id: A}, {id: B}]\n"
	"default: %s\n"
	"classes: [%s, {id: s, kind: soft}]\n"
	"facts:\n"
	"  - {key: p, type: boolean}\n"
	"  - {key: q, type: boolean}\n"
	"  - {key: r, type: boolean}\n"
	"  - {key: t, type: boolean}\n"
	"  - {key: w, type: boolean}\n"
	"rules:\n"
	"%s"
	"  - {id: t-likes-b, ref: T, class: s, effect: prefer, model: B, weight: 3, when: {fact: t, is: true},"
	" reason: t}\n";
static const char order_hi_lo[] = "{id: hi, kind: hard}, {id: lo, kind: hard}";
static const char order_lo_hi[] = "{id: lo, kind: hard}, {id: hi, kind: hard}";
static const char order_rules_1[] =
	"  - {id: p-needs-a, ref: P, class: hi, effect: require, model: A, when: {fact: p, is: true}, reason: p}\n"
	"  - {id: q-needs-b, ref: Q, class: lo, effect: require, model: B, when: {fact: q, is: true}, reason: q}\n"
	"  - {id: r-needs-a, ref: R, class: lo, effect: require, model: A, when: {fact: r, is: true}, reason: r}\n"
	"  - {id: w-bars-a, ref: W, class: lo, effect: forbid, model: A, when: {fact: w, is: true}, reason: w}\n";
static const char order_rules_2[] =
	"  - {id: w-bars-a, ref: W, class: lo, effect: forbid, model: A, when: {fact: w, is: true}, reason: w}\n"
	"  - {id: r-needs-a, ref: R, class: lo, effect: require, model: A, when: {fact: r, is: true}, reason: r}\n"
	"  - {id: q-needs-b, ref: Q, class: lo, effect: require, model: B, when: {fact: q, is: true}, reason: q}\n"
	"  - {id: p-needs-a, ref: P, class: hi, effect: require, model: A, when: {fact: p, is: true}, reason: p}\n";

/* hi above lo (either file order of the rules) */
static struct ecase order_hi_cases[] = {
	{N("order hi>lo: P (hi) overrides Q (lo)"), F({"p", "true"}, {"q", "true"}), CONFLICT("A"),
	 STATES({"P", X_APPLIED, NULL}, {"Q", X_OVERRIDDEN, "P"})},
	{N("order hi>lo: Q with R contradict (same class), default A"), F({"q", "true"}, {"r", "true"}),
	 CONFLICT("A"), STATES({"Q", X_CONTRADICTED, "R"}, {"R", X_CONTRADICTED, "Q"})},
	{N("order hi>lo: R with W contradict, t tips the fallback to B"),
	 F({"r", "true"}, {"w", "true"}, {"t", "true"}), CONFLICT("B"),
	 STATES({"R", X_CONTRADICTED, "W"}, {"W", X_CONTRADICTED, "R"})},
	{N("order hi>lo: Q and W agree: B"), F({"q", "true"}, {"w", "true"}), REC("B")},
	{N("order hi>lo: R contradicts both Q and W: all three set aside, default A"),
	 F({"q", "true"}, {"r", "true"}, {"w", "true"}), CONFLICT("A"),
	 STATES({"Q", X_CONTRADICTED, "R"}, {"W", X_CONTRADICTED, "R"}, {"R", X_CONTRADICTED, "Q"})},
	{N("order hi>lo: R contradicts Q and W, t tips the fallback to B"),
	 F({"q", "true"}, {"r", "true"}, {"w", "true"}, {"t", "true"}), CONFLICT("B")},
	{N("order hi>lo: P above a contradiction: Q overridden, R applied"),
	 F({"p", "true"}, {"q", "true"}, {"r", "true"}), CONFLICT("A"),
	 STATES({"P", X_APPLIED, NULL}, {"Q", X_OVERRIDDEN, "P"}, {"R", X_APPLIED, NULL})},
};

/* lo above hi: the same rules, the other precedence */
static struct ecase order_lo_cases[] = {
	{N("order lo>hi: Q (lo) overrides P (hi)"), F({"p", "true"}, {"q", "true"}), CONFLICT("B"),
	 STATES({"Q", X_APPLIED, NULL}, {"P", X_OVERRIDDEN, "Q"})},
	{N("order lo>hi: Q with R contradict, default A"), F({"q", "true"}, {"r", "true"}), CONFLICT("A"),
	 STATES({"Q", X_CONTRADICTED, "R"}, {"R", X_CONTRADICTED, "Q"})},
	{N("order lo>hi: Q, R contradict; P (hi, now lower) narrows to A"),
	 F({"p", "true"}, {"q", "true"}, {"r", "true"}, {"t", "true"}), CONFLICT("A"),
	 STATES({"Q", X_CONTRADICTED, "R"}, {"R", X_CONTRADICTED, "Q"}, {"P", X_APPLIED, NULL})},
};

/* default B: a contradiction falls back to B */
static struct ecase order_defb_cases[] = {
	{N("order default B: Q with R contradict, fallback B"), F({"q", "true"}, {"r", "true"}), CONFLICT("B")},
	{N("order default B: nothing fires, B"), DEF("B")},
};

/* The shipped table with `default: V2`: the default comes from the table. */
static struct ecase defv2_cases[] = {
	{N("default V2: nothing given"), DEF("V2"), SCORES(0, 0)},
	/* the shipped weights tie only at 0:0 (V1 scores 0, 2 or 4; V2 1, 0 or below): no soft tie to show */
	{N("default V2: scores still decide (cluster +1, 1.3 -2: V1)"),
	 F({"gpus", "4"}, {"gpu_mem", "24"}, {"nccl", "true"}, {"platform", "kubernetes"}), REC("V1"), SCORES(0, -1)},
	{N("default V2: 3.1 with 3.2 falls back to V2"),
	 F({"avg_tokens", "128"}, {"p99_ms", "80"}, {"concurrency", "200"}, {"input_tokens", "512"}),
	 CONFLICT("V2"), STATES({"3.1", X_CONTRADICTED, "3.2"})},
	{N("default V2: hard rules still decide (1.1)"), F({"gpu_mem", "12"}), REC("V1")},
	{N("default V2: scores still decide (2.1)"), F({"task", "intent-classification"}), REC("V1")},
	{N("default V2: 1.1 vs 2.2 still falls back to V1"), F({"gpu_mem", "12"}, {"task", "contract-extraction"}),
	 CONFLICT("V1")},
};

/* The shipped table with other thresholds: the thresholds come from the table. */
static struct ecase moved_cases[] = {
	{N("moved: 1.1 at gpu_mem <= 16 fires at 16"), F({"gpu_mem", "16"}), YES(R11), NO(R12A), REC("V1")},
	{N("moved: 1.1 at gpu_mem <= 16 not at 16.5"), F({"gpu_mem", "16.5"}), YES(R12A), NO(R11)},
	{N("moved: t4 (16 GB) now fits 1.1"), F({"gpu_model", "t4"}), YES(R11)},
	{N("moved: 4.1 below 1000 samples fires at 999"), F({"corpus_size", "999"}, {"labeling_cost", "high"}),
	 YES("4.1")},
	{N("moved: 4.1 below 1000 samples not at 1000"), F({"corpus_size", "1000"}, {"labeling_cost", "high"}),
	 NO("4.1")},
};

/* ------------------------------------------------------------------------ */
/* Helpers.                                                                  */

static int g_errs;

static void err(const char *name, const char *fmt, ...) CMOCKA_PRINTF_ATTRIBUTE(2, 3);
static void err(const char *name, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	print_error("[%s] %s\n", name, msg);
	g_errs++;
}

static int streq0(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static const char *nz(const char *s)
{
	return s ? s : "(null)";
}

static ds_ruleset *load_table(const char *text, size_t len, const char *name)
{
	ds_ruleset *rs = NULL;
	ds_diag d;
	ds_status st;
	char where[1024];

	memset(&d, 0, sizeof d);
	st = ds_ruleset_load_mem(text, len, name, &rs, &d);
	if (st != DS_OK)
		fail_msg("%s: %s", name, ds_diag_format(&d, where, sizeof where));
	return rs;
}

/* text with every `from` replaced by `to`; *count says how many. */
static char *replace_all(const char *text, size_t len, const char *from, const char *to, size_t *count)
{
	size_t lf = strlen(from), lt = strlen(to), n = 0, i, o = 0;
	char *out;

	for (i = 0; i + lf <= len; i++)
		if (!memcmp(text + i, from, lf))
			n++;
	out = malloc(len + n * (lt > lf ? lt - lf : 0) + 1);
	assert_non_null(out);
	for (i = 0; i < len;) {
		if (i + lf <= len && !memcmp(text + i, from, lf)) {
			memcpy(out + o, to, lt);
			o += lt;
			i += lf;
		} else {
			out[o++] = text[i++];
		}
	}
	out[o] = '\0';
	*count = n;
	return out;
}

static size_t nkv(const struct kv *kv, size_t max)
{
	size_t n = 0;

	while (n < max && kv[n].key)
		n++;
	return n;
}

/* Sets one fact as a flag would: booleans through ds_spec_set_bool. */
static ds_status set_fact(const ds_ruleset *rs, ds_spec *s, const char *key, const char *val, ds_diag *d)
{
	long fi = ds_ruleset_fact_by_key(rs, key);

	memset(d, 0, sizeof *d);
	if (fi >= 0 && ds_fact_type_of(rs, (size_t)fi) == DS_FACT_BOOLEAN) {
		if (!strcmp(val, "true") || !strcmp(val, "false"))
			return ds_spec_set_bool(s, key, !strcmp(val, "true"), d);
	}
	return ds_spec_set_text(s, key, val, d);
}

static ds_spec *make_spec(const ds_ruleset *rs, const struct kv *kv, size_t n, const char *name)
{
	ds_spec *s = NULL;
	ds_diag d;
	size_t i;

	assert_int_equal(ds_spec_new(rs, &s), DS_OK);
	for (i = 0; i < n; i++)
		if (set_fact(rs, s, kv[i].key, kv[i].val, &d) != DS_OK)
			fail_msg("[%s] cannot set %s=%s: %s", name, kv[i].key, kv[i].val, d.msg);
	return s;
}

static ds_result *evaluate(const ds_ruleset *rs, const ds_spec *s)
{
	ds_result *r = NULL;

	assert_int_equal(ds_evaluate(rs, s, &r), DS_OK);
	assert_non_null(r);
	check_whatif(rs, s, r); /* every scenario: its counterfactuals re-run */
	return r;
}

/* The result as NDJSON, parsed: one line, ending with a newline. */
static cJSON *to_json(const ds_result *r, const char *name)
{
	char *out = NULL;
	size_t len = 0;
	cJSON *j;

	assert_int_equal(ds_render(r, DS_FORMAT_NDJSON, DS_LANG_EN, &out, &len), DS_OK);
	assert_non_null(out);
	assert_true(len > 0 && out[len - 1] == '\n');
	if (memchr(out, '\n', len - 1) != NULL)
		err(name, "NDJSON is more than one line: %s", out);
	j = cJSON_Parse(out);
	if (j == NULL)
		fail_msg("[%s] NDJSON does not parse: %s", name, out);
	free(out);
	return j;
}

static long model_index(const ds_ruleset *rs, const char *id)
{
	size_t i;

	for (i = 0; i < ds_ruleset_model_count(rs); i++)
		if (!strcmp(ds_ruleset_model_id(rs, i), id))
			return (long)i;
	return -1;
}

static int is_missing(const ds_result *r, const char *key)
{
	size_t i;

	for (i = 0; i < ds_result_missing_count(r); i++)
		if (!strcmp(ds_result_missing(r, i), key))
			return 1;
	return 0;
}

/* Index of the first reason whose ref or rule id is name; -1 if it did not fire. */
static long reason_index(const ds_result *r, const char *name)
{
	size_t i;

	for (i = 0; i < ds_result_reason_count(r); i++)
		if (!strcmp(ds_result_reason_ref(r, i), name) || !strcmp(ds_result_reason_rule(r, i), name))
			return (long)i;
	return -1;
}

static const char *jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

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

/* A conflicts entry of this type naming ref (override: "rule"; contradiction: in "rules"). */
/* The conflicts entry of a type naming ref (and, for a contradiction, with when not NULL). */
static const cJSON *find_conflict(const cJSON *j, const char *type, const char *ref, const char *with)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(j, "conflicts")) {
		if (!streq0(jstr(e, "type"), type))
			continue;
		if (!strcmp(type, "override") && streq0(jstr(e, "rule"), ref))
			return e;
		if (!strcmp(type, "contradiction") && jarray_has(cJSON_GetObjectItemCaseSensitive(e, "rules"), ref) &&
		    (with == NULL || jarray_has(cJSON_GetObjectItemCaseSensitive(e, "rules"), with)))
			return e;
	}
	return NULL;
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
/* The invariants every result must satisfy.                                 */

static void invariants(const char *name, const ds_ruleset *rs, const ds_spec *spec, const ds_result *r,
                       const cJSON *j)
{
	static const char *const state_names[] = {"applied", "overridden", "contradicted", "moot"};
	size_t nm = ds_ruleset_model_count(rs), nr = ds_result_reason_count(r), i, k;
	ds_outcome o = ds_result_outcome(r);
	const char *rec = ds_result_recommendation(r), *fb = ds_result_fallback(r), *model = ds_result_model(r);
	const char *def = ds_ruleset_default_model(rs);
	const cJSON *reasons = cJSON_GetObjectItemCaseSensitive(j, "reasons");
	const cJSON *facts = cJSON_GetObjectItemCaseSensitive(j, "facts");
	const cJSON *jscores = cJSON_GetObjectItemCaseSensitive(j, "scores");
	const cJSON *jm = cJSON_GetObjectItemCaseSensitive(j, "missing");
	int set_aside = 0, cand[64], ntop = 0, top_has_def = 0;
	double sum[64], best = 0;
	long mi;

	/* 1. outcome, recommendation, fallback */
	if (o != DS_RECOMMENDED && o != DS_DEFAULT && o != DS_CONFLICT)
		err(name, "outcome %d out of range", (int)o);
	if (o == DS_CONFLICT) {
		if (rec != NULL || fb == NULL || !streq0(model, fb))
			err(name, "conflict: recommendation %s, fallback %s, model %s", nz(rec), nz(fb), nz(model));
	} else if (rec == NULL || fb != NULL || !streq0(model, rec)) {
		err(name, "%s: recommendation %s, fallback %s, model %s", ds_outcome_str(o), nz(rec), nz(fb),
		    nz(model));
	}
	if (model == NULL)
		return;

	/* 2. conflict exactly when a rule was overridden or contradicted */
	for (i = 0; i < nr; i++) {
		ds_rule_state st = ds_result_reason_state(r, i);
		if (st == DS_OVERRIDDEN || st == DS_CONTRADICTED)
			set_aside = 1;
	}
	if ((o == DS_CONFLICT) != set_aside)
		err(name, "status %s but %s rule overridden or contradicted", ds_outcome_str(o),
		    set_aside ? "a" : "no");

	/* 3. missing: no duplicates, never a given fact, a boolean, or a derived one */
	for (i = 0; i < ds_result_missing_count(r); i++) {
		const char *key = ds_result_missing(r, i);
		long fi = ds_ruleset_fact_by_key(rs, key);
		for (k = 0; k < i; k++)
			if (!strcmp(key, ds_result_missing(r, k)))
				err(name, "%s is listed twice in missing", key);
		if (fi < 0)
			err(name, "missing lists %s, which is no fact", key);
		else if (ds_fact_type_of(rs, (size_t)fi) == DS_FACT_BOOLEAN)
			err(name, "missing lists the boolean %s (an absent boolean is false)", key);
		if (ds_spec_has(spec, key))
			err(name, "missing lists %s, which was given", key);
		if (cJSON_GetObjectItemCaseSensitive(facts, key) != NULL)
			err(name, "missing lists %s, which has a value in facts", key);
	}

	/* 4. the NDJSON says what the accessors say */
	if (!streq0(jstr(j, "status"), ds_outcome_str(o)))
		err(name, "JSON status %s, outcome %s", nz(jstr(j, "status")), ds_outcome_str(o));
	if (rec ? !streq0(jstr(j, "recommendation"), rec)
	        : !cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(j, "recommendation")))
		err(name, "JSON recommendation differs from %s", nz(rec));
	if (fb ? !streq0(jstr(j, "fallback"), fb) : !cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(j, "fallback")))
		err(name, "JSON fallback differs from %s", nz(fb));
	if ((size_t)cJSON_GetArraySize(jm) != ds_result_missing_count(r))
		err(name, "JSON missing has %d entries, the result %zu", cJSON_GetArraySize(jm),
		    ds_result_missing_count(r));
	for (i = 0; i < ds_result_missing_count(r); i++)
		if (!jarray_has(jm, ds_result_missing(r, i)))
			err(name, "JSON missing lacks %s", ds_result_missing(r, i));
	for (i = 0; i < nm; i++) {
		const cJSON *s = cJSON_GetObjectItemCaseSensitive(jscores, ds_ruleset_model_id(rs, i));
		if (!cJSON_IsNumber(s) || fabs(s->valuedouble - ds_result_score(r, i)) > 1e-9)
			err(name, "JSON score of %s differs from %g", ds_ruleset_model_id(rs, i), ds_result_score(r, i));
	}
	if ((size_t)cJSON_GetArraySize(reasons) != nr) {
		err(name, "JSON has %d reasons, the result %zu", cJSON_GetArraySize(reasons), nr);
		return;
	}

	/* 5. each reason: its state, and what beat it or what it contradicts */
	for (i = 0; i < nm; i++) {
		cand[i] = 1;
		sum[i] = 0;
	}
	for (i = 0; i < nr; i++) {
		const cJSON *re = cJSON_GetArrayItem(reasons, (int)i);
		ds_rule_state st = ds_result_reason_state(r, i);
		const char *ref = ds_result_reason_ref(r, i), *eff = jstr(re, "effect"), *m = jstr(re, "model");
		const cJSON *ob = cJSON_GetObjectItemCaseSensitive(re, "overridden_by");
		const cJSON *ct = cJSON_GetObjectItemCaseSensitive(re, "contradicts");
		const char *state = jstr(re, "state");

		if (!streq0(jstr(re, "source"), ref) || !streq0(jstr(re, "rule"), ds_result_reason_rule(r, i)))
			err(name, "JSON reason %zu is %s/%s, the result's %s/%s", i, nz(jstr(re, "source")),
			    nz(jstr(re, "rule")), ref, ds_result_reason_rule(r, i));
		if (!ds_result_fired(r, ref) || !ds_result_fired(r, ds_result_reason_rule(r, i)))
			err(name, "reason %s is listed but ds_result_fired() denies it", ref);
		if (state && (unsigned)st < 4 && strcmp(state, state_names[st]))
			err(name, "JSON state of %s is %s, the result's %s", ref, state, state_names[st]);
		if (eff == NULL || m == NULL || (mi = model_index(rs, m)) < 0) {
			err(name, "reason %s has no effect or model", ref);
			continue;
		}
		if (jstr(re, "message") == NULL || !*jstr(re, "message"))
			err(name, "reason %s has no message", ref);
		switch (st) {
		case DS_OVERRIDDEN:
			if (!cJSON_IsString(ob))
				err(name, "overridden %s has no overridden_by", ref);
			if (find_conflict(j, "override", ref, NULL) == NULL)
				err(name, "overridden %s is not in conflicts", ref);
			break;
		case DS_CONTRADICTED:
			if (cJSON_GetArraySize(ct) < 1)
				err(name, "contradicted %s names nothing it contradicts", ref);
			if (!cJSON_IsNull(ob))
				err(name, "contradicted %s has an overridden_by", ref);
			if (find_conflict(j, "contradiction", ref, NULL) == NULL)
				err(name, "contradicted %s is not in conflicts", ref);
			break;
		default:
			if (!cJSON_IsNull(ob) || cJSON_GetArraySize(ct) != 0)
				err(name, "%s %s names overridden_by or contradicts", state_names[st], ref);
			if (!strcmp(eff, "require") || !strcmp(eff, "forbid")) {
				if (st != DS_APPLIED)
					err(name, "hard rule %s is %s", ref, state_names[st]);
				for (k = 0; k < nm; k++)
					if (!strcmp(eff, "require") ? (long)k != mi : (long)k == mi)
						cand[k] = 0;
			}
			break;
		}
	}

	/* 6. step 3: the candidates left, their scores, the best of them or the default */
	for (i = 0; i < nr; i++) {
		const cJSON *re = cJSON_GetArrayItem(reasons, (int)i);
		const char *eff = jstr(re, "effect"), *m = jstr(re, "model");
		const cJSON *w = cJSON_GetObjectItemCaseSensitive(re, "weight");
		ds_rule_state st = ds_result_reason_state(r, i);
		if (eff == NULL || m == NULL || (mi = model_index(rs, m)) < 0)
			continue;
		if (strcmp(eff, "prefer") && strcmp(eff, "avoid"))
			continue;
		if (!cJSON_IsNumber(w)) {
			err(name, "soft reason %s has no weight", ds_result_reason_ref(r, i));
			continue;
		}
		sum[mi] += !strcmp(eff, "prefer") ? w->valuedouble : -w->valuedouble;
		if (cand[mi] && st != DS_APPLIED)
			err(name, "soft %s about standing %s is %s", ds_result_reason_ref(r, i), m, state_names[st]);
		if (!cand[mi] && st != DS_MOOT)
			err(name, "soft %s about removed %s is %s, not moot", ds_result_reason_ref(r, i), m,
			    state_names[st]);
	}
	mi = model_index(rs, model);
	if (mi < 0 || !cand[mi]) {
		err(name, "model %s is not left standing by the applied hard rules", model);
		return;
	}
	for (i = 0; i < nm; i++) {
		if (!cand[i])
			continue;
		if (fabs(sum[i] - ds_result_score(r, i)) > 1e-9)
			err(name, "score of %s is %g, its soft rules add up to %g", ds_ruleset_model_id(rs, i),
			    ds_result_score(r, i), sum[i]);
		if (ntop == 0 || ds_result_score(r, i) > best) {
			best = ds_result_score(r, i);
			ntop = 1;
			top_has_def = !strcmp(ds_ruleset_model_id(rs, i), def);
		} else if (ds_result_score(r, i) == best) {
			ntop++;
			top_has_def |= !strcmp(ds_ruleset_model_id(rs, i), def);
		}
	}
	if (ds_result_score(r, (size_t)mi) != best)
		err(name, "model %s scores %g, the best candidate %g", model, ds_result_score(r, (size_t)mi), best);
	if (ntop > 1) {
		if (o == DS_RECOMMENDED)
			err(name, "a tie of %d candidates is 'recommended'", ntop);
		if (top_has_def && strcmp(model, def))
			err(name, "a tie with the default %s among the best gives %s", def, model);
	} else if (o == DS_DEFAULT) {
		err(name, "status default though %s alone scores best", model);
	}
}

/* ------------------------------------------------------------------------ */
/* Running a case.                                                           */

struct bound {
	const ds_ruleset **rs;
	const struct ecase *c;
};

static void check_case(const ds_ruleset *rs, const struct ecase *c)
{
	size_t nf = nkv(c->facts, MAXKV), i;
	ds_spec *s = make_spec(rs, c->facts, nf, c->name);
	ds_result *r = evaluate(rs, s);
	cJSON *j = to_json(r, c->name);
	const cJSON *facts = cJSON_GetObjectItemCaseSensitive(j, "facts");
	static const int to_outcome[] = {-1, DS_RECOMMENDED, DS_DEFAULT, DS_CONFLICT};

	if (ds_spec_check(s, NULL, NULL, NULL) != DS_OK) /* every case is a workload the parsers take */
		err(c->name, "the spec breaks a constraint of the table");
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
		if (ds_result_recommendation(r) != NULL)
			err(c->name, "conflict with a recommendation %s", ds_result_recommendation(r));
		if (!cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(j, "recommendation")))
			err(c->name, "conflict: JSON recommendation is not null");
		if (c->model && !streq0(ds_result_fallback(r), c->model))
			err(c->name, "fallback %s, expected %s", nz(ds_result_fallback(r)), c->model);
	} else if (c->status != ST_ANY && c->model) {
		if (!streq0(ds_result_recommendation(r), c->model))
			err(c->name, "recommendation %s, expected %s", nz(ds_result_recommendation(r)), c->model);
	}
	if (c->model && !streq0(ds_result_model(r), c->model))
		err(c->name, "model %s, expected %s", nz(ds_result_model(r)), c->model);

	for (i = 0; i < 6 && c->states[i].rule; i++) {
		const struct rstate *e = &c->states[i];
		long ri = reason_index(r, e->rule);
		const cJSON *re;
		if (ri < 0) {
			err(c->name, "%s did not fire", e->rule);
			continue;
		}
		if ((int)ds_result_reason_state(r, (size_t)ri) != e->state - 1)
			err(c->name, "%s is in state %d, expected %d", e->rule, (int)ds_result_reason_state(r, (size_t)ri),
			    e->state - 1);
		re = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "reasons"), (int)ri);
		if (e->state == X_OVERRIDDEN) {
			const cJSON *conf = find_conflict(j, "override", ds_result_reason_ref(r, (size_t)ri), NULL);
			if (!streq0(jstr(re, "overridden_by"), e->by))
				err(c->name, "%s overridden_by %s, expected %s", e->rule, nz(jstr(re, "overridden_by")), e->by);
			if (conf == NULL || !jarray_has(cJSON_GetObjectItemCaseSensitive(conf, "by"), e->by))
				err(c->name, "conflicts has no override of %s by %s", e->rule, e->by);
		} else if (e->state == X_CONTRADICTED) {
			const cJSON *conf = find_conflict(j, "contradiction", ds_result_reason_ref(r, (size_t)ri), e->by);
			if (!jarray_has(cJSON_GetObjectItemCaseSensitive(re, "contradicts"), e->by))
				err(c->name, "%s does not name %s among what it contradicts", e->rule, e->by);
			if (conf == NULL || !jarray_has(cJSON_GetObjectItemCaseSensitive(conf, "rules"), e->by))
				err(c->name, "conflicts has no contradiction of %s with %s", e->rule, e->by);
		} else if (!cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(re, "overridden_by"))) {
			err(c->name, "%s has overridden_by %s", e->rule, nz(jstr(re, "overridden_by")));
		}
	}

	if (c->scores) {
		if (fabs(ds_result_score(r, 0) - c->s1) > 1e-9 || fabs(ds_result_score(r, 1) - c->s2) > 1e-9)
			err(c->name, "scores %s %g, %s %g; expected %g, %g", ds_ruleset_model_id(rs, 0),
			    ds_result_score(r, 0), ds_ruleset_model_id(rs, 1), ds_result_score(r, 1), c->s1, c->s2);
	}

	for (i = 0; i < MAXN && c->missing[i]; i++)
		if (!is_missing(r, c->missing[i]))
			err(c->name, "%s is not listed in missing", c->missing[i]);
	for (i = 0; i < MAXN && c->known[i]; i++)
		if (is_missing(r, c->known[i]))
			err(c->name, "%s is listed in missing", c->known[i]);
	if (c->no_missing && ds_result_missing_count(r) != 0)
		err(c->name, "missing is not empty: %s ...", ds_result_missing(r, 0));

	for (i = 0; i < 4 && c->derived[i].key; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(facts, c->derived[i].key);
		if (cJSON_IsNumber(v) ? v->valuedouble != strtod(c->derived[i].val, NULL)
		                      : !cJSON_IsString(v) || strcmp(v->valuestring, c->derived[i].val))
			err(c->name, "fact %s is not %s as evaluated", c->derived[i].key, c->derived[i].val);
	}
	for (i = 0; i < 4 && c->unset[i]; i++)
		if (cJSON_GetObjectItemCaseSensitive(facts, c->unset[i]) != NULL)
			err(c->name, "fact %s has a value though nothing gives it one", c->unset[i]);
	if (ds_result_warning_count(r) < (size_t)c->warnings)
		err(c->name, "%zu warnings, expected at least %d", ds_result_warning_count(r), c->warnings);

	invariants(c->name, rs, s, r, j);

	cJSON_Delete(j);
	ds_result_free(r);
	ds_spec_free(s);
}

static void run_case(void **state)
{
	const struct bound *b = *state;

	g_errs = 0;
	check_case(*b->rs, b->c);
	assert_int_equal(g_errs, 0);
}

/* Values tried for an unknown fact: the thresholds of the shipped table and beside them. */
static const char *const probe_numbers[] = {
	"0", "0.5", "1", "2", "3", "4", "5", "8", "9.99", "10", "11", "12", "12.5", "13", "16", "16.5", "19.75",
	"20", "24", "32", "39.5", "40", "79", "80", "80.5", "81", "127", "128", "129", "199", "200", "201",
	"511", "512", "1024", "1025", "4096", "999", "1000", "499999", "500000", "1000000", NULL};

/*
 * Contract section 1: an unknown fact is listed under missing "when supplying it
 * could change the decision (its recommendation, status or fallback)". So for
 * each fact that is neither given, nor a boolean, nor derived: if some single
 * value of it changes the decision, it must be in missing.
 */
static void probe_case(const ds_ruleset *rs, const struct ecase *c)
{
	size_t nf = nkv(c->facts, MAXKV), fi, v;
	ds_spec *base = make_spec(rs, c->facts, nf, c->name);
	ds_result *r0 = evaluate(rs, base);
	cJSON *j0 = to_json(r0, c->name);
	const cJSON *facts = cJSON_GetObjectItemCaseSensitive(j0, "facts");
	struct dec d0 = decision_of(r0);

	for (fi = 0; fi < ds_ruleset_fact_count(rs); fi++) {
		const char *key = ds_fact_key(rs, fi);
		ds_fact_type t = ds_fact_type_of(rs, fi);
		const char *vals[64];
		size_t nv = 0;

		if (t == DS_FACT_BOOLEAN || ds_spec_has(base, key) || cJSON_GetObjectItemCaseSensitive(facts, key) ||
		    is_missing(r0, key))
			continue;
		if (t == DS_FACT_NUMBER || t == DS_FACT_INTEGER) {
			for (nv = 0; probe_numbers[nv] && nv < 63; nv++)
				vals[nv] = probe_numbers[nv];
		} else {
			for (v = 0; v < ds_fact_value_count(rs, fi) && nv < 63; v++)
				vals[nv++] = ds_fact_value(rs, fi, v);
		}
		for (v = 0; v < nv; v++) {
			ds_spec *s = NULL;
			ds_result *r;
			ds_diag d;
			struct dec d1;
			assert_int_equal(ds_spec_new(rs, &s), DS_OK);
			assert_int_equal(ds_spec_merge(s, base), DS_OK);
			if (set_fact(rs, s, key, vals[v], &d) != DS_OK || /* out of this fact's range */
			    ds_spec_check(s, NULL, NULL, NULL) != DS_OK) {  /* or no workload (gpu_mem 0 with 4 GPUs) */
				ds_spec_free(s);
				continue;
			}
			r = evaluate(rs, s);
			d1 = decision_of(r);
			if (!same_dec(&d0, &d1)) {
				err(c->name, "supplying %s=%s changes %s %s to %s %s, but %s is not in missing", key, vals[v],
				    ds_outcome_str(d0.o), nz(ds_result_model(r0)), ds_outcome_str(d1.o),
				    nz(ds_result_model(r)), key);
				v = nv; /* one report per fact */
			}
			ds_result_free(r);
			ds_spec_free(s);
		}
	}
	cJSON_Delete(j0);
	ds_result_free(r0);
	ds_spec_free(base);
}

static void run_probe(void **state)
{
	const struct bound *b = *state;

	g_errs = 0;
	probe_case(*b->rs, b->c);
	assert_int_equal(g_errs, 0);
}

/* ------------------------------------------------------------------------ */
/* The shipped table's rows as the contract lists them.                      */

struct row {
	const char *ref, *id, *klass, *effect, *model;
	struct kv facts[4];
	const char *quote[3]; /* the evidence the reason must quote */
};

static const struct row contract_rows[] = {
	{"1.1", R11, "feasibility", "forbid", "V2", {{"gpu_mem", "12"}}, {"3 GB", "Raspberry Pi 5"}},
	{"1.2", R12P, "soft", "prefer", "V2", {{"gpus", "4"}, {"gpu_mem", "24"}, {"nccl", "true"}},
	 {"MoE dynamic routing"}},
	{"1.2", R12A, "soft", "avoid", "V2", {{"gpu_mem", "24"}}, {"dense mode", "35%"}},
	{"1.3", "kubernetes-without-topology", "soft", "avoid", "V2", {{"platform", "kubernetes"}},
	 {"82 ms", "single Pod"}},
	{"2.1", "task-intent-classification", "soft", "prefer", "V1", {{"task", "intent-classification"}},
	 {"91.4%", "92.1%", "2.8"}},
	{"2.2", "task-contract-extraction", "quality", "require", "V2", {{"task", "contract-extraction"}},
	 {"87.6%", "13.2"}},
	{"2.3", "task-openapi-generation", "quality", "require", "V2", {{"task", "openapi-generation"}},
	 {"68.3%", "31.7%"}},
	{"3.1", "low-latency-short-requests", "sla", "forbid", "V2", {{"avg_tokens", "128"}, {"p99_ms", "80"}},
	 {"42±5 ms", "97±18 ms"}},
	{"3.2", "high-concurrency-long-input", "sla", "require", "V2",
	 {{"concurrency", "200"}, {"input_tokens", "512"}}, {"312", "189"}},
	{"3.3", "edge-device", "feasibility", "forbid", "V2", {{"platform", "edge"}}, {"15 ms/token", "±40 ms"}},
	{"4.1", "small-costly-corpus", "soft", "prefer", "V1", {{"corpus_size", "1000"}, {"labeling_cost", "high"}},
	 {"1.2 GB", "3 h"}},
	{"4.2", "structured-data", "capability", "require", "V2", {{"data", "code"}}, {"30% code", "10% math", "4.3"}},
	{"4.3", "streaming-updates", "capability", "forbid", "V1", {{"streaming", "true"}}, {"full retraining"}},
	{"5.1", "algorithm-filing", "compliance", "require", "V1", {{"filing", "true"}}, {"deterministic", "17"}},
	{"5.2", "credit-approval-audit", "compliance", "forbid", "V2", {{"credit_approval", "true"}},
	 {"top-2", "reproduce"}},
	{"5.3", "mlps-level-3", "compliance", "forbid", "V2", {{"mlps_level", "3"}}, {"SM4", "AES-256"}},
};

static ds_ruleset *g_rs; /* the shipped table */

static void test_contract_rows(void **state)
{
	size_t i, k;

	(void)state;
	g_errs = 0;
	assert_int_equal(ds_ruleset_rule_count(g_rs), sizeof contract_rows / sizeof contract_rows[0]);
	assert_string_equal(ds_ruleset_default_model(g_rs), "V1");
	assert_int_equal(ds_ruleset_model_count(g_rs), 2);
	for (i = 0; i < sizeof contract_rows / sizeof contract_rows[0]; i++) {
		const struct row *w = &contract_rows[i];
		ds_spec *s = make_spec(g_rs, w->facts, nkv(w->facts, 4), w->id);
		ds_result *r = evaluate(g_rs, s);
		cJSON *j = to_json(r, w->id);
		long ri = reason_index(r, w->id);
		const cJSON *re;
		char text[2048];

		if (ri < 0) {
			err(w->id, "does not fire");
		} else {
			re = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "reasons"), (int)ri);
			if (!streq0(jstr(re, "source"), w->ref))
				err(w->id, "source %s, expected %s", nz(jstr(re, "source")), w->ref);
			if (!streq0(jstr(re, "class"), w->klass))
				err(w->id, "class %s, expected %s", nz(jstr(re, "class")), w->klass);
			if (!streq0(jstr(re, "effect"), w->effect))
				err(w->id, "effect %s, expected %s", nz(jstr(re, "effect")), w->effect);
			if (!streq0(jstr(re, "model"), w->model))
				err(w->id, "model %s, expected %s", nz(jstr(re, "model")), w->model);
			if (!ds_result_fired(r, w->ref))
				err(w->id, "ds_result_fired(%s) is false", w->ref);
			snprintf(text, sizeof text, "%s %s", nz(jstr(re, "message")), nz(jstr(re, "evidence")));
			for (k = 0; k < 3 && w->quote[k]; k++)
				if (strstr(text, w->quote[k]) == NULL)
					err(w->id, "the reason does not quote \"%s\": %s", w->quote[k], text);
		}
		cJSON_Delete(j);
		ds_result_free(r);
		ds_spec_free(s);
	}
	assert_int_equal(g_errs, 0);
}

/* ------------------------------------------------------------------------ */
/* The compute-resource rows against an independent reading of the contract. */

static void test_resource_grid(void **state)
{
	static const char *const mems[] = {NULL, "0", "8", "11.5", "12", "12.5", "13", "19.75", "20", "39.5", "40",
	                                   "80"};
	static const char *const gpus[] = {NULL, "0", "1", "2", "4", "8"};
	static const char *const nccls[] = {NULL, "false", "true"};
	static const struct {
		const char *name;
		double mem; /* -1: not in the catalog */
	} models[] = {{NULL, -1}, {"rtx3060", 12}, {"rtx4070", 12}, {"t4", 16}, {"a10g", 24}, {"a100", 40},
	              {"a100-80gb", 80}, {"h100", 80}, {"jetson-orin-agx", 32}, {"l4", -1}};
	size_t a, b, c, d, n = 0;

	(void)state;
	g_errs = 0;
	for (a = 0; a < sizeof mems / sizeof *mems; a++)
		for (b = 0; b < sizeof gpus / sizeof *gpus; b++)
			for (c = 0; c < sizeof nccls / sizeof *nccls; c++)
				for (d = 0; d < sizeof models / sizeof *models; d++) {
					struct kv kv[4];
					size_t nk = 0;
					int has_mem, has_gpus, nccl, e11, e12p, e12a, e33;
					double mem = 0, ng = 0;
					char name[160];
					ds_spec *s;
					ds_result *r;
					cJSON *j;
					const cJSON *facts, *fv;

					if (mems[a])
						kv[nk++] = (struct kv){"gpu_mem", mems[a]};
					if (gpus[b])
						kv[nk++] = (struct kv){"gpus", gpus[b]};
					if (nccls[c])
						kv[nk++] = (struct kv){"nccl", nccls[c]};
					if (models[d].name)
						kv[nk++] = (struct kv){"gpu_model", models[d].name};
					snprintf(name, sizeof name, "grid gpu_mem=%s gpus=%s nccl=%s gpu_model=%s", nz(mems[a]),
					         nz(gpus[b]), nz(nccls[c]), nz(models[d].name));
					s = make_spec(g_rs, kv, nk, name);

					/* no GPU with GPU memory or a GPU model, or GPU memory 0 with GPUs: refused, not evaluated */
					if ((mems[a] && gpus[b] && (strtod(gpus[b], NULL) == 0) != (strtod(mems[a], NULL) == 0)) ||
					    (gpus[b] && strtod(gpus[b], NULL) == 0 && models[d].name)) {
						ds_diag dg;
						memset(&dg, 0, sizeof dg);
						if (ds_spec_check(s, NULL, NULL, &dg) != DS_ERR_SPEC)
							err(name, "a contradiction was not refused");
						else if (!strstr(dg.msg, "gpus") || !strstr(dg.msg, models[d].name && !mems[a] ? "gpu_model" : "gpu_mem"))
							err(name, "the refusal names not both facts: %s", dg.msg);
						ds_spec_free(s);
						n++;
						continue;
					}

					/* section 1: CPU only, the catalog, derived gpus; section 2: rows 1.1, 1.2, 1.2, 3.3 */
					has_mem = mems[a] != NULL || (gpus[b] && !strcmp(gpus[b], "0")) || models[d].mem >= 0;
					if (mems[a])
						mem = strtod(mems[a], NULL);
					else if (gpus[b] && !strcmp(gpus[b], "0"))
						mem = 0; /* no GPU: no GPU memory, whatever the model */
					else if (has_mem)
						mem = models[d].mem;
					has_gpus = gpus[b] != NULL || has_mem || models[d].name != NULL;
					if (gpus[b])
						ng = strtod(gpus[b], NULL);
					else
						ng = has_mem && mem == 0 ? 0 : 1; /* gpu_mem 0 is CPU only, even with a model named */
					nccl = nccls[c] && !strcmp(nccls[c], "true");
					e11 = has_gpus && has_mem && ng <= 1 && mem <= 12;
					e12p = has_gpus && has_mem && ng >= 2 && ng * mem >= 80 && nccl;
					e12a = has_mem && !e11 && !e12p;
					e33 = models[d].name && !strcmp(models[d].name, "jetson-orin-agx");

					if (ds_spec_check(s, NULL, NULL, NULL) != DS_OK)
						err(name, "refused, but nothing contradicts");
					r = evaluate(g_rs, s);
					j = to_json(r, name);
					facts = cJSON_GetObjectItemCaseSensitive(j, "facts");
					if (ds_result_fired(r, R11) != e11)
						err(name, "1.1 %s", e11 ? "did not fire" : "fired");
					if (ds_result_fired(r, R12P) != e12p)
						err(name, "1.2 (cluster) %s", e12p ? "did not fire" : "fired");
					if (ds_result_fired(r, R12A) != e12a)
						err(name, "1.2 (no cluster) %s", e12a ? "did not fire" : "fired");
					if (ds_result_fired(r, "3.3") != e33)
						err(name, "3.3 %s", e33 ? "did not fire" : "fired");
					fv = cJSON_GetObjectItemCaseSensitive(facts, "gpu_mem");
					if (has_mem ? !cJSON_IsNumber(fv) || fv->valuedouble != mem : fv != NULL)
						err(name, "gpu_mem as evaluated is not %g", has_mem ? mem : -1.0);
					{ /* the accessor agrees with the JSON */
						double x = -1;
						int got = ds_result_number(r, "gpu_mem", &x);
						if (got != has_mem || (got && x != mem))
							err(name, "ds_result_number(gpu_mem) gives %d, %g", got, x);
						/* a boolean is never unknown (absent: false); an enum or string is no number */
						if (ds_result_number(r, "nccl", &x) != 1 || x != nccl)
							err(name, "ds_result_number(nccl) gives %g", x);
						if (ds_result_number(r, "gpu_model", &x) || ds_result_number(r, "gpu_mme", &x))
							err(name, "ds_result_number gives a number for gpu_model or gpu_mme");
					}
					fv = cJSON_GetObjectItemCaseSensitive(facts, "gpus");
					if (has_gpus ? !cJSON_IsNumber(fv) || fv->valuedouble != ng : fv != NULL)
						err(name, "gpus as evaluated is not %g", has_gpus ? ng : -1.0);
					if (!has_mem && !is_missing(r, "gpu_mem"))
						err(name, "gpu_mem is unknown and could decide, but is not missing");
					invariants(name, g_rs, s, r, j);
					cJSON_Delete(j);
					ds_result_free(r);
					ds_spec_free(s);
					n++;
				}
	print_message("%zu combinations\n", n);
	assert_int_equal(g_errs, 0);
}

/* ------------------------------------------------------------------------ */
/* Odds and ends of the API.                                                 */

static void test_spec_of_another_table(void **state)
{
	ds_ruleset *other = load_table(tie_yaml, sizeof tie_yaml - 1, "ties.yaml");
	ds_spec *s = NULL;
	ds_result *r = NULL;

	(void)state;
	assert_int_equal(ds_spec_new(other, &s), DS_OK);
	assert_int_equal(ds_evaluate(g_rs, s, &r), DS_ERR_ARG);
	assert_null(r);
	ds_spec_free(s);
	ds_ruleset_free(other);
}

static void test_result_outlives_spec(void **state)
{
	struct kv kv[] = {{"gpu_model", "a10g"}, {"gpus", "4"}, {"nccl", "true"}};
	ds_spec *s = make_spec(g_rs, kv, 3, "outlives");
	ds_result *r = evaluate(g_rs, s);

	(void)state;
	ds_spec_free(s); /* the result must not borrow from the spec */
	assert_string_equal(ds_result_recommendation(r), "V2");
	assert_true(ds_result_fired(r, "1.2"));
	assert_true(ds_result_fired(r, R12P));
	assert_false(ds_result_fired(r, R12A));
	assert_false(ds_result_fired(r, "no-such-rule"));
	assert_null(ds_result_missing(r, ds_result_missing_count(r)));
	assert_null(ds_result_reason_ref(r, ds_result_reason_count(r)));
	ds_result_free(r);
}

static void test_evaluate_twice_same(void **state)
{
	struct kv kv[] = {{"avg_tokens", "128"}, {"p99_ms", "80"}, {"concurrency", "200"}, {"input_tokens", "512"}};
	ds_spec *s = make_spec(g_rs, kv, 4, "twice");
	ds_result *r1 = evaluate(g_rs, s), *r2 = evaluate(g_rs, s);
	cJSON *j1 = to_json(r1, "twice"), *j2 = to_json(r2, "twice");

	(void)state;
	assert_true(cJSON_Compare(j1, j2, 1));
	cJSON_Delete(j1);
	cJSON_Delete(j2);
	ds_result_free(r1);
	ds_result_free(r2);
	ds_spec_free(s);
}

/* The lean embedded copy (no comments, examples or cases) decides exactly as the full text. */
static void test_lean_default_matches_full(void **state)
{
	static const struct kv specs[][3] = {
		{{"gpu_mem", "12"}, {"task", "contract-extraction"}, {NULL, NULL}},
		{{"gpu_model", "a10g"}, {"gpus", "4"}, {"nccl", "true"}},
		{{"avg_tokens", "100"}, {"p99_ms", "50"}, {"concurrency", "300"}},
		{{"platform", "edge"}, {"streaming", "true"}, {NULL, NULL}},
		{{"task", "general"}, {NULL, NULL}, {NULL, NULL}},
	};
	size_t len, i, k;
	const char *text = ds_ruleset_default_text(&len);
	ds_ruleset *full = NULL;
	ds_diag d;

	(void)state;
	assert_int_equal(ds_ruleset_load_mem(text, len, "full", &full, &d), DS_OK);
	assert_int_equal(ds_ruleset_rule_count(full), ds_ruleset_rule_count(g_rs));
	assert_int_equal(ds_ruleset_fact_count(full), ds_ruleset_fact_count(g_rs));
	for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		ds_spec *a = NULL, *b = NULL;
		ds_result *ra = NULL, *rb = NULL;
		char *ja = NULL, *jb = NULL;
		assert_int_equal(ds_spec_new(g_rs, &a), DS_OK);
		assert_int_equal(ds_spec_new(full, &b), DS_OK);
		for (k = 0; k < 3 && specs[i][k].key; k++) {
			assert_int_equal(set_fact(g_rs, a, specs[i][k].key, specs[i][k].val, &d), DS_OK);
			assert_int_equal(set_fact(full, b, specs[i][k].key, specs[i][k].val, &d), DS_OK);
		}
		assert_int_equal(ds_evaluate(g_rs, a, &ra), DS_OK);
		assert_int_equal(ds_evaluate(full, b, &rb), DS_OK);
		assert_int_equal(ds_render(ra, DS_FORMAT_NDJSON, DS_LANG_EN, &ja, NULL), DS_OK);
		assert_int_equal(ds_render(rb, DS_FORMAT_NDJSON, DS_LANG_EN, &jb, NULL), DS_OK);
		assert_string_equal(ja, jb);
		free(ja);
		free(jb);
		ds_result_free(ra);
		ds_result_free(rb);
		ds_spec_free(a);
		ds_spec_free(b);
	}
	ds_ruleset_free(full);
}

/* ds_evaluate_into() reuses a result: each outcome equals a fresh ds_evaluate(), nothing leaks across. */
static void test_evaluate_into_reuses(void **state)
{
	struct kv a[] = {{"gpu_model", "l4"}, {"gpus", "1"}};        /* an unlisted model: a made warning */
	struct kv b[] = {{"gpu_mem", "12"}, {"task", "contract-extraction"}}; /* a conflict */
	struct kv c[] = {{"streaming", "true"}};
	ds_spec *sa = make_spec(g_rs, a, 2, "into-a");
	ds_spec *sb = make_spec(g_rs, b, 2, "into-b");
	ds_spec *sc = make_spec(g_rs, c, 1, "into-c");
	ds_spec *specs[] = {sa, sb, sc, sa, sc};
	ds_result *reused;
	size_t i;

	(void)state;
	assert_int_equal(ds_spec_set_id(sa, "a-long-id-that-does-not-fit-inline-in-the-result-block", 0), DS_OK);
	assert_int_equal(ds_spec_set_id(sb, "12", 1), DS_OK);
	reused = evaluate(g_rs, sb);
	for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		ds_result *fresh = evaluate(g_rs, specs[i]);
		cJSON *j1, *j2;
		assert_int_equal(ds_evaluate_into(g_rs, specs[i], reused), DS_OK);
		j1 = to_json(fresh, "fresh");
		j2 = to_json(reused, "reused");
		assert_true(cJSON_Compare(j1, j2, 1));
		assert_int_equal(ds_result_warning_count(reused), ds_result_warning_count(fresh));
		cJSON_Delete(j1);
		cJSON_Delete(j2);
		ds_result_free(fresh);
	}
	ds_result_free(reused);
	ds_spec_free(sa);
	ds_spec_free(sb);
	ds_spec_free(sc);
}

/* ------------------------------------------------------------------------ */

struct group {
	const char *name;
	const ds_ruleset **rs;
	const struct ecase *cases;
	size_t n;
};

static ds_ruleset *g_tie, *g_three, *g_hi1, *g_hi2, *g_lo1, *g_lo2, *g_defb, *g_defv2, *g_moved;

static ds_ruleset *load_order(const char *def, const char *classes, const char *rules, const char *name)
{
	char text[4096];
	int n = snprintf(text, sizeof text, order_yaml_fmt, def, classes, rules);

	assert_true(n > 0 && (size_t)n < sizeof text);
	return load_table(text, (size_t)n, name);
}

static ds_ruleset *load_shipped_variant(const char *const *from, const char *const *to, const size_t *count,
                                        size_t n, const char *name)
{
	size_t len, got, i;
	const char *text = ds_ruleset_default_text(&len);
	char *cur = malloc(len + 1), *next;
	ds_ruleset *rs;

	assert_non_null(text);
	assert_non_null(cur);
	memcpy(cur, text, len);
	cur[len] = '\0';
	for (i = 0; i < n; i++) {
		next = replace_all(cur, strlen(cur), from[i], to[i], &got);
		if (got != count[i])
			fail_msg("%s: '%s' occurs %zu times in the shipped table, expected %zu", name, from[i], got, count[i]);
		free(cur);
		cur = next;
	}
	rs = load_table(cur, strlen(cur), name);
	free(cur);
	return rs;
}

#define G(nm, rsp, arr) {nm, (const ds_ruleset **)(rsp), arr, sizeof arr / sizeof arr[0]}

int main(void)
{
	static const char *const v2_from[] = {"\ndefault: V1\n"}, *const v2_to[] = {"\ndefault: V2\n"};
	static const size_t v2_n[] = {1};
	static const char *const mv_from[] = {"{fact: gpu_mem, le: 12}", "{fact: corpus_size, lt: 500000}"};
	static const char *const mv_to[] = {"{fact: gpu_mem, le: 16}", "{fact: corpus_size, lt: 1000}"};
	static const size_t mv_n[] = {2, 1};
	const struct CMUnitTest api_tests[] = {
		cmocka_unit_test(test_contract_rows),
		cmocka_unit_test(test_resource_grid),
		cmocka_unit_test(test_spec_of_another_table),
		cmocka_unit_test(test_result_outlives_spec),
		cmocka_unit_test(test_evaluate_twice_same),
		cmocka_unit_test(test_evaluate_into_reuses),
		cmocka_unit_test(test_lean_default_matches_full),
	};
	struct group groups[] = {
		G("rows", &g_rs, rows),
		G("decide", &g_rs, decide_cases),
		G("missing", &g_rs, missing_cases),
		G("custom: ties", &g_tie, tie_cases),
		G("custom: three models", &g_three, three_cases),
		G("custom: class order hi>lo", &g_hi1, order_hi_cases),
		G("custom: class order hi>lo, rules reversed", &g_hi2, order_hi_cases),
		G("custom: class order lo>hi", &g_lo1, order_lo_cases),
		G("custom: class order lo>hi, rules reversed", &g_lo2, order_lo_cases),
		G("custom: default B", &g_defb, order_defb_cases),
		G("custom: shipped table, default V2", &g_defv2, defv2_cases),
		G("custom: shipped table, thresholds moved", &g_moved, moved_cases),
	};
	size_t ng = sizeof groups / sizeof groups[0], total = 0, i, k, t;
	struct bound *bounds;
	struct CMUnitTest *tests, *probes;
	int fails = 0;
	ds_diag d;

	memset(&d, 0, sizeof d);
	if (ds_ruleset_load_default(&g_rs, &d) != DS_OK) {
		fprintf(stderr, "cannot load the default table: %s\n", d.msg);
		return 1;
	}
	g_tie = load_table(tie_yaml, sizeof tie_yaml - 1, "ties.yaml");
	g_three = load_table(three_yaml, sizeof three_yaml - 1, "three.yaml");
	g_hi1 = load_order("A", order_hi_lo, order_rules_1, "order-hi-1.yaml");
	g_hi2 = load_order("A", order_hi_lo, order_rules_2, "order-hi-2.yaml");
	g_lo1 = load_order("A", order_lo_hi, order_rules_1, "order-lo-1.yaml");
	g_lo2 = load_order("A", order_lo_hi, order_rules_2, "order-lo-2.yaml");
	g_defb = load_order("B", order_hi_lo, order_rules_1, "order-defb.yaml");
	g_defv2 = load_shipped_variant(v2_from, v2_to, v2_n, 1, "default-v2.yaml");
	g_moved = load_shipped_variant(mv_from, mv_to, mv_n, 2, "moved.yaml");
	assert_string_equal(ds_ruleset_default_model(g_defv2), "V2");

	for (i = 0; i < ng; i++)
		total += groups[i].n;
	bounds = calloc(total, sizeof *bounds);
	tests = calloc(total, sizeof *tests);
	probes = calloc(total, sizeof *probes);
	assert_true(bounds && tests && probes);

	fails += cmocka_run_group_tests_name("api", api_tests, NULL, NULL);
	for (i = 0, t = 0; i < ng; i++) {
		size_t first = t;
		for (k = 0; k < groups[i].n; k++, t++) {
			bounds[t].rs = groups[i].rs;
			bounds[t].c = &groups[i].cases[k];
			tests[t].name = groups[i].cases[k].name;
			tests[t].test_func = run_case;
			tests[t].initial_state = &bounds[t];
			probes[t].name = groups[i].cases[k].name;
			probes[t].test_func = run_probe;
			probes[t].initial_state = &bounds[t];
		}
		fails += _cmocka_run_group_tests(groups[i].name, tests + first, t - first, NULL, NULL);
	}
	fails += _cmocka_run_group_tests("probe: unknown facts that could decide are missing", probes, total, NULL,
	                                 NULL);

	free(bounds);
	free(tests);
	free(probes);
	ds_ruleset_free(g_moved);
	ds_ruleset_free(g_defv2);
	ds_ruleset_free(g_defb);
	ds_ruleset_free(g_lo2);
	ds_ruleset_free(g_lo1);
	ds_ruleset_free(g_hi2);
	ds_ruleset_free(g_hi1);
	ds_ruleset_free(g_three);
	ds_ruleset_free(g_tie);
	ds_ruleset_free(g_rs);
	return fails != 0;
}
