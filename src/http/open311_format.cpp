#include "http/open311_format.hpp"

#include <array>
#include <utility>

#include "core/error.hpp"
#include "core/xml_text.hpp"
#include "http/report_json.hpp"

namespace okrsek::http {
namespace {

using ojson = nlohmann::ordered_json;
using store::ReportState;

// The specification names the repeated element of each list; unknown lists drop a plural "s".
std::string singular(std::string_view plural) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> names{{
        {"services", "service"},
        {"service_requests", "request"},
        {"service_request_updates", "request_update"},
        {"errors", "error"},
        {"attributes", "attribute"},
        {"values", "value"},
        {"endpoints", "endpoint"},
        {"formats", "format"},
    }};
    for (const auto& [many, one] : names) {
        if (many == plural) return std::string(one);
    }
    if (plural.size() > 1 && plural.ends_with('s'))
        return std::string(plural.substr(0, plural.size() - 1));
    return "item";
}

void append_element(std::string& out, std::string_view name, const ojson& value) {
    if (value.is_null()) {
        out += '<';
        out += name;
        out += "/>";
        return;
    }
    out += '<';
    out += name;
    out += '>';
    if (value.is_object()) {
        for (const auto& [member, child] : value.items()) append_element(out, member, child);
    } else if (value.is_array()) {
        const std::string item = singular(name);
        for (const auto& child : value) append_element(out, item, child);
    } else if (value.is_string()) {
        core::append_xml_escaped(out, value.get_ref<const std::string&>());
    } else {
        out += value.dump();  // numbers and booleans ("true"/"false")
    }
    out += "</";
    out += name;
    out += '>';
}

std::string time_of_day_name(std::string_view value, bool czech) {
    static constexpr std::array<std::array<std::string_view, 3>, 5> names{{
        {"morning", "ráno", "morning"},
        {"afternoon", "odpoledne", "afternoon"},
        {"evening", "večer", "evening"},
        {"night", "v noci", "night"},
        {"any", "kdykoli", "any time"},
    }};
    for (const auto& name : names) {
        if (name[0] == value) return std::string(czech ? name[1] : name[2]);
    }
    return std::string(value);
}

std::string text_in(const ojson& object, std::string_view base, bool czech) {
    const std::string key = std::string(base) + (czech ? "_cs" : "_en");
    const auto found = object.find(key);
    if (found != object.end() && found->is_string() &&
        !found->get_ref<const std::string&>().empty())
        return found->get<std::string>();
    const auto other = object.find(std::string(base) + (czech ? "_en" : "_cs"));
    return other != object.end() && other->is_string() ? other->get<std::string>() : "";
}

ojson attribute_json(const ojson& field, std::size_t order, bool czech) {
    if (!field.is_object() || !field.contains("key") || !field.at("key").is_string()) {
        throw core::Error(core::ErrorCode::internal, "a category's extra field has no key");
    }
    const std::string type = field.value("type", std::string("text"));
    const std::string label = text_in(field, "label", czech);
    ojson attribute = {{"variable", true},
                       {"code", field.at("key")},
                       {"datatype", type == "text" ? "string" : "singlevaluelist"},
                       {"required", field.value("required", false)},
                       {"datatype_description", nullptr},
                       {"order", order},
                       {"description", label}};
    if (type == "text") {
        if (const auto max = field.find("max_length"); max != field.end() && max->is_number())
            attribute["datatype_description"] = "max " + max->dump() + " bytes";
        return attribute;
    }
    ojson values = ojson::array();
    if (type == "select") {
        for (const auto& option : field.value("options", ojson::array())) {
            values.push_back({{"key", option.value("value", std::string())},
                              {"name", text_in(option, "label", czech)}});
        }
    } else {
        for (const auto* value : {"morning", "afternoon", "evening", "night", "any"})
            values.push_back({{"key", value}, {"name", time_of_day_name(value, czech)}});
    }
    attribute["values"] = std::move(values);
    return attribute;
}

}  // namespace

std::optional<Open311File> split_open311_file(std::string_view file) {
    const auto dot = file.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return std::nullopt;
    const std::string_view extension = file.substr(dot + 1);
    Open311File result{std::string(file.substr(0, dot)), Open311Format::json};
    if (extension == "xml") {
        result.format = Open311Format::xml;
    } else if (extension != "json") {
        return std::nullopt;
    }
    return result;
}

std::string_view open311_content_type(Open311Format format) noexcept {
    return format == Open311Format::xml ? "text/xml; charset=utf-8" : "application/json";
}

std::string open311_xml(std::string_view root, const ojson& value) {
    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    append_element(out, root, value);
    out += '\n';
    return out;
}

