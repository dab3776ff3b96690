// Exercises: enum class state machines (TCP-like connection and a vending machine) driven by transition tables in std::map and switch.
#include <cstdio>
#include <map>
#include <vector>
#include <string>
#include <utility>
#include <cstdint>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

enum class St : uint8_t { Closed, Listen, SynRcvd, SynSent, Established, FinWait1, FinWait2, CloseWait, LastAck, TimeWait };
enum class Ev : uint8_t { PassiveOpen, ActiveOpen, RcvSyn, RcvSynAck, RcvAck, Close, RcvFin, Timeout };

static const char *name(St s)
{
    switch (s) {
    case St::Closed: return "CLOSED"; case St::Listen: return "LISTEN"; case St::SynRcvd: return "SYN_RCVD";
    case St::SynSent: return "SYN_SENT"; case St::Established: return "ESTABLISHED"; case St::FinWait1: return "FIN_WAIT_1";
    case St::FinWait2: return "FIN_WAIT_2"; case St::CloseWait: return "CLOSE_WAIT"; case St::LastAck: return "LAST_ACK";
    case St::TimeWait: return "TIME_WAIT";
    }
    return "?";
}

static const std::map<std::pair<St, Ev>, St> &table()
{
    static const std::map<std::pair<St, Ev>, St> t{
        {{St::Closed, Ev::PassiveOpen}, St::Listen},   {{St::Closed, Ev::ActiveOpen}, St::SynSent},
        {{St::Listen, Ev::RcvSyn}, St::SynRcvd},       {{St::Listen, Ev::Close}, St::Closed},
        {{St::SynRcvd, Ev::RcvAck}, St::Established},  {{St::SynSent, Ev::RcvSynAck}, St::Established},
        {{St::SynSent, Ev::Close}, St::Closed},        {{St::Established, Ev::Close}, St::FinWait1},
        {{St::Established, Ev::RcvFin}, St::CloseWait}, {{St::FinWait1, Ev::RcvAck}, St::FinWait2},
        {{St::FinWait2, Ev::RcvFin}, St::TimeWait},    {{St::CloseWait, Ev::Close}, St::LastAck},
        {{St::LastAck, Ev::RcvAck}, St::Closed},       {{St::TimeWait, Ev::Timeout}, St::Closed},
    };
    return t;
}

// the same machine written as nested switches; must agree with the table everywhere
static bool step_switch(St s, Ev e, St &out)
{
    switch (s) {
    case St::Closed:
        if (e == Ev::PassiveOpen) { out = St::Listen; return true; }
        if (e == Ev::ActiveOpen) { out = St::SynSent; return true; }
        return false;
    case St::Listen:
        switch (e) { case Ev::RcvSyn: out = St::SynRcvd; return true; case Ev::Close: out = St::Closed; return true; default: return false; }
    case St::SynRcvd: if (e == Ev::RcvAck) { out = St::Established; return true; } return false;
    case St::SynSent:
        if (e == Ev::RcvSynAck) { out = St::Established; return true; }
        if (e == Ev::Close) { out = St::Closed; return true; }
        return false;
    case St::Established:
        if (e == Ev::Close) { out = St::FinWait1; return true; }
        if (e == Ev::RcvFin) { out = St::CloseWait; return true; }
        return false;
    case St::FinWait1: if (e == Ev::RcvAck) { out = St::FinWait2; return true; } return false;
    case St::FinWait2: if (e == Ev::RcvFin) { out = St::TimeWait; return true; } return false;
    case St::CloseWait: if (e == Ev::Close) { out = St::LastAck; return true; } return false;
    case St::LastAck: if (e == Ev::RcvAck) { out = St::Closed; return true; } return false;
    case St::TimeWait: if (e == Ev::Timeout) { out = St::Closed; return true; } return false;
    }
    return false;
}

enum class Coin { Nickel = 5, Dime = 10, Quarter = 25 };
class Vending {
public:
    enum class Mode { Idle, Collecting, Dispensing, OutOfStock };
private:
    Mode mode_ = Mode::Idle;
    int credit_ = 0, stock_;
    int price_;
    std::vector<int> change_log_;
public:
    Vending(int stock, int price) : stock_(stock), price_(price) { if (!stock) mode_ = Mode::OutOfStock; }
    Mode mode() const { return mode_; }
    int stock() const { return stock_; }
    const std::vector<int> &change_log() const { return change_log_; }
    bool insert(Coin c)
    {
        if (mode_ == Mode::OutOfStock) return false;
        credit_ += static_cast<int>(c);
        mode_ = credit_ >= price_ ? Mode::Dispensing : Mode::Collecting;
        if (mode_ == Mode::Dispensing) {
            change_log_.push_back(credit_ - price_);
            credit_ = 0;
            mode_ = --stock_ == 0 ? Mode::OutOfStock : Mode::Idle;
        }
        return true;
    }
    int refund() { int r = credit_; credit_ = 0; if (mode_ == Mode::Collecting) mode_ = Mode::Idle; return r; }
};

int main()
{
    const St all_states[] = {St::Closed, St::Listen, St::SynRcvd, St::SynSent, St::Established, St::FinWait1, St::FinWait2, St::CloseWait, St::LastAck, St::TimeWait};
    const Ev all_events[] = {Ev::PassiveOpen, Ev::ActiveOpen, Ev::RcvSyn, Ev::RcvSynAck, Ev::RcvAck, Ev::Close, Ev::RcvFin, Ev::Timeout};
    int agree = 0, valid = 0;
    for (St s : all_states)
        for (Ev e : all_events) {
            St out = St::Closed;
            bool ok = step_switch(s, e, out);
            auto it = table().find({s, e});
            if (ok == (it != table().end()) && (!ok || it->second == out)) agree++;
            valid += ok;
        }
    CHECK(agree == 80 && valid == 14);

    // random event streams: both implementations track the same state
    uint32_t x = 3;
    int established = 0, rejected = 0;
    St a = St::Closed, b = St::Closed;
    std::map<St, int> visits;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        Ev e = all_events[x % 8];
        St nb;
        auto it = table().find({a, e});
        if (it != table().end()) a = it->second; else rejected++;
        if (step_switch(b, e, nb)) b = nb;
        if (a != b) break;
        visits[a]++;
        established += a == St::Established;
    }
    CHECK(a == b && visits.size() == 10u);
    // a full active close sequence
    St s = St::Closed;
    std::string trace;
    for (Ev e : {Ev::ActiveOpen, Ev::RcvSynAck, Ev::Close, Ev::RcvAck, Ev::RcvFin, Ev::Timeout}) { step_switch(s, e, s); trace += name(s); trace += ' '; }
    CHECK(trace == "SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT CLOSED ");

    Vending vm(3, 35);
    CHECK(vm.insert(Coin::Quarter) && vm.mode() == Vending::Mode::Collecting);
    CHECK(vm.insert(Coin::Dime) && vm.mode() == Vending::Mode::Idle && vm.stock() == 2);
    vm.insert(Coin::Quarter); vm.insert(Coin::Quarter);
    CHECK(vm.change_log().back() == 15);
    vm.insert(Coin::Nickel);
    CHECK(vm.refund() == 5 && vm.mode() == Vending::Mode::Idle);
    vm.insert(Coin::Quarter); vm.insert(Coin::Dime); vm.insert(Coin::Nickel);
    CHECK(vm.mode() == Vending::Mode::OutOfStock && !vm.insert(Coin::Dime) && vm.stock() == 0);
    std::printf("established=%d rejected=%d trace=%s\n", established, rejected, trace.c_str());
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
