/*
 * options.c: dsselect's option table, the generic parser every command's
 * table goes through (--x VALUE and --x=VALUE, fact flags with their --no-
 * forms, typo hints), and --help.
 */
#include <stdarg.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "climsg.h"
#include "msg.h"
#include "options.h"
#include "cli_limits.h"
#include "columns.h"
#include "sweep.h"

/* An option's "given" 0 means none: no option's flag may sit at offset 0. */
_Static_assert(offsetof(struct cli, rules_path) == 0, "struct cli must start with rules_path");

#define F(member) offsetof(struct cli, member)

const struct cli_word cli_langs[] = {{"en", DS_LANG_EN}, {"zh", DS_LANG_ZH}, {NULL, 0}};
const struct cli_word cli_colors[] = {
	{"auto", CLI_COLOR_AUTO}, {"always", CLI_COLOR_ALWAYS}, {"never", CLI_COLOR_NEVER}, {NULL, 0}};
static const struct cli_word formats[] = {
	{"text", CLI_FMT_TEXT}, {"json", CLI_FMT_JSON}, {"ndjson", CLI_FMT_NDJSON}, {"tsv", CLI_FMT_TSV},
	{"value", CLI_FMT_VALUE}, {"junit", CLI_FMT_JUNIT}, {"github", CLI_FMT_GITHUB}, {NULL, 0}};

/* Sorted by name: cli_opt_find() bsearches it. */
const struct cli_opt cli_options[] = {
	{.name = "batch", .kind = CLI_ARG_FILE_OPT, .field = F(batch_path), .given = F(batch), .arg = "[FILE]",
	 .help = "read NDJSON specs (one a line) from FILE or stdin; one result a line",
	 .help_zh = "从 FILE 或标准输入读取 NDJSON（每行一个描述），每行输出一个结果"},
	{.name = "changes", .kind = CLI_ARG_COUNT, .field = F(changes), .given = F(changes_given), .arg = "N",
	 .max = CLI_MAX_CHANGES, .zero = "0 lists none", .zero_zh = "0 表示不列出",
	 .help = "list at most N counterfactuals, smallest first (default: all; --batch, --spec-dir: none, nor 'stable', unless given)",
	 .help_zh = "最多列出 N 条反事实（改动最小的在前；默认全部；--batch、--spec-dir 时默认不列）"},
	{CLI_OPT_COLOR, .help = "color the text and the sweep grid: auto (on a terminal, NO_COLOR unset, TERM not dumb), always or never",
	 .help_zh = "文本结果与 sweep 网格着色：auto（终端上、未设 NO_COLOR 且 TERM 不为 dumb）、always 或 never"},
	{.name = "detect", .kind = CLI_ARG_NONE, .field = F(detect),
	 .help = "fill GPUs, their memory and model (nvidia-smi) and the platform from this machine",
	 .help_zh = "从本机获取 GPU 数量、显存与型号（nvidia-smi）及部署平台"},
	{.name = "expect", .kind = CLI_ARG_TEXT, .field = F(expect), .arg = "MODEL",
	 .help = "exit 2 unless the recommendation (or fallback) is MODEL",
	 .help_zh = "推荐（冲突时为备选模型）不是 MODEL 时以状态 2 退出"},
	{.name = "explain", .kind = CLI_ARG_NONE, .field = F(explain),
	 .help = "show every rule, each condition evaluated, and why it fired or not",
	 .help_zh = "列出全部规则及每个条件的求值，说明为何触发或未触发"},
	{.name = "first-line", .kind = CLI_ARG_LINE, .field = F(first_line), .given = F(first_line_given), .arg = "N",
	 .max = CLI_MAX_FIRST_LINE,
	 .help = "with --batch, number the input's first line N: one part of a larger batch (see docs/pipelines.md)",
	 .help_zh = "与 --batch 合用：输入的第一行编号为 N，即较大批量输入中的一部分（见 docs/pipelines.md）"},
	{.name = "format", .kind = CLI_ARG_WORD, .field = F(fmt), .given = F(format_given), .arg = "FMT", .words = formats,
	 .help = "output: text, json, ndjson, tsv, value, junit or github (default: text; ndjson with --batch)",
	 .help_zh = "输出格式：text、json、ndjson、tsv、value、junit 或 github（默认 text；--batch 时为 ndjson）"},
	{CLI_OPT_HELP, .help = "show this help and exit (also -h)", .help_zh = "显示本帮助并退出（亦可 -h）"},
	{.name = "junit-file-attrs", .kind = CLI_ARG_NONE, .field = F(junit_file_attrs),
	 .help = "with --format junit, also give each testcase file and line attributes (GitLab reads file; Jenkins' schema refuses both)",
	 .help_zh = "与 --format junit 合用：另给每个 testcase 加上 file 与 line 属性（GitLab 读取 file；Jenkins 的 schema 两者都不接受）"},
	{CLI_OPT_LANG, .help = "language of the text: en or zh (default from LC_ALL/LC_MESSAGES/LANG)",
	 .help_zh = "文本语言：en 或 zh（默认取自 LC_ALL/LC_MESSAGES/LANG）"},
	{.name = "line-buffered", .kind = CLI_ARG_NONE, .field = F(line_buffered),
	 .help = "with --batch, write each result out at once", .help_zh = "与 --batch 合用：每个结果立即输出"},
	{.name = "no-header", .kind = CLI_ARG_NONE, .field = F(no_header),
	 .help = "with --format tsv, leave out the header line", .help_zh = "与 --format tsv 合用：不输出表头行"},
	{CLI_OPT_RULES, .help = "use the rule table in FILE instead of the embedded one",
	 .help_zh = "使用 FILE 中的规则表代替内置规则表"},
	{CLI_OPT_SPEC, .help = "read a JSON or YAML workload spec (- is stdin); flags override it",
	 .help_zh = "读取 JSON 或 YAML 工作负载描述（- 为标准输入）；命令行参数优先"},
	{.name = "spec-dir", .kind = CLI_ARG_TEXT, .field = F(spec_dir), .arg = "DIR",
	 .help = "read every *.json, *.yaml and *.yml spec in DIR, one result each, in name order",
	 .help_zh = "读取 DIR 中每个 *.json、*.yaml 和 *.yml 描述，按文件名顺序各输出一个结果"},
	{.name = "summary", .kind = CLI_ARG_NONE, .field = F(summary),
	 .help = "at the end, print counts per outcome and the rate on stderr",
	 .help_zh = "结束时在标准错误输出各类结果的计数与速率"},
	{.name = "version", .short_name = 'V', .kind = CLI_ARG_NONE, .field = F(version),
	 .help = "print the version and exit (also -V)", .help_zh = "打印版本并退出（亦可 -V）"},
};
const size_t cli_noptions = sizeof cli_options / sizeof cli_options[0];
const struct cli_cmd cli_main_cmd = {"", "dsselect", cli_options, sizeof cli_options / sizeof cli_options[0], 1, 0};

