/*
 * msgtext.h: every message the library writes for people, in English and in
 * Chinese. An M_ id expands to two printf formats, "English", "中文", with
 * the same conversions in the same order; dsi_diag_say(), dsi_problem_say()
 * and dsi_tr() take the pair and use the one of the caller's language.
 *
 * Chinese text uses full-width punctuation (，：；（）“”), keeps flags, keys,
 * values and numbers as they are typed, and uses the terms of docs/i18n.md.
 * The test tests/structure/test_messages.py walks every id.
 */
#ifndef DS_MSGTEXT_H
#define DS_MSGTEXT_H

/* ---- shared ---- */
#define M_OUT_OF_MEMORY "out of memory", "内存不足"

/* ---- rule tables: what a loader message names (load.c); a key as typed, in Chinese "键 min 的值" ---- */
#define M_W_KEY "%s", "键 %s 的值"
#define M_W_SCALAR "a scalar", "标量"
#define M_W_LIST "a list", "列表"
#define M_W_MAPPING "a mapping", "映射"
#define M_W_THE_TABLE "the rule table", "规则表"
#define M_W_A_TABLE "a rule table", "规则表"
#define M_W_MODEL "a model", "模型"
#define M_W_MODEL_ID "a model id", "模型标识"
#define M_W_MODEL_NAME "a model name", "模型名称"
#define M_W_CLASS "a class", "类别"
#define M_W_CLASS_ID "a class id", "类别标识"
#define M_W_CLASS_KIND "a class kind", "类别种类"
#define M_W_CLASS_NAME "a class name", "类别名称"
#define M_W_FLAG "a flag", "选项名"
#define M_W_FLAG_IDENT "flag", "选项名"
#define M_W_VALUE "a value", "取值"
#define M_W_FACT "a fact", "事实"
#define M_W_FACT_KEY "a fact key", "事实键名"
#define M_W_FACT_KEY_IDENT "fact key", "事实键名"
#define M_W_FACT_TYPE "a fact type", "事实类型"
#define M_W_FACT_NAME "a fact name", "事实名"
#define M_W_CONDITION "a condition", "条件"
#define M_W_DERIVATION "a derivation", "推导"
#define M_W_CONSTRAINT "a constraint", "约束"
#define M_W_NOTE "a note", "提示"
#define M_W_ID "an id", "标识"
#define M_W_ID_IDENT "id", "标识"
#define M_W_RULE "a rule", "规则"
#define M_W_RULE_ID "a rule id", "规则标识"
#define M_W_RULE_ID_IDENT "rule id", "规则标识"
#define M_W_RULE_REF "a rule ref", "规则出处"
#define M_W_EFFECT "an effect", "效果"
#define M_W_EXAMPLE "an example", "示例"
#define M_W_CASE "a case", "用例"
#define M_W_CASE_NAME "a case name", "用例名称"

/* ---- rule tables: the loader's errors (load.c) ---- */
#define M_LD_EMPTY "the rule table is empty", "规则表是空的"
#define M_LD_UNKNOWN_KEY_NEAR "unknown key '%s' in %s (did you mean '%s'?)", "未知的键“%s”，出现在%s中（是否想写“%s”？）"
#define M_LD_UNKNOWN_KEY "unknown key '%s' in %s", "未知的键“%s”，出现在%s中"
#define M_LD_WANT_KIND "%s must be %s, not %s", "%s必须是%s，而不是%s"
#define M_LD_MISSING_KEY "%s is missing '%s'", "%s缺少“%s”"
#define M_LD_NONEMPTY "%s must be a non-empty string", "%s必须是非空字符串"
#define M_LD_IDENT_START "%s '%s' must start with a lower-case letter", "%s“%s”必须以小写字母开头"
#define M_LD_IDENT_CHARS "%s '%s' may only hold a-z, 0-9 and '%c'", "%s“%s”只能包含 a-z、0-9 和“%c”"
#define M_LD_NUMBER_QUOTED "%s must be a number, not the string '%s' (write it without quotes)", \
	"%s必须是数字，而不是字符串“%s”（请去掉引号）"
#define M_LD_NUMBER "%s must be a number, not '%s'", "%s必须是数字，而不是“%s”"
#define M_LD_NUMBER_FINITE "%s must be a finite number, not '%s'", "%s必须是有限的数，而不是“%s”"
#define M_LD_BOOL_QUOTED "%s must be true or false, not the string '%s' (write it without quotes)", \
	"%s必须是 true 或 false，而不是字符串“%s”（请去掉引号）"
