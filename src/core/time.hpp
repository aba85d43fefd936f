#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace okrsek::core {

/// ISO 8601 in UTC with second precision, e.g. "2026-11-22T19:04:05Z".
std::string to_iso8601_utc(std::chrono::system_clock::time_point time);

/// Reads "2026-11-22T19:04:05Z" or a date alone ("2026-11-22", midnight UTC); std::nullopt for
/// anything else (other offsets, fractions, impossible dates).
std::optional<std::chrono::system_clock::time_point> parse_iso8601_utc(std::string_view text);

/// to_iso8601_utc(now).
std::string now_iso8601_utc();

}  // namespace okrsek::core
