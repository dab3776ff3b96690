/* Exercises: Conway's Life on a torus with byte grids and with packed 64-bit rows (bit-parallel adders), oscillators and gliders. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define H 64
#define W 64

static unsigned char A[H][W], B[H][W];
static uint64_t PA[H], PB[H];

static void step_bytes(unsigned char (*src)[W], unsigned char (*dst)[W])
{
    for (int y = 0; y < H; y++) {
        const unsigned char *up = src[(y + H - 1) % H], *mid = src[y], *dn = src[(y + 1) % H];
        for (int x = 0; x < W; x++) {
            int l = (x + W - 1) % W, r = (x + 1) % W;
            int n = up[l] + up[x] + up[r] + mid[l] + mid[r] + dn[l] + dn[x] + dn[r];
            dst[y][x] = (unsigned char)(n == 3 || (n == 2 && mid[x]));
        }
    }
}

static inline uint64_t rol1(uint64_t v) { return v << 1 | v >> 63; }
static inline uint64_t ror1(uint64_t v) { return v >> 1 | v << 63; }

/* bit-parallel: count neighbours with a carry-save adder network */
static void step_bits(const uint64_t *src, uint64_t *dst)
{
    for (int y = 0; y < H; y++) {
        uint64_t up = src[(y + H - 1) % H], mid = src[y], dn = src[(y + 1) % H];
        uint64_t n[8] = {rol1(up), up, ror1(up), rol1(mid), ror1(mid), rol1(dn), dn, ror1(dn)};
        uint64_t s0 = 0, s1 = 0, s2 = 0; /* 3-bit counter per lane, saturating at 7 irrelevant for 8 inputs: track bit 3 */
        uint64_t s3 = 0;
        for (int i = 0; i < 8; i++) {
            uint64_t c0 = s0 & n[i];
            s0 ^= n[i];
            uint64_t c1 = s1 & c0;
            s1 ^= c0;
            uint64_t c2 = s2 & c1;
            s2 ^= c1;
            s3 |= c2;
        }
        /* alive next iff count == 3, or count == 2 and alive */
        uint64_t eq2 = ~s0 & s1 & ~s2 & ~s3, eq3 = s0 & s1 & ~s2 & ~s3;
        dst[y] = eq3 | (eq2 & mid);
    }
}

static void to_bits(unsigned char (*g)[W], uint64_t *p)
{
    for (int y = 0; y < H; y++) { p[y] = 0; for (int x = 0; x < W; x++) p[y] |= (uint64_t)g[y][x] << x; }
}

static int population(unsigned char (*g)[W]) { int n = 0; for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) n += g[y][x]; return n; }

int main(void)
{
    /* glider: after 4 generations it moves by (1,1) */
    memset(A, 0, sizeof A);
    A[1][2] = A[2][3] = A[3][1] = A[3][2] = A[3][3] = 1;
    for (int g = 0; g < 32; g++) { step_bytes(A, B); memcpy(A, B, sizeof A); }
    /* after 32 generations it has moved 8 cells diagonally */
    CHECK(A[9][10] && A[10][11] && A[11][9] && A[11][10] && A[11][11] && population(A) == 5);
    /* the packed version wraps it around the torus: 4*W generations */
    to_bits(A, PA);
    for (int g = 0; g < 4 * W; g++) { step_bits(PA, PB); memcpy(PA, PB, sizeof PA); }
    CHECK(PA[9] == 1ull << 10 && PA[10] == 1ull << 11 && PA[11] == 7ull << 9 && PA[12] == 0);

    /* blinker has period 2, block is still life */
    memset(A, 0, sizeof A);
    A[10][10] = A[10][11] = A[10][12] = 1;
    A[30][30] = A[30][31] = A[31][30] = A[31][31] = 1;
    step_bytes(A, B);
    CHECK(B[9][11] && B[10][11] && B[11][11] && !B[10][10] && B[30][30] && population(B) == 7);
    step_bytes(B, A);
    CHECK(A[10][10] && A[10][12] && !A[9][11]);

    /* random soup: byte and bit implementations agree for many generations */
    uint32_t s = 2718281u;
    for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; A[y][x] = (s >> 7) % 3 == 0; }
    to_bits(A, PA);
    int bad = 0, pops[40];
    for (int g = 0; g < 40; g++) {
        step_bytes(A, B); memcpy(A, B, sizeof A);
        step_bits(PA, PB); memcpy(PA, PB, sizeof PA);
        uint64_t chk[H];
        to_bits(A, chk);
        if (memcmp(chk, PA, sizeof chk)) bad++;
        pops[g] = population(A);
    }
    CHECK(bad == 0);
    /* continue the bit version longer and hash */
    uint64_t h = 0;
    for (int g = 0; g < 300; g++) { step_bits(PA, PB); memcpy(PA, PB, sizeof PA); }
    int popbits = 0;
    for (int y = 0; y < H; y++) { h = h * 0x100000001B3ull ^ PA[y]; popbits += __builtin_popcountll(PA[y]); }
    printf("pop0=%d pop39=%d pop340=%d hash=%016llX\n", pops[0], pops[39], popbits, (unsigned long long)h);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
