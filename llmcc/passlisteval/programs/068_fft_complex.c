/* Exercises: recursive and iterative radix-2 FFT on C99 complex doubles vs naive DFT, integer convolution by rounding, Parseval. */
#include <stdio.h>
#include <stdint.h>
#include <complex.h>
#include <math.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static const double PI = 3.14159265358979323846;

static void fft_rec(double complex *a, int n, int inv)
{
    if (n == 1) return;
    double complex even[256], odd[256];
    for (int i = 0; i < n / 2; i++) { even[i] = a[2 * i]; odd[i] = a[2 * i + 1]; }
    fft_rec(even, n / 2, inv);
    fft_rec(odd, n / 2, inv);
    for (int k = 0; k < n / 2; k++) {
        double ang = (inv ? 2 : -2) * PI * k / n;
        double complex w = cos(ang) + sin(ang) * I;
        double complex t = w * odd[k];
        a[k] = even[k] + t;
        a[k + n / 2] = even[k] - t;
    }
}

static void fft_iter(double complex *a, int n, int inv)
{
    for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) { double complex t = a[i]; a[i] = a[j]; a[j] = t; }
    }
    for (int len = 2; len <= n; len <<= 1) {
        for (int i = 0; i < n; i += len)
            for (int k = 0; k < len / 2; k++) {
                double ang = (inv ? 2 : -2) * PI * k / len;
                double complex w = cos(ang) + sin(ang) * I;
                double complex u = a[i + k], v = a[i + k + len / 2] * w;
                a[i + k] = u + v;
                a[i + k + len / 2] = u - v;
            }
    }
}

static void dft(const double complex *a, double complex *out, int n)
{
    for (int k = 0; k < n; k++) {
        double complex s = 0;
        for (int t = 0; t < n; t++) {
            double ang = -2 * PI * (double)((long)k * t % n) / n;
            s += a[t] * (cos(ang) + sin(ang) * I);
        }
        out[k] = s;
    }
}

static double maxdiff(const double complex *a, const double complex *b, int n)
{
    double m = 0;
    for (int i = 0; i < n; i++) { double d = cabs(a[i] - b[i]); if (d > m) m = d; }
    return m;
}

int main(void)
{
    enum { N = 256 };
    static double complex x[N], r[N], it[N], ref[N];
    uint32_t s = 3;
    for (int i = 0; i < N; i++) {
        s = s * 1664525u + 1013904223u; double re = (double)(s >> 8) / 16777216.0 - 0.5;
        s = s * 1664525u + 1013904223u; double im = (double)(s >> 8) / 16777216.0 - 0.5;
        x[i] = re + im * I;
    }
    memcpy(r, x, sizeof x);
    memcpy(it, x, sizeof x);
    fft_rec(r, N, 0);
    fft_iter(it, N, 0);
    dft(x, ref, N);
    CHECK(maxdiff(r, ref, N) < 1e-9);
    CHECK(maxdiff(it, ref, N) < 1e-9);

    /* Parseval: sum |x|^2 * N == sum |X|^2 */
    double e1 = 0, e2 = 0;
    for (int i = 0; i < N; i++) { e1 += creal(x[i] * conj(x[i])); e2 += creal(it[i] * conj(it[i])); }
    CHECK(fabs(e1 * N - e2) < 1e-8 * e2);

    /* inverse recovers input */
    fft_iter(it, N, 1);
    for (int i = 0; i < N; i++) it[i] /= N;
    CHECK(maxdiff(it, x, N) < 1e-12);

    /* integer convolution by rounding: product of two 100-digit numbers (base 10 digits) */
    static double complex fa[N], fb[N];
    int da[100], db[100];
    for (int i = 0; i < 100; i++) { s = s * 1664525u + 1013904223u; da[i] = (int)((s >> 16) % 10); s = s * 1664525u + 1013904223u; db[i] = (int)((s >> 16) % 10); }
    for (int i = 0; i < N; i++) { fa[i] = i < 100 ? da[i] : 0; fb[i] = i < 100 ? db[i] : 0; }
    fft_iter(fa, N, 0); fft_iter(fb, N, 0);
    for (int i = 0; i < N; i++) fa[i] *= fb[i];
    fft_iter(fa, N, 1);
    int bad = 0;
    long conv_sum = 0;
    double max_frac = 0;
    for (int k = 0; k < 199; k++) {
        long exact = 0;
        for (int i = 0; i <= k; i++) if (i < 100 && k - i < 100) exact += da[i] * db[k - i];
        double v = creal(fa[k]) / N;
        long rounded = lround(v);
        double frac = fabs(v - (double)rounded);
        if (frac > max_frac) max_frac = frac;
        if (rounded != exact) bad++;
        conv_sum += exact * (k + 1);
    }
    CHECK(bad == 0 && max_frac < 1e-6);

    /* pure tone: energy concentrated in bins k and N-k */
    for (int i = 0; i < N; i++) x[i] = cos(2 * PI * 5 * i / N);
    fft_iter(x, N, 0);
    CHECK(fabs(creal(x[5]) - N / 2.0) < 1e-9 && fabs(creal(x[N - 5]) - N / 2.0) < 1e-9);
    double leak = 0;
    for (int k = 0; k < N; k++) if (k != 5 && k != N - 5) leak += cabs(x[k]);
    CHECK(leak < 1e-9);
    printf("energy=%.6f conv_sum=%ld\n", e1, conv_sum);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
