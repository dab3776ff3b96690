// Exercises: a hand-written small-vector template with inline storage, placement new, explicit destructor calls, growth and element lifetimes.
#include <cstdio>
#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <utility>
#include <type_traits>
#include <vector>
#include <memory>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

template <class T, std::size_t N> class SmallVec {
    alignas(T) unsigned char inline_[N * sizeof(T)];
    T *data_;
    std::size_t size_ = 0, cap_ = N;
    bool is_inline() const { return data_ == reinterpret_cast<const T *>(inline_); }
    void grow(std::size_t need)
    {
        std::size_t nc = cap_ * 2;
        while (nc < need) nc *= 2;
        T *nd = static_cast<T *>(::operator new(nc * sizeof(T)));
        for (std::size_t i = 0; i < size_; i++) { ::new (static_cast<void *>(nd + i)) T(std::move(data_[i])); data_[i].~T(); }
        if (!is_inline()) ::operator delete(data_);
        data_ = nd;
        cap_ = nc;
    }
public:
    SmallVec() : data_(reinterpret_cast<T *>(inline_)) {}
    SmallVec(const SmallVec &o) : SmallVec() { for (const T &x : o) push_back(x); }
    SmallVec &operator=(const SmallVec &o) { if (this != &o) { clear(); for (const T &x : o) push_back(x); } return *this; }
    ~SmallVec() { clear(); if (!is_inline()) ::operator delete(data_); }
    template <class... A> T &emplace_back(A &&...a)
    {
        if (size_ == cap_) grow(size_ + 1);
        T *p = ::new (static_cast<void *>(data_ + size_)) T(std::forward<A>(a)...);
        size_++;
        return *p;
    }
    void push_back(const T &x) { emplace_back(x); }
    void push_back(T &&x) { emplace_back(std::move(x)); }
    void pop_back() { data_[--size_].~T(); }
    void clear() { while (size_) pop_back(); }
    void erase_at(std::size_t i)
    {
        for (std::size_t k = i; k + 1 < size_; k++) data_[k] = std::move(data_[k + 1]);
        pop_back();
    }
    T &operator[](std::size_t i) { return data_[i]; }
    const T &operator[](std::size_t i) const { return data_[i]; }
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return cap_; }
    bool on_heap() const { return !is_inline(); }
    T *begin() { return data_; }
    T *end() { return data_ + size_; }
    const T *begin() const { return data_; }
    const T *end() const { return data_ + size_; }
};

static int g_live;
struct Obj {
    int v;
    std::string tag;
    explicit Obj(int x) : v(x), tag("obj" + std::to_string(x)) { g_live++; }
    Obj(const Obj &o) : v(o.v), tag(o.tag) { g_live++; }
    Obj(Obj &&o) noexcept : v(o.v), tag(std::move(o.tag)) { g_live++; }
    Obj &operator=(const Obj &) = default;
    Obj &operator=(Obj &&) noexcept = default;
    ~Obj() { g_live--; }
};

int main()
{
    {
        SmallVec<int, 8> a;
        for (int i = 0; i < 8; i++) a.push_back(i * i);
        CHECK(!a.on_heap() && a.capacity() == 8u);
        a.push_back(64);
        CHECK(a.on_heap() && a.capacity() == 16u && a.size() == 9u);
        long s = 0;
        for (int x : a) s += x;
        CHECK(s == 204);
        a.erase_at(0);
        CHECK(a[0] == 1 && a.size() == 8u);
    }
    {
        SmallVec<Obj, 4> v;
        for (int i = 0; i < 3; i++) v.emplace_back(i);
        CHECK(g_live == 3 && !v.on_heap());
        for (int i = 3; i < 100; i++) v.emplace_back(i);
        CHECK(g_live == 100 && v.on_heap() && v.capacity() == 128u);
        CHECK(v[57].tag == "obj57" && v[99].v == 99);
        SmallVec<Obj, 4> copy = v;
        CHECK(g_live == 200 && copy[10].tag == "obj10");
        for (int i = 0; i < 50; i++) v.erase_at(0);
        CHECK(g_live == 150 && v[0].v == 50 && v.size() == 50u);
        copy = v;
        CHECK(g_live == 100 && copy.size() == 50u && copy[49].tag == "obj99");
        v.clear();
        CHECK(g_live == 50);
    }
    CHECK(g_live == 0);
    {
        // non-trivial element type with heap ownership; also nested small vectors
        SmallVec<std::unique_ptr<int>, 2> up;
        for (int i = 0; i < 20; i++) up.emplace_back(new int(i * 3));
        long t = 0;
        for (auto &p : up) t += *p;
        CHECK(t == 570);
        SmallVec<SmallVec<int, 3>, 2> nested;
        for (int i = 0; i < 10; i++) { nested.emplace_back(); for (int k = 0; k <= i; k++) nested[static_cast<std::size_t>(i)].push_back(k); }
        long nt = 0;
        for (const auto &inner : nested) for (int x : inner) nt += x;
        CHECK(nt == 165 && nested[9].on_heap() && !nested[1].on_heap());
    }
    // compare with std::vector under a random op sequence
    SmallVec<long, 16> sv;
    std::vector<long> ref;
    uint32_t s = 21;
    int bad = 0;
    for (int i = 0; i < 5000; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        if (s % 4 && ref.size() < 500) { sv.push_back(static_cast<long>(s)); ref.push_back(static_cast<long>(s)); }
        else if (!ref.empty()) {
            std::size_t k = s % ref.size();
            sv.erase_at(k);
            ref.erase(ref.begin() + static_cast<long>(k));
        }
        if (sv.size() != ref.size() || (!ref.empty() && sv[ref.size() / 2] != ref[ref.size() / 2])) bad++;
    }
    CHECK(bad == 0);
    long fin = 0;
    for (long x : sv) fin ^= x;
    std::printf("size=%zu cap=%zu xor=%ld\n", sv.size(), sv.capacity(), fin);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
