/* report.c: a result as JSON (compact or pretty) or as text for a person (English or Chinese). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "cond.h"
#include "facts.h"
#include "msgtext.h"
#include "result.h"
#include "specdata.h"
#include "width.h"
#include "words.h"

/* Warning i of a result in lang, appended to b. */
static void warning_text(const ds_result *r, size_t i, ds_lang lang, struct buf *b)
{
	const ds_ruleset *rs = r->rs;
	const struct warning *w = &r->warnings[i];
	const struct fact *f;
	const char *near;
	char shown[128];

	switch (w->kind) {
	case W_DERIVED:
		dsi_buf_puts(b, rs->derives[w->index].note_text[lang == DS_LANG_ZH]);
		return;
	case W_NOTE:
		dsi_buf_puts(b, dsi_rs_text(&rs->notes[w->index].message, lang));
		return;
	case W_UNREAD:
		dsi_buf_printf(b, dsi_tr(lang, M_W_UNREAD), rs->facts[w->index].key);
		return;
	case W_UNLISTED:
		break;
	}
	f = &rs->facts[w->index];
	near = ds_nearest_word(r->facts[w->index].str, (const char *const *)f->values, f->nvalues);
	dsi_text_clean(shown, sizeof shown, r->facts[w->index].str); /* no terminal control from a spec */
	dsi_buf_printf(b, dsi_tr(lang, M_W_UNLISTED), f->key, shown);
	if (near)
		dsi_buf_printf(b, dsi_tr(lang, M_W_UNLISTED_NEAR), near);
}

static const char *const state_names[] = {"applied", "overridden", "contradicted", "moot"};

/* Every rule of a set, in table order, by label: ["1.1", "1.2 multi-gpu-nccl"]. */
static void refs_json(const ds_ruleset *rs, uint64_t set, struct buf *b)
{
	uint64_t m = rs->nrules < 64 ? set & (((uint64_t)1 << rs->nrules) - 1) : set;
	int first = 1;

	dsi_buf_putc(b, '[');
	for (; m; m &= m - 1) { /* the set's bits only, in table order */
		if (!first)
			dsi_buf_putc(b, ',');
		dsi_jput(b, &rs->rules[__builtin_ctzll(m)].json_label);
		first = 0;
	}
	dsi_buf_putc(b, ']');
}

/* The highest-precedence rule of a set (rules in rs->order). */
static int first_rule(const ds_ruleset *rs, uint64_t set)
{
	size_t i;

	for (i = 0; set && i < rs->nrules; i++)
		if (set >> rs->order[i] & 1)
			return (int)rs->order[i];
	return -1;
}

static void model_json(const ds_ruleset *rs, int m, struct buf *b)
{
	if (m < 0)
		dsi_buf_lit(b, "null");
	else
		dsi_jput(b, &rs->models[m].json_id);
}

static void status_json(ds_outcome o, struct buf *b)
{
	if (o == DS_RECOMMENDED)
		dsi_buf_lit(b, ",\"status\":\"recommended\",\"fallback\":");
	else if (o == DS_DEFAULT)
		dsi_buf_lit(b, ",\"status\":\"default\",\"fallback\":");
	else
		dsi_buf_lit(b, ",\"status\":\"conflict\",\"fallback\":");
}

/* ---- the trace (DS_RENDER_EXPLAIN): every rule, every leaf, evaluated on the result's facts ---- */

static const char *const tv_names[] = {"false", "true", "unknown"}; /* by enum tv */

/*
 * What a leaf reads: whether its value is known (booleans always are: absent
 * means false), whether any of it was derived, and for a product the product.
 */
struct leaf_val {
	int known, derived;
	double product;
};

static struct leaf_val leaf_val(const ds_result *r, const struct cond *c)
{
	const struct value *a = &r->facts[c->fact[0]];
	struct leaf_val lv = {0, 0, 0};

	if (c->ftype == DS_FACT_BOOLEAN) {
		lv.known = 1;
		lv.derived = a->set == 2;
		return lv;
	}
	lv.known = a->set != 0;
	lv.derived = a->set == 2;
	if (c->nfacts == 2) {
		const struct value *b2 = &r->facts[c->fact[1]];
		lv.known = lv.known && b2->set;
		lv.derived = lv.derived || b2->set == 2;
		lv.product = a->num * b2->num;
	}
	return lv;
}

/* A leaf's constant as JSON: 12, "edge", ["code","math"], true; null for 'known'. */
static void const_json(const ds_ruleset *rs, const struct cond *c, struct buf *b)
{
	const struct fact *f = &rs->facts[c->fact[0]];
	uint64_t m;
	size_t i;

	if (c->op == OP_KNOWN) {
		dsi_buf_lit(b, "null");
	} else if (c->ftype == DS_FACT_BOOLEAN) {
		if (c->bits)
			dsi_buf_lit(b, "true");
		else
			dsi_buf_lit(b, "false");
	} else if (c->nfacts == 2 || c->ftype == DS_FACT_NUMBER || c->ftype == DS_FACT_INTEGER) {
		dsi_buf_num(b, c->num);
	} else if (c->ftype == DS_FACT_STRING) {
		if (c->op != OP_IN) {
			dsi_buf_json_str(b, c->nstrs ? c->strs[0] : "");
			return;
		}
		dsi_buf_putc(b, '[');
		for (i = 0; i < c->nstrs; i++) {
			if (i)
				dsi_buf_putc(b, ',');
			dsi_buf_json_str(b, c->strs[i]);
		}
		dsi_buf_putc(b, ']');
	} else if (c->op == OP_IN || c->op == OP_ANY_OF) { /* enum in, set any_of */
		dsi_buf_putc(b, '[');
		for (m = c->bits; m; m &= m - 1) {
			if (m != c->bits)
				dsi_buf_putc(b, ',');
			dsi_jput(b, &f->json_values[__builtin_ctzll(m)]);
		}
		dsi_buf_putc(b, ']');
	} else { /* enum eq, ne: one value */
		dsi_jput(b, &f->json_values[c->bits ? __builtin_ctzll(c->bits) : 0]);
	}
}

/* The leaves of c, in order, each as a JSON object; *first: none written yet. */
static void leaves_json(const ds_result *r, const struct cond *c, struct buf *b, int *first)
{
	const ds_ruleset *rs = r->rs;
	struct leaf_val lv;
	size_t i;

	if (c->kind != C_LEAF) {
		for (i = 0; i < c->nkids; i++)
			leaves_json(r, c->kids[i], b, first);
		return;
	}
	lv = leaf_val(r, c);
	if (!*first)
		dsi_buf_putc(b, ',');
	*first = 0;
	dsi_buf_lit(b, "{\"fact\":");
	if (c->nfacts == 2) {
		struct buf k;
		dsi_buf_init(&k);
		dsi_cond_leaf_key(rs, c, &k);
		if (k.oom)
			b->oom = 1;
		dsi_buf_json_str(b, k.p ? k.p : "");
		dsi_buf_free(&k);
	} else {
		const struct jtext *k = &rs->facts[c->fact[0]].json_key;
		dsi_buf_put(b, k->s, k->len - 1); /* without its ':' */
	}
	dsi_buf_lit(b, ",\"value\":");
	if (!lv.known)
		dsi_buf_lit(b, "null");
	else if (c->nfacts == 2)
		dsi_buf_num(b, lv.product);
	else
		dsi_value_json(&rs->facts[c->fact[0]], &r->facts[c->fact[0]], b);
	if (lv.derived)
		dsi_buf_lit(b, ",\"derived\":true,\"op\":");
	else
		dsi_buf_lit(b, ",\"derived\":false,\"op\":");
	dsi_buf_json_str(b, c->ftype == DS_FACT_BOOLEAN ? "is" : dsi_cond_op_name(c->op));
	dsi_buf_lit(b, ",\"constant\":");
	const_json(rs, c, b);
	dsi_buf_lit(b, ",\"result\":\"");
	dsi_buf_puts(b, tv_names[dsi_cond_eval(rs, c, r->facts)]);
	dsi_buf_lit(b, "\"}");
}

