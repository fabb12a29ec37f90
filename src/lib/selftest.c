/* selftest.c: a rule table proven by its own examples (per rule) and cases (per table). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "facts.h"
#include "msgtext.h"
#include "result.h"
#include "rulesinfo.h"
#include "specdata.h"
#include "words.h"

static const char *model_name(const ds_ruleset *rs, int m, ds_lang lang)
{
	return m < 0 ? dsi_tr(lang, M_ST_NO_MODEL) : rs->models[m].id;
}

/* A status as people read it: "default", "默认". */
static const char *outcome_name(ds_outcome o, ds_lang lang)
{
	return o == DS_RECOMMENDED ? dsi_tr(lang, M_ST_RECOMMENDED)
	       : o == DS_DEFAULT   ? dsi_tr(lang, M_ST_DEFAULT)
	                           : dsi_tr(lang, M_ST_CONFLICT);
}

/* What came out, for a failure's report. */
static void result_text(const ds_ruleset *rs, const ds_result *r, ds_lang lang, struct buf *b)
{
	struct buf fired;
	size_t i;

	dsi_buf_init(&fired);
	for (i = 0; i < r->nreasons; i++) { /* by label: "1.2 multi-gpu-nccl" */
		if (i) /* a label may hold a space: in Chinese the list is set apart by the enumeration comma */
			dsi_buf_puts(&fired, lang == DS_LANG_ZH ? "、" : ", ");
		dsi_buf_puts(&fired, rs->rules[r->reasons[i].rule].label);
	}
	if (fired.oom)
		b->oom = 1;
	dsi_buf_say(b, lang, M_ST_RESULT, model_name(rs, r->rec, lang), outcome_name(r->outcome, lang),
	            model_name(rs, r->fallback, lang), r->nreasons && fired.p ? fired.p : dsi_tr(lang, M_ST_NONE));
	dsi_buf_free(&fired);
}

ds_status ds_ruleset_run_tests(const ds_ruleset *rs, ds_lang lang, char **report, size_t *passed,
                               size_t *failed)
{
	struct buf b;
	ds_result *r = NULL;
	size_t i, j;

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
			dsi_buf_say(&b, lang, M_ST_EXAMPLE, rs->file, x->line, x->col, ru->ref, ru->id);
			dsi_buf_puts(&b, dsi_tr(lang, M_ST_SPEC));
			dsi_spec_line(rs, x->spec, lang, &b);
			dsi_buf_say(&b, lang, M_ST_EXPECTED,
			            x->fires ? dsi_tr(lang, M_ST_FIRES) : dsi_tr(lang, M_ST_NOT_FIRES),
			            fired ? dsi_tr(lang, M_ST_FIRES) : dsi_tr(lang, M_ST_NOT_FIRES));
			result_text(rs, r, lang, &b);
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
		dsi_buf_say(&b, lang, M_ST_CASE, rs->file, t->line, t->col, t->name ? t->name : dsi_tr(lang, M_ST_UNNAMED));
		dsi_buf_puts(&b, dsi_tr(lang, M_ST_SPEC));
		dsi_spec_line(rs, t->spec, lang, &b);
		dsi_buf_putc(&b, '\n');
		if (t->has_rec && t->rec != r->rec)
			dsi_buf_say(&b, lang, M_ST_DIFF_REC, model_name(rs, t->rec, lang), model_name(rs, r->rec, lang));
		if (t->has_status && t->status != r->outcome)
			dsi_buf_say(&b, lang, M_ST_DIFF_STATUS, outcome_name(t->status, lang), outcome_name(r->outcome, lang));
		if (t->has_fallback && t->fallback != r->fallback)
			dsi_buf_say(&b, lang, M_ST_DIFF_FALLBACK, model_name(rs, t->fallback, lang),
			            model_name(rs, r->fallback, lang));
		dsi_buf_puts(&b, "    ");
		result_text(rs, r, lang, &b);
		dsi_buf_putc(&b, '\n');
	}
	ds_result_free(r);
	return dsi_buf_take(&b, report, NULL);
oom:
	ds_result_free(r);
	dsi_buf_free(&b);
	return DS_ERR_NOMEM;
}
