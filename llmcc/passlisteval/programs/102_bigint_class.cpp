// Exercises: an arbitrary-precision signed integer class (vector<uint32_t> limbs) with operator overloading, long division and string I/O.
#include <cstdio>
#include <cstdint>
#include <vector>
#include <string>
#include <algorithm>
#include <stdexcept>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

class BigInt {
    bool neg_ = false;
    std::vector<uint32_t> mag_; // base 1e9, little-endian
    static constexpr uint32_t B = 1000000000u;
    void trim() { while (!mag_.empty() && mag_.back() == 0) mag_.pop_back(); if (mag_.empty()) neg_ = false; }
    static int cmp_mag(const std::vector<uint32_t> &a, const std::vector<uint32_t> &b)
    {
        if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
        for (std::size_t i = a.size(); i-- > 0;) if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
        return 0;
    }
    static std::vector<uint32_t> add_mag(const std::vector<uint32_t> &a, const std::vector<uint32_t> &b)
    {
        std::vector<uint32_t> r(std::max(a.size(), b.size()) + 1, 0);
        uint32_t c = 0;
        for (std::size_t i = 0; i < r.size(); i++) {
            uint64_t s = static_cast<uint64_t>(c) + (i < a.size() ? a[i] : 0) + (i < b.size() ? b[i] : 0);
            r[i] = static_cast<uint32_t>(s % B); c = static_cast<uint32_t>(s / B);
        }
        return r;
    }
    static std::vector<uint32_t> sub_mag(const std::vector<uint32_t> &a, const std::vector<uint32_t> &b) // |a| >= |b|
    {
        std::vector<uint32_t> r(a.size());
        int64_t borrow = 0;
        for (std::size_t i = 0; i < a.size(); i++) {
            int64_t d = static_cast<int64_t>(a[i]) - borrow - (i < b.size() ? b[i] : 0);
            borrow = d < 0;
            r[i] = static_cast<uint32_t>(d + (borrow ? B : 0));
        }
        return r;
    }
    static std::vector<uint32_t> mul_small(const std::vector<uint32_t> &a, uint32_t d)
    {
        std::vector<uint32_t> r(a.size() + 1, 0);
        uint64_t carry = 0;
        for (std::size_t i = 0; i < a.size(); i++) {
            uint64_t cur = static_cast<uint64_t>(a[i]) * d + carry;
            r[i] = static_cast<uint32_t>(cur % B); carry = cur / B;
        }
        r[a.size()] = static_cast<uint32_t>(carry);
        while (!r.empty() && r.back() == 0) r.pop_back();
        return r;
    }
public:
    BigInt() = default;
    BigInt(long long v)
    {
        neg_ = v < 0;
        unsigned long long u = neg_ ? 0ull - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
        while (u) { mag_.push_back(static_cast<uint32_t>(u % B)); u /= B; }
    }
    explicit BigInt(const std::string &s)
    {
        std::size_t start = 0;
        if (!s.empty() && s[0] == '-') { neg_ = true; start = 1; }
        for (std::size_t end = s.size(); end > start;) {
            std::size_t beg = end >= start + 9 ? end - 9 : start;
            mag_.push_back(static_cast<uint32_t>(std::stoul(s.substr(beg, end - beg))));
            end = beg;
        }
        trim();
    }
    std::string str() const
    {
        if (mag_.empty()) return "0";
        std::string s = std::to_string(mag_.back());
        char buf[16];
        for (std::size_t i = mag_.size() - 1; i-- > 0;) { std::snprintf(buf, sizeof buf, "%09u", mag_[i]); s += buf; }
        return neg_ ? "-" + s : s;
    }
    bool is_zero() const { return mag_.empty(); }
    friend bool operator==(const BigInt &a, const BigInt &b) { return a.neg_ == b.neg_ && a.mag_ == b.mag_; }
    friend bool operator!=(const BigInt &a, const BigInt &b) { return !(a == b); }
    friend bool operator<(const BigInt &a, const BigInt &b)
    {
        if (a.neg_ != b.neg_) return a.neg_;
        int c = cmp_mag(a.mag_, b.mag_);
        return a.neg_ ? c > 0 : c < 0;
    }
    BigInt operator-() const { BigInt r = *this; if (!r.mag_.empty()) r.neg_ = !r.neg_; return r; }
    friend BigInt operator+(const BigInt &a, const BigInt &b)
    {
        BigInt r;
        if (a.neg_ == b.neg_) { r.mag_ = add_mag(a.mag_, b.mag_); r.neg_ = a.neg_; }
        else if (cmp_mag(a.mag_, b.mag_) >= 0) { r.mag_ = sub_mag(a.mag_, b.mag_); r.neg_ = a.neg_; }
        else { r.mag_ = sub_mag(b.mag_, a.mag_); r.neg_ = b.neg_; }
        r.trim();
        return r;
    }
    friend BigInt operator-(const BigInt &a, const BigInt &b) { return a + (-b); }
    friend BigInt operator*(const BigInt &a, const BigInt &b)
    {
        BigInt r;
        if (a.is_zero() || b.is_zero()) return r;
        std::vector<uint64_t> acc(a.mag_.size() + b.mag_.size() + 1, 0);
        for (std::size_t i = 0; i < a.mag_.size(); i++) {
            uint64_t carry = 0;
            for (std::size_t j = 0; j < b.mag_.size(); j++) {
                uint64_t cur = acc[i + j] + static_cast<uint64_t>(a.mag_[i]) * b.mag_[j] + carry;
                acc[i + j] = cur % B; carry = cur / B;
            }
            for (std::size_t k = i + b.mag_.size(); carry; k++) { uint64_t cur = acc[k] + carry; acc[k] = cur % B; carry = cur / B; }
        }
        r.mag_.assign(acc.begin(), acc.end());
        r.neg_ = a.neg_ != b.neg_;
        r.trim();
        return r;
    }
    // truncating division like C++ integers
    static void divmod(const BigInt &a, const BigInt &b, BigInt &q, BigInt &rem)
    {
        if (b.is_zero()) throw std::domain_error("division by zero");
        BigInt babs = b; babs.neg_ = false;
        BigInt cur;
        q = BigInt();
        q.mag_.assign(a.mag_.size(), 0);
        for (std::size_t i = a.mag_.size(); i-- > 0;) {
            cur.mag_.insert(cur.mag_.begin(), a.mag_[i]);
            cur.trim();
            // bracket the quotient digit using the leading limbs, then binary search inside the bracket
            uint32_t lo = 0, hi = 0;
            std::size_t n = babs.mag_.size(), m = cur.mag_.size();
            if (m >= n && cmp_mag(cur.mag_, babs.mag_) >= 0) {
                uint64_t top = cur.mag_[m - 1];
                if (m > n) top = top * B + cur.mag_[m - 2];
                uint64_t dlead = babs.mag_[n - 1];
                uint64_t qhi = top / dlead, qlo = top / (dlead + 1);
                hi = static_cast<uint32_t>(qhi > B - 1 ? B - 1 : qhi);
                lo = static_cast<uint32_t>(qlo > B - 1 ? B - 1 : qlo);
            }
            while (lo < hi) {
                uint32_t mid = lo + (hi - lo + 1) / 2;
                if (cmp_mag(mul_small(babs.mag_, mid), cur.mag_) <= 0) lo = mid; else hi = mid - 1;
            }
            q.mag_[i] = lo;
            BigInt sub;
            sub.mag_ = mul_small(babs.mag_, lo);
            sub.trim();
            cur = cur - sub;
        }
        q.neg_ = a.neg_ != b.neg_;
        q.trim();
        rem = cur;
        rem.neg_ = a.neg_ && !rem.mag_.empty();
    }
    friend BigInt operator/(const BigInt &a, const BigInt &b) { BigInt q, r; divmod(a, b, q, r); return q; }
    friend BigInt operator%(const BigInt &a, const BigInt &b) { BigInt q, r; divmod(a, b, q, r); return r; }
};

