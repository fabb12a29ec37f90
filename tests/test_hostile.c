/*
 * test_hostile.c: hostile input through the public API: the JSON spec reader
 * (ds_spec_read_json, ds_spec_parse_json), the YAML spec reader
 * (ds_spec_parse_yaml) and the rule-table loader (ds_ruleset_load_mem,
 * ds_ruleset_load_file).
 *
 * Each case is one sharp edge: malformed numbers, bad bytes, NUL characters,
 * lone surrogates, trailing text, duplicate or case-shifted keys, infinities,
 * inexact integers, deep nesting, long strings, aliases, tags, several
 * documents, YAML 1.1 booleans, quoted numbers, tabs, too many of anything.
 * Each asserts the status, the message (what is wrong; for a limit, the limit)
 * as one line, and the 1-based line:column, counted in characters: JSON from
 * the byte the reader stopped at, YAML from libyaml's mark or, for bad bytes,
 * computed from the byte offset. Every case fails when the library's defence
 * against its edge is taken out.
 *
 * Rule-table cases are the small table TABLE_HEAD (lines 1-24) followed by the
 * case's text from line 25, or a whole text; files are written to a temporary
 * directory made by the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <dsselect.h>
#include "ds_limits.h" /* the limits the messages name */

#include "testutil.h"

/* ---- the rule table the table cases extend ---- */

#define TABLE_HEAD                                                                                                    \
	"schema: 1\n"                     /*  1 */                                                                    \
	"name: mini\n"                    /*  2 */                                                                    \
	"models:\n"                       /*  3 */                                                                    \
	"  - id: A\n"                     /*  4 */                                                                    \
	"  - id: B\n"                     /*  5 */                                                                    \
	"default: A\n"                    /*  6 */                                                                    \
	"classes:\n"                      /*  7 */                                                                    \
	"  - id: safety\n"                /*  8 */                                                                    \
	"    kind: hard\n"                /*  9 */                                                                    \
	"facts:\n"                        /* 10 */                                                                    \
	"  - key: mem\n"                  /* 11 */                                                                    \
	"    type: number\n"              /* 12 */                                                                    \
	"    min: 0\n"                    /* 13 */                                                                    \
	"  - key: fast\n"                 /* 14 */                                                                    \
	"    type: boolean\n"             /* 15 */                                                                    \
	"  - key: mode\n"                 /* 16 */                                                                    \
	"    type: enum\n"                /* 17 */                                                                    \
	"    values: [local, cloud]\n"    /* 18 */                                                                    \
	"rules:\n"                        /* 19 */                                                                    \
	"  - id: small-mem\n"             /* 20 */                                                                    \
	"    ref: \"1.1\"\n"              /* 21 */                                                                    \
	"    class: safety\n"             /* 22 */                                                                    \
	"    effect: forbid\n"            /* 23 */                                                                    \
	"    model: B\n"                  /* 24 */
#define WHEN "    when: {fact: mem, le: 12}\n" /* 25 */
#define TABLE_OK TABLE_HEAD WHEN "    reason: \"small memory\"\n" /* 26 */

/* ---- a growable string for generated inputs ---- */

struct gbuf {
	char *p;
	size_t len, cap;
};

static void gput(struct gbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void gputs(struct gbuf *b, const char *s) { gput(b, s, strlen(s)); }

static void grep(struct gbuf *b, char c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		gput(b, &c, 1);
}

__attribute__((format(printf, 2, 3))) static void gprintf(struct gbuf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof tmp);
	gput(b, tmp, (size_t)n);
}

static char *gtake(struct gbuf *b, size_t *len)
{
	*len = b->len;
	return b->p;
}

/* ---- generated inputs ---- */

/* 100,000 '[': the JSON reader stops at the fifth. */
static char *json_deep_array(size_t *len)
{
	struct gbuf b = {0};
	grep(&b, '[', 100000);
	return gtake(&b, len);
}

/* {"data": [[[[[... : the object is level 1, the list's '[' 2, the fifth '[' (column 13) level 6. */
static char *json_deep_member(size_t *len)
{
	struct gbuf b = {0};
	gputs(&b, "{\"data\": ");
	grep(&b, '[', 100000);
	return gtake(&b, len);
}

/* {"a": {"a": ... : each level is 6 columns; the fifth '{' is at column 25. */
static char *json_deep_objects(size_t *len)
{
	struct gbuf b = {0};
	size_t i;
	for (i = 0; i < 100000; i++)
		gputs(&b, "{\"a\": ");
	return gtake(&b, len);
}

/* A string one byte over the limit, as a value, a key and an id: refused at its opening quote. */
static char *json_long_value(size_t *len)
{
	struct gbuf b = {0};
	gputs(&b, "{\"gpus\": 2,\n \"gpu_model\": \"");
	grep(&b, 'a', DS_MAX_STRING + 1);
	gputs(&b, "\"}");
	return gtake(&b, len);
}

static char *json_long_key(size_t *len)
{
	struct gbuf b = {0};
	gputs(&b, "{\"");
	grep(&b, 'k', DS_MAX_STRING + 1);
	gputs(&b, "\": 1}");
	return gtake(&b, len);
}

static char *json_long_id(size_t *len)
{
	struct gbuf b = {0};
	gputs(&b, "{\"id\": \"");
	grep(&b, 'i', 1000000);
	gputs(&b, "\"}");
	return gtake(&b, len);
}

