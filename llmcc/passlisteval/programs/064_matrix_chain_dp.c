/* Exercises: interval DP (matrix-chain order, optimal BST, palindrome partitioning) bottom-up vs memoized recursion, with reconstruction. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <limits.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define MAXN 60

static long long m[MAXN][MAXN];
static int split[MAXN][MAXN];
static long long memo[MAXN][MAXN];
static int dims[MAXN + 1];

static long long chain_bottom_up(int n)
{
    for (int i = 0; i < n; i++) m[i][i] = 0;
    for (int len = 2; len <= n; len++)
        for (int i = 0; i + len - 1 < n; i++) {
            int j = i + len - 1;
            m[i][j] = LLONG_MAX;
            for (int k = i; k < j; k++) {
                long long c = m[i][k] + m[k + 1][j] + (long long)dims[i] * dims[k + 1] * dims[j + 1];
                if (c < m[i][j]) { m[i][j] = c; split[i][j] = k; }
            }
        }
    return m[0][n - 1];
}

static long long chain_memo(int i, int j)
{
    if (i == j) return 0;
    if (memo[i][j] >= 0) return memo[i][j];
    long long best = LLONG_MAX;
    for (int k = i; k < j; k++) {
        long long c = chain_memo(i, k) + chain_memo(k + 1, j) + (long long)dims[i] * dims[k + 1] * dims[j + 1];
        if (c < best) best = c;
    }
    return memo[i][j] = best;
}

/* evaluate the cost of the parenthesization encoded in split[][] and render it */
static long long eval_split(int i, int j, int *rows, int *cols, char **out)
{
    if (i == j) { *rows = dims[i]; *cols = dims[i + 1]; *out += sprintf(*out, "A%d", i); return 0; }
    int r1, c1, r2, c2;
    *(*out)++ = '(';
    long long a = eval_split(i, split[i][j], &r1, &c1, out);
    long long b = eval_split(split[i][j] + 1, j, &r2, &c2, out);
    *(*out)++ = ')';
    **out = 0;
    if (c1 != r2) return -1000000000000LL;
    *rows = r1; *cols = c2;
    return a + b + (long long)r1 * c1 * c2;
}

/* minimum cuts for palindrome partitioning */
static int min_pal_cuts(const char *s, int n)
{
    static unsigned char pal[200][200];
    int cuts[200];
    for (int j = 0; j < n; j++)
        for (int i = j; i >= 0; i--)
            pal[i][j] = s[i] == s[j] && (j - i < 2 || pal[i + 1][j - 1]);
    for (int j = 0; j < n; j++) {
        if (pal[0][j]) { cuts[j] = 0; continue; }
        cuts[j] = j;
        for (int i = 1; i <= j; i++) if (pal[i][j] && cuts[i - 1] + 1 < cuts[j]) cuts[j] = cuts[i - 1] + 1;
    }
    return cuts[n - 1];
}

static int brute_pal_cuts(const char *s, int from, int n)
{
    if (from == n) return -1;
    int best = 1000;
    for (int end = from; end < n; end++) {
        int ok = 1;
        for (int a = from, b = end; a < b; a++, b--) if (s[a] != s[b]) { ok = 0; break; }
        if (ok) { int c = 1 + brute_pal_cuts(s, end + 1, n); if (c < best) best = c; }
    }
    return best;
}

int main(void)
{
    int classic[] = {40, 20, 30, 10, 30};
    memcpy(dims, classic, sizeof classic);
    CHECK(chain_bottom_up(4) == 26000);
    int d2[] = {10, 20, 30, 40, 30};
    memcpy(dims, d2, sizeof d2);
    CHECK(chain_bottom_up(4) == 30000);

    uint32_t s = 2;
    int bad = 0;
    char render[2000];
    long long checksum = 0;
    for (int t = 0; t < 8; t++) {
        int n = 10 + t * 6;
        for (int i = 0; i <= n; i++) { s = s * 1103515245u + 12345u; dims[i] = 1 + (int)((s >> 16) % 100); }
        long long a = chain_bottom_up(n);
        memset(memo, -1, sizeof memo);
        long long b = chain_memo(0, n - 1);
        int r, c;
        char *p = render;
        long long e = eval_split(0, n - 1, &r, &c, &p);
        if (a != b || a != e || r != dims[0] || c != dims[n]) bad++;
        /* naive left-to-right order is never better */
        long long naive = 0;
        for (int k = 1; k < n; k++) naive += (long long)dims[0] * dims[k] * dims[k + 1];
        if (naive < a) bad++;
        checksum = checksum * 7 + a % 1000003;
    }
    CHECK(bad == 0);

    char str[20];
    for (int t = 0; t < 200; t++) {
        int n = 1 + t % 14;
        for (int i = 0; i < n; i++) { s = s * 1103515245u + 12345u; str[i] = (char)('a' + (s >> 16) % 3); }
        if (min_pal_cuts(str, n) != brute_pal_cuts(str, 0, n)) bad++;
    }
    CHECK(bad == 0);
    CHECK(min_pal_cuts("aab", 3) == 1 && min_pal_cuts("racecar", 7) == 0 && min_pal_cuts("abcde", 5) == 4);
    printf("checksum=%lld last=%.60s\n", checksum, render);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
