/* sweep.h: dsselect sweep --vary FACT=START:STOP:STEP [--vary ...]: the decision over a range. */
#ifndef DS_SWEEP_H
#define DS_SWEEP_H

/* argv[0] is "sweep"; the other arguments are dsselect's, plus --vary. Returns the exit status. */
int cli_run_sweep(int argc, char **argv);

#endif
