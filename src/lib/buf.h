/* buf.h: a growable byte buffer, and numbers written and read the same in every locale (buf.c). */
#ifndef DS_BUF_H
#define DS_BUF_H

#include <stddef.h>
#include <string.h>
#include <dsselect/status.h>

struct buf {
	char *p;
	size_t len, cap;
	int oom; /* sticky: an append failed */
};
void dsi_buf_init(struct buf *b);
void dsi_buf_free(struct buf *b);
int dsi_buf_grow(struct buf *b, size_t extra);
/*
 * Appends n bytes; inline because rendering is mostly this. Most pieces are
 * short (keys, ids, numbers): 4 to 16 bytes are copied as two overlapping
 * fixed-size moves, which cost a few instructions where a memcpy call costs 20.
 */
static inline void dsi_buf_put(struct buf *b, const char *s, size_t n)
{
	char *d;

	if (b->cap - b->len <= n && dsi_buf_grow(b, n))
		return;
	d = b->p + b->len;
	if (n >= 8 && n <= 16) {
		memcpy(d, s, 8);
		memcpy(d + n - 8, s + n - 8, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(d, s, 4);
		memcpy(d + n - 4, s + n - 4, 4);
	} else {
		memcpy(d, s, n);
	}
	b->len += n;
	b->p[b->len] = '\0';
}
void dsi_buf_puts(struct buf *b, const char *s);
static inline void dsi_buf_putc(struct buf *b, char c)
{
	if (b->cap - b->len <= 1 && dsi_buf_grow(b, 1))
		return;
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}
void dsi_buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dsi_buf_json_str(struct buf *b, const char *s); /* a quoted, escaped JSON string */
void dsi_buf_num(struct buf *b, double v);          /* shortest round-tripping form */
#define dsi_buf_lit(b, lit) dsi_buf_put((b), (lit), sizeof(lit) - 1)
void dsi_num_text(char *out, size_t n, double v);
/* qsort()'s order of two doubles. */
int dsi_num_cmp(const void *a, const void *b);
/* strtod() reading '.' as the decimal point, whatever LC_NUMERIC says. */
double dsi_c_strtod(const char *s, char **end);
/* Hands the buffer's text to the caller (*out, *len if len is not NULL); DS_ERR_NOMEM if an append failed. */
ds_status dsi_buf_take(struct buf *b, char **out, size_t *len);

#endif
