#pragma once

// The JSON of citizen reports (docs/reports.md "HTTP API"): public and staff views, categories,
// levels, responsiveness. No contact data is ever written here (reveal_contact answers apart).

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "service/reports/citizen_reports.hpp"
#include "service/reports/report_types.hpp"

namespace okrsek::http {

/// An instant as RFC 3339 with the Prague offset, to the second.
std::string report_time(store::TimePoint instant);

/// "/api/v1/report-photos/17/<sha256>.jpg".
std::string report_photo_url(std::int64_t photo_id, std::string_view sha256);

nlohmann::json report_update_json(const store::ReportUpdate& update);
nlohmann::json report_photo_json(const store::ReportPhotoInfo& photo);

/// PublicReport; `lang` ("cs"/"en") picks category_name and level_name.
nlohmann::json public_report_json(const service::PublicReport& report, std::string_view lang,
                                  bool with_updates = true);
nlohmann::json tracked_report_json(const service::TrackedReport& tracked, std::string_view lang);
nlohmann::json submit_result_json(const service::SubmitResult& result, std::string_view public_url);

/// A row of the staff inbox (no updates).
nlohmann::json staff_row_json(const service::StaffReport& report, std::string_view lang);
/// The staff view: the public view plus the original description, visibility, version,
/// internal notes, next states and what the caller may do.
nlohmann::json staff_report_json(const service::StaffReport& report, std::string_view lang);

nlohmann::json category_json(const store::ReportCategory& category, std::string_view lang);
nlohmann::json level_json(const store::ReportLevel& level);
nlohmann::json responsiveness_json(const service::Responsiveness& figures);
nlohmann::json template_json(const store::AnswerTemplate& answer_template);

/// "en" when the query says lang=en (or, without lang, Accept-Language starts with en);
/// otherwise "cs". Throws invalid_argument (field "lang") for another lang value.
std::string report_language(const Request& request);

/// Throws invalid_argument naming the first member of `body` not in `known` (a misspelt
/// field is never silently dropped).
void refuse_unknown_members(const nlohmann::json& body,
                            std::initializer_list<std::string_view> known);

}  // namespace okrsek::http
