/* detect.c: --detect: GPUs from nvidia-smi, the platform from the environment. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "detect.h"
#include "msg.h"

#define NVIDIA_SMI "nvidia-smi --query-gpu=name,memory.total --format=csv,noheader"

/* Lower-case letters and digits only: "NVIDIA A10G" and "a10g" compare as "nvidiaa10g" and "a10g". */
static void squash(const char *in, char *out, size_t n)
{
	size_t o = 0;

	for (; *in && o + 1 < n; in++)
		if (isalnum((unsigned char)*in))
			out[o++] = (char)tolower((unsigned char)*in);
	out[o] = '\0';
}

/* The table's value for a GPU name: the longest declared value its name contains, or NULL. */
static const char *model_of(const ds_ruleset *rs, long fi, const char *name)
{
	char n[256], v[256];
	const char *best = NULL;
	size_t j, bestlen = 0;

	squash(name, n, sizeof n);
	for (j = 0; fi >= 0 && j < ds_fact_value_count(rs, (size_t)fi); j++) {
		const char *val = ds_fact_value(rs, (size_t)fi, j);
		squash(val, v, sizeof v);
		if (*v && strstr(n, v) && strlen(v) > bestlen) {
			best = val;
			bestlen = strlen(v);
		}
	}
	return best;
}

/* Sets a fact the table declares; a value it refuses is left out. */
static int set_fact(const ds_ruleset *rs, ds_spec *spec, const char *key, const char *text)
{
	ds_diag d;

	if (ds_ruleset_fact_by_key(rs, key) < 0)
		return 0;
	return ds_spec_set_text(spec, key, text, &d) == DS_OK;
}

void cli_detect(const ds_ruleset *rs, ds_spec *spec, ds_lang lang, char *summary, size_t n)
{
	int zh = lang == DS_LANG_ZH;
	char first_name[256] = "", shown[256], mem[32], count[32], *line = NULL;
	size_t cap = 0, used = 0;
	const char *model = NULL;
	double min_gb = -1;
	int gpus = 0, bad = 0, mixed = 0, none = 0, status;
	ssize_t len;
	FILE *p;

	summary[0] = '\0';
	/* a wedged driver makes nvidia-smi wait forever: give it 10 seconds (coreutils' timeout) */
	p = popen(access("/usr/bin/timeout", X_OK) == 0 ? "/usr/bin/timeout 10 " NVIDIA_SMI " 2>/dev/null"
	                                                 : NVIDIA_SMI " 2>/dev/null",
	          "r");
	if (p != NULL) {
		while ((len = getline(&line, &cap, p)) > 0) {
			char *comma = strrchr(line, ','), *end, *num;
			double mib;
			if (line[0] == '\n')
				continue;
			if (strstr(line, "No devices were found")) {
				none = 1;
				continue;
			}
			if (comma == NULL) {
				bad = 1;
				continue;
			}
			for (num = comma + 1; *num == ' '; num++)
				;
			mib = isdigit((unsigned char)*num) ? strtod(num, &end) : -1;
			if (mib < 0 || strncmp(end, " MiB", 4) != 0 || (end[4] != '\n' && end[4] != '\0') ||
			    !(mib > 0) || mib > 1e9) {
				bad = 1;
				continue;
			}
			*comma = '\0';
			if (gpus++ == 0) {
				snprintf(first_name, sizeof first_name, "%s", line);
				model = model_of(rs, ds_ruleset_fact_by_key(rs, "gpu_model"), line);
			} else if (strcmp(first_name, line) &&
			           (model == NULL || model != model_of(rs, ds_ruleset_fact_by_key(rs, "gpu_model"), line))) {
				mixed = 1; /* different models: one gpu_model for all of them would be wrong */
			}
			if (min_gb < 0 || mib / 1024 < min_gb)
				min_gb = mib / 1024;
		}
		free(line);
		status = pclose(p);
	} else {
		status = -1;
	}
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) == 127) {
		gpus = 0; /* no nvidia-smi: CPU only */
		min_gb = 0;
	} else if (WEXITSTATUS(status) == 124) {
		ds_errorf("--detect: nvidia-smi did not answer in 10 s; the GPU facts stay unknown (give --gpus and --gpu-mem)");
		gpus = -1;
	} else if (gpus == 0 && (none || (WEXITSTATUS(status) == 0 && !bad))) {
		min_gb = 0; /* nvidia-smi, but no GPU */
	} else if (WEXITSTATUS(status) != 0 || bad) {
		ds_errorf("--detect: nvidia-smi %s; the GPU facts stay unknown (give --gpus and --gpu-mem)",
		          WEXITSTATUS(status) ? "failed" : "said something unreadable");
		gpus = -1;
	}
	if (gpus >= 0) {
		snprintf(count, sizeof count, "%d", gpus);
		snprintf(mem, sizeof mem, "%.2f", min_gb > 0 && min_gb < 0.01 ? 0.01 : min_gb);
		if (!set_fact(rs, spec, "gpus", count) || !set_fact(rs, spec, "gpu_mem", mem)) {
			ds_errorf("--detect: nvidia-smi reports %d GPUs of %s GB, which the rule table refuses", gpus, mem);
			gpus = -1;
		}
	}
	if (gpus >= 0) {
		if (gpus > 0 && !mixed && model)
			set_fact(rs, spec, "gpu_model", model);
		ds_text_clean(shown, sizeof shown, mixed ? (zh ? "型号不一" : "mixed models") : model ? model : first_name);
		snprintf(mem, sizeof mem, "%g", strtod(mem, NULL)); /* 15, 22.49 */
		if (gpus > 0 && zh)
			used += (size_t)snprintf(summary, n, "%d 块 GPU(%s,%s %s GB)", gpus, shown,
			                         mixed ? "最小" : "每块", mem);
		else if (gpus > 0)
			used += (size_t)snprintf(summary, n, "%d GPU%s (%s, %s GB %s)", gpus, gpus > 1 ? "s" : "", shown, mem,
			                         mixed ? "the smallest" : "each");
		else
			used += (size_t)snprintf(summary, n, zh ? "没有 GPU(仅 CPU)" : "no GPU (CPU only)");
	}
	if (used >= n)
		used = n - 1;
	if (getenv("KUBERNETES_SERVICE_HOST") && *getenv("KUBERNETES_SERVICE_HOST") &&
	    set_fact(rs, spec, "platform", "kubernetes"))
		snprintf(summary + used, n - used, "%s%s", used ? (zh ? "," : ", ") : "",
		         zh ? "平台 kubernetes" : "platform kubernetes");
	ds_spec_mark_detected(spec);
}
