/* input.c: the rule table; a whole spec file, read within CLI_MAX_SPEC_SIZE and parsed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "exitcodes.h"
#include "input.h"
#include "msg.h"
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

int cli_load_spec(const ds_ruleset *rs, const struct cli *c, ds_spec **out)
{
	const char *path = c->spec_path;
	ds_diag diag;
	int rc = cli_read_spec(rs, path, out, &diag);

	if (rc)
		rc = strcmp(path, "-") ? cli_run_failed_input(rs, c, &diag, path, path, rc)
		                       : cli_run_failed_input(rs, c, &diag, "<stdin>", NULL, rc);
	return rc;
}

int cli_build_spec(const ds_ruleset *rs, const struct cli *c, ds_spec **spec)
{
	int rc;

	if (c->spec_path) {
		if ((rc = cli_load_spec(rs, c, spec)) != 0)
			return rc;
		if (ds_spec_merge(*spec, c->flags) == DS_OK)
			return 0;
	} else if (ds_spec_new(rs, spec) == DS_OK && ds_spec_merge(*spec, c->flags) == DS_OK) {
		return 0; /* a copy: c->flags stays, to name the flags in messages */
	}
	cli_errorf("out of memory");
	return DS_EXIT_DATAERR;
}

int cli_check_layers(const ds_ruleset *rs, const ds_spec *spec, const struct cli *c)
{
	const char *path = c->spec_path;
	ds_diag d;
	int by_flag;

	memset(&d, 0, sizeof d);
	if (ds_spec_check(spec, c->flags, &by_flag, &d) == DS_OK)
		return 0;
	if (path == NULL) {
		cli_errorf("%s", d.msg);
		return DS_EXIT_USAGE;
	}
	if (by_flag) { /* a flag against the spec's value: the spec is named, where that value comes from */
		cli_errorf("%s: %s", strcmp(path, "-") ? path : "<stdin>", d.msg);
		return DS_EXIT_USAGE;
	}
	return strcmp(path, "-") ? cli_run_failed_input(rs, c, &d, path, path, DS_EXIT_DATAERR)
	                         : cli_run_failed_input(rs, c, &d, "<stdin>", NULL, DS_EXIT_DATAERR);
}

int cli_load_table(const char *path, ds_ruleset **rs)
{
	ds_diag diag = cli_diag();
	ds_status st;
	long clash;
	unsigned line, col;

	st = path ? ds_ruleset_load_file(path, rs, &diag) : ds_ruleset_load_default(rs, &diag);
	if (st != DS_OK) {
		cli_error_diag(&diag);
		return st == DS_ERR_IO ? DS_EXIT_NOINPUT : DS_EXIT_CONFIG;
	}
	if ((clash = cli_flag_clash(*rs)) < 0)
		return 0;
	ds_fact_position(*rs, (size_t)clash, &line, &col);
	cli_located("%s:%u:%u: fact flag '--%s' is also a dsselect option; rename it",
	            path ? path : ds_ruleset_default_name(), line, col, ds_fact_flag(*rs, (size_t)clash));
	return DS_EXIT_CONFIG;
}
