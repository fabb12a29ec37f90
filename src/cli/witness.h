/* witness.h: a table check's witness spelled as a command (witness.c). */
#ifndef DS_CLI_WITNESS_H
#define DS_CLI_WITNESS_H

#include <dsselect.h>

/*
 * The dsselect command that gives the facts of witness (a JSON object of facts
 * of rs, as ds_problem's witness holds them): "dsselect [--rules R] --flag
 * value ...", each word shell-quoted when it needs it; rules_arg names the
 * table (NULL for the embedded one). A new string (free() it), or NULL when
 * memory runs out or witness is not such an object.
 */
char *cli_witness_command(const ds_ruleset *rs, const char *rules_arg, const char *witness);

#endif
