/* fuzz_spec_yaml: the YAML spec reader, then the engine on whatever it accepts. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const ds_ruleset *rs = fuzz_rules();
	ds_spec *spec = NULL;
	ds_diag d;

	memset(&d, 0, sizeof d);
	if (ds_spec_parse_yaml(rs, (const char *)data, size, "fuzz", &spec, &d) == DS_OK) {
		FUZZ_CHECK(spec != NULL, "an accepted spec exists");
		fuzz_evaluate(rs, spec, size & 1 ? 3 : DS_CHANGES_OFF);
		ds_spec_free(spec);
	} else {
		FUZZ_CHECK(spec == NULL, "no spec on failure");
		FUZZ_CHECK(d.msg[0] != '\0', "a rejected spec has a message");
		FUZZ_CHECK(strchr(d.msg, '\n') == NULL, "the message is one line");
	}
	return 0;
}
