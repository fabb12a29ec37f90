/* exitcodes.h: dsselect's exit statuses (the contract's table) and their severity. */
#ifndef DS_EXITCODES_H
#define DS_EXITCODES_H

enum {
	DS_EXIT_OK = 0,        /* a recommendation (recommended or default) */
	DS_EXIT_CONFLICT = 1,  /* no model satisfies every hard rule; a fallback is printed */
	DS_EXIT_EXPECT = 2,    /* --expect did not match */
	DS_EXIT_USAGE = 64,    /* unknown flag, bad value */
	DS_EXIT_DATAERR = 65,  /* bad spec */
	DS_EXIT_NOINPUT = 66,  /* an input file cannot be opened */
	DS_EXIT_IOERR = 74,    /* output could not be written */
	DS_EXIT_CONFIG = 78    /* bad rule table */
};

#endif
