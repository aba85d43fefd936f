#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace okrsek::http {

/// Token buckets per client address: `rate_per_second` requests on average, bursts up to
/// `burst`. A rate of 0 turns limiting off. Thread-safe.
class RateLimiter {
public:
    RateLimiter(double rate_per_second, double burst, std::size_t max_clients = 100000);

    /// True when the client may make a request now (and takes a token).
    bool allow(const std::string& client, std::chrono::steady_clock::time_point now);

    bool enabled() const noexcept { return m_rate > 0.0; }

private:
    struct Bucket {
        double tokens = 0.0;
        std::chrono::steady_clock::time_point updated;
    };
    void forget_idle(std::chrono::steady_clock::time_point now);

    double m_rate;
    double m_burst;
    std::size_t m_max_clients;
    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
};

}  // namespace okrsek::http
