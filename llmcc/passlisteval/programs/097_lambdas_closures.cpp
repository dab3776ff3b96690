// Exercises: lambdas capturing by value/reference/init-capture, mutable closures, generic lambdas, std::function storage and composition.
#include <cstdio>
#include <functional>
#include <vector>
#include <map>
#include <string>
#include <memory>
#include <algorithm>
#include <numeric>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

template <class F, class G> auto compose(F f, G g) { return [=](auto x) { return f(g(x)); }; }

static std::function<long(long)> make_affine(long a, long b) { return [a, b](long x) { return a * x + b; }; }

static std::vector<std::function<int()>> make_counters(int n)
{
    std::vector<std::function<int()>> v;
    for (int i = 0; i < n; i++) v.push_back([i, count = 0]() mutable { return i * 100 + ++count; });
    return v;
}

int main()
{
    int base = 10;
    auto by_val = [base](int x) { return x + base; };
    auto by_ref = [&base](int x) { return x + base; };
    base = 20;
    CHECK(by_val(1) == 11 && by_ref(1) == 21);

    auto gen = [](auto a, auto b) { return a * b; };
    CHECK(gen(3, 4) == 12 && gen(1.5, 2.0) == 3.0 && gen(std::string("ab").size(), 3u) == 6u);

    auto inc = [](long x) { return x + 1; };
    auto dbl = [](long x) { return x * 2; };
    auto f = compose(inc, dbl);
    auto g = compose(dbl, inc);
    CHECK(f(5) == 11 && g(5) == 12);

    // pipeline of std::function
    std::vector<std::function<long(long)>> pipeline{make_affine(2, 3), make_affine(-1, 100), inc, dbl};
    long acc = 0;
    for (long x = 0; x < 1000; x++) {
        long v = x;
        for (auto &fn : pipeline) v = fn(v);
        acc += v;
    }
    // ((100 - (2x+3)) + 1) * 2 = 196 - 4x
    CHECK(acc == 196L * 1000 - 4L * 499500);

    auto counters = make_counters(5);
    int sum = 0;
    for (int round = 0; round < 3; round++) for (auto &c : counters) sum += c();
    CHECK(sum == 3 * (0 + 100 + 200 + 300 + 400) + 5 * (1 + 2 + 3));
    auto copy = counters[2]; // copying the std::function copies the closure state
    CHECK(copy() == 204 && counters[2]() == 204);

    // init-capture with move-only type
    auto owned = std::make_unique<int>(42);
    auto holder = [p = std::move(owned)]() { return *p + 1; };
    CHECK(!owned && holder() == 43);

    // recursion via std::function and via a generic self-parameter
    std::function<long(int)> fact = [&](int n) -> long { return n <= 1 ? 1 : n * fact(n - 1); };
    auto fib = [](auto self, int n) -> long { return n < 2 ? n : self(self, n - 1) + self(self, n - 2); };
    CHECK(fact(15) == 1307674368000L && fib(fib, 20) == 6765);

    // event dispatch table keyed by string
    std::map<std::string, std::function<int(int, int)>> ops{
        {"add", [](int a, int b) { return a + b; }}, {"sub", [](int a, int b) { return a - b; }},
        {"mul", std::multiplies<int>()},            {"max", [](int a, int b) { return std::max(a, b); }},
    };
    int r = 0;
    const char *seq[] = {"add", "mul", "sub", "max", "add"};
    for (int i = 0; i < 500; i++) r = ops[seq[i % 5]](r % 1000, i % 17 + 1);
    CHECK(ops.count("mul") == 1u && ops.size() == 4u);

    // algorithms with stateful lambdas
    std::vector<int> v(200);
    int next = 0;
    std::generate(v.begin(), v.end(), [&next] { return next++ * 7 % 101; });
    int calls = 0;
    std::sort(v.begin(), v.end(), [&calls](int a, int b) { ++calls; return a > b; });
    CHECK(std::is_sorted(v.rbegin(), v.rend()) && calls > 0);
    long evens = std::count_if(v.begin(), v.end(), [](int x) { return x % 2 == 0; });
    int threshold = 50;
    auto above = [threshold](int x) { return x > threshold; };
    long n_above = std::count_if(v.begin(), v.end(), above);
    std::printf("acc=%ld sum=%d r=%d evens=%ld above=%ld fact15=%ld\n", acc, sum, r, evens, n_above, fact(15));
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
