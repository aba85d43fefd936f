#include "http/open311_params.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/prague_time.hpp"

namespace okrsek::http {
namespace {

using core::Error;
using core::ErrorCode;
using store::ReportState;

Error bad(std::string_view field, std::string message) {
    return Error(ErrorCode::invalid_argument, std::move(message), std::string(field));
}

std::vector<std::string_view> split_list(std::string_view text, std::string_view field) {
    std::vector<std::string_view> items;
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) items.push_back(item);
        if (items.size() > open311_max_ids) {
            throw bad(field, std::string(field) + " lists more than " +
                                 std::to_string(open311_max_ids) + " values");
        }
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    }
    return items;
}

std::int64_t positive_id(std::string_view text, std::string_view field) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
        throw bad(field, std::string(field) + " must be a positive integer (or a comma list)");
    }
    return id;
}

std::optional<store::TimePoint> date_parameter(const Request& request, std::string_view name) {
    const auto text = query_value(request, name);
    if (!text) return std::nullopt;
    return core::parse_prague_time(*text, name);
}

std::size_t page_parameter(const Request& request, std::string_view name, std::int64_t max,
                           std::int64_t fallback) {
    const auto value = optional_integer(request, name);
    if (!value) return static_cast<std::size_t>(fallback);
    if (*value < 1 || *value > max) {
        throw bad(name, std::string(name) + " must be from 1 to " + std::to_string(max));
    }
    return static_cast<std::size_t>(*value);
}

std::string upper_status(std::string_view status) {
    std::string out;
    for (const char c : status) {
        if (c == ' ') {
            out += '_';
        } else {
            out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        }
    }
    return out;
}

// FixMyStreet sends attributes as attribute[key]=value.
std::optional<std::string> attribute_key(std::string_view name) {
    constexpr std::string_view prefix = "attribute[";
    if (!name.starts_with(prefix) || !name.ends_with(']')) return std::nullopt;
    return std::string(name.substr(prefix.size(), name.size() - prefix.size() - 1));
}

double coordinate(const FormFields& fields, std::string_view name) {
    const auto text = form_value(fields, name);
    const auto value = text ? parse_number(*text) : std::nullopt;
    if (!value) throw bad(name, std::string(name) + " must be a decimal number (WGS 84)");
    return *value;
}

}  // namespace

FormFields parse_form(std::string_view body) {
    if (body.size() > open311_max_form_bytes) {
        throw Error(ErrorCode::payload_too_large, "the form is larger than 64 KiB", "body");
    }
    Request holder;
    try {
        parse_target("?" + std::string(body), holder);
    } catch (const Error& error) {
        throw Error(ErrorCode::invalid_argument, error.what(), "body");
    }
    return std::move(holder.query);
}

std::optional<std::string> form_value(const FormFields& fields, std::string_view name) {
    std::optional<std::string> found;
    for (const auto& [key, value] : fields) {
        if (key != name) continue;
        if (found) throw bad(name, std::string(name) + " is given more than once");
        found = value;
    }
    return found;
}

Open311Window open311_window(const Request& request, store::TimePoint now) {
    const auto start = date_parameter(request, "start_date");
    const auto end = date_parameter(request, "end_date");
    Open311Window window;
    if (start && end) {
        window = {*start, *end};
    } else if (start) {
        window = {*start, *start + open311_max_window};
    } else if (end) {
        window = {*end - open311_max_window, *end};
    } else {
        // Stored times have whole seconds: the window ends after the current second, so a
        // report made this very second is in it.
        const store::TimePoint until =
            std::chrono::floor<std::chrono::seconds>(now) + std::chrono::seconds(1);
        window = {until - open311_max_window, until};
    }
    if (window.to <= window.from) throw bad("end_date", "end_date must be after start_date");
    if (window.to - window.from > open311_max_window) {
        throw bad("end_date", "start_date and end_date may not span more than 90 days");
    }
    return window;
}

std::vector<ReportState> open311_states(std::string_view status) {
    if (status == "open") {
        return {ReportState::new_, ReportState::acknowledged, ReportState::in_progress,
                ReportState::reopened};
    }
    if (status == "closed") {
        return {ReportState::resolved, ReportState::closed_not_competent,
                ReportState::closed_duplicate, ReportState::closed_no_action};
    }
    throw bad("status", "status must be open or closed (or both, comma separated)");
}

