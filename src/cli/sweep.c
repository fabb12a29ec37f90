/* sweep.c: the decision at every point of one or two facts' ranges: a table, a grid, CSV, JSON or SVG. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitcodes.h"
#include "input.h"
#include "climsg.h"
#include "msg.h"
#include "options.h"
#include "sweep.h"
#include "cli_limits.h"
#include "columns.h"
#include "ci.h"
#include "svg.h"

/* ---- its options: the facts' flags and these; dsselect's others are refused, not ignored ---- */

static const struct cli_word formats[] = {
	{"text", CLI_FMT_TEXT}, {"csv", CLI_FMT_CSV}, {"json", CLI_FMT_JSON}, {"ndjson", CLI_FMT_NDJSON},
	{"svg", CLI_FMT_SVG}, {NULL, 0}};
static const struct cli_opt sweep_opts[] = {
	{CLI_OPT_COLOR},
	{.name = "format", .kind = CLI_ARG_WORD, .field = offsetof(struct cli, fmt), .given = offsetof(struct cli, format_given),
	 .arg = "FMT", .words = formats},
	{CLI_OPT_HELP},
	{CLI_OPT_LANG},
	{CLI_OPT_RULES},
	{CLI_OPT_SPEC},
	{.name = "vary", .kind = CLI_ARG_LIST, .field = offsetof(struct cli, vary), .arg = "FACT=START:STOP:STEP", .max = 2},
};
const struct cli_cmd cli_sweep_cmd = {"sweep: ", "dsselect sweep", sweep_opts, sizeof sweep_opts / sizeof sweep_opts[0], 1, 0};

struct axis {
	const char *key; /* the fact's spec key */
	long fact;
	char **labels;   /* the values, as flags take them */
	size_t n;
	int ranged;      /* START:STOP:STEP, with lo and hi */
	double lo, hi;
};

static int add_label(struct axis *a, const char *text)
{
	char **l;
	size_t i;

	for (i = 0; i < a->n; i++)
		if (!strcmp(a->labels[i], text))
			return 0;
	if (a->n >= CLI_MAX_SWEEP_POINTS) {
		cli_say(M_SWEEP_TOO_MANY, a->key, CLI_MAX_SWEEP_POINTS);
		return -1;
	}
	if ((l = realloc(a->labels, (a->n + 1) * sizeof *l)) == NULL || (l[a->n] = strdup(text)) == NULL) {
		if (l)
			a->labels = l;
		cli_say(M_CLI_OUT_OF_MEMORY);
		return -1;
	}
	a->labels = l;
	a->n++;
	return 0;
}

static int by_number(const void *x, const void *y)
{
	double a = strtod(*(char *const *)x, NULL), b = strtod(*(char *const *)y, NULL);
	return a < b ? -1 : a > b;
}

/* The decimal places a number's text has (2.25: 2, 5e-3: 3, 2.5e1: 0); -1 for one it cannot say (hex). */
static int decimals(const char *s)
{
	int d = 0, frac = 0;

	for (; *s && *s != ':'; s++) {
		if (*s == '.')
			frac = 1;
		else if (*s == 'e' || *s == 'E') {
			d -= (int)strtol(s + 1, NULL, 10);
			break;
		} else if (*s == 'x' || *s == 'X' || *s == 'n' || *s == 'N' || *s == 'i' || *s == 'I')
			return -1;
		else if (frac && *s >= '0' && *s <= '9')
			d++;
	}
	return d < 0 ? 0 : d;
}

/*
 * The values START, START + STEP, ... up to STOP, as the decimals they stand
 * for: value i is (START + i STEP) counted in units of the last decimal place
 * any of the three has, so a step of 0.1 gives 0.3, not 0.30000000000000004.
 * Texts with more than 15 decimal places (or values too large to count so)
 * are stepped in binary as given.
 */
