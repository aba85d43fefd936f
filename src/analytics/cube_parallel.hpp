#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

// Private to the cube: a plain split of [0, n) into one contiguous chunk per thread.
namespace okrsek::analytics::detail {

/// 0 means "every core" (at most 16). Small inputs run on the calling thread: a thread costs
/// more than counting a few thousand rows.
inline unsigned thread_count(unsigned requested, std::size_t n) {
    constexpr std::size_t min_rows_per_thread = 1u << 16;
    unsigned threads = requested != 0 ? requested : std::thread::hardware_concurrency();
    threads = std::clamp(threads, 1u, 16u);
    const std::size_t useful = std::max<std::size_t>(1, n / min_rows_per_thread);
    return static_cast<unsigned>(std::min<std::size_t>(threads, useful));
}

/// Calls work(begin, end, chunk) for `chunks` contiguous chunks of [0, n), chunk 0 on the
/// calling thread. An exception from a worker is lost: `work` must not throw.
template <typename Work>
void for_chunks(std::size_t n, unsigned chunks, Work&& work) {
    std::vector<std::thread> workers;
    const auto bounds = [&](unsigned k) { return n * k / chunks; };
    for (unsigned k = 1; k < chunks; ++k) {
        workers.emplace_back([&, k] { work(bounds(k), bounds(k + 1), k); });
    }
    work(bounds(0), bounds(1), 0u);
    for (auto& worker : workers) worker.join();
}

}  // namespace okrsek::analytics::detail
