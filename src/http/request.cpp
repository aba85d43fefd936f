#include "http/request.hpp"

#include <charconv>
#include <cmath>

#include "core/error.hpp"

namespace okrsek::http {
namespace {

using core::Error;
using core::ErrorCode;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
            const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
            if (high < 0 || low < 0) {
                throw Error(ErrorCode::invalid_argument, "bad percent-encoding in the URL");
            }
            c = static_cast<char>(high * 16 + low);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        if (c == '\0') throw Error(ErrorCode::invalid_argument, "NUL byte in the URL");
        out.push_back(c);
    }
    return out;
}

}  // namespace

void parse_target(std::string_view target, Request& request) {
    const auto question = target.find('?');
    request.path = decode(target.substr(0, question), false);
    request.query.clear();
    if (question == std::string_view::npos) return;
    std::string_view rest = target.substr(question + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        std::string name = decode(pair.substr(0, eq), true);
        std::string value = eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1), true);
        request.query.emplace_back(std::move(name), std::move(value));
    }
}

std::optional<std::string_view> query_value(const Request& request, std::string_view name) {
    std::optional<std::string_view> found;
    for (const auto& [key, value] : request.query) {
        if (key != name) continue;
        if (found) {
            throw Error(ErrorCode::invalid_argument,
                        "parameter '" + std::string(name) + "' is given more than once",
                        std::string(name));
        }
        found = value;
    }
    return found;
}

std::optional<double> parse_number(std::string_view text) noexcept {
    if (text.empty() || text.size() > 64) return std::nullopt;
    if (text.front() == '+') text.remove_prefix(1);
    double value = 0.0;
    auto [end, ec] =
        std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> optional_number(const Request& request, std::string_view name) {
    auto text = query_value(request, name);
    if (!text) return std::nullopt;
    auto value = parse_number(*text);
    if (!value) {
        throw Error(ErrorCode::invalid_argument,
                    "parameter '" + std::string(name) + "' must be a decimal number, got '" +
                        std::string(text->substr(0, 40)) + "'",
                    std::string(name));
    }
    return value;
}

double required_number(const Request& request, std::string_view name) {
    auto value = optional_number(request, name);
    if (!value) {
        throw Error(ErrorCode::invalid_argument, "parameter '" + std::string(name) + "' is missing",
                    std::string(name));
    }
    return *value;
}

std::optional<std::int64_t> optional_integer(const Request& request, std::string_view name) {
    auto text = query_value(request, name);
    if (!text) return std::nullopt;
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (text->empty() || ec != std::errc{} || end != text->data() + text->size()) {
        throw Error(ErrorCode::invalid_argument,
                    "parameter '" + std::string(name) + "' must be an integer, got '" +
                        std::string(text->substr(0, 40)) + "'",
                    std::string(name));
    }
    return value;
}

}  // namespace okrsek::http
