/* Exercises: variable-length arrays and pointers to VLA rows, passing 2D/3D arrays with runtime dimensions, stencils and transposes. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static void fill(int rows, int cols, int m[rows][cols], uint32_t seed)
{
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) { seed = seed * 1664525u + 1013904223u; m[i][j] = (int)(seed >> 24) - 128; }
}

static void transpose(int rows, int cols, int in[rows][cols], int out[cols][rows])
{
    for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) out[j][i] = in[i][j];
}

static void matmul(int n, int k, int m, int a[n][k], int b[k][m], long c[n][m])
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            long s = 0;
            for (int t = 0; t < k; t++) s += (long)a[i][t] * b[t][j];
            c[i][j] = s;
        }
}

/* 5-point stencil with clamped borders, iterated */
static void blur(int h, int w, long in[h][w], long out[h][w])
{
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int yu = y ? y - 1 : y, yd = y + 1 < h ? y + 1 : y, xl = x ? x - 1 : x, xr = x + 1 < w ? x + 1 : x;
            out[y][x] = (4 * in[y][x] + in[yu][x] + in[yd][x] + in[y][xl] + in[y][xr]) / 8;
        }
}

static long sum3(int d0, int d1, int d2, short cube[d0][d1][d2])
{
    long s = 0;
    for (int i = 0; i < d0; i++) for (int j = 0; j < d1; j++) for (int k = 0; k < d2; k++) s += cube[i][j][k];
    return s;
}

int main(void)
{
    long total = 0;
    for (int n = 3; n <= 24; n += 7) {
        int k = n + 2, m = n - 1;
        int (*a)[k] = malloc(sizeof(int[n][k]));
        int (*b)[m] = malloc(sizeof(int[k][m]));
        int (*at)[n] = malloc(sizeof(int[k][n]));
        int (*bt)[k] = malloc(sizeof(int[m][k]));
        long (*c)[m] = malloc(sizeof(long[n][m]));
        long (*ct)[n] = malloc(sizeof(long[m][n]));
        fill(n, k, a, (uint32_t)n);
        fill(k, m, b, (uint32_t)(n * 7));
        matmul(n, k, m, a, b, c);
        transpose(n, k, a, at);
        transpose(k, m, b, bt);
        matmul(m, k, n, bt, at, ct); /* (AB)^T = B^T A^T */
        int ok = 1;
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) { if (c[i][j] != ct[j][i]) ok = 0; total += c[i][j]; }
        CHECK(ok);
        CHECK(sizeof(*a) == (size_t)k * sizeof(int));
        free(a); free(b); free(at); free(bt); free(c); free(ct);
    }

    int h = 21, w = 33;
    long img[h][w], tmp[h][w];
    for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img[y][x] = (y == h / 2 && x == w / 2) ? 1 << 20 : 0;
    long before = 0;
    for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) before += img[y][x];
    for (int it = 0; it < 6; it++) { blur(h, w, img, tmp); memcpy(img, tmp, sizeof img); }
    long after = 0;
    int symmetric = 1;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            after += img[y][x];
            if (img[y][x] != img[h - 1 - y][w - 1 - x] || img[y][x] != img[y][w - 1 - x]) symmetric = 0;
        }
    CHECK(symmetric);
    CHECK(after <= before && after > before - before / 50);
    CHECK(img[h / 2][w / 2] < (1 << 20) && img[h / 2][w / 2] > 0);

    int d0 = 4, d1 = 5, d2 = 6;
    short cube[d0][d1][d2];
    for (int i = 0; i < d0; i++) for (int j = 0; j < d1; j++) for (int k = 0; k < d2; k++) cube[i][j][k] = (short)(i * 100 + j * 10 + k);
    long expect = 0;
    for (int i = 0; i < d0; i++) for (int j = 0; j < d1; j++) for (int k = 0; k < d2; k++) expect += i * 100 + j * 10 + k;
    CHECK(sum3(d0, d1, d2, cube) == expect && expect == 20700);
    CHECK(sizeof cube == (size_t)(d0 * d1 * d2) * sizeof(short));
    printf("total=%ld after=%ld center=%ld cube=%ld\n", total, after, img[h / 2][w / 2], expect);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
