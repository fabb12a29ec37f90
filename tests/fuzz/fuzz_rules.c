/*
 * fuzz_rules: the rule-table loader and checker on arbitrary bytes; a table
 * that loads is then run: its own examples, and an empty spec with every
 * counterfactual (the what-if search on tables nobody designed).
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ds_ruleset *rs = NULL;
	ds_problem *probs = NULL;
	size_t nprobs = 0, i, passed, failed;
	ds_diag d;
	ds_status st, cst;
	char *report = NULL;

	memset(&d, 0, sizeof d);
	st = ds_ruleset_load_mem((const char *)data, size, "fuzz.yaml", &rs, &d);
	cst = ds_ruleset_check_mem((const char *)data, size, "fuzz.yaml", DS_LANG_EN, &probs, &nprobs);
	FUZZ_CHECK(cst == DS_OK || cst == DS_ERR_RULES, "the checker answers");
	FUZZ_CHECK((st == DS_OK) == (cst == DS_OK), "the checker and the loader agree on loading");
	for (i = 0; i < nprobs; i++)
		FUZZ_CHECK(probs[i].diag.msg[0] && !strchr(probs[i].diag.msg, '\n'), "each problem is one line");
	free(probs);
	if (st != DS_OK) {
		FUZZ_CHECK(rs == NULL, "no table on failure");
		FUZZ_CHECK(d.msg[0] != '\0' && !strchr(d.msg, '\n'), "a rejected table has a one-line message");
		return 0;
	}
	if (ds_ruleset_run_tests(rs, DS_LANG_EN, &report, &passed, &failed) == DS_OK)
		free(report);
	{
		ds_spec *spec = NULL;
		FUZZ_CHECK(ds_spec_new(rs, &spec) == DS_OK, "a spec");
		/* the what-if search on every small table; big ones (the seeds) would cost a second each */
		fuzz_evaluate(rs, spec, size <= 4096 ? DS_CHANGES_ALL : DS_CHANGES_OFF);
		ds_spec_free(spec);
	}
	ds_ruleset_free(rs);
	return 0;
}
