/* cond.h: evaluating one condition, one derivation, one constraint; a fact's accepted range (cond.c). */
#ifndef DS_COND_H
#define DS_COND_H

#include "table.h"

/* Three-valued logic: a condition over an unknown fact may be unknown. */
enum tv { TV_FALSE = 0, TV_TRUE = 1, TV_UNKNOWN = 2 };
enum tv dsi_cond_eval(const ds_ruleset *rs, const struct cond *c, const struct value *v);
/* The facts a condition reads, a bit each. */
uint64_t dsi_cond_facts(const struct cond *c);
/* Fills absent facts of w from the derivations; updates the mask of set facts; returns those applied. */
uint64_t dsi_derive(const ds_ruleset *rs, struct value *w, uint64_t *given);
/*
 * The first of the table's constraints that given facts v (before derivations)
 * break: its index, or -1. Only those reading a fact of mask are tried (the
 * facts known, or those just changed: a condition over unknown facts alone is
 * unknown, and one over unchanged facts held as before).
 */
long dsi_broken_constraint(const ds_ruleset *rs, const struct value *v, uint64_t mask);
/* The rules among `which` whose condition is true on w. */
uint64_t dsi_rules_true(const ds_ruleset *rs, const struct value *w, uint64_t which);
/* Where x lies against fact f's declared minimum and maximum: -1 below, 1 above, 0 within. */
int dsi_fact_range_side(const struct fact *f, double x);
/* Whether x is a value fact f accepts (its range; finite; integers whole and exact). */
int dsi_fact_accepts(const struct fact *f, double x);
/*
 * The values of a fact on each side of where its product with a factor o
 * crosses k (a × o compared with k): for an integer fact the integers around
 * k / o, for a number the neighbouring doubles where the computed product
 * passes k (rounding included). Writes at most 4 to out; returns how many.
 */
size_t dsi_product_points(const struct fact *f, double k, double o, double *out);
/*
 * The values on each side of, and at, the constant leaf c compares fact f (a
 * number or integer) with, as the what-if search tries them: for an integer
 * the integers around it, for a number the constant and its neighbouring
 * doubles on each side the operator draws. Writes at most 3; returns how many.
 */
size_t dsi_leaf_points(const struct fact *f, const struct cond *c, double *out);
/* The decimal of fewest significant digits (15 at most) in [lo, hi], or NaN when there is none. */
double dsi_short_decimal(double lo, double hi);
/*
 * x rounded down (dir < 0) or up (dir > 0) to three significant digits, and
 * extra more (whole numbers at least): 11.428571428571427 down is 11.4, up 11.5.
 */
double dsi_round_toward(double x, int dir, int extra);
/*
 * Where fact f's product with o crosses k, as a person reads it: for a number
 * k / o when a short decimal lies where it crosses (80 / 50 = 1.6), else the
 * values of three significant digits on each side of it (80 / 3: 26.6 and
 * 26.7); for an integer the integers around k / o. Writes at most 4 to out.
 */
size_t dsi_product_shown(const struct fact *f, double k, double o, double *out);

#endif
