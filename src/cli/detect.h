/* detect.h: --detect: the hardware facts of the machine dsselect runs on. */
#ifndef DS_DETECT_H
#define DS_DETECT_H

#include <stddef.h>
#include <dsselect.h>

/*
 * Fills spec (of rs) with what this machine says: the number of GPUs, memory
 * per GPU (the smallest board's nominal size, in GB: the table's catalog size
 * for its model when its memory fits it, else a size its name states, else
 * the reported MiB / 1024 rounded) and model from `nvidia-smi`, CPU only
 * (gpu_mem 0) when there is none; platform kubernetes when
 * KUBERNETES_SERVICE_HOST is set. Only facts the table declares are set. A
 * nvidia-smi that fails or says something unreadable leaves the GPU facts
 * unknown, with one warning on stderr; GPUs found give one warning, in lang,
 * saying where gpu_mem came from, unless over (the spec and flags that
 * override the detected facts; may be NULL) gives gpu_mem. summary gets a
 * phrase for people, in lang.
 */
void cli_detect(const ds_ruleset *rs, ds_spec *spec, const ds_spec *over, ds_lang lang, char *summary, size_t n);

#endif
