#include "service/reports/report_input.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/error.hpp"
#include "core/lon_lat.hpp"

namespace okrsek::service::reports {

using core::Error;
using core::ErrorCode;

namespace {

[[noreturn]] void refuse(std::string_view field, const std::string& message) {
    throw Error(ErrorCode::invalid_argument, std::string(field) + ": " + message,
                std::string(field));
}

bool valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t length = c < 0x80           ? 1
                             : (c >> 5) == 0x6  ? 2
                             : (c >> 4) == 0xE  ? 3
                             : (c >> 3) == 0x1E ? 4
                                                : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        }
        i += length;
    }
    return true;
}

std::string trimmed(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(begin, end - begin + 1));
}

bool is_phone(std::string_view phone) {
    return std::all_of(phone.begin(), phone.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '(' || c == ')' || c == '-' ||
               c == '/' || c == '.';
    });
}

}  // namespace

void check_text(std::string_view text, std::string_view field, std::size_t min, std::size_t max) {
    if (text.size() < min) {
        refuse(field, min == 1 ? "must not be empty"
                               : "must have at least " + std::to_string(min) + " bytes");
    }
    if (text.size() > max) refuse(field, "must have at most " + std::to_string(max) + " bytes");
    if (!valid_utf8(text)) refuse(field, "is not valid UTF-8");
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7F) {
            refuse(field, "holds control characters");
        }
    }
}

bool is_plain_email(std::string_view email) noexcept {
    if (email.size() < 3 || email.size() > 254) return false;
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 ||
        email.find('@', at + 1) != std::string_view::npos)
        return false;
    const auto domain = email.substr(at + 1);
    const auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
    return std::all_of(email.begin(), email.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7F && c != '<' && c != '>' && c != '(' && c != ')' && c != ',' &&
               c != ';' && c != ':' && c != '\\' && c != '"' && c != '[' && c != ']';
    });
}

CheckedSubmission check_submission(const ReportSubmission& submission) {
    check_text(submission.description, "description", 10, store::max_report_description_bytes);
    check_text(submission.address_text, "address_text", 0, store::max_report_address_bytes);
    if (submission.category_code.empty() || submission.category_code.size() > 64) {
        refuse("category", "must name a category");
    }
    if (submission.photos.size() > store::max_report_photos) {
        throw Error(ErrorCode::payload_too_large,
                    "at most " + std::to_string(store::max_report_photos) + " photos", "photos");
    }
    if (submission.language != "cs" && submission.language != "en") {
        refuse("lang", "must be cs or en");
    }
    CheckedSubmission checked;
    checked.contact.language = submission.language;
    auto& contact = checked.contact.contact;
    contact.name = trimmed(submission.contact.name);
    check_text(contact.name, "contact.name", 0, 200);
    if (contact.name.find_first_of("\r\n\t") != std::string::npos) {
        refuse("contact.name", "must be one line");
    }
    contact.email = trimmed(submission.contact.email);
    std::transform(contact.email.begin(), contact.email.end(), contact.email.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!contact.email.empty() && !is_plain_email(contact.email)) {
        refuse("contact.email", "must be one e-mail address");
    }
    checked.email = contact.email;
    contact.phone = trimmed(submission.contact.phone);
    if (contact.phone.size() > 40 || !is_phone(contact.phone)) {
        refuse("contact.phone", "must be digits, spaces and + ( ) - / . (at most 40)");
    }
    return checked;
}

std::vector<store::ReportState> open_states() {
    return {store::ReportState::new_, store::ReportState::acknowledged,
            store::ReportState::in_progress, store::ReportState::reopened};
}

std::array<std::int64_t, 4> box_around(double lon, double lat, double radius_m) {
    const double dlat = radius_m / core::earth_radius_m * 180.0 / std::numbers::pi;
    const double cos_lat = std::max(std::cos(lat * std::numbers::pi / 180.0), 0.01);
    const double dlon = dlat / cos_lat;
    const auto e7 = [](double degrees) { return std::llround(degrees * 1e7); };
    return {e7(std::max(lon - dlon, -180.0)), e7(std::max(lat - dlat, -90.0)),
            e7(std::min(lon + dlon, 180.0)), e7(std::min(lat + dlat, 90.0))};
}

double distance_m(double lon1, double lat1, double lon2, double lat2) {
    constexpr double to_rad = std::numbers::pi / 180.0;
    const double x = (lon2 - lon1) * to_rad * std::cos((lat1 + lat2) / 2.0 * to_rad);
    const double y = (lat2 - lat1) * to_rad;
    return std::sqrt(x * x + y * y) * core::earth_radius_m;
}

}  // namespace okrsek::service::reports
