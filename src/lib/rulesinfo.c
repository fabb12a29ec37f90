/* rulesinfo.c: a rule table described for people and programs (rules list, rules show, rules check). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "facts.h"
#include "rulesinfo.h"
#include "specdata.h"
#include "width.h"
#include "words.h"


static void spec_json(const ds_ruleset *rs, const ds_spec *s, struct buf *b)
{
	size_t i;
	int first = 1;

	buf_putc(b, '{');
	for (i = 0; i < rs->nfacts; i++) {
		if (!s->v[i].set)
			continue;
		if (!first)
			buf_putc(b, ',');
		first = 0;
		buf_put(b, rs->facts[i].json_key.s, rs->facts[i].json_key.len);
		value_json(&rs->facts[i], &s->v[i], b);
	}
	buf_putc(b, '}');
}

void spec_line(const ds_ruleset *rs, const ds_spec *s, struct buf *b)
{
	size_t i;
	int first = 1;

	for (i = 0; i < rs->nfacts; i++) {
		if (!s->v[i].set)
			continue;
		buf_printf(b, "%s%s=", first ? "" : ", ", rs->facts[i].key);
		value_text(rs, (unsigned)i, &s->v[i], b);
		first = 0;
	}
	if (first)
		buf_puts(b, "(nothing)");
}

static void rule_json(const ds_ruleset *rs, const struct rule *r, int full, struct buf *b)
{
	struct buf cond;
	size_t j;

	buf_puts(b, "{\"source\":");
	buf_json_str(b, r->ref);
	buf_puts(b, ",\"rule\":");
	buf_json_str(b, r->id);
	buf_puts(b, ",\"class\":");
	buf_json_str(b, rs->classes[r->klass].id);
	buf_printf(b, ",\"effect\":\"%s\",\"model\":", effect_name(r->effect, DS_LANG_EN));
	buf_json_str(b, rs->models[r->model].id);
	buf_puts(b, ",\"weight\":");
	if (rs->classes[r->klass].soft)
		buf_num(b, r->weight);
	else
		buf_puts(b, "null");
	buf_puts(b, ",\"message\":");
	buf_json_str(b, rs_text(&r->reason, DS_LANG_EN));
	if (full) {
		buf_puts(b, ",\"message_zh\":");
		buf_json_str(b, rs_text(&r->reason, DS_LANG_ZH));
		buf_puts(b, ",\"evidence\":");
		buf_json_str(b, rs_text(&r->evidence, DS_LANG_EN));
		buf_puts(b, ",\"evidence_zh\":");
		buf_json_str(b, rs_text(&r->evidence, DS_LANG_ZH));
		buf_init(&cond);
		cond_append(rs, r->when, DS_LANG_EN, &cond);
		buf_puts(b, ",\"when\":");
		buf_json_str(b, cond.p ? cond.p : "");
		buf_free(&cond);
		buf_printf(b, ",\"line\":%u,\"contradicts\":[", r->line);
		for (j = 0; j < rs->nrules; j++)
			if (r->ack >> j & 1) {
				if (r->ack & (((uint64_t)1 << j) - 1)) /* one before it */
					buf_putc(b, ',');
				buf_json_str(b, rs->rules[j].label ? rs->rules[j].label : rs->rules[j].ref);
			}
		buf_puts(b, "],\"examples\":[");
		for (j = 0; j < r->nexamples; j++) {
			if (j)
				buf_putc(b, ',');
			buf_puts(b, "{\"spec\":");
			spec_json(rs, r->examples[j].spec, b);
			buf_printf(b, ",\"fires\":%s}", r->examples[j].fires ? "true" : "false");
		}
		buf_putc(b, ']');
	}
	buf_puts(b, ",\"label\":"); /* how lists name it: "1.2 multi-gpu-nccl" when two rules cite 1.2 */
	buf_json_str(b, r->label ? r->label : r->ref);
	buf_putc(b, '}');
}

static void rule_text(const ds_ruleset *rs, const struct rule *r, ds_lang lang, struct buf *b)
{
	int zh = lang == DS_LANG_ZH;
	size_t j;

	buf_printf(b, "[%s] %s\n", r->ref, r->id);
	buf_printf(b, zh ? "  类别:%s(%s)\n" : "  class:    %s (%s)\n", class_name(rs, r->klass, lang),
	           class_kind_name(rs->classes[r->klass].soft, lang));
	buf_printf(b, zh ? "  效果:%s %s" : "  effect:   %s %s", effect_name(r->effect, lang),
	           rs->models[r->model].id);
	if (rs->classes[r->klass].soft) {
		buf_puts(b, zh ? ",权重 " : ", weight ");
		buf_num(b, r->weight);
	}
	buf_puts(b, zh ? "\n  条件:" : "\n  when:     ");
	cond_append(rs, r->when, lang, b);
	buf_printf(b, zh ? "\n  理由:%s\n" : "\n  reason:   %s\n", rs_text(&r->reason, lang));
	if (r->evidence.s[DS_LANG_EN])
		buf_printf(b, zh ? "  依据:%s\n" : "  evidence: %s\n", rs_text(&r->evidence, lang));
	for (j = 0; j < rs->nrules; j++)
		if (r->ack >> j & 1)
			buf_printf(b, zh ? "  已知与 %s (%s) 矛盾\n" : "  known to contradict %s (%s)\n", rs->rules[j].ref,
			           rs->rules[j].id);
	if (r->nexamples)
		buf_puts(b, zh ? "  示例:\n" : "  examples:\n");
	for (j = 0; j < r->nexamples; j++) {
		buf_puts(b, "    ");
		buf_puts(b, r->examples[j].fires ? (zh ? "触发    " : "fires          ")
		                                 : (zh ? "不触发  " : "does not fire  "));
		spec_line(rs, r->examples[j].spec, b);
		buf_putc(b, '\n');
	}
}

