#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>

namespace okrsek::service::security {

/// Argon2id cost and how many hashes may run at once.
struct PasswordHashSettings {
    /// Passes over memory (Argon2 t). Default: libsodium's OPSLIMIT_INTERACTIVE.
    std::uint64_t opslimit = 2;
    /// Memory per hash in bytes (Argon2 m). Default: libsodium's MEMLIMIT_INTERACTIVE, 64 MiB.
    std::size_t memlimit_bytes = std::size_t{64} << 20;
    /// Hashes running at once; peak memory is max_concurrent × memlimit_bytes.
    int max_concurrent = 2;
    /// How long a caller beyond max_concurrent waits for a turn before giving up.
    std::chrono::milliseconds queue_timeout{5000};
};

/// The weakest accepted cost: the minimum of the OWASP Password Storage Cheat Sheet, which
/// ASVS-based reviews apply: Argon2id with t ≥ 2 passes and m ≥ 19 MiB.
inline constexpr std::uint64_t min_opslimit = 2;
inline constexpr std::size_t min_memlimit_bytes = std::size_t{19} << 20;

/// Longest password accepted, in bytes; matches PasswordPolicySettings::max_bytes.
inline constexpr std::size_t max_password_bytes = 1024;

/// Throws core::Error invalid_argument, naming the setting in `field` ("opslimit",
/// "memlimit_bytes", "max_concurrent", "queue_timeout"), for settings below the floor above
/// or outside libsodium's limits.
void validate(const PasswordHashSettings& settings);

/// The outcome of checking a password against a stored hash.
struct PasswordCheck {
    bool matches = false;
    /// The hash was made with other settings than the current ones: after a successful login
    /// the caller should store hash(password) in its place.
    bool needs_rehash = false;
};

/// Hashes and verifies passwords with Argon2id (libsodium crypto_pwhash_str). Hash strings
/// are self-describing ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash", at most 127 characters),
/// so settings can change without invalidating stored hashes. Thread-safe.
///
/// Each Argon2id run holds memlimit_bytes of memory for tens of milliseconds, so a burst of
/// logins could exhaust a server's memory. A counting semaphore lets at most max_concurrent
/// runs proceed; a caller beyond that waits up to queue_timeout, then gets core::Error
/// unavailable (HTTP 503, "try again") instead of adding to the pile.
class PasswordHasher {
public:
    /// Validates the settings (see validate) and computes the dummy hash used for unknown
    /// accounts, which costs one hash.
    explicit PasswordHasher(PasswordHashSettings settings = {});
    ~PasswordHasher();
    PasswordHasher(const PasswordHasher&) = delete;
    PasswordHasher& operator=(const PasswordHasher&) = delete;

    const PasswordHashSettings& settings() const noexcept { return m_settings; }

    /// A new hash string with a fresh random salt. Throws invalid_argument (field "password")
    /// for a password over max_password_bytes, unavailable when no turn came in time or
    /// memory ran out.
    std::string hash(std::string_view password);

    /// Checks `password` against `stored_hash`. Pass std::nullopt when the account does not
    /// exist (or has no password yet): the password is then checked against a dummy hash of
    /// the same cost and never matches. Without that, "unknown account" would answer in
    /// microseconds and "wrong password" in tens of milliseconds, and anyone could tell from
    /// the response time which e-mail addresses have an account (account enumeration).
    /// A stored hash that is not an Argon2 hash string never matches (and costs the same).
    /// Throws unavailable like hash().
    PasswordCheck verify(std::string_view password, const std::optional<std::string>& stored_hash);

    /// Whether `stored_hash` was made with settings other than the current ones (or is not a
    /// hash string at all).
    bool needs_rehash(std::string_view stored_hash) const;

private:
    class Turn;
    Turn wait_for_turn();

    PasswordHashSettings m_settings;
    std::unique_ptr<std::counting_semaphore<>> m_turns;
    std::string m_dummy_hash;
};

}  // namespace okrsek::service::security
