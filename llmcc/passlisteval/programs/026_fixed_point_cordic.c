/* Exercises: Q16.16 / Q2.30 fixed-point arithmetic, CORDIC sin/cos/atan, integer sqrt and comparisons to libm within tolerances. */
#include <stdio.h>
#include <stdint.h>
#include <math.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef int32_t q16;
#define Q16_ONE 65536

static q16 q16_from_int(int v) { return (q16)(v * Q16_ONE); }
static q16 q16_mul(q16 a, q16 b) { return (q16)(((int64_t)a * b) / Q16_ONE); }
static q16 q16_div(q16 a, q16 b) { return (q16)(((int64_t)a * Q16_ONE) / b); }

/* CORDIC in Q2.30 */
#define CORDIC_N 30
static int32_t atan_tab[CORDIC_N];
static int32_t cordic_gain;

static void cordic_init(void)
{
    double k = 1.0;
    for (int i = 0; i < CORDIC_N; i++) {
        atan_tab[i] = (int32_t)lround(atan(ldexp(1.0, -i)) * 1073741824.0);
        k *= 1.0 / sqrt(1.0 + ldexp(1.0, -2 * i));
    }
    cordic_gain = (int32_t)lround(k * 1073741824.0);
}

/* angle in Q2.30 radians within [-pi/2, pi/2] */
static void cordic_sincos(int32_t angle, int32_t *s, int32_t *c)
{
    int32_t x = cordic_gain, y = 0, z = angle;
    for (int i = 0; i < CORDIC_N; i++) {
        int32_t dx = x / (1 << i), dy = y / (1 << i); /* division instead of >> on negatives */
        if (z >= 0) { x -= dy; y += dx; z -= atan_tab[i]; }
        else        { x += dy; y -= dx; z += atan_tab[i]; }
    }
    *s = y; *c = x;
}

/* vectoring mode: atan2(y, x) for x > 0 */
static int32_t cordic_atan(int32_t y, int32_t x)
{
    int32_t z = 0;
    for (int i = 0; i < CORDIC_N; i++) {
        int32_t dx = x / (1 << i), dy = y / (1 << i);
        if (y > 0) { x += dy; y -= dx; z += atan_tab[i]; }
        else       { x -= dy; y += dx; z -= atan_tab[i]; }
    }
    return z;
}

static uint32_t isqrt64(uint64_t v)
{
    uint64_t r = 0, bit = 1ull << 62;
    while (bit > v) bit >>= 2;
    while (bit) {
        if (v >= r + bit) { v -= r + bit; r = (r >> 1) + bit; }
        else r >>= 1;
        bit >>= 2;
    }
    return (uint32_t)r;
}

static q16 q16_sqrt(q16 a) { return (q16)isqrt64((uint64_t)a << 16); }

int main(void)
{
    cordic_init();
    CHECK(q16_mul(q16_from_int(3), q16_from_int(-4)) == q16_from_int(-12));
    CHECK(q16_div(q16_from_int(1), q16_from_int(4)) == Q16_ONE / 4);
    CHECK(q16_sqrt(q16_from_int(144)) == q16_from_int(12));
    CHECK(q16_sqrt(Q16_ONE * 2) == 92681); /* floor(sqrt(2)*65536) */

    double max_err = 0.0;
    long long sum_s = 0;
    for (int deg10 = -900; deg10 <= 900; deg10 += 3) {
        double rad = deg10 * (3.14159265358979323846 / 1800.0);
        int32_t ang = (int32_t)lround(rad * 1073741824.0);
        int32_t s, c;
        cordic_sincos(ang, &s, &c);
        double es = fabs(s / 1073741824.0 - sin(rad)), ec = fabs(c / 1073741824.0 - cos(rad));
        if (es > max_err) max_err = es;
        if (ec > max_err) max_err = ec;
        /* s^2 + c^2 ~ 1 in fixed point */
        int64_t n2 = ((int64_t)s * s + (int64_t)c * c) >> 30;
        CHECK(n2 > 1073741824LL - 200 && n2 < 1073741824LL + 200);
        if (c > 1000) {
            int32_t back = cordic_atan(s, c);
            CHECK(back - ang < 100 && ang - back < 100);
        }
        sum_s += s >> 10;
    }
    CHECK(max_err < 1e-7);

    /* Q16 Newton reciprocal vs direct division */
    int bad = 0;
    for (int v = 1; v < 3000; v += 7) {
        q16 a = q16_from_int(v) / 7 + 1;
        q16 d = q16_div(Q16_ONE, a);
        q16 back = q16_mul(d, a);
        if (back > Q16_ONE || Q16_ONE - back > a / Q16_ONE + 2) bad++;
        q16 r = q16_sqrt(a);
        int64_t sq = (int64_t)r * r;
        if (sq > (int64_t)a * Q16_ONE || (int64_t)(r + 1) * (r + 1) <= (int64_t)a * Q16_ONE) bad++;
    }
    CHECK(bad == 0);
    for (uint64_t v = 0; v < 200000; v += 13) {
        uint32_t r = isqrt64(v);
        CHECK((uint64_t)r * r <= v && (uint64_t)(r + 1) * (r + 1) > v);
    }
    CHECK(isqrt64(UINT64_C(18446744073709551615)) == 4294967295u);

    /* fixed point compound interest: 1.05^10 */
    q16 acc = Q16_ONE, rate = Q16_ONE + Q16_ONE / 20;
    for (int i = 0; i < 10; i++) acc = q16_mul(acc, rate);
    CHECK(fabs(acc / 65536.0 - pow(1.05, 10)) < 1e-3);
    printf("gain=%d atan0=%d sum_s=%lld acc=%d\n", (int)cordic_gain, (int)atan_tab[0], sum_s, (int)acc);
    printf("max_err<1e-7: %s\n", max_err < 1e-7 ? "yes" : "no");
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
