/* diag.h: diagnostics, problems, and the small text utilities every module uses (diag.c). */
#ifndef DS_DIAG_H
#define DS_DIAG_H

#include <stddef.h>
#include <dsselect/status.h>
#include <dsselect/ruleset.h>

void dsi_diag_set(ds_diag *d, const char *file, unsigned line, unsigned col, const char *key,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/*
 * As dsi_diag_set(), with the message in d->lang: en and zh are the English
 * and the Chinese printf formats of one message of msgtext.h (an M_ id
 * expands to both), with the same conversions in the same order.
 */
void dsi_diag_say(ds_diag *d, const char *file, unsigned line, unsigned col, const char *key, const char *en,
                  const char *zh, ...) __attribute__((format(printf, 6, 8)));
/* A message of msgtext.h in lang into out (size n), en and zh as for dsi_diag_say(). Returns -1 (a failure). */
int dsi_say(char *out, size_t n, ds_lang lang, const char *en, const char *zh, ...) __attribute__((format(printf, 4, 6)));
/* The text of a message of msgtext.h in lang (an M_ id expands to en, zh). */
const char *dsi_tr(ds_lang lang, const char *en, const char *zh);
char *dsi_xstrdup(const char *s);
/* Length of the well-formed UTF-8 sequence at p (RFC 3629), 0 if it is not one. */
size_t dsi_utf8_seq(const unsigned char *p, size_t avail);
int dsi_utf8_valid(const char *s, size_t n);
/* Copies src into dst (size n) with control characters and bad UTF-8 escaped: one printable line. */
void dsi_text_clean(char *dst, size_t n, const char *src);
/*
 * A decimal number, strictly: [+-]digits[.digits][(e|E)[+-]digits]. Returns 1
 * with *v, 0 when it is not one, -1 when it is out of range (overflow, or a
 * non-zero value that underflows to 0). Needs LC_NUMERIC "C", the default.
 */
int dsi_parse_decimal(const char *s, size_t len, double *v);
/* The length of a UTF-8 byte order mark at the start of buf: 3, or 0 without one. */
size_t dsi_text_bom(const char *buf, size_t len);
/* The 1-based line and column (in characters, a byte order mark not counted) of byte offset off of buf. */
void dsi_text_pos(const char *buf, size_t len, size_t off, unsigned *line, unsigned *col);
unsigned dsi_edit_distance(const char *a, const char *b);


/* A growable list of problems. */
struct problems {
	ds_problem *p;
	size_t n, cap;
	int oom;
	ds_lang lang; /* the language of the messages */
};
/* As dsi_problem_add(), the message in ps->lang: en and zh as for dsi_diag_say(). */
void dsi_problem_say(struct problems *ps, ds_severity sev, const char *code, const char *name, unsigned line,
                     unsigned col, const char *witness, const char *en, const char *zh, ...)
    __attribute__((format(printf, 8, 10)));
/* Appends a problem at (line, col) of the table named name; the message is printf-style. */
void dsi_problem_add(struct problems *ps, ds_severity sev, const char *code, const char *name, unsigned line,
                 unsigned col, const char *witness, const char *fmt, ...) __attribute__((format(printf, 8, 9)));

#endif
