#include "store/sql_runner.hpp"

namespace okrsek::store {

SqlParams& SqlParams::add(std::int64_t value) {
    m_values.emplace_back(value);
    return *this;
}

SqlParams& SqlParams::add(std::string_view text) {
    m_values.emplace_back(std::string(text));
    return *this;
}

SqlParams& SqlParams::add(const std::optional<std::int64_t>& value) {
    return value ? add(*value) : add_null();
}

SqlParams& SqlParams::add(const std::optional<std::string>& text) {
    return text ? add(std::string_view(*text)) : add_null();
}

SqlParams& SqlParams::add_flag(bool value) {
    return add(std::int64_t{value ? 1 : 0});
}

SqlParams& SqlParams::add_blob(std::string_view bytes) {
    m_values.emplace_back(Blob{std::string(bytes)});
    return *this;
}

SqlParams& SqlParams::add_null() {
    m_values.emplace_back(std::monostate{});
    return *this;
}

std::optional<std::int64_t> SqlRows::optional_int64(int column) const {
    if (is_null(column)) return std::nullopt;
    return int64(column);
}

std::optional<std::string> SqlRows::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

std::optional<std::string> SqlRows::optional_bytes(int column) const {
    if (is_null(column)) return std::nullopt;
    return bytes(column);
}

}  // namespace okrsek::store
