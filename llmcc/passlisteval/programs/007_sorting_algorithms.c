/* Exercises: heapsort, introsort-like quicksort, shellsort, insertion sort and LSD radix sort agreeing on PRNG data. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define N 4096

static uint64_t s_state = 88172645463325252ULL;
static uint32_t xs64(void)
{
    s_state ^= s_state << 13; s_state ^= s_state >> 7; s_state ^= s_state << 17;
    return (uint32_t)(s_state >> 16);
}

static inline void swap_u(uint32_t *a, uint32_t *b) { uint32_t t = *a; *a = *b; *b = t; }

static void sift_down(uint32_t *a, size_t start, size_t end)
{
    size_t root = start;
    while (2 * root + 1 < end) {
        size_t child = 2 * root + 1;
        if (child + 1 < end && a[child] < a[child + 1]) child++;
        if (a[root] >= a[child]) return;
        swap_u(&a[root], &a[child]);
        root = child;
    }
}

static void heap_sort(uint32_t *a, size_t n)
{
    for (size_t i = n / 2; i-- > 0;) sift_down(a, i, n);
    for (size_t end = n; end > 1; end--) {
        swap_u(&a[0], &a[end - 1]);
        sift_down(a, 0, end - 1);
    }
}

static void insertion_sort(uint32_t *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) { a[j] = a[j - 1]; j--; }
        a[j] = v;
    }
}

static void quick_sort(uint32_t *a, size_t n, int depth)
{
    while (n > 16) {
        if (depth-- == 0) { heap_sort(a, n); return; }
        uint32_t x = a[0], y = a[n / 2], z = a[n - 1];
        uint32_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i >= j) break;
            swap_u(&a[i], &a[j]);
            i++; j--;
        }
        /* recurse into the smaller half */
        if (j + 1 < n - j - 1) { quick_sort(a, j + 1, depth); a += j + 1; n -= j + 1; }
        else { quick_sort(a + j + 1, n - j - 1, depth); n = j + 1; }
    }
    insertion_sort(a, n);
}

static void shell_sort(uint32_t *a, size_t n)
{
    static const size_t gaps[] = {1750, 701, 301, 132, 57, 23, 10, 4, 1};
    for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
        size_t gap = gaps[g];
        for (size_t i = gap; i < n; i++) {
            uint32_t v = a[i];
            size_t j = i;
            while (j >= gap && a[j - gap] > v) { a[j] = a[j - gap]; j -= gap; }
            a[j] = v;
        }
    }
}

static void radix_sort(uint32_t *a, size_t n)
{
    uint32_t *tmp = malloc(n * sizeof *tmp);
    for (int shift = 0; shift < 32; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++) count[((a[i] >> shift) & 0xFF) + 1]++;
        for (int i = 0; i < 256; i++) count[i + 1] += count[i];
        for (size_t i = 0; i < n; i++) tmp[count[(a[i] >> shift) & 0xFF]++] = a[i];
        memcpy(a, tmp, n * sizeof *a);
    }
    free(tmp);
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

static uint32_t orig[N], w[5][N];

int main(void)
{
    uint64_t checksum = 0;
    for (int pattern = 0; pattern < 5; pattern++) {
        for (int i = 0; i < N; i++) {
            switch (pattern) {
            case 0: orig[i] = xs64(); break;
            case 1: orig[i] = xs64() % 50; break;               /* many duplicates */
            case 2: orig[i] = (uint32_t)i * 3u; break;           /* sorted */
            case 3: orig[i] = (uint32_t)(N - i); break;          /* reversed */
            default: orig[i] = (i & 1) ? 0xFFFFFFFFu : (uint32_t)i; break; /* organ-pipe-ish */
            }
        }
        size_t n = pattern == 1 ? N - 3 : N;
        for (int k = 0; k < 5; k++) memcpy(w[k], orig, sizeof orig);
        heap_sort(w[0], n);
        quick_sort(w[1], n, 40);
        shell_sort(w[2], n);
        radix_sort(w[3], n);
        qsort(w[4], n, sizeof(uint32_t), cmp_u32);
        for (int k = 0; k < 4; k++) CHECK(memcmp(w[k], w[4], n * sizeof(uint32_t)) == 0);
        int sorted = 1;
        uint64_t s1 = 0, s2 = 0;
        for (size_t i = 0; i < n; i++) {
            if (i && w[0][i - 1] > w[0][i]) sorted = 0;
            s1 += orig[i];
            s2 += w[0][i];
            checksum = checksum * 1000003u + w[0][i];
        }
        CHECK(sorted);
        CHECK(s1 == s2);
    }
    /* small arrays of every size */
    for (size_t n = 0; n < 40; n++) {
        uint32_t a[40], b[40];
        for (size_t i = 0; i < n; i++) a[i] = b[i] = xs64() % 10;
        quick_sort(a, n, 2);
        insertion_sort(b, n);
        CHECK(memcmp(a, b, n * sizeof a[0]) == 0);
    }
    printf("checksum=%016llX min=%u max=%u\n", (unsigned long long)checksum, (unsigned)w[4][0], (unsigned)w[4][N - 1]);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
