// Exercises: hand-rolled type erasure (concept/model with virtual clone), small-buffer function wrapper, and duck-typed drawables.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>
#include <utility>
#include <new>
#include <cstddef>
#include <type_traits>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

// Any type with `long area() const` and `std::string name() const` can be stored.
class Shape {
    struct Concept {
        virtual ~Concept() = default;
        virtual long area() const = 0;
        virtual std::string name() const = 0;
        virtual std::unique_ptr<Concept> clone() const = 0;
    };
    template <class T> struct Model final : Concept {
        T obj;
        explicit Model(T o) : obj(std::move(o)) {}
        long area() const override { return obj.area(); }
        std::string name() const override { return obj.name(); }
        std::unique_ptr<Concept> clone() const override { return std::make_unique<Model>(obj); }
    };
    std::unique_ptr<Concept> p_;
public:
    template <class T, class = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Shape>>>
    Shape(T obj) : p_(std::make_unique<Model<std::decay_t<T>>>(std::move(obj))) {}
    Shape(const Shape &o) : p_(o.p_->clone()) {}
    Shape(Shape &&) noexcept = default;
    Shape &operator=(Shape o) noexcept { p_ = std::move(o.p_); return *this; }
    long area() const { return p_->area(); }
    std::string name() const { return p_->name(); }
};

struct Square { long s; long area() const { return s * s; } std::string name() const { return "square"; } };
struct Rect { long w, h; long area() const { return w * h; } std::string name() const { return "rect"; } };
struct Blob { std::vector<long> cells; long area() const { return static_cast<long>(cells.size()); } std::string name() const { return "blob"; } };

// Small-buffer-optimized callable wrapper: int(int)
class SmallFn {
    static constexpr std::size_t N = 32;
    enum class Op { Destroy, CopyTo };
    alignas(std::max_align_t) unsigned char buf_[N];
    int (*call_)(void *, int) = nullptr;
    // Destroy: destroy (and free, if heap) the callable at `self`; CopyTo: copy self's callable into `other`
    void (*manage_)(Op, SmallFn *self, SmallFn *other) = nullptr;
    bool heap_ = false;
    void *ptr() { return heap_ ? *reinterpret_cast<void **>(buf_) : static_cast<void *>(buf_); }

    template <class Fn> static void manage_inline(Op op, SmallFn *self, SmallFn *other)
    {
        Fn *f = static_cast<Fn *>(self->ptr());
        if (op == Op::Destroy) f->~Fn();
        else ::new (static_cast<void *>(other->buf_)) Fn(*f);
    }
    template <class Fn> static void manage_heap(Op op, SmallFn *self, SmallFn *other)
    {
        Fn *f = static_cast<Fn *>(self->ptr());
        if (op == Op::Destroy) delete f;
        else ::new (static_cast<void *>(other->buf_)) void *(new Fn(*f));
    }
public:
    template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, SmallFn>>>
    SmallFn(F f)
    {
        using Fn = std::decay_t<F>;
        if constexpr (sizeof(Fn) <= N && alignof(Fn) <= alignof(std::max_align_t)) {
            ::new (static_cast<void *>(buf_)) Fn(std::move(f));
            heap_ = false;
            manage_ = &manage_inline<Fn>;
        } else {
            ::new (static_cast<void *>(buf_)) void *(new Fn(std::move(f)));
            heap_ = true;
            manage_ = &manage_heap<Fn>;
        }
        call_ = [](void *p, int x) { return (*static_cast<Fn *>(p))(x); };
    }
    SmallFn(const SmallFn &o) : call_(o.call_), manage_(o.manage_), heap_(o.heap_)
    {
        o.manage_(Op::CopyTo, const_cast<SmallFn *>(&o), this);
    }
    SmallFn &operator=(const SmallFn &) = delete;
    ~SmallFn() { if (manage_) manage_(Op::Destroy, this, nullptr); }
    int operator()(int x) { return call_(ptr(), x); }
    bool on_heap() const { return heap_; }
};

int main()
{
    std::vector<Shape> shapes;
    for (long i = 1; i <= 30; i++) {
        if (i % 3 == 0) shapes.emplace_back(Square{i});
        else if (i % 3 == 1) shapes.emplace_back(Rect{i, i + 1});
        else shapes.emplace_back(Blob{std::vector<long>(static_cast<std::size_t>(i), 1)});
    }
    long total = 0;
    int squares = 0;
    for (const auto &s : shapes) { total += s.area(); squares += s.name() == "square"; }
    long expect = 0;
    for (long i = 1; i <= 30; i++) expect += i % 3 == 0 ? i * i : i % 3 == 1 ? i * (i + 1) : i;
    CHECK(total == expect && squares == 10);
    std::vector<Shape> copy = shapes; // deep copies through clone()
    copy[0] = Square{100};
    CHECK(copy[0].area() == 10000 && shapes[0].area() == 2 && copy[1].name() == "blob");
    Shape moved = std::move(copy[2]);
    CHECK(moved.area() == 9);

    int offset = 7;
    SmallFn small([offset](int x) { return x * 2 + offset; });
    long big_state[16];
    for (int i = 0; i < 16; i++) big_state[i] = i;
    SmallFn big([big_state](int x) { long s = 0; for (long v : big_state) s += v; return x + static_cast<int>(s); });
    CHECK(!small.on_heap() && big.on_heap());
    CHECK(small(5) == 17 && big(5) == 125);
    SmallFn small2 = small, big2 = big;
    CHECK(small2(1) == 9 && big2(1) == 121);
    auto shared = std::make_shared<int>(0);
    {
        SmallFn counter([shared](int x) { *shared += x; return *shared; });
        for (int i = 1; i <= 100; i++) counter(i);
        CHECK(shared.use_count() == 2);
    }
    CHECK(*shared == 5050 && shared.use_count() == 1);
    std::printf("total=%ld squares=%d small=%d big=%d shared=%d\n", total, squares, small(10), big(10), *shared);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
