/* Exercises: iterative number-theoretic transform (bit reversal, butterflies, roots of unity mod 998244353) vs naive convolution. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define MOD 998244353u
#define G 3u

static uint32_t mul(uint32_t a, uint32_t b) { return (uint32_t)((uint64_t)a * b % MOD); }
static uint32_t pw(uint32_t a, uint32_t e) { uint32_t r = 1; while (e) { if (e & 1) r = mul(r, a); a = mul(a, a); e >>= 1; } return r; }

static void ntt(uint32_t *a, int n, int invert)
{
    for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; j & bit; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) { uint32_t t = a[i]; a[i] = a[j]; a[j] = t; }
    }
    for (int len = 2; len <= n; len <<= 1) {
        uint32_t w = pw(G, (MOD - 1) / (uint32_t)len);
        if (invert) w = pw(w, MOD - 2);
        for (int i = 0; i < n; i += len) {
            uint32_t wn = 1;
            for (int j = 0; j < len / 2; j++) {
                uint32_t u = a[i + j], v = mul(a[i + j + len / 2], wn);
                a[i + j] = u + v >= MOD ? u + v - MOD : u + v;
                a[i + j + len / 2] = u >= v ? u - v : u + MOD - v;
                wn = mul(wn, w);
            }
        }
    }
    if (invert) {
        uint32_t ninv = pw((uint32_t)n, MOD - 2);
        for (int i = 0; i < n; i++) a[i] = mul(a[i], ninv);
    }
}

static void naive(const uint32_t *a, int na, const uint32_t *b, int nb, uint32_t *r)
{
    memset(r, 0, sizeof(uint32_t) * (size_t)(na + nb - 1));
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++) { r[i + j] += mul(a[i], b[j]); if (r[i + j] >= MOD) r[i + j] -= MOD; }
}

static uint32_t A[1024], B[1024], FA[1024], FB[1024], R1[1024], R2[1024];

int main(void)
{
    CHECK(pw(G, MOD - 1) == 1);
    CHECK(pw(G, (MOD - 1) / 2) == MOD - 1); /* 3 is a primitive root */
    uint32_t s = 11;
    int bad = 0;
    uint32_t digest = 0;
    for (int na = 1; na <= 300; na += 47) {
        int nb = 301 - na;
        for (int i = 0; i < na; i++) { s = s * 1664525u + 1013904223u; A[i] = s % MOD; }
        for (int i = 0; i < nb; i++) { s = s * 1664525u + 1013904223u; B[i] = s % MOD; }
        int n = 1;
        while (n < na + nb - 1) n <<= 1;
        memset(FA, 0, sizeof FA); memset(FB, 0, sizeof FB);
        memcpy(FA, A, sizeof(uint32_t) * (size_t)na);
        memcpy(FB, B, sizeof(uint32_t) * (size_t)nb);
        ntt(FA, n, 0); ntt(FB, n, 0);
        for (int i = 0; i < n; i++) FA[i] = mul(FA[i], FB[i]);
        ntt(FA, n, 1);
        naive(A, na, B, nb, R1);
        if (memcmp(FA, R1, sizeof(uint32_t) * (size_t)(na + nb - 1))) bad++;
        for (int i = na + nb - 1; i < n; i++) if (FA[i]) bad++;
        for (int i = 0; i < na + nb - 1; i++) digest = digest * 31 + R1[i];
    }
    CHECK(bad == 0);

    /* forward then inverse is identity */
    for (int i = 0; i < 1024; i++) R2[i] = (uint32_t)(i * i * 7 + 3) % MOD;
    memcpy(FA, R2, sizeof R2);
    ntt(FA, 1024, 0);
    ntt(FA, 1024, 1);
    CHECK(memcmp(FA, R2, sizeof R2) == 0);

    /* transform of a delta is all ones; transform of all ones is n*delta */
    memset(FA, 0, sizeof FA); FA[0] = 1;
    ntt(FA, 256, 0);
    int ones = 1;
    for (int i = 0; i < 256; i++) if (FA[i] != 1) ones = 0;
    CHECK(ones);
    for (int i = 0; i < 256; i++) FA[i] = 1;
    ntt(FA, 256, 0);
    CHECK(FA[0] == 256);
    for (int i = 1; i < 256; i++) if (FA[i]) bad++;
    CHECK(bad == 0);

    /* big-number multiply via NTT on decimal digits: 99999...9 (200 nines) squared */
    memset(FA, 0, sizeof FA);
    for (int i = 0; i < 200; i++) FA[i] = 9;
    memcpy(FB, FA, sizeof FA);
    ntt(FA, 512, 0); ntt(FB, 512, 0);
    for (int i = 0; i < 512; i++) FA[i] = mul(FA[i], FB[i]);
    ntt(FA, 512, 1);
    uint64_t carry = 0;
    char digits[512];
    int nd = 0;
    for (int i = 0; i < 512; i++) { uint64_t v = FA[i] + carry; digits[nd++] = (char)('0' + v % 10); carry = v / 10; }
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    /* (10^200-1)^2 = 10^400 - 2*10^200 + 1 = 99..9 8 00..0 1 */
    CHECK(nd == 400);
    CHECK(digits[0] == '1' && digits[199] == '0' && digits[200] == '8' && digits[399] == '9');
    int nines = 0, zeros = 0;
    for (int i = 201; i < 400; i++) nines += digits[i] == '9';
    for (int i = 1; i < 200; i++) zeros += digits[i] == '0';
    CHECK(nines == 199 && zeros == 199);
    printf("digest=%08X digits=%d\n", (unsigned)digest, nd);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
