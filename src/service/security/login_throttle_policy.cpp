#include "service/security/login_throttle_policy.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>

#include "core/error.hpp"
#include "service/security/secret_token.hpp"

namespace okrsek::service::security {
namespace {

using core::Error;
using core::ErrorCode;
using std::chrono::seconds;

bool in_window(const std::optional<ThrottleCounter>& counter,
               std::chrono::system_clock::time_point now, seconds window) {
    return counter && now - counter->window_start < window;
}

// Whole seconds until `until`, rounded up and at least 1: a client told "0" would retry at
// once and be refused again.
seconds seconds_until(std::chrono::system_clock::time_point until,
                      std::chrono::system_clock::time_point now) {
    return std::max(seconds(1), std::chrono::ceil<seconds>(until - now));
}

seconds delay_after(std::int64_t failures_beyond_free, seconds first, seconds max) {
    seconds delay = first;
    // Doubling stops at the cap, so no shift can overflow however large the count.
    for (std::int64_t i = 0; i < failures_beyond_free && delay < max; ++i) delay *= 2;
    return std::min(delay, max);
}

void require_positive(std::int64_t value, const char* field) {
    if (value < 1) {
        throw Error(ErrorCode::invalid_argument,
                    std::string("login throttle setting ") + field + " must be positive", field);
    }
}

std::string trimmed_lower(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    text = text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
    std::string lower(text);
    for (char& symbol : lower) {
        if (symbol >= 'A' && symbol <= 'Z') symbol = static_cast<char>(symbol - 'A' + 'a');
    }
    return lower;
}

}  // namespace

void validate(const LoginThrottleSettings& settings) {
    require_positive(settings.account_free_failures, "account_free_failures");
    require_positive(settings.account_window.count(), "account_window");
    require_positive(settings.first_delay.count(), "first_delay");
    require_positive(settings.max_delay.count(), "max_delay");
    require_positive(settings.ip_max_attempts, "ip_max_attempts");
    require_positive(settings.ip_window.count(), "ip_window");
    if (settings.max_delay < settings.first_delay) {
        throw Error(ErrorCode::invalid_argument,
                    "login throttle max_delay must not be below first_delay", "max_delay");
    }
}

LoginThrottlePolicy::LoginThrottlePolicy(LoginThrottleSettings settings) : m_settings(settings) {
    validate(m_settings);
}

ThrottleDecision LoginThrottlePolicy::decide(const std::optional<ThrottleCounter>& account,
                                             const std::optional<ThrottleCounter>& ip,
                                             time_point now) const {
    ThrottleDecision decision;
    if (in_window(ip, now, m_settings.ip_window) && ip->count >= m_settings.ip_max_attempts) {
        decision = {false, ThrottleLimit::ip,
                    seconds_until(ip->window_start + m_settings.ip_window, now)};
    }
    if (account && account->locked_until && now < *account->locked_until) {
        const seconds wait = seconds_until(*account->locked_until, now);
        decision = {false, ThrottleLimit::account, std::max(wait, decision.retry_after)};
    }
    return decision;
}

std::optional<LoginThrottlePolicy::time_point> LoginThrottlePolicy::account_lock_after(
    const ThrottleCounter& counted, time_point now) const {
    if (counted.count < m_settings.account_free_failures) return {};
    const seconds delay = delay_after(counted.count - m_settings.account_free_failures,
                                      m_settings.first_delay, m_settings.max_delay);
    // The window's end resets the count, so no lock lasts beyond it.
    return std::min(now + delay, counted.window_start + m_settings.account_window);
}

ThrottleCounter LoginThrottlePolicy::count_event(const std::optional<ThrottleCounter>& current,
                                                 time_point now, seconds window) {
    if (!in_window(current, now, window)) {
        return {1, now, current ? current->locked_until : std::nullopt};
    }
    return {current->count + 1, current->window_start, current->locked_until};
}

std::string account_throttle_key(std::string_view email) {
    return "account:" + token_hash(trimmed_lower(email));
}

std::string ip_throttle_key(std::string_view address) {
    const std::string text(address);
    std::array<unsigned char, 16> bytes{};
    char printed[INET6_ADDRSTRLEN];
    if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) {
        inet_ntop(AF_INET, bytes.data(), printed, sizeof printed);
        return std::string("ip:") + printed;
    }
    if (inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) {
        throw Error(ErrorCode::invalid_argument, "not an IP address", "address");
    }
    constexpr std::array<unsigned char, 12> mapped_prefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (std::equal(mapped_prefix.begin(), mapped_prefix.end(), bytes.begin())) {
        inet_ntop(AF_INET, bytes.data() + 12, printed, sizeof printed);
        return std::string("ip:") + printed;
    }
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    inet_ntop(AF_INET6, bytes.data(), printed, sizeof printed);
    return std::string("ip:") + printed + "/64";
}

}  // namespace okrsek::service::security
