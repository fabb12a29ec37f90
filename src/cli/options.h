/*
 * options.h: the command line. Each command (dsselect, dsselect sweep, each
 * dsselect rules subcommand) has a table of its options; each option declares
 * what it takes (enum cli_arg) and the field of struct cli it sets, and one
 * generic parser, cli_parse_cmd(), reads argv against a table: the same
 * checks and the same messages for every command. The rule table's fact flags
 * are options too, for the commands that take them. Also --help.
 */
#ifndef DS_OPTIONS_H
#define DS_OPTIONS_H

#include <stddef.h>
#include <stdio.h>
#include <dsselect.h>

/* What an option takes; the generic parser checks it and sets the option's field in struct cli. */
enum cli_arg {
	CLI_ARG_NONE,     /* nothing ("--x=v" is refused): its int field is set to 1 */
	CLI_ARG_TEXT,     /* a value, not empty (a file, a directory, a model): its const char * field */
	CLI_ARG_FILE_OPT, /* an optional file: the next word unless it is an option ("-" is one: stdin);
	                     its const char * field (NULL without one) */
	CLI_ARG_WORD,     /* one of the option's words: its int field gets the word's value */
	CLI_ARG_COUNT,    /* a whole number from 0 to the option's max: its long field */
	CLI_ARG_LINE,     /* a line number, a whole number from 1 to the option's max: its long field */
	CLI_ARG_LIST      /* a value, not empty, given up to max times: its struct cli_list field */
};

/* A word an option takes (CLI_ARG_WORD) and the value it sets; a list of them ends with {NULL, 0}. */
struct cli_word {
	const char *word;
	int value;
};

/* One option of a command; a table is sorted by name (bsearch; a unit test checks it). */
struct cli_opt {
	const char *name;             /* without the "--" */
	char short_name;              /* 'h' for -h, or 0 */
	enum cli_arg kind;
	size_t field;                 /* offsetof(struct cli, ...): what it sets */
	size_t given;                 /* offsetof an int set to 1 whenever it is given; 0: none */
	const char *arg;              /* its value in messages and --help ("FILE", "[FILE]"); NULL for none */
	const struct cli_word *words; /* CLI_ARG_WORD: the words it takes */
	long max;                     /* CLI_ARG_COUNT, CLI_ARG_LINE: the largest value; CLI_ARG_LIST: how many times */
	const char *zero;             /* CLI_ARG_COUNT: what 0 means, said when a count is refused */
	const char *zero_zh;          /* the same in Chinese */
	const char *help, *help_zh;   /* its line in --help (the main table's; NULL in the others) */
};

/* A command: its options, and what else it takes. */
struct cli_cmd {
	const char *prefix;     /* before each message: "" for dsselect, "sweep: ", "rules check: " */
	const char *usage;      /* the command whose --help is suggested: "dsselect", "dsselect sweep" */
	const struct cli_opt *opts;
	size_t nopts;
	int facts;              /* the rule table's fact flags are options too */
	int operand;            /* it takes one word that is no option (rules: FILE, REF|ID) */
};

/* The values of --format (struct cli's fmt): ds_format's, then the command's own. */
enum cli_fmt {
	CLI_FMT_TEXT = DS_FORMAT_TEXT, CLI_FMT_JSON = DS_FORMAT_JSON, CLI_FMT_NDJSON = DS_FORMAT_NDJSON,
	CLI_FMT_TSV = DS_FORMAT_TSV, CLI_FMT_VALUE = DS_FORMAT_VALUE,
	CLI_FMT_JUNIT, CLI_FMT_GITHUB, /* the CI formats, written by the CLI */
	CLI_FMT_CSV, CLI_FMT_SVG       /* sweep's */
};

enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };

/* --format junit and github: the CI formats, written by the CLI (format is then text, for their details). */
enum cli_ci { CLI_CI_NONE, CLI_CI_JUNIT, CLI_CI_GITHUB };

/* The values of an option given more than once (CLI_ARG_LIST). */
#define CLI_LIST_MAX 2
struct cli_list {
	const char *v[CLI_LIST_MAX];
	size_t n;
};