#define M_LD_BOOL "%s must be true or false, not '%s'", "%s必须是 true 或 false，而不是“%s”"
#define M_LD_UNKNOWN_MODEL_NEAR "unknown model '%s' (did you mean '%s'?)", "未知的模型“%s”（是否想写“%s”？）"
#define M_LD_UNKNOWN_MODEL "unknown model '%s'", "未知的模型“%s”"
#define M_LD_NO_MODELS "models must list at least one model", "models 至少要列出一个模型"
#define M_LD_TOO_MANY_MODELS "too many models (%zu; the limit is %d)", "模型太多（%zu 个；上限为 %d 个）"
#define M_LD_DUP_MODEL "duplicate model id '%s'", "模型标识“%s”重复"
#define M_LD_NO_CLASSES "classes must list at least one class", "classes 至少要列出一个类别"
#define M_LD_TOO_MANY_CLASSES "too many classes (%zu; the limit is %d)", "类别太多（%zu 个；上限为 %d 个）"
#define M_LD_DUP_CLASS "duplicate class id '%s'", "类别标识“%s”重复"
#define M_LD_CLASS_KIND "class kind must be 'hard' or 'soft', not '%s'", \
	"类别种类必须是“hard”或“soft”，而不是“%s”"
#define M_LD_FLAG_NO "flag '%s' must not start with 'no-' (that is the negation of a boolean)", \
	"选项名“%s”不能以“no-”开头（那是布尔选项的否定形式）"
#define M_LD_DUP_FLAG "duplicate flag '%s' (first at line %u)", "选项名“%s”重复（第一次出现在第 %u 行）"
#define M_LD_RANGE_TYPE "a range only applies to number and integer facts, not to %s fact '%s'", \
	"取值范围只适用于 number 和 integer 类型的事实，不适用于 %s 类型的事实“%s”"
#define M_LD_MIN_INTEGER "min of integer fact '%s' must be an integer", "integer 类型的事实“%s”的 min 必须是整数"
#define M_LD_MAX_INTEGER "max of integer fact '%s' must be an integer", "integer 类型的事实“%s”的 max 必须是整数"
#define M_LD_MAX_BELOW_MIN "max %s is below min %s", "max %s 小于 min %s"
#define M_LD_EXCL_BOUND "an exclusive bound needs its min or max", "开区间的边界需要给出对应的 min 或 max"
#define M_LD_NEEDS_VALUES "%s fact '%s' needs 'values'", "%s 类型的事实“%s”需要“values”"
#define M_LD_VALUES_TYPE "'values' only applies to enum, set and string facts", \
	"“values”只适用于 enum、set 和 string 类型的事实"
#define M_LD_NO_VALUES "values must list at least one value", "values 至少要列出一个取值"
#define M_LD_TOO_MANY_VALUES "too many values (%zu; the limit is %d)", "取值太多（%zu 个；上限为 %d 个）"
#define M_LD_DUP_VALUE "duplicate value '%s'", "取值“%s”重复"
#define M_LD_VALUE_BOOL "value '%s' reads as a boolean; quote it", "取值“%s”会被读成布尔值；请给它加上引号"
#define M_LD_ID_RESERVED "fact key 'id' is reserved: a spec's id labels its result", \
	"事实键名“id”是保留的：工作负载描述的 id 用来标记它的结果"
#define M_LD_DUP_FACT "duplicate fact key '%s' (first at line %u)", "事实键名“%s”重复（第一次出现在第 %u 行）"
#define M_LD_UNKNOWN_TYPE_NEAR "unknown fact type '%s' (did you mean '%s'?); use number, integer, boolean, enum, " \
	"set or string", "未知的事实类型“%s”（是否想写“%s”？）；请使用 number、integer、boolean、enum、set 或 string"
#define M_LD_UNKNOWN_TYPE "unknown fact type '%s'; use number, integer, boolean, enum, set or string", \
	"未知的事实类型“%s”；请使用 number、integer、boolean、enum、set 或 string"
