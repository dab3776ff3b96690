/* Exercises: careful floating point: Kahan/Neumaier summation, pairwise sums, Horner polynomials, libm identities with tolerances. */
#include <stdio.h>
#include <stdint.h>
#include <math.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static double naive_sum(const double *a, int n) { double s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }

static double kahan_sum(const double *a, int n)
{
    double s = 0, c = 0;
    for (int i = 0; i < n; i++) {
        double y = a[i] - c;
        double t = s + y;
        c = (t - s) - y;
        s = t;
    }
    return s;
}

static double neumaier_sum(const double *a, int n)
{
    double s = 0, c = 0;
    for (int i = 0; i < n; i++) {
        double t = s + a[i];
        if (fabs(s) >= fabs(a[i])) c += (s - t) + a[i];
        else c += (a[i] - t) + s;
        s = t;
    }
    return s + c;
}

static double pairwise_sum(const double *a, int n)
{
    if (n <= 8) return naive_sum(a, n);
    int h = n / 2;
    return pairwise_sum(a, h) + pairwise_sum(a + h, n - h);
}

static double horner(const double *c, int deg, double x)
{
    double r = c[deg];
    for (int i = deg - 1; i >= 0; i--) r = r * x + c[i];
    return r;
}

#define N 20000
static double v[N];

int main(void)
{
    /* harmonic-like series: compare accurate methods */
    for (int i = 0; i < N; i++) v[i] = 1.0 / (i + 1);
    double k = kahan_sum(v, N), nm = neumaier_sum(v, N), pw = pairwise_sum(v, N), nv = naive_sum(v, N);
    double H = 10.480728217229327; /* H_20000 */
    CHECK(fabs(k - H) < 1e-13 && fabs(nm - H) < 1e-13 && fabs(pw - H) < 1e-12);
    CHECK(fabs(nv - H) < 1e-10);

    /* catastrophic cancellation: 1, 1e100, 1, -1e100 -> exact 2 */
    double cc[] = {1.0, 1e100, 1.0, -1e100};
    CHECK(neumaier_sum(cc, 4) == 2.0);
    CHECK(naive_sum(cc, 4) == 0.0);

    /* 0.1 summed 10 times: naive misses 1.0, Kahan hits it */
    double tenth[10];
    for (int i = 0; i < 10; i++) tenth[i] = 0.1;
    CHECK(naive_sum(tenth, 10) != 1.0);
    CHECK(kahan_sum(tenth, 10) == 1.0);

    /* integer-exact sums in doubles (all partial sums < 2^53) */
    for (int i = 0; i < N; i++) v[i] = (double)((i * 7919) % 10007) - 5000.0;
    double exact = 0;
    long long isum = 0;
    for (int i = 0; i < N; i++) isum += (i * 7919) % 10007 - 5000;
    exact = (double)isum;
    CHECK(naive_sum(v, N) == exact && kahan_sum(v, N) == exact && pairwise_sum(v, N) == exact);

    /* polynomial: (x-1)^5 expanded, near x = 1 Horner loses precision but stays bounded */
    double c5[6] = {-1, 5, -10, 10, -5, 1};
    CHECK(horner(c5, 5, 2.0) == 1.0 && horner(c5, 5, 3.0) == 32.0 && horner(c5, 5, 1.0) == 0.0);
    double worst = 0;
    for (int i = -50; i <= 50; i++) {
        double x = 1.0 + i * 1e-3;
        double err = fabs(horner(c5, 5, x) - pow(x - 1.0, 5));
        if (err > worst) worst = err;
    }
    CHECK(worst < 1e-13);

    /* libm identities */
    double maxe = 0;
    for (int i = 1; i <= 2000; i++) {
        double x = i * 0.01;
        double e1 = fabs(exp(log(x)) - x) / x;
        double e2 = fabs(sin(x) * sin(x) + cos(x) * cos(x) - 1.0);
        double e3 = fabs(sqrt(x) * sqrt(x) - x) / x;
        double e4 = fabs(atan2(sin(x), cos(x)) - remainder(x, 2 * 3.14159265358979323846));
        double e5 = fabs(cbrt(x * x * x) - x) / x;
        double e6 = fabs(hypot(3 * x, 4 * x) - 5 * x) / x;
        double m = fmax(fmax(fmax(e1, e2), fmax(e3, e4)), fmax(e5, e6));
        if (m > maxe) maxe = m;
    }
    CHECK(maxe < 1e-12);
    CHECK(sqrt(144.0) == 12.0 && pow(2.0, 10.0) == 1024.0 && exp(0.0) == 1.0 && log(1.0) == 0.0);
    CHECK(fabs(exp(1.0) - 2.718281828459045) < 1e-15);

    /* integer-rounded summary values */
    printf("H=%.9f kahan-naive=%s pw=%.6f\n", k, fabs(k - nv) < 1e-10 ? "small" : "large", pw);
    printf("isum=%lld worst<1e-13=%d\n", isum, worst < 1e-13);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