static BigInt pow_big(BigInt b, unsigned e) { BigInt r(1); while (e) { if (e & 1) r = r * b; b = b * b; e >>= 1; } return r; }

int main()
{
    BigInt f(1);
    for (int i = 2; i <= 60; i++) f = f * BigInt(i);
    CHECK(f.str() == "8320987112741390144276341183223364380754172606361245952449277696409600000000000000");
    BigInt two100 = pow_big(BigInt(2), 100);
    CHECK(two100.str() == "1267650600228229401496703205376");
    CHECK((two100 - BigInt(1)) % BigInt(3) == BigInt(0)); // 2^100 - 1 divisible by 3
    CHECK(BigInt("-123456789012345678901234567890") + BigInt("123456789012345678901234567890") == BigInt(0));
    CHECK(BigInt(-7) / BigInt(2) == BigInt(-3) && BigInt(-7) % BigInt(2) == BigInt(-1) && BigInt(7) % BigInt(-2) == BigInt(1));
    CHECK(BigInt(-5) < BigInt(3) && BigInt(-5) < BigInt(-3) && !(BigInt(4) < BigInt(4)));

    uint64_t x = 0x9E3779B97F4A7C15ull;
    int bad = 0;
    for (int t = 0; t < 150; t++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        long long a = static_cast<long long>(x >> 2) * ((t & 1) ? -1 : 1);
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        long long b = static_cast<long long>((x >> 34) + 1) * ((t & 2) ? -1 : 1);
        BigInt A(a), Bb(b);
        if ((A / Bb).str() != std::to_string(a / b) || (A % Bb).str() != std::to_string(a % b)) bad++;
        if ((A + Bb).str() != std::to_string(a + b) || (A - Bb).str() != std::to_string(a - b)) bad++;
        BigInt p = A * Bb * A;
        if (p / A / A != Bb || !(p % A).is_zero()) bad++;
    }
    CHECK(bad == 0);
    bool threw = false;
    try { (void)(f / BigInt(0)); } catch (const std::domain_error &) { threw = true; }
    CHECK(threw);
    BigInt q = f / two100;
    BigInt r = f % two100;
    CHECK(q * two100 + r == f && r < two100);
    std::printf("60!/2^100=%s rem=%s\n", q.str().c_str(), r.str().c_str());
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
