/*
 * width.h: how many terminal columns UTF-8 text takes, for tables aligned by
 * display width (a CJK or fullwidth character is two columns, a combining mark
 * none), the same in every locale: utf8proc's tables, never wcwidth(3).
 * Internal to the library and the command: none of these is exported from
 * libdsselect.so (cmake/dsselect.map exports ds_* only).
 */
#ifndef DS_WIDTH_H
#define DS_WIDTH_H

#include <stddef.h>
#include <stdio.h>

/* Columns of the n bytes at s: utf8proc_charwidth of each code point; a byte that starts no well-formed sequence is 1. */
size_t text_width_n(const char *s, size_t n);
/* Columns of the string s. */
size_t text_width(const char *s);
/* The spaces that bring s to width columns; 0 when it is that wide or wider. */
size_t text_pad(const char *s, size_t width);
/* Writes s and spaces up to width columns: the spaces after s, or before it when right is set. */
void text_fpad(FILE *fp, const char *s, size_t width, int right);

#endif
