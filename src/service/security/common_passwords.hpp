#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

namespace okrsek::service::security {

/// Passwords too common to be accepted, compared after fold_for_comparison (case and Latin
/// diacritics ignored). Immutable once built: build it once at startup and share it.
class CommonPasswords {
public:
    /// One password per line ("\n" or "\r\n"); empty lines are ignored.
    static CommonPasswords from_text(std::string_view text);

    /// Reads a file of that form, e.g. a town's own longer list. Throws core::Error not_found
    /// or invalid_input naming the file.
    static CommonPasswords from_file(const std::filesystem::path& path);

    /// The list compiled into the binary from data/security/common-passwords.txt (provenance
    /// and licence in data/security/README.md), parsed on first use.
    static std::shared_ptr<const CommonPasswords> embedded();

    /// Whether `password` (UTF-8) is on the list; false for invalid UTF-8.
    bool contains(std::string_view password) const;

    std::size_t size() const noexcept { return m_entries.size(); }

private:
    std::unordered_set<std::string> m_entries;  ///< folded, UTF-8
};

}  // namespace okrsek::service::security
