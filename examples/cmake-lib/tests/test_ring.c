#include <stdio.h>
#include <string.h>

#include "ringstat/crc.h"
#include "ringstat/ring.h"

static int failures;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);             \
            failures++;                                                        \
        }                                                                      \
    } while (0)

int main(void) {
    struct ring r;
    ring_init(&r);
    for (int32_t i = 1; i <= 100; i++)
        ring_push(&r, i);
    CHECK(ring_len(&r) == RING_CAPACITY);
    CHECK(ring_at(&r, 0) == 100 - RING_CAPACITY + 1);
    CHECK(ring_min(&r) == 37 && ring_max(&r) == 100);
    CHECK(ring_peak(&r) == ring_max(&r));
    CHECK(ring_sum(&r) == (37 + 100) * 64 / 2);
    CHECK(ring_odd_bits(&r) == 33);

    const char *msg = "123456789";
    CHECK(crc32_ieee(msg, strlen(msg)) == 0xCBF43926u);        /* the standard check values */
    CHECK(crc32_castagnoli(msg, strlen(msg)) == 0xE3069283u);
    CHECK(crc32_ieee("", 0) == 0);
    printf("%s\n", failures ? "FAILED" : "OK");
    return failures != 0;
}
