// Exercises: dynamic initialization order of namespace-scope objects in one TU, function-local statics, constinit-like constant init, atexit.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>
#include <map>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

// Constant-initialized (no dynamic init): usable from any dynamic initializer.
static int g_counter = 0;
static const int kTableSize = 16;

static std::string &init_log()
{
    static std::string log; // constructed on first use, avoiding order problems
    return log;
}

struct Registrar {
    int order;
    explicit Registrar(const char *name) : order(++g_counter) { init_log() += name; init_log() += ';'; }
};

static Registrar first_reg("first");   // initialized in declaration order
static Registrar second_reg("second");

static std::map<std::string, int> &registry()
{
    static std::map<std::string, int> r;
    return r;
}
static bool register_plugin(const char *name, int prio) { registry()[name] = prio; init_log() += "+"; init_log() += name; return true; }
static bool reg_a = register_plugin("alpha", 3);
static bool reg_b = register_plugin("beta", 1);

static int compute_table_sum()
{
    int s = 0;
    for (int i = 0; i < kTableSize; i++) s += i * i;
    return s;
}
static int g_table_sum = compute_table_sum(); // dynamic init depending on a constant

static std::vector<int> make_squares()
{
    std::vector<int> v;
    for (int i = 0; i < kTableSize; i++) v.push_back(i * i);
    init_log() += "squares;";
    return v;
}
static std::vector<int> g_squares = make_squares();
static Registrar third_reg("third");
static const int g_after = g_counter * 100; // sees three registrars

static int lazy_value(int k)
{
    static int calls = 0;
    static const int base = [] { init_log() += "lazy;"; return 1000; }();
    ++calls;
    return base + k * 10 + calls;
}

struct Singleton {
    int hits = 0;
    static Singleton &get() { static Singleton s; return s; }
private:
    Singleton() { init_log() += "singleton;"; }
};

static int g_exit_marker;
static void on_exit_handler() { g_exit_marker++; }

int main()
{
    CHECK(first_reg.order == 1 && second_reg.order == 2 && third_reg.order == 3);
    CHECK(init_log() == "first;second;+alpha+betasquares;third;");
    CHECK(reg_a && reg_b && registry().size() == 2u && registry()["alpha"] == 3);
    CHECK(g_table_sum == 1240 && g_squares.size() == 16u && g_squares[15] == 225);
    CHECK(g_after == 300);

    CHECK(lazy_value(1) == 1011);
    CHECK(lazy_value(2) == 1022);
    CHECK(lazy_value(3) == 1033);
    CHECK(init_log().find("lazy;") == init_log().size() - 5);
    Singleton::get().hits++;
    Singleton::get().hits++;
    CHECK(Singleton::get().hits == 2);
    std::size_t count = 0, pos = 0;
    while ((pos = init_log().find("singleton;", pos)) != std::string::npos) { count++; pos++; }
    CHECK(count == 1u);
    CHECK(std::atexit(on_exit_handler) == 0);
    long total = 0;
    for (int i = 0; i < 10000; i++) total += lazy_value(i % 7) % 97;
    std::printf("log=%s total=%ld\n", init_log().c_str(), total);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
