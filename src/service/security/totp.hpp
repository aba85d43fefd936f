#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "service/security/clock.hpp"

namespace okrsek::service::security {

/// Length of a TOTP secret: 160 bits, the length RFC 4226 recommends and HMAC-SHA1's output.
inline constexpr std::size_t totp_secret_bytes = 20;

/// Shortest secret accepted when computing codes: RFC 4226's minimum of 128 bits.
inline constexpr std::size_t min_totp_secret_bytes = 16;

/// TOTP parameters. The defaults (HMAC-SHA1, 6 digits, 30 s) are the only ones every common
/// authenticator app (Google Authenticator, Aegis, FreeOTP, Microsoft Authenticator) honours,
/// so change them only for tests.
struct TotpSettings {
    std::string issuer = "okrsek";  ///< shown by the app above the code
    int digits = 6;
    std::chrono::seconds period{30};
    /// Steps accepted before and after the current one, for clock drift and typing time.
    int window_steps = 1;
};

/// Throws core::Error invalid_argument (field "issuer", "digits", "period" or
/// "window_steps"): issuer empty or over 64 bytes or containing ':', digits outside 6–8,
/// period outside 1–300 s, window outside 0–5.
void validate(const TotpSettings& settings);

/// A new random secret of totp_secret_bytes. The caller stores it encrypted or at least
/// access-controlled: unlike a password it must be readable to check codes.
std::vector<unsigned char> new_totp_secret();

/// The time step (RFC 6238 T) of `time`: whole periods since the Unix epoch.
std::int64_t totp_step(std::chrono::system_clock::time_point time, std::chrono::seconds period);

/// The HOTP value (RFC 4226) of `secret` at `counter`, `digits` digits with leading zeros.
/// TOTP is hotp_code(secret, totp_step(now, period), digits). Uses OpenSSL's HMAC-SHA1
/// (libsodium has no SHA-1). Throws invalid_argument (field "secret") for a secret shorter
/// than min_totp_secret_bytes or "digits" outside 6–8; internal when OpenSSL fails.
std::string hotp_code(std::span<const unsigned char> secret, std::uint64_t counter, int digits);

/// The otpauth:// URI an authenticator app reads from a QR code:
/// otpauth://totp/ISSUER:EMAIL?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
/// with the label and issuer percent-encoded (RFC 3986, everything but unreserved characters).
std::string totp_uri(std::string_view email, std::span<const unsigned char> secret,
                     const TotpSettings& settings = {});

/// Checks TOTP codes against the clock, with replay protection. Thread-safe.
class TotpVerifier {
public:
    /// `clock` must outlive the verifier. Throws like validate().
    explicit TotpVerifier(const Clock& clock, TotpSettings settings = {});

    /// The time step whose code `code` is, among the current step ± window_steps, provided
    /// it is later than `last_used_step` (the step of the user's previous successful code,
    /// which the caller stores). The caller then stores the returned step, so the same code
    /// (or an older one) can never be used twice, not even by someone watching over the
    /// user's shoulder within the same 30 seconds. std::nullopt for a wrong, expired, reused
    /// or malformed code. Spaces in `code` are ignored ("123 456", as apps display it).
    /// Throws invalid_argument (field "secret") for a too short secret.
    std::optional<std::int64_t> verify(std::span<const unsigned char> secret, std::string_view code,
                                       std::optional<std::int64_t> last_used_step) const;

    /// totp_uri with this verifier's settings.
    std::string uri(std::string_view email, std::span<const unsigned char> secret) const;

    const TotpSettings& settings() const noexcept { return m_settings; }

private:
    const Clock& m_clock;
    TotpSettings m_settings;
};

}  // namespace okrsek::service::security
