/* A program of someone else's, built against the installed library through pkg-config. */
#include <stdio.h>
#include <string.h>
#include <dsselect.h>

int main(int argc, char **argv)
{
	const char *json = argc > 1 ? argv[1] : "{\"gpu_mem\": 12, \"task\": \"contract-extraction\"}";
	ds_ruleset *rs = NULL;
	ds_spec *spec = NULL;
	ds_result *res = NULL;
	ds_diag diag;

	if (ds_ruleset_load_default(&rs, &diag) != DS_OK || ds_spec_parse(rs, json, strlen(json), "argv", &spec, &diag) != DS_OK ||
	    ds_evaluate(rs, spec, &res) != DS_OK) {
		fprintf(stderr, "advise: %s\n", diag.msg);
		return 1;
	}
	printf("%s %s %s\n", ds_result_model(res), ds_outcome_str(ds_result_outcome(res)), DS_VERSION);
	ds_result_free(res);
	ds_spec_free(spec);
	ds_ruleset_free(rs);
	return 0;
}
