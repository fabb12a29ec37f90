/* input.c: a whole spec file, read within CLI_MAX_SPEC_SIZE and parsed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "input.h"
#include "cli_limits.h"

static void say(ds_diag *d, const char *name, const char *msg, const char *why)
{
	memset(d, 0, sizeof *d);
	snprintf(d->file, sizeof d->file, "%s", name);
	snprintf(d->msg, sizeof d->msg, "%s%s%s", msg, why ? ": " : "", why ? why : "");
}

/* Reads all of fp (at most CLI_MAX_SPEC_SIZE bytes). Returns 0, or an exit status. */
static int slurp(FILE *fp, const char *name, char **out, size_t *len, ds_diag *d)
{
	size_t n = 0, cap = 0, got;
	char *p = NULL, *q;

	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			if ((q = realloc(p, cap + 1)) == NULL) {
				free(p);
				say(d, name, "out of memory", NULL);
				return DS_EXIT_DATAERR;
			}
			p = q;
		}
		got = fread(p + n, 1, cap - n, fp);
		n += got;
		if (n > CLI_MAX_SPEC_SIZE) {
			char msg[80];
			free(p);
			snprintf(msg, sizeof msg, "spec is larger than the %u MiB limit", CLI_MAX_SPEC_SIZE >> 20);
			say(d, name, msg, NULL);
			return DS_EXIT_DATAERR;
		}
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		free(p);
		say(d, name, "cannot read", strerror(errno));
		return DS_EXIT_NOINPUT;
	}
	p[n] = '\0';
	*out = p;
	*len = n;
	return 0;
}

int cli_read_spec(const ds_ruleset *rs, const char *path, ds_spec **out, ds_diag *diag)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (fp == NULL) {
		say(diag, path, "cannot open", strerror(errno));
		return DS_EXIT_NOINPUT;
	}
	rc = slurp(fp, name, &buf, &len, diag);
	if (fp != stdin)
		fclose(fp);
	if (rc)
		return rc;
	memset(diag, 0, sizeof *diag);
	switch (ds_spec_parse(rs, buf, len, name, out, diag)) {
	case DS_OK: rc = 0; break;
	case DS_ERR_NOMEM: say(diag, name, "out of memory", NULL); rc = DS_EXIT_DATAERR; break;
	default: rc = DS_EXIT_DATAERR;
	}
	free(buf);
	return rc;
}
