/*
 * test_ruleset.c: the rule-table loader, from a string and from a file.
 *
 * Every bad table is a small variant of one minimal valid table (base_lines
 * below), with exactly one defect: a case replaces one or a few lines of the
 * base, so the expected line:column of each diagnostic can be checked by hand
 * against the numbered listing. Each case is loaded twice: from memory with
 * ds_ruleset_load_mem(), and from its committed copy tests/data/rules/bad-NAME.yaml
 * with ds_ruleset_load_file(); the committed file must hold exactly the derived
 * text (the test checks), and both loads must report the same position and
 * message. To rewrite the committed files after changing the base or a case:
 *
 *     ./test_ruleset --write-data /path/to/tests/data/rules
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <dirent.h>

#include <cjson/cJSON.h>
#include <dsselect.h>
#include "whatif_check.h"
#include "cjk.h"

#define RULES_DIR DS_TEST_DATA "/rules"

/*
 * The minimal valid table. Line numbers (1-based) are in the comments; every
 * expected position below refers to them.
 */
static const char *const base_lines[] = {
	"schema: 1",                                   /*  1 */
	"name: mini",                                  /*  2 */
	"models:",                                     /*  3 */
	"  - id: A",                                   /*  4 */
	"    name: {en: \"Model A\", zh: \"模型 A\"}",  /*  5 */
	"  - id: B",                                   /*  6 */
	"default: A",                                  /*  7 */
	"classes:",                                    /*  8 */
	"  - id: safety",                              /*  9 */
	"    kind: hard",                              /* 10 */
	"  - id: taste",                               /* 11 */
	"    kind: soft",                              /* 12 */
	"facts:",                                      /* 13 */
	"  - key: mem",                                /* 14 */
	"    type: number",                            /* 15 */
	"    min: 0",                                  /* 16 */
	"  - key: count",                              /* 17 */
	"    type: integer",                           /* 18 */
	"    min: 0",                                  /* 19 */
	"  - key: fast",                               /* 20 */
	"    type: boolean",                           /* 21 */
	"  - key: mode",                               /* 22 */
	"    type: enum",                              /* 23 */
	"    values: [local, cloud]",                  /* 24 */
	"  - key: tags",                               /* 25 */
	"    type: set",                               /* 26 */
	"    values: [code, text]",                    /* 27 */
	"  - key: gpu",                                /* 28 */
	"    type: string",                            /* 29 */
	"derive:",                                     /* 30 */
	"  - fact: count",                             /* 31 */
	"    value: 1",                                /* 32 */
	"    when: {fact: mem, gt: 0}",                /* 33 */
	"rules:",                                      /* 34 */
	"  - id: small-mem",                           /* 35 */
	"    ref: \"1.1\"",                            /* 36 */
	"    class: safety",                           /* 37 */
	"    effect: forbid",                          /* 38 */
	"    model: B",                                /* 39 */
	"    when: {fact: mem, le: 12}",               /* 40 */
	"    reason: {en: \"small memory\", zh: \"显存小\"}", /* 41 */
	"  - id: likes-fast",                          /* 42 */
	"    ref: \"1.2\"",                            /* 43 */
	"    class: taste",                            /* 44 */
	"    effect: prefer",                          /* 45 */
	"    model: A",                                /* 46 */
	"    weight: 2",                               /* 47 */
	"    when:",                                   /* 48 */
	"      all:",                                  /* 49 */
	"        - {fact: fast, is: true}",            /* 50 */
	"        - {fact: mode, eq: local}",           /* 51 */
	"    reason: \"fast and local\"",              /* 52 */
};
#define NBASE (sizeof base_lines / sizeof base_lines[0])

/* Replace base line `line` by `text` (which may hold several lines, or be a comment). */
struct edit {
	unsigned line;
	const char *text;
};

#define MAX_EDITS 4
struct bad_case {
	const char *name;  /* committed as tests/data/rules/bad-NAME.yaml */
	const char *whole; /* the whole text, instead of edits to the base */
	struct edit edits[MAX_EDITS];
	unsigned line, col;
	const char *msg1, *msg2; /* substrings of diag.msg (msg2 may be NULL) */
};

/* Nesting: each "{not: " is 6 columns; the when mapping opens at column 11. */
#define NOT3 "{not: {not: {not: "
#define NOT6 NOT3 NOT3
#define END3 "}}}"
#define END6 END3 END3
#define LEAF "{fact: mem, le: 12}"
/*
 * 30 nested 'not' mappings. The root mapping is at YAML depth 0, 'rules' 1,
 * the rule 2, the 'when' mapping (the first "{not:", column 11) 3, so the k-th
 * inner "{not:" (k = 0 for the first) is at depth 3 + k and column 11 + 6k.
 * The limit is 32 levels: the mapping at depth 32 (k = 29, column 185) is refused.
 */
#define DEEP_YAML "    when: " NOT6 NOT6 NOT6 NOT6 NOT6 LEAF END6 END6 END6 END6 END6
/*
 * 18 nested 'not' mappings: fine for YAML (depth 21), but conditions may nest
 * 16 levels: the 'when' mapping is condition depth 0, so depth 17 (k = 17,
 * column 11 + 102 = 113) is refused.
 */
#define DEEP_COND "    when: " NOT6 NOT6 NOT6 LEAF END6 END6 END6

