/* main.c: the dsselect command: parse options, load the table and spec, evaluate, print, exit. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "detect.h"
#include "exitcodes.h"
#include "climsg.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "rules.h"
#include "sweep.h"

/* cli_emit(), with the exit status: 0 or DS_EXIT_IOERR after a message. */
static int emit(const char *s, size_t len, int text)
{
	return cli_emit(s, len, text) ? DS_EXIT_IOERR : 0;
}

/* Flushes and closes stdout: an error there is exit 74 with one message. */
static int finish(int rc)
{
	int bad;

	if (rc == DS_EXIT_IOERR) {
		fclose(stdout);
		return rc;
	}
	bad = ferror(stdout);
	bad |= fflush(stdout) != 0;
	bad |= fclose(stdout) != 0;
	if (bad) {
		cli_say(M_CLI_WRITE_FAILED, cli_strerror(errno, cli_lang()));
		return DS_EXIT_IOERR;
	}
	return rc;
}

/* A closed pipe ends dsselect quietly, as it does cat, even if our parent ignored or blocked SIGPIPE. */
static void default_sigpipe(void)
{
	sigset_t pipe_set;

	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	sigprocmask(SIG_UNBLOCK, &pipe_set, NULL);
}

/* The modes that cannot go together, and the formats a mode cannot write. Returns 0 or 64. */
static int check_modes(const struct cli *c)
{
	if (c->batch && c->spec_path && !strcmp(c->spec_path, "-") && (c->batch_path == NULL || !strcmp(c->batch_path, "-"))) {
		cli_say(M_MODE_STDIN_TWICE);
		return DS_EXIT_USAGE;
	}
	if (c->first_line_given && !c->batch) {
		cli_say(M_MODE_FIRST_LINE_BATCH);
		return DS_EXIT_USAGE;
	}
	if (c->spec_dir && (c->batch || c->spec_path)) {
		cli_say(M_MODE_SPEC_DIR_ALONE, c->batch ? "--batch" : "--spec");
		return DS_EXIT_USAGE;
	}
	if (c->spec_dir && c->format_given && c->format == DS_FORMAT_JSON) {
		cli_say(M_MODE_SPEC_DIR_FORMAT);
		return DS_EXIT_USAGE;
	}
	return 0;
}

/*
 * "dsselect --lang zh sweep ...": a command word after the options every
 * command takes (--lang, --rules) comes first, and those options last:
 * "dsselect sweep ... --lang zh".
 */
static void command_first(int argc, char **argv)
{
	char *lead[8];
	int k = 1, n;

	while (k < argc && k <= 6 && (!strcmp(argv[k], "--lang") || !strcmp(argv[k], "--rules")) && k + 1 < argc)
		k += 2;
	while (k < argc && k <= 7 && (!strncmp(argv[k], "--lang=", 7) || !strncmp(argv[k], "--rules=", 8)))
		k++;
	if (k == 1 || k >= argc || k > 8 || argv[k][0] == '-')
		return;
	n = k - 1;
	memcpy(lead, argv + 1, (size_t)n * sizeof *argv);
	memmove(argv + 1, argv + k, (size_t)(argc - k) * sizeof *argv);
	memcpy(argv + 1 + (argc - k), lead, (size_t)n * sizeof *argv);
}

/* A first word that is nearly "rules" or "sweep" (a typo, not a spec file): 64 after a hint; else 0. */
static int mistyped_command(const char *word)
{
	static const char *const commands[] = {"rules", "sweep"};
	const char *near = ds_nearest_word(word, commands, 2);

	if (near == NULL || strchr(word, '.') || strchr(word, '/'))
		return 0;
	cli_say(M_CMD_UNKNOWN_NEAR, word, near);
	return DS_EXIT_USAGE;
}

/* No facts, no spec, no batch, no directory, no detection: a usage hint, not a recommendation for nothing. */
static int no_workload(const struct cli *c)
{
	if (c->spec_path || c->spec_dir || c->batch || c->detect || !ds_spec_is_empty(c->flags))
		return 0;
	cli_say(M_NO_WORKLOAD);
	return DS_EXIT_USAGE;
}

/* --detect: the machine's facts in a new spec *det (detected: a phrase for people). Returns 0 or 65. */
static int detect(const ds_ruleset *rs, const ds_spec *over, const struct cli *c, ds_spec **det, char *detected,
                  size_t n)
{
	if (ds_spec_new(rs, det) != DS_OK) {
		cli_say(M_CLI_OUT_OF_MEMORY);
		return DS_EXIT_DATAERR;
	}
	cli_detect(rs, *det, over, (ds_lang)c->lang, detected, n);
	return 0;
}

/* --spec-dir: the flags override every file; what --detect finds fills in under them. */
static int spec_dir(const ds_ruleset *rs, const ds_spec *spec, const struct cli *c)
{
	ds_spec *det = NULL;
	char detected[512];
	int rc;

	if (c->detect && (rc = detect(rs, spec, c, &det, detected, sizeof detected)) != 0)
		return rc;
	if ((rc = cli_check_layers(rs, spec, c)) == 0) {
		fflush(stdout);
		rc = cli_run_spec_dir(rs, spec, det, c);
	}
	ds_spec_free(det);
	return rc;
}

/* One workload in a CI format (--format junit|github), named by where it came from. */
static int single_ci(const ds_ruleset *rs, const ds_spec *spec, const struct cli *c)
{
	const char *source = c->spec_path ? (strcmp(c->spec_path, "-") ? c->spec_path : "<stdin>") : "flags";
	ds_result *res = NULL;
	int rc;

	if (ds_evaluate_ex(rs, spec, c->changes_given ? c->changes : DS_CHANGES_ALL, &res) != DS_OK) {
		cli_say(M_CLI_OUT_OF_MEMORY);
		return DS_EXIT_DATAERR;
	}
	rc = cli_run_single(rs, spec, res, c, source);
	ds_result_free(res);
	return rc;
}

