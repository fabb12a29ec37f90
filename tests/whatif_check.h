/* whatif_check.h: checks a result's counterfactuals ("changes") and stability by running the engine
 * again with the facts changed. Included by the cmocka tests (after cmocka.h, cJSON and dsselect.h),
 * and called on every scenario they evaluate. */
#ifndef DS_WHATIF_CHECK_H
#define DS_WHATIF_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- counterfactuals and stability, checked by running the engine again (issue 5) ---- */

/* A new spec with the facts of base. */
static ds_spec *spec_copy(const ds_ruleset *trs, const ds_spec *base)
{
	ds_spec *s = NULL;

	assert_int_equal(ds_spec_new(trs, &s), DS_OK);
	assert_int_equal(ds_spec_merge(s, base), DS_OK);
	return s;
}

/* Sets key to a JSON value (number, string, boolean, array of strings) through the text API. */
static void spec_set_json(ds_spec *s, const char *key, const cJSON *v)
{
	char text[512] = "";
	ds_diag d;

	memset(&d, 0, sizeof d);
	if (cJSON_IsBool(v)) {
		assert_int_equal(ds_spec_set_bool(s, key, cJSON_IsTrue(v), &d), DS_OK);
		return;
	}
	if (cJSON_IsNumber(v)) {
		snprintf(text, sizeof text, "%.17g", v->valuedouble);
	} else if (cJSON_IsString(v)) {
		snprintf(text, sizeof text, "%s", v->valuestring);
	} else if (cJSON_IsArray(v)) {
		const cJSON *it;
		cJSON_ArrayForEach(it, v) {
			if (text[0])
				strncat(text, ",", sizeof text - strlen(text) - 1);
			strncat(text, it->valuestring, sizeof text - strlen(text) - 1);
		}
	} else {
		fail_msg("%s: unexpected JSON value", key);
	}
	if (ds_spec_set_text(s, key, text, &d) != DS_OK)
		fail_msg("setting %s=%s: %s", key, text, d.msg);
}

/*
 * The outcome of spec, as "rec/status/fallback"; "-" when the spec breaks a
 * constraint of the table (gpus 0 with GPU memory): no workload, so no change
 * to suggest, and one the search must not count as a change either.
 */
static void outcome_of(const ds_ruleset *trs, const ds_spec *s, char *out, size_t n)
{
	ds_result *r = NULL;

	if (ds_spec_check(s, NULL, NULL, NULL) != DS_OK) {
		snprintf(out, n, "-");
		return;
	}
	assert_int_equal(ds_evaluate_ex(trs, s, DS_CHANGES_OFF, &r), DS_OK);
	snprintf(out, n, "%s/%s/%s", ds_result_recommendation(r) ? ds_result_recommendation(r) : "null",
	         ds_outcome_str(ds_result_outcome(r)), ds_result_fallback(r) ? ds_result_fallback(r) : "null");
	ds_result_free(r);
}

/* The outcome of base with key set to the number x. */
static void outcome_num(const ds_ruleset *trs, const ds_spec *base, const char *key, double x, char *out, size_t n)
{
	ds_spec *s = spec_copy(trs, base);
	cJSON *v = cJSON_CreateNumber(x);

	spec_set_json(s, key, v);
	outcome_of(trs, s, out, n);
	cJSON_Delete(v);
	ds_spec_free(s);
}

static const char *wc_str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : "null";
}

/* Whether x lies in a change's range object ({"at_least", "above", "at_most", "below"}). */
static int in_change_range(const cJSON *range, double x)
{
	const cJSON *v;

	if ((v = cJSON_GetObjectItemCaseSensitive(range, "at_least")) && x < v->valuedouble)
		return 0;
	if ((v = cJSON_GetObjectItemCaseSensitive(range, "above")) && x <= v->valuedouble)
		return 0;
	if ((v = cJSON_GetObjectItemCaseSensitive(range, "at_most")) && x > v->valuedouble)
		return 0;
	if ((v = cJSON_GetObjectItemCaseSensitive(range, "below")) && x >= v->valuedouble)
		return 0;
	return 1;
}

