/* detect.c: --detect: GPUs from nvidia-smi, the platform from the environment. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "climsg.h"
#include "detect.h"
#include "msg.h"

#define NVIDIA_SMI "nvidia-smi --query-gpu=name,memory.total --format=csv,noheader"

/* A message of climsg.h into buf (size n) in lang; returns what snprintf does. */
static int say(char *buf, size_t n, ds_lang lang, const char *en, const char *zh, ...)
    __attribute__((format(printf, 4, 6)));
static int say(char *buf, size_t n, ds_lang lang, const char *en, const char *zh, ...)
{
	va_list ap;
	int w;

	va_start(ap, zh);
	w = vsnprintf(buf, n, lang == DS_LANG_ZH ? zh : en, ap);
	va_end(ap);
	return w;
}

/* The text of a message of climsg.h in lang. */
static const char *tr(ds_lang lang, const char *en, const char *zh)
{
	return lang == DS_LANG_ZH ? zh : en;
}

/* Lower-case letters and digits only: "NVIDIA A10G" and "a10g" compare as "nvidiaa10g" and "a10g". */
static void squash(const char *in, char *out, size_t n)
{
	size_t o = 0;

	for (; *in && o + 1 < n; in++)
		if (isalnum((unsigned char)*in))
			out[o++] = (char)tolower((unsigned char)*in);
	out[o] = '\0';
}

/* Whether part (squashed) is one or more consecutive words of the name (each squashed): "rtx3060" is
 * "RTX 3060", "t4" is in "Tesla T4" but not in "NVIDIA T400". */
static int has_words(char (*words)[64], size_t nw, const char *part)
{
	size_t i, j, len = strlen(part);

	for (i = 0; i < nw; i++) {
		size_t at = 0;
		for (j = i; j < nw && at < len; j++) {
			size_t l = strlen(words[j]);
			if (strncmp(part + at, words[j], l))
				break;
			at += l;
		}
		if (at == len && len > 0)
			return 1;
	}
	return 0;
}

/*
 * The index of the table's value for a GPU name, or -1: a value matches when
 * each of its dash-separated parts is one or more consecutive words of the
 * name, letters and digits only, in any case ("a100-80gb" in "NVIDIA
 * A100-SXM4-80GB": "a100" and "80gb"), and the match whose parts are longest
 * in all wins ("a100-80gb" over "a100").
 */
static long model_of(const ds_ruleset *rs, long fi, const char *name)
{
	char words[32][64], part[256];
	size_t nw = 0, j, bestlen = 0;
	const char *p = name;
	long best = -1;

	while (*p && nw < 32) { /* the name's words: runs of letters and digits */
		size_t o = 0;
		while (*p && !isalnum((unsigned char)*p))
			p++;
		for (; isalnum((unsigned char)*p); p++)
			if (o + 1 < sizeof words[0])
				words[nw][o++] = (char)tolower((unsigned char)*p);
		words[nw][o] = '\0';
		nw += o > 0;
	}
	for (j = 0; fi >= 0 && j < ds_fact_value_count(rs, (size_t)fi); j++) {
		const char *val = ds_fact_value(rs, (size_t)fi, j), *q = val;
		size_t len = 0;
		int all = 1;
		while (all && *q) {
			size_t k = strcspn(q, "-");
			char raw[256];
			snprintf(raw, sizeof raw, "%.*s", (int)(k < sizeof raw ? k : sizeof raw - 1), q);
			squash(raw, part, sizeof part);
			if (*part && !has_words(words, nw, part))
				all = 0;
			len += strlen(part);
			q += k + (q[k] == '-');
		}
		if (all && len > bestlen) {
			best = (long)j;
			bestlen = len;
		}
	}
	return best;
}

/*
 * The catalog's size for a GPU model (GB): what the table derives for
 * gpu_mem from gpu_model alone, through the library like any other spec;
 * 0 when it derives none (a table without a catalog, or a model it does not size).
 */
static double catalog_lookup(const ds_ruleset *rs, const char *model)
{
	ds_spec *spec = NULL;
	ds_result *res = NULL;
	ds_diag d = cli_diag();
	double v = 0, got;

	if (ds_spec_new(rs, &spec) == DS_OK && ds_spec_set_text(spec, "gpu_model", model, &d) == DS_OK &&
	    ds_evaluate_ex(rs, spec, DS_CHANGES_OFF, &res) == DS_OK && ds_result_number(res, "gpu_mem", &got) &&
	    got > 0 && got <= 1e9)
		v = got;
	ds_result_free(res);
	ds_spec_free(spec);
	return v;
}

