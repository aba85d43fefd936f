#pragma once

// Reading Open311 GeoReport v2 parameters (docs/open311.md): query strings of the GET routes
// and form-encoded bodies of the POST routes. Pure functions; every failure throws
// core::Error invalid_argument naming the parameter (answered as an Open311 400).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request.hpp"
#include "service/reports/report_types.hpp"

namespace okrsek::http {

/// Longest span of start_date … end_date, and the window without dates (the last 90 days).
inline constexpr std::chrono::days open311_max_window{90};
/// Default and largest page_size of requests.{fmt} (the specification's "at most 1000").
inline constexpr std::size_t open311_max_page_size = 1000;
/// Most ids in service_request_id, codes in service_code.
inline constexpr std::size_t open311_max_ids = 200;
/// Largest form body of a POST (descriptions are at most 5000 bytes anyway).
inline constexpr std::size_t open311_max_form_bytes = 64u * 1024u;

/// Parameters in order; application/x-www-form-urlencoded ('+' is a space). Throws
/// invalid_argument (field "body") for bad percent-encoding or a body over the limit.
using FormFields = std::vector<std::pair<std::string, std::string>>;
FormFields parse_form(std::string_view body);

/// The value of a form field given once (throws invalid_argument when given twice).
std::optional<std::string> form_value(const FormFields& fields, std::string_view name);

/// [from, to) of start_date / end_date (W3C date-times, any offset): neither → the last 90
/// days until the end of `now`'s second; one → 90 days from / until it; both → must not span more
/// than 90 days and start before the end.
struct Open311Window {
    store::TimePoint from{};
    store::TimePoint to{};
};
Open311Window open311_window(const Request& request, store::TimePoint now);

/// The public query of GET requests.{fmt}: service_request_id (comma list: the other filters
/// are then ignored, as the specification says), service_code (comma list), start_date,
/// end_date, status (open, closed; comma list), page (from 1) and page_size (1–1000; the
/// extension). `municipality_code` is the town the jurisdiction named.
service::PublicReportQuery open311_request_query(const Request& request,
                                                 std::int64_t municipality_code,
                                                 store::TimePoint now);

/// The states of the public status "open" or "closed" (invalid_argument field "status").
std::vector<store::ReportState> open311_states(std::string_view status);

/// A POST requests.{fmt}: the report to submit and the key it came with.
struct Open311Post {
    std::string api_key{};
    std::string jurisdiction_id{};
    service::ReportSubmission submission{};
};
/// Reads service_code, lat + long (address_string alone is refused: we do not geocode),
/// address_string, description, email, first_name, last_name, phone, attribute[key] and
/// api_key. media_url, device_id and account_id are ignored.
Open311Post open311_post(const FormFields& fields);

/// A POST servicerequestupdates.{fmt}: a staff-side update sent by a machine.
struct Open311UpdatePost {
    std::string api_key{};
    std::int64_t report_id = 0;
    /// The state asked for (from an extended or a plain status); none: no change.
    std::optional<store::ReportState> state{};
    std::string description{};
};
Open311UpdatePost open311_update_post(const FormFields& fields);

/// An extended or plain status as one of our states: OPEN/open → reopened, INVESTIGATING →
/// acknowledged, IN_PROGRESS / ACTION_SCHEDULED → in_progress, FIXED → resolved,
/// NOT_COUNCILS_RESPONSIBILITY → closed_not_competent, DUPLICATE → closed_duplicate,
/// NO_FURTHER_ACTION / CLOSED / closed → closed_no_action. Case-insensitive, spaces or
/// underscores. std::nullopt for anything else.
std::optional<store::ReportState> state_of_open311_status(std::string_view status);

}  // namespace okrsek::http
