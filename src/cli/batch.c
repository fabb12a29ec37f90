/* batch.c: the NDJSON loop: bounded line reads, per-line errors in place, block output. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "ci.h"
#include "climsg.h"
#include "exitcodes.h"
#include "input.h"
#include "msg.h"

/* Room for "NAME:LINE:COLUMN: message" on stderr, with a name as long as a path can be. */
#define DS_MAX_WHERE (4096 + 1024)

/* A message of climsg.h into buf (size n) in lang. */
static void say(char *buf, size_t n, ds_lang lang, const char *en, const char *zh, ...)
    __attribute__((format(printf, 4, 6)));
static void say(char *buf, size_t n, ds_lang lang, const char *en, const char *zh, ...)
{
	va_list ap;

	va_start(ap, zh);
	vsnprintf(buf, n, lang == DS_LANG_ZH ? zh : en, ap);
	va_end(ap);
}

/* The prefix of a message without a location, in the language of the messages. */
static const char *prefix(void)
{
	return cli_lang() == DS_LANG_ZH ? "dsselect：" : "dsselect: ";
}

/*
 * The language of a record's error in the output: English in the data formats
 * (JSON's values never change with the language), the messages' in the text
 * formats, which are for people.
 */
static ds_lang record_lang(ds_format fmt)
{
	return fmt == DS_FORMAT_JSON || fmt == DS_FORMAT_NDJSON ? DS_LANG_EN : cli_lang();
}

/* A status's word for people (ds_outcome_str() gives the JSON's). */
static const char *outcome_word(ds_outcome o)
{
	return o == DS_CONFLICT ? cli_tr(M_CLI_CONFLICT) : o == DS_DEFAULT ? cli_tr(M_CLI_DEFAULT) : cli_tr(M_CLI_RECOMMENDED);
}

/* Pending output: whole records, written in blocks of about DS_IO_BLOCK bytes. */
struct out {
	int fd;
	struct ci_buf b;
	int failed; /* a write failed: stop */
};

static int out_flush(struct out *o)
{
	size_t off = 0;

	while (off < o->b.len && !o->failed) {
		ssize_t n = write(o->fd, o->b.p + off, o->b.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			cli_say(M_CLI_WRITE_FAILED, cli_strerror(n < 0 ? errno : EIO, cli_lang()));
			o->failed = 1;
			break;
		}
		off += (size_t)n;
	}
	o->b.len = 0;
	return o->failed ? -1 : 0;
}

/* After a whole record has been appended: write a block when one is full. */
static int out_record(struct out *o, int line_buffered)
{
	return (o->b.len >= DS_IO_BLOCK || line_buffered) ? out_flush(o) : 0;
}

static int out_put(struct out *o, const char *s, size_t n)
{
	if (cli_ci_put(&o->b, s, n) == 0)
		return 0;
	cli_say(M_CLI_OUT_OF_MEMORY);
	o->failed = 1;
	return -1;
}

/* In a GitHub Actions log: the text from offset from on shows each "##[" without obeying it. */
static int out_defuse(struct out *o, size_t from)
{
	struct ci_buf safe = {NULL, 0, 0, 0};
	int rc;

	if (!cli_msg_github_on() || from >= o->b.len)
		return 0;
	if (cli_ci_defuse(&safe, o->b.p + from, o->b.len - from)) {
		free(safe.p);
		cli_say(M_CLI_OUT_OF_MEMORY);
		o->failed = 1;
		return -1;
	}
	o->b.len = from;
	rc = out_put(o, safe.p, safe.len);
	free(safe.p);
	return rc;
}

struct in {
	int fd;
	char *buf;
	size_t cap, start, end;
	int eof, read_failed;
	int errnum; /* why a read failed */
	const char *name; /* for messages */
	struct out *out; /* flushed before a read that could wait */
};

/* Reads more input; flushes pending output first when the read could wait. */
static int in_fill(struct in *in)
{
	struct pollfd p = {in->fd, POLLIN, 0};
	ssize_t n;

	if (in->out->b.len && poll(&p, 1, 0) == 0 && out_flush(in->out))
		return -1;
	for (;;) {
		n = read(in->fd, in->buf + in->end, in->cap - in->end);
		if (n >= 0)
			break;
		if (errno != EINTR) {
			in->errnum = errno;
			in->read_failed = 1;
			return -1;
		}
	}
	if (n == 0)
		in->eof = 1;
	in->end += (size_t)n;
	return 0;
}

/* A line's length without the CR of a CRLF end: the limit is on the content. */
static size_t content_len(const char *line, size_t len)
{
	return len && line[len - 1] == '\r' ? len - 1 : len;
}

/*
 * The next line (without its newline) in line and len; toolong when it exceeded
 * CLI_MAX_LINE (its bytes are then skipped). Returns 1, 0 at the end, -1 on error.
 */