static const struct bad_case bad_cases[] = {
	/* ---- YAML itself ---- */
	/* "    model: B: C": the second ':' is at column 13. */
	{"syntax", NULL, {{39, "    model: B: C"}}, 39, 13, "YAML syntax error",
	 "mapping values are not allowed"},
	/* An unclosed flow mapping: libyaml notices at the next line's first token. */
	{"syntax-unclosed", NULL, {{40, "    when: {fact: mem, le: 12"}}, 41, 11, "YAML syntax error",
	 NULL},
	/* Invalid UTF-8: the 0xFF byte is the 19th character of line 52. */
	{"bad-utf8", NULL, {{52, "    reason: \"fast \xff\""}}, 52, 19, "YAML syntax error", "UTF-8"},
	{"dup-yaml-key", NULL, {{40, "    class: safety"}}, 40, 5, "duplicate key 'class'",
	 "first at line 37"},
	/* The second 'fact' of a flow mapping is at column 31. */
	{"dup-yaml-key-flow", NULL, {{40, "    when: {fact: mem, le: 12, fact: count}"}}, 40, 31,
	 "duplicate key 'fact'", "first at line 40"},
	/* A complex key: the '[' that starts it is at column 3. */
	{"complex-key", NULL, {{2, "? [a]\n: b"}}, 2, 3, "mapping key must be a plain word", NULL},
	{"alias", NULL, {{39, "    model: &b B"}, {46, "    model: *b"}}, 46, 12, "alias", "not supported"},
	{"multi-doc", NULL, {{52, "    reason: \"fast and local\"\n---\nschema: 1"}}, 53, 1,
	 "more than one YAML document", NULL},
	{"deep-yaml", NULL, {{40, DEEP_YAML}}, 40, 185, "nested deeper than 32 levels", NULL},
	{"empty", "", {{0, NULL}}, 1, 1, "empty", NULL},
	{"comments-only", "# nothing but a comment\n\n", {{0, NULL}}, 1, 1, "empty", NULL},
	{"root-list", "- schema: 1\n- name: mini\n", {{0, NULL}}, 1, 1, "must be a mapping", "list"},

	/* ---- unknown keys, with suggestions ---- */
	{"unknown-top-key", NULL, {{2, "nmae: mini"}}, 2, 1, "unknown key 'nmae' in the rule table",
	 "did you mean 'name'?"},
	{"unknown-rule-key", NULL, {{47, "    wieght: 2"}}, 47, 5, "unknown key 'wieght' in a rule",
	 "did you mean 'weight'?"},
	{"unknown-fact-key", NULL, {{15, "    tpye: number"}}, 15, 5, "unknown key 'tpye' in a fact",
	 "did you mean 'type'?"},
	{"unknown-model-key", NULL, {{5, "    nmae: {en: \"Model A\"}"}}, 5, 5,
	 "unknown key 'nmae' in a model", "did you mean 'name'?"},
	{"unknown-class-key", NULL, {{10, "    knid: hard"}}, 10, 5, "unknown key 'knid' in a class",
	 "did you mean 'kind'?"},
	{"unknown-derive-key", NULL, {{32, "    vaule: 1"}}, 32, 5, "unknown key 'vaule'",
	 "did you mean 'value'?"},
	/* '{' at column 11, 'fcat' at 12. */
	{"unknown-cond-key", NULL, {{40, "    when: {fcat: mem, le: 12}"}}, 40, 12,
	 "unknown key 'fcat' in a condition", "did you mean 'fact'?"},
	/* 'zhh' is at column 34. */
	{"unknown-text-key", NULL, {{41, "    reason: {en: \"small memory\", zhh: \"x\"}"}}, 41, 34,
	 "unknown key 'zhh'", "did you mean 'zh'?"},

	/* ---- duplicates ---- */
	{"dup-rule-id", NULL, {{42, "  - id: small-mem"}}, 42, 9, "duplicate rule id 'small-mem'",
	 "first at line 35"},
	{"dup-model-id", NULL, {{6, "  - id: A"}}, 6, 9, "duplicate model id 'A'", NULL},
	{"dup-fact-key", NULL, {{17, "  - key: mem"}}, 17, 10, "duplicate fact key 'mem'",
	 "first at line 14"},
	{"dup-class-id", NULL, {{11, "  - id: safety"}}, 11, 9, "duplicate class id 'safety'", NULL},

	/* ---- references to undeclared things ---- */
	{"unknown-fact", NULL, {{40, "    when: {fact: mme, le: 12}"}}, 40, 18, "unknown fact 'mme'",
	 "did you mean 'mem'?"},
	{"unknown-fact-derive", NULL, {{31, "  - fact: cuont"}}, 31, 11, "unknown fact 'cuont'",
	 "did you mean 'count'?"},
	/* 'mode' in a product: "[mem, " ends at column 26. */
	{"product-enum", NULL, {{40, "    when: {product: [mem, mode], ge: 1}"}}, 40, 27,
	 "product needs number or integer facts", "'mode' is enum"},
	{"unknown-class", NULL, {{37, "    class: saftey"}}, 37, 12, "unknown class 'saftey'",
	 "did you mean 'safety'?"},
	{"unknown-class-nosuggest", NULL, {{37, "    class: bogus"}}, 37, 12, "unknown class 'bogus'",
	 NULL},
	{"unknown-effect", NULL, {{38, "    effect: forbidd"}}, 38, 13, "unknown effect 'forbidd'",
	 "did you mean 'forbid'?"},
	{"unknown-effect-nosuggest", NULL, {{38, "    effect: ban"}}, 38, 13, "unknown effect 'ban'",
	 "use require, forbid, prefer or avoid"},
	{"unknown-model", NULL, {{39, "    model: X"}}, 39, 12, "unknown model 'X'", NULL},
	{"unknown-model-typo", NULL, {{4, "  - id: alpha"}, {7, "default: alpah"}, {46, "    model: alpha"}},
	 7, 10, "unknown model 'alpah'", "did you mean 'alpha'?"},
	{"unknown-default", NULL, {{7, "default: Z"}}, 7, 10, "unknown model 'Z'", NULL},
	{"unknown-fact-type", NULL, {{15, "    type: numbr"}}, 15, 11, "unknown fact type 'numbr'",
	 "did you mean 'number'?"},
	{"bad-class-kind", NULL, {{10, "    kind: hrad"}}, 10, 11, "class kind must be 'hard' or 'soft'",
	 "'hrad'"},

	/* ---- effects, classes and weights ---- */
	{"hard-effect-soft-class", NULL, {{45, "    effect: require"}}, 45, 13,
	 "effect 'require' is hard, but class 'taste' is soft", NULL},
	{"soft-effect-hard-class", NULL, {{38, "    effect: avoid"}}, 38, 13,
	 "effect 'avoid' is soft, but class 'safety' is hard", NULL},
	{"prefer-in-hard-class", NULL, {{38, "    effect: prefer"}}, 38, 13,
	 "effect 'prefer' is soft, but class 'safety' is hard", NULL},
	/* The rule mapping starts at its first key, line 42 column 5. */
	{"weight-missing", NULL, {{47, "    # (no weight)"}}, 42, 5, "soft rule 'likes-fast' needs a weight",
	 NULL},
	{"weight-on-hard", NULL, {{39, "    model: B\n    weight: 1"}}, 40, 13,
	 "hard rule 'small-mem' takes no weight", NULL},
	{"weight-zero", NULL, {{47, "    weight: 0"}}, 47, 13, "weight must be above 0", NULL},
	{"weight-too-big", NULL, {{47, "    weight: 1000001"}}, 47, 13, "at most 1000000", NULL},

	/* ---- wrong types ---- */
	{"type-list-for-scalar", NULL, {{39, "    model: [A, B]"}}, 39, 12, "must be a scalar, not a list",
	 NULL},
	{"type-string-for-number", NULL, {{47, "    weight: heavy"}}, 47, 13,
	 "weight must be a number, not 'heavy'", NULL},
	{"type-quoted-number", NULL, {{47, "    weight: \"2\""}}, 47, 13, "weight must be a number",
	 NULL},
	{"type-string-for-min", NULL, {{16, "    min: zero"}}, 16, 10, "min must be a number, not 'zero'",
	 NULL},
	/* 'yes' is at column 28: YAML 1.2 booleans are true and false only. */
	{"type-yes-for-bool", NULL, {{50, "        - {fact: fast, is: yes}"}}, 50, 28,
	 "must be true or false, not 'yes'", NULL},
	{"type-map-for-list", NULL, {{27, "    values: {code: 1}"}}, 27, 13,
	 "values must be a list, not a mapping", NULL},
	{"type-scalar-for-list", NULL, {{3, "models: none"}, {4, "#"}, {5, "#"}, {6, "#"}}, 3, 9,
	 "models must be a list", "not a scalar"},

	/* ---- operators and values in conditions ---- */
	{"op-enum", NULL, {{51, "        - {fact: mode, gt: local}"}}, 51, 24,
	 "operator 'gt' does not apply to enum fact 'mode'", NULL},
	{"op-bool", NULL, {{50, "        - {fact: fast, eq: true}"}}, 50, 24,
	 "operator 'eq' does not apply to boolean fact 'fast'", NULL},
	{"op-number", NULL, {{40, "    when: {fact: mem, any_of: [1]}"}}, 40, 23,
	 "operator 'any_of' does not apply to number fact 'mem'", NULL},
	{"op-set", NULL, {{51, "        - {fact: tags, eq: code}"}}, 51, 24,
	 "operator 'eq' does not apply to set fact 'tags'", NULL},
	{"known-false", NULL, {{40, "    when: {fact: mem, known: false}"}}, 40, 30,
	 "only 'known: true'", NULL},
	{"enum-value", NULL, {{51, "        - {fact: mode, eq: lokal}"}}, 51, 28,
	 "'lokal' is not a value of fact 'mode'", "did you mean 'local'?"},
	{"set-value", NULL, {{51, "        - {fact: tags, any_of: [code, txet]}"}}, 51, 39,
	 "'txet' is not a value of fact 'tags'", "did you mean 'text'?"},
	/* The second operator ('ge', column 31) is the offending node. */
	{"two-operators", NULL, {{40, "    when: {fact: mem, le: 12, ge: 1}"}}, 40, 31,
	 "exactly one operator", NULL},
	{"no-operator", NULL, {{40, "    when: {fact: mem}"}}, 40, 11, "exactly one operator", NULL},
	/* 'all' (column 23) must be alone in its mapping. */
	{"all-not-alone", NULL, {{40, "    when: {fact: mem, all: [{fact: fast, is: true}]}"}}, 40, 23,
	 "'all' must be the only key", NULL},
	{"deep-cond", NULL, {{40, DEEP_COND}}, 40, 113, "nested deeper than 16 levels", NULL},

	/* ---- facts ---- */
	{"range-on-enum", NULL, {{24, "    values: [local, cloud]\n    min: 1"}}, 25, 10,
	 "a range only applies to number and integer facts", NULL},
	{"values-bool", NULL, {{24, "    values: [local, true]"}}, 24, 21, "reads as a boolean", NULL},
	{"flag-no", NULL, {{18, "    type: integer\n    flag: no-count"}}, 19, 11,
	 "must not start with 'no-'", NULL},
	{"derive-out-of-range", NULL, {{32, "    value: -1"}}, 32, 12, "out of the range of fact 'count'",
	 NULL},
	{"rule-id-ident", NULL, {{35, "  - id: Small_Mem"}}, 35, 9, "must start with a lower-case letter",
	 NULL},
	{"rule-id-digit", NULL, {{35, "  - id: 1-small-mem"}}, 35, 9, "must start with a lower-case letter",
	 NULL},
	/* 'max' (line 17, its value at column 10) is checked against the min above it */
	{"max-below-min", NULL, {{16, "    min: 0\n    max: -1"}}, 17, 10, "max -1 is below min 0", NULL},

	/* ---- missing required keys ---- */
	{"missing-when", NULL, {{40, "    # (no when)"}}, 35, 5, "a rule is missing 'when'", NULL},

	/* ---- constraints and notes (issue 14): after the derivation, lines 34 on ---- */
	{"constraint-unknown-fact", NULL,
	 {{33, "    when: {fact: mem, gt: 0}\nconstraints:\n  - id: no-mem\n    when: {fact: mme, eq: 0}\n"
	       "    message: x"}},
	 36, 18, "unknown fact 'mme'", "did you mean 'mem'?"},
	{"constraint-missing-message", NULL,
	 {{33, "    when: {fact: mem, gt: 0}\nconstraints:\n  - id: no-mem\n    when: {fact: mem, eq: 0}"}}, 35, 5,
	 "a constraint is missing 'message'", NULL},
	{"constraint-dup-id", NULL,
	 {{33, "    when: {fact: mem, gt: 0}\nconstraints:\n  - {id: a, when: {fact: mem, eq: 0}, message: x}\n"
	       "  - {id: a, when: {fact: mem, eq: 1}, message: y}"}},
	 36, 10, "duplicate id 'a'", NULL},
	{"note-unknown-key", NULL,
	 {{33, "    when: {fact: mem, gt: 0}\nnotes:\n  - id: tiny\n    when: {fact: mem, lt: 1}\n    mesage: x"}},
	 37, 5, "unknown key 'mesage' in a note", "did you mean 'message'?"},
	{"note-not-a-list", NULL, {{33, "    when: {fact: mem, gt: 0}\nnotes: {id: tiny}"}}, 34, 8, "notes", NULL},
	{"missing-fact-type", NULL, {{15, "    # (no type)"}}, 14, 5, "a fact is missing 'type'", NULL},
	{"missing-models", NULL, {{3, "# (no models)"}, {4, "#"}, {5, "#"}, {6, "#"}}, 1, 1,
	 "missing 'models'", NULL},

	/* ---- schema version ---- */
	{"schema-2", NULL, {{1, "schema: 2"}}, 1, 9, "unsupported schema 2", NULL},
	{"schema-string", NULL, {{1, "schema: \"1\""}}, 1, 9, "schema must be a number", NULL},
};
#define NBAD (sizeof bad_cases / sizeof bad_cases[0])

