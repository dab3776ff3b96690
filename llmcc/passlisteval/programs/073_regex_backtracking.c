/* Exercises: a small backtracking regex engine (. * + ? ^ $ [] classes) vs a Thompson-style NFA simulation on generated inputs. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

/* ---------- compile to a token list ---------- */
typedef struct { unsigned char set[32]; char quant; } Tok; /* quant: 0, '*', '+', '?' */
typedef struct { Tok t[64]; int n; int anchor_start, anchor_end; } Re;

static void set_add(Tok *t, int c) { t->set[c >> 3] |= (unsigned char)(1u << (c & 7)); }
static int set_has(const Tok *t, int c) { return t->set[c >> 3] >> (c & 7) & 1; }

static int compile(const char *p, Re *re)
{
    memset(re, 0, sizeof *re);
    if (*p == '^') { re->anchor_start = 1; p++; }
    while (*p) {
        if (*p == '$' && p[1] == 0) { re->anchor_end = 1; break; }
        Tok *t = &re->t[re->n++];
        if (*p == '.') { for (int c = 1; c < 256; c++) set_add(t, c); p++; }
        else if (*p == '[') {
            p++;
            int neg = *p == '^';
            if (neg) p++;
            unsigned char tmp[256] = {0};
            while (*p && *p != ']') {
                if (p[1] == '-' && p[2] && p[2] != ']') { for (int c = (unsigned char)p[0]; c <= (unsigned char)p[2]; c++) tmp[c] = 1; p += 3; }
                else tmp[(unsigned char)*p++] = 1;
            }
            if (*p != ']') return 0;
            p++;
            for (int c = 1; c < 256; c++) if (tmp[c] != neg) set_add(t, c);
        } else if (*p == '\\' && p[1]) { set_add(t, (unsigned char)p[1]); p += 2; }
        else set_add(t, (unsigned char)*p++);
        if (*p == '*' || *p == '+' || *p == '?') t->quant = *p++;
    }
    return 1;
}

/* ---------- backtracking matcher ---------- */
static long steps;
static int bt_here(const Re *re, int ti, const char *s)
{
    steps++;
    if (ti == re->n) return !re->anchor_end || *s == 0;
    const Tok *t = &re->t[ti];
    switch (t->quant) {
    case '?':
        if (*s && set_has(t, (unsigned char)*s) && bt_here(re, ti + 1, s + 1)) return 1;
        return bt_here(re, ti + 1, s);
    case '*': case '+': {
        const char *e = s;
        while (*e && set_has(t, (unsigned char)*e)) e++;
        for (; e >= s + (t->quant == '+'); e--) if (bt_here(re, ti + 1, e)) return 1;
        return 0;
    }
    default:
        return *s && set_has(t, (unsigned char)*s) && bt_here(re, ti + 1, s + 1);
    }
}
static int bt_match(const Re *re, const char *s)
{
    if (re->anchor_start) return bt_here(re, 0, s);
    do { if (bt_here(re, 0, s)) return 1; } while (*s++);
    return 0;
}

/* ---------- NFA state-set simulation ---------- */
typedef uint64_t Set;
static Set closure(const Re *re, Set st)
{
    /* a state i can be skipped if its token is optional ('*' or '?') */
    for (int i = 0; i < re->n; i++)
        if ((st >> i & 1) && (re->t[i].quant == '*' || re->t[i].quant == '?')) st |= 1ull << (i + 1);
    return st;
}
static int nfa_match(const Re *re, const char *s)
{
    Set cur = closure(re, 1);
    Set accept = 1ull << re->n;
    for (;; s++) {
        if ((cur & accept) && (!re->anchor_end || *s == 0)) return 1;
        if (!*s) return 0;
        Set nx = 0;
        for (int i = 0; i < re->n; i++) {
            if (!(cur >> i & 1) || !set_has(&re->t[i], (unsigned char)*s)) continue;
            nx |= 1ull << (i + 1);
            if (re->t[i].quant == '*' || re->t[i].quant == '+') nx |= 1ull << i;
        }
        if (!re->anchor_start) nx |= 1;
        cur = closure(re, nx);
    }
}

int main(void)
{
    static const struct { const char *re, *s; int m; } cases[] = {
        {"abc", "xxabcxx", 1}, {"^abc", "xabc", 0}, {"abc$", "abcabc", 1}, {"^a.c$", "abc", 1}, {"^a.c$", "abbc", 0},
        {"a*b", "b", 1}, {"^a+b", "b", 0}, {"colou?r", "color", 1}, {"colou?r", "colour", 1}, {"^[0-9]+$", "12345", 1},
        {"^[0-9]+$", "12a45", 0}, {"[^aeiou]+$", "rhythm", 1}, {"^\\.x", ".x", 1}, {"^\\.x", "ax", 0}, {"^a*a*a*b$", "aaaaaaaaaaaaaab", 1},
        {"^[a-c]*d?[x-z]+$", "abcabcz", 1}, {"^[a-c]*d?[x-z]+$", "abcddz", 0}, {"", "anything", 1}, {"^$", "", 1}, {"^$", "x", 0},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Re re;
        CHECK(compile(cases[i].re, &re));
        CHECK(bt_match(&re, cases[i].s) == cases[i].m);
        CHECK(nfa_match(&re, cases[i].s) == cases[i].m);
    }
    /* random patterns and strings over {a,b,c}: both engines agree */
    static const char *atoms[] = {"a", "b", "c", ".", "[ab]", "[^a]"};
    static const char *quants[] = {"", "", "*", "+", "?"};
    uint32_t x = 2;
    int bad = 0, matches = 0;
    for (int t = 0; t < 400; t++) {
        char pat[64] = "";
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        if (x & 1) strcat(pat, "^");
        int natoms = 1 + (int)(x >> 3) % 5;
        for (int k = 0; k < natoms; k++) {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            strcat(pat, atoms[x % 6]);
            strcat(pat, quants[(x >> 8) % 5]);
        }
        if (x & 0x10000) strcat(pat, "$");
        Re re;
        CHECK(compile(pat, &re));
        for (int k = 0; k < 10; k++) {
            char str[16];
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            int l = (int)(x % 12);
            for (int i = 0; i < l; i++) str[i] = (char)('a' + (x >> (2 * i)) % 3);
            str[l] = 0;
            int a = bt_match(&re, str), b = nfa_match(&re, str);
            if (a != b) bad++;
            matches += a;
        }
    }
    CHECK(bad == 0);
    printf("matches=%d steps=%ld\n", matches, steps);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