static int in_line(struct in *in, const char **line, size_t *len, int *toolong)
{
	char *nl;

	*toolong = 0;
	for (;;) {
		nl = memchr(in->buf + in->start, '\n', in->end - in->start);
		if (nl && !*toolong) {
			*line = in->buf + in->start;
			*len = (size_t)(nl - *line);
			in->start = (size_t)(nl - in->buf) + 1;
			if (content_len(*line, *len) > CLI_MAX_LINE) { /* the same limit however it arrived */
				*toolong = 1;
				*line = NULL;
				*len = 0;
			}
			return 1;
		}
		if (nl) { /* the end of a line too long to keep */
			in->start = (size_t)(nl - in->buf) + 1;
			*line = NULL;
			*len = 0;
			return 1;
		}
		if (in->eof) {
			if (in->start == in->end && !*toolong)
				return 0;
			*line = *toolong ? NULL : in->buf + in->start;
			*len = *toolong ? 0 : in->end - in->start;
			in->start = in->end;
			if (*line && content_len(*line, *len) > CLI_MAX_LINE) {
				*toolong = 1;
				*line = NULL;
				*len = 0;
			}
			return 1;
		}
		if (*toolong || in->end - in->start > CLI_MAX_LINE + 1) { /* + 1: a CR may end it */
			*toolong = 1; /* drop what we have of it, keep reading to its end */
			in->start = in->end = 0;
		} else if (in->start) {
			memmove(in->buf, in->buf + in->start, in->end - in->start);
			in->end -= in->start;
			in->start = 0;
		}
		if (in_fill(in))
			return -1;
	}
}

static int blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Where records go: the output block, the counts, the CI report, the progress line. */
struct sink {
	const ds_ruleset *rs;
	const struct cli *c;
	ds_format fmt;
	struct out out;
	struct ci_buf cases;           /* --format junit: the testcases, until the counts are known */
	FILE *spill;                   /* ... and past DS_JUNIT_SPILL bytes, in a temporary file */
	char *text;                    /* a text report, for the CI formats */
	size_t tlen, tcap;
	unsigned long records, errors, conflicts, defaults, failures, *per_model;
	size_t nm;
	int worst;
	int progress;                  /* stderr is a terminal (and stdout is not): show progress */
	double t0, shown;              /* when the run started, when progress was last shown */
	int progress_on;               /* a progress line is on the terminal */
};

static int sink_init(struct sink *s, const ds_ruleset *rs, const struct cli *c, int out_fd, ds_format fmt)
{
	memset(s, 0, sizeof *s);
	s->rs = rs;
	s->c = c;
	s->fmt = fmt;
	s->out.fd = out_fd;
	s->nm = ds_ruleset_model_count(rs);
	s->per_model = calloc(s->nm ? s->nm : 1, sizeof *s->per_model);
	s->t0 = s->shown = now();
	{ /* progress: on a terminal that understands "erase the line", when the results go elsewhere */
		const char *term = getenv("TERM");
		s->progress = isatty(STDERR_FILENO) && !isatty(out_fd) && !(term && !strcmp(term, "dumb"));
	}
	if (s->per_model == NULL) {
		cli_say(M_CLI_OUT_OF_MEMORY);
		return -1;
	}
	if (fmt == DS_FORMAT_TSV && !c->ci && !c->no_header && out_put(&s->out, ds_tsv_header(), strlen(ds_tsv_header())))
		return -1;
	return 0;
}

/* Before a message on stderr: the progress line goes, so that the message starts a line of its own. */
static void sink_quiet(struct sink *s)
{
	if (s->progress_on)
		fputs("\r\033[K", stderr);
	s->progress_on = 0;
}

/* Progress on stderr, a terminal: after the first second, at most four times a second; cleared at the end. */
static void sink_progress(struct sink *s, int last)
{
	double t;

	if (!s->progress)
		return;
	if (last) {
		sink_quiet(s);
		return;
	}
	t = now();
	if (t - s->t0 < DS_PROGRESS_AFTER || t - s->shown < 0.25)
		return;
	s->shown = t;
	s->progress_on = 1;
	{
		char line[256];
		say(line, sizeof line, cli_lang(), M_CLI_PROGRESS, s->records, s->conflicts, s->errors,
		    (double)s->records / (t - s->t0));
		fprintf(stderr, "\r\033[K%s%s", cli_lang() == DS_LANG_ZH ? "dsselect：" : "dsselect: ", line);
	}
}

