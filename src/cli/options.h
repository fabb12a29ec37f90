/* options.h: the command line: built-in options, fact flags from the rule table, --help. */
#ifndef DS_OPTIONS_H
#define DS_OPTIONS_H

#include <stdio.h>
#include <dsselect.h>

enum opt_id {
	OPT_BATCH, OPT_CHANGES, OPT_COLOR, OPT_DETECT, OPT_EXPECT, OPT_EXPLAIN, OPT_FORMAT, OPT_HELP, OPT_LANG, OPT_LINE_BUFFERED, OPT_NO_HEADER,
	OPT_RULES, OPT_SPEC, OPT_SPEC_DIR, OPT_SUMMARY, OPT_VERSION
};

/* One built-in option; the table is sorted by name (a unit test checks it). */
struct opt {
	const char *name;
	enum opt_id id;
	const char *arg;   /* metavar, NULL for options without a value; "[...]" when optional */
	const char *help;
	const char *help_zh;
};

extern const struct opt cli_options[];
extern const size_t cli_noptions;
const struct opt *cli_opt_find(const char *name);

enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

/* --format junit and github: the CI formats, written by the CLI (format is then text, for their details). */
enum cli_ci { CLI_CI_NONE, CLI_CI_JUNIT, CLI_CI_GITHUB };

struct cli {
	const char *rules_path; /* NULL: the embedded table */
	const char *spec_path;  /* NULL: none; "-": stdin */
	const char *expect;
	const char *batch_path; /* with batch: NULL or "-" for stdin */
	const char *spec_dir;   /* --spec-dir DIR: NULL or the directory */
	enum cli_ci ci;         /* --format junit|github */
	ds_format format;
	ds_lang lang;
	int format_given;
	long changes;           /* --changes N */
	int changes_given;
	enum cli_color color;   /* --color: auto (the default), always, never */
	int help, version, batch, summary, no_header, line_buffered, explain, detect;
	ds_spec *flags;         /* facts given as flags; owned */
};

/*
 * Finds --rules FILE in argv before anything else is parsed, since the table
 * decides which fact flags exist. Returns NULL when absent.
 */
const char *cli_prescan_rules(int argc, char **argv);

/*
 * Whether messages must be safe in a GitHub Actions log, known before anything
 * is loaded or parsed (a rule table's errors quote it): GITHUB_ACTIONS=true, or
 * --format github anywhere in argv.
 */
int cli_prescan_github(int argc, char **argv);

/* The language from LC_ALL, LC_MESSAGES, LANG (the first one set): zh or en. */
ds_lang cli_env_lang(void);

/*
 * Parses argv against the built-in options and the facts of rs into c
 * (c->flags is a new spec the caller frees). Returns 0, or an exit status
 * (64) after printing one line on stderr.
 */
int cli_parse(int argc, char **argv, const ds_ruleset *rs, struct cli *c);

/* The index of a fact whose flag a built-in option shadows, or -1. */
long cli_flag_clash(const ds_ruleset *rs);

/* Writes --help for rs in lang to fp; custom: rs is not the embedded table. */
void cli_usage(FILE *fp, const ds_ruleset *rs, ds_lang lang, int custom);

#endif
