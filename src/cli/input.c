/* input.c: the rule table; a whole spec file, read within CLI_MAX_SPEC_SIZE and parsed. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "exitcodes.h"
#include "input.h"
#include "msg.h"
#include "climsg.h"
#include "cli_limits.h"

/* d (its language kept, the rest cleared) with a message of climsg.h about the file name, in d->lang. */
static void vsay(ds_diag *d, const char *name, const char *en, const char *zh, va_list ap)
{
	ds_lang lang = d->lang;

	memset(d, 0, sizeof *d);
	d->lang = lang;
	snprintf(d->file, sizeof d->file, "%s", name);
	vsnprintf(d->msg, sizeof d->msg, lang == DS_LANG_ZH ? zh : en, ap);
}

/* The message in d, and in also (when not NULL) in its own language. */
static void say(ds_diag *d, ds_diag *also, const char *name, const char *en, const char *zh, ...)
    __attribute__((format(printf, 4, 6)));
static void say(ds_diag *d, ds_diag *also, const char *name, const char *en, const char *zh, ...)
{
	va_list ap, ap2;

	va_start(ap, zh);
	va_copy(ap2, ap);
	vsay(d, name, en, zh, ap);
	if (also)
		vsay(also, name, en, zh, ap2);
	va_end(ap2);
	va_end(ap);
}

/* Reads all of fp (at most CLI_MAX_SPEC_SIZE bytes). Returns 0, or an exit status with d (and also) saying why. */
static int slurp(FILE *fp, const char *name, char **out, size_t *len, ds_diag *d, ds_diag *also)
{
	size_t n = 0, cap = 0, got;
	char *p = NULL, *q;

	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			if ((q = realloc(p, cap + 1)) == NULL) {
				free(p);
				say(d, also, name, M_CLI_OUT_OF_MEMORY);
				return DS_EXIT_DATAERR;
			}
			p = q;
		}
		got = fread(p + n, 1, cap - n, fp);
		n += got;
		if (n > CLI_MAX_SPEC_SIZE) {
			free(p);
			say(d, also, name, M_CLI_SPEC_TOO_LARGE, CLI_MAX_SPEC_SIZE >> 20);
			return DS_EXIT_DATAERR;
		}
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		int e = errno;
		free(p);
		say(d, NULL, name, M_CLI_CANNOT_READ, cli_strerror(e, d->lang));
		if (also)
			say(also, NULL, name, M_CLI_CANNOT_READ, cli_strerror(e, also->lang));
		return DS_EXIT_NOINPUT;
	}
	p[n] = '\0';
	*out = p;
	*len = n;
	return 0;
}

/* Whether the file's name says YAML: *.yaml or *.yml. */
static int yaml_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml"));
}

/*
 * The spec in buf parsed into *out, diag in its language; 0 or an exit
 * status. A *.yaml or *.yml file is YAML, even one that starts with '{' (a
 * flow mapping); any other is JSON when it starts with '{', else YAML.
 */
static int parse(const ds_ruleset *rs, const char *buf, size_t len, const char *name, ds_spec **out, ds_diag *diag)
{
	ds_lang lang = diag->lang;

	memset(diag, 0, sizeof *diag);
	diag->lang = lang;
	switch (yaml_name(name) ? ds_spec_parse_yaml(rs, buf, len, name, out, diag)
	                        : ds_spec_parse(rs, buf, len, name, out, diag)) {
	case DS_OK: return 0;
	case DS_ERR_NOMEM: say(diag, NULL, name, M_CLI_OUT_OF_MEMORY); return DS_EXIT_DATAERR;
	default: return DS_EXIT_DATAERR;
	}
}

int cli_read_spec(const ds_ruleset *rs, const char *path, ds_spec **out, ds_diag *diag, ds_diag *also)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (fp == NULL) {
		int e = errno;
		say(diag, NULL, path, M_CLI_CANNOT_OPEN, cli_strerror(e, diag->lang));
		if (also)
			say(also, NULL, path, M_CLI_CANNOT_OPEN, cli_strerror(e, also->lang));
		return DS_EXIT_NOINPUT;
	}
	rc = slurp(fp, name, &buf, &len, diag, also);
	if (fp != stdin)
		fclose(fp);
	if (rc)
		return rc;
	if ((rc = parse(rs, buf, len, name, out, diag)) != 0 && also) {
		ds_spec *none = NULL;
		parse(rs, buf, len, name, &none, also);
		ds_spec_free(none);
	}
	free(buf);
	return rc;
}

int cli_load_spec(const ds_ruleset *rs, const struct cli *c, ds_spec **out)
{
	const char *path = c->spec_path;
	ds_diag diag = cli_diag();
	int rc = cli_read_spec(rs, path, out, &diag, NULL);

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
	cli_say(M_CLI_OUT_OF_MEMORY);
	return DS_EXIT_DATAERR;
}

int cli_check_layers(const ds_ruleset *rs, const ds_spec *spec, const struct cli *c)
{
	const char *path = c->spec_path;
	ds_diag d = cli_diag();
	int by_flag;

	if (ds_spec_check(spec, c->flags, &by_flag, &d) == DS_OK)
		return 0;
	if (path == NULL) {
		cli_errorf_lang(cli_lang(), "%s", d.msg);
		return DS_EXIT_USAGE;
	}
	if (by_flag) { /* a flag against the spec's value: the spec is named, where that value comes from */
		cli_errorf_lang(cli_lang(), "%s: %s", strcmp(path, "-") ? path : "<stdin>", d.msg);
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
	cli_say_at(M_CLI_FLAG_CLASH, path ? path : ds_ruleset_default_name(), line, col,
	           ds_fact_flag(*rs, (size_t)clash));
	return DS_EXIT_CONFIG;
}
