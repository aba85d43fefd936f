#pragma once

#include <chrono>
#include <mutex>

namespace okrsek::service::security {

/// The source of the current time for every time-dependent security rule (TOTP, session
/// expiry, login throttling), so that tests can drive time instead of sleeping.
class Clock {
public:
    using time_point = std::chrono::system_clock::time_point;

    virtual ~Clock() = default;
    virtual time_point now() const = 0;
};

/// The wall clock (std::chrono::system_clock). TOTP needs wall time, not a steady clock,
/// because the authenticator app on the user's phone counts wall time too.
class SystemClock final : public Clock {
public:
    time_point now() const override { return std::chrono::system_clock::now(); }
};

/// A clock that stands still until told otherwise; thread-safe. For tests and tools that
/// replay events at given times.
class ManualClock final : public Clock {
public:
    explicit ManualClock(time_point start) : m_now(start) {}

    time_point now() const override {
        std::lock_guard lock(m_mutex);
        return m_now;
    }

    /// Moves the clock on by `step` (or back, when negative).
    void advance(std::chrono::system_clock::duration step) {
        std::lock_guard lock(m_mutex);
        m_now += step;
    }

    void set(time_point time) {
        std::lock_guard lock(m_mutex);
        m_now = time;
    }

private:
    mutable std::mutex m_mutex;
    time_point m_now;
};

}  // namespace okrsek::service::security
