/* Exercises: Collatz stopping times with a memo table, 64-bit trajectories, overflow guards, and parity-vector statistics. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define LIMIT 300000
static uint16_t memo[LIMIT];

static unsigned steps_plain(uint64_t n)
{
    unsigned s = 0;
    while (n != 1) { n = (n & 1) ? 3 * n + 1 : n >> 1; s++; }
    return s;
}

static unsigned steps_memo(uint64_t n)
{
    if (n < LIMIT && memo[n]) return memo[n];
    if (n == 1) return 0;
    uint64_t next = (n & 1) ? 3 * n + 1 : n / 2;
    unsigned r = 1 + steps_memo(next);
    if (n < LIMIT) memo[n] = (uint16_t)r;
    return r;
}

/* shortcut map: T(n) = (3n+1)/2 for odd, n/2 for even */
static unsigned steps_shortcut(uint64_t n)
{
    unsigned s = 0;
    while (n != 1) {
        if (n & 1) { n = (3 * n + 1) >> 1; s += 2; }
        else { n >>= 1; s++; }
    }
    return s;
}

static uint64_t peak(uint64_t n)
{
    uint64_t m = n;
    while (n != 1) { n = (n & 1) ? 3 * n + 1 : n / 2; if (n > m) m = n; }
    return m;
}

int main(void)
{
    unsigned best = 0;
    uint64_t best_n = 0, total = 0;
    for (uint64_t n = 1; n < LIMIT; n++) {
        unsigned s = steps_memo(n);
        total += s;
        if (s > best) { best = s; best_n = n; }
    }
    CHECK(best_n == 230631 && best == 442);
    CHECK(steps_memo(27) == 111 && peak(27) == 9232);
    CHECK(steps_memo(9) == 19);
    int bad = 0;
    for (uint64_t n = 1; n < 20000; n += 7) if (steps_plain(n) != steps_memo(n) || steps_shortcut(n) != steps_plain(n)) bad++;
    CHECK(bad == 0);
    /* large starting values (well within 64 bits along their trajectories) */
    CHECK(steps_plain(837799) == 524);
    CHECK(steps_plain(670617279) == 986);
    CHECK(peak(77671) == 1570824736);
    /* parity statistics: odd steps over first 10000 numbers */
    uint64_t odd = 0, even = 0;
    for (uint64_t n = 2; n < 10000; n++) {
        uint64_t m = n;
        while (m != 1) { if (m & 1) { odd++; m = 3 * m + 1; } else { even++; m >>= 1; } }
    }
    CHECK(odd == 282016 && even == 567621);
    CHECK(even > 2 * odd); /* each 3n+1 step is followed by at least one halving, on average more than two here */
    printf("best=%llu steps=%u total=%llu odd=%llu even=%llu\n", (unsigned long long)best_n, best, (unsigned long long)total,
           (unsigned long long)odd, (unsigned long long)even);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
