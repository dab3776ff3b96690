// Exercises: std::pmr polymorphic allocators: monotonic_buffer_resource over a stack buffer, a counting upstream resource, pmr containers.
#include <cstdio>
#include <memory_resource>
#include <vector>
#include <string>
#include <map>
#include <list>
#include <cstddef>
#include <cstdint>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

class CountingResource : public std::pmr::memory_resource {
    std::pmr::memory_resource *up_;
public:
    long allocs = 0, deallocs = 0, bytes_live = 0, peak = 0;
    explicit CountingResource(std::pmr::memory_resource *up) : up_(up) {}
private:
    void *do_allocate(std::size_t n, std::size_t a) override
    {
        allocs++;
        bytes_live += static_cast<long>(n);
        if (bytes_live > peak) peak = bytes_live;
        return up_->allocate(n, a);
    }
    void do_deallocate(void *p, std::size_t n, std::size_t a) override { deallocs++; bytes_live -= static_cast<long>(n); up_->deallocate(p, n, a); }
    bool do_is_equal(const std::pmr::memory_resource &o) const noexcept override { return this == &o; }
};

int main()
{
    CountingResource counter(std::pmr::new_delete_resource());
    {
        std::pmr::vector<int> v(&counter);
        for (int i = 0; i < 1000; i++) v.push_back(i * i);
        long sum = 0;
        for (int x : v) sum += x;
        CHECK(sum == 332833500L);
        CHECK(counter.allocs > 5 && counter.bytes_live >= static_cast<long>(1000 * sizeof(int)));
        std::pmr::map<int, std::pmr::string> m(&counter);
        for (int i = 0; i < 200; i++) m.emplace(i, std::pmr::string(40, static_cast<char>('a' + i % 26)));
        CHECK(m.size() == 200u && m[25].front() == 'z' && m[25].get_allocator().resource() == &counter);
    }
    CHECK(counter.bytes_live == 0 && counter.allocs == counter.deallocs);

    // monotonic arena over a local buffer; upstream only touched when the buffer is exhausted
    alignas(std::max_align_t) static unsigned char buffer[64 * 1024];
    CountingResource upstream(std::pmr::new_delete_resource());
    long first_allocs;
    {
        std::pmr::monotonic_buffer_resource arena(buffer, sizeof buffer, &upstream);
        std::pmr::list<long> lst(&arena);
        for (long i = 0; i < 1000; i++) lst.push_back(i);
        first_allocs = upstream.allocs;
        CHECK(first_allocs == 0);
        long acc = 0;
        for (long x : lst) acc += x;
        CHECK(acc == 499500);
        std::pmr::vector<std::pmr::string> strs(&arena);
        for (int i = 0; i < 3000; i++) strs.emplace_back("value-" + std::to_string(i) + "-with-some-padding-to-avoid-sso");
        CHECK(upstream.allocs > 0); // spilled beyond the 64 KiB buffer
        CHECK(strs[2999].substr(0, 10) == "value-2999" && strs[0].get_allocator().resource() == &arena);
        // deallocation is a no-op for monotonic resources: memory is only released on destruction
        long before = upstream.deallocs;
        strs.clear();
        strs.shrink_to_fit();
        CHECK(upstream.deallocs == before);
    }
    CHECK(upstream.bytes_live == 0 && upstream.allocs == upstream.deallocs);

    // unsynchronized pool resource reuses blocks
    CountingResource pool_up(std::pmr::new_delete_resource());
    {
        std::pmr::unsynchronized_pool_resource pool(&pool_up);
        for (int round = 0; round < 20; round++) {
            std::pmr::vector<std::pmr::vector<int>> vv(&pool);
            for (int i = 0; i < 50; i++) { vv.emplace_back(); for (int k = 0; k <= i; k++) vv.back().push_back(k); }
            long t = 0;
            for (auto &v : vv) t += static_cast<long>(v.size());
            CHECK(t == 1275);
        }
        CHECK(pool_up.allocs < 200); // far fewer upstream allocations than element allocations
    }
    CHECK(pool_up.bytes_live == 0);
    std::printf("counter allocs=%ld peak=%ld upstream allocs=%ld pool allocs=%ld\n", counter.allocs, counter.peak, upstream.allocs, pool_up.allocs);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
