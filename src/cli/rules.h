/* rules.h: the "dsselect rules ..." commands. */
#ifndef DS_RULES_H
#define DS_RULES_H

#include "options.h"

/* The subcommands, and the options of each (cli_rules_cmds[k] is cli_rules_subs[k]'s). */
#define CLI_RULES_NSUBS 4
extern const char *const cli_rules_subs[CLI_RULES_NSUBS];
extern const struct cli_cmd cli_rules_cmds[CLI_RULES_NSUBS];

/* argv[0] is "rules". Returns the exit status, after printing what there is to print. */
int cli_run_rules(int argc, char **argv);

#endif
