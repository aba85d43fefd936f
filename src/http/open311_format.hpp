#pragma once

// Open311 GeoReport v2 answers (docs/open311.md): every answer is built once as JSON and
// written either as that JSON or as the specification's XML, so both formats always hold the
// same values. Pure functions, no service calls.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/response.hpp"
#include "service/reports/report_types.hpp"

namespace okrsek::http {

enum class Open311Format { xml, json };

/// A file name of the API split into its resource and format: "requests.xml" → {"requests",
/// xml}. std::nullopt for another extension or none.
struct Open311File {
    std::string name;
    Open311Format format = Open311Format::json;
};
std::optional<Open311File> split_open311_file(std::string_view file);

/// "text/xml; charset=utf-8" or "application/json".
std::string_view open311_content_type(Open311Format format) noexcept;

/// The XML of `value` under the element `root`: objects become child elements in member order,
/// arrays repeat the singular of their name ("services" → "service", "attributes" →
/// "attribute", "service_requests" → "request"…), null becomes an empty element, booleans
/// "true"/"false". Text is escaped; characters XML 1.0 forbids are dropped. Starts with the
/// declaration `<?xml version="1.0" encoding="utf-8"?>`.
std::string open311_xml(std::string_view root, const nlohmann::ordered_json& value);

/// `value` as JSON, or as XML under `root`, with status and content type.
Response open311_response(Open311Format format, std::string_view root,
                          const nlohmann::ordered_json& value, unsigned status = 200);

/// The standard error body: XML `<errors><error><code>…</code><description>…</description>
/// </error></errors>`, JSON `[{"code":…,"description":"…"}]`.
Response open311_error(Open311Format format, unsigned status, std::string_view description);

/// The specification's status: "open" while a report is not finished, else "closed".
std::string_view open311_status(store::ReportState state) noexcept;
/// FixMyStreet's extended status (docs/reports.md "Open311 GeoReport v2").
std::string_view open311_extended_status(store::ReportState state) noexcept;

/// One service_request as the specification lists it (the public view only). `public_url`
/// gives the media_url of the first photo ("" when there is none).
nlohmann::ordered_json open311_request_json(const service::PublicReport& report,
                                            std::string_view public_url);

/// One request_update of the servicerequestupdates extension; `state_after` is the report's
/// state once the update was made (its extended status is given).
nlohmann::ordered_json open311_update_json(std::int64_t report_id,
                                           const store::ReportUpdate& update,
                                           store::ReportState state_after);

/// Every public update of `report` (oldest first), each with the state it left the report in.
std::vector<nlohmann::ordered_json> open311_updates_json(const service::PublicReport& report);

/// A category as a service: code, name, description, metadata (true when it has extra
/// fields), type "realtime", keywords, group.
nlohmann::ordered_json open311_service_json(const store::ReportCategory& category,
                                            std::string_view lang);

/// The service definition: the category's extra fields as attributes (text → string,
/// select and time_of_day → singlevaluelist with values). Throws core::Error internal for
/// stored extra fields that are not the documented JSON.
nlohmann::ordered_json open311_definition_json(const store::ReportCategory& category,
                                               std::string_view lang);

}  // namespace okrsek::http
