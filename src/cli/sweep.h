/* sweep.h: dsselect sweep --vary FACT=START:STOP:STEP [--vary ...]: the decision over a range. */
#ifndef DS_SWEEP_H
#define DS_SWEEP_H

#include "options.h"

/* The options of dsselect sweep (besides the rule table's fact flags). */
extern const struct cli_cmd cli_sweep_cmd;

/* argv[0] is "sweep"; the other arguments are its options. Returns the exit status. */
int cli_run_sweep(int argc, char **argv);

#endif
