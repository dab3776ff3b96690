/* Exercises: shell-style glob matching (* ? [set]) via recursion, DP table and the iterative two-pointer algorithm; path filtering. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static int class_match(const char **pp, char c)
{
    const char *p = *pp + 1;
    int neg = 0, hit = 0;
    if (*p == '!') { neg = 1; p++; }
    do {
        if (p[1] == '-' && p[2] && p[2] != ']') { if (c >= p[0] && c <= p[2]) hit = 1; p += 3; }
        else { if (c == *p) hit = 1; p++; }
    } while (*p && *p != ']');
    *pp = *p ? p + 1 : p;
    return hit != neg;
}

static int glob_rec(const char *p, const char *s)
{
    if (!*p) return !*s;
    if (*p == '*') {
        while (*p == '*') p++;
        for (;; s++) { if (glob_rec(p, s)) return 1; if (!*s) return 0; }
    }
    if (!*s) return 0;
    if (*p == '?') return glob_rec(p + 1, s + 1);
    if (*p == '[') { const char *q = p; return class_match(&q, *s) && glob_rec(q, s + 1); }
    return *p == *s && glob_rec(p + 1, s + 1);
}

static int glob_iter(const char *p, const char *s)
{
    const char *star_p = NULL, *star_s = NULL;
    while (*s) {
        if (*p == '*') { star_p = ++p; star_s = s; continue; }
        if (*p == '?') { p++; s++; continue; }
        if (*p == '[') { const char *q = p; if (class_match(&q, *s)) { p = q; s++; continue; } }
        else if (*p && *p == *s) { p++; s++; continue; }
        if (star_p) { p = star_p; s = ++star_s; continue; }
        return 0;
    }
    while (*p == '*') p++;
    return !*p;
}

/* DP over pattern tokens: tokens are literal char, '?', '*', or class (store pattern offset) */
static int glob_dp(const char *p, const char *s)
{
    int tok_start[64], nt = 0;
    for (const char *q = p; *q;) {
        tok_start[nt++] = (int)(q - p);
        if (*q == '[') { const char *r = q; class_match(&r, 'x'); q = r; } else q++;
    }
    int n = (int)strlen(s);
    unsigned char dp[65][65];
    memset(dp, 0, sizeof dp);
    dp[0][0] = 1;
    for (int i = 1; i <= nt; i++) {
        const char *t = p + tok_start[i - 1];
        if (*t == '*') dp[i][0] = dp[i - 1][0];
        for (int j = 1; j <= n; j++) {
            if (*t == '*') dp[i][j] = dp[i - 1][j] || dp[i][j - 1];
            else if (*t == '?') dp[i][j] = dp[i - 1][j - 1];
            else if (*t == '[') { const char *r = t; dp[i][j] = dp[i - 1][j - 1] && class_match(&r, s[j - 1]); }
            else dp[i][j] = dp[i - 1][j - 1] && *t == s[j - 1];
        }
    }
    return dp[nt][n];
}

int main(void)
{
    static const struct { const char *p, *s; int m; } cases[] = {
        {"*.c", "main.c", 1}, {"*.c", "main.cpp", 0}, {"a?c", "abc", 1}, {"a?c", "ac", 0}, {"[abc]x", "bx", 1},
        {"[!abc]x", "bx", 0}, {"[a-f]*[0-9]", "deadbeef7", 1}, {"**a**", "xxaxx", 1}, {"*", "", 1}, {"?", "", 0},
        {"*ab*ab*", "abab", 1}, {"*ab*ab*", "aab", 0}, {"src/*/test_*.py", "src/pkg/test_x.py", 1}
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(glob_rec(cases[i].p, cases[i].s) == cases[i].m);
        CHECK(glob_iter(cases[i].p, cases[i].s) == cases[i].m);
        CHECK(glob_dp(cases[i].p, cases[i].s) == cases[i].m);
    }
    static const char *pieces[] = {"a", "b", "*", "?", "[ab]", "[!a]", "[a-b]", "**"};
    uint32_t x = 17;
    int bad = 0, hits = 0;
    for (int t = 0; t < 3000; t++) {
        char pat[40] = "", str[20];
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        int np = (int)(x % 7);
        for (int k = 0; k < np; k++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; strcat(pat, pieces[x % 8]); }
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        int l = (int)(x % 10);
        for (int i = 0; i < l; i++) str[i] = (char)('a' + (x >> (3 * i % 30)) % 3);
        str[l] = 0;
        int a = glob_rec(pat, str), b = glob_iter(pat, str), c = glob_dp(pat, str);
        if (a != b || b != c) bad++;
        hits += a;
    }
    CHECK(bad == 0);
    static const char *files[] = {"main.c", "util.c", "util.h", "README.md", "test_a.py", "test_b.py", "setup.py", "Makefile", "a.out"};
    int cnt_c = 0, cnt_py = 0, cnt_upper = 0;
    for (int i = 0; i < 9; i++) {
        cnt_c += glob_iter("*.[ch]", files[i]);
        cnt_py += glob_iter("test_?.py", files[i]);
        cnt_upper += glob_iter("[A-Z]*", files[i]);
    }
    CHECK(cnt_c == 3 && cnt_py == 2 && cnt_upper == 2);
    printf("hits=%d c=%d py=%d upper=%d\n", hits, cnt_c, cnt_py, cnt_upper);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
