/* ci.c: JUnit XML and GitHub Actions workflow commands, with their escaping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ci.h"

int cli_ci_put(struct ci_buf *b, const char *s, size_t n)
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

int cli_ci_puts(struct ci_buf *b, const char *s)
{
	return cli_ci_put(b, s, strlen(s));
}

size_t cli_ci_utf8_len(const char *str, size_t n, unsigned long *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned long c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
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
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

char *cli_ci_utf8_fix(const char *s)
{
	struct ci_buf b = {NULL, 0, 0, 0};
	size_t n = strlen(s), i = 0, run = 0, k;
	unsigned long cp;

	while (i < n) {
		if ((k = cli_ci_utf8_len(s + i, n - i, &cp)) > 0) {
			i += k;
			continue;
		}
		if (cli_ci_put(&b, s + run, i - run) || cli_ci_puts(&b, REPLACEMENT))
			break;
		run = ++i;
	}
	if (cli_ci_put(&b, s + run, i - run)) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

int cli_ci_xml_escape(struct ci_buf *b, const char *s, int attr)
{
	size_t n = strlen(s), i = 0, run = 0, k;
	unsigned long cp;

	while (i < n) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '\t': rep = attr ? "&#9;" : NULL; break;
		case '\n': rep = attr ? "&#10;" : NULL; break;
		case '\r': rep = "&#13;"; break;
		}
		k = cli_ci_utf8_len(s + i, n - i, &cp);
		if (rep == NULL && (k == 0 || (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) ||
		                    cp == 0xFFFE || cp == 0xFFFF))
			rep = REPLACEMENT; /* one for a character XML cannot hold, one for each bad byte */
		if (rep) {
			if (cli_ci_put(b, s + run, i - run) || cli_ci_puts(b, rep))
				return -1;
			i += k ? k : 1;
			run = i;
		} else {
			i += k;
		}
	}
	return cli_ci_put(b, s + run, i - run);
}

int cli_ci_junit_case(struct ci_buf *cases, const struct ci_record *r, int file_attrs)
{
	static const char *const tag[] = {NULL, NULL, "failure", "error"};
	const char *t = tag[r->verdict];
	const char *where = r->file ? r->file : r->line ? r->source : NULL;
	struct ci_buf said = {NULL, 0, 0, 0};
	char num[32];

	/* the sentence after its place, as stderr says it ("FILE:LINE: "); an error's names it already */
	if (where && r->verdict != CI_ERROR) {
		cli_ci_puts(&said, where);
		if (r->line) {
			snprintf(num, sizeof num, ":%lu", r->line);
			cli_ci_puts(&said, num);
		}
		cli_ci_puts(&said, ": ");
	}
	if (cli_ci_puts(&said, r->message)) {
		free(said.p);
		return -1;
	}
	cli_ci_puts(cases, "    <testcase classname=\"");
	cli_ci_xml_escape(cases, r->source, 1);
	cli_ci_puts(cases, "\" name=\"");
	cli_ci_xml_escape(cases, r->name, 1);
	if (file_attrs && r->file) { /* GitLab's and some reporters' attributes, outside Jenkins' schema */
		cli_ci_puts(cases, "\" file=\"");
		cli_ci_xml_escape(cases, r->file, 1);
	}
	if (file_attrs && r->line) {
		snprintf(num, sizeof num, "\" line=\"%lu", r->line);
		cli_ci_puts(cases, num);
	}
	cli_ci_puts(cases, "\">\n");
	if (t) {
		cli_ci_puts(cases, "      <");
		cli_ci_puts(cases, t);
		cli_ci_puts(cases, " type=\"");
		cli_ci_xml_escape(cases, r->kind, 1);
		cli_ci_puts(cases, "\" message=\"");
		cli_ci_xml_escape(cases, said.p, 1);
		cli_ci_puts(cases, "\">");
	} else {
		cli_ci_puts(cases, "      <system-out>");
	}
	/* the text: the sentence first (what GitLab shows of a failure), then the report */
	cli_ci_xml_escape(cases, said.p, 0);
	if (r->details) {
		cli_ci_puts(cases, "\n\n");
		cli_ci_xml_escape(cases, r->details, 0);
	}
	cli_ci_puts(cases, t ? "</" : "</system-out>\n");
	if (t) {
		cli_ci_puts(cases, t);
		cli_ci_puts(cases, ">\n");
	}
	cli_ci_puts(cases, "    </testcase>\n");
	free(said.p);
	return cases->oom ? -1 : 0;
}

int cli_ci_junit_head(struct ci_buf *out, const char *suite, unsigned long tests, unsigned long failures,
                  unsigned long errors)
{
	char counts[128];

	snprintf(counts, sizeof counts, "\" tests=\"%lu\" failures=\"%lu\" errors=\"%lu\"", tests, failures, errors);
	cli_ci_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"dsselect");
	cli_ci_puts(out, counts);
	cli_ci_puts(out, ">\n  <testsuite name=\"");
	cli_ci_xml_escape(out, suite, 1);
	cli_ci_puts(out, counts);
	cli_ci_puts(out, " skipped=\"0\">\n");
	return out->oom ? -1 : 0;
}

