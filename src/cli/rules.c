/* rules.c: dsselect rules check|test|list|show: the rule table as a product. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "msg.h"
#include "options.h"
#include "rules.h"

#define EMBEDDED_NAME "deepseek-v1-v2.yaml (embedded)"

static int out_text(const char *s, size_t n, int text)
{
	return cli_emit(s, n, text) ? DS_EXIT_IOERR : 0;
}

static int usage(void)
{
	cli_errorf("usage: dsselect rules check|test|list [FILE] | rules show REF|ID [--rules FILE]");
	return DS_EXIT_USAGE;
}

/* Loads the table to list, show or test: FILE, or the embedded one. */
static int load(const char *path, ds_ruleset **rs)
{
	ds_diag d;
	ds_status st;

	memset(&d, 0, sizeof d);
	if (path) {
		st = ds_ruleset_load_file(path, rs, &d);
	} else { /* the full text: examples and cases included */
		size_t len;
		const char *text = ds_ruleset_default_text(&len);
		st = ds_ruleset_load_mem(text, len, EMBEDDED_NAME, rs, &d);
	}
	if (st == DS_OK)
		return 0;
	cli_error_diag(&d);
	return st == DS_ERR_IO ? DS_EXIT_NOINPUT : DS_EXIT_CONFIG;
}

/* A fact flag that a dsselect option shadows is an error of the table (the loader cannot know options). */
static int add_clash(const char *path, ds_problem **ps, size_t *n)
{
	ds_ruleset *rs = NULL;
	ds_problem *grown, *p;
	unsigned line, col;
	long f;
	int rc;

	if ((rc = load(path, &rs)) != 0)
		return rc;
	if ((f = cli_flag_clash(rs)) >= 0) {
		if ((grown = realloc(*ps, (*n + 1) * sizeof *grown)) == NULL) {
			ds_ruleset_free(rs);
			cli_errorf("out of memory");
			return DS_EXIT_CONFIG;
		}
		memmove(grown + 1, grown, *n * sizeof *grown); /* errors come first */
		*ps = grown;
		++*n;
		p = &grown[0];
		memset(p, 0, sizeof *p);
		ds_fact_position(rs, (size_t)f, &line, &col);
		p->severity = DS_SEV_ERROR;
		snprintf(p->code, sizeof p->code, "error");
		snprintf(p->diag.file, sizeof p->diag.file, "%s", path ? path : EMBEDDED_NAME);
		p->diag.line = line;
		p->diag.col = col;
		snprintf(p->diag.msg, sizeof p->diag.msg, "fact flag '--%s' is also a dsselect option; rename it",
		         ds_fact_flag(rs, (size_t)f));
	}
	ds_ruleset_free(rs);
	return 0;
}

