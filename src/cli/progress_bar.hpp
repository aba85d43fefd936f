#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace okrsek::cli {

/// A one-line progress bar on stderr, drawn only when stderr is a terminal and at most ten
/// times a second.
class ProgressBar {
public:
    ProgressBar(std::string label, std::size_t total);
    ~ProgressBar();

    void update(std::size_t done);
    void finish();

private:
    void draw(std::size_t done);

    std::string m_label;
    std::size_t m_total;
    bool m_enabled;
    bool m_finished = false;
    std::chrono::steady_clock::time_point m_last_draw{};
};

}  // namespace okrsek::cli
