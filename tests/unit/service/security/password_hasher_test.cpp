#include "service/security/password_hasher.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace okrsek::service::security {
namespace {

using namespace std::chrono_literals;

// The floor: the cheapest settings validate() accepts, to keep the tests quick.
PasswordHashSettings floor_settings() {
    return {.opslimit = min_opslimit, .memlimit_bytes = min_memlimit_bytes};
}

core::Error error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const core::Error& error) {
        return error;
    }
    throw std::logic_error("expected a core::Error");
}

TEST(PasswordHasher, DefaultsToLibsodiumsInteractiveArgon2id) {
    PasswordHasher hasher;
    const auto hash = hasher.hash("kocour prede na okne");
    EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << hash;
    EXPECT_TRUE(hasher.verify("kocour prede na okne", hash).matches);
    EXPECT_FALSE(hasher.verify("kocour prede na okne", hash).needs_rehash);
}

TEST(PasswordHasher, VerifiesOnlyTheRightPassword) {
    PasswordHasher hasher(floor_settings());
    const auto hash = hasher.hash("žluťoučký kůň úpěl");
    EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << hash;
    EXPECT_TRUE(hasher.verify("žluťoučký kůň úpěl", hash).matches);
    EXPECT_FALSE(hasher.verify("žluťoučký kůň úpěl ", hash).matches);
    EXPECT_FALSE(hasher.verify("Žluťoučký kůň úpěl", hash).matches);
    EXPECT_FALSE(hasher.verify("", hash).matches);
}

TEST(PasswordHasher, SaltsEveryHash) {
    PasswordHasher hasher(floor_settings());
    EXPECT_NE(hasher.hash("same password here"), hasher.hash("same password here"));
}

TEST(PasswordHasher, HashesTheEmptyPasswordAndTheLongestAccepted) {
    PasswordHasher hasher(floor_settings());
    const auto empty = hasher.hash("");
    EXPECT_TRUE(hasher.verify("", empty).matches);
    const std::string longest(max_password_bytes, 'x');
    const auto hash = hasher.hash(longest);
    EXPECT_TRUE(hasher.verify(longest, hash).matches);
    const auto error = error_of([&] { hasher.hash(longest + "x"); });
    EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(error.field(), "password");
    EXPECT_FALSE(hasher.verify(longest + "x", hash).matches);
}

TEST(PasswordHasher, UnknownAccountsAndBrokenHashesNeverMatch) {
    PasswordHasher hasher(floor_settings());
    EXPECT_FALSE(hasher.verify("anything at all", std::nullopt).matches);
    EXPECT_FALSE(hasher.verify("", std::nullopt).matches);
    EXPECT_FALSE(hasher.verify("anything at all", std::string("plain text")).matches);
    EXPECT_FALSE(hasher.verify("", std::string("")).matches);
    EXPECT_FALSE(hasher.verify("x", std::string("$argon2id$v=19$garbage")).matches);
}

// Unknown accounts cost a verification of the dummy hash: without it they would answer in
// microseconds and reveal which addresses have an account. Medians of several runs, and a
// generous margin, so that a loaded machine does not make this flaky; the fast path it
// guards against would be a thousand times quicker.
TEST(PasswordHasher, UnknownAccountsCostAsMuchAsKnownOnes) {
    PasswordHasher hasher(floor_settings());
    const auto hash = hasher.hash("the real password");
    const auto median_ms = [&](const std::optional<std::string>& stored) {
        std::vector<double> times;
        for (int i = 0; i < 5; ++i) {
            const auto start = std::chrono::steady_clock::now();
            hasher.verify("a wrong password", stored);
            times.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count());
        }
        std::sort(times.begin(), times.end());
        return times[2];
    };
    const double known = median_ms(hash);
    const double unknown = median_ms(std::nullopt);
    const double broken = median_ms(std::string("not a hash"));
    EXPECT_GT(unknown, known * 0.3) << "known " << known << " ms, unknown " << unknown << " ms";
    EXPECT_GT(broken, known * 0.3) << "known " << known << " ms, broken " << broken << " ms";
}

