/* Exercises: deep and mutual recursion: Ackermann, McCarthy 91, Hanoi, Catalan via recursion+memo, Hofstadter sequences, partitions. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static unsigned long ack_calls;
static unsigned ackermann(unsigned m, unsigned n)
{
    ack_calls++;
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static int mc91(int n) { return n > 100 ? n - 10 : mc91(mc91(n + 11)); }

static long hanoi_moves;
static int pegs[3][32], top[3];
static void hanoi(int n, int from, int to, int via)
{
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    int disk = pegs[from][--top[from]];
    if (top[to] && pegs[to][top[to] - 1] < disk) hanoi_moves = -1000000; /* illegal move */
    pegs[to][top[to]++] = disk;
    hanoi_moves++;
    hanoi(n - 1, via, to, from);
}

static int is_even(unsigned n);
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }

/* Hofstadter Female/Male sequences (mutually recursive, memoized) */
static int Fm[200], Mm[200];
static int hofM(int n);
static int hofF(int n) { if (n == 0) return 1; if (Fm[n] >= 0) return Fm[n]; return Fm[n] = n - hofM(hofF(n - 1)); }
static int hofM(int n) { if (n == 0) return 0; if (Mm[n] >= 0) return Mm[n]; return Mm[n] = n - hofF(hofM(n - 1)); }

static uint64_t cat_memo[40];
static uint64_t catalan(int n)
{
    if (n <= 1) return 1;
    if (cat_memo[n]) return cat_memo[n];
    uint64_t s = 0;
    for (int i = 0; i < n; i++) s += catalan(i) * catalan(n - 1 - i);
    return cat_memo[n] = s;
}

/* number of partitions of n with parts <= k */
static long part_memo[121][121];
static long partitions(int n, int k)
{
    if (n == 0) return 1;
    if (n < 0 || k == 0) return 0;
    if (part_memo[n][k]) return part_memo[n][k];
    return part_memo[n][k] = partitions(n - k, k) + partitions(n, k - 1);
}

static int depth_sum(int n) { return n == 0 ? 0 : n + depth_sum(n - 1); }

/* count binary strings of length n without consecutive ones, recursively */
static long no11(int n, int last) { if (n == 0) return 1; return no11(n - 1, 0) + (last ? 0 : no11(n - 1, 1)); }

int main(void)
{
    CHECK(ackermann(2, 3) == 9);
    CHECK(ackermann(3, 3) == 61);
    ack_calls = 0;
    CHECK(ackermann(3, 5) == 253);
    unsigned long calls = ack_calls;
    CHECK(calls == 42438);
    for (int n = -50; n <= 150; n++) CHECK(mc91(n) == (n > 100 ? n - 10 : 91));

    for (int n = 1; n <= 14; n++) {
        memset(top, 0, sizeof top);
        for (int d = n; d >= 1; d--) pegs[0][top[0]++] = d;
        hanoi_moves = 0;
        hanoi(n, 0, 2, 1);
        CHECK(hanoi_moves == (1L << n) - 1);
        CHECK(top[2] == n && pegs[2][0] == n && pegs[2][n - 1] == 1);
    }
    CHECK(is_even(1000) && is_odd(777) && !is_even(555));
    memset(Fm, -1, sizeof Fm);
    memset(Mm, -1, sizeof Mm);
    static const int F_expect[] = {1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6, 7, 8, 8, 9, 9, 10, 11, 11, 12, 13};
    static const int M_expect[] = {0, 0, 1, 2, 2, 3, 4, 4, 5, 6, 6, 7, 7, 8, 9, 9, 10, 11, 11, 12, 12};
    for (int i = 0; i < 21; i++) CHECK(hofF(i) == F_expect[i] && hofM(i) == M_expect[i]);
    int fsum = 0;
    for (int i = 0; i < 150; i++) fsum += hofF(i) - hofM(i);
    CHECK(catalan(10) == 16796 && catalan(19) == 1767263190ull && catalan(35) == 3116285494907301262ull);
    CHECK(partitions(5, 5) == 7 && partitions(100, 100) == 190569292L && partitions(120, 120) == 1844349560L);
    CHECK(depth_sum(20000) == 200010000);
    long fib = no11(30, 0);
    CHECK(fib == 2178309); /* F(32) */
    printf("ack_calls=%lu fsum=%d cat35=%llu p(120)=%ld\n", calls, fsum, (unsigned long long)catalan(35), partitions(120, 120));
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
