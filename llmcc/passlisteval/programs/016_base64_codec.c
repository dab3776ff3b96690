/* Exercises: base64 (standard and URL-safe) encode/decode with lookup tables, padding rules, RFC 4648 vectors and round trips. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static const char STD[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static size_t b64_encode(const uint8_t *in, size_t n, char *out, const char *alpha, int pad)
{
    size_t o = 0, i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        out[o++] = alpha[v >> 18];
        out[o++] = alpha[(v >> 12) & 63];
        out[o++] = alpha[(v >> 6) & 63];
        out[o++] = alpha[v & 63];
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)in[i] << 16;
        out[o++] = alpha[v >> 18];
        out[o++] = alpha[(v >> 12) & 63];
        if (pad) { out[o++] = '='; out[o++] = '='; }
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
        out[o++] = alpha[v >> 18];
        out[o++] = alpha[(v >> 12) & 63];
        out[o++] = alpha[(v >> 6) & 63];
        if (pad) out[o++] = '=';
    }
    out[o] = 0;
    return o;
}

static int8_t rev[2][256];

static void build_rev(void)
{
    memset(rev, -1, sizeof rev);
    for (int i = 0; i < 64; i++) {
        rev[0][(unsigned char)STD[i]] = (int8_t)i;
        rev[1][(unsigned char)URL[i]] = (int8_t)i;
    }
}

/* returns decoded length or -1 on error; accepts missing padding */
static long b64_decode(const char *s, uint8_t *out, int url)
{
    size_t n = strlen(s);
    while (n && s[n - 1] == '=') n--;
    if (n % 4 == 1) return -1;
    long o = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = rev[url][(unsigned char)s[i]];
        if (v < 0) return -1;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (uint8_t)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    if (acc != 0) return -1; /* non-canonical trailing bits */
    return o;
}

int main(void)
{
    build_rev();
    static const char *plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *enc[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    char out[1024];
    uint8_t dec[1024];
    for (int i = 0; i < 7; i++) {
        b64_encode((const uint8_t *)plain[i], strlen(plain[i]), out, STD, 1);
        CHECK(strcmp(out, enc[i]) == 0);
        long d = b64_decode(enc[i], dec, 0);
        CHECK(d == (long)strlen(plain[i]) && memcmp(dec, plain[i], (size_t)d) == 0);
    }
    CHECK(b64_decode("Zm9v!", dec, 0) < 0);
    CHECK(b64_decode("Zh==", dec, 0) < 0);   /* non-zero padding bits */
    CHECK(b64_decode("Z", dec, 0) < 0);
    b64_encode((const uint8_t *)"\xfb\xff\xfe", 3, out, URL, 0);
    CHECK(strcmp(out, "-__-") == 0);
    b64_encode((const uint8_t *)"\xfb\xff\xfe", 3, out, STD, 0);
    CHECK(strcmp(out, "+//+") == 0);

    uint8_t data[700];
    uint32_t x = 0xABCDEF01u, digest = 0;
    int rt_ok = 1;
    for (size_t len = 0; len <= sizeof data; len += 7) {
        for (size_t i = 0; i < len; i++) { x = x * 1664525u + 1013904223u; data[i] = (uint8_t)(x >> 23); }
        for (int url = 0; url < 2; url++) {
            size_t el = b64_encode(data, len, out, url ? URL : STD, !url);
            if (!url && el != (len + 2) / 3 * 4) rt_ok = 0;
            long dl = b64_decode(out, dec, url);
            if (dl != (long)len || memcmp(dec, data, len) != 0) rt_ok = 0;
            for (size_t k = 0; k < el; k++) digest = digest * 31u + (unsigned char)out[k];
        }
    }
    CHECK(rt_ok);
    printf("digest=%08X last=%.16s\n", (unsigned)digest, out);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
