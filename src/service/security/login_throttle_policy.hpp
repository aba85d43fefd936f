#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace okrsek::service::security {

/// One persisted throttling counter: a row of the store's throttle table, shared by every
/// server, whose primary key is the counter's key (account_throttle_key or ip_throttle_key).
/// Fixed windows: an event `window` or more after window_start opens a new window with count
/// 1 (count_event is the reference; the store does the same in one atomic statement, e.g. an
/// INSERT … ON CONFLICT (key) DO UPDATE with CASE on window_start, valid on SQLite ≥ 3.24 and
/// PostgreSQL). Rows whose window has passed and whose lock has run out decide nothing and may
/// be deleted. Mirrors store::ThrottleState.
struct ThrottleCounter {
    std::int64_t count = 0;                                ///< events in the window
    std::chrono::system_clock::time_point window_start{};  ///< the window's first event
    std::optional<std::chrono::system_clock::time_point> locked_until{};  ///< accounts only
};

/// The limits. Per account: failed attempts; per address: attempts (failed or not).
struct LoginThrottleSettings {
    std::int64_t account_free_failures = 5;  ///< failures per window before any delay
    std::chrono::seconds account_window{std::chrono::minutes(15)};
    std::chrono::seconds first_delay{1};  ///< after the last free failure; doubles each time
    std::chrono::seconds max_delay{std::chrono::minutes(15)};
    std::int64_t ip_max_attempts = 20;  ///< attempts per window from one address
    std::chrono::seconds ip_window{std::chrono::minutes(1)};
};

/// Throws core::Error invalid_argument naming the setting for a count below 1, a window or
/// delay not positive, or max_delay below first_delay.
void validate(const LoginThrottleSettings& settings);

/// Which limit refused an attempt.
enum class ThrottleLimit { none, account, ip };

struct ThrottleDecision {
    bool allowed = true;
    ThrottleLimit limit = ThrottleLimit::none;  ///< when refused; account when both refuse
    std::chrono::seconds retry_after{0};  ///< when refused: ≥ 1 s, the longer wait of the two
};

/// Pure login-throttling rules; the counters live in the store. A login attempt runs:
///  1. read the counters of account_throttle_key(email) and ip_throttle_key(address) and call
///     decide(); when refused, answer 429 with Retry-After and check no password. The answer
///     is the same whether the account exists: the account key is the e-mail's.
///  2. count the attempt on the address counter (ip_window);
///  3. on a wrong password (or an unknown account) count it on the account counter
///     (account_window) and, when account_lock_after() gives a time, lock the account counter
///     until then; on success reset the account counter.
/// Two servers racing on one account may each let one attempt through; that bounds the error.
///
/// Per account: account_free_failures failures per window, then every further failure locks
/// the account for first_delay × 2^(failures − free) (1 s, 2 s, 4 s …, at most max_delay and
/// never beyond the window's end, which resets the count). With the defaults an attacker gets
/// at most about 15 guesses per 15 minutes per account, however many addresses they use,
/// while the owner is never locked out for longer than 15 minutes.
/// Per address: ip_max_attempts attempts per ip_window.
class LoginThrottlePolicy {
public:
    using time_point = std::chrono::system_clock::time_point;

    /// Throws like validate().
    explicit LoginThrottlePolicy(LoginThrottleSettings settings = {});

    /// Whether an attempt may proceed now, given the counters read from the store
    /// (std::nullopt: no row).
    ThrottleDecision decide(const std::optional<ThrottleCounter>& account,
                            const std::optional<ThrottleCounter>& ip, time_point now) const;

    /// After a failure was counted (`counted`: the account counter as the store returned it),
    /// the time until which the account is locked; std::nullopt while failures are free.
    std::optional<time_point> account_lock_after(const ThrottleCounter& counted,
                                                 time_point now) const;

    /// The counter after one more event at `now` in windows of `window`; a lock is kept.
    /// The reference for the store's atomic update.
    static ThrottleCounter count_event(const std::optional<ThrottleCounter>& current,
                                       time_point now, std::chrono::seconds window);

    const LoginThrottleSettings& settings() const noexcept { return m_settings; }

private:
    LoginThrottleSettings m_settings;
};

/// "account:" and the BLAKE2b-256 (hex) of the e-mail address, trimmed and lower-cased: the
/// same for every spelling of one address, the same whether the account exists (keying by
/// user id would throttle only existing accounts, and so reveal them), and without the
/// address itself, so that the table does not collect what people typed.
std::string account_throttle_key(std::string_view email);

/// "ip:" and the address: an IPv4 address as such ("ip:192.0.2.7", also when written as
/// IPv4-mapped IPv6), an IPv6 address as its /64 network ("ip:2001:db8:1:2::/64"), because
/// one IPv6 subscriber usually holds a whole /64 and could otherwise rotate addresses.
/// Throws core::Error invalid_argument (field "address") for text that is no IP address.
std::string ip_throttle_key(std::string_view address);

}  // namespace okrsek::service::security
