// Exercises: constexpr functions and constexpr-built lookup tables (CRC, primes, popcount, factorials) compared with runtime computation.
#include <cstdio>
#include <cstdint>
#include <array>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

constexpr std::array<uint32_t, 256> make_crc_table()
{
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        t[i] = c;
    }
    return t;
}
constexpr auto CRC_TABLE = make_crc_table();

constexpr uint32_t crc32(const char *s, std::size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < n; i++) c = (c >> 8) ^ CRC_TABLE[(c ^ static_cast<unsigned char>(s[i])) & 0xFF];
    return ~c;
}

template <std::size_t N> constexpr std::array<bool, N> make_sieve()
{
    std::array<bool, N> p{};
    for (std::size_t i = 2; i < N; i++) p[i] = true;
    for (std::size_t i = 2; i * i < N; i++)
        if (p[i]) for (std::size_t j = i * i; j < N; j += i) p[j] = false;
    return p;
}
constexpr auto SIEVE = make_sieve<2000>();

constexpr int count_primes(std::size_t limit)
{
    int c = 0;
    for (std::size_t i = 0; i < limit; i++) c += SIEVE[i];
    return c;
}

constexpr std::array<uint8_t, 256> make_popcount()
{
    std::array<uint8_t, 256> t{};
    for (int i = 1; i < 256; i++) t[static_cast<std::size_t>(i)] = static_cast<uint8_t>(t[static_cast<std::size_t>(i / 2)] + (i & 1));
    return t;
}
constexpr auto POP = make_popcount();

constexpr uint64_t factorial(unsigned n) { return n <= 1 ? 1 : n * factorial(n - 1); }
constexpr uint64_t fib(unsigned n) { uint64_t a = 0, b = 1; for (unsigned i = 0; i < n; i++) { uint64_t t = a + b; a = b; b = t; } return a; }
constexpr uint64_t ipow(uint64_t b, unsigned e) { uint64_t r = 1; while (e) { if (e & 1) r *= b; b *= b; e >>= 1; } return r; }
constexpr unsigned isqrt(uint64_t v) { uint64_t r = 0; while ((r + 1) * (r + 1) <= v) r++; return static_cast<unsigned>(r); }
constexpr int digits_sum(uint64_t v) { int s = 0; while (v) { s += static_cast<int>(v % 10); v /= 10; } return s; }

struct Point { int x, y; constexpr Point operator+(Point o) const { return {x + o.x, y + o.y}; } };
constexpr Point walk(int n) { Point p{0, 0}; for (int i = 0; i < n; i++) p = p + Point{i % 3 - 1, (i % 5 == 0) ? 1 : 0}; return p; }

static_assert(CRC_TABLE[1] == 0x77073096u, "crc table");
static_assert(crc32("123456789", 9) == 0xCBF43926u, "crc check value");
static_assert(count_primes(1000) == 168, "primes below 1000");
static_assert(POP[255] == 8 && POP[0xA5] == 4, "popcount table");
static_assert(factorial(20) == 2432902008176640000ull, "20!");
static_assert(fib(90) == 2880067194370816120ull, "fib 90");
static_assert(ipow(3, 40) == 12157665459056928801ull, "3^40");
static_assert(isqrt(1000000) == 1000 && isqrt(999999) == 999, "isqrt");
static_assert(digits_sum(factorial(15)) == 45, "digit sum");
static_assert(walk(30).y == 6, "walk");

// runtime versions (same algorithms written differently) to compare against the tables
static uint32_t crc_runtime(const unsigned char *p, std::size_t n)
{
    uint32_t c = ~0u;
    while (n--) { c ^= *p++; for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u))); }
    return ~c;
}

int main()
{
    int bad = 0;
    unsigned char buf[300];
    for (int i = 0; i < 300; i++) buf[i] = static_cast<unsigned char>(i * 31 + 7);
    for (std::size_t len = 0; len <= 300; len += 13)
        if (crc32(reinterpret_cast<const char *>(buf), len) != crc_runtime(buf, len)) bad++;
    CHECK(bad == 0);
    for (unsigned i = 0; i < 2000; i++) {
        bool p = i >= 2;
        for (unsigned d = 2; d * d <= i && p; d++) if (i % d == 0) p = false;
        if (p != SIEVE[i]) bad++;
    }
    CHECK(bad == 0);
    for (unsigned v = 0; v < 256; v++) if (POP[v] != __builtin_popcount(v)) bad++;
    CHECK(bad == 0);
    volatile unsigned n = 20; // force runtime evaluation
    CHECK(factorial(n) == factorial(20));
    CHECK(fib(n * 4 + 10) == fib(90));
    Point w = walk(static_cast<int>(n) + 10);
    CHECK(w.x == walk(30).x && w.y == 6);
    constexpr int primes = count_primes(2000);
    std::printf("primes<2000=%d crc=%08X fact20=%llu walk=(%d,%d)\n", primes, static_cast<unsigned>(crc32("llmcc", 5)),
                static_cast<unsigned long long>(factorial(20)), w.x, w.y);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
