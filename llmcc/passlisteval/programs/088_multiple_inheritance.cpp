// Exercises: multiple and virtual (diamond) inheritance, this-pointer adjustment, dynamic_cast down/cross casts, virtual calls via each base.
#include <cstdio>
#include <string>
#include <vector>
#include <memory>
#include <utility>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

static std::string g_ctor;

struct Named {
    std::string name;
    explicit Named(std::string n) : name(std::move(n)) { g_ctor += "N"; }
    virtual ~Named() = default;
    virtual std::string describe() const { return "named:" + name; }
};

struct Serializable {
    virtual ~Serializable() = default;
    virtual std::string serialize() const = 0;
    int serial_calls = 0;
};

struct Comparable {
    virtual ~Comparable() = default;
    virtual long key() const = 0;
    bool less(const Comparable &o) const { return key() < o.key(); }
};

struct Record : Named, Serializable, Comparable {
    long id;
    Record(std::string n, long i) : Named(std::move(n)), id(i) { g_ctor += "R"; }
    std::string serialize() const override { return "{" + name + ":" + std::to_string(id) + "}"; }
    long key() const override { return id; }
    std::string describe() const override { return "record:" + name; }
};

// diamond with a virtual base
struct Device {
    int power = 0;
    explicit Device(int p) : power(p) { g_ctor += "D"; }
    virtual ~Device() = default;
    virtual int draw() const { return power; }
};
struct Scanner : virtual Device {
    Scanner() : Device(-1) { g_ctor += "S"; } // virtual base init ignored when most-derived initializes it
    int draw() const override { return power + 5; }
    virtual int scan() const { return power * 2; }
};
struct Printer : virtual Device {
    Printer() : Device(-2) { g_ctor += "P"; }
    virtual int print() const { return power * 3; }
};
struct Copier final : Scanner, Printer {
    explicit Copier(int p) : Device(p) { g_ctor += "C"; }
    int draw() const override { return Scanner::draw() + 1; }
    int copy() const { return scan() + print(); }
};

static long sum_keys(const std::vector<const Comparable *> &v) { long s = 0; for (auto *c : v) s += c->key(); return s; }

int main()
{
    g_ctor.clear();
    std::vector<std::unique_ptr<Record>> recs;
    for (int i = 0; i < 50; i++) recs.push_back(std::make_unique<Record>("r" + std::to_string(i), (i * 37) % 101));
    CHECK(g_ctor.size() == 100u && g_ctor.substr(0, 4) == "NRNR");

    std::vector<const Comparable *> cmp;
    std::vector<const Serializable *> ser;
    std::vector<const Named *> named;
    for (auto &r : recs) { cmp.push_back(r.get()); ser.push_back(r.get()); named.push_back(r.get()); }
    long expect = 0;
    for (int i = 0; i < 50; i++) expect += (i * 37) % 101;
    CHECK(sum_keys(cmp) == expect);

    int bad = 0;
    for (size_t i = 0; i < recs.size(); i++) {
        const Record *r = recs[i].get();
        // casting to each base and back yields the same complete object
        if (static_cast<const Record *>(ser[i]) != r || static_cast<const Record *>(cmp[i]) != r) bad++;
        // cross-cast from one base to another through dynamic_cast
        const Comparable *c = dynamic_cast<const Comparable *>(ser[i]);
        if (c != cmp[i]) bad++;
        if (dynamic_cast<const Record *>(named[i]) != r) bad++;
        if (ser[i]->serialize() != "{r" + std::to_string(i) + ":" + std::to_string(r->id) + "}") bad++;
        if (named[i]->describe() != "record:r" + std::to_string(i)) bad++;
        // the base subobjects occupy distinct addresses inside the record
        const void *a = static_cast<const Named *>(r), *b = static_cast<const Serializable *>(r), *cc = static_cast<const Comparable *>(r);
        if (a == b || b == cc || a == cc) bad++;
    }
    CHECK(bad == 0);
    int lesser = 0;
    for (size_t i = 1; i < cmp.size(); i++) lesser += cmp[i - 1]->less(*cmp[i]);

    g_ctor.clear();
    Copier cp(10);
    CHECK(g_ctor == "DSPC"); // virtual base constructed once, first
    CHECK(cp.power == 10);
    Scanner &s = cp;
    Printer &p = cp;
    Device &d = cp;
    CHECK(&static_cast<Device &>(s) == &static_cast<Device &>(p)); // one shared Device subobject
    CHECK(d.draw() == 16 && s.draw() == 16 && s.scan() == 20 && p.print() == 30 && cp.copy() == 50);
    CHECK(dynamic_cast<Copier *>(&d) == &cp);
    CHECK(dynamic_cast<Printer *>(&s) == &p); // sideways cast
    Named plain("x");
    CHECK(dynamic_cast<Record *>(&plain) == nullptr);
    Device lone(4);
    CHECK(dynamic_cast<Scanner *>(&lone) == nullptr && lone.draw() == 4);
    std::printf("keys=%ld lesser=%d copy=%d ser0=%s\n", expect, lesser, cp.copy(), ser[0]->serialize().c_str());
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
