/* Exercises: pointer-based trie with malloc'd nodes: insert, lookup, prefix counting, lexicographic DFS enumeration, deletion. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct Node { struct Node *child[26]; int count; int prefix; } Node;

static Node *node_new(void) { return calloc(1, sizeof(Node)); }

static void trie_insert(Node *root, const char *w)
{
    Node *n = root;
    n->prefix++;
    for (; *w; w++) {
        int c = *w - 'a';
        if (!n->child[c]) n->child[c] = node_new();
        n = n->child[c];
        n->prefix++;
    }
    n->count++;
}

static int trie_count(const Node *root, const char *w)
{
    const Node *n = root;
    for (; *w && n; w++) n = n->child[*w - 'a'];
    return n ? n->count : 0;
}

static int trie_prefix(const Node *root, const char *p)
{
    const Node *n = root;
    for (; *p && n; p++) n = n->child[*p - 'a'];
    return n ? n->prefix : 0;
}

static int trie_remove(Node *root, const char *w)
{
    if (trie_count(root, w) == 0) return 0;
    Node *n = root;
    n->prefix--;
    for (; *w; w++) {
        Node *c = n->child[*w - 'a'];
        if (--c->prefix == 0) {
            /* free the whole now-empty chain */
            n->child[*w - 'a'] = NULL;
            Node *stack[64];
            int sp = 0;
            stack[sp++] = c;
            while (sp) {
                Node *d = stack[--sp];
                for (int i = 0; i < 26; i++) if (d->child[i]) stack[sp++] = d->child[i];
                free(d);
            }
            return 1;
        }
        n = c;
    }
    n->count--;
    return 1;
}

static char words_out[8][32];
static int enum_count;
static uint32_t enum_hash;
static char prev_word[32];
static int order_ok = 1;

static void enumerate(const Node *n, char *buf, int depth)
{
    if (n->count) {
        buf[depth] = 0;
        if (enum_count < 8) strcpy(words_out[enum_count], buf);
        if (enum_count && strcmp(prev_word, buf) >= 0) order_ok = 0;
        strcpy(prev_word, buf);
        enum_count++;
        for (int i = 0; i < depth; i++) enum_hash = enum_hash * 31 + (unsigned char)buf[i];
        enum_hash = enum_hash * 7 + (uint32_t)n->count;
    }
    for (int c = 0; c < 26; c++)
        if (n->child[c]) { buf[depth] = (char)('a' + c); enumerate(n->child[c], buf, depth + 1); }
}

static void free_trie(Node *n) { for (int i = 0; i < 26; i++) if (n->child[i]) free_trie(n->child[i]); free(n); }

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void)
{
    Node *root = node_new();
    static char store[4000][12];
    char *ptrs[4000];
    uint32_t x = 1234567;
    for (int i = 0; i < 4000; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        int len = 1 + (int)(x % 8);
        for (int k = 0; k < len; k++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; store[i][k] = (char)('a' + x % 6); }
        store[i][len] = 0;
        ptrs[i] = store[i];
        trie_insert(root, store[i]);
    }
    CHECK(root->prefix == 4000);
    /* verify counts and prefixes against brute force for a sample */
    int bad = 0;
    for (int i = 0; i < 4000; i += 17) {
        int c = 0, p = 0;
        size_t pl = strlen(store[i]) > 2 ? 2 : strlen(store[i]);
        for (int j = 0; j < 4000; j++) {
            c += strcmp(store[i], store[j]) == 0;
            p += strncmp(store[i], store[j], pl) == 0;
        }
        char pre[4];
        memcpy(pre, store[i], pl); pre[pl] = 0;
        if (trie_count(root, store[i]) != c || trie_prefix(root, pre) != p) bad++;
    }
    CHECK(bad == 0);
    /* enumeration order equals qsort order of distinct words */
    qsort(ptrs, 4000, sizeof ptrs[0], cmp_str);
    int distinct = 0;
    for (int i = 0; i < 4000; i++) if (i == 0 || strcmp(ptrs[i], ptrs[i - 1])) distinct++;
    char buf[32];
    enumerate(root, buf, 0);
    CHECK(order_ok);
    CHECK(enum_count == distinct);
    CHECK(strcmp(words_out[0], ptrs[0]) == 0);

    /* remove every occurrence of every word starting with 'a' */
    int removed = 0;
    for (int i = 0; i < 4000; i++) if (store[i][0] == 'a') removed += trie_remove(root, store[i]);
    CHECK(trie_prefix(root, "a") == 0);
    CHECK(root->prefix == 4000 - removed);
    CHECK(!trie_remove(root, "abc"));
    CHECK(trie_count(root, "zzz") == 0);
    int bpref = 0;
    for (int i = 0; i < 4000; i++) bpref += store[i][0] == 'b';
    CHECK(trie_prefix(root, "b") == bpref);
    printf("distinct=%d removed=%d hash=%08X first=%s\n", distinct, removed, (unsigned)enum_hash, words_out[0]);
    free_trie(root);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