/* One workload: its result (after what --detect found, in text), then --expect and --summary. */
static int single(const ds_ruleset *rs, const ds_spec *spec, const struct cli *c, const char *detected)
{
	ds_result *res = NULL;
	char *out = NULL;
	size_t len;
	int rc = 0;

	if (ds_evaluate_ex(rs, spec, c->changes_given ? c->changes : DS_CHANGES_ALL, &res) != DS_OK ||
	    ds_render_ex(res, c->format, (ds_lang)c->lang,
	                 (c->explain ? DS_RENDER_EXPLAIN : 0) | (cli_color_on(c) ? DS_RENDER_COLOR : 0), &out, &len) != DS_OK) {
		cli_say(M_CLI_OUT_OF_MEMORY);
		rc = DS_EXIT_DATAERR;
	} else if (c->detect && detected[0] && c->format == DS_FORMAT_TEXT) {
		char line[600];
		int n = snprintf(line, sizeof line, cli_tr(M_DETECTED), detected);
		if (n > 0 && (size_t)n + 2 < sizeof line)
			n += snprintf(line + n, sizeof line - (size_t)n, "\n\n");
		rc = emit(line, n > 0 ? (size_t)n : 0, 1);
	}
	if (rc == 0 && (rc = emit(out, len, c->format == DS_FORMAT_TEXT)) == 0) {
		const char *model = ds_result_model(res);
		if (c->expect && strcmp(c->expect, model) != 0) {
			cli_say(M_EXPECT_MISMATCH, c->expect, model, cli_outcome_word(ds_result_outcome(res)));
			rc = DS_EXIT_EXPECT;
		} else if (ds_result_outcome(res) == DS_CONFLICT) {
			rc = DS_EXIT_CONFLICT;
		}
		if (c->summary)
			cli_run_summary_single(rs, res, c);
	}
	free(out);
	ds_result_free(res);
	return rc;
}

/* The facts of spec (flags, a spec file) in the mode c asks for: a directory, a batch, one workload. */
static int run(const ds_ruleset *rs, ds_spec *spec, const struct cli *c)
{
	char detected[512] = "";
	ds_spec *det = NULL;
	int rc;

	if (c->spec_dir)
		return spec_dir(rs, spec, c);
	if (c->detect) { /* the machine's facts, under the spec's and the flags' */
		if ((rc = detect(rs, spec, c, &det, detected, sizeof detected)) != 0)
			return rc;
		/* a detected value that contradicts them stays out (--gpus 0 on a GPU machine) */
		rc = ds_spec_fill(spec, det) != DS_OK;
		ds_spec_free(det);
		if (rc) {
			cli_say(M_CLI_OUT_OF_MEMORY);
			return DS_EXIT_DATAERR;
		}
	}
	if ((rc = cli_check_layers(rs, spec, c)) != 0)
		return rc;
	if (c->batch) { /* the flags (and spec) are every record's defaults */
		if (c->format_given && !c->ci && (c->format == DS_FORMAT_TEXT || c->format == DS_FORMAT_JSON)) {
			cli_say(M_MODE_BATCH_FORMAT);
			return DS_EXIT_USAGE;
		}
		fflush(stdout);
		return cli_run_batch(rs, spec, c);
	}
	if (c->format == DS_FORMAT_TSV && !c->no_header && (rc = emit(ds_tsv_header(), strlen(ds_tsv_header()), 0)))
		return rc;
	return c->ci ? single_ci(rs, spec, c) : single(rs, spec, c, detected);
}

int main(int argc, char **argv)
{
	const char *rules_path = cli_prescan_rules(argc, argv);
	ds_ruleset *rs = NULL;
	ds_spec *spec = NULL;
	struct cli cli;
	int rc;

	default_sigpipe();
	memset(&cli, 0, sizeof cli);
	/* messages that may reach a GitHub Actions log cannot hold its commands, from the first one on */
	cli_msg_github(cli_prescan_github(argc, argv));
	cli_msg_lang(cli_prescan_lang(argc, argv));
	if (rules_path && !*rules_path) {
		cli_say(M_OPT_RULES_EMPTY);
		return finish(DS_EXIT_USAGE);
	}
	command_first(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "rules"))
		return finish(cli_run_rules(argc - 1, argv + 1));
	if (argc >= 2 && !strcmp(argv[1], "sweep"))
		return finish(cli_run_sweep(argc - 1, argv + 1));
	if (argc >= 2 && argv[1][0] != '-' && (rc = mistyped_command(argv[1])) != 0)
		return finish(rc);
	if ((rc = cli_load_table(rules_path, &rs)) != 0 || (rc = cli_parse(argc, argv, rs, &cli)) != 0)
		goto out;
	if (cli.help)
		cli_usage(stdout, rs, (ds_lang)cli.lang, rules_path != NULL);
	else if (cli.version)
		printf("dsselect %s\n", DS_VERSION);
	else if ((rc = check_modes(&cli)) == 0 && (rc = no_workload(&cli)) == 0 &&
	         (rc = cli_build_spec(rs, &cli, &spec)) == 0)
		rc = run(rs, spec, &cli);
out:
	ds_spec_free(spec);
	ds_spec_free(cli.flags);
	ds_ruleset_free(rs);
	return finish(rc);
}