/* An anonymous temporary file in $TMPDIR (else /tmp), removed when closed; NULL after a message. */
static FILE *spill_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	FILE *fp;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	if ((size_t)snprintf(path, sizeof path, "%s/dsselect-junit-XXXXXX", dir) >= sizeof path) {
		cli_say(M_CLI_TMPDIR_LONG, dir);
		return NULL;
	}
	if ((fd = mkstemp(path)) < 0) {
		cli_say(M_CLI_TMP_MAKE, dir, cli_strerror(errno, cli_lang()));
		return NULL;
	}
	unlink(path); /* nothing is left behind, however the run ends */
	if ((fp = fdopen(fd, "w+")) == NULL) {
		cli_say(M_CLI_TMP_OPEN, cli_strerror(errno, cli_lang()));
		close(fd);
	}
	return fp;
}

/* The CI formats: the record to the report (junit) or to the output (github). */
static int sink_ci(struct sink *s, const struct ci_record *r)
{
	struct ci_buf line = {NULL, 0, 0, 0};
	int rc;

	if (s->c->ci == CLI_CI_JUNIT) {
		if (cli_ci_junit_case(&s->cases, r, s->c->junit_file_attrs) != 0) {
			cli_say(M_CLI_OUT_OF_MEMORY);
			return -1;
		}
		if (s->cases.len < DS_JUNIT_SPILL)
			return 0;
		/* a long run's testcases wait on disk, so that memory stays flat */
		if (s->spill == NULL && (s->spill = spill_file()) == NULL)
			return -1;
		if (fwrite(s->cases.p, 1, s->cases.len, s->spill) != s->cases.len) {
			cli_say(M_CLI_TMP_WRITE, cli_strerror(errno, cli_lang()));
			return -1;
		}
		s->cases.len = 0;
		return 0;
	}
	if (cli_ci_github_line(&line, r)) {
		free(line.p);
		cli_say(M_CLI_OUT_OF_MEMORY);
		return -1;
	}
	rc = out_put(&s->out, line.p, line.len);
	free(line.p);
	return rc;
}

/*
 * An evaluated record: counted, checked against --expect (a message on
 * stderr), rendered. source: the input's name; name: the record's name when it
 * has no id; file and line: where it is, for the CI formats (NULL, 0: nowhere).
 */
/* A result counted: the summary's figures. Returns its exit status without --expect (0 or 1). */
static int sink_count(struct sink *s, const ds_result *res)
{
	const char *model = ds_result_model(res);
	ds_outcome o = ds_result_outcome(res);
	size_t m;

	s->records++;
	if (o == DS_CONFLICT) {
		s->conflicts++;
		return DS_EXIT_CONFLICT;
	}
	for (m = 0; m < s->nm && ds_ruleset_model_id(s->rs, m) != model; m++)
		; /* both borrowed from the rule set: the pointers are equal */
	if (m < s->nm)
		s->per_model[m]++;
	s->defaults += o == DS_DEFAULT;
	return 0;
}

static int sink_result(struct sink *s, const ds_result *res, const ds_spec *spec, const char *source,
                       const char *name, const char *file, unsigned long line)
{
	const struct cli *c = s->c;
	const char *model = ds_result_model(res);
	ds_outcome o = ds_result_outcome(res);
	int code = sink_count(s, res), mismatch = c->expect && strcmp(c->expect, model) != 0;
	int idnum;
	const char *id = ds_spec_id(spec, &idnum);

	if (mismatch) {
		sink_quiet(s);
		if (line)
			cli_say_at(M_CLI_EXPECT_AT_LINE, source, line, c->expect, model, outcome_word(o));
		else if (file)
			cli_say_at(M_CLI_EXPECT_AT, file, c->expect, model, outcome_word(o));
		else
			cli_say(M_CLI_EXPECT, c->expect, model, outcome_word(o));
		code = DS_EXIT_EXPECT;
	}
	if (code > s->worst)
		s->worst = code;
	if (c->ci) {
		struct ci_record r;
		char msg[512];
		s->tlen = 0;
		if (ds_render_append_ex(res, DS_FORMAT_TEXT, c->lang, (c->explain ? DS_RENDER_EXPLAIN : 0) | DS_RENDER_NO_ID,
		                        &s->text,
		                        &s->tlen, &s->tcap) != DS_OK) {
			cli_say(M_CLI_OUT_OF_MEMORY);
			return -1;
		}
		while (s->tlen && s->text[s->tlen - 1] == '\n')
			s->text[--s->tlen] = '\0';
		memset(&r, 0, sizeof r);
		r.source = source;
		r.name = id && *id ? id : name;
		r.file = file;
		r.line = line;
		r.details = s->text;
		r.message = msg;
		if (mismatch) {
			say(msg, sizeof msg, cli_lang(), M_CLI_EXPECT, c->expect, model, outcome_word(o));
			r.verdict = CI_FAIL;
			r.kind = "expect";
		} else if (o == DS_CONFLICT) {
			say(msg, sizeof msg, cli_lang(), M_CLI_CI_CONFLICT, model);
			r.verdict = CI_FAIL;
			r.kind = "conflict";
		} else if (o == DS_DEFAULT) {
			say(msg, sizeof msg, cli_lang(), M_CLI_CI_DEFAULT, model);
			r.verdict = CI_WARN;
			r.kind = "default";
		} else {
			say(msg, sizeof msg, cli_lang(), M_CLI_CI_RECOMMENDED, model);
			r.verdict = CI_PASS;
			r.kind = "recommended";
			r.details = c->ci == CLI_CI_JUNIT ? s->text : NULL;
		}
		s->failures += r.verdict == CI_FAIL;
		if (sink_ci(s, &r))
			return -1;
	} else if (ds_render_append_ex(res, s->fmt, c->lang,
	                               (c->explain ? DS_RENDER_EXPLAIN : 0) |
	                                   (file && id && !strcmp(id, file) ? DS_RENDER_NO_ID : 0), /* named above */
	                               &s->out.b.p,
	                               &s->out.b.len, &s->out.b.cap) != DS_OK) {
		cli_say(M_CLI_OUT_OF_MEMORY);
		return -1;
	}
	sink_progress(s, 0);
	return 0;
}

