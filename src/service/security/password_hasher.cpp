#include "service/security/password_hasher.hpp"

#include <sodium.h>

#include <string>

#include "core/error.hpp"
#include "service/security/random.hpp"

namespace okrsek::service::security {
namespace {

using core::Error;
using core::ErrorCode;

static_assert(PasswordHashSettings{}.opslimit == crypto_pwhash_OPSLIMIT_INTERACTIVE);
static_assert(PasswordHashSettings{}.memlimit_bytes == crypto_pwhash_MEMLIMIT_INTERACTIVE);

constexpr int max_concurrent_limit = 64;

bool is_hash_string(std::string_view text) {
    // crypto_pwhash_str_verify understands these two; anything else is not ours.
    return (text.starts_with("$argon2id$") || text.starts_with("$argon2i$")) &&
           text.size() < crypto_pwhash_STRBYTES;
}

// An empty std::string_view may hold a null pointer, which libsodium need not accept.
const char* data_of(std::string_view text) {
    return text.empty() ? "" : text.data();
}

}  // namespace

void validate(const PasswordHashSettings& settings) {
    if (settings.opslimit < min_opslimit || settings.opslimit > crypto_pwhash_OPSLIMIT_MAX) {
        throw Error(ErrorCode::invalid_argument,
                    "Argon2id opslimit " + std::to_string(settings.opslimit) +
                        " is below the minimum of " + std::to_string(min_opslimit) +
                        " or above libsodium's maximum",
                    "opslimit");
    }
    if (settings.memlimit_bytes < min_memlimit_bytes ||
        settings.memlimit_bytes > crypto_pwhash_MEMLIMIT_MAX) {
        throw Error(ErrorCode::invalid_argument,
                    "Argon2id memlimit " + std::to_string(settings.memlimit_bytes) +
                        " bytes is below the minimum of 19 MiB or above libsodium's maximum",
                    "memlimit_bytes");
    }
    if (settings.max_concurrent < 1 || settings.max_concurrent > max_concurrent_limit) {
        throw Error(ErrorCode::invalid_argument,
                    "concurrent password hashes must be between 1 and " +
                        std::to_string(max_concurrent_limit),
                    "max_concurrent");
    }
    if (settings.queue_timeout.count() < 0) {
        throw Error(ErrorCode::invalid_argument, "queue timeout must not be negative",
                    "queue_timeout");
    }
}

/// Holds one of the semaphore's slots for as long as it lives.
class PasswordHasher::Turn {
public:
    explicit Turn(std::counting_semaphore<>& turns) : m_turns(turns) {}
    ~Turn() { m_turns.release(); }
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;

private:
    std::counting_semaphore<>& m_turns;
};

PasswordHasher::PasswordHasher(PasswordHashSettings settings) : m_settings(settings) {
    validate(m_settings);
    ensure_sodium();
    m_turns = std::make_unique<std::counting_semaphore<>>(m_settings.max_concurrent);
    // The dummy's password is random and forgotten at once: nothing can ever match it.
    const auto secret = random_bytes(32);
    char text[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(text, sizeof text, secret.data(), secret.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    m_dummy_hash = hash(text);
    sodium_memzero(text, sizeof text);
}

PasswordHasher::~PasswordHasher() = default;

PasswordHasher::Turn PasswordHasher::wait_for_turn() {
    if (!m_turns->try_acquire_for(m_settings.queue_timeout)) {
        throw Error(ErrorCode::unavailable, "too many password checks at once; try again");
    }
    return Turn(*m_turns);
}

std::string PasswordHasher::hash(std::string_view password) {
    if (password.size() > max_password_bytes) {
        throw Error(ErrorCode::invalid_argument,
                    "password is longer than " + std::to_string(max_password_bytes) + " bytes",
                    "password");
    }
    char out[crypto_pwhash_STRBYTES];
    {
        const Turn turn = wait_for_turn();
        if (crypto_pwhash_str(out, data_of(password), password.size(), m_settings.opslimit,
                              m_settings.memlimit_bytes) != 0) {
            // libsodium fails here only when it cannot allocate memlimit_bytes.
            throw Error(ErrorCode::unavailable, "not enough memory to hash a password");
        }
    }
    return std::string(out);
}

PasswordCheck PasswordHasher::verify(std::string_view password,
                                     const std::optional<std::string>& stored_hash) {
    const bool usable = stored_hash && is_hash_string(*stored_hash);
    const bool acceptable_length = password.size() <= max_password_bytes;
    const std::string& against = usable ? *stored_hash : m_dummy_hash;
    // An over-long password still costs one verification, of nothing, so that its answer
    // takes as long as any other.
    const std::string_view checked = acceptable_length ? password : std::string_view();
    int result = 0;
    {
        const Turn turn = wait_for_turn();
        result = crypto_pwhash_str_verify(against.c_str(), data_of(checked), checked.size());
    }
    PasswordCheck check;
    check.matches = usable && acceptable_length && result == 0;
    check.needs_rehash = check.matches && needs_rehash(*stored_hash);
    return check;
}

bool PasswordHasher::needs_rehash(std::string_view stored_hash) const {
    // Argon2i hashes still verify but are replaced: Argon2id resists side channels and GPUs
    // better, and libsodium would call an Argon2i hash with equal parameters current.
    if (!is_hash_string(stored_hash) || !stored_hash.starts_with("$argon2id$")) return true;
    const std::string terminated(stored_hash);
    // 1: other parameters, -1: not parseable; both need a new hash.
    return crypto_pwhash_str_needs_rehash(terminated.c_str(), m_settings.opslimit,
                                          m_settings.memlimit_bytes) != 0;
}

}  // namespace okrsek::service::security