#define M_LD_TOO_MANY_FACTS "too many facts (%zu; the limit is %d)", "事实太多（%zu 个；上限为 %d 个）"
#define M_LD_UNKNOWN_FACT_NEAR "unknown fact '%s' (did you mean '%s'?)", "未知的事实“%s”（是否想写“%s”？）"
#define M_LD_UNKNOWN_FACT "unknown fact '%s'", "未知的事实“%s”"
#define M_LD_NOT_A_VALUE_NEAR "'%s' is not a value of fact '%s' (did you mean '%s'?)", \
	"“%s”不是事实“%s”的取值（是否想写“%s”？）"
#define M_LD_NOT_A_VALUE "'%s' is not a value of fact '%s'", "“%s”不是事实“%s”的取值"
#define M_LD_FACT_AND_PRODUCT "a condition reads either 'fact' or 'product', not both", \
	"条件只能读取“fact”或“product”之一，不能两者都有"
#define M_LD_PRODUCT_TWO "product takes exactly two facts", "product 必须恰好包含两个事实"
#define M_LD_PRODUCT_TYPE "product needs number or integer facts; '%s' is %s", \
	"product 只接受 number 或 integer 类型的事实；“%s”是 %s 类型"
#define M_LD_COND_NEEDS "a condition needs 'fact', 'product', 'all', 'any' or 'not'", \
	"条件需要“fact”、“product”、“all”、“any”或“not”"
#define M_LD_OP_STRING "operator '%s' does not apply to string fact '%s'; use eq, ne, in or known", \
	"运算符“%s”不适用于 string 类型的事实“%s”；请使用 eq、ne、in 或 known"
#define M_LD_IN_EMPTY "'in' needs at least one value", "“in”至少需要一个取值"
#define M_LD_KNOWN_BOOL "boolean fact '%s' is always known (absent means false)", \
	"boolean 类型的事实“%s”总是已知的（缺省即为 false）"
#define M_LD_KNOWN_PRODUCT "'known' takes a single fact", "“known”只能用于单个事实"
#define M_LD_KNOWN_FALSE "only 'known: true' is supported: an absent fact is unknown, not false", \
	"只支持“known: true”：缺少的事实是未知，而不是 false"
#define M_LD_OP_NUMBER "operator '%s' does not apply to %s fact '%s'; use eq, ne, lt, le, gt, ge or known", \
	"运算符“%s”不适用于 %s 类型的事实“%s”；请使用 eq、ne、lt、le、gt、ge 或 known"
#define M_LD_OP_BOOL "operator '%s' does not apply to boolean fact '%s'; use is: true|false", \
	"运算符“%s”不适用于 boolean 类型的事实“%s”；请使用 is: true|false"
#define M_LD_OP_ENUM "operator '%s' does not apply to enum fact '%s'; use eq, ne, in or known", \
	"运算符“%s”不适用于 enum 类型的事实“%s”；请使用 eq、ne、in 或 known"
#define M_LD_OP_SET "operator '%s' does not apply to set fact '%s'; use any_of or known", \
	"运算符“%s”不适用于 set 类型的事实“%s”；请使用 any_of 或 known"
#define M_LD_OP_EMPTY "'%s' needs at least one value", "“%s”至少需要一个取值"
#define M_LD_INTERNAL_TYPE "internal error: fact type", "内部错误：事实类型"
#define M_LD_SECOND_OP "a condition takes exactly one operator; '%s' is a second one after '%s'", \
	"条件只能有一个运算符；“%s”是“%s”之后的第二个"
#define M_LD_NO_OP "a condition needs exactly one operator: %s", "条件需要恰好一个运算符：%s"
#define M_LD_TOO_DEEP "conditions nested deeper than 16 levels", "条件嵌套超过了 16 层"
#define M_LD_ONLY_KEY "'%s' must be the only key of its condition", "“%s”必须是所在条件中唯一的键"
#define M_LD_NEEDS_COND "'%s' needs at least one condition", "“%s”至少需要一个条件"
#define M_LD_DERIVE_INT "fact '%s' is an integer", "事实“%s”只能取整数"
#define M_LD_DERIVE_RANGE "value %s is out of the range of fact '%s'", "取值 %s 超出了事实“%s”的范围"
#define M_LD_NOT_DERIVABLE "%s fact '%s' cannot be derived", "%s 类型的事实“%s”不能推导"
#define M_LD_DUP_ID "duplicate id '%s' (first at line %u)", "标识“%s”重复（第一次出现在第 %u 行）"
#define M_LD_TOO_MANY_EXAMPLES "too many examples (%zu; the limit is %d)", "示例太多（%zu 个；上限为 %d 个）"
#define M_LD_TOO_MANY_CASES "too many cases (%zu; the limit is %d)", "用例太多（%zu 个；上限为 %d 个）"
#define M_LD_STATUS "status must be recommended, default or conflict, not '%s'", \
	"status 必须是 recommended、default 或 conflict，而不是“%s”"
