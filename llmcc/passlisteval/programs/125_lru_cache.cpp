// Exercises: an LRU cache built from std::list + std::unordered_map of iterators (splice-based touch), checked against a naive model.
#include <cstdio>
#include <list>
#include <unordered_map>
#include <vector>
#include <optional>
#include <string>
#include <algorithm>
#include <cstdint>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

template <class K, class V> class LruCache {
    std::size_t cap_;
    std::list<std::pair<K, V>> items_; // front = most recent
    std::unordered_map<K, typename std::list<std::pair<K, V>>::iterator> index_;
public:
    long hits = 0, misses = 0, evictions = 0;
    explicit LruCache(std::size_t cap) : cap_(cap) {}
    std::optional<V> get(const K &k)
    {
        auto it = index_.find(k);
        if (it == index_.end()) { misses++; return std::nullopt; }
        items_.splice(items_.begin(), items_, it->second); // iterator stays valid after splice
        hits++;
        return it->second->second;
    }
    void put(const K &k, V v)
    {
        auto it = index_.find(k);
        if (it != index_.end()) {
            it->second->second = std::move(v);
            items_.splice(items_.begin(), items_, it->second);
            return;
        }
        if (items_.size() == cap_) {
            index_.erase(items_.back().first);
            items_.pop_back();
            evictions++;
        }
        items_.emplace_front(k, std::move(v));
        index_[k] = items_.begin();
    }
    std::size_t size() const { return items_.size(); }
    std::vector<K> keys_mru() const { std::vector<K> r; for (const auto &kv : items_) r.push_back(kv.first); return r; }
};

// naive reference: vector ordered by recency
template <class K, class V> class NaiveLru {
    std::size_t cap_;
    std::vector<std::pair<K, V>> v_; // back = most recent
public:
    explicit NaiveLru(std::size_t cap) : cap_(cap) {}
    std::optional<V> get(const K &k)
    {
        for (std::size_t i = 0; i < v_.size(); i++)
            if (v_[i].first == k) { auto e = v_[i]; v_.erase(v_.begin() + static_cast<long>(i)); v_.push_back(e); return e.second; }
        return std::nullopt;
    }
    void put(const K &k, V val)
    {
        for (std::size_t i = 0; i < v_.size(); i++)
            if (v_[i].first == k) { v_.erase(v_.begin() + static_cast<long>(i)); v_.push_back({k, val}); return; }
        if (v_.size() == cap_) v_.erase(v_.begin());
        v_.push_back({k, val});
    }
    std::vector<K> keys_mru() const { std::vector<K> r; for (auto it = v_.rbegin(); it != v_.rend(); ++it) r.push_back(it->first); return r; }
};

int main()
{
    LruCache<int, std::string> c(3);
    c.put(1, "one"); c.put(2, "two"); c.put(3, "three");
    CHECK(c.get(1) == std::string("one"));
    c.put(4, "four"); // evicts 2
    CHECK(!c.get(2) && c.get(3) == std::string("three") && c.size() == 3u);
    CHECK((c.keys_mru() == std::vector<int>{3, 4, 1}));
    c.put(1, "uno");
    CHECK(c.get(1) == std::string("uno") && c.evictions == 1);

    uint32_t s = 2718;
    int bad = 0;
    long checksum = 0;
    for (std::size_t cap : {1u, 4u, 16u, 64u}) {
        LruCache<uint32_t, uint32_t> fast(cap);
        NaiveLru<uint32_t, uint32_t> slow(cap);
        for (int i = 0; i < 3000; i++) {
            s ^= s << 13; s ^= s >> 17; s ^= s << 5;
            uint32_t key = (s >> 4) % (static_cast<uint32_t>(cap) * 3 + 1);
            if (s & 1) { fast.put(key, s); slow.put(key, s); }
            else {
                auto a = fast.get(key), b = slow.get(key);
                if (a != b) bad++;
                if (a) checksum += static_cast<long>(*a % 1000);
            }
        }
        if (fast.keys_mru() != slow.keys_mru()) bad++;
        std::printf("cap=%zu hits=%ld misses=%ld evictions=%ld\n", cap, fast.hits, fast.misses, fast.evictions);
    }
    CHECK(bad == 0);
    // hit rate grows with capacity for a skewed access pattern
    long prev_hits = -1;
    for (std::size_t cap : {2u, 8u, 32u, 128u}) {
        LruCache<int, int> lc(cap);
        for (int i = 0; i < 4000; i++) {
            s ^= s << 13; s ^= s >> 17; s ^= s << 5;
            int key = static_cast<int>(__builtin_ctz(s | 0x100u) * 16 + (s >> 28)); // geometric-ish popularity
            if (!lc.get(key)) lc.put(key, i);
        }
        CHECK(lc.hits > prev_hits);
        prev_hits = lc.hits;
    }
    std::printf("checksum=%ld\n", checksum);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
