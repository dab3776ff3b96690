#include "base64.h"

static const char STD[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t b64_encoded_len(size_t n) { return (n + 2) / 3 * 4; }

static size_t encode(char *dst, const unsigned char *src, size_t n, const char *abc) {
    size_t o = 0, i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)src[i] << 16 | (unsigned)src[i + 1] << 8 | src[i + 2];
        dst[o++] = abc[v >> 18 & 63];
        dst[o++] = abc[v >> 12 & 63];
        dst[o++] = abc[v >> 6 & 63];
        dst[o++] = abc[v & 63];
    }
    if (i < n) {
        unsigned v = (unsigned)src[i] << 16 | (i + 1 < n ? (unsigned)src[i + 1] << 8 : 0);
        dst[o++] = abc[v >> 18 & 63];
        dst[o++] = abc[v >> 12 & 63];
        dst[o++] = i + 1 < n ? abc[v >> 6 & 63] : '=';
        dst[o++] = '=';
    }
    dst[o] = 0;
    return o;
}

size_t b64_encode(char *dst, const unsigned char *src, size_t n) { return encode(dst, src, n, STD); }

size_t b64url_encode(char *dst, const unsigned char *src, size_t n) {
    return encode(dst, src, n, URL);
}

static int value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

size_t b64_decode(unsigned char *dst, const char *src, size_t n) {
    if (n % 4)
        return (size_t)-1;
    size_t o = 0;
    for (size_t i = 0; i < n; i += 4) {
        int pad = (src[i + 3] == '=') + (src[i + 2] == '=');
        if (pad && i + 4 != n)
            return (size_t)-1;
        int a = value(src[i]), b = value(src[i + 1]);
        int c = pad > 1 ? 0 : value(src[i + 2]), d = pad ? 0 : value(src[i + 3]);
        if ((a | b | c | d) < 0)
            return (size_t)-1;
        unsigned v = (unsigned)a << 18 | (unsigned)b << 12 | (unsigned)c << 6 | (unsigned)d;
        dst[o++] = (unsigned char)(v >> 16);
        if (pad < 2) dst[o++] = (unsigned char)(v >> 8);
        if (pad < 1) dst[o++] = (unsigned char)v;
    }
    return o;
}