#define M_LD_CASE_EMPTY "a case expects nothing: give recommendation, status or fallback", \
	"用例没有给出任何期望：请给出 recommendation、status 或 fallback"
#define M_LD_ACK_NO_RULE "contradicts: no rule '%s'", "contradicts：没有规则“%s”"
#define M_LD_ACK_TWICE "contradicts: '%s' is listed twice", "contradicts：“%s”列出了两次"
#define M_LD_ACK_CLASS "contradicts: '%s' is not another rule of class '%s'", \
	"contradicts：“%s”不是类别“%s”中的另一条规则"
#define M_LD_DUP_RULE "duplicate rule id '%s' (first at line %u)", "规则标识“%s”重复（第一次出现在第 %u 行）"
#define M_LD_UNKNOWN_CLASS_NEAR "unknown class '%s' (did you mean '%s'?)", "未知的类别“%s”（是否想写“%s”？）"
#define M_LD_UNKNOWN_CLASS "unknown class '%s'", "未知的类别“%s”"
#define M_LD_UNKNOWN_EFFECT_NEAR "unknown effect '%s' (did you mean '%s'?)", "未知的效果“%s”（是否想写“%s”？）"
#define M_LD_UNKNOWN_EFFECT "unknown effect '%s'; use require, forbid, prefer or avoid", \
	"未知的效果“%s”；请使用 require、forbid、prefer 或 avoid"
#define M_LD_HARD_EFFECT_SOFT "effect '%s' is hard, but class '%s' is soft; use prefer or avoid", \
	"效果“%s”是硬性的，但类别“%s”是偏好类别；请使用 prefer 或 avoid"
#define M_LD_SOFT_EFFECT_HARD "effect '%s' is soft, but class '%s' is hard; use require or forbid", \
	"效果“%s”是偏好性的，但类别“%s”是硬性类别；请使用 require 或 forbid"
#define M_LD_NEEDS_WEIGHT "soft rule '%s' needs a weight", "偏好规则“%s”需要 weight"
#define M_LD_WEIGHT_RANGE "weight must be above 0 and at most 1000000", "weight 必须大于 0 且不超过 1000000"
#define M_LD_WEIGHT_HARD "hard rule '%s' takes no weight", "硬性规则“%s”不接受 weight"
#define M_LD_ACK_EMPTY "contradicts lists no rule", "contradicts 没有列出任何规则"
#define M_LD_TOO_MANY_LIST "too many %s (%zu; the limit is %zu)", "%s 中的条目太多（%zu 个；上限为 %zu 个）"
#define M_LD_SCHEMA "unsupported schema %s (this dsselect reads schema 1)", \
	"不支持 schema %s（此版本的 dsselect 只读取 schema 1）"
#define M_LD_TOO_MANY_CANDS "fact '%s' is compared with too many constants or products: more than %d values " \
	"to try or %d products (the limits); use fewer thresholds on it, or split it into several facts", \
	"事实“%s”参与比较的常量或乘积太多：要尝试的取值超过 %d 个，或乘积超过 %d 个（上限）；" \
	"请减少它的阈值，或把它拆成几个事实"

/* ---- rule tables: YAML syntax and structure (ynode.c, for rule tables and YAML specs) ---- */
#define M_Y_SYNTAX "YAML syntax error: %s%s%s%s", "YAML 语法错误：%s%s%s%s"
#define M_Y_MALFORMED "malformed input", "输入格式不正确"
#define M_Y_TAB_HINT " (a tab: YAML indents with spaces)", "（此处是制表符：YAML 只能用空格缩进）"
#define M_Y_TAGS "YAML tags (%s%.80s) are not supported", "不支持 YAML 标签（%s%.80s）"
#define M_Y_LONG_STRING "a string is longer than the %d-byte limit", "字符串超过了 %d 字节的上限"
#define M_Y_NUL "a string holds a NUL character (\\0)", "字符串中含有 NUL 字符（\\0）"
#define M_Y_KEY_PLAIN "a mapping key must be a plain word", "映射的键必须是一个普通的词"
#define M_Y_DUP_KEY "duplicate key '%s' (first at line %u)", "键“%s”重复（第一次出现在第 %u 行）"
#define M_Y_DEEP "nested deeper than %u levels", "嵌套超过了 %u 层"
#define M_Y_MULTI_DOC "more than one YAML document; give one per file", "YAML 文档不止一个；每个文件只能有一个"
#define M_Y_ALIAS "YAML aliases (*%s) are not supported", "不支持 YAML 别名（*%s）"

