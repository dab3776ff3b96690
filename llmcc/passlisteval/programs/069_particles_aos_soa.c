/* Exercises: integer particle simulation in array-of-structs vs struct-of-arrays layouts, elastic wall bounces, collision grid hashing. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define NP 500
#define WORLD 100000
#define STEPS 120

typedef struct { int32_t x, y, vx, vy; uint16_t mass; uint8_t alive, pad; } Particle;
typedef struct { int32_t x[NP], y[NP], vx[NP], vy[NP]; uint16_t mass[NP]; uint8_t alive[NP]; } Soa;

static Particle aos[NP];
static Soa soa;

static inline void bounce(int32_t *p, int32_t *v)
{
    if (*p < 0) { *p = -*p; *v = -*v; }
    else if (*p >= WORLD) { *p = 2 * (WORLD - 1) - *p; *v = -*v; }
}

static void step_aos(int t)
{
    for (int i = 0; i < NP; i++) {
        Particle *p = &aos[i];
        if (!p->alive) continue;
        p->vy -= 3;                  /* gravity */
        if ((t + i) % 17 == 0) p->vx = p->vx * 15 / 16; /* drag (truncating division) */
        p->x += p->vx; p->y += p->vy;
        bounce(&p->x, &p->vx);
        bounce(&p->y, &p->vy);
        if (p->mass > 60000 && t > 80) p->alive = 0;
        p->mass = (uint16_t)(p->mass + 97);
    }
}

static void step_soa(int t)
{
    for (int i = 0; i < NP; i++) {
        if (!soa.alive[i]) continue;
        soa.vy[i] -= 3;
        if ((t + i) % 17 == 0) soa.vx[i] = soa.vx[i] * 15 / 16;
        soa.x[i] += soa.vx[i]; soa.y[i] += soa.vy[i];
        bounce(&soa.x[i], &soa.vx[i]);
        bounce(&soa.y[i], &soa.vy[i]);
        if (soa.mass[i] > 60000 && t > 80) soa.alive[i] = 0;
        soa.mass[i] = (uint16_t)(soa.mass[i] + 97);
    }
}

/* count close pairs using a uniform grid vs brute force */
#define CELL 5000
#define GC (WORLD / CELL)
static int close_pairs_grid(void)
{
    static int head[GC * GC], nxt[NP];
    memset(head, -1, sizeof head);
    for (int i = 0; i < NP; i++) {
        if (!aos[i].alive) continue;
        int c = (aos[i].y / CELL) * GC + aos[i].x / CELL;
        nxt[i] = head[c]; head[c] = i;
    }
    int count = 0;
    for (int i = 0; i < NP; i++) {
        if (!aos[i].alive) continue;
        int cx = aos[i].x / CELL, cy = aos[i].y / CELL;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++) {
                int nx = cx + dx, ny = cy + dy;
                if (nx < 0 || ny < 0 || nx >= GC || ny >= GC) continue;
                for (int j = head[ny * GC + nx]; j >= 0; j = nxt[j]) {
                    if (j <= i) continue;
                    int64_t ddx = aos[i].x - aos[j].x, ddy = aos[i].y - aos[j].y;
                    if (ddx * ddx + ddy * ddy < (int64_t)CELL * CELL) count++;
                }
            }
    }
    return count;
}

static int close_pairs_brute(void)
{
    int count = 0;
    for (int i = 0; i < NP; i++)
        for (int j = i + 1; j < NP; j++) {
            if (!aos[i].alive || !aos[j].alive) continue;
            int64_t ddx = aos[i].x - aos[j].x, ddy = aos[i].y - aos[j].y;
            if (ddx * ddx + ddy * ddy < (int64_t)CELL * CELL) count++;
        }
    return count;
}

int main(void)
{
    uint32_t s = 12345;
    for (int i = 0; i < NP; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        Particle p = {(int32_t)(s % WORLD), (int32_t)((s >> 7) % WORLD), (int32_t)(s % 2001) - 1000, (int32_t)((s >> 11) % 2001) - 1000,
                      (uint16_t)(s >> 16), 1, 0};
        aos[i] = p;
        soa.x[i] = p.x; soa.y[i] = p.y; soa.vx[i] = p.vx; soa.vy[i] = p.vy; soa.mass[i] = p.mass; soa.alive[i] = 1;
    }
    int bad = 0;
    int64_t energy_first = 0;
    for (int t = 0; t < STEPS; t++) {
        step_aos(t);
        step_soa(t);
        if (t % 20 == 0) {
            for (int i = 0; i < NP; i++)
                if (aos[i].x != soa.x[i] || aos[i].y != soa.y[i] || aos[i].vx != soa.vx[i] || aos[i].vy != soa.vy[i] ||
                    aos[i].mass != soa.mass[i] || aos[i].alive != soa.alive[i]) bad++;
            if (close_pairs_grid() != close_pairs_brute()) bad++;
        }
        if (t == 0) for (int i = 0; i < NP; i++) energy_first += (int64_t)aos[i].vx * aos[i].vx;
    }
    CHECK(bad == 0);
    int alive = 0, inside = 1;
    int64_t sx = 0, sy = 0;
    for (int i = 0; i < NP; i++) {
        alive += aos[i].alive;
        sx += aos[i].x; sy += aos[i].y;
        if (aos[i].x < 0 || aos[i].x >= WORLD || aos[i].y < 0 || aos[i].y >= WORLD) inside = 0;
    }
    CHECK(inside);
    CHECK(alive > 0 && alive < NP);
    printf("alive=%d sx=%lld sy=%lld e0=%lld pairs=%d\n", alive, (long long)sx, (long long)sy, (long long)energy_first, close_pairs_grid());
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
