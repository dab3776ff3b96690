/* Exercises: recursive-descent JSON parser building a malloc'd tree (objects, arrays, strings with escapes, numbers), serializer round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } JType;
typedef struct JVal {
    JType type;
    long long num;   /* integers only */
    int boolean;
    char *str;       /* string value, or key for object members */
    struct JVal *child, *next;
    char *key;
} JVal;

typedef struct { const char *p; int err; } Parser;

static void skip_ws(Parser *ps) { while (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' || *ps->p == '\r') ps->p++; }
static JVal *new_val(JType t) { JVal *v = calloc(1, sizeof *v); v->type = t; return v; }

static void free_val(JVal *v)
{
    while (v) {
        JVal *n = v->next;
        free_val(v->child);
        free(v->str); free(v->key); free(v);
        v = n;
    }
}

static char *parse_string_raw(Parser *ps)
{
    if (*ps->p != '"') { ps->err = 1; return NULL; }
    ps->p++;
    size_t cap = 16, n = 0;
    char *out = malloc(cap);
    while (*ps->p && *ps->p != '"') {
        char c = *ps->p++;
        if (c == '\\') {
            char e = *ps->p++;
            switch (e) {
            case 'n': c = '\n'; break; case 't': c = '\t'; break; case '"': c = '"'; break;
            case '\\': c = '\\'; break; case '/': c = '/'; break;
            case 'u': {
                unsigned v = 0;
                for (int i = 0; i < 4; i++) {
                    char h = *ps->p++;
                    v = v * 16 + (unsigned)(h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 99);
                }
                if (v > 0x7F) { ps->err = 1; free(out); return NULL; }
                c = (char)v;
                break;
            }
            default: ps->err = 1; free(out); return NULL;
            }
        }
        if (n + 2 > cap) { cap *= 2; out = realloc(out, cap); }
        out[n++] = c;
    }
    if (*ps->p != '"') { ps->err = 1; free(out); return NULL; }
    ps->p++;
    out[n] = 0;
    return out;
}

static JVal *parse_value(Parser *ps, int depth)
{
    skip_ws(ps);
    if (depth > 64) { ps->err = 1; return NULL; }
    char c = *ps->p;
    if (c == '{' || c == '[') {
        int obj = c == '{';
        JVal *v = new_val(obj ? J_OBJ : J_ARR), **tail = &v->child;
        ps->p++;
        skip_ws(ps);
        if (*ps->p == (obj ? '}' : ']')) { ps->p++; return v; }
        for (;;) {
            char *key = NULL;
            if (obj) {
                skip_ws(ps);
                key = parse_string_raw(ps);
                skip_ws(ps);
                if (ps->err || *ps->p != ':') { ps->err = 1; free(key); free_val(v); return NULL; }
                ps->p++;
            }
            JVal *item = parse_value(ps, depth + 1);
            if (ps->err) { free(key); free_val(item); free_val(v); return NULL; }
            item->key = key;
            *tail = item; tail = &item->next;
            skip_ws(ps);
            if (*ps->p == ',') { ps->p++; continue; }
            if (*ps->p == (obj ? '}' : ']')) { ps->p++; return v; }
            ps->err = 1; free_val(v); return NULL;
        }
    }
    if (c == '"') { JVal *v = new_val(J_STR); v->str = parse_string_raw(ps); if (ps->err) { free_val(v); return NULL; } return v; }
    if (!strncmp(ps->p, "true", 4)) { ps->p += 4; JVal *v = new_val(J_BOOL); v->boolean = 1; return v; }
    if (!strncmp(ps->p, "false", 5)) { ps->p += 5; return new_val(J_BOOL); }
    if (!strncmp(ps->p, "null", 4)) { ps->p += 4; return new_val(J_NULL); }
    if (c == '-' || (c >= '0' && c <= '9')) {
        int neg = c == '-';
        if (neg) ps->p++;
        if (*ps->p < '0' || *ps->p > '9') { ps->err = 1; return NULL; }
        long long n = 0;
        while (*ps->p >= '0' && *ps->p <= '9') { if (n > 100000000000000LL) { ps->err = 1; return NULL; } n = n * 10 + (*ps->p++ - '0'); }
        JVal *v = new_val(J_NUM);
        v->num = neg ? -n : n;
        return v;
    }
    ps->err = 1;
    return NULL;
}

static JVal *parse(const char *s)
{
    Parser ps = {s, 0};
    JVal *v = parse_value(&ps, 0);
    skip_ws(&ps);
    if (!ps.err && *ps.p) ps.err = 1;
    if (ps.err) { free_val(v); return NULL; }
    return v;
}

static size_t emit_str(char *o, const char *s)
{
    size_t n = 0;
    o[n++] = '"';
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') { o[n++] = '\\'; o[n++] = *s; }
        else if (*s == '\n') { o[n++] = '\\'; o[n++] = 'n'; }
        else if (*s == '\t') { o[n++] = '\\'; o[n++] = 't'; }
        else o[n++] = *s;
    }
    o[n++] = '"';
    return n;
}

static size_t serialize(const JVal *v, char *o)
{
    size_t n = 0;
    switch (v->type) {
    case J_NULL: memcpy(o, "null", 4); return 4;
    case J_BOOL: if (v->boolean) { memcpy(o, "true", 4); return 4; } memcpy(o, "false", 5); return 5;
    case J_NUM: return (size_t)sprintf(o, "%lld", v->num);
    case J_STR: return emit_str(o, v->str);
    case J_ARR: case J_OBJ:
        o[n++] = v->type == J_ARR ? '[' : '{';
        for (const JVal *c = v->child; c; c = c->next) {
            if (c != v->child) o[n++] = ',';
            if (v->type == J_OBJ) { n += emit_str(o + n, c->key); o[n++] = ':'; }
            n += serialize(c, o + n);
        }
        o[n++] = v->type == J_ARR ? ']' : '}';
        return n;
    }
    return 0;
}

static long long sum_numbers(const JVal *v) { long long s = 0; for (; v; v = v->next) s += (v->type == J_NUM ? v->num : 0) + sum_numbers(v->child); return s; }
static int max_depth(const JVal *v) { int m = 0; for (; v; v = v->next) { int d = v->child ? 1 + max_depth(v->child) : (v->type >= J_ARR); if (d > m) m = d; } return m; }
static const JVal *get(const JVal *obj, const char *key) { for (const JVal *c = obj->child; c; c = c->next) if (c->key && !strcmp(c->key, key)) return c; return NULL; }

/* generate a random document */
static uint32_t rs = 99;
static uint32_t rnd(void) { rs ^= rs << 13; rs ^= rs >> 17; rs ^= rs << 5; return rs; }
static size_t gen(char *o, int depth)
{
    uint32_t r = rnd() % (depth > 4 ? 4 : 6);
    size_t n = 0;
    switch (r) {
    case 0: return (size_t)sprintf(o, "%d", (int)(rnd() % 200001) - 100000);
    case 1: return (size_t)sprintf(o, "\"s%u\\n\\\"q\\u0041\"", rnd() % 1000);
    case 2: return (size_t)sprintf(o, "%s", rnd() & 1 ? "true" : "null");
    case 3: return (size_t)sprintf(o, "%s", "false");
    case 4: {
        int k = (int)(rnd() % 5);
        o[n++] = '[';
        for (int i = 0; i < k; i++) { if (i) { o[n++] = ','; o[n++] = ' '; } n += gen(o + n, depth + 1); }
        o[n++] = ']';
        return n;
    }
    default: {
        int k = (int)(rnd() % 4);
        o[n++] = '{';
        for (int i = 0; i < k; i++) { if (i) o[n++] = ','; n += (size_t)sprintf(o + n, "\n \"k%d\" : ", i); n += gen(o + n, depth + 1); }
        o[n++] = '}';
        return n;
    }
    }
}

int main(void)
{
    JVal *v = parse("{\"name\": \"llmcc\", \"n\": [1, 2, -3, {\"x\": 40}], \"ok\": true, \"none\": null, \"s\": \"a\\\"b\\\\c\\u0041\"}");
    CHECK(v != NULL);
    if (v) {
        CHECK(sum_numbers(v->child) == 40);
        CHECK(get(v, "ok")->boolean == 1 && get(v, "none")->type == J_NULL);
        CHECK(strcmp(get(v, "s")->str, "a\"b\\cA") == 0);
        CHECK(max_depth(v->child) == 2);
        free_val(v);
    }
    static const char *bad_docs[] = {"", "[1,]", "{\"a\" 1}", "[1 2]", "{\"a\":}", "\"unterminated", "[\"\\x\"]", "tru", "-", "[1]]"};
    for (int i = 0; i < 10; i++) CHECK(parse(bad_docs[i]) == NULL);

    static char doc[200000], out1[200000], out2[200000];
    long long total = 0;
    int roundtrips = 0;
    for (int t = 0; t < 60; t++) {
        size_t n = gen(doc, 0);
        doc[n] = 0;
        JVal *a = parse(doc);
        CHECK(a != NULL);
        if (!a) continue;
        size_t l1 = serialize(a, out1);
        out1[l1] = 0;
        JVal *b = parse(out1);
        CHECK(b != NULL);
        if (b) {
            size_t l2 = serialize(b, out2);
            out2[l2] = 0;
            CHECK(l1 == l2 && strcmp(out1, out2) == 0);
            CHECK(sum_numbers(a) == sum_numbers(b));
            total += sum_numbers(b);
            roundtrips++;
            free_val(b);
        }
        free_val(a);
    }
    printf("roundtrips=%d total=%lld last=%.50s\n", roundtrips, total, out1);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
