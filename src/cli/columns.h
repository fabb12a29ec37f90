/* columns.h: text padded to a display width, for the CLI's aligned tables (--help, sweep). */
#ifndef DS_CLI_COLUMNS_H
#define DS_CLI_COLUMNS_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes s and spaces up to width columns (ds_text_width(): a CJK character
 * is two): the spaces after s, or before it when right is set.
 */
void cli_text_fpad(FILE *fp, const char *s, size_t width, int right);

#endif
