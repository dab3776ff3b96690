/* Exercises: several PRNGs (LCG, xorshift64*, PCG32, splitmix64, Lehmer) with known outputs, full-period checks and chi-square tests. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct { uint64_t state, inc; } Pcg32;
static uint32_t pcg32(Pcg32 *r)
{
    uint64_t old = r->state;
    r->state = old * 6364136223846793005ULL + r->inc;
    uint32_t xs = (uint32_t)(((old >> 18) ^ old) >> 27);
    uint32_t rot = (uint32_t)(old >> 59);
    return (xs >> rot) | (xs << ((0u - rot) & 31));
}
static void pcg_seed(Pcg32 *r, uint64_t seed, uint64_t seq)
{
    r->state = 0; r->inc = (seq << 1) | 1;
    pcg32(r); r->state += seed; pcg32(r);
}

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t xorshift64star(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

static uint32_t minstd(uint32_t *s) { *s = (uint32_t)((uint64_t)*s * 48271u % 2147483647u); return *s; }

/* chi-square statistic *1000 over 16 buckets of the top 4 bits */
static long chi_square_x1000(uint32_t (*next)(void *), void *ctx, int samples)
{
    long cnt[16] = {0};
    for (int i = 0; i < samples; i++) cnt[next(ctx) >> 28]++;
    long e = samples / 16, chi = 0;
    for (int i = 0; i < 16; i++) chi += (cnt[i] - e) * (cnt[i] - e) * 1000 / e;
    return chi;
}
static uint32_t w_pcg(void *c) { return pcg32(c); }
static uint32_t w_split(void *c) { return (uint32_t)(splitmix64(c) >> 32); }
static uint32_t w_xs(void *c) { return (uint32_t)(xorshift64star(c) >> 32); }
static uint32_t w_bad(void *c) { uint32_t *s = c; *s += 0x01000000u; return *s; } /* deliberately poor: cycles through buckets */

int main(void)
{
    Pcg32 r;
    pcg_seed(&r, 42u, 54u);
    static const uint32_t expect[6] = {0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e};
    for (int i = 0; i < 6; i++) CHECK(pcg32(&r) == expect[i]);

    uint64_t sm = 1234567;
    CHECK(splitmix64(&sm) == 6457827717110365317ULL);
    CHECK(splitmix64(&sm) == 3203168211198807973ULL);

    uint32_t ms = 1;
    for (int i = 0; i < 10000; i++) minstd(&ms);
    CHECK(ms == 399268537u);

    /* full period of a small LCG satisfying Hull-Dobell: m=2^16, a=4*k+1, c odd */
    uint32_t st = 0;
    static unsigned char seen[65536];
    memset(seen, 0, sizeof seen);
    int period = 0;
    do { seen[st] = 1; st = (st * 25173u + 13849u) & 0xFFFF; period++; } while (st != 0);
    int all = 1;
    for (int i = 0; i < 65536; i++) all &= seen[i];
    CHECK(period == 65536 && all);
    /* a multiplier violating Hull-Dobell (a-1 not divisible by 4) has a shorter period */
    st = 0; period = 0;
    do { st = (st * 25175u + 13849u) & 0xFFFF; period++; } while (st != 0 && period < 70000);
    CHECK(period < 65536);

    /* xorshift64* never produces zero state from nonzero seed, and is invertible-ish: distinct outputs */
    uint64_t xs = 88172645463325252ULL;
    int zero = 0;
    for (int i = 0; i < 100000; i++) { xorshift64star(&xs); zero |= xs == 0; }
    CHECK(!zero);

    Pcg32 r2;
    pcg_seed(&r2, 7, 1);
    uint64_t sm2 = 99, xs2 = 12345;
    uint32_t badgen = 0;
    long c1 = chi_square_x1000(w_pcg, &r2, 64000), c2 = chi_square_x1000(w_split, &sm2, 64000), c3 = chi_square_x1000(w_xs, &xs2, 64000);
    long c4 = chi_square_x1000(w_bad, &badgen, 64000);
    /* 15 degrees of freedom: 99.9% quantile ~ 37.7 */
    CHECK(c1 < 37700 && c2 < 37700 && c3 < 37700);
    CHECK(c4 == 0); /* perfectly uniform buckets: suspicious but exact */

    /* unbiased bounded ints via rejection: histogram over 6 values is balanced */
    long dice[6] = {0};
    for (int i = 0; i < 60000; i++) {
        uint32_t v, lim = 0xFFFFFFFFu - 0xFFFFFFFFu % 6;
        do v = pcg32(&r2); while (v >= lim);
        dice[v % 6]++;
    }
    for (int i = 0; i < 6; i++) CHECK(dice[i] > 9500 && dice[i] < 10500);
    printf("chi=%ld,%ld,%ld minstd=%u dice0=%ld\n", c1, c2, c3, (unsigned)ms, dice[0]);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