static int opt_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const struct cli_opt *)elem)->name);
}

const struct cli_opt *cli_opt_find(const struct cli_cmd *cmd, const char *name)
{
	return bsearch(name, cmd->opts, cmd->nopts, sizeof cmd->opts[0], opt_cmp);
}

const char *cli_prescan_rules(int argc, char **argv)
{
	const char *path = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--rules") && i + 1 < argc)
			path = argv[++i];
		else if (!strncmp(argv[i], "--rules=", 8))
			path = argv[i] + 8;
	}
	return path;
}

int cli_prescan_github(int argc, char **argv)
{
	const char *gha = getenv("GITHUB_ACTIONS");
	int i;

	if (gha && !strcmp(gha, "true"))
		return 1;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if ((!strcmp(argv[i], "--format") && i + 1 < argc && !strcmp(argv[i + 1], "github")) ||
		    !strcmp(argv[i], "--format=github"))
			return 1;
	}
	return 0;
}

ds_lang cli_prescan_lang(int argc, char **argv)
{
	ds_lang lang = cli_env_lang();
	const char *v;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		v = !strcmp(argv[i], "--lang") && i + 1 < argc ? argv[++i] : !strncmp(argv[i], "--lang=", 7) ? argv[i] + 7 : NULL;
		if (v && (!strcmp(v, "en") || !strcmp(v, "zh")))
			lang = !strcmp(v, "zh") ? DS_LANG_ZH : DS_LANG_EN;
	}
	return lang;
}

ds_lang cli_env_lang(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	size_t i;

	for (i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return !strncmp(v, "zh", 2) ? DS_LANG_ZH : DS_LANG_EN;
	}
	return DS_LANG_EN;
}

