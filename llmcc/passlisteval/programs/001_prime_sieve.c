/* Exercises: sieve of Eratosthenes, segmented sieve, trial division and prime-counting cross checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define LIMIT 200000

static unsigned char composite[LIMIT + 1];

static void simple_sieve(unsigned n)
{
    memset(composite, 0, sizeof composite);
    composite[0] = composite[1] = 1;
    for (unsigned i = 2; i * i <= n; i++)
        if (!composite[i])
            for (unsigned j = i * i; j <= n; j += i)
                composite[j] = 1;
}

static int is_prime_trial(unsigned n)
{
    if (n < 2) return 0;
    if (n % 2 == 0) return n == 2;
    for (unsigned d = 3; d * d <= n; d += 2)
        if (n % d == 0) return 0;
    return 1;
}

/* Count primes in [lo, hi) with a segmented sieve using base primes up to sqrt(hi). */
static unsigned segmented_count(unsigned lo, unsigned hi)
{
    unsigned char seg[4096];
    unsigned count = 0;
    for (unsigned base = lo; base < hi; base += sizeof seg) {
        unsigned len = hi - base < sizeof seg ? hi - base : (unsigned)sizeof seg;
        memset(seg, 0, len);
        for (unsigned p = 2; p * p < base + len; p++) {
            if (composite[p]) continue;
            unsigned start = (base + p - 1) / p * p;
            if (start < p * p) start = p * p;
            for (unsigned m = start; m < base + len; m += p)
                seg[m - base] = 1;
        }
        for (unsigned i = 0; i < len; i++)
            if (!seg[i] && base + i >= 2) count++;
    }
    return count;
}

int main(void)
{
    simple_sieve(LIMIT);
    unsigned pi1e4 = 0, pi1e5 = 0, twins = 0;
    uint64_t sum = 0;
    for (unsigned i = 0; i <= LIMIT; i++) {
        if (!composite[i]) {
            sum += i;
            if (i <= 10000) pi1e4++;
            if (i <= 100000) pi1e5++;
            if (i + 2 <= 100000 && !composite[i + 2]) twins++;
        }
    }
    CHECK(pi1e4 == 1229);
    CHECK(pi1e5 == 9592);
    CHECK(twins == 1224);
    CHECK(sum == UINT64_C(1709600813));

    unsigned mismatches = 0;
    for (unsigned i = 0; i < 30000; i++)
        if (is_prime_trial(i) != !composite[i]) mismatches++;
    CHECK(mismatches == 0);

    unsigned seg = segmented_count(0, 100001);
    CHECK(seg == pi1e5);
    unsigned seg2 = segmented_count(150000, 200001);
    unsigned ref2 = 0;
    for (unsigned i = 150000; i <= 200000; i++) ref2 += !composite[i];
    CHECK(seg2 == ref2);

    /* largest prime gap below the limit */
    unsigned last = 2, gap = 0, gap_at = 0;
    for (unsigned i = 3; i <= LIMIT; i++)
        if (!composite[i]) {
            if (i - last > gap) { gap = i - last; gap_at = last; }
            last = i;
        }
    CHECK(gap == 86 && gap_at == 155921);

    printf("pi(1e4)=%u pi(1e5)=%u twins=%u\n", pi1e4, pi1e5, twins);
    printf("sum=%llu seg2=%u gap=%u@%u\n", (unsigned long long)sum, seg2, gap, gap_at);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
