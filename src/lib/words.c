/* words.c: how a table's things read in English and Chinese: values, conditions, class and effect names. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "facts.h"
#include "msgtext.h"
#include "words.h"

static const char *const op_sym[] = {"=", "!=", "<", "<=", ">", ">=", "in", "has any of", "is", "is known"};

const char *dsi_cond_op_name(enum cond_op op) { return op_sym[op]; }

void dsi_buf_say(struct buf *b, ds_lang lang, const char *en, const char *zh, ...)
{
	const char *fmt = dsi_tr(lang, en, zh);
	va_list ap;
	int n;

	va_start(ap, zh);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || dsi_buf_grow(b, (size_t)n))
		return;
	va_start(ap, zh);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* The effects as tables write them (load.c reads these); dsi_effect_name() in English gives the same words. */
const char *const dsi_effect_keywords[4] = {"require", "forbid", "prefer", "avoid"};

const char *dsi_effect_name(enum effect e, ds_lang lang)
{
	switch (e) {
	case E_REQUIRE: return dsi_tr(lang, M_WD_REQUIRE);
	case E_FORBID: return dsi_tr(lang, M_WD_FORBID);
	case E_PREFER: return dsi_tr(lang, M_WD_PREFER);
	case E_AVOID: break;
	}
	return dsi_tr(lang, M_WD_AVOID);
}

const char *dsi_class_kind_name(int soft, ds_lang lang)
{
	return soft ? dsi_tr(lang, M_WD_SOFT) : dsi_tr(lang, M_WD_HARD);
}

/* A fact's value as people read it. */
void dsi_value_text(const ds_ruleset *rs, unsigned fact, const struct value *v, struct buf *b)
{
	const struct fact *f = &rs->facts[fact];
	size_t i;
	int first = 1;

	switch (f->type) {
	case DS_FACT_NUMBER:
	case DS_FACT_INTEGER:
		dsi_buf_num(b, v->num);
		break;
	case DS_FACT_BOOLEAN:
		dsi_buf_puts(b, v->set && v->num != 0 ? "true" : "false");
		break;
	case DS_FACT_ENUM:
	case DS_FACT_SET:
		if (f->type == DS_FACT_SET)
			dsi_buf_putc(b, '[');
		for (i = 0; i < f->nvalues; i++) {
			if (!(v->bits >> i & 1))
				continue;
			if (!first)
				dsi_buf_puts(b, ", ");
			dsi_buf_puts(b, f->values[i]);
			first = 0;
		}
		if (f->type == DS_FACT_SET)
			dsi_buf_putc(b, ']');
		break;
	case DS_FACT_STRING:
		dsi_buf_puts(b, v->str ? v->str : "");
		break;
	}
}

/* A leaf's fact key: "gpus", or "gpus × gpu_mem" for a product. */
void dsi_cond_leaf_key(const ds_ruleset *rs, const struct cond *c, struct buf *b)
{
	dsi_buf_puts(b, rs->facts[c->fact[0]].key);
	if (c->nfacts == 2)
		dsi_buf_printf(b, " × %s", rs->facts[c->fact[1]].key);
}

