#include "service/security/totp.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <memory>

#include "core/error.hpp"
#include "service/security/base32.hpp"
#include "service/security/random.hpp"
#include "service/security/secret_token.hpp"

namespace okrsek::service::security {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::size_t sha1_bytes = 20;
constexpr std::size_t max_issuer_bytes = 64;

// Fetched once: an EVP_MAC_fetch per code costs more than the HMAC itself. Never freed, on
// purpose: it lives as long as the process, and freeing it in a static destructor could run
// after OpenSSL's own clean-up at exit.
EVP_MAC* hmac_algorithm() {
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac == nullptr) throw Error(ErrorCode::internal, "OpenSSL provides no HMAC");
    return mac;
}

struct MacContextFree {
    void operator()(EVP_MAC_CTX* context) const { EVP_MAC_CTX_free(context); }
};

std::array<unsigned char, sha1_bytes> hmac_sha1(std::span<const unsigned char> key,
                                                std::span<const unsigned char> message) {
    const std::unique_ptr<EVP_MAC_CTX, MacContextFree> context(EVP_MAC_CTX_new(hmac_algorithm()));
    char digest[] = "SHA1";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    std::array<unsigned char, sha1_bytes> out{};
    std::size_t out_length = 0;
    if (!context || EVP_MAC_init(context.get(), key.data(), key.size(), params) != 1 ||
        EVP_MAC_update(context.get(), message.data(), message.size()) != 1 ||
        EVP_MAC_final(context.get(), out.data(), &out_length, out.size()) != 1 ||
        out_length != out.size()) {
        throw Error(ErrorCode::internal, "OpenSSL failed to compute HMAC-SHA1");
    }
    return out;
}

void check_digits(int digits) {
    if (digits < 6 || digits > 8) {
        throw Error(ErrorCode::invalid_argument, "TOTP codes have 6 to 8 digits", "digits");
    }
}

bool is_unreserved(char symbol) {
    return (symbol >= 'A' && symbol <= 'Z') || (symbol >= 'a' && symbol <= 'z') ||
           (symbol >= '0' && symbol <= '9') || symbol == '-' || symbol == '.' || symbol == '_' ||
           symbol == '~';
}

std::string percent_encode(std::string_view text) {
    constexpr std::string_view hex = "0123456789ABCDEF";
    std::string encoded;
    for (const char symbol : text) {
        if (is_unreserved(symbol)) {
            encoded.push_back(symbol);
        } else {
            const auto byte = static_cast<unsigned char>(symbol);
            encoded.push_back('%');
            encoded.push_back(hex[byte >> 4]);
            encoded.push_back(hex[byte & 15]);
        }
    }
    return encoded;
}

// The code as typed, without the spaces apps show in the middle; empty when it is not
// `digits` decimal digits.
std::string normalised_code(std::string_view code, int digits) {
    std::string clean;
    for (const char symbol : code) {
        if (symbol == ' ') continue;
        if (symbol < '0' || symbol > '9' || clean.size() >= static_cast<std::size_t>(digits)) {
            return {};
        }
        clean.push_back(symbol);
    }
    return clean.size() == static_cast<std::size_t>(digits) ? clean : std::string();
}

}  // namespace

void validate(const TotpSettings& settings) {
    // The label is "issuer:email"; a colon in the issuer would make it ambiguous.
    if (settings.issuer.empty() || settings.issuer.size() > max_issuer_bytes ||
        settings.issuer.find(':') != std::string::npos) {
        throw Error(ErrorCode::invalid_argument, "TOTP issuer must be 1 to 64 bytes without ':'",
                    "issuer");
    }
    check_digits(settings.digits);
    if (settings.period.count() < 1 || settings.period.count() > 300) {
        throw Error(ErrorCode::invalid_argument, "TOTP period must be 1 to 300 seconds", "period");
    }
    if (settings.window_steps < 0 || settings.window_steps > 5) {
        throw Error(ErrorCode::invalid_argument, "TOTP window must be 0 to 5 steps",
                    "window_steps");
    }
}

std::vector<unsigned char> new_totp_secret() {
    return random_bytes(totp_secret_bytes);
}

std::int64_t totp_step(std::chrono::system_clock::time_point time, std::chrono::seconds period) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(time.time_since_epoch()).count();
    const auto length = period.count();
    // Floor division, so that a time before the epoch does not share step 0.
    return seconds >= 0 ? seconds / length : -((-seconds + length - 1) / length);
}

std::string hotp_code(std::span<const unsigned char> secret, std::uint64_t counter, int digits) {
    if (secret.size() < min_totp_secret_bytes) {
        throw Error(ErrorCode::invalid_argument, "TOTP secret is shorter than 128 bits", "secret");
    }
    check_digits(digits);
    std::array<unsigned char, 8> message{};
    for (std::size_t i = 0; i < message.size(); ++i) {
        message[i] = static_cast<unsigned char>(counter >> (8 * (message.size() - 1 - i)));
    }
    const auto mac = hmac_sha1(secret, message);
    // RFC 4226 §5.3, dynamic truncation: 31 bits from the offset the last nibble names.
    const std::size_t offset = mac[sha1_bytes - 1] & 0x0FU;
    const std::uint32_t bits = (static_cast<std::uint32_t>(mac[offset] & 0x7FU) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i) modulus *= 10;
    std::string code = std::to_string(bits % modulus);
    code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
    return code;
}

std::string totp_uri(std::string_view email, std::span<const unsigned char> secret,
                     const TotpSettings& settings) {
    const std::string issuer = percent_encode(settings.issuer);
    return "otpauth://totp/" + issuer + ":" + percent_encode(email) +
           "?secret=" + base32_encode(secret) + "&issuer=" + issuer +
           "&algorithm=SHA1&digits=" + std::to_string(settings.digits) +
           "&period=" + std::to_string(settings.period.count());
}

TotpVerifier::TotpVerifier(const Clock& clock, TotpSettings settings)
    : m_clock(clock), m_settings(std::move(settings)) {
    validate(m_settings);
}

std::optional<std::int64_t> TotpVerifier::verify(std::span<const unsigned char> secret,
                                                 std::string_view code,
                                                 std::optional<std::int64_t> last_used_step) const {
    if (secret.size() < min_totp_secret_bytes) {
        throw Error(ErrorCode::invalid_argument, "TOTP secret is shorter than 128 bits", "secret");
    }
    const std::string typed = normalised_code(code, m_settings.digits);
    if (typed.empty()) return {};
    const std::int64_t now = totp_step(m_clock.now(), m_settings.period);
    std::optional<std::int64_t> matched;
    // Every step of the window is computed and compared, whatever matched, so that the time
    // taken says nothing about which step (if any) the code belongs to.
    for (std::int64_t step = now - m_settings.window_steps; step <= now + m_settings.window_steps;
         ++step) {
        if (step < 0) continue;
        const bool fresh = !last_used_step || step > *last_used_step;
        const bool equal = constant_time_equal(
            hotp_code(secret, static_cast<std::uint64_t>(step), m_settings.digits), typed);
        if (equal && fresh && !matched) matched = step;
    }
    return matched;
}

std::string TotpVerifier::uri(std::string_view email, std::span<const unsigned char> secret) const {
    return totp_uri(email, secret, m_settings);
}

}  // namespace okrsek::service::security