/*
 * The values tried for fact i by these checks (an independent list: the
 * boundaries the table publishes, each +-1 and +-0.5, and its enum values).
 */
static size_t probe_values(const ds_ruleset *trs, size_t i, double *out, size_t max)
{
	double b[64];
	size_t nb = ds_fact_boundaries(trs, i, b, 64), n = 0, k;
	double lo, hi;
	unsigned rg = ds_fact_range(trs, i, &lo, &hi);

	for (k = 0; k < nb && n + 5 <= max; k++) {
		const double c[5] = {b[k], b[k] - 1, b[k] + 1, b[k] - 0.5, b[k] + 0.5};
		size_t j, q;
		for (j = 0; j < 5; j++) {
			if (ds_fact_type_of(trs, i) == DS_FACT_INTEGER && c[j] != (double)(long long)c[j])
				continue;
			if (((rg & DS_RANGE_MIN) && (c[j] < lo || ((rg & DS_RANGE_MIN_EXCL) && c[j] == lo))) ||
			    ((rg & DS_RANGE_MAX) && (c[j] > hi || ((rg & DS_RANGE_MAX_EXCL) && c[j] == hi))))
				continue;
			for (q = 0; q < n && out[q] != c[j]; q++)
				;
			if (q == n)
				out[n++] = c[j];
		}
	}
	return n;
}

/* The values tried for an unknown fact i, as a JSON array: numbers, enum values, set members one at a time. */
static cJSON *trial_values(const ds_ruleset *trs, size_t i, int full)
{
	cJSON *a = cJSON_CreateArray();
	ds_fact_type t = ds_fact_type_of(trs, i);
	size_t k;

	if (t == DS_FACT_NUMBER || t == DS_FACT_INTEGER) {
		double p[256];
		size_t np = full ? probe_values(trs, i, p, 256) : ds_fact_boundaries(trs, i, p, 256);
		for (k = 0; k < np; k++)
			cJSON_AddItemToArray(a, cJSON_CreateNumber(p[k]));
	} else if (t == DS_FACT_SET) {
		for (k = 0; k < ds_fact_value_count(trs, i); k++) {
			const char *one[1];
			one[0] = ds_fact_value(trs, i, k);
			cJSON_AddItemToArray(a, cJSON_CreateStringArray(one, 1));
		}
	} else {
		for (k = 0; k < ds_fact_value_count(trs, i); k++)
			cJSON_AddItemToArray(a, cJSON_CreateString(ds_fact_value(trs, i, k)));
	}
	return a;
}

/* ---- the advice of "What beat what" works when followed (issue 14) ---- */

/* spec evaluated, rendered with its trace (DS_RENDER_EXPLAIN) and parsed. */
static cJSON *advice_doc(const ds_ruleset *trs, const ds_spec *s)
{
	ds_result *r = NULL;
	char *txt = NULL;
	cJSON *j;

	assert_int_equal(ds_evaluate_ex(trs, s, DS_CHANGES_OFF, &r), DS_OK);
	assert_int_equal(ds_render_ex(r, DS_FORMAT_NDJSON, DS_LANG_EN, DS_RENDER_EXPLAIN, &txt, NULL), DS_OK);
	j = cJSON_Parse(txt);
	assert_non_null(j);
	free(txt);
	ds_result_free(r);
	return j;
}

/* The reason of rule id in doc, or NULL when it did not fire. */
static const cJSON *advice_reason(const cJSON *doc, const char *id)
{
	const cJSON *re;

	cJSON_ArrayForEach(re, cJSON_GetObjectItemCaseSensitive(doc, "reasons"))
		if (!strcmp(wc_str(re, "rule"), id))
			return re;
	return NULL;
}

/* The rule id of a label ("1.2 multi-gpu-nccl", "2.2"), or NULL. */
static const char *advice_id(const ds_ruleset *trs, const char *label)
{
	size_t i;

	for (i = 0; label && i < ds_ruleset_rule_count(trs); i++)
		if (!strcmp(ds_ruleset_rule_label(trs, i), label))
			return ds_ruleset_rule_id(trs, i);
	return NULL;
}

