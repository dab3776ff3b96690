// Exercises: INI-style config parsing with std::string_view, std::from_chars integer parsing with error codes, typed lookup, error reporting.
#include <cstdio>
#include <string>
#include <string_view>
#include <charconv>
#include <map>
#include <vector>
#include <optional>
#include <cstdint>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

static std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

struct Config {
    std::map<std::string, std::string> values; // "section.key" -> raw value
    std::vector<std::string> errors;

    void parse(std::string_view text)
    {
        std::string section;
        int line_no = 0;
        while (!text.empty()) {
            std::size_t nl = text.find('\n');
            std::string_view line = text.substr(0, nl);
            text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
            ++line_no;
            std::size_t hash = line.find('#');
            if (hash != std::string_view::npos) line = line.substr(0, hash);
            line = trim(line);
            if (line.empty()) continue;
            if (line.front() == '[') {
                if (line.back() != ']') { errors.push_back("line " + std::to_string(line_no) + ": bad section"); continue; }
                section = std::string(trim(line.substr(1, line.size() - 2)));
                continue;
            }
            std::size_t eq = line.find('=');
            if (eq == std::string_view::npos) { errors.push_back("line " + std::to_string(line_no) + ": missing '='"); continue; }
            std::string_view key = trim(line.substr(0, eq)), val = trim(line.substr(eq + 1));
            if (key.empty()) { errors.push_back("line " + std::to_string(line_no) + ": empty key"); continue; }
            if (val.size() >= 2 && val.front() == '"' && val.back() == '"') val = val.substr(1, val.size() - 2);
            values[section + "." + std::string(key)] = std::string(val);
        }
    }
    std::optional<long> get_int(const std::string &k) const
    {
        auto it = values.find(k);
        if (it == values.end()) return std::nullopt;
        long v = 0;
        const char *b = it->second.data(), *e = b + it->second.size();
        int base = 10;
        if (it->second.size() > 2 && it->second[0] == '0' && (it->second[1] == 'x' || it->second[1] == 'X')) { b += 2; base = 16; }
        auto [p, ec] = std::from_chars(b, e, v, base);
        if (ec != std::errc() || p != e) return std::nullopt;
        return v;
    }
    std::optional<bool> get_bool(const std::string &k) const
    {
        auto it = values.find(k);
        if (it == values.end()) return std::nullopt;
        const std::string &v = it->second;
        if (v == "true" || v == "yes" || v == "1" || v == "on") return true;
        if (v == "false" || v == "no" || v == "0" || v == "off") return false;
        return std::nullopt;
    }
    std::string get_str(const std::string &k, const std::string &def) const { auto it = values.find(k); return it == values.end() ? def : it->second; }
};

int main()
{
    const char *text =
        "# global settings\n"
        "name = llmcc   \n"
        "threads=4\n"
        "\n"
        "[opt]\n"
        "  level = 2   # comment\n"
        "  passes = \"mem2reg,instcombine, gvn\"\n"
        "  mask = 0xFF\n"
        "  verbose = yes\n"
        "[ limits ]\n"
        "max_size = 1048576\n"
        "overflow = 99999999999999999999999\n"
        "garbage = 12abc\n"
        "broken line\n"
        "[unterminated\n"
        " = novalue\n"
        "negative = -42\n";
    Config c;
    c.parse(text);
    CHECK(c.errors.size() == 3u);
    if (c.errors.size() == 3u) CHECK(c.errors[0] == "line 14: missing '='" && c.errors[1] == "line 15: bad section" && c.errors[2] == "line 16: empty key");
    CHECK(c.get_str(".name", "") == "llmcc" && c.get_int(".threads") == 4L);
    CHECK(c.get_int("opt.level") == 2L && c.get_int("opt.mask") == 255L && c.get_bool("opt.verbose") == true);
    CHECK(c.get_str("opt.passes", "") == "mem2reg,instcombine, gvn");
    CHECK(c.get_int("limits.max_size") == 1048576L && c.get_int("limits.negative") == -42L);
    CHECK(!c.get_int("limits.overflow") && !c.get_int("limits.garbage") && !c.get_int("missing.key"));
    CHECK(!c.get_bool("opt.level").has_value() || *c.get_bool("opt.level") == false);

    // split the pass list and count passes
    std::string_view passes = c.values["opt.passes"];
    std::vector<std::string_view> names;
    while (!passes.empty()) {
        std::size_t comma = passes.find(',');
        names.push_back(trim(passes.substr(0, comma)));
        if (comma == std::string_view::npos) break;
        passes.remove_prefix(comma + 1);
    }
    CHECK(names.size() == 3u && names[2] == "gvn");

    // generated config with many entries; integers round-trip through to_chars/from_chars
    std::string big;
    uint32_t s = 1;
    std::vector<long> expect;
    for (int sec = 0; sec < 20; sec++) {
        big += "[s" + std::to_string(sec) + "]\n";
        for (int k = 0; k < 25; k++) {
            s ^= s << 13; s ^= s >> 17; s ^= s << 5;
            long v = static_cast<long>(s % 2000001) - 1000000;
            char buf[32];
            auto res = std::to_chars(buf, buf + sizeof buf, v);
            big += "k" + std::to_string(k) + " = " + std::string(buf, res.ptr) + "\n";
            expect.push_back(v);
        }
    }
    Config c2;
    c2.parse(big);
    int bad = 0;
    long sum = 0;
    for (int sec = 0; sec < 20; sec++)
        for (int k = 0; k < 25; k++) {
            auto v = c2.get_int("s" + std::to_string(sec) + ".k" + std::to_string(k));
            if (!v || *v != expect[static_cast<size_t>(sec * 25 + k)]) bad++;
            else sum += *v;
        }
    CHECK(bad == 0 && c2.values.size() == 500u && c2.errors.empty());
    std::printf("entries=%zu errors=%zu sum=%ld\n", c.values.size(), c.errors.size(), sum);
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