/* ---- helpers ---- */

static void put(char **p, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s);

	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*p = realloc(*p, *cap);
		assert_non_null(*p);
	}
	memcpy(*p + *len, s, n + 1);
	*len += n;
}

/* The text of a case: the base with its edits applied, or its whole text; free() it. */
static char *case_text(const struct bad_case *c)
{
	char *p = NULL;
	size_t len = 0, cap = 0, i, j;

	if (c && c->whole) {
		put(&p, &len, &cap, "");
		put(&p, &len, &cap, c->whole);
		return p;
	}
	put(&p, &len, &cap, "");
	for (i = 0; i < NBASE; i++) {
		const char *line = base_lines[i];
		for (j = 0; c && j < MAX_EDITS && c->edits[j].text; j++)
			if (c->edits[j].line == i + 1)
				line = c->edits[j].text;
		put(&p, &len, &cap, line);
		put(&p, &len, &cap, "\n");
	}
	return p;
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

static void case_path(char *out, size_t n, const char *dir, const char *name)
{
	snprintf(out, n, "%s/bad-%s.yaml", dir, name);
}

static void check_diag(const struct bad_case *c, const ds_diag *d, const char *file)
{
	/* On a mismatch, say which case and what came out. */
	if (strcmp(d->file, file) || d->line != c->line || d->col != c->col || !strstr(d->msg, c->msg1) ||
	    (c->msg2 && !strstr(d->msg, c->msg2)))
		print_message("  [%s] expected %u:%u '%s'%s%s%s, got %s:%u:%u: %s\n", c->name, c->line, c->col,
		              c->msg1, c->msg2 ? " + '" : "", c->msg2 ? c->msg2 : "", c->msg2 ? "'" : "",
		              d->file, d->line, d->col, d->msg);
	assert_string_equal(d->file, file);
	assert_int_equal(d->line, c->line);
	assert_int_equal(d->col, c->col);
	assert_non_null(strstr(d->msg, c->msg1));
	if (c->msg2)
		assert_non_null(strstr(d->msg, c->msg2));
}

/* ---- the table of bad cases: from a string and from a committed file ---- */

static void test_bad_mem(void **state)
{
	const struct bad_case *c = *state;
	char *text = case_text(c);
	char name[300];
	ds_ruleset *rs = NULL;
	ds_diag d;
	ds_status st;

	snprintf(name, sizeof name, "bad-%s.yaml", c->name);
	memset(&d, 0, sizeof d);
	st = ds_ruleset_load_mem(text, strlen(text), name, &rs, &d);
	if (st == DS_OK) {
		ds_ruleset_free(rs); /* accepted: the test fails below, without a leak */
		rs = NULL;
	}
	assert_int_equal(st, DS_ERR_RULES);
	assert_null(rs);
	check_diag(c, &d, name);
	/* A NULL diag is allowed, and gives the same status. */
	assert_int_equal(ds_ruleset_load_mem(text, strlen(text), name, &rs, NULL), DS_ERR_RULES);
	assert_null(rs);
	free(text);
}

static void test_bad_file(void **state)
{
	const struct bad_case *c = *state;
	char *text = case_text(c), *file;
	char path[600];
	ds_ruleset *rs = NULL;
	ds_diag d;
	ds_status st;

	case_path(path, sizeof path, RULES_DIR, c->name);
	file = read_all(path);
	if (file == NULL)
		fail_msg("%s is missing; run: test_ruleset --write-data %s", path, RULES_DIR);
	/* The committed file is the derived text, byte for byte. */
	assert_string_equal(file, text);
	free(file);
	free(text);

	memset(&d, 0, sizeof d);
	st = ds_ruleset_load_file(path, &rs, &d);
	if (st == DS_OK) {
		ds_ruleset_free(rs);
		rs = NULL;
	}
	assert_int_equal(st, DS_ERR_RULES);
	assert_null(rs);
	check_diag(c, &d, path);
}

/* ---- single tests ---- */

static void test_base_is_valid(void **state)
{
	char *text = case_text(NULL);
	ds_ruleset *rs = NULL;
	ds_diag d;

	(void)state;
	memset(&d, 0, sizeof d);
	if (ds_ruleset_load_mem(text, strlen(text), "base", &rs, &d) != DS_OK)
		fail_msg("the base table must load: %s:%u:%u: %s", d.file, d.line, d.col, d.msg);
	assert_non_null(rs);
	assert_int_equal(ds_ruleset_rule_count(rs), 2);
	ds_ruleset_free(rs);
	free(text);
}

static void test_default_table(void **state)
{
	ds_ruleset *rs = NULL;
	ds_diag d;
	long f;

	(void)state;
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_ruleset_load_default(&rs, &d), DS_OK);
	assert_non_null(rs);
	assert_string_equal(ds_ruleset_name(rs), "deepseek-v1-v2");
	assert_int_equal(ds_ruleset_rule_count(rs), 16);
	assert_int_equal(ds_ruleset_model_count(rs), 2);
	assert_string_equal(ds_ruleset_model_id(rs, 0), "V1");
	assert_string_equal(ds_ruleset_model_id(rs, 1), "V2");
	assert_null(ds_ruleset_model_id(rs, 2));
	assert_string_equal(ds_ruleset_default_model(rs), "V1");
	/* The 21 facts of the contract, with their types and flags. */
	assert_int_equal(ds_ruleset_fact_count(rs), 21);
	f = ds_ruleset_fact_by_key(rs, "gpu_mem");
	assert_true(f >= 0);
	assert_int_equal(ds_fact_type_of(rs, (size_t)f), DS_FACT_NUMBER);
	assert_string_equal(ds_fact_flag(rs, (size_t)f), "gpu-mem");
	assert_int_equal(ds_ruleset_fact_by_flag(rs, "gpu-mem"), f);
	f = ds_ruleset_fact_by_key(rs, "data");
	assert_true(f >= 0);
	assert_int_equal(ds_fact_type_of(rs, (size_t)f), DS_FACT_SET);
	assert_int_equal(ds_fact_value_count(rs, (size_t)f), 4);
	assert_string_equal(ds_fact_value(rs, (size_t)f, 0), "code");
	f = ds_ruleset_fact_by_key(rs, "mlps_level");
	assert_int_equal(ds_fact_type_of(rs, (size_t)f), DS_FACT_INTEGER);
	f = ds_ruleset_fact_by_key(rs, "gpu_model");
	assert_int_equal(ds_fact_type_of(rs, (size_t)f), DS_FACT_STRING);
	f = ds_ruleset_fact_by_key(rs, "nccl");
	assert_int_equal(ds_fact_type_of(rs, (size_t)f), DS_FACT_BOOLEAN);
	f = ds_ruleset_fact_by_key(rs, "task");
	assert_int_equal(ds_fact_type_of(rs, (size_t)f), DS_FACT_ENUM);
	assert_int_equal(ds_ruleset_fact_by_key(rs, "gpu-mem"), -1);
	assert_int_equal(ds_ruleset_fact_by_key(rs, "nope"), -1);
	ds_ruleset_free(rs);
}

