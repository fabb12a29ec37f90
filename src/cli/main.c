/* main.c: the dsselect command: parse options, load the table and spec, evaluate, print, exit. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "detect.h"
#include "exitcodes.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "rules.h"
#include "sweep.h"


/* The spec file (or stdin); on error its message, and with a CI format its report. */
static int load_spec(const ds_ruleset *rs, const struct cli *c, ds_spec **out)
{
	const char *path = c->spec_path;
	ds_diag diag;
	int rc = cli_read_spec(rs, path, out, &diag);

	if (rc)
		rc = strcmp(path, "-") ? cli_run_failed_input(rs, c, &diag, path, path, rc)
		                       : cli_run_failed_input(rs, c, &diag, "<stdin>", NULL, rc);
	return rc;
}

/*
 * The facts assembled from their layers (a spec file, flags, --detect) must
 * keep the table's constraints (no GPU, but GPU memory): 64 when a flag is
 * among the facts that contradict each other, else 65, as for a bad spec.
 */
static int check_layers(const ds_ruleset *rs, const ds_spec *spec, const struct cli *c)
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
		cli_errorf("cannot write the output: %s", strerror(errno));
		return DS_EXIT_IOERR;
	}
	return rc;
}

int main(int argc, char **argv)
{
	const char *rules_path = cli_prescan_rules(argc, argv);
	ds_ruleset *rs = NULL;
	ds_spec *spec = NULL;
	ds_result *res = NULL;
	struct cli cli;
	ds_diag diag;
	ds_status st;
	char *out = NULL;
	size_t len;
	const char *model;
	char detected[512] = "";
	long clash;
	sigset_t pipe_set;
	int rc = 0;

	/* a closed pipe ends dsselect quietly, as it does cat, even if our parent ignored or blocked SIGPIPE */
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	sigprocmask(SIG_UNBLOCK, &pipe_set, NULL);
	memset(&cli, 0, sizeof cli);
	memset(&diag, 0, sizeof diag);
	/* messages that may reach a GitHub Actions log cannot hold its commands, from the first one on */
	cli_msg_github(cli_prescan_github(argc, argv));
	if (rules_path && !*rules_path) {
		cli_errorf("option --rules needs a value (FILE), not an empty string");
		return finish(DS_EXIT_USAGE);
	}
	if (argc >= 2 && !strcmp(argv[1], "rules"))
		return finish(cli_run_rules(argc - 1, argv + 1));
	if (argc >= 2 && !strcmp(argv[1], "sweep"))
		return finish(cli_run_sweep(argc - 1, argv + 1));
	st = rules_path ? ds_ruleset_load_file(rules_path, &rs, &diag) : ds_ruleset_load_default(&rs, &diag);
	if (st != DS_OK) {
		cli_error_diag(&diag);
		rc = st == DS_ERR_IO ? DS_EXIT_NOINPUT : DS_EXIT_CONFIG;
		goto out;
	}
	if ((clash = cli_flag_clash(rs)) >= 0) {
		unsigned line, col;
		ds_fact_position(rs, (size_t)clash, &line, &col);
		cli_located("%s:%u:%u: fact flag '--%s' is also a dsselect option; rename it",
		           rules_path ? rules_path : "deepseek-v1-v2.yaml (embedded)", line, col,
		           ds_fact_flag(rs, (size_t)clash));
		rc = DS_EXIT_CONFIG;
		goto out;
	}
	if ((rc = cli_parse(argc, argv, rs, &cli)) != 0)
		goto out;
	if (cli.help) {
		cli_usage(stdout, rs, cli.lang, rules_path != NULL);
		goto out;
	}
	if (cli.version) {
		printf("dsselect %s\n", DS_VERSION);
		goto out;
	}
	if (cli.batch && cli.spec_path && !strcmp(cli.spec_path, "-") &&
	    (cli.batch_path == NULL || !strcmp(cli.batch_path, "-"))) {
		cli_errorf("--spec - and --batch would both read stdin; give one of them a file");
		rc = DS_EXIT_USAGE;
		goto out;
	}
	if (cli.spec_dir && (cli.batch || cli.spec_path)) {
		cli_errorf("--spec-dir reads its own specs; leave out %s", cli.batch ? "--batch" : "--spec");
		rc = DS_EXIT_USAGE;
		goto out;
	}
	if (cli.spec_dir && cli.format_given && cli.format == DS_FORMAT_JSON) {
		cli_errorf("option --format: --spec-dir writes one result per file; use ndjson, tsv, value or text");
		rc = DS_EXIT_USAGE;
		goto out;
	}
	if (cli.spec_path) {
		if ((rc = load_spec(rs, &cli, &spec)) != 0)
			goto out;
		if (ds_spec_merge(spec, cli.flags) != DS_OK) {
			cli_errorf("out of memory");
			rc = DS_EXIT_DATAERR;
			goto out;
		}
	} else if (ds_spec_new(rs, &spec) != DS_OK || ds_spec_merge(spec, cli.flags) != DS_OK) {
		cli_errorf("out of memory"); /* a copy: cli.flags stays, to name the flags in messages */
		rc = DS_EXIT_DATAERR;
		goto out;
	}
	if (cli.spec_dir) { /* the flags override every file; what --detect finds fills in under them */
		ds_spec *det = NULL;
		if (cli.detect) {
			if (ds_spec_new(rs, &det) != DS_OK) {
				cli_errorf("out of memory");
				rc = DS_EXIT_DATAERR;
				goto out;
			}
			cli_detect(rs, det, spec, cli.lang, detected, sizeof detected);
		}
		if ((rc = check_layers(rs, spec, &cli)) != 0) {
			ds_spec_free(det);
			goto out;
		}
		fflush(stdout);
		rc = cli_run_spec_dir(rs, spec, det, &cli);
		ds_spec_free(det);
		goto out;
	}
	if (cli.detect) { /* the machine's facts, under the spec's and the flags' */
		ds_spec *det = NULL;
		if (ds_spec_new(rs, &det) != DS_OK) {
			cli_errorf("out of memory");
			rc = DS_EXIT_DATAERR;
			goto out;
		}
		cli_detect(rs, det, spec, cli.lang, detected, sizeof detected);
		/* under the spec and the flags; a detected value that contradicts them stays out (--gpus 0 on a GPU machine) */
		if (ds_spec_fill(spec, det) != DS_OK) {
			ds_spec_free(det);
			cli_errorf("out of memory");
			rc = DS_EXIT_DATAERR;
			goto out;
		}
		ds_spec_free(det);
	}
	if ((rc = check_layers(rs, spec, &cli)) != 0)
		goto out;
	if (cli.batch) { /* the flags (and spec) are every record's defaults */
		if (cli.format_given && !cli.ci && (cli.format == DS_FORMAT_TEXT || cli.format == DS_FORMAT_JSON)) {
			cli_errorf("option --format: --batch writes one line per record; use ndjson, tsv or value");
			rc = DS_EXIT_USAGE;
			goto out;
		}
		fflush(stdout);
		rc = cli_run_batch(rs, spec, &cli);
		goto out;
	}
	if (cli.format == DS_FORMAT_TSV && !cli.no_header && (rc = emit(ds_tsv_header(), strlen(ds_tsv_header()), 0)))
		goto out;
	if (cli.ci) {
		if (ds_evaluate_ex(rs, spec, cli.changes_given ? cli.changes : DS_CHANGES_ALL, &res) != DS_OK) {
			cli_errorf("out of memory");
			rc = DS_EXIT_DATAERR;
			goto out;
		}
		rc = cli_run_single(rs, spec, res, &cli, cli.spec_path ? (strcmp(cli.spec_path, "-") ? cli.spec_path : "<stdin>")
		                                                   : "flags");
		goto out;
	}
	if (ds_evaluate_ex(rs, spec, cli.changes_given ? cli.changes : DS_CHANGES_ALL, &res) != DS_OK ||
	    ds_render_ex(res, cli.format, cli.lang, cli.explain ? DS_RENDER_EXPLAIN : 0, &out, &len) != DS_OK) {
		cli_errorf("out of memory");
		rc = DS_EXIT_DATAERR;
		goto out;
	}
	if (cli.detect && detected[0] && cli.format == DS_FORMAT_TEXT) {
		char line[600];
		int n = snprintf(line, sizeof line, cli.lang == DS_LANG_ZH ? "在本机检测到:%s\n\n" : "Detected on this machine: %s\n\n",
		                 detected);
		if ((rc = emit(line, n > 0 ? (size_t)n : 0, 1)) != 0)
			goto out;
	}
	if ((rc = emit(out, len, cli.format == DS_FORMAT_TEXT)) != 0)
		goto out;
	model = ds_result_model(res);
	if (cli.expect && strcmp(cli.expect, model) != 0) {
		cli_errorf("expected %s, got %s (%s)", cli.expect, model, ds_outcome_str(ds_result_outcome(res)));
		rc = DS_EXIT_EXPECT;
	} else if (ds_result_outcome(res) == DS_CONFLICT) {
		rc = DS_EXIT_CONFLICT;
	}
	if (cli.summary)
		cli_run_summary_single(rs, res, &cli);
out:
	free(out);
	ds_result_free(res);
	ds_spec_free(spec);
	ds_spec_free(cli.flags);
	ds_ruleset_free(rs);
	return finish(rc);
}