/* Whether a fact's flag f is shadowed by an option of cmd: its name, its --no- form, its short name. */
static int shadows(const struct cli_cmd *cmd, const ds_ruleset *rs, size_t fact)
{
	const char *f = ds_fact_flag(rs, fact);
	char no[128];
	size_t i;

	snprintf(no, sizeof no, "no-%s", f);
	if (cli_opt_find(cmd, f) || (ds_fact_type_of(rs, fact) == DS_FACT_BOOLEAN && cli_opt_find(cmd, no)))
		return 1;
	for (i = 0; i < cmd->nopts; i++)
		if (cmd->opts[i].short_name && f[0] == cmd->opts[i].short_name && f[1] == '\0')
			return 1;
	return 0;
}

long cli_flag_clash(const ds_ruleset *rs)
{
	size_t i;

	for (i = 0; i < ds_ruleset_fact_count(rs); i++)
		if (shadows(&cli_main_cmd, rs, i) || shadows(&cli_sweep_cmd, rs, i))
			return (long)i;
	return -1;
}

/* One message of the parser (a climsg.h id): cmd's prefix ("sweep: ", "sweep：" in Chinese), then the text. */
static int refuse(const struct cli_cmd *cmd, const char *en, const char *zh, ...) __attribute__((format(printf, 2, 4)));
static int refuse(const struct cli_cmd *cmd, const char *en, const char *zh, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, zh);
	vsnprintf(msg, sizeof msg, cli_tr(en, zh), ap);
	va_end(ap);
	cli_say_prefixed(cmd->prefix, msg);
	return DS_EXIT_USAGE;
}

/* The nearest option or flag of cmd to a mistyped name, with the facts' "no-" forms. */
static const char *nearest_flag(const struct cli_cmd *cmd, const ds_ruleset *rs, const char *name, char *buf,
                                size_t n)
{
	size_t nf = cmd->facts && rs ? ds_ruleset_fact_count(rs) : 0, k = 0, i;
	const char **cands = calloc(cmd->nopts + 2 * nf + 1, sizeof *cands);
	char **nos = calloc(nf + 1, sizeof *nos);
	const char *near;

	if (cands == NULL || nos == NULL) {
		free(cands);
		free(nos);
		return NULL;
	}
	for (i = 0; i < cmd->nopts; i++)
		cands[k++] = cmd->opts[i].name;
	for (i = 0; i < nf; i++) {
		cands[k++] = ds_fact_flag(rs, i);
		if (ds_fact_type_of(rs, i) == DS_FACT_BOOLEAN) {
			size_t l = strlen(ds_fact_flag(rs, i)) + 4;
			if ((nos[i] = malloc(l)) != NULL) {
				snprintf(nos[i], l, "no-%s", ds_fact_flag(rs, i));
				cands[k++] = nos[i];
			}
		}
	}
	near = ds_nearest_word(name, cands, k);
	if (near)
		snprintf(buf, n, "%s", near);
	for (i = 0; i < nf; i++)
		free(nos[i]);
	free(nos);
	free(cands);
	return near ? buf : NULL;
}

/* The value of the word val among words (CLI_ARG_WORD), or -1 after naming the nearest or all of them. */
static int pick(const struct cli_cmd *cmd, const char *opt, const char *val, const struct cli_word *words, int *out)
{
	const char *names[16], *near;
	char list[256] = "";
	size_t i, n;

	for (n = 0; n < 16 && words[n].word; n++) {
		names[n] = words[n].word;
		if (!strcmp(val, words[n].word)) {
			*out = words[n].value;
			return 0;
		}
	}
	if ((near = ds_nearest_word(val, names, n)) != NULL)
		return refuse(cmd, M_OPT_BAD_VALUE_NEAR, opt, val, near);
	for (i = 0; i < n; i++) {
		strncat(list, names[i], sizeof list - strlen(list) - 1);
		strncat(list, i + 2 < n ? cli_tr(M_WORD_LIST_SEP) : i + 2 == n ? cli_tr(M_WORD_OR) : "",
		        sizeof list - strlen(list) - 1);
	}
	return refuse(cmd, M_OPT_BAD_VALUE_LIST, opt, val, list);
}

/* A count (CLI_ARG_COUNT): digits only, at most o->max. */
static int count(const struct cli_cmd *cmd, const struct cli_opt *o, const char *val, long *out)
{
	char *end;
	unsigned long n;

	if (val[0] < '0' || val[0] > '9' || (n = strtoul(val, &end, 10), *end) || n > (unsigned long)o->max)
		return refuse(cmd, M_OPT_NOT_COUNT, o->name, val, o->max, cli_tr(o->zero, o->zero_zh));
	*out = (long)n;
	return 0;
}

