/* file.c: the library's one whole-file reader. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "ds_limits.h"
#include "file.h"
#include "msgtext.h"

/* The system's text for errno e in lang: strerror()'s, or in Chinese the catalog's for the common ones. */
static const char *errno_text(int e, ds_lang lang)
{
	if (lang != DS_LANG_ZH)
		return strerror(e);
	switch (e) {
	case ENOENT: return dsi_tr(lang, M_ERRNO_ENOENT);
	case EACCES: return dsi_tr(lang, M_ERRNO_EACCES);
	case EISDIR: return dsi_tr(lang, M_ERRNO_EISDIR);
	case ENOTDIR: return dsi_tr(lang, M_ERRNO_ENOTDIR);
	case ENOSPC: return dsi_tr(lang, M_ERRNO_ENOSPC);
	case EIO: return dsi_tr(lang, M_ERRNO_EIO);
	case ELOOP: return dsi_tr(lang, M_ERRNO_ELOOP);
	case ENAMETOOLONG: return dsi_tr(lang, M_ERRNO_ENAMETOOLONG);
	case EMFILE: return dsi_tr(lang, M_ERRNO_EMFILE);
	case EROFS: return dsi_tr(lang, M_ERRNO_EROFS);
	case EPIPE: return dsi_tr(lang, M_ERRNO_EPIPE);
	default: return strerror(e);
	}
}

/* Reads a whole file of at most DS_MAX_FILE_SIZE bytes ("-" is not special here). */
ds_status dsi_read_file(const char *path, char **out, size_t *len, ds_diag *diag)
{
	ds_lang lang = diag ? diag->lang : DS_LANG_EN;
	FILE *fp;
	char *p = NULL, *q;
	size_t n = 0, cap = 0, got;
	ds_status st = DS_OK;

	*out = NULL;
	if ((fp = fopen(path, "rb")) == NULL) {
		dsi_diag_say(diag, path, 0, 0, NULL, M_FILE_CANNOT_OPEN, errno_text(errno, lang));
		return DS_ERR_IO;
	}
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			if ((q = realloc(p, cap + 1)) == NULL) {
				dsi_diag_say(diag, path, 0, 0, NULL, M_OUT_OF_MEMORY);
				st = DS_ERR_NOMEM;
				goto out;
			}
			p = q;
		}
		got = fread(p + n, 1, cap - n, fp);
		n += got;
		if (n > DS_MAX_FILE_SIZE) {
			dsi_diag_say(diag, path, 0, 0, NULL, M_FILE_TOO_LARGE, DS_MAX_FILE_SIZE >> 20);
			st = DS_ERR_VALUE;
			goto out;
		}
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		dsi_diag_say(diag, path, 0, 0, NULL, M_FILE_CANNOT_READ, errno_text(errno, lang));
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
