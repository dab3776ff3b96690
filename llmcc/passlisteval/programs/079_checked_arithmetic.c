/* Exercises: overflow-checked add/sub/mul via __builtin_*_overflow vs portable limit checks, saturating math, wide multiply by halves. */
#include <stdio.h>
#include <stdint.h>
#include <limits.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static int add_ovf_portable(int32_t a, int32_t b, int32_t *r)
{
    if ((b > 0 && a > INT32_MAX - b) || (b < 0 && a < INT32_MIN - b)) return 1;
    *r = a + b;
    return 0;
}
static int sub_ovf_portable(int32_t a, int32_t b, int32_t *r)
{
    if ((b < 0 && a > INT32_MAX + b) || (b > 0 && a < INT32_MIN + b)) return 1;
    *r = a - b;
    return 0;
}
static int mul_ovf_portable(int32_t a, int32_t b, int32_t *r)
{
    int64_t p = (int64_t)a * b;
    if (p > INT32_MAX || p < INT32_MIN) return 1;
    *r = (int32_t)p;
    return 0;
}
static int mul_ovf_u64(uint64_t a, uint64_t b, uint64_t *r)
{
    if (a && b > UINT64_MAX / a) return 1;
    *r = a * b;
    return 0;
}

static int32_t sat_add(int32_t a, int32_t b)
{
    int32_t r;
    if (__builtin_add_overflow(a, b, &r)) return a > 0 ? INT32_MAX : INT32_MIN;
    return r;
}
static uint8_t sat_add_u8(uint8_t a, uint8_t b) { unsigned s = (unsigned)a + b; return (uint8_t)(s > 255 ? 255 : s); }
static int16_t sat_mul_q15(int16_t a, int16_t b)
{
    /* division rather than >> 15: right-shifting a negative value is implementation-defined */
    int32_t p = ((int32_t)a * b) / 32768;
    if (p > INT16_MAX) return INT16_MAX;
    if (p < INT16_MIN) return INT16_MIN;
    return (int16_t)p;
}

/* 64x64 -> 128 multiply from 32-bit halves */
static void mul128(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
    uint64_t al = a & 0xFFFFFFFFu, ah = a >> 32, bl = b & 0xFFFFFFFFu, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (lh & 0xFFFFFFFFu) + (hl & 0xFFFFFFFFu);
    *lo = (mid << 32) | (ll & 0xFFFFFFFFu);
    *hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

int main(void)
{
    uint64_t x = 0x123456789ABCDEFull;
    int bad = 0, ovf_add = 0, ovf_mul = 0;
    for (int i = 0; i < 40000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        int sh = (int)(x >> 58) % 32;
        int32_t a = (int32_t)(uint32_t)(x >> sh), b = (int32_t)(uint32_t)(x >> 32);
        if (i % 5 == 0) a = (int32_t)((uint32_t)a & 0xFFFF) - 0x8000;
        int32_t r1 = 0, r2 = 0;
        int o1 = add_ovf_portable(a, b, &r1), o2 = __builtin_add_overflow(a, b, &r2);
        if (o1 != o2 || (!o1 && r1 != r2)) bad++;
        ovf_add += o1;
        o1 = sub_ovf_portable(a, b, &r1); o2 = __builtin_sub_overflow(a, b, &r2);
        if (o1 != o2 || (!o1 && r1 != r2)) bad++;
        o1 = mul_ovf_portable(a, b, &r1); o2 = __builtin_mul_overflow(a, b, &r2);
        if (o1 != o2 || (!o1 && r1 != r2)) bad++;
        ovf_mul += o1;
        uint64_t ua = x >> (i % 64), ub = x * 0x9E3779B97F4A7C15ull >> (63 - i % 64), u1 = 0, u2 = 0;
        o1 = mul_ovf_u64(ua, ub, &u1); o2 = __builtin_mul_overflow(ua, ub, &u2);
        if (o1 != o2 || (!o1 && u1 != u2)) bad++;
        uint64_t hi, lo;
        mul128(ua, ub, &hi, &lo);
        if (lo != ua * ub || (hi != 0) != o1) bad++;
    }
    CHECK(bad == 0);
    CHECK(ovf_add > 1000 && ovf_mul > 1000);

    CHECK(sat_add(INT32_MAX, 1) == INT32_MAX && sat_add(INT32_MIN, -1) == INT32_MIN && sat_add(5, -7) == -2);
    CHECK(sat_add_u8(200, 100) == 255 && sat_add_u8(100, 100) == 200);
    CHECK(sat_mul_q15(INT16_MIN, INT16_MIN) == INT16_MAX);
    CHECK(sat_mul_q15(16384, 16384) == 8192 && sat_mul_q15(-16384, 16384) == -8192);
    uint64_t hi, lo;
    mul128(UINT64_MAX, UINT64_MAX, &hi, &lo);
    CHECK(hi == UINT64_MAX - 1 && lo == 1);
    mul128(0x100000000ull, 0x100000000ull, &hi, &lo);
    CHECK(hi == 1 && lo == 0);
    /* factorials until overflow */
    uint64_t f = 1;
    int n = 1;
    while (!__builtin_mul_overflow(f, (uint64_t)(n + 1), &f)) n++;
    CHECK(n == 20);
    int32_t acc = 0, steps = 0;
    while (!__builtin_add_overflow(acc, steps, &acc)) steps++;
    CHECK(steps == 65536);
    printf("ovf_add=%d ovf_mul=%d fact_limit=%d steps=%d\n", ovf_add, ovf_mul, n, steps);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