static int range_labels(struct axis *a, const char *text, double lo, double hi, double step)
{
	const char *stop = strchr(text, ':'), *by = stop ? strchr(stop + 1, ':') : NULL;
	int d = decimals(text), ds = stop ? decimals(stop + 1) : -1, dt = by ? decimals(by + 1) : -1;
	double sc, n0, ns, nh, x;
	char tmp[64];
	size_t i;

	d = d < 0 || ds < 0 || dt < 0 ? -1 : d > ds ? (d > dt ? d : dt) : (ds > dt ? ds : dt);
	sc = d >= 0 && d <= 15 ? pow(10, d) : 0;
	n0 = round(lo * sc);
	ns = round(step * sc);
	nh = round(hi * sc);
	if (sc == 0 || ns < 1 || fabs(n0) >= 9007199254740992.0 || fabs(nh) >= 9007199254740992.0) {
		for (i = 0; (x = lo + (double)i * step) <= hi + step * 1e-9; i++) {
			ds_num_text(x, tmp, sizeof tmp);
			if (add_label(a, tmp))
				return -1;
		}
		return 0;
	}
	for (x = n0; x <= nh; x += ns) { /* whole numbers below 2^53: exact */
		ds_num_text(x / sc, tmp, sizeof tmp); /* one rounding: the double nearest the decimal */
		if (add_label(a, tmp))
			return -1;
	}
	return 0;
}

/*
 * --vary KEY=START:STOP:STEP for a number or integer fact (the table's own
 * boundaries inside the range are added, so each change shows where it
 * happens), KEY for an enum or boolean fact (every value).
 */
static int parse_vary(const ds_ruleset *rs, const char *arg, struct axis *a)
{
	char key[128], tmp[64];
	const char *eq = strchr(arg, '=');
	size_t kl = eq ? (size_t)(eq - arg) : strlen(arg), i;
	double lo, hi, step;
	ds_fact_type t;
	long k;

	if (kl == 0 || kl >= sizeof key) {
		cli_say(M_SWEEP_VARY_FORM, arg);
		return -1;
	}
	memcpy(key, arg, kl);
	key[kl] = '\0';
	for (i = 0; i < kl; i++)
		if (key[i] == '-')
			key[i] = '_'; /* the flag's spelling is fine too */
	if ((a->fact = ds_ruleset_fact_by_key(rs, key)) < 0) {
		const char *cands[64];
		size_t nf = ds_ruleset_fact_count(rs), j;
		for (j = 0; j < nf && j < 64; j++)
			cands[j] = ds_fact_key(rs, j);
		const char *near = ds_nearest_word(key, cands, j);
		if (near)
			cli_say(M_SWEEP_NO_FACT_NEAR, key, near);
		else
			cli_say(M_SWEEP_NO_FACT, key);
		return -1;
	}
	a->key = ds_fact_key(rs, (size_t)a->fact);
	t = ds_fact_type_of(rs, (size_t)a->fact);
	if (t == DS_FACT_ENUM || t == DS_FACT_BOOLEAN) {
		if (eq) {
			cli_say(M_SWEEP_NO_RANGE, a->key);
			return -1;
		}
		if (t == DS_FACT_BOOLEAN)
			return add_label(a, "false") || add_label(a, "true") ? -1 : 0;
		for (k = 0; k < (long)ds_fact_value_count(rs, (size_t)a->fact); k++)
			if (add_label(a, ds_fact_value(rs, (size_t)a->fact, (size_t)k)))
				return -1;
		return 0;
	}
	if (t != DS_FACT_NUMBER && t != DS_FACT_INTEGER) {
		cli_say(M_SWEEP_KIND, a->key);
		return -1;
	}
	if (!eq || sscanf(eq + 1, "%lf:%lf:%lf%63s", &lo, &hi, &step, tmp) != 3 || !isfinite(lo) || !isfinite(hi) ||
	    !isfinite(step) || !(step > 0) || hi < lo) {
		cli_say(M_SWEEP_RANGE, arg, a->key);
		return -1;
	}
	if ((hi - lo) / step >= CLI_MAX_SWEEP_POINTS) {
		cli_say(M_SWEEP_TOO_MANY, a->key, CLI_MAX_SWEEP_POINTS);
		return -1;
	}
	a->ranged = 1;
	a->lo = lo;
	a->hi = hi;
	return range_labels(a, eq + 1, lo, hi, step);
}

/*
 * The table's boundaries inside a range, the other facts as in spec: those
 * a product draws only where its other factor is given (or derived), never
 * for a factor that is the other axis (each of its values would add rows).
 */
