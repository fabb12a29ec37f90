/* rules.h: the "dsselect rules ..." commands. */
#ifndef DS_RULES_H
#define DS_RULES_H

/* argv[0] is "rules". Returns the exit status, after printing what there is to print. */
int cli_run_rules(int argc, char **argv);

#endif
