/* width.c: display width of UTF-8 text (<dsselect/text.h>), and padding to a width (width.h). */
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "width.h"

size_t ds_text_width_n(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t w = 0;

	while (n > 0) {
		utf8proc_int32_t c;
		/* a sequence is at most 4 bytes: utf8proc never reads past p + k */
		utf8proc_ssize_t k = utf8proc_iterate(p, n < 4 ? (utf8proc_ssize_t)n : 4, &c);
		if (k <= 0) { /* invalid or cut short: one byte, one column (a terminal's replacement mark) */
			w++;
			k = 1;
		} else {
			int cw = utf8proc_charwidth(c);
			w += cw > 0 ? (size_t)cw : 0;
		}
		p += k;
		n -= (size_t)k;
	}
	return w;
}

size_t ds_text_width(const char *s) { return s ? ds_text_width_n(s, strlen(s)) : 0; }

size_t dsi_text_pad(const char *s, size_t width)
{
	size_t w = ds_text_width(s);

	return width > w ? width - w : 0;
}

void dsi_buf_pad(struct buf *b, const char *s, size_t width)
{
	size_t n = dsi_text_pad(s, width);

	dsi_buf_puts(b, s);
	while (n-- > 0)
		dsi_buf_putc(b, ' ');
}
