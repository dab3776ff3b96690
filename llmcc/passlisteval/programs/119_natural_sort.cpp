// Exercises: custom comparators: natural ("file9" < "file10") ordering, case-insensitive, multi-key tuple ordering; strict-weak-order checks.
#include <cstdio>
#include <string>
#include <vector>
#include <algorithm>
#include <tuple>
#include <cctype>
#include <cstdint>

static int g_fail;
#define CHECK(c) do { if (!(c)) { std::fprintf(stderr, "CHECK failed at line %d: %s\n", __LINE__, #c); ++g_fail; } } while (0)

// compare strings treating digit runs as numbers (ignoring leading zeros, then shorter run first)
static int natural_cmp(const std::string &a, const std::string &b)
{
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        unsigned char ca = static_cast<unsigned char>(a[i]), cb = static_cast<unsigned char>(b[j]);
        if (std::isdigit(ca) && std::isdigit(cb)) {
            std::size_t si = i, sj = j;
            while (si < a.size() && a[si] == '0') si++;
            while (sj < b.size() && b[sj] == '0') sj++;
            std::size_t ei = si, ej = sj;
            while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ei++;
            while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ej++;
            if (ei - si != ej - sj) return ei - si < ej - sj ? -1 : 1;
            int c = a.compare(si, ei - si, b, sj, ej - sj);
            if (c) return c < 0 ? -1 : 1;
            std::size_t zi = si - i, zj = sj - j; // more leading zeros sorts later as a tie breaker
            if (zi != zj) return zi < zj ? -1 : 1;
            i = ei; j = ej;
        } else {
            if (ca != cb) return ca < cb ? -1 : 1;
            i++; j++;
        }
    }
    if (i == a.size() && j == b.size()) return 0;
    return i == a.size() ? -1 : 1;
}

static bool ci_less(const std::string &a, const std::string &b)
{
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
    });
}

struct Employee { std::string dept; int level; std::string name; long salary; };

int main()
{
    std::vector<std::string> files{"file10.txt", "file9.txt", "file1.txt", "file010.txt", "File2.txt", "file1a.txt", "file01.txt", "a", "file", "file100"};
    std::sort(files.begin(), files.end(), [](const std::string &a, const std::string &b) { return natural_cmp(a, b) < 0; });
    std::string joined;
    for (const auto &f : files) joined += f + " ";
    CHECK(joined == "File2.txt a file file1.txt file1a.txt file01.txt file9.txt file10.txt file010.txt file100 ");

    // strict weak ordering properties over generated strings
    std::vector<std::string> gen;
    uint32_t s = 12;
    auto rnd = [&s] { s ^= s << 13; s ^= s >> 17; s ^= s << 5; return s; };
    for (int i = 0; i < 120; i++) {
        std::string t = "v";
        int parts = 1 + static_cast<int>(rnd() % 3);
        for (int p = 0; p < parts; p++) { t += std::to_string(rnd() % 30); if (rnd() % 3 == 0) t += '0'; t += static_cast<char>('a' + rnd() % 3); }
        gen.push_back(t);
    }
    int bad = 0;
    for (std::size_t i = 0; i < gen.size(); i++) {
        if (natural_cmp(gen[i], gen[i]) != 0) bad++;
        for (std::size_t j = 0; j < gen.size(); j++) {
            int ij = natural_cmp(gen[i], gen[j]), ji = natural_cmp(gen[j], gen[i]);
            if (ij != -ji) bad++;
            if (ij == 0 && gen[i] != gen[j]) bad++; // total order: equal only if identical
        }
    }
    CHECK(bad == 0);
    // transitivity on sorted output
    std::sort(gen.begin(), gen.end(), [](const std::string &a, const std::string &b) { return natural_cmp(a, b) < 0; });
    for (std::size_t i = 0; i + 2 < gen.size(); i++) if (natural_cmp(gen[i], gen[i + 2]) > 0) bad++;
    CHECK(bad == 0);

    std::vector<std::string> words{"banana", "Apple", "cherry", "apple", "Banana", "date"};
    std::sort(words.begin(), words.end(), [](const std::string &a, const std::string &b) {
        if (ci_less(a, b)) return true;
        if (ci_less(b, a)) return false;
        return a < b; // tie-break so the order is total
    });
    CHECK(words[0] == "Apple" && words[1] == "apple" && words[2] == "Banana" && words[5] == "date");

    std::vector<Employee> staff;
    static const char *depts[] = {"eng", "ops", "sales"};
    for (int i = 0; i < 200; i++)
        staff.push_back({depts[rnd() % 3], static_cast<int>(rnd() % 5), "emp" + std::to_string(i), static_cast<long>(30000 + rnd() % 70000)});
    std::sort(staff.begin(), staff.end(), [](const Employee &a, const Employee &b) {
        return std::tie(a.dept, b.level, a.salary, a.name) < std::tie(b.dept, a.level, b.salary, b.name); // level descending
    });
    for (std::size_t i = 1; i < staff.size(); i++) {
        const auto &p = staff[i - 1], &c = staff[i];
        if (p.dept > c.dept || (p.dept == c.dept && p.level < c.level) || (p.dept == c.dept && p.level == c.level && p.salary > c.salary)) bad++;
    }
    CHECK(bad == 0);
    auto top = std::max_element(staff.begin(), staff.end(), [](const Employee &a, const Employee &b) { return std::tie(a.salary, a.name) < std::tie(b.salary, b.name); });
    std::printf("first=%s last=%s top=%s(%ld) gen0=%s\n", files.front().c_str(), files.back().c_str(), top->name.c_str(), top->salary, gen[0].c_str());
    if (g_fail) { std::fprintf(stderr, "%d check(s) failed\n", g_fail); return 1; }
    std::printf("ok\n");
    return 0;
}
