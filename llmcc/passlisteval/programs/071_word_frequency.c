/* Exercises: text generation from a Markov table, tokenizing, chained hash table word counts, qsort by count then word, top-k. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <ctype.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct Entry { char *word; int count; struct Entry *next; } Entry;
#define NB 257
static Entry *buckets[NB];
static int distinct;

static unsigned hash_word(const char *w) { unsigned h = 5381; while (*w) h = h * 33u ^ (unsigned char)*w++; return h % NB; }

static void count_word(const char *w)
{
    unsigned b = hash_word(w);
    for (Entry *e = buckets[b]; e; e = e->next) if (strcmp(e->word, w) == 0) { e->count++; return; }
    Entry *e = malloc(sizeof *e);
    size_t l = strlen(w);
    e->word = malloc(l + 1);
    memcpy(e->word, w, l + 1);
    e->count = 1;
    e->next = buckets[b];
    buckets[b] = e;
    distinct++;
}

static int cmp_entry(const void *a, const void *b)
{
    const Entry *x = *(const Entry *const *)a, *y = *(const Entry *const *)b;
    if (x->count != y->count) return y->count - x->count;
    return strcmp(x->word, y->word);
}

static const char *vocab[] = {"The", "cat", "sat", "on", "the", "mat.", "A", "dog", "barked,", "loudly!", "and", "then",
                              "ran", "away", "from", "THE", "big", "red", "barn", "again"};

int main(void)
{
    /* Markov chain text: next word index depends on previous via a fixed transition table */
    static char text[60000];
    size_t len = 0;
    int cur = 0;
    uint32_t s = 2024;
    int generated = 0;
    while (len < sizeof text - 20) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        int choice = (int)(s % 4);
        cur = (cur * 7 + choice * 3 + 1) % 20;
        size_t l = strlen(vocab[cur]);
        memcpy(text + len, vocab[cur], l);
        len += l;
        text[len++] = (s >> 20) % 9 == 0 ? '\n' : ' ';
        generated++;
    }
    text[len] = 0;

    /* tokenize: lowercase letters only */
    char word[32];
    int wl = 0, tokens = 0;
    for (size_t i = 0; i <= len; i++) {
        int c = (unsigned char)text[i];
        if (isalpha(c)) { if (wl < 31) word[wl++] = (char)tolower(c); }
        else if (wl) { word[wl] = 0; count_word(word); wl = 0; tokens++; }
    }
    CHECK(tokens == generated);
    Entry **all = malloc(sizeof(Entry *) * (size_t)distinct);
    int k = 0;
    long total = 0;
    for (int b = 0; b < NB; b++) for (Entry *e = buckets[b]; e; e = e->next) { all[k++] = e; total += e->count; }
    CHECK(k == distinct && total == tokens);
    CHECK(distinct == 18); /* "the"/"The"/"THE" fold together; "a" separate */
    qsort(all, (size_t)k, sizeof *all, cmp_entry);
    for (int i = 1; i < k; i++) CHECK(all[i - 1]->count > all[i]->count || (all[i - 1]->count == all[i]->count && strcmp(all[i - 1]->word, all[i]->word) < 0));

    /* cross-check counts with a naive scan for a few words */
    static const char *probe[] = {"the", "cat", "barked", "again", "zebra"};
    for (int p = 0; p < 5; p++) {
        int naive = 0;
        size_t pl = strlen(probe[p]);
        for (size_t i = 0; i + pl <= len; i++) {
            if ((i == 0 || !isalpha((unsigned char)text[i - 1])) && !isalpha((unsigned char)text[i + pl])) {
                size_t j = 0;
                while (j < pl && tolower((unsigned char)text[i + j]) == probe[p][j]) j++;
                naive += j == pl;
            }
        }
        int counted = 0;
        for (Entry *e = buckets[hash_word(probe[p])]; e; e = e->next) if (strcmp(e->word, probe[p]) == 0) counted = e->count;
        CHECK(naive == counted);
    }
    printf("tokens=%d distinct=%d\n", tokens, distinct);
    for (int i = 0; i < 5 && i < k; i++) printf("%s=%d\n", all[i]->word, all[i]->count);
    for (int b = 0; b < NB; b++) { Entry *e = buckets[b]; while (e) { Entry *n = e->next; free(e->word); free(e); e = n; } }
    free(all);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
