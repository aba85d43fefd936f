#pragma once

#include <string>
#include <string_view>

namespace okrsek::service::security {

/// Random bytes in every token: 256 bits, far beyond guessing, so that a plain (unkeyed,
/// unsalted) hash is enough to store them.
inline constexpr std::size_t token_random_bytes = 32;

/// Length of the random part: URL-safe base64 of 32 bytes without padding.
inline constexpr std::size_t token_text_length = 43;

/// Prefix of API tokens for machine clients. A recognisable prefix lets secret scanners
/// (GitHub, GitLab, trufflehog) flag a token pasted into a repository or a ticket.
inline constexpr std::string_view api_token_prefix = "okt_";

/// A new opaque token: `prefix` followed by 43 URL-safe base64 characters (A–Z a–z 0–9 - _).
/// Session cookies use no prefix; machine tokens use api_token_prefix.
std::string new_secret_token(std::string_view prefix = {});

/// new_secret_token(api_token_prefix).
std::string new_api_token();

/// Whether `token` has the shape new_secret_token(prefix) produces. Lets a caller refuse
/// garbage (or a cookie of megabytes) before hashing it and asking the database.
bool is_well_formed_token(std::string_view token, std::string_view prefix = {});

/// What the database stores instead of a token: BLAKE2b-256 of the whole token (prefix
/// included), as 64 lower-case hex digits. A database leak then reveals no usable token.
std::string token_hash(std::string_view token);

/// Compares two secrets in time that depends only on their lengths (lengths are not secret),
/// so a remote attacker cannot learn a correct prefix from response times.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace okrsek::service::security
