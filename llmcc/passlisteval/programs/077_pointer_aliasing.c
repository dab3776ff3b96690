/* Exercises: functions whose pointer arguments may alias (in-place updates, overlapping windows), restrict-qualified variants on disjoint data, char-based access. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

/* may alias: dst can equal a or b */
static __attribute__((noinline)) void vec_add(int *dst, const int *a, const int *b, int n)
{
    for (int i = 0; i < n; i++) dst[i] = a[i] + b[i];
}
static __attribute__((noinline)) void vec_add_restrict(int *restrict dst, const int *restrict a, const int *restrict b, int n)
{
    for (int i = 0; i < n; i++) dst[i] = a[i] + b[i];
}

/* x and y may point to the same int: the result must reflect the aliasing */
static __attribute__((noinline)) int alias_probe(int *x, int *y)
{
    *x = 1;
    *y = 2;
    return *x; /* 2 if x == y, otherwise 1 */
}

static __attribute__((noinline)) long alias_probe_long(long *p, int *q)
{
    *p = 100;
    *q = 7; /* different types: cannot alias the long */
    return *p;
}

/* prefix sum in place: out may equal in */
static __attribute__((noinline)) void prefix_sum(long *out, const long *in, int n)
{
    long acc = 0;
    for (int i = 0; i < n; i++) { acc += in[i]; out[i] = acc; }
}

/* shifting window: dst = src + 1 overlapping (forward dependence) */
static __attribute__((noinline)) void smear(int *dst, const int *src, int n)
{
    for (int i = 0; i < n; i++) dst[i] = src[i] * 2 + 1;
}

/* byte-wise view of an int array through unsigned char* is always allowed */
static uint32_t byte_checksum(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint32_t s = 0;
    for (size_t i = 0; i < n; i++) s = s * 257 + b[i];
    return s;
}

struct Pair { int a, b; };
static __attribute__((noinline)) void swap_fields(struct Pair *p, int *field)
{
    /* field may point into *p */
    int t = p->a;
    p->a = p->b;
    p->b = t;
    *field += 10;
}

int main(void)
{
    int a[64], b[64], c[64], ref[64];
    for (int i = 0; i < 64; i++) { a[i] = i * 3; b[i] = 100 - i; }
    vec_add(c, a, b, 64);
    vec_add_restrict(ref, a, b, 64);
    CHECK(memcmp(c, ref, sizeof c) == 0);
    /* dst aliases a: a += b */
    memcpy(c, a, sizeof a);
    vec_add(c, c, b, 64);
    CHECK(memcmp(c, ref, sizeof c) == 0);
    /* dst aliases both: a = 2a */
    memcpy(c, a, sizeof a);
    vec_add(c, c, c, 64);
    for (int i = 0; i < 64; i++) CHECK(c[i] == 6 * i);
    /* overlapping, shifted by one: c[i] = c[i-1]+... forward dependence produces a running pattern */
    for (int i = 0; i < 64; i++) c[i] = 1;
    vec_add(c + 1, c, c, 24);
    for (int i = 0; i <= 24; i++) CHECK(c[i] == 1 << i);
    for (int i = 25; i < 64; i++) CHECK(c[i] == 1);

    int x = 0, y = 0;
    CHECK(alias_probe(&x, &y) == 1);
    CHECK(alias_probe(&x, &x) == 2);
    long L = 0;
    int q = 0;
    CHECK(alias_probe_long(&L, &q) == 100 && q == 7);

    long v[100], w[100];
    for (int i = 0; i < 100; i++) v[i] = w[i] = i % 7 - 3;
    prefix_sum(w, w, 100);
    long acc = 0;
    for (int i = 0; i < 100; i++) { acc += v[i]; CHECK(w[i] == acc); }

    int s[65];
    for (int i = 0; i < 65; i++) s[i] = i;
    smear(s + 1, s, 24); /* s[i+1] = s[i]*2+1 sequentially => 2^i - 1 pattern from s[0]=0 */
    for (int i = 0; i <= 24; i++) CHECK(s[i] == (1 << i) - 1);
    for (int i = 25; i < 65; i++) CHECK(s[i] == i);

    struct Pair p = {5, 9};
    swap_fields(&p, &p.a);
    CHECK(p.a == 19 && p.b == 5);
    swap_fields(&p, &x);
    CHECK(p.a == 5 && p.b == 19 && x == 12);

    uint32_t ck = byte_checksum(a, sizeof a);
    int a2[64];
    memcpy(a2, a, sizeof a);
    CHECK(byte_checksum(a2, sizeof a2) == ck);
    printf("ck=%08X w99=%ld s19=%d\n", (unsigned)ck, w[99], s[19]);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
