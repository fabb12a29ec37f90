/* facts.c: finding things in a loaded table (a fact by its key or flag, a text in a language) and the
 * public accessors of ds_ruleset. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "facts.h"

const char *dsi_rs_text(const struct text *t, ds_lang lang)
{
	if ((unsigned)lang < DS_NLANG && t->s[lang])
		return t->s[lang];
	return t->s[DS_LANG_EN] ? t->s[DS_LANG_EN] : "";
}

/* Cheap and good enough for a few dozen keys: collisions are probed and compared. */
/* Inline here: every key of every batch record is looked up. */
static inline unsigned key_hash(const char *s, size_t n)
{
	return n == 0 ? 0 : (unsigned)n * 31u + (unsigned char)s[0] * 7u + (unsigned char)s[n - 1] * 3u +
	                        (unsigned char)s[n / 2];
}

unsigned dsi_fact_key_hash(const char *s, size_t n) { return key_hash(s, n); }

long dsi_fact_lookup(const ds_ruleset *rs, const char *key, int with_id, const char **near)
{
	const char *cands[DS_MAX_FACTS + 1];
	size_t i, k;
	long f = ds_ruleset_fact_by_key(rs, key);

	*near = NULL;
	if (f >= 0)
		return f;
	for (i = 0, k = 0; i < rs->nfacts; i++)
		if ((cands[k] = rs->facts[i].key) != NULL)
			k++;
	if (with_id)
		cands[k++] = "id";
	*near = ds_nearest_word(key, cands, k);
	return -1;
}

/* ---- accessors ---- */

const char *ds_ruleset_name(const ds_ruleset *rs) { return rs->name ? rs->name : ""; }
size_t ds_ruleset_model_count(const ds_ruleset *rs) { return rs->nmodels; }
const char *ds_ruleset_model_id(const ds_ruleset *rs, size_t i)
{
	return i < rs->nmodels ? rs->models[i].id : NULL;
}
const char *ds_ruleset_default_model(const ds_ruleset *rs) { return rs->models[rs->defmodel].id; }
size_t ds_ruleset_rule_count(const ds_ruleset *rs) { return rs->nrules; }
size_t ds_ruleset_fact_count(const ds_ruleset *rs) { return rs->nfacts; }
const char *ds_ruleset_rule_ref(const ds_ruleset *rs, size_t i) { return i < rs->nrules ? rs->rules[i].ref : NULL; }
const char *ds_ruleset_rule_id(const ds_ruleset *rs, size_t i) { return i < rs->nrules ? rs->rules[i].id : NULL; }
const char *ds_ruleset_rule_label(const ds_ruleset *rs, size_t i)
{
	return i < rs->nrules ? rs->rules[i].label : NULL;
}

long dsi_fact_by_key_n(const ds_ruleset *rs, const char *key, size_t n)
{
	unsigned h = key_hash(key, n) & 127;

	for (; rs->key_slot[h]; h = (h + 1) & 127) {
		const struct fact *f = &rs->facts[rs->key_slot[h] - 1];
		if (f->key_len == n && !memcmp(f->key, key, n))
			return rs->key_slot[h] - 1;
	}
	return -1;
}

long ds_ruleset_fact_by_key(const ds_ruleset *rs, const char *key)
{
	return dsi_fact_by_key_n(rs, key, strlen(key));
}

long ds_ruleset_fact_by_flag(const ds_ruleset *rs, const char *flag)
{
	size_t i;

	for (i = 0; i < rs->nfacts; i++)
		if (rs->facts[i].flag && !strcmp(rs->facts[i].flag, flag))
			return (long)i;
	return -1;
}

const char *ds_fact_key(const ds_ruleset *rs, size_t i) { return i < rs->nfacts ? rs->facts[i].key : NULL; }
const char *ds_fact_flag(const ds_ruleset *rs, size_t i) { return i < rs->nfacts ? rs->facts[i].flag : NULL; }
ds_fact_type ds_fact_type_of(const ds_ruleset *rs, size_t i)
{
	return i < rs->nfacts ? rs->facts[i].type : DS_FACT_STRING;
}
const char *ds_fact_unit(const ds_ruleset *rs, size_t i)
{
	return i < rs->nfacts && rs->facts[i].unit ? rs->facts[i].unit : "";
}
const char *ds_fact_help(const ds_ruleset *rs, size_t i, ds_lang lang)
{
	return i < rs->nfacts ? dsi_rs_text(&rs->facts[i].help, lang) : NULL;
}
void ds_fact_position(const ds_ruleset *rs, size_t i, unsigned *line, unsigned *col)
{
	*line = i < rs->nfacts ? rs->facts[i].flag_line : 0;
	*col = i < rs->nfacts ? rs->facts[i].flag_col : 0;
}
size_t ds_fact_boundaries(const ds_ruleset *rs, size_t i, double *out, size_t max)
{
	const struct fact *f;
	size_t j, n = 0;

	if (i >= rs->nfacts)
		return 0;
	f = &rs->facts[i];
	if (f->type != DS_FACT_NUMBER && f->type != DS_FACT_INTEGER)
		return 0;
	for (j = 0; j < f->ncands && n < max; j++)
		out[n++] = f->cands[j].num;
	qsort(out, n, sizeof *out, dsi_num_cmp);
	return n;
}

unsigned ds_fact_range(const ds_ruleset *rs, size_t i, double *min, double *max)
{
	const struct fact *f;

	if (i >= rs->nfacts)
		return 0;
	f = &rs->facts[i];
	*min = f->min;
	*max = f->max;
	return (f->has_min ? DS_RANGE_MIN : 0) | (f->has_max ? DS_RANGE_MAX : 0) |
	       (f->min_excl ? DS_RANGE_MIN_EXCL : 0) | (f->max_excl ? DS_RANGE_MAX_EXCL : 0);
}

size_t ds_fact_value_count(const ds_ruleset *rs, size_t i) { return i < rs->nfacts ? rs->facts[i].nvalues : 0; }
const char *ds_fact_value(const ds_ruleset *rs, size_t i, size_t j)
{
	return i < rs->nfacts && j < rs->facts[i].nvalues ? rs->facts[i].values[j] : NULL;
}


int ds_fact_is_read(const ds_ruleset *rs, size_t i)
{
	return rs != NULL && i < rs->nfacts && (rs->read_mask >> i & 1);
}
