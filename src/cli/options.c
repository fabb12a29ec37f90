/* options.c: the option table, argv parsing with --no- forms and typo hints, and --help. */
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "msg.h"
#include "options.h"
#include "cli_limits.h"
#include "columns.h"

/* Sorted by name: cli_opt_find() bsearches it. */
const struct opt cli_options[] = {
	{"batch", OPT_BATCH, "[FILE]", "read NDJSON specs (one a line) from FILE or stdin; one result a line",
	 "从 FILE 或标准输入读取 NDJSON(每行一个描述),每行输出一个结果"},
	{"changes", OPT_CHANGES, "N", "list at most N counterfactuals, smallest first (default: all; --batch, --spec-dir: none, nor 'stable', unless given)",
	 "最多列出 N 条反事实(改动最小的在前;默认全部;--batch、--spec-dir 时默认不列)"},
	{"color", OPT_COLOR, "WHEN", "color the sweep grid: auto (on a terminal, NO_COLOR unset, TERM not dumb), always or never",
	 "sweep 网格着色:auto(终端上、未设 NO_COLOR 且 TERM 不为 dumb)、always 或 never"},
	{"detect", OPT_DETECT, NULL, "fill GPUs, their memory and model (nvidia-smi) and the platform from this machine",
	 "从本机获取 GPU 数量、显存与型号(nvidia-smi)及部署平台"},
	{"expect", OPT_EXPECT, "MODEL", "exit 2 unless the recommendation (or fallback) is MODEL",
	 "推荐(或 fallback)不是 MODEL 时以状态 2 退出"},
	{"explain", OPT_EXPLAIN, NULL, "show every rule, each condition evaluated, and why it fired or not",
	 "列出全部规则及每个条件的求值,说明为何触发或未触发"},
	{"format", OPT_FORMAT, "FMT", "output: text, json, ndjson, tsv, value, junit or github (default: text; ndjson with --batch)",
	 "输出格式:text、json、ndjson、tsv、value、junit 或 github(默认 text;--batch 时为 ndjson)"},
	{"help", OPT_HELP, NULL, "show this help and exit (also -h)", "显示本帮助并退出(亦可 -h)"},
	{"lang", OPT_LANG, "LANG", "language of the text: en or zh (default from LC_ALL/LC_MESSAGES/LANG)",
	 "文本语言:en 或 zh(默认取自 LC_ALL/LC_MESSAGES/LANG)"},
	{"line-buffered", OPT_LINE_BUFFERED, NULL, "with --batch, write each result out at once",
	 "与 --batch 合用:每个结果立即输出"},
	{"no-header", OPT_NO_HEADER, NULL, "with --format tsv, leave out the header line",
	 "与 --format tsv 合用:不输出表头行"},
	{"rules", OPT_RULES, "FILE", "use the rule table in FILE instead of the embedded one",
	 "使用 FILE 中的规则表代替内置规则表"},
	{"spec", OPT_SPEC, "FILE", "read a JSON or YAML workload spec (- is stdin); flags override it",
	 "读取 JSON 或 YAML 工作负载描述(- 为标准输入);命令行参数优先"},
	{"spec-dir", OPT_SPEC_DIR, "DIR", "read every *.json, *.yaml and *.yml spec in DIR, one result each, in name order",
	 "读取 DIR 中每个 *.json、*.yaml 和 *.yml 描述,按文件名顺序各输出一个结果"},
	{"summary", OPT_SUMMARY, NULL, "at the end, print counts per outcome and the rate on stderr",
	 "结束时在标准错误输出各类结果的计数与速率"},
	{"version", OPT_VERSION, NULL, "print the version and exit (also -V)", "打印版本并退出(亦可 -V)"},
};
const size_t cli_noptions = sizeof cli_options / sizeof cli_options[0];

static int opt_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const struct opt *)elem)->name);
}

const struct opt *cli_opt_find(const char *name)
{
	return bsearch(name, cli_options, cli_noptions, sizeof cli_options[0], opt_cmp);
}

