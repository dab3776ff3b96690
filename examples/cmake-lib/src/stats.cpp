#include "ringstat/stats.hpp"

#include <algorithm>
#include <cstdio>

namespace ringstat {

Window::Window() { ring_init(&r_); }

void Window::add(std::int32_t v) { ring_push(&r_, v); }

std::size_t Window::size() const { return ring_len(&r_); }

double Window::mean() const {
    return size() ? static_cast<double>(ring_sum(&r_)) / static_cast<double>(size()) : 0.0;
}

std::vector<std::int32_t> Window::sorted() const {
    std::vector<std::int32_t> v;
    v.reserve(size());
    for (std::size_t i = 0; i < size(); i++)
        v.push_back(ring_at(&r_, i));
    std::sort(v.begin(), v.end());
    return v;
}

std::int32_t Window::median() const {
    auto v = sorted();
    return v.empty() ? 0 : v[v.size() / 2];
}

std::string Window::summary() const {
    char buf[96];
    std::snprintf(buf, sizeof buf, "n=%zu min=%d max=%d mean=%.2f median=%d", size(),
                  size() ? ring_min(&r_) : 0, size() ? ring_max(&r_) : 0, mean(), median());
    return buf;
}

}  // namespace ringstat