/* A record in error: counted, its status kept if the worst, its message (where) on stderr. */
static void sink_error_counted(struct sink *s, const char *where, int code)
{
	s->records++;
	s->errors++;
	if (code > s->worst)
		s->worst = code;
	sink_quiet(s);
	cli_located("%s", where);
}

/*
 * A record that could not be read: its message on stderr (where), its error
 * record in the output. line: the input line (0: none); code: its exit status.
 */
static int sink_error(struct sink *s, const ds_diag *d, const char *where, const char *source, const char *name,
                      const char *file, unsigned long line, const char *id, int idnum, int code)
{
	char *text = NULL;
	size_t tlen = 0;
	int r;

	sink_error_counted(s, where, code);
	if (s->c->ci) {
		struct ci_record cr;
		memset(&cr, 0, sizeof cr);
		cr.source = source;
		cr.name = id && *id ? id : name;
		cr.file = file;
		cr.line = line ? line : d->line;
		cr.col = d->line ? d->col : 0;
		cr.verdict = CI_ERROR;
		cr.kind = code == DS_EXIT_NOINPUT ? "unreadable" : "bad-spec";
		cr.message = strncmp(where, prefix(), strlen(prefix())) ? where : where + strlen(prefix()); /* the report names its tool */
		r = sink_ci(s, &cr);
	} else {
		if (ds_render_error(d, line ? line : d->line, id, idnum, s->fmt, &text, &tlen) != DS_OK) {
			cli_say(M_CLI_OUT_OF_MEMORY);
			return -1;
		}
		r = out_put(&s->out, text, tlen);
		free(text);
	}
	sink_progress(s, 0);
	return r;
}

/*
 * d's message as stderr has it, for the input name (whole: d->file may be cut
 * short): "NAME:LINE:COLUMN: msg", or "dsselect: NAME: msg" without a line
 * ("dsselect：" in Chinese).
 */
static void where_of(const ds_diag *d, const char *name, char *where, size_t n)
{
	if (d->line)
		snprintf(where, n, "%s:%u:%u: %s", name, d->line, d->col, d->msg);
	else
		snprintf(where, n, "%s%s: %s", prefix(), name, d->msg);
}

/* After a record: a blank line between text reports; a block out when one is full. */
static int sink_next(struct sink *s)
{
	if (s->fmt == DS_FORMAT_TEXT && !s->c->ci && out_put(&s->out, "\n", 1))
		return -1;
	return out_record(&s->out, s->c->line_buffered && s->c->ci != CLI_CI_JUNIT);
}

/*
 * A whole input that could not be read (a file, a directory): its message,
 * counted as a record in error; a record of the report only in the CI formats
 * (the data formats have no place for it: a batch's records are its lines).
 */
static int sink_failed_input(struct sink *s, const ds_diag *d, const char *where, const char *source,
                             const char *file, int code)
{
	if (s->c->ci)
		return sink_error(s, d, where, source, source, file, 0, NULL, 0, code) || sink_next(s) ? -1 : 0;
	sink_error_counted(s, where, code);
	return 0;
}