static int add_boundaries(const ds_ruleset *rs, struct axis *a, const ds_spec *spec)
{
	double b[1024];
	char tmp[64];
	size_t k = ds_fact_boundaries_at(rs, (size_t)a->fact, spec, b, sizeof b / sizeof b[0]), i;

	for (i = 0; i < k; i++) {
		ds_num_text(b[i], tmp, sizeof tmp);
		if (b[i] >= a->lo && b[i] <= a->hi && add_label(a, tmp))
			return -1;
	}
	qsort(a->labels, a->n, sizeof *a->labels, by_number);
	return 0;
}


struct cell {
	int model;      /* index, the recommendation or the fallback; -1: no such workload */
	ds_outcome outcome;
	char refs[256];
};

/* A cell's model and status as written: "-" and "error" for a point no spec can be. */
static const char *cell_model(const ds_ruleset *rs, const struct cell *c)
{
	return c->model < 0 ? "-" : ds_ruleset_model_id(rs, (size_t)c->model);
}

static const char *cell_status(const struct cell *c)
{
	return c->model < 0 ? cli_tr(M_OUTCOME_ERROR) : cli_outcome_word(c->outcome);
}

static int point(const ds_ruleset *rs, const ds_spec *base, struct axis *ax, size_t nax, const size_t *at,
                 struct cell *c, ds_diag *d, ds_diag *why)
{
	ds_spec *s = NULL;
	ds_result *r = NULL;
	size_t i, m, used = 0;
	int rc = -1;

	if (ds_spec_new(rs, &s) != DS_OK || ds_spec_merge(s, base) != DS_OK)
		goto out;
	for (i = 0; i < nax; i++) {
		const char *v = ax[i].labels[at[i]];
		ds_status st = ds_fact_type_of(rs, (size_t)ax[i].fact) == DS_FACT_BOOLEAN
		                   ? ds_spec_set_bool(s, ax[i].key, !strcmp(v, "true"), d)
		                   : ds_spec_set_text(s, ax[i].key, v, d);
		if (st != DS_OK)
			goto out;
	}
	if (ds_spec_check(s, NULL, NULL, why) != DS_OK) { /* e.g. gpus 0 with GPU memory: a point no spec can be */
		c->model = -1;
		c->refs[0] = '\0';
		rc = 0;
		goto out;
	}
	if (ds_evaluate_ex(rs, s, DS_CHANGES_OFF, &r) != DS_OK)
		goto out;
	c->outcome = ds_result_outcome(r);
	for (m = 0; m < ds_ruleset_model_count(rs) && ds_ruleset_model_id(rs, m) != ds_result_model(r); m++)
		;
	c->model = (int)m;
	c->refs[0] = '\0';
	for (i = 0; i < ds_result_reason_count(r); i++) { /* by label: two rules citing one ref are told apart */
		const char *ref = ds_result_reason_label(r, i);
		used += (size_t)snprintf(c->refs + used, used < sizeof c->refs ? sizeof c->refs - used : 0, "%s%s",
		                         used ? "," : "", ref);
		if (used >= sizeof c->refs)
			break;
	}
	rc = 0;
out:
	ds_result_free(r);
	ds_spec_free(s);
	return rc;
}

/* Every point of the axes, evaluated; nbad of them no workload, why the first one. */
struct sweep {
	const ds_ruleset *rs;
	struct axis ax[2];
	size_t nax, ny;     /* ny: the second axis's points, 1 without one */
	struct cell *cells; /* ax[0].n * ny, row by row */
	size_t nbad;
	ds_diag why;
};

/* The points in all, within the limit: 0, or 64. */
static int count_points(struct sweep *w)
{
	size_t total;

	w->ny = w->nax == 2 ? w->ax[1].n : 1;
	if ((total = w->ax[0].n * w->ny) > CLI_MAX_SWEEP_TOTAL) {
		cli_say(M_SWEEP_TOTAL, total, CLI_MAX_SWEEP_TOTAL);
		return DS_EXIT_USAGE;
	}
	return 0;
}

