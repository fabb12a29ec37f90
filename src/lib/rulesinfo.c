/* rulesinfo.c: a rule table described for people and programs (rules list, rules show, rules check). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "facts.h"
#include "msgtext.h"
#include "rulesinfo.h"
#include "specdata.h"
#include "width.h"
#include "words.h"


static void spec_json(const ds_ruleset *rs, const ds_spec *s, struct buf *b)
{
	size_t i;
	int first = 1;

	dsi_buf_putc(b, '{');
	for (i = 0; i < rs->nfacts; i++) {
		if (!s->v[i].set)
			continue;
		if (!first)
			dsi_buf_putc(b, ',');
		first = 0;
		dsi_buf_put(b, rs->facts[i].json_key.s, rs->facts[i].json_key.len);
		dsi_value_json(&rs->facts[i], &s->v[i], b);
	}
	dsi_buf_putc(b, '}');
}

void dsi_spec_line(const ds_ruleset *rs, const ds_spec *s, ds_lang lang, struct buf *b)
{
	size_t i;
	int first = 1;

	for (i = 0; i < rs->nfacts; i++) {
		if (!s->v[i].set)
			continue;
		dsi_buf_printf(b, "%s%s=", first ? "" : ", ", rs->facts[i].key);
		dsi_value_text(rs, (unsigned)i, &s->v[i], b);
		first = 0;
	}
	if (first)
		dsi_buf_puts(b, dsi_tr(lang, M_RI_NOTHING));
}

static void rule_json(const ds_ruleset *rs, const struct rule *r, int full, struct buf *b)
{
	struct buf cond;
	size_t j;

	dsi_buf_puts(b, "{\"source\":");
	dsi_buf_json_str(b, r->ref);
	dsi_buf_puts(b, ",\"rule\":");
	dsi_buf_json_str(b, r->id);
	dsi_buf_puts(b, ",\"class\":");
	dsi_buf_json_str(b, rs->classes[r->klass].id);
	dsi_buf_printf(b, ",\"effect\":\"%s\",\"model\":", dsi_effect_name(r->effect, DS_LANG_EN));
	dsi_buf_json_str(b, rs->models[r->model].id);
	dsi_buf_puts(b, ",\"weight\":");
	if (rs->classes[r->klass].soft)
		dsi_buf_num(b, r->weight);
	else
		dsi_buf_puts(b, "null");
	dsi_buf_puts(b, ",\"message\":");
	dsi_buf_json_str(b, dsi_rs_text(&r->reason, DS_LANG_EN));
	if (full) {
		dsi_buf_puts(b, ",\"message_zh\":");
		dsi_buf_json_str(b, dsi_rs_text(&r->reason, DS_LANG_ZH));
		dsi_buf_puts(b, ",\"evidence\":");
		dsi_buf_json_str(b, dsi_rs_text(&r->evidence, DS_LANG_EN));
		dsi_buf_puts(b, ",\"evidence_zh\":");
		dsi_buf_json_str(b, dsi_rs_text(&r->evidence, DS_LANG_ZH));
		dsi_buf_init(&cond);
		dsi_cond_append(rs, r->when, DS_LANG_EN, &cond);
		dsi_buf_puts(b, ",\"when\":");
		dsi_buf_json_str(b, cond.p ? cond.p : "");
		dsi_buf_free(&cond);
		dsi_buf_printf(b, ",\"line\":%u,\"contradicts\":[", r->line);
		for (j = 0; j < rs->nrules; j++)
			if (r->ack >> j & 1) {
				if (r->ack & (((uint64_t)1 << j) - 1)) /* one before it */
					dsi_buf_putc(b, ',');
				dsi_buf_json_str(b, rs->rules[j].label ? rs->rules[j].label : rs->rules[j].ref);
			}
		dsi_buf_puts(b, "],\"examples\":[");
		for (j = 0; j < r->nexamples; j++) {
			if (j)
				dsi_buf_putc(b, ',');
			dsi_buf_puts(b, "{\"spec\":");
			spec_json(rs, r->examples[j].spec, b);
			dsi_buf_printf(b, ",\"fires\":%s}", r->examples[j].fires ? "true" : "false");
		}
		dsi_buf_putc(b, ']');
	}
	dsi_buf_puts(b, ",\"label\":"); /* how lists name it: "1.2 multi-gpu-nccl" when two rules cite 1.2 */
	dsi_buf_json_str(b, r->label ? r->label : r->ref);
	dsi_buf_putc(b, '}');
}

