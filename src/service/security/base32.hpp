#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace okrsek::service::security {

/// RFC 4648 base32 (alphabet A–Z 2–7), upper case, without '=' padding: the form authenticator
/// apps expect in an otpauth:// URI's `secret`.
std::string base32_encode(std::span<const unsigned char> bytes);

/// Decodes RFC 4648 base32, case-insensitively, with or without trailing '=' padding.
/// std::nullopt for any other character, for misplaced padding or for a length no encoder
/// produces (1, 3 or 6 characters in the last group).
std::optional<std::vector<unsigned char>> base32_decode(std::string_view text);

}  // namespace okrsek::service::security