int cli_run_rules(int argc, char **argv)
{
	static const char *const subs[] = {"check", "test", "list", "show"};
	static const char *const opts[] = {"--format", "--lang", "--rules", "--strict", "--help"};
	const char *sub, *path = NULL, *which = NULL;
	ds_format fmt = DS_FORMAT_TEXT;
	ds_lang lang = cli_env_lang();
	int strict = 0, i, rc = 0;
	char *out = NULL;
	size_t len = 0, k;

	if (argc < 2)
		return usage();
	sub = argv[1];
	if (!strcmp(sub, "--help") || !strcmp(sub, "-h"))
		sub = "help";
	for (k = 0; k < 4 && strcmp(sub, subs[k]); k++)
		;
	if (!strcmp(sub, "help")) {
		int zh = lang == DS_LANG_ZH;
		for (i = 2; i + 1 < argc; i++)
			if (!strcmp(argv[i], "--lang"))
				zh = !strcmp(argv[i + 1], "zh");
		printf("%s", zh ? "用法:dsselect rules check [FILE] [--strict] [--format text|json]\n"
		                  "      检查规则表:列出全部错误与警告(FILE:行:列),矛盾附可直接运行的见证命令;\n"
		                  "      --strict 把警告当作错误。\n"
		                  "      dsselect rules test [FILE]\n"
		                  "      运行规则的示例(examples)与规则表的用例(cases),输出 N passed, M failed。\n"
		                  "      dsselect rules list [FILE] [--format text|json]  列出全部规则\n"
		                  "      dsselect rules show REF|ID [--rules FILE] [--format text|json]  显示一条规则\n"
		                  "FILE 默认为内置规则表;--lang en|zh 选择语言。\n"
		                  "退出状态:0 正常;1 rules test 有失败;66 无法读取文件;78 规则表有误(--strict 时含警告)。\n"
		                  "详见 docs/rules.md。\n"
		                : "Usage: dsselect rules check [FILE] [--strict] [--format text|json]\n"
		                  "         every error and warning of a table, FILE:LINE:COLUMN, contradictions with a\n"
		                  "         ready-to-run witness command; --strict makes warnings errors\n"
		                  "       dsselect rules test [FILE]\n"
		                  "         run the rules' examples and the table's cases: N passed, M failed\n"
		                  "       dsselect rules list [FILE] [--format text|json]      every rule, one line each\n"
		                  "       dsselect rules show REF|ID [--rules FILE] [--format text|json]   one rule in full\n"
		                  "FILE defaults to the embedded table; --lang en|zh picks the language.\n"
		                  "Exit status: 0 fine; 1 a failed example or case (rules test); 66 the file cannot be\n"
		                  "read; 78 the table has errors (or warnings, with --strict). See docs/rules.md.\n");
		return fflush(stdout) ? DS_EXIT_IOERR : 0;
	}
	if (k == 4) {
		const char *near = ds_nearest_word(sub, subs, 4);
		if (near)
			cli_errorf("rules: unknown command '%s' (did you mean '%s'?)", sub, near);
		else
			cli_errorf("rules: unknown command '%s'; use check, test, list or show", sub);
		return DS_EXIT_USAGE;
	}
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--strict")) {
			if (strcmp(sub, "check")) {
				cli_errorf("rules %s: --strict is an option of 'rules check' only", sub);
				return DS_EXIT_USAGE;
			}
			strict = 1;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			char *help[] = {argv[0], (char *)"help"};
			return cli_run_rules(2, help);
		} else if (!strcmp(a, "--format") || !strcmp(a, "--lang") || !strcmp(a, "--rules")) {
			if (i + 1 >= argc) {
				cli_errorf("option %s needs a value", a);
				return DS_EXIT_USAGE;
			}
			if (!strcmp(a, "--rules")) {
				path = argv[++i];
			} else if (!strcmp(a, "--lang")) {
				const char *v = argv[++i];
				if (strcmp(v, "en") && strcmp(v, "zh")) {
					cli_errorf("option --lang: unknown value '%s'; use en or zh", v);
					return DS_EXIT_USAGE;
				}
				lang = !strcmp(v, "zh") ? DS_LANG_ZH : DS_LANG_EN;
			} else {
				const char *v = argv[++i];
				if (!strcmp(sub, "test")) {
					cli_errorf("rules test: --format is not an option of it (it prints a report and a count)");
					return DS_EXIT_USAGE;
				}
				if (!strcmp(v, "json"))
					fmt = DS_FORMAT_JSON;
				else if (!strcmp(v, "text"))
					fmt = DS_FORMAT_TEXT;
				else {
					cli_errorf("option --format: unknown value '%s'; use text or json", v);
					return DS_EXIT_USAGE;
				}
			}
		} else if (a[0] == '-' && a[1]) {
			const char *near = ds_nearest_word(a, opts, 5);
			if (near)
				cli_errorf("rules %s: unknown option '%s' (did you mean '%s'?)", sub, a, near);
			else
				cli_errorf("rules %s: unknown option '%s'", sub, a);
			return DS_EXIT_USAGE;
		} else if (!strcmp(sub, "show") && which == NULL) {
			which = a;
		} else if (strcmp(sub, "show") && path == NULL) {
			path = a;
		} else {
			cli_errorf("rules %s: unexpected argument '%s'", sub, a);
			return DS_EXIT_USAGE;
		}
	}

	if (!strcmp(sub, "check")) {
		ds_problem *ps = NULL;
		size_t n = 0, errors = 0, warnings = 0, t;
		size_t dlen;
		const char *text = ds_ruleset_default_text(&dlen);
		ds_status st = path ? ds_ruleset_check_file(path, &ps, &n)
		                    : ds_ruleset_check_mem(text, dlen, EMBEDDED_NAME, NULL, &ps, &n);
		if (st == DS_ERR_NOMEM) {
			cli_errorf("out of memory");
			return DS_EXIT_CONFIG;
		}
		if (st == DS_OK && (rc = add_clash(path, &ps, &n)) != 0) { /* what the command line refuses */
			free(ps);
			return rc;
		}
		for (t = 0; t < n; t++) {
			if (strict)
				ps[t].severity = DS_SEV_ERROR; /* --strict: warnings are errors */
			if (ps[t].severity == DS_SEV_ERROR)
				errors++;
			else
				warnings++;
		}
		if (ds_render_problems(ps, n, fmt, &out, &len) != DS_OK) {
			free(ps);
			cli_errorf("out of memory");
			return DS_EXIT_CONFIG;
		}
		free(ps);
		rc = out_text(out, len, fmt == DS_FORMAT_TEXT);
		free(out);
		if (rc)
			return rc;
		if (st == DS_ERR_IO)
			return DS_EXIT_NOINPUT;
		return errors || (strict && warnings) ? DS_EXIT_CONFIG : 0;
	}

	{
		ds_ruleset *rs = NULL;
		if ((rc = load(path, &rs)) != 0)
			return rc;
		if (!strcmp(sub, "test")) {
			size_t passed, failed;
			if (ds_ruleset_run_tests(rs, lang, &out, &passed, &failed) != DS_OK) {
				cli_errorf("out of memory");
				rc = DS_EXIT_CONFIG;
			} else {
				rc = out_text(out, strlen(out), 1);
				if (!rc && printf("%zu passed, %zu failed\n", passed, failed) < 0)
					rc = DS_EXIT_IOERR;
				if (!rc)
					rc = failed ? 1 : 0;
			}
		} else {
			ds_status st = ds_render_rules(rs, fmt, lang, !strcmp(sub, "show") ? which : NULL, &out, &len);
			if (!strcmp(sub, "show") && which == NULL) {
				cli_errorf("rules show: which rule? give a ref (e.g. 2.2) or an id");
				rc = DS_EXIT_USAGE;
			} else if (st == DS_ERR_UNKNOWN) {
				const char *cands[2 * 64];
				size_t m = 0, r;
				for (r = 0; r < ds_ruleset_rule_count(rs) && m + 2 <= 2 * 64; r++) {
					cands[m++] = ds_ruleset_rule_ref(rs, r);
					cands[m++] = ds_ruleset_rule_id(rs, r);
				}
				{
					const char *near = ds_nearest_word(which, cands, m);
					if (near)
						cli_errorf("rules show: no rule '%s' (did you mean '%s'?)", which, near);
					else
						cli_errorf("rules show: no rule '%s'; see 'dsselect rules list'", which);
				}
				rc = DS_EXIT_USAGE;
			} else if (st != DS_OK) {
				cli_errorf("out of memory");
				rc = DS_EXIT_CONFIG;
			} else {
				rc = out_text(out, len, fmt == DS_FORMAT_TEXT);
			}
		}
		free(out);
		ds_ruleset_free(rs);
	}
	return rc;
}
