/* Exercises: 0/1 knapsack DP (2D and 1D), bitmask brute force, subset-sum bitset DP and unbounded knapsack. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define NI 16
#define CAP 200

static int wt[NI], val[NI];
static int table[NI + 1][CAP + 1];

static int knap2d(int n, int cap, unsigned *chosen)
{
    for (int w = 0; w <= cap; w++) table[0][w] = 0;
    for (int i = 1; i <= n; i++)
        for (int w = 0; w <= cap; w++) {
            int best = table[i - 1][w];
            if (wt[i - 1] <= w && table[i - 1][w - wt[i - 1]] + val[i - 1] > best)
                best = table[i - 1][w - wt[i - 1]] + val[i - 1];
            table[i][w] = best;
        }
    unsigned mask = 0;
    for (int i = n, w = cap; i > 0; i--)
        if (table[i][w] != table[i - 1][w]) { mask |= 1u << (i - 1); w -= wt[i - 1]; }
    *chosen = mask;
    return table[n][cap];
}

static int knap1d(int n, int cap)
{
    int best[CAP + 1];
    memset(best, 0, sizeof best);
    for (int i = 0; i < n; i++)
        for (int w = cap; w >= wt[i]; w--)
            if (best[w - wt[i]] + val[i] > best[w]) best[w] = best[w - wt[i]] + val[i];
    return best[cap];
}

static int brute(int n, int cap)
{
    int best = 0;
    for (unsigned m = 0; m < (1u << n); m++) {
        int w = 0, v = 0;
        for (int i = 0; i < n; i++)
            if (m >> i & 1) { w += wt[i]; v += val[i]; }
        if (w <= cap && v > best) best = v;
    }
    return best;
}

static int unbounded(int n, int cap)
{
    int best[CAP + 1];
    best[0] = 0;
    for (int w = 1; w <= cap; w++) {
        best[w] = best[w - 1];
        for (int i = 0; i < n; i++)
            if (wt[i] <= w && best[w - wt[i]] + val[i] > best[w]) best[w] = best[w - wt[i]] + val[i];
    }
    return best[cap];
}

/* subset sums reachable, using 64-bit words as a bitset */
static void subset_sums(const int *items, int n, uint64_t *bits, int words)
{
    memset(bits, 0, sizeof(uint64_t) * (size_t)words);
    bits[0] = 1;
    for (int i = 0; i < n; i++) {
        int s = items[i], ws = s / 64, bs = s % 64;
        for (int k = words - 1; k >= 0; k--) {
            uint64_t v = 0;
            if (k - ws >= 0) v |= bs ? bits[k - ws] << bs : bits[k - ws];
            if (bs && k - ws - 1 >= 0) v |= bits[k - ws - 1] >> (64 - bs);
            bits[k] |= v;
        }
    }
}

int main(void)
{
    uint32_t s = 7;
    long total = 0;
    for (int round = 0; round < 6; round++) {
        for (int i = 0; i < NI; i++) {
            s = s * 1664525u + 1013904223u; wt[i] = 5 + (int)(s >> 24) % 40;
            s = s * 1664525u + 1013904223u; val[i] = 1 + (int)(s >> 20) % 100;
        }
        int cap = 60 + round * 25;
        unsigned chosen;
        int a = knap2d(NI, cap, &chosen), b = knap1d(NI, cap), c = brute(NI, cap);
        CHECK(a == b && b == c);
        int w = 0, v = 0;
        for (int i = 0; i < NI; i++) if (chosen >> i & 1) { w += wt[i]; v += val[i]; }
        CHECK(w <= cap && v == a);
        int u = unbounded(NI, cap);
        CHECK(u >= a);
        total += a * 1000 + u;
    }
    /* classic example */
    int W[] = {10, 20, 30}, V[] = {60, 100, 120};
    memcpy(wt, W, sizeof W); memcpy(val, V, sizeof V);
    unsigned ch;
    CHECK(knap2d(3, 50, &ch) == 220 && ch == 6u);
    CHECK(unbounded(3, 50) == 300);

    int items[] = {3, 34, 4, 12, 5, 2, 97, 61, 130, 77};
    uint64_t bits[8];
    subset_sums(items, 10, bits, 8);
    int reach = 0;
    for (int t = 0; t < 512; t++) {
        int r = (int)(bits[t / 64] >> (t % 64) & 1);
        /* compare with brute force */
        int bf = 0;
        for (unsigned m = 0; m < 1024u && !bf; m++) {
            int sum = 0;
            for (int i = 0; i < 10; i++) if (m >> i & 1) sum += items[i];
            bf = sum == t;
        }
        CHECK(r == bf);
        reach += r;
    }
    CHECK((bits[0] >> 9 & 1) && !(bits[0] >> 1 & 1));
    printf("total=%ld reachable=%d\n", total, reach);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