TEST(PasswordHasher, AsksForARehashWhenTheSettingsChanged) {
    PasswordHasher weak(floor_settings());
    PasswordHasher current;
    const auto old_hash = weak.hash("kocour prede na okne");
    const auto check = current.verify("kocour prede na okne", old_hash);
    EXPECT_TRUE(check.matches);  // old hashes keep working
    EXPECT_TRUE(check.needs_rehash);
    EXPECT_FALSE(current.verify("wrong", old_hash).needs_rehash);  // only after a match
    EXPECT_TRUE(current.needs_rehash(old_hash));
    EXPECT_FALSE(current.needs_rehash(current.hash("kocour prede na okne")));
    EXPECT_TRUE(current.needs_rehash("not a hash"));
}

// Argon2i hashes (the only other kind libsodium verifies) still match but are replaced by
// Argon2id, even when made with the current parameters (Argon2i needs at least 3 passes).
TEST(PasswordHasher, ReplacesArgon2iHashes) {
    PasswordHasher current({.opslimit = 3, .memlimit_bytes = min_memlimit_bytes});
    char argon2i[crypto_pwhash_STRBYTES];
    const std::string_view password = "kocour prede na okne";
    ASSERT_EQ(
        crypto_pwhash_argon2i_str(argon2i, password.data(), password.size(), 3, min_memlimit_bytes),
        0);
    const auto legacy = current.verify(password, std::string(argon2i));
    EXPECT_TRUE(legacy.matches);
    EXPECT_TRUE(legacy.needs_rehash);
}

TEST(PasswordHasher, RefusesSettingsBelowTheFloor) {
    const auto field_of = [](PasswordHashSettings settings) {
        return error_of([&] { PasswordHasher hasher(settings); }).field();
    };
    auto settings = floor_settings();
    settings.opslimit = 1;
    EXPECT_EQ(field_of(settings), "opslimit");
    settings = floor_settings();
    settings.memlimit_bytes = min_memlimit_bytes - 1024;
    EXPECT_EQ(field_of(settings), "memlimit_bytes");
    settings = floor_settings();
    settings.max_concurrent = 0;
    EXPECT_EQ(field_of(settings), "max_concurrent");
    settings.max_concurrent = 65;
    EXPECT_EQ(field_of(settings), "max_concurrent");
    settings = floor_settings();
    settings.queue_timeout = -1ms;
    EXPECT_EQ(field_of(settings), "queue_timeout");
    EXPECT_EQ(error_of([] { validate(PasswordHashSettings{.opslimit = 1}); }).code(),
              core::ErrorCode::invalid_argument);
    EXPECT_NO_THROW(validate(floor_settings()));
    EXPECT_NO_THROW(validate(PasswordHashSettings{}));
}

// With one turn and no patience, a caller arriving while another hashes is turned away with
// unavailable instead of queueing more memory.
TEST(PasswordHasher, TurnsAwayCallersBeyondTheLimit) {
    auto settings = floor_settings();
    settings.max_concurrent = 1;
    settings.queue_timeout = 0ms;
    PasswordHasher hasher(settings);
    std::atomic<bool> stop = false;
    std::atomic<int> busy_hashes = 0;
    std::thread busy([&] {
        while (!stop) {
            try {
                hasher.hash("keeps the only turn busy");
                ++busy_hashes;
            } catch (const core::Error&) {
                // The test's own caller held the turn for once: the same rule, seen from here.
            }
        }
    });
    while (busy_hashes == 0) std::this_thread::yield();  // the thread is hashing in a loop
    int refused = 0;
    for (int i = 0; i < 50 && refused == 0; ++i) {
        try {
            hasher.verify("another caller", std::nullopt);
        } catch (const core::Error& error) {
            EXPECT_EQ(error.code(), core::ErrorCode::unavailable);
            EXPECT_EQ(std::string(error.what()).find("another caller"), std::string::npos);
            ++refused;
        }
    }
    stop = true;
    busy.join();
    EXPECT_EQ(refused, 1);
}

// Callers within their timeout wait for a turn and all succeed.
TEST(PasswordHasher, QueuedCallersGetTheirTurn) {
    auto settings = floor_settings();
    settings.max_concurrent = 2;
    settings.queue_timeout = 60s;
    PasswordHasher hasher(settings);
    const auto hash = hasher.hash("shared password value");
    std::atomic<int> matched = 0;
    std::vector<std::thread> callers;
    for (int i = 0; i < 6; ++i) {
        callers.emplace_back([&] {
            if (hasher.verify("shared password value", hash).matches) ++matched;
        });
    }
    for (auto& caller : callers) caller.join();
    EXPECT_EQ(matched, 6);
}

}  // namespace
}  // namespace okrsek::service::security
