/* Exercises: hand-written strlen/strcmp/strncpy/strstr/strtok-like splitting/reverse/case-folding checked against libc. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <ctype.h>
#include <stdlib.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static size_t my_strlen(const char *s) { const char *p = s; while (*p) p++; return (size_t)(p - s); }

static int my_strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return (unsigned char)*a - (unsigned char)*b;
}

static int my_strncmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i] || !a[i]) return (unsigned char)a[i] - (unsigned char)b[i];
    }
    return 0;
}

static char *my_strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c) return (char *)s;
        if (!*s) return NULL;
    }
}

static const char *my_strstr(const char *h, const char *n)
{
    size_t ln = my_strlen(n);
    if (!ln) return h;
    for (; *h; h++)
        if (*h == *n && my_strncmp(h, n, ln) == 0) return h;
    return NULL;
}

/* KMP search returning the count of (possibly overlapping) occurrences */
static int kmp_count(const char *h, const char *n)
{
    int m = (int)my_strlen(n), fail[64];
    fail[0] = 0;
    for (int i = 1, k = 0; i < m; i++) {
        while (k && n[i] != n[k]) k = fail[k - 1];
        if (n[i] == n[k]) k++;
        fail[i] = k;
    }
    int count = 0;
    for (int i = 0, k = 0; h[i]; i++) {
        while (k && h[i] != n[k]) k = fail[k - 1];
        if (h[i] == n[k]) k++;
        if (k == m) { count++; k = fail[k - 1]; }
    }
    return count;
}

static void reverse(char *s) { size_t n = my_strlen(s); for (size_t i = 0; i < n / 2; i++) { char t = s[i]; s[i] = s[n - 1 - i]; s[n - 1 - i] = t; } }

static int split(char *s, const char *delims, char **out, int max)
{
    int n = 0;
    char *p = s;
    while (*p && n < max) {
        while (*p && my_strchr(delims, *p)) p++;
        if (!*p) break;
        out[n++] = p;
        while (*p && !my_strchr(delims, *p)) p++;
        if (*p) *p++ = 0;
    }
    return n;
}

static int is_palindrome_alnum(const char *s)
{
    size_t i = 0, j = my_strlen(s);
    while (i < j) {
        if (!isalnum((unsigned char)s[i])) { i++; continue; }
        if (!isalnum((unsigned char)s[j - 1])) { j--; continue; }
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)s[j - 1])) return 0;
        i++; j--;
    }
    return 1;
}

static int sign(int v) { return (v > 0) - (v < 0); }

int main(void)
{
    char a[64], b[64];
    uint32_t x = 7;
    int bad = 0;
    for (int t = 0; t < 4000; t++) {
        size_t la = 0, lb;
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        la = x % 40;
        for (size_t i = 0; i < la; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; a[i] = (char)('a' + x % 3); }
        a[la] = 0;
        memcpy(b, a, la + 1);
        if (la && (x & 1)) b[x % la] = (char)(b[x % la] + (x & 2 ? 1 : -1));
        if (x & 4) { lb = la / 2; b[lb] = 0; }
        if (my_strlen(a) != strlen(a)) bad++;
        if (sign(my_strcmp(a, b)) != sign(strcmp(a, b))) bad++;
        if (sign(my_strncmp(a, b, 5)) != sign(strncmp(a, b, 5))) bad++;
        const char *needle = b + (my_strlen(b) > 3 ? my_strlen(b) - 3 : 0);
        if (my_strstr(a, needle) != strstr(a, needle)) bad++;
        if (my_strchr(a, 'c') != strchr(a, 'c') || my_strchr(a, 0) != strchr(a, 0)) bad++;
    }
    CHECK(bad == 0);

    CHECK(kmp_count("aaaaa", "aa") == 4);
    CHECK(kmp_count("abababab", "aba") == 3);
    CHECK(kmp_count("hello world", "xyz") == 0);
    static char big[20001];
    for (int i = 0; i < 20000; i++) big[i] = "abcab"[i % 5];
    big[20000] = 0;
    CHECK(kmp_count(big, "cabab") == 3999);
    int naive = 0;
    for (const char *p = big; (p = strstr(p, "bca")) != NULL; p++) naive++;
    CHECK(kmp_count(big, "bca") == naive);

    char line[] = "  alpha,beta;;gamma  delta,,epsilon ";
    char *parts[10];
    int np = split(line, " ,;", parts, 10);
    CHECK(np == 5 && strcmp(parts[0], "alpha") == 0 && strcmp(parts[4], "epsilon") == 0 && strcmp(parts[2], "gamma") == 0);

    char r[] = "stressed";
    reverse(r);
    CHECK(strcmp(r, "desserts") == 0);
    CHECK(is_palindrome_alnum("A man, a plan, a canal: Panama!"));
    CHECK(!is_palindrome_alnum("Not a palindrome"));

    /* strncpy/strncat/snprintf truncation semantics */
    char d[8];
    memset(d, 'X', sizeof d);
    strncpy(d, "abc", sizeof d);
    CHECK(d[3] == 0 && d[7] == 0);
    CHECK(snprintf(d, sizeof d, "%s-%d", "long", 12345) == 10 && strcmp(d, "long-12") == 0);
    char cat[16] = "ab";
    strncat(cat, "cdefgh", 3);
    CHECK(strcmp(cat, "abcde") == 0);
    CHECK(strspn("aabbcx", "ab") == 4 && strcspn("hello", "lo") == 2);
    char *dup = malloc(32);
    strcpy(dup, "Mixed Case 123");
    for (char *p = dup; *p; p++) *p = (char)toupper((unsigned char)*p);
    CHECK(strcmp(dup, "MIXED CASE 123") == 0);
    free(dup);
    printf("np=%d naive=%d reversed=%s\n", np, naive, r);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