/* The embedded text is rules/deepseek-v1-v2.yaml, byte for byte. */
static void test_default_text_is_the_file(void **state)
{
	size_t len = 0;
	const char *text = ds_ruleset_default_text(&len);
	char *file = read_all(DS_TEST_DATA "/../../rules/deepseek-v1-v2.yaml");
	ds_ruleset *a = NULL, *b = NULL;
	ds_diag d;

	(void)state;
	assert_non_null(file);
	assert_int_equal(len, strlen(file));
	assert_memory_equal(text, file, len);
	/* And the file loads to the same table. */
	assert_int_equal(ds_ruleset_load_file(DS_TEST_DATA "/../../rules/deepseek-v1-v2.yaml", &a, &d),
	                 DS_OK);
	assert_int_equal(ds_ruleset_load_default(&b, &d), DS_OK);
	assert_string_equal(ds_ruleset_default_name(), "deepseek-v1-v2.yaml (embedded)");
	assert_int_equal(ds_ruleset_rule_count(a), ds_ruleset_rule_count(b));
	assert_int_equal(ds_ruleset_fact_count(a), ds_ruleset_fact_count(b));
	ds_ruleset_free(a);
	ds_ruleset_free(b);
	free(file);
}

/*
 * A contradiction's witness is data: the JSON of a spec, which read back with
 * the table fires both rules the message names; rendered without commands,
 * the message ends with it.
 */
static void test_witness_is_a_spec(void **state)
{
	const char *path = RULES_DIR "/check-contradiction.yaml";
	ds_problem *ps = NULL;
	ds_ruleset *t = NULL;
	size_t n = 0, i, seen = 0;
	ds_diag d;
	char *out = NULL;

	(void)state;
	assert_int_equal(ds_ruleset_check_file(path, DS_LANG_EN, &ps, &n), DS_OK);
	assert_int_equal(ds_ruleset_load_file(path, &t, &d), DS_OK);
	for (i = 0; i < n; i++) {
		ds_spec *spec = NULL;
		ds_result *res = NULL;
		char a[64], b[64];
		if (strcmp(ps[i].code, "contradiction"))
			continue;
		seen++;
		assert_int_equal(ps[i].witness[0], '{');
		assert_null(strstr(ps[i].diag.msg, "dsselect")); /* no command in the library's words */
		assert_int_equal(sscanf(ps[i].diag.msg, "rules %*s (%63[^)]) and %*s (%63[^)])", a, b), 2);
		assert_int_equal(ds_spec_parse_json(t, ps[i].witness, strlen(ps[i].witness), "witness", &spec, &d),
		                 DS_OK);
		assert_int_equal(ds_evaluate(t, spec, &res), DS_OK);
		assert_true(ds_result_fired(res, a));
		assert_true(ds_result_fired(res, b));
		ds_result_free(res);
		ds_spec_free(spec);
	}
	assert_true(seen > 0);
	assert_int_equal(ds_render_problems(ps, n, DS_FORMAT_TEXT, NULL, &out, NULL), DS_OK);
	for (i = 0; i < n; i++)
		if (!strcmp(ps[i].code, "contradiction"))
			assert_non_null(strstr(out, ps[i].witness));
	free(out);
	ds_ruleset_free(t);
	free(ps);
}

