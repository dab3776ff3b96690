/* Exercises: fixed-size block pool with an intrusive free list, arena bump allocator with alignment, and a buddy-style allocator. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <stddef.h>
#include <stdalign.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

/* ---- fixed-size pool ---- */
#define BLOCK 48
#define NBLOCKS 256
typedef union Block { union Block *next; unsigned char data[BLOCK]; max_align_t align; } Block;
static Block pool_mem[NBLOCKS];
static Block *free_list;
static int pool_used;

static void pool_init(void)
{
    free_list = NULL;
    for (int i = NBLOCKS - 1; i >= 0; i--) { pool_mem[i].next = free_list; free_list = &pool_mem[i]; }
    pool_used = 0;
}
static void *pool_alloc(void) { if (!free_list) return NULL; Block *b = free_list; free_list = b->next; pool_used++; return b; }
static void pool_free(void *p) { Block *b = p; b->next = free_list; free_list = b; pool_used--; }

/* ---- arena ---- */
typedef struct { alignas(16) unsigned char buf[8192]; size_t off; } Arena;
static void *arena_alloc(Arena *a, size_t n, size_t align)
{
    size_t off = (a->off + align - 1) & ~(align - 1);
    if (off + n > sizeof a->buf) return NULL;
    a->off = off + n;
    return a->buf + off;
}

/* ---- buddy allocator over 2^12 units of 16 bytes, orders 0..12 ---- */
#define MAXORD 12
static unsigned char buddy_mem[(1 << MAXORD) * 16];
static int16_t free_head[MAXORD + 1];
static int16_t link_next[1 << MAXORD];
static signed char block_order[1 << MAXORD]; /* order if free-list head of a free block, -1 otherwise; alloc order in alloc_ord */
static signed char alloc_ord[1 << MAXORD];

static void list_push(int ord, int idx) { link_next[idx] = free_head[ord]; free_head[ord] = (int16_t)idx; block_order[idx] = (signed char)ord; }
static int list_remove(int ord, int idx)
{
    int16_t *pp = &free_head[ord];
    while (*pp >= 0) { if (*pp == idx) { *pp = link_next[idx]; block_order[idx] = -1; return 1; } pp = &link_next[*pp]; }
    return 0;
}
static void buddy_init(void)
{
    for (int i = 0; i <= MAXORD; i++) free_head[i] = -1;
    memset(block_order, -1, sizeof block_order);
    memset(alloc_ord, -1, sizeof alloc_ord);
    list_push(MAXORD, 0);
}
static int buddy_alloc(int ord)
{
    int o = ord;
    while (o <= MAXORD && free_head[o] < 0) o++;
    if (o > MAXORD) return -1;
    int idx = free_head[o];
    list_remove(o, idx);
    while (o > ord) { o--; list_push(o, idx + (1 << o)); }
    alloc_ord[idx] = (signed char)ord;
    return idx;
}
static void buddy_free(int idx)
{
    int ord = alloc_ord[idx];
    alloc_ord[idx] = -1;
    while (ord < MAXORD) {
        int buddy = idx ^ (1 << ord);
        if (block_order[buddy] != ord || !list_remove(ord, buddy)) break;
        idx = idx < buddy ? idx : buddy;
        ord++;
    }
    list_push(ord, idx);
}
static int free_units(void)
{
    int total = 0;
    for (int o = 0; o <= MAXORD; o++) for (int i = free_head[o]; i >= 0; i = link_next[i]) total += 1 << o;
    return total;
}

int main(void)
{
    pool_init();
    void *ptrs[NBLOCKS + 1];
    int n = 0;
    while ((ptrs[n] = pool_alloc()) != NULL) { memset(ptrs[n], n & 0xFF, BLOCK); n++; }
    CHECK(n == NBLOCKS && pool_used == NBLOCKS);
    int bad = 0;
    for (int i = 0; i < n; i++) { unsigned char *p = ptrs[i]; for (int k = 0; k < BLOCK; k++) if (p[k] != (i & 0xFF)) bad++; }
    CHECK(bad == 0);
    for (int i = 0; i < n; i += 2) pool_free(ptrs[i]);
    CHECK(pool_used == NBLOCKS / 2);
    /* LIFO reuse: the next allocation returns the most recently freed block */
    CHECK(pool_alloc() == ptrs[n - 2]);
    uint32_t s = 5;
    int live = pool_used;
    for (int step = 0; step < 5000; step++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        int i = (int)(s % NBLOCKS);
        if (s & 0x100) { if (ptrs[i] == NULL && (ptrs[i] = pool_alloc()) != NULL) live++; }
        else if (ptrs[i]) {
            /* only free blocks we believe are live: keep ptrs consistent */
            int is_free = 0;
            for (Block *b = free_list; b; b = b->next) if ((void *)b == ptrs[i]) { is_free = 1; break; }
            if (!is_free) { pool_free(ptrs[i]); live--; }
            ptrs[i] = NULL;
        }
    }
    int fl = 0;
    for (Block *b = free_list; b; b = b->next) fl++;
    CHECK(fl + pool_used == NBLOCKS);

    Arena ar = {{0}, 0};
    size_t total = 0;
    for (int i = 1; i < 200; i++) {
        size_t align = (size_t)1 << (i % 5);
        void *p = arena_alloc(&ar, (size_t)(i % 37) + 1, align);
        if (!p) break;
        if (((uintptr_t)p - (uintptr_t)ar.buf) % align) bad++;
        total += (size_t)(i % 37) + 1;
    }
    CHECK(bad == 0 && ar.off >= total && ar.off <= sizeof ar.buf);
    CHECK(arena_alloc(&ar, 100000, 8) == NULL);

    buddy_init();
    int held[300], hord[300], nh = 0, used_units = 0;
    for (int step = 0; step < 6000; step++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        if ((s & 3) != 0 && nh < 300) {
            int ord = (int)(s >> 8) % 6;
            int idx = buddy_alloc(ord);
            if (idx >= 0) {
                if (idx % (1 << ord)) bad++; /* natural alignment */
                memset(buddy_mem + (size_t)idx * 16, 0xAB, (size_t)16 << ord);
                held[nh] = idx; hord[nh] = ord; nh++; used_units += 1 << ord;
            }
        } else if (nh) {
            int k = (int)(s >> 10) % nh;
            buddy_free(held[k]);
            used_units -= 1 << hord[k];
            held[k] = held[nh - 1]; hord[k] = hord[nh - 1]; nh--;
        }
        if (step % 500 == 0 && free_units() + used_units != 1 << MAXORD) bad++;
    }
    CHECK(bad == 0);
    while (nh) { buddy_free(held[--nh]); }
    CHECK(free_head[MAXORD] == 0 && free_units() == 1 << MAXORD); /* everything coalesced */
    printf("pool_used=%d live=%d arena_off=%zu units=%d\n", pool_used, live, ar.off, free_units());
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
