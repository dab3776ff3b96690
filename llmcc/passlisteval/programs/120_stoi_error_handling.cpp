// Exercises: std::stoi/stol/stoull exceptions (invalid_argument, out_of_range), pos reporting, and an error-code based parser for comparison.
#include <cstdio>
#include <string>
#include <stdexcept>
#include <vector>
#include <limits>
#include <cstdint>
#include <system_error>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

enum class ParseErr { Ok, Empty, BadChar, Overflow };

static ParseErr parse_long(const std::string &s, long &out)
{
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) i++;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    if (i == s.size()) return ParseErr::Empty;
    unsigned long limit = neg ? static_cast<unsigned long>(std::numeric_limits<long>::max()) + 1ul : static_cast<unsigned long>(std::numeric_limits<long>::max());
    unsigned long v = 0;
    std::size_t start = i;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; i++) {
        unsigned d = static_cast<unsigned>(s[i] - '0');
        if (v > (limit - d) / 10) return ParseErr::Overflow;
        v = v * 10 + d;
    }
    if (i == start) return ParseErr::BadChar;
    if (i != s.size()) return ParseErr::BadChar; // trailing garbage is an error here (stol would stop instead)
    out = neg ? (v == limit && neg ? std::numeric_limits<long>::min() : -static_cast<long>(v)) : static_cast<long>(v);
    return ParseErr::Ok;
}

enum class Kind { Ok, Invalid, Range };
static Kind classify_stol(const std::string &s, long &out, std::size_t &pos)
{
    try {
        out = std::stol(s, &pos);
        return Kind::Ok;
    } catch (const std::invalid_argument &) {
        return Kind::Invalid;
    } catch (const std::out_of_range &) {
        return Kind::Range;
    }
}

int main()
{
    long v = 0;
    std::size_t pos = 0;
    CHECK(classify_stol("12345", v, pos) == Kind::Ok && v == 12345 && pos == 5u);
    CHECK(classify_stol("  -77xyz", v, pos) == Kind::Ok && v == -77 && pos == 5u);
    CHECK(classify_stol("abc", v, pos) == Kind::Invalid);
    CHECK(classify_stol("", v, pos) == Kind::Invalid);
    CHECK(classify_stol("99999999999999999999", v, pos) == Kind::Range);
    CHECK(classify_stol("-9223372036854775808", v, pos) == Kind::Ok && v == std::numeric_limits<long>::min());
    CHECK(std::stoi("0x1F", nullptr, 16) == 31 && std::stoi("777", nullptr, 8) == 511 && std::stoi("z", nullptr, 36) == 35);
    bool threw = false;
    try { (void)std::stoi("3000000000"); } catch (const std::out_of_range &) { threw = true; }
    CHECK(threw);
    CHECK(std::stoull("18446744073709551615") == std::numeric_limits<unsigned long long>::max());

    // compare the error-code parser with stol on generated inputs
    std::vector<std::string> inputs{"0", "-0", "+5", "-", "+", " 42", "42 ", "4 2", "9223372036854775807", "9223372036854775808",
                                    "-9223372036854775808", "-9223372036854775809", "00012", "12a", ""};
    uint32_t s = 77;
    for (int i = 0; i < 300; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        std::string t;
        if (s & 1) t += '-';
        int len = 1 + static_cast<int>(s % 21);
        for (int k = 0; k < len; k++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; t += static_cast<char>('0' + s % 10); }
        if ((s >> 8) % 10 == 0) t += 'x';
        inputs.push_back(t);
    }
    int agree = 0, oks = 0, overflow = 0, badchar = 0;
    for (const auto &in : inputs) {
        long a = 0, b = 0;
        std::size_t p = 0;
        ParseErr e = parse_long(in, a);
        Kind k = classify_stol(in, b, p);
        bool consistent = false;
        switch (e) {
        case ParseErr::Ok: consistent = k == Kind::Ok && a == b && p == in.size(); oks++; break;
        case ParseErr::Overflow: consistent = k == Kind::Range || (k == Kind::Ok && p != in.size()); overflow++; break;
        case ParseErr::BadChar: consistent = k == Kind::Invalid || (k == Kind::Ok && p != in.size()) || k == Kind::Range; badchar++; break;
        case ParseErr::Empty: consistent = k == Kind::Invalid; break;
        }
        agree += consistent;
    }
    CHECK(agree == static_cast<int>(inputs.size()));
    std::error_code ec = std::make_error_code(std::errc::result_out_of_range);
    CHECK(ec && ec == std::errc::result_out_of_range);
    std::printf("inputs=%zu ok=%d overflow=%d badchar=%d\n", inputs.size(), oks, overflow, badchar);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
