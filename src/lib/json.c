/*
 * json.c: strict RFC 8259 reading of specs, in one pass and without a tree.
 *
 * A spec is a flat object, so it is read member by member straight into the
 * spec: no allocation per value, the exact byte of any syntax error, no
 * leading zeros, raw control characters, invalid UTF-8 or "\u0000" (which
 * lenient parsers accept or cut strings at). Nested values are validated and
 * reported to the caller as arrays/objects.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "json.h"

struct jc {
	const unsigned char *p;
	size_t len, i;
	unsigned depth, max_depth;
	const char *msg;
	char *arena;      /* decoded strings, NUL-terminated, one after another */
	size_t used;
};

const char json_too_deep[] = "nested too deeply";
const char json_too_long[] = "a string is longer than the limit";

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

static void put_utf8(char *o, size_t *n, unsigned cp)
{
	if (cp < 0x80) {
		o[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		o[(*n)++] = (char)(0xC0 | cp >> 6);
		o[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		o[(*n)++] = (char)(0xE0 | cp >> 12);
		o[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else {
		o[(*n)++] = (char)(0xF0 | cp >> 18);
		o[(*n)++] = (char)(0x80 | (cp >> 12 & 0x3F));
		o[(*n)++] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[(*n)++] = (char)(0x80 | (cp & 0x3F));
	}
}

/*
 * Of the 8 bytes at p (little-endian), a mask whose lowest set bit is in the
 * first byte that ends a plain run: a control character, non-ASCII, '"' or
 * '\\'; 0 if none does. (Bits above the first may be false alarms.)
 */
static int is_little_endian(void)
{
	const uint16_t one = 1;
	return *(const unsigned char *)&one == 1;
}

static uint64_t special8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t x, q, b;

	memcpy(&x, p, 8);
	q = x ^ (ones * '"');
	b = x ^ (ones * '\\');
	return (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b) | x) & high;
}

/* A string at j->i; decoded into the arena when out is not NULL (never longer than its source). */
static int jc_string(struct jc *j, const char **out, size_t *outlen)
{
	char *o = out ? j->arena + j->used : NULL;
	size_t n = 0, run, start = j->i;

	j->i++; /* the opening quote */
	for (;;) {
		unsigned c, u, lo;
		if (j->i >= j->len)
			return jc_fail(j, "unterminated string");
		c = j->p[j->i];
		if (c == '"') {
			if (n > DS_MAX_STRING) { /* bytes once decoded, as YAML and the flags count them */
				j->i = start;
				return jc_fail(j, json_too_long);
			}
			j->i++;
			if (o) {
				o[n] = '\0';
				*out = o;
				*outlen = n;
				j->used += n + 1;
			}
			return 0;
		}
		if (c < 0x20)
			return jc_fail(j, "control character in a string (escape it)");
		if (c != '\\') {
			if (c < 0x80) { /* a run of plain ASCII, the usual case: 8 bytes at a time */
				size_t k = j->i + 1;
				uint64_t hit = 0;
				while (k + 8 <= j->len && (hit = special8(j->p + k)) == 0)
					k += 8;
				if (hit && is_little_endian())
					k += (size_t)__builtin_ctzll(hit) >> 3;
				else
					while (k < j->len && j->p[k] >= 0x20 && j->p[k] < 0x80 && j->p[k] != '"' &&
					       j->p[k] != '\\')
						k++;
				run = k - j->i;
			} else if ((run = utf8_seq(j->p + j->i, j->len - j->i)) == 0) {
				return jc_fail(j, "invalid UTF-8 in a string");
			}
			if (o)
				memcpy(o + n, j->p + j->i, run);
			n += run;
			j->i += run;
			continue;
		}
		j->i++;
		c = j->i < j->len ? j->p[j->i] : 0;
		if (c && strchr("\"\\/bfnrt", (int)c)) {
			static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
			if (o)
				o[n] = to[strchr(from, (int)c) - from];
			n++;
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
			u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
		}
		if (o)
			put_utf8(o, &n, u);
		else
			n += u < 0x80 ? 1 : u < 0x800 ? 2 : u < 0x10000 ? 3 : 4;
	}
}

/* A number at j->i, checked and, when v is not NULL, converted. */
static int jc_number(struct jc *j, double *v, int *nonfinite)
{
	size_t start = j->i, digits;
	int simple = 1;

	if (j->p[j->i] == '-')
		j->i++;
	digits = j->i;
	if (j->i >= j->len || j->p[j->i] < '0' || j->p[j->i] > '9')
		return jc_fail(j, "invalid number");
	if (j->p[j->i] == '0' && j->i + 1 < j->len && j->p[j->i + 1] >= '0' && j->p[j->i + 1] <= '9')
		return jc_fail(j, "invalid number: leading zeros are not allowed");
	while (j->i < j->len && j->p[j->i] >= '0' && j->p[j->i] <= '9')
		j->i++;
	if (j->i < j->len && j->p[j->i] == '.') {
		simple = 0;
		j->i++;
		if (j->i >= j->len || j->p[j->i] < '0' || j->p[j->i] > '9')
			return jc_fail(j, "invalid number: expected digits after '.'");
		while (j->i < j->len && j->p[j->i] >= '0' && j->p[j->i] <= '9')
			j->i++;
	}
	if (j->i < j->len && (j->p[j->i] == 'e' || j->p[j->i] == 'E')) {
		simple = 0;
		j->i++;
		if (j->i < j->len && (j->p[j->i] == '+' || j->p[j->i] == '-'))
			j->i++;
		if (j->i >= j->len || j->p[j->i] < '0' || j->p[j->i] > '9')
			return jc_fail(j, "invalid number: expected digits in the exponent");
		while (j->i < j->len && j->p[j->i] >= '0' && j->p[j->i] <= '9')
			j->i++;
	}
	if (v == NULL)
		return 0;
	if (simple && j->i - digits <= 15) { /* an integer, exactly, without strtod */
		double x = 0;
		size_t k;
		for (k = digits; k < j->i; k++)
			x = x * 10 + (j->p[k] - '0');
		*v = j->p[start] == '-' ? -x : x;
	} else {
		char *tmp = j->arena + j->used; /* the arena has room for the whole input */
		memcpy(tmp, j->p + start, j->i - start);
		tmp[j->i - start] = '\0';
		errno = 0;
		*v = c_strtod(tmp, NULL);
		if (errno == ERANGE && *v == 0) { /* 1e-400: a non-zero literal too small for a double */
			*nonfinite = 1;
			return 0;
		}
	}
	*nonfinite = !isfinite(*v);
	return 0;
}

static int jc_value(struct jc *j);

static int jc_container(struct jc *j)
{
	int obj = j->p[j->i] == '{';
	char close = obj ? '}' : ']';

	if (++j->depth > j->max_depth)
		return jc_fail(j, json_too_deep);
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
			if (jc_string(j, NULL, NULL))
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

/* Any value, checked and skipped. */
static int jc_value(struct jc *j)
{
	if (j->i >= j->len)
		return jc_fail(j, "expected a value");
	switch (j->p[j->i]) {
	case '{':
	case '[':
		return jc_container(j);
	case '"':
		return jc_string(j, NULL, NULL);
	case 't':
		return jc_word(j, "true");
	case 'f':
		return jc_word(j, "false");
	case 'n':
		return jc_word(j, "null");
	default:
		if (j->p[j->i] == '-' || (j->p[j->i] >= '0' && j->p[j->i] <= '9'))
			return jc_number(j, NULL, NULL);
		return jc_fail(j, "expected a value");
	}
}

/* A member's value, decoded: scalars and arrays of strings; deeper values only checked. */
static int jc_member(struct jc *j, struct jmember *m, const char **items)
{
	switch (j->p[j->i]) {
	case '"':
		m->kind = JV_STR;
		return jc_string(j, &m->str, &m->str_len);
	case 't':
		m->kind = JV_TRUE;
		return jc_word(j, "true");
	case 'f':
		m->kind = JV_FALSE;
		return jc_word(j, "false");
	case 'n':
		m->kind = JV_NULL;
		return jc_word(j, "null");
	case '{':
		m->kind = JV_OBJECT;
		return jc_container(j);
	case '[':
		break;
	default:
		if (j->p[j->i] == '-' || (j->p[j->i] >= '0' && j->p[j->i] <= '9')) {
			int rc;
			m->kind = JV_NUM;
			m->num_off = j->i;
			rc = jc_number(j, &m->num, &m->nonfinite);
			m->num_len = j->i - m->num_off;
			return rc;
		}
		return jc_fail(j, "expected a value");
	}
	m->kind = JV_ARRAY;
	m->items = items;
	if (++j->depth > j->max_depth)
		return jc_fail(j, json_too_deep);
	j->i++;
	jc_ws(j);
	if (j->i < j->len && j->p[j->i] == ']') {
		j->i++;
		j->depth--;
		return 0;
	}
	for (;;) {
		const char *s = NULL;
		size_t n;
		if (j->i < j->len && j->p[j->i] == '"') {
			if (jc_string(j, &s, &n))
				return -1;
		} else if (jc_value(j)) {
			return -1;
		}
		if (m->nitems < JSON_MAX_ITEMS)
			items[m->nitems] = s; /* NULL: not a string */
		m->nitems++;
		jc_ws(j);
		if (j->i < j->len && j->p[j->i] == ',') {
			j->i++;
			jc_ws(j);
			continue;
		}
		if (j->i < j->len && j->p[j->i] == ']') {
			j->i++;
			j->depth--;
			return 0;
		}
		return jc_fail(j, "expected ',' or ']'");
	}
}

int json_read_object(const char *buf, size_t len, unsigned max_depth, json_member_fn fn, void *ctx,
                     size_t *err_off, const char **err_msg)
{
	char small[2048];
	const char *items[JSON_MAX_ITEMS];
	struct jc j;
	int rc = -1;

	memset(&j, 0, sizeof j);
	j.p = (const unsigned char *)buf;
	j.len = len;
	j.max_depth = max_depth;
	/* decoded text is never longer than its source */
	j.arena = len < sizeof small ? small : malloc(len + 1);
	if (j.arena == NULL)
		return -2;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		j.i = 3; /* a byte order mark */
	jc_ws(&j);
	if (j.i < j.len && j.p[j.i] != '{') {
		/* not an object: still a syntax error first, if it is one */
		if (jc_value(&j) == 0) {
			jc_ws(&j);
			rc = j.i == j.len ? -3 : -1;
			if (rc == -1)
				j.msg = "unexpected text after the JSON value";
		}
		goto out;
	}
	if (j.i >= j.len) {
		j.msg = "unexpected end of input";
		goto out;
	}
	j.depth = 1;
	j.i++;
	jc_ws(&j);
	if (j.i < j.len && j.p[j.i] == '}') {
		j.i++;
	} else {
		for (;;) {
			struct jmember m;
			memset(&m, 0, sizeof m);
			if (j.i >= j.len || j.p[j.i] != '"') {
				jc_fail(&j, "expected a key in double quotes");
				goto out;
			}
			m.key_off = j.i;
			if (jc_string(&j, &m.key, &m.key_len))
				goto out;
			jc_ws(&j);
			if (j.i >= j.len || j.p[j.i] != ':') {
				jc_fail(&j, "expected ':' after a key");
				goto out;
			}
			j.i++;
			jc_ws(&j);
			if (j.i >= j.len) {
				jc_fail(&j, "expected a value");
				goto out;
			}
			if (jc_member(&j, &m, items))
				goto out;
			if (fn(ctx, &m)) {
				rc = -2;
				goto out;
			}
			jc_ws(&j);
			if (j.i < j.len && j.p[j.i] == ',') {
				j.i++;
				jc_ws(&j);
				continue;
			}
			if (j.i < j.len && j.p[j.i] == '}') {
				j.i++;
				break;
			}
			jc_fail(&j, "expected ',' or '}'");
			goto out;
		}
	}
	jc_ws(&j);
	if (j.i == j.len)
		rc = 0;
	else
		j.msg = "unexpected text after the JSON value";
out:
	if (rc == -1) {
		*err_off = j.i;
		*err_msg = j.msg ? j.msg : "syntax error";
	}
	if (j.arena != small)
		free(j.arena);
	return rc;
}

int json_number(const char *s)
{
	struct jc j;

	memset(&j, 0, sizeof j);
	j.p = (const unsigned char *)s;
	j.len = strlen(s);
	if (j.len == 0 || !(*s == '-' || (*s >= '0' && *s <= '9')))
		return 0;
	return jc_number(&j, NULL, NULL) == 0 && j.i == j.len;
}
