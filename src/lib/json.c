/*
 * json.c: the strict scanner in front of cJSON.
 *
 * cJSON (spec.c) decodes every JSON spec, but it is lax where the contract is
 * strict (it takes leading zeros, "1.", raw control characters and "\u0000" in
 * strings, any byte below a space as a blank) and keeps no positions. So the
 * text is first validated here, in one pass and without allocating (RFC 8259:
 * no leading zeros, no raw control characters, well-formed UTF-8, paired
 * surrogates, no "\u0000", a nesting and a string length limit), and the
 * position of each member of the top-level object is recorded for the
 * messages. Nothing is decoded here: cJSON does that.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "json.h"
#include "msgtext.h"

struct jc {
	const unsigned char *p;
	size_t len, i;
	unsigned depth, max_depth;
	int escaped; /* the last string read had an escape */
	const char *msg, *msg_zh; /* a syntax error: a message of msgtext.h in English and Chinese */
	enum dsi_json_limit limit;
};

static int jc_say(struct jc *j, const char *en, const char *zh)
{
	j->msg = en;
	j->msg_zh = zh;
	return -1;
}

/* A syntax error at j->i: en and zh, or the end of input when the text ends there. */
static int jc_fail(struct jc *j, const char *en, const char *zh)
{
	if (j->i >= j->len)
		return jc_say(j, M_JSON_END);
	return jc_say(j, en, zh);
}

/* A limit passed at j->i: the caller words it, with the limit's value. */
static int jc_limit(struct jc *j, enum dsi_json_limit limit)
{
	j->limit = limit;
	return jc_fail(j, M_JSON_SYNTAX);
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
			return jc_fail(j, M_JSON_HEX);
	}
	return 0;
}

static int is_little_endian(void)
{
	const uint16_t one = 1;
	return *(const unsigned char *)&one == 1;
}

/*
 * Of the 8 bytes at p (little-endian), a mask whose lowest set bit is in the
 * first byte that ends a plain run: a control character, non-ASCII, '"' or
 * '\\'; 0 if none does. (Bits above the first may be false alarms.)
 */
static uint64_t special8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t x, q, b;

	memcpy(&x, p, 8);
	q = x ^ (ones * '"');
	b = x ^ (ones * '\\');
	return (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b) | x) & high;
}

/*
 * The common string, plain ASCII without escapes, recognised without a call:
 * the index after its closing quote, or 0 when the string at i (its opening
 * quote) needs jc_string() (an escape, a control byte, UTF-8, the end of the
 * text within 8 bytes, the length limit). Keys are mostly this.
 */
static inline size_t plain_string_end(const unsigned char *p, size_t len, size_t i)
{
	size_t k = i + 1;
	uint64_t hit = 0;

	if (!is_little_endian())
		return 0;
	while (k + 8 <= len && (hit = special8(p + k)) == 0)
		k += 8;
	if (hit == 0)
		return 0;
	k += (size_t)__builtin_ctzll(hit) >> 3;
	return p[k] == '"' && k - i - 1 <= DS_MAX_STRING ? k + 1 : 0;
}

/* A string at j->i, checked; its length once decoded (as YAML and the flags count it) is limited. */
static int jc_string(struct jc *j)
{
	size_t n = 0, run, start = j->i;

	j->escaped = 0;
	j->i++; /* the opening quote */
	for (;;) {
		unsigned c, u, lo;
		if (j->i >= j->len)
			return jc_fail(j, M_JSON_UNTERMINATED);
		c = j->p[j->i];
		if (c == '"') {
			if (n > DS_MAX_STRING) {
				j->i = start;
				return jc_limit(j, DSI_JSON_TOO_LONG);
			}
			j->i++;
			return 0;
		}
		if (c < 0x20)
			return jc_fail(j, M_JSON_CONTROL);
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
			} else if ((run = dsi_utf8_seq(j->p + j->i, j->len - j->i)) == 0) {
				return jc_fail(j, M_JSON_BAD_UTF8);
			}
			n += run;
			j->i += run;
			continue;
		}
		j->escaped = 1;
		j->i++;
		c = j->i < j->len ? j->p[j->i] : 0;
		if (c && strchr("\"\\/bfnrt", (int)c)) {
			n++;
			j->i++;
			continue;
		}
		if (c != 'u')
			return jc_fail(j, M_JSON_BAD_ESCAPE);
		j->i++;
		if (hex4(j, &u))
			return -1;
		if (u == 0) {
			j->i -= 6;
			return jc_fail(j, M_JSON_U0000);
		}
		if (u >= 0xDC00 && u <= 0xDFFF) {
			j->i -= 6;
			return jc_fail(j, M_JSON_LONE_LOW);
		}
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (j->i + 1 >= j->len || j->p[j->i] != '\\' || j->p[j->i + 1] != 'u') {
				j->i -= 6;
				return jc_fail(j, M_JSON_HIGH_ALONE);
			}
			j->i += 2;
			if (hex4(j, &lo))
				return -1;
			if (lo < 0xDC00 || lo > 0xDFFF) {
				j->i -= 6;
				return jc_fail(j, M_JSON_WANT_LOW);
			}
			n += 4;
		} else {
			n += u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
		}
	}
}

