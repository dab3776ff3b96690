/* Exercises: UTF-8 encode/decode state handling, rejection of overlongs/surrogates/truncation, UTF-16 surrogate pairs. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static int utf8_encode(uint32_t cp, unsigned char *o)
{
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) { o[0] = (unsigned char)(0xC0 | cp >> 6); o[1] = (unsigned char)(0x80 | (cp & 63)); return 2; }
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | cp >> 12); o[1] = (unsigned char)(0x80 | ((cp >> 6) & 63));
        o[2] = (unsigned char)(0x80 | (cp & 63));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        o[0] = (unsigned char)(0xF0 | cp >> 18); o[1] = (unsigned char)(0x80 | ((cp >> 12) & 63));
        o[2] = (unsigned char)(0x80 | ((cp >> 6) & 63)); o[3] = (unsigned char)(0x80 | (cp & 63));
        return 4;
    }
    return 0;
}

/* returns bytes consumed (>0) and code point, or -1 on invalid */
static int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0) return -1;
    unsigned char c = s[0];
    int len;
    uint32_t v, min;
    if (c < 0x80) { *cp = c; return 1; }
    else if ((c & 0xE0) == 0xC0) { len = 2; v = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; v = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; v = c & 0x07; min = 0x10000; }
    else return -1;
    if ((size_t)len > n) return -1;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return -1;
        v = v << 6 | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return -1;
    *cp = v;
    return len;
}

static int utf16_encode(uint32_t cp, uint16_t *o)
{
    if (cp < 0x10000) { o[0] = (uint16_t)cp; return 1; }
    cp -= 0x10000;
    o[0] = (uint16_t)(0xD800 + (cp >> 10));
    o[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
    return 2;
}

static long count_codepoints(const char *s)
{
    size_t n = strlen(s);
    long count = 0;
    uint32_t cp;
    while (n) {
        int k = utf8_decode((const unsigned char *)s, n, &cp);
        if (k < 0) return -1;
        s += k; n -= (size_t)k; count++;
    }
    return count;
}

int main(void)
{
    unsigned char buf[8];
    uint32_t cp;
    long valid = 0, roundtrip_bad = 0;
    uint64_t byte_total = 0;
    for (uint32_t c = 0; c <= 0x10FFFF; c += (c < 0x3000 ? 1 : 97)) {
        int n = utf8_encode(c, buf);
        if (c >= 0xD800 && c <= 0xDFFF) { if (n != 0) roundtrip_bad++; continue; }
        valid++;
        byte_total += (uint64_t)n;
        int k = utf8_decode(buf, (size_t)n, &cp);
        if (k != n || cp != c) roundtrip_bad++;
        if (n > 1 && utf8_decode(buf, (size_t)n - 1, &cp) != -1) roundtrip_bad++;
        uint16_t w[2];
        int m = utf16_encode(c, w);
        uint32_t back = m == 1 ? w[0] : 0x10000 + (((uint32_t)w[0] - 0xD800) << 10) + ((uint32_t)w[1] - 0xDC00);
        if (back != c || (m == 2) != (c >= 0x10000)) roundtrip_bad++;
    }
    CHECK(roundtrip_bad == 0);

    static const unsigned char bad[][4] = {
        {0xC0, 0x80, 0, 0}, {0xE0, 0x80, 0x80, 0}, {0xF0, 0x80, 0x80, 0x80}, {0xED, 0xA0, 0x80, 0},
        {0xF4, 0x90, 0x80, 0x80}, {0x80, 0, 0, 0}, {0xFF, 0, 0, 0}, {0xE2, 0x28, 0xA1, 0},
    };
    static const size_t badlen[] = {2, 3, 4, 3, 4, 1, 1, 3};
    for (int i = 0; i < 8; i++) CHECK(utf8_decode(bad[i], badlen[i], &cp) == -1);

    CHECK(count_codepoints("h\xC3\xA9llo w\xC3\xB6rld") == 11);
    CHECK(count_codepoints("\xE2\x82\xAC\xF0\x9F\x98\x80") == 2);
    CHECK(count_codepoints("\xE2\x82") == -1);
    CHECK(utf8_encode(0x20AC, buf) == 3 && memcmp(buf, "\xE2\x82\xAC", 3) == 0);
    CHECK(utf8_encode(0x1F600, buf) == 4 && memcmp(buf, "\xF0\x9F\x98\x80", 4) == 0);
    CHECK(utf8_encode(0x110000, buf) == 0);

    /* decode every 2-byte sequence and count valid ones: 0xC2..0xDF x 0x80..0xBF = 30*64 */
    int two = 0;
    for (int a = 0; a < 256; a++)
        for (int b = 0; b < 256; b++) {
            unsigned char s[2] = {(unsigned char)a, (unsigned char)b};
            if (utf8_decode(s, 2, &cp) == 2) two++;
        }
    CHECK(two == 30 * 64);
    printf("valid=%ld bytes=%llu two=%d\n", valid, (unsigned long long)byte_total, two);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