/* The JUnit document: its head (with the counts), the testcases (spilled ones first), its tail. */
static int junit_out(struct sink *s, const char *suite)
{
	struct ci_buf head = {NULL, 0, 0, 0};
	int rc = cli_ci_junit_head(&head, suite, s->records, s->failures, s->errors);

	if (rc)
		cli_say(M_CLI_OUT_OF_MEMORY);
	else
		rc = out_put(&s->out, head.p, head.len);
	free(head.p);
	if (rc == 0 && s->spill) {
		char chunk[1u << 16];
		size_t n;
		if (fflush(s->spill) != 0 || fseek(s->spill, 0, SEEK_SET) != 0) {
			cli_say(M_CLI_TMP_READ, cli_strerror(errno, cli_lang()));
			return -1;
		}
		while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, s->spill)) > 0)
			if ((rc = out_put(&s->out, chunk, n)) == 0 && s->out.b.len >= DS_IO_BLOCK)
				rc = out_flush(&s->out);
		if (rc == 0 && ferror(s->spill)) {
			cli_say(M_CLI_TMP_READ, cli_strerror(errno, cli_lang()));
			return -1;
		}
	}
	if (rc == 0)
		rc = out_put(&s->out, s->cases.p ? s->cases.p : "", s->cases.len);
	if (rc == 0)
		rc = out_put(&s->out, cli_ci_junit_tail(), strlen(cli_ci_junit_tail()));
	return rc;
}

/* The end: the JUnit document, the last block, the summary. Returns the exit status. */
static int sink_finish(struct sink *s, int rc, const char *suite)
{
	sink_progress(s, 1);
	/* after a read error, what was read still goes out (the JUnit document of those records too) */
	if (rc != DS_EXIT_IOERR && s->c->ci == CLI_CI_JUNIT && junit_out(s, suite))
		rc = DS_EXIT_IOERR;
	if (rc != DS_EXIT_IOERR && out_flush(&s->out))
		rc = DS_EXIT_IOERR;
	else if (rc == 0)
		rc = s->worst;
	if (s->c->summary) { /* one message: the models' ids are the rule table's words */
		struct ci_buf sum = {NULL, 0, 0, 0};
		double secs = now() - s->t0;
		char part[160];
		size_t m;
		if (s->records == 1)
			say(part, sizeof part, cli_lang(), M_CLI_SUMMARY_RECORD, s->records);
		else
			say(part, sizeof part, cli_lang(), M_CLI_SUMMARY_RECORDS, s->records);
		cli_ci_puts(&sum, part);
		for (m = 0; s->per_model && m < s->nm; m++) {
			say(part, sizeof part, cli_lang(), M_CLI_SUMMARY_MODEL, s->per_model[m]);
			if (cli_lang() != DS_LANG_ZH) /* Chinese: no blank after full-width punctuation */
				cli_ci_puts(&sum, " ");
			cli_ci_puts(&sum, ds_ruleset_model_id(s->rs, m));
			cli_ci_puts(&sum, part);
		}
		say(part, sizeof part, cli_lang(), M_CLI_SUMMARY_TAIL, s->conflicts, s->defaults, s->errors, secs,
		    secs > 0 ? (double)s->records / secs : 0.0);
		cli_ci_puts(&sum, part);
		if (sum.p)
			cli_errorf_lang(cli_lang(), "%s", sum.p);
		else
			cli_say(M_CLI_OUT_OF_MEMORY);
		free(sum.p);
	}
	free(s->per_model);
	free(s->out.b.p);
	free(s->cases.p);
	if (s->spill)
		fclose(s->spill);
	free(s->text);
	return rc;
}

/* "line N" into out (room for 48): by hand, as snprintf cost more per record than the spec's evaluation loops. */
static void line_label(char *out, unsigned long n)
{
	char digits[24];
	size_t k = 0;

	do
		digits[k++] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	memcpy(out, "line ", 5);
	out += 5;
	while (k)
		*out++ = digits[--k];
	*out = '\0';
}

