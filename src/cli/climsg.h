/*
 * climsg.h: every message the dsselect command writes for people, in English
 * and in Chinese. An M_ id expands to two printf formats, "English", "中文",
 * with the same conversions in the same order; cli_say(), cli_say_at() and
 * cli_tr() take the pair and use the one of --lang (or the locale).
 *
 * Chinese text uses full-width punctuation (，：；（）“”), keeps flags, keys,
 * values and numbers as they are typed, and uses the terms of docs/i18n.md.
 * The test tests/structure/test_messages.py walks every id.
 */
#ifndef DS_CLIMSG_H
#define DS_CLIMSG_H

/* ---- shared ---- */
#define M_CLI_OUT_OF_MEMORY "out of memory", "内存不足"
#define M_CLI_WRITE_FAILED "cannot write the output: %s", "无法写出结果：%s"

#define M_OUTCOME_RECOMMENDED "recommended", "推荐"
#define M_OUTCOME_DEFAULT "default", "默认"
#define M_OUTCOME_CONFLICT "conflict", "冲突"
#define M_OUTCOME_ERROR "error", "错误"

/* ---- options (options.c): each follows the command's prefix ("sweep: ") ---- */
#define M_OPT_BAD_VALUE_NEAR "option --%s: unknown value '%s' (did you mean '%s'?)", \
	"选项 --%s：未知的值“%s”（是否想写“%s”？）"
#define M_OPT_BAD_VALUE_LIST "option --%s: unknown value '%s'; use %s", "选项 --%s：未知的值“%s”；可用的值：%s"
#define M_OPT_NOT_COUNT "option --%s: '%s' is not a count (a whole number from 0 to %ld; %s)", \
	"选项 --%s：“%s”不是计数（应为 0 到 %ld 的整数；%s）"
#define M_OPT_NOT_LINE "option --%s: '%s' is not a line number (a whole number from 1 to %ld)", \
	"选项 --%s：“%s”不是行号（应为 1 到 %ld 的整数）"
#define M_OPT_NO_VALUE "option --%s takes no value", "选项 --%s 不带值"
#define M_OPT_EMPTY_FILE "option --%s takes a file name, not an empty string", "选项 --%s 需要文件名，不能是空字符串"
#define M_OPT_NEEDS_VALUE "option --%s needs a value (%s)", "选项 --%s 需要一个值（%s）"
#define M_OPT_NEEDS_VALUE_EMPTY "option --%s needs a value (%s), not an empty string", \
	"选项 --%s 需要一个值（%s），不能是空字符串"
#define M_OPT_TOO_MANY "option --%s can be given at most %ld times", "选项 --%s 最多只能给出 %ld 次"
#define M_OPT_NOT_YESNO "option --%s: --%s is not a yes/no option", "选项 --%s：--%s 不是开关选项"
#define M_OPT_UNKNOWN_NEAR "unknown option '--%s' (did you mean '--%s'?)", "未知选项“--%s”（是否想写“--%s”？）"
#define M_OPT_UNKNOWN_SEE "unknown option '--%s'; see '%s --help'", "未知选项“--%s”；参见“%s --help”"
#define M_OPT_UNKNOWN_LONG "unknown option '%.40s...'", "未知选项“%.40s...”"
#define M_OPT_BOOL_NO_VALUE "option --%s takes no value (use --%s or --no-%s)", \
	"选项 --%s 不带值（请用 --%s 或 --no-%s）"
#define M_OPT_FACT_VALUE "option --%s: %s", "选项 --%s：%s"
#define M_OPT_UNEXPECTED "unexpected argument '%s'", "多余的参数“%s”"
#define M_OPT_OPTIONS_ONLY "unexpected argument '%s'; %s takes options only", "多余的参数“%s”；%s 只接受选项"
#define M_OPT_DASHES "unexpected argument '%s'; options start with '--' (see %s --help)", \
	"多余的参数“%s”；选项以“--”开头（参见 %s --help）"
#define M_OPT_EXPECT_NEAR "option --expect: unknown model '%s' (did you mean '%s'?)", \
	"选项 --expect：未知的模型“%s”（是否想写“%s”？）"