/* A line number (CLI_ARG_LINE): digits only, from 1 to o->max. */
static int line_number(const struct cli_cmd *cmd, const struct cli_opt *o, const char *val, long *out)
{
	char *end;
	unsigned long n;

	if (val[0] < '1' || val[0] > '9' || (n = strtoul(val, &end, 10), *end) || n > (unsigned long)o->max)
		return refuse(cmd, M_OPT_NOT_LINE, o->name, val, o->max);
	*out = (long)n;
	return 0;
}

/* Where an option's value goes in c. */
static void *field(struct cli *c, size_t offset)
{
	return (char *)c + offset;
}

/*
 * An option's value, by its kind: *i is at the option, val is what followed
 * its '=' (NULL without one); a value may be the next word (*i moves on).
 */
static int set_option(const struct cli_cmd *cmd, const struct cli_opt *o, const char *val, int argc, char **argv,
                      int *i, struct cli *c)
{
	if (o->given)
		*(int *)field(c, o->given) = 1;
	if (o->kind == CLI_ARG_NONE) {
		if (val)
			return refuse(cmd, M_OPT_NO_VALUE, o->name);
		*(int *)field(c, o->field) = 1;
		return 0;
	}
	if (o->kind == CLI_ARG_FILE_OPT) { /* the next word unless it is an option */
		if (val == NULL && *i + 1 < argc && (argv[*i + 1][0] != '-' || !strcmp(argv[*i + 1], "-")))
			val = argv[++*i];
		if (val && !*val)
			return refuse(cmd, M_OPT_EMPTY_FILE, o->name);
		*(const char **)field(c, o->field) = val;
		return 0;
	}
	if (val == NULL) {
		if (*i + 1 >= argc)
			return refuse(cmd, M_OPT_NEEDS_VALUE, o->name, o->arg);
		val = argv[++*i];
	}
	switch (o->kind) {
	case CLI_ARG_WORD:
		return pick(cmd, o->name, val, o->words, (int *)field(c, o->field));
	case CLI_ARG_COUNT:
		return count(cmd, o, val, (long *)field(c, o->field));
	case CLI_ARG_LINE:
		return line_number(cmd, o, val, (long *)field(c, o->field));
	case CLI_ARG_LIST: {
		struct cli_list *l = field(c, o->field);
		if (!*val)
			break;
		if (l->n >= (size_t)o->max || l->n >= CLI_LIST_MAX)
			return refuse(cmd, M_OPT_TOO_MANY, o->name, o->max);
		l->v[l->n++] = val;
		return 0;
	}
	default: /* CLI_ARG_TEXT */
		if (!*val)
			break;
		*(const char **)field(c, o->field) = val;
		return 0;
	}
	return refuse(cmd, M_OPT_NEEDS_VALUE_EMPTY, o->name, o->arg);
}

/* A fact's flag, name (--no- form included), with val after its '=' or NULL; *i as for set_option(). */
static int set_fact(const struct cli_cmd *cmd, const ds_ruleset *rs, const char *name, const char *val, int argc,
                    char **argv, int *i, struct cli *c)
{
	long fi = ds_ruleset_fact_by_flag(rs, name);
	char hint[128];
	ds_diag diag = cli_diag();
	int negate = 0;

	if (fi < 0 && !strncmp(name, "no-", 3)) {
		fi = ds_ruleset_fact_by_flag(rs, name + 3);
		if (fi >= 0 && ds_fact_type_of(rs, (size_t)fi) != DS_FACT_BOOLEAN)
			return refuse(cmd, M_OPT_NOT_YESNO, name, name + 3);
		negate = 1;
	}
	if (fi < 0) {
		if (nearest_flag(cmd, rs, name, hint, sizeof hint))
			return refuse(cmd, M_OPT_UNKNOWN_NEAR, name, hint);
		return refuse(cmd, M_OPT_UNKNOWN_SEE, name, cmd->usage);
	}
	if (ds_fact_type_of(rs, (size_t)fi) == DS_FACT_BOOLEAN) {
		if (val)
			return refuse(cmd, M_OPT_BOOL_NO_VALUE, name, ds_fact_flag(rs, (size_t)fi), ds_fact_flag(rs, (size_t)fi));
		ds_spec_set_bool(c->flags, ds_fact_key(rs, (size_t)fi), !negate, &diag);
		return 0;
	}
	if (val == NULL) {
		if (*i + 1 >= argc)
			return refuse(cmd, M_OPT_NEEDS_VALUE, name, ds_fact_unit(rs, (size_t)fi));
		val = argv[++*i];
	}
	if (ds_spec_set_text(c->flags, ds_fact_key(rs, (size_t)fi), val, &diag) != DS_OK)
		return refuse(cmd, M_OPT_FACT_VALUE, name, diag.msg);
	return 0;
}