/* A list of DS_MAX_VALUES + 1 items. */
static char *json_long_list(size_t *len)
{
	struct gbuf b = {0};
	size_t i;
	gputs(&b, "{\"data\": [");
	for (i = 0; i <= DS_MAX_VALUES; i++)
		gputs(&b, i ? ", \"code\"" : "\"code\"");
	gputs(&b, "]}");
	return gtake(&b, len);
}

/* 400 KB of '[' : the spec reader stops at the fifth (depth 4), the table loader at the 33rd. */
static char *yaml_deep(size_t *len)
{
	struct gbuf b = {0};
	grep(&b, '[', 400000);
	return gtake(&b, len);
}

/* A block mapping nested 10 deep, one more space each line: line 5 is the fifth mapping. */
static char *yaml_deep_block(size_t *len)
{
	struct gbuf b = {0};
	size_t i;
	gputs(&b, "a:\n");
	for (i = 1; i <= 10; i++) {
		grep(&b, ' ', i);
		gputs(&b, "b:\n");
	}
	return gtake(&b, len);
}

static char *yaml_long_value(size_t *len)
{
	struct gbuf b = {0};
	gputs(&b, "gpus: 2\ngpu_model: ");
	grep(&b, 'a', DS_MAX_STRING + 1);
	gputs(&b, "\n");
	return gtake(&b, len);
}

/*
 * A key over the limit, refused as a string before it is looked up. (An implicit key is
 * limited to 1024 characters by libyaml itself; an explicit '?' key is not.)
 */
static char *yaml_long_key(size_t *len)
{
	struct gbuf b = {0};
	gputs(&b, "gpus: 2\n? ");
	grep(&b, 'k', DS_MAX_STRING + 1);
	gputs(&b, "\n: 1\n");
	return gtake(&b, len);
}

static char *yaml_long_list(size_t *len)
{
	struct gbuf b = {0};
	size_t i;
	gputs(&b, "data:\n");
	for (i = 0; i <= DS_MAX_VALUES; i++)
		gputs(&b, "  - code\n");
	return gtake(&b, len);
}

/* A bad byte after 5,000 lines (past libyaml's first input buffer): line 5001, column 13. */
static char *yaml_late_bad_byte(size_t *len)
{
	struct gbuf b = {0};
	size_t i;
	for (i = 0; i < 5000; i++)
		gputs(&b, "# a comment\n");
	gputs(&b, "gpu_model: a\xff\n");
	return gtake(&b, len);
}

/* The table with models, facts, enum values or rules past their limit. */
static char *table_with(unsigned models, unsigned facts, unsigned values, unsigned rules)
{
	struct gbuf b = {0};
	unsigned i;

	gputs(&b, "schema: 1\nname: mini\nmodels:\n");
	gputs(&b, "  - id: A\n  - id: B\n");
	for (i = 2; i < models; i++)
		gprintf(&b, "  - id: M%u\n", i);
	gputs(&b, "default: A\nclasses:\n  - id: safety\n    kind: hard\nfacts:\n");
	gputs(&b, "  - key: mem\n    type: number\n    min: 0\n  - key: fast\n    type: boolean\n");
	gputs(&b, "  - key: mode\n    type: enum\n    values: [");
	for (i = 0; i < values; i++)
		gprintf(&b, "%sv%u", i ? ", " : "", i);
	gputs(&b, "]\n");
	for (i = 3; i < facts; i++)
		gprintf(&b, "  - key: f%u\n    type: boolean\n", i);
	gputs(&b, "rules:\n");
	for (i = 0; i < rules; i++)
		gprintf(&b, "  - id: r%u\n    ref: \"9.%u\"\n    class: safety\n    effect: forbid\n    model: B\n"
		            "    when: {fact: mem, le: %u}\n    reason: r\n",
		        i, i, i);
	return b.p;
}

/* The models list is at 4:3, the facts at 11:3 or later, the values at 18:13, the rules after the facts. */
static char *table_many_models(size_t *len)
{
	char *t = table_with(DS_MAX_MODELS + 1, 3, 2, 1);
	*len = strlen(t);
	return t;
}

static char *table_many_facts(size_t *len)
{
	char *t = table_with(2, DS_MAX_FACTS + 1, 2, 1);
	*len = strlen(t);
	return t;
}

static char *table_many_values(size_t *len)
{
	char *t = table_with(2, 3, DS_MAX_VALUES + 1, 1);
	*len = strlen(t);
	return t;
}

static char *table_many_rules(size_t *len)
{
	char *t = table_with(2, 3, 2, DS_MAX_RULES + 1);
	*len = strlen(t);
	return t;
}

static char *table_deep(size_t *len) { return yaml_deep(len); }

static char *table_long_reason(size_t *len)
{
	struct gbuf b = {0};
	gputs(&b, TABLE_HEAD WHEN "    reason: \"");
	grep(&b, 'r', DS_MAX_STRING + 1);
	gputs(&b, "\"\n");
	return gtake(&b, len);
}

/* ---- the cases ---- */

enum reader {
	JSON,       /* ds_spec_read_json and ds_spec_parse_json, the default table */
	YAML,       /* ds_spec_parse_yaml, the default table */
	TABLE,      /* ds_ruleset_load_mem of TABLE_HEAD and the text (line 25 on) */
	TABLE_FILE, /* the same through ds_ruleset_load_file, from a temporary file */
	WHOLE,      /* ds_ruleset_load_mem of the text alone */
};

struct hcase {
	const char *name;
	enum reader rd;
	const char *text; /* NULL: made by gen */
	size_t len;       /* bytes of text (it may hold a NUL) */
	char *(*gen)(size_t *len);
	unsigned line, col;
	const char *msg1, *msg2; /* substrings of the message; msg2 may be NULL */
};