/* ---- rule tables: the checker's warnings (check.c) and how rules check writes them (rulesinfo.c) ---- */
#define M_CK_UNUSED "fact '%s' is read by no rule and no derivation (mark it 'informational: true' if it " \
	"is only for the record)", "没有任何规则或推导读取事实“%s”（如果它只作记录之用，请标上“informational: true”）"
#define M_CK_NEVER "rule %s (%s) can never fire: no values of the facts it reads make its condition true%s", \
	"规则 %s（%s）永远不会触发：它读取的事实无论取什么值，它的条件都不成立%s"
#define M_CK_ALWAYS "rule %s (%s) always fires once the facts it reads are given: its condition is true for " \
	"all their values%s", "规则 %s（%s）只要给出它读取的事实就一定触发：这些事实取任何值，它的条件都成立%s"
#define M_CK_CONTRADICTION "rules %s (%s) and %s (%s) are both %s and contradict each other", \
	"规则 %s（%s）与 %s（%s）同属“%s”类别，相互矛盾"
#define M_CK_MASKED "rule %s (%s) is masked by %s (%s): whenever it fires, %s fires with the same effect " \
	"(%s %s)%s", "规则 %s（%s）被 %s（%s）掩盖：它每次触发时，%s 都以相同的效果（%s %s）触发%s"
#define M_CK_NO_EXAMPLE "rule %s (%s) has no examples (add 'examples:' with a spec on which it fires)", \
	"规则 %s（%s）没有示例（请添加“examples:”，给出一个能让它触发的工作负载描述）"
#define M_CK_NOT_EXHAUSTIVE_VALUES " (the search was not exhaustive: a fact has more values than it tries)", \
	"（搜索并不完整：某个事实的取值多于能尝试的数量）"
#define M_CK_NOT_EXHAUSTIVE_TRIED " (the search was not exhaustive: it gave up after %llu evaluations)", \
	"（搜索并不完整：求值 %llu 次后放弃）"
#define M_CK_NOT_EXHAUSTIVE_OF " (the search was not exhaustive: it gave up after %llu evaluations, of %llu " \
	"assignments)", "（搜索并不完整：求值 %llu 次后放弃，共有 %llu 种取值组合）"
#define M_CK_NOT_EXHAUSTIVE " (the search was not exhaustive)", "（搜索并不完整）"
#define M_RP_ERROR_AT "%s:%u:%u: error: %s\n", "%s:%u:%u: 错误：%s\n"
#define M_RP_WARNING_AT "%s:%u:%u: warning: %s\n", "%s:%u:%u: 警告：%s\n"
#define M_RP_ERROR "%s: error: %s\n", "%s: 错误：%s\n"
#define M_RP_WARNING "%s: warning: %s\n", "%s: 警告：%s\n"
#define M_RP_BOTH_FIRE "; both fire with: %s", "；两条规则在以下输入下同时触发：%s"
#define M_RP_TOO_LONG "(a command too long to show)", "（命令过长，不予显示）"

/* ---- rule tables: rules list and rules show (rulesinfo.c) ---- */
#define M_RI_NOTHING "(nothing)", "（无）"
#define M_RI_CLASS "  class:    %s (%s)\n", "  类别：%s（%s）\n"
#define M_RI_EFFECT "  effect:   %s %s", "  效果：%s %s"
#define M_RI_WEIGHT ", weight ", "，权重 "
#define M_RI_WHEN "\n  when:     ", "\n  条件："
#define M_RI_REASON "\n  reason:   %s\n", "\n  理由：%s\n"
#define M_RI_EVIDENCE "  evidence: %s\n", "  依据：%s\n"
#define M_RI_KNOWN_CONTRADICT "  known to contradict %s (%s)\n", "  已知与 %s（%s）矛盾\n"
#define M_RI_EXAMPLES "  examples:\n", "  示例：\n"
#define M_RI_FIRES "fires          ", "触发    "
#define M_RI_NOT_FIRES "does not fire  ", "不触发  "

