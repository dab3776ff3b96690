/* wordstat: counts the words of a built-in text and checks the result.
   Exit status 0 and "OK" on stdout when every check passes. */
#include <stdio.h>
#include <string.h>

#include "hash.h"
#include "report.h"
#include "table.h"

static const char TEXT[] =
    "It was the best of times, it was the worst of times, it was the age of wisdom, "
    "it was the age of foolishness, it was the epoch of belief, it was the epoch of "
    "incredulity, it was the season of Light, it was the season of Darkness, it was "
    "the spring of hope, it was the winter of despair.";

struct expect {
    const char *word;
    uint32_t count;
};

static const struct expect EXPECTED[] = {
    {"it", 10}, {"was", 10}, {"the", 10}, {"of", 10}, {"age", 2}, {"epoch", 2},
    {"season", 2}, {"times", 2}, {"best", 1}, {"despair", 1}, {"wisdom", 1},
};

int main(void) {
    static struct table t;
    int failures = 0;
    table_init(&t);
    size_t words = table_count_text(&t, TEXT);
    printf("words: %zu, distinct: %zu\n", words, t.used);
    report_top(stdout, &t, 5);
    if (words != 60 || t.used != 20) {
        printf("FAIL: expected 60 words, 20 distinct\n");
        failures++;
    }
    for (size_t i = 0; i < ARRAY_LEN(EXPECTED); i++) {
        const struct entry *e = table_find(&t, EXPECTED[i].word, strlen(EXPECTED[i].word));
        if (e == NULL || e->count != EXPECTED[i].count) {
            printf("FAIL: %s: got %u, expected %u\n", EXPECTED[i].word, e ? e->count : 0,
                   EXPECTED[i].count);
            failures++;
        }
    }
    if (hash_fnv1a_lower("Light", 5) != hash_fnv1a("light", 5)) {
        printf("FAIL: case-folding hash\n");
        failures++;
    }
    printf("digest: %08x\n", (unsigned)report_digest(&t));
    printf("%s\n", failures ? "FAILED" : "OK");
    return failures != 0;
}