#define M_OPT_EXPECT_LIST "option --expect: unknown model '%s'; the table's models: %s", \
	"选项 --expect：未知的模型“%s”；规则表中的模型：%s"
#define M_OPT_RULES_EMPTY "option --rules needs a value (FILE), not an empty string", \
	"选项 --rules 需要一个值（FILE），不能是空字符串"
#define M_WORD_OR " or ", " 或 "
#define M_WORD_LIST_SEP ", ", "、"

/* ---- modes and results (main.c) ---- */
#define M_MODE_STDIN_TWICE "--spec - and --batch would both read stdin; give one of them a file", \
	"--spec - 与 --batch 都会读取标准输入；请让其中一个读文件"
#define M_MODE_FIRST_LINE_BATCH "--first-line numbers the lines of a --batch input; give --batch too", \
	"--first-line 用于给 --batch 的输入行编号；请同时给出 --batch"
#define M_MODE_SPEC_DIR_ALONE "--spec-dir reads its own specs; leave out %s", "--spec-dir 自行读取工作负载描述；请去掉 %s"
#define M_MODE_SPEC_DIR_FORMAT "option --format: --spec-dir writes one result per file; use ndjson, tsv, value or text", \
	"选项 --format：--spec-dir 为每个文件输出一个结果；请用 ndjson、tsv、value 或 text"
#define M_MODE_BATCH_FORMAT "option --format: --batch writes one line per record; use ndjson, tsv, value, junit or github", \
	"选项 --format：--batch 每条记录输出一行；请用 ndjson、tsv、value、junit 或 github"
#define M_EXPECT_MISMATCH "expected %s, got %s (%s)", "期望 %s，得到 %s（%s）"
#define M_DETECTED "Detected on this machine: %s", "在本机检测到：%s"

/* ---- rules check|test|list|show (rules.c) ---- */
#define M_RULES_USAGE "usage: dsselect rules check|test|list [FILE] | rules show REF|ID [--rules FILE]", \
	"用法：dsselect rules check|test|list [FILE] | rules show REF|ID [--rules FILE]"
#define M_RULES_FLAG_CLASH "fact flag '--%s' is also a dsselect option; rename it", \
	"事实的选项名“--%s”与 dsselect 自身的选项重名；请改名"
#define M_RULES_COUNTS "%zu passed, %zu failed\n", "通过 %zu 项，失败 %zu 项\n"
#define M_RULES_NO_RULE_NEAR "rules show: no rule '%s' (did you mean '%s'?)", "rules show：没有规则“%s”（是否想写“%s”？）"
#define M_RULES_NO_RULE "rules show: no rule '%s'; see 'dsselect rules list'", \
	"rules show：没有规则“%s”；参见“dsselect rules list”"
#define M_RULES_WHICH "rules show: which rule? give a ref (e.g. 2.2) or an id", \
	"rules show：要显示哪条规则？请给出编号（如 2.2）或 id"
#define M_RULES_UNKNOWN_NEAR "rules: unknown command '%s' (did you mean '%s'?)", "rules：未知的子命令“%s”（是否想写“%s”？）"
#define M_RULES_UNKNOWN "rules: unknown command '%s'; use check, test, list or show", \
	"rules：未知的子命令“%s”；可用 check、test、list 或 show"
#define M_RULES_TABLE_TWICE "rules %s: give the table once, as FILE or as --rules FILE", \
	"rules %s：规则表只能给一次，用 FILE 或 --rules FILE 之一"
