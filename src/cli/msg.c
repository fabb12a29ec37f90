/* msg.c: the CLI's one-line messages on stderr. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <errno.h>
#include <stdlib.h>

#include "ci.h"
#include "climsg.h"
#include "msg.h"

/* --format github: stderr goes to the runner's log too (the CLI owns the process; this is its setting). */
static int github_safe;
/* --lang, or the locale's: set once, before the first message. */
static ds_lang msg_lang = DS_LANG_EN;

void cli_msg_lang(ds_lang lang)
{
	msg_lang = lang;
}

ds_lang cli_lang(void)
{
	return msg_lang;
}

const char *cli_tr(const char *en, const char *zh)
{
	return msg_lang == DS_LANG_ZH && zh && *zh ? zh : en;
}

static const char *say_prefix(void)
{
	return msg_lang == DS_LANG_ZH ? "dsselect：" : "dsselect: ";
}

const char *cli_outcome_word(ds_outcome o)
{
	switch (o) {
	case DS_RECOMMENDED: return cli_tr(M_OUTCOME_RECOMMENDED);
	case DS_DEFAULT: return cli_tr(M_OUTCOME_DEFAULT);
	case DS_CONFLICT: return cli_tr(M_OUTCOME_CONFLICT);
	}
	return cli_tr(M_OUTCOME_ERROR);
}

ds_diag cli_diag(void)
{
	ds_diag d;

	memset(&d, 0, sizeof d);
	d.lang = msg_lang;
	return d;
}

void cli_msg_github(int on)
{
	github_safe = on;
}

int cli_msg_github_on(void)
{
	return github_safe;
}

/*
 * prefix + text on stderr as one line: control characters and bad UTF-8
 * escaped; for GitHub also no "##[" (the runner's older command syntax,
 * recognised anywhere in a line: its first '#' is written %23).
 */
static void put_line(const char *prefix, const char *text)
{
	char clean[4 * 8192 + 8]; /* a message escaped: at most four bytes for one */
	struct ci_buf safe = {NULL, 0, 0, 0};

	ds_text_clean(clean, sizeof clean, text);
	if (github_safe && cli_ci_defuse(&safe, clean, strlen(clean)) == 0)
		fprintf(stderr, "%s%s\n", prefix, safe.p);
	else /* not for GitHub, or out of memory: as it is */
		fprintf(stderr, "%s%s\n", prefix, clean);
	free(safe.p);
}

int cli_emit(const char *s, size_t n, int text)
{
	struct ci_buf safe = {NULL, 0, 0, 0};
	int rc = 0;

	if (text && github_safe) {
		if (cli_ci_defuse(&safe, s, n)) {
			free(safe.p);
			cli_say(M_CLI_OUT_OF_MEMORY);
			return -1;
		}
		s = safe.p;
		n = safe.len;
	}
	if (fwrite(s, 1, n, stdout) != n || fflush(stdout) != 0) {
		cli_say(M_CLI_WRITE_FAILED, cli_strerror(errno, msg_lang));
		rc = -1;
	}
	free(safe.p);
	return rc;
}

static void vmsg(const char *prefix, const char *fmt, va_list ap)
{
	char raw[8192];

	vsnprintf(raw, sizeof raw, fmt, ap);
	put_line(prefix, raw);
}

void cli_errorf_lang(ds_lang lang, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(lang == DS_LANG_ZH ? "dsselect：" : "dsselect: ", fmt, ap);
	va_end(ap);
}

void cli_say(const char *en, const char *zh, ...)
{
	va_list ap;

	va_start(ap, zh);
	vmsg(say_prefix(), cli_tr(en, zh), ap);
	va_end(ap);
}

void cli_say_at(const char *en, const char *zh, ...)
{
	va_list ap;

	va_start(ap, zh);
	vmsg("", cli_tr(en, zh), ap);
	va_end(ap);
}

void cli_say_prefixed(const char *prefix, const char *msg)
{
	char line[8192];
	size_t n = strlen(prefix);

	if (msg_lang == DS_LANG_ZH && n >= 2 && !strcmp(prefix + n - 2, ": "))
		snprintf(line, sizeof line, "%.*s：%s", (int)(n - 2), prefix, msg);
	else
		snprintf(line, sizeof line, "%s%s", prefix, msg);
	put_line(say_prefix(), line);
}

void cli_say_text(const char *msg)
{
	put_line(say_prefix(), msg);
}

void cli_located(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

void cli_error_diag(const ds_diag *d)
{
	char line[2048];

	ds_diag_format(d, line, sizeof line);
	put_line(d->line ? "" : say_prefix(), line);
}

const char *cli_strerror(int errnum, ds_lang lang)
{
	static const struct {
		int errnum;
		const char *text[2]; /* English (strerror's, unused) and Chinese */
	} known[] = {
		{ENOENT, {M_CLI_ERRNO_ENOENT}},   {EACCES, {M_CLI_ERRNO_EACCES}}, {EISDIR, {M_CLI_ERRNO_EISDIR}},
		{ENOTDIR, {M_CLI_ERRNO_ENOTDIR}}, {ENOSPC, {M_CLI_ERRNO_ENOSPC}}, {EIO, {M_CLI_ERRNO_EIO}},
		{ELOOP, {M_CLI_ERRNO_ELOOP}},     {ENAMETOOLONG, {M_CLI_ERRNO_ENAMETOOLONG}},
		{EMFILE, {M_CLI_ERRNO_EMFILE}},   {EROFS, {M_CLI_ERRNO_EROFS}},   {EPIPE, {M_CLI_ERRNO_EPIPE}},
		{EFBIG, {M_CLI_ERRNO_EFBIG}},
	};
	size_t i;

	for (i = 0; lang == DS_LANG_ZH && i < sizeof known / sizeof known[0]; i++)
		if (known[i].errnum == errnum)
			return known[i].text[1];
	return strerror(errnum);
}
