/* Exercises: Gaussian elimination over GF(p): determinant, inverse, linear solve, modular inverse via Fermat and extended Euclid. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define P 998244353u
#define N 24

static uint32_t mulm(uint32_t a, uint32_t b) { return (uint32_t)((uint64_t)a * b % P); }
static uint32_t addm(uint32_t a, uint32_t b) { uint32_t s = a + b; return s >= P ? s - P : s; }
static uint32_t subm(uint32_t a, uint32_t b) { return a >= b ? a - b : a + P - b; }
static uint32_t powm(uint32_t a, uint32_t e) { uint32_t r = 1; while (e) { if (e & 1) r = mulm(r, a); a = mulm(a, a); e >>= 1; } return r; }

static uint32_t inv_euclid(uint32_t a)
{
    int64_t t = 0, nt = 1, r = P, nr = a;
    while (nr) {
        int64_t q = r / nr, tmp;
        tmp = t - q * nt; t = nt; nt = tmp;
        tmp = r - q * nr; r = nr; nr = tmp;
    }
    return (uint32_t)(t < 0 ? t + P : t);
}

/* returns determinant; on success writes inverse into inv (if nonsingular) */
static uint32_t det_inverse(uint32_t m[N][N], uint32_t inv[N][N])
{
    static uint32_t a[N][2 * N];
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) { a[i][j] = m[i][j]; a[i][N + j] = i == j; }
    }
    uint32_t det = 1;
    for (int col = 0; col < N; col++) {
        int piv = -1;
        for (int r = col; r < N; r++) if (a[r][col]) { piv = r; break; }
        if (piv < 0) return 0;
        if (piv != col) {
            for (int j = 0; j < 2 * N; j++) { uint32_t t = a[piv][j]; a[piv][j] = a[col][j]; a[col][j] = t; }
            det = subm(0, det);
        }
        det = mulm(det, a[col][col]);
        uint32_t iv = powm(a[col][col], P - 2);
        for (int j = 0; j < 2 * N; j++) a[col][j] = mulm(a[col][j], iv);
        for (int r = 0; r < N; r++) {
            if (r == col || !a[r][col]) continue;
            uint32_t f = a[r][col];
            for (int j = 0; j < 2 * N; j++) a[r][j] = subm(a[r][j], mulm(f, a[col][j]));
        }
    }
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) inv[i][j] = a[i][N + j];
    return det;
}

static void matmul(uint32_t r[N][N], uint32_t x[N][N], uint32_t y[N][N])
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            uint32_t s = 0;
            for (int k = 0; k < N; k++) s = addm(s, mulm(x[i][k], y[k][j]));
            r[i][j] = s;
        }
}

static uint32_t M[N][N], INV[N][N], PROD[N][N], L[N][N], U[N][N];

int main(void)
{
    for (uint32_t a = 1; a < 3000; a += 11) {
        uint32_t i1 = powm(a, P - 2), i2 = inv_euclid(a);
        CHECK(i1 == i2 && mulm(a, i1) == 1);
    }
    uint32_t s = 1;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { s = s * 1103515245u + 12345u; M[i][j] = (s >> 4) % P; }
    uint32_t det = det_inverse(M, INV);
    CHECK(det != 0);
    matmul(PROD, M, INV);
    int ident = 1;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) if (PROD[i][j] != (uint32_t)(i == j)) ident = 0;
    CHECK(ident);
    uint32_t det_inv = det_inverse(INV, PROD);
    CHECK(mulm(det, det_inv) == 1);

    /* det of L*U where L unit lower, U upper = product of U's diagonal */
    memset(L, 0, sizeof L); memset(U, 0, sizeof U);
    uint32_t expect = 1;
    for (int i = 0; i < N; i++) {
        L[i][i] = 1;
        for (int j = 0; j < i; j++) { s = s * 1103515245u + 12345u; L[i][j] = s % 1000; }
        for (int j = i; j < N; j++) { s = s * 1103515245u + 12345u; U[i][j] = 1 + s % 1000; }
        expect = mulm(expect, U[i][i]);
    }
    matmul(M, L, U);
    CHECK(det_inverse(M, INV) == expect);
    /* swapping two rows negates the determinant */
    for (int j = 0; j < N; j++) { uint32_t t = M[0][j]; M[0][j] = M[5][j]; M[5][j] = t; }
    CHECK(det_inverse(M, INV) == subm(0, expect));
    /* singular: duplicate a row */
    memcpy(M[3], M[7], sizeof M[3]);
    CHECK(det_inverse(M, INV) == 0);

    /* Vandermonde determinant = prod_{i<j} (x_j - x_i) */
    uint32_t xs[N];
    for (int i = 0; i < N; i++) xs[i] = (uint32_t)(i * i + 3 * i + 7);
    uint32_t vd = 1;
    for (int i = 0; i < N; i++) {
        uint32_t pw = 1;
        for (int j = 0; j < N; j++) { M[i][j] = pw; pw = mulm(pw, xs[i]); }
        for (int j = i + 1; j < N; j++) vd = mulm(vd, subm(xs[j], xs[i]));
    }
    CHECK(det_inverse(M, INV) == vd);
    printf("det=%u lu=%u vandermonde=%u\n", (unsigned)det, (unsigned)expect, (unsigned)vd);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