#define M_RULES_HELP \
	"Usage: dsselect rules check [FILE] [--strict] [--format text|json]\n" \
	"         every error and warning of a table, FILE:LINE:COLUMN, contradictions with a\n" \
	"         ready-to-run witness command; --strict makes warnings errors\n" \
	"       dsselect rules test [FILE]\n" \
	"         run the rules' examples and the table's cases: N passed, M failed\n" \
	"       dsselect rules list [FILE] [--format text|json]      every rule, one line each\n" \
	"       dsselect rules show REF|ID [--rules FILE] [--format text|json]   one rule in full\n" \
	"FILE defaults to the embedded table; --lang en|zh picks the language.\n" \
	"Exit status: 0 fine; 1 a failed example or case (rules test); 66 the file cannot be\n" \
	"read; 78 the table has errors (or warnings, with --strict). See docs/rules.md.\n", \
	"用法：dsselect rules check [FILE] [--strict] [--format text|json]\n" \
	"        检查规则表：列出全部错误与警告（FILE:LINE:COLUMN），矛盾附可直接运行的见证命令；\n" \
	"        --strict 把警告当作错误\n" \
	"      dsselect rules test [FILE]\n" \
	"        运行规则的示例（examples）与规则表的用例（cases），报告通过与失败的项数\n" \
	"      dsselect rules list [FILE] [--format text|json]      列出全部规则，每条一行\n" \
	"      dsselect rules show REF|ID [--rules FILE] [--format text|json]   完整显示一条规则\n" \
	"FILE 默认为内置规则表；--lang en|zh 选择语言。\n" \
	"退出状态：0 正常；1 rules test 有失败的示例或用例；66 无法读取文件；\n" \
	"78 规则表有误（加 --strict 时警告也算）。详见 docs/rules.md。\n"

/* ---- sweep (sweep.c) ---- */
#define M_SWEEP_TOO_MANY "sweep: --vary %s: more than %d points", "sweep：--vary %s：超过 %d 个点"
#define M_SWEEP_VARY_FORM "sweep: --vary '%s': expected FACT=START:STOP:STEP", "sweep：--vary“%s”：应为 FACT=START:STOP:STEP"
#define M_SWEEP_NO_FACT_NEAR "sweep: --vary: no fact '%s' (did you mean '%s'?)", "sweep：--vary：没有事实“%s”（是否想写“%s”？）"
#define M_SWEEP_NO_FACT "sweep: --vary: no fact '%s'", "sweep：--vary：没有事实“%s”"
#define M_SWEEP_NO_RANGE "sweep: --vary %s: an enum or boolean fact is swept over all its values; give no range", \
	"sweep：--vary %s：枚举或布尔事实会取遍全部值，不要给范围"
#define M_SWEEP_KIND "sweep: --vary %s: only number, integer, enum and boolean facts can be swept", \
	"sweep：--vary %s：只有数值、整数、枚举和布尔事实可以扫描"
#define M_SWEEP_RANGE "sweep: --vary '%s': expected %s=START:STOP:STEP with START <= STOP and STEP > 0", \
	"sweep：--vary“%s”：应为 %s=START:STOP:STEP，且 START <= STOP、STEP > 0"
#define M_SWEEP_NO_VARY "sweep: give at least one --vary FACT=START:STOP:STEP (see dsselect sweep --help)", \
	"sweep：至少要给一个 --vary FACT=START:STOP:STEP（参见 dsselect sweep --help）"
#define M_SWEEP_TWICE "sweep: --vary %s twice", "sweep：--vary %s 给了两次"
#define M_SWEEP_TOTAL "sweep: %zu points in all; the limit is %d (use larger steps)", \
	"sweep：共 %zu 个点，上限为 %d（请加大步长）"
#define M_SWEEP_POINT "sweep: %s=%s: %s", "sweep：%s=%s：%s"
#define M_SWEEP_HEAD_MODEL "model", "模型"
#define M_SWEEP_HEAD_STATUS "status", "状态"
#define M_SWEEP_HEAD_RULES "rules", "规则"
#define M_SWEEP_LEGEND "\nlegend: a model = recommended; model* = the table's default (nothing told them " \
	"apart); model! = conflict, the fallback shown\n", \
	"\n图例：模型名 = 推荐；后缀 * = 规则表的默认模型（没有规则能区分）；后缀 ! = 冲突，显示的是备选模型\n"
#define M_SWEEP_NO_WORKLOAD "\n- marks a point that is no workload (%zu in all), e.g.: %s\n", \
	"\n- 表示不成立的事实组合（共 %zu 处），例如：%s\n"
