// Exercises: C++17 structured bindings (arrays, tuples, pairs, structs, maps), std::array algorithms, if/switch with initializers, tuple returns.
#include <cstdio>
#include <array>
#include <tuple>
#include <map>
#include <string>
#include <vector>
#include <algorithm>
#include <numeric>
#include <cstdint>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

struct Stats { long min, max, sum; double mean; };

static Stats stats_of(const std::vector<int> &v)
{
    auto [mn, mx] = std::minmax_element(v.begin(), v.end());
    long sum = std::accumulate(v.begin(), v.end(), 0L);
    return {*mn, *mx, sum, static_cast<double>(sum) / static_cast<double>(v.size())};
}

static std::tuple<long, long, long> ext_gcd(long a, long b)
{
    if (b == 0) return {a, 1, 0};
    auto [g, x, y] = ext_gcd(b, a % b);
    return {g, y, x - (a / b) * y};
}

static std::pair<int, int> divmod_floor(int a, int b)
{
    int q = a / b, r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) { q--; r += b; }
    return {q, r};
}

template <std::size_t N> static constexpr std::array<int, N> reversed(std::array<int, N> a)
{
    for (std::size_t i = 0; i < N / 2; i++) { int t = a[i]; a[i] = a[N - 1 - i]; a[N - 1 - i] = t; }
    return a;
}

int main()
{
    std::array<int, 8> arr{5, 3, 9, 1, 7, 2, 8, 6};
    auto [a0, a1, a2, a3, a4, a5, a6, a7] = arr;
    CHECK(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 == 41);
    auto &[r0, r1, r2, r3, r4, r5, r6, r7] = arr; // references into the array
    r0 = 100;
    (void)r1; (void)r2; (void)r3; (void)r4; (void)r5; (void)r6; (void)r7;
    CHECK(arr[0] == 100);
    std::sort(arr.begin(), arr.end());
    CHECK(arr.front() == 1 && arr.back() == 100 && arr.size() == 8u);
    constexpr std::array<int, 5> rv = reversed(std::array<int, 5>{1, 2, 3, 4, 5});
    static_assert(rv[0] == 5 && rv[4] == 1, "constexpr array");

    std::vector<int> data;
    uint32_t s = 11;
    for (int i = 0; i < 1000; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; data.push_back(static_cast<int>(s % 10001) - 5000); }
    auto [mn, mx, sum, mean] = stats_of(data);
    CHECK(mn >= -5000 && mx <= 5000 && mn < mx && mean * 1000.0 == static_cast<double>(sum));

    int bad = 0;
    for (long a = 1; a < 300; a += 7)
        for (long b = 1; b < 300; b += 11) {
            auto [g, x, y] = ext_gcd(a, b);
            if (a * x + b * y != g || a % g || b % g) bad++;
        }
    CHECK(bad == 0);
    for (int a = -20; a <= 20; a++)
        for (int b : {-7, -3, 2, 5}) {
            auto [q, r] = divmod_floor(a, b);
            if (q * b + r != a || (r != 0 && ((r < 0) != (b < 0)))) bad++;
        }
    CHECK(bad == 0);

    std::map<std::string, int> inventory{{"apple", 3}, {"pear", 0}, {"plum", 12}};
    int total = 0;
    for (const auto &[name, count] : inventory) total += count * static_cast<int>(name.size());
    CHECK(total == 3 * 5 + 0 + 12 * 4);
    if (auto [it, inserted] = inventory.insert({"fig", 7}); inserted) CHECK(it->second == 7);
    if (auto [it, inserted] = inventory.insert({"fig", 9}); !inserted) CHECK(it->second == 7);
    if (auto it = inventory.find("pear"); it != inventory.end() && it->second == 0) inventory.erase(it);
    CHECK(inventory.size() == 3u && !inventory.count("pear"));

    switch (auto [q, r] = divmod_floor(-17, 5); r) {
    case 3: CHECK(q == -4); break;
    default: CHECK(false);
    }
    struct Pt { int x, y; };
    std::vector<Pt> pts{{1, 2}, {3, -4}, {-5, 6}};
    long cross = 0;
    for (std::size_t i = 0; i < pts.size(); i++) {
        auto [x1, y1] = pts[i];
        auto [x2, y2] = pts[(i + 1) % pts.size()];
        cross += static_cast<long>(x1) * y2 - static_cast<long>(x2) * y1;
    }
    CHECK(cross == (1 * -4 - 3 * 2) + (3 * 6 - (-5) * -4) + (-5 * 2 - 1 * 6));
    auto tup = std::make_tuple(1, std::string("two"), 3.0);
    auto &[ti, ts, td] = tup;
    ts += "!";
    CHECK(std::get<1>(tup) == "two!" && ti == 1 && td == 3.0);
    std::printf("min=%ld max=%ld sum=%ld total=%d cross=%ld\n", mn, mx, sum, total, cross);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
