/* Exercises: power-of-two ring buffer with free-running unsigned indices, wraparound, bulk memcpy ops and a moving-window sum. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define CAP 64u

typedef struct {
    uint8_t data[CAP];
    uint32_t head; /* write index, free running */
    uint32_t tail; /* read index, free running */
} Ring;

static inline __attribute__((always_inline)) uint32_t ring_used(const Ring *r) { return r->head - r->tail; }
static inline uint32_t ring_free(const Ring *r) { return CAP - ring_used(r); }

static uint32_t ring_write(Ring *r, const uint8_t *src, uint32_t n)
{
    if (n > ring_free(r)) n = ring_free(r);
    uint32_t off = r->head & (CAP - 1);
    uint32_t first = CAP - off < n ? CAP - off : n;
    memcpy(r->data + off, src, first);
    memcpy(r->data, src + first, n - first);
    r->head += n;
    return n;
}

static uint32_t ring_read(Ring *r, uint8_t *dst, uint32_t n)
{
    if (n > ring_used(r)) n = ring_used(r);
    uint32_t off = r->tail & (CAP - 1);
    uint32_t first = CAP - off < n ? CAP - off : n;
    memcpy(dst, r->data + off, first);
    memcpy(dst + first, r->data, n - first);
    r->tail += n;
    return n;
}

static int ring_peek(const Ring *r, uint32_t i) { return i < ring_used(r) ? r->data[(r->tail + i) & (CAP - 1)] : -1; }

/* fixed-size moving average over int samples using a circular array */
typedef struct { int32_t buf[16]; int idx, count; int64_t sum; } Window;
static void win_push(Window *w, int32_t v)
{
    if (w->count == 16) w->sum -= w->buf[w->idx]; else w->count++;
    w->buf[w->idx] = v;
    w->sum += v;
    w->idx = (w->idx + 1) & 15;
}

int main(void)
{
    Ring r;
    memset(&r, 0, sizeof r);
    /* start near the 32-bit wrap point to exercise unsigned index wraparound */
    r.head = r.tail = 0xFFFFFF00u;
    uint8_t src[200], dst[200];
    uint8_t next_w = 0, next_r = 0;
    uint32_t total_w = 0, total_r = 0, x = 2024;
    int order_ok = 1;
    for (int step = 0; step < 20000; step++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        uint32_t n = x % 50;
        if (x & 0x100) {
            for (uint32_t i = 0; i < n; i++) src[i] = (uint8_t)(next_w + i);
            uint32_t w = ring_write(&r, src, n);
            next_w = (uint8_t)(next_w + w);
            total_w += w;
        } else {
            int pk = ring_peek(&r, 0);
            uint32_t got = ring_read(&r, dst, n);
            if (got && pk != dst[0]) order_ok = 0;
            for (uint32_t i = 0; i < got; i++) {
                if (dst[i] != next_r) order_ok = 0;
                next_r++;
            }
            total_r += got;
        }
        if (ring_used(&r) > CAP) order_ok = 0;
    }
    CHECK(order_ok);
    CHECK(total_w - total_r == ring_used(&r));
    CHECK(r.head < 0xFFFFFF00u); /* wrapped */

    Window wnd;
    memset(&wnd, 0, sizeof wnd);
    int32_t hist[5000];
    int64_t maxsum = INT64_MIN;
    int wins_ok = 1;
    for (int i = 0; i < 5000; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        hist[i] = (int32_t)(x % 20001) - 10000;
        win_push(&wnd, hist[i]);
        int64_t ref = 0;
        for (int k = i; k >= 0 && k > i - 16; k--) ref += hist[k];
        if (ref != wnd.sum) wins_ok = 0;
        if (wnd.sum > maxsum) maxsum = wnd.sum;
    }
    CHECK(wins_ok);
    printf("written=%u read=%u used=%u head=%u\n", (unsigned)total_w, (unsigned)total_r, (unsigned)ring_used(&r), (unsigned)r.head);
    printf("maxsum=%lld\n", (long long)maxsum);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