/* sweep --format svg: the decision map's words (svg.c) */
#define M_SVG_TITLE "Decision map: %s", "决策图：%s"
#define M_SVG_TITLE_ID "Decision map of '%s': %s", "“%s”的决策图：%s"
#define M_SVG_FIXED "fixed facts: %s", "固定事实：%s"
#define M_SVG_FIXED_NONE "fixed facts: none (every other fact unknown)", "固定事实：无（其余事实均未知）"
#define M_SVG_AXIS "%s: %s", "%s：%s"
#define M_SVG_AXIS_UNIT "%s (%s): %s", "%s（%s）：%s"
#define M_SVG_CELL1 "%s %s: %s (%s)", "%s %s：%s（%s）"
#define M_SVG_CELL2 "%s %s%s%s %s: %s (%s)", "%s %s%s%s %s：%s（%s）"
#define M_SVG_KEY_RECOMMENDED "%s: recommended", "%s：推荐"
#define M_SVG_KEY_DEFAULT "%s*: the table's default (nothing told them apart)", "%s*：规则表的默认模型（没有规则能区分）"
#define M_SVG_KEY_CONFLICT "model!: conflict, the fallback shown", "后缀 !：冲突，显示的是备选模型"
#define M_SVG_KEY_NONE "-: no workload, the facts contradict each other (%zu in all)", \
	"-：不成立的事实组合（共 %zu 处）"
#define M_SVG_KEY_BOUNDARY "a line: where the decision changes", "线条：结论在此改变"
#define M_SWEEP_USAGE \
	"Usage: dsselect sweep --vary FACT=START:STOP:STEP [--vary FACT2=...] [OPTION]...\n" \
	"       (an enum or boolean fact: --vary FACT, every value)\n" \
	"Prints the decision at every point, the other facts from flags or --spec:\n" \
	"a table for one fact, a grid for two; csv, json or ndjson for plotting; svg draws\n" \
	"a picture (a band for one fact, a map for two) in the grid's colors.\n" \
	"The table's own thresholds inside a range are always among the points.\n" \
	"Formats: --format text|csv|json|ndjson|svg\n" \
	"Options: --spec FILE|-, --rules FILE, --lang LANG, --color WHEN and the facts' flags, as\n" \
	"dsselect takes them (see dsselect --help). It refuses dsselect's others: --batch --changes\n" \
	"  --detect --expect --explain --first-line --junit-file-attrs --line-buffered --no-header\n" \
	"  --spec-dir --summary --version\n" \
	"Example: dsselect sweep --vary gpu_mem=8:80:8 --vary concurrency=50:500:50 --input-tokens 800\n", \
	"用法：dsselect sweep --vary FACT=START:STOP:STEP [--vary FACT2=...] [选项]...\n" \
	"      （枚举或布尔事实：--vary FACT，取遍全部值）\n" \
	"在每个点上给出结论，其余事实来自命令行参数或 --spec：\n" \
	"一个事实输出一张表，两个事实输出一张网格；csv、json 或 ndjson 便于作图；svg 以网格的\n" \
	"配色画出图片（一个事实为色带，两个事实为决策图）。\n" \
	"范围内规则表自身的阈值总在扫描点之列。\n" \
	"输出格式：--format text|csv|json|ndjson|svg\n" \
	"选项：--spec FILE|-、--rules FILE、--lang LANG、--color WHEN 以及各事实的选项，\n" \
	"与 dsselect 相同（参见 dsselect --help）。dsselect 的其余选项不适用于 sweep：--batch --changes\n" \
	"  --detect --expect --explain --first-line --junit-file-attrs --line-buffered --no-header\n" \
	"  --spec-dir --summary --version\n" \
	"示例：dsselect sweep --vary gpu_mem=8:80:8 --vary concurrency=50:500:50 --input-tokens 800\n"

/* ---- slips: what the command refuses, and why (options.c, main.c, sweep.c) ---- */
#define M_NO_WORKLOAD "no workload given: give facts as options (e.g. --gpu-mem 12 --task contract-extraction), " \
	"--spec FILE, --spec-dir DIR, --batch or --detect; see dsselect --help", \
	"没有给出工作负载：请用选项给出事实（例如 --gpu-mem 12 --task contract-extraction），" \
	"或用 --spec FILE、--spec-dir DIR、--batch、--detect；参见 dsselect --help"
#define M_OPT_SPEC_HINT "unexpected argument '%s'; to read it as a workload spec: --spec %s", \
	"多余的参数“%s”；若要把它当作工作负载描述读取：--spec %s"
