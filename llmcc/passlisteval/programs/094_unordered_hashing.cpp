// Exercises: std::unordered_map/set with custom key types and hash functors, rehashing, erase/find, compared against std::map results.
#include <cstdio>
#include <unordered_map>
#include <unordered_set>
#include <map>
#include <string>
#include <vector>
#include <algorithm>
#include <cstdint>
#include <functional>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

struct Point {
    int x, y;
    bool operator==(const Point &o) const { return x == o.x && y == o.y; }
    bool operator<(const Point &o) const { return x != o.x ? x < o.x : y < o.y; }
};
struct PointHash {
    std::size_t operator()(const Point &p) const noexcept
    {
        uint64_t h = static_cast<uint64_t>(static_cast<uint32_t>(p.x)) * 0x9E3779B97F4A7C15ull ^ static_cast<uint32_t>(p.y);
        h ^= h >> 31;
        return static_cast<std::size_t>(h * 0xBF58476D1CE4E5B9ull);
    }
};
// deliberately poor hash: everything collides into at most 64 distinct hash values
struct BadHash { std::size_t operator()(const Point &p) const noexcept { return static_cast<std::size_t>((p.x * 7 + p.y) & 63); } };

int main()
{
    std::unordered_map<Point, long, PointHash> good;
    std::unordered_map<Point, long, BadHash> bad;
    std::map<Point, long> ref;
    uint32_t s = 5;
    auto rnd = [&s] { s ^= s << 13; s ^= s >> 17; s ^= s << 5; return s; };
    for (int i = 0; i < 2000; i++) {
        Point p{static_cast<int>(rnd() % 100) - 50, static_cast<int>(rnd() % 100) - 50};
        long v = static_cast<long>(rnd() % 1000);
        switch (rnd() % 3) {
        case 0: case 1:
            good[p] += v; bad[p] += v; ref[p] += v;
            break;
        default:
            CHECK(good.erase(p) == ref.erase(p));
            bad.erase(p);
        }
    }
    CHECK(good.size() == ref.size() && bad.size() == ref.size());
    int mismatch = 0;
    for (const auto &kv : ref) {
        auto g = good.find(kv.first);
        auto b = bad.find(kv.first);
        if (g == good.end() || g->second != kv.second || b == bad.end() || b->second != kv.second) mismatch++;
    }
    CHECK(mismatch == 0);
    CHECK(good.load_factor() <= good.max_load_factor());
    good.rehash(4096);
    CHECK(good.bucket_count() >= 4096u);
    long sum = 0;
    for (const auto &kv : good) sum += kv.second;
    long rsum = 0;
    for (const auto &kv : ref) rsum += kv.second;
    CHECK(sum == rsum);

    // word counting with unordered_map<string,int> vs map; output sorted for determinism
    std::string text;
    static const char *w[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
    for (int i = 0; i < 4000; i++) { text += w[rnd() % 8]; text += (i % 11 == 0) ? '\n' : ' '; }
    std::unordered_map<std::string, int> uc;
    std::map<std::string, int> mc;
    std::string cur;
    for (char c : text) {
        if (c == ' ' || c == '\n') { if (!cur.empty()) { uc[cur]++; mc[cur]++; cur.clear(); } }
        else cur += c;
    }
    std::vector<std::pair<std::string, int>> sorted(uc.begin(), uc.end());
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted.size() == mc.size());
    CHECK(std::equal(sorted.begin(), sorted.end(), mc.begin(),
                     [](const std::pair<std::string, int> &a, const std::pair<const std::string, int> &b) {
                         return a.first == b.first && a.second == b.second;
                     }));
    int total = 0;
    for (const auto &kv : mc) total += kv.second;
    CHECK(total == 4000);

    // unordered_set dedup vs sort+unique
    std::unordered_set<uint32_t> us;
    std::vector<uint32_t> vals;
    for (int i = 0; i < 5000; i++) { uint32_t v = rnd() % 3000; us.insert(v); vals.push_back(v); }
    std::sort(vals.begin(), vals.end());
    vals.erase(std::unique(vals.begin(), vals.end()), vals.end());
    CHECK(us.size() == vals.size());
    for (uint32_t v : vals) if (!us.count(v)) mismatch++;
    CHECK(mismatch == 0);
    std::hash<std::string> hs;
    CHECK(hs("abc") == hs(std::string("ab") + "c"));
    std::printf("points=%zu sum=%ld words=%zu first=%s:%d distinct=%zu\n", ref.size(), sum, mc.size(), sorted[0].first.c_str(), sorted[0].second,
                vals.size());
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
