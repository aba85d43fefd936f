#pragma once

// A bounded cache of finished public answers (issue 7: the statistics endpoints). Building a
// table answer means suppressing and writing up to a few megabytes; the same few queries (the
// page's defaults) make most of the traffic, and their answers only change when the data does.

#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/request.hpp"

namespace okrsek::http {

/// One cached answer: what the handler wrote, and the version of the data it came from.
struct CachedAnswer {
    std::string body;
    std::string content_type;
    std::string filename;  ///< Content-Disposition's, empty for none
    std::string etag;      ///< of the body, filled when stored
};

struct AnswerCacheLimits {
    std::size_t max_entries = 512;
    std::size_t max_bytes = std::size_t{64} << 20;       ///< of all bodies together
    std::size_t max_entry_bytes = std::size_t{8} << 20;  ///< larger answers are not kept
    /// How long an answer is served without building it again while the data version stays
    /// the same. Figures that do not come from the versioned data (populations of edited area
    /// profiles, counts of citizen reports, the current month) are at most this old; the
    /// answers' Cache-Control allows clients five minutes anyway.
    std::chrono::seconds max_age{60};
};

/// Thread-safe; least recently used entries go first when a limit is reached.
class AnswerCache {
public:
    using Clock = std::chrono::steady_clock;

    explicit AnswerCache(AnswerCacheLimits limits = {}) : m_limits(limits) {}

    /// The key of a GET request: its path and query parameters in their order.
    static std::string key_of(const Request& request);

    /// The answer stored under `key` for `data_version`, if younger than max_age at `now`.
    std::shared_ptr<const CachedAnswer> find(const std::string& key,
                                             const std::string& data_version,
                                             Clock::time_point now = Clock::now());
    /// Stores (or replaces) the answer of `key`; one above max_entry_bytes is not kept.
    void store(const std::string& key, const std::string& data_version,
               std::shared_ptr<const CachedAnswer> answer, Clock::time_point now = Clock::now());

    std::size_t size() const;
    std::size_t bytes() const;

private:
    struct Entry {
        std::string key;
        std::string data_version;
        Clock::time_point stored_at;
        std::shared_ptr<const CachedAnswer> answer;
    };
    using Order = std::list<Entry>;  // most recently used first

    void erase(Order::iterator at);  // m_mutex held

    AnswerCacheLimits m_limits;
    mutable std::mutex m_mutex;
    Order m_order;
    std::unordered_map<std::string, Order::iterator> m_index;
    std::size_t m_bytes = 0;
};

}  // namespace okrsek::http
