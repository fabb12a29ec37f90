/* buf.c: a growable byte buffer and JSON string/number writers. */
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dsselect/report.h>

#include "buf.h"
#include "ds_limits.h"

void dsi_buf_init(struct buf *b) { memset(b, 0, sizeof *b); }

void dsi_buf_free(struct buf *b)
{
	free(b->p);
	dsi_buf_init(b);
}

int dsi_buf_grow(struct buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->oom)
		return -1;
	if (extra > (size_t)-1 / 2 - b->len) {
		b->oom = 1;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	p = realloc(b->p, cap);
	if (p == NULL) {
		b->oom = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void dsi_buf_puts(struct buf *b, const char *s) { dsi_buf_put(b, s, strlen(s)); }


void dsi_buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || dsi_buf_grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void dsi_buf_json_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *run = p;

	dsi_buf_putc(b, '"');
	for (; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		dsi_buf_put(b, (const char *)run, (size_t)(p - run));
		run = p + 1;
		switch (*p) {
		case '"': dsi_buf_put(b, "\\\"", 2); break;
		case '\\': dsi_buf_put(b, "\\\\", 2); break;
		case '\n': dsi_buf_put(b, "\\n", 2); break;
		case '\r': dsi_buf_put(b, "\\r", 2); break;
		case '\t': dsi_buf_put(b, "\\t", 2); break;
		default: {
			char e[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
			dsi_buf_put(b, e, 6);
		}
		}
	}
	dsi_buf_put(b, (const char *)run, (size_t)(p - run));
	dsi_buf_putc(b, '"');
}

/*
 * Numbers are written and read with a '.' whatever the locale: the CLI never
 * calls setlocale(), but a program using the library may have, and printf()
 * and strtod() follow LC_NUMERIC. The locale's decimal point is swapped for
 * '.' after printing, and '.' for it before reading.
 */
static const char *locale_point(void)
{
	const char *dp = localeconv()->decimal_point;
	return dp && *dp && strcmp(dp, ".") ? dp : NULL;
}

/* out (printed in the current locale) with its decimal point as '.'. */
static void c_point(char *out)
{
	const char *dp = locale_point();
	char *at;

	if (dp && (at = strstr(out, dp)) != NULL) {
		size_t dl = strlen(dp);
		*at = '.';
		memmove(at + 1, at + dl, strlen(at + dl) + 1);
	}
}

double dsi_c_strtod(const char *s, char **end)
{
	const char *dp = locale_point(), *dot;
	char tmp[96], *t = tmp, *e;
	size_t dl, n, at;
	double v;

	if (dp == NULL)
		return strtod(s, end);
	dl = strlen(dp);
	n = strlen(s);
	if ((dot = strchr(s, '.')) == NULL) { /* "1,5": the number ends where the locale's point is */
		const char *stop = strstr(s, dp);
		if (stop == NULL)
			return strtod(s, end);
		n = (size_t)(stop - s);
		if (n >= sizeof tmp && (t = malloc(n + 1)) == NULL)
			return strtod(s, end);
		memcpy(t, s, n);
		t[n] = '\0';
		v = strtod(t, &e);
		if (end)
			*end = (char *)s + (e - t);
		if (t != tmp)
			free(t);
		return v;
	}
	at = (size_t)(dot - s);
	if (n + dl >= sizeof tmp && (t = malloc(n + dl + 1)) == NULL)
		return strtod(s, end); /* out of memory: as the locale reads it */
	memcpy(t, s, at);
	memcpy(t + at, dp, dl);
	memcpy(t + at + dl, s + at + 1, n - at);
	v = strtod(t, &e);
	if (end)
		*end = (char *)s + ((size_t)(e - t) > at ? (size_t)(e - t) - (dl - 1) : (size_t)(e - t));
	if (t != tmp)
		free(t);
	return v;
}

/* Shortest text that reads back as v; integers without a fraction. */
void dsi_num_text(char *out, size_t n, double v)
{
	int prec;

	if (!isfinite(v)) { /* never produced by the library; keeps JSON valid */
		snprintf(out, n, "null");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) { /* integers without printf: batch ids are numbers */
		char tmp[24], *p = tmp + sizeof tmp;
		unsigned long long u = (unsigned long long)fabs(v);
		size_t len;
		*--p = '\0';
		do
			*--p = (char)('0' + u % 10);
		while ((u /= 10) != 0);
		if (v < 0)
			*--p = '-';
		len = (size_t)(tmp + sizeof tmp - p);
		if (len <= n)
			memcpy(out, p, len);
		else if (n)
			out[0] = '\0';
		return;
	}
	if (v == floor(v) && fabs(v) < DS_MAX_EXACT_INT) {
		snprintf(out, n, "%.0f", v);
		return;
	}
	if (fabs(v) < 1e9 && n >= 24) { /* one to three decimals (11.5, 79.25), without printf */
		double scaled = fabs(v);
		int d;
		for (d = 1; d <= 3; d++) {
			scaled *= 10;
			if (scaled == floor(scaled) && (unsigned long long)scaled / 10 * 10 != (unsigned long long)scaled) {
				char tmp[32], *p = tmp + sizeof tmp;
				unsigned long long u = (unsigned long long)scaled;
				int k;
				*--p = '\0';
				for (k = 0; k < d; k++, u /= 10)
					*--p = (char)('0' + u % 10);
				*--p = '.';
				do
					*--p = (char)('0' + u % 10);
				while ((u /= 10) != 0);
				if (v < 0)
					*--p = '-';
				/* exact only if it reads back: u / 10^d is rounded as strtod would round the text */
				if ((double)(unsigned long long)scaled / (d == 1 ? 10.0 : d == 2 ? 100.0 : 1000.0) == fabs(v)) {
					memcpy(out, p, (size_t)(tmp + sizeof tmp - p));
					return;
				}
				break;
			}
		}
	}
	for (prec = 15; prec <= 17; prec++) {
		snprintf(out, n, "%.*g", prec, v);
		c_point(out);
		if (dsi_c_strtod(out, NULL) == v)
			break;
	}
}

void dsi_buf_num(struct buf *b, double v)
{
	char tmp[40], *p = tmp + sizeof tmp;
	unsigned long long u;

	if (v >= 0 && v < 1e15 && v == (double)(unsigned long long)v) { /* the common case */
		u = (unsigned long long)v;
		do
			*--p = (char)('0' + u % 10);
		while ((u /= 10) != 0);
		dsi_buf_put(b, p, (size_t)(tmp + sizeof tmp - p));
		return;
	}
	dsi_num_text(tmp, sizeof tmp, v);
	dsi_buf_puts(b, tmp);
}

ds_status dsi_buf_take(struct buf *b, char **out, size_t *len)
{
	if (b->p == NULL && !b->oom)
		dsi_buf_put(b, "", 0); /* an empty text is still a text */
	if (b->oom || b->p == NULL) {
		dsi_buf_free(b);
		return DS_ERR_NOMEM;
	}
	*out = b->p;
	if (len)
		*len = b->len;
	dsi_buf_init(b);
	return DS_OK;
}

void ds_num_text(double v, char *out, size_t n) { dsi_num_text(out, n, v); }

int dsi_num_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}