static const char *after_eq(const char *arg)
{
	const char *eq = strchr(arg, '=');
	return eq ? eq + 1 : NULL;
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

long cli_flag_clash(const ds_ruleset *rs)
{
	size_t i;

	for (i = 0; i < ds_ruleset_fact_count(rs); i++) {
		const char *f = ds_fact_flag(rs, i);
		char no[128];
		snprintf(no, sizeof no, "no-%s", f);
		if (cli_opt_find(f) || !strcmp(f, "h") || !strcmp(f, "V") ||
		    (ds_fact_type_of(rs, i) == DS_FACT_BOOLEAN && cli_opt_find(no)))
			return (long)i;
	}
	return -1;
}

/* The nearest option or flag to a mistyped name, with its "no-" forms. */
static const char *nearest_flag(const ds_ruleset *rs, const char *name, char *buf, size_t n)
{
	size_t nf = ds_ruleset_fact_count(rs), k = 0, i;
	const char **cands = calloc(cli_noptions + 2 * nf + 1, sizeof *cands);
	char **nos = calloc(nf + 1, sizeof *nos);
	const char *near;

	if (cands == NULL || nos == NULL) {
		free(cands);
		free(nos);
		return NULL;
	}
	for (i = 0; i < cli_noptions; i++)
		cands[k++] = cli_options[i].name;
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

static int pick(const char *opt, const char *val, const char *const *words, size_t n)
{
	size_t i;
	const char *near;

	for (i = 0; i < n; i++)
		if (!strcmp(val, words[i]))
			return (int)i;
	near = ds_nearest_word(val, words, n);
	if (near)
		cli_errorf("option --%s: unknown value '%s' (did you mean '%s'?)", opt, val, near);
	else {
		char list[128] = "";
		for (i = 0; i < n; i++) {
			strncat(list, words[i], sizeof list - strlen(list) - 1);
			strncat(list, i + 2 < n ? ", " : i + 2 == n ? " or " : "", sizeof list - strlen(list) - 1);
		}
		cli_errorf("option --%s: unknown value '%s'; use %s", opt, val, list);
	}
	return -1;
}

int cli_parse(int argc, char **argv, const ds_ruleset *rs, struct cli *c)
{
	static const char *const formats[] = {"text", "json", "ndjson", "tsv", "value", "junit", "github"};
	static const char *const langs[] = {"en", "zh"};
	static const char *const colors[] = {"auto", "always", "never"}; /* enum cli_color order */
	ds_diag diag;
	int i, k;

	memset(c, 0, sizeof *c);
	c->lang = cli_env_lang();
	if (ds_spec_new(rs, &c->flags) != DS_OK) {
		cli_errorf("out of memory");
		return DS_EXIT_USAGE;
	}
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *val;
		char name[128], hint[128];
		const struct opt *o;
		size_t nl;
		long fi;
		int negate = 0;

		if (!strcmp(arg, "-h"))
			arg = "--help";
		else if (!strcmp(arg, "-V"))
			arg = "--version";
		if (!strcmp(arg, "--")) {
			if (i + 1 < argc) {
				cli_errorf("unexpected argument '%s'; dsselect takes options only", argv[i + 1]);
				return DS_EXIT_USAGE;
			}
			break;
		}
		if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
			cli_errorf("unexpected argument '%s'; options start with '--' (see dsselect --help)", arg);
			return DS_EXIT_USAGE;
		}
		val = after_eq(arg);
		nl = val ? (size_t)(val - 1 - (arg + 2)) : strlen(arg + 2);
		if (nl >= sizeof name) {
			cli_errorf("unknown option '%.40s...'", arg);
			return DS_EXIT_USAGE;
		}
		memcpy(name, arg + 2, nl);
		name[nl] = '\0';

		if ((o = cli_opt_find(name)) != NULL) {
			if (o->id == OPT_BATCH) { /* an optional FILE: the next word unless it is an option */
				c->batch = 1;
				if (val == NULL && i + 1 < argc && (argv[i + 1][0] != '-' || !strcmp(argv[i + 1], "-")))
					val = argv[++i];
				if (val && !*val) {
					cli_errorf("option --batch takes a file name, not an empty string");
					return DS_EXIT_USAGE;
				}
				c->batch_path = val;
				continue;
			}
			if (o->arg == NULL) {
				if (val) {
					cli_errorf("option --%s takes no value", name);
					return DS_EXIT_USAGE;
				}
			} else if (val == NULL) {
				if (i + 1 >= argc) {
					cli_errorf("option --%s needs a value (%s)", name, o->arg);
					return DS_EXIT_USAGE;
				}
				val = argv[++i];
			}
			if (val && !*val && (o->id == OPT_RULES || o->id == OPT_SPEC || o->id == OPT_SPEC_DIR || o->id == OPT_EXPECT)) {
				cli_errorf("option --%s needs a value (%s), not an empty string", name, o->arg);
				return DS_EXIT_USAGE;
			}
			switch (o->id) {
			case OPT_HELP: c->help = 1; break;
			case OPT_VERSION: c->version = 1; break;
			case OPT_RULES: c->rules_path = val; break;
			case OPT_SPEC: c->spec_path = val; break;
			case OPT_SPEC_DIR: c->spec_dir = val; break;
			case OPT_EXPECT: c->expect = val; break;
			case OPT_FORMAT:
				if ((k = pick(name, val, formats, 7)) < 0)
					return DS_EXIT_USAGE;
				c->ci = k == 5 ? CLI_CI_JUNIT : k == 6 ? CLI_CI_GITHUB : CLI_CI_NONE;
				c->format = c->ci ? DS_FORMAT_TEXT : (ds_format)k;
				c->format_given = 1;
				break;
			case OPT_SUMMARY: c->summary = 1; break;
			case OPT_CHANGES: {
				char *end;
				unsigned long n;
				if (val[0] < '0' || val[0] > '9' || (n = strtoul(val, &end, 10), *end) || n > CLI_MAX_CHANGES) {
					cli_errorf("option --changes: '%s' is not a count (a whole number from 0 to %d; 0 lists none)",
					          val, CLI_MAX_CHANGES);
					return DS_EXIT_USAGE;
				}
				c->changes = (long)n;
				c->changes_given = 1;
				break;
			}
			case OPT_EXPLAIN: c->explain = 1; break;
			case OPT_DETECT: c->detect = 1; break;
			case OPT_NO_HEADER: c->no_header = 1; break;
			case OPT_LINE_BUFFERED: c->line_buffered = 1; break;
			case OPT_BATCH: break;
			case OPT_COLOR:
				if ((k = pick(name, val, colors, 3)) < 0)
					return DS_EXIT_USAGE;
				c->color = (enum cli_color)k;
				break;
			case OPT_LANG:
				if ((k = pick(name, val, langs, 2)) < 0)
					return DS_EXIT_USAGE;
				c->lang = (ds_lang)k;
				break;
			}
			continue;
		}

		fi = ds_ruleset_fact_by_flag(rs, name);
		if (fi < 0 && !strncmp(name, "no-", 3)) {
			fi = ds_ruleset_fact_by_flag(rs, name + 3);
			if (fi >= 0 && ds_fact_type_of(rs, (size_t)fi) != DS_FACT_BOOLEAN) {
				cli_errorf("option --%s: --%s is not a yes/no option", name, name + 3);
				return DS_EXIT_USAGE;
			}
			negate = 1;
		}
		if (fi < 0) {
			if (nearest_flag(rs, name, hint, sizeof hint))
				cli_errorf("unknown option '--%s' (did you mean '--%s'?)", name, hint);
			else
				cli_errorf("unknown option '--%s'; see 'dsselect --help'", name);
			return DS_EXIT_USAGE;
		}
		if (ds_fact_type_of(rs, (size_t)fi) == DS_FACT_BOOLEAN) {
			if (val) {
				cli_errorf("option --%s takes no value (use --%s or --no-%s)", name,
				          ds_fact_flag(rs, (size_t)fi), ds_fact_flag(rs, (size_t)fi));
				return DS_EXIT_USAGE;
			}
			ds_spec_set_bool(c->flags, ds_fact_key(rs, (size_t)fi), !negate, &diag);
			continue;
		}
		if (val == NULL) {
			if (i + 1 >= argc) {
				cli_errorf("option --%s needs a value (%s)", name, ds_fact_unit(rs, (size_t)fi));
				return DS_EXIT_USAGE;
			}
			val = argv[++i];
		}
		if (ds_spec_set_text(c->flags, ds_fact_key(rs, (size_t)fi), val, &diag) != DS_OK) {
			cli_errorf("option --%s: %s", name, diag.msg);
			return DS_EXIT_USAGE;
		}
	}
	/* facts that cannot hold together (--gpus 0 --gpu-mem 80): a usage error, as a bad value is */
	if (!c->help && !c->version && ds_spec_check(c->flags, c->flags, NULL, &diag) != DS_OK) {
		cli_errorf("%s", diag.msg);
		return DS_EXIT_USAGE;
	}
	if (c->expect) {
		size_t m, nm = ds_ruleset_model_count(rs);
		const char *ids[64];
		for (m = 0; m < nm && m < 64; m++) {
			ids[m] = ds_ruleset_model_id(rs, m);
			if (!strcmp(ids[m], c->expect))
				break;
		}
		if (m == nm || m == 64) {
			const char *near = ds_nearest_word(c->expect, ids, m);
			char list[256] = "";
			for (m = 0; m < nm && m < 64; m++) {
				strncat(list, m ? ", " : "", sizeof list - strlen(list) - 1);
				strncat(list, ids[m], sizeof list - strlen(list) - 1);
			}
			if (near)
				cli_errorf("option --expect: unknown model '%s' (did you mean '%s'?)", c->expect, near);
			else
				cli_errorf("option --expect: unknown model '%s'; the table's models: %s", c->expect, list);
			return DS_EXIT_USAGE;
		}
	}
	return 0;
}

