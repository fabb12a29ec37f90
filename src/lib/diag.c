/* diag.c: statuses and located diagnostics, a table check's problems, and the small text utilities every module uses (UTF-8, decimals, edit distance). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"

const char *ds_status_str(ds_status st)
{
	switch (st) {
	case DS_OK: return "success";
	case DS_ERR_NOMEM: return "out of memory";
	case DS_ERR_IO: return "input/output error";
	case DS_ERR_RULES: return "invalid rule table";
	case DS_ERR_SPEC: return "invalid workload spec";
	case DS_ERR_VALUE: return "invalid value";
	case DS_ERR_UNKNOWN: return "no such fact";
	case DS_ERR_ARG: return "invalid argument";
	}
	return "unknown status";
}

size_t dsi_utf8_seq(const unsigned char *p, size_t avail)
{
	unsigned c = p[0], cp, n, k;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 1, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 2, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 3, cp = c & 0x07;
	else
		return 0;
	if (avail <= n)
		return 0;
	for (k = 1; k <= n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[k] & 0x3F);
	}
	if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n + 1;
}

int dsi_utf8_valid(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		if ((k = dsi_utf8_seq((const unsigned char *)s + i, n - i)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

void dsi_text_clean(char *dst, size_t n, const char *src)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)src;
	size_t o = 0, k;

	if (n == 0)
		return;
	while (*p && o + 5 < n) {
		if (*p >= 0x20 && *p != 0x7f && (k = dsi_utf8_seq(p, strlen((const char *)p))) > 0) {
			if (o + k >= n)
				break;
			memcpy(dst + o, p, k);
			o += k;
			p += k;
			continue;
		}
		dst[o++] = '\\';
		switch (*p) {
		case '\n': dst[o++] = 'n'; break;
		case '\t': dst[o++] = 't'; break;
		case '\r': dst[o++] = 'r'; break;
		default:
			dst[o++] = 'x';
			dst[o++] = hex[*p >> 4];
			dst[o++] = hex[*p & 15];
		}
		p++;
	}
	dst[o] = '\0';
}

char *ds_text_clean(char *dst, size_t n, const char *src)
{
	dsi_text_clean(dst, n, src);
	return dst;
}

static void diag_vset(ds_diag *d, const char *file, unsigned line, unsigned col, const char *key, const char *fmt,
                      va_list ap)
{
	char raw[sizeof d->msg];

	snprintf(d->file, sizeof d->file, "%s", file ? file : "");
	d->line = line;
	d->col = line ? col : 0;
	dsi_text_clean(d->key, sizeof d->key, key ? key : "");
	vsnprintf(raw, sizeof raw, fmt, ap);
	dsi_text_clean(d->msg, sizeof d->msg, raw); /* one printable line, whatever the input held */
}

void dsi_diag_set(ds_diag *d, const char *file, unsigned line, unsigned col, const char *key,
              const char *fmt, ...)
{
	va_list ap;

	if (d == NULL)
		return;
	va_start(ap, fmt);
	diag_vset(d, file, line, col, key, fmt, ap);
	va_end(ap);
}

void dsi_diag_say(ds_diag *d, const char *file, unsigned line, unsigned col, const char *key, const char *en,
                  const char *zh, ...)
{
	va_list ap;

	if (d == NULL)
		return;
	va_start(ap, zh);
	diag_vset(d, file, line, col, key, dsi_tr(d->lang, en, zh), ap);
	va_end(ap);
}

int dsi_say(char *out, size_t n, ds_lang lang, const char *en, const char *zh, ...)
{
	va_list ap;

	va_start(ap, zh);
	vsnprintf(out, n, dsi_tr(lang, en, zh), ap);
	va_end(ap);
	return -1;
}

const char *dsi_tr(ds_lang lang, const char *en, const char *zh)
{
	return lang == DS_LANG_ZH && zh && *zh ? zh : en;
}