static void rule_text(const ds_ruleset *rs, const struct rule *r, ds_lang lang, struct buf *b)
{
	size_t j;

	dsi_buf_printf(b, "[%s] %s\n", r->ref, r->id);
	dsi_buf_say(b, lang, M_RI_CLASS, dsi_class_name(rs, r->klass, lang),
	            dsi_class_kind_name(rs->classes[r->klass].soft, lang));
	dsi_buf_say(b, lang, M_RI_EFFECT, dsi_effect_name(r->effect, lang), rs->models[r->model].id);
	if (rs->classes[r->klass].soft) {
		dsi_buf_puts(b, dsi_tr(lang, M_RI_WEIGHT));
		dsi_buf_num(b, r->weight);
	}
	dsi_buf_puts(b, dsi_tr(lang, M_RI_WHEN));
	dsi_cond_append(rs, r->when, lang, b);
	dsi_buf_say(b, lang, M_RI_REASON, dsi_rs_text(&r->reason, lang));
	if (r->evidence.s[DS_LANG_EN])
		dsi_buf_say(b, lang, M_RI_EVIDENCE, dsi_rs_text(&r->evidence, lang));
	for (j = 0; j < rs->nrules; j++)
		if (r->ack >> j & 1)
			dsi_buf_say(b, lang, M_RI_KNOWN_CONTRADICT, rs->rules[j].ref, rs->rules[j].id);
	if (r->nexamples)
		dsi_buf_puts(b, dsi_tr(lang, M_RI_EXAMPLES));
	for (j = 0; j < r->nexamples; j++) {
		dsi_buf_puts(b, "    ");
		dsi_buf_puts(b, r->examples[j].fires ? dsi_tr(lang, M_RI_FIRES) : dsi_tr(lang, M_RI_NOT_FIRES));
		dsi_spec_line(rs, r->examples[j].spec, lang, b);
		dsi_buf_putc(b, '\n');
	}
}

/* rules list's class column: the class's id, in Chinese its Chinese name when the table gives one. */
static const char *class_column(const ds_ruleset *rs, unsigned k, ds_lang lang)
{
	const char *zh = rs->classes[k].name.s[DS_LANG_ZH];

	return lang == DS_LANG_ZH && zh && zh[0] ? zh : rs->classes[k].id;
}

ds_status ds_render_rules(const ds_ruleset *rs, ds_format fmt, ds_lang lang, const char *which, char **out,
                          size_t *len)
{
	struct buf b;
	size_t i, found = 0, rw = 5, w = 0, cw = 12, ew = 0, mw = 0; /* columns of ref, id, class, effect, model */
	int json = fmt == DS_FORMAT_JSON || fmt == DS_FORMAT_NDJSON;

	if (rs == NULL || out == NULL)
		return DS_ERR_ARG;
	*out = NULL;
	dsi_buf_init(&b);
	/* by display width, not bytes: refs, ids, classes and models may be any UTF-8 (CJK takes two columns) */
	for (i = 0; i < rs->nrules; i++) {
		size_t l = ds_text_width(rs->rules[i].ref);
		rw = l > rw ? l : rw;
		l = ds_text_width(rs->rules[i].id);
		w = l > w ? l : w;
		l = ds_text_width(class_column(rs, rs->rules[i].klass, lang));
		cw = l > cw ? l : cw;
	}
	for (i = E_REQUIRE; i <= E_AVOID; i++) {
		size_t l = ds_text_width(dsi_effect_name((enum effect)i, lang));
		ew = l > ew ? l : ew;
	}
	for (i = 0; i < rs->nmodels; i++) {
		size_t l = ds_text_width(rs->models[i].id);
		mw = l > mw ? l : mw;
	}
	if (json)
		dsi_buf_putc(&b, '[');
	for (i = 0; i < rs->nrules; i++) {
		const struct rule *r = &rs->rules[i];
		if (which && strcmp(which, r->ref) && strcmp(which, r->id) && (!r->label || strcmp(which, r->label)))
			continue;
		if (json) {
			if (found)
				dsi_buf_putc(&b, ',');
			rule_json(rs, r, which != NULL, &b);
		} else if (which) {
			if (found)
				dsi_buf_putc(&b, '\n');
			rule_text(rs, r, lang, &b);
		} else {
			dsi_buf_pad(&b, r->ref, rw);
			dsi_buf_putc(&b, ' ');
			dsi_buf_pad(&b, r->id, w);
			dsi_buf_puts(&b, "  ");
			dsi_buf_pad(&b, class_column(rs, r->klass, lang), cw);
			dsi_buf_putc(&b, ' ');
			dsi_buf_pad(&b, dsi_effect_name(r->effect, lang), ew);
			dsi_buf_putc(&b, ' ');
			dsi_buf_pad(&b, rs->models[r->model].id, mw);
			dsi_buf_printf(&b, "  %s\n", dsi_rs_text(&r->reason, lang));
		}
		found++;
	}
	if (json)
		dsi_buf_puts(&b, "]\n");
	if (which && !found) {
		dsi_buf_free(&b);
		return DS_ERR_UNKNOWN;
	}
	return dsi_buf_take(&b, out, len);
}

