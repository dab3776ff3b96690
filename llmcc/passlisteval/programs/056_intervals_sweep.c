/* Exercises: interval merging after qsort, sweep-line union area of rectangles vs grid rasterization, interval scheduling greedy. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct { int lo, hi; } Iv;
typedef struct { int x1, y1, x2, y2; } Rect;
typedef struct { int x, y1, y2, delta; } Event;

static int cmp_lo(const void *a, const void *b) { const Iv *x = a, *y = b; return x->lo != y->lo ? (x->lo > y->lo) - (x->lo < y->lo) : (x->hi > y->hi) - (x->hi < y->hi); }
static int cmp_hi(const void *a, const void *b) { const Iv *x = a, *y = b; return x->hi != y->hi ? (x->hi > y->hi) - (x->hi < y->hi) : (x->lo > y->lo) - (x->lo < y->lo); }
static int cmp_ev(const void *a, const void *b) { const Event *x = a, *y = b; return (x->x > y->x) - (x->x < y->x); }
static int cmp_int(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }

static int merge(Iv *v, int n)
{
    if (!n) return 0;
    qsort(v, (size_t)n, sizeof *v, cmp_lo);
    int k = 0;
    for (int i = 1; i < n; i++) {
        if (v[i].lo <= v[k].hi) { if (v[i].hi > v[k].hi) v[k].hi = v[i].hi; }
        else v[++k] = v[i];
    }
    return k + 1;
}

static long union_area(const Rect *r, int n)
{
    Event *ev = malloc(sizeof(Event) * (size_t)(2 * n));
    int *ys = malloc(sizeof(int) * (size_t)(2 * n));
    for (int i = 0; i < n; i++) {
        ev[2 * i] = (Event){r[i].x1, r[i].y1, r[i].y2, 1};
        ev[2 * i + 1] = (Event){r[i].x2, r[i].y1, r[i].y2, -1};
        ys[2 * i] = r[i].y1; ys[2 * i + 1] = r[i].y2;
    }
    qsort(ev, (size_t)(2 * n), sizeof(Event), cmp_ev);
    qsort(ys, (size_t)(2 * n), sizeof(int), cmp_int);
    int ny = 0;
    for (int i = 0; i < 2 * n; i++) if (!ny || ys[i] != ys[ny - 1]) ys[ny++] = ys[i];
    int *cover = calloc((size_t)ny, sizeof(int));
    long area = 0;
    for (int e = 0; e < 2 * n; e++) {
        if (e) {
            long covered = 0;
            for (int k = 0; k + 1 < ny; k++) if (cover[k] > 0) covered += ys[k + 1] - ys[k];
            area += covered * (ev[e].x - ev[e - 1].x);
        }
        for (int k = 0; k + 1 < ny; k++)
            if (ys[k] >= ev[e].y1 && ys[k + 1] <= ev[e].y2) cover[k] += ev[e].delta;
    }
    free(ev); free(ys); free(cover);
    return area;
}

static unsigned char grid[200][200];

int main(void)
{
    uint32_t s = 8;
    Iv v[500], copy[500];
    int bad = 0;
    for (int round = 0; round < 20; round++) {
        int n = 100 + round * 20;
        for (int i = 0; i < n; i++) {
            s ^= s << 13; s ^= s >> 17; s ^= s << 5;
            v[i].lo = (int)(s % 5000);
            v[i].hi = v[i].lo + 1 + (int)((s >> 16) % 60);
        }
        memcpy(copy, v, sizeof(Iv) * (size_t)n);
        int m = merge(v, n);
        /* merged intervals are disjoint and sorted; coverage matches a bitmap */
        static unsigned char cov[5200];
        memset(cov, 0, sizeof cov);
        for (int i = 0; i < n; i++) for (int p = copy[i].lo; p < copy[i].hi; p++) cov[p] = 1;
        long c1 = 0, c2 = 0;
        for (int p = 0; p < 5200; p++) c1 += cov[p];
        for (int i = 0; i < m; i++) { c2 += v[i].hi - v[i].lo; if (i && v[i].lo <= v[i - 1].hi) bad++; }
        /* touching intervals merge ([a,b] and [b,c]), so bitmap coverage equals sum of lengths */
        if (c1 != c2) bad++;

        /* activity selection: greedy by end time vs DP over sorted intervals */
        qsort(copy, (size_t)n, sizeof(Iv), cmp_hi);
        int cnt = 0, last = -1;
        for (int i = 0; i < n; i++) if (copy[i].lo >= last) { cnt++; last = copy[i].hi; }
        static int dp[501];
        dp[0] = 0;
        for (int i = 1; i <= n; i++) {
            int j = i - 1;
            while (j > 0 && copy[j - 1].hi > copy[i - 1].lo) j--;
            int take = dp[j] + 1;
            dp[i] = dp[i - 1] > take ? dp[i - 1] : take;
        }
        if (dp[n] != cnt) bad++;
    }
    CHECK(bad == 0);

    Rect r[40];
    for (int i = 0; i < 40; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        r[i].x1 = (int)(s % 150); r[i].y1 = (int)((s >> 8) % 150);
        r[i].x2 = r[i].x1 + 1 + (int)((s >> 16) % 50); r[i].y2 = r[i].y1 + 1 + (int)((s >> 24) % 50);
    }
    long a = union_area(r, 40);
    memset(grid, 0, sizeof grid);
    for (int i = 0; i < 40; i++)
        for (int x = r[i].x1; x < r[i].x2; x++)
            for (int y = r[i].y1; y < r[i].y2; y++) grid[x][y] = 1;
    long g = 0;
    for (int x = 0; x < 200; x++) for (int y = 0; y < 200; y++) g += grid[x][y];
    CHECK(a == g);
    Rect two[2] = {{0, 0, 10, 10}, {5, 5, 15, 15}};
    CHECK(union_area(two, 2) == 175);
    printf("area=%ld\n", a);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