/* Every ranged axis's boundaries, the facts of base as given, the other axis's unknown. Returns 0 or 64. */
static int boundaries(struct sweep *w, const ds_spec *base)
{
	ds_spec *s = NULL;
	size_t k;
	int rc = 0;

	for (k = 0; k < w->nax && rc == 0; k++) {
		if (!w->ax[k].ranged)
			continue;
		if (ds_spec_new(w->rs, &s) != DS_OK || ds_spec_merge(s, base) != DS_OK ||
		    (w->nax == 2 && ds_spec_unset(s, w->ax[1 - k].key) != DS_OK)) {
			cli_say(M_CLI_OUT_OF_MEMORY);
			rc = DS_EXIT_USAGE;
		} else if (add_boundaries(w->rs, &w->ax[k], s))
			rc = DS_EXIT_USAGE;
		ds_spec_free(s);
		s = NULL;
	}
	return rc ? rc : count_points(w);
}

static int usage(void)
{
	const char *text = cli_tr(M_SWEEP_USAGE);

	return cli_emit(text, strlen(text), 1) ? DS_EXIT_IOERR : 0;
}

/* The axes of c->vary: at most two, two different facts, not too many points in all. Returns 0 or 64. */
static int axes(struct sweep *w, const struct cli *c)
{
	if (c->vary.n == 0) {
		cli_say(M_SWEEP_NO_VARY);
		return DS_EXIT_USAGE;
	}
	for (w->nax = 0; w->nax < c->vary.n; w->nax++) {
		if (parse_vary(w->rs, c->vary.v[w->nax], &w->ax[w->nax]))
			return DS_EXIT_USAGE;
		if (c->flags && ds_spec_has(c->flags, w->ax[w->nax].key)) { /* the flag would be overwritten at every point */
			const char *flag = ds_fact_flag(w->rs, (size_t)w->ax[w->nax].fact);
			cli_say(M_SWEEP_VARIED_FLAG, flag, w->ax[w->nax].key, flag);
			return DS_EXIT_USAGE;
		}
		if (w->nax == 1 && w->ax[0].fact == w->ax[1].fact) {
			cli_say(M_SWEEP_TWICE, w->ax[0].key);
			return DS_EXIT_USAGE;
		}
	}
	return count_points(w);
}

/* Every point evaluated into w->cells; a value the fact refuses is a usage error (64). */
static int evaluate(struct sweep *w, const ds_spec *base)
{
	size_t i, j, at[2];
	ds_diag d;

	if ((w->cells = calloc(w->ax[0].n * w->ny, sizeof *w->cells)) == NULL) {
		cli_say(M_CLI_OUT_OF_MEMORY);
		return DS_EXIT_USAGE;
	}
	for (i = 0; i < w->ax[0].n; i++)
		for (j = 0; j < w->ny; j++) {
			at[0] = i;
			at[1] = j;
			d = cli_diag();
			if (point(w->rs, base, w->ax, w->nax, at, &w->cells[i * w->ny + j], &d, w->nbad ? &d : &w->why)) {
				size_t k = w->nax == 2 && !strcmp(d.key, w->ax[1].key); /* which value was refused */
				cli_say(M_SWEEP_POINT, w->ax[k].key, w->ax[k].labels[at[k]], d.msg[0] ? d.msg : cli_tr(M_CLI_OUT_OF_MEMORY));
				return DS_EXIT_USAGE;
			}
			w->nbad += w->cells[i * w->ny + j].model < 0;
		}
	return 0;
}

static void write_csv(const struct sweep *w, FILE *o)
{
	size_t i, j;
	int two = w->nax == 2;

	fprintf(o, "%s%s%s,model,status,refs\n", w->ax[0].key, two ? "," : "", two ? w->ax[1].key : "");
	for (i = 0; i < w->ax[0].n; i++)
		for (j = 0; j < w->ny; j++) {
			const struct cell *c = &w->cells[i * w->ny + j];
			fprintf(o, "%s%s%s,%s,%s,\"%s\"\n", w->ax[0].labels[i], two ? "," : "", two ? w->ax[1].labels[j] : "",
			        cell_model(w->rs, c), cell_status(c), c->refs);
		}
}

