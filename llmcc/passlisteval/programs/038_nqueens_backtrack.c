/* Exercises: backtracking search: N-queens with bitmasks and with arrays, symmetry-reduced counting, subset-sum enumeration. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int g_fail;
#define CHECK(c) do { if (!(c)) { fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); g_fail++; } } while (0)

static long solve_bits(int n, unsigned cols, unsigned d1, unsigned d2)
{
    unsigned full = (1u << n) - 1;
    if (cols == full) return 1;
    long count = 0;
    unsigned avail = full & ~(cols | d1 | d2);
    while (avail) {
        unsigned bit = avail & (0u - avail);
        avail ^= bit;
        count += solve_bits(n, cols | bit, ((d1 | bit) << 1) & full, (d2 | bit) >> 1);
    }
    return count;
}

static int pos[16];
static long first_solution_found;
static int first_solution[16];

static int safe(int row, int col)
{
    for (int r = 0; r < row; r++) {
        int c = pos[r];
        if (c == col || r - c == row - col || r + c == row + col) return 0;
    }
    return 1;
}

static long solve_array(int n, int row)
{
    if (row == n) {
        if (!first_solution_found) { memcpy(first_solution, pos, sizeof(int) * (size_t)n); first_solution_found = 1; }
        return 1;
    }
    long count = 0;
    for (int c = 0; c < n; c++)
        if (safe(row, c)) { pos[row] = c; count += solve_array(n, row + 1); }
    return count;
}

/* count solutions with first-row queen in left half, doubling (mirror symmetry) */
static long solve_symmetric(int n)
{
    long total = 0;
    unsigned full = (1u << n) - 1;
    for (int c = 0; c < n / 2; c++) {
        unsigned bit = 1u << c;
        total += 2 * solve_bits(n, bit, (bit << 1) & full, bit >> 1);
    }
    if (n & 1) {
        unsigned bit = 1u << (n / 2);
        total += solve_bits(n, bit, (bit << 1) & full, bit >> 1);
    }
    return total;
}

/* enumerate all subsets of weights summing to target via backtracking with pruning */
static const int weights[] = {3, 34, 4, 12, 5, 2, 27, 9, 18, 21, 7, 15, 11, 30, 1, 8};
#define NW (int)(sizeof weights / sizeof weights[0])
static long subset_count(int i, int remaining, int suffix_sum)
{
    if (remaining == 0) return 1;
    if (i == NW || remaining < 0 || suffix_sum < remaining) return 0;
    return subset_count(i + 1, remaining - weights[i], suffix_sum - weights[i]) + subset_count(i + 1, remaining, suffix_sum - weights[i]);
}

int main(void)
{
    static const long expect[] = {1, 1, 0, 0, 2, 10, 4, 40, 92, 352, 724, 2680};
    long total = 0;
    for (int n = 1; n <= 10; n++) {
        long a = solve_bits(n, 0, 0, 0);
        CHECK(a == expect[n]);
        CHECK(solve_symmetric(n) == a);
        if (n <= 9) {
            first_solution_found = 0;
            CHECK(solve_array(n, 0) == a);
        }
        total += a;
    }
    /* validate the first solution for n = 9 */
    int ok = 1;
    for (int i = 0; i < 9; i++)
        for (int j = i + 1; j < 9; j++)
            if (first_solution[i] == first_solution[j] || first_solution[i] - first_solution[j] == i - j ||
                first_solution[i] - first_solution[j] == j - i) ok = 0;
    CHECK(ok);
    CHECK(first_solution[0] == 0 && first_solution[1] == 2 && first_solution[2] == 5);

    int sum = 0;
    for (int i = 0; i < NW; i++) sum += weights[i];
    long ways = subset_count(0, 50, sum);
    long brute = 0;
    for (uint32_t m = 0; m < (1u << NW); m++) {
        int s = 0;
        for (int i = 0; i < NW; i++) if (m >> i & 1) s += weights[i];
        brute += s == 50;
    }
    CHECK(ways == brute);
    printf("total=%ld ways=%ld first9=%d%d%d%d%d%d%d%d%d\n", total, ways, first_solution[0], first_solution[1], first_solution[2],
           first_solution[3], first_solution[4], first_solution[5], first_solution[6], first_solution[7], first_solution[8]);
    if (g_fail) { fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    printf("ok\n");
    return 0;
}
