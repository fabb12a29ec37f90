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

#endif
