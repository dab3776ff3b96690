/* Exercises: arbitrary-precision unsigned integers in base 2^32: add/sub/mul/shift, Knuth-style long division, decimal I/O, GCD. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define MAXW 64
typedef struct { int n; uint32_t w[MAXW]; } Big; /* little-endian words, n = used */

static void trim(Big *a) { while (a->n > 0 && a->w[a->n - 1] == 0) a->n--; }
static Big from_u64(uint64_t v) { Big r; memset(&r, 0, sizeof r); r.w[0] = (uint32_t)v; r.w[1] = (uint32_t)(v >> 32); r.n = 2; trim(&r); return r; }
static int cmp(const Big *a, const Big *b)
{
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--) if (a->w[i] != b->w[i]) return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}
static Big add(const Big *a, const Big *b)
{
    Big r; memset(&r, 0, sizeof r);
    int n = a->n > b->n ? a->n : b->n;
    uint64_t c = 0;
    for (int i = 0; i < n; i++) { c += (uint64_t)(i < a->n ? a->w[i] : 0) + (i < b->n ? b->w[i] : 0); r.w[i] = (uint32_t)c; c >>= 32; }
    r.n = n;
    if (c) r.w[r.n++] = (uint32_t)c;
    return r;
}
static Big sub(const Big *a, const Big *b) /* requires a >= b */
{
    Big r; memset(&r, 0, sizeof r);
    int64_t br = 0;
    for (int i = 0; i < a->n; i++) {
        int64_t d = (int64_t)a->w[i] - (i < b->n ? b->w[i] : 0) - br;
        br = d < 0;
        r.w[i] = (uint32_t)(d + (br ? ((int64_t)1 << 32) : 0));
    }
    r.n = a->n; trim(&r);
    return r;
}
static Big mul(const Big *a, const Big *b)
{
    Big r; memset(&r, 0, sizeof r);
    for (int i = 0; i < a->n; i++) {
        uint64_t c = 0;
        for (int j = 0; j < b->n; j++) {
            c += (uint64_t)a->w[i] * b->w[j] + r.w[i + j];
            r.w[i + j] = (uint32_t)c; c >>= 32;
        }
        r.w[i + b->n] = (uint32_t)c;
    }
    r.n = a->n + b->n; trim(&r);
    return r;
}
static uint32_t divmod_small(Big *a, uint32_t d)
{
    uint64_t rem = 0;
    for (int i = a->n - 1; i >= 0; i--) { uint64_t cur = rem << 32 | a->w[i]; a->w[i] = (uint32_t)(cur / d); rem = cur % d; }
    trim(a);
    return (uint32_t)rem;
}
static Big shl_bits(const Big *a, int s) /* 0 <= s < 32 */
{
    Big r; memset(&r, 0, sizeof r);
    if (!s) return *a;
    uint32_t carry = 0;
    for (int i = 0; i < a->n; i++) { r.w[i] = a->w[i] << s | carry; carry = a->w[i] >> (32 - s); }
    r.n = a->n;
    if (carry) r.w[r.n++] = carry;
    return r;
}
/* Knuth algorithm D */
static void divmod(const Big *u0, const Big *v0, Big *q, Big *r)
{
    memset(q, 0, sizeof *q);
    if (cmp(u0, v0) < 0) { *r = *u0; return; }
    if (v0->n == 1) { *q = *u0; uint32_t rem = divmod_small(q, v0->w[0]); *r = from_u64(rem); return; }
    int s = __builtin_clz(v0->w[v0->n - 1]);
    Big v = shl_bits(v0, s), u = shl_bits(u0, s);
    if (u.n == u0->n) u.w[u.n++] = 0;
    int n = v.n, m = u.n - n;
    for (int j = m - 1; j >= 0; j--) {
        uint64_t num = (uint64_t)u.w[j + n] << 32 | u.w[j + n - 1];
        uint64_t qhat = num / v.w[n - 1], rhat = num % v.w[n - 1];
        while (qhat >> 32 || qhat * v.w[n - 2] > (rhat << 32 | u.w[j + n - 2])) {
            qhat--; rhat += v.w[n - 1];
            if (rhat >> 32) break;
        }
        int64_t borrow = 0;
        uint64_t carry = 0;
        for (int i = 0; i < n; i++) {
            uint64_t p = qhat * v.w[i] + carry;
            carry = p >> 32;
            int64_t t = (int64_t)u.w[i + j] - borrow - (int64_t)(uint32_t)p;
            u.w[i + j] = (uint32_t)t;
            borrow = t < 0;
        }
        int64_t t = (int64_t)u.w[j + n] - borrow - (int64_t)carry;
        u.w[j + n] = (uint32_t)t;
        if (t < 0) {
            qhat--;
            uint64_t c = 0;
            for (int i = 0; i < n; i++) { c += (uint64_t)u.w[i + j] + v.w[i]; u.w[i + j] = (uint32_t)c; c >>= 32; }
            u.w[j + n] += (uint32_t)c;
        }
        q->w[j] = (uint32_t)qhat;
    }
    q->n = m; trim(q);
    /* unnormalize remainder */
    memset(r, 0, sizeof *r);
    for (int i = 0; i < n; i++) r->w[i] = s ? (u.w[i] >> s | u.w[i + 1] << (32 - s)) : u.w[i];
    r->n = n; trim(r);
}

