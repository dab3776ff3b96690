// Exercises: std::any (type queries, any_cast, bad_any_cast), std::bitset operations, <numeric> gcd/lcm/iota/accumulate/adjacent_difference.
#include <cstdio>
#include <any>
#include <bitset>
#include <numeric>
#include <algorithm>
#include <typeinfo>
#include <vector>
#include <string>
#include <map>
#include <cstdint>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

static long weigh(const std::any &a)
{
    if (const int *i = std::any_cast<int>(&a)) return *i;
    if (const double *d = std::any_cast<double>(&a)) return static_cast<long>(*d * 10);
    if (const std::string *s = std::any_cast<std::string>(&a)) return static_cast<long>(s->size()) * 100;
    if (const std::vector<int> *v = std::any_cast<std::vector<int>>(&a)) return std::accumulate(v->begin(), v->end(), 0L) * 1000;
    return -1;
}

int main()
{
    std::vector<std::any> bag;
    bag.emplace_back(42);
    bag.emplace_back(2.5);
    bag.emplace_back(std::string("hello"));
    bag.emplace_back(std::vector<int>{1, 2, 3});
    bag.emplace_back('x');
    bag.emplace_back();
    long w = 0;
    for (const auto &a : bag) w += weigh(a);
    CHECK(w == 42 + 25 + 500 + 6000 - 1 - 1);
    CHECK(bag[0].type() == typeid(int) && !bag[5].has_value());
    bool threw = false;
    try { (void)std::any_cast<double>(bag[0]); } catch (const std::bad_any_cast &) { threw = true; }
    CHECK(threw);
    std::any copy = bag[2];
    std::any_cast<std::string &>(copy) += " world";
    CHECK(std::any_cast<std::string>(copy) == "hello world" && std::any_cast<std::string>(bag[2]) == "hello");
    bag[0] = std::string("replaced");
    CHECK(bag[0].type() == typeid(std::string));

    std::map<std::string, std::any> props{{"width", 640}, {"height", 480}, {"title", std::string("win")}, {"scale", 1.5}};
    long area = std::any_cast<int>(props["width"]) * std::any_cast<int>(props["height"]);
    CHECK(area == 307200);

    std::bitset<128> a, b;
    for (int i = 0; i < 128; i += 3) a.set(static_cast<std::size_t>(i));
    for (int i = 0; i < 128; i += 5) b.set(static_cast<std::size_t>(i));
    CHECK(a.count() == 43u && b.count() == 26u && (a & b).count() == 9u && (a | b).count() == 60u);
    CHECK((a ^ b).count() == 51u && (~a).count() == 85u);
    std::bitset<128> sh = a << 1;
    CHECK(!sh.test(0) && sh.test(1) && sh.test(4));
    std::bitset<16> small(0xBEEFu);
    CHECK(small.to_ulong() == 0xBEEFu && small.to_string() == "1011111011101111" && small.count() == 13u);
    small.flip(0).reset(1).set(15, false);
    CHECK(small.to_ulong() == 0x3EECu);
    // sieve using a bitset
    std::bitset<5000> comp;
    for (std::size_t i = 2; i * i < 5000; i++) if (!comp[i]) for (std::size_t j = i * i; j < 5000; j += i) comp.set(j);
    std::size_t primes = 5000 - 2 - comp.count();
    CHECK(primes == 669);

    std::vector<long> v(20);
    std::iota(v.begin(), v.end(), 1);
    CHECK(std::accumulate(v.begin(), v.end(), 1L, [](long x, long y) { return std::lcm(x, y); }) == 232792560L);
    long g = 0;
    for (long x : {1071L, 462L, 2646L}) g = std::gcd(g, x);
    CHECK(g == 21 && std::gcd(0, 0) == 0 && std::lcm(4, 6) == 12 && std::gcd(-12, 18) == 6);
    std::vector<long> sq(20), diff(20);
    std::transform(v.begin(), v.end(), sq.begin(), [](long x) { return x * x; });
    std::adjacent_difference(sq.begin(), sq.end(), diff.begin());
    bool odd = true;
    for (std::size_t i = 1; i < diff.size(); i++) if (diff[i] != 2 * static_cast<long>(i) + 1) odd = false;
    CHECK(odd);
    std::vector<long> ps(20);
    std::partial_sum(v.begin(), v.end(), ps.begin(), [](long x, long y) { return x * 2 + y; });
    CHECK(ps[2] == (1 * 2 + 2) * 2 + 3);
    uint32_t s = 5;
    long acc = 0;
    for (int i = 0; i < 5000; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; acc += std::gcd(static_cast<long>(s % 100000), 360360L); }
    std::printf("w=%ld primes=%zu acc=%ld bits=%s\n", w, primes, acc, small.to_string().c_str());
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
