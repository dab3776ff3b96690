/* Exercises: TEA/XTEA block ciphers, CBC and CTR modes, a Feistel network with custom round function, encrypt/decrypt round trips. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static void tea_enc(uint32_t v[2], const uint32_t k[4])
{
    uint32_t v0 = v[0], v1 = v[1], sum = 0, delta = 0x9E3779B9u;
    for (int i = 0; i < 32; i++) {
        sum += delta;
        v0 += ((v1 << 4) + k[0]) ^ (v1 + sum) ^ ((v1 >> 5) + k[1]);
        v1 += ((v0 << 4) + k[2]) ^ (v0 + sum) ^ ((v0 >> 5) + k[3]);
    }
    v[0] = v0; v[1] = v1;
}
static void tea_dec(uint32_t v[2], const uint32_t k[4])
{
    uint32_t v0 = v[0], v1 = v[1], delta = 0x9E3779B9u, sum = delta * 32;
    for (int i = 0; i < 32; i++) {
        v1 -= ((v0 << 4) + k[2]) ^ (v0 + sum) ^ ((v0 >> 5) + k[3]);
        v0 -= ((v1 << 4) + k[0]) ^ (v1 + sum) ^ ((v1 >> 5) + k[1]);
        sum -= delta;
    }
    v[0] = v0; v[1] = v1;
}

static void xtea_enc(unsigned rounds, uint32_t v[2], const uint32_t key[4])
{
    uint32_t v0 = v[0], v1 = v[1], sum = 0, delta = 0x9E3779B9u;
    for (unsigned i = 0; i < rounds; i++) {
        v0 += (((v1 << 4) ^ (v1 >> 5)) + v1) ^ (sum + key[sum & 3]);
        sum += delta;
        v1 += (((v0 << 4) ^ (v0 >> 5)) + v0) ^ (sum + key[(sum >> 11) & 3]);
    }
    v[0] = v0; v[1] = v1;
}
static void xtea_dec(unsigned rounds, uint32_t v[2], const uint32_t key[4])
{
    uint32_t v0 = v[0], v1 = v[1], delta = 0x9E3779B9u, sum = delta * rounds;
    for (unsigned i = 0; i < rounds; i++) {
        v1 -= (((v0 << 4) ^ (v0 >> 5)) + v0) ^ (sum + key[(sum >> 11) & 3]);
        sum -= delta;
        v0 -= (((v1 << 4) ^ (v1 >> 5)) + v1) ^ (sum + key[sum & 3]);
    }
    v[0] = v0; v[1] = v1;
}

/* 4-round Feistel over 16-bit halves with an S-box built from a permutation */
static uint8_t sbox[256];
static uint16_t F(uint16_t r, uint16_t k)
{
    uint16_t x = (uint16_t)(r ^ k);
    uint8_t a = sbox[x & 0xFF], b = sbox[x >> 8];
    return (uint16_t)(((unsigned)a << 8 | b) ^ (((unsigned)x << 3 | (unsigned)x >> 13) & 0xFFFFu));
}
static uint32_t feistel(uint32_t block, const uint16_t *keys, int rounds, int decrypt)
{
    uint16_t L = (uint16_t)(block >> 16), R = (uint16_t)block;
    for (int i = 0; i < rounds; i++) {
        uint16_t k = keys[decrypt ? rounds - 1 - i : i];
        uint16_t nl = R, nr = (uint16_t)(L ^ F(R, k));
        L = nl; R = nr;
    }
    return (uint32_t)R << 16 | L; /* final swap */
}

static void load_be(const uint8_t *p, uint32_t v[2])
{
    v[0] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    v[1] = (uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7];
}
static void store_be(uint8_t *p, const uint32_t v[2])
{
    for (int i = 0; i < 4; i++) { p[i] = (uint8_t)(v[0] >> (24 - 8 * i)); p[4 + i] = (uint8_t)(v[1] >> (24 - 8 * i)); }
}