int cli_run_batch_fd(const ds_ruleset *rs, const ds_spec *base, const struct cli *c, int in_fd, int out_fd,
                 const char *name)
{
	ds_format fmt = c->format_given && !c->ci ? c->format : DS_FORMAT_NDJSON;
	const ds_lang rlang = c->ci ? cli_lang() : record_lang(fmt); /* a CI report words its records as stderr does */
	const long changes = c->changes_given ? c->changes : DS_CHANGES_OFF;
	unsigned long lineno = 0;
	struct sink s;
	ds_spec *spec = NULL;
	ds_result *res = NULL;
	const int base_empty = ds_spec_is_empty(base); /* no defaults: nothing to fill per record */
	struct in in;
	int rc = 0;

	memset(&in, 0, sizeof in);
	if (sink_init(&s, rs, c, out_fd, fmt))
		goto ioerr;
	in.cap = CLI_MAX_LINE + DS_IO_BLOCK;
	in.buf = malloc(in.cap);
	in.out = &s.out;
	in.name = name;
	/* one spec and one result, reused by every record */
	if (in.buf == NULL || ds_spec_new(rs, &spec) != DS_OK) {
		cli_say(M_CLI_OUT_OF_MEMORY);
		goto ioerr;
	}
	in.fd = in_fd;
	if (c->first_line_given) /* a part of a larger batch: its lines are numbered as in the whole */
		lineno = (unsigned long)c->first_line - 1;

	for (;;) {
		const char *line;
		size_t len;
		int toolong, r, failed;
		ds_diag diag;
		char label[48];

		r = in_line(&in, &line, &len, &toolong);
		if (r < 0 && !in.read_failed) /* a write error, already reported */
			goto ioerr;
		if (r < 0) { /* what was read still goes out; in a CI report, the failure too */
			char where[DS_MAX_WHERE], why[512];
			ds_diag none;
			memset(&none, 0, sizeof none);
			say(why, sizeof why, cli_lang(), M_CLI_CANNOT_READ, cli_strerror(in.errnum, cli_lang()));
			snprintf(where, sizeof where, "%s%s: %s", prefix(), name, why);
			rc = DS_EXIT_NOINPUT;
			if (sink_failed_input(&s, &none, where, name, c->batch_path ? name : NULL, rc))
				goto ioerr;
			goto done;
		}
		if (r == 0)
			break;
		lineno++;
		if (!toolong && blank(line, len))
			continue;
		if (!toolong && len && line[len - 1] == '\r')
			len--;
		line_label(label, lineno);
		/* empty, not zeroed: its 800 bytes are read only as these strings and numbers */
		diag.file[0] = diag.key[0] = diag.msg[0] = '\0';
		diag.line = diag.col = 0;
		diag.lang = rlang;
		/* failed: 0, or the step that did: 1 the line's length, 2 its JSON, 3 the flags' defaults, 4 memory */
		if (toolong)
			failed = 1;
		else if (ds_spec_read_json(spec, line, len, name, &diag) != DS_OK)
			failed = 2;
		else if (!base_empty && (ds_spec_fill(spec, base) != DS_OK || ds_spec_check(spec, c->flags, NULL, &diag) != DS_OK))
			failed = 3;
		else
			failed = (res ? ds_evaluate_into_ex(rs, spec, changes, res) : ds_evaluate_ex(rs, spec, changes, &res)) != DS_OK ? 4 : 0;
		if (!failed) {
			if (sink_result(&s, res, spec, name, label, c->batch_path ? name : NULL, lineno))
				goto ioerr;
		} else { /* a bad record: one error line in its place */
			char where[DS_MAX_WHERE];
			ds_diag shown; /* the message for people on stderr, when the record's language is not theirs */
			const ds_diag *people = &diag;
			int idnum = 0;
			const char *id;
			if (failed == 1)
				say(diag.msg, sizeof diag.msg, rlang, M_CLI_LINE_TOO_LONG, CLI_MAX_LINE >> 20);
			if (rlang != cli_lang()) { /* the step again, to word it in the other language: errors are rare */
				shown = diag;
				shown.lang = cli_lang();
				if (failed == 1)
					say(shown.msg, sizeof shown.msg, shown.lang, M_CLI_LINE_TOO_LONG, CLI_MAX_LINE >> 20);
				else if (failed == 2)
					ds_spec_read_json(spec, line, len, name, &shown);
				else if (failed == 3)
					ds_spec_check(spec, c->flags, NULL, &shown);
				people = &shown;
			}
			id = toolong ? NULL : ds_spec_id(spec, &idnum);
			if (people->line)
				snprintf(where, sizeof where, "%s:%lu:%u: %s", name, lineno, people->col, people->msg);
			else
				snprintf(where, sizeof where, "%s:%lu: %s", name, lineno, people->msg);
			if (sink_error(&s, &diag, where, name, label, c->batch_path ? name : NULL, lineno, id, idnum,
			               DS_EXIT_DATAERR))
				goto ioerr;
		}
		if (sink_next(&s))
			goto ioerr;
	}
	/* a gate must not pass on nothing, as --spec-dir's; a part of a batch (--first-line) may hold no
	 * record, the whole batch's gate on nothing is for whoever joins the parts (docs/pipelines.md) */
	if (s.records == 0 && (c->expect || c->ci) && !c->first_line_given) {
		char where[DS_MAX_WHERE];
		ds_diag why = cli_diag();
		snprintf(why.file, sizeof why.file, "%s", name);
		say(why.msg, sizeof why.msg, why.lang, M_CLI_NO_RECORDS);
		where_of(&why, name, where, sizeof where);
		if (sink_failed_input(&s, &why, where, name, c->batch_path ? name : NULL, DS_EXIT_NOINPUT))
			goto ioerr;
	}
	goto done;
ioerr:
	rc = DS_EXIT_IOERR;
done:
	rc = sink_finish(&s, rc, name);
	ds_result_free(res);
	ds_spec_free(spec);
	free(in.buf);
	return rc;
}

