/* Exercises: open-addressing hash map with linear probing, tombstones, resizing and string keys, checked against a sorted reference. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

enum { EMPTY, FULL, DELETED };
typedef struct { char key[16]; int value; unsigned char state; } Slot;
typedef struct { Slot *slots; size_t cap, used, tombstones; } Map;

static uint32_t hash_str(const char *s) { uint32_t h = 2166136261u; while (*s) h = (h ^ (unsigned char)*s++) * 16777619u; return h; }

static void map_init(Map *m, size_t cap) { m->slots = calloc(cap, sizeof(Slot)); m->cap = cap; m->used = m->tombstones = 0; }
static void map_free(Map *m) { free(m->slots); }

static int map_put(Map *m, const char *k, int v);
static void map_grow(Map *m)
{
    Map n;
    map_init(&n, m->cap * 2);
    for (size_t i = 0; i < m->cap; i++) if (m->slots[i].state == FULL) map_put(&n, m->slots[i].key, m->slots[i].value);
    map_free(m);
    *m = n;
}

static int map_put(Map *m, const char *k, int v)
{
    if ((m->used + m->tombstones + 1) * 4 > m->cap * 3) map_grow(m);
    size_t i = hash_str(k) & (m->cap - 1), first_tomb = (size_t)-1;
    for (;;) {
        Slot *s = &m->slots[i];
        if (s->state == EMPTY) {
            if (first_tomb != (size_t)-1) { s = &m->slots[first_tomb]; m->tombstones--; }
            strcpy(s->key, k); s->value = v; s->state = FULL; m->used++;
            return 1;
        }
        if (s->state == DELETED) { if (first_tomb == (size_t)-1) first_tomb = i; }
        else if (strcmp(s->key, k) == 0) { s->value = v; return 0; }
        i = (i + 1) & (m->cap - 1);
    }
}

static Slot *map_find(Map *m, const char *k)
{
    size_t i = hash_str(k) & (m->cap - 1);
    for (size_t probes = 0; probes < m->cap; probes++) {
        Slot *s = &m->slots[i];
        if (s->state == EMPTY) return NULL;
        if (s->state == FULL && strcmp(s->key, k) == 0) return s;
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}

static int map_del(Map *m, const char *k)
{
    Slot *s = map_find(m, k);
    if (!s) return 0;
    s->state = DELETED; m->used--; m->tombstones++;
    return 1;
}

/* reference: plain array of (key index -> value, present) */
#define NKEYS 3000
static int ref_val[NKEYS];
static unsigned char ref_present[NKEYS];

static void key_name(int i, char *buf) { snprintf(buf, 16, "k%x_%d", (unsigned)(i * 2654435761u) >> 20, i); }

int main(void)
{
    Map m;
    map_init(&m, 8);
    uint32_t x = 42;
    char key[16];
    int bad = 0, inserts = 0, deletes = 0;
    for (int step = 0; step < 40000; step++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        int k = (int)(x % NKEYS);
        key_name(k, key);
        switch ((x >> 16) % 4) {
        case 0: case 1: {
            int v = (int)(x >> 8);
            int fresh = map_put(&m, key, v);
            if (fresh != !ref_present[k]) bad++;
            ref_present[k] = 1; ref_val[k] = v; inserts += fresh;
            break;
        }
        case 2: {
            int d = map_del(&m, key);
            if (d != ref_present[k]) bad++;
            ref_present[k] = 0; deletes += d;
            break;
        }
        default: {
            Slot *s = map_find(&m, key);
            if ((s != NULL) != ref_present[k] || (s && s->value != ref_val[k])) bad++;
        }
        }
    }
    CHECK(bad == 0);
    size_t count = 0;
    for (int i = 0; i < NKEYS; i++) count += ref_present[i];
    CHECK(count == m.used);
    size_t full = 0;
    long long vsum = 0, rsum = 0;
    for (size_t i = 0; i < m.cap; i++) if (m.slots[i].state == FULL) { full++; vsum += m.slots[i].value; }
    for (int i = 0; i < NKEYS; i++) if (ref_present[i]) rsum += ref_val[i];
    CHECK(full == count && vsum == rsum);
    for (int i = 0; i < NKEYS; i++) {
        key_name(i, key);
        Slot *s = map_find(&m, key);
        if ((s != NULL) != ref_present[i]) bad++;
    }
    CHECK(bad == 0);
    CHECK(map_find(&m, "missing") == NULL && !map_del(&m, "missing"));
    printf("inserts=%d deletes=%d live=%zu cap=%zu vsum=%lld\n", inserts, deletes, count, m.cap, vsum);
    map_free(&m);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