const char *cli_ci_junit_tail(void)
{
	return "  </testsuite>\n</testsuites>\n";
}

/*
 * The length of the blank at s that the runner skips before it looks for "::"
 * (.NET's TrimStart: every character char.IsWhiteSpace() accepts), 0 if none.
 */
static size_t runner_blank(const char *s, size_t n)
{
	static const char *const wide[] = {
		"\xC2\x85", "\xC2\xA0", "\xE1\x9A\x80", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF",
		"\xE2\x81\x9F", "\xE3\x80\x80"};
	size_t k;

	if (n && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r') || (s[0] >= 0x1C && s[0] <= 0x1F)))
		return 1;
	if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] >= 0x80 &&
	    (unsigned char)s[2] <= 0x8A) /* U+2000..U+200A */
		return 3;
	for (k = 0; k < sizeof wide / sizeof wide[0]; k++)
		if (n >= strlen(wide[k]) && !memcmp(s, wide[k], strlen(wide[k])))
			return strlen(wide[k]);
	return 0;
}

int cli_ci_defuse(struct ci_buf *b, const char *s, size_t n)
{
	size_t i = 0, run = 0, k;
	int at_start = 1; /* at the start of a line, or in the blanks that follow it */

	while (i < n) {
		if (at_start && (k = runner_blank(s + i, n - i)) > 0) { /* a line break is a blank too */
			i += k;
			continue;
		}
		if (at_start && i + 1 < n && s[i] == ':' && s[i + 1] == ':') {
			/* "::" would start a workflow command: a zero-width space between the colons */
			if (cli_ci_put(b, s + run, i + 1 - run) || cli_ci_puts(b, "\xE2\x80\x8B"))
				return -1;
			run = i + 1;
		} else if (i + 2 < n && s[i] == '#' && s[i + 1] == '#' && s[i + 2] == '[') {
			if (cli_ci_put(b, s + run, i - run) || cli_ci_puts(b, "%23"))
				return -1;
			run = i + 1;
		}
		at_start = s[i] == '\n';
		i++;
	}
	return cli_ci_put(b, s + run, n - run);
}

/*
 * s escaped for a workflow command: %, CR and LF always; ':' and ',' in a
 * property too (the runner decodes these); other control characters (C0, DEL,
 * C1) and bad UTF-8 as U+FFFD. In a plain log line (plain), a '#' that would start the
 * runner's older "##[command]" syntax is written %23, as that form is
 * recognised anywhere in a line.
 */
static int gh_escape(struct ci_buf *b, const char *s, int property, int plain)
{
	size_t n = strlen(s), i = 0, run = 0, k;
	unsigned long cp;

	while (i < n) {
		const char *rep = NULL;
		switch (s[i]) {
		case '%': rep = "%25"; break;
		case '\r': rep = "%0D"; break;
		case '\n': rep = "%0A"; break;
		case ':': rep = property ? "%3A" : NULL; break;
		case ',': rep = property ? "%2C" : NULL; break;
		case '#': rep = plain && s[i + 1] == '#' && s[i + 2] == '[' ? "%23" : NULL; break;
		}
		k = cli_ci_utf8_len(s + i, n - i, &cp);
		if (rep == NULL && (k == 0 || (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F)))
			rep = REPLACEMENT;
		if (rep) {
			if (cli_ci_put(b, s + run, i - run) || cli_ci_puts(b, rep))
				return -1;
			i += k ? k : 1;
			run = i;
		} else {
			i += k;
		}
	}
	return cli_ci_put(b, s + run, i - run);
}

int cli_ci_github_line(struct ci_buf *out, const struct ci_record *r)
{
	static const char *const cmd[] = {NULL, "warning", "error", "error"};
	const char *c = cmd[r->verdict];
	char num[48];

	if (c == NULL) { /* not a command: a log line, escaped all the same */
		cli_ci_puts(out, "ok: ");
		gh_escape(out, r->name, 0, 1);
		cli_ci_puts(out, ": ");
		gh_escape(out, r->message, 0, 1);
		cli_ci_puts(out, "\n");
		return out->oom ? -1 : 0;
	}
	cli_ci_puts(out, "::");
	cli_ci_puts(out, c);
	cli_ci_puts(out, " ");
	if (r->file) {
		cli_ci_puts(out, "file=");
		gh_escape(out, r->file, 1, 0);
		cli_ci_puts(out, ",");
		if (r->line) {
			snprintf(num, sizeof num, "line=%lu,", r->line);
			cli_ci_puts(out, num);
			if (r->col) {
				snprintf(num, sizeof num, "col=%lu,", r->col);
				cli_ci_puts(out, num);
			}
		}
	}
	cli_ci_puts(out, "title=");
	gh_escape(out, "dsselect ", 1, 0);
	gh_escape(out, r->kind, 1, 0);
	cli_ci_puts(out, " (");
	gh_escape(out, r->name, 1, 0);
	cli_ci_puts(out, ")::");
	gh_escape(out, r->message, 0, 0);
	if (r->details) { /* a multi-line annotation: the report under the sentence */
		gh_escape(out, "\n\n", 0, 0);
		gh_escape(out, r->details, 0, 0);
	}
	cli_ci_puts(out, "\n");
	return out->oom ? -1 : 0;
}
