/* status.c: status strings, diagnostics and small string helpers. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

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

void diag_set(ds_diag *d, const char *file, unsigned line, unsigned col, const char *key,
              const char *fmt, ...)
{
	va_list ap;

	if (d == NULL)
		return;
	snprintf(d->file, sizeof d->file, "%s", file ? file : "");
	d->line = line;
	d->col = line ? col : 0;
	snprintf(d->key, sizeof d->key, "%s", key ? key : "");
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
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

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

/* Optimal string alignment distance (Levenshtein plus adjacent swaps). */
unsigned edit_distance(const char *a, const char *b)
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
		unsigned dd = edit_distance(word, cands[i]);
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