ds_status ds_render_problems(const ds_problem *ps, size_t n, ds_format fmt, const char *const *witness_text,
                             char **out, size_t *len)
{
	struct buf b;
	size_t i;
	int json = fmt == DS_FORMAT_JSON || fmt == DS_FORMAT_NDJSON;

	if ((ps == NULL && n) || out == NULL)
		return DS_ERR_ARG;
	dsi_buf_init(&b);
	dsi_buf_puts(&b, json ? "[" : "");
	for (i = 0; i < n; i++) {
		const ds_problem *p = &ps[i];
		const char *sev = p->severity == DS_SEV_ERROR ? "error" : "warning";
		const char *wt = !p->witness[0] ? NULL : witness_text ? witness_text[i] : p->witness;
		/* the language the check wrote the message in; JSON's words stay English (the contract) */
		ds_lang lang = json ? DS_LANG_EN : p->diag.lang;
		struct buf msg;
		dsi_buf_init(&msg);
		dsi_buf_puts(&msg, p->diag.msg);
		if (!strcmp(p->code, "contradiction"))
			dsi_buf_say(&msg, lang, M_RP_BOTH_FIRE, wt ? wt : dsi_tr(lang, M_RP_TOO_LONG));
		if (msg.oom || msg.p == NULL) {
			dsi_buf_free(&msg);
			b.oom = 1;
			break;
		}
		if (json) {
			dsi_buf_puts(&b, i ? ",\n {\"file\":" : "{\"file\":");
			dsi_buf_json_str(&b, p->diag.file);
			dsi_buf_printf(&b, ",\"line\":%u,\"column\":%u,\"severity\":\"%s\",\"code\":", p->diag.line,
			           p->diag.col, sev);
			dsi_buf_json_str(&b, p->code);
			dsi_buf_puts(&b, ",\"message\":");
			dsi_buf_json_str(&b, msg.p);
			dsi_buf_puts(&b, ",\"witness\":");
			if (wt)
				dsi_buf_json_str(&b, wt);
			else
				dsi_buf_puts(&b, "null");
			dsi_buf_putc(&b, '}');
		} else {
			/* FILE:LINE:COLUMN: stays ASCII in every language, for editors and CI runners */
			int err = p->severity == DS_SEV_ERROR;
			if (p->diag.line && err)
				dsi_buf_say(&b, lang, M_RP_ERROR_AT, p->diag.file, p->diag.line, p->diag.col, msg.p);
			else if (p->diag.line)
				dsi_buf_say(&b, lang, M_RP_WARNING_AT, p->diag.file, p->diag.line, p->diag.col, msg.p);
			else if (err)
				dsi_buf_say(&b, lang, M_RP_ERROR, p->diag.file, msg.p);
			else
				dsi_buf_say(&b, lang, M_RP_WARNING, p->diag.file, msg.p);
		}
		dsi_buf_free(&msg);
	}
	if (json)
		dsi_buf_puts(&b, "]\n");
	return dsi_buf_take(&b, out, len);
}
