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

#endif