static void test_missing_file(void **state)
{
	const char *path = RULES_DIR "/no-such-file.yaml";
	ds_ruleset *rs = NULL;
	ds_diag d;

	(void)state;
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_ruleset_load_file(path, &rs, &d), DS_ERR_IO);
	assert_null(rs);
	assert_string_equal(d.file, path);
	assert_int_equal(d.line, 0);
	assert_non_null(strstr(d.msg, "cannot open"));
	/* NULL diag: same status, no crash. */
	assert_int_equal(ds_ruleset_load_file(path, &rs, NULL), DS_ERR_IO);
}

/* A directory opens but cannot be read: an I/O error, not a rule error. */
static void test_directory_is_io_error(void **state)
{
	ds_ruleset *rs = NULL;
	ds_diag d;

	(void)state;
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_ruleset_load_file(RULES_DIR, &rs, &d), DS_ERR_IO);
	assert_null(rs);
}

static void same_tables(const ds_ruleset *a, const ds_ruleset *b)
{
	size_t i, j;

	assert_string_equal(ds_ruleset_name(a), ds_ruleset_name(b));
	assert_int_equal(ds_ruleset_model_count(a), ds_ruleset_model_count(b));
	for (i = 0; i < ds_ruleset_model_count(a); i++)
		assert_string_equal(ds_ruleset_model_id(a, i), ds_ruleset_model_id(b, i));
	assert_string_equal(ds_ruleset_default_model(a), ds_ruleset_default_model(b));
	assert_int_equal(ds_ruleset_rule_count(a), ds_ruleset_rule_count(b));
	assert_int_equal(ds_ruleset_fact_count(a), ds_ruleset_fact_count(b));
	for (i = 0; i < ds_ruleset_fact_count(a); i++) {
		assert_string_equal(ds_fact_key(a, i), ds_fact_key(b, i));
		assert_string_equal(ds_fact_flag(a, i), ds_fact_flag(b, i));
		assert_int_equal(ds_fact_type_of(a, i), ds_fact_type_of(b, i));
		assert_int_equal(ds_fact_value_count(a, i), ds_fact_value_count(b, i));
		for (j = 0; j < ds_fact_value_count(a, i); j++)
			assert_string_equal(ds_fact_value(a, i, j), ds_fact_value(b, i, j));
	}
}

/* Evaluates mem=8 (small-mem forbids B) and returns the model to act on. */
static void check_decision(const ds_ruleset *rs)
{
	ds_spec *s = NULL;
	ds_result *r = NULL;
	ds_diag d;

	assert_int_equal(ds_spec_new(rs, &s), DS_OK);
	assert_int_equal(ds_spec_set_text(s, "mem", "8", &d), DS_OK);
	assert_int_equal(ds_evaluate(rs, s, &r), DS_OK);
	check_whatif(rs, s, r);
	assert_string_equal(ds_result_model(r), "A");
	assert_true(ds_result_fired(r, "small-mem"));
	assert_true(ds_result_fired(r, "1.1"));
	assert_false(ds_result_fired(r, "likes-fast"));
	ds_result_free(r);
	ds_spec_free(s);
}

static void test_valid_custom_table(void **state)
{
	char *text = case_text(NULL), *file;
	const char *path = RULES_DIR "/valid-mini.yaml";
	ds_ruleset *a = NULL, *b = NULL;
	ds_diag d;
	long f;

	(void)state;
	file = read_all(path);
	if (file == NULL)
		fail_msg("%s is missing; run: test_ruleset --write-data %s", path, RULES_DIR);
	assert_string_equal(file, text);
	free(file);

	memset(&d, 0, sizeof d);
	assert_int_equal(ds_ruleset_load_mem(text, strlen(text), "mini", &a, &d), DS_OK);
	assert_int_equal(ds_ruleset_load_file(path, &b, &d), DS_OK);
	same_tables(a, b);

	assert_string_equal(ds_ruleset_name(a), "mini");
	assert_int_equal(ds_ruleset_model_count(a), 2);
	assert_string_equal(ds_ruleset_default_model(a), "A");
	assert_int_equal(ds_ruleset_rule_count(a), 2);
	assert_int_equal(ds_ruleset_fact_count(a), 6);
	f = ds_ruleset_fact_by_key(a, "mode");
	assert_int_equal(f, 3);
	assert_int_equal(ds_fact_type_of(a, 3), DS_FACT_ENUM);
	assert_string_equal(ds_fact_value(a, 3, 1), "cloud");
	assert_null(ds_fact_value(a, 3, 2));
	assert_string_equal(ds_fact_flag(a, 0), "mem"); /* flag defaults to the key */
	assert_int_equal(ds_fact_type_of(a, 4), DS_FACT_SET);
	assert_int_equal(ds_fact_type_of(a, 5), DS_FACT_STRING);
	check_decision(a);
	check_decision(b);
	ds_ruleset_free(a);
	ds_ruleset_free(b);
	free(text);
}

/*
 * Tables at the edges of what docs/rules.md allows load, and their facts take
 * exactly the values their ranges say: a range of one value (min equal to max),
 * exclusive bounds, the largest weight.
 */
static void test_edge_tables(void **state)
{
	static const struct bad_case edges = {
		"edges", NULL,
		{{16, "    min: 12\n    max: 12"},
		 {19, "    min: 0\n    max: 10\n    min_exclusive: true\n    max_exclusive: true"},
		 {47, "    weight: 1000000"}},
		0, 0, NULL, NULL};
	static const char *const ok[][2] = {{"mem", "12"}, {"count", "1"}, {"count", "9"}};
	static const char *const bad[][3] = {
		{"mem", "11.5", "must be at least 12, got 11.5"}, {"mem", "12.5", "must be at most 12, got 12.5"},
		{"count", "0", "must be above 0, got 0"},         {"count", "10", "must be below 10, got 10"}};
	char *text = case_text(&edges);
	ds_ruleset *t = NULL;
	ds_spec *s = NULL;
	ds_diag d;
	size_t i;

	(void)state;
	memset(&d, 0, sizeof d);
	if (ds_ruleset_load_mem(text, strlen(text), "edges", &t, &d) != DS_OK)
		fail_msg("the table must load: %s:%u:%u: %s", d.file, d.line, d.col, d.msg);
	assert_int_equal(ds_spec_new(t, &s), DS_OK);
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (ds_spec_set_text(s, ok[i][0], ok[i][1], &d) != DS_OK)
			fail_msg("%s %s refused: %s", ok[i][0], ok[i][1], d.msg);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&d, 0, sizeof d);
		assert_int_equal(ds_spec_set_text(s, bad[i][0], bad[i][1], &d), DS_ERR_VALUE);
		if (strstr(d.msg, bad[i][2]) == NULL)
			fail_msg("%s %s: '%s', want '%s'", bad[i][0], bad[i][1], d.msg, bad[i][2]);
	}
	ds_spec_free(s);
	/* a spec file too: the bound itself is refused, where it is */
	s = NULL;
	assert_int_equal(ds_spec_parse(t, "{\"count\": 10}", 13, "s.json", &s, &d), DS_ERR_SPEC);
	assert_null(s);
	assert_non_null(strstr(d.msg, "must be below 10"));
	assert_int_equal(ds_spec_parse(t, "count: 10\n", 10, "s.yaml", &s, &d), DS_ERR_SPEC);
	assert_int_equal(d.line, 1);
	assert_non_null(strstr(d.msg, "must be below 10"));
	ds_ruleset_free(t);
	free(text);
}