#define M_CMD_UNKNOWN_NEAR "unknown command '%s' (did you mean '%s'?)", "未知的子命令“%s”（是否想写“%s”？）"
#define M_FOREIGN_OPTION "option --%s is dsselect's; %s", "选项 --%s 属于 dsselect 本身；%s"
#define M_WHY_SWEEP_INPUTS "sweep makes its workloads from --vary, over one base (--spec or the flags)", \
	"sweep 用 --vary 在一个基准（--spec 或命令行参数）上生成工作负载"
#define M_WHY_SWEEP_REASONS "sweep writes one line per point, without reasons or what would change them; " \
	"run dsselect on one point for those", \
	"sweep 每个点只输出一行，不含理由和反事实；需要时请对单个点运行 dsselect"
#define M_WHY_SWEEP_SUMMARY "sweep already writes every point; there is nothing left to count", \
	"sweep 已输出每一个点，无需再汇总计数"
#define M_WHY_SWEEP_EXPECT "sweep has no single answer to check; use dsselect --expect on one workload", \
	"sweep 没有单一结论可供核对；请对单个工作负载使用 dsselect --expect"
#define M_WHY_SWEEP_DETECT "sweep varies the facts it is given; run dsselect --detect to see this machine's", \
	"sweep 只扫描给定的事实；要查看本机的事实请运行 dsselect --detect"
#define M_WHY_SWEEP_OUTPUT "sweep writes its table or grid at once, with its header", \
	"sweep 一次性输出整张表或网格，并带表头"
#define M_WHY_SWEEP_JUNIT "sweep writes no JUnit report: its formats are text, csv, json and ndjson", \
	"sweep 不输出 JUnit 报告：其格式为 text、csv、json 与 ndjson"
#define M_WHY_SWEEP_VERSION "see dsselect --version", "请用 dsselect --version"
#define M_FOREIGN_RULES "option --%s is dsselect's; this command takes %s", "选项 --%s 属于 dsselect 本身；此子命令只接受 %s"
#define M_SWEEP_VARIED_FLAG "sweep: --%s: %s is the fact --vary sweeps; leave out --%s", \
	"sweep：--%s：%s 正是 --vary 扫描的事实；请去掉 --%s"

/* ---- --help (options.c) ---- */
#define M_HELP_UNREAD "no rule reads it yet: recorded, it does not change the answer", \
	"目前没有规则读取它：只作记录，不影响结论"
#define M_HELP_FACTS_HEAD "\nWorkload facts, from the rule table (%s):\n", "\n工作负载事实，来自规则表（%s）：\n"
#define M_HELP_RANGE_BOTH "%s, %s..%s", "%s，%s..%s"
#define M_HELP_RANGE_MIN "%s, %s %s", "%s，%s %s"
#define M_HELP_NOTE_SEP "; ", "；"
#define M_HELP_INTEGER "an integer", "整数"
#define M_HELP_NUMBER "a number", "数值"
#define M_HELP_ANY_OF "any of, comma-separated: ", "可取以下任意组合，以逗号分隔："
#define M_HELP_ONE_OF "one of: ", "取值："
#define M_HELP_MORE ", ...", " 等"
/* ---- batches, inputs, detection ---- */
#define M_CLI_CANNOT_OPEN "cannot open: %s", "无法打开：%s"
#define M_CLI_CANNOT_READ "cannot read: %s", "无法读取：%s"
#define M_CLI_SPEC_TOO_LARGE "spec is larger than the %u MiB limit", "工作负载描述超过了 %u MiB 的上限"
#define M_CLI_FLAG_CLASH "%s:%u:%u: fact flag '--%s' is also a dsselect option; rename it", \
	"%s:%u:%u: 事实的选项“--%s”与 dsselect 自身的选项重名；请改名"
#define M_CLI_LINE_TOO_LONG "line is longer than the %u MiB limit", "这一行超过了 %u MiB 的上限"
#define M_CLI_DIR_OPEN "cannot open the directory: %s", "无法打开目录：%s"
#define M_CLI_DIR_READ "cannot read the directory: %s", "无法读取目录：%s"
#define M_CLI_NO_RECORDS "no records to check: --expect, --format junit and --format github do not pass on nothing", \
	"没有可检查的记录：--expect、--format junit 和 --format github 不会在没有记录时通过"
