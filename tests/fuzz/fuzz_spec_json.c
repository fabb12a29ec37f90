/* fuzz_spec_json: the strict JSON spec reader, then the engine on whatever it accepts. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const ds_ruleset *rs = fuzz_rules();
	ds_spec *spec = NULL;
	ds_diag d;

	memset(&d, 0, sizeof d);
	FUZZ_CHECK(ds_spec_new(rs, &spec) == DS_OK, "a spec");
	if (ds_spec_read_json(spec, (const char *)data, size, "fuzz", &d) == DS_OK) {
		/* what we accept, cJSON must accept too (we are the stricter one) */
		cJSON *j = cJSON_ParseWithLength((const char *)data, size);
		FUZZ_CHECK(j != NULL, "an accepted spec is JSON to cJSON too");
		cJSON_Delete(j);
		fuzz_evaluate(rs, spec, size & 1 ? 3 : DS_CHANGES_OFF);
	} else {
		FUZZ_CHECK(d.msg[0] != '\0', "a rejected spec has a message");
		FUZZ_CHECK(strchr(d.msg, '\n') == NULL, "the message is one line");
	}
	ds_spec_free(spec);
	return 0;
}