service::PublicReportQuery open311_request_query(const Request& request,
                                                 std::int64_t municipality_code,
                                                 store::TimePoint now) {
    service::PublicReportQuery query;
    query.municipality_code = municipality_code;
    if (const auto ids = query_value(request, "service_request_id")) {
        for (const auto id : split_list(*ids, "service_request_id"))
            query.ids.push_back(positive_id(id, "service_request_id"));
        if (query.ids.empty()) throw bad("service_request_id", "service_request_id is empty");
        query.limit = query.ids.size();
        return query;
    }
    if (const auto codes = query_value(request, "service_code")) {
        for (const auto code : split_list(*codes, "service_code"))
            query.category_codes.emplace_back(code);
    }
    if (const auto status = query_value(request, "status")) {
        for (const auto one : split_list(*status, "status")) {
            for (const auto state : open311_states(one)) {
                if (std::find(query.states.begin(), query.states.end(), state) ==
                    query.states.end())
                    query.states.push_back(state);
            }
        }
    }
    const auto window = open311_window(request, now);
    query.created_from = window.from;
    query.created_to = window.to;
    query.limit = page_parameter(request, "page_size", open311_max_page_size,
                                 static_cast<std::int64_t>(open311_max_page_size));
    const std::size_t page = page_parameter(request, "page", 1000000, 1);
    query.offset = (page - 1) * query.limit;
    return query;
}

Open311Post open311_post(const FormFields& fields) {
    Open311Post post;
    post.api_key = form_value(fields, "api_key").value_or("");
    post.jurisdiction_id = form_value(fields, "jurisdiction_id").value_or("");
    auto& submission = post.submission;
    submission.source = store::ReportSource::open311;
    submission.category_code = form_value(fields, "service_code").value_or("");
    if (submission.category_code.empty()) throw bad("service_code", "service_code is missing");
    const bool has_position = form_value(fields, "lat") || form_value(fields, "long");
    if (!has_position) {
        throw bad("lat", form_value(fields, "address_string")
                             ? "lat and long are required: this server does not geocode "
                               "address_string"
                             : "lat and long are required");
    }
    submission.lat = coordinate(fields, "lat");
    submission.lon = coordinate(fields, "long");
    submission.address_text = form_value(fields, "address_string").value_or("");
    submission.description = form_value(fields, "description").value_or("");
    if (submission.description.empty()) throw bad("description", "description is missing");
    std::string name = form_value(fields, "first_name").value_or("");
    const std::string last = form_value(fields, "last_name").value_or("");
    if (!name.empty() && !last.empty()) name += ' ';
    submission.contact.name = name + last;
    submission.contact.email = form_value(fields, "email").value_or("");
    submission.contact.phone = form_value(fields, "phone").value_or("");
    nlohmann::json extra = nlohmann::json::object();
    for (const auto& [key, value] : fields) {
        const auto attribute = attribute_key(key);
        if (!attribute) continue;
        if (extra.contains(*attribute)) throw bad(key, key + " is given more than once");
        extra[*attribute] = value;
    }
    submission.extra_json = extra.dump();
    return post;
}

Open311UpdatePost open311_update_post(const FormFields& fields) {
    Open311UpdatePost post;
    post.api_key = form_value(fields, "api_key").value_or("");
    const auto id = form_value(fields, "service_request_id");
    if (!id) throw bad("service_request_id", "service_request_id is missing");
    post.report_id = positive_id(*id, "service_request_id");
    if (const auto status = form_value(fields, "status"); status && !status->empty()) {
        post.state = state_of_open311_status(*status);
        if (!post.state) throw bad("status", "unknown status '" + status->substr(0, 40) + "'");
    }
    post.description = form_value(fields, "description").value_or("");
    if (post.description.empty() && !post.state) {
        throw bad("description", "description is missing (or give a status)");
    }
    return post;
}

std::optional<ReportState> state_of_open311_status(std::string_view status) {
    static constexpr std::array<std::pair<std::string_view, ReportState>, 9> states{{
        {"OPEN", ReportState::reopened},
        {"INVESTIGATING", ReportState::acknowledged},
        {"IN_PROGRESS", ReportState::in_progress},
        {"ACTION_SCHEDULED", ReportState::in_progress},
        {"FIXED", ReportState::resolved},
        {"NOT_COUNCILS_RESPONSIBILITY", ReportState::closed_not_competent},
        {"DUPLICATE", ReportState::closed_duplicate},
        {"NO_FURTHER_ACTION", ReportState::closed_no_action},
        {"CLOSED", ReportState::closed_no_action},
    }};
    const std::string key = upper_status(status);
    for (const auto& [name, state] : states) {
        if (name == key) return state;
    }
    return std::nullopt;
}

}  // namespace okrsek::http
