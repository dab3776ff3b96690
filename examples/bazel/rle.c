#include "rle.h"

size_t rle_encode(unsigned char *dst, const unsigned char *src, size_t n) {
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t run = 1;
        while (i + run < n && src[i + run] == src[i] && run < 255)
            run++;
        dst[o++] = (unsigned char)run;
        dst[o++] = src[i];
        i += run;
    }
    return o;
}

size_t rle_decode(unsigned char *dst, size_t cap, const unsigned char *src, size_t n) {
    size_t o = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        if (o + src[i] > cap)
            return (size_t)-1;
        for (unsigned k = 0; k < src[i]; k++)
            dst[o++] = src[i + 1];
    }
    return o;
}

size_t rle_decoded_len(const unsigned char *src, size_t n) {
    size_t total = 0;
    for (size_t i = 0; i + 1 < n; i += 2)
        total += src[i];
    return total;
}

/* Kept for callers of the 1.0 API; same as rle_decoded_len. */
size_t rle_count_bytes(const unsigned char *src, size_t n) {
    size_t total = 0;
    for (size_t i = 0; i + 1 < n; i += 2)
        total += src[i];
    return total;
}