/* ,"trace":[...]: every rule in table order, its condition's value and every leaf's. */
static void trace_json(const ds_result *r, struct buf *b)
{
	const ds_ruleset *rs = r->rs;
	size_t i;

	dsi_buf_lit(b, ",\"trace\":[");
	for (i = 0; i < rs->nrules; i++) {
		const struct rule *ru = &rs->rules[i];
		struct buf when;
		int first = 1;
		if (i)
			dsi_buf_putc(b, ',');
		dsi_buf_lit(b, "{\"source\":");
		dsi_jput(b, &ru->json_ref);
		dsi_buf_lit(b, ",\"rule\":");
		dsi_buf_json_str(b, ru->id);
		dsi_buf_lit(b, ",\"result\":\"");
		dsi_buf_puts(b, tv_names[dsi_cond_eval(rs, ru->when, r->facts)]);
		dsi_buf_lit(b, "\",\"leaves\":[");
		leaves_json(r, ru->when, b, &first);
		dsi_buf_lit(b, "],\"when\":");
		dsi_buf_init(&when);
		dsi_cond_append(rs, ru->when, DS_LANG_EN, &when);
		if (when.oom)
			b->oom = 1;
		dsi_buf_json_str(b, when.p ? when.p : "");
		dsi_buf_free(&when);
		dsi_buf_putc(b, '}');
	}
	dsi_buf_putc(b, ']');
}

/* One counterfactual: {"fact","from","to","outcome":{...},"rules","fires","stops"[,"range"]}. */
static void change_json(const ds_ruleset *rs, const ds_result *r, const struct change *c, struct buf *b)
{
	const struct fact *f = &rs->facts[c->fact];

	dsi_buf_lit(b, "{\"fact\":");
	dsi_buf_put(b, f->json_key.s, f->json_key.len - 1);
	dsi_buf_lit(b, ",\"from\":");
	if (c->known)
		dsi_value_json(f, &r->facts[c->fact], b);
	else
		dsi_buf_lit(b, "null");
	dsi_buf_lit(b, ",\"to\":");
	dsi_value_json(f, &c->to, b);
	dsi_buf_lit(b, ",\"outcome\":{\"recommendation\":");
	model_json(rs, c->v.rec, b);
	status_json(c->v.outcome, b);
	model_json(rs, c->v.fallback, b);
	dsi_buf_lit(b, "},\"rules\":");
	refs_json(rs, c->on | c->off, b);
	dsi_buf_lit(b, ",\"fires\":");
	refs_json(rs, c->on, b);
	dsi_buf_lit(b, ",\"stops\":");
	refs_json(rs, c->off, b);
	if (f->type == DS_FACT_NUMBER || f->type == DS_FACT_INTEGER) {
		dsi_buf_lit(b, ",\"range\":{");
		if (c->lo_kind) {
			dsi_buf_puts(b, c->lo_kind == 1 ? "\"at_least\":" : "\"above\":");
			dsi_buf_num(b, c->lo);
		}
		if (c->hi_kind) {
			if (c->lo_kind)
				dsi_buf_putc(b, ',');
			dsi_buf_puts(b, c->hi_kind == 1 ? "\"at_most\":" : "\"below\":");
			dsi_buf_num(b, c->hi);
		}
		dsi_buf_putc(b, '}');
	}
	dsi_buf_putc(b, '}');
}

/* The object's start, {"id":..,"recommendation":..,"status":..,"fallback":..,"model":..: what was chosen. */
static void choice_json(const ds_ruleset *rs, const ds_result *r, struct buf *b)
{

	dsi_buf_putc(b, '{');
	if (r->has_id) {
		dsi_buf_lit(b, "\"id\":");
		if (r->id_is_num)
			dsi_buf_puts(b, r->id);
		else
			dsi_buf_json_str(b, r->id);
		dsi_buf_putc(b, ',');
	}
	dsi_buf_lit(b, "\"recommendation\":");
	model_json(rs, r->rec, b);
	status_json(r->outcome, b);
	model_json(rs, r->fallback, b);
	dsi_buf_lit(b, ",\"model\":");
	model_json(rs, r->rec >= 0 ? r->rec : r->fallback, b);
}

/* The members of "scores": every model's score, "V1":1.5,"V2":3. */
static void scores_json(const ds_ruleset *rs, const ds_result *r, struct buf *b)
{
	size_t i;

	for (i = 0; i < rs->nmodels; i++) {
		if (i)
			dsi_buf_putc(b, ',');
		dsi_jput(b, &rs->models[i].json_id);
		dsi_buf_putc(b, ':');
		dsi_buf_num(b, r->scores[i]);
	}
}

/* The items of "candidates": the models the hard rules left. */
static void candidates_json(const ds_ruleset *rs, const ds_result *r, struct buf *b)
{
	size_t i;
	int first = 1;

	for (i = 0; i < rs->nmodels; i++)
		if (r->candidates >> i & 1) {
			if (!first)
				dsi_buf_putc(b, ',');
			dsi_jput(b, &rs->models[i].json_id);
			first = 0;
		}
}

/* The items of "reasons": every rule that fired, in the result's order, with its state. */
static void reasons_json(const ds_ruleset *rs, const ds_result *r, struct buf *b)
{
	size_t i;

	for (i = 0; i < r->nreasons; i++) {
		const struct reason *re = &r->reasons[i];
		const struct rule *ru = &rs->rules[re->rule];
		int beat = first_rule(rs, re->beaten_by);
		if (i)
			dsi_buf_putc(b, ',');
		if ((re->state == DS_APPLIED || re->state == DS_MOOT) && !re->beaten_by && !re->contradicts) {
			dsi_jput(b, &ru->json_whole[re->state == DS_MOOT]); /* the common case, pre-rendered */
			continue;
		}
		dsi_jput(b, &ru->json_head);
		dsi_buf_puts(b, state_names[re->state]);
		dsi_jput(b, &ru->json_text);
		if (beat >= 0)
			dsi_jput(b, &rs->rules[beat].json_label);
		else
			dsi_buf_lit(b, "null");
		dsi_buf_lit(b, ",\"beaten_by\":");
		refs_json(rs, re->beaten_by, b);
		dsi_buf_lit(b, ",\"contradicts\":");
		refs_json(rs, re->contradicts, b);
		dsi_buf_putc(b, '}');
	}
}

/* The items of "conflicts" for reason i: an override, a group, its pairs (each after a ',' unless *first). */
static void conflict_json(const ds_ruleset *rs, const ds_result *r, size_t i, struct buf *b, int *first)
{
	const struct reason *re = &r->reasons[i];
	const struct rule *ru = &rs->rules[re->rule];
	size_t j;

	if (re->state == DS_OVERRIDDEN) {
		if (!*first)
			dsi_buf_putc(b, ',');
		dsi_buf_lit(b, "{\"type\":\"override\",\"rule\":");
		dsi_jput(b, &ru->json_label);
		dsi_buf_lit(b, ",\"by\":");
		refs_json(rs, re->beaten_by, b);
		dsi_buf_putc(b, '}');
		*first = 0;
	} else if (re->state == DS_CONTRADICTED && re->group) {
		/* a group that leaves nothing together: one entry, at its first member */
		for (j = 0; j < i && !(re->contradicts >> r->reasons[j].rule & 1); j++)
			;
		if (j < i)
			return;
		if (!*first)
			dsi_buf_putc(b, ',');
		dsi_buf_lit(b, "{\"type\":\"contradiction\",\"class\":");
		dsi_buf_json_str(b, rs->classes[ru->klass].id);
		dsi_buf_lit(b, ",\"rules\":");
		refs_json(rs, re->contradicts | (uint64_t)1 << re->rule, b);
		dsi_buf_putc(b, '}');
		*first = 0;
	} else if (re->state == DS_CONTRADICTED) {
		/* one entry per contradicting pair, at its first member */
		for (j = i + 1; j < r->nreasons; j++) {
			if (!(re->contradicts >> r->reasons[j].rule & 1))
				continue;
			if (!*first)
				dsi_buf_putc(b, ',');
			dsi_buf_lit(b, "{\"type\":\"contradiction\",\"class\":");
			dsi_buf_json_str(b, rs->classes[ru->klass].id);
			dsi_buf_lit(b, ",\"rules\":[");
			dsi_jput(b, &ru->json_label);
			dsi_buf_putc(b, ',');
			dsi_jput(b, &rs->rules[r->reasons[j].rule].json_label);
			dsi_buf_lit(b, "]}");
			*first = 0;
		}
	}
}

