/* Exercises: word wrapping: greedy vs minimum-raggedness DP, full justification with space distribution, line-level invariants. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

#define MAXW 400

static int wlen[MAXW];
static const char *wptr[MAXW];

static int split_words(const char *text)
{
    int n = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        wptr[n] = p;
        while (*p && *p != ' ') p++;
        wlen[n] = (int)(p - wptr[n]);
        n++;
    }
    return n;
}

/* greedy: returns number of lines; breaks[i] = index of first word of line i */
static int greedy(int n, int width, int *breaks)
{
    int lines = 0, cur = -1;
    for (int i = 0; i < n; i++) {
        if (cur < 0 || cur + 1 + wlen[i] > width) { breaks[lines++] = i; cur = wlen[i]; }
        else cur += 1 + wlen[i];
    }
    return lines;
}

static long cost_line(int i, int j, int width) /* words i..j inclusive; last line costs 0 */
{
    int len = -1;
    for (int k = i; k <= j; k++) len += wlen[k] + 1;
    if (len > width) return -1;
    long slack = width - len;
    return slack * slack;
}

static int dp_wrap(int n, int width, int *breaks, long *total_cost)
{
    static long best[MAXW + 1];
    static int choice[MAXW + 1];
    best[n] = 0;
    for (int i = n - 1; i >= 0; i--) {
        best[i] = -1;
        for (int j = i; j < n; j++) {
            long c = cost_line(i, j, width);
            if (c < 0) break;
            if (j == n - 1) c = 0;
            long t = c + best[j + 1];
            if (best[i] < 0 || t < best[i]) { best[i] = t; choice[i] = j + 1; }
        }
    }
    *total_cost = best[0];
    int lines = 0;
    for (int i = 0; i < n; i = choice[i]) breaks[lines++] = i;
    return lines;
}

static long ragged_cost(int lines, const int *breaks, int n, int width)
{
    long t = 0;
    for (int l = 0; l < lines - 1; l++) t += cost_line(breaks[l], breaks[l + 1] - 1, width);
    (void)n;
    return t;
}

/* fully justify one line into out; extra spaces go to the leftmost gaps */
static int justify(int from, int to, int width, char *out)
{
    int letters = 0, gaps = to - from - 1;
    for (int k = from; k < to; k++) letters += wlen[k];
    int spaces = width - letters;
    char *p = out;
    for (int k = from; k < to; k++) {
        memcpy(p, wptr[k], (size_t)wlen[k]);
        p += wlen[k];
        if (k < to - 1) {
            int g = k - from;
            int s = spaces / gaps + (g < spaces % gaps);
            memset(p, ' ', (size_t)s);
            p += s;
        }
    }
    if (gaps == 0) { memset(p, ' ', (size_t)(width - letters)); p += width - letters; }
    *p = 0;
    return (int)(p - out);
}

int main(void)
{
    static char text[4000];
    static const char *vocab[] = {"a", "of", "the", "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing",
                                  "elit", "sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "magna"};
    uint32_t x = 31;
    size_t len = 0;
    for (int i = 0; i < 300; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        const char *w = vocab[x % 20];
        size_t l = strlen(w);
        memcpy(text + len, w, l);
        len += l;
        text[len++] = ' ';
    }
    text[len] = 0;
    int n = split_words(text);
    CHECK(n == 300);
    int gb[MAXW], db[MAXW];
    long results = 0;
    for (int width = 16; width <= 60; width += 11) {
        int gl = greedy(n, width, gb);
        long dcost;
        int dl = dp_wrap(n, width, db, &dcost);
        CHECK(dl >= gl);                             /* greedy minimizes line count */
        CHECK(dcost <= ragged_cost(gl, gb, n, width)); /* DP minimizes raggedness */
        CHECK(dcost == ragged_cost(dl, db, n, width));
        /* every justified line has exactly the target width and preserves words */
        char line[128];
        int lines_ok = 1;
        size_t letters = 0;
        for (int l = 0; l < dl; l++) {
            int to = l + 1 < dl ? db[l + 1] : n;
            if (justify(db[l], to, width, line) != width) lines_ok = 0;
            for (char *p = line; *p; p++) letters += *p != ' ';
        }
        size_t expect_letters = 0;
        for (int i = 0; i < n; i++) expect_letters += (size_t)wlen[i];
        CHECK(lines_ok && letters == expect_letters);
        results = results * 1000 + dcost % 1000;
        if (width == 38) {
            int to = db[1];
            justify(db[0], to, width, line);
            printf("[%s]\n", line);
        }
        printf("width=%d greedy=%d dp=%d cost=%ld\n", width, gl, dl, dcost);
    }
    (void)results;
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
