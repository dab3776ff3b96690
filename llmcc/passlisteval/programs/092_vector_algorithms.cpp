// Exercises: std::vector manipulation with <algorithm>/<numeric>: erase-remove, unique, partition, nth_element, binary searches, rotate, heaps.
#include <cstdio>
#include <vector>
#include <algorithm>
#include <numeric>
#include <functional>
#include <cstdint>
#include <iterator>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

int main()
{
    uint32_t s = 17;
    auto rnd = [&s] { s ^= s << 13; s ^= s >> 17; s ^= s << 5; return s; };
    std::vector<int> v(5000);
    std::generate(v.begin(), v.end(), [&] { return static_cast<int>(rnd() % 2000) - 1000; });
    const std::vector<int> orig = v;

    long total = std::accumulate(v.begin(), v.end(), 0L);
    long manual = 0;
    for (int x : v) manual += x;
    CHECK(total == manual);

    // erase-remove of negatives
    v.erase(std::remove_if(v.begin(), v.end(), [](int x) { return x < 0; }), v.end());
    CHECK(std::none_of(v.begin(), v.end(), [](int x) { return x < 0; }));
    CHECK(static_cast<long>(v.size()) == std::count_if(orig.begin(), orig.end(), [](int x) { return x >= 0; }));

    std::sort(v.begin(), v.end());
    CHECK(std::is_sorted(v.begin(), v.end()));
    auto dup = v;
    dup.erase(std::unique(dup.begin(), dup.end()), dup.end());
    CHECK(std::adjacent_find(dup.begin(), dup.end()) == dup.end());
    CHECK(dup.size() <= 1000u);

    // binary searches agree with linear scans
    int bad = 0;
    for (int q = -5; q < 1005; q += 7) {
        auto lb = std::lower_bound(v.begin(), v.end(), q), ub = std::upper_bound(v.begin(), v.end(), q);
        long cnt = std::count(v.begin(), v.end(), q);
        if (ub - lb != cnt) bad++;
        if (std::binary_search(v.begin(), v.end(), q) != (cnt > 0)) bad++;
        auto er = std::equal_range(v.begin(), v.end(), q);
        if (er.first != lb || er.second != ub) bad++;
    }
    CHECK(bad == 0);

    // partition and nth_element
    auto w = orig;
    auto mid = std::partition(w.begin(), w.end(), [](int x) { return x % 3 == 0; });
    CHECK(std::all_of(w.begin(), mid, [](int x) { return x % 3 == 0; }) && std::none_of(mid, w.end(), [](int x) { return x % 3 == 0; }));
    w = orig;
    std::nth_element(w.begin(), w.begin() + 2500, w.end());
    auto sorted = orig;
    std::sort(sorted.begin(), sorted.end());
    CHECK(w[2500] == sorted[2500]);
    CHECK(std::all_of(w.begin(), w.begin() + 2500, [&](int x) { return x <= w[2500]; }));

    // rotate, reverse, min/max
    std::vector<int> r(100);
    std::iota(r.begin(), r.end(), 0);
    std::rotate(r.begin(), r.begin() + 37, r.end());
    CHECK(r[0] == 37 && r[62] == 99 && r[63] == 0);
    std::reverse(r.begin(), r.end());
    CHECK(r[0] == 36 && r[99] == 37);
    auto mm = std::minmax_element(orig.begin(), orig.end());
    CHECK(*mm.first == sorted.front() && *mm.second == sorted.back());

    // heap operations as a priority queue
    std::vector<int> h;
    for (int i = 0; i < 1000; i++) { h.push_back(orig[static_cast<size_t>(i)]); std::push_heap(h.begin(), h.end()); }
    std::vector<int> popped;
    while (!h.empty()) { std::pop_heap(h.begin(), h.end()); popped.push_back(h.back()); h.pop_back(); }
    CHECK(std::is_sorted(popped.begin(), popped.end(), std::greater<int>()));

    // set algorithms on sorted ranges
    std::vector<int> a(sorted.begin(), sorted.begin() + 3000), b(sorted.begin() + 2000, sorted.end()), inter, uni;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(inter));
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(uni));
    CHECK(inter.size() + uni.size() == a.size() + b.size());

    // transform / inner_product / partial_sum
    std::vector<long> sq(orig.size()), ps(orig.size());
    std::transform(orig.begin(), orig.end(), sq.begin(), [](int x) { return static_cast<long>(x) * x; });
    long ip = std::inner_product(orig.begin(), orig.end(), orig.begin(), 0L);
    CHECK(ip == std::accumulate(sq.begin(), sq.end(), 0L));
    std::partial_sum(orig.begin(), orig.end(), ps.begin());
    CHECK(ps.back() == total);
    // insert in the middle keeps order
    auto pos = std::lower_bound(sorted.begin(), sorted.end(), 0);
    sorted.insert(pos, 3, 0);
    CHECK(std::is_sorted(sorted.begin(), sorted.end()) && sorted.size() == orig.size() + 3);
    std::printf("total=%ld kept=%zu distinct=%zu median=%d ip=%ld\n", total, v.size(), dup.size(), w[2500], ip);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
