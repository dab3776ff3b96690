/* Exercises: a dynamic bitset over uint64_t words (set/test/shift/and/or/rank/select), checked against a byte-per-bit reference. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct { size_t nbits, nwords; uint64_t *w; } Bits;

static Bits bs_new(size_t n) { Bits b = {n, (n + 63) / 64, NULL}; b.w = calloc(b.nwords, 8); return b; }
static void bs_free(Bits *b) { free(b->w); }
static inline void bs_set(Bits *b, size_t i) { b->w[i >> 6] |= 1ull << (i & 63); }
static inline void bs_clear(Bits *b, size_t i) { b->w[i >> 6] &= ~(1ull << (i & 63)); }
static inline int bs_test(const Bits *b, size_t i) { return (int)(b->w[i >> 6] >> (i & 63) & 1); }
static void bs_trim(Bits *b) { if (b->nbits & 63) b->w[b->nwords - 1] &= (1ull << (b->nbits & 63)) - 1; }
static size_t bs_count(const Bits *b) { size_t c = 0; for (size_t i = 0; i < b->nwords; i++) c += (size_t)__builtin_popcountll(b->w[i]); return c; }

static void bs_shl(Bits *b, size_t s)
{
    size_t ws = s / 64, bsft = s % 64;
    for (size_t i = b->nwords; i-- > 0;) {
        uint64_t v = 0;
        if (i >= ws) {
            v = b->w[i - ws] << bsft;
            if (bsft && i >= ws + 1) v |= b->w[i - ws - 1] >> (64 - bsft);
        }
        b->w[i] = v;
    }
    bs_trim(b);
}
static void bs_shr(Bits *b, size_t s)
{
    size_t ws = s / 64, bsft = s % 64;
    for (size_t i = 0; i < b->nwords; i++) {
        uint64_t v = 0;
        if (i + ws < b->nwords) {
            v = b->w[i + ws] >> bsft;
            if (bsft && i + ws + 1 < b->nwords) v |= b->w[i + ws + 1] << (64 - bsft);
        }
        b->w[i] = v;
    }
}
static size_t bs_rank(const Bits *b, size_t i) /* number of set bits < i */
{
    size_t c = 0;
    for (size_t k = 0; k < i / 64; k++) c += (size_t)__builtin_popcountll(b->w[k]);
    if (i & 63) c += (size_t)__builtin_popcountll(b->w[i / 64] & ((1ull << (i & 63)) - 1));
    return c;
}
static long bs_select(const Bits *b, size_t k) /* position of k-th set bit (0-based) */
{
    for (size_t i = 0; i < b->nwords; i++) {
        size_t c = (size_t)__builtin_popcountll(b->w[i]);
        if (k < c) {
            uint64_t w = b->w[i];
            for (size_t j = 0; j < k; j++) w &= w - 1;
            return (long)(i * 64 + (size_t)__builtin_ctzll(w));
        }
        k -= c;
    }
    return -1;
}
static long bs_next(const Bits *b, size_t from)
{
    if (from >= b->nbits) return -1;
    size_t i = from / 64;
    uint64_t w = b->w[i] & (~0ull << (from & 63));
    while (!w) { if (++i == b->nwords) return -1; w = b->w[i]; }
    return (long)(i * 64 + (size_t)__builtin_ctzll(w));
}

#define N 3001

int main(void)
{
    Bits a = bs_new(N), b = bs_new(N);
    static unsigned char ra[N], rb[N], tmp[N];
    uint32_t x = 17;
    for (int i = 0; i < 2500; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        size_t p = x % N;
        if (x & 0x80000000u) { bs_set(&a, p); ra[p] = 1; } else { bs_set(&b, p); rb[p] = 1; }
        if ((x & 0x7000) == 0) { bs_clear(&a, p); ra[p] = 0; }
    }
    int bad = 0;
    for (size_t i = 0; i < N; i++) if (bs_test(&a, i) != ra[i] || bs_test(&b, i) != rb[i]) bad++;
    CHECK(bad == 0);
    size_t ca = 0;
    for (size_t i = 0; i < N; i++) ca += ra[i];
    CHECK(bs_count(&a) == ca);
    /* rank/select are inverse */
    for (size_t k = 0; k < ca; k += 13) {
        long pos = bs_select(&a, k);
        if (pos < 0 || bs_rank(&a, (size_t)pos) != k || !ra[pos]) bad++;
    }
    CHECK(bs_select(&a, ca) == -1);
    /* iteration with next */
    size_t it = 0;
    for (long p = bs_next(&a, 0); p >= 0; p = bs_next(&a, (size_t)p + 1)) { if (!ra[p]) bad++; it++; }
    CHECK(it == ca);
    /* shifts against reference */
    static const size_t shifts[] = {0, 1, 63, 64, 65, 127, 500, 2999, 3000, 3001};
    for (int t = 0; t < 10; t++) {
        Bits c = bs_new(N);
        memcpy(c.w, a.w, a.nwords * 8);
        bs_shl(&c, shifts[t]);
        memset(tmp, 0, sizeof tmp);
        for (size_t i = 0; i + shifts[t] < N; i++) tmp[i + shifts[t]] = ra[i];
        for (size_t i = 0; i < N; i++) if (bs_test(&c, i) != tmp[i]) bad++;
        memcpy(c.w, a.w, a.nwords * 8);
        bs_shr(&c, shifts[t]);
        memset(tmp, 0, sizeof tmp);
        for (size_t i = shifts[t]; i < N; i++) tmp[i - shifts[t]] = ra[i];
        for (size_t i = 0; i < N; i++) if (bs_test(&c, i) != tmp[i]) bad++;
        bs_free(&c);
    }
    CHECK(bad == 0);
    /* boolean algebra */
    size_t cand = 0, cor = 0, cxor = 0;
    for (size_t i = 0; i < a.nwords; i++) {
        cand += (size_t)__builtin_popcountll(a.w[i] & b.w[i]);
        cor += (size_t)__builtin_popcountll(a.w[i] | b.w[i]);
        cxor += (size_t)__builtin_popcountll(a.w[i] ^ b.w[i]);
    }
    size_t rand_ = 0, ror = 0;
    for (size_t i = 0; i < N; i++) { rand_ += ra[i] & rb[i]; ror += ra[i] | rb[i]; }
    CHECK(cand == rand_ && cor == ror && cxor == cor - cand);
    CHECK(bs_count(&a) + bs_count(&b) == cor + cand);

    /* sieve of Eratosthenes on odd numbers in a bitset */
    Bits sv = bs_new(50000);
    for (size_t i = 3; i * i < 100000; i += 2)
        if (!bs_test(&sv, i / 2))
            for (size_t j = i * i; j < 100000; j += 2 * i) bs_set(&sv, j / 2);
    size_t primes = 1; /* 2 */
    for (size_t i = 1; i < 50000; i++) primes += !bs_test(&sv, i);
    CHECK(primes == 9592);
    printf("ca=%zu and=%zu or=%zu primes=%zu\n", ca, cand, cor, primes);
    bs_free(&a); bs_free(&b); bs_free(&sv);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
