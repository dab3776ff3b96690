/* Exercises: Bloom filter with double hashing (no false negatives, bounded false positives), Fisher-Yates shuffle, reservoir sampling. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define MBITS (1u << 16)
#define KHASH 7

static uint8_t bloom[MBITS / 8];

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static void bloom_add(uint64_t key)
{
    uint64_t h = mix64(key), h1 = h & 0xFFFFFFFFu, h2 = (h >> 32) | 1;
    for (uint64_t i = 0; i < KHASH; i++) { uint32_t bit = (uint32_t)((h1 + i * h2) % MBITS); bloom[bit >> 3] |= (uint8_t)(1u << (bit & 7)); }
}
static int bloom_maybe(uint64_t key)
{
    uint64_t h = mix64(key), h1 = h & 0xFFFFFFFFu, h2 = (h >> 32) | 1;
    for (uint64_t i = 0; i < KHASH; i++) { uint32_t bit = (uint32_t)((h1 + i * h2) % MBITS); if (!(bloom[bit >> 3] >> (bit & 7) & 1)) return 0; }
    return 1;
}

static uint64_t st = 0x853C49E6748FEA9Bull;
static uint32_t rnd32(void) { st = st * 6364136223846793005ull + 1442695040888963407ull; return (uint32_t)(st >> 33); }
static uint32_t rnd_below(uint32_t n) { uint32_t lim = UINT32_MAX - UINT32_MAX % n, v; do v = rnd32(); while (v >= lim); return v % n; }

int main(void)
{
    for (uint64_t k = 0; k < 5000; k++) bloom_add(k * 7919 + 13);
    int fn = 0, fp = 0;
    for (uint64_t k = 0; k < 5000; k++) fn += !bloom_maybe(k * 7919 + 13);
    for (uint64_t k = 0; k < 20000; k++) { uint64_t q = k * 7919 + 14; fp += bloom_maybe(q); }
    CHECK(fn == 0);
    /* theoretical FP rate for m=65536, n=5000, k=7 is about 0.6%; allow up to 2% */
    CHECK(fp < 400);
    int setbits = 0;
    for (size_t i = 0; i < sizeof bloom; i++) setbits += __builtin_popcount(bloom[i]);
    CHECK(setbits > 25000 && setbits < 28000);

    /* Fisher-Yates shuffle: permutation property and positional uniformity */
    enum { N = 10, TRIALS = 20000 };
    int count[N][N];
    memset(count, 0, sizeof count);
    int bad = 0;
    for (int t = 0; t < TRIALS; t++) {
        int a[N];
        for (int i = 0; i < N; i++) a[i] = i;
        for (int i = N - 1; i > 0; i--) { int j = (int)rnd_below((uint32_t)i + 1); int tmp = a[i]; a[i] = a[j]; a[j] = tmp; }
        int seen = 0;
        for (int i = 0; i < N; i++) { seen |= 1 << a[i]; count[a[i]][i]++; }
        if (seen != (1 << N) - 1) bad++;
    }
    CHECK(bad == 0);
    for (int v = 0; v < N; v++) for (int p = 0; p < N; p++) if (count[v][p] < 1700 || count[v][p] > 2300) bad++;
    CHECK(bad == 0);

    /* reservoir sampling of 5 from a stream of 1000: each item chosen ~ 5/1000 of the time */
    static int hits[1000];
    for (int t = 0; t < 4000; t++) {
        int res[5];
        for (int i = 0; i < 1000; i++) {
            if (i < 5) res[i] = i;
            else { uint32_t j = rnd_below((uint32_t)i + 1); if (j < 5) res[j] = i; }
        }
        for (int k = 0; k < 5; k++) hits[res[k]]++;
        for (int k = 0; k < 5; k++) for (int m = k + 1; m < 5; m++) if (res[k] == res[m]) bad++;
    }
    CHECK(bad == 0);
    long first100 = 0, last100 = 0;
    for (int i = 0; i < 100; i++) { first100 += hits[i]; last100 += hits[900 + i]; }
    CHECK(first100 > 1600 && first100 < 2400 && last100 > 1600 && last100 < 2400);
    printf("fp=%d setbits=%d c00=%d first100=%ld last100=%ld\n", fp, setbits, count[0][0], first100, last100);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
