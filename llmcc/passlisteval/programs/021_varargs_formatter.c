/* Exercises: stdarg varargs (va_copy, mixed int/long/double/pointer args), a mini printf checked against snprintf. */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static long sum_ints(int count, ...)
{
    va_list ap;
    va_start(ap, count);
    long s = 0;
    for (int i = 0; i < count; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}

/* sentinel-terminated list of strings, concatenated with separators */
static size_t join(char *out, size_t cap, const char *sep, ...)
{
    va_list ap;
    va_start(ap, sep);
    size_t n = 0;
    const char *s;
    int first = 1;
    out[0] = 0;
    while ((s = va_arg(ap, const char *)) != NULL) {
        if (!first) { size_t l = strlen(sep); if (n + l < cap) { memcpy(out + n, sep, l); n += l; } }
        size_t l = strlen(s);
        if (n + l < cap) { memcpy(out + n, s, l); n += l; }
        first = 0;
    }
    out[n] = 0;
    va_end(ap);
    return n;
}

/* format chars: i=int, l=long long, u=unsigned, d=double (scaled to int milli), s=string */
static long long weighted(const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    long long total = 0;
    for (const char *f = fmt; *f; f++) {
        switch (*f) {
        case 'i': total += va_arg(ap, int); break;
        case 'l': total += va_arg(ap, long long); break;
        case 'u': total += va_arg(ap, unsigned); break;
        case 'd': total += (long long)(va_arg(ap, double) * 1000.0); break;
        case 's': total += (long long)strlen(va_arg(ap, const char *)); break;
        default: break;
        }
    }
    /* second pass with the copy: count positions weighted by index */
    long long second = 0;
    int idx = 1;
    for (const char *f = fmt; *f; f++, idx++) {
        switch (*f) {
        case 'i': second += (long long)idx * va_arg(ap2, int); break;
        case 'l': second += idx * va_arg(ap2, long long); break;
        case 'u': second += (long long)idx * va_arg(ap2, unsigned); break;
        case 'd': second += idx * (long long)(va_arg(ap2, double) * 1000.0); break;
        case 's': second += idx * (long long)strlen(va_arg(ap2, const char *)); break;
        default: break;
        }
    }
    va_end(ap2);
    va_end(ap);
    return total * 1000 + second;
}

/* a tiny subset printf: %d %u %x %s %c %% with optional width and '0' flag */
static int mini_vformat(char *out, const char *fmt, va_list ap)
{
    char *o = out;
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') { *o++ = *f; continue; }
        f++;
        int zero = 0, width = 0;
        if (*f == '0') { zero = 1; f++; }
        while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
        char tmp[40];
        int n = 0, neg = 0;
        unsigned long long u;
        switch (*f) {
        case 'd': { int v = va_arg(ap, int); neg = v < 0; u = neg ? 0ull - (unsigned long long)v : (unsigned long long)v;
                    do { tmp[n++] = (char)('0' + u % 10); u /= 10; } while (u); break; }
        case 'u': u = va_arg(ap, unsigned); do { tmp[n++] = (char)('0' + u % 10); u /= 10; } while (u); break;
        case 'x': u = va_arg(ap, unsigned); do { tmp[n++] = "0123456789abcdef"[u % 16]; u /= 16; } while (u); break;
        case 'c': tmp[n++] = (char)va_arg(ap, int); break;
        case 's': { const char *s = va_arg(ap, const char *); size_t l = strlen(s);
                    for (size_t k = l; (int)k < width; k++) *o++ = ' ';
                    memcpy(o, s, l); o += l; continue; }
        case '%': *o++ = '%'; continue;
        default: return -1;
        }
        int len = n + neg;
        if (zero && neg) *o++ = '-';
        for (; len < width; len++) *o++ = zero ? '0' : ' ';
        if (!zero && neg) *o++ = '-';
        while (n) *o++ = tmp[--n];
    }
    *o = 0;
    return (int)(o - out);
}

static int mini_format(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = mini_vformat(out, fmt, ap);
    va_end(ap);
    return r;
}

int main(void)
{
    CHECK(sum_ints(0) == 0);
    CHECK(sum_ints(5, 1, 2, 3, 4, -5) == 5);
    CHECK(sum_ints(12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12) == 78);
    char buf[256], ref[256];
    CHECK(join(buf, sizeof buf, ", ", "alpha", "beta", "gamma", (const char *)NULL) == 18);
    CHECK(strcmp(buf, "alpha, beta, gamma") == 0);
    CHECK(join(buf, sizeof buf, "-", (const char *)NULL) == 0);
    long long w = weighted("ilud s", 7, -3LL, 9u, 2.5, "hello");
    CHECK(w == (7 - 3 + 9 + 2500 + 5) * 1000LL + (7 - 6 + 27 + 4 * 2500 + 6 * 5));

    int bad = 0;
    uint32_t x = 99;
    long total = 0;
    for (int i = 0; i < 2000; i++) {
        x = x * 1103515245u + 12345u;
        int a = (int)(x >> 1) - 0x3FFFFFFF;
        unsigned b = x ^ 0xA5A5A5A5u;
        int width = (int)(x % 13);
        int n1 = mini_format(buf, "[%d|%u|%x|%c|%s|%%]", a, b, b, 'A' + (int)(x % 26), "str");
        int n2 = snprintf(ref, sizeof ref, "[%d|%u|%x|%c|%s|%%]", a, b, b, 'A' + (int)(x % 26), "str");
        if (n1 != n2 || strcmp(buf, ref) != 0) bad++;
        char f1[32];
        snprintf(f1, sizeof f1, "<%%0%dd><%%%dd><%%%ds>", width, width, width);
        n1 = mini_format(buf, f1, a % 1000, a % 77, "ab");
        n2 = snprintf(ref, sizeof ref, f1, a % 1000, a % 77, "ab");
        if (n1 != n2 || strcmp(buf, ref) != 0) bad++;
        total += n1;
    }
    CHECK(bad == 0);
    printf("w=%lld total=%ld last=%s\n", w, total, buf);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