#define T(s) s, sizeof(s) - 1, NULL
#define G(f) NULL, 0, f

static const struct hcase cases[] = {
	/* ---- JSON numbers (RFC 8259) ---- */
	{"json-leading-zero", JSON, T("{\"gpus\": 01}"), 1, 10, "JSON syntax error", "leading zeros"},
	/* every digit after a leading zero, the last one too */
	{"json-leading-zero-9", JSON, T("{\"gpus\": 09}"), 1, 10, "JSON syntax error", "leading zeros"},
	{"json-minus-dot", JSON, T("{\"gpu_mem\": -.5}"), 1, 14, "JSON syntax error", "invalid number"},
	{"json-trailing-dot", JSON, T("{\"gpu_mem\": 1.}"), 1, 15, "JSON syntax error", "digits after '.'"},
	{"json-leading-dot", JSON, T("{\"gpu_mem\": .5}"), 1, 13, "JSON syntax error", "expected a value"},
	/* true, false and null are whole words: a word that only starts like one is no value */
	{"json-word-tree", JSON, T("{\"nccl\": tree}"), 1, 10, "JSON syntax error", "expected a value"},
	{"json-word-nul", JSON, T("{\"nccl\": nul}"), 1, 10, "JSON syntax error", "expected a value"},
	{"json-plus", JSON, T("{\"gpu_mem\": +1}"), 1, 13, "JSON syntax error", "expected a value"},
	{"json-nan", JSON, T("{\"gpu_mem\": NaN}"), 1, 13, "JSON syntax error", "expected a value"},
	{"json-infinity", JSON, T("{\"gpu_mem\": Infinity}"), 1, 13, "JSON syntax error", "expected a value"},
	{"json-minus-infinity", JSON, T("{\"gpu_mem\": -Infinity}"), 1, 14, "JSON syntax error", "invalid number"},
	{"json-1e309", JSON, T("{\"gpu_mem\": 1e309}"), 1, 2, "key 'gpu_mem'", "not a finite number"},
	{"json-minus-1e309", JSON, T("{\"gpus\": 1,\n\"p99_ms\": -1e309}"), 2, 1, "key 'p99_ms'",
	 "not a finite number"},
	/* 2^53 + 1 reads as 2^53: no longer exact, whatever the range allows (corpus_size has no maximum). */
	{"json-int-past-2^53", JSON, T("{\"corpus_size\": 9007199254740993}"), 1, 2, "integer too large to be exact",
	 "the limit is 2^53"},
	{"json-int-1e16", JSON, T("{\"corpus_size\": 1e16}"), 1, 2, "key 'corpus_size'", "the limit is 2^53"},

	/* ---- JSON strings ---- */
	{"json-raw-control", JSON, T("{\"gpu_model\": \"a\x01z\"}"), 1, 17, "control character in a string", NULL},
	/* U+001F, the last control character JSON refuses raw */
	{"json-raw-unit-separator", JSON, T("{\"gpu_model\": \"a\x1fz\"}"), 1, 17, "control character in a string", NULL},
	{"json-raw-tab", JSON, T("{\"gpu_model\": \"a\tz\"}"), 1, 17, "control character in a string", NULL},
	{"json-raw-newline", JSON, T("{\"gpu_model\": \"a\nz\"}"), 1, 17, "control character in a string", NULL},
	{"json-overlong-utf8", JSON, T("{\"gpu_model\": \"\xc0\xaf\"}"), 1, 16, "invalid UTF-8", NULL},
	{"json-overlong-3-byte", JSON, T("{\"gpu_model\": \"\xe0\x80\xaf\"}"), 1, 16, "invalid UTF-8", NULL},
	{"json-utf8-surrogate", JSON, T("{\"gpu_model\": \"\xed\xa0\x80\"}"), 1, 16, "invalid UTF-8", NULL},
	{"json-utf8-past-10ffff", JSON, T("{\"gpu_model\": \"\xf4\x90\x80\x80\"}"), 1, 16, "invalid UTF-8", NULL},
	{"json-utf8-truncated", JSON, T("{\"gpu_model\": \"\xe4\xbd\"}"), 1, 16, "invalid UTF-8", NULL},
	{"json-utf8-truncated-at-end", JSON, T("{\"gpu_model\": \"\xe4"), 1, 16, "invalid UTF-8", NULL},
	/* Columns count characters: 作 is one column. */
	{"json-utf8-after-cjk", JSON, T("{\"gpu_model\": \"\xe4\xbd\x9c\xff\"}"), 1, 17, "invalid UTF-8", NULL},
	{"json-invalid-key-utf8", JSON, T("{\"gpu\xff\": 1}"), 1, 6, "invalid UTF-8", NULL},
	{"json-u0000", JSON, T("{\"gpu_model\": \"a\\u0000b\"}"), 1, 17, "\\u0000 is not allowed", NULL},
	{"json-u0000-in-key", JSON, T("{\"gpus\\u0000x\": 1}"), 1, 7, "\\u0000 is not allowed", NULL},
	{"json-lone-high-surrogate", JSON, T("{\"gpu_model\": \"\\ud800\"}"), 1, 16, "high surrogate", NULL},
	{"json-high-then-not-low", JSON, T("{\"gpu_model\": \"\\ud800\\u0041\"}"), 1, 22, "expected a low surrogate",
	 NULL},
	{"json-lone-low-surrogate", JSON, T("{\"gpu_model\": \"\\udc00\"}"), 1, 16, "lone low surrogate", NULL},
	{"json-lone-low-surrogate-last", JSON, T("{\"gpu_model\": \"\\udfff\"}"), 1, 16, "lone low surrogate", NULL},
	{"json-long-value", JSON, G(json_long_value), 2, 15, "a string is longer than the 4096-byte limit", NULL},
	{"json-long-key", JSON, G(json_long_key), 1, 2, "a string is longer than the 4096-byte limit", NULL},
	{"json-long-id", JSON, G(json_long_id), 1, 8, "a string is longer than the 4096-byte limit", NULL},

	/* ---- JSON structure ---- */
	{"json-garbage-after", JSON, T("{} xyz"), 1, 4, "unexpected text after the JSON value", NULL},
	{"json-two-objects", JSON, T("{}{}"), 1, 3, "unexpected text after the JSON value", NULL},
	{"json-second-line", JSON, T("{\"gpus\": 1}\n{\"gpus\": 2}\n"), 2, 1, "unexpected text after", NULL},
	{"json-duplicate-key", JSON, T("{\"gpus\": 1, \"gpus\": 2}"), 1, 13, "duplicate key 'gpus'", NULL},
	/* The same key through an escape is the same key. */
	{"json-duplicate-escaped", JSON, T("{\"gpus\": 1, \"gpu\\u0073\": 2}"), 1, 13, "duplicate key 'gpus'", NULL},
	{"json-key-case", JSON, T("{\"GPU_MEM\": 12}"), 1, 2, "unknown key 'GPU_MEM'", "did you mean 'gpu_mem'?"},
	/* Not matched, so not a duplicate either. */
	{"json-key-case-after", JSON, T("{\"gpu_mem\": 12, \"Gpu_Mem\": 13}"), 1, 17, "unknown key 'Gpu_Mem'",
	 "did you mean 'gpu_mem'?"},
	{"json-deep-array", JSON, G(json_deep_array), 1, 5, "nested deeper than 4 levels", NULL},
	{"json-deep-member", JSON, G(json_deep_member), 1, 13, "nested deeper than 4 levels", NULL},
	{"json-deep-objects", JSON, G(json_deep_objects), 1, 25, "nested deeper than 4 levels", NULL},
	{"json-too-many-items", JSON, G(json_long_list), 1, 2, "list is too long", "the limit is 64"},
	/* A byte order mark is skipped and is no column. */
	{"json-bom", JSON, T("\xef\xbb\xbf{\"gpus\": 2, \"x\": 1}"), 1, 13, "unknown key 'x'", NULL},
	{"json-bom-twice", JSON, T("\xef\xbb\xbf\xef\xbb\xbf{}"), 1, 1, "JSON syntax error", NULL},
	{"json-empty", JSON, T(""), 1, 1, "JSON syntax error", "end of input"},
	{"json-whitespace", JSON, T(" \n\t\r\n  "), 3, 3, "JSON syntax error", "end of input"},
	{"json-top-array", JSON, T("[{\"gpus\": 1}]"), 1, 1, "must be a JSON object", NULL},
	{"json-top-number", JSON, T("42"), 1, 1, "must be a JSON object", NULL},
	{"json-top-string", JSON, T("\"gpus\""), 1, 1, "must be a JSON object", NULL},
	{"json-top-null", JSON, T("null"), 1, 1, "must be a JSON object", NULL},
	/* A NUL byte is no whitespace. */
	{"json-nul-after", JSON, T("{}\0"), 1, 3, "unexpected text after the JSON value", NULL},

	/* ---- YAML specs ---- */
	{"yaml-deep-400k", YAML, G(yaml_deep), 1, 5, "nested deeper than 4 levels", NULL},
	{"yaml-deep-block", YAML, G(yaml_deep_block), 5, 5, "nested deeper than 4 levels", NULL},
	{"yaml-alias-self", YAML, T("gpus: &a [*a]\n"), 1, 11, "YAML aliases (*a) are not supported", NULL},
	{"yaml-alias-bomb", YAML,
	 T("a: &a [\"lol\", \"lol\", \"lol\"]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c]\n"), 2, 8,
	 "YAML aliases (*a) are not supported", NULL},
	{"yaml-alias-value", YAML, T("gpus: &n 2\nconcurrency: *n\n"), 2, 14, "aliases", "not supported"},
	{"yaml-duplicate-key", YAML, T("gpus: 1\nnccl: true\ngpus: 2\n"), 3, 1, "duplicate key 'gpus'",
	 "first at line 1"},
	{"yaml-duplicate-quoted", YAML, T("gpus: 1\n\"gpus\": 2\n"), 2, 1, "duplicate key 'gpus'", NULL},
	{"yaml-two-documents", YAML, T("gpus: 1\n---\ngpus: 2\n"), 2, 1, "more than one YAML document", NULL},
	{"yaml-two-markers", YAML, T("---\ngpus: 1\n---\n"), 3, 1, "more than one YAML document", NULL},
	{"yaml-key-case", YAML, T("gpus: 1\nGPU_MEM: 12\n"), 2, 1, "unknown key 'GPU_MEM'", "did you mean 'gpu_mem'?"},
	/* Booleans are true and false only; YAML 1.1's other words are refused with the one to write. */
	{"yaml-bool-yes", YAML, T("nccl: yes\n"), 1, 7, "expected true or false, got 'yes'", "(write true)"},
	{"yaml-bool-no", YAML, T("nccl: no\n"), 1, 7, "expected true or false, got 'no'", "(write false)"},
	{"yaml-bool-on", YAML, T("nccl: on\n"), 1, 7, "got 'on'", "(write true)"},
	{"yaml-bool-off", YAML, T("nccl: off\n"), 1, 7, "got 'off'", "(write false)"},
	{"yaml-bool-Yes", YAML, T("nccl: Yes\n"), 1, 7, "got 'Yes'", "(write true)"},
	{"yaml-bool-TRUE", YAML, T("nccl: TRUE\n"), 1, 7, "got 'TRUE'", "(write true)"},
	{"yaml-bool-False", YAML, T("nccl: False\n"), 1, 7, "got 'False'", "(write false)"},
	{"yaml-bool-quoted", YAML, T("nccl: \"true\"\n"), 1, 7, "got 'true'", "(write true without quotes)"},
	{"json-bool-quoted", JSON, T("{\"nccl\": \"false\"}"), 1, 2, "got 'false'", "(write false without quotes)"},
	/* A quoted number is a string: refused for a number fact, with the hint. */
	{"yaml-quoted-number", YAML, T("gpu_mem: \"12\"\n"), 1, 10, "expected a number, got a string",
	 "write 12 without quotes"},
	{"yaml-quoted-integer", YAML, T("gpus: '12'\n"), 1, 7, "expected an integer, got a string",
	 "write 12 without quotes"},
	{"json-quoted-number", JSON, T("{\"p99_ms\": \"80.5\"}"), 1, 2, "expected a number, got a string",
	 "write 80.5 without quotes"},
	/* Tags are refused, wherever they are, shown as written. */
	{"yaml-tag-python", YAML, T("gpu_model: !!python/object/apply:os.system [\"ls\"]\n"), 1, 12,
	 "YAML tags (!!python/object/apply:os.system) are not supported", NULL},
	{"yaml-tag-string-fact", YAML, T("gpu_model: !!python/object:x t4\n"), 1, 12, "YAML tags", "not supported"},
	{"yaml-tag-str", YAML, T("gpu_model: !!str 4090\n"), 1, 12, "YAML tags (!!str)", NULL},
	{"yaml-tag-root", YAML, T("!!python/object:x\ngpus: 1\n"), 1, 1, "YAML tags (!!python/object:x)", NULL},
	{"yaml-tag-local", YAML, T("gpus: 1\ndata: !set [code]\n"), 2, 7, "YAML tags (!set)", NULL},
	/* Bad bytes: libyaml's reader says 0:0; the position is computed from the byte offset. */
	{"yaml-bad-byte", YAML, T("gpus: 2\ngpu_model: t\xff" "4\n"), 2, 13, "YAML syntax error", "UTF-8"},
	{"yaml-overlong", YAML, T("gpus: 2\ngpu_model: \xc0\xaf\n"), 2, 12, "YAML syntax error", "UTF-8"},
	{"yaml-utf8-surrogate", YAML, T("gpus: 2\ngpu_model: \xed\xa0\x80\n"), 2, 12, "YAML syntax error",
	 "invalid Unicode character"},
	{"yaml-utf8-truncated", YAML, T("gpus: 2\ngpu_model: \xe4\xbd"), 2, 12, "YAML syntax error", "UTF-8"},
	{"yaml-nul-byte", YAML, T("gpus: 2\ngpu_model: a\0b\n"), 2, 13, "YAML syntax error", "control characters"},
	{"yaml-bad-byte-after-cjk", YAML, T("gpu_model: \xe4\xbd\x9c\xff\n"), 1, 13, "YAML syntax error", "UTF-8"},
	{"yaml-bad-byte-after-bom", YAML, T("\xef\xbb\xbfgpus: 1\ngpu_model: \xff\n"), 2, 12, "YAML syntax error",
	 "UTF-8"},
	{"yaml-bad-byte-crlf", YAML, T("gpus: 1\r\ngpu_model: \xff\r\n"), 2, 12, "YAML syntax error", "UTF-8"},
	{"yaml-bad-byte-late", YAML, G(yaml_late_bad_byte), 5001, 13, "YAML syntax error", "UTF-8"},
	{"yaml-nul-escape", YAML, T("gpu_model: \"a\\0b\"\n"), 1, 12, "a string holds a NUL character", NULL},
	/* libyaml's mark for an escape is past its "\\u". */
	{"yaml-surrogate-escape", YAML, T("gpu_model: \"\\ud800\"\n"), 1, 15, "YAML syntax error", "Unicode"},
	/* Tabs: libyaml refuses them as indentation; the message says so. */
	{"yaml-tab-indent", YAML, T("data:\n\t- code\n"), 2, 1, "YAML syntax error", "tab"},
	{"yaml-tab-indent-key", YAML, T("gpus: 1\n\tnccl: true\n"), 2, 1, "YAML syntax error", "tab"},
	{"yaml-tab-first", YAML, T("\tgpus: 1\n"), 1, 1, "YAML syntax error", "tab"},
	{"yaml-long-value", YAML, G(yaml_long_value), 2, 12, "a string is longer than the 4096-byte limit", NULL},
	{"yaml-long-key", YAML, G(yaml_long_key), 2, 3, "a string is longer than the 4096-byte limit", NULL},
	{"yaml-too-many-items", YAML, G(yaml_long_list), 2, 3, "list is too long", "the limit is 64"},
	{"yaml-empty", YAML, T(""), 1, 1, "the spec is empty", NULL},
	{"yaml-whitespace", YAML, T("  \n\n   \n"), 1, 1, "the spec is empty", NULL},
	/* libyaml takes no tab at the start of a line, even a blank one. */
	{"yaml-tab-blank-line", YAML, T("  \n\n\t\n"), 3, 1, "YAML syntax error", "tab"},
	{"yaml-top-list", YAML, T("- gpus: 1\n"), 1, 1, "a spec must be a mapping of facts", NULL},
	{"yaml-top-scalar", YAML, T("42\n"), 1, 1, "a spec must be a mapping of facts", NULL},

	/* ---- rule tables ---- */
	{"table-deep-400k", WHOLE, G(table_deep), 1, 33, "nested deeper than 32 levels", NULL},
	{"table-alias", TABLE, T("    when: &w {fact: mem, le: 12}\n    reason: *w\n"), 26, 13, "YAML aliases (*w)",
	 "not supported"},
	{"table-alias-bomb", WHOLE, T("a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"), 2, 8,
	 "YAML aliases (*a) are not supported", NULL},
	{"table-duplicate-key", TABLE, T(WHEN "    reason: x\n    reason: y\n"), 27, 5, "duplicate key 'reason'",
	 "first at line 26"},
	{"table-two-documents", TABLE, T(WHEN "    reason: x\n---\nschema: 1\n"), 27, 1, "more than one YAML document",
	 NULL},
	{"table-bool-yes", TABLE, T("    when: {fact: fast, is: yes}\n    reason: x\n"), 25, 28,
	 "is must be true or false, not 'yes'", NULL},
	{"table-bool-TRUE", TABLE, T("    when: {fact: fast, is: TRUE}\n    reason: x\n"), 25, 28,
	 "is must be true or false, not 'TRUE'", NULL},
	{"table-bool-quoted", TABLE, T("    when: {fact: fast, is: \"true\"}\n    reason: x\n"), 25, 28,
	 "is must be true or false, not the string 'true'", "without quotes"},
	{"table-quoted-number", TABLE, T("    when: {fact: mem, le: \"12\"}\n    reason: x\n"), 25, 27,
	 "le must be a number, not the string '12'", "without quotes"},
	{"table-tag", TABLE, T(WHEN "    reason: !!python/object/apply:os.system [\"ls\"]\n"), 26, 13,
	 "YAML tags (!!python/object/apply:os.system) are not supported", NULL},
	{"table-bad-byte", TABLE, T(WHEN "    reason: \"small \xff\"\n"), 26, 20, "YAML syntax error", "UTF-8"},
	{"table-nul-byte", TABLE, T(WHEN "    reason: \"a\0b\"\n"), 26, 15, "YAML syntax error", "control characters"},
	{"table-file-bad-byte", TABLE_FILE, T(WHEN "    reason: \"\xe6\x98\xbe\xe5\xad\x98 \xc0\x80\"\n"), 26, 17,
	 "YAML syntax error", "UTF-8"},
	{"table-file-nul-byte", TABLE_FILE, T(WHEN "    reason: x\n\0"), 27, 1, "YAML syntax error",
	 "control characters"},
	{"table-tab-indent", TABLE, T(WHEN "\treason: x\n"), 26, 1, "YAML syntax error", "tab"},
	{"table-long-string", TABLE, G(table_long_reason), 26, 13, "a string is longer than the 4096-byte limit", NULL},
	{"table-many-models", WHOLE, G(table_many_models), 4, 3, "too many models (65; the limit is 64)", NULL},
	{"table-many-facts", WHOLE, G(table_many_facts), 11, 3, "too many facts (65; the limit is 64)", NULL},
	{"table-many-values", WHOLE, G(table_many_values), 18, 13, "too many values (65; the limit is 64)", NULL},
	{"table-many-rules", WHOLE, G(table_many_rules), 20, 3, "too many rules (65; the limit is 64)", NULL},
};
#define NCASES (sizeof cases / sizeof cases[0])