/* The catalog's sizes looked up in one run, by the index of the model's value. */
struct catalog {
	const ds_ruleset *rs;
	long fact;      /* gpu_model, or -1 */
	double *size;   /* per value: < 0 not looked up yet; NULL: no cache (out of memory) */
};

static double catalog_size(struct catalog *c, long j)
{
	const char *model;

	if (c->fact < 0 || j < 0)
		return 0;
	if (c->size && c->size[j] >= 0)
		return c->size[j];
	model = ds_fact_value(c->rs, (size_t)c->fact, (size_t)j);
	if (!c->size)
		return catalog_lookup(c->rs, model);
	return c->size[j] = catalog_lookup(c->rs, model);
}

/*
 * The first size a GPU's name states, in GB: a number (a fraction allowed)
 * followed by "GB", perhaps after one space or dash, in any case: 40 in
 * "NVIDIA A100-SXM4-40GB", 80 in "NVIDIA H100 80GB HBM3"; 0 when none.
 */
static double stated_size(const char *name)
{
	const char *p, *q;

	for (p = name; *p; p++) {
		double v = 0, scale = 1;
		if (!isdigit((unsigned char)*p) || (p > name && (isdigit((unsigned char)p[-1]) || p[-1] == '.')))
			continue; /* a number starts here, not inside one */
		for (q = p; isdigit((unsigned char)*q); q++)
			v = v * 10 + (*q - '0');
		if (*q == '.' && isdigit((unsigned char)q[1]))
			for (q++; isdigit((unsigned char)*q); q++)
				v += (*q - '0') * (scale /= 10);
		if (*q == ' ' || *q == '-')
			q++;
		if (tolower((unsigned char)q[0]) == 'g' && tolower((unsigned char)q[1]) == 'b' && v > 0 && v <= 1e9)
			return v;
	}
	return 0;
}

/* Where a board's nominal memory came from (the warning says which). */
enum source { FROM_CATALOG, FROM_NAME, FROM_REPORT };

/* One board, as its nominal memory was found. */
struct board {
	char name[256];
	double mib;    /* what nvidia-smi reports */
	long model;    /* the table's gpu_model value it is taken as, or -1 */
	long misfit;   /* a model the catalog sizes, but not as this board reports: -1 if none */
	double misfit_gb; /* that model's catalog size */
	double gb;     /* its nominal memory */
	enum source from;
};

/*
 * A board's nominal memory: the catalog's size for the model its name
 * matches, if what it reports fits that size (90% to 102% of it: boards
 * report a little less than nominal, a T4 15 GiB of 16, an A100 39.59 of 40;
 * a name match alone is fuzzy, an "RTX 3060 Laptop GPU" has 6 GB); else a size
 * its name states; else the reported MiB / 1024 rounded to a whole GB, at
 * least 1 (a GPU has memory, and gpu_mem 0 means CPU only). A board that
 * does not fit its model's catalog size is not taken as that model.
 */
static void nominal(struct catalog *c, const char *name, double mib, struct board *b)
{
	double gib = mib / 1024, cat, said;

	snprintf(b->name, sizeof b->name, "%s", name);
	b->mib = mib;
	b->model = model_of(c->rs, c->fact, name);
	b->misfit = -1;
	b->misfit_gb = 0;
	cat = catalog_size(c, b->model);
	if (cat > 0 && gib >= 0.90 * cat && gib <= 1.02 * cat) {
		b->gb = cat;
		b->from = FROM_CATALOG;
		return;
	}
	if (cat > 0) {
		b->misfit = b->model;
		b->misfit_gb = cat;
		b->model = -1;
	}
	if ((said = stated_size(name)) > 0) {
		b->gb = said;
		b->from = FROM_NAME;
		return;
	}
	b->gb = (double)(long long)(gib + 0.5);
	if (b->gb < 1)
		b->gb = 1;
	b->from = FROM_REPORT;
}

/*
 * The one warning of a run with GPUs: which board set gpu_mem (the smallest)
 * and where its size came from, in lang.
 */
