/* Exercises: sudoku solving with bitmask candidate sets and MRV heuristic vs plain backtracking; grid validation and struct copies. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct { unsigned char c[81]; } Grid;

static long nodes_plain, nodes_mrv;

static int can_place(const Grid *g, int idx, int v)
{
    int r = idx / 9, c = idx % 9, br = r / 3 * 3, bc = c / 3 * 3;
    for (int i = 0; i < 9; i++) {
        if (g->c[r * 9 + i] == v || g->c[i * 9 + c] == v) return 0;
        if (g->c[(br + i / 3) * 9 + bc + i % 3] == v) return 0;
    }
    return 1;
}

static int solve_plain(Grid *g, int idx)
{
    while (idx < 81 && g->c[idx]) idx++;
    if (idx == 81) return 1;
    for (int v = 1; v <= 9; v++) {
        if (!can_place(g, idx, v)) continue;
        nodes_plain++;
        g->c[idx] = (unsigned char)v;
        if (solve_plain(g, idx + 1)) return 1;
    }
    g->c[idx] = 0;
    return 0;
}

static uint16_t candidates(const Grid *g, int idx)
{
    uint16_t used = 0;
    int r = idx / 9, c = idx % 9, br = r / 3 * 3, bc = c / 3 * 3;
    for (int i = 0; i < 9; i++) {
        used |= (uint16_t)(1u << g->c[r * 9 + i]);
        used |= (uint16_t)(1u << g->c[i * 9 + c]);
        used |= (uint16_t)(1u << g->c[(br + i / 3) * 9 + bc + i % 3]);
    }
    return (uint16_t)(~used & 0x3FEu);
}

/* counts solutions up to limit */
static int solve_mrv(Grid *g, int limit, Grid *first)
{
    int best = -1, bestn = 10;
    uint16_t bestmask = 0;
    for (int i = 0; i < 81; i++) {
        if (g->c[i]) continue;
        uint16_t m = candidates(g, i);
        int n = __builtin_popcount(m);
        if (n < bestn) { bestn = n; best = i; bestmask = m; if (n <= 1) break; }
    }
    if (best < 0) { if (first) *first = *g; return 1; }
    int found = 0;
    while (bestmask && found < limit) {
        int v = __builtin_ctz(bestmask);
        bestmask &= (uint16_t)(bestmask - 1);
        nodes_mrv++;
        g->c[best] = (unsigned char)v;
        found += solve_mrv(g, limit - found, found ? NULL : first);
    }
    g->c[best] = 0;
    return found;
}

static int valid_solution(const Grid *g)
{
    for (int i = 0; i < 9; i++) {
        unsigned r = 0, c = 0, b = 0;
        for (int j = 0; j < 9; j++) {
            r |= 1u << g->c[i * 9 + j];
            c |= 1u << g->c[j * 9 + i];
            b |= 1u << g->c[(i / 3 * 3 + j / 3) * 9 + i % 3 * 3 + j % 3];
        }
        if (r != 0x3FE || c != 0x3FE || b != 0x3FE) return 0;
    }
    return 1;
}

static Grid parse(const char *s)
{
    Grid g;
    for (int i = 0; i < 81; i++) g.c[i] = (unsigned char)(s[i] == '.' ? 0 : s[i] - '0');
    return g;
}

int main(void)
{
    static const char *puzzles[] = {
        "53..7....6..195....98....6.8...6...34..8.3..17...2...6.6....28....419..5....8..79",
        "..3.2.6..9..3.5..1..18.64....81.29..7.......8..67.82....26.95..8..2.3..9..5.1.3..",
        "4.....8.5.3..........7......2.....6.....8.4......1.......6.3.7.5..2.....1.4......",
        "1....7.9..3..2...8..96..5....53..9...1..8...26....4...3......1..4......7..7...3..",
    };
    uint32_t digest = 0;
    for (int p = 0; p < 4; p++) {
        Grid g = parse(puzzles[p]), orig = g, sol;
        nodes_mrv = 0;
        int n = solve_mrv(&g, 2, &sol);
        CHECK(n == 1);
        CHECK(valid_solution(&sol));
        CHECK(memcmp(&g, &orig, sizeof g) == 0); /* search restores the grid */
        for (int i = 0; i < 81; i++) if (orig.c[i]) CHECK(sol.c[i] == orig.c[i]);
        if (p < 2) {
            Grid g2 = orig;
            nodes_plain = 0;
            CHECK(solve_plain(&g2, 0));
            CHECK(memcmp(&g2, &sol, sizeof g2) == 0);
        }
        for (int i = 0; i < 81; i++) digest = digest * 10 + sol.c[i];
    }
    Grid g = parse(puzzles[0]), sol;
    CHECK(g.c[0] == 5 && g.c[80] == 9);
    solve_mrv(&g, 1, &sol);
    CHECK(sol.c[2] == 4 && sol.c[80] == 9);
    /* remove clues: multiple solutions must be detected */
    Grid h = parse(puzzles[0]);
    for (int i = 0; i < 30; i++) h.c[i] = 0;
    CHECK(solve_mrv(&h, 2, NULL) == 2);
    /* contradictory puzzle */
    Grid bad = parse(puzzles[0]);
    bad.c[2] = 5;
    CHECK(solve_mrv(&bad, 1, NULL) == 0);
    printf("digest=%08X row0=%d%d%d%d%d%d%d%d%d\n", (unsigned)digest, sol.c[0], sol.c[1], sol.c[2], sol.c[3], sol.c[4], sol.c[5],
           sol.c[6], sol.c[7], sol.c[8]);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
