// Exercises: variadic templates, fold expressions, parameter-pack expansion into arrays, std::tuple/apply/index_sequence, perfect forwarding.
#include <cstdio>
#include <tuple>
#include <utility>
#include <string>
#include <type_traits>
#include <array>
#include <vector>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

template <class... Ts> constexpr auto sum(Ts... xs) { return (xs + ... + 0); }
template <class... Ts> constexpr auto product(Ts... xs) { return (xs * ... * 1); }
template <class... Ts> constexpr bool all_positive(Ts... xs) { return ((xs > 0) && ...); }
template <class... Ts> constexpr std::size_t count_if_even(Ts... xs) { return (static_cast<std::size_t>(xs % 2 == 0) + ... + 0u); }

// left fold with a non-commutative operation
template <class... Ts> constexpr long left_minus(long first, Ts... rest) { return (first - ... - rest); }
template <class... Ts> constexpr long right_minus(Ts... xs) { return (xs - ...); }

template <class T, class... Ts> constexpr T max_of(T a, Ts... rest)
{
    if constexpr (sizeof...(rest) == 0) return a;
    else { T m = max_of(rest...); return a > m ? a : m; }
}

template <class... Ts> std::string concat(const Ts &...xs)
{
    std::string out;
    ((out += std::to_string(xs), out += ','), ...);
    return out;
}

template <class F, class Tuple, std::size_t... I>
constexpr auto apply_reversed_impl(F &&f, Tuple &&t, std::index_sequence<I...>)
{
    constexpr std::size_t N = sizeof...(I);
    return std::forward<F>(f)(std::get<N - 1 - I>(std::forward<Tuple>(t))...);
}
template <class F, class Tuple> constexpr auto apply_reversed(F &&f, Tuple &&t)
{
    return apply_reversed_impl(std::forward<F>(f), std::forward<Tuple>(t),
                               std::make_index_sequence<std::tuple_size<std::decay_t<Tuple>>::value>{});
}

template <class Tuple, std::size_t... I> long tuple_weighted(const Tuple &t, std::index_sequence<I...>)
{
    return ((static_cast<long>(I + 1) * static_cast<long>(std::get<I>(t))) + ... + 0L);
}

template <class... Ts> constexpr std::array<int, sizeof...(Ts)> sizes() { return {static_cast<int>(sizeof(Ts))...}; }

struct Counter {
    int copies = 0, moves = 0;
};
struct Tracked {
    Counter *c;
    explicit Tracked(Counter *cc) : c(cc) {}
    Tracked(const Tracked &o) : c(o.c) { c->copies++; }
    Tracked(Tracked &&o) noexcept : c(o.c) { c->moves++; }
    Tracked &operator=(const Tracked &) = default;
    Tracked &operator=(Tracked &&) = default;
};
template <class... Args> std::vector<Tracked> make_all(Args &&...args)
{
    std::vector<Tracked> v;
    v.reserve(sizeof...(args));
    (v.push_back(std::forward<Args>(args)), ...);
    return v;
}

template <class... Ts> struct TypeCount { static constexpr std::size_t ints = (std::is_integral_v<Ts> + ... + 0); };

int main()
{
    static_assert(sum(1, 2, 3, 4) == 10, "fold sum");
    static_assert(product(2, 3, 7) == 42, "fold product");
    static_assert(all_positive(1, 2, 3) && !all_positive(1, -2, 3), "fold and");
    static_assert(count_if_even(1, 2, 4, 7, 8) == 3, "count");
    static_assert(left_minus(100, 1, 2, 3) == 94, "left fold");
    static_assert(right_minus(100L, 1L, 2L, 3L) == 100 - (1 - (2 - 3)), "right fold");
    static_assert(max_of(3, 9, 2, 7) == 9, "recursive max");
    static_assert(TypeCount<int, double, char, float, long>::ints == 3, "type count");
    static_assert(sizes<char, short, int, long long>()[3] == 8, "pack to array");

    CHECK(concat(1, 22, 333) == "1,22,333,");
    CHECK(sum(1.5, 2.5) == 4.0);
    auto t = std::make_tuple(1, 2L, 3u, 4.0);
    auto diff = apply_reversed([](double a, unsigned b, long c, int d) { return a * 1000 + b * 100 + c * 10 + d; }, t);
    CHECK(diff == 4321.0);
    CHECK(std::apply([](auto... xs) { return sum(xs...); }, std::make_tuple(5, 6, 7)) == 18);
    auto wt = std::make_tuple(10, 20, 30, 40);
    CHECK(tuple_weighted(wt, std::make_index_sequence<4>{}) == 10 + 40 + 90 + 160);

    Counter c;
    Tracked a(&c), b(&c);
    auto v = make_all(a, std::move(b), Tracked(&c));
    CHECK(v.size() == 3u && c.copies == 1 && c.moves == 2);

    // runtime folds over generated packs via index_sequence
    long acc = 0;
    for (int i = 0; i < 1000; i++) {
        acc += sum(i, i * 2, i * 3) + left_minus(i, 1, 2) + max_of(i % 7, i % 11, i % 13);
    }
    CHECK(acc == 6L * 499500 + (499500 - 3000) + [] { long s = 0; for (int i = 0; i < 1000; i++) s += max_of(i % 7, i % 11, i % 13); return s; }());
    std::printf("acc=%ld concat=%s diff=%.0f\n", acc, concat(7, 8, 9).c_str(), diff);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
