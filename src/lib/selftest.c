/* selftest.c: a rule table proven by its own examples (per rule) and cases (per table). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "facts.h"
#include "result.h"
#include "rulesinfo.h"
#include "specdata.h"

static const char *model_name(const ds_ruleset *rs, int m) { return m < 0 ? "null" : rs->models[m].id; }

/* What came out, for a failure's report. */
static void result_text(const ds_ruleset *rs, const ds_result *r, struct buf *b)
{
	size_t i;

	dsi_buf_printf(b, "recommendation %s, status %s, fallback %s; fired:", model_name(rs, r->rec),
	           ds_outcome_str(r->outcome), model_name(rs, r->fallback));
	for (i = 0; i < r->nreasons; i++)
		dsi_buf_printf(b, i ? ", %s" : " %s", rs->rules[r->reasons[i].rule].label); /* "1.2 multi-gpu-nccl" */
	if (r->nreasons == 0)
		dsi_buf_puts(b, " none");
}

ds_status ds_ruleset_run_tests(const ds_ruleset *rs, ds_lang lang, char **report, size_t *passed,
                               size_t *failed)
{
	struct buf b;
	ds_result *r = NULL;
	size_t i, j;
	int zh = lang == DS_LANG_ZH;

	if (rs == NULL || report == NULL || passed == NULL || failed == NULL)
		return DS_ERR_ARG;
	*passed = *failed = 0;
	dsi_buf_init(&b);
	for (i = 0; i < rs->nrules; i++) {
		const struct rule *ru = &rs->rules[i];
		for (j = 0; j < ru->nexamples; j++) {
			const struct example *x = &ru->examples[j];
			int fired;
			if ((r ? ds_evaluate_into(rs, x->spec, r) : ds_evaluate(rs, x->spec, &r)) != DS_OK)
				goto oom;
			fired = ds_result_fired(r, ru->id);
			if (fired == x->fires) {
				++*passed;
				continue;
			}
			++*failed;
			dsi_buf_printf(&b, zh ? "%s:%u:%u: 规则 %s (%s) 的示例:\n" : "%s:%u:%u: example of rule %s (%s):\n",
			           rs->file, x->line, x->col, ru->ref, ru->id);
			dsi_buf_puts(&b, "    spec: ");
			dsi_spec_line(rs, x->spec, &b);
			dsi_buf_printf(&b, zh ? "\n  - 期望:%s\n  + 实际:%s\n    " : "\n  - expected: %s\n  + got:      %s\n    ",
			           x->fires ? (zh ? "触发" : "fires") : (zh ? "不触发" : "does not fire"),
			           fired ? (zh ? "触发" : "fires") : (zh ? "不触发" : "does not fire"));
			result_text(rs, r, &b);
			dsi_buf_putc(&b, '\n');
		}
	}
	for (i = 0; i < rs->ncases; i++) {
		const struct tcase *t = &rs->cases[i];
		int ok;
		if ((r ? ds_evaluate_into(rs, t->spec, r) : ds_evaluate(rs, t->spec, &r)) != DS_OK)
			goto oom;
		ok = (!t->has_rec || t->rec == r->rec) && (!t->has_status || t->status == r->outcome) &&
		     (!t->has_fallback || t->fallback == r->fallback);
		if (ok) {
			++*passed;
			continue;
		}
		++*failed;
		dsi_buf_printf(&b, zh ? "%s:%u:%u: 用例 %s:\n" : "%s:%u:%u: case %s:\n", rs->file, t->line, t->col,
		           t->name ? t->name : "(unnamed)");
		dsi_buf_puts(&b, "    spec: ");
		dsi_spec_line(rs, t->spec, &b);
		dsi_buf_putc(&b, '\n');
		if (t->has_rec && t->rec != r->rec)
			dsi_buf_printf(&b, "  - recommendation: %s\n  + recommendation: %s\n", model_name(rs, t->rec),
			           model_name(rs, r->rec));
		if (t->has_status && t->status != r->outcome)
			dsi_buf_printf(&b, "  - status: %s\n  + status: %s\n", ds_outcome_str(t->status),
			           ds_outcome_str(r->outcome));
		if (t->has_fallback && t->fallback != r->fallback)
			dsi_buf_printf(&b, "  - fallback: %s\n  + fallback: %s\n", model_name(rs, t->fallback),
			           model_name(rs, r->fallback));
		dsi_buf_puts(&b, "    ");
		result_text(rs, r, &b);
		dsi_buf_putc(&b, '\n');
	}
	ds_result_free(r);
	return dsi_buf_take(&b, report, NULL);
oom:
	ds_result_free(r);
	dsi_buf_free(&b);
	return DS_ERR_NOMEM;
}