/* ---- running a case ---- */

static char tmpdir[256];

/* Writes len bytes to a new file in the temporary directory; returns its path (static). */
static const char *write_tmp(const char *name, const char *text, size_t len)
{
	static char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static void check(const struct hcase *c, ds_status st, ds_status want, const ds_diag *d, const char *file)
{
	if (st != want || strcmp(d->file, file) || d->line != c->line || d->col != c->col || !strstr(d->msg, c->msg1) ||
	    (c->msg2 && !strstr(d->msg, c->msg2)))
		print_message("  [%s] expected status %d %s:%u:%u '%s'%s%s%s\n  got status %d %s:%u:%u: %s\n", c->name,
		              (int)want, file, c->line, c->col, c->msg1, c->msg2 ? " + '" : "", c->msg2 ? c->msg2 : "",
		              c->msg2 ? "'" : "", (int)st, d->file, d->line, d->col, d->msg);
	assert_int_equal(st, want);
	assert_string_equal(d->file, file);
	assert_int_equal(d->line, c->line);
	assert_int_equal(d->col, c->col);
	assert_non_null(strstr(d->msg, c->msg1));
	if (c->msg2)
		assert_non_null(strstr(d->msg, c->msg2));
	assert_null(strchr(d->msg, '\n')); /* one line */
}

static char *made; /* the input made for the current case: freed by the next one if it fails */

/*
 * The same spec read with a Chinese diag: the same status and place, and a
 * message in Chinese. The YAML reader's own messages (src/lib/ynode.c: syntax,
 * duplicates, aliases, tags, limits) are converted in a change of their own:
 * until then they may stay English, and are only checked for their place.
 */
static void check_zh(const struct hcase *c, const char *text, size_t len, const ds_diag *en)
{
	static const char *const ynode_words[] = {"YAML ", "duplicate key", "nested deeper", "a string is longer",
	                                          "a string holds", "more than one YAML document"};
	ds_spec *parsed = NULL;
	ds_diag d;
	ds_status st;
	size_t i;
	int pending = 0;

	memset(&d, 0, sizeof d);
	d.lang = DS_LANG_ZH;
	st = c->rd == JSON ? ds_spec_parse_json(rs, text, len, "spec", &parsed, &d)
	                   : ds_spec_parse_yaml(rs, text, len, "spec", &parsed, &d);
	if (st == DS_OK)
		ds_spec_free(parsed);
	assert_int_equal(st, DS_ERR_SPEC);
	assert_int_equal(d.line, en->line);
	assert_int_equal(d.col, en->col);
	for (i = 0; c->rd == YAML && i < sizeof ynode_words / sizeof ynode_words[0]; i++)
		pending |= strncmp(en->msg, ynode_words[i], strlen(ynode_words[i])) == 0;
	if (!pending && !has_cjk(d.msg))
		fail_msg("[%s] no Chinese in the message of a Chinese diag: %s", c->name, d.msg);
}

static void test_case(void **state)
{
	const struct hcase *c = *state;
	size_t len = c->len;
	const char *text;
	ds_spec *spec = NULL, *parsed = NULL;
	ds_ruleset *table = NULL;
	ds_diag d, d2;
	ds_status st;

	free(made);
	made = c->gen ? c->gen(&len) : NULL;
	text = made ? made : c->text;
	memset(&d, 0, sizeof d);
	memset(&d2, 0, sizeof d2);
	switch (c->rd) {
	case JSON:
		/* The reader a batch uses, into one spec, and the one that makes a spec: the same answer. */
		assert_int_equal(ds_spec_new(rs, &spec), DS_OK);
		st = ds_spec_read_json(spec, text, len, "spec.json", &d);
		check(c, st, DS_ERR_SPEC, &d, "spec.json");
		assert_true(ds_spec_is_empty(spec) || ds_spec_id(spec, NULL) != NULL); /* no fact kept */
		ds_spec_free(spec);
		st = ds_spec_parse_json(rs, text, len, "spec.json", &parsed, &d2);
		if (st == DS_OK)
			ds_spec_free(parsed);
		check(c, st, DS_ERR_SPEC, &d2, "spec.json");
		assert_null(parsed);
		check_zh(c, text, len, &d2);
		break;
	case YAML:
		st = ds_spec_parse_yaml(rs, text, len, "spec.yaml", &parsed, &d);
		if (st == DS_OK)
			ds_spec_free(parsed);
		check(c, st, DS_ERR_SPEC, &d, "spec.yaml");
		assert_null(parsed);
		check_zh(c, text, len, &d);
		break;
	case TABLE:
	case TABLE_FILE:
	case WHOLE: {
		const char *path;
		if (c->rd != WHOLE && made == NULL) { /* TABLE_HEAD, then the case's lines */
			size_t head = sizeof TABLE_HEAD - 1;
			made = malloc(head + len + 1);
			assert_non_null(made);
			memcpy(made, TABLE_HEAD, head);
			memcpy(made + head, text, len);
			made[head + len] = '\0';
			text = made;
			len += head;
		}
		if (c->rd == TABLE_FILE) {
			path = write_tmp("table.yaml", text, len);
			st = ds_ruleset_load_file(path, &table, &d);
		} else {
			path = "rules.yaml";
			st = ds_ruleset_load_mem(text, len, path, &table, &d);
		}
		if (st == DS_OK)
			ds_ruleset_free(table);
		check(c, st, DS_ERR_RULES, &d, path);
		assert_null(table);
		break;
	}
	}
	free(made);
	made = NULL;
}

/* ---- single tests: what the limits let through, and the file size ---- */

/* The table the cases extend loads; so do its variants at (not past) each limit. */
static void test_table_base_loads(void **state)
{
	static const unsigned at[][4] = {{2, 3, 2, 1},
	                                 {DS_MAX_MODELS, 3, 2, 1},
	                                 {2, DS_MAX_FACTS, 2, 1},
	                                 {2, 3, DS_MAX_VALUES, 1},
	                                 {2, 3, 2, DS_MAX_RULES}};
	ds_ruleset *t = NULL;
	ds_diag d;
	size_t i;

	(void)state;
	memset(&d, 0, sizeof d);
	if (ds_ruleset_load_mem(TABLE_OK, sizeof TABLE_OK - 1, "rules.yaml", &t, &d) != DS_OK)
		fail_msg("the base table: %u:%u: %s", d.line, d.col, d.msg);
	ds_ruleset_free(t);
	for (i = 0; i < sizeof at / sizeof at[0]; i++) {
		char *text = table_with(at[i][0], at[i][1], at[i][2], at[i][3]);
		if (ds_ruleset_load_mem(text, strlen(text), "rules.yaml", &t, &d) != DS_OK)
			fail_msg("variant %zu: %u:%u: %s", i, d.line, d.col, d.msg);
		ds_ruleset_free(t);
		free(text);
	}
}

/* A string of exactly DS_MAX_STRING bytes is accepted by all three readers. */
static void test_string_at_limit(void **state)
{
	struct gbuf b = {0};
	ds_spec *s = NULL;
	ds_ruleset *t = NULL;
	ds_diag d;
	size_t len;
	char *text;

	(void)state;
	memset(&d, 0, sizeof d);
	gputs(&b, "{\"id\": \"");
	grep(&b, 'i', DS_MAX_STRING);
	gputs(&b, "\", \"gpu_model\": \"");
	grep(&b, 'a', DS_MAX_STRING);
	gputs(&b, "\"}");
	text = gtake(&b, &len);
	if (ds_spec_parse_json(rs, text, len, "spec.json", &s, &d) != DS_OK)
		fail_msg("JSON: %u:%u: %s", d.line, d.col, d.msg);
	assert_int_equal(strlen(ds_spec_id(s, NULL)), DS_MAX_STRING);
	ds_spec_free(s);
	free(text);

	memset(&b, 0, sizeof b);
	gputs(&b, "gpu_model: ");
	grep(&b, 'a', DS_MAX_STRING);
	gputs(&b, "\n");
	text = gtake(&b, &len);
	if (ds_spec_parse_yaml(rs, text, len, "spec.yaml", &s, &d) != DS_OK)
		fail_msg("YAML: %u:%u: %s", d.line, d.col, d.msg);
	ds_spec_free(s);
	free(text);

	memset(&b, 0, sizeof b);
	gputs(&b, TABLE_HEAD WHEN "    reason: \"");
	grep(&b, 'r', DS_MAX_STRING);
	gputs(&b, "\"\n");
	text = gtake(&b, &len);
	if (ds_ruleset_load_mem(text, len, "rules.yaml", &t, &d) != DS_OK)
		fail_msg("table: %u:%u: %s", d.line, d.col, d.msg);
	ds_ruleset_free(t);
	free(text);
}

/* What is refused above is refused for what it is: these neighbours are accepted. */
static void test_neighbours_accepted(void **state)
{
	static const char *const json_ok[] = {
		"{\"gpus\": 1, \"gpu_mem\": 0.5, \"p99_ms\": 1e2, \"corpus_size\": 9007199254740991}",
		"\xef\xbb\xbf{\"gpus\": 2}",
		"{\"gpu_model\": \"\\ud83d\\ude00 \xe4\xbd\x9c \\u00e9\"}", /* a surrogate pair, UTF-8, an escape */
		" \r\n\t{}\r\n",
	};
	static const char *const yaml_ok[] = {
		"\xef\xbb\xbfgpus: 2\nnccl: true\nstreaming: false\n",
		"gpu_mem: 12\ngpus: 1\ngpu_model: \"12\"\n", /* a quoted number for a string fact is text */
		"---\ngpus: 1\n...\n",
		"gpu_model: \"t4\"\t# a tab before a comment\n",
	};
	ds_spec *s = NULL;
	ds_diag d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof json_ok / sizeof json_ok[0]; i++) {
		if (ds_spec_parse_json(rs, json_ok[i], strlen(json_ok[i]), "ok.json", &s, &d) != DS_OK)
			fail_msg("JSON %zu: %u:%u: %s", i, d.line, d.col, d.msg);
		ds_spec_free(s);
	}
	for (i = 0; i < sizeof yaml_ok / sizeof yaml_ok[0]; i++) {
		if (ds_spec_parse_yaml(rs, yaml_ok[i], strlen(yaml_ok[i]), "ok.yaml", &s, &d) != DS_OK)
			fail_msg("YAML %zu: %u:%u: %s", i, d.line, d.col, d.msg);
		ds_spec_free(s);
	}
}

