// Exercises: copy vs move construction/assignment counts, noexcept moves in vector reallocation, std::move/forward, return-value elision.
#include <cstdio>
#include <vector>
#include <string>
#include <utility>
#include <algorithm>
#include <cstring>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

struct Stats { int ctor = 0, copy = 0, move = 0, copy_assign = 0, move_assign = 0, dtor = 0; };
static Stats st;

class Buffer {
    std::size_t n_ = 0;
    int *data_ = nullptr;
public:
    Buffer() { st.ctor++; }
    explicit Buffer(std::size_t n, int fill = 0) : n_(n), data_(new int[n]) { std::fill(data_, data_ + n, fill); st.ctor++; }
    Buffer(const Buffer &o) : n_(o.n_), data_(o.n_ ? new int[o.n_] : nullptr) { if (n_) std::memcpy(data_, o.data_, n_ * sizeof(int)); st.copy++; }
    Buffer(Buffer &&o) noexcept : n_(o.n_), data_(o.data_) { o.n_ = 0; o.data_ = nullptr; st.move++; }
    Buffer &operator=(const Buffer &o)
    {
        if (this != &o) { Buffer tmp(o); st.copy--; swap(tmp); st.copy++; } // copy-and-swap; count as one copy
        st.copy_assign++;
        return *this;
    }
    Buffer &operator=(Buffer &&o) noexcept { if (this != &o) { delete[] data_; n_ = o.n_; data_ = o.data_; o.n_ = 0; o.data_ = nullptr; } st.move_assign++; return *this; }
    ~Buffer() { delete[] data_; st.dtor++; }
    void swap(Buffer &o) noexcept { std::swap(n_, o.n_); std::swap(data_, o.data_); }
    std::size_t size() const { return n_; }
    long sum() const { long s = 0; for (std::size_t i = 0; i < n_; i++) s += data_[i]; return s; }
    int &operator[](std::size_t i) { return data_[i]; }
};

// a type whose move may throw: vector must copy it on reallocation
struct Risky {
    int v;
    static int copies, moves;
    explicit Risky(int x) : v(x) {}
    Risky(const Risky &o) : v(o.v) { copies++; }
    Risky(Risky &&o) : v(o.v) { moves++; } // not noexcept
    Risky &operator=(const Risky &) = default;
};
int Risky::copies = 0, Risky::moves = 0;

static Buffer make_buffer(std::size_t n) { Buffer b(n, 3); b[0] = 7; return b; } // NRVO or move
static Buffer pass_through(Buffer b) { b[0] += 1; return b; }                    // implicit move on return

template <class T> static void relay(std::vector<T> &v, T &&x) { v.push_back(std::forward<T>(x)); }

int main()
{
    st = Stats{};
    {
        Buffer a(100, 1);
        Buffer b = a;                 // copy
        Buffer c = std::move(a);      // move
        CHECK(a.size() == 0u && b.size() == 100u && c.size() == 100u);
        b = c;                        // copy assign
        c = std::move(b);             // move assign
        CHECK(b.size() == 0u && c.sum() == 100);
        Buffer &alias = c;
        c = alias;                    // self copy-assign through an alias is safe
        CHECK(c.sum() == 100);
    }
    CHECK(st.copy == 2 && st.move == 1 && st.copy_assign == 2 && st.move_assign == 1);
    CHECK(st.ctor + st.copy + st.move == st.dtor);

    st = Stats{};
    {
        Buffer r = make_buffer(10);
        CHECK(r.sum() == 7 + 9 * 3);
        Buffer q = pass_through(std::move(r));
        CHECK(q.sum() == 8 + 27 && r.size() == 0u);
        CHECK(st.copy == 0);
    }
    CHECK(st.ctor + st.copy + st.move == st.dtor);

    st = Stats{};
    {
        std::vector<Buffer> v;
        for (int i = 0; i < 100; i++) v.emplace_back(static_cast<std::size_t>(i + 1), i);
        CHECK(st.copy == 0);       // noexcept move used on every reallocation
        CHECK(st.move > 0);
        long total = 0;
        for (auto &b : v) total += b.sum();
        long expect = 0;
        for (int i = 0; i < 100; i++) expect += static_cast<long>(i) * (i + 1);
        CHECK(total == expect);
        std::reverse(v.begin(), v.end()); // swaps via moves
        CHECK(st.copy == 0 && v.front().size() == 100u);
        std::vector<Buffer> w = v;     // copies every element
        CHECK(st.copy == 100);
        std::vector<Buffer> z = std::move(w); // steals storage, no element moves
        CHECK(w.empty() && z.size() == 100u && st.copy == 100);
        relay(z, Buffer(5, 5));
        CHECK(z.back().sum() == 25);
    }
    CHECK(st.ctor + st.copy + st.move == st.dtor);

    {
        std::vector<Risky> rv;
        for (int i = 0; i < 64; i++) rv.emplace_back(i);
        // growth from capacity 1 to 64 relocates 1+2+4+...+32 = 63 elements, all via copy
        CHECK(Risky::copies == 63 && Risky::moves == 0);
        Risky m = std::move_if_noexcept(rv[0]);
        CHECK(Risky::copies == 64 && m.v == 0);
    }

    std::string s1 = "a long string that will certainly not fit in the small string buffer";
    std::string s2 = std::move(s1);
    CHECK(s2.size() > 60u && s1.empty()); // libstdc++ leaves moved-from strings empty
    std::vector<std::string> names;
    std::string tmp = "x";
    for (int i = 0; i < 10; i++) { tmp += static_cast<char>('a' + i); names.push_back(tmp); }
    names.push_back(std::move(tmp));
    CHECK(names.size() == 11u && names.back() == names[9]);
    std::printf("moves=%d risky_copies=%d last=%s\n", st.move, Risky::copies, names.back().c_str());
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
