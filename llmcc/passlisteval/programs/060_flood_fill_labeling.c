/* Exercises: recursive vs explicit-stack vs scanline flood fill, two-pass connected-component labeling with union-find. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define H 60
#define W 90

static unsigned char img[H][W], a[H][W], b[H][W], c[H][W];

static int fill_rec(unsigned char (*g)[W], int y, int x, unsigned char from, unsigned char to)
{
    if (y < 0 || y >= H || x < 0 || x >= W || g[y][x] != from) return 0;
    g[y][x] = to;
    return 1 + fill_rec(g, y + 1, x, from, to) + fill_rec(g, y - 1, x, from, to) + fill_rec(g, y, x + 1, from, to) +
           fill_rec(g, y, x - 1, from, to);
}

static int fill_stack(unsigned char (*g)[W], int y0, int x0, unsigned char from, unsigned char to)
{
    static int st[H * W * 4][2];
    int sp = 0, n = 0;
    st[sp][0] = y0; st[sp][1] = x0; sp++;
    while (sp) {
        sp--;
        int y = st[sp][0], x = st[sp][1];
        if (y < 0 || y >= H || x < 0 || x >= W || g[y][x] != from) continue;
        g[y][x] = to; n++;
        st[sp][0] = y + 1; st[sp][1] = x; sp++;
        st[sp][0] = y - 1; st[sp][1] = x; sp++;
        st[sp][0] = y; st[sp][1] = x + 1; sp++;
        st[sp][0] = y; st[sp][1] = x - 1; sp++;
    }
    return n;
}

static int fill_scan(unsigned char (*g)[W], int y0, int x0, unsigned char from, unsigned char to)
{
    static int st[H * W][2];
    int sp = 0, n = 0;
    if (g[y0][x0] != from) return 0;
    st[sp][0] = y0; st[sp][1] = x0; sp++;
    while (sp) {
        sp--;
        int y = st[sp][0], x = st[sp][1];
        if (g[y][x] != from) continue;
        int l = x, r = x;
        while (l > 0 && g[y][l - 1] == from) l--;
        while (r < W - 1 && g[y][r + 1] == from) r++;
        for (int i = l; i <= r; i++) { g[y][i] = to; n++; }
        for (int dy = -1; dy <= 1; dy += 2) {
            int ny = y + dy;
            if (ny < 0 || ny >= H) continue;
            for (int i = l; i <= r; i++)
                if (g[ny][i] == from && (i == l || g[ny][i - 1] != from)) { st[sp][0] = ny; st[sp][1] = i; sp++; }
        }
    }
    return n;
}

static int parent[H * W];
static int find(int v) { while (parent[v] != v) v = parent[v] = parent[parent[v]]; return v; }
static void unite(int p, int q) { p = find(p); q = find(q); if (p != q) { if (p < q) parent[q] = p; else parent[p] = q; } }

static int label_components(unsigned char (*g)[W], int *labels, int *largest)
{
    for (int i = 0; i < H * W; i++) parent[i] = i;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            if (!g[y][x]) continue;
            if (x && g[y][x - 1]) unite(y * W + x, y * W + x - 1);
            if (y && g[y - 1][x]) unite(y * W + x, (y - 1) * W + x);
        }
    static int size[H * W];
    memset(size, 0, sizeof size);
    int comps = 0;
    *largest = 0;
    for (int i = 0; i < H * W; i++) {
        if (!g[i / W][i % W]) { labels[i] = -1; continue; }
        labels[i] = find(i);
        if (labels[i] == i) comps++;
        if (++size[labels[i]] > *largest) *largest = size[labels[i]];
    }
    return comps;
}

int main(void)
{
    uint32_t s = 99;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; img[y][x] = (s % 100) < 55; }
    int bad = 0, total_regions = 0, big = 0;
    memcpy(a, img, sizeof img); memcpy(b, img, sizeof img); memcpy(c, img, sizeof img);
    unsigned char color = 2;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            if (a[y][x] != 1) continue;
            int n1 = fill_rec(a, y, x, 1, color);
            int n2 = fill_stack(b, y, x, 1, color);
            int n3 = fill_scan(c, y, x, 1, color);
            if (n1 != n2 || n2 != n3) bad++;
            if (n1 > big) big = n1;
            total_regions++;
            color = (unsigned char)(color == 255 ? 2 : color + 1);
        }
    CHECK(bad == 0);
    CHECK(memcmp(a, b, sizeof a) == 0 && memcmp(b, c, sizeof b) == 0);

    static int labels[H * W];
    int largest;
    int comps = label_components(img, labels, &largest);
    CHECK(comps == total_regions);
    CHECK(largest == big);
    /* two cells share a label iff flood fill gave them the same color (colors cycle, so also compare labels' roots) */
    for (int i = 0; i + 1 < H * W; i++)
        if (labels[i] >= 0 && labels[i + 1] >= 0 && (i + 1) % W != 0)
            if ((labels[i] == labels[i + 1]) != (a[i / W][i % W] == a[(i + 1) / W][(i + 1) % W])) bad++;
    CHECK(bad == 0);
    /* background regions (4-connected zeros) */
    memcpy(b, img, sizeof img);
    int bg = 0;
    for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) if (b[y][x] == 0) { fill_scan(b, y, x, 0, 200); bg++; }
    uint32_t h = 0;
    for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) h = h * 31 + a[y][x];
    printf("regions=%d largest=%d background=%d hash=%08X\n", comps, largest, bg, (unsigned)h);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
