/* Exercises: recursive AVL tree insert/delete with rotations, invariant checking, in-order traversal and rank queries. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct T { int key, h, size; struct T *l, *r; } T;

static int ht(const T *t) { return t ? t->h : 0; }
static int sz(const T *t) { return t ? t->size : 0; }
static void upd(T *t)
{
    int a = ht(t->l), b = ht(t->r);
    t->h = (a > b ? a : b) + 1;
    t->size = sz(t->l) + sz(t->r) + 1;
}
static T *rot_r(T *y) { T *x = y->l; y->l = x->r; x->r = y; upd(y); upd(x); return x; }
static T *rot_l(T *x) { T *y = x->r; x->r = y->l; y->l = x; upd(x); upd(y); return y; }

static T *balance(T *t)
{
    upd(t);
    int bf = ht(t->l) - ht(t->r);
    if (bf > 1) {
        if (ht(t->l->l) < ht(t->l->r)) t->l = rot_l(t->l);
        return rot_r(t);
    }
    if (bf < -1) {
        if (ht(t->r->r) < ht(t->r->l)) t->r = rot_r(t->r);
        return rot_l(t);
    }
    return t;
}

static T *insert(T *t, int k, int *added)
{
    if (!t) {
        T *n = malloc(sizeof *n);
        n->key = k; n->h = 1; n->size = 1; n->l = n->r = NULL;
        *added = 1;
        return n;
    }
    if (k < t->key) t->l = insert(t->l, k, added);
    else if (k > t->key) t->r = insert(t->r, k, added);
    else return t;
    return balance(t);
}

static T *remove_min(T *t, T **minnode)
{
    if (!t->l) { *minnode = t; return t->r; }
    t->l = remove_min(t->l, minnode);
    return balance(t);
}

static T *erase(T *t, int k, int *removed)
{
    if (!t) return NULL;
    if (k < t->key) t->l = erase(t->l, k, removed);
    else if (k > t->key) t->r = erase(t->r, k, removed);
    else {
        *removed = 1;
        T *l = t->l, *r = t->r;
        free(t);
        if (!r) return l;
        T *m;
        r = remove_min(r, &m);
        m->l = l; m->r = r;
        return balance(m);
    }
    return balance(t);
}

static int verify(const T *t, long lo, long hi)
{
    if (!t) return 1;
    if (t->key <= lo || t->key >= hi) return 0;
    int bf = ht(t->l) - ht(t->r);
    if (bf < -1 || bf > 1) return 0;
    int h = (ht(t->l) > ht(t->r) ? ht(t->l) : ht(t->r)) + 1;
    if (t->h != h || t->size != sz(t->l) + sz(t->r) + 1) return 0;
    return verify(t->l, lo, t->key) && verify(t->r, t->key, hi);
}

static int kth(const T *t, int k) /* 0-based */
{
    while (t) {
        int ls = sz(t->l);
        if (k < ls) t = t->l;
        else if (k == ls) return t->key;
        else { k -= ls + 1; t = t->r; }
    }
    return -1;
}

static void inorder(const T *t, int *out, int *n)
{
    if (!t) return;
    inorder(t->l, out, n);
    out[(*n)++] = t->key;
    inorder(t->r, out, n);
}

static void destroy(T *t) { if (t) { destroy(t->l); destroy(t->r); free(t); } }

#define RANGE 8192
static unsigned char present[RANGE];
static int out[RANGE];

int main(void)
{
    T *root = NULL;
    uint32_t s = 77;
    int count = 0, ops = 0;
    for (int i = 0; i < 12000; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        int k = (int)(s % RANGE);
        int flag = 0;
        if ((s >> 20) % 3) {
            root = insert(root, k, &flag);
            CHECK(flag == !present[k]);
            if (flag) { present[k] = 1; count++; }
        } else {
            root = erase(root, k, &flag);
            CHECK(flag == present[k]);
            if (flag) { present[k] = 0; count--; }
        }
        ops += flag;
        if (i % 1000 == 0) CHECK(verify(root, -1, RANGE));
    }
    CHECK(verify(root, -1, RANGE));
    CHECK(sz(root) == count);
    int n = 0;
    inorder(root, out, &n);
    CHECK(n == count);
    int j = 0, ok = 1;
    for (int k = 0; k < RANGE; k++) if (present[k]) { if (out[j] != k) ok = 0; j++; }
    CHECK(ok);
    for (int k = 0; k < n; k += 97) CHECK(kth(root, k) == out[k]);
    /* AVL height bound: h < 1.4405 log2(n+2) */
    int h = ht(root), bound = 0;
    for (int v = n + 2; v > 1; v >>= 1) bound++;
    CHECK(h * 10000 < 14405 * (bound + 1));
    printf("count=%d ops=%d height=%d median=%d\n", count, ops, h, kth(root, n / 2));
    destroy(root);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
