#pragma once

#include <chrono>
#include <string>

namespace okrsek::core {

/// ISO 8601 in UTC with second precision, e.g. "2026-11-22T19:04:05Z".
std::string to_iso8601_utc(std::chrono::system_clock::time_point time);

/// to_iso8601_utc(now).
std::string now_iso8601_utc();

}  // namespace okrsek::core
