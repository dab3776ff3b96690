/* Exercises: Huffman tree construction with a min-heap, canonical code assignment, bit-level writer/reader and round-trip decoding. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct { uint64_t freq; int sym; int left, right; } HNode;
static HNode nodes[512];
static int heap[512], hn;

static int less(int a, int b)
{
    if (nodes[a].freq != nodes[b].freq) return nodes[a].freq < nodes[b].freq;
    return nodes[a].sym < nodes[b].sym; /* deterministic tie-break */
}
static void hpush(int v)
{
    int i = hn++;
    while (i && less(v, heap[(i - 1) / 2])) { heap[i] = heap[(i - 1) / 2]; i = (i - 1) / 2; }
    heap[i] = v;
}
static int hpop(void)
{
    int top = heap[0], last = heap[--hn], i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= hn) break;
        if (c + 1 < hn && less(heap[c + 1], heap[c])) c++;
        if (!less(heap[c], last)) break;
        heap[i] = heap[c]; i = c;
    }
    heap[i] = last;
    return top;
}

static int code_len[256];
static void assign_lengths(int n, int depth)
{
    if (nodes[n].left < 0) { code_len[nodes[n].sym] = depth ? depth : 1; return; }
    assign_lengths(nodes[n].left, depth + 1);
    assign_lengths(nodes[n].right, depth + 1);
}

static uint32_t codes[256];
static void canonical(void)
{
    int bl_count[64] = {0};
    for (int s = 0; s < 256; s++) if (code_len[s]) bl_count[code_len[s]]++;
    uint32_t next[64], code = 0;
    for (int b = 1; b < 64; b++) { code = (code + (uint32_t)bl_count[b - 1]) << 1; next[b] = code; }
    for (int s = 0; s < 256; s++) if (code_len[s]) codes[s] = next[code_len[s]]++;
}

typedef struct { uint8_t *buf; size_t bitpos; } BitW;
static void put_bits(BitW *w, uint32_t v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        if (v >> i & 1) w->buf[w->bitpos >> 3] |= (uint8_t)(0x80u >> (w->bitpos & 7));
        w->bitpos++;
    }
}

static int decode(const uint8_t *buf, size_t nbits, uint8_t *out, size_t max)
{
    /* canonical decoding: count codes per length */
    int count[64] = {0};
    int sorted[256], ns = 0;
    for (int l = 1; l < 64; l++) for (int s = 0; s < 256; s++) if (code_len[s] == l) { sorted[ns++] = s; count[l]++; }
    size_t pos = 0, n = 0;
    while (pos < nbits && n < max) {
        uint32_t code = 0, first = 0;
        int index = 0;
        for (int len = 1; len < 64; len++) {
            code |= (uint32_t)(buf[pos >> 3] >> (7 - (pos & 7)) & 1);
            pos++;
            if (code - first < (uint32_t)count[len]) { out[n++] = (uint8_t)sorted[index + (int)(code - first)]; break; }
            index += count[len];
            first = (first + (uint32_t)count[len]) << 1;
            code <<= 1;
            if (pos > nbits) return -1;
        }
    }
    return (int)n;
}

int main(void)
{
    static uint8_t text[20000], packed[20000], unpacked[20000];
    uint32_t x = 77;
    /* skewed distribution: geometric-ish over letters */
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        int k = __builtin_ctz(x | 0x100000u);
        text[i] = (uint8_t)("etaoinshrdlucmfwypvbgkjqxz"[k] ^ ((x >> 28) == 0 ? 0x20 : 0));
    }
    uint64_t freq[256] = {0};
    for (int i = 0; i < 20000; i++) freq[text[i]]++;
    int nn = 0;
    hn = 0;
    for (int s = 0; s < 256; s++)
        if (freq[s]) { nodes[nn] = (HNode){freq[s], s, -1, -1}; hpush(nn); nn++; }
    int leaves = nn;
    while (hn > 1) {
        int a = hpop(), b = hpop();
        nodes[nn] = (HNode){nodes[a].freq + nodes[b].freq, 256 + nn, a, b};
        hpush(nn);
        nn++;
    }
    int root = hpop();
    CHECK(nodes[root].freq == 20000 && nn == 2 * leaves - 1);
    assign_lengths(root, 0);
    /* Kraft equality for a full binary tree */
    uint64_t kraft = 0;
    uint64_t total_bits = 0;
    for (int s = 0; s < 256; s++) if (code_len[s]) { kraft += 1ull << (40 - code_len[s]); total_bits += freq[s] * (uint64_t)code_len[s]; }
    CHECK(kraft == 1ull << 40);
    canonical();
    /* prefix-free check */
    int prefix_free = 1;
    for (int a = 0; a < 256; a++) for (int b = 0; b < 256; b++) {
        if (a == b || !code_len[a] || !code_len[b] || code_len[a] > code_len[b]) continue;
        if ((codes[b] >> (code_len[b] - code_len[a])) == codes[a]) prefix_free = 0;
    }
    CHECK(prefix_free);
    BitW w = {packed, 0};
    memset(packed, 0, sizeof packed);
    for (int i = 0; i < 20000; i++) put_bits(&w, codes[text[i]], code_len[text[i]]);
    CHECK(w.bitpos == total_bits);
    int n = decode(packed, w.bitpos, unpacked, sizeof unpacked);
    CHECK(n == 20000 && memcmp(text, unpacked, 20000) == 0);
    /* the most frequent symbol has the shortest code */
    int best = 0;
    for (int s = 0; s < 256; s++) if (freq[s] > freq[best]) best = s;
    for (int s = 0; s < 256; s++) if (code_len[s]) CHECK(code_len[best] <= code_len[s]);
    uint32_t h = 0;
    for (size_t i = 0; i < (w.bitpos + 7) / 8; i++) h = h * 131 + packed[i];
    printf("leaves=%d bits=%llu ratio=%.3f hash=%08X\n", leaves, (unsigned long long)total_bits, (double)total_bits / 160000.0, (unsigned)h);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