/* buf need not be NUL-terminated: bytes past len are never read. */
static void test_mem_respects_len(void **state)
{
	char *text = case_text(NULL);
	size_t len = strlen(text);
	static const char tail[] = "bogus: [unclosed\n\x01\x02garbage";
	char *buf = malloc(len + sizeof tail);
	ds_ruleset *rs = NULL;
	ds_diag d;

	(void)state;
	assert_non_null(buf);
	memcpy(buf, text, len);
	memcpy(buf + len, tail, sizeof tail - 1); /* no NUL anywhere */
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_ruleset_load_mem(buf, len, NULL, &rs, &d), DS_OK);
	ds_ruleset_free(rs);
	/* Cut in the middle of line 52's quoted string: a syntax error at the end. */
	rs = NULL;
	assert_int_equal(ds_ruleset_load_mem(buf, len - 3, NULL, &rs, &d), DS_ERR_RULES);
	assert_null(rs);
	assert_string_equal(d.file, "<rules>");
	assert_non_null(strstr(d.msg, "YAML syntax error"));
	free(buf);
	free(text);
}

static void test_diag_format(void **state)
{
	char *text = case_text(&bad_cases[0]);
	char out[600];
	ds_ruleset *rs = NULL;
	ds_diag d;

	(void)state;
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_ruleset_load_mem(text, strlen(text), "t.yaml", &rs, &d), DS_ERR_RULES);
	ds_diag_format(&d, out, sizeof out);
	assert_true(strncmp(out, "t.yaml:39:13: YAML syntax error", 31) == 0);
	/* msg itself never carries the location. */
	assert_null(strstr(d.msg, "t.yaml"));
	free(text);
}

static void test_bad_args(void **state)
{
	ds_ruleset *rs = NULL;

	(void)state;
	assert_int_equal(ds_ruleset_load_mem(NULL, 5, "x", &rs, NULL), DS_ERR_ARG);
	assert_int_equal(ds_ruleset_load_mem("schema: 1", 9, "x", NULL, NULL), DS_ERR_ARG);
	assert_int_equal(ds_ruleset_load_file(NULL, &rs, NULL), DS_ERR_ARG);
	ds_ruleset_free(NULL);
}

static void test_nearest_word(void **state)
{
	static const char *const w[] = {"weight", "when", "reason"};

	(void)state;
	assert_string_equal(ds_nearest_word("wieght", w, 3), "weight");
	assert_string_equal(ds_nearest_word("wehn", w, 3), "when");
	assert_null(ds_nearest_word("colour", w, 3));
}

/* Line endings and framing do not move positions: CRLF, a BOM, explicit document markers. */
static void test_crlf_bom_markers(void **state)
{
	const struct bad_case *c = NULL;
	char *text, *crlf, *q;
	const char *p;
	size_t i;
	ds_ruleset *rs = NULL;
	ds_diag d;

	(void)state;
	for (i = 0; i < NBAD; i++)
		if (!strcmp(bad_cases[i].name, "unknown-rule-key"))
			c = &bad_cases[i];
	assert_non_null(c);
	text = case_text(c);
	crlf = malloc(2 * strlen(text) + 8);
	assert_non_null(crlf);
	/* CRLF */
	for (p = text, q = crlf; *p; p++) {
		if (*p == '\n')
			*q++ = '\r';
		*q++ = *p;
	}
	*q = '\0';
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_ruleset_load_mem(crlf, strlen(crlf), "crlf", &rs, &d), DS_ERR_RULES);
	assert_int_equal(d.line, c->line);
	assert_int_equal(d.col, c->col);
	/* A UTF-8 byte order mark is not a column. */
	snprintf(crlf, 2 * strlen(text) + 8, "\xef\xbb\xbf%s", text);
	assert_int_equal(ds_ruleset_load_mem(crlf, strlen(crlf), "bom", &rs, &d), DS_ERR_RULES);
	assert_int_equal(d.line, c->line);
	assert_int_equal(d.col, c->col);
	free(text);
	free(crlf);

	/* One document with explicit markers is fine. */
	text = case_text(NULL);
	crlf = malloc(strlen(text) + 16);
	assert_non_null(crlf);
	snprintf(crlf, strlen(text) + 16, "---\n%s...\n", text);
	assert_int_equal(ds_ruleset_load_mem(crlf, strlen(crlf), "markers", &rs, &d), DS_OK);
	ds_ruleset_free(rs);
	free(text);
	free(crlf);
}

/* ---- --write-data: (re)write the committed files from the table ---- */

static int write_data(const char *dir)
{
	char path[600];
	size_t i;

	for (i = 0; i <= NBAD; i++) {
		char *text = case_text(i < NBAD ? &bad_cases[i] : NULL);
		FILE *fp;
		if (i < NBAD)
			case_path(path, sizeof path, dir, bad_cases[i].name);
		else
			snprintf(path, sizeof path, "%s/valid-mini.yaml", dir);
		if ((fp = fopen(path, "wb")) == NULL || fputs(text, fp) == EOF || fclose(fp) != 0) {
			perror(path);
			free(text);
			return 1;
		}
		free(text);
	}
	printf("wrote %zu files to %s\n", NBAD + 1, dir);
	return 0;
}


/* ---- Chinese: diag.lang = DS_LANG_ZH (docs/i18n.md) ---- */

/*
 * Every bad case in Chinese: the same status and position as in English, and
 * a message in Chinese (no message left English), the caller's lang untouched.
 */
static void test_bad_zh(void **state)
{
	const struct bad_case *c = *state;
	char *text = case_text(c);
	char name[300];
	ds_ruleset *rs = NULL;
	ds_diag en, zh;

	snprintf(name, sizeof name, "bad-%s.yaml", c->name);
	memset(&en, 0, sizeof en);
	memset(&zh, 0, sizeof zh);
	zh.lang = DS_LANG_ZH;
	assert_int_equal(ds_ruleset_load_mem(text, strlen(text), name, &rs, &en), DS_ERR_RULES);
	assert_int_equal(ds_ruleset_load_mem(text, strlen(text), name, &rs, &zh), DS_ERR_RULES);
	assert_null(rs);
	if (!has_cjk(zh.msg) || zh.line != en.line || zh.col != en.col)
		print_message("  [%s] en %u:%u: %s\n       zh %u:%u: %s\n", c->name, en.line, en.col, en.msg, zh.line,
		              zh.col, zh.msg);
	assert_true(has_cjk(zh.msg));
	assert_false(has_cjk(en.msg));
	assert_string_equal(zh.file, en.file);
	assert_int_equal(zh.line, en.line);
	assert_int_equal(zh.col, en.col);
	assert_int_equal(zh.lang, DS_LANG_ZH);
	free(text);
}

