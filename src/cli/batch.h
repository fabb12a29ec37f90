/* batch.h: --batch: NDJSON specs in, one result line per record out, streaming. */
#ifndef DS_BATCH_H
#define DS_BATCH_H

#include <dsselect.h>
#include "options.h"
#include "ds_limits.h" /* DS_MAX_LINE */

/* Input is read, and output written, in blocks of this size. */
#define DS_IO_BLOCK (256u << 10)

/*
 * Runs a batch: reads c->batch_path (NULL or "-": stdin), evaluates each
 * non-blank line over the defaults in base, writes one result per record.
 * Returns the exit status: the most severe of the records (65 > 2 > 1 > 0),
 * 66 if the input cannot be opened, 74 if the output cannot be written.
 */
int run_batch(const ds_ruleset *rs, const ds_spec *base, const struct cli *c);

/*
 * The same loop on open descriptors: reads in_fd to its end, writes to out_fd,
 * names the input name in messages. Neither descriptor is closed. (The fuzz
 * target runs it on in-memory files.)
 */
int run_batch_fd(const ds_ruleset *rs, const ds_spec *base, const struct cli *c, int in_fd, int out_fd,
                 const char *name);

#endif