/* The items of "missing" and its ']', then ,"stable" and ,"changes" when asked for: what could change the answer. */
static void whatif_json(const ds_ruleset *rs, const ds_result *r, struct buf *b)
{
	size_t i;

	for (i = 0; i < r->nmissing; i++) {
		const struct jtext *k = &rs->facts[r->missing[i]].json_key;
		if (i)
			dsi_buf_putc(b, ',');
		dsi_buf_put(b, k->s, k->len - 1); /* without its ':' */
	}
	dsi_buf_putc(b, ']');
	if (r->stable >= 0)
		dsi_buf_puts(b, r->stable ? ",\"stable\":true" : ",\"stable\":false");
	if (r->has_changes) {
		dsi_buf_lit(b, ",\"changes\":[");
		for (i = 0; i < r->nchanges; i++) {
			if (i)
				dsi_buf_putc(b, ',');
			change_json(rs, r, &r->changes[i], b);
		}
		dsi_buf_putc(b, ']');
	}
}

/* The items of "warnings": each worded in English, then escaped. */
static void warnings_json(const ds_result *r, struct buf *b)
{
	size_t i;

	for (i = 0; i < r->nwarnings; i++) {
		struct buf t;
		if (i)
			dsi_buf_putc(b, ',');
		dsi_buf_init(&t);
		warning_text(r, i, DS_LANG_EN, &t);
		b->oom |= t.oom;
		dsi_buf_json_str(b, t.p ? t.p : "");
		dsi_buf_free(&t);
	}
}

/* The members of "facts" and its '}', then ,"fallback_by" and ,"detected" (what --detect found, if anything). */
static void facts_json(const ds_ruleset *rs, const ds_result *r, struct buf *b)
{
	size_t i;
	int first, detected = 0;

	for (i = 0, first = 1; i < rs->nfacts; i++) {
		const struct value *v = &r->facts[i];
		const struct fact *f = &rs->facts[i];
		if (!v->set)
			continue;
		if (!first)
			dsi_buf_putc(b, ',');
		first = 0;
		detected |= v->detected;
		dsi_jput(b, &f->json_key);
		dsi_value_json(f, v, b);
	}
	dsi_buf_putc(b, '}');
	dsi_buf_lit(b, ",\"fallback_by\":"); /* on conflict, how the fallback was chosen */
	if (r->outcome != DS_CONFLICT)
		dsi_buf_lit(b, "null");
	else
		dsi_buf_puts(b, r->by == BY_RULES ? "\"rules\"" : r->by == BY_SCORES ? "\"scores\"" :
		            r->by == BY_DEFAULT ? "\"default\"" : "\"order\"");
	for (i = 0, first = 1; detected && i < rs->nfacts; i++) { /* what --detect found, when it found anything */
		const struct value *v = &r->facts[i];
		if (!v->set || !v->detected)
			continue;
		dsi_buf_puts(b, first ? ",\"detected\":{" : ",");
		first = 0;
		dsi_jput(b, &rs->facts[i].json_key);
		dsi_value_json(&rs->facts[i], v, b);
	}
	if (!first)
		dsi_buf_putc(b, '}');
}

/* One line of JSON; the keys and their order are documented in docs/output.md. */
static void render_json(const ds_result *r, unsigned flags, struct buf *b)
{
	const ds_ruleset *rs = r->rs; /* loaded once: what the pieces write could alias *r */
	size_t i;
	int first = 1;

	choice_json(rs, r, b);
	dsi_buf_lit(b, ",\"scores\":{");
	scores_json(rs, r, b);
	dsi_buf_lit(b, "},\"candidates\":[");
	candidates_json(rs, r, b);
	dsi_buf_lit(b, "],\"reasons\":[");
	reasons_json(rs, r, b);
	dsi_buf_lit(b, "],\"conflicts\":[");
	for (i = 0; i < r->nreasons; i++)
		conflict_json(rs, r, i, b, &first);
	dsi_buf_lit(b, "],\"missing\":[");
	whatif_json(rs, r, b);
	dsi_buf_lit(b, ",\"warnings\":[");
	warnings_json(r, b);
	dsi_buf_lit(b, "],\"facts\":{");
	facts_json(rs, r, b);
	if (flags & DS_RENDER_EXPLAIN)
		trace_json(r, b);
	dsi_buf_putc(b, '}');
}

/* Re-indents compact JSON (as written above) with two spaces. */
static void pretty(const char *s, struct buf *b)
{
	int depth = 0, in_str = 0, i;

	for (; *s; s++) {
		char c = *s;
		if (in_str) {
			dsi_buf_putc(b, c);
			if (c == '\\')
				dsi_buf_putc(b, *++s);
			else if (c == '"')
				in_str = 0;
			continue;
		}
		switch (c) {
		case '"':
			in_str = 1;
			dsi_buf_putc(b, c);
			break;
		case '{':
		case '[':
			if (s[1] == (c == '{' ? '}' : ']')) {
				dsi_buf_putc(b, c);
				dsi_buf_putc(b, *++s);
				break;
			}
			dsi_buf_putc(b, c);
			dsi_buf_putc(b, '\n');
			depth++;
			for (i = 0; i < depth; i++)
				dsi_buf_puts(b, "  ");
			break;
		case '}':
		case ']':
			dsi_buf_putc(b, '\n');
			depth--;
			for (i = 0; i < depth; i++)
				dsi_buf_puts(b, "  ");
			dsi_buf_putc(b, c);
			break;
		case ',':
			dsi_buf_puts(b, ",\n");
			for (i = 0; i < depth; i++)
				dsi_buf_puts(b, "  ");
			break;
		case ':':
			dsi_buf_puts(b, ": ");
			break;
		default:
			dsi_buf_putc(b, c);
		}
	}
}

/* ---- text ---- */

struct words {
	const char *rec, *def, *tie, *conflict, *fallback, *why, *evidence, *conflicts, *overridden,
	    *outranks, *to_follow, *contradict, *no_winner, *scores, *missing, *missing_none,
	    *warnings, *moot, *state_contra, *state_over, *candidates, *none_fired;
	const char *changes, *changes_none, *stable, *with, *add, *no_longer, *by_default, *conflict_fb,
	    *or_more, *more_than, *or_less, *less_than, *range_to, *and, *any_value, *nothing, *now_recommended,
	    *product, *starts, *start_many, *but, *still_requires, *requires, *still_forbids, *forbids, *scores_higher,
	    *scores_tie;
	/* a fallback chosen by no rule; several classes outranking one; all of several beaters to remove */
	const char *fallback_default, *fallback_order, *outrank_many, *to_follow_all, *list_and, *list_sep,
	    *cond_sep, *same_class;
};