/* Why sweep refuses dsselect's option name: a sentence of climsg.h, or NULL for one it does not name. */
static const char *why_sweep_refuses(const char *name)
{
	static const struct {
		const char *name, *en, *zh;
	} why[] = {
		{"batch", M_WHY_SWEEP_INPUTS}, {"first-line", M_WHY_SWEEP_INPUTS}, {"spec-dir", M_WHY_SWEEP_INPUTS},
		{"changes", M_WHY_SWEEP_REASONS}, {"explain", M_WHY_SWEEP_REASONS}, {"summary", M_WHY_SWEEP_SUMMARY}, {"expect", M_WHY_SWEEP_EXPECT},
		{"detect", M_WHY_SWEEP_DETECT}, {"line-buffered", M_WHY_SWEEP_OUTPUT}, {"no-header", M_WHY_SWEEP_OUTPUT},
		{"junit-file-attrs", M_WHY_SWEEP_JUNIT}, {"version", M_WHY_SWEEP_VERSION},
	};
	size_t i;

	for (i = 0; i < sizeof why / sizeof why[0]; i++)
		if (!strcmp(name, why[i].name))
			return cli_tr(why[i].en, why[i].zh);
	return NULL;
}

/* dsselect's option name, given to a command that does not take it: refused with the reason, not ignored. */
static int refuse_foreign(const struct cli_cmd *cmd, const char *name)
{
	const char *why = cmd == &cli_sweep_cmd ? why_sweep_refuses(name) : NULL;
	char takes[512] = "";
	size_t i;

	if (why)
		return refuse(cmd, M_FOREIGN_OPTION, name, why);
	for (i = 0; i < cmd->nopts; i++) {
		size_t used = strlen(takes);
		snprintf(takes + used, sizeof takes - used, "%s--%s", i ? " " : "", cmd->opts[i].name);
	}
	return refuse(cmd, M_FOREIGN_RULES, name, takes);
}

/* argv[*i], which starts with "--": a built-in option or a fact's flag. */
static int set_word(const struct cli_cmd *cmd, const ds_ruleset *rs, const char *arg, int argc, char **argv, int *i,
                    struct cli *c)
{
	const char *val = strchr(arg, '='), *hint;
	size_t nl = val ? (size_t)(val - (arg + 2)) : strlen(arg + 2);
	const struct cli_opt *o;
	char name[128], near[128];

	if (nl >= sizeof name)
		return refuse(cmd, M_OPT_UNKNOWN_LONG, arg);
	memcpy(name, arg + 2, nl);
	name[nl] = '\0';
	val = val ? val + 1 : NULL;
	if ((o = cli_opt_find(cmd, name)) != NULL)
		return set_option(cmd, o, val, argc, argv, i, c);
	if (cmd != &cli_main_cmd && cli_opt_find(&cli_main_cmd, name)) /* refused, not ignored: say why */
		return refuse_foreign(cmd, name);
	if (cmd->facts && rs)
		return set_fact(cmd, rs, name, val, argc, argv, i, c);
	if ((hint = nearest_flag(cmd, NULL, name, near, sizeof near)) != NULL)
		return refuse(cmd, M_OPT_UNKNOWN_NEAR, name, hint);
	return refuse(cmd, M_OPT_UNKNOWN_SEE, name, cmd->usage);
}

/* A word that names a spec: a file that exists, or a name ending .json, .yaml or .yml. */
static int looks_like_spec(const char *arg)
{
	size_t n = strlen(arg);

	if (n > 5 && (!strcmp(arg + n - 5, ".json") || !strcmp(arg + n - 5, ".yaml")))
		return 1;
	if (n > 4 && !strcmp(arg + n - 4, ".yml"))
		return 1;
	return access(arg, F_OK) == 0;
}

