/*
 * fuzz_options: the command-line parser. The input is argv, arguments
 * separated by NUL bytes; the fact flags come from the embedded table.
 */
#include "fuzz_common.h"
#include "options.h"

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const ds_ruleset *rs = fuzz_rules();
	char *copy = malloc(size + 1), *argv[MAX_ARGS + 2];
	int argc = 1, rc;
	size_t i, start = 0;
	struct cli c;

	FUZZ_CHECK(copy != NULL, "memory");
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[0] = (char *)"dsselect";
	for (i = 0; i <= size && argc <= MAX_ARGS; i++)
		if (copy[i] == '\0') {
			argv[argc++] = copy + start;
			start = i + 1;
		}
	argv[argc] = NULL;
	memset(&c, 0, sizeof c);
	(void)cli_prescan_rules(argc, argv);
	rc = cli_parse(argc, argv, rs, &c);
	FUZZ_CHECK(rc == 0 || rc == 64, "the parser returns 0 or 64");
	if (rc == 0) {
		FUZZ_CHECK(c.flags != NULL, "flags parsed into a spec");
		if (!c.help && !c.version)
			fuzz_evaluate(rs, c.flags, DS_CHANGES_OFF);
	}
	ds_spec_free(c.flags);
	free(copy);
	return 0;
}
