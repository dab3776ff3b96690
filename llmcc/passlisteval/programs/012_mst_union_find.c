/* Exercises: union-find with path compression/union by rank, Kruskal with qsort vs O(V^2) Prim on a dense graph. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define NV 180

typedef struct { int u, v; int w; } E;

static int parent[NV], rnk[NV];
static int find(int x)
{
    while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
    return x;
}
static int unite(int a, int b)
{
    a = find(a); b = find(b);
    if (a == b) return 0;
    if (rnk[a] < rnk[b]) { int t = a; a = b; b = t; }
    parent[b] = a;
    if (rnk[a] == rnk[b]) rnk[a]++;
    return 1;
}

static int cmp_edge(const void *x, const void *y)
{
    const E *a = x, *b = y;
    if (a->w != b->w) return a->w < b->w ? -1 : 1;
    if (a->u != b->u) return a->u < b->u ? -1 : 1;
    return (a->v > b->v) - (a->v < b->v);
}

static int W[NV][NV];

static long prim(void)
{
    int in[NV] = {0}, best[NV];
    for (int i = 0; i < NV; i++) best[i] = INT32_MAX;
    best[0] = 0;
    long total = 0;
    for (int it = 0; it < NV; it++) {
        int u = -1;
        for (int i = 0; i < NV; i++) if (!in[i] && (u < 0 || best[i] < best[u])) u = i;
        in[u] = 1;
        total += best[u];
        for (int v = 0; v < NV; v++) if (!in[v] && W[u][v] < best[v]) best[v] = W[u][v];
    }
    return total;
}

int main(void)
{
    static E edges[NV * (NV - 1) / 2];
    int ne = 0;
    uint32_t s = 4242;
    for (int u = 0; u < NV; u++)
        for (int v = u + 1; v < NV; v++) {
            s ^= s << 13; s ^= s >> 17; s ^= s << 5;
            int w = (int)(s % 100000);
            W[u][v] = W[v][u] = w;
            edges[ne++] = (E){u, v, w};
        }
    for (int i = 0; i < NV; i++) W[i][i] = 0;
    qsort(edges, (size_t)ne, sizeof(E), cmp_edge);
    for (int i = 0; i < NV; i++) { parent[i] = i; rnk[i] = 0; }
    long kw = 0;
    int used = 0, maxw = 0;
    for (int i = 0; i < ne && used < NV - 1; i++)
        if (unite(edges[i].u, edges[i].v)) { kw += edges[i].w; used++; if (edges[i].w > maxw) maxw = edges[i].w; }
    CHECK(used == NV - 1);
    long pw = prim();
    CHECK(kw == pw);
    int root = find(0), one = 1;
    for (int i = 1; i < NV; i++) if (find(i) != root) one = 0;
    CHECK(one);

    /* connected components of the subgraph with w < threshold, checked by DFS */
    for (int th = 500; th <= 4000; th += 500) {
        for (int i = 0; i < NV; i++) { parent[i] = i; rnk[i] = 0; }
        int comps = NV;
        for (int i = 0; i < ne && edges[i].w < th; i++) comps -= unite(edges[i].u, edges[i].v);
        int seen[NV] = {0}, stack[NV], c2 = 0;
        for (int st = 0; st < NV; st++) {
            if (seen[st]) continue;
            c2++;
            int sp = 0;
            stack[sp++] = st; seen[st] = 1;
            while (sp) {
                int u = stack[--sp];
                for (int v = 0; v < NV; v++)
                    if (!seen[v] && u != v && W[u][v] < th) { seen[v] = 1; stack[sp++] = v; }
            }
        }
        CHECK(comps == c2);
        if (th == 4000) printf("components(<4000)=%d\n", comps);
    }
    printf("mst=%ld maxedge=%d\n", kw, maxw);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