Response open311_response(Open311Format format, std::string_view root, const ojson& value,
                          unsigned status) {
    Response response;
    response.status = status;
    response.content_type = std::string(open311_content_type(format));
    response.body = format == Open311Format::xml ? open311_xml(root, value) : value.dump();
    return response;
}

Response open311_error(Open311Format format, unsigned status, std::string_view description) {
    const ojson errors = ojson::array({{{"code", status}, {"description", description}}});
    return open311_response(format, "errors", errors, status);
}

std::string_view open311_status(ReportState state) noexcept {
    return store::is_finished(state) ? "closed" : "open";
}

std::string_view open311_extended_status(ReportState state) noexcept {
    switch (state) {
        case ReportState::new_:
        case ReportState::reopened:
            return "OPEN";
        case ReportState::acknowledged:
            return "INVESTIGATING";
        case ReportState::in_progress:
            return "IN_PROGRESS";
        case ReportState::resolved:
            return "FIXED";
        case ReportState::closed_not_competent:
            return "NOT_COUNCILS_RESPONSIBILITY";
        case ReportState::closed_duplicate:
            return "DUPLICATE";
        case ReportState::closed_no_action:
            return "NO_FURTHER_ACTION";
    }
    return "OPEN";
}

ojson open311_request_json(const service::PublicReport& report, std::string_view public_url) {
    const bool finished = store::is_finished(report.state);
    ojson notes = nullptr;
    if (report.passed_to) {
        notes = *report.passed_to;
    } else if (report.state_reason) {
        notes = *report.state_reason;
    }
    std::string media;
    if (!report.photos.empty()) {
        const auto& photo = report.photos.front();
        media = std::string(public_url) + report_photo_url(photo.id, photo.sha256);
    }
    return {{"service_request_id", std::to_string(report.id)},
            {"status", open311_status(report.state)},
            {"status_notes", notes},
            {"service_name", report.category_name_cs},
            {"service_code", report.category_code},
            {"description", report.description},
            {"agency_responsible", report.owner_name ? ojson(*report.owner_name) : ojson(nullptr)},
            {"service_notice", nullptr},
            {"requested_datetime", report_time(report.created_at)},
            {"updated_datetime", report_time(report.updated_at)},
            {"expected_datetime",
             finished ? ojson(nullptr) : ojson(report_time(report.resolution_due))},
            {"address", report.address_text},
            {"address_id", nullptr},
            {"zipcode", nullptr},
            {"lat", report.lat},
            {"long", report.lon},
            {"media_url", media}};
}

ojson open311_update_json(std::int64_t report_id, const store::ReportUpdate& update,
                          ReportState state_after) {
    return {{"update_id", std::to_string(update.id)},
            {"service_request_id", std::to_string(report_id)},
            {"status", open311_extended_status(state_after)},
            {"updated_datetime", report_time(update.created_at)},
            {"description", update.body},
            {"media_url", ""}};
}

std::vector<ojson> open311_updates_json(const service::PublicReport& report) {
    std::vector<ojson> updates;
    ReportState state = ReportState::new_;
    for (const auto& update : report.updates) {
        if (update.to_state) {
            if (const auto next = store::report_state_from(*update.to_state)) state = *next;
        }
        updates.push_back(open311_update_json(report.id, update, state));
    }
    return updates;
}

ojson open311_service_json(const store::ReportCategory& category, std::string_view lang) {
    const bool czech = lang != "en";
    const std::string& name =
        czech || category.name_en.empty() ? category.name_cs : category.name_en;
    const std::string& description = czech || category.description_en.empty()
                                         ? category.description_cs
                                         : category.description_en;
    const ojson fields = ojson::parse(category.extra_fields_json, nullptr, false);
    const bool metadata = fields.is_array() && !fields.empty();
    return {{"service_code", category.code},
            {"service_name", name},
            {"description", description},
            {"metadata", metadata},
            {"type", "realtime"},
            {"keywords", ""},
            {"group", ""}};
}

ojson open311_definition_json(const store::ReportCategory& category, std::string_view lang) {
    const ojson fields = ojson::parse(category.extra_fields_json, nullptr, false);
    if (!fields.is_array()) {
        throw core::Error(core::ErrorCode::internal,
                          "category " + category.code + ": extra fields are not a JSON array");
    }
    ojson attributes = ojson::array();
    std::size_t order = 1;
    for (const auto& field : fields)
        attributes.push_back(attribute_json(field, order++, lang != "en"));
    return {{"service_code", category.code}, {"attributes", std::move(attributes)}};
}

}  // namespace okrsek::http
