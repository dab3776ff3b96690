/* A fixed-capacity ring buffer of int32 samples. */
#ifndef RINGSTAT_RING_H
#define RINGSTAT_RING_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RING_CAPACITY 64

struct ring {
    int32_t data[RING_CAPACITY];
    size_t head, len;
};

void ring_init(struct ring *r);
void ring_push(struct ring *r, int32_t v);
size_t ring_len(const struct ring *r);
/* i-th oldest sample; i < ring_len(r). */
int32_t ring_at(const struct ring *r, size_t i);
int64_t ring_sum(const struct ring *r);
int32_t ring_min(const struct ring *r);
int32_t ring_max(const struct ring *r);
/* Deprecated: the 0.x name of ring_max, kept (as a copy) for ABI compatibility. */
int32_t ring_peak(const struct ring *r);
unsigned ring_odd_bits(const struct ring *r);

#ifdef __cplusplus
}
#endif
#endif
