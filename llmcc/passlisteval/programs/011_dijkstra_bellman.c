/* Exercises: Dijkstra with a binary heap over an adjacency list vs Bellman-Ford and SPFA on a random weighted digraph. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define NV 300
#define NE 2400
#define INF INT64_MAX

typedef struct { int from, to, w, next; } Edge;
static Edge edges[NE];
static int head[NV];

typedef struct { int64_t d; int v; } HeapItem;
typedef struct { HeapItem *a; int n, cap; } Heap;

static void heap_push(Heap *h, HeapItem it)
{
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 16;
        h->a = realloc(h->a, sizeof(HeapItem) * (size_t)h->cap);
    }
    int i = h->n++;
    while (i > 0) {
        int p = (i - 1) / 2;
        if (h->a[p].d <= it.d) break;
        h->a[i] = h->a[p];
        i = p;
    }
    h->a[i] = it;
}

static HeapItem heap_pop(Heap *h)
{
    HeapItem top = h->a[0], last = h->a[--h->n];
    int i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= h->n) break;
        if (c + 1 < h->n && h->a[c + 1].d < h->a[c].d) c++;
        if (last.d <= h->a[c].d) break;
        h->a[i] = h->a[c];
        i = c;
    }
    if (h->n) h->a[i] = last;
    return top;
}

static void dijkstra(int src, int64_t *dist, int *parent)
{
    Heap h = {0, 0, 0};
    for (int i = 0; i < NV; i++) { dist[i] = INF; parent[i] = -1; }
    dist[src] = 0;
    heap_push(&h, (HeapItem){0, src});
    while (h.n) {
        HeapItem it = heap_pop(&h);
        if (it.d > dist[it.v]) continue;
        for (int e = head[it.v]; e >= 0; e = edges[e].next) {
            int64_t nd = it.d + edges[e].w;
            if (nd < dist[edges[e].to]) {
                dist[edges[e].to] = nd;
                parent[edges[e].to] = e;
                heap_push(&h, (HeapItem){nd, edges[e].to});
            }
        }
    }
    free(h.a);
}

static void bellman_ford(int src, int64_t *dist)
{
    for (int i = 0; i < NV; i++) dist[i] = INF;
    dist[src] = 0;
    for (int round = 0; round < NV - 1; round++) {
        int changed = 0;
        for (int e = 0; e < NE; e++)
            if (dist[edges[e].from] != INF && dist[edges[e].from] + edges[e].w < dist[edges[e].to]) {
                dist[edges[e].to] = dist[edges[e].from] + edges[e].w;
                changed = 1;
            }
        if (!changed) break;
    }
}

static void spfa(int src, int64_t *dist)
{
    static int queue[NV];
    static char inq[NV];
    memset(inq, 0, sizeof inq);
    for (int i = 0; i < NV; i++) dist[i] = INF;
    dist[src] = 0;
    int qh = 0, qt = 0, cnt = 0;
    queue[qt] = src; qt = (qt + 1) % NV; inq[src] = 1; cnt++;
    while (cnt) {
        int u = queue[qh]; qh = (qh + 1) % NV; cnt--; inq[u] = 0;
        for (int e = head[u]; e >= 0; e = edges[e].next) {
            int v = edges[e].to;
            if (dist[u] + edges[e].w < dist[v]) {
                dist[v] = dist[u] + edges[e].w;
                if (!inq[v]) { queue[qt] = v; qt = (qt + 1) % NV; inq[v] = 1; cnt++; }
            }
        }
    }
}

int main(void)
{
    uint32_t s = 99991;
    memset(head, -1, sizeof head);
    for (int e = 0; e < NE; e++) {
        s = s * 1103515245u + 12345u; int a = (int)((s >> 8) % NV);
        s = s * 1103515245u + 12345u; int b = (int)((s >> 8) % NV);
        s = s * 1103515245u + 12345u; int w = (int)((s >> 8) % 1000) + 1;
        if (e < NV - 1) { a = e; b = e + 1; w = 1000 + w; } /* guarantee a long chain */
        edges[e] = (Edge){a, b, w, head[a]};
        head[a] = e;
    }
    static int64_t d1[NV], d2[NV], d3[NV];
    static int par[NV];
    int64_t sum = 0;
    for (int src = 0; src < NV; src += 37) {
        dijkstra(src, d1, par);
        bellman_ford(src, d2);
        spfa(src, d3);
        int same = memcmp(d1, d2, sizeof d1) == 0 && memcmp(d2, d3, sizeof d2) == 0;
        CHECK(same);
        /* path reconstruction: sum of edge weights along parents equals distance */
        for (int v = 0; v < NV; v++) {
            if (d1[v] == INF) continue;
            int64_t acc = 0;
            int u = v, hops = 0;
            while (par[u] >= 0 && hops <= NV) { acc += edges[par[u]].w; u = edges[par[u]].from; hops++; }
            CHECK(u == src && acc == d1[v]);
            sum += d1[v];
        }
    }
    /* triangle inequality over all edges for last source */
    for (int e = 0; e < NE; e++)
        if (d1[edges[e].from] != INF) CHECK(d1[edges[e].to] <= d1[edges[e].from] + edges[e].w);
    printf("sum=%lld d(last,0)=%lld\n", (long long)sum, (long long)(d1[0] == INF ? -1 : d1[0]));
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