static const struct words en = {
	"Recommendation: %s",
	"Recommendation: %s (the table's default: no rule told the models apart)",
	"Recommendation: %s (a tie: the first of the best candidates in the table's order, the default being ruled out)",
	"Conflict: no model satisfies every hard rule.",
	"Least-bad choice (fallback): %s",
	"Why:",
	"evidence",
	"What beat what:",
	"%s (%s: %s %s) is overridden by %s",
	"%s outranks %s",
	"to follow %s instead, this must stop holding: %s",
	"%s contradict each other; rules of one class (%s) have equal precedence, so none wins",
	"change the facts behind one of them:",
	"Scores:",
	"Would help to know (could change the answer):",
	"No single unknown fact could change the answer (several together were not checked: --changes 0 checks them).",
	"Warnings:",
	"no effect: %s is no longer a candidate",
	"set aside: contradicts %s",
	"overridden by %s",
	"Candidates after the hard rules:",
	"No rule fired.",
	"What would change it (one fact at a time, smallest change first):",
	"No change of a single fact changes the answer.",
	"Stable: nothing still unknown can change the answer.",
	"with",
	"if you add",
	" no longer applies",
	"%s by default",
	"a conflict, fallback %s",
	"%s or more",
	"more than %s",
	"%s or less",
	"less than %s",
	"%s to %s",
	"%s and %s",
	"any value",
	"no members",
	"%s, recommended rather than by default",
	" (%s/%s, for --%s %s)",
	" starts",
	" start",
	", but ",
	"%s still requires %s",
	"%s requires %s",
	"%s still forbids %s",
	"%s forbids %s",
	"%s scores higher",
	"the scores tie",
	"Least-bad choice (by default, nothing told them apart): %s",
	"Least-bad choice (a tie, the default ruled out: the first of the best in the table's order): %s",
	"%s outrank %s",
	"to follow %s instead, all of these must stop holding: %s",
	" and ",
	", ",
	"; ",
	" (%s, of the same class, would contradict %s)",
};

static const struct words zh = {
	"推荐：%s",
	"推荐：%s（规则表的默认模型：没有规则能区分各模型）",
	"推荐：%s（并列：默认模型已被排除，取规则表顺序中最靠前的并列模型）",
	"冲突：没有模型能满足全部硬性规则。",
	"备选模型：%s",
	"理由：",
	"依据",
	"规则之间的胜负：",
	"%s（%s：%s %s）被 %s 否决",
	"%s优先于%s",
	"若要改为遵循 %s，须让这一条件不再成立：%s",
	"%s 相互矛盾；同一类别（%s）的规则优先级相同，无一胜出",
	"请修改其中一条所依赖的事实：",
	"得分：",
	"补充这些信息可能改变结论：",
	"单独补充任何一项未知信息都不会改变结论（未检查多项同时补充的情形：--changes 0 会检查）。",
	"警告：",
	"不起作用：%s 已不在候选之列",
	"被搁置：与 %s 矛盾",
	"被 %s 否决",
	"硬性规则之后的候选：",
	"没有规则触发。",
	"什么会改变结论（每次只改一项，改动最小的在前）：",
	"只改一项事实不会改变结论。",
	"结论稳定：仍未知的信息都不会改变它。",
	"若",
	"若补充",
	" 不再适用",
	"默认 %s",
	"冲突，备选 %s",
	"%s 及以上",
	"大于 %s",
	"%s 及以下",
	"小于 %s",
	"%s 至 %s",
	"%s 且 %s",
	"任意值",
	"空集",
	"明确推荐 %s，不再只是默认",
	"（%s/%s，对应 --%s %s）",
	" 开始适用",
	" 开始适用",
	"，但 ",
	"%s 仍要求选用 %s",
	"%s 要求选用 %s",
	"%s 仍禁用 %s",
	"%s 禁用 %s",
	"%s 得分更高",
	"各模型得分持平",
	"备选模型（按默认模型：没有规则能区分各模型）：%s",
	"备选模型（各模型并列，默认模型已被排除：取规则表顺序中最靠前的一个）：%s",
	"%s均优先于%s",
	"若要改为遵循 %s，须让下列条件全部不再成立：%s",
	"、",
	"、",
	"；",
	"（%s 与 %s 同属一类，会与之相互矛盾）",
};

static void refs_text(const ds_ruleset *rs, uint64_t set, struct buf *b, const char *sep)
{
	size_t i;
	int first = 1;

	for (i = 0; i < rs->nrules; i++)
		if (set >> rs->order[i] & 1) {
			dsi_buf_printf(b, "%s%s", first ? "" : sep, rs->rules[rs->order[i]].label);
			first = 0;
		}
}

/*
 * The rules of rule i's class that applied in r and, with the rules that beat
 * i gone, would contradict it, as the decision sets them aside: those that
 * alone leave none of its models; when no such pair is to blame but together
 * they leave none, all of them (a group).
 */
static uint64_t same_class_blockers(const ds_result *r, unsigned i)
{
	const ds_ruleset *rs = r->rs;
	const struct rule *ru = &rs->rules[i];
	uint64_t pairs = 0, all = 0, left = ru->allow, rest = ru->allow;
	size_t j;

	for (j = 0; j < r->nreasons; j++) {
		const struct reason *re = &r->reasons[j];
		const struct rule *q = &rs->rules[re->rule];
		if (re->rule == i || q->klass != ru->klass || re->state != DS_APPLIED)
			continue;
		all |= (uint64_t)1 << re->rule;
		left &= q->allow;
		if (!(q->allow & ru->allow))
			pairs |= (uint64_t)1 << re->rule;
		else
			rest &= q->allow;
	}
	if (left)
		return 0; /* they leave it a model: no contradiction */
	return rest ? pairs : all;
}

/* The rules of a set by label, in precedence order, as a list: "3.3 and 5.1", "1.1, 3.3 and 5.1". */
static void refs_list(const ds_ruleset *rs, uint64_t set, const char *sep, const char *last, struct buf *b)
{
	size_t i, n = 0, k = 0;

	for (i = 0; i < rs->nrules; i++)
		n += set >> i & 1;
	for (i = 0; i < rs->nrules; i++)
		if (set >> rs->order[i] & 1) {
			dsi_buf_puts(b, k == 0 ? "" : k + 1 == n ? last : sep);
			dsi_buf_puts(b, rs->rules[rs->order[i]].label);
			k++;
		}
}

/* Words of the text trace, by language; results by enum tv. */
struct trace_words {
	const char *heading, *rule_tv[3], *leaf_tv[3], *unknown, *derived, *all, *any, *not_;
};

static const struct trace_words trace_en = {
	"Every rule:", {"does not fire", "fires", "unknown"}, {"false", "true", "unknown"},
	"(unknown)", " (derived)", "all of", "any of", "not",
};

static const struct trace_words trace_zh = {
	"全部规则：", {"未触发", "触发", "未知"}, {"不成立", "成立", "未知"},
	"（未知）", "（推导）", "全部满足", "任一满足", "非",
};

/* A spec's string, as one printable line. */
static void clean_str(struct buf *b, const char *s)
{
	size_t n = strlen(s) * 4 + 8; /* text_clean writes at most 4 bytes (\xNN) per byte */
	char *t = malloc(n);

	if (t == NULL) {
		b->oom = 1;
		return;
	}
	dsi_text_clean(t, n, s);
	dsi_buf_puts(b, t);
	free(t);
}

/*
 * The lines of condition c at depth d: a leaf as "fact = value op constant ->
 * result"; a group (any, not, or an all below the top) as a line of its own,
 * its parts indented under it. The top all is implied by the rule's line.
 */
static void trace_cond_text(const ds_result *r, const struct cond *c, const struct trace_words *tw, ds_lang lang,
                            unsigned d, int top, struct buf *b)
{
	const ds_ruleset *rs = r->rs;
	enum tv t = dsi_cond_eval(rs, c, r->facts);
	unsigned i;
	size_t k;

	if (c->kind == C_ALL && top) {
		for (k = 0; k < c->nkids; k++)
			trace_cond_text(r, c->kids[k], tw, lang, d, 0, b);
		return;
	}
	for (i = 0; i < 6 + 2 * d; i++)
		dsi_buf_putc(b, ' ');
	if (c->kind != C_LEAF) {
		dsi_buf_printf(b, "%s -> %s\n", c->kind == C_ALL ? tw->all : c->kind == C_ANY ? tw->any : tw->not_,
		           tw->leaf_tv[t]);
		for (k = 0; k < c->nkids; k++)
			trace_cond_text(r, c->kids[k], tw, lang, d + 1, 0, b);
		return;
	}
	{
		struct leaf_val lv = leaf_val(r, c);
		const struct value *v = &r->facts[c->fact[0]];
		dsi_cond_leaf_key(rs, c, b);
		dsi_buf_puts(b, " = ");
		if (!lv.known)
			dsi_buf_puts(b, tw->unknown);
		else if (c->nfacts == 2)
			dsi_buf_num(b, lv.product);
		else if (c->ftype == DS_FACT_STRING)
			clean_str(b, v->str ? v->str : "");
		else
			dsi_value_text(rs, c->fact[0], v, b);
		if (lv.derived)
			dsi_buf_puts(b, tw->derived);
		dsi_cond_op_const(rs, c, b, lang);
		dsi_buf_printf(b, " -> %s\n", tw->leaf_tv[t]);
	}
}

