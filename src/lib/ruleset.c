/* ruleset.c: the public ways to load and check a table: the loader, then the renderer's fragments,
 * or the checker's warnings. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "file.h"
#include "fragments.h"
#include "load.h"

/* The code of a problem that is an error of the table (ds_problem.code). */
#define CODE_ERROR "error"
#include "msgtext.h"

ds_status ds_ruleset_load_mem(const char *buf, size_t len, const char *name, ds_ruleset **out,
                              ds_diag *diag)
{
	ds_status st = dsi_table_load(buf, len, name, out, diag, NULL, NULL);
	const char *shown = name ? name : "<rules>";

	if (st == DS_OK && dsi_fragments_make(*out)) {
		ds_ruleset_free(*out);
		*out = NULL;
		dsi_diag_say(diag, shown, 0, 0, NULL, M_OUT_OF_MEMORY);
		st = DS_ERR_NOMEM;
	}
	return st;
}

ds_status ds_ruleset_check_mem(const char *buf, size_t len, const char *name, ds_lang lang, ds_problem **out,
                               size_t *n)
{
	struct problems ps;
	ds_diag *all = NULL;
	size_t nall = 0;
	ds_ruleset *rs = NULL;
	ds_diag first;
	ds_status st;
	size_t i;

	if (out == NULL || n == NULL)
		return DS_ERR_ARG;
	*out = NULL;
	*n = 0;
	if (name == NULL)
		name = "<rules>";
	memset(&ps, 0, sizeof ps);
	memset(&first, 0, sizeof first);
	ps.lang = first.lang = lang;
	st = dsi_table_load(buf, len, name, &rs, &first, &all, &nall);
	/* the loader's messages are in lang already (first.lang): they are copied as they are */
	if (st == DS_ERR_RULES && nall == 0) /* a YAML syntax error: one problem */
		dsi_problem_add(&ps, DS_SEV_ERROR, CODE_ERROR, first.file, first.line, first.col, NULL, "%s", first.msg);
	for (i = 0; i < nall; i++)
		dsi_problem_add(&ps, DS_SEV_ERROR, CODE_ERROR, all[i].file, all[i].line, all[i].col, NULL, "%s",
		            all[i].msg);
	free(all);
	if (st == DS_OK && dsi_fragments_make(rs)) /* the witnesses are written as the results write facts */
		st = DS_ERR_NOMEM;
	if (st == DS_OK)
		dsi_check_warnings(rs, name, &ps);
	ds_ruleset_free(rs);
	if (ps.oom || st == DS_ERR_NOMEM) {
		free(ps.p);
		return DS_ERR_NOMEM;
	}
	*out = ps.p;
	*n = ps.n;
	return st;
}

ds_status ds_ruleset_check_file(const char *path, ds_lang lang, ds_problem **out, size_t *n)
{
	ds_diag d = {.lang = lang};
	char *buf;
	size_t len;
	ds_status st;

	if (out == NULL || n == NULL || path == NULL)
		return DS_ERR_ARG;
	*out = NULL;
	*n = 0;
	if ((st = dsi_read_file(path, &buf, &len, &d)) != DS_OK) {
		struct problems ps;
		memset(&ps, 0, sizeof ps);
		ps.lang = lang;
		dsi_problem_add(&ps, DS_SEV_ERROR, CODE_ERROR, d.file, 0, 0, NULL, "%s", d.msg);
		*out = ps.p;
		*n = ps.n;
		return st == DS_ERR_VALUE ? DS_ERR_RULES : st;
	}
	st = ds_ruleset_check_mem(buf, len, path, lang, out, n);
	free(buf);
	return st;
}

ds_status ds_ruleset_load_file(const char *path, ds_ruleset **out, ds_diag *diag)
{
	char *buf;
	size_t len;
	ds_status st;

	if (out == NULL || path == NULL)
		return DS_ERR_ARG;
	*out = NULL;
	if ((st = dsi_read_file(path, &buf, &len, diag)) != DS_OK)
		return st == DS_ERR_VALUE ? DS_ERR_RULES : st;
	st = ds_ruleset_load_mem(buf, len, path, out, diag);
	free(buf);
	return st;
}

const char *ds_ruleset_default_name(void) { return "deepseek-v1-v2.yaml (embedded)"; }

extern const unsigned char dsi_default_rules[];
extern const size_t dsi_default_rules_len;

const char *ds_ruleset_default_text(size_t *len)
{
	if (len)
		*len = dsi_default_rules_len;
	return (const char *)dsi_default_rules;
}

extern const unsigned char dsi_default_rules_lean[];
extern const size_t dsi_default_rules_lean_len;

/* The lean copy: the same table without comments, examples and cases (see cmake/embed.cmake). */
ds_status ds_ruleset_load_default(ds_ruleset **out, ds_diag *diag)
{
	return ds_ruleset_load_mem((const char *)dsi_default_rules_lean, dsi_default_rules_lean_len,
	                           ds_ruleset_default_name(), out, diag);
}

