// Running statistics over a ring of samples (C++ API over the C ring).
#ifndef RINGSTAT_STATS_HPP
#define RINGSTAT_STATS_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "ringstat/ring.h"

namespace ringstat {

class Window {
  public:
    Window();
    void add(std::int32_t v);
    std::size_t size() const;
    double mean() const;
    std::int32_t median() const;
    std::vector<std::int32_t> sorted() const;
    std::string summary() const;

  private:
    ring r_;
};

}  // namespace ringstat
#endif
