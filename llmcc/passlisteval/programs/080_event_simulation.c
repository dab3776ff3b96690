/* Exercises: discrete-event simulation of a multi-server queue with a binary-heap event list, deterministic arrivals and statistics. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef enum { ARRIVE, DEPART } Kind;
typedef struct { int64_t time; uint32_t seq; Kind kind; int server; int customer; } Event;

typedef struct { Event *a; int n, cap; } PQ;
static int before(const Event *x, const Event *y) { return x->time != y->time ? x->time < y->time : x->seq < y->seq; }
static void pq_push(PQ *q, Event e)
{
    if (q->n == q->cap) { q->cap = q->cap ? 2 * q->cap : 64; q->a = realloc(q->a, sizeof(Event) * (size_t)q->cap); }
    int i = q->n++;
    while (i && before(&e, &q->a[(i - 1) / 2])) { q->a[i] = q->a[(i - 1) / 2]; i = (i - 1) / 2; }
    q->a[i] = e;
}
static Event pq_pop(PQ *q)
{
    Event top = q->a[0], last = q->a[--q->n];
    int i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= q->n) break;
        if (c + 1 < q->n && before(&q->a[c + 1], &q->a[c])) c++;
        if (!before(&q->a[c], &last)) break;
        q->a[i] = q->a[c]; i = c;
    }
    q->a[i] = last;
    return top;
}

typedef struct { int64_t served, wait_total, max_wait, busy_time, max_queue; } Stats;

static uint32_t rng;
static uint32_t rnd(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

static Stats simulate(int servers, int customers, int mean_gap, int mean_service, uint32_t seed)
{
    rng = seed;
    PQ q = {0, 0, 0};
    uint32_t seq = 0;
    int64_t *arrival = malloc(sizeof(int64_t) * (size_t)customers);
    int *queue = malloc(sizeof(int) * (size_t)customers);
    int qh = 0, qt = 0;
    int busy[16] = {0};
    int64_t busy_since[16] = {0};
    Stats st;
    memset(&st, 0, sizeof st);
    int64_t t = 0;
    for (int c = 0; c < customers; c++) {
        t += 1 + rnd() % (uint32_t)(2 * mean_gap);
        pq_push(&q, (Event){t, seq++, ARRIVE, -1, c});
    }
    while (q.n) {
        Event e = pq_pop(&q);
        if (e.kind == ARRIVE) {
            arrival[e.customer] = e.time;
            int s = -1;
            for (int k = 0; k < servers; k++) if (!busy[k]) { s = k; break; }
            if (s >= 0) {
                busy[s] = 1; busy_since[s] = e.time;
                pq_push(&q, (Event){e.time + 1 + rnd() % (uint32_t)(2 * mean_service), seq++, DEPART, s, e.customer});
            } else {
                queue[qt++] = e.customer;
                if (qt - qh > st.max_queue) st.max_queue = qt - qh;
            }
        } else {
            st.served++;
            if (qh < qt) {
                int c = queue[qh++];
                int64_t w = e.time - arrival[c];
                st.wait_total += w;
                if (w > st.max_wait) st.max_wait = w;
                pq_push(&q, (Event){e.time + 1 + rnd() % (uint32_t)(2 * mean_service), seq++, DEPART, e.server, c});
            } else {
                busy[e.server] = 0;
                st.busy_time += e.time - busy_since[e.server];
            }
        }
    }
    free(q.a); free(arrival); free(queue);
    return st;
}

int main(void)
{
    Stats light = simulate(4, 2000, 50, 100, 1);
    Stats heavy = simulate(2, 2000, 50, 100, 1);
    Stats single = simulate(1, 1500, 100, 60, 7);
    CHECK(light.served == 2000 && heavy.served == 2000 && single.served == 1500);
    /* more servers never make waiting worse for the same arrival stream seed (statistically); check strong separation */
    CHECK(light.wait_total * 10 < heavy.wait_total);
    CHECK(heavy.max_queue > light.max_queue);
    /* utilization below 1 for the single server queue: rho = 60/100 */
    CHECK(single.max_queue < 60);
    /* determinism: same seed, same statistics */
    Stats again = simulate(2, 2000, 50, 100, 1);
    CHECK(memcmp(&again, &heavy, sizeof again) == 0);

    /* heap ordering property under random operations */
    PQ q = {0, 0, 0};
    rng = 99;
    int64_t last = -1;
    int bad = 0;
    for (int i = 0; i < 2000; i++) pq_push(&q, (Event){(int64_t)(rnd() % 1000), (uint32_t)i, ARRIVE, 0, 0});
    Event prev = {-1, 0, ARRIVE, 0, 0};
    while (q.n) {
        Event e = pq_pop(&q);
        if (e.time < last || (e.time == prev.time && e.seq < prev.seq)) bad++;
        last = e.time; prev = e;
    }
    free(q.a);
    CHECK(bad == 0);
    printf("light wait=%lld maxq=%lld | heavy wait=%lld maxq=%lld | single wait=%lld busy=%lld\n", (long long)light.wait_total,
           (long long)light.max_queue, (long long)heavy.wait_total, (long long)heavy.max_queue, (long long)single.wait_total,
           (long long)single.busy_time);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
