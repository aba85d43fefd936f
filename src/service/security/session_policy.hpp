#pragma once

#include <chrono>

namespace okrsek::service::security {

/// How long a back-office session lives. Both limits apply; the first reached ends it.
struct SessionSettings {
    /// Ends a session nobody used for this long (a forgotten open browser).
    std::chrono::seconds idle_timeout{std::chrono::minutes(30)};
    /// Ends every session this long after login, used or not (a stolen cookie stops working).
    std::chrono::seconds absolute_lifetime{std::chrono::hours(12)};
    /// last_seen_at is written at most this often (see should_touch).
    std::chrono::seconds touch_interval{std::chrono::minutes(1)};
};

/// Throws core::Error invalid_argument (field "idle_timeout", "absolute_lifetime" or
/// "touch_interval") unless 0 < touch_interval < idle_timeout ≤ absolute_lifetime.
void validate(const SessionSettings& settings);

/// Pure expiry rules for server-side sessions; the store keeps created_at and last_seen_at.
/// All times are wall-clock times (several servers compare them), so a server's clock running
/// ahead or behind shifts expiry by that much; keep servers on NTP.
class SessionPolicy {
public:
    using time_point = std::chrono::system_clock::time_point;

    /// Throws like validate().
    explicit SessionPolicy(SessionSettings settings = {});

    /// Whether a session created at `created_at` and last used at `last_seen_at` is over at
    /// `now` (at the very instant a limit is reached it is over). A last_seen_at in the future
    /// (another server's clock ahead) counts as now.
    bool is_expired(time_point created_at, time_point last_seen_at, time_point now) const;

    /// When the session ends if it is not used again: the earlier of last_seen_at +
    /// idle_timeout and created_at + absolute_lifetime. For cleanup queries and cookie Max-Age.
    time_point expires_at(time_point created_at, time_point last_seen_at) const;

    /// Whether this request should write last_seen_at = now: only when it is touch_interval or
    /// more behind, so a busy user costs one database write a minute, not one per request.
    /// The price: the idle timeout can end a session up to touch_interval early.
    bool should_touch(time_point last_seen_at, time_point now) const;

    const SessionSettings& settings() const noexcept { return m_settings; }

private:
    SessionSettings m_settings;
};

}  // namespace okrsek::service::security
