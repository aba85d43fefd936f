#include "service/dump_format.hpp"

#include <sodium.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace okrsek::service::dump_format {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr int base64_variant = sodium_base64_VARIANT_ORIGINAL;

std::string to_base64(const std::string& bytes) {
    std::string text(sodium_base64_encoded_len(bytes.size(), base64_variant), '\0');
    sodium_bin2base64(text.data(), text.size(),
                      reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      base64_variant);
    text.pop_back();  // the terminating NUL the length includes
    return text;
}

std::string from_base64(const std::string& text) {
    // At most 3 bytes per 4 characters; +1 so that the buffer is never empty (nonnull).
    std::string bytes(text.size() / 4 * 3 + 1, '\0');
    std::size_t size = 0;
    // No end pointer: sodium then fails unless every character is valid base64.
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                          text.size(), nullptr, &size, nullptr, base64_variant) != 0) {
        throw std::invalid_argument("\"base64\" is not valid base64");
    }
    bytes.resize(size);
    return bytes;
}

ordered_json special_double(double value) {
    const char* name = std::isnan(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    return ordered_json{{"double", name}};
}

double special_double_from(const json& name) {
    if (name == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (name == "Infinity") return std::numeric_limits<double>::infinity();
    if (name == "-Infinity") return -std::numeric_limits<double>::infinity();
    throw std::invalid_argument("\"double\" must be \"NaN\", \"Infinity\" or \"-Infinity\"");
}

store::Value from_object(const json& object) {
    if (object.size() == 1 && object.contains("base64") && object["base64"].is_string()) {
        return store::Blob{from_base64(object["base64"].get<std::string>())};
    }
    if (object.size() == 1 && object.contains("double")) {
        return special_double_from(object["double"]);
    }
    throw std::invalid_argument(
        "an object value must be {\"base64\":\"…\"} or {\"double\":\"NaN\"|…}");
}

}  // namespace

ordered_json header_json(const Header& header) {
    return ordered_json{{"format", format_name},
                        {"format_version", header.format_version},
                        {"schema_version", header.schema_version},
                        {"okrsek_version", header.okrsek_version},
                        {"engine", header.engine},
                        {"created_at", header.created_at_utc}};
}

ordered_json to_json(const store::Value& value) {
    return std::visit(
        [](const auto& v) -> ordered_json {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return nullptr;
            } else if constexpr (std::is_same_v<T, store::Blob>) {
                return ordered_json{{"base64", to_base64(v.bytes)}};
            } else if constexpr (std::is_same_v<T, double>) {
                // nlohmann writes the shortest round-trip text and keeps a '.' or exponent, so
                // a double stays a double; it would write non-finite values as null.
                return std::isfinite(v) ? ordered_json(v) : special_double(v);
            } else {
                return v;
            }
        },
        value);
}

store::Value from_json(const json& value) {
    switch (value.type()) {
        case json::value_t::null:
            return std::monostate{};
        case json::value_t::number_integer:
            return value.get<std::int64_t>();
        case json::value_t::number_unsigned:
            if (value.get<std::uint64_t>() >
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                throw std::invalid_argument("integer out of the 64-bit range");
            }
            return value.get<std::int64_t>();
        case json::value_t::number_float:
            return value.get<double>();
        case json::value_t::string:
            return value.get<std::string>();
        case json::value_t::object:
            return from_object(value);
        default:
            throw std::invalid_argument(
                "not null, a number, a string, {\"base64\":…} or {\"double\":…}");
    }
}

}  // namespace okrsek::service::dump_format
