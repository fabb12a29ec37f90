/*
 * fuzz_batch: the NDJSON loop on in-memory files (memfd): one output line per
 * non-blank input line, in order, whatever the bytes; every line JSON.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "batch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Records in the input as the batch counts them: lines with anything but blanks (a CR ends one too). */
static size_t records(const uint8_t *d, size_t n)
{
	size_t i, count = 0;
	int nonblank = 0;

	for (i = 0; i < n; i++) {
		if (d[i] == '\n') {
			count += nonblank;
			nonblank = 0;
		} else if (d[i] != ' ' && d[i] != '\t' && d[i] != '\r') {
			nonblank = 1;
		}
	}
	return count + nonblank;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const ds_ruleset *rs = fuzz_rules();
	int in = memfd_create("in", 0), out = memfd_create("out", 0), rc;
	struct cli c;
	ds_spec *base = NULL;
	char *buf;
	off_t olen;
	size_t lines = 0, i, start = 0;
	int nothing;

	FUZZ_CHECK(in >= 0 && out >= 0, "memfd");
	FUZZ_CHECK(write(in, data, size) == (ssize_t)size && lseek(in, 0, SEEK_SET) == 0, "write the input");
	memset(&c, 0, sizeof c);
	c.format = DS_FORMAT_NDJSON;
	c.changes = 2;
	c.changes_given = size % 3 == 0; /* some runs with counterfactuals */
	if (size % 4 == 1) /* some in GitHub's format: one escaped workflow command or ok line per record */
		c.ci = CLI_CI_GITHUB;
	FUZZ_CHECK(ds_spec_new(rs, &base) == DS_OK, "a spec");
	rc = cli_run_batch_fd(rs, base, &c, in, out, "fuzz");
	nothing = records(data, size) == 0 && c.ci; /* a CI gate never passes on nothing: one error, 66 */
	FUZZ_CHECK(nothing ? rc == 66 : rc == 0 || rc == 1 || rc == 2 || rc == 65,
	           "a batch exits 0, 1, 2 or 65 (66 for no record in a CI format)");
	olen = lseek(out, 0, SEEK_CUR);
	buf = malloc((size_t)olen + 1);
	FUZZ_CHECK(buf && pread(out, buf, (size_t)olen, 0) == (ssize_t)olen, "read the output");
	for (i = 0; i < (size_t)olen; i++)
		if (buf[i] == '\n') {
			if (c.ci) {
				FUZZ_CHECK(!strncmp(buf + start, "::error ", 8) || !strncmp(buf + start, "::warning ", 10) ||
				               !strncmp(buf + start, "ok: ", 4),
				           "each line a workflow command or an ok line");
				FUZZ_CHECK(memchr(buf + start, '\r', i - start) == NULL, "no raw CR");
			} else {
				cJSON *j = cJSON_ParseWithLength(buf + start, i - start);
				FUZZ_CHECK(j != NULL, "each output line is JSON");
				cJSON_Delete(j);
			}
			lines++;
			start = i + 1;
		}
	FUZZ_CHECK(start == (size_t)olen, "the output ends with a newline");
	FUZZ_CHECK(lines == (nothing ? 1 : records(data, size)), "one output line per input record");
	free(buf);
	ds_spec_free(base);
	close(in);
	close(out);
	return 0;
}
