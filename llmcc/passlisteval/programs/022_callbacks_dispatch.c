/* Exercises: function pointer tables, callbacks with void* context, higher-order map/filter/fold, and a dispatch-driven RPN calculator. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef long (*binop)(long, long);
typedef long (*unop)(long, void *);
typedef int (*pred)(long, void *);

static long op_add(long a, long b) { return a + b; }
static long op_sub(long a, long b) { return a - b; }
static long op_mul(long a, long b) { return a * b; }
static long op_div(long a, long b) { return b ? a / b : 0; }
static long op_mod(long a, long b) { return b ? a % b : 0; }
static long op_max(long a, long b) { return a > b ? a : b; }
static long op_min(long a, long b) { return a < b ? a : b; }

static const struct { char sym; binop fn; } optable[] = {
    {'+', op_add}, {'-', op_sub}, {'*', op_mul}, {'/', op_div}, {'%', op_mod}, {'>', op_max}, {'<', op_min},
};

static binop lookup(char c)
{
    for (size_t i = 0; i < sizeof optable / sizeof optable[0]; i++)
        if (optable[i].sym == c) return optable[i].fn;
    return NULL;
}

static long rpn(const char *s, int *err)
{
    long stack[64];
    int sp = 0;
    *err = 0;
    while (*s) {
        if (*s == ' ') { s++; continue; }
        if (*s >= '0' && *s <= '9') {
            long v = 0;
            while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
            stack[sp++] = v;
            continue;
        }
        binop f = lookup(*s++);
        if (!f || sp < 2) { *err = 1; return 0; }
        long b = stack[--sp], a = stack[--sp];
        stack[sp++] = f(a, b);
    }
    if (sp != 1) *err = 1;
    return sp ? stack[0] : 0;
}

static size_t map(long *dst, const long *src, size_t n, unop f, void *ctx)
{
    for (size_t i = 0; i < n; i++) dst[i] = f(src[i], ctx);
    return n;
}
static size_t filter(long *dst, const long *src, size_t n, pred p, void *ctx)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) if (p(src[i], ctx)) dst[k++] = src[i];
    return k;
}
static long fold(const long *a, size_t n, long init, binop f)
{
    for (size_t i = 0; i < n; i++) init = f(init, a[i]);
    return init;
}

static long affine(long x, void *ctx) { const long *ab = ctx; return ab[0] * x + ab[1]; }
static long square_mod(long x, void *ctx) { long m = *(const long *)ctx; return x * x % m; }
static int divisible(long x, void *ctx) { return x % *(const long *)ctx == 0; }
static int in_range(long x, void *ctx) { const long *r = ctx; return x >= r[0] && x < r[1]; }

/* event hooks with counters through context */
typedef struct { int calls; long sum; } Counter;
typedef void (*hook)(Counter *, long);
static void hook_count(Counter *c, long v) { c->calls++; (void)v; }
static void hook_sum(Counter *c, long v) { c->sum += v; }
static void hook_sq(Counter *c, long v) { c->sum += v * v; c->calls += 2; }

int main(void)
{
    int err;
    CHECK(rpn("3 4 + 2 *", &err) == 14 && !err);
    CHECK(rpn("100 7 % 3 >", &err) == 3 && !err);
    CHECK(rpn("5 1 2 + 4 * + 3 -", &err) == 14 && !err);
    CHECK(rpn("9 3 <  8 8 * -", &err) == -61 && !err);
    rpn("1 +", &err); CHECK(err);
    rpn("1 2 ^", &err); CHECK(err);

    long a[500], b[500], c[500];
    for (int i = 0; i < 500; i++) a[i] = i - 100;
    long ab[2] = {3, -7};
    map(b, a, 500, affine, ab);
    CHECK(fold(b, 500, 0, op_add) == 3 * fold(a, 500, 0, op_add) - 7 * 500);
    long m = 97;
    map(c, a, 500, square_mod, &m);
    long three = 3;
    size_t k = filter(b, a, 500, divisible, &three);
    CHECK(k == 167);
    long range[2] = {-10, 10};
    size_t k2 = filter(c, a, 500, in_range, range);
    CHECK(k2 == 20 && fold(c, k2, 0, op_add) == -10);
    CHECK(fold(a, 500, a[0], op_max) == 399 && fold(a, 500, a[0], op_min) == -100);

    hook hooks[3] = {hook_count, hook_sum, hook_sq};
    Counter cnt[3];
    memset(cnt, 0, sizeof cnt);
    for (long v = 1; v <= 100; v++)
        for (int h = 0; h < 3; h++)
            if ((v + h) % 2 == 0 || h == 0) hooks[h](&cnt[h], v);
    CHECK(cnt[0].calls == 100 && cnt[0].sum == 0);
    CHECK(cnt[1].sum == 2500);
    CHECK(cnt[2].calls == 100 && cnt[2].sum == 171700);

    /* randomly generated RPN programs compared against direct evaluation with the same table */
    uint32_t x = 5;
    long acc = 0;
    for (int t = 0; t < 3000; t++) {
        char prog[128];
        long vals[4];
        int p = 0;
        for (int i = 0; i < 4; i++) { x = x * 1664525u + 1013904223u; vals[i] = (long)(x >> 22); p += sprintf(prog + p, "%ld ", vals[i]); }
        char ops[3];
        for (int i = 0; i < 3; i++) { x = x * 1664525u + 1013904223u; ops[i] = optable[(x >> 24) % 7].sym; prog[p++] = ops[i]; prog[p++] = ' '; }
        prog[p] = 0;
        long expect = lookup(ops[0])(vals[2], vals[3]);
        expect = lookup(ops[1])(vals[1], expect);
        expect = lookup(ops[2])(vals[0], expect);
        long got = rpn(prog, &err);
        CHECK(!err && got == expect);
        acc += got % 1000;
    }
    printf("k=%zu acc=%ld sq=%ld\n", k, acc, cnt[2].sum);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
