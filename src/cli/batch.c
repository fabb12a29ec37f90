/* batch.c: the NDJSON loop: bounded line reads, per-line errors in place, block output. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "exitcodes.h"
#include "msg.h"

/* Pending output: whole records, written in blocks of about DS_IO_BLOCK bytes. */
struct out {
	int fd;
	char *buf;
	size_t len, cap;
	int failed; /* a write failed: stop */
};

static int out_flush(struct out *o)
{
	size_t off = 0;

	while (off < o->len && !o->failed) {
		ssize_t n = write(o->fd, o->buf + off, o->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ds_errorf("cannot write the output: %s", strerror(n < 0 ? errno : EIO));
			o->failed = 1;
			break;
		}
		off += (size_t)n;
	}
	o->len = 0;
	return o->failed ? -1 : 0;
}

/* After a whole record has been appended: write a block when one is full. */
static int out_record(struct out *o, int line_buffered)
{
	return (o->len >= DS_IO_BLOCK || line_buffered) ? out_flush(o) : 0;
}

static int out_put(struct out *o, const char *s, size_t n)
{
	if (o->cap - o->len < n + 1) {
		size_t cap = o->len + n + 1 + DS_IO_BLOCK;
		char *p = realloc(o->buf, cap);
		if (p == NULL) {
			ds_errorf("out of memory");
			o->failed = 1;
			return -1;
		}
		o->buf = p;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	return 0;
}

struct in {
	int fd;
	char *buf;
	size_t cap, start, end;
	int eof, read_failed;
	const char *name; /* for messages */
	struct out *out; /* flushed before a read that could wait */
};

/* Reads more input; flushes pending output first when the read could wait. */
static int in_fill(struct in *in)
{
	struct pollfd p = {in->fd, POLLIN, 0};
	ssize_t n;

	if (in->out->len && poll(&p, 1, 0) == 0 && out_flush(in->out))
		return -1;
	for (;;) {
		n = read(in->fd, in->buf + in->end, in->cap - in->end);
		if (n >= 0)
			break;
		if (errno != EINTR) {
			ds_errorf("%s: cannot read: %s", in->name, strerror(errno));
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
 * DS_MAX_LINE (its bytes are then skipped). Returns 1, 0 at the end, -1 on error.
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
			if (content_len(*line, *len) > DS_MAX_LINE) { /* the same limit however it arrived */
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
			if (*line && content_len(*line, *len) > DS_MAX_LINE) {
				*toolong = 1;
				*line = NULL;
				*len = 0;
			}
			return 1;
		}
		if (*toolong || in->end - in->start > DS_MAX_LINE + 1) { /* + 1: a CR may end it */
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

int run_batch_fd(const ds_ruleset *rs, const ds_spec *base, const struct cli *c, int in_fd, int out_fd,
                 const char *name)
{
	ds_format fmt = c->format_given ? c->format : DS_FORMAT_NDJSON;
	size_t nm = ds_ruleset_model_count(rs), m;
	unsigned long lineno = 0, records = 0, errors = 0, conflicts = 0, defaults = 0;
	unsigned long *per_model = calloc(nm ? nm : 1, sizeof *per_model);
	struct out out = {out_fd, NULL, 0, 0, 0};
	ds_spec *spec = NULL;
	ds_result *res = NULL;
	const int base_empty = ds_spec_is_empty(base); /* no defaults: nothing to fill per record */
	struct in in;
	double t0 = now();
	int worst = 0, rc = 0;

	memset(&in, 0, sizeof in);
	in.cap = DS_MAX_LINE + DS_IO_BLOCK;
	in.buf = malloc(in.cap);
	in.out = &out;
	in.name = name;
	/* one spec and one result, reused by every record */
	if (per_model == NULL || in.buf == NULL || ds_spec_new(rs, &spec) != DS_OK) {
		ds_errorf("out of memory");
		rc = DS_EXIT_IOERR;
		goto done;
	}
	in.fd = in_fd;
	if (fmt == DS_FORMAT_TSV && !c->no_header && out_put(&out, ds_tsv_header(), strlen(ds_tsv_header())))
		goto ioerr;

	for (;;) {
		const char *line;
		size_t len;
		int toolong, r, code = 0;
		ds_diag diag;
		char *text = NULL;
		size_t tlen = 0;

		r = in_line(&in, &line, &len, &toolong);
		if (r < 0) { /* a read or write error, already reported; what is done still goes out */
			rc = in.read_failed ? DS_EXIT_NOINPUT : DS_EXIT_IOERR;
			if (in.read_failed && out_flush(&out))
				rc = DS_EXIT_IOERR;
			goto done;
		}
		if (r == 0)
			break;
		lineno++;
		if (!toolong && blank(line, len))
			continue;
		records++;
		if (!toolong && len && line[len - 1] == '\r')
			len--;
		memset(&diag, 0, sizeof diag);
		if (toolong)
			snprintf(diag.msg, sizeof diag.msg, "line is longer than the %u MiB limit", DS_MAX_LINE >> 20);
		if (!toolong && ds_spec_read_json(spec, line, len, name, &diag) == DS_OK &&
		    (base_empty || ds_spec_fill(spec, base) == DS_OK) &&
		    (res ? ds_evaluate_into_ex(rs, spec, c->changes_given ? c->changes : DS_CHANGES_OFF, res) : ds_evaluate_ex(rs, spec, c->changes_given ? c->changes : DS_CHANGES_OFF, &res)) == DS_OK) {
			const char *model = ds_result_model(res);
			ds_outcome o = ds_result_outcome(res);
			/* the result goes straight into the output block */
			if (ds_render_append_ex(res, fmt, c->lang, c->explain ? DS_RENDER_EXPLAIN : 0, &out.buf, &out.len,
			                        &out.cap) != DS_OK) {
				ds_errorf("out of memory");
				goto ioerr;
			}
			if (o == DS_CONFLICT) {
				conflicts++;
				code = DS_EXIT_CONFLICT;
			} else {
				for (m = 0; m < nm && ds_ruleset_model_id(rs, m) != model; m++)
					; /* both borrowed from the rule set: the pointers are equal */
				if (m < nm)
					per_model[m]++;
				defaults += o == DS_DEFAULT;
			}
			if (c->expect && strcmp(c->expect, model)) {
				ds_located("%s:%lu: expected %s, got %s (%s)", name, lineno, c->expect, model,
				           ds_outcome_str(o));
				code = DS_EXIT_EXPECT;
			}
		} else { /* a bad record: one error line in its place */
			errors++;
			code = DS_EXIT_DATAERR;
			if (diag.line)
				fprintf(stderr, "%s:%lu:%u: %s\n", name, lineno, diag.col, diag.msg);
			else
				fprintf(stderr, "%s:%lu: %s\n", name, lineno, diag.msg);
			int idnum;
			const char *id = ds_spec_id(spec, &idnum);
			if (ds_render_error(&diag, lineno, toolong ? NULL : id, idnum, fmt, &text, &tlen) != DS_OK) {
				ds_errorf("out of memory");
				goto ioerr;
			}
			r = out_put(&out, text, tlen);
			free(text);
			if (r)
				goto ioerr;
		}
		if (code > worst)
			worst = code;
		if (fmt == DS_FORMAT_TEXT && out_put(&out, "\n", 1))
			goto ioerr;
		if (out_record(&out, c->line_buffered))
			goto ioerr;
	}
	if (out_flush(&out))
		goto ioerr;
	rc = worst;
	goto done;
ioerr:
	rc = DS_EXIT_IOERR;
done:
	if (c->summary) {
		double secs = now() - t0;
		fprintf(stderr, "dsselect: %lu records:", records);
		for (m = 0; per_model && m < nm; m++)
			fprintf(stderr, " %s %lu,", ds_ruleset_model_id(rs, m), per_model[m]);
		fprintf(stderr, " conflict %lu, default %lu, errors %lu; %.3f s, %.0f records/s\n", conflicts,
		        defaults, errors, secs, secs > 0 ? (double)records / secs : 0.0);
	}
	ds_result_free(res);
	ds_spec_free(spec);
	free(in.buf);
	free(out.buf);
	free(per_model);
	return rc;
}

int run_batch(const ds_ruleset *rs, const ds_spec *base, const struct cli *c)
{
	const char *path = c->batch_path && strcmp(c->batch_path, "-") ? c->batch_path : NULL;
	int fd = STDIN_FILENO, rc;

	if (path && (fd = open(path, O_RDONLY)) < 0) {
		ds_errorf("%s: cannot open: %s", path, strerror(errno));
		return DS_EXIT_NOINPUT;
	}
	rc = run_batch_fd(rs, base, c, fd, STDOUT_FILENO, path ? path : "<stdin>");
	if (path)
		close(fd);
	return rc;
}
