#include "ringstat/crc.h"

/* Reflected, bit-at-a-time: small code, which is what this library wants. The two
   variants differ only in their polynomial. */
uint32_t crc32_ieee(const void *buf, size_t n) {
    const unsigned char *p = buf;
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

uint32_t crc32_castagnoli(const void *buf, size_t n) {
    const unsigned char *p = buf;
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return ~crc;
}
