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
}


#endif