/* "Every rule:": one line per rule in table order, then its condition's leaves. */
static void trace_text(const ds_result *r, ds_lang lang, struct buf *b)
{
	const struct trace_words *tw = lang == DS_LANG_ZH ? &trace_zh : &trace_en;
	const ds_ruleset *rs = r->rs;
	size_t i;

	dsi_buf_printf(b, "\n%s\n", tw->heading);
	for (i = 0; i < rs->nrules; i++) {
		const struct rule *ru = &rs->rules[i];
		dsi_buf_printf(b, "  [%s] %s%s%s\n", ru->ref, ru->id, lang == DS_LANG_ZH ? ":" : ": ",
		           tw->rule_tv[dsi_cond_eval(rs, ru->when, r->facts)]);
		trace_cond_text(r, ru->when, tw, lang, 0, 1, b);
	}
}

/* A number of a change's range, or the value: "12". */
static void num_str(char *out, size_t n, double v) { dsi_num_text(out, n, v); }

/* After an end's words in out (of size n), the product it is the end of: " (80/7, for --gpus 7)"; prod 0: none. */
static void product_words(const ds_ruleset *rs, const struct fact *f, int prod, double o, const struct words *w,
                          char *out, size_t n)
{
	char k[40], ot[40];
	size_t len = strlen(out);

	if (prod <= 0)
		return;
	num_str(k, sizeof k, f->prods[prod - 1].k);
	num_str(ot, sizeof ot, o);
	snprintf(out + len, n - len, w->product, k, ot, rs->facts[f->prods[prod - 1].other].flag, ot);
}

/* The rules of set whose effect works against model m: prefer or require another, avoid or forbid m. */
static uint64_t against_model(const ds_ruleset *rs, uint64_t set, int m)
{
	uint64_t out = 0, s;

	for (s = set; s && m >= 0; s &= s - 1) {
		const struct rule *ru = &rs->rules[__builtin_ctzll(s)];
		int other = ru->effect == E_REQUIRE || ru->effect == E_PREFER;
		if (other ? (int)ru->model != m : (int)ru->model == m)
			out |= (uint64_t)1 << __builtin_ctzll(s);
	}
	return out;
}

/*
 * Rules that start to fire against a change's outcome, and why it holds all
 * the same: "1.2 no-cluster-for-moe starts, but 2.2 still requires V2" (the
 * hard rules that leave only it, "still" for those firing already), "but V2
 * scores higher", "but the scores tie".
 */
static void despite_text(const ds_result *r, const struct change *c, uint64_t against, const struct words *w,
                         struct buf *b)
{
	const ds_ruleset *rs = r->rs;
	uint64_t before = 0, after, others = 0;
	struct trace tr;
	struct decision d;
	size_t i, n = 0;
	int m = c->v.rec, first = 1;

	for (i = 0; i < r->nreasons; i++)
		before |= (uint64_t)1 << r->reasons[i].rule;
	after = (before & ~c->off) | c->on;
	memset(&tr, 0, sizeof tr);
	d = dsi_decide(rs, after, NULL, &tr);
	for (i = 0; i < rs->nrules; i++)
		if (against >> rs->order[i] & 1) {
			dsi_buf_puts(b, first ? "" : w->list_and);
			dsi_buf_puts(b, rs->rules[rs->order[i]].label);
			first = 0;
			n++;
		}
	dsi_buf_puts(b, n > 1 ? w->start_many : w->starts);
	dsi_buf_puts(b, w->but);
	for (i = 0; i < rs->nmodels; i++)
		if ((int)i != m)
			others |= (uint64_t)1 << i;
	first = 1;
	if (d.by == BY_RULES)
		for (i = 0; i < rs->nrules; i++) { /* the hard rules that removed another model */
			unsigned k = rs->order[i];
			const struct rule *ru = &rs->rules[k];
			int still = (before & ~c->on) >> k & 1;
			if (!(after >> k & 1) || rs->classes[ru->klass].soft || tr.state[k] != DS_APPLIED ||
			    (others & ~ru->allow) == 0)
				continue;
			dsi_buf_puts(b, first ? "" : w->list_and);
			dsi_buf_printf(b, ru->effect == E_REQUIRE ? (still ? w->still_requires : w->requires)
			                                           : (still ? w->still_forbids : w->forbids),
			               ru->label, rs->models[ru->model].id);
			first = 0;
		}
	if (first && d.by == BY_SCORES)
		dsi_buf_printf(b, w->scores_higher, rs->models[m].id);
	else if (first)
		dsi_buf_puts(b, w->scores_tie);
}

/*
 * One counterfactual as a line: "  with --gpu-mem more than 12: V2 (1.1 no
 * longer applies)", "  if you add --p99-ms 80 or less: V1 (3.1)".
 */
static void change_text(const ds_result *r, const struct change *c, const struct words *w, ds_lang lang,
                        struct buf *b)
{
	const ds_ruleset *rs = r->rs;
	const struct fact *f = &rs->facts[c->fact];
	char lo[40], hi[40], a[256], z[256];
	uint64_t against;
	size_t i;
	int first = 1;

	dsi_buf_printf(b, "  %s ", c->known ? w->with : w->add);
	switch (f->type) {
	case DS_FACT_BOOLEAN:
		dsi_buf_printf(b, "--%s%s", c->to.num != 0 ? "" : "no-", f->flag);
		break;
	case DS_FACT_NUMBER:
	case DS_FACT_INTEGER: /* the ends as words (c->lo_say...: short decimals), not JSON's exact doubles */
		dsi_buf_printf(b, "--%s ", f->flag);
		num_str(lo, sizeof lo, c->lo_at);
		num_str(hi, sizeof hi, c->hi_at);
		if (c->lo_say == 1 && c->hi_say == 1 && !c->lo_prod && !c->hi_prod) {
			if (c->lo_at == c->hi_at)
				dsi_buf_puts(b, lo);
			else
				dsi_buf_printf(b, w->range_to, lo, hi);
			break;
		}
		if ((c->hi_say == 1 && !c->lo_say && f->has_min && !f->min_excl && c->hi_at == f->min) ||
		    (c->lo_say == 1 && !c->hi_say && f->has_max && !f->max_excl && c->lo_at == f->max)) {
			dsi_buf_puts(b, c->hi_say ? hi : lo); /* "0 or less" for a fact whose least value is 0: "0" */
			break;
		}
		snprintf(a, sizeof a, c->lo_say == 1 ? w->or_more : w->more_than, lo);
		product_words(rs, f, c->lo_prod, c->lo_o, w, a, sizeof a);
		snprintf(z, sizeof z, c->hi_say == 1 ? w->or_less : w->less_than, hi);
		product_words(rs, f, c->hi_prod, c->hi_o, w, z, sizeof z);
		if (c->lo_say && c->hi_say)
			dsi_buf_printf(b, w->and, a, z);
		else if (c->lo_say)
			dsi_buf_puts(b, a);
		else if (c->hi_say)
			dsi_buf_puts(b, z);
		else
			dsi_buf_puts(b, w->any_value);
		break;
	case DS_FACT_SET:
		dsi_buf_printf(b, "--%s ", f->flag);
		if (c->to.bits == 0)
			dsi_buf_puts(b, w->nothing);
		for (i = 0; i < f->nvalues; i++)
			if (c->to.bits >> i & 1) {
				dsi_buf_printf(b, "%s%s", first ? "" : ",", f->values[i]);
				first = 0;
			}
		break;
	default:
		dsi_buf_printf(b, "--%s ", f->flag);
		dsi_value_text(rs, c->fact, &c->to, b);
		break;
	}
	dsi_buf_puts(b, lang == DS_LANG_ZH ? "：" : ": ");
	if (c->v.outcome == DS_CONFLICT)
		dsi_buf_printf(b, w->conflict_fb, rs->models[c->v.fallback].id);
	else if (c->v.outcome == DS_DEFAULT)
		dsi_buf_printf(b, w->by_default, rs->models[c->v.rec].id);
	else if (r->outcome == DS_DEFAULT && r->rec == c->v.rec) /* same model: only the status changes */
		dsi_buf_printf(b, w->now_recommended, rs->models[c->v.rec].id);
	else
		dsi_buf_puts(b, rs->models[c->v.rec].id);
	dsi_buf_puts(b, lang == DS_LANG_ZH ? "（" : " (");
	first = 1;
	against = c->v.outcome == DS_CONFLICT ? 0 : against_model(rs, c->on, c->v.rec);
	for (i = 0; i < rs->nrules; i++) /* what starts to fire, then what stops */
		if ((c->on & ~against) >> rs->order[i] & 1) {
			dsi_buf_puts(b, first ? "" : w->cond_sep);
			dsi_buf_puts(b, rs->rules[rs->order[i]].label);
			first = 0;
		}
	for (i = 0; i < rs->nrules; i++)
		if (c->off >> rs->order[i] & 1) {
			dsi_buf_puts(b, first ? "" : w->cond_sep);
			dsi_buf_puts(b, rs->rules[rs->order[i]].label);
			dsi_buf_puts(b, w->no_longer); /* " no longer applies" */
			first = 0;
		}
	if (against) { /* then what starts against the outcome, and why the outcome holds despite it */
		dsi_buf_puts(b, first ? "" : w->cond_sep);
		despite_text(r, c, against, w, b);
	}
	dsi_buf_puts(b, lang == DS_LANG_ZH ? "）\n" : ")\n");
}

