/* Exercises: dense and sparse switch statements (jump tables, binary decision trees), fallthrough, and equivalent lookup tables. */
#include <stdio.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static int dense(unsigned v)
{
    switch (v) {
    case 0: return 17;   case 1: return -3;  case 2: return 99;  case 3: return 4;
    case 4: return 0;    case 5: return 55;  case 6: return -77; case 7: return 12;
    case 8: return 31;   case 9: return 8;   case 10: return 1;  case 11: return 1000;
    case 12: return -1;  case 13: return 42; case 14: return 6;  case 15: return 23;
    default: return (int)(v % 7) - 100;
    }
}
static const int dense_tab[16] = {17, -3, 99, 4, 0, 55, -77, 12, 31, 8, 1, 1000, -1, 42, 6, 23};

static int sparse(int v)
{
    switch (v) {
    case -1000: return 1;
    case -7: return 2;
    case 3: return 3;
    case 64: return 4;
    case 65: return 5;
    case 1024: return 6;
    case 4099: return 7;
    case 65536: return 8;
    case 1000000: return 9;
    case 2147483647: return 10;
    default: return 0;
    }
}
static const int sparse_keys[] = {-1000, -7, 3, 64, 65, 1024, 4099, 65536, 1000000, 2147483647};

/* fallthrough accumulation: Duff-like unrolled sum */
static uint32_t duff_sum(const uint32_t *p, int n)
{
    uint32_t s = 0;
    if (n <= 0) return 0;
    int rounds = (n + 7) / 8;
    switch (n % 8) {
    case 0: do { s += *p++; /* fall through */
    case 7:      s += *p++; /* fall through */
    case 6:      s += *p++; /* fall through */
    case 5:      s += *p++; /* fall through */
    case 4:      s += *p++; /* fall through */
    case 3:      s += *p++; /* fall through */
    case 2:      s += *p++; /* fall through */
    case 1:      s += *p++;
            } while (--rounds > 0);
    }
    return s;
}

static const char *day_kind(int d)
{
    switch (d) {
    case 0: case 6: return "weekend";
    case 1: case 2: case 3: case 4: return "weekday";
    case 5: return "friday";
    default: return "invalid";
    }
}

typedef enum { RED, ORANGE, YELLOW, GREEN, BLUE, INDIGO, VIOLET, NCOLORS } Color;
static Color next_color(Color c)
{
    switch (c) {
    case RED: return ORANGE; case ORANGE: return YELLOW; case YELLOW: return GREEN; case GREEN: return BLUE;
    case BLUE: return INDIGO; case INDIGO: return VIOLET; case VIOLET: return RED; default: return NCOLORS;
    }
}

/* character classifier with ranges in switch (GNU case ranges avoided for portability) */
static int classify(int c)
{
    switch (c) {
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9': return 1;
    case ' ': case '\t': case '\n': case '\r': return 2;
    case '+': case '-': case '*': case '/': return 3;
    case '(': case ')': return 4;
    default:
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 5;
        return 0;
    }
}

int main(void)
{
    int bad = 0;
    long acc = 0;
    for (unsigned v = 0; v < 5000; v++) {
        int expect = v < 16 ? dense_tab[v] : (int)(v % 7) - 100;
        if (dense(v) != expect) bad++;
        acc += dense(v * 2654435761u >> 20);
    }
    CHECK(bad == 0);
    for (int i = 0; i < 10; i++) CHECK(sparse(sparse_keys[i]) == i + 1);
    int hits = 0;
    uint32_t x = 123;
    for (int i = 0; i < 100000; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        int v = (int)(x & 0x7FFFFFFF) % 70000 - 1500;
        int r = sparse(v), e = 0;
        for (int k = 0; k < 10; k++) if (sparse_keys[k] == v) e = k + 1;
        if (r != e) bad++;
        hits += r != 0;
    }
    CHECK(bad == 0);

    uint32_t arr[100];
    for (int i = 0; i < 100; i++) arr[i] = (uint32_t)(i * i + 1);
    for (int n = 0; n <= 100; n++) {
        uint32_t e = 0;
        for (int i = 0; i < n; i++) e += arr[i];
        if (duff_sum(arr, n) != e) bad++;
    }
    CHECK(bad == 0);

    int weekend = 0, weekday = 0, invalid = 0;
    for (int d = -3; d < 10; d++) {
        const char *k = day_kind(d);
        if (k[0] == 'w' && k[4] == 'e') weekend++;
        else if (k[0] == 'w') weekday++;
        else if (k[0] == 'i') invalid++;
    }
    CHECK(weekend == 2 && weekday == 4 && invalid == 6);

    Color c = RED;
    for (int i = 0; i < 7 * 13 + 3; i++) c = next_color(c);
    CHECK(c == GREEN);

    const char *expr = "(12 + x3) * 7 - y / 2\n";
    int counts[6] = {0};
    for (const char *p = expr; *p; p++) counts[classify((unsigned char)*p)]++;
    CHECK(counts[1] == 5 && counts[2] == 9 && counts[3] == 4 && counts[4] == 2 && counts[5] == 2 && counts[0] == 0);
    printf("acc=%ld hits=%d color=%d\n", acc, hits, (int)c);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