static int is_digit(const struct jc *j)
{
	return j->i < j->len && j->p[j->i] >= '0' && j->p[j->i] <= '9';
}

/* A number at j->i, checked. */
static int jc_number(struct jc *j)
{
	if (j->p[j->i] == '-')
		j->i++;
	if (!is_digit(j))
		return jc_fail(j, M_JSON_BAD_NUMBER);
	if (j->p[j->i] == '0' && j->i + 1 < j->len && j->p[j->i + 1] >= '0' && j->p[j->i + 1] <= '9')
		return jc_fail(j, M_JSON_LEADING_ZEROS);
	while (is_digit(j))
		j->i++;
	if (j->i < j->len && j->p[j->i] == '.') {
		j->i++;
		if (!is_digit(j))
			return jc_fail(j, M_JSON_DIGITS_AFTER_DOT);
		while (is_digit(j))
			j->i++;
	}
	if (j->i < j->len && (j->p[j->i] == 'e' || j->p[j->i] == 'E')) {
		j->i++;
		if (j->i < j->len && (j->p[j->i] == '+' || j->p[j->i] == '-'))
			j->i++;
		if (!is_digit(j))
			return jc_fail(j, M_JSON_DIGITS_IN_EXPONENT);
		while (is_digit(j))
			j->i++;
	}
	return 0;
}

static int jc_value(struct jc *j);

/*
 * A member's value in the common forms, checked without a call: a plain
 * string, or an integer without sign, fraction or exponent (leading zeros
 * refused as jc_number() does, by leaving them to it). The index after it,
 * or 0 for jc_value() to do.
 */
static inline size_t simple_value_end(const unsigned char *p, size_t len, size_t i)
{
	size_t k = i;

	if (i >= len)
		return 0;
	if (p[i] == '"')
		return plain_string_end(p, len, i);
	if (p[i] < '1' || p[i] > '9')
		return 0;
	while (++k < len && p[k] >= '0' && p[k] <= '9')
		;
	return k < len && (p[k] == '.' || p[k] == 'e' || p[k] == 'E') ? 0 : k;
}


static int jc_container(struct jc *j)
{
	int obj = j->p[j->i] == '{';
	char close = obj ? '}' : ']';

	if (++j->depth > j->max_depth)
		return jc_limit(j, DSI_JSON_TOO_DEEP);
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
				return jc_fail(j, M_JSON_WANT_KEY);
			if (jc_string(j))
				return -1;
			jc_ws(j);
			if (j->i >= j->len || j->p[j->i] != ':')
				return jc_fail(j, M_JSON_WANT_COLON);
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
		if (obj)
			return jc_fail(j, M_JSON_WANT_COMMA_BRACE);
		return jc_fail(j, M_JSON_WANT_COMMA_BRACKET);
	}
}

static int jc_word(struct jc *j, const char *w, size_t n)
{
	size_t k;

	if (j->len - j->i < n)
		return jc_fail(j, M_JSON_WANT_VALUE);
	for (k = 0; k < n; k++) /* a loop the compiler unrolls: no call for 4 bytes */
		if (j->p[j->i + k] != (unsigned char)w[k])
			return jc_fail(j, M_JSON_WANT_VALUE);
	j->i += n;
	return 0;
}

/* Any value, checked and skipped. */
static int jc_value(struct jc *j)
{
	if (j->i >= j->len)
		return jc_fail(j, M_JSON_WANT_VALUE);
	switch (j->p[j->i]) {
	case '{':
	case '[':
		return jc_container(j);
	case '"': {
		size_t end = plain_string_end(j->p, j->len, j->i);
		if (end == 0)
			return jc_string(j);
		j->i = end;
		j->escaped = 0;
		return 0;
	}
	case 't':
		return jc_word(j, "true", 4);
	case 'f':
		return jc_word(j, "false", 5);
	case 'n':
		return jc_word(j, "null", 4);
	default:
		if (j->p[j->i] == '-' || (j->p[j->i] >= '0' && j->p[j->i] <= '9'))
			return jc_number(j);
		return jc_fail(j, M_JSON_WANT_VALUE);
	}
}

