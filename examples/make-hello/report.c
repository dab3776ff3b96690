#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "report.h"

static int by_count(const void *a, const void *b) {
    const struct entry *x = *(const struct entry *const *)a;
    const struct entry *y = *(const struct entry *const *)b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->word, y->word);
}

static size_t collect(const struct table *t, const struct entry **out) {
    size_t n = 0;
    for (size_t i = 0; i < TABLE_SLOTS; i++)
        if (t->slots[i].count)
            out[n++] = &t->slots[i];
    return n;
}

void report_top(FILE *out, const struct table *t, size_t n) {
    const struct entry *all[TABLE_SLOTS];
    size_t used = collect(t, all);
    qsort(all, used, sizeof all[0], by_count);
    for (size_t i = 0; i < n && i < used; i++)
        fprintf(out, "%-10s %u\n", all[i]->word, all[i]->count);
}

uint32_t report_digest(const struct table *t) {
    const struct entry *all[TABLE_SLOTS];
    uint32_t counts[TABLE_SLOTS], words[TABLE_SLOTS];
    size_t used = collect(t, all);
    qsort(all, used, sizeof all[0], by_count);
    for (size_t i = 0; i < used; i++) {
        counts[i] = all[i]->count;
        words[i] = hash_fnv1a(all[i]->word, strlen(all[i]->word));
    }
    return checksum_counts(counts, used) ^ checksum_words(words, used);
}
