#include "http/report_json.hpp"

#include <algorithm>
#include <chrono>

#include "core/error.hpp"
#include "core/prague_time.hpp"

namespace okrsek::http {
namespace {

using nlohmann::json;

template <typename T>
json optional_json_report_json(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json optional_time(const std::optional<store::TimePoint>& value) {
    return value ? json(report_time(*value)) : json(nullptr);
}

const std::string& in_language(std::string_view lang, const std::string& cs,
                               const std::string& en) {
    return lang == "en" && !en.empty() ? en : cs;
}

json state_list(const std::vector<store::ReportState>& states) {
    json list = json::array();
    for (const auto state : states) list.push_back(store::to_string(state));
    return list;
}

}  // namespace

std::string report_time(store::TimePoint instant) {
    return core::format_prague_time(std::chrono::floor<std::chrono::seconds>(instant));
}

std::string report_photo_url(std::int64_t photo_id, std::string_view sha256) {
    return "/api/v1/report-photos/" + std::to_string(photo_id) + "/" + std::string(sha256) + ".jpg";
}

json report_update_json(const store::ReportUpdate& update) {
    return {{"id", update.id},
            {"created_at", report_time(update.created_at)},
            {"kind", update.kind},
            {"is_public", update.is_public},
            {"author_kind", update.author_kind},
            {"author_name", optional_json_report_json(update.author_name)},
            {"from_state", optional_json_report_json(update.from_state)},
            {"to_state", optional_json_report_json(update.to_state)},
            {"level", optional_json_report_json(update.level)},
            {"body", update.body}};
}

json report_photo_json(const store::ReportPhotoInfo& photo) {
    return {{"id", photo.id},
            {"url", report_photo_url(photo.id, photo.sha256)},
            {"thumb_url", report_photo_url(photo.id, photo.thumb_sha256)},
            {"width", photo.width},
            {"height", photo.height}};
}

json public_report_json(const service::PublicReport& report, std::string_view lang,
                        bool with_updates) {
    json body = {
        {"id", report.id},
        {"town", report.municipality_code},
        {"district_id", optional_json_report_json(report.district_id)},
        {"district_name", optional_json_report_json(report.district_name)},
        {"category", report.category_code},
        {"category_name", in_language(lang, report.category_name_cs, report.category_name_en)},
        {"lon", report.lon},
        {"lat", report.lat},
        {"address_text", report.address_text},
        {"description", report.description},
        {"state", store::to_string(report.state)},
        {"state_reason", optional_json_report_json(report.state_reason)},
        {"passed_to", optional_json_report_json(report.passed_to)},
        {"duplicate_of", optional_json_report_json(report.duplicate_of)},
        {"level", report.level},
        {"level_name", in_language(lang, report.level_name_cs, report.level_name_en)},
        {"owner_name", optional_json_report_json(report.owner_name)},
        {"owner_role", optional_json_report_json(report.owner_role_code)},
        {"reporter_name", optional_json_report_json(report.reporter_name)},
        {"overdue", report.overdue},
        {"fixed_confirmed", report.fixed_confirmed},
        {"created_at", report_time(report.created_at)},
        {"updated_at", report_time(report.updated_at)},
        {"first_response_due", report_time(report.first_response_due)},
        {"resolution_due", report_time(report.resolution_due)},
        {"level_due", optional_time(report.level_due)},
    };
    json photos = json::array();
    for (const auto& photo : report.photos) photos.push_back(report_photo_json(photo));
    body["photos"] = std::move(photos);
    if (with_updates) {
        json updates = json::array();
        for (const auto& update : report.updates) updates.push_back(report_update_json(update));
        body["updates"] = std::move(updates);
    }
    return body;
}

json tracked_report_json(const service::TrackedReport& tracked, std::string_view lang) {
    return {{"report", public_report_json(tracked.report, lang)},
            {"visibility", store::to_string(tracked.visibility)},
            {"can_reopen", tracked.can_reopen},
            {"can_confirm_fixed", tracked.can_confirm_fixed},
            {"can_add_update", tracked.can_add_update}};
}

json submit_result_json(const service::SubmitResult& result, std::string_view public_url) {
    // The token goes in the fragment: browsers never send it to a server or in a Referer.
    return {{"id", result.report_id},
            {"tracking_token", result.tracking_token},
            {"tracking_url", std::string(public_url) + "/report.html#t=" + result.tracking_token},
            {"visibility", store::to_string(result.visibility)},
            {"confirmation_sent", result.confirmation_sent},
            {"owner_name", optional_json_report_json(result.owner_name)},
            {"district_id", optional_json_report_json(result.district_id)}};
}

json staff_row_json(const service::StaffReport& report, std::string_view lang) {
    json row = public_report_json(report.view, lang, false);
    row["visibility"] = store::to_string(report.report.status.visibility);
    row["version"] = report.report.version;
    row["source"] = store::to_string(report.report.source);
    row["owner_user_id"] = optional_json_report_json(report.report.routing.owner_user_id);
    row["has_contact"] = report.report.contact_sealed.has_value();
    return row;
}

json staff_report_json(const service::StaffReport& report, std::string_view lang) {
    json body = staff_row_json(report, lang);
    body["original_description"] = report.report.description;
    body["public_description"] = report.report.status.public_description;
    body["description"] = report.report.description;
    body["extra"] = json::parse(report.report.extra_json, nullptr, false);
    if (body["extra"].is_discarded()) body["extra"] = json::object();
    body["city_part_id"] = optional_json_report_json(report.report.routing.city_part_id);
    body["has_email"] = report.report.has_email;
    json updates = json::array();
    for (const auto& update : report.updates) updates.push_back(report_update_json(update));
    body["updates"] = std::move(updates);
    json photos = json::array();
    for (const auto& photo : report.photos) {
        json item = report_photo_json(photo);
        item["is_public"] = photo.is_public;
        photos.push_back(std::move(item));
    }
    body["photos"] = std::move(photos);
    json duplicates = json::array();
    for (const auto& other : report.possible_duplicates)
        duplicates.push_back(public_report_json(other, lang, false));
    return {{"report", std::move(body)},
            {"next_states", state_list(report.next_states)},
            {"can_handle", report.can_handle},
            {"can_escalate", report.can_escalate},
            {"can_reveal_contact", report.can_reveal_contact},
            {"possible_duplicates", std::move(duplicates)}};
}

json category_json(const store::ReportCategory& category, std::string_view lang) {
    json fields = json::parse(category.extra_fields_json, nullptr, false);
    if (!fields.is_array()) fields = json::array();
    return {{"id", category.id},
            {"code", category.code},
            {"name", in_language(lang, category.name_cs, category.name_en)},
            {"name_cs", category.name_cs},
            {"name_en", category.name_en},
            {"description", in_language(lang, category.description_cs, category.description_en)},
            {"description_cs", category.description_cs},
            {"description_en", category.description_en},
            {"guidance", in_language(lang, category.guidance_cs, category.guidance_en)},
            {"guidance_cs", category.guidance_cs},
            {"guidance_en", category.guidance_en},
            {"accepts_reports", category.accepts_reports},
            {"owner_role_code", category.owner_role_code},
            {"first_response_days", category.first_response_days},
            {"resolution_days", category.resolution_days},
            {"sort_order", category.sort_order},
            {"retired", category.retired_at.has_value()},
            {"extra_fields", std::move(fields)}};
}

json level_json(const store::ReportLevel& level) {
    return {{"level", level.level},
            {"code", level.code},
            {"name_cs", level.name_cs},
            {"name_en", level.name_en},
            {"deadline_days", level.deadline_days}};
}

json responsiveness_json(const service::Responsiveness& figures) {
    return {{"district_id", optional_json_report_json(figures.district_id)},
            {"report_count", figures.report_count},
            {"median_first_response_days",
             optional_json_report_json(figures.median_first_response_days)},
            {"median_resolution_days", optional_json_report_json(figures.median_resolution_days)},
            {"share_first_response_on_time",
             optional_json_report_json(figures.share_first_response_on_time)},
            {"share_resolved_on_time", optional_json_report_json(figures.share_resolved_on_time)}};
}

json template_json(const store::AnswerTemplate& answer_template) {
    return {{"id", answer_template.id},
            {"town", answer_template.municipality_code},
            {"title", answer_template.title},
            {"body", answer_template.body},
            {"updated_at", report_time(answer_template.updated_at)}};
}

std::string report_language(const Request& request) {
    if (const auto lang = query_value(request, "lang")) {
        if (*lang != "cs" && *lang != "en") {
            throw core::Error(core::ErrorCode::invalid_argument, "lang must be cs or en", "lang");
        }
        return std::string(*lang);
    }
    return request.accept_language.starts_with("en") ? "en" : "cs";
}

void refuse_unknown_members(const json& body, std::initializer_list<std::string_view> known) {
    for (const auto& [name, value] : body.items()) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            throw core::Error(core::ErrorCode::invalid_argument, "unknown member " + name, name);
        }
    }
}

}  // namespace okrsek::http