static struct dsi_json_member *next_member(struct dsi_json_scan *s)
{
	if (s->n == s->cap) {
		size_t cap = s->cap * 2;
		struct dsi_json_member *m = s->m == s->inline_m ? malloc(cap * sizeof *m)
		                                                 : realloc(s->m, cap * sizeof *m);
		if (m == NULL)
			return NULL;
		if (s->m == s->inline_m)
			memcpy(m, s->inline_m, sizeof s->inline_m);
		s->m = m;
		s->cap = cap;
	}
	return &s->m[s->n];
}

/* The index of the first byte at or after i that is not a blank (JSON's four). */
static inline size_t skip_ws(const unsigned char *p, size_t len, size_t i)
{
	while (i < len && p[i] <= ' ' && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
		i++;
	return i;
}

/*
 * The members of the top-level object at j->i, recorded; 0, -1 (syntax) or -2
 * (memory). The position is kept in a local between the calls: stores to the
 * members (size_t too) would otherwise make the compiler reload j->i after each.
 */
static int jc_object(struct jc *j, struct dsi_json_scan *s)
{
	const unsigned char *p = j->p;
	const size_t len = j->len;
	size_t i;

	j->depth = 1;
	i = skip_ws(p, len, j->i + 1);
	if (i < len && p[i] == '}') {
		j->i = i + 1;
		return 0;
	}
	for (;;) {
		struct dsi_json_member *m;
		size_t key_off, val_off;
		if ((m = next_member(s)) == NULL)
			return -2;
		j->i = i;
		if (i >= len || p[i] != '"')
			return jc_fail(j, M_JSON_WANT_KEY);
		key_off = i;
		if ((i = plain_string_end(p, len, i)) != 0)
			j->i = i, j->escaped = 0;
		else if (jc_string(j))
			return -1;
		i = skip_ws(p, len, j->i);
		m->key_off = key_off;
		m->key_len = j->i - key_off;
		m->key_escaped = j->escaped;
		if (i >= len || p[i] != ':') {
			j->i = i;
			return jc_fail(j, M_JSON_WANT_COLON);
		}
		j->i = val_off = skip_ws(p, len, i + 1);
		if ((i = simple_value_end(p, len, val_off)) == 0) {
			if (jc_value(j))
				return -1;
			i = j->i;
		}
		m->val_off = val_off;
		m->val_len = i - val_off;
		s->n++;
		i = skip_ws(p, len, i);
		if (i < len && p[i] == ',') {
			i = skip_ws(p, len, i + 1);
			continue;
		}
		j->i = i;
		if (i < len && p[i] == '}') {
			j->i = i + 1;
			return 0;
		}
		return jc_fail(j, M_JSON_WANT_COMMA_BRACE);
	}
}

int dsi_json_scan(const char *buf, size_t len, unsigned max_depth, struct dsi_json_scan *s)
{
	struct jc j;
	int rc;

	memset(&j, 0, sizeof j);
	s->n = 0;
	s->m = s->inline_m;
	s->cap = DSI_JSON_INLINE;
	s->err_off = 0;
	s->err_msg = s->err_msg_zh = NULL;
	s->err_limit = DSI_JSON_NO_LIMIT;
	j.p = (const unsigned char *)buf;
	j.len = len;
	j.max_depth = max_depth;
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		j.i = 3; /* a byte order mark */
	jc_ws(&j);
	s->start = j.i;
	if (j.i < j.len && j.p[j.i] != '{') {
		/* not an object: still a syntax error first, if it is one */
		if ((rc = jc_value(&j)) == 0) {
			jc_ws(&j);
			if (j.i == j.len)
				return -3;
			rc = jc_say(&j, M_JSON_TRAILING);
		}
	} else if (j.i >= j.len) {
		rc = jc_say(&j, M_JSON_END);
	} else if ((rc = jc_object(&j, s)) == 0) {
		s->end = j.i;
		jc_ws(&j);
		if (j.i != j.len)
			rc = jc_say(&j, M_JSON_TRAILING);
	}
	if (rc == -1) {
		s->err_off = j.i;
		s->err_msg = j.msg;
		s->err_msg_zh = j.msg_zh;
		s->err_limit = j.limit;
	}
	return rc;
}

void dsi_json_scan_free(struct dsi_json_scan *s)
{
	if (s->m != s->inline_m)
		free(s->m);
	s->m = s->inline_m;
	s->cap = DSI_JSON_INLINE;
	s->n = 0;
}

int dsi_json_number(const char *s)
{
	struct jc j;

	memset(&j, 0, sizeof j);
	j.p = (const unsigned char *)s;
	j.len = strlen(s);
	if (j.len == 0 || !(*s == '-' || (*s >= '0' && *s <= '9')))
		return 0;
	return jc_number(&j) == 0 && j.i == j.len;
}

int dsi_json_nonzero(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && s[i] != 'e' && s[i] != 'E'; i++)
		if (s[i] >= '1' && s[i] <= '9')
			return 1;
	return 0;
}
