/* Exercises: Floyd-Warshall with path reconstruction vs O(V^2) Dijkstra from every source, negative edges without cycles, transitive closure. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define N 90
#define INF (1L << 40)

static long w[N][N], d[N][N], dj[N][N];
static int nxt[N][N];

static void floyd(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { d[i][j] = w[i][j]; nxt[i][j] = w[i][j] < INF ? j : -1; }
    for (int k = 0; k < N; k++)
        for (int i = 0; i < N; i++) {
            if (d[i][k] >= INF) continue;
            long dik = d[i][k];
            for (int j = 0; j < N; j++)
                if (d[k][j] < INF && dik + d[k][j] < d[i][j]) { d[i][j] = dik + d[k][j]; nxt[i][j] = nxt[i][k]; }
        }
}

static void dijkstra_dense(int src, long *dist)
{
    char done[N] = {0};
    for (int i = 0; i < N; i++) dist[i] = INF;
    dist[src] = 0;
    for (int it = 0; it < N; it++) {
        int u = -1;
        for (int i = 0; i < N; i++) if (!done[i] && (u < 0 || dist[i] < dist[u])) u = i;
        if (dist[u] >= INF) break;
        done[u] = 1;
        for (int v = 0; v < N; v++) if (w[u][v] < INF && dist[u] + w[u][v] < dist[v]) dist[v] = dist[u] + w[u][v];
    }
}

int main(void)
{
    uint32_t s = 4711;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            s ^= s << 13; s ^= s >> 17; s ^= s << 5;
            w[i][j] = i == j ? 0 : (s % 100 < 12 ? (long)(s >> 20) % 500 + 1 : INF);
        }
    floyd();
    for (int src = 0; src < N; src++) dijkstra_dense(src, dj[src]);
    CHECK(memcmp(d, dj, sizeof d) == 0);
    /* path reconstruction sums to distance */
    int bad = 0;
    long total = 0;
    int reachable = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            if (d[i][j] >= INF) { if (nxt[i][j] != -1 && i != j) bad++; continue; }
            reachable++;
            total += d[i][j];
            long acc = 0;
            int u = i, hops = 0;
            while (u != j && hops <= N) { int v = nxt[u][j]; acc += w[u][v]; u = v; hops++; }
            if (acc != d[i][j]) bad++;
        }
    CHECK(bad == 0);

    /* negative edges on a DAG-shaped graph (i<j only): Floyd handles it; compare to DP */
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            s ^= s << 13; s ^= s >> 17; s ^= s << 5;
            w[i][j] = i == j ? 0 : (i < j && s % 100 < 20 ? (long)(s >> 20) % 200 - 60 : INF);
        }
    floyd();
    for (int src = 0; src < N; src += 11) {
        long dp[N];
        for (int j = 0; j < N; j++) dp[j] = INF;
        dp[src] = 0;
        for (int u = src; u < N; u++) {
            if (dp[u] >= INF) continue;
            for (int v = u + 1; v < N; v++) if (w[u][v] < INF && dp[u] + w[u][v] < dp[v]) dp[v] = dp[u] + w[u][v];
        }
        for (int j = 0; j < N; j++) if (dp[j] != d[src][j]) bad++;
    }
    CHECK(bad == 0);
    long neg_min = 0;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) if (d[i][j] < neg_min) neg_min = d[i][j];

    /* Warshall transitive closure with bit rows equals reachability from the distance matrix */
    uint64_t reach[N][2];
    memset(reach, 0, sizeof reach);
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) if (w[i][j] < INF) reach[i][j / 64] |= 1ull << (j % 64);
    for (int k = 0; k < N; k++)
        for (int i = 0; i < N; i++)
            if (reach[i][k / 64] >> (k % 64) & 1) { reach[i][0] |= reach[k][0]; reach[i][1] |= reach[k][1]; }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) if (((reach[i][j / 64] >> (j % 64)) & 1) != (d[i][j] < INF)) bad++;
    CHECK(bad == 0);
    printf("reachable=%d total=%ld neg_min=%ld\n", reachable, total, neg_min);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
