/* Exercises: Fibonacci via iteration, 2x2 matrix power (struct return by value), fast doubling and Pisano periods mod m. */
#include <stdio.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct { uint64_t a, b, c, d; } Mat2;

static Mat2 mat_mul(Mat2 x, Mat2 y, uint64_t m)
{
    Mat2 r;
    r.a = (x.a * y.a % m + x.b * y.c % m) % m;
    r.b = (x.a * y.b % m + x.b * y.d % m) % m;
    r.c = (x.c * y.a % m + x.d * y.c % m) % m;
    r.d = (x.c * y.b % m + x.d * y.d % m) % m;
    return r;
}

static uint64_t fib_matrix(uint64_t n, uint64_t m)
{
    Mat2 result = {1, 0, 0, 1};
    Mat2 base = {1, 1, 1, 0};
    while (n) {
        if (n & 1) result = mat_mul(result, base, m);
        base = mat_mul(base, base, m);
        n >>= 1;
    }
    return result.b;
}

typedef struct { uint64_t f, g; } Pair; /* F(n), F(n+1) */

static Pair fib_doubling(uint64_t n, uint64_t m)
{
    if (n == 0) { Pair p = {0, 1 % m}; return p; }
    Pair h = fib_doubling(n / 2, m);
    uint64_t a = h.f, b = h.g;
    uint64_t c = a * ((2 * b + m - a) % m) % m;   /* F(2k) */
    uint64_t d = (a * a + b * b) % m;             /* F(2k+1) */
    Pair r;
    if (n & 1) { r.f = d; r.g = (c + d) % m; }
    else       { r.f = c; r.g = d; }
    return r;
}

static uint64_t fib_iter(unsigned n, uint64_t m)
{
    uint64_t a = 0, b = 1 % m;
    for (unsigned i = 0; i < n; i++) { uint64_t t = (a + b) % m; a = b; b = t; }
    return a;
}

static unsigned pisano(unsigned m)
{
    unsigned a = 0, b = 1 % m;
    for (unsigned i = 1; i <= 6 * m + 2; i++) {
        unsigned t = (a + b) % m;
        a = b; b = t;
        if (a == 0 && b == 1 % m) return i;
    }
    return 0;
}

int main(void)
{
    const uint64_t M = 1000000007u;
    /* exact values without modulus (fit in 64 bits up to F(93)) */
    uint64_t a = 0, b = 1;
    for (int i = 0; i < 93; i++) { uint64_t t = a + b; a = b; b = t; }
    CHECK(a == UINT64_C(12200160415121876738));
    CHECK(fib_iter(90, UINT64_C(1) << 62) == UINT64_C(2880067194370816120));

    uint64_t acc = 0;
    for (unsigned n = 0; n < 2000; n += 7) {
        uint64_t x = fib_iter(n, M);
        uint64_t y = fib_matrix(n, M);
        Pair z = fib_doubling(n, M);
        CHECK(x == y && y == z.f);
        acc = (acc * 31 + x) % M;
    }
    CHECK(fib_matrix(1000000, M) == fib_doubling(1000000, M).f);
    CHECK(fib_matrix(1000000000000ULL, M) == fib_doubling(1000000000000ULL, M).f);
    CHECK(fib_matrix(100, M) == 687995182u);

    /* Pisano periods */
    static const unsigned expect[] = {0, 1, 3, 8, 6, 20, 24, 16, 12, 24, 60};
    for (unsigned m = 1; m <= 10; m++) CHECK(pisano(m) == expect[m]);
    CHECK(pisano(1000) == 1500);
    /* Cassini: F(n-1)F(n+1) - F(n)^2 = (-1)^n, modulo M */
    for (unsigned n = 1; n < 200; n++) {
        uint64_t lhs = (fib_matrix(n - 1, M) * fib_matrix(n + 1, M) % M + M - fib_matrix(n, M) * fib_matrix(n, M) % M) % M;
        CHECK(lhs == ((n & 1) ? M - 1 : 1));
    }

    printf("F(93)=%llu acc=%llu F(1e12)%%M=%llu\n", (unsigned long long)a, (unsigned long long)acc,
           (unsigned long long)fib_matrix(1000000000000ULL, M));
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
