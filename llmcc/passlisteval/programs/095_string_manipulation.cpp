// Exercises: std::string find/rfind/replace/substr/insert/erase/compare, string_view slicing, ostringstream formatting, case conversion.
#include <cstdio>
#include <string>
#include <string_view>
#include <sstream>
#include <vector>
#include <algorithm>
#include <cctype>
#include <cstdint>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

static std::string replace_all(std::string s, const std::string &from, const std::string &to)
{
    std::size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) { s.replace(pos, from.size(), to); pos += to.size(); }
    return s;
}

static std::vector<std::string_view> split(std::string_view s, char d)
{
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        std::size_t p = s.find(d, start);
        out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (p == std::string_view::npos) break;
        start = p + 1;
    }
    return out;
}

static std::string trim(const std::string &s)
{
    auto b = s.find_first_not_of(" \t\n");
    if (b == std::string::npos) return "";
    auto e = s.find_last_not_of(" \t\n");
    return s.substr(b, e - b + 1);
}

static std::string caesar(std::string s, int k)
{
    for (char &c : s) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>('a' + (c - 'a' + k) % 26);
        else if (c >= 'A' && c <= 'Z') c = static_cast<char>('A' + (c - 'A' + k) % 26);
    }
    return s;
}

static bool is_anagram(std::string a, std::string b)
{
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

int main()
{
    std::string s = "the quick brown fox jumps over the lazy dog";
    CHECK(s.find("the") == 0 && s.rfind("the") == 31 && s.find("cat") == std::string::npos);
    CHECK(s.find_first_of("aeiou") == 2 && s.find_last_of("aeiou") == 41);
    CHECK(replace_all(s, "the", "a") == "a quick brown fox jumps over a lazy dog");
    CHECK(replace_all("aaa", "a", "aa") == "aaaaaa");
    std::string t = s;
    t.insert(4, "very ");
    t.erase(t.find(" lazy"), 5);
    CHECK(t == "the very quick brown fox jumps over the dog");
    CHECK(s.substr(4, 5) == "quick" && s.compare(0, 3, "the") == 0 && s.compare("zzz") < 0);

    auto parts = split("a,bb,,ccc,", ',');
    CHECK(parts.size() == 5u && parts[1] == "bb" && parts[2].empty() && parts[3] == "ccc" && parts[4].empty());
    std::string_view sv = s;
    sv.remove_prefix(4);
    sv.remove_suffix(4);
    CHECK(sv == "quick brown fox jumps over the lazy" && sv.size() == s.size() - 8);
    CHECK(trim("  \t hi there \n") == "hi there" && trim("   ").empty());

    std::string up = s;
    std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    CHECK(up == "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG");
    int letters[26] = {0};
    for (char c : s) if (c != ' ') letters[c - 'a']++;
    CHECK(std::all_of(letters, letters + 26, [](int n) { return n > 0; })); // pangram
    CHECK(caesar(caesar(s, 13), 13) == s && caesar("Hello", 3) == "Khoor");
    CHECK(is_anagram("listen", "silent") && !is_anagram("abc", "abd"));

    std::ostringstream os;
    for (int i = 0; i < 5; i++) os << i << ':' << i * i << (i < 4 ? "," : "");
    CHECK(os.str() == "0:0,1:1,2:4,3:9,4:16");
    std::ostringstream hex;
    hex << std::hex << 255 << '-' << std::dec << 255;
    CHECK(hex.str() == "ff-255");
    std::istringstream is("10 20 30 x");
    int a = 0, b = 0, c = 0, d = 0;
    is >> a >> b >> c;
    bool ok = static_cast<bool>(is >> d);
    CHECK(a + b + c == 60 && !ok);

    // build a long string and hash it
    std::string big;
    uint32_t x = 1;
    for (int i = 0; i < 3000; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; big += static_cast<char>('a' + x % 26); if (i % 50 == 49) big += '\n'; }
    std::size_t lines = static_cast<std::size_t>(std::count(big.begin(), big.end(), '\n'));
    CHECK(lines == 60u);
    uint32_t h = 2166136261u;
    for (char ch : big) h = (h ^ static_cast<unsigned char>(ch)) * 16777619u;
    std::string rev(big.rbegin(), big.rend());
    std::string back(rev.rbegin(), rev.rend());
    CHECK(back == big);
    std::size_t occ = 0;
    for (std::size_t p = big.find("ab"); p != std::string::npos; p = big.find("ab", p + 1)) occ++;
    std::printf("hash=%08X occ_ab=%zu len=%zu parts=%zu\n", static_cast<unsigned>(h), occ, big.size(), parts.size());
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