/* A table file one byte over DS_MAX_FILE_SIZE is refused before it is parsed, naming the limit. */
static void test_table_file_too_large(void **state)
{
	static char block[1 << 16];
	char path[512];
	ds_ruleset *t = NULL;
	ds_diag d;
	FILE *fp;
	size_t left = (size_t)DS_MAX_FILE_SIZE + 1;

	(void)state;
	memset(block, ' ', sizeof block); /* blanks: valid YAML, were it read */
	snprintf(path, sizeof path, "%s/huge.yaml", tmpdir);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	while (left) {
		size_t n = left < sizeof block ? left : sizeof block;
		assert_int_equal(fwrite(block, 1, n, fp), n);
		left -= n;
	}
	assert_int_equal(fclose(fp), 0);
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_ruleset_load_file(path, &t, &d), DS_ERR_RULES);
	assert_null(t);
	assert_string_equal(d.file, path);
	assert_int_equal(d.line, 0); /* no position: the size is the file's */
	assert_non_null(strstr(d.msg, "file is larger than the 16 MiB limit"));
	assert_int_equal(DS_MAX_FILE_SIZE, 16u << 20);
	remove(path);
}

/* ---- the temporary directory ---- */

static int setup(void **state)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof tmpdir, "%s/test_hostile-XXXXXX", base && *base ? base : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		perror(tmpdir);
		return -1;
	}
	return setup_rules(state);
}

static int teardown(void **state)
{
	char path[512];

	free(made);
	made = NULL;
	snprintf(path, sizeof path, "%s/table.yaml", tmpdir);
	remove(path);
	rmdir(tmpdir);
	return teardown_rules(state);
}

int main(void)
{
	static const struct CMUnitTest single[] = {
		cmocka_unit_test(test_table_base_loads),
		cmocka_unit_test(test_string_at_limit),
		cmocka_unit_test(test_neighbours_accepted),
		cmocka_unit_test(test_table_file_too_large),
	};
	static struct CMUnitTest tests[NCASES];
	size_t i;
	int failed;

	for (i = 0; i < NCASES; i++) {
		tests[i].name = cases[i].name;
		tests[i].test_func = test_case;
		tests[i].initial_state = (void *)&cases[i];
	}
	failed = cmocka_run_group_tests_name("hostile: limits and neighbours", single, setup, teardown);
	failed += _cmocka_run_group_tests("hostile input", tests, NCASES, setup, teardown);
	return failed ? 1 : 0;
}
