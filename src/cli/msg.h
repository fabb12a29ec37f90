/* msg.h: the CLI's one-line messages on stderr. */
#ifndef DS_MSG_H
#define DS_MSG_H

#include <dsselect.h>

/*
 * The language of every message from now on: main sets it first, from --lang
 * or the locale (cli_prescan_lang), before it reads any other argument.
 */
void cli_msg_lang(ds_lang lang);
ds_lang cli_lang(void);
/*
 * "dsselect: " + a message of climsg.h + newline on stderr, in the language
 * set: en and zh are its English and Chinese printf formats (an M_ id
 * expands to both), with the same conversions in the same order.
 */
void cli_say(const char *en, const char *zh, ...) __attribute__((format(printf, 1, 3)));
/* As cli_say(), for a message that starts with its location ("FILE:LINE: ..."): no prefix. */
void cli_say_at(const char *en, const char *zh, ...) __attribute__((format(printf, 1, 3)));
/* prefix ("sweep: ", its ": " written "：" in Chinese) and msg, after "dsselect: ", as one message. */
void cli_say_prefixed(const char *prefix, const char *msg);
/* "dsselect: " + msg, a text already in the language set (a library diagnostic's). */
void cli_say_text(const char *msg);
/* The text of a message of climsg.h in the language set. */
const char *cli_tr(const char *en, const char *zh);
/* An outcome's word for people in the language set (JSON keeps ds_outcome_str()). */
const char *cli_outcome_word(ds_outcome o);
/*
 * The system's text for errnum in lang: strerror()'s, or in Chinese the
 * catalog's for the errors a user meets (ENOENT, EACCES, ...). Static storage.
 */
const char *cli_strerror(int errnum, ds_lang lang);
/* A diagnostic for the library to fill, in the language set. */
ds_diag cli_diag(void);
/*
 * "dsselect: " + message + newline on stderr, for a message the caller wrote in lang (--lang): in Chinese
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
