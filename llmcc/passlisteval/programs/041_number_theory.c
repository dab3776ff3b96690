/* Exercises: Euclid and binary GCD, extended Euclid, modular exponentiation, deterministic Miller-Rabin vs sieve, Euler phi. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static uint64_t gcd_euclid(uint64_t a, uint64_t b) { while (b) { uint64_t t = a % b; a = b; b = t; } return a; }
static uint64_t gcd_binary(uint64_t a, uint64_t b)
{
    if (!a) return b;
    if (!b) return a;
    int shift = __builtin_ctzll(a | b);
    a >>= __builtin_ctzll(a);
    do {
        b >>= __builtin_ctzll(b);
        if (a > b) { uint64_t t = a; a = b; b = t; }
        b -= a;
    } while (b);
    return a << shift;
}
static uint64_t gcd_rec(uint64_t a, uint64_t b) { return b ? gcd_rec(b, a % b) : a; }

static int64_t ext_gcd(int64_t a, int64_t b, int64_t *x, int64_t *y)
{
    if (b == 0) { *x = 1; *y = 0; return a; }
    int64_t x1, y1, g = ext_gcd(b, a % b, &x1, &y1);
    *x = y1;
    *y = x1 - (a / b) * y1;
    return g;
}

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
    /* overflow-free double-and-add */
    uint64_t r = 0;
    a %= m;
    while (b) {
        if (b & 1) { r = r >= m - a ? r - (m - a) : r + a; }
        a = a >= m - a ? a - (m - a) : a + a;
        b >>= 1;
    }
    return r;
}
static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m)
{
    uint64_t r = 1 % m;
    b %= m;
    while (e) { if (e & 1) r = mulmod(r, b, m); b = mulmod(b, b, m); e >>= 1; }
    return r;
}
static uint32_t powmod32(uint32_t b, uint32_t e, uint32_t m)
{
    uint64_t r = 1 % m, x = b % m;
    while (e) { if (e & 1) r = r * x % m; x = x * x % m; e >>= 1; }
    return (uint32_t)r;
}

static int mr32(uint32_t n)
{
    if (n < 2) return 0;
    static const uint32_t small[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    for (int i = 0; i < 12; i++) { if (n == small[i]) return 1; if (n % small[i] == 0) return 0; }
    uint32_t d = n - 1; int s = 0;
    while (!(d & 1)) { d >>= 1; s++; }
    static const uint32_t bases[] = {2, 7, 61};
    for (int i = 0; i < 3; i++) {
        if (bases[i] % n == 0) continue;
        uint64_t x = powmod32(bases[i], d, n);
        if (x == 1 || x == n - 1) continue;
        int comp = 1;
        for (int r = 1; r < s; r++) { x = x * x % n; if (x == n - 1) { comp = 0; break; } }
        if (comp) return 0;
    }
    return 1;
}

static int mr64(uint64_t n)
{
    if (n < 2) return 0;
    static const uint64_t bases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    for (int i = 0; i < 12; i++) { if (n == bases[i]) return 1; if (n % bases[i] == 0) return 0; }
    uint64_t d = n - 1; int s = 0;
    while (!(d & 1)) { d >>= 1; s++; }
    for (int i = 0; i < 12; i++) {
        uint64_t x = powmod(bases[i], d, n);
        if (x == 1 || x == n - 1) continue;
        int comp = 1;
        for (int r = 1; r < s; r++) { x = mulmod(x, x, n); if (x == n - 1) { comp = 0; break; } }
        if (comp) return 0;
    }
    return 1;
}

#define LIM 60000
static unsigned char comp[LIM];
static int phi[LIM];

int main(void)
{
    uint64_t x = 0x2545F4914F6CDD1Dull;
    int bad = 0;
    for (int i = 0; i < 5000; i++) {
        x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
        uint64_t a = (x * 0x2545F4914F6CDD1Dull) >> (i % 50), b = x >> (i % 37);
        uint64_t g = gcd_euclid(a, b);
        if (g != gcd_binary(a, b) || g != gcd_rec(a, b)) bad++;
        if (g && (a % g || b % g)) bad++;
        int64_t sa = (int64_t)(a >> 34), sb = (int64_t)(b >> 34) + 1, u, v;
        int64_t eg = ext_gcd(sa, sb, &u, &v);
        if (sa * u + sb * v != eg || (uint64_t)eg != gcd_euclid((uint64_t)sa, (uint64_t)sb)) bad++;
    }
    CHECK(bad == 0);

    for (int i = 2; i < LIM; i++) phi[i] = i;
    for (int i = 2; i < LIM; i++) {
        if (comp[i]) continue;
        for (int j = i; j < LIM; j += i) { if (j > i) comp[j] = 1; phi[j] -= phi[j] / i; }
    }
    int primes = 0;
    for (uint32_t n = 0; n < LIM; n++) {
        int p = n >= 2 && !comp[n];
        primes += p;
        if (mr32(n) != p) bad++;
    }
    CHECK(bad == 0 && primes == 6057);
    /* Euler's theorem a^phi(n) = 1 mod n for gcd(a,n)=1 */
    for (uint32_t n = 2; n < 3000; n += 7)
        for (uint32_t a = 2; a < 40; a += 5)
            if (gcd_euclid(a, n) == 1 && powmod32(a, (uint32_t)phi[n], n) != 1) bad++;
    CHECK(bad == 0);
    long phisum = 0;
    for (int i = 1; i <= 1000; i++) phisum += i == 1 ? 1 : phi[i];
    CHECK(phisum == 304192);

    CHECK(mr64(2305843009213693951ull));          /* 2^61 - 1 */
    CHECK(mr64(18446744073709551557ull));         /* largest 64-bit prime */
    CHECK(!mr64(18446744073709551557ull - 2));
    CHECK(!mr64(3215031751ull) && !mr64(4759123141ull * 1ull)); /* strong pseudoprimes to small bases */
    CHECK(mr64(4294967291ull) && mr32(4294967291u));
    CHECK(powmod(3, 1000000, 1000000007ull) == powmod32(3, 1000000, 1000000007u));
    CHECK(mulmod(18446744073709551615ull, 18446744073709551615ull, 18446744073709551557ull) == 3364);
    printf("primes<%d=%d phisum=%ld pow=%llu\n", LIM, primes, phisum, (unsigned long long)powmod(3, 1000000, 1000000007ull));
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
