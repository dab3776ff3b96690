/* Exercises: strongly connected components with recursive Tarjan vs iterative Kosaraju, condensation DAG and reachability checks. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define NV 250
#define NE 600

static int head[NV], nxt[NE], to[NE], rhead[NV], rnxt[NE], rto[NE], ne;

static int idx[NV], low[NV], onst[NV], st[NV], sp, counter, comp_t[NV], ncomp_t;
static void tarjan(int v)
{
    idx[v] = low[v] = ++counter;
    st[sp++] = v; onst[v] = 1;
    for (int e = head[v]; e >= 0; e = nxt[e]) {
        int w = to[e];
        if (!idx[w]) { tarjan(w); if (low[w] < low[v]) low[v] = low[w]; }
        else if (onst[w] && idx[w] < low[v]) low[v] = idx[w];
    }
    if (low[v] == idx[v]) {
        int w;
        do { w = st[--sp]; onst[w] = 0; comp_t[w] = ncomp_t; } while (w != v);
        ncomp_t++;
    }
}

static int comp_k[NV], ncomp_k;
static void kosaraju(void)
{
    int order[NV], no = 0, seen[NV] = {0};
    int stack[NV][2];
    for (int s = 0; s < NV; s++) {
        if (seen[s]) continue;
        int top = 0;
        stack[top][0] = s; stack[top][1] = head[s]; top++;
        seen[s] = 1;
        while (top) {
            int v = stack[top - 1][0], e = stack[top - 1][1];
            if (e >= 0) {
                stack[top - 1][1] = nxt[e];
                if (!seen[to[e]]) { seen[to[e]] = 1; stack[top][0] = to[e]; stack[top][1] = head[to[e]]; top++; }
            } else { order[no++] = v; top--; }
        }
    }
    memset(comp_k, -1, sizeof comp_k);
    ncomp_k = 0;
    for (int i = NV - 1; i >= 0; i--) {
        int s = order[i];
        if (comp_k[s] >= 0) continue;
        int q[NV], qh = 0, qt = 0;
        q[qt++] = s; comp_k[s] = ncomp_k;
        while (qh < qt) {
            int v = q[qh++];
            for (int e = rhead[v]; e >= 0; e = rnxt[e]) if (comp_k[rto[e]] < 0) { comp_k[rto[e]] = ncomp_k; q[qt++] = rto[e]; }
        }
        ncomp_k++;
    }
}

static unsigned char reach[NV][NV];

int main(void)
{
    memset(head, -1, sizeof head);
    memset(rhead, -1, sizeof rhead);
    uint32_t s = 31;
    /* clustered graph: dense edges inside groups of 10, sparse between groups */
    for (int i = 0; i < NE; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        int a = (int)(s % NV), b;
        if ((s >> 20) % 5) b = a / 10 * 10 + (int)((s >> 8) % 10);
        else b = (int)((s >> 8) % NV);
        to[ne] = b; nxt[ne] = head[a]; head[a] = ne;
        rto[ne] = a; rnxt[ne] = rhead[b]; rhead[b] = ne;
        ne++;
    }
    for (int v = 0; v < NV; v++) if (!idx[v]) tarjan(v);
    kosaraju();
    CHECK(ncomp_t == ncomp_k);
    /* same partition: map tarjan ids to kosaraju ids consistently */
    int map[NV];
    memset(map, -1, sizeof map);
    int bad = 0;
    for (int v = 0; v < NV; v++) {
        if (map[comp_t[v]] < 0) map[comp_t[v]] = comp_k[v];
        else if (map[comp_t[v]] != comp_k[v]) bad++;
    }
    CHECK(bad == 0);

    /* brute-force reachability (BFS from each vertex): same SCC iff mutually reachable */
    for (int v = 0; v < NV; v++) {
        int q[NV], qh = 0, qt = 0;
        q[qt++] = v; reach[v][v] = 1;
        while (qh < qt) { int u = q[qh++]; for (int e = head[u]; e >= 0; e = nxt[e]) if (!reach[v][to[e]]) { reach[v][to[e]] = 1; q[qt++] = to[e]; } }
    }
    for (int a = 0; a < NV; a++)
        for (int b = 0; b < NV; b++)
            if ((reach[a][b] && reach[b][a]) != (comp_t[a] == comp_t[b])) bad++;
    CHECK(bad == 0);
    /* Tarjan emits components in reverse topological order of the condensation */
    for (int v = 0; v < NV; v++) for (int e = head[v]; e >= 0; e = nxt[e]) if (comp_t[v] < comp_t[to[e]]) bad++;
    CHECK(bad == 0);
    int sizes[NV] = {0}, largest = 0, singles = 0;
    for (int v = 0; v < NV; v++) sizes[comp_t[v]]++;
    for (int c = 0; c < ncomp_t; c++) { if (sizes[c] > largest) largest = sizes[c]; singles += sizes[c] == 1; }
    printf("components=%d largest=%d singletons=%d\n", ncomp_t, largest, singles);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
