/* Exercises: integer matrix multiply (ijk/ikj/blocked), associativity and transpose identities mod 2^32, matrix power and traces. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define N 48
typedef uint32_t Mat[N][N];

static void mul_ijk(Mat r, Mat a, Mat b)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            uint32_t s = 0;
            for (int k = 0; k < N; k++) s += a[i][k] * b[k][j];
            r[i][j] = s;
        }
}

static void mul_ikj(Mat r, Mat a, Mat b)
{
    memset(r, 0, sizeof(Mat));
    for (int i = 0; i < N; i++)
        for (int k = 0; k < N; k++) {
            uint32_t aik = a[i][k];
            for (int j = 0; j < N; j++) r[i][j] += aik * b[k][j];
        }
}

static void mul_blocked(Mat r, Mat a, Mat b)
{
    enum { B = 16 };
    memset(r, 0, sizeof(Mat));
    for (int ii = 0; ii < N; ii += B)
        for (int kk = 0; kk < N; kk += B)
            for (int jj = 0; jj < N; jj += B)
                for (int i = ii; i < ii + B; i++)
                    for (int k = kk; k < kk + B; k++)
                        for (int j = jj; j < jj + B; j++) r[i][j] += a[i][k] * b[k][j];
}

static void transpose(Mat r, Mat a)
{
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) r[j][i] = a[i][j];
}

static uint32_t trace(Mat a) { uint32_t t = 0; for (int i = 0; i < N; i++) t += a[i][i]; return t; }

static uint64_t digest(Mat a)
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) h = (h ^ a[i][j]) * 1099511628211ull;
    return h;
}

static Mat A, B, C, T1, T2, T3, T4, AT, BT;

int main(void)
{
    uint32_t s = 31337;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            s = s * 1664525u + 1013904223u; A[i][j] = s >> 8;
            s = s * 1664525u + 1013904223u; B[i][j] = s >> 3;
            s = s * 1664525u + 1013904223u; C[i][j] = s % 1000;
        }
    mul_ijk(T1, A, B);
    mul_ikj(T2, A, B);
    mul_blocked(T3, A, B);
    CHECK(memcmp(T1, T2, sizeof(Mat)) == 0 && memcmp(T2, T3, sizeof(Mat)) == 0);

    /* (AB)C == A(BC) */
    mul_ikj(T2, T1, C);
    mul_ikj(T3, B, C);
    mul_ikj(T4, A, T3);
    CHECK(memcmp(T2, T4, sizeof(Mat)) == 0);
    uint64_t dABC = digest(T2);

    /* (AB)^T == B^T A^T */
    transpose(AT, A);
    transpose(BT, B);
    mul_blocked(T3, BT, AT);
    transpose(T4, T1);
    CHECK(memcmp(T3, T4, sizeof(Mat)) == 0);

    /* trace(AB) == trace(BA) */
    mul_ijk(T3, B, A);
    CHECK(trace(T1) == trace(T3));

    /* A(B + C) == AB + AC */
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) T4[i][j] = B[i][j] + C[i][j];
    mul_ikj(T3, A, T4);
    mul_ikj(T2, A, C);
    int dist_ok = 1;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) if (T3[i][j] != T1[i][j] + T2[i][j]) dist_ok = 0;
    CHECK(dist_ok);

    /* permutation matrix P with P^N-cycle: shift by one; P^N == I */
    memset(T1, 0, sizeof(Mat));
    for (int i = 0; i < N; i++) T1[i][(i + 1) % N] = 1;
    memcpy(T2, T1, sizeof(Mat));
    for (int p = 1; p < N; p++) { mul_ikj(T3, T2, T1); memcpy(T2, T3, sizeof(Mat)); }
    int ident = 1;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) if (T2[i][j] != (uint32_t)(i == j)) ident = 0;
    CHECK(ident);
    /* P * A rotates rows */
    mul_ijk(T3, T1, A);
    int rot = 1;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) if (T3[i][j] != A[(i + 1) % N][j]) rot = 0;
    CHECK(rot);

    printf("trace(AB)=%u digest(ABC)=%016llX\n", (unsigned)trace(T4), (unsigned long long)dABC);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
