#include "service/security/login_throttle_policy.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <map>

#include "core/error.hpp"
#include "service/security/clock.hpp"

namespace okrsek::service::security {
namespace {

using namespace std::chrono_literals;
using time_point = std::chrono::system_clock::time_point;

const time_point t_start{std::chrono::seconds(1'700'000'000)};

// The store's side of the protocol, in memory: what the storage layer does in SQL.
class ThrottleTable {
public:
    std::optional<ThrottleCounter> get(const std::string& key) const {
        const auto found = m_rows.find(key);
        if (found == m_rows.end()) return {};
        return found->second;
    }
    ThrottleCounter hit(const std::string& key, time_point now, std::chrono::seconds window) {
        return m_rows[key] = LoginThrottlePolicy::count_event(get(key), now, window);
    }
    void lock(const std::string& key, time_point until) { m_rows[key].locked_until = until; }
    void reset(const std::string& key) { m_rows.erase(key); }

private:
    std::map<std::string, ThrottleCounter> m_rows;
};

// One login attempt by the documented protocol; true when it was let through.
bool attempt(const LoginThrottlePolicy& policy, ThrottleTable& table, std::string_view email,
             std::string_view address, bool password_right, time_point now,
             ThrottleDecision* decision_out = nullptr) {
    const auto account_key = account_throttle_key(email);
    const auto ip_key = ip_throttle_key(address);
    const auto decision = policy.decide(table.get(account_key), table.get(ip_key), now);
    if (decision_out) *decision_out = decision;
    if (!decision.allowed) return false;
    table.hit(ip_key, now, policy.settings().ip_window);
    if (password_right) {
        table.reset(account_key);
    } else {
        const auto counted = table.hit(account_key, now, policy.settings().account_window);
        if (const auto until = policy.account_lock_after(counted, now)) {
            table.lock(account_key, *until);
        }
    }
    return true;
}

TEST(LoginThrottle, AllowsFiveFailuresThenDoublesTheDelay) {
    const LoginThrottlePolicy policy;
    ThrottleTable table;
    auto now = t_start;
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(attempt(policy, table, "a@b.cz", "192.0.2.1", false, now)) << i;
    }
    ThrottleDecision decision;
    EXPECT_FALSE(attempt(policy, table, "a@b.cz", "192.0.2.1", false, now, &decision));
    EXPECT_EQ(decision.limit, ThrottleLimit::account);
    EXPECT_EQ(decision.retry_after, 1s);
    // The waits after failures 5, 6, 7, 8…: 1, 2, 4, 8 s.
    for (const auto wait : {1s, 2s, 4s, 8s, 16s}) {
        EXPECT_FALSE(
            attempt(policy, table, "a@b.cz", "192.0.2.1", false, now + wait - 1s, &decision));
        EXPECT_EQ(decision.retry_after, 1s);
        now += wait;
        EXPECT_TRUE(attempt(policy, table, "a@b.cz", "192.0.2.1", false, now));
    }
}

TEST(LoginThrottle, RoundsRetryAfterUpToWholeSeconds) {
    const LoginThrottlePolicy policy;
    const ThrottleCounter account{7, t_start, t_start + 4s};
    const auto decision = policy.decide(account, std::nullopt, t_start + 1500ms);
    EXPECT_FALSE(decision.allowed);
    EXPECT_EQ(decision.retry_after, 3s);
    EXPECT_TRUE(policy.decide(account, std::nullopt, t_start + 4s).allowed);
}

TEST(LoginThrottle, LocksOnlyBeyondTheFreeFailures) {
    const LoginThrottlePolicy policy;
    EXPECT_EQ(policy.account_lock_after({4, t_start}, t_start + 1min), std::nullopt);
    EXPECT_EQ(policy.account_lock_after({5, t_start}, t_start + 1min), t_start + 1min + 1s);
    EXPECT_EQ(policy.account_lock_after({6, t_start}, t_start + 1min), t_start + 1min + 2s);
    EXPECT_EQ(policy.account_lock_after({9, t_start}, t_start + 1min), t_start + 1min + 16s);
}

TEST(LoginThrottle, CapsTheLockAtTheWindowsEnd) {
    const LoginThrottlePolicy policy;
    // 40 failures: 2^35 s uncapped; capped at 15 min, and the window (opened 10 min ago)
    // resets the count in 5 min.
    EXPECT_EQ(policy.account_lock_after({40, t_start}, t_start + 10min), t_start + 15min);
    EXPECT_EQ(policy.account_lock_after({15, t_start}, t_start + 1min), t_start + 15min);
    EXPECT_EQ(
        policy.account_lock_after({std::numeric_limits<std::int64_t>::max(), t_start}, t_start),
        t_start + 15min);
    const LoginThrottlePolicy long_window({.account_window = 24h});
    EXPECT_EQ(long_window.account_lock_after({40, t_start}, t_start + 10min), t_start + 25min);
}

TEST(LoginThrottle, ASuccessClearsTheAccountsFailures) {
    const LoginThrottlePolicy policy;
    ThrottleTable table;
    for (int i = 0; i < 4; ++i) attempt(policy, table, "a@b.cz", "192.0.2.1", false, t_start);
    EXPECT_TRUE(attempt(policy, table, "a@b.cz", "192.0.2.1", true, t_start));
    for (int i = 0; i < 5; ++i) {
        EXPECT_TRUE(attempt(policy, table, "a@b.cz", "192.0.2.1", false, t_start)) << i;
    }
}

TEST(LoginThrottle, AllowsTwentyAttemptsAMinutePerAddress) {
    const LoginThrottlePolicy policy;
    ThrottleTable table;
    // Twenty different accounts (a password-spraying attacker): the address limit stops them.
    for (int i = 0; i < 20; ++i) {
        EXPECT_TRUE(attempt(policy, table, "user" + std::to_string(i) + "@b.cz", "192.0.2.9", false,
                            t_start + std::chrono::seconds(i)));
    }
    ThrottleDecision decision;
    EXPECT_FALSE(attempt(policy, table, "other@b.cz", "192.0.2.9", true, t_start + 30s, &decision));
    EXPECT_EQ(decision.limit, ThrottleLimit::ip);
    EXPECT_EQ(decision.retry_after, 30s);
    // Other addresses are not affected, and the window's end frees this one.
    EXPECT_TRUE(attempt(policy, table, "other@b.cz", "192.0.2.10", true, t_start + 30s));
    EXPECT_TRUE(attempt(policy, table, "other@b.cz", "192.0.2.9", true, t_start + 60s));
}

TEST(LoginThrottle, ReportsTheLongerWaitWhenBothRefuse) {
    const LoginThrottlePolicy policy;
    const ThrottleCounter account{9, t_start, t_start + 16s};
    const ThrottleCounter ip{20, t_start};  // full until start + 60 s
    const auto decision = policy.decide(account, ip, t_start);
    EXPECT_FALSE(decision.allowed);
    EXPECT_EQ(decision.limit, ThrottleLimit::account);
    EXPECT_EQ(decision.retry_after, 60s);
}

TEST(LoginThrottle, CountersOpenANewWindowWhenTheOldOneHasPassed) {
    const auto first = LoginThrottlePolicy::count_event(std::nullopt, t_start, 60s);
    EXPECT_EQ(first.window_start, t_start);
    EXPECT_EQ(first.count, 1);
    EXPECT_EQ(first.locked_until, std::nullopt);
    auto second = LoginThrottlePolicy::count_event(first, t_start + 59s, 60s);
    EXPECT_EQ(second.window_start, t_start);
    EXPECT_EQ(second.count, 2);
    second.locked_until = t_start + 70s;
    const auto third = LoginThrottlePolicy::count_event(second, t_start + 60s, 60s);
    EXPECT_EQ(third.window_start, t_start + 60s);
    EXPECT_EQ(third.count, 1);
    EXPECT_EQ(third.locked_until, t_start + 70s);  // counting never lifts a lock
}

// The bound the header promises: an attacker guessing one account's password as fast as the
// policy lets them, from any number of addresses, for a day.
TEST(LoginThrottle, LimitsAPersistentAttackerToAboutFifteenGuessesPerQuarterHour) {
    const LoginThrottlePolicy policy;
    ThrottleTable table;
    ManualClock clock(t_start);
    int guesses = 0;
    int address = 0;
    while (clock.now() < t_start + 24h) {
        const auto ip = "198.51.100." + std::to_string(address++ % 250);
        ThrottleDecision decision;
        if (attempt(policy, table, "victim@b.cz", ip, false, clock.now(), &decision)) {
            ++guesses;
        } else {
            clock.advance(decision.retry_after);
        }
    }
    EXPECT_LE(guesses, 16 * 96);
    EXPECT_GE(guesses, 5 * 96);  // and legitimate retries are not locked out for good
}

TEST(LoginThrottleKeys, AccountKeysIgnoreCaseAndSpaceAndHideTheAddress) {
    const auto key = account_throttle_key("Jiri.Novak@Praha.example");
    EXPECT_EQ(key, account_throttle_key("  jiri.novak@praha.example\n"));
    EXPECT_NE(key, account_throttle_key("jiri.novak2@praha.example"));
    EXPECT_TRUE(key.starts_with("account:"));
    EXPECT_EQ(key.size(), 8U + 64U);
    EXPECT_EQ(key.find("novak"), std::string::npos);
}

TEST(LoginThrottleKeys, AddressKeysGroupIpv6ByNetwork) {
    EXPECT_EQ(ip_throttle_key("192.0.2.7"), "ip:192.0.2.7");
    EXPECT_EQ(ip_throttle_key("::ffff:192.0.2.7"), "ip:192.0.2.7");
    EXPECT_EQ(ip_throttle_key("2001:db8:1:2:3:4:5:6"), "ip:2001:db8:1:2::/64");
    EXPECT_EQ(ip_throttle_key("2001:DB8:1:2::ffff"), "ip:2001:db8:1:2::/64");
    EXPECT_NE(ip_throttle_key("2001:db8:1:3::1"), ip_throttle_key("2001:db8:1:2::1"));
    EXPECT_EQ(ip_throttle_key("::1"), "ip:::/64");
    for (const auto* bad :
         {"", "localhost", "192.0.2", "192.0.2.256", "2001:db8::/64", "1.2.3.4 "}) {
        try {
            ip_throttle_key(bad);
            ADD_FAILURE() << "accepted '" << bad << "'";
        } catch (const core::Error& error) {
            EXPECT_EQ(error.field(), "address");
        }
    }
}

TEST(LoginThrottle, ValidatesItsSettings) {
    const auto field_of = [](LoginThrottleSettings settings) {
        try {
            LoginThrottlePolicy policy(settings);
        } catch (const core::Error& error) {
            return error.field();
        }
        return std::string("none");
    };
    EXPECT_EQ(field_of({.account_free_failures = 0}), "account_free_failures");
    EXPECT_EQ(field_of({.account_window = 0s}), "account_window");
    EXPECT_EQ(field_of({.first_delay = 0s}), "first_delay");
    EXPECT_EQ(field_of({.first_delay = 10s, .max_delay = 5s}), "max_delay");
    EXPECT_EQ(field_of({.ip_max_attempts = 0}), "ip_max_attempts");
    EXPECT_EQ(field_of({.ip_window = -1s}), "ip_window");
    EXPECT_EQ(field_of({}), "none");
}

}  // namespace
}  // namespace okrsek::service::security
