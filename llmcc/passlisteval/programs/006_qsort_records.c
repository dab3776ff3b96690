/* Exercises: qsort with multiple comparators over structs, bsearch, stability check against a hand-written merge sort. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

typedef struct {
    char name[12];
    int age;
    unsigned score;
    int seq;
} Rec;

#define N 1500
static Rec recs[N], copy[N], tmp[N];

static uint32_t rng = 2463534242u;
static uint32_t next_rand(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

static int cmp_age(const void *a, const void *b)
{
    const Rec *x = a, *y = b;
    return (x->age > y->age) - (x->age < y->age);
}
static int cmp_name(const void *a, const void *b)
{
    const Rec *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c) return c;
    return (x->seq > y->seq) - (x->seq < y->seq);
}
static int cmp_score_desc_age(const void *a, const void *b)
{
    const Rec *x = a, *y = b;
    if (x->score != y->score) return x->score < y->score ? 1 : -1;
    if (x->age != y->age) return x->age < y->age ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

typedef int (*cmp_fn)(const void *, const void *);

static void merge_sort(Rec *a, Rec *t, int n, cmp_fn cmp)
{
    if (n < 2) return;
    int h = n / 2;
    merge_sort(a, t, h, cmp);
    merge_sort(a + h, t, n - h, cmp);
    int i = 0, j = h, k = 0;
    while (i < h && j < n) t[k++] = cmp(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
    while (i < h) t[k++] = a[i++];
    while (j < n) t[k++] = a[j++];
    memcpy(a, t, (size_t)n * sizeof *a);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    static const char *syll[] = {"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi"};
    for (int i = 0; i < N; i++) {
        uint32_t r = next_rand();
        snprintf(recs[i].name, sizeof recs[i].name, "%s%s%s", syll[r & 7], syll[(r >> 3) & 7], syll[(r >> 6) & 7]);
        recs[i].age = (int)(next_rand() % 90) - 5;
        recs[i].score = next_rand() % 1000;
        recs[i].seq = i;
    }

    /* stable merge sort by age only; ties must stay in seq order */
    memcpy(copy, recs, sizeof recs);
    merge_sort(copy, tmp, N, cmp_age);
    int stable = 1;
    for (int i = 1; i < N; i++) {
        if (copy[i - 1].age > copy[i].age) stable = 0;
        if (copy[i - 1].age == copy[i].age && copy[i - 1].seq > copy[i].seq) stable = 0;
    }
    CHECK(stable);

    /* qsort with total orders must equal merge sort results */
    cmp_fn fns[] = {cmp_name, cmp_score_desc_age};
    uint32_t digest = 0;
    for (int f = 0; f < 2; f++) {
        Rec *q = malloc(sizeof recs);
        memcpy(q, recs, sizeof recs);
        memcpy(copy, recs, sizeof recs);
        qsort(q, N, sizeof *q, fns[f]);
        merge_sort(copy, tmp, N, fns[f]);
        CHECK(memcmp(q, copy, sizeof recs) == 0);
        for (int i = 0; i < N; i++) digest = digest * 16777619u ^ (uint32_t)q[i].seq;
        free(q);
    }

    /* bsearch over sorted ints */
    int vals[N];
    for (int i = 0; i < N; i++) vals[i] = recs[i].age * 1000 + (int)recs[i].score;
    qsort(vals, N, sizeof vals[0], cmp_int);
    int found = 0;
    for (int i = 0; i < N; i++) {
        int *p = bsearch(&vals[i], vals, N, sizeof vals[0], cmp_int);
        if (p && *p == vals[i]) found++;
    }
    CHECK(found == N);
    int missing = 0;
    for (int k = -10000; k < 100000; k += 37) {
        int *p = bsearch(&k, vals, N, sizeof vals[0], cmp_int);
        int lin = 0;
        for (int i = 0; i < N; i++) if (vals[i] == k) { lin = 1; break; }
        if ((p != NULL) != lin) missing++;
    }
    CHECK(missing == 0);

    long age_sum = 0;
    for (int i = 0; i < N; i++) age_sum += recs[i].age;
    printf("first=%s/%d last=%s/%d\n", copy[0].name, copy[0].seq, copy[N - 1].name, copy[N - 1].seq);
    printf("digest=%08X age_sum=%ld median=%d\n", (unsigned)digest, age_sum, vals[N / 2]);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
