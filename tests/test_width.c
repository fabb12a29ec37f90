/* test_width.c: display width of UTF-8 text (ds_text_width, src/lib/width.c), and padding to a width. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "width.h"
#include "columns.h" /* the command's cli_text_fpad */

static void test_ascii(void **state)
{
	(void)state;
	assert_int_equal(ds_text_width(""), 0);
	assert_int_equal(ds_text_width(NULL), 0);
	assert_int_equal(ds_text_width("V1"), 2);
	assert_int_equal(ds_text_width("gpu_mem \\ concurrency"), 21);
	assert_int_equal(ds_text_width(" "), 1);
}

static void test_cjk(void **state)
{
	(void)state;
	assert_int_equal(ds_text_width("模型"), 4);         /* 6 bytes */
	assert_int_equal(ds_text_width("深度求索V1"), 10);  /* 14 bytes */
	assert_int_equal(ds_text_width("状态"), 4);
	assert_int_equal(ds_text_width("混合cloud"), 9);
	assert_int_equal(ds_text_width("한국어"), 6);       /* Hangul */
	assert_int_equal(ds_text_width("ひらがな"), 8);     /* Hiragana */
	assert_int_equal(ds_text_width("图例\xef\xbc\x9a"), 6); /* U+FF1A, a fullwidth colon */
	assert_int_equal(ds_text_width("图例:"), 5);            /* an ASCII one */
}

static void test_fullwidth_forms(void **state)
{
	(void)state;
	assert_int_equal(ds_text_width("ＬＩＴＥ"), 8);     /* U+FF2C ...: fullwidth Latin */
	assert_int_equal(ds_text_width("１２"), 4);         /* fullwidth digits */
	assert_int_equal(ds_text_width("ｱｲ"), 2);           /* U+FF71: halfwidth katakana stay one column */
}

static void test_combining_marks(void **state)
{
	(void)state;
	assert_int_equal(ds_text_width("e\xcc\x81"), 1);                /* e + U+0301 */
	assert_int_equal(ds_text_width("\xcc\x81"), 0);                 /* U+0301 alone */
	assert_int_equal(ds_text_width("n\xcc\x83o\xcc\x88"), 2);       /* ñ ö, decomposed */
	assert_int_equal(ds_text_width("\xe3\x81\x8b\xe3\x82\x99"), 2); /* か + U+3099 */
}

static void test_emoji(void **state)
{
	(void)state;
	assert_int_equal(ds_text_width("\xf0\x9f\x98\x80"), 2);      /* U+1F600 */
	assert_int_equal(ds_text_width("ok\xf0\x9f\x9a\x80"), 4);    /* "ok" U+1F680 */
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	assert_int_equal(ds_text_width("\xff"), 1);
	assert_int_equal(ds_text_width("a\xffz"), 3);
	assert_int_equal(ds_text_width("\xe6\xa8"), 2);           /* a sequence cut short: each byte one */
	assert_int_equal(ds_text_width("\xe6\xa8" "a"), 3);
	assert_int_equal(ds_text_width("\xc0\xaf"), 2);           /* overlong '/' */
	assert_int_equal(ds_text_width("\xed\xa0\x80"), 3);       /* a surrogate */
	assert_int_equal(ds_text_width("\xf4\x90\x80\x80"), 4);   /* past U+10FFFF */
	assert_int_equal(ds_text_width("\xa8模"), 3);             /* a stray continuation byte, then a character */
	/* a byte count that cuts a character: the character's remaining lead byte is one column */
	assert_int_equal(ds_text_width_n("模型", 4), 3);
	assert_int_equal(ds_text_width_n("模型", 3), 2);
	assert_int_equal(ds_text_width_n("模型", 0), 0);
}

/* The same numbers whatever the locale: no wcwidth(3), which gives -1 for CJK in "C". */
static void test_locale_independent(void **state)
{
	static const char *const locales[] = {"C", "C.UTF-8", "POSIX"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof locales / sizeof *locales; i++) {
		if (setlocale(LC_ALL, locales[i]) == NULL)
			continue; /* not installed here */
		assert_int_equal(ds_text_width("深度求索V1"), 10);
		assert_int_equal(ds_text_width("ＬＩＴＥ"), 8);
		assert_int_equal(ds_text_width("e\xcc\x81"), 1);
	}
	setlocale(LC_ALL, "C");
}

static void test_pad(void **state)
{
	char *p = NULL;
	size_t n = 0;
	FILE *fp;
	struct buf b;

	(void)state;
	assert_int_equal(dsi_text_pad("模型", 8), 4);
	assert_int_equal(dsi_text_pad("model", 8), 3);
	assert_int_equal(dsi_text_pad("深度求索V1", 8), 0); /* wider than the column: no spaces */

	fp = open_memstream(&p, &n);
	assert_non_null(fp);
	cli_text_fpad(fp, "模型", 8, 0);
	fputc('|', fp);
	cli_text_fpad(fp, "本地", 6, 1);
	fputc('|', fp);
	cli_text_fpad(fp, "", 3, 0);
	fputc('|', fp);
	assert_int_equal(fclose(fp), 0);
	assert_string_equal(p, "模型    |  本地|   |");
	free(p);

	dsi_buf_init(&b);
	dsi_buf_pad(&b, "甲.1", 5);
	dsi_buf_pad(&b, "ＬＩＴＥ", 6);
	dsi_buf_putc(&b, '|');
	assert_false(b.oom);
	assert_string_equal(b.p, "甲.1 ＬＩＴＥ|");
	dsi_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ascii),
	    cmocka_unit_test(test_cjk),
	    cmocka_unit_test(test_fullwidth_forms),
	    cmocka_unit_test(test_combining_marks),
	    cmocka_unit_test(test_emoji),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_locale_independent),
	    cmocka_unit_test(test_pad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
