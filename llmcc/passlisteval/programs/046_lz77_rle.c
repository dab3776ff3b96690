/* Exercises: LZ77-style compressor with hash chains, run-length encoding, variable-length integers; round-trip and size checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static size_t put_varint(uint8_t *o, uint32_t v)
{
    size_t n = 0;
    while (v >= 0x80) { o[n++] = (uint8_t)(v | 0x80); v >>= 7; }
    o[n++] = (uint8_t)v;
    return n;
}
static size_t get_varint(const uint8_t *p, uint32_t *v)
{
    uint32_t r = 0;
    size_t n = 0;
    int shift = 0;
    do { r |= (uint32_t)(p[n] & 0x7F) << shift; shift += 7; } while (p[n++] & 0x80);
    *v = r;
    return n;
}

#define WIN 4096
#define MINM 4
#define HBITS 12

/* token format: varint literal_count, literals, varint match_len (0=end), varint distance */
static int head[1 << HBITS];
static int prev[1 << 16];

static inline uint32_t hash4(const uint8_t *p)
{
    return ((uint32_t)p[0] << 16 ^ (uint32_t)p[1] << 8 ^ p[2] ^ (uint32_t)p[3] << 4) * 2654435761u >> (32 - HBITS);
}

static size_t lz_compress(const uint8_t *in, size_t n, uint8_t *out)
{
    for (int i = 0; i < (1 << HBITS); i++) head[i] = -1;
    size_t o = 0, i = 0, lit_start = 0;
    while (i < n) {
        size_t best_len = 0, best_dist = 0;
        if (i + MINM <= n) {
            uint32_t h = hash4(in + i);
            int cand = head[h];
            int chain = 0;
            while (cand >= 0 && i - (size_t)cand <= WIN && chain++ < 32) {
                size_t l = 0;
                while (i + l < n && in[(size_t)cand + l] == in[i + l] && l < 255) l++;
                if (l > best_len) { best_len = l; best_dist = i - (size_t)cand; }
                cand = prev[cand & 0xFFFF];
            }
            prev[i & 0xFFFF] = head[h];
            head[h] = (int)i;
        }
        if (best_len >= MINM) {
            o += put_varint(out + o, (uint32_t)(i - lit_start));
            memcpy(out + o, in + lit_start, i - lit_start);
            o += i - lit_start;
            o += put_varint(out + o, (uint32_t)best_len);
            o += put_varint(out + o, (uint32_t)best_dist);
            for (size_t k = i + 1; k < i + best_len && k + MINM <= n; k++) {
                uint32_t hk = hash4(in + k);
                prev[k & 0xFFFF] = head[hk];
                head[hk] = (int)k;
            }
            i += best_len;
            lit_start = i;
        } else i++;
    }
    o += put_varint(out + o, (uint32_t)(n - lit_start));
    memcpy(out + o, in + lit_start, n - lit_start);
    o += n - lit_start;
    o += put_varint(out + o, 0);
    return o;
}

static long lz_decompress(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
    size_t i = 0, o = 0;
    while (i < n) {
        uint32_t lits, len, dist;
        i += get_varint(in + i, &lits);
        if (o + lits > cap) return -1;
        memcpy(out + o, in + i, lits);
        i += lits; o += lits;
        i += get_varint(in + i, &len);
        if (len == 0) return (long)o;
        i += get_varint(in + i, &dist);
        if (dist == 0 || dist > o || o + len > cap) return -1;
        for (uint32_t k = 0; k < len; k++, o++) out[o] = out[o - dist]; /* overlapping copy is intended */
    }
    return -1;
}

static size_t rle_encode(const uint8_t *in, size_t n, uint8_t *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t run = 1;
        while (i + run < n && in[i + run] == in[i] && run < 255) run++;
        out[o++] = (uint8_t)run;
        out[o++] = in[i];
        i += run;
    }
    return o;
}
static size_t rle_decode(const uint8_t *in, size_t n, uint8_t *out)
{
    size_t o = 0;
    for (size_t i = 0; i + 1 < n; i += 2) { memset(out + o, in[i + 1], in[i]); o += in[i]; }
    return o;
}

int main(void)
{
    uint8_t vb[8];
    uint32_t back;
    static const uint32_t vs[] = {0, 1, 127, 128, 300, 16383, 16384, 0xFFFFFFFFu};
    for (int i = 0; i < 8; i++) { size_t n = put_varint(vb, vs[i]); CHECK(get_varint(vb, &back) == n && back == vs[i]); }

    static uint8_t data[40000], comp[50000], dec[40000];
    static const char *words[] = {"the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog ", "\n", "aaaaaaaa"};
    size_t n = 0;
    uint32_t x = 3;
    while (n < sizeof data - 16) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        const char *w = words[x % 10];
        size_t l = strlen(w);
        memcpy(data + n, w, l);
        n += l;
        if ((x >> 20) % 11 == 0) data[n++] = (uint8_t)(x >> 24);
    }
    size_t c = lz_compress(data, n, comp);
    long d = lz_decompress(comp, c, dec, sizeof dec);
    CHECK(d == (long)n && memcmp(data, dec, n) == 0);
    CHECK(c * 3 < n * 2); /* repetitive text must compress well */

    /* incompressible data expands only slightly */
    static uint8_t rnd[8192];
    for (size_t i = 0; i < sizeof rnd; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; rnd[i] = (uint8_t)x; }
    size_t c2 = lz_compress(rnd, sizeof rnd, comp);
    CHECK(c2 <= sizeof rnd + 16);
    CHECK(lz_decompress(comp, c2, dec, sizeof dec) == (long)sizeof rnd && memcmp(rnd, dec, sizeof rnd) == 0);

    /* long runs: overlapping matches with distance 1 */
    memset(data, 'z', 10000);
    c = lz_compress(data, 10000, comp);
    CHECK(c < 300 && lz_decompress(comp, c, dec, sizeof dec) == 10000 && memcmp(data, dec, 10000) == 0);
    /* corrupted stream is rejected */
    comp[c - 2] = 0x7F;
    CHECK(lz_decompress(comp, c, dec, 50) == -1);

    size_t r = rle_encode(data, 10000, comp);
    CHECK(r == 2 * ((10000 + 254) / 255));
    CHECK(rle_decode(comp, r, dec) == 10000 && memcmp(dec, data, 10000) == 0);
    r = rle_encode(rnd, sizeof rnd, comp);
    CHECK(rle_decode(comp, r, dec) == sizeof rnd && memcmp(dec, rnd, sizeof rnd) == 0);
    uint32_t h = 0;
    for (size_t i = 0; i < c2; i++) h = h * 33 + comp[i];
    printf("text=%zu lz=%zu rle_rnd=%zu h=%08X\n", n, (size_t)lz_compress((const uint8_t *)"abcabcabcabcabc", 15, comp), r, (unsigned)h);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
