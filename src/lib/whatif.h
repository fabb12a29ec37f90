/* whatif.h: what would change a decision: the nearest change of each fact, and whether the unknown facts can (whatif.c). */
#ifndef DS_WHATIF_H
#define DS_WHATIF_H

#include "decide.h"
#include "specdata.h"

/* One counterfactual: fact set to `to` gives verdict v; the rules that start and stop firing. */
struct change {
	unsigned fact;
	int known;              /* the fact had a value (given or derived) */
	struct value to;
	struct verdict v;
	uint64_t on, off;
	double size;            /* how far from the current value (relative); 1 for other kinds */
	/* numbers: the interval around `to` where the same holds; lo_kind/hi_kind: 0 unbounded, 1 at least/most, 2 above/below */
	int lo_kind, hi_kind;
	double lo, hi;
	/*
	 * The same ends as the text words them (JSON keeps lo and hi): a short
	 * decimal within two doubles of an end ("less than 1.6" rather than
	 * "1.5999999999999996 or less"); else, at the end of a product with no such
	 * decimal, the value of three significant digits inside it ("11.4 or
	 * less" for 80/7) with *_prod (1 + the index of the product in the fact's
	 * products, 0 for none) and *_o (its other factor's value) to name it.
	 */
	int lo_say, hi_say, lo_prod, hi_prod;
	double lo_at, hi_at, lo_o, hi_o;
};
/*
 * The nearest change of each fact that changes verdict cur (fired: the rules
 * firing now, w the working values, spec the given ones), ordered by size,
 * at most max of them into out (room for nfacts). Returns how many.
 */
size_t dsi_whatif_changes(const ds_ruleset *rs, const ds_spec *spec, const struct value *w, uint64_t fired,
                      const struct verdict *cur, struct change *out, size_t max);
/*
 * Whether no assignment of the facts still unknown in w changes verdict cur.
 * When it is not stable and witness is not NULL, *witness gets the facts of
 * one assignment that changes it.
 */
int dsi_whatif_stable(const ds_ruleset *rs, const ds_spec *spec, const struct value *w, uint64_t fired,
                  const struct verdict *cur, uint64_t *witness);

#endif
