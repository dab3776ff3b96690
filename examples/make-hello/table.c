#include <string.h>

#include "hash.h"
#include "table.h"

void table_init(struct table *t) { memset(t, 0, sizeof *t); }

static size_t probe(const struct table *t, const char *word, size_t n, uint32_t h) {
    size_t i = h % TABLE_SLOTS;
    for (size_t step = 0; step < TABLE_SLOTS; step++) {
        const struct entry *e = &t->slots[i];
        if (e->count == 0 || (e->hash == h && strncmp(e->word, word, n) == 0 && e->word[n] == 0))
            return i;
        i = (i + 1) % TABLE_SLOTS;
    }
    return TABLE_SLOTS;
}

int table_add(struct table *t, const char *word, size_t n) {
    if (n == 0 || n >= WORD_MAX)
        return -1;
    char buf[WORD_MAX];
    for (size_t k = 0; k < n; k++)
        buf[k] = (char)lower(word[k]);
    buf[n] = 0;
    uint32_t h = hash_fnv1a(buf, n);
    size_t i = probe(t, buf, n, h);
    if (i == TABLE_SLOTS)
        return -1;
    struct entry *e = &t->slots[i];
    if (e->count == 0) {
        memcpy(e->word, buf, n + 1);
        e->hash = h;
        t->used++;
    }
    e->count++;
    return 0;
}

const struct entry *table_find(const struct table *t, const char *word, size_t n) {
    if (n == 0 || n >= WORD_MAX)
        return NULL;
    char buf[WORD_MAX];
    for (size_t k = 0; k < n; k++)
        buf[k] = (char)lower(word[k]);
    buf[n] = 0;
    size_t i = probe(t, buf, n, hash_fnv1a(buf, n));
    return (i == TABLE_SLOTS || t->slots[i].count == 0) ? NULL : &t->slots[i];
}

size_t table_count_text(struct table *t, const char *text) {
    size_t words = 0;
    const char *p = text;
    while (*p) {
        while (*p && !is_word_char(*p))
            p++;
        const char *start = p;
        while (*p && is_word_char(*p))
            p++;
        if (p > start && table_add(t, start, (size_t)(p - start)) == 0)
            words++;
    }
    return words;
}
