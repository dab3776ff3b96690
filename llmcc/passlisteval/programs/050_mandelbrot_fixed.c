/* Exercises: Mandelbrot/Julia escape-time iteration in 64-bit fixed point (Q4.28) with conjugate symmetry and known-point checks. */
#include <stdio.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define FRAC 28
#define ONE ((int64_t)1 << FRAC)
#define MAXIT 200

static inline int64_t fmul(int64_t a, int64_t b) { return (a * b) / ONE; } /* |a|,|b| < 2^33 keeps product in range */

static int escape(int64_t cr, int64_t ci, int64_t zr, int64_t zi)
{
    for (int i = 0; i < MAXIT; i++) {
        int64_t r2 = fmul(zr, zr), i2 = fmul(zi, zi);
        if (r2 + i2 > 4 * ONE) return i;
        int64_t t = r2 - i2 + cr;
        zi = 2 * fmul(zr, zi) + ci;
        zr = t;
    }
    return MAXIT;
}

static int escape_double(double cr, double ci)
{
    double zr = 0, zi = 0;
    for (int i = 0; i < MAXIT; i++) {
        double r2 = zr * zr, i2 = zi * zi;
        if (r2 + i2 > 4.0) return i;
        double t = r2 - i2 + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
    }
    return MAXIT;
}

int main(void)
{
    enum { WD = 72, HT = 33 };
    static int img[HT][WD];
    long total = 0, inside = 0;
    int sym_bad = 0;
    for (int y = 0; y < HT; y++)
        for (int x = 0; x < WD; x++) {
            int64_t cr = -2 * ONE + (int64_t)x * (3 * ONE / (WD - 1)) ;
            int64_t ci = -ONE + (int64_t)y * (2 * ONE / (HT - 1));
            img[y][x] = escape(cr, ci, 0, 0);
            total += img[y][x];
            inside += img[y][x] == MAXIT;
        }
    /* conjugate symmetry: rows y and HT-1-y have the same imaginary magnitude */
    for (int y = 0; y < HT; y++)
        for (int x = 0; x < WD; x++) {
            int64_t cr = -2 * ONE + (int64_t)x * (3 * ONE / (WD - 1));
            int64_t ci = -ONE + (int64_t)y * (2 * ONE / (HT - 1));
            if (escape(cr, ci, 0, 0) != escape(cr, -ci, 0, 0)) sym_bad++;
        }
    CHECK(sym_bad == 0);
    CHECK(escape(0, 0, 0, 0) == MAXIT);
    CHECK(escape(-ONE, 0, 0, 0) == MAXIT);          /* period-2 cycle */
    CHECK(escape(-2 * ONE, 0, 0, 0) == MAXIT);      /* tip of the set */
    CHECK(escape(ONE, 0, 0, 0) == 3);               /* 0,1,2,5 */
    CHECK(escape(0, ONE, 0, 0) == MAXIT);           /* i is preperiodic */
    CHECK(escape(ONE / 4 + ONE / 100, 0, 0, 0) < MAXIT);
    CHECK(escape(2 * ONE, 2 * ONE, 0, 0) == 1);

    /* fixed point agrees with double away from the boundary (points with small escape count) */
    int agree = 0, tested = 0;
    for (int y = 0; y < HT; y += 2)
        for (int x = 0; x < WD; x += 3) {
            if (img[y][x] >= 12) continue;
            double cr = (-2 * ONE + (int64_t)x * (3 * ONE / (WD - 1))) / (double)ONE;
            double ci = (-ONE + (int64_t)y * (2 * ONE / (HT - 1))) / (double)ONE;
            tested++;
            agree += escape_double(cr, ci) == img[y][x];
        }
    CHECK(agree * 10 >= tested * 9);

    /* Julia set for c = -0.8 + 0.156i: 180 degree rotational symmetry z -> -z */
    int64_t jr = -ONE * 8 / 10, ji = ONE * 156 / 1000;
    int rot_bad = 0;
    long jtotal = 0;
    for (int y = -12; y <= 12; y++)
        for (int x = -30; x <= 30; x++) {
            int64_t zr = (int64_t)x * (ONE / 20), zi = (int64_t)y * (ONE / 10);
            int a = escape(jr, ji, zr, zi), b = escape(jr, ji, -zr, -zi);
            if (a != b) rot_bad++;
            jtotal += a;
        }
    CHECK(rot_bad == 0);

    char row[WD + 1];
    for (int x = 0; x < WD; x++) row[x] = " .:-=+*#%@"[img[HT / 2][x] >= MAXIT ? 9 : img[HT / 2][x] % 9];
    row[WD] = 0;
    printf("total=%ld inside=%ld julia=%ld\n", total, inside, jtotal);
    printf("[%s]\n", row);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