/* A word that is no option: cmd's operand, if it takes one and has none yet. after_dashes: it followed "--". */
static int set_operand(const struct cli_cmd *cmd, const char *arg, int after_dashes, struct cli *c)
{
	if (cmd->operand && c->operand == NULL && (after_dashes || arg[0] != '-' || !strcmp(arg, "-"))) {
		c->operand = arg;
		return 0;
	}
	if (cmd->operand && (after_dashes || arg[0] != '-' || !strcmp(arg, "-")))
		return refuse(cmd, M_OPT_UNEXPECTED, arg);
	if (cli_opt_find(cmd, "spec") && looks_like_spec(arg))
		return refuse(cmd, M_OPT_SPEC_HINT, arg, arg);
	if (after_dashes)
		return refuse(cmd, M_OPT_OPTIONS_ONLY, arg, cmd->usage);
	return refuse(cmd, M_OPT_DASHES, arg, cmd->usage);
}

/* "-h" for "--help": the long form of a short option of cmd, else arg itself. */
static const char *long_form(const struct cli_cmd *cmd, const char *arg, char *buf, size_t n)
{
	size_t i;

	if (arg[0] != '-' || arg[1] == '-' || arg[1] == '\0' || arg[2] != '\0')
		return arg;
	for (i = 0; i < cmd->nopts; i++)
		if (cmd->opts[i].short_name == arg[1]) {
			snprintf(buf, n, "--%s", cmd->opts[i].name);
			return buf;
		}
	return arg;
}

int cli_parse_cmd(const struct cli_cmd *cmd, int argc, char **argv, const ds_ruleset *rs, struct cli *c)
{
	int i, rc = 0;

	memset(c, 0, sizeof *c);
	c->lang = cli_prescan_lang(argc, argv); /* the last valid --lang, else the locale: even for --help */
	if (cmd->facts && rs && ds_spec_new(rs, &c->flags) != DS_OK)
		return refuse(cmd, M_CLI_OUT_OF_MEMORY);
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { /* --help wins over every other word */
			c->help = 1;
			return 0;
		}
	for (i = 1; i < argc && rc == 0; i++) {
		char buf[64];
		const char *arg = long_form(cmd, argv[i], buf, sizeof buf);
		if (!strcmp(arg, "--")) {
			while (++i < argc && rc == 0)
				rc = set_operand(cmd, argv[i], 1, c);
			break;
		}
		if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
			rc = set_operand(cmd, arg, 0, c);
		else
			rc = set_word(cmd, rs, arg, argc, argv, &i, c);
	}
	c->ci = c->fmt == CLI_FMT_JUNIT ? CLI_CI_JUNIT : c->fmt == CLI_FMT_GITHUB ? CLI_CI_GITHUB : CLI_CI_NONE;
	c->format = c->fmt <= CLI_FMT_VALUE ? (ds_format)c->fmt : DS_FORMAT_TEXT;
	return rc;
}

int cli_check_flags(const struct cli *c)
{
	ds_diag diag = cli_diag();

	if (c->flags == NULL || ds_spec_check(c->flags, c->flags, NULL, &diag) == DS_OK)
		return 0;
	cli_say_text(diag.msg);
	return DS_EXIT_USAGE;
}

/* --expect MODEL names a model of the table. */
static int check_expect(const ds_ruleset *rs, const char *expect)
{
	size_t m, nm = ds_ruleset_model_count(rs);
	const char *ids[64], *near;
	char list[256] = "";

	for (m = 0; m < nm && m < 64; m++) {
		ids[m] = ds_ruleset_model_id(rs, m);
		if (!strcmp(ids[m], expect))
			return 0;
	}
	if ((near = ds_nearest_word(expect, ids, m)) != NULL) {
		cli_say(M_OPT_EXPECT_NEAR, expect, near);
		return DS_EXIT_USAGE;
	}
	for (m = 0; m < nm && m < 64; m++) {
		strncat(list, m ? cli_tr(M_WORD_LIST_SEP) : "", sizeof list - strlen(list) - 1);
		strncat(list, ids[m], sizeof list - strlen(list) - 1);
	}
	cli_say(M_OPT_EXPECT_LIST, expect, list);
	return DS_EXIT_USAGE;
}

