/* Exercises: goto-based control flow (state machines, cleanup ladders, retry loops) checked against structured equivalents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

/* Recognize numbers like  -12.5e+3  using goto states; returns 1 if the whole string is a valid number. */
static int is_number_goto(const char *s)
{
    const char *p = s;
start:
    if (*p == '+' || *p == '-') { p++; goto int_first; }
int_first:
    if (*p >= '0' && *p <= '9') { p++; goto int_rest; }
    if (*p == '.') { p++; goto frac_first; }
    return 0;
int_rest:
    if (*p >= '0' && *p <= '9') { p++; goto int_rest; }
    if (*p == '.') { p++; goto frac_opt; }
    if (*p == 'e' || *p == 'E') { p++; goto exp_sign; }
    return *p == 0;
frac_first:
    if (*p >= '0' && *p <= '9') { p++; goto frac_opt; }
    return 0;
frac_opt:
    if (*p >= '0' && *p <= '9') { p++; goto frac_opt; }
    if (*p == 'e' || *p == 'E') { p++; goto exp_sign; }
    return *p == 0;
exp_sign:
    if (*p == '+' || *p == '-') p++;
    if (!(*p >= '0' && *p <= '9')) return 0;
exp_digits:
    if (*p >= '0' && *p <= '9') { p++; goto exp_digits; }
    return *p == 0;
    goto start; /* unreachable; keeps label used */
}

/* Same language with a table-driven DFA */
static int is_number_table(const char *s)
{
    enum { S0, SIGN, INT, DOT0, FRAC, E, ESIGN, EXP, BAD };
    int st = S0;
    for (; *s; s++) {
        int c = *s;
        int cls = (c >= '0' && c <= '9') ? 0 : (c == '+' || c == '-') ? 1 : c == '.' ? 2 : (c == 'e' || c == 'E') ? 3 : 4;
        static const int T[8][5] = {
            /* digit sign dot  e    other */
            {INT, SIGN, DOT0, BAD, BAD},   /* S0 */
            {INT, BAD, DOT0, BAD, BAD},    /* SIGN */
            {INT, BAD, FRAC, E, BAD},      /* INT */
            {FRAC, BAD, BAD, BAD, BAD},    /* DOT0 */
            {FRAC, BAD, BAD, E, BAD},      /* FRAC */
            {EXP, ESIGN, BAD, BAD, BAD},   /* E */
            {EXP, BAD, BAD, BAD, BAD},     /* ESIGN */
            {EXP, BAD, BAD, BAD, BAD},     /* EXP */
        };
        st = T[st][cls];
        if (st == BAD) return 0;
    }
    return st == INT || st == FRAC || st == EXP;
}

/* cleanup ladder with goto; counts acquisitions/releases */
static int acquired, released;
static void *acquire(size_t n, int fail) { if (fail) return NULL; acquired++; return malloc(n); }
static void release(void *p) { if (p) { released++; free(p); } }

static int process(int fail_at, long *result)
{
    int rc = -1;
    long *a = acquire(64 * sizeof(long), fail_at == 1);
    if (!a) goto out;
    long *b = acquire(64 * sizeof(long), fail_at == 2);
    if (!b) goto free_a;
    long *c = acquire(64 * sizeof(long), fail_at == 3);
    if (!c) goto free_b;
    for (int i = 0; i < 64; i++) { a[i] = i; b[i] = 64 - i; c[i] = a[i] * b[i]; }
    long s = 0;
    for (int i = 0; i < 64; i++) s += c[i];
    if (fail_at == 4) goto free_c; /* late failure after work */
    *result = s;
    rc = 0;
free_c:
    release(c);
free_b:
    release(b);
free_a:
    release(a);
out:
    return rc;
}

/* retry loop with backoff implemented with goto */
static int attempts_needed(uint32_t seed, int *attempts)
{
    int tries = 0;
    uint32_t x = seed;
retry:
    tries++;
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    if (x % 5 != 0 && tries < 50) goto retry;
    *attempts = tries;
    return x % 5 == 0;
}

int main(void)
{
    static const char *nums[] = {"0", "-12", "+3.5", ".5", "5.", "1e10", "1E-7", "-.5e+2", "", "+", ".", "e5", "1e", "1e+",
                                 "1.2.3", "12a", "--1", "0x10", "3.14159", "-0.0e0"};
    static const int valid[] = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
    for (int i = 0; i < 20; i++) {
        CHECK(is_number_goto(nums[i]) == valid[i]);
        CHECK(is_number_table(nums[i]) == valid[i]);
    }
    /* exhaustive over short strings from a small alphabet */
    static const char alpha[] = "01+-.eE";
    int bad = 0, nvalid = 0;
    char buf[8];
    for (int len = 0; len <= 5; len++) {
        long total = 1;
        for (int i = 0; i < len; i++) total *= 7;
        for (long code = 0; code < total; code++) {
            long c = code;
            for (int i = 0; i < len; i++) { buf[i] = alpha[c % 7]; c /= 7; }
            buf[len] = 0;
            int a = is_number_goto(buf), b = is_number_table(buf);
            if (a != b) bad++;
            nvalid += a;
        }
    }
    CHECK(bad == 0);

    long r = 0;
    for (int f = 0; f <= 4; f++) {
        acquired = released = 0;
        long res = -1;
        int rc = process(f, &res);
        CHECK(acquired == released);
        CHECK(rc == (f == 0 ? 0 : -1));
        if (f == 0) { r = res; CHECK(res == 43680); }
        CHECK(acquired == (f == 0 || f == 4 ? 3 : f - 1));
    }
    int att, hist[51] = {0};
    long total_att = 0;
    for (uint32_t seed = 1; seed < 2000; seed++) { attempts_needed(seed, &att); hist[att]++; total_att += att; }
    CHECK(hist[1] > 300 && hist[1] < 500);
    printf("valid=%d r=%ld total_attempts=%ld\n", nvalid, r, total_att);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