/* ---- rule tables: rules test (selftest.c) ---- */
#define M_ST_EXAMPLE "%s:%u:%u: example of rule %s (%s):\n", "%s:%u:%u: 规则 %s（%s）的示例：\n"
#define M_ST_CASE "%s:%u:%u: case %s:\n", "%s:%u:%u: 用例 %s：\n"
#define M_ST_UNNAMED "(unnamed)", "（未命名）"
#define M_ST_SPEC "    spec: ", "    工作负载描述："
#define M_ST_EXPECTED "\n  - expected: %s\n  + got:      %s\n    ", "\n  - 期望：%s\n  + 实际：%s\n    "
#define M_ST_FIRES "fires", "触发"
#define M_ST_NOT_FIRES "does not fire", "不触发"
#define M_ST_DIFF_REC "  - recommendation: %s\n  + recommendation: %s\n", "  - 推荐：%s\n  + 推荐：%s\n"
#define M_ST_DIFF_STATUS "  - status: %s\n  + status: %s\n", "  - 状态：%s\n  + 状态：%s\n"
#define M_ST_DIFF_FALLBACK "  - fallback: %s\n  + fallback: %s\n", "  - 备选：%s\n  + 备选：%s\n"
#define M_ST_RESULT "recommendation %s, status %s, fallback %s; fired: %s", "推荐：%s，状态：%s，备选：%s；触发的规则：%s"
#define M_ST_NO_MODEL "null", "无"
#define M_ST_NONE "none", "无"
#define M_ST_RECOMMENDED "recommended", "推荐"
#define M_ST_DEFAULT "default", "默认"
#define M_ST_CONFLICT "conflict", "冲突"

/* ---- rule tables: how a table's things read (words.c, fragments.c) ---- */
#define M_WD_REQUIRE "require", "必须选用"
#define M_WD_FORBID "forbid", "禁用"
#define M_WD_PREFER "prefer", "倾向"
#define M_WD_AVOID "avoid", "避免"
#define M_WD_HARD "hard", "硬性"
#define M_WD_SOFT "soft", "偏好"
#define M_WD_AND " and ", " 且 "
#define M_WD_OR " or ", " 或 "
#define M_WD_NOT "not ", "非 "
#define M_WD_IS "is", "为"
#define M_WD_IS_KNOWN "is known", "已知"
#define M_WD_HAS_ANY_OF "has any of", "包含任一"
#define M_FR_ASSUMED "%s assumed to be %s because %s", "%s 假定为 %s（因为 %s）"

/* ---- results (report.c) ---- */
#define M_TEXT_WORKLOAD "Workload: %s", "工作负载：%s"
#define M_TEXT_ERROR_LINE_COL "Error on line %lu, column %u: %s\n", "第 %lu 行第 %u 列有误：%s\n"
#define M_TEXT_ERROR_LINE "Error on line %lu: %s\n", "第 %lu 行有误：%s\n"
#define M_TEXT_ERROR "Error: %s\n", "错误：%s\n"
#define M_W_UNREAD "%s is recorded, but no rule reads it: it does not change the answer", \
	"%s 只作记录，没有规则读取它：它不会改变结论"
#define M_W_UNLISTED "%s '%s' is not one the rule table knows", "规则表不认识 %s 的值“%s”"
#define M_W_UNLISTED_NEAR " (did you mean '%s'?)", "（是否想写“%s”？）"
/* ---- workload specs ---- */
/* the kinds of value a spec may hold where another was expected */
#define M_SPEC_A_NUMBER "a number", "数值"
#define M_SPEC_AN_INTEGER "an integer", "整数"
#define M_SPEC_A_BOOLEAN "a boolean", "布尔值"
#define M_SPEC_A_STRING "a string", "字符串"
#define M_SPEC_A_LIST "a list", "列表"
#define M_SPEC_NULL "null", "null 值"
#define M_SPEC_AN_OBJECT "an object", "对象"
#define M_SPEC_A_MAPPING "a mapping", "映射"
#define M_SPEC_SOMETHING_ELSE "something else", "其他类型的值"
/* a value refused */
#define M_SPEC_BAD_WORD "'%s' is not a valid %s; valid: %s", "“%s”不是有效的 %s；可选值：%s"
#define M_SPEC_BAD_WORD_NEAR "'%s' is not a valid %s (did you mean '%s'?); valid: %s", \
	"“%s”不是有效的 %s（是否想写“%s”？）；可选值：%s"
