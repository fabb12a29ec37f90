/* words.h: how a table's things read: values, conditions, class and effect names (words.c). */
#ifndef DS_WORDS_H
#define DS_WORDS_H

#include "buf.h"
#include "table.h"

/*
 * Appends a message of msgtext.h in lang: en and zh are its English and
 * Chinese printf formats (an M_ id expands to both), with the same
 * conversions in the same order.
 */
void dsi_buf_say(struct buf *b, ds_lang lang, const char *en, const char *zh, ...)
    __attribute__((format(printf, 3, 5)));
/* Appends a pre-rendered fragment (fragments.c). */
static inline void dsi_jput(struct buf *b, const struct jtext *t) { dsi_buf_put(b, t->s, t->len); }

/* A condition as people read it ("gpus <= 1 and gpu_mem <= 12"), appended to b. */
void dsi_cond_append(const ds_ruleset *rs, const struct cond *c, ds_lang lang, struct buf *b);
/* A leaf's fact key: "gpus", or "gpus × gpu_mem" for a product. */
void dsi_cond_leaf_key(const ds_ruleset *rs, const struct cond *c, struct buf *b);
/* A leaf's operator and constant, after a space: " <= 12", " in {a, b}", " is known"; " is true" for booleans. */
void dsi_cond_op_const(const ds_ruleset *rs, const struct cond *c, struct buf *b, ds_lang lang);
/* A fact's value: 12, true, contract-extraction, [code, math]. */
void dsi_value_text(const ds_ruleset *rs, unsigned fact, const struct value *v, struct buf *b);
/* A fact's value as JSON. */
void dsi_value_json(const struct fact *f, const struct value *v, struct buf *b);
/* An operator as conditions write it: "<=", "in", "has any of". */
const char *dsi_cond_op_name(enum cond_op op);
/* The four effects as a table writes them, in enum effect's order. */
extern const char *const dsi_effect_keywords[4];
/* An effect in lang: the table's keyword in English ("require"), a phrase in Chinese ("必须选用"). */
const char *dsi_effect_name(enum effect e, ds_lang lang);
/* A class kind in lang: "hard" or "soft"; "硬性" or "偏好". */
const char *dsi_class_kind_name(int soft, ds_lang lang);
/* A class's name in lang, or its id when the table gives none. */
const char *dsi_class_name(const ds_ruleset *rs, unsigned k, ds_lang lang);

#endif
