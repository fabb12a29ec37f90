/* dsselect/text.h: how many terminal columns UTF-8 text takes, to align tables of the library's words. */
#ifndef DSSELECT_TEXT_H
#define DSSELECT_TEXT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The display width of the n bytes at s, in terminal columns: a CJK or
 * fullwidth character takes two, a combining mark none, any other character
 * one; a byte that starts no well-formed UTF-8 sequence (or a sequence cut
 * short) takes one, as a terminal's replacement mark does. The same in every
 * locale: utf8proc's tables, never wcwidth(3). Model ids, values and a rule
 * table's words may be CJK: pad them by this, not by bytes.
 */
size_t ds_text_width_n(const char *s, size_t n);

/* As ds_text_width_n() for the string s; 0 for NULL. */
size_t ds_text_width(const char *s);

#ifdef __cplusplus
}
#endif
#endif
