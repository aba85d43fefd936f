#pragma once

// Checks of what citizens and staff type, and small geometry helpers of the report service.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "service/reports/report_impl.hpp"

namespace okrsek::service::reports {

/// A submission's contact and e-mail as checked: trimmed, the e-mail lower-cased.
struct CheckedSubmission {
    ReporterContact contact{};
    std::string email{};  ///< normalised; empty without one
};

/// Checks the description (10–5000 bytes), address (≤ 300), contact (name ≤ 200, one e-mail
/// address ≤ 254, phone of digits, spaces and + ( ) - / . ≤ 40), language ("cs"/"en") and the
/// number of photos. Throws core::Error invalid_argument naming the field ("description",
/// "contact.email"…), payload_too_large (field "photos") for more than 5 photos.
CheckedSubmission check_submission(const ReportSubmission& submission);

/// `text` as UTF-8 of `min`–`max` bytes without control characters other than line breaks and
/// tabs. Throws invalid_argument naming `field`.
void check_text(std::string_view text, std::string_view field, std::size_t min, std::size_t max);

/// Whether `email` looks like one plain ASCII address local@domain.tld (≤ 254 bytes).
bool is_plain_email(std::string_view email) noexcept;

/// The states of an open report: new, acknowledged, in_progress, reopened.
std::vector<store::ReportState> open_states();

/// A WGS 84 box in 1e-7 degree holding every point within `radius_m` of (lon, lat).
std::array<std::int64_t, 4> box_around(double lon, double lat, double radius_m);

/// Degrees from units of 1e-7 degree.
inline double from_e7(std::int64_t e7) noexcept {
    return static_cast<double>(e7) / 1e7;
}

/// Distance in metres between two WGS 84 points (equirectangular: good to well under 1 % at
/// a town's scale).
double distance_m(double lon1, double lat1, double lon2, double lat2);

}  // namespace okrsek::service::reports
