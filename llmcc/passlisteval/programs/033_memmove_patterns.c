/* Exercises: memcpy/memmove/memset/memcmp with overlaps and odd alignments, hand-written byte/word copies, buffer rotation. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stdlib.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define SZ 512

static void ref_move(unsigned char *dst, const unsigned char *src, size_t n)
{
    unsigned char tmp[SZ];
    for (size_t i = 0; i < n; i++) tmp[i] = src[i];
    for (size_t i = 0; i < n; i++) dst[i] = tmp[i];
}

static void my_move(void *dstv, const void *srcv, size_t n)
{
    unsigned char *d = dstv;
    const unsigned char *s = srcv;
    if (d == s || n == 0) return;
    if (d < s || d >= s + n) {
        while (n >= 8) { uint64_t w; memcpy(&w, s, 8); memcpy(d, &w, 8); d += 8; s += 8; n -= 8; }
        while (n--) *d++ = *s++;
    } else {
        d += n; s += n;
        while (n >= 8) { uint64_t w; d -= 8; s -= 8; n -= 8; memcpy(&w, s, 8); memcpy(d, &w, 8); }
        while (n--) *--d = *--s;
    }
}

static void my_set(void *dstv, int c, size_t n)
{
    unsigned char *d = dstv;
    uint64_t pat = (unsigned char)c * 0x0101010101010101ull;
    while (n && ((uintptr_t)d & 7)) { *d++ = (unsigned char)c; n--; }
    while (n >= 8) { memcpy(d, &pat, 8); d += 8; n -= 8; }
    while (n--) *d++ = (unsigned char)c;
}

/* rotate left by k using three reversals */
static void rev(unsigned char *a, size_t i, size_t j) { while (i < j) { unsigned char t = a[i]; a[i++] = a[--j]; a[j] = t; } }
static void rotate(unsigned char *a, size_t n, size_t k)
{
    if (!n) return;
    k %= n;
    rev(a, 0, k); rev(a, k, n); rev(a, 0, n);
}

static uint32_t adler(const unsigned char *p, size_t n)
{
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < n; i++) { a = (a + p[i]) % 65521; b = (b + a) % 65521; }
    return b << 16 | a;
}

int main(void)
{
    static unsigned char base[SZ], x1[SZ], x2[SZ], x3[SZ];
    for (int i = 0; i < SZ; i++) base[i] = (unsigned char)(i * 37 + (i >> 3));
    int bad = 0;
    uint32_t digest = 0;
    for (size_t src = 0; src < 80; src += 3)
        for (size_t dst = 0; dst < 80; dst += 5)
            for (size_t n = 0; n < 300; n += 41) {
                memcpy(x1, base, SZ); memcpy(x2, base, SZ); memcpy(x3, base, SZ);
                ref_move(x1 + dst, x1 + src, n);
                memmove(x2 + dst, x2 + src, n);
                my_move(x3 + dst, x3 + src, n);
                if (memcmp(x1, x2, SZ) || memcmp(x1, x3, SZ)) bad++;
                digest = digest * 33 + adler(x1, SZ);
            }
    CHECK(bad == 0);

    for (size_t off = 0; off < 16; off++)
        for (size_t n = 0; n < 100; n += 7) {
            memcpy(x1, base, SZ); memcpy(x2, base, SZ);
            memset(x1 + off, 0xA5, n);
            my_set(x2 + off, 0xA5, n);
            if (memcmp(x1, x2, SZ)) bad++;
        }
    CHECK(bad == 0);

    /* rotation equals two memcpy pieces */
    for (size_t k = 0; k < 300; k += 13) {
        memcpy(x1, base, SZ);
        rotate(x1, 257, k);
        size_t kk = k % 257;
        memcpy(x2, base + kk, 257 - kk);
        memcpy(x2 + 257 - kk, base, kk);
        if (memcmp(x1, x2, 257)) bad++;
    }
    CHECK(bad == 0);

    /* memcmp sign semantics are on unsigned bytes */
    unsigned char p[2] = {0x80, 0}, q[2] = {0x7F, 0};
    CHECK(memcmp(p, q, 2) > 0);
    CHECK(memcmp(base, base, 0) == 0);

    /* memchr and a heap buffer growing by doubling */
    CHECK(memchr(base, base[100], SZ) != NULL);
    size_t cap = 1, len = 0;
    unsigned char *buf = malloc(cap);
    for (int i = 0; i < 5000; i++) {
        if (len == cap) { cap *= 2; buf = realloc(buf, cap); }
        buf[len++] = (unsigned char)(i ^ (i >> 4));
    }
    uint32_t ad = adler(buf, len);
    for (size_t i = 0; i < len; i++) if (buf[i] != (unsigned char)(i ^ (i >> 4))) bad++;
    free(buf);
    CHECK(bad == 0);
    CHECK(adler((const unsigned char *)"Wikipedia", 9) == 0x11E60398u);
    printf("digest=%08X adler=%08X cap=%zu\n", (unsigned)digest, (unsigned)ad, cap);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