static void cbc_encrypt(uint8_t *d, size_t n, const uint32_t key[4], const uint8_t iv[8])
{
    uint8_t prev[8];
    memcpy(prev, iv, 8);
    for (size_t off = 0; off < n; off += 8) {
        for (int i = 0; i < 8; i++) d[off + i] ^= prev[i];
        uint32_t v[2];
        load_be(d + off, v);
        xtea_enc(32, v, key);
        store_be(d + off, v);
        memcpy(prev, d + off, 8);
    }
}
static void cbc_decrypt(uint8_t *d, size_t n, const uint32_t key[4], const uint8_t iv[8])
{
    uint8_t prev[8], cur[8];
    memcpy(prev, iv, 8);
    for (size_t off = 0; off < n; off += 8) {
        memcpy(cur, d + off, 8);
        uint32_t v[2];
        load_be(d + off, v);
        xtea_dec(32, v, key);
        store_be(d + off, v);
        for (int i = 0; i < 8; i++) d[off + i] ^= prev[i];
        memcpy(prev, cur, 8);
    }
}
static void ctr_xor(uint8_t *d, size_t n, const uint32_t key[4], uint64_t nonce)
{
    for (size_t off = 0; off < n; off += 8) {
        uint32_t v[2] = {(uint32_t)(nonce >> 32), (uint32_t)nonce + (uint32_t)(off / 8)};
        tea_enc(v, key);
        uint8_t ks[8];
        store_be(ks, v);
        for (size_t i = 0; i < 8 && off + i < n; i++) d[off + i] ^= ks[i];
    }
}

int main(void)
{
    const uint32_t key[4] = {0x01234567, 0x89ABCDEF, 0xFEDCBA98, 0x76543210};
    uint32_t x = 0xACE1u;
    int bad = 0;
    uint32_t digest = 0;
    for (int i = 0; i < 600; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        uint32_t v[2] = {x, x * 2654435761u}, o[2] = {v[0], v[1]};
        tea_enc(v, key);
        if (v[0] == o[0] && v[1] == o[1]) bad++;
        digest ^= v[0] + v[1];
        tea_dec(v, key);
        if (v[0] != o[0] || v[1] != o[1]) bad++;
        xtea_enc(64, v, key);
        xtea_dec(64, v, key);
        if (v[0] != o[0] || v[1] != o[1]) bad++;
    }
    CHECK(bad == 0);
    /* avalanche: flipping one plaintext bit changes about half the output bits */
    long flips = 0;
    for (int b = 0; b < 64; b++) {
        uint32_t p[2] = {0x11111111u, 0x22222222u}, q[2] = {p[0], p[1]};
        q[b / 32] ^= 1u << (b % 32);
        xtea_enc(32, p, key); xtea_enc(32, q, key);
        flips += __builtin_popcount(p[0] ^ q[0]) + __builtin_popcount(p[1] ^ q[1]);
    }
    CHECK(flips > 64 * 24 && flips < 64 * 40);

    for (int i = 0; i < 256; i++) sbox[i] = (uint8_t)i;
    for (int i = 255; i > 0; i--) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; int j = (int)(x % (uint32_t)(i + 1)); uint8_t t = sbox[i]; sbox[i] = sbox[j]; sbox[j] = t; }
    uint16_t rk[8];
    for (int i = 0; i < 8; i++) rk[i] = (uint16_t)(0x1234 * (i + 1) ^ 0xBEEF);
    /* Feistel is a permutation: check on a sample, and decryption inverts */
    for (uint32_t b = 0; b < 8000; b++) {
        uint32_t blk = b * 0x9E3779B1u;
        uint32_t c = feistel(blk, rk, 8, 0);
        if (feistel(c, rk, 8, 1) != blk) bad++;
    }
    CHECK(bad == 0);

    uint8_t msg[256], orig[256];
    for (int i = 0; i < 256; i++) msg[i] = orig[i] = (uint8_t)(i ^ 0x5A);
    uint8_t iv[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    cbc_encrypt(msg, 256, key, iv);
    int same_blocks = 0;
    for (int i = 8; i < 256; i += 8) same_blocks += memcmp(msg, msg + i, 8) == 0;
    CHECK(same_blocks == 0 && memcmp(msg, orig, 256) != 0);
    uint32_t ch = 0;
    for (int i = 0; i < 256; i++) ch = ch * 31 + msg[i];
    cbc_decrypt(msg, 256, key, iv);
    CHECK(memcmp(msg, orig, 256) == 0);
    ctr_xor(msg, 250, key, 0x0102030405060708ull);
    ctr_xor(msg, 250, key, 0x0102030405060708ull);
    CHECK(memcmp(msg, orig, 256) == 0);
    printf("digest=%08X cbc=%08X flips=%ld\n", (unsigned)digest, (unsigned)ch, flips);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
