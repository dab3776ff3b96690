// Exercises: hand-written iterators (counting range, stride view, linked-list forward iterator, generator-style) used with std algorithms.
#include <cstdio>
#include <iterator>
#include <algorithm>
#include <numeric>
#include <vector>
#include <memory>
#include <cstdint>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

class Range {
    long b_, e_, step_;
public:
    class iterator {
        long v_, step_;
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = long;
        using difference_type = long;
        using pointer = const long *;
        using reference = long;
        iterator(long v, long s) : v_(v), step_(s) {}
        long operator*() const { return v_; }
        iterator &operator++() { v_ += step_; return *this; }
        iterator operator++(int) { iterator t = *this; v_ += step_; return t; }
        bool operator==(const iterator &o) const { return step_ > 0 ? v_ >= o.v_ : v_ <= o.v_; } // sentinel semantics
        bool operator!=(const iterator &o) const { return !(*this == o); }
    };
    Range(long b, long e, long s = 1) : b_(b), e_(e), step_(s) {}
    iterator begin() const { return {b_, step_}; }
    iterator end() const { return {e_, step_}; }
};

// random-access stride view over a vector
template <class T> class Strided {
    T *base_;
    std::ptrdiff_t n_, stride_;
public:
    class iterator {
        T *p_;
        std::ptrdiff_t s_;
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = T *;
        using reference = T &;
        iterator() : p_(nullptr), s_(1) {}
        iterator(T *p, std::ptrdiff_t s) : p_(p), s_(s) {}
        T &operator*() const { return *p_; }
        T &operator[](difference_type k) const { return p_[k * s_]; }
        iterator &operator++() { p_ += s_; return *this; }
        iterator operator++(int) { iterator t = *this; p_ += s_; return t; }
        iterator &operator--() { p_ -= s_; return *this; }
        iterator operator--(int) { iterator t = *this; p_ -= s_; return t; }
        iterator &operator+=(difference_type k) { p_ += k * s_; return *this; }
        iterator &operator-=(difference_type k) { p_ -= k * s_; return *this; }
        iterator operator+(difference_type k) const { return iterator(p_ + k * s_, s_); }
        friend iterator operator+(difference_type k, const iterator &it) { return it + k; }
        iterator operator-(difference_type k) const { return iterator(p_ - k * s_, s_); }
        difference_type operator-(const iterator &o) const { return (p_ - o.p_) / s_; }
        bool operator==(const iterator &o) const { return p_ == o.p_; }
        bool operator!=(const iterator &o) const { return p_ != o.p_; }
        bool operator<(const iterator &o) const { return p_ < o.p_; }
        bool operator>(const iterator &o) const { return p_ > o.p_; }
        bool operator<=(const iterator &o) const { return p_ <= o.p_; }
        bool operator>=(const iterator &o) const { return p_ >= o.p_; }
    };
    Strided(T *base, std::ptrdiff_t n, std::ptrdiff_t stride) : base_(base), n_(n), stride_(stride) {}
    iterator begin() const { return iterator(base_, stride_); }
    iterator end() const { return iterator(base_ + n_ * stride_, stride_); }
};

struct Node { int v; std::unique_ptr<Node> next; };
class List {
    std::unique_ptr<Node> head_;
    Node *tail_ = nullptr;
public:
    void push_back(int v)
    {
        auto n = std::make_unique<Node>(Node{v, nullptr});
        Node *raw = n.get();
        if (tail_) tail_->next = std::move(n); else head_ = std::move(n);
        tail_ = raw;
    }
    ~List() { while (head_) head_ = std::move(head_->next); } // iterative destruction
    struct iterator {
        using iterator_category = std::forward_iterator_tag;
        using value_type = int;
        using difference_type = std::ptrdiff_t;
        using pointer = int *;
        using reference = int &;
        Node *n;
        int &operator*() const { return n->v; }
        iterator &operator++() { n = n->next.get(); return *this; }
        bool operator==(const iterator &o) const { return n == o.n; }
        bool operator!=(const iterator &o) const { return n != o.n; }
    };
    iterator begin() const { return {head_.get()}; }
    iterator end() const { return {nullptr}; }
};

int main()
{
    Range r(0, 100, 3);
    CHECK(std::accumulate(r.begin(), r.end(), 0L) == 1683); // 0+3+...+99
    CHECK(std::count_if(r.begin(), r.end(), [](long v) { return v % 2 == 0; }) == 17);
    long down = 0;
    for (long v : Range(10, 0, -2)) down += v;
    CHECK(down == 30);
    std::vector<long> collected(r.begin(), r.end());
    CHECK(collected.size() == 34u && collected.back() == 99);

    std::vector<int> m(12 * 12);
    std::iota(m.begin(), m.end(), 0);
    // column 5 of a 12x12 row-major matrix, reversed via sort descending
    Strided<int> col(m.data() + 5, 12, 12);
    CHECK(std::distance(col.begin(), col.end()) == 12);
    CHECK(*(col.begin() + 3) == 41 && col.begin()[11] == 137);
    std::sort(col.begin(), col.end(), [](int a, int b) { return a > b; });
    CHECK(m[5] == 137 && m[5 + 12 * 11] == 5 && m[6] == 6);
    std::reverse(col.begin(), col.end());
    CHECK(m[5] == 5);
    auto it = std::lower_bound(col.begin(), col.end(), 77);
    CHECK(*it == 77 && it - col.begin() == 6);
    // diagonal stride
    Strided<int> diag(m.data(), 12, 13);
    CHECK(std::accumulate(diag.begin(), diag.end(), 0) == 13 * 66);
    std::reverse_iterator<Strided<int>::iterator> rb(diag.end()), re(diag.begin());
    CHECK(*rb == 143 && std::distance(rb, re) == 12);

    List lst;
    uint32_t s = 3;
    std::vector<int> mirror;
    for (int i = 0; i < 2000; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; int v = static_cast<int>(s % 1000); lst.push_back(v); mirror.push_back(v); }
    CHECK(std::equal(lst.begin(), lst.end(), mirror.begin()));
    auto mx = std::max_element(lst.begin(), lst.end());
    CHECK(*mx == *std::max_element(mirror.begin(), mirror.end()));
    std::replace_if(lst.begin(), lst.end(), [](int v) { return v < 100; }, -1);
    long neg = std::count(lst.begin(), lst.end(), -1);
    CHECK(neg == std::count_if(mirror.begin(), mirror.end(), [](int v) { return v < 100; }));
    auto found = std::find(lst.begin(), lst.end(), mirror[1500] < 100 ? -1 : mirror[1500]);
    CHECK(found != lst.end());
    std::printf("range_sum=%ld down=%ld neg=%ld max=%d\n", std::accumulate(r.begin(), r.end(), 0L), down, neg, *mx);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
