#include "core/time.hpp"

#include <cstdio>

namespace okrsek::core {

std::string to_iso8601_utc(std::chrono::system_clock::time_point time) {
    auto seconds = std::chrono::floor<std::chrono::seconds>(time);
    auto days = std::chrono::floor<std::chrono::days>(seconds);
    std::chrono::year_month_day ymd{days};
    std::chrono::hh_mm_ss hms{seconds - days};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                  static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()));
    return buffer;
}

namespace {

std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_iso8601_utc(std::string_view text) {
    using namespace std::chrono;
    if (text.size() != 10 && text.size() != 20) return std::nullopt;
    if (text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = digits(text, 0, 4);
    const auto mo = digits(text, 5, 2);
    const auto d = digits(text, 8, 2);
    if (!y || !mo || !d) return std::nullopt;
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                              day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;
    sys_seconds time = sys_days{date};
    if (text.size() == 20) {
        if (text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
            return std::nullopt;
        }
        const auto h = digits(text, 11, 2);
        const auto mi = digits(text, 14, 2);
        const auto s = digits(text, 17, 2);
        if (!h || !mi || !s || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
        time += hours{*h} + minutes{*mi} + seconds{*s};
    }
    return time;
}

std::string now_iso8601_utc() {
    return to_iso8601_utc(std::chrono::system_clock::now());
}

}  // namespace okrsek::core
