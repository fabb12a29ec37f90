/* bench_gen: deterministic NDJSON workload-spec generator for the dsselect benchmark.
 *
 *   bench_gen N [SEED]     writes N lines to stdout
 *
 * Each line is a flat JSON object with an integer "id" (1..N) and a random subset of the facts of
 * contract section 1. Values are drawn from small tables placed at and beside every threshold of the
 * rule table (rules/deepseek-v1-v2.yaml), so every rule fires often and hard rules of different
 * classes (1.1 with 2.2, 5.1 with 4.3, ...) meet, giving conflicts. About 1% of the lines are
 * deliberately bad (unknown key, out-of-range value, wrong type, unknown enum value, duplicate key,
 * broken syntax) so the per-line error records are exercised too.
 *
 * Same N and SEED, same bytes, on every platform: the PRNG is splitmix64, no rand(), no printf of
 * floating-point values (every number is a literal from a table).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, n) (n small: the modulo bias is far below anything measurable here). */
static unsigned rng_below(unsigned n)
{
    return (unsigned)((rng_next() >> 32) % n);
}

/* True with probability pct/100. */
static int rng_pct(unsigned pct)
{
    return rng_below(100) < pct;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(a) ((a)[rng_below((unsigned)COUNT(a))])

/* Value tables: at and beside each threshold. */
static const char *const gpu_mem_v[] = {"0", "3", "8", "11.5", "12", "12.5", "16", "20", "24", "40", "80"};
static const char *const gpus_v[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8"};
static const char *const gpu_model_v[] = {"\"t4\"", "\"a10g\"", "\"a100\"", "\"rtx3060\"",
                                          "\"rtx4070\"", "\"jetson-orin-agx\""};
static const char *const platform_v[] = {"\"bare-metal\"", "\"kubernetes\"", "\"edge\""};
static const char *const task_v[] = {"\"intent-classification\"", "\"contract-extraction\"",
                                     "\"openapi-generation\"", "\"general\""};
static const char *const avg_tokens_v[] = {"1", "64", "127", "128", "129", "256", "1000"};
static const char *const p99_ms_v[] = {"20", "50", "79.5", "80", "80.5", "81", "200"};
static const char *const concurrency_v[] = {"1", "100", "199", "200", "201", "500", "5000"};
static const char *const input_tokens_v[] = {"128", "511", "512", "513", "768", "1023", "1024", "1025", "4096"};
static const char *const quant_v[] = {"\"fp16\"", "\"bf16\"", "\"int8\"", "\"int4\""};
static const char *const corpus_size_v[] = {"0", "1000", "100000", "499999", "500000", "500001", "2000000"};
static const char *const labeling_cost_v[] = {"\"low\"", "\"high\""};
static const char *const data_items[] = {"\"code\"", "\"math\"", "\"tables\"", "\"text\""};
static const char *const mlps_v[] = {"1", "2", "3", "4", "5"};
static const char *const bool_v[] = {"false", "true"};

/* Deliberately bad fragments, each a complete "key":value pair (or a syntax break). */
static const char *const bad_v[] = {
    "\"gpu_memory\":12",               /* unknown key */
    "\"mlps_level\":6",                /* out of range */
    "\"gpus\":-1",                     /* out of range */
    "\"gpu_mem\":5000",                /* out of range */
    "\"p99_ms\":0",                    /* out of range (exclusive minimum) */
    "\"avg_tokens\":0",                /* out of range */
    "\"gpus\":\"four\"",               /* wrong type */
    "\"gpus\":2.5",                    /* not an integer */
    "\"task\":\"summarization\"",      /* unknown enum value */
    "\"streaming\":\"yes\"",           /* wrong type */
    "\"data\":[\"code\",\"images\"]",  /* unknown list item */
    "\"filing\":true,\"filing\":false", /* duplicate key */
    "\"task\":\"general\"",            /* with the truncation below: a syntax error */
};
#define BAD_SYNTAX_INDEX (COUNT(bad_v) - 1)

/* Output buffer, flushed with fwrite. */
static char out[1 << 20];
static size_t out_len;

static void flush_out(void)
{
    if (out_len && fwrite(out, 1, out_len, stdout) != out_len) {
        perror("bench_gen: write");
        exit(74);
    }
    out_len = 0;
}

static void put(const char *s)
{
    size_t n = strlen(s);
    memcpy(out + out_len, s, n);
    out_len += n;
}

static void put_u64(uint64_t v)
{
    char tmp[24];
    int i = 0;
    do {
        tmp[i++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (i)
        out[out_len++] = tmp[--i];
}

static void field(const char *key, const char *value)
{
    out[out_len++] = ',';
    out[out_len++] = '"';
    put(key);
    out[out_len++] = '"';
    out[out_len++] = ':';
    put(value);
}

/* A present boolean is true with probability pct (an absent boolean is false anyway). */
static void maybe_bool(const char *key, unsigned present_pct, unsigned true_pct)
{
    if (rng_pct(present_pct))
        field(key, bool_v[rng_pct(true_pct)]);
}

static void gen_line(uint64_t id)
{
    out[out_len++] = '{';
    put("\"id\":");
    put_u64(id);

    /* Section 1: compute and deployment. */
    {
        const char *mem = rng_pct(65) ? PICK(gpu_mem_v) : NULL;
        const char *gpus = rng_pct(60) ? PICK(gpus_v) : NULL;
        const char *model = rng_pct(25) ? PICK(gpu_model_v) : NULL;
        /* no GPU means no GPU memory nor model: the table refuses gpus 0 beside either, and memory 0
         * beside GPUs */
        if (mem && gpus && (strcmp(mem, "0") == 0) != (strcmp(gpus, "0") == 0))
            gpus = strcmp(mem, "0") == 0 ? "0" : gpus_v[1 + rng_below(COUNT(gpus_v) - 1)];
        if (gpus && strcmp(gpus, "0") == 0)
            model = NULL;
        if (mem)
            field("gpu_mem", mem);
        if (gpus)
            field("gpus", gpus);
        if (model)
            field("gpu_model", model);
    }
    maybe_bool("nccl", 55, 70);
    if (rng_pct(40))
        field("platform", PICK(platform_v));
    maybe_bool("topology_aware", 30, 50);

    /* Section 2: task. */
    if (rng_pct(60))
        field("task", PICK(task_v));

    /* Section 3: latency and concurrency. */
    if (rng_pct(45))
        field("avg_tokens", PICK(avg_tokens_v));
    if (rng_pct(45))
        field("p99_ms", PICK(p99_ms_v));
    if (rng_pct(40))
        field("concurrency", PICK(concurrency_v));
    if (rng_pct(40))
        field("input_tokens", PICK(input_tokens_v));
    if (rng_pct(25))
        field("quant", PICK(quant_v));

    /* Section 4: data. */
    if (rng_pct(40))
        field("corpus_size", PICK(corpus_size_v));
    if (rng_pct(40))
        field("labeling_cost", PICK(labeling_cost_v));
    if (rng_pct(30)) {
        /* A non-empty subset of the four items, in table order. */
        unsigned mask = 1 + rng_below(15);
        int first = 1;
        put(",\"data\":[");
        for (unsigned i = 0; i < COUNT(data_items); i++) {
            if (mask & (1u << i)) {
                if (!first)
                    out[out_len++] = ',';
                put(data_items[i]);
                first = 0;
            }
        }
        out[out_len++] = ']';
    }
    maybe_bool("streaming", 30, 40);

    /* Section 5: compliance. */
    maybe_bool("filing", 30, 40);
    maybe_bool("credit_approval", 30, 50);
    maybe_bool("expert_logging", 30, 50);
    if (rng_pct(35))
        field("mlps_level", PICK(mlps_v));
    maybe_bool("v2_hardened", 30, 50);

    /* About 1% of the lines are bad. */
    if (rng_below(100) == 0) {
        unsigned k = rng_below((unsigned)COUNT(bad_v));
        out[out_len++] = ',';
        put(bad_v[k]);
        if (k == BAD_SYNTAX_INDEX) {
            out[out_len++] = ','; /* trailing comma, no closing brace */
            out[out_len++] = '\n';
            return;
        }
    }
    out[out_len++] = '}';
    out[out_len++] = '\n';
}

static int parse_u64(const char *s, uint64_t *v)
{
    char *end;
    unsigned long long x;
    if (*s < '0' || *s > '9')
        return 0;
    x = strtoull(s, &end, 10);
    if (*end)
        return 0;
    *v = (uint64_t)x;
    return 1;
}

int main(int argc, char **argv)
{
    uint64_t n, seed = 1;
    if (argc < 2 || argc > 3 || !parse_u64(argv[1], &n) || (argc == 3 && !parse_u64(argv[2], &seed))) {
        fprintf(stderr, "usage: bench_gen N [SEED]\n");
        return 64;
    }
    rng_state = seed;
    for (uint64_t i = 1; i <= n; i++) {
        if (out_len > sizeof out - 4096) /* a line is well under 1 KiB */
            flush_out();
        gen_line(i);
    }
    flush_out();
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("bench_gen: write");
        return 74;
    }
    return 0;
}
