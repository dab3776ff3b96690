/* codec_demo: encodes its arguments (or a sample) and checks the round trips. */
#include <stdio.h>
#include <string.h>

#include "base64.h"
#include "rle.h"

static int roundtrip(const char *text) {
    size_t n = strlen(text);
    char b64[256];
    unsigned char back[256], rle[512], unrle[256];
    if (n > 180)
        return fprintf(stderr, "too long: %s\n", text), 1;
    b64_encode(b64, (const unsigned char *)text, n);
    size_t m = b64_decode(back, b64, strlen(b64));
    size_t r = rle_encode(rle, (const unsigned char *)text, n);
    size_t u = rle_decode(unrle, sizeof unrle, rle, r);
    int ok = m == n && memcmp(back, text, n) == 0 && u == n && memcmp(unrle, text, n) == 0;
    printf("%-20s base64 %-28s rle %zu->%zu bytes %s\n", text, b64, n, r, ok ? "ok" : "MISMATCH");
    return !ok;
}

int main(int argc, char **argv) {
    static const char *sample[] = {"hello, llmcc", "aaaaaaaabbbbbbbbbbc", "Bazel"};
    int bad = 0;
    if (argc > 1)
        for (int i = 1; i < argc; i++)
            bad += roundtrip(argv[i]);
    else
        for (size_t i = 0; i < sizeof sample / sizeof sample[0]; i++)
            bad += roundtrip(sample[i]);
    return bad != 0;
}
