/* Exercises: dynamic programming (Levenshtein, LCS with traceback, Hirschberg-free two-row variant) on generated strings. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stdlib.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define MAXN 260

static int dp[MAXN + 1][MAXN + 1];

static inline int min3(int a, int b, int c) { int m = a < b ? a : b; return m < c ? m : c; }

static int levenshtein_full(const char *a, const char *b)
{
    int n = (int)strlen(a), m = (int)strlen(b);
    for (int i = 0; i <= n; i++) dp[i][0] = i;
    for (int j = 0; j <= m; j++) dp[0][j] = j;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= m; j++)
            dp[i][j] = min3(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] != b[j - 1]));
    return dp[n][m];
}

static int levenshtein_rows(const char *a, const char *b)
{
    int n = (int)strlen(a), m = (int)strlen(b);
    int *prev = malloc(sizeof(int) * (size_t)(m + 1));
    int *cur = malloc(sizeof(int) * (size_t)(m + 1));
    for (int j = 0; j <= m; j++) prev[j] = j;
    for (int i = 1; i <= n; i++) {
        cur[0] = i;
        for (int j = 1; j <= m; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        }
        int *t = prev; prev = cur; cur = t;
    }
    int r = prev[m];
    free(prev);
    free(cur);
    return r;
}

/* LCS length, returns one LCS string in out */
static int lcs(const char *a, const char *b, char *out)
{
    int n = (int)strlen(a), m = (int)strlen(b);
    for (int i = 0; i <= n; i++) dp[i][0] = 0;
    for (int j = 0; j <= m; j++) dp[0][j] = 0;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= m; j++)
            dp[i][j] = a[i - 1] == b[j - 1] ? dp[i - 1][j - 1] + 1
                     : (dp[i - 1][j] > dp[i][j - 1] ? dp[i - 1][j] : dp[i][j - 1]);
    int len = dp[n][m], k = len;
    out[k] = 0;
    int i = n, j = m;
    while (i > 0 && j > 0) {
        if (a[i - 1] == b[j - 1]) { out[--k] = a[i - 1]; i--; j--; }
        else if (dp[i - 1][j] >= dp[i][j - 1]) i--;
        else j--;
    }
    return len;
}

/* insert/delete-only edit distance */
static int indel_distance(const char *a, const char *b)
{
    int n = (int)strlen(a), m = (int)strlen(b);
    for (int i = 0; i <= n; i++) dp[i][0] = i;
    for (int j = 0; j <= m; j++) dp[0][j] = j;
    for (int i = 1; i <= n; i++)
        for (int j = 1; j <= m; j++)
            dp[i][j] = a[i - 1] == b[j - 1] ? dp[i - 1][j - 1]
                     : 1 + (dp[i - 1][j] < dp[i][j - 1] ? dp[i - 1][j] : dp[i][j - 1]);
    return dp[n][m];
}

static int is_subsequence(const char *s, const char *t)
{
    while (*s && *t) { if (*s == *t) s++; t++; }
    return *s == 0;
}

static uint32_t st = 12345;
static unsigned rnd(unsigned m) { st = st * 1103515245u + 12345u; return (st >> 16) % m; }

int main(void)
{
    CHECK(levenshtein_full("kitten", "sitting") == 3);
    CHECK(levenshtein_rows("flaw", "lawn") == 2);
    CHECK(levenshtein_full("", "abc") == 3);
    CHECK(levenshtein_rows("intention", "execution") == 5);
    char out[MAXN + 1];
    CHECK(lcs("ABCBDAB", "BDCABA", out) == 4);
    CHECK(lcs("AGGTAB", "GXTXAYB", out) == 4 && strcmp(out, "GTAB") == 0);

    char a[MAXN + 1], b[MAXN + 1];
    long total_ed = 0, total_lcs = 0;
    for (int t = 0; t < 12; t++) {
        int n = 150 + (int)rnd(100), m = 150 + (int)rnd(100);
        unsigned alpha = 2 + (unsigned)t % 5;
        for (int i = 0; i < n; i++) a[i] = (char)('a' + rnd(alpha));
        for (int i = 0; i < m; i++) b[i] = (char)('a' + rnd(alpha));
        a[n] = b[m] = 0;
        int e1 = levenshtein_full(a, b), e2 = levenshtein_rows(a, b), e3 = levenshtein_rows(b, a);
        CHECK(e1 == e2 && e2 == e3);
        int diff = n > m ? n - m : m - n;
        CHECK(e1 >= diff && e1 <= (n > m ? n : m));
        int l = lcs(a, b, out);
        CHECK((int)strlen(out) == l);
        CHECK(is_subsequence(out, a) && is_subsequence(out, b));
        CHECK(indel_distance(a, b) == n + m - 2 * l);
        total_ed += e1;
        total_lcs += l;
    }
    printf("total_edit=%ld total_lcs=%ld\n", total_ed, total_lcs);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
