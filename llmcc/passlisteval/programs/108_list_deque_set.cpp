// Exercises: std::list splice/merge/sort/remove_if, std::deque as a sliding-window structure, std::set algebra and multiset ordering.
#include <cstdio>
#include <list>
#include <deque>
#include <set>
#include <vector>
#include <algorithm>
#include <iterator>
#include <cstdint>
#include <functional>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

// sliding window maximum with a monotonic deque, checked against brute force
static std::vector<int> window_max(const std::vector<int> &a, std::size_t k)
{
    std::deque<std::size_t> dq;
    std::vector<int> out;
    for (std::size_t i = 0; i < a.size(); i++) {
        while (!dq.empty() && a[dq.back()] <= a[i]) dq.pop_back();
        dq.push_back(i);
        if (dq.front() + k <= i) dq.pop_front();
        if (i + 1 >= k) out.push_back(a[dq.front()]);
    }
    return out;
}

int main()
{
    uint32_t s = 44;
    auto rnd = [&s] { s ^= s << 13; s ^= s >> 17; s ^= s << 5; return s; };

    std::list<int> a, b;
    for (int i = 0; i < 500; i++) { a.push_back(static_cast<int>(rnd() % 1000)); b.push_front(static_cast<int>(rnd() % 1000)); }
    auto a_copy = a;
    a.sort();
    b.sort();
    CHECK(std::is_sorted(a.begin(), a.end()));
    std::vector<int> va(a.begin(), a.end()), vb(b.begin(), b.end()), merged;
    std::merge(va.begin(), va.end(), vb.begin(), vb.end(), std::back_inserter(merged));
    a.merge(b); // b becomes empty
    CHECK(b.empty() && a.size() == 1000u && std::equal(a.begin(), a.end(), merged.begin()));
    a.unique();
    CHECK(std::adjacent_find(a.begin(), a.end()) == a.end());
    std::size_t before = a.size();
    a.remove_if([](int v) { return v % 3 == 0; });
    CHECK(a.size() < before && std::none_of(a.begin(), a.end(), [](int v) { return v % 3 == 0; }));

    // splice a range from one list into the middle of another, iterators stay valid
    std::list<int> x{1, 2, 3, 4, 5}, y{10, 20, 30};
    auto pos = std::next(x.begin(), 2);   // points at 3
    auto keep = y.begin();                // points at 10
    x.splice(pos, y, y.begin(), std::next(y.begin(), 2));
    CHECK((x == std::list<int>{1, 2, 10, 20, 3, 4, 5}) && (y == std::list<int>{30}) && *keep == 10 && *pos == 3);
    x.reverse();
    CHECK(x.front() == 5 && x.back() == 1);
    a_copy.remove(a_copy.front());
    std::size_t remaining = a_copy.size();

    std::vector<int> arr(3000);
    for (auto &v : arr) v = static_cast<int>(rnd() % 10000);
    for (std::size_t k : {1u, 5u, 37u, 300u}) {
        auto wm = window_max(arr, k);
        int bad = 0;
        for (std::size_t i = 0; i + k <= arr.size(); i += 7)
            if (wm[i] != *std::max_element(arr.begin() + static_cast<long>(i), arr.begin() + static_cast<long>(i + k))) bad++;
        CHECK(bad == 0 && wm.size() == arr.size() - k + 1);
    }
    std::deque<int> dq;
    for (int i = 0; i < 100; i++) { if (i % 2) dq.push_back(i); else dq.push_front(i); }
    CHECK(dq.front() == 98 && dq.back() == 99 && dq[50] == 1 && dq.size() == 100u);
    dq.erase(dq.begin() + 10, dq.begin() + 20);
    CHECK(dq.size() == 90u && dq[9] == 80 && dq[10] == 58);

    std::set<int> s1, s2;
    for (int i = 0; i < 300; i++) { s1.insert(static_cast<int>(rnd() % 500)); s2.insert(static_cast<int>(rnd() % 500)); }
    std::vector<int> uni, inter, diff, sym;
    std::set_union(s1.begin(), s1.end(), s2.begin(), s2.end(), std::back_inserter(uni));
    std::set_intersection(s1.begin(), s1.end(), s2.begin(), s2.end(), std::back_inserter(inter));
    std::set_difference(s1.begin(), s1.end(), s2.begin(), s2.end(), std::back_inserter(diff));
    std::set_symmetric_difference(s1.begin(), s1.end(), s2.begin(), s2.end(), std::back_inserter(sym));
    CHECK(uni.size() == s1.size() + s2.size() - inter.size());
    CHECK(sym.size() == uni.size() - inter.size() && diff.size() == s1.size() - inter.size());
    CHECK(std::includes(uni.begin(), uni.end(), s1.begin(), s1.end()));
    auto lb = s1.lower_bound(250), ub = s1.upper_bound(250);
    CHECK((lb == ub) == (s1.count(250) == 0));
    std::multiset<int, std::greater<int>> ms(arr.begin(), arr.begin() + 100);
    CHECK(*ms.begin() == *std::max_element(arr.begin(), arr.begin() + 100) && ms.size() == 100u);
    std::printf("list=%zu remaining=%zu union=%zu inter=%zu sym=%zu\n", a.size(), remaining, uni.size(), inter.size(), sym.size());
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