/* A located message of a file in Chinese, exactly: the position as in English. */
static void expect_zh(const char *file, unsigned line, unsigned col, const char *msg)
{
	char path[600];
	ds_ruleset *rs = NULL;
	ds_diag d;

	snprintf(path, sizeof path, "%s/%s", RULES_DIR, file);
	memset(&d, 0, sizeof d);
	d.lang = DS_LANG_ZH;
	assert_int_equal(ds_ruleset_load_file(path, &rs, &d), DS_ERR_RULES);
	assert_null(rs);
	if (d.line != line || d.col != col || strcmp(d.msg, msg))
		print_message("  %s: want %u:%u: %s\n  got %u:%u: %s\n", file, line, col, msg, d.line, d.col, d.msg);
	assert_string_equal(d.file, path);
	assert_int_equal(d.line, line);
	assert_int_equal(d.col, col);
	assert_string_equal(d.msg, msg);
}

static void test_loader_zh(void **state)
{
	static const char tab[] = "a:\n\t b: 1\n";
	ds_ruleset *rs = NULL;
	ds_diag d;

	(void)state;
	expect_zh("bad-unknown-model-typo.yaml", 7, 10, "未知的模型“alpah”（是否想写“alpha”？）");
	expect_zh("bad-type-quoted-number.yaml", 47, 13, "键 weight 的值必须是数字，而不是字符串“2”（请去掉引号）");
	expect_zh("bad-type-map-for-list.yaml", 27, 13, "键 values 的值必须是列表，而不是映射");
	expect_zh("bad-unknown-text-key.yaml", 41, 34, "未知的键“zhh”，出现在键 reason 的值中（是否想写“zh”？）");
	expect_zh("bad-missing-fact-type.yaml", 14, 5, "事实缺少“type”");
	expect_zh("bad-dup-yaml-key.yaml", 40, 5, "键“class”重复（第一次出现在第 37 行）");
	expect_zh("bad-empty.yaml", 1, 1, "规则表是空的");
	/* libyaml's own words stay English inside the Chinese sentence */
	expect_zh("bad-syntax.yaml", 39, 13, "YAML 语法错误：mapping values are not allowed in this context");
	memset(&d, 0, sizeof d);
	d.lang = DS_LANG_ZH;
	assert_int_equal(ds_ruleset_load_mem(tab, strlen(tab), "tab.yaml", &rs, &d), DS_ERR_RULES);
	assert_int_equal(d.line, 2);
	assert_int_equal(d.col, 1);
	assert_non_null(strstr(d.msg, "YAML 语法错误："));
	assert_non_null(strstr(d.msg, "（此处是制表符：YAML 只能用空格缩进）"));
	d.lang = DS_LANG_EN;
	assert_int_equal(ds_ruleset_load_mem(tab, strlen(tab), "tab.yaml", &rs, &d), DS_ERR_RULES);
	assert_non_null(strstr(d.msg, " (a tab: YAML indents with spaces)"));
}

/* The problem of code in ps (the first), or fail. */
static const ds_problem *problem(const ds_problem *ps, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(ps[i].code, code))
			return &ps[i];
	fail_msg("no %s problem", code);
	return NULL;
}

/* rules check in Chinese: the same problems at the same places, each message in Chinese. */
static void test_check_zh(void **state)
{
	const char *path = RULES_DIR "/check-warnings.yaml";
	ds_problem *en = NULL, *zh = NULL;
	size_t nen = 0, nzh = 0, i;
	char *out = NULL;

	(void)state;
	assert_int_equal(ds_ruleset_check_file(path, DS_LANG_EN, &en, &nen), DS_OK);
	assert_int_equal(ds_ruleset_check_file(path, DS_LANG_ZH, &zh, &nzh), DS_OK);
	assert_int_equal(nzh, nen);
	assert_true(nzh >= 5);
	for (i = 0; i < nzh; i++) {
		assert_string_equal(zh[i].code, en[i].code);
		assert_int_equal(zh[i].diag.line, en[i].diag.line);
		assert_int_equal(zh[i].diag.col, en[i].diag.col);
		assert_true(has_cjk(zh[i].diag.msg));
		assert_false(has_cjk(en[i].diag.msg));
	}
	assert_string_equal(problem(zh, nzh, "never-true")->diag.msg,
	                    "规则 1.2（impossible-mem）永远不会触发：它读取的事实无论取什么值，它的条件都不成立");
	assert_string_equal(problem(en, nen, "never-true")->diag.msg,
	                    "rule 1.2 (impossible-mem) can never fire: no values of the facts it reads make its "
	                    "condition true");
	assert_string_equal(problem(zh, nzh, "unused-fact")->diag.msg,
	                    "没有任何规则或推导读取事实“colour”（如果它只作记录之用，请标上“informational: true”）");
	assert_string_equal(problem(zh, nzh, "masked")->diag.msg,
	                    "规则 1.5（small-mem-again）被 1.1（small-mem）掩盖：它每次触发时，1.1 都以相同的效果（禁用 B）触发");
	/* as text: the location stays ASCII, the severity in Chinese */
	assert_int_equal(ds_render_problems(zh, nzh, DS_FORMAT_TEXT, NULL, &out, NULL), DS_OK);
	assert_non_null(strstr(out, "check-warnings.yaml:39:5: 警告：规则 1.2（impossible-mem）永远不会触发"));
	assert_null(strstr(out, ": warning: "));
	free(out);
	/* JSON's own words never change with the language */
	assert_int_equal(ds_render_problems(zh, nzh, DS_FORMAT_JSON, NULL, &out, NULL), DS_OK);
	assert_non_null(strstr(out, "\"severity\":\"warning\""));
	free(out);
	free(en);
	free(zh);
}

/* A contradiction in Chinese, with its witness; and the errors of a table that does not load. */
static void test_check_zh_contradiction_and_errors(void **state)
{
	ds_problem *ps = NULL;
	size_t n = 0, i;
	char *out = NULL;

	(void)state;
	assert_int_equal(ds_ruleset_check_file(RULES_DIR "/check-contradiction.yaml", DS_LANG_ZH, &ps, &n), DS_OK);
	assert_non_null(strstr(problem(ps, n, "contradiction")->diag.msg, "相互矛盾"));
	assert_int_equal(ds_render_problems(ps, n, DS_FORMAT_TEXT, NULL, &out, NULL), DS_OK);
	assert_non_null(strstr(out, "相互矛盾；两条规则在以下输入下同时触发：{"));
	free(out);
	free(ps);
	assert_int_equal(ds_ruleset_check_file(RULES_DIR "/check-errors.yaml", DS_LANG_ZH, &ps, &n), DS_ERR_RULES);
	assert_true(n >= 2);
	for (i = 0; i < n; i++) {
		assert_int_equal(ps[i].severity, DS_SEV_ERROR);
		assert_true(has_cjk(ps[i].diag.msg));
	}
	assert_int_equal(ds_render_problems(ps, n, DS_FORMAT_TEXT, NULL, &out, NULL), DS_OK);
	assert_non_null(strstr(out, "check-errors.yaml:28:12: 错误：未知的类别“safty”（是否想写“safety”？）\n"));
	free(out);
	free(ps);
}

/*
 * Every table of tests/data/rules that rules check refuses or warns about, in
 * Chinese: the problems of English at the same places, and no message left in
 * English (each holds Chinese).
 */
