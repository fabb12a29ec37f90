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
/* Appends n bytes; inline because rendering is mostly this. */
static inline void dsi_buf_put(struct buf *b, const char *s, size_t n)
{
	if (b->cap - b->len <= n && dsi_buf_grow(b, n))
		return;
	memcpy(b->p + b->len, s, n);
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