#define M_SPEC_ABOVE "must be above %s, got %s", "必须大于 %s，实际为 %s"
#define M_SPEC_AT_LEAST "must be at least %s, got %s", "不能小于 %s，实际为 %s"
#define M_SPEC_BELOW "must be below %s, got %s", "必须小于 %s，实际为 %s"
#define M_SPEC_AT_MOST "must be at most %s, got %s", "不能大于 %s，实际为 %s"
#define M_SPEC_QUOTED_NUMBER "expected %s, got a string: write %s without quotes", \
	"应为%s，实际为字符串：请去掉引号，写作 %s"
#define M_SPEC_EXPECTED_GOT "expected %s, got %s", "应为%s，实际为%s"
#define M_SPEC_EXPECTED_TEXT "expected %s, got '%s'", "应为%s，实际为“%s”"
#define M_SPEC_NOT_FINITE "not a finite number in range", "不是范围内的有限数值"
#define M_SPEC_NOT_INTEGER "expected an integer, got %s", "应为整数，实际为 %s"
#define M_SPEC_INT_TOO_LARGE "integer too large to be exact (the limit is 2^53)", \
	"整数过大，无法精确表示（上限为 2^53）"
#define M_SPEC_EXPECTED_LIST "expected a list of %s values, got %s", "应为由 %s 取值组成的列表，实际为%s"
#define M_SPEC_ITEM_NOT_STRING "item %zu of the list is not a string", "列表的第 %zu 项不是字符串"
#define M_SPEC_NULL_VALUE "null is not a value; leave the key out when it is unknown", \
	"null 不是一个值；未知时请省略这个键"
#define M_SPEC_BOOL_WORD "expected true or false, got '%s' (write %s)", "应为 true 或 false，实际为“%s”（请写作 %s）"
#define M_SPEC_BOOL_QUOTED "expected true or false, got '%s' (write %s without quotes)", \
	"应为 true 或 false，实际为“%s”（请写作不带引号的 %s）"
#define M_SPEC_BOOL_GOT "expected true or false, got %s", "应为 true 或 false，实际为%s"
#define M_SPEC_ENUM_GOT "expected a string, one of %s; got %s", "应为字符串，取 %s 之一；实际为%s"
#define M_SPEC_STRING_GOT "expected a string, got %s", "应为字符串，实际为%s"
#define M_SPEC_EMPTY_STRING "must not be empty", "不能为空"
#define M_SPEC_NO_FACT "no fact '%s'", "没有事实“%s”"
#define M_SPEC_NO_FACT_NEAR "no fact '%s' (did you mean '%s'?)", "没有事实“%s”（是否想写“%s”？）"
#define M_SPEC_BAD_UTF8 "not valid UTF-8: '%s'", "不是有效的 UTF-8：“%s”"
#define M_SPEC_STRING_TOO_LONG "a string is longer than the %d-byte limit", "字符串超过了 %d 字节的上限"
#define M_SPEC_NOT_BOOLEAN "fact '%s' is not a boolean", "事实“%s”不是布尔值"
/* facts that a constraint of the table refuses together */
#define M_SPEC_AND " and ", " 和 "
#define M_SPEC_DETECTED " (detected on this machine)", "（在本机检测到）"
#define M_SPEC_FACTS_GIVEN "the facts given", "所给的事实"
#define M_SPEC_CONTRADICT "%s contradict each other: %s", "%s 相互矛盾：%s"
#define M_SPEC_REFUSED "%s is refused: %s", "%s 不被接受：%s"
/* a spec's keys and its shape */
#define M_SPEC_DUP_ID "duplicate key 'id'", "重复的键“id”"
#define M_SPEC_ID_TYPE "key 'id': expected a string or a number", "键“id”：应为字符串或数值"
#define M_SPEC_UNKNOWN_KEY "unknown key '%.200s'", "未知的键“%.200s”"
#define M_SPEC_UNKNOWN_KEY_NEAR "unknown key '%.200s' (did you mean '%s'?)", "未知的键“%.200s”（是否想写“%s”？）"
#define M_SPEC_DUP_KEY "duplicate key '%.200s'", "重复的键“%.200s”"
#define M_SPEC_LIST_TOO_LONG "key '%.200s': list is too long (%zu items; the limit is %d)", \
	"键“%.200s”：列表过长（%zu 项；上限为 %d 项）"
