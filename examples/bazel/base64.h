/* Base64 (RFC 4648), standard and URL-safe alphabets, with padding. */
#ifndef CODEC_BASE64_H
#define CODEC_BASE64_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

size_t b64_encoded_len(size_t n);
/* Writes b64_encoded_len(n) characters and a NUL; returns the length. */
size_t b64_encode(char *dst, const unsigned char *src, size_t n);
size_t b64url_encode(char *dst, const unsigned char *src, size_t n);
/* Returns the decoded length, or (size_t)-1 on malformed input. */
size_t b64_decode(unsigned char *dst, const char *src, size_t n);

#ifdef __cplusplus
}
#endif
#endif
