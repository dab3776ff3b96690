/* Exercises: table-driven and switch-driven lexers (explicit state machines) for a C-like language, comment/string handling. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <ctype.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

enum Tok { T_IDENT, T_NUMBER, T_STRING, T_OP, T_KEYWORD, T_ERROR, T_COUNT };
enum State { S_START, S_IDENT, S_NUM, S_HEX, S_STR, S_STR_ESC, S_SLASH, S_LCOMMENT, S_BCOMMENT, S_BSTAR };

static const char *keywords[] = {"if", "else", "while", "for", "return", "int", "char", "struct"};

static int is_keyword(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (strlen(keywords[i]) == n && memcmp(keywords[i], s, n) == 0) return 1;
    return 0;
}

typedef struct { int counts[T_COUNT]; uint32_t hash; int lines; } LexResult;

static void emit(LexResult *r, enum Tok t, const char *s, size_t n)
{
    r->counts[t]++;
    r->hash = (r->hash ^ (uint32_t)t) * 16777619u;
    for (size_t i = 0; i < n; i++) r->hash = (r->hash ^ (unsigned char)s[i]) * 16777619u;
}

static LexResult lex_switch(const char *src)
{
    LexResult r;
    memset(&r, 0, sizeof r);
    r.hash = 2166136261u;
    enum State st = S_START;
    const char *tok = src;
    for (const char *p = src;; p++) {
        char c = *p;
        if (c == '\n') r.lines++;
        switch (st) {
        case S_START:
        start:
            tok = p;
            if (c == 0) return r;
            if (isalpha((unsigned char)c) || c == '_') st = S_IDENT;
            else if (c == '0' && (p[1] == 'x' || p[1] == 'X')) { st = S_HEX; p++; }
            else if (isdigit((unsigned char)c)) st = S_NUM;
            else if (c == '"') st = S_STR;
            else if (c == '/') st = S_SLASH;
            else if (isspace((unsigned char)c)) {}
            else if (strchr("+-*%=<>!&|;,(){}[]", c)) {
                size_t n = 1;
                if ((c == '=' || c == '!' || c == '<' || c == '>') && p[1] == '=') n = 2;
                else if ((c == '&' || c == '|' || c == '+' || c == '-') && p[1] == c) n = 2;
                emit(&r, T_OP, p, n);
                p += n - 1;
            } else emit(&r, T_ERROR, p, 1);
            break;
        case S_IDENT:
            if (isalnum((unsigned char)c) || c == '_') break;
            emit(&r, is_keyword(tok, (size_t)(p - tok)) ? T_KEYWORD : T_IDENT, tok, (size_t)(p - tok));
            st = S_START;
            goto start;
        case S_NUM:
            if (isdigit((unsigned char)c)) break;
            emit(&r, T_NUMBER, tok, (size_t)(p - tok));
            st = S_START;
            goto start;
        case S_HEX:
            if (isxdigit((unsigned char)c)) break;
            emit(&r, p - tok > 2 ? T_NUMBER : T_ERROR, tok, (size_t)(p - tok));
            st = S_START;
            goto start;
        case S_STR:
            if (c == '\\') st = S_STR_ESC;
            else if (c == '"') { emit(&r, T_STRING, tok, (size_t)(p - tok + 1)); st = S_START; }
            else if (c == 0 || c == '\n') { emit(&r, T_ERROR, tok, 1); st = S_START; goto start; }
            break;
        case S_STR_ESC:
            if (c == 0) { emit(&r, T_ERROR, tok, 1); return r; }
            st = S_STR;
            break;
        case S_SLASH:
            if (c == '/') st = S_LCOMMENT;
            else if (c == '*') st = S_BCOMMENT;
            else { emit(&r, T_OP, tok, 1); st = S_START; goto start; }
            break;
        case S_LCOMMENT:
            if (c == '\n' || c == 0) { st = S_START; if (c == 0) return r; }
            break;
        case S_BCOMMENT:
            if (c == '*') st = S_BSTAR;
            else if (c == 0) { emit(&r, T_ERROR, tok, 2); return r; }
            break;
        case S_BSTAR:
            if (c == '/') st = S_START;
            else if (c == 0) { emit(&r, T_ERROR, tok, 2); return r; }
            else if (c != '*') st = S_BCOMMENT;
            break;
        }
    }
}

/* A second, character-class-table lexer that only counts identifiers/numbers/ops (no strings/comments). */
enum Cls { C_OTHER, C_ALPHA, C_DIGIT, C_SPACE, C_OP };
static unsigned char cls[256];
static void init_cls(void)
{
    for (int c = 0; c < 256; c++) {
        cls[c] = C_OTHER;
        if (isalpha(c) || c == '_') cls[c] = C_ALPHA;
        else if (isdigit(c)) cls[c] = C_DIGIT;
        else if (isspace(c)) cls[c] = C_SPACE;
        else if (c && strchr("+-*%=<>!&|;,(){}[]/", c)) cls[c] = C_OP;
    }
}
/* transition table: [state][class] -> next state; states 0=start 1=ident 2=num */
static const unsigned char trans[3][5] = {{0, 1, 2, 0, 0}, {0, 1, 1, 0, 0}, {0, 0, 2, 0, 0}};
static void lex_table(const char *s, int *idents, int *numbers)
{
    int st = 0;
    *idents = *numbers = 0;
    for (;; s++) {
        int c = cls[(unsigned char)*s];
        int ns = trans[st][c];
        if (st == 1 && ns != 1) (*idents)++;
        if (st == 2 && ns != 2) {
            (*numbers)++;
            if (c == C_ALPHA) ns = 1;
        }
        if (!*s) break;
        st = ns;
    }
}

