/* Byte-oriented run-length coding: (count, byte) pairs, runs of up to 255. */
#ifndef CODEC_RLE_H
#define CODEC_RLE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* dst must hold 2 * n bytes; returns the encoded length. */
size_t rle_encode(unsigned char *dst, const unsigned char *src, size_t n);
/* Returns the decoded length, or (size_t)-1 if it would exceed cap. */
size_t rle_decode(unsigned char *dst, size_t cap, const unsigned char *src, size_t n);
/* The decoded length without decoding (a copy of rle_decode's size logic). */
size_t rle_decoded_len(const unsigned char *src, size_t n);
size_t rle_count_bytes(const unsigned char *src, size_t n);

#ifdef __cplusplus
}
#endif
#endif
