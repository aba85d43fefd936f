#include "cli/progress_bar.hpp"

#include <unistd.h>

#include <algorithm>

namespace okrsek::cli {

ProgressBar::ProgressBar(std::string label, std::size_t total)
    : m_label(std::move(label)),
      m_total(std::max<std::size_t>(total, 1)),
      m_enabled(isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() {
    finish();
}

void ProgressBar::update(std::size_t done) {
    if (!m_enabled || m_finished) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last_draw < std::chrono::milliseconds(100)) return;
    m_last_draw = now;
    draw(done);
}

void ProgressBar::draw(std::size_t done) {
    constexpr int width = 30;
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(m_total));
    const int filled = static_cast<int>(fraction * width);
    std::fprintf(stderr, "\r%s [%.*s%*s] %3d%%", m_label.c_str(), filled,
                 "##############################", width - filled, "",
                 static_cast<int>(fraction * 100.0));
    std::fflush(stderr);
}

void ProgressBar::finish() {
    if (!m_enabled || m_finished) return;
    draw(m_total);
    std::fputc('\n', stderr);
    m_finished = true;
}

}  // namespace okrsek::cli
