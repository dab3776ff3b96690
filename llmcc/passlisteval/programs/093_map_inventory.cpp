// Exercises: std::map / std::multimap / std::set ordered containers: inventory ledger, range queries, erase during iteration, custom comparators.
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>
#include <cstdint>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

struct CaseInsensitiveLess {
    bool operator()(const std::string &a, const std::string &b) const
    {
        size_t n = a.size() < b.size() ? a.size() : b.size();
        for (size_t i = 0; i < n; i++) {
            char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
            char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
            if (x != y) return x < y;
        }
        return a.size() < b.size();
    }
};

int main()
{
    std::map<std::string, long> stock;
    std::multimap<int, std::string> by_day; // day -> sku of each transaction
    uint32_t s = 12;
    auto rnd = [&s] { s ^= s << 13; s ^= s >> 17; s ^= s << 5; return s; };
    static const char *names[] = {"bolt", "nut", "screw", "washer", "gear", "spring", "pin", "rivet"};
    long net = 0;
    for (int day = 0; day < 365; day++) {
        int tx = 1 + static_cast<int>(rnd() % 5);
        for (int t = 0; t < tx; t++) {
            std::string sku = std::string(names[rnd() % 8]) + "-" + std::to_string(rnd() % 4);
            long qty = static_cast<long>(rnd() % 100) - 40;
            stock[sku] += qty;
            net += qty;
            by_day.emplace(day, sku);
        }
    }
    long sum = 0;
    for (const auto &kv : stock) sum += kv.second;
    CHECK(sum == net);
    CHECK(stock.size() <= 32u);
    // keys are ordered
    std::string prev;
    bool ordered = true;
    for (const auto &kv : stock) { if (!prev.empty() && !(prev < kv.first)) ordered = false; prev = kv.first; }
    CHECK(ordered);

    // range query [gear, pin)
    long range_total = 0;
    for (auto it = stock.lower_bound("gear"); it != stock.lower_bound("pin"); ++it) range_total += it->second;
    long check_total = 0;
    for (const auto &kv : stock) if (kv.first >= "gear" && kv.first < "pin") check_total += kv.second;
    CHECK(range_total == check_total);

    // erase negative stock while iterating
    size_t before = stock.size(), negatives = 0;
    for (const auto &kv : stock) negatives += kv.second < 0;
    for (auto it = stock.begin(); it != stock.end();) {
        if (it->second < 0) it = stock.erase(it);
        else ++it;
    }
    CHECK(stock.size() == before - negatives);

    // multimap equal_range per day
    size_t counted = 0;
    int busiest = -1;
    size_t busiest_n = 0;
    for (int day = 0; day < 365; day++) {
        auto r = by_day.equal_range(day);
        size_t n = 0;
        for (auto it = r.first; it != r.second; ++it) n++;
        CHECK(n == by_day.count(day));
        counted += n;
        if (n > busiest_n) { busiest_n = n; busiest = day; }
    }
    CHECK(counted == by_day.size());

    // set with custom comparator collapses case variants
    std::set<std::string, CaseInsensitiveLess> ci{"Alpha", "alpha", "BETA", "beta", "Gamma", "delta", "DELTA"};
    CHECK(ci.size() == 4u && ci.count("ALPHA") == 1u && ci.begin()->compare("Alpha") == 0);
    std::multiset<int> ms;
    for (int i = 0; i < 1000; i++) ms.insert(static_cast<int>(rnd() % 50));
    CHECK(ms.size() == 1000u);
    size_t removed = ms.erase(7);
    CHECK(ms.count(7) == 0u && ms.size() == 1000u - removed);
    // map of vectors, operator[] default construction
    std::map<int, std::vector<int>> buckets;
    for (int i = 0; i < 500; i++) buckets[i % 13].push_back(i);
    CHECK(buckets.size() == 13u && buckets[0].size() == 39u && buckets[12].back() == 493);
    auto it = buckets.find(5);
    CHECK(it != buckets.end() && it->second.front() == 5);
    std::printf("skus=%zu net=%ld range=%ld busiest=%d(%zu) removed7=%zu\n", stock.size(), net, range_total, busiest, busiest_n, removed);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
