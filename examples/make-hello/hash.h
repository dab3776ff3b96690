/* Hashing: used by table.c and main.c. */
#ifndef HASH_H
#define HASH_H

#include "util.h"

uint32_t hash_fnv1a(const char *s, size_t n);
uint32_t hash_fnv1a_lower(const char *s, size_t n);
uint32_t checksum_words(const uint32_t *v, size_t n);
uint32_t checksum_counts(const uint32_t *v, size_t n);

#endif
