/* A fixed-size open-addressing word table: used by table.c, report.c and main.c. */
#ifndef TABLE_H
#define TABLE_H

#include "util.h"

#define TABLE_SLOTS 256
#define WORD_MAX 24

struct entry {
    char word[WORD_MAX];
    uint32_t hash;
    uint32_t count;
};

struct table {
    struct entry slots[TABLE_SLOTS];
    size_t used;
};

void table_init(struct table *t);
/* Returns 0 on success, -1 if the table is full or the word too long. */
int table_add(struct table *t, const char *word, size_t n);
const struct entry *table_find(const struct table *t, const char *word, size_t n);
size_t table_count_text(struct table *t, const char *text);

#endif
