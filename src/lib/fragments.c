/* fragments.c: the JSON and the texts a table's results reuse, rendered once after loading (report.c
 * copies them): model ids, fact keys and values, rule heads, derivation notes. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "facts.h"
#include "fragments.h"
#include "msgtext.h"
#include "words.h"

static int jtext_take(struct jtext *t, struct buf *b)
{
	if (b->oom || b->p == NULL) {
		dsi_buf_free(b);
		return -1;
	}
	t->s = b->p;
	t->len = b->len;
	dsi_buf_init(b);
	return 0;
}

/* A derivation's note in lang: "gpu_mem assumed to be 24 because gpu_model = a10g"; NULL out of memory. */
static char *derive_note(const ds_ruleset *rs, const struct derive *dv, const struct value *v, ds_lang lang)
{
	struct buf val, cond, b;

	dsi_buf_init(&val);
	dsi_buf_init(&cond);
	dsi_buf_init(&b);
	dsi_value_text(rs, dv->fact, v, &val);
	dsi_cond_append(rs, dv->when, lang, &cond);
	if (!val.oom && !cond.oom) /* an empty string value leaves its buffer without memory */
		dsi_buf_say(&b, lang, M_FR_ASSUMED, rs->facts[dv->fact].key, val.p ? val.p : "", cond.p ? cond.p : "");
	else
		b.oom = 1;
	dsi_buf_free(&val);
	dsi_buf_free(&cond);
	if (b.oom || b.p == NULL) {
		dsi_buf_free(&b);
		return NULL;
	}
	return b.p;
}

int dsi_fragments_make(ds_ruleset *rs)
{
	struct buf b;
	size_t i, k;

	dsi_buf_init(&b);
	for (i = 0; i < rs->nmodels; i++) {
		dsi_buf_json_str(&b, rs->models[i].id);
		if (jtext_take(&rs->models[i].json_id, &b))
			return -1;
	}
	for (i = 0; i < rs->nfacts; i++) {
		struct fact *f = &rs->facts[i];
		dsi_buf_json_str(&b, f->key);
		dsi_buf_putc(&b, ':');
		if (jtext_take(&f->json_key, &b))
			return -1;
		if (f->nvalues && (f->json_values = calloc(f->nvalues, sizeof *f->json_values)) == NULL)
			return -1;
		for (k = 0; k < f->nvalues; k++) {
			dsi_buf_json_str(&b, f->values[k]);
			if (jtext_take(&f->json_values[k], &b))
				return -1;
		}
	}
	for (i = 0; i < rs->nderives; i++) { /* the warning a derivation with a note gives */
		struct derive *dv = &rs->derives[i];
		struct value v;
		if (!dv->note)
			continue;
		memset(&v, 0, sizeof v);
		v.set = 2;
		v.num = dv->num;
		v.bits = (uint64_t)1 << dv->enumidx;
		v.str = dv->str;
		if ((dv->note_text[DS_LANG_EN] = derive_note(rs, dv, &v, DS_LANG_EN)) == NULL ||
		    (dv->note_text[DS_LANG_ZH] = derive_note(rs, dv, &v, DS_LANG_ZH)) == NULL)
			return -1;
	}
	for (i = 0; i < rs->nrules; i++) {
		struct rule *r = &rs->rules[i];
		dsi_buf_json_str(&b, r->ref);
		if (jtext_take(&r->json_ref, &b))
			return -1;
		dsi_buf_json_str(&b, r->label);
		if (jtext_take(&r->json_label, &b))
			return -1;
		dsi_buf_lit(&b, "{\"source\":");
		dsi_buf_json_str(&b, r->ref);
		dsi_buf_lit(&b, ",\"rule\":");
		dsi_buf_json_str(&b, r->id);
		dsi_buf_lit(&b, ",\"class\":");
		dsi_buf_json_str(&b, rs->classes[r->klass].id);
		dsi_buf_printf(&b, ",\"effect\":\"%s\",\"model\":", dsi_effect_name(r->effect, DS_LANG_EN));
		dsi_buf_json_str(&b, rs->models[r->model].id);
		dsi_buf_lit(&b, ",\"weight\":");
		if (rs->classes[r->klass].soft)
			dsi_buf_num(&b, r->weight);
		else
			dsi_buf_lit(&b, "null");
		dsi_buf_lit(&b, ",\"state\":\"");
		if (jtext_take(&r->json_head, &b))
			return -1;
		dsi_buf_lit(&b, "\",\"message\":");
		dsi_buf_json_str(&b, dsi_rs_text(&r->reason, DS_LANG_EN));
		dsi_buf_lit(&b, ",\"evidence\":");
		dsi_buf_json_str(&b, dsi_rs_text(&r->evidence, DS_LANG_EN));
		dsi_buf_lit(&b, ",\"message_zh\":");
		dsi_buf_json_str(&b, dsi_rs_text(&r->reason, DS_LANG_ZH));
		dsi_buf_lit(&b, ",\"evidence_zh\":");
		dsi_buf_json_str(&b, dsi_rs_text(&r->evidence, DS_LANG_ZH));
		dsi_buf_lit(&b, ",\"overridden_by\":");
		if (jtext_take(&r->json_text, &b))
			return -1;
		for (k = 0; k < 2; k++) {
			dsi_buf_put(&b, r->json_head.s, r->json_head.len);
			dsi_buf_puts(&b, k ? "moot" : "applied");
			dsi_buf_put(&b, r->json_text.s, r->json_text.len);
			dsi_buf_lit(&b, "null,\"beaten_by\":[],\"contradicts\":[]}");
			if (jtext_take(&r->json_whole[k], &b))
				return -1;
		}
	}
	return 0;
}

