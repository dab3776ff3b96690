/* Exercises: next_permutation, Heap's algorithm, permutation rank/unrank (factorial number system), cycle decomposition, inverses. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static int next_perm(int *a, int n)
{
    int i = n - 2;
    while (i >= 0 && a[i] >= a[i + 1]) i--;
    if (i < 0) return 0;
    int j = n - 1;
    while (a[j] <= a[i]) j--;
    int t = a[i]; a[i] = a[j]; a[j] = t;
    for (int l = i + 1, r = n - 1; l < r; l++, r--) { t = a[l]; a[l] = a[r]; a[r] = t; }
    return 1;
}

static uint64_t rank_perm(const int *p, int n)
{
    uint64_t r = 0;
    for (int i = 0; i < n; i++) {
        int smaller = 0;
        for (int j = i + 1; j < n; j++) if (p[j] < p[i]) smaller++;
        r = r * (uint64_t)(n - i) + (uint64_t)smaller;
    }
    return r;
}

static void unrank_perm(uint64_t r, int n, int *out)
{
    int digits[20], used[20] = {0};
    for (int i = n - 1; i >= 0; i--) { digits[i] = (int)(r % (uint64_t)(n - i)); r /= (uint64_t)(n - i); }
    for (int i = 0; i < n; i++) {
        int k = digits[i];
        for (int v = 0; v < n; v++) {
            if (used[v]) continue;
            if (k-- == 0) { out[i] = v; used[v] = 1; break; }
        }
    }
}

static long heap_count;
static uint64_t heap_hash;
static void heap_perm(int *a, int k, int n)
{
    if (k == 1) {
        heap_count++;
        uint64_t h = 0;
        for (int i = 0; i < n; i++) h = h * 31 + (uint64_t)a[i];
        heap_hash += h * h;
        return;
    }
    heap_perm(a, k - 1, n);
    for (int i = 0; i < k - 1; i++) {
        int j = (k % 2 == 0) ? i : 0;
        int t = a[j]; a[j] = a[k - 1]; a[k - 1] = t;
        heap_perm(a, k - 1, n);
    }
}

static int count_cycles(const int *p, int n)
{
    char seen[20] = {0};
    int c = 0;
    for (int i = 0; i < n; i++) {
        if (seen[i]) continue;
        c++;
        for (int j = i; !seen[j]; j = p[j]) seen[j] = 1;
    }
    return c;
}

static int inversions(const int *p, int n)
{
    int inv = 0;
    for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) inv += p[i] > p[j];
    return inv;
}

int main(void)
{
    int a[8];
    for (int i = 0; i < 8; i++) a[i] = i;
    long count = 0;
    uint64_t lex_hash = 0;
    int rank_ok = 1, parity_ok = 1;
    long cyc_hist[9] = {0};
    do {
        if (rank_perm(a, 8) != (uint64_t)count) rank_ok = 0;
        int b[8];
        unrank_perm((uint64_t)count, 8, b);
        if (memcmp(a, b, sizeof a)) rank_ok = 0;
        int c = count_cycles(a, 8);
        cyc_hist[c]++;
        /* sign via cycles equals sign via inversions */
        if (((8 - c) & 1) != (inversions(a, 8) & 1)) parity_ok = 0;
        uint64_t h = 0;
        for (int i = 0; i < 8; i++) h = h * 31 + (uint64_t)a[i];
        lex_hash += h * h;
        count++;
    } while (next_perm(a, 8));
    CHECK(count == 40320);
    CHECK(rank_ok && parity_ok);
    /* unsigned Stirling numbers of the first kind for n = 8 */
    static const long stirling[9] = {0, 5040, 13068, 13132, 6769, 1960, 322, 28, 1};
    for (int k = 1; k <= 8; k++) CHECK(cyc_hist[k] == stirling[k]);

    for (int i = 0; i < 8; i++) a[i] = i;
    heap_perm(a, 8, 8);
    CHECK(heap_count == 40320);
    CHECK(heap_hash == lex_hash); /* same multiset of permutations */

    /* permutations of a multiset: next_perm enumerates distinct ones: 10!/(3!3!4!) = 4200 */
    int m[10] = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
    long distinct = 0;
    do distinct++; while (next_perm(m, 10));
    CHECK(distinct == 4200);

    /* inverse permutation and composition for a large rank */
    int p[15], q[15], inv[15];
    unrank_perm(1234567890123ull, 15, p);
    CHECK(rank_perm(p, 15) == 1234567890123ull);
    for (int i = 0; i < 15; i++) inv[p[i]] = i;
    for (int i = 0; i < 15; i++) q[i] = p[inv[i]];
    int id = 1;
    for (int i = 0; i < 15; i++) if (q[i] != i) id = 0;
    CHECK(id);
    /* derangements of 8: 14833 */
    for (int i = 0; i < 8; i++) a[i] = i;
    long der = 0;
    do {
        int fixed = 0;
        for (int i = 0; i < 8; i++) fixed |= a[i] == i;
        der += !fixed;
    } while (next_perm(a, 8));
    CHECK(der == 14833);
    printf("count=%ld hash=%016llX distinct=%ld der=%ld p0=%d\n", count, (unsigned long long)lex_hash, distinct, der, p[0]);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
