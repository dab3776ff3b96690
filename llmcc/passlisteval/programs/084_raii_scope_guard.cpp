// Exercises: RAII: constructor/destructor ordering for locals, members, arrays and temporaries, scope guards, early returns and loops.
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

static std::string g_log;

struct Tracer {
    char id;
    explicit Tracer(char c) : id(c) { g_log += '+'; g_log += id; }
    Tracer(const Tracer &o) : id(o.id) { g_log += 'c'; g_log += id; }
    Tracer &operator=(const Tracer &) = delete;
    ~Tracer() { g_log += '-'; g_log += id; }
};

struct Composite {
    Tracer a{'a'};
    Tracer b{'b'};
    Tracer c;
    Composite() : c('c') { g_log += "[body]"; }
    ~Composite() { g_log += "[~body]"; }
};

template <class F>
class ScopeGuard {
    F fn_;
    bool active_ = true;
public:
    explicit ScopeGuard(F f) : fn_(std::move(f)) {}
    ScopeGuard(ScopeGuard &&o) noexcept : fn_(std::move(o.fn_)), active_(o.active_) { o.active_ = false; }
    ScopeGuard(const ScopeGuard &) = delete;
    ScopeGuard &operator=(const ScopeGuard &) = delete;
    ~ScopeGuard() { if (active_) fn_(); }
    void dismiss() { active_ = false; }
};
template <class F> ScopeGuard<F> make_guard(F f) { return ScopeGuard<F>(std::move(f)); }

static int early_return(int n)
{
    Tracer t('e');
    for (int i = 0; i < n; i++) {
        Tracer loop('l');
        if (i == 2) return i;
    }
    return -1;
}

static Tracer make_temp(char c) { return Tracer(c); }

class Counter {
    static int live_;
    int v_;
public:
    explicit Counter(int v) : v_(v) { ++live_; }
    Counter(const Counter &o) : v_(o.v_) { ++live_; }
    Counter &operator=(const Counter &) = default;
    ~Counter() { --live_; }
    static int live() { return live_; }
    int value() const { return v_; }
};
int Counter::live_ = 0;

int main()
{
    g_log.clear();
    { Tracer x('x'); Tracer y('y'); }
    CHECK(g_log == "+x+y-y-x");

    g_log.clear();
    { Composite c; }
    CHECK(g_log == "+a+b+c[body][~body]-c-b-a");

    g_log.clear();
    { Tracer arr[3] = {Tracer('1'), Tracer('2'), Tracer('3')}; (void)arr; }
    CHECK(g_log == "+1+2+3-3-2-1");

    g_log.clear();
    CHECK(early_return(5) == 2);
    CHECK(g_log == "+e+l-l+l-l+l-l-e");

    g_log.clear();
    { Tracer t = make_temp('t'); (void)t; } // guaranteed copy elision in C++17
    CHECK(g_log == "+t-t");

    g_log.clear();
    { const Tracer &ref = Tracer('r'); g_log += "|"; (void)ref; } // lifetime extension
    CHECK(g_log == "+r|-r");

    int cleanup = 0;
    {
        auto g1 = make_guard([&] { cleanup += 1; });
        auto g2 = make_guard([&] { cleanup *= 10; });
        auto g3 = make_guard([&] { cleanup += 100; });
        g3.dismiss();
    }
    CHECK(cleanup == 1); // g2 runs first (0*10), then g1 (+1)

    {
        std::vector<Counter> v;
        for (int i = 0; i < 100; i++) v.emplace_back(i);
        CHECK(Counter::live() == 100);
        v.erase(v.begin() + 10, v.begin() + 60);
        CHECK(Counter::live() == 50);
        long s = 0;
        for (const auto &c : v) s += c.value();
        CHECK(s == 45 + (60 + 99) * 40 / 2);
        v.resize(10, Counter(7));
        CHECK(Counter::live() == 10);
    }
    CHECK(Counter::live() == 0);

    g_log.clear();
    for (int i = 0; i < 3; i++) { Tracer t(static_cast<char>('p' + i)); }
    CHECK(g_log == "+p-p+q-q+r-r");
    std::printf("log=%s cleanup=%d\n", g_log.c_str(), cleanup);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
