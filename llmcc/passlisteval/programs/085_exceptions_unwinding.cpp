// Exercises: exceptions thrown through deep call chains, destructors during unwinding, rethrow, catch(...), nested try blocks and noexcept.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>
#include <memory>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

static int g_constructed, g_destroyed;
struct Resource {
    int id;
    explicit Resource(int i) : id(i) { ++g_constructed; }
    Resource(const Resource &) = delete;
    Resource &operator=(const Resource &) = delete;
    ~Resource() { ++g_destroyed; }
};

struct DepthError : std::runtime_error {
    int depth;
    DepthError(const std::string &m, int d) : std::runtime_error(m), depth(d) {}
};

static int dive(int depth, int throw_at)
{
    Resource r(depth);
    std::vector<int> scratch(static_cast<size_t>(depth) + 1, depth);
    if (depth == throw_at) throw DepthError("hit bottom at " + std::to_string(depth), depth);
    return dive(depth + 1, throw_at) + scratch.back();
}

static int rethrower(int depth, int &handlers)
{
    try {
        return dive(0, depth);
    } catch (const DepthError &e) {
        ++handlers;
        throw; // rethrow same object
    }
}

static int translate(int code)
{
    try {
        switch (code) {
        case 0: throw std::out_of_range("range");
        case 1: throw std::invalid_argument("arg");
        case 2: throw 42;
        case 3: throw std::string("str");
        case 4: throw DepthError("depth", 7);
        default: return 100;
        }
    } catch (const DepthError &e) {
        return 10 + e.depth;
    } catch (const std::logic_error &e) {
        return std::string(e.what()) == "range" ? 1 : 2;
    } catch (int v) {
        return v;
    } catch (...) {
        return -1;
    }
}

static int nested(int n)
{
    int result = 0;
    try {
        try {
            if (n % 2) throw std::runtime_error("inner");
            result += 1;
        } catch (const std::runtime_error &) {
            result += 10;
            if (n % 3 == 0) throw std::logic_error("from handler");
        }
        result += 100;
    } catch (const std::logic_error &) {
        result += 1000;
    }
    return result;
}

static int safe_div(int a, int b) noexcept { return b ? a / b : 0; }

int main()
{
    for (int bottom = 0; bottom < 40; bottom += 3) {
        g_constructed = g_destroyed = 0;
        int caught_depth = -1;
        try {
            dive(0, bottom);
        } catch (const DepthError &e) {
            caught_depth = e.depth;
            CHECK(std::string(e.what()) == "hit bottom at " + std::to_string(bottom));
        }
        CHECK(caught_depth == bottom);
        CHECK(g_constructed == bottom + 1 && g_destroyed == g_constructed);
    }

    int handlers = 0, caught = 0;
    for (int i = 0; i < 20; i++) {
        try { rethrower(i, handlers); } catch (const std::exception &e) { ++caught; }
    }
    CHECK(handlers == 20 && caught == 20);

    int sum = 0;
    for (int c = 0; c <= 5; c++) sum += translate(c);
    CHECK(sum == 1 + 2 + 42 - 1 + 17 + 100);

    int ns = 0;
    for (int n = 0; n < 12; n++) ns += nested(n);
    // n even: 101; n odd & not %3: 110; n odd & %3==0 (3,9): 1010
    CHECK(ns == 6 * 101 + 4 * 110 + 2 * 1010);

    // unique_ptr ownership survives exceptions without leaks
    g_constructed = g_destroyed = 0;
    std::vector<std::unique_ptr<Resource>> owned;
    for (int i = 0; i < 50; i++) {
        try {
            auto p = std::make_unique<Resource>(i);
            if (i % 7 == 3) throw std::runtime_error("drop");
            owned.push_back(std::move(p));
        } catch (const std::runtime_error &) {
        }
    }
    CHECK(owned.size() == 43u && g_destroyed == 7);
    owned.clear();
    CHECK(g_destroyed == 50);

    // exception_ptr capture and rethrow later
    std::exception_ptr saved;
    try { throw DepthError("saved", 99); } catch (...) { saved = std::current_exception(); }
    int later = 0;
    try { std::rethrow_exception(saved); } catch (const DepthError &e) { later = e.depth; }
    CHECK(later == 99);
    CHECK(safe_div(7, 0) == 0 && noexcept(safe_div(1, 1)));
    std::printf("sum=%d nested=%d later=%d\n", sum, ns, later);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