ds_status ds_render_rules(const ds_ruleset *rs, ds_format fmt, ds_lang lang, const char *which, char **out,
                          size_t *len)
{
	struct buf b;
	size_t i, found = 0, rw = 5, w = 0, cw = 12, mw = 0; /* columns of ref, id, class and model */
	int json = fmt == DS_FORMAT_JSON || fmt == DS_FORMAT_NDJSON;

	if (rs == NULL || out == NULL)
		return DS_ERR_ARG;
	*out = NULL;
	buf_init(&b);
	/* by display width, not bytes: refs, ids, classes and models may be any UTF-8 (CJK takes two columns) */
	for (i = 0; i < rs->nrules; i++) {
		size_t l = ds_text_width(rs->rules[i].ref);
		rw = l > rw ? l : rw;
		l = ds_text_width(rs->rules[i].id);
		w = l > w ? l : w;
		l = ds_text_width(rs->classes[rs->rules[i].klass].id);
		cw = l > cw ? l : cw;
	}
	for (i = 0; i < rs->nmodels; i++) {
		size_t l = ds_text_width(rs->models[i].id);
		mw = l > mw ? l : mw;
	}
	if (json)
		buf_putc(&b, '[');
	for (i = 0; i < rs->nrules; i++) {
		const struct rule *r = &rs->rules[i];
		if (which && strcmp(which, r->ref) && strcmp(which, r->id) && (!r->label || strcmp(which, r->label)))
			continue;
		if (json) {
			if (found)
				buf_putc(&b, ',');
			rule_json(rs, r, which != NULL, &b);
		} else if (which) {
			if (found)
				buf_putc(&b, '\n');
			rule_text(rs, r, lang, &b);
		} else {
			dsi_buf_pad(&b, r->ref, rw);
			buf_putc(&b, ' ');
			dsi_buf_pad(&b, r->id, w);
			buf_puts(&b, "  ");
			dsi_buf_pad(&b, rs->classes[r->klass].id, cw);
			buf_printf(&b, " %-7s ", effect_name(r->effect, DS_LANG_EN));
			dsi_buf_pad(&b, rs->models[r->model].id, mw);
			buf_printf(&b, "  %s\n", rs_text(&r->reason, lang));
		}
		found++;
	}
	if (json)
		buf_puts(&b, "]\n");
	if (which && !found) {
		buf_free(&b);
		return DS_ERR_UNKNOWN;
	}
	return buf_take(&b, out, len);
}

ds_status ds_render_problems(const ds_problem *ps, size_t n, ds_format fmt, const char *const *witness_text,
                             char **out, size_t *len)
{
	struct buf b;
	size_t i;
	int json = fmt == DS_FORMAT_JSON || fmt == DS_FORMAT_NDJSON;

	if ((ps == NULL && n) || out == NULL)
		return DS_ERR_ARG;
	buf_init(&b);
	buf_puts(&b, json ? "[" : "");
	for (i = 0; i < n; i++) {
		const ds_problem *p = &ps[i];
		const char *sev = p->severity == DS_SEV_ERROR ? "error" : "warning";
		const char *wt = !p->witness[0] ? NULL : witness_text ? witness_text[i] : p->witness;
		struct buf msg;
		buf_init(&msg);
		buf_puts(&msg, p->diag.msg);
		if (!strcmp(p->code, "contradiction"))
			buf_printf(&msg, "; both fire with: %s", wt ? wt : "(a command too long to show)");
		if (msg.oom || msg.p == NULL) {
			buf_free(&msg);
			b.oom = 1;
			break;
		}
		if (json) {
			buf_puts(&b, i ? ",\n {\"file\":" : "{\"file\":");
			buf_json_str(&b, p->diag.file);
			buf_printf(&b, ",\"line\":%u,\"column\":%u,\"severity\":\"%s\",\"code\":", p->diag.line,
			           p->diag.col, sev);
			buf_json_str(&b, p->code);
			buf_puts(&b, ",\"message\":");
			buf_json_str(&b, msg.p);
			buf_puts(&b, ",\"witness\":");
			if (wt)
				buf_json_str(&b, wt);
			else
				buf_puts(&b, "null");
			buf_putc(&b, '}');
		} else {
			if (p->diag.line)
				buf_printf(&b, "%s:%u:%u: %s: %s\n", p->diag.file, p->diag.line, p->diag.col, sev, msg.p);
			else
				buf_printf(&b, "%s: %s: %s\n", p->diag.file, sev, msg.p);
		}
		buf_free(&msg);
	}
	if (json)
		buf_puts(&b, "]\n");
	return buf_take(&b, out, len);
}
