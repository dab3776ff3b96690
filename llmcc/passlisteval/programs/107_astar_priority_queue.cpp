// Exercises: A* search with std::priority_queue and Manhattan heuristic vs BFS and Dijkstra on weighted grids; path reconstruction.
#include <cstdio>
#include <queue>
#include <vector>
#include <string>
#include <functional>
#include <cstdint>
#include <cstdlib>
#include <tuple>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

struct Grid {
    int w, h;
    std::vector<int> cost; // 0 = wall, otherwise entry cost
    int at(int x, int y) const { return cost[static_cast<size_t>(y * w + x)]; }
};

static const int DX[4] = {1, -1, 0, 0}, DY[4] = {0, 0, 1, -1};

static long dijkstra(const Grid &g, int sx, int sy, int tx, int ty, long *expanded)
{
    using Item = std::pair<long, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> pq;
    std::vector<long> dist(g.cost.size(), -1);
    dist[static_cast<size_t>(sy * g.w + sx)] = 0;
    pq.push({0, sy * g.w + sx});
    *expanded = 0;
    while (!pq.empty()) {
        auto [d, c] = pq.top();
        pq.pop();
        if (d != dist[static_cast<size_t>(c)]) continue;
        ++*expanded;
        int x = c % g.w, y = c / g.w;
        if (x == tx && y == ty) return d;
        for (int k = 0; k < 4; k++) {
            int nx = x + DX[k], ny = y + DY[k];
            if (nx < 0 || ny < 0 || nx >= g.w || ny >= g.h || !g.at(nx, ny)) continue;
            long nd = d + g.at(nx, ny);
            long &slot = dist[static_cast<size_t>(ny * g.w + nx)];
            if (slot < 0 || nd < slot) { slot = nd; pq.push({nd, ny * g.w + nx}); }
        }
    }
    return -1;
}

static long astar(const Grid &g, int sx, int sy, int tx, int ty, long *expanded, std::vector<int> *path)
{
    using Item = std::tuple<long, long, int>; // f, g, cell
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> pq;
    std::vector<long> best(g.cost.size(), -1);
    std::vector<int> parent(g.cost.size(), -1);
    auto hfun = [&](int c) { return static_cast<long>(std::abs(c % g.w - tx) + std::abs(c / g.w - ty)); }; // min cost 1: admissible
    int s = sy * g.w + sx;
    best[static_cast<size_t>(s)] = 0;
    pq.push({hfun(s), 0, s});
    *expanded = 0;
    while (!pq.empty()) {
        auto [f, gc, c] = pq.top();
        pq.pop();
        (void)f;
        if (gc != best[static_cast<size_t>(c)]) continue;
        ++*expanded;
        if (c == ty * g.w + tx) {
            if (path) { path->clear(); for (int p = c; p >= 0; p = parent[static_cast<size_t>(p)]) path->push_back(p); }
            return gc;
        }
        int x = c % g.w, y = c / g.w;
        for (int k = 0; k < 4; k++) {
            int nx = x + DX[k], ny = y + DY[k];
            if (nx < 0 || ny < 0 || nx >= g.w || ny >= g.h || !g.at(nx, ny)) continue;
            int n = ny * g.w + nx;
            long ng = gc + g.at(nx, ny);
            if (best[static_cast<size_t>(n)] < 0 || ng < best[static_cast<size_t>(n)]) {
                best[static_cast<size_t>(n)] = ng;
                parent[static_cast<size_t>(n)] = c;
                pq.push({ng + hfun(n), ng, n});
            }
        }
    }
    return -1;
}

static long bfs_steps(const Grid &g, int sx, int sy, int tx, int ty)
{
    std::vector<int> d(g.cost.size(), -1);
    std::queue<int> q;
    q.push(sy * g.w + sx);
    d[static_cast<size_t>(sy * g.w + sx)] = 0;
    while (!q.empty()) {
        int c = q.front(); q.pop();
        int x = c % g.w, y = c / g.w;
        if (x == tx && y == ty) return d[static_cast<size_t>(c)];
        for (int k = 0; k < 4; k++) {
            int nx = x + DX[k], ny = y + DY[k];
            if (nx < 0 || ny < 0 || nx >= g.w || ny >= g.h || !g.at(nx, ny) || d[static_cast<size_t>(ny * g.w + nx)] >= 0) continue;
            d[static_cast<size_t>(ny * g.w + nx)] = d[static_cast<size_t>(c)] + 1;
            q.push(ny * g.w + nx);
        }
    }
    return -1;
}

int main()
{
    uint32_t s = 2025;
    auto rnd = [&s] { s ^= s << 13; s ^= s >> 17; s ^= s << 5; return s; };
    int bad = 0;
    long total_a = 0, total_d = 0, exp_a = 0, exp_d = 0;
    for (int t = 0; t < 8; t++) {
        Grid g{40, 30, {}};
        g.cost.resize(40 * 30);
        for (auto &c : g.cost) c = rnd() % 100 < 22 ? 0 : static_cast<int>(1 + rnd() % (t < 4 ? 1 : 9));
        g.cost[0] = 1;
        g.cost.back() = 1;
        long ea, ed;
        std::vector<int> path;
        long a = astar(g, 0, 0, 39, 29, &ea, &path);
        long d = dijkstra(g, 0, 0, 39, 29, &ed);
        if (a != d) bad++;
        if (t < 4 && a != bfs_steps(g, 0, 0, 39, 29)) bad++; // unit costs: same as BFS
        if (a >= 0) {
            long pc = 0;
            for (size_t i = 0; i + 1 < path.size(); i++) {
                int c = path[i], p = path[i + 1];
                int dx = std::abs(c % 40 - p % 40), dy = std::abs(c / 40 - p / 40);
                if (dx + dy != 1) bad++;
                pc += g.cost[static_cast<size_t>(c)];
            }
            if (pc != a || path.back() != 0 || path.front() != 40 * 30 - 1) bad++;
            if (ea > ed) bad++; // consistent heuristic never expands more than Dijkstra
        }
        total_a += a; total_d += d; exp_a += ea; exp_d += ed;
    }
    CHECK(bad == 0);
    CHECK(exp_a <= exp_d && total_a == total_d);
    std::printf("cost=%ld expanded astar=%ld dijkstra=%ld\n", total_a, exp_a, exp_d);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
