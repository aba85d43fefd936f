#include "http/rate_limiter.hpp"

#include <algorithm>

namespace okrsek::http {

RateLimiter::RateLimiter(double rate_per_second, double burst, std::size_t max_clients)
    : m_rate(rate_per_second), m_burst(std::max(burst, 1.0)), m_max_clients(max_clients) {}

void RateLimiter::forget_idle(std::chrono::steady_clock::time_point now) {
    // A bucket that has refilled completely carries no information: drop it.
    std::erase_if(m_buckets, [&](const auto& entry) {
        const double seconds = std::chrono::duration<double>(now - entry.second.updated).count();
        return entry.second.tokens + seconds * m_rate >= m_burst;
    });
}

bool RateLimiter::allow(const std::string& client, std::chrono::steady_clock::time_point now) {
    if (m_rate <= 0.0) return true;
    std::lock_guard lock(m_mutex);
    if (m_buckets.size() >= m_max_clients) forget_idle(now);
    auto [it, fresh] = m_buckets.try_emplace(client, Bucket{m_burst, now});
    Bucket& bucket = it->second;
    if (!fresh) {
        const double seconds = std::chrono::duration<double>(now - bucket.updated).count();
        bucket.tokens = std::min(m_burst, bucket.tokens + seconds * m_rate);
        bucket.updated = now;
    }
    if (bucket.tokens < 1.0) return false;
    bucket.tokens -= 1.0;
    return true;
}

}  // namespace okrsek::http
