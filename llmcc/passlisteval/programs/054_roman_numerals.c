/* Exercises: Roman numeral encode/decode with tables, strict validation by re-encoding, English number words, ordinal suffixes. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static const int rv[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
static const char *rs[] = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};

static int to_roman(int n, char *out)
{
    if (n <= 0 || n >= 4000) return -1;
    char *p = out;
    for (int i = 0; i < 13; i++)
        while (n >= rv[i]) { size_t l = strlen(rs[i]); memcpy(p, rs[i], l); p += l; n -= rv[i]; }
    *p = 0;
    return (int)(p - out);
}

static int val(char c)
{
    switch (c) {
    case 'I': return 1; case 'V': return 5; case 'X': return 10; case 'L': return 50;
    case 'C': return 100; case 'D': return 500; case 'M': return 1000; default: return 0;
    }
}

/* lenient decode (subtractive rule), then strict check by re-encoding */
static int from_roman(const char *s)
{
    int total = 0;
    for (size_t i = 0; s[i]; i++) {
        int v = val(s[i]);
        if (!v) return -1;
        int nx = s[i + 1] ? val(s[i + 1]) : 0;
        total += v < nx ? -v : v;
    }
    char check[32];
    if (to_roman(total, check) < 0 || strcmp(check, s) != 0) return -1;
    return total;
}

static const char *ones[] = {"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *tens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

static void words_below_1000(int n, char *out)
{
    out[0] = 0;
    if (n >= 100) { strcat(out, ones[n / 100]); strcat(out, " hundred"); n %= 100; if (n) strcat(out, " and "); }
    if (n >= 20) { strcat(out, tens[n / 10]); if (n % 10) { strcat(out, "-"); strcat(out, ones[n % 10]); } }
    else if (n) strcat(out, ones[n]);
}

static void words(int n, char *out)
{
    if (n == 0) { strcpy(out, "zero"); return; }
    char part[128];
    out[0] = 0;
    if (n >= 1000) { words_below_1000(n / 1000, part); strcat(out, part); strcat(out, " thousand"); n %= 1000; if (n) strcat(out, n < 100 ? " and " : " "); }
    words_below_1000(n, part);
    strcat(out, part);
}

static const char *ordinal_suffix(int n)
{
    int t = n % 100;
    if (t >= 11 && t <= 13) return "th";
    switch (n % 10) { case 1: return "st"; case 2: return "nd"; case 3: return "rd"; default: return "th"; }
}

int main(void)
{
    char buf[64];
    int bad = 0;
    long total_len = 0;
    int maxlen = 0, maxn = 0;
    for (int n = 1; n < 4000; n++) {
        int l = to_roman(n, buf);
        total_len += l;
        if (l > maxlen) { maxlen = l; maxn = n; }
        if (from_roman(buf) != n) bad++;
    }
    CHECK(bad == 0);
    CHECK(maxlen == 15 && maxn == 3888);
    to_roman(1994, buf); CHECK(strcmp(buf, "MCMXCIV") == 0);
    to_roman(2024, buf); CHECK(strcmp(buf, "MMXXIV") == 0);
    CHECK(from_roman("IIII") == -1 && from_roman("IC") == -1 && from_roman("VX") == -1 && from_roman("MMMM") == -1);
    CHECK(from_roman("XLII") == 42 && from_roman("ABC") == -1);

    /* count letters used writing 1..1000 in British English (with "and") */
    long letters = 0;
    for (int n = 1; n <= 1000; n++) {
        char w[256];
        words(n, w);
        for (char *p = w; *p; p++) letters += *p >= 'a' && *p <= 'z';
    }
    CHECK(letters == 21124);
    char w[256];
    words(342, w); CHECK(strcmp(w, "three hundred and forty-two") == 0);
    words(115, w); CHECK(strcmp(w, "one hundred and fifteen") == 0);
    words(20019, w); CHECK(strcmp(w, "twenty thousand and nineteen") == 0);
    words(7305, w); CHECK(strcmp(w, "seven thousand three hundred and five") == 0);

    CHECK(strcmp(ordinal_suffix(1), "st") == 0 && strcmp(ordinal_suffix(12), "th") == 0 && strcmp(ordinal_suffix(113), "th") == 0);
    CHECK(strcmp(ordinal_suffix(22), "nd") == 0 && strcmp(ordinal_suffix(103), "rd") == 0 && strcmp(ordinal_suffix(1000), "th") == 0);
    int st = 0;
    for (int n = 1; n <= 1000; n++) st += strcmp(ordinal_suffix(n), "st") == 0;
    CHECK(st == 90);
    printf("roman_total_len=%ld letters=%ld st=%d\n", total_len, letters, st);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
