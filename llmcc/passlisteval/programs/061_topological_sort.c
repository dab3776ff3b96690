/* Exercises: DAG generation, Kahn's algorithm (with a min-heap for lexicographic order) vs DFS post-order, longest path DP, cycle detection. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define NV 400
#define NE 3000

static int head[NV], nxt[NE + 8], to[NE + 8], ne;
static void add_edge(int a, int b) { to[ne] = b; nxt[ne] = head[a]; head[a] = ne++; }

static int heap[NV], hn;
static void hpush(int v) { int i = hn++; while (i && heap[(i - 1) / 2] > v) { heap[i] = heap[(i - 1) / 2]; i = (i - 1) / 2; } heap[i] = v; }
static int hpop(void)
{
    int top = heap[0], last = heap[--hn], i = 0;
    for (;;) { int c = 2 * i + 1; if (c >= hn) break; if (c + 1 < hn && heap[c + 1] < heap[c]) c++; if (heap[c] >= last) break; heap[i] = heap[c]; i = c; }
    heap[i] = last;
    return top;
}

static int kahn_lex(int n, int *order)
{
    int indeg[NV] = {0};
    for (int v = 0; v < n; v++) for (int e = head[v]; e >= 0; e = nxt[e]) indeg[to[e]]++;
    hn = 0;
    for (int v = 0; v < n; v++) if (!indeg[v]) hpush(v);
    int k = 0;
    while (hn) {
        int v = hpop();
        order[k++] = v;
        for (int e = head[v]; e >= 0; e = nxt[e]) if (--indeg[to[e]] == 0) hpush(to[e]);
    }
    return k; /* k < n means a cycle */
}

static int color[NV], post[NV], npost, has_cycle;
static void dfs(int v)
{
    color[v] = 1;
    for (int e = head[v]; e >= 0; e = nxt[e]) {
        if (color[to[e]] == 1) has_cycle = 1;
        else if (color[to[e]] == 0) dfs(to[e]);
    }
    color[v] = 2;
    post[npost++] = v;
}

static int valid_order(int n, const int *order)
{
    int pos[NV];
    for (int i = 0; i < n; i++) pos[order[i]] = i;
    for (int v = 0; v < n; v++) for (int e = head[v]; e >= 0; e = nxt[e]) if (pos[v] >= pos[to[e]]) return 0;
    return 1;
}

int main(void)
{
    /* random DAG: edges go from lower to higher value of a hidden permutation */
    int perm[NV];
    for (int i = 0; i < NV; i++) perm[i] = i;
    uint32_t s = 555;
    for (int i = NV - 1; i > 0; i--) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; int j = (int)(s % (uint32_t)(i + 1)); int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
    memset(head, -1, sizeof head);
    ne = 0;
    for (int i = 0; i < NE; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        int a = (int)(s % NV), b = (int)((s >> 12) % NV);
        if (a == b) continue;
        if (a > b) { int t = a; a = b; b = t; }
        add_edge(perm[a], perm[b]);
    }
    int order[NV];
    CHECK(kahn_lex(NV, order) == NV);
    CHECK(valid_order(NV, order));
    /* lexicographically smallest: the first vertex is the smallest source */
    int indeg[NV] = {0};
    for (int v = 0; v < NV; v++) for (int e = head[v]; e >= 0; e = nxt[e]) indeg[to[e]]++;
    int smallest_src = -1;
    for (int v = 0; v < NV && smallest_src < 0; v++) if (!indeg[v]) smallest_src = v;
    CHECK(order[0] == smallest_src);

    memset(color, 0, sizeof color);
    npost = 0; has_cycle = 0;
    for (int v = 0; v < NV; v++) if (!color[v]) dfs(v);
    CHECK(!has_cycle && npost == NV);
    int rev[NV];
    for (int i = 0; i < NV; i++) rev[i] = post[NV - 1 - i];
    CHECK(valid_order(NV, rev));

    /* longest path (in edges) via DP over topological order, checked by relaxation to fixpoint */
    int dist[NV] = {0}, dist2[NV] = {0};
    for (int i = 0; i < NV; i++) {
        int v = order[i];
        for (int e = head[v]; e >= 0; e = nxt[e]) if (dist[v] + 1 > dist[to[e]]) dist[to[e]] = dist[v] + 1;
    }
    int changed = 1, rounds = 0;
    while (changed) {
        changed = 0; rounds++;
        for (int v = 0; v < NV; v++)
            for (int e = head[v]; e >= 0; e = nxt[e]) if (dist2[v] + 1 > dist2[to[e]]) { dist2[to[e]] = dist2[v] + 1; changed = 1; }
    }
    CHECK(memcmp(dist, dist2, sizeof dist) == 0);
    int longest = 0;
    for (int v = 0; v < NV; v++) if (dist[v] > longest) longest = dist[v];

    /* add a back edge to create a cycle: both methods must detect it */
    int a = order[10], b = order[300];
    add_edge(b, a);
    int reachable_cycle = 0;
    /* is a -> ... -> b reachable? */
    {
        int seen[NV] = {0}, st[NV], sp = 0;
        st[sp++] = a; seen[a] = 1;
        while (sp) { int v = st[--sp]; if (v == b) reachable_cycle = 1; for (int e = head[v]; e >= 0; e = nxt[e]) if (!seen[to[e]]) { seen[to[e]] = 1; st[sp++] = to[e]; } }
    }
    int k = kahn_lex(NV, order);
    memset(color, 0, sizeof color);
    npost = 0; has_cycle = 0;
    for (int v = 0; v < NV; v++) if (!color[v]) dfs(v);
    CHECK((k < NV) == reachable_cycle);
    CHECK(has_cycle == reachable_cycle);
    printf("edges=%d longest=%d rounds=%d cycle=%d first=%d\n", ne, longest, rounds, reachable_cycle, smallest_src);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
