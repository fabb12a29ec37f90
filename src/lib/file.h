/* file.h: the library's one whole-file reader (file.c). */
#ifndef DS_FILE_H
#define DS_FILE_H

#include <stddef.h>
#include <dsselect/status.h>

/* Reads a whole file of at most DS_MAX_FILE_SIZE bytes: DS_ERR_IO if it cannot be opened or read, DS_ERR_VALUE if too large. */
ds_status dsi_read_file(const char *path, char **out, size_t *len, ds_diag *diag);

#endif
