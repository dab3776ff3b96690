#include "hash.h"

uint32_t hash_fnv1a(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

uint32_t hash_fnv1a_lower(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)lower(s[i]);
        h *= 16777619u;
    }
    return h;
}

/* Two checksums kept apart in the API (they may diverge later), identical today:
   the kind of duplication real code has and clang -Oz does not fold. */
uint32_t checksum_words(const uint32_t *v, size_t n) {
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < n; i++) {
        a = (a + v[i]) % 65521u;
        b = (b + a) % 65521u;
    }
    return (b << 16) | a;
}

uint32_t checksum_counts(const uint32_t *v, size_t n) {
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < n; i++) {
        a = (a + v[i]) % 65521u;
        b = (b + a) % 65521u;
    }
    return (b << 16) | a;
}