/* A leaf's operator and constant, after a space: " <= 12", " in {a, b}", " is known"; " is true" for booleans. */
void dsi_cond_op_const(const ds_ruleset *rs, const struct cond *c, struct buf *b, ds_lang lang)
{
	const struct fact *f = &rs->facts[c->fact[0]];
	size_t i;
	int first = 1;

	if (c->ftype == DS_FACT_BOOLEAN) {
		dsi_buf_printf(b, " %s %s", dsi_tr(lang, M_WD_IS), c->bits ? "true" : "false");
		return;
	}
	dsi_buf_printf(b, " %s", c->op == OP_KNOWN    ? dsi_tr(lang, M_WD_IS_KNOWN)
	                         : c->op == OP_ANY_OF ? dsi_tr(lang, M_WD_HAS_ANY_OF)
	                                              : op_sym[c->op]);
	if (c->op == OP_KNOWN)
		return;
	dsi_buf_putc(b, ' ');
	if (f->type == DS_FACT_STRING) {
		if (c->op == OP_IN)
			dsi_buf_putc(b, '{');
		for (i = 0; i < c->nstrs; i++)
			dsi_buf_printf(b, "%s%s", i ? ", " : "", c->strs[i]);
		if (c->op == OP_IN)
			dsi_buf_putc(b, '}');
	} else if (f->type == DS_FACT_ENUM || f->type == DS_FACT_SET) {
		int set = c->op == OP_IN || c->op == OP_ANY_OF;
		if (set)
			dsi_buf_putc(b, '{');
		for (i = 0; i < f->nvalues; i++)
			if (c->bits >> i & 1) {
				dsi_buf_printf(b, "%s%s", first ? "" : ", ", f->values[i]);
				first = 0;
			}
		if (set)
			dsi_buf_putc(b, '}');
	} else {
		dsi_buf_num(b, c->num);
	}
}

static void cond_buf(const ds_ruleset *rs, const struct cond *c, struct buf *b, int nested, ds_lang lang)
{
	const struct fact *f;
	size_t i;

	switch (c->kind) {
	case C_ALL:
	case C_ANY:
		if (nested && c->nkids > 1)
			dsi_buf_putc(b, '(');
		for (i = 0; i < c->nkids; i++) {
			if (i)
				dsi_buf_puts(b, c->kind == C_ALL ? dsi_tr(lang, M_WD_AND) : dsi_tr(lang, M_WD_OR));
			cond_buf(rs, c->kids[i], b, 1, lang);
		}
		if (nested && c->nkids > 1)
			dsi_buf_putc(b, ')');
		return;
	case C_NOT:
		dsi_buf_puts(b, dsi_tr(lang, M_WD_NOT));
		cond_buf(rs, c->kids[0], b, 1, lang);
		return;
	case C_LEAF:
		break;
	}
	f = &rs->facts[c->fact[0]];
	if (f->type == DS_FACT_BOOLEAN) {
		dsi_buf_printf(b, "%s%s", c->bits ? "" : dsi_tr(lang, M_WD_NOT), f->key);
		return;
	}
	dsi_cond_leaf_key(rs, c, b);
	dsi_cond_op_const(rs, c, b, lang);
}

void dsi_cond_append(const ds_ruleset *rs, const struct cond *c, ds_lang lang, struct buf *b)
{
	cond_buf(rs, c, b, 0, lang);
}

/* A set fact's value (absent facts are not written): 12, true, "edge", ["code","math"]. */
void dsi_value_json(const struct fact *f, const struct value *v, struct buf *b)
{
	uint64_t m;
	int first = 1;

	switch (f->type) {
	case DS_FACT_NUMBER:
	case DS_FACT_INTEGER:
		dsi_buf_num(b, v->num);
		break;
	case DS_FACT_BOOLEAN:
		if (v->set && v->num != 0)
			dsi_buf_lit(b, "true");
		else
			dsi_buf_lit(b, "false");
		break;
	case DS_FACT_ENUM:
		dsi_jput(b, &f->json_values[__builtin_ctzll(v->bits)]);
		break;
	case DS_FACT_SET:
		dsi_buf_putc(b, '[');
		for (m = v->bits; m; m &= m - 1) {
			if (!first)
				dsi_buf_putc(b, ',');
			dsi_jput(b, &f->json_values[__builtin_ctzll(m)]);
			first = 0;
		}
		dsi_buf_putc(b, ']');
		break;
	case DS_FACT_STRING:
		dsi_buf_json_str(b, v->str ? v->str : "");
		break;
	}
}

const char *dsi_class_name(const ds_ruleset *rs, unsigned k, ds_lang lang)
{
	const char *n = dsi_rs_text(&rs->classes[k].name, lang);
	return n[0] ? n : rs->classes[k].id;
}
