// Exercises: abstract base classes, virtual dispatch through base pointers, virtual destructors, clone via unique_ptr, final/override.
#include <cstdio>
#include <memory>
#include <vector>
#include <string>
#include <algorithm>
#include <cstdint>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

static int g_alive;

// all coordinates are integers; areas are doubled to stay integral
class Shape {
public:
    Shape() { ++g_alive; }
    Shape(const Shape &) { ++g_alive; }
    Shape &operator=(const Shape &) = default;
    virtual ~Shape() { --g_alive; }
    virtual long twice_area() const = 0;
    virtual long perimeter_sq_hint() const { return 0; }
    virtual std::string name() const = 0;
    virtual std::unique_ptr<Shape> clone() const = 0;
    virtual void scale(long k) = 0;
    bool bigger_than(const Shape &o) const { return twice_area() > o.twice_area(); }
};

class Rect : public Shape {
protected:
    long w_, h_;
public:
    Rect(long w, long h) : w_(w), h_(h) {}
    long twice_area() const override { return 2 * w_ * h_; }
    long perimeter_sq_hint() const override { return (2 * (w_ + h_)) * (2 * (w_ + h_)); }
    std::string name() const override { return "rect"; }
    std::unique_ptr<Shape> clone() const override { return std::make_unique<Rect>(*this); }
    void scale(long k) override { w_ *= k; h_ *= k; }
};

class Square final : public Rect {
public:
    explicit Square(long s) : Rect(s, s) {}
    std::string name() const override { return "square"; }
    std::unique_ptr<Shape> clone() const override { return std::make_unique<Square>(*this); }
};

class Triangle : public Shape {
    long x1_, y1_, x2_, y2_, x3_, y3_;
public:
    Triangle(long a, long b, long c, long d, long e, long f) : x1_(a), y1_(b), x2_(c), y2_(d), x3_(e), y3_(f) {}
    long twice_area() const override
    {
        long v = (x2_ - x1_) * (y3_ - y1_) - (x3_ - x1_) * (y2_ - y1_);
        return v < 0 ? -v : v;
    }
    std::string name() const override { return "triangle"; }
    std::unique_ptr<Shape> clone() const override { return std::make_unique<Triangle>(*this); }
    void scale(long k) override { x1_ *= k; y1_ *= k; x2_ *= k; y2_ *= k; x3_ *= k; y3_ *= k; }
};

class Polygon : public Shape {
    std::vector<std::pair<long, long>> pts_;
public:
    explicit Polygon(std::vector<std::pair<long, long>> p) : pts_(std::move(p)) {}
    long twice_area() const override
    {
        long s = 0;
        for (size_t i = 0; i < pts_.size(); i++) {
            const auto &a = pts_[i], &b = pts_[(i + 1) % pts_.size()];
            s += a.first * b.second - b.first * a.second;
        }
        return s < 0 ? -s : s;
    }
    std::string name() const override { return "polygon" + std::to_string(pts_.size()); }
    std::unique_ptr<Shape> clone() const override { return std::make_unique<Polygon>(*this); }
    void scale(long k) override { for (auto &p : pts_) { p.first *= k; p.second *= k; } }
};

int main()
{
    {
        std::vector<std::unique_ptr<Shape>> shapes;
        uint32_t s = 3;
        auto rnd = [&s](long m) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; return static_cast<long>(s % static_cast<uint32_t>(m)); };
        for (int i = 0; i < 300; i++) {
            switch (i % 4) {
            case 0: shapes.push_back(std::make_unique<Rect>(1 + rnd(50), 1 + rnd(50))); break;
            case 1: shapes.push_back(std::make_unique<Square>(1 + rnd(40))); break;
            case 2: shapes.push_back(std::make_unique<Triangle>(rnd(100), rnd(100), rnd(100), rnd(100), rnd(100), rnd(100))); break;
            default: {
                long r = 1 + rnd(30);
                shapes.push_back(std::make_unique<Polygon>(std::vector<std::pair<long, long>>{{0, 0}, {r, 0}, {r, r}, {0, r}}));
            }
            }
        }
        CHECK(g_alive == 300);
        long total = 0;
        int counts[4] = {0, 0, 0, 0};
        for (const auto &sh : shapes) {
            total += sh->twice_area();
            std::string n = sh->name();
            counts[n == "rect" ? 0 : n == "square" ? 1 : n == "triangle" ? 2 : 3]++;
        }
        CHECK(counts[0] == 75 && counts[1] == 75 && counts[2] == 75 && counts[3] == 75);

        // clones are deep and polymorphic: scaling a clone by k multiplies its area by k^2
        long cloned_total = 0;
        for (const auto &sh : shapes) {
            auto c = sh->clone();
            CHECK(c->name() == sh->name());
            c->scale(3);
            cloned_total += c->twice_area();
        }
        CHECK(cloned_total == 9 * total);
        CHECK(g_alive == 300);

        // total order (area, then name) so the result does not depend on the sort's stability
        std::sort(shapes.begin(), shapes.end(), [](const auto &a, const auto &b) {
            if (a->twice_area() != b->twice_area()) return b->bigger_than(*a);
            return a->name() < b->name();
        });
        for (size_t i = 1; i < shapes.size(); i++) CHECK(shapes[i - 1]->twice_area() <= shapes[i]->twice_area());
        const Rect *as_rect = dynamic_cast<const Rect *>(shapes.back().get());
        long hint = as_rect ? as_rect->perimeter_sq_hint() : -1;
        std::printf("total2x=%ld largest=%s(%ld) hint=%ld\n", total, shapes.back()->name().c_str(), shapes.back()->twice_area(), hint);

        Square sq(5);
        Shape &ref = sq;
        CHECK(ref.twice_area() == 50 && ref.name() == "square" && ref.perimeter_sq_hint() == 400);
        Triangle tri(0, 0, 4, 0, 0, 3);
        CHECK(tri.twice_area() == 12 && tri.perimeter_sq_hint() == 0);
    }
    CHECK(g_alive == 0);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
