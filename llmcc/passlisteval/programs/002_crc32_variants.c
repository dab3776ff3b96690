/* Exercises: CRC-32 / CRC-32C via bitwise loops, 256-entry tables and slicing-by-4, plus incremental updates. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static uint32_t tab[4][256];
static uint32_t tabc[256];

static uint32_t crc_bitwise(uint32_t poly, const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (poly & (0u - (c & 1u)));
    }
    return ~c;
}

static void build_tables(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i, d = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
            d = (d & 1) ? (d >> 1) ^ 0x82F63B78u : d >> 1;
        }
        tab[0][i] = c;
        tabc[i] = d;
    }
    for (int t = 1; t < 4; t++)
        for (int i = 0; i < 256; i++)
            tab[t][i] = (tab[t - 1][i] >> 8) ^ tab[0][tab[t - 1][i] & 0xFF];
}

static uint32_t crc_update(const uint32_t *table, uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = (crc >> 8) ^ table[(crc ^ p[i]) & 0xFF];
    return ~crc;
}

static uint32_t crc_slice4(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    while (n >= 4) {
        uint32_t w = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        c ^= w;
        c = tab[3][c & 0xFF] ^ tab[2][(c >> 8) & 0xFF] ^ tab[1][(c >> 16) & 0xFF] ^ tab[0][c >> 24];
        p += 4;
        n -= 4;
    }
    while (n--) c = (c >> 8) ^ tab[0][(c ^ *p++) & 0xFF];
    return ~c;
}

int main(void)
{
    build_tables();
    const unsigned char *check = (const unsigned char *)"123456789";
    CHECK(crc_bitwise(0xEDB88320u, check, 9) == 0xCBF43926u);
    CHECK(crc_bitwise(0x82F63B78u, check, 9) == 0xE3069283u);
    CHECK(crc_update(tab[0], 0, check, 9) == 0xCBF43926u);
    CHECK(crc_update(tabc, 0, check, 9) == 0xE3069283u);
    CHECK(crc_slice4(check, 9) == 0xCBF43926u);
    CHECK(crc_update(tab[0], 0, (const unsigned char *)"", 0) == 0);
    CHECK(crc_update(tab[0], 0, (const unsigned char *)"The quick brown fox jumps over the lazy dog", 43) == 0x414FA339u);

    static unsigned char buf[6000];
    uint32_t x = 0x12345678u;
    for (size_t i = 0; i < sizeof buf; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        buf[i] = (unsigned char)(x >> 24);
    }
    uint32_t acc = 0;
    for (size_t len = 0; len < sizeof buf; len += 997) {
        uint32_t a = crc_bitwise(0xEDB88320u, buf, len);
        uint32_t b = crc_update(tab[0], 0, buf, len);
        uint32_t c = crc_slice4(buf, len);
        CHECK(a == b && b == c);
        /* incremental: split at every offset multiple of 123 */
        for (size_t cut = 0; cut <= len; cut += 1231) {
            uint32_t d = crc_update(tab[0], crc_update(tab[0], 0, buf, cut), buf + cut, len - cut);
            CHECK(d == a);
        }
        uint32_t e = crc_bitwise(0x82F63B78u, buf, len);
        CHECK(e == crc_update(tabc, 0, buf, len));
        acc ^= a + e;
    }
    /* Appending the little-endian CRC of a message yields the CRC-32 residue constant. */
    unsigned char msg[64];
    memcpy(msg, buf, 60);
    uint32_t m = crc_update(tab[0], 0, msg, 60);
    for (int i = 0; i < 4; i++) msg[60 + i] = (unsigned char)(m >> (8 * i));
    CHECK(crc_update(tab[0], 0, msg, 64) == 0x2144DF1Cu);

    printf("crc32(check)=%08X crc32c(check)=%08X\n", (unsigned)crc_slice4(check, 9), (unsigned)crc_update(tabc, 0, check, 9));
    printf("acc=%08X\n", (unsigned)acc);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
