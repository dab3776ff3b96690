/* Exercises: popcount/clz/ctz/bit-reverse/rotate/parity via naive loops, SWAR tricks, lookup tables, builtins and always_inline helpers. */
#include <stdio.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static int pop_naive(uint64_t x) { int c = 0; while (x) { c += (int)(x & 1); x >>= 1; } return c; }
static int pop_kernighan(uint64_t x) { int c = 0; while (x) { x &= x - 1; c++; } return c; }
static int pop_swar(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return (int)((x * 0x0101010101010101ull) >> 56);
}
static unsigned char poptab[256];
static int pop_table(uint64_t x) { int c = 0; for (int i = 0; i < 8; i++) c += poptab[(x >> (8 * i)) & 0xFF]; return c; }

static int clz_naive(uint64_t x) { if (!x) return 64; int n = 0; while (!(x & (1ull << 63))) { x <<= 1; n++; } return n; }
static int ctz_naive(uint64_t x) { if (!x) return 64; int n = 0; while (!(x & 1)) { x >>= 1; n++; } return n; }
static int clz_binary(uint64_t x)
{
    if (!x) return 64;
    int n = 0;
    if (!(x >> 32)) { n += 32; x <<= 32; }
    if (!(x >> 48)) { n += 16; x <<= 16; }
    if (!(x >> 56)) { n += 8; x <<= 8; }
    if (!(x >> 60)) { n += 4; x <<= 4; }
    if (!(x >> 62)) { n += 2; x <<= 2; }
    if (!(x >> 63)) { n += 1; }
    return n;
}

static uint32_t rev_naive(uint32_t x) { uint32_t r = 0; for (int i = 0; i < 32; i++) { r = (r << 1) | (x & 1); x >>= 1; } return r; }
static uint32_t rev_swar(uint32_t x)
{
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
    x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
    return (x >> 16) | (x << 16);
}

static inline __attribute__((always_inline)) uint32_t rotl(uint32_t x, unsigned r) { r &= 31; return r ? (x << r) | (x >> (32 - r)) : x; }
static inline __attribute__((always_inline)) uint32_t rotr(uint32_t x, unsigned r) { return (x >> (r & 31)) | (x << ((32 - r) & 31)); }

static uint64_t next_pow2(uint64_t x)
{
    if (x <= 1) return 1;
    x--;
    x |= x >> 1; x |= x >> 2; x |= x >> 4; x |= x >> 8; x |= x >> 16; x |= x >> 32;
    return x + 1;
}

/* next bigger number with the same popcount (Gosper's hack) */
static uint32_t gosper(uint32_t x) { uint32_t c = x & (0u - x), r = x + c; return (((r ^ x) >> 2) / c) | r; }

static int parity(uint32_t x) { x ^= x >> 16; x ^= x >> 8; x ^= x >> 4; return (0x6996 >> (x & 15)) & 1; }

int main(void)
{
    for (int i = 0; i < 256; i++) poptab[i] = (unsigned char)((i & 1) + poptab[i / 2]);
    uint64_t s = 0x243F6A8885A308D3ull, digest = 0;
    int bad = 0;
    for (int i = 0; i < 30000; i++) {
        s ^= s << 13; s ^= s >> 7; s ^= s << 17;
        uint64_t v = s >> (i % 64); /* varied magnitudes including small values */
        int p = pop_naive(v);
        if (p != pop_kernighan(v) || p != pop_swar(v) || p != pop_table(v) || p != __builtin_popcountll(v)) bad++;
        int cz = clz_naive(v);
        if (cz != clz_binary(v) || (v && cz != __builtin_clzll(v))) bad++;
        int tz = ctz_naive(v);
        if (v && tz != __builtin_ctzll(v)) bad++;
        if (v && ((v & (0 - v)) != (1ull << tz))) bad++;
        uint32_t w = (uint32_t)v;
        if (rev_naive(w) != rev_swar(w)) bad++;
        unsigned r = (unsigned)(s >> 58);
        if (rotr(rotl(w, r), r) != w) bad++;
        if (parity(w) != (pop_naive(w) & 1)) bad++;
        uint64_t np = next_pow2(v & 0xFFFFFFFFFFFFull);
        if (pop_naive(np) != 1 || np < (v & 0xFFFFFFFFFFFFull) || (np > 1 && np / 2 >= (v & 0xFFFFFFFFFFFFull))) bad++;
        digest = digest * 1099511628211ull ^ (uint64_t)(p * 4096 + cz * 64 + tz) ^ rev_swar(w);
    }
    CHECK(bad == 0);

    /* enumerate all 5-bit subsets of 12 bits with Gosper's hack: C(12,5) = 792 */
    int count = 0;
    for (uint32_t x = 0x1F; x < (1u << 12); x = gosper(x)) {
        if (pop_naive(x) != 5) bad++;
        count++;
    }
    CHECK(count == 792 && bad == 0);
    CHECK(rev_swar(1) == 0x80000000u && rotl(0x80000001u, 1) == 3u && rotr(3u, 1) == 0x80000001u);
    CHECK(next_pow2(1000) == 1024 && next_pow2(1024) == 1024 && next_pow2((1ull << 40) + 1) == (1ull << 41));
    /* gray code round trip */
    for (uint32_t v = 0; v < 70000; v++) {
        uint32_t g = v ^ (v >> 1), b = g;
        for (uint32_t sh = 1; sh < 32; sh <<= 1) b ^= b >> sh;
        if (b != v) bad++;
        if (v && pop_naive(g ^ ((v - 1) ^ ((v - 1) >> 1))) != 1) bad++;
    }
    CHECK(bad == 0);
    printf("digest=%016llX subsets=%d\n", (unsigned long long)digest, count);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
