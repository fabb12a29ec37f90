/* file.c: the library's one whole-file reader. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "ds_limits.h"
#include "file.h"

/* Reads a whole file of at most DS_MAX_FILE_SIZE bytes ("-" is not special here). */
ds_status dsi_read_file(const char *path, char **out, size_t *len, ds_diag *diag)
{
	FILE *fp;
	char *p = NULL, *q;
	size_t n = 0, cap = 0, got;
	ds_status st = DS_OK;

	*out = NULL;
	if ((fp = fopen(path, "rb")) == NULL) {
		dsi_diag_set(diag, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
		return DS_ERR_IO;
	}
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			if ((q = realloc(p, cap + 1)) == NULL) {
				dsi_diag_set(diag, path, 0, 0, NULL, "out of memory");
				st = DS_ERR_NOMEM;
				goto out;
			}
			p = q;
		}
		got = fread(p + n, 1, cap - n, fp);
		n += got;
		if (n > DS_MAX_FILE_SIZE) {
			dsi_diag_set(diag, path, 0, 0, NULL, "file is larger than the %u MiB limit",
			         DS_MAX_FILE_SIZE >> 20);
			st = DS_ERR_VALUE;
			goto out;
		}
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		dsi_diag_set(diag, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
		st = DS_ERR_IO;
		goto out;
	}
	p[n] = '\0';
	*out = p;
	*len = n;
	p = NULL;
out:
	free(p);
	fclose(fp);
	return st;
}