struct cli {
	const char *rules_path; /* NULL: the embedded table (first: offset 0 is no option's "given") */
	const char *spec_path;  /* NULL: none; "-": stdin */
	const char *expect;
	const char *batch_path; /* with batch: NULL or "-" for stdin */
	const char *spec_dir;   /* --spec-dir DIR: NULL or the directory */
	const char *operand;    /* the word a command takes that is no option (rules: FILE, REF|ID) */
	struct cli_list vary;   /* sweep --vary */
	int fmt;                /* --format's word: enum cli_fmt */
	enum cli_ci ci;         /* from fmt: --format junit|github */
	ds_format format;       /* from fmt: text for the CI formats and csv */
	int lang;               /* a ds_lang */
	int format_given;
	long changes;           /* --changes N */
	int changes_given;
	long first_line;        /* --first-line N: the number of the batch input's first line (a part of a larger one) */
	int first_line_given;
	int color;              /* --color: an enum cli_color, auto (the default), always, never */
	int help, version, batch, summary, no_header, line_buffered, explain, detect, strict;
	int junit_file_attrs;    /* --junit-file-attrs: testcases with file and line attributes */
	ds_spec *flags;         /* facts given as flags; owned (NULL for a command without them) */
};

/* The words of --lang and --color, for every table that has them. */
extern const struct cli_word cli_langs[], cli_colors[];

/* Options that several commands share, but for their help: {CLI_OPT_LANG, .help = ...}. */
#define CLI_OPT_HELP .name = "help", .short_name = 'h', .kind = CLI_ARG_NONE, .field = offsetof(struct cli, help)
#define CLI_OPT_LANG                                                                                          \
	.name = "lang", .kind = CLI_ARG_WORD, .field = offsetof(struct cli, lang), .arg = "LANG", .words = cli_langs
#define CLI_OPT_RULES .name = "rules", .kind = CLI_ARG_TEXT, .field = offsetof(struct cli, rules_path), .arg = "FILE"
#define CLI_OPT_SPEC .name = "spec", .kind = CLI_ARG_TEXT, .field = offsetof(struct cli, spec_path), .arg = "FILE"
#define CLI_OPT_COLOR                                                                                          \
	.name = "color", .kind = CLI_ARG_WORD, .field = offsetof(struct cli, color), .arg = "WHEN", .words = cli_colors

/* dsselect's own options (its --help lists them) and the command they make. */
extern const struct cli_opt cli_options[];
extern const size_t cli_noptions;
extern const struct cli_cmd cli_main_cmd;

/* The option of cmd called name (without "--"), or NULL. */
const struct cli_opt *cli_opt_find(const struct cli_cmd *cmd, const char *name);

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
/* The language of the messages: the last valid --lang, else the locale's (cli_env_lang). */
ds_lang cli_prescan_lang(int argc, char **argv);

/*
 * Whether text for people gets colors: --format text (not csv, JSON or a CI
 * format), and --color always, or auto on a terminal with NO_COLOR unset and
 * TERM not dumb.
 */
int cli_color_on(const struct cli *c);

/* The language from LC_ALL, LC_MESSAGES, LANG (the first one set): zh or en. */
ds_lang cli_env_lang(void);

/*
 * Parses argv (argv[0] is the command) against cmd's options, and the facts of
 * rs when cmd takes them, into c: zeroed first, its language from the
 * environment, c->flags a new spec the caller frees (NULL when cmd takes no
 * facts), format and ci set from fmt. Returns 0, or 64 after one line on
 * stderr, which starts with cmd->prefix.
 */
int cli_parse_cmd(const struct cli_cmd *cmd, int argc, char **argv, const ds_ruleset *rs, struct cli *c);

/*
 * dsselect's command line: cli_parse_cmd() with cli_main_cmd, then the facts
 * given as flags must hold together and --expect must name a model of rs.
 * Returns 0, or an exit status (64) after printing one line on stderr.
 */
int cli_parse(int argc, char **argv, const ds_ruleset *rs, struct cli *c);

/* The facts given as flags hold together (--gpus 0 --gpu-mem 80 do not): 0, or 64 after a message. */
int cli_check_flags(const struct cli *c);

/* The index of a fact whose flag an option of dsselect or dsselect sweep shadows, or -1. */
long cli_flag_clash(const ds_ruleset *rs);

/* Writes --help for rs in lang to fp; custom: rs is not the embedded table. */
void cli_usage(FILE *fp, const ds_ruleset *rs, ds_lang lang, int custom);

#endif
