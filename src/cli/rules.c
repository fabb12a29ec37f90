/* rules.c: dsselect rules check|test|list|show: the rule table as a product. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "climsg.h"
#include "msg.h"
#include "options.h"
#include "rules.h"
#include "witness.h"

#define EMBEDDED_NAME ds_ruleset_default_name()

/* ---- the subcommands' options: each refuses what it does not take ---- */

#define F(member) offsetof(struct cli, member)
static const struct cli_word formats[] = {{"text", CLI_FMT_TEXT}, {"json", CLI_FMT_JSON}, {NULL, 0}};
#define RULES_FORMAT                                                                                           \
	.name = "format", .kind = CLI_ARG_WORD, .field = F(fmt), .given = F(format_given), .arg = "text|json",    \
	.words = formats

static const struct cli_opt check_opts[] = {
	{RULES_FORMAT}, {CLI_OPT_HELP}, {CLI_OPT_LANG}, {CLI_OPT_RULES}, {.name = "strict", .kind = CLI_ARG_NONE, .field = F(strict)},
};
static const struct cli_opt test_opts[] = {{CLI_OPT_HELP}, {CLI_OPT_LANG}, {CLI_OPT_RULES}};
static const struct cli_opt list_opts[] = {{RULES_FORMAT}, {CLI_OPT_HELP}, {CLI_OPT_LANG}, {CLI_OPT_RULES}};
#define N(opts) sizeof opts / sizeof opts[0]

const char *const cli_rules_subs[CLI_RULES_NSUBS] = {"check", "test", "list", "show"};
const struct cli_cmd cli_rules_cmds[CLI_RULES_NSUBS] = {
	{"rules check: ", "dsselect rules", check_opts, N(check_opts), 0, 1},
	{"rules test: ", "dsselect rules", test_opts, N(test_opts), 0, 1},
	{"rules list: ", "dsselect rules", list_opts, N(list_opts), 0, 1},
	{"rules show: ", "dsselect rules", list_opts, N(list_opts), 0, 1},
};
/* rules --help [...]: any option of a subcommand (--lang picks the help's language) */
static const struct cli_cmd help_cmd = {"rules: ", "dsselect rules", check_opts, N(check_opts), 0, 1};

enum { SUB_CHECK, SUB_TEST, SUB_LIST, SUB_SHOW, SUB_HELP };

static int out_text(const char *s, size_t n, int text)
{
	return cli_emit(s, n, text) ? DS_EXIT_IOERR : 0;
}

static int usage(void)
{
	cli_say(M_RULES_USAGE);
	return DS_EXIT_USAGE;
}

/* Loads the table to list, show or test: FILE, or the embedded one. */
static int load(const char *path, ds_ruleset **rs)
{
	ds_diag d = cli_diag();
	ds_status st;

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
/*
 * The problems as text or JSON, each contradiction's witness spelled as the
 * command that fires both rules (one that would be longer than a line of 512
 * bytes is left out).
 */
static ds_status render_problems(const char *path, const ds_problem *ps, size_t n, ds_format fmt, char **out,
                                 size_t *len)
{
	ds_ruleset *rs = NULL;
	char **cmds = NULL;
	size_t i;
	ds_status st = DS_OK;

	for (i = 0; i < n && !ps[i].witness[0]; i++)
		;
	if (i < n) { /* a table with warnings loads */
		size_t tlen;
		const char *text = ds_ruleset_default_text(&tlen);
		ds_diag d = cli_diag();
		st = path ? ds_ruleset_load_file(path, &rs, &d) : ds_ruleset_load_mem(text, tlen, EMBEDDED_NAME, &rs, &d);
		if (st == DS_OK && (cmds = calloc(n, sizeof *cmds)) == NULL)
			st = DS_ERR_NOMEM;
		for (; st == DS_OK && i < n; i++) {
			if (!ps[i].witness[0])
				continue;
			if ((cmds[i] = cli_witness_command(rs, path, ps[i].witness)) == NULL)
				st = DS_ERR_NOMEM;
			else if (strlen(cmds[i]) >= sizeof ps[i].witness) {
				free(cmds[i]);
				cmds[i] = NULL;
			}
		}
	}
	if (st == DS_OK)
		st = ds_render_problems(ps, n, fmt, (const char *const *)cmds, out, len);
	for (i = 0; cmds && i < n; i++)
		free(cmds[i]);
	free(cmds);
	ds_ruleset_free(rs);
	return st;
}

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
			cli_say(M_CLI_OUT_OF_MEMORY);
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
		snprintf(p->diag.msg, sizeof p->diag.msg, cli_tr(M_RULES_FLAG_CLASH), ds_fact_flag(rs, (size_t)f));
	}
	ds_ruleset_free(rs);
	return 0;
}

static int help(void)
{
	const char *text = cli_tr(M_RULES_HELP);

	return cli_emit(text, strlen(text), 1) ? DS_EXIT_IOERR : 0;
}

