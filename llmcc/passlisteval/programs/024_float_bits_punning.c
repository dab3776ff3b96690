/* Exercises: IEEE-754 bit patterns via memcpy and unions, frexp/ldexp/nextafter, classification and exact float<->int conversions. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <math.h>
#include <float.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, sizeof u); return u; }
static float bitsf(uint32_t u) { float f; memcpy(&f, &u, sizeof f); return f; }
static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }
static double bitsd(uint64_t u) { double d; memcpy(&d, &u, sizeof d); return d; }

typedef union { double d; uint64_t u; unsigned char b[8]; } DU; /* union punning is allowed in C */

/* manual float decomposition */
static void decompose(double d, int *sign, int *exp, uint64_t *mant)
{
    uint64_t u = dbits(d);
    *sign = (int)(u >> 63);
    *exp = (int)((u >> 52) & 0x7FF);
    *mant = u & ((UINT64_C(1) << 52) - 1);
}

/* integer to double by hand (round to nearest even) for values < 2^63 */
static double u64_to_double_manual(uint64_t v)
{
    if (v == 0) return 0.0;
    int msb = 63;
    while (!(v >> msb)) msb--;
    uint64_t mant;
    int e = msb;
    if (msb <= 52) mant = v << (52 - msb);
    else {
        int sh = msb - 52;
        mant = v >> sh;
        uint64_t rem = v & ((UINT64_C(1) << sh) - 1), half = UINT64_C(1) << (sh - 1);
        if (rem > half || (rem == half && (mant & 1))) mant++;
        if (mant >> 53) { mant >>= 1; e++; }
    }
    return bitsd((uint64_t)(e + 1023) << 52 | (mant & ((UINT64_C(1) << 52) - 1)));
}

int main(void)
{
    CHECK(fbits(1.0f) == 0x3F800000u);
    CHECK(fbits(-2.0f) == 0xC0000000u);
    CHECK(fbits(0.1f) == 0x3DCCCCCDu);
    CHECK(dbits(1.0) == UINT64_C(0x3FF0000000000000));
    CHECK(dbits(0.1) == UINT64_C(0x3FB999999999999A));
    CHECK(bitsf(0x7F7FFFFFu) == FLT_MAX);
    CHECK(bitsd(1) == 4.9406564584124654e-324);
    CHECK(isnan(bitsf(0x7FC00000u)) && isinf(bitsf(0x7F800000u)));
    CHECK(fpclassify(bitsd(1)) == FP_SUBNORMAL && fpclassify(0.0) == FP_ZERO && fpclassify(1.5) == FP_NORMAL);
    CHECK(signbit(-0.0) && !signbit(0.0) && -0.0 == 0.0 && dbits(-0.0) != dbits(0.0));

    DU du;
    du.d = -3.75;
    CHECK(du.u == UINT64_C(0xC00E000000000000));
    int s, e;
    uint64_t m;
    decompose(-3.75, &s, &e, &m);
    CHECK(s == 1 && e == 1024 && m == UINT64_C(0xE000000000000));

    /* successive floats are ordered like their bit patterns */
    int ordered = 1;
    float f = 1.0f;
    for (int i = 0; i < 5000; i++) {
        float g = nextafterf(f, 2.0f);
        if (fbits(g) != fbits(f) + 1 || !(g > f)) ordered = 0;
        f = g;
    }
    CHECK(ordered);
    CHECK(fbits(f) == 0x3F800000u + 5000u);

    /* frexp/ldexp exactness */
    int bad = 0;
    uint64_t x = 0x9E3779B97F4A7C15ull, digest = 0;
    for (int i = 0; i < 4000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        double d = bitsd((x & UINT64_C(0x800FFFFFFFFFFFFF)) | (uint64_t)(900 + (x >> 40) % 250) << 52);
        int ex;
        double fr = frexp(d, &ex);
        if (!(fabs(fr) >= 0.5 && fabs(fr) < 1.0) || ldexp(fr, ex) != d) bad++;
        /* int conversion round trip within 2^53 */
        uint64_t iv = x >> 11;
        if ((uint64_t)(double)iv != iv) bad++;
        /* manual conversion matches hardware conversion for all 63-bit ints */
        uint64_t big = x >> 1;
        if (u64_to_double_manual(big) != (double)big) bad++;
        digest = digest * 31 + (uint64_t)(ex + 2000);
    }
    CHECK(bad == 0);
    CHECK(u64_to_double_manual(UINT64_C(9007199254740993)) == 9007199254740992.0);
    CHECK(u64_to_double_manual(UINT64_C(9007199254740995)) == 9007199254740996.0);

    /* rounding functions on exact halves */
    CHECK(rint(2.5) == 2.0 && rint(3.5) == 4.0 && round(2.5) == 3.0 && round(-2.5) == -3.0);
    CHECK(floor(-0.5) == -1.0 && ceil(-0.5) == 0.0 && trunc(-1.7) == -1.0);
    CHECK(lround(-7.5) == -8 && (long)-7.9 == -7);
    CHECK(fmod(10.0, 3.0) == 1.0 && remainder(10.0, 3.0) == 1.0 && remainder(11.0, 3.0) == -1.0);
    CHECK(DBL_EPSILON == ldexp(1.0, -52) && 1.0 + DBL_EPSILON / 2 == 1.0);

    printf("bits(0.1f)=%08X bits(0.1)=%016llX digest=%016llX\n", (unsigned)fbits(0.1f), (unsigned long long)dbits(0.1),
           (unsigned long long)digest);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
