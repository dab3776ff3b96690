// Exercises: exceptions thrown from constructors: fully-constructed members/bases are destroyed, new-expression frees memory, function-try-blocks.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>
#include <memory>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

static std::string g_log;
static int g_fail_at = -1; // which Part id throws
static int g_allocs, g_frees;

struct Part {
    int id;
    explicit Part(int i) : id(i)
    {
        if (i == g_fail_at) { g_log += "!" + std::to_string(i); throw std::runtime_error("part " + std::to_string(i)); }
        g_log += "+" + std::to_string(i);
    }
    ~Part() { g_log += "-" + std::to_string(id); }
};

struct Base {
    Part p0{0};
    Base() { g_log += "B"; }
    virtual ~Base() { g_log += "~B"; }
};

struct Machine : Base {
    Part p1{1};
    Part p2{2};
    std::vector<Part> extra;
    Machine() try : Base(), extra() {
        extra.reserve(3); // no reallocation, so no copies are logged
        for (int i = 10; i < 13; i++) extra.emplace_back(i);
        g_log += "M";
    } catch (const std::runtime_error &) {
        g_log += "[handler]"; // members and base are already destroyed here; the exception is rethrown automatically
    }
    ~Machine() override { g_log += "~M"; }
};

struct Tracked {
    static void *operator new(std::size_t n) { g_allocs++; return ::operator new(n); }
    static void operator delete(void *p) { g_frees++; ::operator delete(p); }
    Part a{20};
    Part b{21};
};

struct Holder {
    std::unique_ptr<Part> first;
    std::unique_ptr<Part> second;
    Holder() : first(new Part(30)), second(new Part(31)) {}
};

static std::string build(int fail_at)
{
    g_log.clear();
    g_fail_at = fail_at;
    try {
        Machine m;
        g_log += "|";
    } catch (const std::runtime_error &e) {
        g_log += "<" + std::string(e.what()) + ">";
    }
    return g_log;
}

int main()
{
    CHECK(build(-1) == "+0B+1+2+10+11+12M|~M-10-11-12-2-1~B-0"); // std::vector destroys its elements first-to-last
    CHECK(build(0) == "!0[handler]<part 0>");
    CHECK(build(1) == "+0B!1~B-0[handler]<part 1>");
    CHECK(build(2) == "+0B+1!2-1~B-0[handler]<part 2>");
    CHECK(build(11) == "+0B+1+2+10!11-10-2-1~B-0[handler]<part 11>");

    g_log.clear();
    g_fail_at = 21;
    g_allocs = g_frees = 0;
    try { Tracked *t = new Tracked; delete t; } catch (const std::exception &) { g_log += "caught"; }
    CHECK(g_allocs == 1 && g_frees == 1); // memory released by the failed new-expression
    CHECK(g_log == "+20!21-20caught");

    g_fail_at = 31;
    g_log.clear();
    try { Holder h; } catch (const std::exception &) { g_log += "caught"; }
    CHECK(g_log == "+30!31-30caught"); // first unique_ptr member was destroyed

    g_fail_at = -1;
    g_log.clear();
    { Holder h; }
    CHECK(g_log == "+30+31-31-30");

    // vector growth with a throwing element constructor keeps earlier elements intact
    g_fail_at = 47;
    std::vector<Part> v;
    int built = 0;
    try {
        for (int i = 40; i < 50; i++) { v.emplace_back(i); built++; }
    } catch (const std::runtime_error &) {}
    CHECK(built == 7 && v.size() == 7u && v.back().id == 46);
    g_fail_at = -1;
    std::printf("last=%s built=%d\n", build(12).c_str(), built);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
