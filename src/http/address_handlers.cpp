#include "http/address_handlers.hpp"

#include <algorithm>
#include <charconv>

#include "core/error.hpp"
#include "io/geojson_writer.hpp"

namespace okrsek::http {
namespace {

using boost::beast::http::verb;
using core::Error;
using core::ErrorCode;

// Typed addresses say where someone lives: browsers may keep an answer briefly, shared caches
// may not.
constexpr std::string_view address_cache = "private, max-age=300";

void append_integer_address_handlers(std::string& out, std::int64_t value) {
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, ec == std::errc{} ? end : buffer);
}

void append_number_address_handlers(std::string& out, double value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, ec == std::errc{} ? end : buffer);
}

void append_text_or_null(std::string& out, std::string_view text) {
    if (text.empty()) {
        out += "null";
    } else {
        io::append_json_string(out, text);
    }
}

void append_positive_or_null(std::string& out, std::int64_t value) {
    if (value > 0) {
        append_integer_address_handlers(out, value);
    } else {
        out += "null";
    }
}

void append_postcode(std::string& out, std::int32_t postcode) {
    if (postcode <= 0) {
        out += "null";
        return;
    }
    std::string digits = std::to_string(postcode);
    if (digits.size() == 5) digits = digits.substr(0, 3) + ' ' + digits.substr(3);
    io::append_json_string(out, digits);
}

void append_area(std::string& out, const std::optional<service::AddressArea>& area,
                 bool with_code) {
    if (!area) {
        out += "null";
        return;
    }
    out += R"({"id":)";
    append_integer_address_handlers(out, area->id);
    if (with_code) {
        out += R"(,"code":)";
        io::append_json_string(out, area->code);
    }
    out += R"(,"name":)";
    io::append_json_string(out, area->name);
    out += '}';
}

void append_match(std::string& out, const service::AddressMatch& match) {
    const core::AddressPoint& a = match.address;
    out += R"({"code":)";
    append_integer_address_handlers(out, a.code);
    out += R"(,"label":)";
    io::append_json_string(out, match.label);
    out += R"(,"street":)";
    append_text_or_null(out, a.street);
    out += R"(,"house_number":)";
    append_integer_address_handlers(out, a.house_number);
    out += R"(,"evidence_number":)";
    out += a.evidence_number ? "true" : "false";
    out += R"(,"orientation_number":)";
    append_positive_or_null(out, a.orientation_number);
    out += R"(,"orientation_letter":)";
    append_text_or_null(out, a.orientation_letter);
    out += R"(,"part":)";
    append_text_or_null(out, a.part_name);
    out += R"(,"city_part":)";
    if (a.city_part_code > 0) {
        out += R"({"code":)";
        append_integer_address_handlers(out, a.city_part_code);
        out += R"(,"name":)";
        io::append_json_string(out, a.city_part_name);
        out += '}';
    } else {
        out += "null";
    }
    out += R"(,"municipality":{"code":)";
    append_integer_address_handlers(out, a.municipality_code);
    out += R"(,"name":)";
    io::append_json_string(out, a.municipality_name);
    out += R"(},"postcode":)";
    append_postcode(out, a.postcode);
    out += R"(,"position":)";
    if (a.position) {
        out += R"({"lon":)";
        append_number_address_handlers(out, a.position->lon);
        out += R"(,"lat":)";
        append_number_address_handlers(out, a.position->lat);
        out += '}';
    } else {
        out += "null";
    }
    out += R"(,"district":)";
    append_area(out, match.district, true);
    out += R"(,"area_city_part":)";
    append_area(out, match.city_part_area, false);
    out += '}';
}

// GET /api/v1/addresses?q=…&limit=…&town=…
Response search_addresses(service::Platform& platform, const Request& request) {
    service::AddressQuery query;
    const auto text = query_value(request, "q");
    if (!text) throw Error(ErrorCode::invalid_argument, "parameter 'q' is missing", "q");
    query.text = std::string(*text);
    if (const auto limit = optional_integer(request, "limit")) {
        // Out-of-range values stay out of range for the service to refuse.
        query.limit = static_cast<std::size_t>(
            std::clamp<std::int64_t>(*limit, 0, service::max_address_matches + 1));
    }
    query.municipality_code = optional_integer(request, "town");
    const auto result = platform.addresses().search(query);
    std::string out = R"({"query":)";
    io::append_json_string(out, query.text);
    out += R"(,"addresses":[)";
    for (std::size_t i = 0; i < result.matches.size(); ++i) {
        if (i > 0) out += ',';
        append_match(out, result.matches[i]);
    }
    out += "]}";
    Response response = json_response(std::move(out));
    response.headers.emplace_back("Cache-Control", std::string(address_cache));
    return response;
}

}  // namespace

void add_address_routes(Router& router, service::Platform& platform) {
    auto* p = &platform;
    router.add(
        verb::get, "/api/v1/addresses",
        [p](const Request& request, const PathParams&) { return search_addresses(*p, request); },
        Access::open);
}

}  // namespace okrsek::http
