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
	"“%s”不是有效的 %s（是否想输入“%s”？）；可选值：%s"
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
#define M_SPEC_NO_FACT_NEAR "no fact '%s' (did you mean '%s'?)", "没有事实“%s”（是否想输入“%s”？）"
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
#define M_SPEC_UNKNOWN_KEY_NEAR "unknown key '%.200s' (did you mean '%s'?)", "未知的键“%.200s”（是否想输入“%s”？）"
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
