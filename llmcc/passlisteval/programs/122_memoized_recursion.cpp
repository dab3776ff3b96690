// Exercises: recursion with memoization via std::map/unordered_map and generic memoize wrappers around std::function; DP on strings/grids.
#include <cstdio>
#include <functional>
#include <map>
#include <unordered_map>
#include <string>
#include <tuple>
#include <vector>
#include <cstdint>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

// generic memoizer for recursive functions: the wrapped function receives itself as first argument
template <class R, class... Args> class Memo {
    std::map<std::tuple<Args...>, R> cache_;
    std::function<R(Memo &, Args...)> fn_;
public:
    long hits = 0, misses = 0;
    explicit Memo(std::function<R(Memo &, Args...)> f) : fn_(std::move(f)) {}
    R operator()(Args... args)
    {
        auto key = std::make_tuple(args...);
        auto it = cache_.find(key);
        if (it != cache_.end()) { hits++; return it->second; }
        misses++;
        R r = fn_(*this, args...);
        cache_.emplace(key, r);
        return r;
    }
};

static uint64_t binom_plain(int n, int k) { return k == 0 || k == n ? 1 : binom_plain(n - 1, k - 1) + binom_plain(n - 1, k); }

int main()
{
    Memo<uint64_t, int> fib([](Memo<uint64_t, int> &self, int n) -> uint64_t { return n < 2 ? static_cast<uint64_t>(n) : self(n - 1) + self(n - 2); });
    CHECK(fib(90) == 2880067194370816120ull);
    CHECK(fib.misses == 91 && fib.hits == 88);

    Memo<uint64_t, int, int> binom([](Memo<uint64_t, int, int> &self, int n, int k) -> uint64_t {
        return k == 0 || k == n ? 1 : self(n - 1, k - 1) + self(n - 1, k);
    });
    CHECK(binom(60, 30) == 118264581564861424ull);
    CHECK(binom(20, 10) == binom_plain(20, 10));

    // grid paths with obstacles (memoized on coordinates)
    std::vector<std::string> grid{
        "..........", "...#......", ".#....#...", "....#.....", "..#....#..",
        "......#...", ".#........", "....#..#..", "..........", "...#......"};
    Memo<long, int, int> paths([&grid](Memo<long, int, int> &self, int r, int c) -> long {
        if (r >= 10 || c >= 10 || grid[static_cast<size_t>(r)][static_cast<size_t>(c)] == '#') return 0;
        if (r == 9 && c == 9) return 1;
        return self(r + 1, c) + self(r, c + 1);
    });
    long p = paths(0, 0);
    // cross-check with bottom-up DP
    long dp[11][11] = {};
    for (int r = 9; r >= 0; r--)
        for (int c = 9; c >= 0; c--) {
            if (grid[static_cast<size_t>(r)][static_cast<size_t>(c)] == '#') { dp[r][c] = 0; continue; }
            dp[r][c] = (r == 9 && c == 9) ? 1 : dp[r + 1][c] + dp[r][c + 1];
        }
    CHECK(p == dp[0][0] && p > 0);

    // word break count with unordered_map memo keyed by suffix start
    std::vector<std::string> dict{"a", "aa", "aaa", "b", "ab", "ba", "aab"};
    std::string text = "aabaaabaabaaab";
    std::unordered_map<std::size_t, long> wb_memo;
    std::function<long(std::size_t)> wb = [&](std::size_t i) -> long {
        if (i == text.size()) return 1;
        auto it = wb_memo.find(i);
        if (it != wb_memo.end()) return it->second;
        long total = 0;
        for (const auto &w : dict) if (text.compare(i, w.size(), w) == 0) total += wb(i + w.size());
        wb_memo[i] = total;
        return total;
    };
    long ways = wb(0);
    std::vector<long> fw(text.size() + 1, 0);
    fw[text.size()] = 1;
    for (std::size_t i = text.size(); i-- > 0;)
        for (const auto &w : dict) if (text.compare(i, w.size(), w) == 0) fw[i] += fw[i + w.size()];
    CHECK(ways == fw[0]);

    // Ackermann-like function with large memo (A(2, n) = 2n + 3)
    Memo<long, long, long> ack([](Memo<long, long, long> &self, long m, long n) -> long {
        if (m == 0) return n + 1;
        if (n == 0) return self(m - 1, 1);
        return self(m - 1, self(m, n - 1));
    });
    CHECK(ack(2, 300) == 603 && ack(3, 5) == 253);
    std::printf("fib90 hits=%ld binom=%llu paths=%ld ways=%ld ack_misses=%ld\n", fib.hits, static_cast<unsigned long long>(binom(60, 30)), p, ways, ack.misses);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
