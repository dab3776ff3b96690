#include "ringstat/ring.h"

void ring_init(struct ring *r) {
    r->head = 0;
    r->len = 0;
}

void ring_push(struct ring *r, int32_t v) {
    r->data[(r->head + r->len) % RING_CAPACITY] = v;
    if (r->len < RING_CAPACITY)
        r->len++;
    else
        r->head = (r->head + 1) % RING_CAPACITY;
}

size_t ring_len(const struct ring *r) { return r->len; }

int32_t ring_at(const struct ring *r, size_t i) { return r->data[(r->head + i) % RING_CAPACITY]; }

int64_t ring_sum(const struct ring *r) {
    int64_t s = 0;
    for (size_t i = 0; i < r->len; i++)
        s += ring_at(r, i);
    return s;
}

int32_t ring_min(const struct ring *r) {
    int32_t m = INT32_MAX;
    for (size_t i = 0; i < r->len; i++) {
        int32_t v = ring_at(r, i);
        if (v < m)
            m = v;
    }
    return m;
}

int32_t ring_max(const struct ring *r) {
    int32_t m = INT32_MIN;
    for (size_t i = 0; i < r->len; i++) {
        int32_t v = ring_at(r, i);
        if (v > m)
            m = v;
    }
    return m;
}

int32_t ring_peak(const struct ring *r) {
    int32_t m = INT32_MIN;
    for (size_t i = 0; i < r->len; i++) {
        int32_t v = ring_at(r, i);
        if (v > m)
            m = v;
    }
    return m;
}

static unsigned popcount32(uint32_t x) {
#ifdef RINGSTAT_HAVE_BUILTIN_POPCOUNT
    return (unsigned)__builtin_popcount(x);
#else
    unsigned n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
#endif
}

unsigned ring_odd_bits(const struct ring *r) {
    unsigned n = 0;
    for (size_t i = 0; i < r->len; i++)
        n += popcount32((uint32_t)ring_at(r, i)) & 1u;
    return n;
}