#define M_CLI_NO_SPECS "no spec files (*.json, *.yaml, *.yml) in the directory", \
	"目录中没有工作负载描述文件（*.json、*.yaml、*.yml）"
#define M_CLI_TMPDIR_LONG "TMPDIR is too long for a temporary file: %s", "TMPDIR 过长，无法建立临时文件：%s"
#define M_CLI_TMP_MAKE "%s: cannot make a temporary file for the JUnit report: %s", \
	"%s: 无法为 JUnit 报告建立临时文件：%s"
#define M_CLI_TMP_OPEN "cannot open the JUnit report's temporary file: %s", "无法打开 JUnit 报告的临时文件：%s"
#define M_CLI_TMP_WRITE "cannot write the JUnit report's temporary file: %s", "无法写入 JUnit 报告的临时文件：%s"
#define M_CLI_TMP_READ "cannot read back the JUnit report's temporary file: %s", "无法读回 JUnit 报告的临时文件：%s"
/* a result against --expect, and a result's line in a CI report */
#define M_CLI_EXPECT "expected %s, got %s (%s)", "期望 %s，实际为 %s（%s）"
#define M_CLI_EXPECT_AT "%s: expected %s, got %s (%s)", "%s: 期望 %s，实际为 %s（%s）"
#define M_CLI_EXPECT_AT_LINE "%s:%lu: expected %s, got %s (%s)", "%s:%lu: 期望 %s，实际为 %s（%s）"
#define M_CLI_RECOMMENDED "recommended", "推荐"
#define M_CLI_DEFAULT "default", "默认"
#define M_CLI_CONFLICT "conflict", "冲突"
#define M_CLI_CI_CONFLICT "conflict: no model satisfies every hard rule; the least-bad choice is %s", \
	"冲突：没有模型满足全部硬性规则；备选为 %s"
#define M_CLI_CI_DEFAULT "%s by default: no rule told the models apart", "默认 %s：没有规则能区分各模型"
#define M_CLI_CI_RECOMMENDED "%s recommended", "推荐 %s"
/* progress on a terminal, and --summary: "12 records: V1 7, V2 4, conflict 1, ..." */
#define M_CLI_PROGRESS "%lu records, %lu conflicts, %lu errors; %.0f records/s", \
	"%lu 条记录，%lu 个冲突，%lu 个错误；每秒 %.0f 条记录"
#define M_CLI_SUMMARY_RECORDS "%lu records:", "%lu 条记录："
#define M_CLI_SUMMARY_RECORD "%lu record:", "%lu 条记录："
#define M_CLI_SUMMARY_MODEL " %lu,", " %lu 条，"
#define M_CLI_SUMMARY_TAIL " conflict %lu, default %lu, errors %lu; %.3f s, %.0f records/s", \
	"冲突 %lu 条，默认 %lu 条，错误 %lu 条；用时 %.3f 秒，每秒 %.0f 条记录"
/* --detect */
#define M_CLI_DETECT_WARN "--detect: %s: %s", "--detect 检测到 %s：%s"
#define M_CLI_DETECT_ONE "%s (%s MiB)", "%s（显存 %s MiB）"
#define M_CLI_DETECT_SAME "%d × %s (%s MiB each)", "%d 块 %s（每块 %s MiB）"
#define M_CLI_DETECT_MIXED "%d GPUs, the smallest %s (%s MiB)", "%d 块 GPU，最小的一块 %s（%s MiB）"
#define M_CLI_DETECT_MISFIT "the catalog's %.10g GB for %s", "目录中 %.10g GB 的 %s"
#define M_CLI_DETECT_FROM_CATALOG "gpu_mem %s, the catalog's size for %s", "gpu_mem 取 %s，即目录中 %s 的容量"
#define M_CLI_DETECT_MISFIT_NOTE " (%s does not fit it)", "（与%s 不符）"
#define M_CLI_DETECT_FROM_NAME "gpu_mem %s, the size its name states%s", "gpu_mem 取 %s，即名称中标明的容量%s"
#define M_CLI_DETECT_MISFIT_WHY "%s does not fit it", "与%s 不符"
#define M_CLI_DETECT_NO_CATALOG "no catalog size", "目录中没有该型号的容量"
#define M_CLI_DETECT_ROUNDED_UP \
	"gpu_mem 1, the reported %s MiB rounded up to 1 GB (a GPU counts at least 1; %s, no size in its name)", \
	"gpu_mem 取 1，即报告的 %s MiB 向上取整为 1 GB（GPU 至少计 1 GB；%s，名称中也未标明容量）"
