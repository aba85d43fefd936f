#include "service/security/recovery_codes.hpp"

#include <sodium.h>

#include <algorithm>

#include "core/error.hpp"
#include "service/security/random.hpp"
#include "service/security/secret_token.hpp"

namespace okrsek::service::security {
namespace {

static_assert(recovery_code_key_bytes == crypto_generichash_KEYBYTES);

constexpr std::size_t group_symbols = 5;
constexpr std::size_t hash_bytes = 32;
// Prefixed to every hashed code, so that the same server key used elsewhere can never yield
// a hash that also passes as a recovery code's.
constexpr std::string_view domain = "okrsek recovery code v1:";

// The code reduced to its symbols, lower case; empty when it holds anything else or has the
// wrong length.
std::string normalised(std::string_view code) {
    std::string symbols;
    for (char symbol : code) {
        if (symbol == '-' || symbol == ' ') continue;
        if (symbol >= 'A' && symbol <= 'Z') symbol = static_cast<char>(symbol - 'A' + 'a');
        if (recovery_code_alphabet.find(symbol) == std::string_view::npos) return {};
        if (symbols.size() == recovery_code_symbols) return {};
        symbols.push_back(symbol);
    }
    return symbols.size() == recovery_code_symbols ? symbols : std::string();
}

std::string new_code() {
    std::string code;
    for (std::size_t i = 0; i < recovery_code_symbols; ++i) {
        if (i == group_symbols) code.push_back('-');
        code.push_back(recovery_code_alphabet[random_below(
            static_cast<std::uint32_t>(recovery_code_alphabet.size()))]);
    }
    return code;
}

}  // namespace

RecoveryCodes::RecoveryCodes(std::span<const unsigned char> server_key)
    : m_key(server_key.begin(), server_key.end()) {
    if (m_key.size() != recovery_code_key_bytes) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "the recovery code key must be 32 bytes", "recovery_code_key");
    }
    ensure_sodium();
}

RecoveryCodeSet RecoveryCodes::generate() const {
    RecoveryCodeSet set;
    while (set.codes.size() < recovery_code_count) {
        std::string code = new_code();
        // A repeat within a set (odds about 2^-44) would leave the user one code short.
        if (std::find(set.codes.begin(), set.codes.end(), code) != set.codes.end()) continue;
        set.hashes.push_back(hash(code));
        set.codes.push_back(std::move(code));
    }
    return set;
}

std::string RecoveryCodes::hash(std::string_view code) const {
    const std::string symbols = normalised(code);
    if (symbols.empty()) {
        throw core::Error(core::ErrorCode::invalid_argument, "not a recovery code", "code");
    }
    const std::string message = std::string(domain) + symbols;
    unsigned char digest[hash_bytes];
    crypto_generichash(digest, sizeof digest,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       m_key.data(), m_key.size());
    char hex[2 * hash_bytes + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex, 2 * hash_bytes);
}

std::optional<std::size_t> RecoveryCodes::verify_and_consume(
    std::string_view entered, std::span<StoredRecoveryCode> codes) const {
    if (normalised(entered).empty()) return {};
    const std::string entered_hash = hash(entered);
    std::optional<std::size_t> matched;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const bool equal = constant_time_equal(codes[i].hash, entered_hash);
        if (equal && !codes[i].used && !matched) matched = i;
    }
    if (matched) codes[*matched].used = true;
    return matched;
}

}  // namespace okrsek::service::security
