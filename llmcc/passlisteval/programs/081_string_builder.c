/* Exercises: growable string builder (realloc doubling, vsnprintf appends), string vectors, split/join/replace, sorting with strcmp. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct { char *s; size_t len, cap; int reallocs; } Sb;

static void sb_reserve(Sb *b, size_t need)
{
    if (need + 1 <= b->cap) return;
    size_t nc = b->cap ? b->cap : 8;
    while (nc < need + 1) nc *= 2;
    b->s = realloc(b->s, nc);
    b->cap = nc;
    b->reallocs++;
}
static void sb_append(Sb *b, const char *s, size_t n) { sb_reserve(b, b->len + n); memcpy(b->s + b->len, s, n); b->len += n; b->s[b->len] = 0; }
static void sb_puts(Sb *b, const char *s) { sb_append(b, s, strlen(s)); }
static void sb_printf(Sb *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    sb_reserve(b, b->len + (size_t)n);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    b->len += (size_t)n;
}
static void sb_free(Sb *b) { free(b->s); b->s = NULL; b->len = b->cap = 0; }

typedef struct { char **v; size_t n, cap; } StrVec;
static void sv_push(StrVec *sv, const char *s, size_t n)
{
    if (sv->n == sv->cap) { sv->cap = sv->cap ? sv->cap * 2 : 4; sv->v = realloc(sv->v, sizeof(char *) * sv->cap); }
    char *c = malloc(n + 1);
    memcpy(c, s, n); c[n] = 0;
    sv->v[sv->n++] = c;
}
static void sv_free(StrVec *sv) { for (size_t i = 0; i < sv->n; i++) free(sv->v[i]); free(sv->v); }

static StrVec split(const char *s, char sep)
{
    StrVec sv = {0, 0, 0};
    const char *start = s;
    for (;; s++) {
        if (*s == sep || *s == 0) { sv_push(&sv, start, (size_t)(s - start)); start = s + 1; }
        if (!*s) break;
    }
    return sv;
}
static char *join(const StrVec *sv, const char *sep)
{
    Sb b = {0, 0, 0, 0};
    sb_reserve(&b, 0);
    b.s[0] = 0;
    for (size_t i = 0; i < sv->n; i++) { if (i) sb_puts(&b, sep); sb_puts(&b, sv->v[i]); }
    return b.s;
}
static char *replace_all(const char *s, const char *from, const char *to)
{
    Sb b = {0, 0, 0, 0};
    sb_reserve(&b, 0);
    b.s[0] = 0;
    size_t fl = strlen(from);
    const char *p;
    while ((p = strstr(s, from)) != NULL) { sb_append(&b, s, (size_t)(p - s)); sb_puts(&b, to); s = p + fl; }
    sb_puts(&b, s);
    return b.s;
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void)
{
    Sb b = {0, 0, 0, 0};
    for (int i = 0; i < 2000; i++) sb_printf(&b, "%d:%x,", i, (unsigned)(i * 2654435761u));
    CHECK(b.len == strlen(b.s));
    CHECK(b.reallocs < 20 && b.cap >= b.len + 1);
    CHECK(strncmp(b.s, "0:0,1:9e3779b1,2:3c6ef362,", 26) == 0);
    uint32_t h = 0;
    for (size_t i = 0; i < b.len; i++) h = h * 31 + (unsigned char)b.s[i];

    StrVec parts = split(b.s, ',');
    CHECK(parts.n == 2001 && parts.v[2000][0] == 0);
    char *joined = join(&parts, ",");
    CHECK(strcmp(joined, b.s) == 0);
    free(joined);
    qsort(parts.v, parts.n, sizeof(char *), cmp_str);
    int sorted = 1;
    for (size_t i = 1; i < parts.n; i++) if (strcmp(parts.v[i - 1], parts.v[i]) > 0) sorted = 0;
    CHECK(sorted && parts.v[0][0] == 0 && strcmp(parts.v[1], "0:0") == 0);
    sv_free(&parts);

    char *r = replace_all("the cat sat on the mat with the hat", "the", "a");
    CHECK(strcmp(r, "a cat sat on a mat with a hat") == 0);
    free(r);
    r = replace_all("aaaa", "aa", "b");
    CHECK(strcmp(r, "bb") == 0);
    free(r);
    r = replace_all("abc", "x", "yyyy");
    CHECK(strcmp(r, "abc") == 0);
    free(r);
    r = replace_all(b.s, ",", ";;");
    CHECK(strlen(r) == b.len + 2000);
    free(r);

    StrVec e = split("", ',');
    CHECK(e.n == 1 && e.v[0][0] == 0);
    sv_free(&e);
    e = split(",,", ',');
    CHECK(e.n == 3);
    sv_free(&e);
    printf("len=%zu cap=%zu reallocs=%d hash=%08X\n", b.len, b.cap, b.reallocs, (unsigned)h);
    sb_free(&b);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
