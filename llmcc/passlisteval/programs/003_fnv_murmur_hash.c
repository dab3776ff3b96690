/* Exercises: FNV-1/FNV-1a 32/64-bit hashing, murmur3 finalizer and its inverse, hash-bucket distribution. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static inline uint32_t fnv1a32(const char *s)
{
    uint32_t h = 0x811C9DC5u;
    while (*s) { h ^= (unsigned char)*s++; h *= 0x01000193u; }
    return h;
}

static inline uint32_t fnv1_32(const char *s)
{
    uint32_t h = 0x811C9DC5u;
    while (*s) { h *= 0x01000193u; h ^= (unsigned char)*s++; }
    return h;
}

static uint64_t fnv1a64(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = UINT64_C(0xCBF29CE484222325);
    for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= UINT64_C(0x100000001B3); }
    return h;
}

static uint64_t fmix64(uint64_t k)
{
    k ^= k >> 33; k *= UINT64_C(0xFF51AFD7ED558CCD);
    k ^= k >> 33; k *= UINT64_C(0xC4CEB9FE1A85EC53);
    k ^= k >> 33;
    return k;
}

static uint64_t inv_mul(uint64_t a)
{
    /* Newton iteration for the inverse of an odd number mod 2^64. */
    uint64_t x = a;
    for (int i = 0; i < 6; i++) x *= 2 - a * x;
    return x;
}

static uint64_t unxorshift(uint64_t k, int s)
{
    uint64_t r = k;
    for (int i = 0; i < 64 / s + 1; i++) r = k ^ (r >> s);
    return r;
}

static uint64_t fmix64_inv(uint64_t k)
{
    k = unxorshift(k, 33);
    k *= inv_mul(UINT64_C(0xC4CEB9FE1A85EC53));
    k = unxorshift(k, 33);
    k *= inv_mul(UINT64_C(0xFF51AFD7ED558CCD));
    k = unxorshift(k, 33);
    return k;
}

static uint32_t murmur3_32(const unsigned char *key, size_t len, uint32_t seed)
{
    uint32_t h = seed;
    const uint32_t c1 = 0xCC9E2D51u, c2 = 0x1B873593u;
    size_t i = 0;
    for (; i + 4 <= len; i += 4) {
        uint32_t k = (uint32_t)key[i] | (uint32_t)key[i + 1] << 8 | (uint32_t)key[i + 2] << 16 | (uint32_t)key[i + 3] << 24;
        k *= c1; k = (k << 15) | (k >> 17); k *= c2;
        h ^= k; h = (h << 13) | (h >> 19); h = h * 5 + 0xE6546B64u;
    }
    uint32_t k = 0;
    switch (len & 3) {
    case 3: k ^= (uint32_t)key[i + 2] << 16; /* fall through */
    case 2: k ^= (uint32_t)key[i + 1] << 8;  /* fall through */
    case 1: k ^= key[i];
        k *= c1; k = (k << 15) | (k >> 17); k *= c2; h ^= k;
    }
    h ^= (uint32_t)len;
    h ^= h >> 16; h *= 0x85EBCA6Bu; h ^= h >> 13; h *= 0xC2B2AE35u; h ^= h >> 16;
    return h;
}

int main(void)
{
    CHECK(fnv1a32("") == 0x811C9DC5u);
    CHECK(fnv1a32("a") == 0xE40C292Cu);
    CHECK(fnv1a32("foobar") == 0xBF9CF968u);
    CHECK(fnv1_32("a") == 0x050C5D7Eu);
    CHECK(fnv1_32("foobar") == 0x31F0B262u);
    CHECK(fnv1a64("a", 1) == UINT64_C(0xAF63DC4C8601EC8C));
    CHECK(fnv1a64("foobar", 6) == UINT64_C(0x85944171F73967E8));
    CHECK(murmur3_32((const unsigned char *)"", 0, 0) == 0);
    CHECK(murmur3_32((const unsigned char *)"", 0, 1) == 0x514E28B7u);
    CHECK(murmur3_32((const unsigned char *)"test", 4, 0) == 0xBA6BD213u);
    CHECK(murmur3_32((const unsigned char *)"Hello, world!", 13, 0x9747B28Cu) == 0x24884CBAu);

    /* fmix64 must be a bijection: check the inverse on a sequence of inputs. */
    uint64_t acc = 0;
    unsigned bad = 0;
    for (uint64_t i = 0; i < 20000; i++) {
        uint64_t v = i * UINT64_C(0x9E3779B97F4A7C15);
        uint64_t h = fmix64(v);
        if (fmix64_inv(h) != v) bad++;
        acc += h;
    }
    CHECK(bad == 0);
    CHECK(fmix64(0) == 0);

    /* bucket distribution of FNV-1a over generated keys */
    unsigned buckets[64] = {0};
    char key[32];
    for (int i = 0; i < 16384; i++) {
        snprintf(key, sizeof key, "key-%d-%x", i, (unsigned)(i * 7919));
        buckets[fnv1a32(key) & 63]++;
    }
    unsigned mn = ~0u, mx = 0;
    for (int i = 0; i < 64; i++) {
        if (buckets[i] < mn) mn = buckets[i];
        if (buckets[i] > mx) mx = buckets[i];
    }
    CHECK(mn > 180 && mx < 340);

    printf("fnv1a32(foobar)=%08X acc=%016llX\n", (unsigned)fnv1a32("foobar"), (unsigned long long)acc);
    printf("buckets min=%u max=%u\n", mn, mx);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
