/* ynode.c: one YAML document into a small tree that keeps every node's position. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "diag.h"
#include "ds_limits.h"
#include "msgtext.h"
#include "ynode.h"

/* Every node of a tree lives in one arena, freed at once with the root: no allocation per node. */
struct yarena {
	struct yarena *next;
	size_t used, cap;
	max_align_t data[]; /* cap bytes */
};

static void *arena_alloc(struct yarena **a, size_t n)
{
	struct yarena *c = *a;
	void *p;

	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	if (c == NULL || c->cap - c->used < n) {
		size_t cap = n > (64u << 10) ? n : (64u << 10);
		if ((c = malloc(sizeof *c + cap)) == NULL)
			return NULL;
		c->next = *a;
		c->used = 0;
		c->cap = cap;
		*a = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

static void arena_free(struct yarena *a)
{
	while (a) {
		struct yarena *next = a->next;
		free(a);
		a = next;
	}
}

void dsi_ynode_free(struct ynode *n)
{
	if (n)
		arena_free(n->arena); /* only the root holds it */
}

/* libyaml marks are 0-based; everything we report is 1-based. */
static void mark_pos(const yaml_mark_t *m, unsigned *line, unsigned *col)
{
	*line = (unsigned)m->line + 1;
	*col = (unsigned)m->column + 1;
}

/* Whether the character at 1-based line:col of buf (as dsi_text_pos() counts) is a tab. */
static int tab_at(const char *buf, size_t len, unsigned line, unsigned col)
{
	unsigned l = 1, c = 1;
	size_t i = dsi_text_bom(buf, len);

	for (; i < len; i++) {
		if (((unsigned char)buf[i] & 0xC0) == 0x80)
			continue;
		if (l == line && c == col)
			return buf[i] == '\t';
		if (buf[i] == '\n')
			l++, c = 1;
		else
			c++;
	}
	return 0;
}

static int add_kid(struct yarena **a, struct ynode *parent, struct ynode *kid)
{
	if (parent->nkids == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 8;
		struct ynode **k = arena_alloc(a, cap * sizeof *k);
		if (k == NULL)
			return -1;
		if (parent->nkids)
			memcpy(k, parent->kids, parent->nkids * sizeof *k);
		parent->kids = k;
		parent->cap = cap;
	}
	parent->kids[parent->nkids++] = kid;
	return 0;
}

/* A dsi_ynode_parse() in progress. */
struct yparse {
	const char *buf, *name;
	size_t len;
	unsigned max_depth;
	ds_diag *diag;
	struct yarena *arena;
	struct ynode *root;
	struct ynode *stack[DS_MAX_YAML_DEPTH + 1]; /* the open collections, innermost last */
	unsigned depth;
	int docs;
};

/* The diagnostic of a syntax error libyaml reports, at its position; DS_ERR_SPEC. */
static ds_status syntax_error(const struct yparse *yp, const yaml_parser_t *parser)
{
	ds_lang lang = yp->diag ? yp->diag->lang : DS_LANG_EN;
	unsigned line, col;

	if (parser->error == YAML_READER_ERROR)
		dsi_text_pos(yp->buf, yp->len, parser->problem_offset, &line, &col);
	else
		mark_pos(&parser->problem_mark, &line, &col);
	/* libyaml's own words (problem, context) stay English: it has no others */
	dsi_diag_say(yp->diag, yp->name, line, col, NULL, M_Y_SYNTAX,
	             parser->problem ? parser->problem : dsi_tr(lang, M_Y_MALFORMED),
	             parser->context ? " " : "", parser->context ? parser->context : "",
	             parser->problem && !strstr(parser->problem, "tab") && tab_at(yp->buf, yp->len, line, col)
	                 ? dsi_tr(lang, M_Y_TAB_HINT) : "");
	return DS_ERR_SPEC;
}

/* A node's event refused before its node is made (a tag, a string too long): DS_ERR_SPEC with its diagnostic. */
static ds_status check_event(const struct yparse *yp, const yaml_event_t *ev, unsigned line, unsigned col)
{
	const yaml_char_t *tag = ev->type == YAML_SCALAR_EVENT ? ev->data.scalar.tag
	                         : ev->type == YAML_MAPPING_START_EVENT ? ev->data.mapping_start.tag
	                                                                : ev->data.sequence_start.tag;

	if (tag) { /* !!python/object and the like: a value is its plain text, never a type */
		const char *t = (const char *)tag, *std = "tag:yaml.org,2002:"; /* "!!" as written */
		int is_std = !strncmp(t, std, strlen(std));
		dsi_diag_say(yp->diag, yp->name, line, col, NULL, M_Y_TAGS, is_std ? "!!" : "",
		             is_std ? t + strlen(std) : t);
		return DS_ERR_SPEC;
	}
	if (ev->type == YAML_SCALAR_EVENT && ev->data.scalar.length > DS_MAX_STRING) {
		dsi_diag_say(yp->diag, yp->name, line, col, NULL, M_Y_LONG_STRING, DS_MAX_STRING);
		return DS_ERR_SPEC;
	}
	return DS_OK;
}

/* The node of a scalar or collection start event, in the arena (a scalar's text with it) in *out. */
static ds_status new_node(struct yparse *yp, const yaml_event_t *ev, unsigned line, unsigned col,
                          struct ynode **out)
{
	struct ynode *n;

	/* a scalar's text lives in the same block as its node */
	n = arena_alloc(&yp->arena, sizeof *n + (ev->type == YAML_SCALAR_EVENT ? ev->data.scalar.length + 1 : 0));
	if ((*out = n) == NULL)
		return DS_ERR_NOMEM;
	n->line = line;
	n->col = col;
	if (ev->type != YAML_SCALAR_EVENT) {
		n->kind = ev->type == YAML_MAPPING_START_EVENT ? Y_MAP : Y_SEQ;
		return DS_OK;
	}
	n->kind = Y_SCALAR;
	n->len = ev->data.scalar.length;
	n->str = (char *)(n + 1);
	memcpy(n->str, ev->data.scalar.value, n->len);
	n->str[n->len] = '\0';
	if (strlen(n->str) != n->len) { /* a "\0" escape would cut the text short */
		dsi_diag_say(yp->diag, yp->name, line, col, NULL, M_Y_NUL);
		return DS_ERR_SPEC;
	}
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && ev->data.scalar.tag == NULL;
	return DS_OK;
}

/* Adds n to the tree: the root, or the next kid of the innermost collection; a collection is opened. */
static ds_status attach(struct yparse *yp, struct ynode *n)
{
	if (yp->depth == 0) {
		yp->root = n;
	} else {
		struct ynode *p = yp->stack[yp->depth - 1];
		if (p->kind == Y_MAP && p->nkids % 2 == 0) {
			size_t i;
			if (n->kind != Y_SCALAR) {
				dsi_diag_say(yp->diag, yp->name, n->line, n->col, NULL, M_Y_KEY_PLAIN);
				return DS_ERR_SPEC;
			}
			for (i = 0; i < p->nkids; i += 2) {
				if (strcmp(p->kids[i]->str, n->str) == 0) {
					dsi_diag_say(yp->diag, yp->name, n->line, n->col, n->str, M_Y_DUP_KEY, n->str,
					             p->kids[i]->line);
					return DS_ERR_SPEC;
				}
			}
		}
		if (add_kid(&yp->arena, p, n))
			return DS_ERR_NOMEM;
	}
	if (n->kind != Y_SCALAR) {
		if (yp->depth >= yp->max_depth) {
			dsi_diag_say(yp->diag, yp->name, n->line, n->col, NULL, M_Y_DEEP, yp->max_depth);
			return DS_ERR_SPEC;
		}
		yp->stack[yp->depth++] = n;
	}
	return DS_OK;
}

/* Takes one event into the tree; *done at the end of the stream. */
static ds_status take_event(struct yparse *yp, const yaml_event_t *ev, int *done)
{
	unsigned line, col;
	struct ynode *n;
	ds_status st;

	mark_pos(&ev->start_mark, &line, &col);
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		*done = 1;
		break;
	case YAML_DOCUMENT_START_EVENT:
		if (++yp->docs > 1) {
			dsi_diag_say(yp->diag, yp->name, line, col, NULL, M_Y_MULTI_DOC);
			return DS_ERR_SPEC;
		}
		break;
	case YAML_ALIAS_EVENT:
		dsi_diag_say(yp->diag, yp->name, line, col, NULL, M_Y_ALIAS, (const char *)ev->data.alias.anchor);
		return DS_ERR_SPEC;
	case YAML_SCALAR_EVENT:
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if ((st = check_event(yp, ev, line, col)) != DS_OK || (st = new_node(yp, ev, line, col, &n)) != DS_OK)
			return st;
		return attach(yp, n);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		yp->depth--;
		break;
	default:
		break;
	}
	return DS_OK;
}

ds_status dsi_ynode_parse(const char *buf, size_t len, const char *name, unsigned max_depth,
                      struct ynode **out, ds_diag *diag)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct yparse yp;
	ds_status st = DS_OK;
	int done = 0;

	*out = NULL;
	if (!yaml_parser_initialize(&parser)) {
		dsi_diag_say(diag, name, 0, 0, NULL, M_OUT_OF_MEMORY);
		return DS_ERR_NOMEM;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yp.buf = buf;
	yp.len = len;
	yp.name = name;
	yp.max_depth = max_depth > DS_MAX_YAML_DEPTH ? DS_MAX_YAML_DEPTH : max_depth;
	yp.diag = diag;
	yp.arena = NULL;
	yp.root = NULL;
	yp.depth = 0;
	yp.docs = 0;
	while (!done && st == DS_OK) {
		if (!yaml_parser_parse(&parser, &ev)) {
			st = syntax_error(&yp, &parser);
			break;
		}
		st = take_event(&yp, &ev, &done);
		yaml_event_delete(&ev);
	}
	if (st == DS_ERR_NOMEM)
		dsi_diag_say(diag, name, 0, 0, NULL, M_OUT_OF_MEMORY);
	if (st == DS_OK && yp.root) { /* else an empty document, or an error */
		yp.root->arena = yp.arena;
		*out = yp.root;
		yp.arena = NULL;
	}
	arena_free(yp.arena);
	yaml_parser_delete(&parser);
	return st;
}

int dsi_ynode_is_null(const struct ynode *n)
{
	return n->kind == Y_SCALAR && n->plain &&
	       (n->len == 0 || !strcmp(n->str, "~") || !strcmp(n->str, "null"));
}

int dsi_ynode_bool(const struct ynode *n, int *v)
{
	if (n->kind != Y_SCALAR || !n->plain)
		return 0;
	if (!strcmp(n->str, "true"))
		return *v = 1, 1;
	if (!strcmp(n->str, "false"))
		return *v = 0, 1;
	return 0;
}

/* A plain decimal number; -1 for one out of range and for YAML's .inf and .nan. */
int dsi_ynode_number(const struct ynode *n, double *v)
{
	const char *p = n->str;

	if (n->kind != Y_SCALAR || !n->plain || n->len == 0)
		return 0;
	if (*p == '-' || *p == '+')
		p++;
	if (!strcmp(p, ".inf") || !strcmp(p, ".Inf") || !strcmp(p, ".INF") ||
	    (p == n->str && (!strcmp(p, ".nan") || !strcmp(p, ".NaN") || !strcmp(p, ".NAN"))))
		return -1;
	return dsi_parse_decimal(n->str, n->len, v);
}