/* An axis's value in JSON: a string for an enum, else as it is (a number, true, false). */
static void json_value(const struct sweep *w, FILE *o, size_t k, size_t at)
{
	const char *q = ds_fact_type_of(w->rs, (size_t)w->ax[k].fact) == DS_FACT_ENUM ? "\"" : "";

	fprintf(o, "\"%s\":%s%s%s", w->ax[k].key, q, w->ax[k].labels[at], q);
}

/* JSON: an array of points; ndjson: one object a line. */
static void write_json(const struct sweep *w, FILE *o, int nd)
{
	size_t i, j;

	fprintf(o, "%s", nd ? "" : "[");
	for (i = 0; i < w->ax[0].n; i++)
		for (j = 0; j < w->ny; j++) {
			const struct cell *c = &w->cells[i * w->ny + j];
			fprintf(o, "%s{", nd ? "" : i || j ? ",\n " : "");
			json_value(w, o, 0, i);
			if (w->nax == 2) {
				fputc(',', o);
				json_value(w, o, 1, j);
			}
			if (c->model < 0)
				fprintf(o, ",\"model\":null,\"status\":\"error\",\"refs\":\"\"}%s", nd ? "\n" : "");
			else
				fprintf(o, ",\"model\":\"%s\",\"status\":\"%s\",\"refs\":\"%s\"}%s",
				        ds_ruleset_model_id(w->rs, (size_t)c->model), ds_outcome_str(c->outcome), c->refs,
				        nd ? "\n" : "");
		}
	fprintf(o, "%s", nd ? "" : "]\n");
}

/* The widest of n texts, in display columns, and at least least. */
static size_t widest(const char *const *texts, size_t n, size_t least)
{
	size_t i, w = least;

	for (i = 0; i < n; i++)
		w = ds_text_width(texts[i]) > w ? ds_text_width(texts[i]) : w;
	return w;
}

/* The widest model id of the table, in display columns. */
static size_t widest_model(const ds_ruleset *rs, size_t least)
{
	size_t i, w = least;

	for (i = 0; i < ds_ruleset_model_count(rs); i++)
		w = ds_text_width(ds_ruleset_model_id(rs, i)) > w ? ds_text_width(ds_ruleset_model_id(rs, i)) : w;
	return w;
}

/* One cell of the grid, right-aligned in w columns: the model, * for a default, ! for a conflict. */
static void grid_cell(const struct sweep *w, FILE *o, const struct cell *c, size_t width, int color)
{
	const char *id = cell_model(w->rs, c);
	const char *mark = c->model < 0 ? "" : c->outcome == DS_CONFLICT ? "!" : c->outcome == DS_DEFAULT ? "*" : "";
	size_t k;

	fputc(' ', o);
	if (color)
		fputs(cli_hue_of(c->model, c->outcome)->ansi, o); /* the picture's colors too (svg.c) */
	for (k = ds_text_width(id) + strlen(mark); k < width; k++)
		fputc(' ', o);
	fprintf(o, "%s%s%s", id, mark, color ? "\033[0m" : "");
}

/*
 * Two facts: a grid, rows the first, columns the second; each column as wide
 * as its own heading and the widest cell (a model and its mark), by display
 * width (values and ids may be CJK), so that one long heading widens one column.
 */
static void write_grid(const struct sweep *w, FILE *o, int color)
{
	size_t cw = widest_model(w->rs, 0) + 1, lw = widest((const char *const *)w->ax[0].labels, w->ax[0].n, 0), i, j;

	fprintf(o, "%s \\ %s\n", w->ax[0].key, w->ax[1].key);
	cli_text_fpad(o, "", lw, 0);
	for (j = 0; j < w->ny; j++) {
		fputc(' ', o);
		cli_text_fpad(o, w->ax[1].labels[j], widest((const char *const *)&w->ax[1].labels[j], 1, cw), 1);
	}
	fputc('\n', o);
	for (i = 0; i < w->ax[0].n; i++) {
		cli_text_fpad(o, w->ax[0].labels[i], lw, 1);
		for (j = 0; j < w->ny; j++)
			grid_cell(w, o, &w->cells[i * w->ny + j],
			          widest((const char *const *)&w->ax[1].labels[j], 1, cw), color);
		fputc('\n', o);
	}
	fputs(cli_tr(M_SWEEP_LEGEND), o);
}

