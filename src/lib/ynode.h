/* ynode.h: a YAML document as a tree of nodes with their positions (ynode.c). */
#ifndef DS_YNODE_H
#define DS_YNODE_H

#include <stddef.h>
#include <dsselect/status.h>

struct yarena;
enum ynode_kind { Y_SCALAR, Y_SEQ, Y_MAP };
struct ynode {
	enum ynode_kind kind;
	unsigned line, col;  /* 1-based start of the node */
	char *str;           /* scalar text (NUL-terminated) */
	size_t len;          /* scalar length in bytes */
	int plain;           /* scalar was unquoted (plain style) and untagged */
	struct ynode **kids; /* seq items; map: key, value, key, value, ... */
	size_t nkids, cap;
	struct yarena *arena; /* the root's: every node of the tree lives there */
};
/*
 * Parses one YAML document into a tree. Aliases (anchors are ignored), tags,
 * duplicate keys, non-scalar keys, more than one document, nesting deeper
 * than max_depth and strings longer than DS_MAX_STRING are errors. *out is
 * NULL for an empty document.
 */
ds_status dsi_ynode_parse(const char *buf, size_t len, const char *name, unsigned max_depth,
                      struct ynode **out, ds_diag *diag);
void dsi_ynode_free(struct ynode *n);
/* Plain-scalar resolution, YAML 1.2 core schema, strictly. */
int dsi_ynode_is_null(const struct ynode *n);
int dsi_ynode_bool(const struct ynode *n, int *v);       /* 1 if true/false */
int dsi_ynode_number(const struct ynode *n, double *v);  /* 1 if a finite number */

#endif
