/* columns.c: text padded to a display width. */
#include <dsselect.h>

#include "columns.h"

void cli_text_fpad(FILE *fp, const char *s, size_t width, int right)
{
	size_t w = ds_text_width(s), n = width > w ? width - w : 0;

	if (!right)
		fputs(s, fp);
	while (n-- > 0)
		putc(' ', fp);
	if (right)
		fputs(s, fp);
}
