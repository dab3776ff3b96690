/* Exercises: counting DP (coin change ways, min coins, stairs, lattice paths, binomials mod p) vs recursion and closed forms. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static const int coins[] = {1, 2, 5, 10, 20, 50, 100, 200};
#define NC 8

static uint64_t ways_dp(int target)
{
    uint64_t w[1001];
    memset(w, 0, sizeof w);
    w[0] = 1;
    for (int c = 0; c < NC; c++)
        for (int v = coins[c]; v <= target; v++) w[v] += w[v - coins[c]];
    return w[target];
}

static uint64_t ways_rec(int target, int maxc)
{
    if (target == 0) return 1;
    if (maxc < 0) return 0;
    uint64_t total = 0;
    for (int k = 0; k * coins[maxc] <= target; k++) total += ways_rec(target - k * coins[maxc], maxc - 1);
    return total;
}

static int min_coins(const int *cs, int nc, int target)
{
    int best[1001];
    best[0] = 0;
    for (int v = 1; v <= target; v++) {
        best[v] = -1;
        for (int c = 0; c < nc; c++)
            if (cs[c] <= v && best[v - cs[c]] >= 0 && (best[v] < 0 || best[v - cs[c]] + 1 < best[v])) best[v] = best[v - cs[c]] + 1;
    }
    return best[target];
}

static int greedy_coins(const int *cs, int nc, int target)
{
    int n = 0;
    for (int c = nc - 1; c >= 0; c--) while (target >= cs[c]) { target -= cs[c]; n++; }
    return target ? -1 : n;
}

static uint64_t binom_table[70][70];

int main(void)
{
    CHECK(ways_dp(200) == 73682);
    CHECK(ways_dp(100) == ways_rec(100, NC - 1));
    for (int t = 0; t <= 120; t += 7) CHECK(ways_dp(t) == ways_rec(t, NC - 1));
    uint64_t w1000 = ways_dp(1000);
    CHECK(w1000 == 321335886ull);

    /* canonical coin systems: greedy is optimal; non-canonical {1,3,4}: greedy fails for 6 */
    int bad = 0;
    for (int v = 1; v <= 500; v++) if (min_coins(coins, NC, v) != greedy_coins(coins, NC, v)) bad++;
    CHECK(bad == 0);
    int odd[] = {1, 3, 4};
    CHECK(min_coins(odd, 3, 6) == 2 && greedy_coins(odd, 3, 6) == 3);
    int no1[] = {7, 11};
    CHECK(min_coins(no1, 2, 59) == -1 && min_coins(no1, 2, 60) == 8 && min_coins(no1, 2, 58) == 6);
    /* Frobenius number of {7,11} is 59: every larger amount is representable */
    for (int v = 60; v < 200; v++) if (min_coins(no1, 2, v) < 0) bad++;
    CHECK(bad == 0);

    /* stairs with steps 1,2,3 (tribonacci) */
    uint64_t st[60] = {1, 1, 2};
    for (int i = 3; i < 60; i++) st[i] = st[i - 1] + st[i - 2] + st[i - 3];
    CHECK(st[10] == 274 && st[37] == 3831006429ull);

    /* Pascal's triangle vs multiplicative formula; lattice paths C(2n, n) */
    for (int n = 0; n < 70; n++) {
        binom_table[n][0] = binom_table[n][n] = 1;
        for (int k = 1; k < n; k++) binom_table[n][k] = binom_table[n - 1][k - 1] + binom_table[n - 1][k];
    }
    for (int n = 0; n < 62; n++)
        for (int k = 0; k <= n; k++) {
            uint64_t r = 1;
            for (int i = 1; i <= k; i++) r = r * (uint64_t)(n - k + i) / (uint64_t)i;
            if (r != binom_table[n][k]) bad++;
        }
    CHECK(bad == 0);
    uint64_t grid[21][21];
    for (int i = 0; i <= 20; i++) for (int j = 0; j <= 20; j++) grid[i][j] = (i == 0 || j == 0) ? 1 : grid[i - 1][j] + grid[i][j - 1];
    CHECK(grid[20][20] == binom_table[40][20] && grid[20][20] == 137846528820ull);
    /* Lucas' theorem mod 7 */
    for (int n = 0; n < 70; n++)
        for (int k = 0; k <= n; k++) {
            uint64_t lucas = 1;
            int a = n, b = k;
            while (a || b) { int ai = a % 7, bi = b % 7; lucas = lucas * (bi > ai ? 0 : binom_table[ai][bi]) % 7; a /= 7; b /= 7; }
            if (n < 68 && lucas != binom_table[n][k] % 7) bad++;
        }
    CHECK(bad == 0);
    printf("ways200=%llu ways1000=%llu trib37=%llu paths=%llu\n", (unsigned long long)ways_dp(200), (unsigned long long)w1000,
           (unsigned long long)st[37], (unsigned long long)grid[20][20]);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
