/* witness.c: a table check's witness (the facts of a spec, as JSON) spelled as a dsselect command. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "ci.h"
#include "witness.h"

/* A shell word after a space: as is when it is plain, else in single quotes. */
static void word(struct ci_buf *w, const char *s)
{
	const char *p;
	int plain = *s != '\0';

	for (p = s; *p && plain; p++)
		plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		        strchr("_@%+=:,./-", *p) != NULL;
	cli_ci_put(w, " ", 1);
	if (plain) {
		cli_ci_puts(w, s);
		return;
	}
	cli_ci_put(w, "'", 1);
	for (p = s; *p; p++) {
		if (*p == '\'')
			cli_ci_puts(w, "'\\''");
		else
			cli_ci_put(w, p, 1);
	}
	cli_ci_put(w, "'", 1);
}

/* One fact's value as its flag takes it: 12, contract-extraction, code,math. */
static int value_word(const cJSON *v, struct ci_buf *val)
{
	char num[40];
	const cJSON *it;

	if (cJSON_IsNumber(v)) {
		ds_num_text(v->valuedouble, num, sizeof num);
		cli_ci_puts(val, num);
	} else if (cJSON_IsString(v)) {
		cli_ci_puts(val, v->valuestring);
	} else if (cJSON_IsArray(v)) {
		cJSON_ArrayForEach(it, v) {
			if (!cJSON_IsString(it))
				return -1;
			if (val->len)
				cli_ci_put(val, ",", 1);
			cli_ci_puts(val, it->valuestring);
		}
	} else {
		return -1;
	}
	return 0;
}

char *cli_witness_command(const ds_ruleset *rs, const char *rules_arg, const char *witness)
{
	cJSON *root = cJSON_Parse(witness), *v;
	struct ci_buf cmd = {0}, val;
	long f;

	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return NULL;
	}
	cli_ci_puts(&cmd, "dsselect");
	if (rules_arg) {
		cli_ci_puts(&cmd, " --rules");
		word(&cmd, rules_arg);
	}
	cJSON_ArrayForEach(v, root) {
		if ((f = ds_ruleset_fact_by_key(rs, v->string)) < 0)
			break;
		cli_ci_puts(&cmd, cJSON_IsFalse(v) ? " --no-" : " --");
		cli_ci_puts(&cmd, ds_fact_flag(rs, (size_t)f));
		if (cJSON_IsBool(v))
			continue;
		memset(&val, 0, sizeof val);
		if (value_word(v, &val)) {
			free(val.p);
			break;
		}
		word(&cmd, val.p ? val.p : "");
		cmd.oom |= val.oom;
		free(val.p);
	}
	if (v != NULL || cmd.oom) { /* a key or value the table does not have: no command */
		free(cmd.p);
		cmd.p = NULL;
	}
	cJSON_Delete(root);
	return cmd.p;
}