static void warn_nominal(const ds_ruleset *rs, long fi, const struct board *b, int gpus, int same, ds_lang lang)
{
	char head[400], tail[600], why[300], misfit[300] = "", mib[32], gb[32], line[1400];

	snprintf(mib, sizeof mib, "%.10g", b->mib);
	snprintf(gb, sizeof gb, "%.10g", b->gb);
	if (b->misfit >= 0) /* "the catalog's 12 GB for rtx3060" */
		say(misfit, sizeof misfit, lang, M_CLI_DETECT_MISFIT, b->misfit_gb,
		    ds_fact_value(rs, (size_t)fi, (size_t)b->misfit));
	if (gpus == 1)
		say(head, sizeof head, lang, M_CLI_DETECT_ONE, b->name, mib);
	else if (same)
		say(head, sizeof head, lang, M_CLI_DETECT_SAME, gpus, b->name, mib);
	else
		say(head, sizeof head, lang, M_CLI_DETECT_MIXED, gpus, b->name, mib);
	if (b->from == FROM_CATALOG) {
		say(tail, sizeof tail, lang, M_CLI_DETECT_FROM_CATALOG, gb, ds_fact_value(rs, (size_t)fi, (size_t)b->model));
	} else if (b->from == FROM_NAME) {
		say(why, sizeof why, lang, M_CLI_DETECT_MISFIT_NOTE, misfit);
		say(tail, sizeof tail, lang, M_CLI_DETECT_FROM_NAME, gb, b->misfit >= 0 ? why : "");
	} else {
		if (b->misfit >= 0)
			say(why, sizeof why, lang, M_CLI_DETECT_MISFIT_WHY, misfit);
		else
			say(why, sizeof why, lang, M_CLI_DETECT_NO_CATALOG);
		if (b->mib / 1024 < 0.5)
			say(tail, sizeof tail, lang, M_CLI_DETECT_ROUNDED_UP, mib, why);
		else
			say(tail, sizeof tail, lang, M_CLI_DETECT_ROUNDED, gb, mib, why);
	}
	say(line, sizeof line, lang, M_CLI_DETECT_WARN, head, tail);
	cli_errorf_lang(lang, "%s", line);
}

/* Sets a fact the table declares; a value it refuses is left out. */
static int set_fact(const ds_ruleset *rs, ds_spec *spec, const char *key, const char *text)
{
	ds_diag d = cli_diag();

	if (ds_ruleset_fact_by_key(rs, key) < 0)
		return 0;
	return ds_spec_set_text(spec, key, text, &d) == DS_OK;
}

/* What nvidia-smi said: its boards (the first, the smallest), and what else its lines showed. */
struct gpus {
	struct board first, small;
	int count;
	int bad;   /* a line it cannot read */
	int mixed; /* models that differ: one gpu_model for all of them would be wrong */
	int same;  /* every board alike */
	int none;  /* "No devices were found" */
};

/* One line of nvidia-smi's CSV ("NAME, MIB MiB") into g. */
static void gpu_line(struct catalog *cat, char *line, struct gpus *g)
{
	char *comma = strrchr(line, ','), *end, *num;
	struct board b;
	double mib;

	if (line[0] == '\n')
		return;
	if (strstr(line, "No devices were found")) {
		g->none = 1;
		return;
	}
	if (comma == NULL) {
		g->bad = 1;
		return;
	}
	for (num = comma + 1; *num == ' '; num++)
		;
	mib = isdigit((unsigned char)*num) ? strtod(num, &end) : -1;
	if (mib < 0 || strncmp(end, " MiB", 4) != 0 || (end[4] != '\n' && end[4] != '\0') || !(mib > 0) || mib > 1e9) {
		g->bad = 1;
		return;
	}
	*comma = '\0';
	nominal(cat, line, mib, &b);
	if (g->count++ == 0) {
		g->first = g->small = b;
		return;
	}
	if (b.model != g->first.model || (b.model < 0 && strcmp(b.name, g->first.name)))
		g->mixed = 1;
	if (strcmp(b.name, g->first.name) || b.mib != g->first.mib)
		g->same = 0;
	if (b.gb < g->small.gb || (b.gb == g->small.gb && b.mib < g->small.mib))
		g->small = b; /* gpu_mem is the smallest board's */
}

/*
 * Runs nvidia-smi (under a 10 s timeout: a wedged driver makes it wait
 * forever) into g. Returns the number of GPUs to set; 0 without nvidia-smi
 * (CPU only); -1, after a warning, when the GPU facts must stay unknown.
 */
