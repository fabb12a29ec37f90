/* ci.c: JUnit XML and GitHub Actions workflow commands, with their escaping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ci.h"

int ci_put(struct ci_buf *b, const char *s, size_t n)
{
	if (b->oom)
		return -1;
	if (b->cap - b->len < n + 1) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;
		while (cap - b->len < n + 1)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL) {
			b->oom = 1;
			return -1;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

int ci_puts(struct ci_buf *b, const char *s)
{
	return ci_put(b, s, strlen(s));
}

/*
 * The length of the well-formed UTF-8 sequence at s (at most n bytes) that
 * XML 1.0 allows as a character, or 0: a bad byte, a surrogate, U+FFFE/FFFF.
 */
static size_t xml_char(const unsigned char *s, size_t n)
{
	unsigned long c;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, c = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, c = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF)
		return 0;
	return len;
}

/*
 * s escaped for XML: markup characters as entities; in an attribute (attr)
 * also tab, CR and LF as character references, so they survive attribute
 * normalisation; characters XML cannot hold (other controls, bad UTF-8) as
 * U+FFFD.
 */
static int xml_escape(struct ci_buf *b, const char *s, int attr)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, run = 0, k;

	while (i < n) {
		const char *rep = NULL;
		unsigned char c = p[i];
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '\t': rep = attr ? "&#9;" : NULL; break;
		case '\n': rep = attr ? "&#10;" : NULL; break;
		case '\r': rep = "&#13;"; break;
		default:
			if (c < 0x20 || c == 0x7F)
				rep = "\xEF\xBF\xBD";
		}
		k = rep ? 0 : xml_char(p + i, n - i);
		if (rep == NULL && k == 0)
			rep = "\xEF\xBF\xBD";
		if (rep) {
			if (ci_put(b, s + run, i - run) || ci_puts(b, rep))
				return -1;
			i++;
			run = i;
		} else {
			i += k;
		}
	}
	return ci_put(b, s + run, i - run);
}

int ci_junit_case(struct ci_buf *cases, const struct ci_record *r)
{
	static const char *const tag[] = {NULL, NULL, "failure", "error"};
	const char *t = tag[r->verdict];

	ci_puts(cases, "    <testcase classname=\"");
	xml_escape(cases, r->source, 1);
	ci_puts(cases, "\" name=\"");
	xml_escape(cases, r->name, 1);
	if (r->file) {
		ci_puts(cases, "\" file=\"");
		xml_escape(cases, r->file, 1);
	}
	if (r->line) {
		char num[32];
		snprintf(num, sizeof num, "\" line=\"%lu", r->line);
		ci_puts(cases, num);
	}
	ci_puts(cases, "\">\n");
	if (t) {
		ci_puts(cases, "      <");
		ci_puts(cases, t);
		ci_puts(cases, " type=\"");
		xml_escape(cases, r->kind, 1);
		ci_puts(cases, "\" message=\"");
		xml_escape(cases, r->message, 1);
		ci_puts(cases, "\">");
		xml_escape(cases, r->details ? r->details : r->message, 0);
		ci_puts(cases, "</");
		ci_puts(cases, t);
		ci_puts(cases, ">\n");
	} else {
		ci_puts(cases, "      <system-out>");
		xml_escape(cases, r->message, 0);
		if (r->details) {
			ci_puts(cases, "\n\n");
			xml_escape(cases, r->details, 0);
		}
		ci_puts(cases, "</system-out>\n");
	}
	ci_puts(cases, "    </testcase>\n");
	return cases->oom ? -1 : 0;
}

int ci_junit_head(struct ci_buf *out, const char *suite, unsigned long tests, unsigned long failures,
                  unsigned long errors)
{
	char counts[128];

	snprintf(counts, sizeof counts, "\" tests=\"%lu\" failures=\"%lu\" errors=\"%lu\"", tests, failures, errors);
	ci_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"dsselect");
	ci_puts(out, counts);
	ci_puts(out, ">\n  <testsuite name=\"");
	xml_escape(out, suite, 1);
	ci_puts(out, counts);
	ci_puts(out, " skipped=\"0\">\n");
	return out->oom ? -1 : 0;
}

const char *ci_junit_tail(void)
{
	return "  </testsuite>\n</testsuites>\n";
}

/* s escaped for a workflow command: %, CR and LF always; ':' and ',' in a property too. */
static int gh_escape(struct ci_buf *b, const char *s, int property)
{
	size_t i, run = 0;

	for (i = 0; s[i]; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '%': rep = "%25"; break;
		case '\r': rep = "%0D"; break;
		case '\n': rep = "%0A"; break;
		case ':': rep = property ? "%3A" : NULL; break;
		case ',': rep = property ? "%2C" : NULL; break;
		}
		if (rep) {
			if (ci_put(b, s + run, i - run) || ci_puts(b, rep))
				return -1;
			run = i + 1;
		}
	}
	return ci_put(b, s + run, i - run);
}

int ci_github_line(struct ci_buf *out, const struct ci_record *r)
{
	static const char *const cmd[] = {NULL, "warning", "error", "error"};
	const char *c = cmd[r->verdict];
	char num[48];

	if (c == NULL) { /* not a command: a log line, escaped all the same */
		ci_puts(out, "ok: ");
		gh_escape(out, r->name, 0);
		ci_puts(out, ": ");
		gh_escape(out, r->message, 0);
		ci_puts(out, "\n");
		return out->oom ? -1 : 0;
	}
	ci_puts(out, "::");
	ci_puts(out, c);
	ci_puts(out, " ");
	if (r->file) {
		ci_puts(out, "file=");
		gh_escape(out, r->file, 1);
		ci_puts(out, ",");
		if (r->line) {
			snprintf(num, sizeof num, "line=%lu,", r->line);
			ci_puts(out, num);
			if (r->col) {
				snprintf(num, sizeof num, "col=%lu,", r->col);
				ci_puts(out, num);
			}
		}
	}
	ci_puts(out, "title=");
	gh_escape(out, "dsselect ", 1);
	gh_escape(out, r->kind, 1);
	ci_puts(out, " (");
	gh_escape(out, r->name, 1);
	ci_puts(out, ")::");
	gh_escape(out, r->message, 0);
	if (r->details) { /* a multi-line annotation: the report under the sentence */
		gh_escape(out, "\n\n", 0);
		gh_escape(out, r->details, 0);
	}
	ci_puts(out, "\n");
	return out->oom ? -1 : 0;
}