/* What the pieces of render_text() share. */
struct text_out {
	const ds_result *r;
	const ds_ruleset *rs;
	const struct words *w;
	ds_lang lang;
	struct buf *b;
	int any; /* the "What beat what:" heading is written */
	int color; /* DS_RENDER_COLOR: ANSI colors for a terminal */
	int show_id; /* not DS_RENDER_NO_ID: the spec's id heads the text */
};

/* The colors of DS_RENDER_COLOR (SGR): the choice by its outcome, a rule's ref, a rule set aside. */
#define SGR_RECOMMENDED "\033[1;32m"
#define SGR_CONFLICT "\033[1;31m"
#define SGR_DEFAULT "\033[1;33m"
#define SGR_REF "\033[36m"
#define SGR_ASIDE "\033[2m"
#define SGR_RESET "\033[0m"

/* "Recommendation: V2 — DeepSeek V2", or the conflict and its fallback. */
static void choice_text(const struct text_out *o)
{
	const ds_result *r = o->r;
	const ds_ruleset *rs = o->rs;
	const struct words *w = o->w;
	struct buf *b = o->b;
	int m = r->rec >= 0 ? r->rec : r->fallback;

	if (r->has_id && o->show_id) { /* which workload this is: a spec's id, as given */
		dsi_buf_printf(b, dsi_tr(o->lang, M_TEXT_WORKLOAD), "");
		clean_str(b, r->id);
		dsi_buf_putc(b, '\n');
	}
	if (o->color)
		dsi_buf_puts(b, r->outcome == DS_CONFLICT ? SGR_CONFLICT : r->outcome == DS_DEFAULT ? SGR_DEFAULT
		                                                                                  : SGR_RECOMMENDED);
	if (r->outcome == DS_CONFLICT) {
		dsi_buf_printf(b, "%s%s\n", w->conflict, o->color ? SGR_RESET : "");
		dsi_buf_printf(b, r->by == BY_DEFAULT ? w->fallback_default : r->by == BY_ORDER ? w->fallback_order : w->fallback,
		           rs->models[r->fallback].id);
	} else {
		dsi_buf_printf(b, r->outcome != DS_DEFAULT ? w->rec : r->rec == (int)rs->defmodel ? w->def : w->tie,
		           rs->models[r->rec].id);
	}
	if (rs->models[m].name.s[DS_LANG_EN])
		dsi_buf_printf(b, " — %s", dsi_rs_text(&rs->models[m].name, o->lang));
	dsi_buf_puts(b, o->color && r->outcome != DS_CONFLICT ? SGR_RESET "\n" : "\n");
}

/* One reason under "Why:": "  [1.1] exclude V2 (feasibility): ..." with its state, then its evidence. */
static void reason_text(const struct text_out *o, const struct reason *re)
{
	const ds_ruleset *rs = o->rs;
	const struct words *w = o->w;
	const struct rule *ru = &rs->rules[re->rule];
	const struct klass *k = &rs->classes[ru->klass];
	ds_lang lang = o->lang;
	struct buf *b = o->b;

	const char *ref_on = !o->color ? "" : re->state == DS_APPLIED ? SGR_REF : SGR_ASIDE;
	const char *ref_off = !o->color ? "" : re->state == DS_APPLIED ? SGR_RESET : "";

	/* a rule set aside (overridden, contradicted, moot) is dim from its ref to its line's end */
	dsi_buf_printf(b, "  %s[%s]%s %s %s%s%s", ref_on, ru->label, ref_off, dsi_effect_name(ru->effect, lang),
	           rs->models[ru->model].id, lang == DS_LANG_ZH ? "（" : " (", dsi_class_name(rs, ru->klass, lang));
	if (k->soft) {
		dsi_buf_puts(b, lang == DS_LANG_ZH ? "，权重 " : ", weight ");
		dsi_buf_num(b, ru->weight);
	}
	dsi_buf_puts(b, lang == DS_LANG_ZH ? "）：" : "): ");
	dsi_buf_puts(b, dsi_rs_text(&ru->reason, lang));
	if (re->state != DS_APPLIED) {
		struct buf t;
		dsi_buf_init(&t);
		if (re->state == DS_OVERRIDDEN)
			refs_list(rs, re->beaten_by, w->list_sep, w->list_and, &t);
		else if (re->state == DS_CONTRADICTED)
			refs_list(rs, re->contradicts, w->list_sep, w->list_and, &t);
		else
			dsi_buf_puts(&t, rs->models[ru->model].id);
		dsi_buf_puts(b, lang == DS_LANG_ZH ? "（" : " (");
		dsi_buf_printf(b, re->state == DS_OVERRIDDEN ? w->state_over :
		              re->state == DS_CONTRADICTED ? w->state_contra : w->moot,
		           t.p ? t.p : "");
		dsi_buf_puts(b, lang == DS_LANG_ZH ? "）" : ")");
		dsi_buf_free(&t);
	}
	dsi_buf_puts(b, re->state != DS_APPLIED && o->color ? SGR_RESET "\n" : "\n");
	if (ru->evidence.s[DS_LANG_EN]) { /* under the effect word: "  [ref] " in display columns */
		dsi_buf_pad(b, "", ds_text_width(ru->label) + 5);
		dsi_buf_printf(b, "%s%s%s\n", w->evidence, lang == DS_LANG_ZH ? "：" : ": ", dsi_rs_text(&ru->evidence, lang));
	}
}

/* The "What beat what:" heading, before the first conflict only. */
static void conflicts_heading(struct text_out *o)
{
	if (!o->any++)
		dsi_buf_printf(o->b, "\n%s\n", o->w->conflicts);
}

