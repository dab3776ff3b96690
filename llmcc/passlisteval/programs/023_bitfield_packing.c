/* Exercises: struct bitfields (signed/unsigned, adjacent fields), manual shift/mask packing, and bitfield arithmetic wraparound. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct {
    unsigned opcode : 6;
    unsigned rd : 5;
    unsigned rs : 5;
    unsigned imm : 16;
} Insn;

typedef struct {
    signed int dx : 7;
    signed int dy : 7;
    unsigned int flags : 3;
    unsigned int color : 12;
    unsigned int visible : 1;
} Sprite;

typedef struct {
    unsigned int sec : 6, min : 6, hour : 5, day : 5, mon : 4;
    unsigned int year : 12;
} Stamp;

static uint32_t pack_insn(unsigned op, unsigned rd, unsigned rs, unsigned imm)
{
    return (op & 63u) << 26 | (rd & 31u) << 21 | (rs & 31u) << 16 | (imm & 0xFFFFu);
}

static Insn unpack_insn(uint32_t w)
{
    Insn i;
    i.opcode = w >> 26;
    i.rd = (w >> 21) & 31;
    i.rs = (w >> 16) & 31;
    i.imm = w & 0xFFFF;
    return i;
}

static int sext(unsigned v, int bits)
{
    unsigned m = 1u << (bits - 1);
    v &= (1u << bits) - 1;
    return (int)(v ^ m) - (int)m;
}

static __attribute__((noinline)) void tick(Stamp *s)
{
    if (++s->sec == 60) { s->sec = 0; if (++s->min == 60) { s->min = 0; if (++s->hour == 24) { s->hour = 0; s->day++; } } }
}

int main(void)
{
    uint32_t x = 0xDEADBEEFu;
    int bad = 0;
    uint64_t csum = 0;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        unsigned op = x & 63, rd = (x >> 6) & 31, rs = (x >> 11) & 31, imm = x >> 16;
        uint32_t w = pack_insn(op, rd, rs, imm);
        Insn in = unpack_insn(w);
        if (in.opcode != op || in.rd != rd || in.rs != rs || in.imm != imm) bad++;
        if (pack_insn(in.opcode, in.rd, in.rs, in.imm) != w) bad++;
        /* wraparound on unsigned bitfields */
        in.rd += 7;
        if (in.rd != ((rd + 7) & 31)) bad++;
        in.imm += 0xFFFF;
        if (in.imm != ((imm + 0xFFFF) & 0xFFFF)) bad++;

        Sprite sp;
        memset(&sp, 0, sizeof sp);
        int dx = sext(x, 7), dy = sext(x >> 7, 7);
        sp.dx = dx; sp.dy = dy;
        sp.flags = (x >> 14) & 7;
        sp.color = (x >> 17) & 0xFFF;
        sp.visible = x >> 31;
        if (sp.dx != dx || sp.dy != dy || sp.flags != ((x >> 14) & 7) || sp.color != ((x >> 17) & 0xFFF) || sp.visible != (x >> 31)) bad++;
        int sum = sp.dx + sp.dy;
        if (sum != dx + dy) bad++;
        csum = csum * 31 + (uint64_t)(sum + 200) + sp.color;
    }
    CHECK(bad == 0);

    Sprite s2 = {-64, 63, 7, 4095, 1};
    CHECK(s2.dx == -64 && s2.dy == 63 && s2.flags == 7 && s2.color == 4095 && s2.visible == 1);
    Sprite s3 = s2; /* struct copy with bitfields */
    s3.dx = s3.dx + 1;
    CHECK(s3.dx == -63 && s3.dy == 63 && s2.dx == -64);

    Stamp st = {58, 59, 23, 1, 6, 2024};
    for (int i = 0; i < 3; i++) tick(&st);
    CHECK(st.sec == 1 && st.min == 0 && st.hour == 0 && st.day == 2 && st.mon == 6 && st.year == 2024);
    for (int i = 0; i < 86400 * 2; i++) tick(&st);
    CHECK(st.day == 4 && st.sec == 1 && st.hour == 0);

    /* bitfield-based histogram of 4-bit nibbles */
    struct { unsigned lo : 4, hi : 4; } nib;
    unsigned hist[16] = {0};
    for (unsigned v = 0; v < 256; v++) {
        nib.lo = v & 15; nib.hi = v >> 4;
        hist[nib.lo]++; hist[nib.hi]++;
        CHECK((unsigned)(nib.hi << 4 | nib.lo) == v);
    }
    for (int i = 0; i < 16; i++) CHECK(hist[i] == 32);
    printf("csum=%016llX stamp=%u-%u-%u %u:%u:%u\n", (unsigned long long)csum, (unsigned)st.year, (unsigned)st.mon,
           (unsigned)st.day, (unsigned)st.hour, (unsigned)st.min, (unsigned)st.sec);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
