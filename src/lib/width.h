/*
 * width.h: padding to a display width (the width itself is public API:
 * <dsselect/text.h>). Internal to the library: nothing here is exported from
 * libdsselect.so (cmake/dsselect.map exports ds_* only).
 */
#ifndef DS_WIDTH_H
#define DS_WIDTH_H

#include <stddef.h>
#include <dsselect/text.h>

#include "buf.h"

/* The spaces that bring s to width columns; 0 when it is that wide or wider. */
size_t dsi_text_pad(const char *s, size_t width);
/* Appends s and spaces up to width display columns. */
void dsi_buf_pad(struct buf *b, const char *s, size_t width);

#endif
