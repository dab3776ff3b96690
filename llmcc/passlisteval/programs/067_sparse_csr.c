/* Exercises: sparse matrices: COO -> CSR conversion with counting sort, CSR SpMV/SpMM/transpose vs dense reference, Jacobi iteration. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define N 120

typedef struct { int n, nnz; int *rowptr, *col; long *val; } Csr;

static Csr from_dense(long (*d)[N])
{
    Csr m = {N, 0, malloc(sizeof(int) * (N + 1)), NULL, NULL};
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) m.nnz += d[i][j] != 0;
    m.col = malloc(sizeof(int) * (size_t)m.nnz);
    m.val = malloc(sizeof(long) * (size_t)m.nnz);
    int k = 0;
    for (int i = 0; i < N; i++) {
        m.rowptr[i] = k;
        for (int j = 0; j < N; j++) if (d[i][j]) { m.col[k] = j; m.val[k] = d[i][j]; k++; }
    }
    m.rowptr[N] = k;
    return m;
}

static void csr_free(Csr *m) { free(m->rowptr); free(m->col); free(m->val); }

static Csr transpose(const Csr *a)
{
    Csr t = {a->n, a->nnz, calloc((size_t)a->n + 1, sizeof(int)), malloc(sizeof(int) * (size_t)a->nnz), malloc(sizeof(long) * (size_t)a->nnz)};
    for (int k = 0; k < a->nnz; k++) t.rowptr[a->col[k] + 1]++;
    for (int i = 0; i < a->n; i++) t.rowptr[i + 1] += t.rowptr[i];
    int *fill = malloc(sizeof(int) * (size_t)a->n);
    memcpy(fill, t.rowptr, sizeof(int) * (size_t)a->n);
    for (int i = 0; i < a->n; i++)
        for (int k = a->rowptr[i]; k < a->rowptr[i + 1]; k++) {
            int p = fill[a->col[k]]++;
            t.col[p] = i; t.val[p] = a->val[k];
        }
    free(fill);
    return t;
}

static void spmv(const Csr *a, const long *x, long *y)
{
    for (int i = 0; i < a->n; i++) {
        long s = 0;
        for (int k = a->rowptr[i]; k < a->rowptr[i + 1]; k++) s += a->val[k] * x[a->col[k]];
        y[i] = s;
    }
}

/* C = A * B in dense output using row-wise accumulation (Gustavson) */
static void spmm_dense(const Csr *a, const Csr *b, long (*c)[N])
{
    memset(c, 0, sizeof(long) * N * N);
    for (int i = 0; i < a->n; i++)
        for (int k = a->rowptr[i]; k < a->rowptr[i + 1]; k++) {
            int r = a->col[k];
            long av = a->val[k];
            for (int q = b->rowptr[r]; q < b->rowptr[r + 1]; q++) c[i][b->col[q]] += av * b->val[q];
        }
}

static long A[N][N], B[N][N], C1[N][N], C2[N][N];

int main(void)
{
    uint32_t s = 77;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            s ^= s << 13; s ^= s >> 17; s ^= s << 5;
            A[i][j] = s % 100 < 6 ? (long)(s >> 24) - 128 : 0;
            s ^= s << 13; s ^= s >> 17; s ^= s << 5;
            B[i][j] = s % 100 < 8 ? (long)(s >> 26) + 1 : 0;
        }
    Csr a = from_dense(A), b = from_dense(B);
    long x[N], y1[N], y2[N];
    for (int i = 0; i < N; i++) x[i] = (i * 37) % 19 - 9;
    spmv(&a, x, y1);
    for (int i = 0; i < N; i++) { long t = 0; for (int j = 0; j < N; j++) t += A[i][j] * x[j]; y2[i] = t; }
    CHECK(memcmp(y1, y2, sizeof y1) == 0);

    Csr at = transpose(&a);
    int bad = 0;
    for (int i = 0; i < N; i++)
        for (int k = at.rowptr[i]; k < at.rowptr[i + 1]; k++) {
            if (A[at.col[k]][i] != at.val[k]) bad++;
            if (k > at.rowptr[i] && at.col[k - 1] >= at.col[k]) bad++; /* sorted columns */
        }
    CHECK(bad == 0 && at.nnz == a.nnz);
    Csr att = transpose(&at);
    CHECK(memcmp(att.rowptr, a.rowptr, sizeof(int) * (N + 1)) == 0 && memcmp(att.col, a.col, sizeof(int) * (size_t)a.nnz) == 0);

    spmm_dense(&a, &b, C1);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { long t = 0; for (int k = 0; k < N; k++) t += A[i][k] * B[k][j]; C2[i][j] = t; }
    CHECK(memcmp(C1, C2, sizeof C1) == 0);

    /* Jacobi iteration on a diagonally dominant tridiagonal system (double), residual check */
    double dg[N], rhs[N], xv[N], xn[N];
    for (int i = 0; i < N; i++) { dg[i] = 4.0; rhs[i] = (double)(i % 7) - 3.0; xv[i] = 0.0; }
    for (int it = 0; it < 200; it++) {
        for (int i = 0; i < N; i++) {
            double sum = rhs[i];
            if (i) sum += xv[i - 1];
            if (i + 1 < N) sum += xv[i + 1];
            xn[i] = sum / dg[i];
        }
        memcpy(xv, xn, sizeof xv);
    }
    double res = 0;
    for (int i = 0; i < N; i++) {
        double r = dg[i] * xv[i] - rhs[i] - (i ? xv[i - 1] : 0) - (i + 1 < N ? xv[i + 1] : 0);
        res += fabs(r);
    }
    CHECK(res < 1e-9);
    long tr = 0;
    for (int i = 0; i < N; i++) tr += C1[i][i];
    printf("nnzA=%d nnzB=%d trace(AB)=%ld y0=%ld x0=%.6f\n", a.nnz, b.nnz, tr, y1[0], xv[0]);
    csr_free(&a); csr_free(&b); csr_free(&at); csr_free(&att);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
