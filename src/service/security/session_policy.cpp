#include "service/security/session_policy.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace okrsek::service::security {

void validate(const SessionSettings& settings) {
    using core::Error;
    using core::ErrorCode;
    if (settings.touch_interval.count() <= 0) {
        throw Error(ErrorCode::invalid_argument, "session touch interval must be positive",
                    "touch_interval");
    }
    if (settings.idle_timeout <= settings.touch_interval) {
        throw Error(ErrorCode::invalid_argument,
                    "session idle timeout must be longer than the touch interval", "idle_timeout");
    }
    if (settings.absolute_lifetime < settings.idle_timeout) {
        throw Error(ErrorCode::invalid_argument,
                    "session lifetime must not be shorter than the idle timeout",
                    "absolute_lifetime");
    }
}

SessionPolicy::SessionPolicy(SessionSettings settings) : m_settings(settings) {
    validate(m_settings);
}

bool SessionPolicy::is_expired(time_point created_at, time_point last_seen_at,
                               time_point now) const {
    return now >= expires_at(created_at, std::min(last_seen_at, now));
}

SessionPolicy::time_point SessionPolicy::expires_at(time_point created_at,
                                                    time_point last_seen_at) const {
    return std::min(last_seen_at + m_settings.idle_timeout,
                    created_at + m_settings.absolute_lifetime);
}

bool SessionPolicy::should_touch(time_point last_seen_at, time_point now) const {
    return now - last_seen_at >= m_settings.touch_interval;
}

}  // namespace okrsek::service::security