int cli_run_batch(const ds_ruleset *rs, const ds_spec *base, const struct cli *c)
{
	const char *path = c->batch_path && strcmp(c->batch_path, "-") ? c->batch_path : NULL;
	int fd = STDIN_FILENO, rc;

	if (path && (fd = open(path, O_RDONLY)) < 0) {
		ds_diag d = cli_diag();
		snprintf(d.file, sizeof d.file, "%s", path);
		say(d.msg, sizeof d.msg, d.lang, M_CLI_CANNOT_OPEN, cli_strerror(errno, d.lang));
		return cli_run_failed_input(rs, c, &d, path, path, DS_EXIT_NOINPUT);
	}
	rc = cli_run_batch_fd(rs, base, c, fd, STDOUT_FILENO, path ? path : "<stdin>");
	if (path)
		close(fd);
	return rc;
}

int cli_run_single(const ds_ruleset *rs, const ds_spec *spec, const ds_result *res, const struct cli *c,
               const char *source)
{
	const char *file = strcmp(source, "flags") && strcmp(source, "<stdin>") ? source : NULL;
	struct sink s;
	int rc = 0;

	if (sink_init(&s, rs, c, STDOUT_FILENO, c->format) || sink_result(&s, res, spec, source, source, file, 0))
		rc = DS_EXIT_IOERR;
	return sink_finish(&s, rc, source);
}

int cli_run_failed_input(const ds_ruleset *rs, const struct cli *c, const ds_diag *d, const char *source,
                     const char *file, int code)
{
	char where[DS_MAX_WHERE];
	struct sink s;
	int rc = 0;

	where_of(d, source, where, sizeof where);
	if (sink_init(&s, rs, c, STDOUT_FILENO, DS_FORMAT_NDJSON) || sink_failed_input(&s, d, where, source, file, code))
		rc = DS_EXIT_IOERR;
	return sink_finish(&s, rc, source);
}

void cli_run_summary_single(const ds_ruleset *rs, const ds_result *res, const struct cli *c)
{
	struct sink s;

	if (sink_init(&s, rs, c, STDOUT_FILENO, DS_FORMAT_NDJSON) == 0)
		sink_count(&s, res);
	sink_finish(&s, 0, NULL);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A spec file by its name: *.json, *.yaml or *.yml, not hidden. */
static int spec_name(const char *n)
{
	size_t l = strlen(n);

	if (n[0] == '.')
		return 0;
	return (l > 5 && !strcmp(n + l - 5, ".json")) || (l > 5 && !strcmp(n + l - 5, ".yaml")) ||
	       (l > 4 && !strcmp(n + l - 4, ".yml"));
}

/*
 * The spec files of dir, sorted (bytewise), as "dir/name" in *out. Returns
 * their count; -1 when the directory cannot be read (why->msg says why), -2
 * out of memory (after a message).
 */
static long list_specs(const char *dir, char ***out, ds_diag *why)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL, **nv;
	size_t n = 0, cap = 0, dl = strlen(dir);
	int slash;

	while (dl > 1 && dir[dl - 1] == '/' && dir[dl - 2] == '/') /* "d//": one slash */
		dl--;
	slash = dl && dir[dl - 1] == '/';

	*out = NULL;
	*why = cli_diag();
	if (d == NULL) {
		say(why->msg, sizeof why->msg, why->lang, M_CLI_DIR_OPEN, cli_strerror(errno, why->lang));
		return -1;
	}
	for (errno = 0; (e = readdir(d)) != NULL; errno = 0) {
		struct stat st;
		char *path;
		size_t l;
		if (!spec_name(e->d_name))
			continue;
		l = dl + 1 + strlen(e->d_name) + 1;
		if ((path = malloc(l)) == NULL)
			goto oom;
		snprintf(path, l, "%.*s%s%s", (int)dl, dir, slash ? "" : "/", e->d_name);
		/* a directory or a FIFO named x.json is not a spec; one that cannot be looked at (a dangling
		   link, a loop) stays, to be reported unreadable rather than pass unseen */
		if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((nv = realloc(v, cap * sizeof *v)) == NULL) {
				free(path);
				goto oom;
			}
			v = nv;
		}
		v[n++] = path;
	}
	if (errno != 0) { /* a read error is not the end of the list: a spec would go unseen */
		say(why->msg, sizeof why->msg, why->lang, M_CLI_DIR_READ, cli_strerror(errno, why->lang));
		closedir(d);
		while (n)
			free(v[--n]);
		free(v);
		return -1;
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof *v, name_cmp);
	*out = v;
	return (long)n;
oom:
	closedir(d);
	while (n)
		free(v[--n]);
	free(v);
	cli_say(M_CLI_OUT_OF_MEMORY);
	return -2;
}

