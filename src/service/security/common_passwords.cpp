#include "service/security/common_passwords.hpp"

#include <fstream>
#include <optional>
#include <sstream>

#include "core/error.hpp"
#include "service/security/text_folding.hpp"

namespace okrsek::service::security {

// Defined in the source cmake/okrsek_embed.cmake generates from the data file.
extern const std::string_view embedded_common_passwords;

namespace {

std::optional<std::string> folded(std::string_view text) {
    const auto points = decode_utf8(text);
    if (!points) return {};
    return encode_utf8(fold_for_comparison(*points));
}

}  // namespace

CommonPasswords CommonPasswords::from_text(std::string_view text) {
    CommonPasswords list;
    while (!text.empty()) {
        const auto end = text.find('\n');
        auto line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.empty()) continue;
        // A line that is not UTF-8 could never equal a (valid) password: skip it.
        if (auto entry = folded(line)) list.m_entries.insert(std::move(*entry));
    }
    return list;
}

CommonPasswords CommonPasswords::from_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw core::Error(core::ErrorCode::not_found,
                          "cannot open the common-password list " + path.string());
    }
    std::ostringstream text;
    text << file.rdbuf();
    if (file.bad()) {
        throw core::Error(core::ErrorCode::invalid_input,
                          "cannot read the common-password list " + path.string());
    }
    return from_text(text.str());
}

std::shared_ptr<const CommonPasswords> CommonPasswords::embedded() {
    static const auto list =
        std::make_shared<const CommonPasswords>(from_text(embedded_common_passwords));
    return list;
}

bool CommonPasswords::contains(std::string_view password) const {
    const auto entry = folded(password);
    return entry && m_entries.contains(*entry);
}

}  // namespace okrsek::service::security