static int query_gpus(struct catalog *cat, struct gpus *g)
{
	char *line = NULL;
	size_t cap = 0;
	int status = -1;
	FILE *p = popen(access("/usr/bin/timeout", X_OK) == 0 ? "/usr/bin/timeout 10 " NVIDIA_SMI " 2>/dev/null"
	                                                      : NVIDIA_SMI " 2>/dev/null",
	                "r");

	memset(g, 0, sizeof *g);
	g->same = 1;
	if (p != NULL) {
		while (getline(&line, &cap, p) > 0)
			gpu_line(cat, line, g);
		free(line);
		status = pclose(p);
	}
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) == 127)
		return 0; /* no nvidia-smi: CPU only */
	if (WEXITSTATUS(status) == 124) {
		cli_say(M_CLI_DETECT_TIMEOUT);
		return -1;
	}
	if (g->count == 0 && (g->none || (WEXITSTATUS(status) == 0 && !g->bad)))
		return 0; /* nvidia-smi, but no GPU */
	if (WEXITSTATUS(status) != 0 || g->bad) {
		if (WEXITSTATUS(status))
			cli_say(M_CLI_DETECT_FAILED);
		else
			cli_say(M_CLI_DETECT_UNREADABLE);
		return -1;
	}
	return g->count;
}

/* The GPU facts of n GPUs (gpus, gpu_mem, gpu_model) in spec, and a phrase for people in summary. */
static int set_gpus(const ds_ruleset *rs, ds_spec *spec, const ds_spec *over, long fi, const struct gpus *g, int n,
                    ds_lang lang, char *summary, size_t size)
{
	const char *model = NULL;
	char shown[256], mem[32], count[32];

	snprintf(count, sizeof count, "%d", n);
	snprintf(mem, sizeof mem, "%.10g", n > 0 ? g->small.gb : 0);
	if (!set_fact(rs, spec, "gpus", count) || !set_fact(rs, spec, "gpu_mem", mem)) {
		cli_say(M_CLI_DETECT_REFUSED, n, mem);
		return 0;
	}
	if (n > 0 && !g->mixed && g->first.model >= 0)
		model = ds_fact_value(rs, (size_t)fi, (size_t)g->first.model);
	if (n > 0 && !(over && ds_spec_has(over, "gpu_mem")))
		warn_nominal(rs, fi, &g->small, n, g->same, lang);
	if (model)
		set_fact(rs, spec, "gpu_model", model);
	ds_text_clean(shown, sizeof shown, g->mixed ? tr(lang, M_CLI_DETECT_MIXED_MODELS) : model ? model : g->first.name);
	if (n > 0 && g->mixed)
		return say(summary, size, lang, M_CLI_DETECT_SUM_SMALLEST, n, shown, mem);
	if (n > 1)
		return say(summary, size, lang, M_CLI_DETECT_SUM_EACH, n, shown, mem);
	if (n > 0)
		return say(summary, size, lang, M_CLI_DETECT_SUM_ONE, n, shown, mem);
	return say(summary, size, lang, M_CLI_DETECT_NO_GPU);
}

void cli_detect(const ds_ruleset *rs, ds_spec *spec, const ds_spec *over, ds_lang lang, char *summary, size_t n)
{
	struct catalog cat = {rs, ds_ruleset_fact_by_key(rs, "gpu_model"), NULL};
	struct gpus g;
	size_t used = 0, j;
	int gpus, wrote;

	summary[0] = '\0';
	if (cat.fact >= 0 && ds_fact_value_count(rs, (size_t)cat.fact) > 0 &&
	    (cat.size = malloc(ds_fact_value_count(rs, (size_t)cat.fact) * sizeof *cat.size)) != NULL)
		for (j = 0; j < ds_fact_value_count(rs, (size_t)cat.fact); j++)
			cat.size[j] = -1;
	gpus = query_gpus(&cat, &g);
	free(cat.size);
	if (gpus >= 0 && (wrote = set_gpus(rs, spec, over, cat.fact, &g, gpus, lang, summary, n)) > 0)
		used = (size_t)wrote < n ? (size_t)wrote : n - 1;
	if (getenv("KUBERNETES_SERVICE_HOST") && *getenv("KUBERNETES_SERVICE_HOST") &&
	    set_fact(rs, spec, "platform", "kubernetes"))
		snprintf(summary + used, n - used, "%s",
		         used ? tr(lang, M_CLI_DETECT_AND_PLATFORM) : tr(lang, M_CLI_DETECT_PLATFORM));
	ds_spec_mark_detected(spec);
}