int cli_parse(int argc, char **argv, const ds_ruleset *rs, struct cli *c)
{
	int rc = cli_parse_cmd(&cli_main_cmd, argc, argv, rs, c);

	/* facts that cannot hold together (--gpus 0 --gpu-mem 80): a usage error, as a bad value is */
	if (rc == 0 && !c->help && !c->version)
		rc = cli_check_flags(c);
	if (rc == 0 && c->expect)
		rc = check_expect(rs, c->expect);
	return rc;
}

/*
 * A fact's help, then in one parenthesis its kind and range and whether no
 * rule reads it; a help that ends in a parenthesis takes them into it
 * ("（毫秒；数值，> 0）"), rather than two parentheses side by side.
 */
static void fact_help(FILE *fp, const ds_ruleset *rs, size_t i, ds_lang lang)
{
	const char *help = ds_fact_help(rs, i, lang), *close = lang == DS_LANG_ZH ? "）" : ")";
	ds_fact_type t = ds_fact_type_of(rs, i);
	size_t hl = strlen(help), cl = strlen(close), used = 0;
	char note[256] = "";
	int inside = hl > cl && !strcmp(help + hl - cl, close);

	if (t == DS_FACT_NUMBER || t == DS_FACT_INTEGER) {
		double lo, hi;
		unsigned r = ds_fact_range(rs, i, &lo, &hi);
		const char *kind = t == DS_FACT_INTEGER ? cli_tr(M_HELP_INTEGER) : cli_tr(M_HELP_NUMBER);
		char a[32], b[32];
		ds_num_text(lo, a, sizeof a);
		ds_num_text(hi, b, sizeof b);
		if (r & DS_RANGE_MIN && r & DS_RANGE_MAX)
			used = (size_t)snprintf(note, sizeof note, cli_tr(M_HELP_RANGE_BOTH), kind, a, b);
		else if (r & DS_RANGE_MIN)
			used = (size_t)snprintf(note, sizeof note, cli_tr(M_HELP_RANGE_MIN), kind,
			                        r & DS_RANGE_MIN_EXCL ? ">" : ">=", a);
		else
			used = (size_t)snprintf(note, sizeof note, "%s", kind);
	}
	if (!ds_fact_is_read(rs, i) && used < sizeof note)
		snprintf(note + used, sizeof note - used, "%s%s", used ? cli_tr(M_HELP_NOTE_SEP) : "", cli_tr(M_HELP_UNREAD));
	if (!note[0])
		fprintf(fp, " %s", help);
	else if (inside)
		fprintf(fp, " %.*s%s%s%s", (int)(hl - cl), help, cli_tr(M_HELP_NOTE_SEP), note, close);
	else if (lang == DS_LANG_ZH)
		fprintf(fp, " %s（%s）", help, note);
	else
		fprintf(fp, " %s (%s)", help, note);
}

int cli_color_on(const struct cli *c)
{
	const char *term = getenv("TERM");

	if (c->fmt != CLI_FMT_TEXT || c->color == CLI_COLOR_NEVER)
		return 0;
	return c->color == CLI_COLOR_ALWAYS ||
	       (isatty(STDOUT_FILENO) && !getenv("NO_COLOR") && !(term && !strcmp(term, "dumb")));
}