/* One fact: a table; a column at least as wide as its heading and every entry, by display width. */
static void write_list(const struct sweep *w, FILE *o)
{
	const char *hm = cli_tr(M_SWEEP_HEAD_MODEL), *hs = cli_tr(M_SWEEP_HEAD_STATUS), *hr = cli_tr(M_SWEEP_HEAD_RULES);
	size_t lw = widest((const char *const *)w->ax[0].labels, w->ax[0].n, ds_text_width(w->ax[0].key));
	size_t mw = widest_model(w->rs, widest(&hm, 1, 8)), sw = widest(&hs, 1, 12), i;

	cli_text_fpad(o, w->ax[0].key, lw, 1);
	fputs("  ", o);
	cli_text_fpad(o, hm, mw, 0);
	fputc(' ', o);
	cli_text_fpad(o, hs, sw, 0);
	fprintf(o, " %s\n", hr);
	for (i = 0; i < w->ax[0].n; i++) {
		const struct cell *c = &w->cells[i];
		cli_text_fpad(o, w->ax[0].labels[i], lw, 1);
		fputs("  ", o);
		cli_text_fpad(o, cell_model(w->rs, c), mw, 0);
		fputc(' ', o);
		cli_text_fpad(o, cell_status(c), sw, 0);
		fprintf(o, " %s\n", c->refs[0] ? c->refs : "-");
	}
}

/* A fact's value in the JSON of a result, as a flag takes it: 24, contract-extraction, true, code,logs. */
static int json_word(const cJSON *v, struct ci_buf *b)
{
	const cJSON *it;
	char tmp[64];

	if (cJSON_IsNumber(v)) {
		ds_num_text(v->valuedouble, tmp, sizeof tmp);
		return cli_ci_puts(b, tmp);
	}
	if (cJSON_IsString(v))
		return cli_ci_puts(b, v->valuestring);
	if (cJSON_IsBool(v))
		return cli_ci_puts(b, cJSON_IsTrue(v) ? "true" : "false");
	cJSON_ArrayForEach(it, v) /* a set: its values, as --data takes them */
		if (!cJSON_IsString(it) || (it != v->child && cli_ci_puts(b, ",")) || cli_ci_puts(b, it->valuestring))
			return -1;
	return 0;
}

/*
 * The facts base gives (from --spec and the flags; not those derived from
 * them, not the axes), "key value" each, as a list in the language, into b:
 * the values read back from the JSON of base's result, which writes each
 * fact as JSON. Returns 0, or -1 out of memory.
 */
static int fixed_facts(const struct sweep *w, const ds_spec *base, struct ci_buf *b)
{
	ds_result *r = NULL;
	char *json = NULL;
	cJSON *root = NULL;
	const cJSON *v;
	int rc = -1, n = 0;

	if (cli_ci_puts(b, "") || ds_evaluate_ex(w->rs, base, DS_CHANGES_OFF, &r) != DS_OK ||
	    ds_render(r, DS_FORMAT_JSON, DS_LANG_EN, &json, NULL) != DS_OK || (root = cJSON_Parse(json)) == NULL)
		goto out;
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(root, "facts")) {
		if (!ds_spec_has(base, v->string) || !strcmp(v->string, w->ax[0].key) ||
		    (w->nax == 2 && !strcmp(v->string, w->ax[1].key)))
			continue;
		if ((n++ && cli_ci_puts(b, cli_tr(M_WORD_LIST_SEP))) || cli_ci_puts(b, v->string) || cli_ci_puts(b, " ") ||
		    json_word(v, b))
			goto out;
	}
	rc = 0;
out:
	cJSON_Delete(root);
	free(json);
	ds_result_free(r);
	return rc;
}