/* "2.2 (quality: require V2) is overridden by 1.1: feasibility outranks quality" (its line). */
static void overridden_text(const struct text_out *o, const struct rule *ru, uint64_t beaten_by)
{
	const ds_ruleset *rs = o->rs;
	const struct words *w = o->w;
	ds_lang lang = o->lang;
	struct buf *b = o->b, t;
	uint64_t classes = 0;
	size_t nc = 0, j, k, c;

	for (j = 0; j < rs->nrules; j++)
		if (beaten_by >> j & 1)
			classes |= (uint64_t)1 << rs->classes[rs->rules[j].klass].rank;
	dsi_buf_init(&t);
	refs_list(rs, beaten_by, w->list_sep, w->list_and, &t);
	dsi_buf_puts(b, "  ");
	dsi_buf_printf(b, w->overridden, ru->label, dsi_class_name(rs, ru->klass, lang),
	           dsi_effect_name(ru->effect, lang), rs->models[ru->model].id, t.p ? t.p : "?");
	dsi_buf_free(&t);
	dsi_buf_init(&t); /* the classes that beat it, highest first: "feasibility and compliance" */
	for (c = 0; c < rs->nhard; c++) {
		if (!(classes >> c & 1))
			continue;
		for (k = 0; k < rs->nclasses && (rs->classes[k].soft || rs->classes[k].rank != c); k++)
			;
		if (nc++)
			dsi_buf_puts(&t, classes >> (c + 1) ? w->list_sep : w->list_and);
		dsi_buf_puts(&t, dsi_class_name(rs, (unsigned)k, lang));
	}
	if (nc) {
		dsi_buf_puts(b, lang == DS_LANG_ZH ? "：" : ": ");
		dsi_buf_printf(b, nc > 1 ? w->outrank_many : w->outranks, t.p ? t.p : "",
		           dsi_class_name(rs, ru->klass, lang));
	}
	dsi_buf_free(&t);
	dsi_buf_putc(b, '\n');
}

/* What would have to change for an overridden rule to be followed, in one sentence ("to follow 2.2 instead, ..."). */
static void to_follow_text(const struct text_out *o, const struct reason *re)
{
	const ds_ruleset *rs = o->rs;
	const struct words *w = o->w;
	const struct rule *ru = &rs->rules[re->rule];
	uint64_t blockers = same_class_blockers(o->r, re->rule);
	struct buf *b = o->b, t;
	size_t j, k;

	/*
	 * Every rule that beat it, since any one of them left standing still
	 * beats it; and the rules of its own class that apply against every model
	 * it needs: with the beaters gone, they would contradict it (3.1 against
	 * 3.2), so they must stop holding too.
	 */
	dsi_buf_init(&t);
	for (j = 0, k = 0; j < rs->nrules; j++) {
		unsigned r = rs->order[j];
		if (!((re->beaten_by | blockers) >> r & 1))
			continue;
		if (k++)
			dsi_buf_puts(&t, w->cond_sep);
		dsi_buf_printf(&t, "[%s] ", rs->rules[r].label);
		dsi_cond_append(rs, rs->rules[r].when, o->lang, &t);
	}
	if (blockers) {
		struct buf l;
		dsi_buf_init(&l);
		refs_list(rs, blockers, w->list_sep, w->list_and, &l);
		dsi_buf_printf(&t, w->same_class, l.p ? l.p : "", ru->label);
		dsi_buf_free(&l);
	}
	if (t.oom)
		b->oom = 1;
	dsi_buf_puts(b, "    ");
	dsi_buf_printf(b, k > 1 ? w->to_follow_all : w->to_follow, ru->label, t.p ? t.p : "");
	dsi_buf_putc(b, '\n');
	dsi_buf_free(&t);
}

/* A group of reason i's class that leaves nothing together: once, at its first member, with every condition. */
static void group_text(struct text_out *o, size_t i)
{
	const ds_result *r = o->r;
	const ds_ruleset *rs = o->rs;
	const struct reason *re = &r->reasons[i];
	const struct rule *ru = &rs->rules[re->rule];
	uint64_t group = re->contradicts | (uint64_t)1 << re->rule;
	struct buf *b = o->b, t;
	size_t j;

	for (j = 0; j < i && !(re->contradicts >> r->reasons[j].rule & 1); j++)
		;
	if (j < i)
		return;
	conflicts_heading(o);
	dsi_buf_init(&t);
	refs_text(rs, group, &t, o->lang == DS_LANG_ZH ? "、" : ", ");
	dsi_buf_puts(b, "  ");
	dsi_buf_printf(b, o->w->contradict, t.p ? t.p : "", dsi_class_name(rs, ru->klass, o->lang));
	dsi_buf_free(&t);
	dsi_buf_printf(b, "\n    %s\n", o->w->no_winner);
	for (j = 0; j < rs->nrules; j++) {
		if (!(group >> j & 1))
			continue;
		dsi_buf_printf(b, "      [%s] ", rs->rules[j].label);
		dsi_cond_append(rs, rs->rules[j].when, o->lang, b);
		dsi_buf_putc(b, '\n');
	}
}

/* Each pair that reason i contradicts, once, at its first member, with both conditions. */
static void pairs_text(struct text_out *o, size_t i)
{
	const ds_result *r = o->r;
	const ds_ruleset *rs = o->rs;
	const struct reason *re = &r->reasons[i];
	const struct rule *ru = &rs->rules[re->rule];
	ds_lang lang = o->lang;
	struct buf *b = o->b;
	char tmp[512];
	size_t j;

	for (j = i + 1; j < r->nreasons; j++) {
		const struct rule *other = &rs->rules[r->reasons[j].rule];
		if (!(re->contradicts >> r->reasons[j].rule & 1))
			continue;
		conflicts_heading(o);
		snprintf(tmp, sizeof tmp, "%s%s%s", ru->label, lang == DS_LANG_ZH ? " 与 " : " and ",
		         other->label);
		dsi_buf_puts(b, "  ");
		dsi_buf_printf(b, o->w->contradict, tmp, dsi_class_name(rs, ru->klass, lang));
		dsi_buf_printf(b, "\n    %s\n", o->w->no_winner);
		dsi_buf_printf(b, "      [%s] ", ru->label);
		dsi_cond_append(rs, ru->when, lang, b);
		dsi_buf_printf(b, "\n      [%s] ", other->label);
		dsi_cond_append(rs, other->when, lang, b);
		dsi_buf_putc(b, '\n');
	}
}

/* "What beat what:": each override, each contradicting group or pair. */
static void conflicts_text(struct text_out *o)
{
	const ds_result *r = o->r;
	size_t i;

	for (i = 0; i < r->nreasons; i++) {
		const struct reason *re = &r->reasons[i];
		if (re->state == DS_OVERRIDDEN) {
			conflicts_heading(o);
			overridden_text(o, &o->rs->rules[re->rule], re->beaten_by);
			to_follow_text(o, re);
		} else if (re->state == DS_CONTRADICTED && re->group) {
			group_text(o, i);
		} else if (re->state == DS_CONTRADICTED) {
			pairs_text(o, i);
		}
	}
}

/* "Scores: V1 1.5, V2 3 (ruled out)". */
static void scores_text(const struct text_out *o)
{
	const ds_result *r = o->r;
	const ds_ruleset *rs = o->rs;
	struct buf *b = o->b;
	size_t i;

	dsi_buf_printf(b, "\n%s", o->w->scores);
	for (i = 0; i < rs->nmodels; i++) {
		dsi_buf_printf(b, "%s%s ", o->lang == DS_LANG_ZH ? "" : " ", rs->models[i].id);
		dsi_buf_num(b, r->scores[i]);
		if (!(r->candidates >> i & 1))
			dsi_buf_puts(b, o->lang == DS_LANG_ZH ? "（已排除）" : " (ruled out)");
		if (i + 1 < rs->nmodels)
			dsi_buf_puts(b, o->lang == DS_LANG_ZH ? "，" : ",");
	}
	dsi_buf_putc(b, '\n');
}

/* What could still change the answer: the facts missing (or that none is), then the counterfactuals. */
static void whatif_text(const struct text_out *o)
{
	const ds_result *r = o->r;
	const struct words *w = o->w;
	struct buf *b = o->b;
	size_t i;

	if (r->nmissing) {
		dsi_buf_printf(b, "\n%s\n", w->missing);
		for (i = 0; i < r->nmissing; i++) {
			const struct fact *f = &o->rs->facts[r->missing[i]];
			dsi_buf_printf(b, "  --%s %s", f->flag, f->unit ? f->unit : "");
			if (f->help.s[DS_LANG_EN])
				dsi_buf_printf(b, o->lang == DS_LANG_ZH ? "（%s）" : "  (%s)", dsi_rs_text(&f->help, o->lang));
			dsi_buf_putc(b, '\n');
		}
	} else {
		dsi_buf_printf(b, "\n%s\n", r->stable == 1 ? w->stable : w->missing_none);
	}
	if (r->has_changes) {
		dsi_buf_printf(b, "\n%s\n", r->nchanges ? w->changes : w->changes_none);
		for (i = 0; i < r->nchanges; i++)
			change_text(r, &r->changes[i], w, o->lang, b);
	}
}