void cli_usage(FILE *fp, const ds_ruleset *rs, ds_lang lang, int custom)
{
	int zh = lang == DS_LANG_ZH;
	size_t i, j, nf = ds_ruleset_fact_count(rs);

	/* two examples first: what a person at a terminal and a CI job each type */
	if (custom)
		fprintf(fp, "%s", zh ? "根据工作负载给出模型选型建议，并说明理由。例如：\n"
		                       "  dsselect --rules FILE --spec workload.yaml\n"
		                       "  dsselect --rules FILE --spec-dir specs/ --format junit > report.xml\n\n"
		                     : "Recommends a model for a workload, with the reasons. For example:\n"
		                       "  dsselect --rules FILE --spec workload.yaml\n"
		                       "  dsselect --rules FILE --spec-dir specs/ --format junit > report.xml\n\n");
	else
		fprintf(fp, "%s", zh ? "根据工作负载给出 DeepSeek V1 或 V2 的选型建议，并说明理由。例如：\n"
		                       "  dsselect --gpu-mem 12 --task contract-extraction\n"
		                       "  dsselect --spec-dir specs/ --expect V2 --format junit > report.xml\n\n"
		                     : "Recommends DeepSeek V1 or V2 for a workload, with the reasons. For example:\n"
		                       "  dsselect --gpu-mem 12 --task contract-extraction\n"
		                       "  dsselect --spec-dir specs/ --expect V2 --format junit > report.xml\n\n");
	fprintf(fp, "%s", zh ? "用法：dsselect [选项] [--spec FILE|-]\n      dsselect [选项] --spec-dir DIR\n"
	                       "      dsselect [选项] --batch [FILE]\n"
	                       "      dsselect rules check|test|list|show ...（见 dsselect rules --help）\n"
	                       "      dsselect sweep --vary FACT=START:STOP:STEP [--vary ...] [选项]... [--format text|csv|json|ndjson|svg]\n\n"
	                     : "Usage: dsselect [OPTION]... [--spec FILE|-]\n"
	                       "       dsselect [OPTION]... --spec-dir DIR\n"
	                       "       dsselect [OPTION]... --batch [FILE]\n"
	                       "       dsselect rules check|test|list|show ... (see dsselect rules --help)\n"
	                       "       dsselect sweep --vary FACT=START:STOP:STEP [--vary ...] [OPTION]... [--format text|csv|json|ndjson|svg]\n\n");
	if (!custom)
		fprintf(fp, "%s  dsselect --gpu-mem 12 --task contract-extraction --changes 2   %s\n%s",
		        zh ? "更多示例：\n" : "More examples:\n", zh ? "（怎样会改变结论）" : "(what would change it)",
		        "  echo '{\"gpu_mem\": 24, \"gpus\": 4, \"nccl\": true}' | dsselect --spec - --format json\n"
		        "  dsselect --batch specs.ndjson --summary > results.ndjson\n"
		        "  dsselect sweep --vary gpu_mem=8:80:8 --vary concurrency=50:500:50 --input-tokens 800\n"
		        "  dsselect --detect --task contract-extraction\n\n");
	fprintf(fp, "%s", zh ? "选项：\n" : "Options:\n");
	for (i = 0; i < cli_noptions; i++) {
		char left[64];
		snprintf(left, sizeof left, "--%s%s%s", cli_options[i].name, cli_options[i].arg ? " " : "",
		         cli_options[i].arg ? cli_options[i].arg : "");
		fputs("  ", fp);
		cli_text_fpad(fp, left, 24, 0);
		fprintf(fp, " %s\n", zh ? cli_options[i].help_zh : cli_options[i].help);
	}
	fprintf(fp, cli_tr(M_HELP_FACTS_HEAD), ds_ruleset_name(rs));
	for (i = 0; i < nf; i++) {
		char left[96];
		ds_fact_type t = ds_fact_type_of(rs, i);
		if (t == DS_FACT_BOOLEAN)
			snprintf(left, sizeof left, "--[no-]%s", ds_fact_flag(rs, i));
		else
			snprintf(left, sizeof left, "--%s %s", ds_fact_flag(rs, i),
			         ds_fact_unit(rs, i)[0] ? ds_fact_unit(rs, i) : "VALUE");
		fputs("  ", fp);
		cli_text_fpad(fp, left, 24, 0); /* a table's unit may be CJK: columns, not bytes */
		fact_help(fp, rs, i, lang);
		if ((t == DS_FACT_ENUM || t == DS_FACT_SET || t == DS_FACT_STRING) && ds_fact_value_count(rs, i)) {
			fprintf(fp, "\n  %-24s %s", "", t == DS_FACT_SET ? cli_tr(M_HELP_ANY_OF) : cli_tr(M_HELP_ONE_OF));
			for (j = 0; j < ds_fact_value_count(rs, i); j++)
				fprintf(fp, "%s%s", j ? ", " : "", ds_fact_value(rs, i, j));
			if (t == DS_FACT_STRING)
				fputs(cli_tr(M_HELP_MORE), fp);
		}
		fputc('\n', fp);
	}
	fprintf(fp, "%s",
	        zh ? "\n退出状态：0 有推荐，1 冲突（仍给出备选模型），2 --expect 不符，64 用法错误，\n"
	             "65 工作负载描述有误，66 无法打开输入文件，74 无法写出结果，78 规则表有误。\n"
	           : "\nExit status: 0 a recommendation, 1 conflict (a fallback is still printed),\n"
	             "2 --expect did not match, 64 usage error, 65 bad spec, 66 cannot open an input file,\n"
	             "74 cannot write the output, 78 bad rule table.\n");
}
