/* Exercises: polynomial arithmetic mod p: schoolbook vs recursive Karatsuba multiplication, long division, evaluation/interpolation. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define P 1000003u

static uint32_t addm(uint32_t a, uint32_t b) { uint32_t s = a + b; return s >= P ? s - P : s; }
static uint32_t subm(uint32_t a, uint32_t b) { return a >= b ? a - b : a + P - b; }
static uint32_t mulm(uint32_t a, uint32_t b) { return (uint32_t)((uint64_t)a * b % P); }
static uint32_t powm(uint32_t a, uint32_t e) { uint32_t r = 1; while (e) { if (e & 1) r = mulm(r, a); a = mulm(a, a); e >>= 1; } return r; }
static uint32_t invm(uint32_t a) { return powm(a, P - 2); }

static void mul_school(const uint32_t *a, const uint32_t *b, int n, uint32_t *r) /* r has 2n-1 */
{
    memset(r, 0, sizeof(uint32_t) * (size_t)(2 * n - 1));
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) r[i + j] = addm(r[i + j], mulm(a[i], b[j]));
}

static void karatsuba(const uint32_t *a, const uint32_t *b, int n, uint32_t *r)
{
    if (n <= 16) { mul_school(a, b, n, r); return; }
    int h = n / 2, hi = n - h;
    uint32_t *z0 = calloc((size_t)(2 * n), sizeof *z0), *z2 = calloc((size_t)(2 * n), sizeof *z2), *z1 = calloc((size_t)(2 * n), sizeof *z1);
    uint32_t *sa = calloc((size_t)hi, sizeof *sa), *sb = calloc((size_t)hi, sizeof *sb);
    /* low part padded to hi */
    uint32_t *la = calloc((size_t)hi, sizeof *la), *lb = calloc((size_t)hi, sizeof *lb);
    memcpy(la, a, sizeof(uint32_t) * (size_t)h);
    memcpy(lb, b, sizeof(uint32_t) * (size_t)h);
    karatsuba(la, lb, hi, z0);
    karatsuba(a + h, b + h, hi, z2);
    for (int i = 0; i < hi; i++) { sa[i] = addm(la[i], a[h + i]); sb[i] = addm(lb[i], b[h + i]); }
    karatsuba(sa, sb, hi, z1);
    for (int i = 0; i < 2 * hi - 1; i++) z1[i] = subm(subm(z1[i], z0[i]), z2[i]);
    memset(r, 0, sizeof(uint32_t) * (size_t)(2 * n - 1));
    for (int i = 0; i < 2 * hi - 1; i++) {
        if (i < 2 * n - 1) r[i] = addm(r[i], z0[i]);
        if (i + h < 2 * n - 1) r[i + h] = addm(r[i + h], z1[i]);
        if (i + 2 * h < 2 * n - 1) r[i + 2 * h] = addm(r[i + 2 * h], z2[i]);
    }
    free(z0); free(z1); free(z2); free(sa); free(sb); free(la); free(lb);
}

/* divide a (deg da) by b (deg db): q (deg da-db), rem (deg < db) */
static void poly_divmod(const uint32_t *a, int da, const uint32_t *b, int db, uint32_t *q, uint32_t *rem)
{
    uint32_t *r = malloc(sizeof(uint32_t) * (size_t)(da + 1));
    memcpy(r, a, sizeof(uint32_t) * (size_t)(da + 1));
    uint32_t lead_inv = invm(b[db]);
    for (int i = da - db; i >= 0; i--) {
        uint32_t c = mulm(r[i + db], lead_inv);
        q[i] = c;
        for (int j = 0; j <= db; j++) r[i + j] = subm(r[i + j], mulm(c, b[j]));
    }
    memcpy(rem, r, sizeof(uint32_t) * (size_t)db);
    free(r);
}

static uint32_t eval(const uint32_t *a, int deg, uint32_t x)
{
    uint32_t r = 0;
    for (int i = deg; i >= 0; i--) r = addm(mulm(r, x), a[i]);
    return r;
}

int main(void)
{
    enum { N = 200 };
    static uint32_t a[N], b[N], r1[2 * N], r2[2 * N];
    uint32_t s = 5;
    for (int i = 0; i < N; i++) { s = s * 1103515245u + 12345u; a[i] = (s >> 8) % P; s = s * 1103515245u + 12345u; b[i] = (s >> 8) % P; }
    int bad = 0;
    for (int n = 1; n <= N; n += 37) {
        mul_school(a, b, n, r1);
        karatsuba(a, b, n, r2);
        if (memcmp(r1, r2, sizeof(uint32_t) * (size_t)(2 * n - 1))) bad++;
        /* evaluation homomorphism */
        for (uint32_t x = 1; x < 50; x += 7)
            if (mulm(eval(a, n - 1, x), eval(b, n - 1, x)) != eval(r1, 2 * n - 2, x)) bad++;
    }
    CHECK(bad == 0);

    /* division: (a*b + c) / b == a rem c when deg c < deg b */
    int n = 60;
    mul_school(a, b, n, r1);
    uint32_t c[59];
    for (int i = 0; i < 59; i++) c[i] = (uint32_t)(i * 31 + 7);
    for (int i = 0; i < 59; i++) r1[i] = addm(r1[i], c[i]);
    uint32_t q[64], rem[64];
    poly_divmod(r1, 2 * n - 2, b, n - 1, q, rem);
    CHECK(memcmp(q, a, sizeof(uint32_t) * (size_t)n) == 0);
    CHECK(memcmp(rem, c, sizeof c) == 0);

    /* Lagrange interpolation recovers a degree-9 polynomial from 10 points */
    uint32_t xs[10], ys[10], coef[10] = {0};
    for (int i = 0; i < 10; i++) { xs[i] = (uint32_t)(i * i + 2); ys[i] = eval(a, 9, xs[i]); }
    for (int i = 0; i < 10; i++) {
        uint32_t basis[10] = {1}, denom = 1;
        int deg = 0;
        for (int j = 0; j < 10; j++) {
            if (j == i) continue;
            /* basis *= (x - xs[j]) */
            for (int k = deg + 1; k >= 1; k--) basis[k] = subm(basis[k - 1], mulm(basis[k], xs[j]));
            basis[0] = subm(0, mulm(basis[0], xs[j]));
            deg++;
            denom = mulm(denom, subm(xs[i], xs[j]));
        }
        uint32_t f = mulm(ys[i], invm(denom));
        for (int k = 0; k < 10; k++) coef[k] = addm(coef[k], mulm(basis[k], f));
    }
    CHECK(memcmp(coef, a, sizeof coef) == 0);
    uint32_t h = 0;
    for (int i = 0; i < 2 * N - 1; i++) h = h * 31 + r2[i];
    printf("hash=%08X q0=%u rem0=%u\n", (unsigned)h, (unsigned)q[0], (unsigned)rem[0]);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