/* The points as an SVG picture (svg.c): a band for one fact, a map for two. Returns 0, or -1 out of memory. */
static int write_svg(const struct sweep *w, const ds_spec *base, FILE *o)
{
	struct ci_buf fixed = {NULL, 0, 0, 0}, doc = {NULL, 0, 0, 0};
	struct cli_map m;
	size_t n = w->ax[0].n * w->ny, i;
	int *model = malloc(n * sizeof *model), rc = -1;
	ds_outcome *outcome = malloc(n * sizeof *outcome);

	memset(&m, 0, sizeof m);
	if (model == NULL || outcome == NULL || fixed_facts(w, base, &fixed))
		goto out;
	for (i = 0; i < n; i++) {
		model[i] = w->cells[i].model;
		outcome[i] = w->cells[i].outcome;
	}
	m.rs = w->rs;
	m.nax = w->nax;
	for (i = 0; i < w->nax; i++) {
		ds_fact_type t = ds_fact_type_of(w->rs, (size_t)w->ax[i].fact);
		m.ax[i].key = w->ax[i].key;
		m.ax[i].unit = t == DS_FACT_NUMBER || t == DS_FACT_INTEGER ? ds_fact_unit(w->rs, (size_t)w->ax[i].fact) : "";
		m.ax[i].help = ds_fact_help(w->rs, (size_t)w->ax[i].fact, cli_lang());
		m.ax[i].labels = (const char *const *)w->ax[i].labels;
		m.ax[i].n = w->ax[i].n;
	}
	m.model = model;
	m.outcome = outcome;
	m.nbad = w->nbad;
	m.id = ds_spec_id(base, NULL);
	m.fixed = fixed.p;
	if (cli_svg_map(&doc, &m) == 0) {
		fwrite(doc.p, 1, doc.len, o);
		rc = 0;
	}
out:
	free(model);
	free(outcome);
	free(fixed.p);
	free(doc.p);
	return rc;
}

/* The points in c's format on stdout. Returns 0, or 74 when they cannot be written. */
static int write_sweep(const struct sweep *w, const struct cli *c, const ds_spec *base)
{
	FILE *o = stdout;

	if (c->fmt == CLI_FMT_SVG) {
		if (write_svg(w, base, o)) {
			cli_say(M_CLI_OUT_OF_MEMORY);
			return DS_EXIT_USAGE;
		}
	} else if (c->fmt == CLI_FMT_CSV)
		write_csv(w, o);
	else if (c->fmt == CLI_FMT_JSON || c->fmt == CLI_FMT_NDJSON)
		write_json(w, o, c->fmt == CLI_FMT_NDJSON);
	else if (w->nax == 2)
		write_grid(w, o, cli_color_on(c));
	else
		write_list(w, o);
	if (w->nbad && c->fmt == CLI_FMT_TEXT)
		fprintf(o, cli_tr(M_SWEEP_NO_WORKLOAD), w->nbad, w->why.msg);
	if (fflush(o)) {
		cli_say(M_CLI_WRITE_FAILED, cli_strerror(errno, cli_lang()));
		return DS_EXIT_IOERR;
	}
	return 0;
}

int cli_run_sweep(int argc, char **argv)
{
	struct sweep w;
	ds_ruleset *rs = NULL;
	ds_spec *base = NULL;
	struct cli cli;
	size_t i, j;
	int rc;

	memset(&w, 0, sizeof w);
	w.why = cli_diag();
	memset(&cli, 0, sizeof cli);
	w.why = cli_diag();
	if ((rc = cli_load_table(cli_prescan_rules(argc, argv), &rs)) != 0)
		goto out;
	w.rs = rs;
	if ((rc = cli_parse_cmd(&cli_sweep_cmd, argc, argv, rs, &cli)) != 0)
		goto out;
	if (cli.help) {
		rc = usage();
		goto out;
	}
	if ((rc = cli_check_flags(&cli)) == 0 && (rc = axes(&w, &cli)) == 0 && (rc = cli_build_spec(rs, &cli, &base)) == 0 &&
	    (rc = cli_check_layers(rs, base, &cli)) == 0 && (rc = boundaries(&w, base)) == 0 &&
	    (rc = evaluate(&w, base)) == 0)
		rc = write_sweep(&w, &cli, base);
out:
	for (i = 0; i < 2; i++) {
		for (j = 0; j < w.ax[i].n; j++)
			free(w.ax[i].labels[j]);
		free(w.ax[i].labels);
	}
	free(w.cells);
	ds_spec_free(base);
	ds_spec_free(cli.flags);
	ds_ruleset_free(rs);
	return rc;
}
