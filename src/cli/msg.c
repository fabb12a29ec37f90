/* msg.c: the CLI's one-line messages on stderr. */
#include <stdarg.h>
#include <stdio.h>

#include "msg.h"

void ds_errorf(const char *fmt, ...)
{
	va_list ap;

	fputs("dsselect: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
