/* Exercises: hex dump/parse, overflow-checked integer parsing in bases 2..36, strtoul/strtoll cross-checks and itoa. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <limits.h>
#include <errno.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static int digit_val(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* returns 0 on success, 1 on overflow, 2 on syntax error */
static int parse_i64(const char *s, int base, int64_t *out)
{
    int neg = 0;
    if (*s == '-' || *s == '+') neg = *s++ == '-';
    if (!*s) return 2;
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t v = 0;
    for (; *s; s++) {
        int d = digit_val((unsigned char)*s);
        if (d >= base) return 2;
        if (v > (limit - (uint64_t)d) / (uint64_t)base) return 1;
        v = v * (uint64_t)base + (uint64_t)d;
    }
    if (neg) *out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
    else *out = (int64_t)v;
    return 0;
}

static char *to_base(int64_t v, int base, char *buf)
{
    char tmp[72];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do { tmp[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[u % (uint64_t)base]; u /= (uint64_t)base; } while (u);
    char *p = buf;
    if (v < 0) *p++ = '-';
    while (n) *p++ = tmp[--n];
    *p = 0;
    return buf;
}

static void hex_encode(const uint8_t *d, size_t n, char *out)
{
    static const char hx[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) { out[2 * i] = hx[d[i] >> 4]; out[2 * i + 1] = hx[d[i] & 15]; }
    out[2 * n] = 0;
}

static long hex_decode(const char *s, uint8_t *out)
{
    size_t n = strlen(s);
    if (n & 1) return -1;
    for (size_t i = 0; i < n; i += 2) {
        int a = digit_val((unsigned char)s[i]), b = digit_val((unsigned char)s[i + 1]);
        if (a > 15 || b > 15) return -1;
        out[i / 2] = (uint8_t)(a << 4 | b);
    }
    return (long)(n / 2);
}

int main(void)
{
    int64_t v;
    CHECK(parse_i64("9223372036854775807", 10, &v) == 0 && v == INT64_MAX);
    CHECK(parse_i64("-9223372036854775808", 10, &v) == 0 && v == INT64_MIN);
    CHECK(parse_i64("9223372036854775808", 10, &v) == 1);
    CHECK(parse_i64("-9223372036854775809", 10, &v) == 1);
    CHECK(parse_i64("7fffffffffffffff", 16, &v) == 0 && v == INT64_MAX);
    CHECK(parse_i64("zz", 36, &v) == 0 && v == 1295);
    CHECK(parse_i64("12a", 10, &v) == 2);
    CHECK(parse_i64("-", 10, &v) == 2);
    CHECK(parse_i64("-101", 2, &v) == 0 && v == -5);

    char buf[80], buf2[80];
    CHECK(strcmp(to_base(INT64_MIN, 16, buf), "-8000000000000000") == 0);
    CHECK(strcmp(to_base(255, 2, buf), "11111111") == 0);
    CHECK(strcmp(to_base(-35, 36, buf), "-z") == 0);

    uint64_t x = 0x0123456789ABCDEFull, mix = 0;
    int bad = 0;
    for (int i = 0; i < 3000; i++) {
        x ^= x << 7; x ^= x >> 9;
        int64_t val = (int64_t)(x >> (i % 40));
        if (i & 1) val = -val;
        int base = 2 + i % 35;
        to_base(val, base, buf);
        int64_t back;
        if (parse_i64(buf, base, &back) != 0 || back != val) bad++;
        errno = 0;
        long long sl = strtoll(buf, NULL, base);
        if (errno || sl != val) bad++;
        snprintf(buf2, sizeof buf2, "%lld", (long long)val);
        if (base == 10 && strcmp(buf, buf2) != 0) bad++;
        mix = mix * 131 + strlen(buf);
    }
    CHECK(bad == 0);
    errno = 0;
    (void)strtoull("18446744073709551616", NULL, 10);
    CHECK(errno == ERANGE);

    uint8_t data[256], back[256];
    for (int i = 0; i < 256; i++) data[i] = (uint8_t)(i * 167 + 13);
    char hex[513];
    hex_encode(data, 256, hex);
    CHECK(hex_decode(hex, back) == 256 && memcmp(back, data, 256) == 0);
    CHECK(hex_decode("0G", back) < 0 && hex_decode("abc", back) < 0);
    CHECK(hex_decode("deadBEEF", back) == 4 && back[0] == 0xDE && back[3] == 0xEF);
    char ref[8];
    snprintf(ref, sizeof ref, "%02X%02X", data[10], data[11]);
    CHECK(strncmp(hex + 20, ref, 4) == 0);
    printf("mix=%llu hex=%.32s\n", (unsigned long long)mix, hex);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
