/* CRC-32 (IEEE) and CRC-32C (Castagnoli), bitwise. */
#ifndef RINGSTAT_CRC_H
#define RINGSTAT_CRC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

uint32_t crc32_ieee(const void *buf, size_t n);
uint32_t crc32_castagnoli(const void *buf, size_t n);

#ifdef __cplusplus
}
#endif
#endif
