/* sweep.c: the decision at every point of one or two facts' ranges: a table, a grid, CSV or JSON. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitcodes.h"
#include "msg.h"
#include "options.h"
#include "sweep.h"
#include "cli_limits.h"
#include "columns.h"


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

/* The shortest text that reads back as v (integers without an exponent). */
static void num(char *out, size_t n, double v)
{
	int prec;

	if (v == floor(v) && fabs(v) < 9007199254740992.0) {
		snprintf(out, n, "%.0f", v);
		return;
	}
	for (prec = 6; prec <= 17; prec++) {
		snprintf(out, n, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
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
		num(tmp, sizeof tmp, x);
		if (add_label(a, tmp))
			return -1;
	}
	k = (long)ds_fact_boundaries(rs, (size_t)a->fact, b, sizeof b / sizeof b[0]);
	for (i = 0; i < (size_t)k;) {
		/* a run of adjacent doubles (a constant and the values just past it): its shortest member */
		size_t j = i + 1, best = i;
		char cand[64];
		num(tmp, sizeof tmp, b[i]);
		for (; j < (size_t)k && b[j] == nextafter(b[j - 1], INFINITY); j++) {
			num(cand, sizeof cand, b[j]);
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

int cli_run_sweep(int argc, char **argv)
{
	static const char *const colors[] = {"\033[32m", "\033[34m", "\033[35m", "\033[36m", "\033[33m"};
	const char *rules_path = cli_prescan_rules(argc, argv);
	struct axis ax[2];
	size_t nax = 0, i, j, nm;
	char **rest = calloc((size_t)argc + 1, sizeof *rest);
	int nrest = 0, rc = 0, color, csv = 0;
	ds_ruleset *rs = NULL;
	ds_spec *base = NULL;
	struct cli cli;
	ds_diag d;
	FILE *o = stdout;

	memset(ax, 0, sizeof ax);
	memset(&cli, 0, sizeof cli);
	memset(&d, 0, sizeof d);
	if (rest == NULL) {
		cli_errorf("out of memory");
		return DS_EXIT_USAGE;
	}
	if ((rules_path ? ds_ruleset_load_file(rules_path, &rs, &d) : ds_ruleset_load_default(&rs, &d)) != DS_OK) {
		cli_error_diag(&d);
		free(rest);
		return d.line ? DS_EXIT_CONFIG : DS_EXIT_NOINPUT;
	}
	rest[nrest++] = argv[0];
	for (i = 1; i < (size_t)argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("Usage: dsselect sweep --vary FACT=START:STOP:STEP [--vary FACT2=...] [OPTION]...\n"
			       "       (an enum or boolean fact: --vary FACT, every value)\n"
			       "Prints the decision at every point, the other facts from flags or --spec:\n"
			       "a table for one fact, a grid for two; csv, json or ndjson for plotting.\n"
			       "The table's own thresholds inside a range are always among the points.\n"
			       "Formats: --format text|csv|json|ndjson\n"
			       "Options: those of dsselect (see dsselect --help); it refuses: --batch --expect --spec-dir\n"
			       "Example: dsselect sweep --vary gpu_mem=8:80:8 --vary concurrency=50:500:50 --input-tokens 800\n");
			rc = fflush(stdout) ? DS_EXIT_IOERR : 0;
			goto out;
		}
	for (i = 1; i < (size_t)argc; i++) {
		const char *a = argv[i], *v = NULL;
		if (!strcmp(a, "--vary") && i + 1 < (size_t)argc)
			v = argv[++i];
		else if (!strncmp(a, "--vary=", 7))
			v = a + 7;
		else if (!strcmp(a, "--vary")) {
			cli_errorf("sweep: --vary needs FACT=START:STOP:STEP");
			rc = DS_EXIT_USAGE;
			goto out;
		}
		if ((!strcmp(a, "--format") && i + 1 < (size_t)argc && !strcmp(argv[i + 1], "csv")) ||
		    !strcmp(a, "--format=csv")) {
			csv = 1; /* a format of sweeps only */
			i += a[8] != '=';
			continue;
		}
		if (!strcmp(a, "--format") || !strncmp(a, "--format=", 9))
			csv = 0; /* the last --format wins */
		if (v == NULL) {
			rest[nrest++] = argv[i];
			continue;
		}
		if (nax == 2) {
			cli_errorf("sweep: at most two --vary");
			rc = DS_EXIT_USAGE;
			goto out;
		}
		if (parse_vary(rs, v, &ax[nax])) {
			rc = DS_EXIT_USAGE;
			goto out;
		}
		if (nax == 1 && ax[0].fact == ax[1].fact) {
			cli_errorf("sweep: --vary %s twice", ax[0].key);
			rc = DS_EXIT_USAGE;
			goto out;
		}
		nax++;
	}
	if (nax == 0) {
		cli_errorf("sweep: give at least one --vary FACT=START:STOP:STEP (see dsselect sweep --help)");
		rc = DS_EXIT_USAGE;
		goto out;
	}
	if (ax[0].n * (nax == 2 ? ax[1].n : 1) > CLI_MAX_SWEEP_TOTAL) {
		cli_errorf("sweep: %zu points in all; the limit is %d (use larger steps)", ax[0].n * (nax == 2 ? ax[1].n : 1),
		          CLI_MAX_SWEEP_TOTAL);
		rc = DS_EXIT_USAGE;
		goto out;
	}
	if ((rc = cli_parse(nrest, rest, rs, &cli)) != 0)
		goto out;
	if (cli.batch || cli.expect || cli.spec_dir) {
		cli_errorf("sweep: --batch, --expect and --spec-dir do not apply to a sweep");
		rc = DS_EXIT_USAGE;
		goto out;
	}
	if (cli.spec_path) {
		FILE *fp = strcmp(cli.spec_path, "-") ? fopen(cli.spec_path, "rb") : stdin;
		char *buf = NULL;
		size_t len = 0, cap = 0, got;
		if (fp == NULL) {
			cli_errorf("%s: cannot open: %s", cli.spec_path, strerror(errno));
			rc = DS_EXIT_NOINPUT;
			goto out;
		}
		do { /* specs are small; the same 16 MiB cap as dsselect --spec */
			if (cap - len < 4096) {
				char *q = realloc(buf, cap = cap ? cap * 2 : 8192);
				if (q == NULL || cap > (16u << 20)) {
					free(q ? q : buf);
					buf = NULL;
					break;
				}
				buf = q;
			}
			got = fread(buf + len, 1, cap - len, fp);
			len += got;
		} while (got > 0);
		if (fp != stdin)
			fclose(fp);
		if (buf == NULL ||
		    ds_spec_parse(rs, buf, len, strcmp(cli.spec_path, "-") ? cli.spec_path : "<stdin>", &base, &d) != DS_OK) {
			free(buf);
			if (buf == NULL)
				cli_errorf("%s: cannot read", cli.spec_path);
			else
				cli_error_diag(&d);
			rc = DS_EXIT_DATAERR;
			goto out;
		}
		free(buf);
		if (ds_spec_merge(base, cli.flags) != DS_OK) {
			rc = DS_EXIT_DATAERR;
			goto out;
		}
	} else if (ds_spec_new(rs, &base) != DS_OK || ds_spec_merge(base, cli.flags) != DS_OK) {
		cli_errorf("out of memory"); /* a copy: cli.flags stays, to name the flags in messages */
		rc = DS_EXIT_USAGE;
		goto out;
	}

	{ /* the facts the sweep keeps must not contradict each other already */
		int by_flag;
		memset(&d, 0, sizeof d);
		if (ds_spec_check(base, cli.flags, &by_flag, &d) != DS_OK) {
			if (cli.spec_path == NULL)
				cli_errorf("%s", d.msg);
			else /* the spec is named, where a value not given as a flag comes from */
				cli_errorf("%s: %s", strcmp(cli.spec_path, "-") ? cli.spec_path : "<stdin>", d.msg);
			rc = by_flag || cli.spec_path == NULL ? DS_EXIT_USAGE : DS_EXIT_DATAERR;
			goto out;
		}
	}
	nm = ds_ruleset_model_count(rs);
	color = !csv && cli.format == DS_FORMAT_TEXT && cli.color != CLI_COLOR_NEVER &&
	        (cli.color == CLI_COLOR_ALWAYS || (isatty(STDOUT_FILENO) && !getenv("NO_COLOR") &&
	                                           !(getenv("TERM") && !strcmp(getenv("TERM"), "dumb"))));
	if (!csv && (cli.format == DS_FORMAT_TSV || cli.format == DS_FORMAT_VALUE || cli.ci)) {
		cli_errorf("sweep: --format is text (a table or grid), csv, json or ndjson");
		rc = DS_EXIT_USAGE;
		goto out;
	}
	{
		size_t ny = nax == 2 ? ax[1].n : 1, at[2], nbad = 0;
		ds_diag why; /* the first point that is no workload: why */
		struct cell *cells = calloc(ax[0].n * ny, sizeof *cells);
		if (cells == NULL) {
			cli_errorf("out of memory");
			rc = DS_EXIT_USAGE;
			goto out;
		}
		for (i = 0; i < ax[0].n; i++)
			for (j = 0; j < ny; j++) {
				at[0] = i;
				at[1] = j;
				memset(&d, 0, sizeof d);
				if (point(rs, base, ax, nax, at, &cells[i * ny + j], &d, nbad ? &d : &why)) {
					size_t k = nax == 2 && !strcmp(d.key, ax[1].key); /* which value was refused */
					cli_errorf("sweep: %s=%s: %s", ax[k].key, ax[k].labels[at[k]], d.msg[0] ? d.msg : "out of memory");
					free(cells);
					rc = DS_EXIT_USAGE;
					goto out;
				}
				nbad += cells[i * ny + j].model < 0;
			}
		if (csv) {
			fprintf(o, "%s%s%s,model,status,refs\n", ax[0].key, nax == 2 ? "," : "", nax == 2 ? ax[1].key : "");
			for (i = 0; i < ax[0].n; i++)
				for (j = 0; j < ny; j++) {
					const struct cell *c = &cells[i * ny + j];
					fprintf(o, "%s%s%s,%s,%s,\"%s\"\n", ax[0].labels[i], nax == 2 ? "," : "",
					        nax == 2 ? ax[1].labels[j] : "", cell_model(rs, c), cell_status(c), c->refs);
				}
		} else if (cli.format == DS_FORMAT_JSON || cli.format == DS_FORMAT_NDJSON) {
			int nd = cli.format == DS_FORMAT_NDJSON; /* one object a line, no array */
			fprintf(o, "%s", nd ? "" : "[");
			for (i = 0; i < ax[0].n; i++)
				for (j = 0; j < ny; j++) {
					const struct cell *c = &cells[i * ny + j];
					fprintf(o, "%s{\"%s\":%s%s%s", nd ? "" : i || j ? ",\n " : "", ax[0].key,
					        ds_fact_type_of(rs, (size_t)ax[0].fact) == DS_FACT_ENUM ? "\"" : "", ax[0].labels[i],
					        ds_fact_type_of(rs, (size_t)ax[0].fact) == DS_FACT_ENUM ? "\"" : "");
					if (nax == 2)
						fprintf(o, ",\"%s\":%s%s%s", ax[1].key,
						        ds_fact_type_of(rs, (size_t)ax[1].fact) == DS_FACT_ENUM ? "\"" : "",
						        ax[1].labels[j],
						        ds_fact_type_of(rs, (size_t)ax[1].fact) == DS_FACT_ENUM ? "\"" : "");
					if (c->model < 0)
						fprintf(o, ",\"model\":null,\"status\":\"error\",\"refs\":\"\"}%s", nd ? "\n" : "");
					else
						fprintf(o, ",\"model\":\"%s\",\"status\":\"%s\",\"refs\":\"%s\"}%s",
						        ds_ruleset_model_id(rs, (size_t)c->model), ds_outcome_str(c->outcome), c->refs,
						        nd ? "\n" : "");
				}
			fprintf(o, "%s", nd ? "" : "]\n");
		} else if (cli.format == DS_FORMAT_TEXT && nax == 2) {
			/* columns by display width (ds_text_width): values and model ids may be CJK, two columns a character */
			size_t w = 0, lw = 0;
			for (i = 0; i < nm; i++)
				w = ds_text_width(ds_ruleset_model_id(rs, i)) > w ? ds_text_width(ds_ruleset_model_id(rs, i)) : w;
			w += 1;
			for (j = 0; j < ny; j++)
				w = ds_text_width(ax[1].labels[j]) > w ? ds_text_width(ax[1].labels[j]) : w;
			for (i = 0; i < ax[0].n; i++)
				lw = ds_text_width(ax[0].labels[i]) > lw ? ds_text_width(ax[0].labels[i]) : lw;
			fprintf(o, "%s \\ %s\n", ax[0].key, ax[1].key);
			cli_text_fpad(o, "", lw, 0);
			for (j = 0; j < ny; j++) {
				fputc(' ', o);
				cli_text_fpad(o, ax[1].labels[j], w, 1);
			}
			fputc('\n', o);
			for (i = 0; i < ax[0].n; i++) {
				cli_text_fpad(o, ax[0].labels[i], lw, 1);
				for (j = 0; j < ny; j++) {
					const struct cell *c = &cells[i * ny + j];
					const char *id = cell_model(rs, c);
					const char *mark = c->model < 0 ? "" : c->outcome == DS_CONFLICT ? "!" : c->outcome == DS_DEFAULT ? "*" : "";
					size_t mw = ds_text_width(id) + strlen(mark), k;
					fputc(' ', o);
					if (color)
						fputs(c->model < 0 ? "\033[2m" : c->outcome == DS_CONFLICT ? "\033[31m" : colors[(size_t)c->model % 5], o);
					for (k = mw; k < w; k++)
						fputc(' ', o);
					fprintf(o, "%s%s%s", id, mark, color ? "\033[0m" : "");
				}
				fputc('\n', o);
			}
			fprintf(o, "%s", cli.lang == DS_LANG_ZH
			                     ? "\n图例:模型 = 推荐;模型* = 规则表默认值(没有规则能区分);模型! = 冲突,显示 fallback\n"
			                     : "\nlegend: a model = recommended; model* = the table's default (nothing told them "
			                       "apart); model! = conflict, the fallback shown\n");
		} else if (cli.format == DS_FORMAT_TEXT) {
			/* a column at least as wide as its heading and every entry, by display width */
			int zh = cli.lang == DS_LANG_ZH;
			const char *hm = zh ? "模型" : "model", *hs = zh ? "状态" : "status", *hr = zh ? "规则" : "rules";
			size_t lw = ds_text_width(ax[0].key), mw = 8, sw = 12;
			for (i = 0; i < ax[0].n; i++)
				lw = ds_text_width(ax[0].labels[i]) > lw ? ds_text_width(ax[0].labels[i]) : lw;
			mw = ds_text_width(hm) > mw ? ds_text_width(hm) : mw;
			for (i = 0; i < nm; i++)
				mw = ds_text_width(ds_ruleset_model_id(rs, i)) > mw ? ds_text_width(ds_ruleset_model_id(rs, i)) : mw;
			sw = ds_text_width(hs) > sw ? ds_text_width(hs) : sw;
			cli_text_fpad(o, ax[0].key, lw, 1);
			fputs("  ", o);
			cli_text_fpad(o, hm, mw, 0);
			fputc(' ', o);
			cli_text_fpad(o, hs, sw, 0);
			fprintf(o, " %s\n", hr);
			for (i = 0; i < ax[0].n; i++) {
				const struct cell *c = &cells[i];
				cli_text_fpad(o, ax[0].labels[i], lw, 1);
				fputs("  ", o);
				cli_text_fpad(o, cell_model(rs, c), mw, 0);
				fputc(' ', o);
				cli_text_fpad(o, cell_status(c), sw, 0);
				fprintf(o, " %s\n", c->refs[0] ? c->refs : "-");
			}
		}
		if (nbad && !csv && cli.format == DS_FORMAT_TEXT)
			fprintf(o, cli.lang == DS_LANG_ZH ? "\n- 表示不成立的事实组合（共 %zu 处），例如：%s\n"
			                                  : "\n- marks a point that is no workload (%zu in all), e.g.: %s\n",
			        nbad, why.msg);
		free(cells);
	}
	if (fflush(o)) {
		cli_errorf("cannot write the output");
		rc = DS_EXIT_IOERR;
	}
out:
	for (i = 0; i < 2; i++) {
		for (j = 0; j < ax[i].n; j++)
			free(ax[i].labels[j]);
		free(ax[i].labels);
	}
	ds_spec_free(base);
	ds_spec_free(cli.flags);
	ds_ruleset_free(rs);
	free(rest);
	return rc;
}
