/* sweep.c: the decision at every point of one or two facts' ranges: a table, a grid, CSV or JSON. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitcodes.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "sweep.h"
#include "cli_limits.h"
#include "columns.h"

/* ---- its options: the facts' flags and these; dsselect's others are refused, not ignored ---- */

static const struct cli_word formats[] = {
	{"text", CLI_FMT_TEXT}, {"csv", CLI_FMT_CSV}, {"json", CLI_FMT_JSON}, {"ndjson", CLI_FMT_NDJSON}, {NULL, 0}};
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
};

static int add_label(struct axis *a, const char *text)
{
	char **l;
	size_t i;

	for (i = 0; i < a->n; i++)
		if (!strcmp(a->labels[i], text))
			return 0;
	if (a->n >= CLI_MAX_SWEEP_POINTS) {
		cli_errorf("sweep: --vary %s: more than %d points", a->key, CLI_MAX_SWEEP_POINTS);
		return -1;
	}
	if ((l = realloc(a->labels, (a->n + 1) * sizeof *l)) == NULL || (l[a->n] = strdup(text)) == NULL) {
		if (l)
			a->labels = l;
		cli_errorf("out of memory");
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
	double lo, hi, step, b[256], x;
	ds_fact_type t;
	long k;

	if (kl == 0 || kl >= sizeof key) {
		cli_errorf("sweep: --vary '%s': expected FACT=START:STOP:STEP", arg);
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
		cli_errorf("sweep: --vary: no fact '%s'%s%s%s", key, near ? " (did you mean '" : "", near ? near : "",
		          near ? "'?)" : "");
		return -1;
	}
	a->key = ds_fact_key(rs, (size_t)a->fact);
	t = ds_fact_type_of(rs, (size_t)a->fact);
	if (t == DS_FACT_ENUM || t == DS_FACT_BOOLEAN) {
		if (eq) {
			cli_errorf("sweep: --vary %s: an enum or boolean fact is swept over all its values; give no range",
			          a->key);
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
		cli_errorf("sweep: --vary %s: only number, integer, enum and boolean facts can be swept", a->key);
		return -1;
	}
	if (!eq || sscanf(eq + 1, "%lf:%lf:%lf%63s", &lo, &hi, &step, tmp) != 3 || !isfinite(lo) || !isfinite(hi) ||
	    !isfinite(step) || !(step > 0) || hi < lo) {
		cli_errorf("sweep: --vary '%s': expected %s=START:STOP:STEP with START <= STOP and STEP > 0", arg, a->key);
		return -1;
	}
	if ((hi - lo) / step >= CLI_MAX_SWEEP_POINTS) {
		cli_errorf("sweep: --vary %s: more than %d points", a->key, CLI_MAX_SWEEP_POINTS);
		return -1;
	}
	for (i = 0; (x = lo + (double)i * step) <= hi + step * 1e-9; i++) {
		ds_num_text(x, tmp, sizeof tmp);
		if (add_label(a, tmp))
			return -1;
	}
	k = (long)ds_fact_boundaries(rs, (size_t)a->fact, b, sizeof b / sizeof b[0]);
	for (i = 0; i < (size_t)k;) {
		/* a run of adjacent doubles (a constant and the values just past it): its shortest member */
		size_t j = i + 1, best = i;
		char cand[64];
		ds_num_text(b[i], tmp, sizeof tmp);
		for (; j < (size_t)k && b[j] == nextafter(b[j - 1], INFINITY); j++) {
			ds_num_text(b[j], cand, sizeof cand);
			if (strlen(cand) < strlen(tmp)) {
				strcpy(tmp, cand);
				best = j;
			}
		}
		if (b[best] >= lo && b[best] <= hi && add_label(a, tmp))
			return -1;
		i = j;
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
	return c->model < 0 ? "error" : ds_outcome_str(c->outcome);
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

static int usage(void)
{
	printf("Usage: dsselect sweep --vary FACT=START:STOP:STEP [--vary FACT2=...] [OPTION]...\n"
	       "       (an enum or boolean fact: --vary FACT, every value)\n"
	       "Prints the decision at every point, the other facts from flags or --spec:\n"
	       "a table for one fact, a grid for two; csv, json or ndjson for plotting.\n"
	       "The table's own thresholds inside a range are always among the points.\n"
	       "Formats: --format text|csv|json|ndjson\n"
	       "Options: --spec FILE|-, --rules FILE, --lang LANG, --color WHEN and the facts' flags, as\n"
	       "dsselect takes them (see dsselect --help). It refuses dsselect's others: --batch --changes\n"
	       "  --detect --expect --explain --line-buffered --no-header --spec-dir --summary --version\n"
	       "Example: dsselect sweep --vary gpu_mem=8:80:8 --vary concurrency=50:500:50 --input-tokens 800\n");
	return fflush(stdout) ? DS_EXIT_IOERR : 0;
}

/* The axes of c->vary: at most two, two different facts, not too many points in all. Returns 0 or 64. */
static int axes(struct sweep *w, const struct cli *c)
{
	size_t total;

	if (c->vary.n == 0) {
		cli_errorf("sweep: give at least one --vary FACT=START:STOP:STEP (see dsselect sweep --help)");
		return DS_EXIT_USAGE;
	}
	for (w->nax = 0; w->nax < c->vary.n; w->nax++) {
		if (parse_vary(w->rs, c->vary.v[w->nax], &w->ax[w->nax]))
			return DS_EXIT_USAGE;
		if (w->nax == 1 && w->ax[0].fact == w->ax[1].fact) {
			cli_errorf("sweep: --vary %s twice", w->ax[0].key);
			return DS_EXIT_USAGE;
		}
	}
	w->ny = w->nax == 2 ? w->ax[1].n : 1;
	if ((total = w->ax[0].n * w->ny) > CLI_MAX_SWEEP_TOTAL) {
		cli_errorf("sweep: %zu points in all; the limit is %d (use larger steps)", total, CLI_MAX_SWEEP_TOTAL);
		return DS_EXIT_USAGE;
	}
	return 0;
}

/* Every point evaluated into w->cells; a value the fact refuses is a usage error (64). */
static int evaluate(struct sweep *w, const ds_spec *base)
{
	size_t i, j, at[2];
	ds_diag d;

	if ((w->cells = calloc(w->ax[0].n * w->ny, sizeof *w->cells)) == NULL) {
		cli_errorf("out of memory");
		return DS_EXIT_USAGE;
	}
	for (i = 0; i < w->ax[0].n; i++)
		for (j = 0; j < w->ny; j++) {
			at[0] = i;
			at[1] = j;
			d = cli_diag();
			if (point(w->rs, base, w->ax, w->nax, at, &w->cells[i * w->ny + j], &d, w->nbad ? &d : &w->why)) {
				size_t k = w->nax == 2 && !strcmp(d.key, w->ax[1].key); /* which value was refused */
				cli_errorf("sweep: %s=%s: %s", w->ax[k].key, w->ax[k].labels[at[k]], d.msg[0] ? d.msg : "out of memory");
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
	static const char *const colors[] = {"\033[32m", "\033[34m", "\033[35m", "\033[36m", "\033[33m"};
	const char *id = cell_model(w->rs, c);
	const char *mark = c->model < 0 ? "" : c->outcome == DS_CONFLICT ? "!" : c->outcome == DS_DEFAULT ? "*" : "";
	size_t k;

	fputc(' ', o);
	if (color)
		fputs(c->model < 0 ? "\033[2m" : c->outcome == DS_CONFLICT ? "\033[31m" : colors[(size_t)c->model % 5], o);
	for (k = ds_text_width(id) + strlen(mark); k < width; k++)
		fputc(' ', o);
	fprintf(o, "%s%s%s", id, mark, color ? "\033[0m" : "");
}

/* Two facts: a grid, rows the first, columns the second; columns by display width (values and ids may be CJK). */
static void write_grid(const struct sweep *w, FILE *o, ds_lang lang, int color)
{
	size_t width = widest((const char *const *)w->ax[1].labels, w->ny, widest_model(w->rs, 0) + 1);
	size_t lw = widest((const char *const *)w->ax[0].labels, w->ax[0].n, 0), i, j;

	fprintf(o, "%s \\ %s\n", w->ax[0].key, w->ax[1].key);
	cli_text_fpad(o, "", lw, 0);
	for (j = 0; j < w->ny; j++) {
		fputc(' ', o);
		cli_text_fpad(o, w->ax[1].labels[j], width, 1);
	}
	fputc('\n', o);
	for (i = 0; i < w->ax[0].n; i++) {
		cli_text_fpad(o, w->ax[0].labels[i], lw, 1);
		for (j = 0; j < w->ny; j++)
			grid_cell(w, o, &w->cells[i * w->ny + j], width, color);
		fputc('\n', o);
	}
	fprintf(o, "%s", lang == DS_LANG_ZH
	                     ? "\n图例:模型 = 推荐;模型* = 规则表默认值(没有规则能区分);模型! = 冲突,显示 fallback\n"
	                     : "\nlegend: a model = recommended; model* = the table's default (nothing told them "
	                       "apart); model! = conflict, the fallback shown\n");
}

/* One fact: a table; a column at least as wide as its heading and every entry, by display width. */
static void write_list(const struct sweep *w, FILE *o, ds_lang lang)
{
	int zh = lang == DS_LANG_ZH;
	const char *hm = zh ? "模型" : "model", *hs = zh ? "状态" : "status", *hr = zh ? "规则" : "rules";
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

/* Colors in the grid: --color always, or auto on a terminal with NO_COLOR unset and TERM not dumb. */
static int use_color(const struct cli *c)
{
	const char *term = getenv("TERM");

	if (c->fmt != CLI_FMT_TEXT || c->color == CLI_COLOR_NEVER)
		return 0;
	return c->color == CLI_COLOR_ALWAYS ||
	       (isatty(STDOUT_FILENO) && !getenv("NO_COLOR") && !(term && !strcmp(term, "dumb")));
}

/* The points in c's format on stdout. Returns 0, or 74 when they cannot be written. */
static int write_sweep(const struct sweep *w, const struct cli *c)
{
	FILE *o = stdout;

	if (c->fmt == CLI_FMT_CSV)
		write_csv(w, o);
	else if (c->fmt == CLI_FMT_JSON || c->fmt == CLI_FMT_NDJSON)
		write_json(w, o, c->fmt == CLI_FMT_NDJSON);
	else if (w->nax == 2)
		write_grid(w, o, (ds_lang)c->lang, use_color(c));
	else
		write_list(w, o, (ds_lang)c->lang);
	if (w->nbad && c->fmt == CLI_FMT_TEXT)
		fprintf(o, c->lang == DS_LANG_ZH ? "\n- 表示不成立的事实组合（共 %zu 处），例如：%s\n"
		                                 : "\n- marks a point that is no workload (%zu in all), e.g.: %s\n",
		        w->nbad, w->why.msg);
	if (fflush(o)) {
		cli_errorf("cannot write the output");
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
	    (rc = cli_check_layers(rs, base, &cli)) == 0 && (rc = evaluate(&w, base)) == 0)
		rc = write_sweep(&w, &cli);
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