#define M_CLI_DETECT_ROUNDED "gpu_mem %s, the reported %s MiB rounded to whole GB (%s, no size in its name)", \
	"gpu_mem 取 %s，即报告的 %s MiB 四舍五入到整数 GB（%s，名称中也未标明容量）"
#define M_CLI_DETECT_TIMEOUT \
	"--detect: nvidia-smi did not answer in 10 s; the GPU facts stay unknown (give --gpus and --gpu-mem)", \
	"--detect：nvidia-smi 在 10 秒内没有应答；GPU 相关的事实保持未知（请给出 --gpus 和 --gpu-mem）"
#define M_CLI_DETECT_FAILED \
	"--detect: nvidia-smi failed; the GPU facts stay unknown (give --gpus and --gpu-mem)", \
	"--detect：nvidia-smi 运行失败；GPU 相关的事实保持未知（请给出 --gpus 和 --gpu-mem）"
#define M_CLI_DETECT_UNREADABLE \
	"--detect: nvidia-smi said something unreadable; the GPU facts stay unknown (give --gpus and --gpu-mem)", \
	"--detect：nvidia-smi 的输出无法解读；GPU 相关的事实保持未知（请给出 --gpus 和 --gpu-mem）"
#define M_CLI_DETECT_REFUSED "--detect: nvidia-smi reports %d GPUs of %s GB, which the rule table refuses", \
	"--detect：nvidia-smi 报告 %d 块 %s GB 的 GPU，规则表不接受这些值"
#define M_CLI_DETECT_SUM_ONE "%d GPU (%s, %s GB each)", "%d 块 GPU（%s，每块 %s GB）"
#define M_CLI_DETECT_SUM_EACH "%d GPUs (%s, %s GB each)", "%d 块 GPU（%s，每块 %s GB）"
#define M_CLI_DETECT_SUM_SMALLEST "%d GPUs (%s, %s GB the smallest)", "%d 块 GPU（%s，最小的一块 %s GB）"
#define M_CLI_DETECT_MIXED_MODELS "mixed models", "型号不一"
#define M_CLI_DETECT_NO_GPU "no GPU (CPU only)", "没有 GPU（纯 CPU）"
#define M_CLI_DETECT_PLATFORM "platform kubernetes", "平台 kubernetes"
#define M_CLI_DETECT_AND_PLATFORM ", platform kubernetes", "，平台 kubernetes"
/* the system's words for the errors a user meets (cli_strerror); other errors keep strerror()'s text */
#define M_CLI_ERRNO_ENOENT "No such file or directory", "文件或目录不存在"
#define M_CLI_ERRNO_EACCES "Permission denied", "权限不足"
#define M_CLI_ERRNO_EISDIR "Is a directory", "这是一个目录"
#define M_CLI_ERRNO_ENOTDIR "Not a directory", "路径中有一项不是目录"
#define M_CLI_ERRNO_ENOSPC "No space left on device", "设备上没有剩余空间"
#define M_CLI_ERRNO_EIO "Input/output error", "输入/输出错误"
#define M_CLI_ERRNO_ELOOP "Too many levels of symbolic links", "符号链接的层数过多"
#define M_CLI_ERRNO_ENAMETOOLONG "File name too long", "文件名过长"
#define M_CLI_ERRNO_EMFILE "Too many open files", "打开的文件过多"
#define M_CLI_ERRNO_EROFS "Read-only file system", "只读文件系统"
#define M_CLI_ERRNO_EPIPE "Broken pipe", "管道已断开"
#define M_CLI_ERRNO_EFBIG "File too large", "文件过大"

#endif
