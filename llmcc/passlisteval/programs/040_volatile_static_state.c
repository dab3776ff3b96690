/* Exercises: static local state across calls, volatile accesses that must not be elided, generators and memoizing counters. */
#include <stdio.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static int counter(void) { static int n; return ++n; }

static unsigned id_gen(int reset)
{
    static unsigned next = 1000;
    if (reset) { unsigned old = next; next = 1000; return old; }
    return next++;
}

/* generator: yields successive primes using static state */
static unsigned next_prime(void)
{
    static unsigned last = 1;
    for (unsigned c = last + 1;; c++) {
        int prime = 1;
        for (unsigned d = 2; d * d <= c; d++) if (c % d == 0) { prime = 0; break; }
        if (prime) { last = c; return c; }
    }
}

/* simulated memory-mapped register: every volatile read and write must happen */
static volatile uint32_t fake_reg;
static uint32_t write_log[64];
static int write_count;

static void reg_write(uint32_t v) { fake_reg = v; write_log[write_count++ & 63] = fake_reg; }

static uint32_t volatile_sum(const volatile uint32_t *p, int n)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++) s += p[i];
    return s;
}

/* memoized function with a static cache and hit counter */
static uint64_t slow_square_sum(unsigned n, int *hits)
{
    static uint64_t cache[256];
    static unsigned char valid[256];
    if (n < 256 && valid[n]) { (*hits)++; return cache[n]; }
    uint64_t s = 0;
    for (unsigned i = 1; i <= n; i++) s += (uint64_t)i * i;
    if (n < 256) { cache[n] = s; valid[n] = 1; }
    return s;
}

static int recursion_depth_tracker(int n)
{
    static int depth, max_depth;
    depth++;
    if (depth > max_depth) max_depth = depth;
    if (n > 0) recursion_depth_tracker(n - 1);
    depth--;
    return max_depth;
}

int main(void)
{
    for (int i = 1; i <= 100; i++) CHECK(counter() == i);
    CHECK(id_gen(0) == 1000 && id_gen(0) == 1001);
    for (int i = 0; i < 50; i++) id_gen(0);
    CHECK(id_gen(1) == 1052 && id_gen(0) == 1000);

    unsigned p = 0, psum = 0;
    for (int i = 0; i < 500; i++) { p = next_prime(); psum += p; }
    CHECK(p == 3571);
    CHECK(psum == 824693);

    for (uint32_t i = 0; i < 100; i++) reg_write(i * i);
    CHECK(write_count == 100);
    CHECK(write_log[99 & 63] == 99u * 99u && write_log[36] == 36u * 36u && write_log[0] == 64u * 64u);
    uint32_t sumlog = 0;
    for (int i = 0; i < 64; i++) sumlog += write_log[i];
    uint32_t expect = 0;
    for (uint32_t i = 36; i < 100; i++) expect += i * i;
    CHECK(sumlog == expect);

    volatile uint32_t arr[32];
    for (int i = 0; i < 32; i++) arr[i] = (uint32_t)(i * 3 + 1);
    CHECK(volatile_sum(arr, 32) == 3 * 496 + 32);
    volatile int spin = 0;
    for (int i = 0; i < 100000; i++) spin = spin + 1;
    CHECK(spin == 100000);

    int hits = 0;
    uint64_t total = 0;
    for (int round = 0; round < 3; round++)
        for (unsigned n = 0; n < 300; n += 3) total += slow_square_sum(n, &hits);
    CHECK(hits == 2 * 86);
    CHECK(slow_square_sum(100, &hits) == 338350);
    CHECK(recursion_depth_tracker(10) == 11);
    CHECK(recursion_depth_tracker(5) == 11);
    CHECK(recursion_depth_tracker(200) == 201);
    printf("p500=%u psum=%u total=%llu spin=%d\n", p, psum, (unsigned long long)total, spin);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
