/* ci.h: the CI formats: a JUnit XML report and GitHub Actions workflow commands. */
#ifndef DS_CI_H
#define DS_CI_H

#include <stddef.h>

/* A growing text buffer, always NUL-terminated once used; oom is set once an allocation failed. */
struct ci_buf {
	char *p;
	size_t len, cap;
	int oom;
};

int cli_ci_put(struct ci_buf *b, const char *s, size_t n);
int cli_ci_puts(struct ci_buf *b, const char *s);

/*
 * The length of the well-formed UTF-8 sequence at s (at most n bytes), its
 * code point in *cp; 0 for a bad byte (overlong forms and surrogates are bad).
 */
size_t cli_ci_utf8_len(const char *s, size_t n, unsigned long *cp);

/*
 * Appends n bytes of s as text that the GitHub runner shows and does not obey:
 * the first '#' of each "##[" as %23 (the runner reads its older "##[command]"
 * syntax anywhere in a line), and a zero-width space (U+200B) between the
 * colons of a "::" that starts a line after blanks (the runner trims what .NET
 * calls white space, then reads "::command"). Returns 0, or -1 out of memory.
 */
int cli_ci_defuse(struct ci_buf *b, const char *s, size_t n);

/*
 * Appends s escaped for XML (the JUnit report, sweep's SVG): markup characters
 * as entities; in an attribute (attr) also '"', tab, CR and LF as character
 * references, so they survive attribute normalisation; characters XML cannot
 * hold or that a reader's terminal would obey (other C0 controls, DEL, C1
 * controls, U+FFFE, U+FFFF) as one U+FFFD each, and so each byte of bad UTF-8.
 * Returns 0, or -1 out of memory.
 */
int cli_ci_xml_escape(struct ci_buf *b, const char *s, int attr);

/* A copy of s (malloc'd; NULL out of memory) with each bad UTF-8 byte as U+FFFD. */
char *cli_ci_utf8_fix(const char *s);

/* What became of one record, as a CI system sees it. */
enum ci_verdict {
	CI_PASS,     /* a recommendation (recommended or default) */
	CI_WARN,     /* a recommendation by default: nothing told the models apart */
	CI_FAIL,     /* a conflict, or --expect did not match */
	CI_ERROR     /* the record could not be read */
};

/*
 * One record. source: where it came from (a file, "<stdin>", "flags");
 * name: the record's id, else "line N" or the file; file/line/col: where to
 * annotate (file NULL: nowhere; line/col 0: unknown); kind: a short word for
 * the verdict ("conflict", "expect", "bad-spec", "recommended", ...);
 * message: one sentence (a CI_ERROR's names where already, as on stderr);
 * details: the text report (may be NULL).
 */
struct ci_record {
	const char *source, *name, *file;
	unsigned long line, col;
	enum ci_verdict verdict;
	const char *kind, *message, *details;
};

/*
 * Appends the <testcase> of r to cases (indented for a <testsuite>), valid
 * against Jenkins' junit-10.xsd: classname the source, name the record's;
 * where it is ("FILE:LINE: ", as stderr says it) heads the failure's or the
 * error's message and the text (the message, then the report). file_attrs:
 * also the attributes file and line, which GitLab and some reporters read but
 * that schema refuses. Returns 0, or -1 out of memory.
 */
int cli_ci_junit_case(struct ci_buf *cases, const struct ci_record *r, int file_attrs);

/*
 * The JUnit document is cli_ci_junit_head(), then the testcases, then
 * cli_ci_junit_tail(): the head has the counts (and the suite's name), so it is
 * written when they are known.
 */
int cli_ci_junit_head(struct ci_buf *out, const char *suite, unsigned long tests, unsigned long failures,
                  unsigned long errors);
const char *cli_ci_junit_tail(void);

/*
 * Appends one line for r: "::error ...::message" for a failure or an error,
 * "::warning ...::" for a warning, a plain "ok: ..." line for a pass; every
 * value escaped so that no input can start a workflow command of its own.
 */
int cli_ci_github_line(struct ci_buf *out, const struct ci_record *r);

#endif