/* Whether the leaves of rule id's condition (in doc's trace) read fact key; a product reads both. */
static int advice_reads(const cJSON *doc, const char *id, const char *key)
{
	const cJSON *t, *lf;

	cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(doc, "trace")) {
		if (strcmp(wc_str(t, "rule"), id))
			continue;
		cJSON_ArrayForEach(lf, cJSON_GetObjectItemCaseSensitive(t, "leaves")) {
			const char *f = wc_str(lf, "fact"), *x = strstr(f, " × ");
			size_t n = strlen(key);
			if (!strcmp(f, key) || (x && ((size_t)(x - f) == n && !strncmp(f, key, n))) ||
			    (x && !strcmp(x + strlen(" × "), key)))
				return 1;
		}
	}
	return 0;
}

/*
 * Makes fact key unknown in s: forgets its value and, when a derivation then
 * fills it (gpu_mem from gpu_model), the given fact whose absence leaves it
 * empty, never a fact rule r reads. Unknown facts fire no rule, so nothing
 * else starts to fire. Returns 0 when that cannot be done.
 */
static int advice_forget(const ds_ruleset *trs, ds_spec *s, const char *key, const cJSON *doc0, const char *r)
{
	size_t tries, k, nf = ds_ruleset_fact_count(trs);

	for (tries = 0; tries <= nf; tries++) {
		cJSON *doc = advice_doc(trs, s);
		const cJSON *now = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "facts"), key);
		int changed = 0;
		if (now == NULL) {
			cJSON_Delete(doc);
			return 1;
		}
		if (ds_spec_has(s, key)) {
			cJSON_Delete(doc);
			assert_int_equal(ds_spec_unset(s, key), DS_OK);
			continue;
		}
		/*
		 * derived: forget a fact it is derived from, one whose absence empties it or at least
		 * changes it (gpus 0 makes gpu_mem 0 before gpu_model's catalog size can: forget gpus, then
		 * gpu_model)
		 */
		for (k = 0; k < nf && !changed; k++) {
			const char *g = ds_fact_key(trs, k);
			const cJSON *then;
			ds_spec *c;
			cJSON *d2;
			if (!ds_spec_has(s, g) || advice_reads(doc0, r, g))
				continue;
			c = spec_copy(trs, s);
			assert_int_equal(ds_spec_unset(c, g), DS_OK);
			d2 = advice_doc(trs, c);
			then = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(d2, "facts"), key);
			if (then == NULL || !cJSON_Compare(then, now, 1)) {
				assert_int_equal(ds_spec_unset(s, g), DS_OK);
				changed = 1;
			}
			cJSON_Delete(d2);
			ds_spec_free(c);
		}
		cJSON_Delete(doc);
		if (!changed)
			return 0;
	}
	return 0;
}

/*
 * Switches rule b off, the rest kept: every fact its condition reads that
 * rule r does not read becomes unknown. Returns whether b no longer fires.
 */
static int advice_switch_off(const ds_ruleset *trs, ds_spec *s, const char *b, const char *r)
{
	size_t i, nf = ds_ruleset_fact_count(trs);
	cJSON *doc0 = advice_doc(trs, s), *doc;
	int off = 1;

	for (i = 0; i < nf && off; i++) {
		const char *key = ds_fact_key(trs, i);
		if (advice_reads(doc0, b, key) && !advice_reads(doc0, r, key))
			off = advice_forget(trs, s, key, doc0, r);
	}
	doc = advice_doc(trs, s);
	off = off && advice_reason(doc, b) == NULL;
	cJSON_Delete(doc);
	cJSON_Delete(doc0);
	return off;
}

/* The models a hard reason leaves standing, a bit each in the table's order. */
static unsigned advice_allow(const ds_ruleset *trs, const cJSON *re)
{
	unsigned all = (1u << ds_ruleset_model_count(trs)) - 1, m = 0;
	size_t i;

	for (i = 0; i < ds_ruleset_model_count(trs); i++)
		if (!strcmp(ds_ruleset_model_id(trs, i), wc_str(re, "model")))
			m = 1u << i;
	return !strcmp(wc_str(re, "effect"), "require") ? m : all & ~m;
}

