/* svg.h: a sweep's decision map as an SVG picture; the colors of its outcomes, the terminal grid's too. */
#ifndef DS_SVG_H
#define DS_SVG_H

#include <stdio.h>

#include <dsselect.h>

/*
 * One outcome's colors, defined once for the terminal grid and the picture:
 * the grid's SGR code and the RGB that stands for it.
 */
struct cli_hue {
	const char *ansi; /* the grid on a terminal */
	const char *fill; /* a cell: recommended, conflict, no workload */
	const char *tint; /* a cell: the table's default, the same hue lighter */
	const char *ink;  /* the text on fill (on a tint it is dark) */
};

/*
 * The colors of a point: a model's by its index (green, blue, magenta, cyan,
 * yellow, then again), red for a conflict whatever its fallback, dim (gray)
 * for a point that is no workload (model -1).
 */
const struct cli_hue *cli_hue_of(int model, ds_outcome outcome);

/* One axis of a map: a fact and its values as the sweep spells them. */
struct cli_map_axis {
	const char *key;
	const char *unit;          /* "" for none (shown for number and integer facts only) */
	const char *help;          /* in the language */
	const char *const *labels; /* n of them */
	size_t n;
};

/* What a map shows: one axis (a band) or two (rows the first, columns the second). */
struct cli_map {
	const ds_ruleset *rs;
	struct cli_map_axis ax[2];
	size_t nax;
	const int *model;          /* each point's model (its index; -1: no workload), row by row */
	const ds_outcome *outcome; /* each point's outcome */
	size_t nbad;               /* the points that are no workload */
	const char *id;            /* the base spec's id, or NULL */
	const char *fixed;         /* the facts the base spec gives, as a list in the language; "" for none */
};

/*
 * m as one SVG document, in the language of cli_lang(): the cells colored by
 * outcome, a line wherever two neighbours differ, the axes with their facts'
 * units and help, a title with the fixed facts, a legend. No clock, no
 * randomness: the same sweep gives the same bytes. Appends to *out; returns 0,
 * or -1 out of memory.
 */
struct ci_buf;
int cli_svg_map(struct ci_buf *out, const struct cli_map *m);

#endif
