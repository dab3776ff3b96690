/* Two functions with identical bodies: mergefunc folds one into the other,
   which clang -Oz does not do, so llmcc's candidates reliably win here. */
#include <stddef.h>

unsigned checksum_a(const unsigned char *p, size_t n) {
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 16777619u;
        if (h & 1u) h = (h >> 3) | (h << 29);
    }
    return h ^ (unsigned)n;
}

unsigned checksum_b(const unsigned char *p, size_t n) {
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 16777619u;
        if (h & 1u) h = (h >> 3) | (h << 29);
    }
    return h ^ (unsigned)n;
}

int table_lookup(int k) {
    static const int t[] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3};
    return t[k & 15] * k;
}
