/* Exercises: longest increasing subsequence by O(n^2) DP vs patience sorting with binary search, reconstruction, and LDS via negation. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define N 1500

static int lis_quadratic(const int *a, int n)
{
    static int dp[N];
    int best = 0;
    for (int i = 0; i < n; i++) {
        dp[i] = 1;
        for (int j = 0; j < i; j++) if (a[j] < a[i] && dp[j] + 1 > dp[i]) dp[i] = dp[j] + 1;
        if (dp[i] > best) best = dp[i];
    }
    return best;
}

/* strictly increasing; returns length and writes one witness subsequence */
static int lis_fast(const int *a, int n, int *out)
{
    int *tails = malloc(sizeof(int) * (size_t)n), *tail_idx = malloc(sizeof(int) * (size_t)n), *prev = malloc(sizeof(int) * (size_t)n);
    int len = 0;
    for (int i = 0; i < n; i++) {
        int lo = 0, hi = len;
        while (lo < hi) { int mid = lo + (hi - lo) / 2; if (tails[mid] < a[i]) lo = mid + 1; else hi = mid; }
        tails[lo] = a[i];
        tail_idx[lo] = i;
        prev[i] = lo ? tail_idx[lo - 1] : -1;
        if (lo == len) len++;
    }
    for (int k = len - 1, i = len ? tail_idx[len - 1] : -1; k >= 0; k--, i = prev[i]) out[k] = a[i];
    free(tails); free(tail_idx); free(prev);
    return len;
}

/* non-decreasing variant uses upper bound */
static int lnds_fast(const int *a, int n)
{
    int *tails = malloc(sizeof(int) * (size_t)n), len = 0;
    for (int i = 0; i < n; i++) {
        int lo = 0, hi = len;
        while (lo < hi) { int mid = (lo + hi) / 2; if (tails[mid] <= a[i]) lo = mid + 1; else hi = mid; }
        tails[lo] = a[i];
        if (lo == len) len++;
    }
    free(tails);
    return len;
}

static int is_subseq_increasing(const int *sub, int k, const int *a, int n)
{
    for (int i = 1; i < k; i++) if (sub[i - 1] >= sub[i]) return 0;
    int j = 0;
    for (int i = 0; i < n && j < k; i++) if (a[i] == sub[j]) j++;
    return j == k;
}

int main(void)
{
    static int a[N], neg[N], w[N];
    uint32_t s = 1000;
    int bad = 0;
    long acc = 0;
    for (int t = 0; t < 6; t++) {
        int n = 200 + t * 260;
        for (int i = 0; i < n; i++) {
            s ^= s << 13; s ^= s >> 17; s ^= s << 5;
            a[i] = t == 4 ? i / 3 : t == 5 ? n - i : (int)(s % (uint32_t)(50 + t * 400)) - 100;
            neg[i] = -a[i];
        }
        int l1 = lis_quadratic(a, n), l2 = lis_fast(a, n, w);
        if (l1 != l2) bad++;
        if (!is_subseq_increasing(w, l2, a, n)) bad++;
        int lds = lis_fast(neg, n, w);
        /* Erdos-Szekeres: for distinct values, lis * lds >= n */
        if (t == 4 && (l2 != (n + 2) / 3 || lnds_fast(a, n) != n)) bad++;
        if (t == 5 && (l2 != 1 || lds != n)) bad++;
        acc = acc * 31 + l2 * 1000 + lds;
    }
    CHECK(bad == 0);
    int perm[100];
    for (int i = 0; i < 100; i++) perm[i] = i;
    for (int i = 99; i > 0; i--) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; int j = (int)(s % (uint32_t)(i + 1)); int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
    int pn[100];
    for (int i = 0; i < 100; i++) pn[i] = -perm[i];
    int li = lis_fast(perm, 100, w), ld = lis_fast(pn, 100, w);
    CHECK(li * ld >= 100);
    int ex[] = {10, 9, 2, 5, 3, 7, 101, 18};
    CHECK(lis_fast(ex, 8, w) == 4 && lis_quadratic(ex, 8) == 4);
    CHECK(w[0] == 2 && w[3] == 18);
    printf("acc=%ld perm lis=%d lds=%d\n", acc, li, ld);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
