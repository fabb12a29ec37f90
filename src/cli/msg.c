/* msg.c: the CLI's one-line messages on stderr. */
#include <stdarg.h>
#include <stdio.h>

#include "msg.h"

void ds_errorf(const char *fmt, ...)
{
	char raw[1024], clean[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	ds_text_clean(clean, sizeof clean, raw); /* one line, whatever the user typed */
	fprintf(stderr, "dsselect: %s\n", clean);
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

void ds_located(const char *fmt, ...)
{
	char raw[1024], clean[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	ds_text_clean(clean, sizeof clean, raw);
	fprintf(stderr, "%s\n", clean);
}
