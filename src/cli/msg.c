/* msg.c: the CLI's one-line messages on stderr. */
#include <stdarg.h>
#include <stdio.h>

#include "msg.h"

/* One message, cleaned to one line, after prefix. */
static void vmsg(const char *prefix, const char *fmt, va_list ap)
{
	char raw[1024], clean[2048];

	vsnprintf(raw, sizeof raw, fmt, ap);
	ds_text_clean(clean, sizeof clean, raw); /* one line, whatever the user typed */
	fprintf(stderr, "%s%s\n", prefix, clean);
}

void ds_errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("dsselect: ", fmt, ap);
	va_end(ap);
}

void ds_located(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

void ds_error_diag(const ds_diag *d)
{
	char line[1024];

	ds_diag_format(d, line, sizeof line);
	if (d->line)
		fprintf(stderr, "%s\n", line);
	else
		fprintf(stderr, "dsselect: %s\n", line);
}