/* A result as text for a person, in lang; the sections in order, each from a piece above. */
static void render_text(const ds_result *r, ds_lang lang, unsigned flags, struct buf *b)
{
	struct text_out o = {r, r->rs, lang == DS_LANG_ZH ? &zh : &en, lang, b, 0, (flags & DS_RENDER_COLOR) != 0,
	                     !(flags & DS_RENDER_NO_ID)};
	size_t i;

	choice_text(&o);
	dsi_buf_printf(b, "\n%s\n", o.w->why);
	if (r->nreasons == 0)
		dsi_buf_printf(b, "  %s\n", o.w->none_fired);
	for (i = 0; i < r->nreasons; i++)
		reason_text(&o, &r->reasons[i]);
	conflicts_text(&o);
	scores_text(&o);
	whatif_text(&o);
	if (r->nwarnings) {
		dsi_buf_printf(b, "\n%s\n", o.w->warnings);
		for (i = 0; i < r->nwarnings; i++) {
			dsi_buf_lit(b, "  ");
			warning_text(r, i, lang, b);
			dsi_buf_putc(b, '\n');
		}
	}
	if (flags & DS_RENDER_EXPLAIN)
		trace_text(r, lang, b);
}

/* A TSV field: never empty, no tab or newline inside. */
static void tsv_field(struct buf *b, const char *s)
{
	if (s == NULL || *s == '\0') {
		dsi_buf_putc(b, '-');
		return;
	}
	for (; *s; s++) {
		switch (*s) {
		case '\t': dsi_buf_puts(b, "\\t"); break;
		case '\n': dsi_buf_puts(b, "\\n"); break;
		case '\r': dsi_buf_puts(b, "\\r"); break;
		case '\\': dsi_buf_puts(b, "\\\\"); break;
		default: dsi_buf_putc(b, *s);
		}
	}
}

const char *ds_tsv_header(void) { return "id\tmodel\tstatus\trefs\n"; }

static void render_tsv(const ds_result *r, struct buf *b)
{
	const ds_ruleset *rs = r->rs;
	size_t i;

	tsv_field(b, r->has_id ? r->id : NULL);
	dsi_buf_putc(b, '\t');
	dsi_buf_puts(b, ds_result_model(r));
	dsi_buf_printf(b, "\t%s\t", ds_outcome_str(r->outcome));
	if (r->nreasons == 0)
		dsi_buf_putc(b, '-');
	for (i = 0; i < r->nreasons; i++) { /* by label: two rules citing one ref are told apart */
		if (i)
			dsi_buf_putc(b, ',');
		tsv_field(b, rs->rules[r->reasons[i].rule].label);
	}
	dsi_buf_putc(b, '\n');
}

ds_status ds_render_error(const ds_diag *d, unsigned long line, const char *id, int id_is_num, ds_format fmt,
                          char **out, size_t *len)
{
	struct buf b;

	if (d == NULL || out == NULL)
		return DS_ERR_ARG;
	*out = NULL;
	dsi_buf_init(&b);
	switch (fmt) {
	case DS_FORMAT_TSV:
		tsv_field(&b, id);
		dsi_buf_puts(&b, "\t-\terror\t-\n");
		break;
	case DS_FORMAT_VALUE:
		dsi_buf_puts(&b, "-\n");
		break;
	case DS_FORMAT_TEXT:
		/* in the diagnostic's language (ds_diag.lang), as its message is */
		if (line && d->line)
			dsi_buf_printf(&b, dsi_tr(d->lang, M_TEXT_ERROR_LINE_COL), line, d->col, d->msg);
		else if (line)
			dsi_buf_printf(&b, dsi_tr(d->lang, M_TEXT_ERROR_LINE), line, d->msg);
		else
			dsi_buf_printf(&b, dsi_tr(d->lang, M_TEXT_ERROR), d->msg);
		break;
	default:
		dsi_buf_puts(&b, "{");
		if (line)
			dsi_buf_printf(&b, "\"line\":%lu,", line);
		if (line && d->line)
			dsi_buf_printf(&b, "\"column\":%u,", d->col);
		dsi_buf_puts(&b, "\"error\":");
		dsi_buf_json_str(&b, d->msg);
		if (id) {
			dsi_buf_puts(&b, ",\"id\":");
			if (id_is_num)
				dsi_buf_puts(&b, id);
			else
				dsi_buf_json_str(&b, id);
		}
		dsi_buf_puts(&b, "}\n");
	}
	return dsi_buf_take(&b, out, len);
}

ds_status ds_render_append(const ds_result *r, ds_format fmt, ds_lang lang, char **buf, size_t *len,
                           size_t *cap)
{
	return ds_render_append_ex(r, fmt, lang, 0, buf, len, cap);
}

ds_status ds_render_append_ex(const ds_result *r, ds_format fmt, ds_lang lang, unsigned flags, char **buf,
                              size_t *len, size_t *cap)
{
	struct buf b;

	if (r == NULL || buf == NULL || len == NULL || cap == NULL || *len > *cap || (*buf == NULL && *cap))
		return DS_ERR_ARG;
	if (fmt == DS_FORMAT_JSON) { /* pretty-printing needs the whole object first */
		char *s;
		size_t n;
		ds_status st = ds_render_ex(r, fmt, lang, flags, &s, &n);
		if (st != DS_OK)
			return st;
		b.p = *buf, b.len = *len, b.cap = *cap, b.oom = 0;
		dsi_buf_put(&b, s, n);
		free(s);
	} else {
		b.p = *buf, b.len = *len, b.cap = *cap, b.oom = 0;
		if (fmt == DS_FORMAT_TEXT)
			render_text(r, lang, flags, &b);
		else if (fmt == DS_FORMAT_TSV)
			render_tsv(r, &b);
		else if (fmt == DS_FORMAT_VALUE)
			dsi_buf_puts(&b, ds_result_model(r));
		else
			render_json(r, flags, &b);
		if (fmt != DS_FORMAT_TEXT && fmt != DS_FORMAT_TSV)
			dsi_buf_putc(&b, '\n');
	}
	*buf = b.p; /* grown or not, the caller owns it */
	*cap = b.cap;
	if (b.oom) {
		if (*buf)
			(*buf)[*len] = '\0';
		return DS_ERR_NOMEM;
	}
	*len = b.len;
	return DS_OK;
}

ds_status ds_render(const ds_result *r, ds_format fmt, ds_lang lang, char **out, size_t *len)
{
	return ds_render_ex(r, fmt, lang, 0, out, len);
}

ds_status ds_render_ex(const ds_result *r, ds_format fmt, ds_lang lang, unsigned flags, char **out,
                       size_t *len)
{
	struct buf b, p;

	if (r == NULL || out == NULL)
		return DS_ERR_ARG;
	*out = NULL;
	dsi_buf_init(&b);
	if (fmt == DS_FORMAT_TEXT) {
		render_text(r, lang, flags, &b);
	} else if (fmt == DS_FORMAT_TSV) {
		render_tsv(r, &b);
	} else if (fmt == DS_FORMAT_VALUE) {
		dsi_buf_printf(&b, "%s\n", ds_result_model(r));
	} else {
		render_json(r, flags, &b);
		if (fmt == DS_FORMAT_JSON && !b.oom) {
			dsi_buf_init(&p);
			pretty(b.p, &p);
			dsi_buf_free(&b);
			b = p;
		}
		dsi_buf_putc(&b, '\n');
	}
	return dsi_buf_take(&b, out, len);
}