int cli_run_spec_dir(const ds_ruleset *rs, const ds_spec *over, const ds_spec *under, const struct cli *c)
{
	ds_format fmt = c->format_given && !c->ci ? c->format : DS_FORMAT_TEXT;
	const ds_lang rlang = c->ci ? cli_lang() : record_lang(fmt); /* a CI report words its records as stderr does */
	char **files = NULL, *name = NULL;
	ds_diag why;
	long n = list_specs(c->spec_dir, &files, &why), i;
	struct sink s;
	int rc = 0;

	if (n == -2)
		return DS_EXIT_IOERR;
	if (sink_init(&s, rs, c, STDOUT_FILENO, fmt)) {
		rc = DS_EXIT_IOERR;
		goto done;
	}
	if (n <= 0) { /* no directory, or nothing in it: a gate must not pass on nothing */
		char where[DS_MAX_WHERE];
		if (n == 0)
			say(why.msg, sizeof why.msg, why.lang, M_CLI_NO_SPECS);
		where_of(&why, c->spec_dir, where, sizeof where);
		if (sink_failed_input(&s, &why, where, c->spec_dir, NULL, DS_EXIT_NOINPUT))
			rc = DS_EXIT_IOERR;
	}
	for (i = 0; i < n && rc == 0; i++) {
		ds_spec *spec = NULL;
		ds_result *res = NULL;
		ds_diag diag, people; /* the record's error; the message for people when its language is not theirs */
		const int other = rlang != cli_lang();
		int code, idnum;
		size_t start;

		memset(&diag, 0, sizeof diag);
		diag.lang = rlang;
		people = cli_diag();
		start = s.out.b.len;
		if (fmt == DS_FORMAT_TEXT && !c->ci) { /* the file's name on a line of its own, whatever it holds */
			char *shown = malloc(4 * strlen(files[i]) + 8);
			if (shown)
				ds_text_clean(shown, 4 * strlen(files[i]) + 8, files[i]);
			if (shown == NULL || out_put(&s.out, "==> ", 4) || out_put(&s.out, shown, strlen(shown)) ||
			    out_put(&s.out, " <==\n", 5)) {
				if (shown == NULL)
					cli_say(M_CLI_OUT_OF_MEMORY);
				free(shown);
				rc = DS_EXIT_IOERR;
				break;
			}
			free(shown);
		}
		free(name);
		if ((name = cli_ci_utf8_fix(files[i])) == NULL) { /* a file's id is its path, as valid UTF-8 */
			cli_say(M_CLI_OUT_OF_MEMORY);
			rc = DS_EXIT_IOERR;
			break;
		}
		code = cli_read_spec(rs, files[i], &spec, &diag, other ? &people : NULL);
		if (code == 0 && ((ds_spec_id(spec, &idnum) == NULL && ds_spec_set_id(spec, name, 0) != DS_OK) ||
		                  ds_spec_merge(spec, over) != DS_OK || (under && ds_spec_fill(spec, under) != DS_OK))) {
			cli_say(M_CLI_OUT_OF_MEMORY);
			rc = DS_EXIT_IOERR;
		} else {
			if (code == 0 && ds_spec_check(spec, c->flags, NULL, &diag) != DS_OK) {
				code = DS_EXIT_DATAERR; /* the file and the flags (or what --detect found) contradict each other */
				if (other)
					ds_spec_check(spec, c->flags, NULL, &people);
			}
			if (code == 0 &&
			    ds_evaluate_ex(rs, spec, c->changes_given ? c->changes : DS_CHANGES_OFF, &res) != DS_OK) {
				cli_say(M_CLI_OUT_OF_MEMORY);
				rc = DS_EXIT_IOERR;
			} else if (code == 0) {
				if (sink_result(&s, res, spec, files[i], files[i], files[i], 0))
					rc = DS_EXIT_IOERR;
			} else {
				char where[DS_MAX_WHERE];
				const char *id = spec ? ds_spec_id(spec, &idnum) : NULL;
				/* "dsselect: FILE: cannot open ...", as for --spec */
				where_of(other ? &people : &diag, files[i], where, sizeof where);
				if (sink_error(&s, &diag, where, files[i], files[i], files[i], 0, id ? id : name, id ? idnum : 0,
				               code))
					rc = DS_EXIT_IOERR;
			}
		}
		if (rc == 0 && fmt == DS_FORMAT_TEXT && !c->ci && out_defuse(&s.out, start))
			rc = DS_EXIT_IOERR;
		if (rc == 0 && sink_next(&s))
			rc = DS_EXIT_IOERR;
		ds_result_free(res);
		ds_spec_free(spec);
	}
	rc = sink_finish(&s, rc, c->spec_dir);
done:
	free(name);
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return rc;
}
