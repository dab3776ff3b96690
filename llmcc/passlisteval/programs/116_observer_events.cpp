// Exercises: observer pattern with std::function subscribers, RAII subscription tokens, weak_ptr observers, re-entrant publish and ordering.
#include <cstdio>
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

struct Event { std::string topic; long value; };

class Bus {
    struct Sub { int prio; std::function<void(const Event &)> fn; };
    std::map<std::string, std::map<int, Sub>> subs_; // topic -> id -> subscriber
    int next_id_ = 0;
    int depth_ = 0;
public:
    int max_depth = 0;
    long delivered = 0;
    class Token {
        Bus *bus_; std::string topic_; int id_;
    public:
        Token() : bus_(nullptr), id_(-1) {}
        Token(Bus *b, std::string t, int i) : bus_(b), topic_(std::move(t)), id_(i) {}
        Token(Token &&o) noexcept : bus_(o.bus_), topic_(std::move(o.topic_)), id_(o.id_) { o.bus_ = nullptr; }
        Token &operator=(Token &&o) noexcept { reset(); bus_ = o.bus_; topic_ = std::move(o.topic_); id_ = o.id_; o.bus_ = nullptr; return *this; }
        Token(const Token &) = delete;
        Token &operator=(const Token &) = delete;
        ~Token() { reset(); }
        void reset() { if (bus_) { bus_->unsubscribe(topic_, id_); bus_ = nullptr; } }
    };
    Token subscribe(const std::string &topic, int prio, std::function<void(const Event &)> fn)
    {
        int id = next_id_++;
        subs_[topic][id] = Sub{prio, std::move(fn)};
        return Token(this, topic, id);
    }
    void unsubscribe(const std::string &topic, int id) { auto it = subs_.find(topic); if (it != subs_.end()) it->second.erase(id); }
    std::size_t count(const std::string &topic) const { auto it = subs_.find(topic); return it == subs_.end() ? 0 : it->second.size(); }
    void publish(const Event &e)
    {
        ++depth_;
        if (depth_ > max_depth) max_depth = depth_;
        auto it = subs_.find(e.topic);
        if (it != subs_.end()) {
            // snapshot in priority order (higher first, then subscription order) so handlers may (un)subscribe safely
            std::vector<std::pair<std::pair<int, int>, std::function<void(const Event &)>>> snap;
            for (auto &kv : it->second) snap.push_back({{-kv.second.prio, kv.first}, kv.second.fn});
            std::sort(snap.begin(), snap.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
            for (auto &s : snap) { s.second(e); ++delivered; }
        }
        --depth_;
    }
};

struct Sensor {
    std::string name;
    long total = 0;
    int hits = 0;
    void on(const Event &e) { total += e.value; hits++; }
};

int main()
{
    Bus bus;
    std::string order;
    {
        auto t1 = bus.subscribe("tick", 1, [&](const Event &) { order += "a"; });
        auto t2 = bus.subscribe("tick", 5, [&](const Event &) { order += "b"; });
        auto t3 = bus.subscribe("tick", 1, [&](const Event &) { order += "c"; });
        bus.publish({"tick", 0});
        CHECK(order == "bac");
        t2.reset();
        bus.publish({"tick", 0});
        CHECK(order == "bacac" && bus.count("tick") == 2u);
        Bus::Token moved = std::move(t1);
        bus.publish({"tick", 0});
        CHECK(order == "bacacac");
    }
    CHECK(bus.count("tick") == 0u); // tokens unsubscribed on destruction

    // weak observers: expired sensors are skipped and pruned
    std::vector<std::shared_ptr<Sensor>> sensors;
    std::vector<Bus::Token> tokens;
    for (int i = 0; i < 10; i++) {
        auto s = std::make_shared<Sensor>(Sensor{"s" + std::to_string(i)});
        std::weak_ptr<Sensor> w = s;
        tokens.push_back(bus.subscribe("data", i % 3, [w](const Event &e) { if (auto p = w.lock()) p->on(e); }));
        sensors.push_back(s);
    }
    for (long v = 1; v <= 100; v++) bus.publish({"data", v});
    std::shared_ptr<Sensor> keep = sensors[3];
    sensors.erase(sensors.begin() + 5, sensors.end()); // 5 sensors die; their closures see expired pointers
    for (long v = 1; v <= 10; v++) bus.publish({"data", v});
    CHECK(keep->total == 5050 + 55 && keep->hits == 110);
    CHECK(sensors[0]->hits == 110);

    // re-entrant publishing: a handler republishes with a smaller value until zero
    long chain_sum = 0;
    auto tr = bus.subscribe("chain", 0, [&](const Event &e) {
        chain_sum += e.value;
        if (e.value > 0) bus.publish({"chain", e.value - 1});
    });
    bus.publish({"chain", 50});
    CHECK(chain_sum == 1275 && bus.max_depth == 51);

    // a handler that unsubscribes itself during delivery
    int once_calls = 0;
    Bus::Token once;
    once = bus.subscribe("once", 0, [&](const Event &) { once_calls++; once.reset(); });
    bus.publish({"once", 0});
    bus.publish({"once", 0});
    CHECK(once_calls == 1 && bus.count("once") == 0u);
    std::printf("order=%s delivered=%ld chain=%ld depth=%d\n", order.c_str(), bus.delivered, chain_sum, bus.max_depth);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
