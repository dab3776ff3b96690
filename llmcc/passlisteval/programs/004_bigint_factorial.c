/* Exercises: base-1e9 big-integer multiply/add/compare, factorials, powers of two, digit sums and decimal formatting. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define BASE 1000000000u
#define MAXL 400

typedef struct { int n; uint32_t d[MAXL]; } Big;

static void big_set(Big *b, uint32_t v)
{
    b->n = 0;
    do { b->d[b->n++] = v % BASE; v /= BASE; } while (v);
}

static void big_mul_small(Big *b, uint32_t m)
{
    uint64_t carry = 0;
    for (int i = 0; i < b->n; i++) {
        uint64_t t = (uint64_t)b->d[i] * m + carry;
        b->d[i] = (uint32_t)(t % BASE);
        carry = t / BASE;
    }
    while (carry) { b->d[b->n++] = (uint32_t)(carry % BASE); carry /= BASE; }
}

static void big_mul(Big *r, const Big *a, const Big *b)
{
    static uint64_t tmp[2 * MAXL];
    memset(tmp, 0, sizeof tmp);
    for (int i = 0; i < a->n; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < b->n; j++) {
            uint64_t t = tmp[i + j] + (uint64_t)a->d[i] * b->d[j] + carry;
            tmp[i + j] = t % BASE;
            carry = t / BASE;
        }
        int k = i + b->n;
        while (carry) { uint64_t t = tmp[k] + carry; tmp[k] = t % BASE; carry = t / BASE; k++; }
    }
    int n = a->n + b->n;
    while (n > 1 && tmp[n - 1] == 0) n--;
    r->n = n;
    for (int i = 0; i < n; i++) r->d[i] = (uint32_t)tmp[i];
}

static void big_add(Big *r, const Big *a, const Big *b)
{
    int n = a->n > b->n ? a->n : b->n;
    uint32_t carry = 0;
    for (int i = 0; i < n; i++) {
        uint32_t x = i < a->n ? a->d[i] : 0, y = i < b->n ? b->d[i] : 0;
        uint32_t s = x + y + carry;
        carry = s >= BASE;
        r->d[i] = carry ? s - BASE : s;
    }
    r->n = n;
    if (carry) r->d[r->n++] = 1;
}

static int big_cmp(const Big *a, const Big *b)
{
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

static int big_to_str(const Big *b, char *out)
{
    int len = sprintf(out, "%u", (unsigned)b->d[b->n - 1]);
    for (int i = b->n - 2; i >= 0; i--) len += sprintf(out + len, "%09u", (unsigned)b->d[i]);
    return len;
}

static unsigned digit_sum(const char *s)
{
    unsigned t = 0;
    while (*s) t += (unsigned)(*s++ - '0');
    return t;
}

static char buf[4000];

int main(void)
{
    Big f, g, h;
    big_set(&f, 1);
    for (uint32_t i = 2; i <= 100; i++) big_mul_small(&f, i);
    int len = big_to_str(&f, buf);
    CHECK(len == 158);
    CHECK(digit_sum(buf) == 648);
    CHECK(strncmp(buf, "93326215443944152681", 20) == 0);
    int zeros = 0;
    for (int i = len - 1; i >= 0 && buf[i] == '0'; i--) zeros++;
    CHECK(zeros == 24);

    /* 2^1000 via repeated squaring vs repeated doubling */
    Big p, sq, one;
    big_set(&one, 1);
    big_set(&p, 1);
    for (int i = 0; i < 1000; i++) big_mul_small(&p, 2);
    Big r, base;
    big_set(&r, 1);
    big_set(&base, 2);
    for (unsigned e = 1000; e; e >>= 1) {
        if (e & 1) { big_mul(&g, &r, &base); r = g; }
        big_mul(&sq, &base, &base); base = sq;
    }
    CHECK(big_cmp(&p, &r) == 0);
    len = big_to_str(&p, buf);
    CHECK(len == 302);
    CHECK(digit_sum(buf) == 1366);

    /* 50! * (51*...*100) == 100! */
    Big a, b;
    big_set(&a, 1);
    big_set(&b, 1);
    for (uint32_t i = 2; i <= 50; i++) big_mul_small(&a, i);
    for (uint32_t i = 51; i <= 100; i++) big_mul_small(&b, i);
    big_mul(&h, &a, &b);
    CHECK(big_cmp(&h, &f) == 0);
    CHECK(big_cmp(&a, &f) < 0 && big_cmp(&f, &a) > 0);

    /* sum_{k=0}^{n} 2^k == 2^(n+1) - 1 : check sum + 1 == 2^(n+1) for n=299 */
    Big s, t;
    big_set(&s, 0);
    big_set(&t, 1);
    for (int k = 0; k < 300; k++) { Big u; big_add(&u, &s, &t); s = u; big_mul_small(&t, 2); }
    Big s1;
    big_add(&s1, &s, &one);
    CHECK(big_cmp(&s1, &t) == 0);

    /* 1000! digit sum */
    big_set(&f, 1);
    for (uint32_t i = 2; i <= 1000; i++) big_mul_small(&f, i);
    len = big_to_str(&f, buf);
    CHECK(len == 2568);
    CHECK(digit_sum(buf) == 10539);

    printf("100! digits=158 sum=648; 2^1000 sum=1366; 1000! len=%d sum=%u\n", len, digit_sum(buf));
    printf("1000! head=%.12s\n", buf);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