/*
 * Every override of res: switching off its beaters one by one (in the order
 * listed, the facts of the overridden rule kept), the overridden rule still
 * fires and is beaten, if at all, only by listed rules not yet switched off.
 * Then the rules of its own class that apply against every model it needs
 * (the text names them too: they would contradict it) are switched off, and
 * it applies. overridden_by is one of beaten_by.
 */
__attribute__((unused)) static void check_advice(const ds_ruleset *trs, const ds_spec *spec, const ds_result *res)
{
	char *txt = NULL;
	cJSON *j;
	const cJSON *re;

	assert_int_equal(ds_render(res, DS_FORMAT_NDJSON, DS_LANG_EN, &txt, NULL), DS_OK);
	j = cJSON_Parse(txt);
	assert_non_null(j);
	free(txt); /* messages show the facts and the reasons' states, short enough to be read whole */
	{
		cJSON *short_doc = cJSON_CreateObject();
		const cJSON *r2;
		cJSON_AddItemToObject(short_doc, "facts", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(j, "facts"), 1));
		cJSON_ArrayForEach(r2, cJSON_GetObjectItemCaseSensitive(j, "reasons"))
			cJSON_AddStringToObject(short_doc, wc_str(r2, "rule"), wc_str(r2, "state"));
		txt = cJSON_PrintUnformatted(short_doc);
		cJSON_Delete(short_doc);
	}
	cJSON_ArrayForEach(re, cJSON_GetObjectItemCaseSensitive(j, "reasons")) {
		const char *rid = wc_str(re, "rule"), *ids[64];
		const cJSON *by = cJSON_GetObjectItemCaseSensitive(re, "beaten_by"), *l, *now = NULL;
		size_t nb = 0, k, m;
		int named = 0;
		ds_spec *s;
		if (strcmp(wc_str(re, "state"), "overridden"))
			continue;
		cJSON_ArrayForEach(l, by) {
			ids[nb] = advice_id(trs, l->valuestring);
			if (ids[nb] == NULL)
				fail_msg("%s: beaten_by names %s, no rule's label: %s", rid, l->valuestring, txt);
			named |= !strcmp(l->valuestring, wc_str(re, "overridden_by"));
			nb++;
		}
		if (nb == 0 || !named)
			fail_msg("%s is overridden, but overridden_by is not one of beaten_by: %s", rid, txt);
		s = spec_copy(trs, spec);
		for (k = 0; k < nb; k++) {
			cJSON *doc;
			if (!advice_switch_off(trs, s, ids[k], rid))
				fail_msg("%s: cannot switch off %s (which beat it) without changing %s's facts: %s", rid, ids[k],
				         rid, txt);
			doc = advice_doc(trs, s);
			now = advice_reason(doc, rid);
			if (now == NULL)
				fail_msg("%s no longer fires once %s is off, though its facts were kept: %s", rid, ids[k], txt);
			if (!strcmp(wc_str(now, "state"), "overridden")) {
				cJSON_ArrayForEach(l, cJSON_GetObjectItemCaseSensitive(now, "beaten_by")) {
					const char *bid = advice_id(trs, l->valuestring);
					for (m = k + 1; m < nb && (bid == NULL || strcmp(ids[m], bid)); m++)
						;
					if (m == nb)
						fail_msg("%s: with %s off (following the advice), %s beats it, which the advice did "
						         "not list or was already switched off: %s", rid, ids[k], l->valuestring, txt);
				}
				if (k + 1 == nb)
					fail_msg("%s: every rule that beat it is off, but it is still overridden: %s", rid, txt);
			}
			cJSON_Delete(doc);
		}
		{ /* its own class's rules that would contradict it (a pair each, else all: a group), then it applies */
			const cJSON *q;
			cJSON *doc;
			unsigned left = advice_allow(trs, re), rest = left;
			int pairs = 0;
			cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(j, "reasons"))
				if (q != re && !strcmp(wc_str(q, "class"), wc_str(re, "class")) && !strcmp(wc_str(q, "state"), "applied")) {
					left &= advice_allow(trs, q);
					if (advice_allow(trs, q) & advice_allow(trs, re))
						rest &= advice_allow(trs, q);
					else
						pairs = 1;
				}
			cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(j, "reasons"))
				if (left == 0 && q != re && !strcmp(wc_str(q, "class"), wc_str(re, "class")) &&
				    !strcmp(wc_str(q, "state"), "applied") &&
				    (!(pairs && rest) || !(advice_allow(trs, q) & advice_allow(trs, re))) &&
				    !advice_switch_off(trs, s, wc_str(q, "rule"), rid))
					fail_msg("%s: cannot switch off %s, of its class, without changing its facts: %s", rid,
					         wc_str(q, "rule"), txt);
			doc = advice_doc(trs, s);
			now = advice_reason(doc, rid);
			if (now == NULL || strcmp(wc_str(now, "state"), "applied"))
				fail_msg("%s: the whole advice followed, it is %s, not applied: %s", rid,
				         now ? wc_str(now, "state") : "not firing", txt);
			cJSON_Delete(doc);
		}
		ds_spec_free(s);
	}
	cJSON_Delete(j);
	free(txt);
}