void cli_usage(FILE *fp, const ds_ruleset *rs, ds_lang lang, int custom)
{
	int zh = lang == DS_LANG_ZH;
	size_t i, j, nf = ds_ruleset_fact_count(rs);

	/* two examples first: what a person at a terminal and a CI job each type */
	if (custom)
		fprintf(fp, "%s", zh ? "根据工作负载给出模型选型建议,并说明理由。例如:\n"
		                       "  dsselect --rules FILE --spec workload.yaml\n"
		                       "  dsselect --rules FILE --spec-dir specs/ --format junit > report.xml\n\n"
		                     : "Recommends a model for a workload, with the reasons. For example:\n"
		                       "  dsselect --rules FILE --spec workload.yaml\n"
		                       "  dsselect --rules FILE --spec-dir specs/ --format junit > report.xml\n\n");
	else
		fprintf(fp, "%s", zh ? "根据工作负载给出 DeepSeek V1 或 V2 的选型建议,并说明理由。例如:\n"
		                       "  dsselect --gpu-mem 12 --task contract-extraction\n"
		                       "  dsselect --spec-dir specs/ --expect V2 --format junit > report.xml\n\n"
		                     : "Recommends DeepSeek V1 or V2 for a workload, with the reasons. For example:\n"
		                       "  dsselect --gpu-mem 12 --task contract-extraction\n"
		                       "  dsselect --spec-dir specs/ --expect V2 --format junit > report.xml\n\n");
	fprintf(fp, "%s", zh ? "用法:dsselect [选项] [--spec FILE|-]\n      dsselect [选项] --spec-dir DIR\n"
	                       "      dsselect [选项] --batch [FILE]\n"
	                       "      dsselect rules check|test|list|show ...(见 dsselect rules --help)\n"
	                       "      dsselect sweep --vary FACT=START:STOP:STEP [--vary ...] [选项]... [--format csv|json]\n\n"
	                     : "Usage: dsselect [OPTION]... [--spec FILE|-]\n"
	                       "       dsselect [OPTION]... --spec-dir DIR\n"
	                       "       dsselect [OPTION]... --batch [FILE]\n"
	                       "       dsselect rules check|test|list|show ... (see dsselect rules --help)\n"
	                       "       dsselect sweep --vary FACT=START:STOP:STEP [--vary ...] [OPTION]... [--format csv|json]\n\n");
	if (!custom)
		fprintf(fp, "%s  dsselect --gpu-mem 12 --task contract-extraction --changes 2   %s\n%s",
		        zh ? "更多示例:\n" : "More examples:\n", zh ? "(怎样会改变结论)" : "(what would change it)",
		        "  echo '{\"gpu_mem\": 24, \"gpus\": 4, \"nccl\": true}' | dsselect --spec - --format json\n"
		        "  dsselect --batch specs.ndjson --summary > results.ndjson\n"
		        "  dsselect sweep --vary gpu_mem=8:80:8 --vary concurrency=50:500:50 --input-tokens 800\n"
		        "  dsselect --detect --task contract-extraction\n\n");
	fprintf(fp, "%s", zh ? "选项:\n" : "Options:\n");
	for (i = 0; i < cli_noptions; i++) {
		char left[64];
		snprintf(left, sizeof left, "--%s%s%s", cli_options[i].name, cli_options[i].arg ? " " : "",
		         cli_options[i].arg ? cli_options[i].arg : "");
		fputs("  ", fp);
		cli_text_fpad(fp, left, 24, 0);
		fprintf(fp, " %s\n", zh ? cli_options[i].help_zh : cli_options[i].help);
	}
	fprintf(fp, "\n%s (%s):\n", zh ? "工作负载事实,来自规则表" : "Workload facts, from the rule table",
	        ds_ruleset_name(rs));
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
		fprintf(fp, " %s", ds_fact_help(rs, i, lang));
		if (t == DS_FACT_NUMBER || t == DS_FACT_INTEGER) {
			double lo, hi;
			unsigned r = ds_fact_range(rs, i, &lo, &hi);
			const char *kind = t == DS_FACT_INTEGER ? (zh ? "整数" : "an integer") : (zh ? "数" : "a number");
			if (r & DS_RANGE_MIN && r & DS_RANGE_MAX)
				fprintf(fp, zh ? "(%s,%g..%g)" : " (%s, %g..%g)", kind, lo, hi);
			else if (r & DS_RANGE_MIN)
				fprintf(fp, zh ? "(%s,%s %g)" : " (%s, %s %g)", kind, r & DS_RANGE_MIN_EXCL ? ">" : ">=", lo);
			else
				fprintf(fp, zh ? "(%s)" : " (%s)", kind);
		}
		if ((t == DS_FACT_ENUM || t == DS_FACT_SET || t == DS_FACT_STRING) && ds_fact_value_count(rs, i)) {
			fprintf(fp, "\n  %-24s %s", "",
			        t == DS_FACT_SET ? (zh ? "逗号分隔的任意组合:" : "any of, comma-separated: ")
			                         : (zh ? "取值:" : "one of: "));
			for (j = 0; j < ds_fact_value_count(rs, i); j++)
				fprintf(fp, "%s%s", j ? ", " : "", ds_fact_value(rs, i, j));
			if (t == DS_FACT_STRING)
				fputs(zh ? " 等" : ", ...", fp);
		}
		fputc('\n', fp);
	}
	fprintf(fp, "%s",
	        zh ? "\n退出状态:0 有推荐,1 冲突(仍给出 fallback),2 --expect 不符,64 用法错误,\n"
	             "65 工作负载描述有误,66 无法打开输入文件,74 无法写出结果,78 规则表有误。\n"
	           : "\nExit status: 0 a recommendation, 1 conflict (a fallback is still printed),\n"
	             "2 --expect did not match, 64 usage error, 65 bad spec, 66 cannot open an input file,\n"
	             "74 cannot write the output, 78 bad rule table.\n");
}
