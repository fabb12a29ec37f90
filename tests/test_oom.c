/*
 * test_oom.c: allocations that fail while a JSON spec is read, inside cJSON
 * (its tree, its strings, the temporary buffer of each number) or the library
 * (an id, a string fact, the member table past its inline part): the answer is
 * DS_ERR_NOMEM, never another status, a crash or a leak, and with nothing
 * failing the spec reads as it should.
 *
 * malloc, calloc, realloc and free are replaced in this program (glibc's
 * __libc_* underneath) so that the k-th allocation fails, for each k in turn:
 * cJSON, a shared library, allocates through them too. Not built with the
 * sanitizers, whose allocator this would bypass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dsselect.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t k, size_t n);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

static long fail_at = -1; /* the allocation to fail, counted from 0; -1: none */
static long count;        /* allocations asked for since counting began */
static long live;         /* blocks allocated and not freed since counting began */

static int fails(void)
{
	return fail_at >= 0 && count++ == fail_at;
}

void *malloc(size_t n)
{
	void *p = fails() ? NULL : __libc_malloc(n);
	live += p != NULL;
	return p;
}

void *calloc(size_t k, size_t n)
{
	void *p = fails() ? NULL : __libc_calloc(k, n);
	live += p != NULL;
	return p;
}

void *realloc(void *old, size_t n)
{
	void *p = fails() ? NULL : __libc_realloc(old, n);
	live += p != NULL && old == NULL;
	return p;
}

void free(void *p)
{
	live -= p != NULL;
	__libc_free(p);
}

static ds_ruleset *rs;

/*
 * Reads text into a fresh spec with the k-th allocation failing, for every k
 * until one read needs fewer: then it gives want (and the id, if any).
 */
static void each_failure(const char *text, ds_status want, const char *id)
{
	long k, made;
	ds_status st;

	for (k = 0;; k++) {
		ds_spec *s = NULL;
		ds_diag d;
		long before;

		assert_int_equal(ds_spec_new(rs, &s), DS_OK);
		memset(&d, 0, sizeof d);
		before = live;
		count = 0;
		fail_at = k;
		st = ds_spec_read_json(s, text, strlen(text), "oom", &d);
		fail_at = -1;
		made = count;
		if (made <= k) { /* nothing failed: the real answer */
			if (st != want)
				fail_msg("%s: got %d (%s), want %d", text, st, d.msg, want);
			if (id)
				assert_string_equal(ds_spec_id(s, NULL), id);
		} else if (st != DS_ERR_NOMEM) {
			fail_msg("%s: allocation %ld of %ld failed: got %d (%s), want DS_ERR_NOMEM", text, k + 1, made,
			         st, d.msg);
		}
		ds_spec_clear(s);
		if (live != before)
			fail_msg("%s: allocation %ld failed: %ld blocks not freed", text, k + 1, live - before);
		ds_spec_free(s);
		if (made <= k)
			break;
	}
	assert_true(k > 0); /* something was allocated, so something failed */
}

static void test_spec_ok(void **state)
{
	(void)state;
	each_failure("{\"id\": \"an id too long to be kept inline in the spec, so it is allocated\", "
	             "\"gpu_mem\": 24.5, \"gpus\": 2, \"gpu_model\": \"a10g\", \"nccl\": true, "
	             "\"data\": [\"code\", \"math\"], \"task\": \"contract-extraction\", \"p99_ms\": 1e2}",
	             DS_OK, "an id too long to be kept inline in the spec, so it is allocated");
}

static void test_spec_bad(void **state)
{
	char text[4096];
	size_t n = 0;
	int i;

	(void)state;
	/* a fact refused, the id after it kept */
	each_failure("{\"gpus\": \"two\", \"id\": 12345678901234567890123456789012345678901234567890.5}",
	             DS_ERR_SPEC, "12345678901234567890123456789012345678901234567890.5");
	/* a syntax error: the id before it decoded alone, from an escaped key */
	each_failure("{\"\\u0069d\": \"an id too long to be kept inline in the spec, escaped: \\u00e9\", \"gpus\": }",
	             DS_ERR_SPEC, "an id too long to be kept inline in the spec, escaped: \xc3\xa9");
	/* more members than the scanner records inline */
	n += (size_t)snprintf(text + n, sizeof text - n, "{");
	for (i = 0; i < 100; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "\"k%d\": [%d], ", i, i);
	snprintf(text + n, sizeof text - n, "\"id\": \"last\"}");
	each_failure(text, DS_ERR_SPEC, "last");
}

static int setup(void **state)
{
	ds_diag d;

	(void)state;
	return ds_ruleset_load_default(&rs, &d) == DS_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	ds_ruleset_free(rs);
	return 0;
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_ok),
		cmocka_unit_test(test_spec_bad),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