/*
 * Checks the counterfactuals and stability of res (the result of spec), by
 * evaluating again: every change gives the outcome it claims, lies in its
 * range and is the nearest (no probe value closer to the current one changes
 * the outcome); facts without a change have no probe value that changes it;
 * they are ordered known first, by size; a stable result changes under no
 * pair of unknown facts; an unstable one changes under some assignment of its
 * missing facts.
 */
__attribute__((unused)) static void check_whatif(const ds_ruleset *trs, const ds_spec *spec, const ds_result *res)
{
	char *txt = NULL, cur[128], got[128];
	size_t len = 0, nf = ds_ruleset_fact_count(trs), i;
	cJSON *j, *changes, *c, *facts, *missing;
	int listed[64] = {0}, stable, seen_unknown = 0;
	double last_size = -1;

	assert_int_equal(ds_render(res, DS_FORMAT_NDJSON, DS_LANG_EN, &txt, &len), DS_OK);
	j = cJSON_Parse(txt);
	assert_non_null(j);
	snprintf(cur, sizeof cur, "%s/%s/%s", wc_str(j, "recommendation"), wc_str(j, "status"), wc_str(j, "fallback"));
	changes = cJSON_GetObjectItemCaseSensitive(j, "changes");
	facts = cJSON_GetObjectItemCaseSensitive(j, "facts");
	missing = cJSON_GetObjectItemCaseSensitive(j, "missing");
	assert_true(cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(j, "stable")));
	stable = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(j, "stable"));
	if (!cJSON_IsArray(changes))
		fail_msg("no \"changes\" in %s", txt);

	cJSON_ArrayForEach(c, changes) {
		const char *key = wc_str(c, "fact");
		const cJSON *to = cJSON_GetObjectItemCaseSensitive(c, "to");
		const cJSON *from = cJSON_GetObjectItemCaseSensitive(c, "from");
		const cJSON *oc = cJSON_GetObjectItemCaseSensitive(c, "outcome");
		const cJSON *range = cJSON_GetObjectItemCaseSensitive(c, "range");
		char want[128];
		long fi = ds_ruleset_fact_by_key(trs, key);
		ds_spec *s;
		double size = 1;

		assert_true(fi >= 0);
		listed[fi] = 1;
		snprintf(want, sizeof want, "%s/%s/%s", wc_str(oc, "recommendation"), wc_str(oc, "status"),
		         wc_str(oc, "fallback"));
		if (!strcmp(want, cur))
			fail_msg("change of %s claims the current outcome %s", key, cur);
		s = spec_copy(trs, spec);
		spec_set_json(s, key, to);
		outcome_of(trs, s, got, sizeof got);
		ds_spec_free(s);
		if (strcmp(got, want))
			fail_msg("%s -> %s: claimed %s, the engine says %s (spec %s)", key, cJSON_PrintUnformatted(to), want,
			         got, txt);
		/* known facts first, each group by size */
		if (cJSON_IsNull(from)) {
			seen_unknown = 1;
			assert_true(cJSON_GetObjectItemCaseSensitive(facts, key) == NULL);
		} else {
			if (seen_unknown)
				fail_msg("change of known %s after a change of an unknown fact", key);
			if (cJSON_IsNumber(from))
				size = fabs(to->valuedouble - from->valuedouble) /
				       (fabs(from->valuedouble) > 1 ? fabs(from->valuedouble) : 1);
			if (size < last_size - 1e-12)
				fail_msg("changes out of order at %s", key);
			last_size = size;
		}
		if (cJSON_IsNumber(to)) {
			double p[256];
			size_t np = probe_values(trs, (size_t)fi, p, 256), k;
			double edge = to->valuedouble; /* the range's end nearest the current value */
			assert_non_null(range);
			if (cJSON_IsNumber(from)) {
				const char *k1 = from->valuedouble < to->valuedouble ? "at_least" : "at_most";
				const char *k2 = from->valuedouble < to->valuedouble ? "above" : "below";
				const cJSON *e = cJSON_GetObjectItemCaseSensitive(range, k1);
				if (e == NULL)
					e = cJSON_GetObjectItemCaseSensitive(range, k2);
				if (e == NULL)
					fail_msg("%s: the range of a change from %g to %g has no near end", key, from->valuedouble,
					         to->valuedouble);
				edge = e->valuedouble;
			}
			if (!in_change_range(range, to->valuedouble))
				fail_msg("%s: to %g outside its range", key, to->valuedouble);
			for (k = 0; k < np; k++) {
				/* inside the range: the claimed outcome; nearer than to (known): the current one */
				outcome_num(trs, spec, key, p[k], got, sizeof got);
				if (in_change_range(range, p[k]) && strcmp(got, want) && strcmp(got, "-")) /* a range holds throughout */
					fail_msg("%s=%g is in the range of the change to %g but gives %s, not %s", key, p[k],
					         to->valuedouble, got, want);
				if (cJSON_IsNumber(from) && fabs(p[k] - from->valuedouble) < fabs(edge - from->valuedouble) &&
				    !in_change_range(range, p[k]) && strcmp(got, cur) && strcmp(got, "-"))
					fail_msg("%s=%.17g changes the outcome (%s) but is nearer than the change to %g: %s", key, p[k],
					         got, to->valuedouble, txt);
			}
		}
	}
	/* facts without a change: no probe value, enum value or flipped boolean changes the outcome */
	for (i = 0; i < nf && i < 64; i++) {
		ds_fact_type t = ds_fact_type_of(trs, i);
		const char *key = ds_fact_key(trs, i);
		size_t k;
		if (listed[i])
			continue;
		if (t == DS_FACT_NUMBER || t == DS_FACT_INTEGER) {
			double p[256];
			size_t np = probe_values(trs, i, p, 256);
			for (k = 0; k < np; k++) {
				outcome_num(trs, spec, key, p[k], got, sizeof got);
				if (strcmp(got, cur) && strcmp(got, "-"))
					fail_msg("%s=%g changes the outcome to %s, but no change of %s is listed (%s)", key, p[k], got,
					         key, txt);
			}
		} else if (t == DS_FACT_ENUM || t == DS_FACT_BOOLEAN) {
			size_t nv = t == DS_FACT_BOOLEAN ? 2 : ds_fact_value_count(trs, i);
			for (k = 0; k < nv; k++) {
				ds_spec *s = spec_copy(trs, spec);
				cJSON *v = t == DS_FACT_BOOLEAN ? cJSON_CreateBool((int)k) : cJSON_CreateString(ds_fact_value(trs, i, k));
				spec_set_json(s, key, v);
				outcome_of(trs, s, got, sizeof got);
				if (strcmp(got, cur) && strcmp(got, "-"))
					fail_msg("%s=%s changes the outcome to %s, but no change of %s is listed (%s)", key,
					         cJSON_PrintUnformatted(v), got, key, txt);
				cJSON_Delete(v);
				ds_spec_free(s);
			}
		}
	}
	/* stability */
	if (stable) {
		size_t unk[64], nu = 0, a, b, x, y;
		assert_int_equal(cJSON_GetArraySize(missing), 0);
		for (i = 0; i < nf && i < 64; i++)
			if (ds_fact_type_of(trs, i) != DS_FACT_BOOLEAN && !cJSON_GetObjectItemCaseSensitive(facts, ds_fact_key(trs, i)))
				unk[nu++] = i;
		/* every unknown fact alone, and every pair (when there are few), over their probe values */
		for (a = 0; a < nu; a++)
			for (b = a; b < (nu <= 4 ? nu : a + 1); b++) {
				cJSON *va = trial_values(trs, unk[a], a == b), *vb = trial_values(trs, unk[b], 0);
				size_t na = (size_t)cJSON_GetArraySize(va), nb = a == b ? 1 : (size_t)cJSON_GetArraySize(vb);
				for (x = 0; x < na; x++)
					for (y = 0; y < nb; y++) {
						ds_spec *sp = spec_copy(trs, spec);
						spec_set_json(sp, ds_fact_key(trs, unk[a]), cJSON_GetArrayItem(va, (int)x));
						if (a != b)
							spec_set_json(sp, ds_fact_key(trs, unk[b]), cJSON_GetArrayItem(vb, (int)y));
						outcome_of(trs, sp, got, sizeof got);
						if (strcmp(got, cur) && strcmp(got, "-"))
							fail_msg("stable, but %s (and %s) change it to %s: %s", ds_fact_key(trs, unk[a]),
							         ds_fact_key(trs, unk[b]), got, txt);
						ds_spec_free(sp);
					}
				cJSON_Delete(va);
				cJSON_Delete(vb);
			}
	} else {
		/* some assignment of the missing facts changes it */
		size_t nm = (size_t)cJSON_GetArraySize(missing), radix[64], digit[64], k, total = 1;
		cJSON *vals[64];
		int found = 0;
		if (nm == 0)
			fail_msg("unstable, but nothing is missing: %s", txt);
		for (k = 0; k < nm; k++) {
			vals[k] = trial_values(trs, (size_t)ds_ruleset_fact_by_key(trs, cJSON_GetArrayItem(missing, (int)k)->valuestring), 0);
			radix[k] = (size_t)cJSON_GetArraySize(vals[k]) + 1;
			digit[k] = 0;
			total *= radix[k];
		}
		/* one fact at a time first, then every combination (when there are not too many) */
		for (k = 0; k < nm && !found; k++) {
			size_t x;
			for (x = 0; x + 1 < radix[k] && !found; x++) {
				ds_spec *sp = spec_copy(trs, spec);
				spec_set_json(sp, cJSON_GetArrayItem(missing, (int)k)->valuestring, cJSON_GetArrayItem(vals[k], (int)x));
				outcome_of(trs, sp, got, sizeof got);
				found = strcmp(got, cur) != 0 && strcmp(got, "-") != 0;
				ds_spec_free(sp);
			}
		}
		if (!found && total <= 20000) { /* (beyond that, the library's own search is trusted) */
			while (!found) {
				ds_spec *sp = spec_copy(trs, spec);
				for (k = 0; k < nm; k++)
					if (digit[k])
						spec_set_json(sp, cJSON_GetArrayItem(missing, (int)k)->valuestring,
						              cJSON_GetArrayItem(vals[k], (int)digit[k] - 1));
				outcome_of(trs, sp, got, sizeof got);
				found = strcmp(got, cur) != 0 && strcmp(got, "-") != 0;
				ds_spec_free(sp);
				for (k = 0; k < nm && ++digit[k] == radix[k]; k++)
					digit[k] = 0;
				if (k == nm)
					break;
			}
			if (!found)
				fail_msg("unstable, but no values of the missing facts change it: %s", txt);
		}
		for (k = 0; k < nm; k++)
			cJSON_Delete(vals[k]);
	}
	cJSON_Delete(j);
	free(txt);
	check_advice(trs, spec, res);
}


#endif
