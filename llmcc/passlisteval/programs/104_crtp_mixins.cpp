// Exercises: CRTP static polymorphism (mixins for comparison operators, counting instances, cloning), compared with virtual dispatch.
#include <cstdio>
#include <vector>
#include <memory>
#include <algorithm>
#include <string>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

// derive all comparison operators from a single compare() in the derived class
template <class D> struct Ordered {
    friend bool operator<(const D &a, const D &b) { return a.compare(b) < 0; }
    friend bool operator>(const D &a, const D &b) { return a.compare(b) > 0; }
    friend bool operator<=(const D &a, const D &b) { return a.compare(b) <= 0; }
    friend bool operator>=(const D &a, const D &b) { return a.compare(b) >= 0; }
    friend bool operator==(const D &a, const D &b) { return a.compare(b) == 0; }
    friend bool operator!=(const D &a, const D &b) { return a.compare(b) != 0; }
};

template <class D> struct InstanceCounter {
    static int alive, created;
    InstanceCounter() { ++alive; ++created; }
    InstanceCounter(const InstanceCounter &) { ++alive; ++created; }
    InstanceCounter &operator=(const InstanceCounter &) = default;
    ~InstanceCounter() { --alive; }
};
template <class D> int InstanceCounter<D>::alive = 0;
template <class D> int InstanceCounter<D>::created = 0;

struct Version : Ordered<Version>, InstanceCounter<Version> {
    int major, minor, patch;
    Version(int a, int b, int c) : major(a), minor(b), patch(c) {}
    int compare(const Version &o) const
    {
        if (major != o.major) return major < o.major ? -1 : 1;
        if (minor != o.minor) return minor < o.minor ? -1 : 1;
        return (patch > o.patch) - (patch < o.patch);
    }
};
struct Tag : InstanceCounter<Tag> { std::string s; };

// static interface: shapes computing twice-area without virtual calls
template <class D> struct ShapeBase {
    long area2() const { return static_cast<const D *>(this)->area2_impl(); }
    long scaled(long k) const { return area2() * k * k; }
};
struct Sq : ShapeBase<Sq> { long s; explicit Sq(long v) : s(v) {} long area2_impl() const { return 2 * s * s; } };
struct Tri : ShapeBase<Tri> { long b, h; Tri(long x, long y) : b(x), h(y) {} long area2_impl() const { return b * h; } };
template <class D> long total_area2(const std::vector<D> &v) { long t = 0; for (const auto &x : v) t += x.area2(); return t; }

// dynamic counterpart
struct VShape { virtual ~VShape() = default; virtual long area2() const = 0; };
struct VSq : VShape { long s; explicit VSq(long v) : s(v) {} long area2() const override { return 2 * s * s; } };
struct VTri : VShape { long b, h; VTri(long x, long y) : b(x), h(y) {} long area2() const override { return b * h; } };

// CRTP "clone" returning the derived type, plus method chaining
template <class D> struct Builder {
    D &self() { return static_cast<D &>(*this); }
    D &repeat(int n) { for (int i = 1; i < n; i++) self().step(); return self(); }
};
struct Accum : Builder<Accum> {
    long value = 1;
    Accum &step() { value = value * 3 % 1000003; return *this; }
    Accum &add(long k) { value += k; return *this; }
};

int main()
{
    {
        std::vector<Version> vs;
        for (int i = 0; i < 200; i++) vs.emplace_back((i * 7) % 5, (i * 11) % 13, (i * 3) % 17);
        CHECK(InstanceCounter<Version>::alive == 200);
        std::sort(vs.begin(), vs.end());
        CHECK(std::is_sorted(vs.begin(), vs.end()));
        bool consistent = true;
        for (size_t i = 1; i < vs.size(); i++) {
            const Version &a = vs[i - 1], &b = vs[i];
            if (!(a <= b) || (a > b) || ((a == b) == (a != b)) || ((a < b) != (b > a))) consistent = false;
        }
        CHECK(consistent);
        auto last = std::unique(vs.begin(), vs.end());
        std::printf("distinct_versions=%ld\n", static_cast<long>(last - vs.begin()));
        Tag t1, t2;
        CHECK(InstanceCounter<Tag>::alive == 2 && InstanceCounter<Version>::alive == 200);
    }
    CHECK(InstanceCounter<Version>::alive == 0 && InstanceCounter<Tag>::alive == 0);
    CHECK(InstanceCounter<Version>::created >= 200);

    std::vector<Sq> sqs;
    std::vector<Tri> tris;
    std::vector<std::unique_ptr<VShape>> dyn;
    for (long i = 1; i <= 300; i++) {
        sqs.emplace_back(i % 17);
        tris.emplace_back(i % 13, i % 19);
        dyn.push_back(std::make_unique<VSq>(i % 17));
        dyn.push_back(std::make_unique<VTri>(i % 13, i % 19));
    }
    long s1 = total_area2(sqs) + total_area2(tris);
    long s2 = 0;
    for (const auto &p : dyn) s2 += p->area2();
    CHECK(s1 == s2);
    CHECK(Sq(3).scaled(2) == 72 && Tri(4, 5).scaled(3) == 180);

    Accum a;
    a.repeat(10).add(5).repeat(3);
    long expect = 1;
    for (int i = 1; i < 10; i++) expect = expect * 3 % 1000003;
    expect += 5;
    for (int i = 1; i < 3; i++) expect = expect * 3 % 1000003;
    CHECK(a.value == expect);
    std::printf("area_sum=%ld accum=%ld\n", s1, a.value);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