int main(void)
{
    init_cls();
    LexResult r = lex_switch("int main() { return x1 + 0x1F * 42; } // done\n/* block * comment */ \"str\\\"ing\" a<=b && c!=d");
    CHECK(r.counts[T_KEYWORD] == 2);
    CHECK(r.counts[T_IDENT] == 6);
    CHECK(r.counts[T_NUMBER] == 2);
    CHECK(r.counts[T_STRING] == 1);
    CHECK(r.counts[T_OP] == 10);
    CHECK(r.counts[T_ERROR] == 0);
    CHECK(r.lines == 1);
    r = lex_switch("\"unterminated\n 0x @ /* open");
    CHECK(r.counts[T_ERROR] == 4);

    /* generate a large program from fragments and lex it */
    static const char *frags[] = {"while (i < n) { ", "sum += a[i] * 3; ", "i++; } ", "/* c */ ", "// line\n",
                                  "if (x >= 0x10) return y; ", "char s = \"q\\\\\"; ", "struct p; ", "\n", "z=1-2-3;"};
    static char buf[60000];
    size_t len = 0;
    uint32_t x = 1;
    int expect_kw = 0;
    while (len < sizeof buf - 100) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        unsigned k = x % 10;
        size_t n = strlen(frags[k]);
        memcpy(buf + len, frags[k], n);
        len += n;
        expect_kw += k == 0 || k == 6 || k == 7 ? 1 : k == 5 ? 2 : 0;
    }
    buf[len] = 0;
    r = lex_switch(buf);
    CHECK(r.counts[T_KEYWORD] == expect_kw);
    CHECK(r.counts[T_ERROR] == 0);

    int id, num;
    lex_table("abc 123 x9 9x a_b 0", &id, &num);
    CHECK(id == 4 && num == 3);
    printf("kw=%d id=%d num=%d str=%d op=%d lines=%d hash=%08X\n", r.counts[T_KEYWORD], r.counts[T_IDENT], r.counts[T_NUMBER],
           r.counts[T_STRING], r.counts[T_OP], r.lines, (unsigned)r.hash);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
