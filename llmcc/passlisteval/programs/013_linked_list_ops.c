/* Exercises: malloc/free singly and doubly linked lists: push, reverse, merge sort, dedupe, splice, cycle detection. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct Node { int val; struct Node *next; } Node;

static Node *push(Node *h, int v)
{
    Node *n = malloc(sizeof *n);
    n->val = v; n->next = h;
    return n;
}

static Node *reverse(Node *h)
{
    Node *prev = NULL;
    while (h) { Node *n = h->next; h->next = prev; prev = h; h = n; }
    return prev;
}

static Node *merge(Node *a, Node *b)
{
    Node dummy, *t = &dummy;
    while (a && b) {
        if (a->val <= b->val) { t->next = a; a = a->next; }
        else { t->next = b; b = b->next; }
        t = t->next;
    }
    t->next = a ? a : b;
    return dummy.next;
}

static Node *msort(Node *h)
{
    if (!h || !h->next) return h;
    Node *slow = h, *fast = h->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    Node *b = slow->next;
    slow->next = NULL;
    return merge(msort(h), msort(b));
}

static int length(const Node *h) { int n = 0; for (; h; h = h->next) n++; return n; }
static long sum(const Node *h) { long s = 0; for (; h; h = h->next) s += h->val; return s; }
static void free_list(Node *h) { while (h) { Node *n = h->next; free(h); h = n; } }

static int dedupe_sorted(Node *h)
{
    int removed = 0;
    while (h && h->next) {
        if (h->next->val == h->val) { Node *d = h->next; h->next = d->next; free(d); removed++; }
        else h = h->next;
    }
    return removed;
}

static int has_cycle(Node *h)
{
    Node *s = h, *f = h;
    while (f && f->next) { s = s->next; f = f->next->next; if (s == f) return 1; }
    return 0;
}

/* doubly linked list with sentinel */
typedef struct DNode { int v; struct DNode *prev, *next; } DNode;
static void d_insert_after(DNode *pos, int v)
{
    DNode *n = malloc(sizeof *n);
    n->v = v; n->prev = pos; n->next = pos->next;
    pos->next->prev = n; pos->next = n;
}
static void d_remove(DNode *n) { n->prev->next = n->next; n->next->prev = n->prev; free(n); }

int main(void)
{
    Node *list = NULL;
    uint32_t s = 1;
    long expect_sum = 0;
    for (int i = 0; i < 5000; i++) {
        s = s * 69069u + 1u;
        int v = (int)(s >> 20) % 1000 - 300;
        list = push(list, v);
        expect_sum += v;
    }
    CHECK(length(list) == 5000);
    CHECK(sum(list) == expect_sum);
    int first = list->val;
    list = reverse(list);
    Node *last = list;
    while (last->next) last = last->next;
    CHECK(last->val == first);
    list = msort(list);
    int sorted = 1;
    for (Node *p = list; p && p->next; p = p->next) if (p->val > p->next->val) sorted = 0;
    CHECK(sorted);
    CHECK(sum(list) == expect_sum);
    int removed = dedupe_sorted(list);
    int distinct = length(list);
    CHECK(distinct + removed == 5000);
    CHECK(distinct <= 1000);
    CHECK(!has_cycle(list));
    /* make a temporary cycle and detect it, then break it */
    Node *tail = list;
    while (tail->next) tail = tail->next;
    tail->next = list->next->next;
    CHECK(has_cycle(list));
    tail->next = NULL;
    CHECK(!has_cycle(list));
    int minv = list->val, maxv = tail->val;
    free_list(list);

    /* doubly linked list: Josephus problem, compare with recurrence */
    for (int n = 1; n <= 60; n++) {
        for (int k = 2; k <= 5; k++) {
            DNode sent = {0, &sent, &sent};
            for (int i = n; i >= 1; i--) d_insert_after(&sent, i);
            DNode *cur = sent.next;
            int remaining = n;
            while (remaining > 1) {
                for (int step = 1; step < k; step++) {
                    cur = cur->next;
                    if (cur == &sent) cur = cur->next;
                }
                DNode *nx = cur->next == &sent ? sent.next : cur->next;
                d_remove(cur);
                remaining--;
                cur = nx;
            }
            int survivor = sent.next->v;
            d_remove(sent.next);
            int j = 0;
            for (int m = 2; m <= n; m++) j = (j + k) % m;
            CHECK(survivor == j + 1);
        }
    }
    printf("distinct=%d removed=%d min=%d max=%d sum=%ld\n", distinct, removed, minv, maxv, expect_sum);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
