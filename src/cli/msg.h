/* msg.h: the CLI's one-line messages on stderr. */
#ifndef DS_MSG_H
#define DS_MSG_H

#include <dsselect.h>

/* "dsselect: " + message + newline on stderr. */
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * As cli_errorf(), for a message the caller wrote in lang (--lang): in Chinese
 * the prefix is "dsselect：", with the full-width colon of Chinese text.
 */
void cli_errorf_lang(ds_lang lang, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A message that starts with its location ("FILE:LINE: ..."): no "dsselect: " prefix. */
void cli_located(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * With on, every message is also safe in a GitHub Actions log (--format
 * github): no "##[" in it. Messages are always one line, with control
 * characters and bad UTF-8 escaped.
 */
void cli_msg_github(int on);
/* Whether cli_msg_github() turned it on: the text format's output takes the same care then. */
int cli_msg_github_on(void);
/*
 * Writes n bytes of s to stdout and flushes. Text for people (text) in a
 * GitHub Actions log (see cli_msg_github) shows a "##[" without obeying it.
 * Returns 0, or -1 after a message.
 */
int cli_emit(const char *s, size_t n, int text);
/* A located diagnostic as "FILE:LINE:COLUMN: message" (or "dsselect: FILE: message"). */
void cli_error_diag(const ds_diag *d);

#endif