static void test_check_all_tables_zh(void **state)
{
	DIR *dir = opendir(RULES_DIR);
	struct dirent *e;
	size_t tables = 0, problems = 0;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		char path[600];
		ds_problem *en = NULL, *zh = NULL;
		size_t nen = 0, nzh = 0, i;
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml"))
			continue;
		snprintf(path, sizeof path, "%s/%s", RULES_DIR, e->d_name);
		assert_int_equal(ds_ruleset_check_file(path, DS_LANG_ZH, &zh, &nzh),
		                 ds_ruleset_check_file(path, DS_LANG_EN, &en, &nen));
		assert_int_equal(nzh, nen);
		for (i = 0; i < nzh; i++) {
			if (!has_cjk(zh[i].diag.msg) || zh[i].diag.line != en[i].diag.line)
				print_message("  %s: en %u:%u: %s\n      zh %u:%u: %s\n", e->d_name, en[i].diag.line,
				              en[i].diag.col, en[i].diag.msg, zh[i].diag.line, zh[i].diag.col, zh[i].diag.msg);
			assert_true(has_cjk(zh[i].diag.msg));
			assert_int_equal(zh[i].diag.line, en[i].diag.line);
			assert_int_equal(zh[i].diag.col, en[i].diag.col);
			assert_string_equal(zh[i].code, en[i].code);
		}
		tables += nzh > 0;
		problems += nzh;
		free(en);
		free(zh);
	}
	closedir(dir);
	assert_true(tables >= 80); /* the bad-*, check-* and custom-bad-* tables */
	assert_true(problems >= tables);
}

/* rules list and rules show in Chinese: the class and effect columns, the headings. */
static void test_render_rules_zh(void **state)
{
	size_t len;
	const char *text = ds_ruleset_default_text(&len);
	ds_ruleset *rs = NULL;
	char *out = NULL;
	ds_diag d;

	(void)state;
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_ruleset_load_mem(text, len, "default", &rs, &d), DS_OK);
	assert_int_equal(ds_render_rules(rs, DS_FORMAT_TEXT, DS_LANG_ZH, NULL, &out, NULL), DS_OK);
	assert_true(!strncmp(out, "1.1   single-small-gpu             可行性       禁用     V2  ", strlen("1.1   single-small-gpu             可行性       禁用     V2  ")));
	assert_null(strstr(out, "feasibility"));
	assert_null(strstr(out, "forbid"));
	assert_non_null(strstr(out, "\n2.2   task-contract-extraction     质量         必须选用 V2  "));
	free(out);
	assert_int_equal(ds_render_rules(rs, DS_FORMAT_TEXT, DS_LANG_EN, NULL, &out, NULL), DS_OK);
	assert_true(!strncmp(out, "1.1   single-small-gpu             feasibility  forbid  V2  ", strlen("1.1   single-small-gpu             feasibility  forbid  V2  ")));
	free(out);
	assert_int_equal(ds_render_rules(rs, DS_FORMAT_TEXT, DS_LANG_ZH, "1.1", &out, NULL), DS_OK);
	assert_non_null(strstr(out, "\n  类别：可行性（硬性）\n  效果：禁用 V2\n  条件：gpus <= 1 且 gpu_mem <= 12\n  理由："));
	assert_non_null(strstr(out, "\n  示例：\n    触发    "));
	assert_non_null(strstr(out, "\n    不触发  "));
	free(out);
	ds_ruleset_free(rs);
}

/* rules test in Chinese: the failures' report; the counts do not change with the language. */
static void test_run_tests_zh(void **state)
{
	const char *path = RULES_DIR "/check-test-failures.yaml";
	ds_ruleset *rs = NULL;
	size_t passed = 0, failed = 0;
	char *out = NULL, want[700];
	ds_diag d;

	(void)state;
	memset(&d, 0, sizeof d);
	assert_int_equal(ds_ruleset_load_file(path, &rs, &d), DS_OK);
	assert_int_equal(ds_ruleset_run_tests(rs, DS_LANG_ZH, &out, &passed, &failed), DS_OK);
	assert_int_equal(passed, 5);
	assert_int_equal(failed, 2);
	snprintf(want, sizeof want,
	         "%s:30:9: 规则 1.1（small-mem）的示例：\n    工作负载描述：mem=13\n  - 期望：触发\n  + 实际：不触发\n"
	         "    推荐：A，状态：默认，备选：无；触发的规则：无\n",
	         path);
	assert_non_null(strstr(out, want));
	assert_non_null(strstr(out, "  - 状态：默认\n  + 状态：推荐\n"));
	assert_null(strstr(out, "expected"));
	free(out);
	assert_int_equal(ds_ruleset_run_tests(rs, DS_LANG_EN, &out, &passed, &failed), DS_OK);
	assert_non_null(strstr(out, "  - expected: fires\n  + got:      does not fire\n"
	                            "    recommendation A, status default, fallback null; fired: none\n"));
	free(out);
	ds_ruleset_free(rs);
}

int main(int argc, char **argv)
{
	static const struct CMUnitTest single[] = {
		cmocka_unit_test(test_base_is_valid),
		cmocka_unit_test(test_default_table),
		cmocka_unit_test(test_default_text_is_the_file),
		cmocka_unit_test(test_witness_is_a_spec),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_directory_is_io_error),
		cmocka_unit_test(test_valid_custom_table),
		cmocka_unit_test(test_edge_tables),
		cmocka_unit_test(test_mem_respects_len),
		cmocka_unit_test(test_diag_format),
		cmocka_unit_test(test_bad_args),
		cmocka_unit_test(test_nearest_word),
		cmocka_unit_test(test_crlf_bom_markers),
		cmocka_unit_test(test_loader_zh),
		cmocka_unit_test(test_check_zh),
		cmocka_unit_test(test_check_zh_contradiction_and_errors),
		cmocka_unit_test(test_check_all_tables_zh),
		cmocka_unit_test(test_render_rules_zh),
		cmocka_unit_test(test_run_tests_zh),
	};
	static struct CMUnitTest cases[3 * NBAD];
	static char names[3 * NBAD][80];
	size_t i;
	int failed;

	if (argc == 3 && !strcmp(argv[1], "--write-data"))
		return write_data(argv[2]);
	for (i = 0; i < NBAD; i++) {
		snprintf(names[2 * i], sizeof names[0], "mem:%s", bad_cases[i].name);
		snprintf(names[2 * i + 1], sizeof names[0], "file:%s", bad_cases[i].name);
		cases[2 * i].name = names[2 * i];
		cases[2 * i].test_func = test_bad_mem;
		cases[2 * i].initial_state = (void *)&bad_cases[i];
		cases[2 * i + 1].name = names[2 * i + 1];
		cases[2 * i + 1].test_func = test_bad_file;
		cases[2 * i + 1].initial_state = (void *)&bad_cases[i];
		snprintf(names[2 * NBAD + i], sizeof names[0], "zh:%s", bad_cases[i].name);
		cases[2 * NBAD + i].name = names[2 * NBAD + i];
		cases[2 * NBAD + i].test_func = test_bad_zh;
		cases[2 * NBAD + i].initial_state = (void *)&bad_cases[i];
	}
	failed = cmocka_run_group_tests_name("ruleset", single, NULL, NULL);
	failed += _cmocka_run_group_tests("bad tables", cases, 3 * NBAD, NULL, NULL);
	return failed ? 1 : 0;
}
