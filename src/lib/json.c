/*
 * json.c: a strict RFC 8259 checker run before cJSON, which is lenient (leading
 * zeros, raw control characters, a NUL escape that cuts strings short) and
 * reports errors one byte off. The checker names the exact byte and the problem.
 */
#include <string.h>

#include "internal.h"

struct jc {
	const unsigned char *p;
	size_t len, i;
	unsigned depth, max_depth;
	const char *msg;
};

static int jc_fail(struct jc *j, const char *msg)
{
	j->msg = j->i >= j->len ? "unexpected end of input" : msg;
	return -1;
}

static void jc_ws(struct jc *j)
{
	while (j->i < j->len && (j->p[j->i] == ' ' || j->p[j->i] == '\t' || j->p[j->i] == '\n' ||
	                         j->p[j->i] == '\r'))
		j->i++;
}

static int hex4(struct jc *j, unsigned *v)
{
	unsigned k;

	*v = 0;
	for (k = 0; k < 4; k++, j->i++) {
		unsigned c = j->i < j->len ? j->p[j->i] : 0;
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			*v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			*v |= c - 'A' + 10;
		else
			return jc_fail(j, "invalid \\u escape: expected 4 hex digits");
	}
	return 0;
}

static int jc_string(struct jc *j)
{
	j->i++; /* the opening quote */
	for (;;) {
		unsigned c, u, lo;
		if (j->i >= j->len)
			return jc_fail(j, "unterminated string");
		c = j->p[j->i];
		if (c == '"') {
			j->i++;
			return 0;
		}
		if (c < 0x20)
			return jc_fail(j, "control character in a string (escape it)");
		if (c != '\\') {
			j->i++;
			continue;
		}
		j->i++;
		c = j->i < j->len ? j->p[j->i] : 0;
		if (c && strchr("\"\\/bfnrt", (int)c)) {
			j->i++;
			continue;
		}
		if (c != 'u')
			return jc_fail(j, "invalid escape in a string");
		j->i++;
		if (hex4(j, &u))
			return -1;
		if (u == 0) {
			j->i -= 6;
			return jc_fail(j, "\\u0000 is not allowed in a string");
		}
		if (u >= 0xDC00 && u <= 0xDFFF) {
			j->i -= 6;
			return jc_fail(j, "invalid \\u escape: a lone low surrogate");
		}
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (j->i + 1 >= j->len || j->p[j->i] != '\\' || j->p[j->i + 1] != 'u') {
				j->i -= 6;
				return jc_fail(j, "invalid \\u escape: a high surrogate without its low half");
			}
			j->i += 2;
			if (hex4(j, &lo))
				return -1;
			if (lo < 0xDC00 || lo > 0xDFFF) {
				j->i -= 6;
				return jc_fail(j, "invalid \\u escape: expected a low surrogate");
			}
		}
	}
}

static int jc_number(struct jc *j)
{
	size_t start;

	if (j->p[j->i] == '-')
		j->i++;
	start = j->i;
	if (j->i >= j->len || j->p[j->i] < '0' || j->p[j->i] > '9')
		return jc_fail(j, "invalid number");
	if (j->p[j->i] == '0' && j->i + 1 < j->len && j->p[j->i + 1] >= '0' && j->p[j->i + 1] <= '9') {
		j->i = start;
		return jc_fail(j, "invalid number: leading zeros are not allowed");
	}
	while (j->i < j->len && j->p[j->i] >= '0' && j->p[j->i] <= '9')
		j->i++;
	if (j->i < j->len && j->p[j->i] == '.') {
		j->i++;
		if (j->i >= j->len || j->p[j->i] < '0' || j->p[j->i] > '9')
			return jc_fail(j, "invalid number: expected digits after '.'");
		while (j->i < j->len && j->p[j->i] >= '0' && j->p[j->i] <= '9')
			j->i++;
	}
	if (j->i < j->len && (j->p[j->i] == 'e' || j->p[j->i] == 'E')) {
		j->i++;
		if (j->i < j->len && (j->p[j->i] == '+' || j->p[j->i] == '-'))
			j->i++;
		if (j->i >= j->len || j->p[j->i] < '0' || j->p[j->i] > '9')
			return jc_fail(j, "invalid number: expected digits in the exponent");
		while (j->i < j->len && j->p[j->i] >= '0' && j->p[j->i] <= '9')
			j->i++;
	}
	return 0;
}

static int jc_value(struct jc *j);

static int jc_container(struct jc *j)
{
	int obj = j->p[j->i] == '{';
	char close = obj ? '}' : ']';

	if (++j->depth > j->max_depth)
		return jc_fail(j, "nested too deeply");
	j->i++;
	jc_ws(j);
	if (j->i < j->len && j->p[j->i] == (unsigned char)close) {
		j->i++;
		j->depth--;
		return 0;
	}
	for (;;) {
		if (obj) {
			if (j->i >= j->len || j->p[j->i] != '"')
				return jc_fail(j, "expected a key in double quotes");
			if (jc_string(j))
				return -1;
			jc_ws(j);
			if (j->i >= j->len || j->p[j->i] != ':')
				return jc_fail(j, "expected ':' after a key");
			j->i++;
			jc_ws(j);
		}
		if (jc_value(j))
			return -1;
		jc_ws(j);
		if (j->i < j->len && j->p[j->i] == ',') {
			j->i++;
			jc_ws(j);
			continue;
		}
		if (j->i < j->len && j->p[j->i] == (unsigned char)close) {
			j->i++;
			j->depth--;
			return 0;
		}
		return jc_fail(j, obj ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static int jc_word(struct jc *j, const char *w)
{
	size_t n = strlen(w);

	if (j->len - j->i < n || memcmp(j->p + j->i, w, n) != 0)
		return jc_fail(j, "expected a value");
	j->i += n;
	return 0;
}

static int jc_value(struct jc *j)
{
	if (j->i >= j->len)
		return jc_fail(j, "expected a value");
	switch (j->p[j->i]) {
	case '{':
	case '[':
		return jc_container(j);
	case '"':
		return jc_string(j);
	case 't':
		return jc_word(j, "true");
	case 'f':
		return jc_word(j, "false");
	case 'n':
		return jc_word(j, "null");
	default:
		if (j->p[j->i] == '-' || (j->p[j->i] >= '0' && j->p[j->i] <= '9'))
			return jc_number(j);
		return jc_fail(j, "expected a value");
	}
}

int json_check(const char *buf, size_t len, unsigned max_depth, size_t *off, const char **msg)
{
	struct jc j;

	memset(&j, 0, sizeof j);
	j.p = (const unsigned char *)buf;
	j.len = len;
	j.max_depth = max_depth;
	if ((*off = utf8_invalid(buf, len)) < len) {
		*msg = "invalid UTF-8";
		return -1;
	}
	jc_ws(&j);
	if (jc_value(&j) == 0) {
		jc_ws(&j);
		if (j.i == j.len)
			return 0;
		j.msg = "unexpected text after the JSON value";
	}
	*off = j.i;
	*msg = j.msg;
	return -1;
}