/* rules check: every problem of the table (FILE or the embedded one); --strict makes warnings errors. */
static int check(const char *path, int strict, ds_format fmt)
{
	ds_problem *ps = NULL;
	size_t n = 0, errors = 0, warnings = 0, t, dlen, len = 0;
	const char *text = ds_ruleset_default_text(&dlen);
	ds_lang lang = fmt == DS_FORMAT_TEXT ? cli_lang() : DS_LANG_EN; /* JSON stays English (the contract) */
	ds_status st = path ? ds_ruleset_check_file(path, lang, &ps, &n) : ds_ruleset_check_mem(text, dlen, EMBEDDED_NAME, lang, &ps, &n);
	char *out = NULL;
	int rc;

	if (st == DS_ERR_NOMEM) {
		cli_say(M_CLI_OUT_OF_MEMORY);
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
	if (render_problems(path, ps, n, fmt, &out, &len) != DS_OK) {
		free(ps);
		cli_say(M_CLI_OUT_OF_MEMORY);
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

/* rules test: the rules' examples and the table's cases; 1 when one fails. */
static int test(const ds_ruleset *rs, ds_lang lang)
{
	size_t passed, failed;
	char *out = NULL;
	int rc;

	if (ds_ruleset_run_tests(rs, lang, &out, &passed, &failed) != DS_OK) {
		cli_say(M_CLI_OUT_OF_MEMORY);
		return DS_EXIT_CONFIG;
	}
	rc = out_text(out, strlen(out), 1);
	free(out);
	if (!rc) {
		char line[128];
		int n = snprintf(line, sizeof line, cli_tr(M_RULES_COUNTS), passed, failed);
		rc = out_text(line, n > 0 ? (size_t)n : 0, 1);
	}
	return rc ? rc : failed ? 1 : 0;
}

/* rules show: no rule called which: the nearest ref or id, else where to look. */
static int no_such_rule(const ds_ruleset *rs, const char *which)
{
	const char *cands[2 * 64], *near;
	size_t m = 0, r;

	for (r = 0; r < ds_ruleset_rule_count(rs) && m + 2 <= 2 * 64; r++) {
		cands[m++] = ds_ruleset_rule_ref(rs, r);
		cands[m++] = ds_ruleset_rule_id(rs, r);
	}
	if ((near = ds_nearest_word(which, cands, m)) != NULL)
		cli_say(M_RULES_NO_RULE_NEAR, which, near);
	else
		cli_say(M_RULES_NO_RULE, which);
	return DS_EXIT_USAGE;
}

/* rules list (which NULL) or rules show which. */
static int list_or_show(const ds_ruleset *rs, int show, const char *which, ds_format fmt, ds_lang lang)
{
	char *out = NULL;
	size_t len = 0;
	ds_status st;
	int rc;

	if (show && which == NULL) {
		cli_say(M_RULES_WHICH);
		return DS_EXIT_USAGE;
	}
	st = ds_render_rules(rs, fmt, lang, which, &out, &len);
	if (st == DS_ERR_UNKNOWN)
		rc = no_such_rule(rs, which);
	else if (st != DS_OK) {
		cli_say(M_CLI_OUT_OF_MEMORY);
		rc = DS_EXIT_CONFIG;
	} else
		rc = out_text(out, len, fmt == DS_FORMAT_TEXT);
	free(out);
	return rc;
}

/* The subcommand word names: SUB_*, or -1 after a message. */
static int subcommand(const char *word)
{
	const char *near;
	int k;

	if (!strcmp(word, "--help") || !strcmp(word, "-h") || !strcmp(word, "help"))
		return SUB_HELP;
	for (k = 0; k < CLI_RULES_NSUBS; k++)
		if (!strcmp(word, cli_rules_subs[k]))
			return k;
	if ((near = ds_nearest_word(word, cli_rules_subs, CLI_RULES_NSUBS)) != NULL)
		cli_say(M_RULES_UNKNOWN_NEAR, word, near);
	else
		cli_say(M_RULES_UNKNOWN, word);
	return -1;
}

int cli_run_rules(int argc, char **argv)
{
	struct cli c;
	ds_ruleset *rs = NULL;
	const char *path;
	int sub, rc;

	if (argc < 2)
		return usage();
	if ((sub = subcommand(argv[1])) < 0)
		return DS_EXIT_USAGE;
	/* the subcommand is the parser's argv[0] */
	if ((rc = cli_parse_cmd(sub == SUB_HELP ? &help_cmd : &cli_rules_cmds[sub], argc - 1, argv + 1, NULL, &c)) != 0)
		return rc;
	if (sub == SUB_HELP || c.help)
		return help();
	path = sub == SUB_SHOW ? c.rules_path : c.operand ? c.operand : c.rules_path;
	if (sub != SUB_SHOW && c.operand && c.rules_path) {
		cli_say(M_RULES_TABLE_TWICE, cli_rules_subs[sub]);
		return DS_EXIT_USAGE;
	}
	if (sub == SUB_CHECK)
		return check(path, c.strict, c.format);
	if ((rc = load(path, &rs)) != 0)
		return rc;
	rc = sub == SUB_TEST ? test(rs, (ds_lang)c.lang) : list_or_show(rs, sub == SUB_SHOW, sub == SUB_SHOW ? c.operand : NULL, c.format, (ds_lang)c.lang);
	ds_ruleset_free(rs);
	return rc;
}
