/* cjk.h: whether a test's text is Chinese (for the tests of messages in two languages). */
#ifndef DS_TEST_CJK_H
#define DS_TEST_CJK_H

/* Whether s has a CJK ideograph (U+4E00..U+9FFF, UTF-8 lead byte 0xE4..0xE9). */
__attribute__((unused)) static int has_cjk(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++)
		if (*p >= 0xE4 && *p <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
			return 1;
	return 0;
}

#endif