int dsi_parse_decimal(const char *s, size_t len, double *v)
{
	const char *p = s, *end = s + len;
	char tmp[512], *e;
	int digits = 0;

	if (len == 0 || len >= sizeof tmp)
		return 0;
	if (*p == '-' || *p == '+')
		p++;
	while (p < end && isdigit((unsigned char)*p))
		p++, digits++;
	if (p < end && *p == '.')
		for (p++; p < end && isdigit((unsigned char)*p); p++)
			digits++;
	if (!digits)
		return 0;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '-' || *p == '+'))
			p++;
		if (p == end || !isdigit((unsigned char)*p))
			return 0;
		while (p < end && isdigit((unsigned char)*p))
			p++;
	}
	if (p != end)
		return 0;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	errno = 0;
	*v = dsi_c_strtod(tmp, &e);
	/* overflow, and underflow of a non-zero literal to 0, are out of range */
	return isfinite(*v) && !(errno == ERANGE && *v == 0) ? 1 : -1;
}

char *ds_diag_format(const ds_diag *d, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	if (d->file[0] && d->line)
		snprintf(buf, n, "%s:%u:%u: %s", d->file, d->line, d->col, d->msg);
	else if (d->file[0])
		snprintf(buf, n, "%s: %s", d->file, d->msg);
	else
		snprintf(buf, n, "%s", d->msg);
	return buf;
}

char *dsi_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

/* Optimal string alignment distance (Levenshtein plus adjacent swaps). */
unsigned dsi_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	unsigned d[3][65], *prev2 = d[0], *prev = d[1], *cur = d[2], *t;

	if (la > 64 || lb > 64)
		return 1000;
	for (j = 0; j <= lb; j++)
		prev[j] = (unsigned)j;
	for (i = 1; i <= la; i++) {
		cur[0] = (unsigned)i;
		for (j = 1; j <= lb; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

const char *ds_nearest_word(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	unsigned bestd = (unsigned)-1, limit;
	size_t i, wl = strlen(word);

	for (i = 0; i < n; i++) /* a difference of case only */
		if (!strcasecmp(word, cands[i]))
			return cands[i];
	for (i = 0; i < n; i++) {
		unsigned dd = dsi_edit_distance(word, cands[i]);
		if (dd < bestd) {
			bestd = dd;
			best = cands[i];
		}
	}
	/* A typo changes a few letters; a prefix of a long word also counts. */
	limit = wl <= 2 ? 0 : wl <= 4 ? 1 : wl <= 8 ? 2 : 3;
	if (best && bestd <= limit)
		return best;
	for (i = 0; i < n && wl >= 3; i++)
		if (strncmp(cands[i], word, wl) == 0)
			return cands[i];
	return NULL;
}

static ds_problem *problem_new(struct problems *ps, ds_severity sev, const char *code, const char *witness)
{
	ds_problem *p;

	if (ps == NULL || ps->oom)
		return NULL;
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 16;
		ds_problem *np = cap > ps->cap ? realloc(ps->p, cap * sizeof *np) : NULL;
		if (np == NULL) {
			ps->oom = 1;
			return NULL;
		}
		ps->p = np;
		ps->cap = cap;
	}
	p = &ps->p[ps->n++];
	memset(p, 0, sizeof *p);
	p->severity = sev;
	p->diag.lang = ps->lang;
	snprintf(p->code, sizeof p->code, "%s", code ? code : "");
	snprintf(p->witness, sizeof p->witness, "%s", witness ? witness : "");
	return p;
}

void dsi_problem_add(struct problems *ps, ds_severity sev, const char *code, const char *name, unsigned line,
                 unsigned col, const char *witness, const char *fmt, ...)
{
	ds_problem *p = problem_new(ps, sev, code, witness);
	va_list ap;

	if (p == NULL)
		return;
	va_start(ap, fmt);
	diag_vset(&p->diag, name, line, col, NULL, fmt, ap);
	va_end(ap);
}

void dsi_problem_say(struct problems *ps, ds_severity sev, const char *code, const char *name, unsigned line,
                     unsigned col, const char *witness, const char *en, const char *zh, ...)
{
	ds_problem *p = problem_new(ps, sev, code, witness);
	va_list ap;

	if (p == NULL)
		return;
	va_start(ap, zh);
	diag_vset(&p->diag, name, line, col, NULL, dsi_tr(ps->lang, en, zh), ap);
	va_end(ap);
}

size_t dsi_text_bom(const char *buf, size_t len)
{
	return len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3) ? 3 : 0;
}

void dsi_text_pos(const char *buf, size_t len, size_t off, unsigned *line, unsigned *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = dsi_text_bom(buf, len); i < off && i < len; i++) { /* a byte order mark is no column */
		if (buf[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
			++*col;
		}
	}
}
