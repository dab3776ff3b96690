/* Exercises: maze generation with an explicit DFS stack, BFS shortest paths with a queue, path reconstruction and 2D grids. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define W 41
#define H 31

static char grid[H][W + 1];
static int dist[H][W];
static int dist2[H][W];

static const int dx[4] = {1, 0, -1, 0};
static const int dy[4] = {0, 1, 0, -1};

static uint32_t seed = 0xC0FFEEu;
static uint32_t rnd(void) { seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed; }

static void gen_maze(void)
{
    for (int y = 0; y < H; y++) { memset(grid[y], '#', W); grid[y][W] = 0; }
    static int stack[(W / 2) * (H / 2) + 4][2];
    int sp = 0;
    stack[sp][0] = 1; stack[sp][1] = 1; sp++;
    grid[1][1] = '.';
    while (sp) {
        int x = stack[sp - 1][0], y = stack[sp - 1][1];
        int opts[4], no = 0;
        for (int d = 0; d < 4; d++) {
            int nx = x + 2 * dx[d], ny = y + 2 * dy[d];
            if (nx > 0 && nx < W - 1 && ny > 0 && ny < H - 1 && grid[ny][nx] == '#') opts[no++] = d;
        }
        if (!no) { sp--; continue; }
        int d = opts[rnd() % (unsigned)no];
        grid[y + dy[d]][x + dx[d]] = '.';
        grid[y + 2 * dy[d]][x + 2 * dx[d]] = '.';
        stack[sp][0] = x + 2 * dx[d]; stack[sp][1] = y + 2 * dy[d]; sp++;
    }
}

static void bfs(int sx, int sy, int d[H][W])
{
    static int q[W * H];
    for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) d[y][x] = -1;
    int head = 0, tail = 0;
    q[tail++] = sy * W + sx;
    d[sy][sx] = 0;
    while (head < tail) {
        int c = q[head++], x = c % W, y = c / W;
        for (int k = 0; k < 4; k++) {
            int nx = x + dx[k], ny = y + dy[k];
            if (grid[ny][nx] == '.' && d[ny][nx] < 0) {
                d[ny][nx] = d[y][x] + 1;
                q[tail++] = ny * W + nx;
            }
        }
    }
}

int main(void)
{
    gen_maze();
    bfs(1, 1, dist);
    /* perfect maze: every open cell reachable; open cells = 2*rooms - 1 */
    int open = 0, reach = 0, far = 0, fx = 1, fy = 1;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            if (grid[y][x] == '.') {
                open++;
                if (dist[y][x] >= 0) reach++;
                if (dist[y][x] > far) { far = dist[y][x]; fx = x; fy = y; }
            }
    int rooms = (W / 2) * (H / 2);
    CHECK(open == 2 * rooms - 1);
    CHECK(reach == open);

    /* diameter via double BFS; distances are symmetric */
    bfs(fx, fy, dist2);
    int diam = 0;
    for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) if (dist2[y][x] > diam) diam = dist2[y][x];
    CHECK(diam >= far);
    CHECK(dist2[1][1] == dist[fy][fx]);

    /* reconstruct path from far corner to start by descending distance */
    int x = W - 2, y = H - 2, steps = 0;
    int target = dist[y][x];
    while (dist[y][x] != 0) {
        int moved = 0;
        for (int k = 0; k < 4 && !moved; k++) {
            int nx = x + dx[k], ny = y + dy[k];
            if (grid[ny][nx] == '.' && dist[ny][nx] == dist[y][x] - 1) { x = nx; y = ny; moved = 1; }
        }
        CHECK(moved);
        if (!moved) break;
        grid[y][x] = 'o';
        steps++;
    }
    CHECK(steps == target);
    /* in a tree, triangle inequality is tight along paths: d(a,b) parity check */
    int parity_ok = 1;
    for (int yy = 1; yy < H - 1; yy++)
        for (int xx = 1; xx < W - 1; xx++)
            if (dist[yy][xx] >= 0 && ((dist[yy][xx] - (xx - 1) - (yy - 1)) & 1)) parity_ok = 0;
    CHECK(parity_ok);

    uint32_t h = 2166136261u;
    for (int yy = 0; yy < H; yy++) for (int xx = 0; xx < W; xx++) h = (h ^ (unsigned char)grid[yy][xx]) * 16777619u;
    printf("open=%d far=%d diam=%d path=%d hash=%08X\n", open, far, diam, steps, (unsigned)h);
    printf("%s\n", grid[H / 2]);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