#define M_SPEC_KEY_MSG "key '%.150s': %s", "键“%.150s”：%s"
#define M_SPEC_TOO_DEEP "nested deeper than %d levels", "嵌套超过了 %d 层"
#define M_SPEC_JSON_SYNTAX "JSON syntax error: %s", "JSON 语法错误：%s"
#define M_SPEC_NOT_OBJECT "a spec must be a JSON object of facts", "工作负载描述必须是由事实组成的 JSON 对象"
#define M_SPEC_NOT_MAPPING "a spec must be a mapping of facts", "工作负载描述必须是由事实组成的映射"
#define M_SPEC_EMPTY "the spec is empty", "工作负载描述为空"
/* the JSON scanner's syntax errors (json.c) */
#define M_JSON_END "unexpected end of input", "输入意外结束"
#define M_JSON_SYNTAX "syntax error", "语法错误"
#define M_JSON_HEX "invalid \\u escape: expected 4 hex digits", "无效的 \\u 转义：应为 4 位十六进制数字"
#define M_JSON_UNTERMINATED "unterminated string", "字符串没有结束引号"
#define M_JSON_CONTROL "control character in a string (escape it)", "字符串中有控制字符（请转义）"
#define M_JSON_BAD_UTF8 "invalid UTF-8 in a string", "字符串中有无效的 UTF-8"
#define M_JSON_BAD_ESCAPE "invalid escape in a string", "字符串中有无效的转义"
#define M_JSON_U0000 "\\u0000 is not allowed in a string", "字符串中不允许 \\u0000"
#define M_JSON_LONE_LOW "invalid \\u escape: a lone low surrogate", "无效的 \\u 转义：孤立的低位代理项"
#define M_JSON_HIGH_ALONE "invalid \\u escape: a high surrogate without its low half", \
	"无效的 \\u 转义：高位代理项后缺少低位代理项"
#define M_JSON_WANT_LOW "invalid \\u escape: expected a low surrogate", "无效的 \\u 转义：应为低位代理项"
#define M_JSON_BAD_NUMBER "invalid number", "无效的数值"
#define M_JSON_LEADING_ZEROS "invalid number: leading zeros are not allowed", "无效的数值：不允许有前导零"
#define M_JSON_DIGITS_AFTER_DOT "invalid number: expected digits after '.'", "无效的数值：“.”之后应为数字"
#define M_JSON_DIGITS_IN_EXPONENT "invalid number: expected digits in the exponent", "无效的数值：指数部分应为数字"
#define M_JSON_WANT_KEY "expected a key in double quotes", "应为带双引号的键"
#define M_JSON_WANT_COLON "expected ':' after a key", "键之后应为冒号 :"
#define M_JSON_WANT_COMMA_BRACE "expected ',' or '}'", "应为逗号 , 或 }"
#define M_JSON_WANT_COMMA_BRACKET "expected ',' or ']'", "应为逗号 , 或 ]"
#define M_JSON_WANT_VALUE "expected a value", "应为一个值"
#define M_JSON_TRAILING "unexpected text after the JSON value", "JSON 值之后有多余的文本"

/* ---- files (file.c) ---- */
#define M_FILE_CANNOT_OPEN "cannot open: %s", "无法打开：%s"
#define M_FILE_CANNOT_READ "cannot read: %s", "无法读取：%s"
#define M_FILE_TOO_LARGE "file is larger than the %u MiB limit", "文件超过了 %u MiB 的上限"
/* the system's words for the errors a user meets; other errors keep strerror()'s text */
#define M_ERRNO_ENOENT "No such file or directory", "文件或目录不存在"
#define M_ERRNO_EACCES "Permission denied", "权限不足"
#define M_ERRNO_EISDIR "Is a directory", "这是一个目录"
#define M_ERRNO_ENOTDIR "Not a directory", "路径中有一项不是目录"
#define M_ERRNO_ENOSPC "No space left on device", "设备上没有剩余空间"
#define M_ERRNO_EIO "Input/output error", "输入/输出错误"
#define M_ERRNO_ELOOP "Too many levels of symbolic links", "符号链接的层数过多"
#define M_ERRNO_ENAMETOOLONG "File name too long", "文件名过长"
#define M_ERRNO_EMFILE "Too many open files", "打开的文件过多"
#define M_ERRNO_EROFS "Read-only file system", "只读文件系统"
#define M_ERRNO_EPIPE "Broken pipe", "管道已断开"

#endif
