/* Exercises: continued fractions of rationals and quadratic surds, convergents, Pell equation solutions, Stern-Brocot search. */
#include <stdio.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static int cf_rational(int64_t p, int64_t q, int64_t *terms, int max)
{
    int n = 0;
    while (q && n < max) {
        int64_t a = p / q, r = p % q;
        if (r < 0) { a--; r += q; }
        terms[n++] = a;
        p = q; q = r;
    }
    return n;
}

static void eval_cf(const int64_t *t, int n, int64_t *p, int64_t *q)
{
    int64_t num = 1, den = 0; /* represents infinity */
    for (int i = n - 1; i >= 0; i--) {
        int64_t nn = t[i] * num + den;
        den = num; num = nn;
    }
    *p = num; *q = den;
}

/* periodic continued fraction of sqrt(D); returns period length, fills terms (a0 then period) */
static int cf_sqrt(int D, int *terms, int max)
{
    int a0 = 0;
    while ((a0 + 1) * (a0 + 1) <= D) a0++;
    terms[0] = a0;
    if (a0 * a0 == D) return 0;
    int m = 0, d = 1, a = a0, n = 0;
    do {
        m = d * a - m;
        d = (D - m * m) / d;
        a = (a0 + m) / d;
        if (n + 1 < max) terms[++n] = a; else break;
    } while (a != 2 * a0);
    return n;
}

/* fundamental solution of x^2 - D y^2 = 1 via convergents (unsigned 64-bit) */
static int pell(int D, uint64_t *x, uint64_t *y)
{
    int t[128];
    int per = cf_sqrt(D, t, 128);
    if (per == 0) return 0;
    uint64_t h1 = 1, h0 = (uint64_t)t[0], k1 = 0, k0 = 1;
    int len = per % 2 == 0 ? per : 2 * per;
    for (int i = 1; i < len; i++) {
        uint64_t a = (uint64_t)t[(i - 1) % per + 1];
        uint64_t h = a * h0 + h1, k = a * k0 + k1;
        h1 = h0; h0 = h; k1 = k0; k0 = k;
    }
    *x = h0; *y = k0;
    return 1;
}

/* Stern-Brocot: best rational approximation to p/q with denominator <= maxd */
static void best_approx(int64_t p, int64_t q, int64_t maxd, int64_t *bn, int64_t *bd)
{
    int64_t ln = 0, ld = 1, rn = 1, rd = 0;
    for (;;) {
        int64_t mn = ln + rn, md = ld + rd;
        if (md > maxd) break;
        if (mn * q == p * md) { ln = mn; ld = md; rn = mn; rd = md; break; }
        if (mn * q < p * md) { ln = mn; ld = md; } else { rn = mn; rd = md; }
    }
    /* choose closer of the bounds */
    if (rd == 0 || (ld && (p * ld - ln * q) * rd <= (rn * q - p * rd) * ld)) { *bn = ln; *bd = ld; }
    else { *bn = rn; *bd = rd; }
}

int main(void)
{
    int64_t t[64], p, q;
    int n = cf_rational(415, 93, t, 64);
    CHECK(n == 4 && t[0] == 4 && t[1] == 2 && t[2] == 6 && t[3] == 7);
    eval_cf(t, n, &p, &q);
    CHECK(p == 415 && q == 93);
    n = cf_rational(-17, 5, t, 64);
    CHECK(t[0] == -4);
    eval_cf(t, n, &p, &q);
    CHECK(p == -17 && q == 5);

    uint32_t s = 9;
    int bad = 0;
    for (int i = 0; i < 3000; i++) {
        s = s * 1664525u + 1013904223u; int64_t a = (int64_t)(s >> 4) - (1 << 27);
        s = s * 1664525u + 1013904223u; int64_t b = (int64_t)(s >> 8) + 1;
        int64_t g = a < 0 ? -a : a, h = b;
        while (h) { int64_t r = g % h; g = h; h = r; }
        n = cf_rational(a, b, t, 64);
        eval_cf(t, n, &p, &q);
        if (p != a / g || q != b / g) bad++;
    }
    CHECK(bad == 0);

    int terms[128];
    CHECK(cf_sqrt(2, terms, 128) == 1 && terms[0] == 1 && terms[1] == 2);
    CHECK(cf_sqrt(7, terms, 128) == 4 && terms[1] == 1 && terms[2] == 1 && terms[3] == 1 && terms[4] == 4);
    CHECK(cf_sqrt(94, terms, 128) == 16);
    uint64_t x, y, maxx = 0;
    int maxD = 0, solved = 0;
    for (int D = 2; D <= 100; D++) {
        if (!pell(D, &x, &y)) continue;
        if (x * x - (uint64_t)D * y * y != 1) { bad++; continue; }
        solved++;
        if (x > maxx) { maxx = x; maxD = D; }
    }
    CHECK(bad == 0);
    CHECK(pell(61, &x, &y) && x == 1766319049ull && y == 226153980ull);
    CHECK(pell(13, &x, &y) && x == 649 && y == 180);

    int64_t bn, bd;
    best_approx(314159265, 100000000, 1000, &bn, &bd);
    CHECK(bn == 355 && bd == 113);
    best_approx(314159265, 100000000, 100, &bn, &bd);
    CHECK(bn == 311 && bd == 99);
    best_approx(1, 3, 10, &bn, &bd);
    CHECK(bn == 1 && bd == 3);
    printf("solved=%d maxD=%d maxx=%llu\n", solved, maxD, (unsigned long long)maxx);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