static int to_dec(Big a, char *out)
{
    char tmp[700];
    int n = 0;
    if (a.n == 0) { strcpy(out, "0"); return 1; }
    while (a.n) { uint32_t rem = divmod_small(&a, 1000000000u); for (int k = 0; k < 9; k++) { tmp[n++] = (char)('0' + rem % 10); rem /= 10; } }
    while (n > 1 && tmp[n - 1] == '0') n--;
    for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = 0;
    return n;
}

static Big from_dec(const char *s)
{
    Big r = from_u64(0), ten = from_u64(10);
    for (; *s; s++) { Big d = from_u64((uint64_t)(*s - '0')); r = mul(&r, &ten); r = add(&r, &d); }
    return r;
}

static Big big_gcd(Big a, Big b)
{
    while (b.n) { Big q, r; divmod(&a, &b, &q, &r); a = b; b = r; }
    return a;
}

int main(void)
{
    char buf[800];
    Big f = from_u64(1);
    for (uint64_t i = 2; i <= 50; i++) { Big k = from_u64(i); f = mul(&f, &k); }
    to_dec(f, buf);
    CHECK(strcmp(buf, "30414093201713378043612608166064768844377641568960512000000000000") == 0);
    CHECK(cmp(&f, &(Big){0}) > 0);
    Big g = from_dec(buf);
    CHECK(cmp(&f, &g) == 0);

    uint64_t x = 0x9E3779B97F4A7C15ull;
    int bad = 0;
    for (int t = 0; t < 400; t++) {
        Big a, b;
        memset(&a, 0, sizeof a); memset(&b, 0, sizeof b);
        a.n = 1 + t % 20; b.n = 1 + (t * 7) % 12;
        for (int i = 0; i < a.n; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; a.w[i] = (uint32_t)x; }
        for (int i = 0; i < b.n; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; b.w[i] = (uint32_t)(x >> 32); }
        if (t % 5 == 0) b.w[b.n - 1] = 1; /* small leading word stresses normalization */
        trim(&a); trim(&b);
        if (!b.n) continue;
        Big q, r;
        divmod(&a, &b, &q, &r);
        if (cmp(&r, &b) >= 0) bad++;
        Big back = mul(&q, &b);
        back = add(&back, &r);
        if (cmp(&back, &a) != 0) bad++;
        Big d = sub(&a, &r); /* a - r divisible by b */
        Big q2, r2;
        divmod(&d, &b, &q2, &r2);
        if (r2.n != 0 || cmp(&q2, &q) != 0) bad++;
    }
    CHECK(bad == 0);
    /* gcd(F(300), F(200)) = F(gcd(300,200)) = F(100) */
    Big fa = from_u64(0), fb = from_u64(1), F100 = from_u64(0), F200 = from_u64(0), F300 = from_u64(0);
    for (int i = 1; i <= 300; i++) {
        Big t = add(&fa, &fb); fa = fb; fb = t;
        if (i == 100) F100 = fa;
        if (i == 200) F200 = fa;
    }
    F300 = fa;
    Big gg = big_gcd(F300, F200);
    CHECK(cmp(&gg, &F100) == 0);
    to_dec(F100, buf);
    CHECK(strcmp(buf, "354224848179261915075") == 0);
    to_dec(F300, buf);
    printf("F300=%s\n", buf);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
