#include <cstdio>
#include <string>

#include "ringstat/stats.hpp"

int main() {
    ringstat::Window w;
    const int samples[] = {5, -3, 12, 7, 7, 0, 41, -8, 2};
    for (int s : samples)
        w.add(s);
    const std::string want = "n=9 min=-8 max=41 mean=7.00 median=5";
    const std::string got = w.summary();
    std::printf("%s\n", got.c_str());
    if (got != want) {
        std::printf("FAIL: expected \"%s\"\n", want.c_str());
        return 1;
    }
    std::printf("OK\n");
    return 0;
}
