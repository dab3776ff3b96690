// Exercises: std::optional chains, std::variant with std::visit and an overloaded-lambda visitor, holds_alternative/get_if, monostate.
#include <cstdio>
#include <optional>
#include <variant>
#include <string>
#include <vector>
#include <cstdint>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

template <class... Fs> struct overloaded : Fs... { using Fs::operator()...; };
template <class... Fs> overloaded(Fs...) -> overloaded<Fs...>;

static std::optional<int> parse_int(const std::string &s)
{
    if (s.empty()) return std::nullopt;
    int sign = 1;
    std::size_t i = 0;
    if (s[0] == '-') { sign = -1; i = 1; }
    if (i == s.size()) return std::nullopt;
    long v = 0;
    for (; i < s.size(); i++) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + (s[i] - '0');
        if (v > 1000000000) return std::nullopt;
    }
    return static_cast<int>(sign * v);
}
static std::optional<int> safe_div(int a, int b) { if (b == 0) return {}; return a / b; }
static std::optional<int> checked_sqrt(int v)
{
    if (v < 0) return {};
    int r = 0;
    while ((r + 1) * (r + 1) <= v) r++;
    return r * r == v ? std::optional<int>(r) : std::nullopt;
}

struct Circle { int r; };
struct Rect { int w, h; };
struct Text { std::string s; };
using Item = std::variant<std::monostate, int, Circle, Rect, Text>;

static long weight(const Item &it)
{
    return std::visit(overloaded{
                          [](std::monostate) -> long { return 0; },
                          [](int v) -> long { return v; },
                          [](const Circle &c) -> long { return 3L * c.r * c.r; },
                          [](const Rect &r) -> long { return static_cast<long>(r.w) * r.h; },
                          [](const Text &t) -> long { return static_cast<long>(t.s.size()); },
                      },
                      it);
}

// a tiny Result type built on variant
template <class T> using Result = std::variant<T, std::string>;
static Result<int> step(int v)
{
    if (v % 7 == 0) return std::string("divisible by 7: ") + std::to_string(v);
    return v * 3 + 1;
}

int main()
{
    CHECK(parse_int("123") == 123 && parse_int("-45") == -45 && !parse_int("") && !parse_int("1x") && !parse_int("-"));
    CHECK(parse_int("99999999999") == std::nullopt);
    auto chain = [](const std::string &a, const std::string &b) -> std::optional<int> {
        auto x = parse_int(a);
        if (!x) return {};
        auto y = parse_int(b);
        if (!y) return {};
        auto q = safe_div(*x, *y);
        if (!q) return {};
        return checked_sqrt(*q);
    };
    CHECK(chain("144", "1") == 12 && chain("200", "2") == 10 && !chain("10", "0") && !chain("60", "2") && chain("50", "2") == 5 && !chain("x", "1"));
    std::optional<std::string> os;
    CHECK(os.value_or("default") == "default");
    os.emplace(3, 'z');
    CHECK(os.has_value() && *os == "zzz" && os->size() == 3u);
    os.reset();
    CHECK(!os);

    std::vector<Item> items;
    uint32_t s = 8;
    for (int i = 0; i < 400; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        switch (s % 5) {
        case 0: items.emplace_back(); break;
        case 1: items.emplace_back(static_cast<int>(s % 100)); break;
        case 2: items.emplace_back(Circle{static_cast<int>(s % 10)}); break;
        case 3: items.emplace_back(Rect{static_cast<int>(s % 7), static_cast<int>(s % 9)}); break;
        default: items.emplace_back(Text{std::string(s % 13, 'q')}); break;
        }
    }
    long total = 0, manual = 0;
    int counts[5] = {0, 0, 0, 0, 0};
    for (const auto &it : items) {
        total += weight(it);
        counts[it.index()]++;
        if (auto p = std::get_if<int>(&it)) manual += *p;
        else if (auto c = std::get_if<Circle>(&it)) manual += 3L * c->r * c->r;
        else if (std::holds_alternative<Rect>(it)) manual += static_cast<long>(std::get<Rect>(it).w) * std::get<Rect>(it).h;
        else if (std::holds_alternative<Text>(it)) manual += static_cast<long>(std::get<Text>(it).s.size());
    }
    CHECK(total == manual);
    CHECK(counts[0] + counts[1] + counts[2] + counts[3] + counts[4] == 400);

    bool threw = false;
    try { (void)std::get<Circle>(Item{5}); } catch (const std::bad_variant_access &) { threw = true; }
    CHECK(threw);
    Item it = Text{"abc"};
    it = Rect{2, 3};
    CHECK(it.index() == 3u && weight(it) == 6);

    int errors = 0, finals = 0;
    for (int start = 1; start <= 60; start++) {
        Result<int> r = start;
        for (int k = 0; k < 5 && r.index() == 0; k++) r = step(std::get<0>(r));
        if (r.index() == 1) errors++;
        else finals += std::get<0>(r) % 1000;
    }
    std::printf("total=%ld counts=%d,%d,%d,%d,%d errors=%d finals=%d\n", total, counts[0], counts[1], counts[2], counts[3], counts[4], errors, finals);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
