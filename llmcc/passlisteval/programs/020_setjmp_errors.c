/* Exercises: setjmp/longjmp error propagation out of a recursive-descent parser, volatile locals, nested jump buffers. */
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static jmp_buf *g_env;
static const char *g_pos;
static int g_depth_max;

enum { ERR_SYNTAX = 1, ERR_DIV0 = 2, ERR_RANGE = 3 };

static int g_code; /* setjmp's value is only used in a permitted context; the code travels here */
static void fail_with(int code) { g_code = code; longjmp(*g_env, code); }

static long parse_expr(int depth);

static long parse_atom(int depth)
{
    if (depth > g_depth_max) g_depth_max = depth;
    while (*g_pos == ' ') g_pos++;
    if (*g_pos == '(') {
        g_pos++;
        long v = parse_expr(depth + 1);
        while (*g_pos == ' ') g_pos++;
        if (*g_pos != ')') fail_with(ERR_SYNTAX);
        g_pos++;
        return v;
    }
    if (*g_pos == '-') { g_pos++; return -parse_atom(depth + 1); }
    if (*g_pos < '0' || *g_pos > '9') fail_with(ERR_SYNTAX);
    long v = 0;
    while (*g_pos >= '0' && *g_pos <= '9') {
        v = v * 10 + (*g_pos++ - '0');
        if (v > 1000000000L) fail_with(ERR_RANGE);
    }
    return v;
}

static long parse_term(int depth)
{
    long v = parse_atom(depth);
    for (;;) {
        while (*g_pos == ' ') g_pos++;
        char op = *g_pos;
        if (op != '*' && op != '/' && op != '%') return v;
        g_pos++;
        long r = parse_atom(depth);
        if (op == '*') {
            if (v > 1000000000L || v < -1000000000L || r > 1000000000L || r < -1000000000L) fail_with(ERR_RANGE);
            v *= r;
        } else {
            if (r == 0) fail_with(ERR_DIV0);
            v = op == '/' ? v / r : v % r;
        }
    }
}

static long parse_expr(int depth)
{
    long v = parse_term(depth);
    for (;;) {
        while (*g_pos == ' ') g_pos++;
        if (*g_pos == '+') { g_pos++; v += parse_term(depth); }
        else if (*g_pos == '-') { g_pos++; v -= parse_term(depth); }
        else return v;
        if (v > 4000000000000000000L || v < -4000000000000000000L) fail_with(ERR_RANGE);
    }
}

static int evaluate(const char *s, long *out)
{
    jmp_buf env;
    jmp_buf *saved = g_env;
    volatile int attempts = 0;
    volatile int code = 0;
    g_env = &env;
    if (setjmp(env) != 0) code = g_code;
    attempts++;
    if (code == 0) {
        g_pos = s;
        long v = parse_expr(0);
        while (*g_pos == ' ') g_pos++;
        if (*g_pos) fail_with(ERR_SYNTAX);
        *out = v;
    }
    g_env = saved;
    CHECK(attempts == (code ? 2 : 1));
    return code;
}

static int cleanup_count;
static int with_cleanup(int n)
{
    jmp_buf env;
    jmp_buf *saved = g_env;
    volatile int local = n * 10;
    g_env = &env;
    if (setjmp(env) == 0) {
        local += 5;
        if (n > 0) with_cleanup(n - 1);
        else fail_with(7);
    } else {
        int code = g_code;
        cleanup_count++;
        local += code;
        g_env = saved;
        if (saved) fail_with(code + 1);
        return local;
    }
    g_env = saved;
    return -1;
}

int main(void)
{
    static const struct { const char *src; int code; long val; } cases[] = {
        {"1+2*3", 0, 7}, {"(1+2)*3", 0, 9}, {"100/7%4", 0, 2}, {"-(4-10)*-(2)", 0, -12},
        {"((((((((((42))))))))))", 0, 42}, {"7/(3-3)", ERR_DIV0, 0}, {"1+", ERR_SYNTAX, 0},
        {"(1+2", ERR_SYNTAX, 0}, {"99999999999", ERR_RANGE, 0}, {"2 * (3 + 4) - 5 % 3", 0, 12},
        {"1 2", ERR_SYNTAX, 0}, {"10 % 0", ERR_DIV0, 0}, {"-7/2", 0, -3}, {"-7%3", 0, -1},
    };
    int codes[4] = {0};
    long acc = 0;
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long v = -999;
        int code = evaluate(cases[i].src, &v);
        CHECK(code == cases[i].code);
        if (code == 0) CHECK(v == cases[i].val);
        codes[code]++;
        acc = acc * 3 + (code ? code : v);
    }
    /* generated deep expressions */
    char buf[2048];
    for (int depth = 1; depth < 300; depth += 37) {
        int p = 0;
        for (int i = 0; i < depth; i++) p += sprintf(buf + p, "(%d+", i % 10);
        p += sprintf(buf + p, "1");
        for (int i = 0; i < depth; i++) buf[p++] = ')';
        buf[p] = 0;
        long v;
        g_depth_max = 0;
        CHECK(evaluate(buf, &v) == 0);
        long expect = 1;
        for (int i = 0; i < depth; i++) expect += i % 10;
        CHECK(v == expect);
        CHECK(g_depth_max == depth);
        buf[p - 1] = 0; /* drop one paren: syntax error from deep inside */
        CHECK(evaluate(buf, &v) == ERR_SYNTAX);
    }
    /* chained longjmps through nested handlers */
    jmp_buf top;
    g_env = NULL;
    volatile int result = 0;
    if (!setjmp(top)) {
        g_env = NULL;
        result = with_cleanup(5);
    } else {
        result = -g_code;
    }
    CHECK(result == 5 * 10 + 5 + 7 + 5);
    CHECK(cleanup_count == 6);
    printf("codes: ok=%d syntax=%d div0=%d range=%d acc=%ld result=%d\n", codes[0], codes[1], codes[2], codes[3], acc, result);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
