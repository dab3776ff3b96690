// Exercises: SFINAE with enable_if/void_t detection idioms, tag dispatch, if constexpr, custom type traits and overload resolution.
#include <cstdio>
#include <type_traits>
#include <string>
#include <vector>
#include <list>
#include <map>
#include <utility>
#include <iterator>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

template <class, class = void> struct has_size : std::false_type {};
template <class T> struct has_size<T, std::void_t<decltype(std::declval<const T &>().size())>> : std::true_type {};

template <class, class = void> struct has_push_back : std::false_type {};
template <class T>
struct has_push_back<T, std::void_t<decltype(std::declval<T &>().push_back(std::declval<typename T::value_type>()))>> : std::true_type {};

template <class, class = void> struct is_mapping : std::false_type {};
template <class T> struct is_mapping<T, std::void_t<typename T::key_type, typename T::mapped_type>> : std::true_type {};

// overloads selected by enable_if
template <class T> std::enable_if_t<std::is_integral<T>::value, std::string> kind(T) { return "int"; }
template <class T> std::enable_if_t<std::is_floating_point<T>::value, std::string> kind(T) { return "float"; }
template <class T> std::enable_if_t<has_size<T>::value, std::string> kind(const T &) { return "sized"; }

// tag dispatch on iterator category
template <class It> long distance_impl(It a, It b, std::random_access_iterator_tag) { return static_cast<long>(b - a) * 1000; }
template <class It> long distance_impl(It a, It b, std::input_iterator_tag) { long n = 0; for (; a != b; ++a) n++; return n; }
template <class It> long tagged_distance(It a, It b) { return distance_impl(a, b, typename std::iterator_traits<It>::iterator_category{}); }

// if constexpr based generic summary
template <class C> long summarize(const C &c)
{
    if constexpr (is_mapping<C>::value) {
        long s = 0;
        for (const auto &kv : c) s += static_cast<long>(kv.first) * 10 + static_cast<long>(kv.second);
        return s;
    } else if constexpr (has_size<C>::value) {
        long s = static_cast<long>(c.size()) * 100000;
        for (const auto &v : c) s += static_cast<long>(v);
        return s;
    } else {
        return static_cast<long>(c);
    }
}

template <class T> struct remove_all_ptr { using type = T; };
template <class T> struct remove_all_ptr<T *> : remove_all_ptr<T> {};
template <class T> struct remove_all_ptr<T *const> : remove_all_ptr<T> {};

template <class T, class U> constexpr bool same_size_v = sizeof(T) == sizeof(U);

template <class T, class = std::enable_if_t<std::is_arithmetic_v<T>>> constexpr T clamp_add(T a, T b, T hi) { return a + b > hi ? hi : a + b; }

// detection of member function with a particular signature
struct Widget { int area() const { return 42; } };
struct Gadget { };
template <class T> auto area_or_default(const T &t, int) -> decltype(t.area()) { return t.area(); }
template <class T> int area_or_default(const T &, long) { return -1; }

int main()
{
    static_assert(has_size<std::vector<int>>::value && has_size<std::string>::value && !has_size<int>::value, "has_size");
    static_assert(has_push_back<std::vector<int>>::value && !has_push_back<std::map<int, int>>::value, "has_push_back");
    static_assert(is_mapping<std::map<int, long>>::value && !is_mapping<std::vector<int>>::value, "is_mapping");
    static_assert(std::is_same_v<remove_all_ptr<int ***>::type, int>, "remove ptrs");
    static_assert(std::is_same_v<remove_all_ptr<const char *const *>::type, const char>, "remove ptrs const");
    static_assert(same_size_v<int, float> && !same_size_v<char, long>, "sizes");
    static_assert(clamp_add(100, 50, 120) == 120, "clamp");

    CHECK(kind(5) == "int" && kind('c') == "int" && kind(2.5) == "float" && kind(std::string("x")) == "sized");
    CHECK(kind(std::vector<int>{1}) == "sized");

    std::vector<int> v{1, 2, 3, 4, 5};
    std::list<int> l{1, 2, 3, 4, 5, 6};
    CHECK(tagged_distance(v.begin(), v.end()) == 5000);
    CHECK(tagged_distance(l.begin(), l.end()) == 6);

    std::map<int, int> m{{1, 2}, {3, 4}};
    CHECK(summarize(m) == 10 + 2 + 30 + 4);
    CHECK(summarize(v) == 500000 + 15);
    CHECK(summarize(7) == 7);
    CHECK(area_or_default(Widget{}, 0) == 42 && area_or_default(Gadget{}, 0) == -1);

    long acc = 0;
    for (int i = 0; i < 2000; i++) {
        std::vector<int> w(static_cast<std::size_t>(i % 17), i);
        acc += summarize(w) % 1000003 + tagged_distance(w.begin(), w.end());
    }
    std::printf("acc=%ld kinds=%s,%s,%s\n", acc, kind(1).c_str(), kind(1.0f).c_str(), kind(v).c_str());
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
