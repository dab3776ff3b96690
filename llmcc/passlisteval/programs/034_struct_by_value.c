/* Exercises: structs passed and returned by value (small/large/nested), Gaussian integers, rational numbers and 3D vectors. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct { long re, im; } Gauss;
typedef struct { long num, den; } Rat;
typedef struct { int x, y, z; } V3;
typedef struct { V3 row[3]; } M3;
typedef struct { char tag[5]; unsigned char small; short s; double d; V3 v; } Mixed;

static Gauss g_add(Gauss a, Gauss b) { Gauss r = {a.re + b.re, a.im + b.im}; return r; }
static Gauss g_mul(Gauss a, Gauss b) { Gauss r = {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re}; return r; }
static long g_norm(Gauss a) { return a.re * a.re + a.im * a.im; }
static Gauss g_pow(Gauss a, int e) { Gauss r = {1, 0}; while (e--) r = g_mul(r, a); return r; }

static long gcd(long a, long b) { if (a < 0) a = -a; if (b < 0) b = -b; while (b) { long t = a % b; a = b; b = t; } return a; }
static Rat r_make(long n, long d) { if (d < 0) { n = -n; d = -d; } long g = gcd(n, d); if (g == 0) g = 1; Rat r = {n / g, d / g}; return r; }
static Rat r_add(Rat a, Rat b) { return r_make(a.num * b.den + b.num * a.den, a.den * b.den); }
static Rat r_mul(Rat a, Rat b) { return r_make(a.num * b.num, a.den * b.den); }
static int r_eq(Rat a, Rat b) { return a.num == b.num && a.den == b.den; }

static V3 v_cross(V3 a, V3 b) { V3 r = {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; return r; }
static int v_dot(V3 a, V3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static V3 m_apply(M3 m, V3 v) { V3 r = {v_dot(m.row[0], v), v_dot(m.row[1], v), v_dot(m.row[2], v)}; return r; }
static M3 m_mul(M3 a, M3 b)
{
    M3 r;
    for (int i = 0; i < 3; i++) {
        V3 col0 = {b.row[0].x, b.row[1].x, b.row[2].x};
        V3 col1 = {b.row[0].y, b.row[1].y, b.row[2].y};
        V3 col2 = {b.row[0].z, b.row[1].z, b.row[2].z};
        r.row[i].x = v_dot(a.row[i], col0);
        r.row[i].y = v_dot(a.row[i], col1);
        r.row[i].z = v_dot(a.row[i], col2);
    }
    return r;
}
static int m_det(M3 m) { return v_dot(m.row[0], v_cross(m.row[1], m.row[2])); }

static __attribute__((noinline)) Mixed mixed_update(Mixed m, int k)
{
    m.tag[k % 4] = (char)('A' + k % 26);
    m.small = (unsigned char)(m.small + k);
    m.s = (short)(m.s - k);
    m.d = m.d * 0.5 + k;
    m.v.x += k; m.v.y -= k; m.v.z ^= k;
    return m;
}

int main(void)
{
    /* (1+i)^8 = 16; norm is multiplicative */
    Gauss one_i = {1, 1};
    Gauss p8 = g_pow(one_i, 8);
    CHECK(p8.re == 16 && p8.im == 0);
    uint32_t s = 1;
    int bad = 0;
    for (int t = 0; t < 3000; t++) {
        s = s * 1103515245u + 12345u; Gauss a = {(long)(s >> 20) - 2048, (long)((s >> 8) & 0xFFF) - 2048};
        s = s * 1103515245u + 12345u; Gauss b = {(long)(s >> 20) - 2048, (long)((s >> 8) & 0xFFF) - 2048};
        if (g_norm(g_mul(a, b)) != g_norm(a) * g_norm(b)) bad++;
        Gauss l = g_mul(a, g_add(a, b)), r = g_add(g_mul(a, a), g_mul(a, b));
        if (memcmp(&l, &r, sizeof l) != 0) bad++;
    }
    CHECK(bad == 0);

    /* sum 1/(k(k+1)) for k=1..n == n/(n+1) */
    Rat acc = {0, 1};
    for (long k = 1; k <= 60; k++) acc = r_add(acc, r_make(1, k * (k + 1)));
    CHECK(r_eq(acc, r_make(60, 61)));
    Rat prod = {1, 1};
    for (long k = 2; k <= 40; k++) prod = r_mul(prod, r_make(k * k - 1, k * k));
    CHECK(r_eq(prod, r_make(41, 80)));  /* telescoping product */

    /* rotation matrices: 90 degree rotations about axes, det = 1, R^4 = I */
    M3 rz = {{{0, -1, 0}, {1, 0, 0}, {0, 0, 1}}};
    M3 rx = {{{1, 0, 0}, {0, 0, -1}, {0, 1, 0}}};
    M3 r = m_mul(rz, rx), acc4 = r;
    CHECK(m_det(r) == 1);
    int order = 1;
    while (order < 10) {
        int ident = 1;
        for (int i = 0; i < 3; i++) {
            V3 e = {i == 0, i == 1, i == 2};
            if (memcmp(&acc4.row[i], &e, sizeof e) != 0) ident = 0;
        }
        if (ident) break;
        acc4 = m_mul(acc4, r);
        order++;
    }
    CHECK(order == 3); /* composition of two quarter turns about perpendicular axes has order 3 */
    V3 v = {3, -5, 7}, w = m_apply(r, v);
    CHECK(v_dot(w, w) == v_dot(v, v));
    V3 c = v_cross(v, w);
    CHECK(v_dot(c, v) == 0 && v_dot(c, w) == 0);

    Mixed m;
    memset(&m, 0, sizeof m);
    memcpy(m.tag, "wxyz", 5);
    m.d = 100.0;
    for (int k = 0; k < 500; k++) m = mixed_update(m, k);
    CHECK(m.small == (unsigned char)(499 * 500 / 2));
    CHECK(m.s == (short)-(499 * 500 / 2));
    CHECK(m.v.x == 124750 && m.v.y == -124750);
    int zx = 0;
    for (int k = 0; k < 500; k++) zx ^= k;
    CHECK(m.v.z == zx);
    CHECK(m.d == 996.0);
    Mixed *heap = malloc(sizeof *heap);
    *heap = m;
    CHECK(memcmp(heap->tag, m.tag, 5) == 0 && heap->v.z == m.v.z);
    free(heap);
    printf("acc=%ld/%ld prod=%ld/%ld w=(%d,%d,%d) tag=%s\n", acc.num, acc.den, prod.num, prod.den, w.x, w.y, w.z, m.tag);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
