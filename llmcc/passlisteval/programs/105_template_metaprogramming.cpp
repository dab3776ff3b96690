// Exercises: class-template recursion (factorial, fibonacci, gcd), type lists with indexing/reversal, integer_sequence generation, tag types.
#include <cstdio>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <array>
#include <tuple>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

template <unsigned N> struct Fact : std::integral_constant<uint64_t, N * Fact<N - 1>::value> {};
template <> struct Fact<0> : std::integral_constant<uint64_t, 1> {};

template <unsigned N> struct Fib : std::integral_constant<uint64_t, Fib<N - 1>::value + Fib<N - 2>::value> {};
template <> struct Fib<0> : std::integral_constant<uint64_t, 0> {};
template <> struct Fib<1> : std::integral_constant<uint64_t, 1> {};

template <unsigned A, unsigned B> struct Gcd : Gcd<B, A % B> {};
template <unsigned A> struct Gcd<A, 0> : std::integral_constant<unsigned, A> {};

template <uint64_t N, uint64_t D = 2, bool Done = (D * D > N)> struct IsPrime
    : std::integral_constant<bool, (N % D != 0) && IsPrime<N, D + 1>::value> {};
template <uint64_t N, uint64_t D> struct IsPrime<N, D, true> : std::integral_constant<bool, (N >= 2)> {};

// type lists
template <class... Ts> struct TypeList {};
template <class L> struct Length;
template <class... Ts> struct Length<TypeList<Ts...>> : std::integral_constant<std::size_t, sizeof...(Ts)> {};
template <std::size_t I, class L> struct At;
template <class T, class... Ts> struct At<0, TypeList<T, Ts...>> { using type = T; };
template <std::size_t I, class T, class... Ts> struct At<I, TypeList<T, Ts...>> : At<I - 1, TypeList<Ts...>> {};
template <class L, class Acc = TypeList<>> struct Reverse;
template <class... Acc> struct Reverse<TypeList<>, TypeList<Acc...>> { using type = TypeList<Acc...>; };
template <class T, class... Ts, class... Acc> struct Reverse<TypeList<T, Ts...>, TypeList<Acc...>> : Reverse<TypeList<Ts...>, TypeList<T, Acc...>> {};
template <template <class> class Pred, class L> struct CountIf;
template <template <class> class Pred, class... Ts> struct CountIf<Pred, TypeList<Ts...>>
    : std::integral_constant<std::size_t, (static_cast<std::size_t>(Pred<Ts>::value) + ... + 0)> {};
template <class L> struct SumSizes;
template <class... Ts> struct SumSizes<TypeList<Ts...>> : std::integral_constant<std::size_t, (sizeof(Ts) + ... + 0)> {};

// compile-time table of squares via index_sequence
template <std::size_t... I> constexpr std::array<uint32_t, sizeof...(I)> squares(std::index_sequence<I...>) { return {{static_cast<uint32_t>(I * I)...}}; }
constexpr auto SQ = squares(std::make_index_sequence<64>{});

// select an implementation by tag type
struct FastTag {}; struct SlowTag {};
template <class Tag> struct Summer;
template <> struct Summer<FastTag> { static uint64_t sum(uint64_t n) { return n * (n + 1) / 2; } };
template <> struct Summer<SlowTag> { static uint64_t sum(uint64_t n) { uint64_t s = 0; for (uint64_t i = 1; i <= n; i++) s += i; return s; } };

// power via template recursion at runtime base
template <unsigned E> struct Pow { static uint64_t of(uint64_t b) { return (E % 2 ? b : 1) * Pow<E / 2>::of(b * b); } };
template <> struct Pow<0> { static uint64_t of(uint64_t) { return 1; } };

using L = TypeList<char, short, int, long long, double, float, unsigned char>;

int main()
{
    static_assert(Fact<20>::value == 2432902008176640000ull, "fact");
    static_assert(Fib<80>::value == 23416728348467685ull, "fib");
    static_assert(Gcd<1071, 462>::value == 21, "gcd");
    static_assert(IsPrime<97>::value && !IsPrime<91>::value && IsPrime<7919>::value && !IsPrime<1>::value, "prime");
    static_assert(Length<L>::value == 7, "length");
    static_assert(std::is_same_v<At<3, L>::type, long long>, "at");
    static_assert(std::is_same_v<At<0, Reverse<L>::type>::type, unsigned char>, "reverse");
    static_assert(CountIf<std::is_integral, L>::value == 5, "count integral");
    static_assert(CountIf<std::is_floating_point, L>::value == 2, "count float");
    static_assert(SumSizes<L>::value == 1 + 2 + 4 + 8 + 8 + 4 + 1, "sizes");
    static_assert(SQ[63] == 3969, "squares");

    int bad = 0;
    for (uint64_t n = 0; n < 3000; n += 7) if (Summer<FastTag>::sum(n) != Summer<SlowTag>::sum(n)) bad++;
    CHECK(bad == 0);
    volatile uint64_t base = 3;
    CHECK(Pow<40>::of(base) == 12157665459056928801ull && Pow<0>::of(base) == 1 && Pow<13>::of(base) == 1594323);
    uint64_t acc = 0;
    for (std::size_t i = 0; i < SQ.size(); i++) acc += SQ[i];
    CHECK(acc == 63ull * 64 * 127 / 6);
    // runtime fibonacci matches the template table
    uint64_t a = 0, b = 1;
    for (int i = 0; i < 80; i++) { uint64_t t = a + b; a = b; b = t; }
    CHECK(a == Fib<80>::value);
    std::printf("fib80=%llu fact20=%llu gcd=%u sq_sum=%llu\n", static_cast<unsigned long long>(Fib<80>::value),
                static_cast<unsigned long long>(Fact<20>::value), Gcd<1071, 462>::value, static_cast<unsigned long long>(acc));
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
