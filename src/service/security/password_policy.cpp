#include "service/security/password_policy.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "service/security/text_folding.hpp"

namespace okrsek::service::security {
namespace {

using core::Error;
using core::ErrorCode;

// NIST SP 800-63B's floor for memorised secrets.
constexpr std::size_t least_min_code_points = 8;

bool is_separator(char32_t point) {
    return point == U' ' || point == U'.' || point == U'-' || point == U'_' || point == U'+' ||
           point == U'\'' || point == U',' || point == U'\t';
}

std::vector<std::u32string> split(std::u32string_view text) {
    std::vector<std::u32string> parts;
    std::u32string part;
    for (const char32_t point : text) {
        if (is_separator(point)) {
            if (!part.empty()) parts.push_back(std::move(part));
            part.clear();
        } else {
            part.push_back(point);
        }
    }
    if (!part.empty()) parts.push_back(std::move(part));
    return parts;
}

// The pieces of `text` (folded) worth looking for: the whole and each part between
// separators, when long enough. "jiri.novak" gives "jiri.novak", "jiri" and "novak".
std::vector<std::u32string> personal_parts(std::string_view text, std::size_t min_length) {
    std::vector<std::u32string> parts;
    const auto points = decode_utf8(text);
    if (!points) return parts;
    const auto folded = fold_for_comparison(*points);
    if (folded.size() >= min_length) parts.push_back(folded);
    for (auto& part : split(folded)) {
        if (part.size() >= min_length && part != folded) parts.push_back(std::move(part));
    }
    return parts;
}

bool contains_any(const std::u32string& password, const std::vector<std::u32string>& parts) {
    return std::any_of(parts.begin(), parts.end(), [&](const std::u32string& part) {
        return password.find(part) != std::u32string::npos;
    });
}

std::string_view local_part(std::string_view email) {
    const auto at = email.rfind('@');
    return at == std::string_view::npos ? email : email.substr(0, at);
}

}  // namespace

void validate(const PasswordPolicySettings& settings) {
    if (settings.min_code_points < least_min_code_points) {
        throw Error(ErrorCode::invalid_argument, "minimum password length must be at least 8",
                    "min_code_points");
    }
    if (settings.max_code_points < settings.min_code_points) {
        throw Error(ErrorCode::invalid_argument, "maximum password length is below the minimum",
                    "max_code_points");
    }
    // Every code point takes at least one byte: fewer bytes than code points would make the
    // code-point maximum unreachable in a confusing way.
    if (settings.max_bytes < settings.max_code_points) {
        throw Error(ErrorCode::invalid_argument,
                    "maximum password bytes are below the maximum length", "max_bytes");
    }
    if (settings.min_personal_part < 1) {
        throw Error(ErrorCode::invalid_argument, "personal part length must be at least 1",
                    "min_personal_part");
    }
}

PasswordPolicy::PasswordPolicy(std::shared_ptr<const CommonPasswords> common,
                               PasswordPolicySettings settings)
    : m_common(std::move(common)), m_settings(settings) {
    validate(m_settings);
    if (!m_common) {
        throw Error(ErrorCode::invalid_argument, "a common-password list is required",
                    "common_passwords");
    }
}

std::vector<std::string> PasswordPolicy::check(std::string_view password,
                                               const PasswordOwner& owner) const {
    if (password.size() > m_settings.max_bytes) return {std::string(password_reason::too_long)};
    const auto points = decode_utf8(password);
    if (!points) return {std::string(password_reason::invalid_utf8)};

    std::vector<std::string> reasons;
    if (points->size() < m_settings.min_code_points) {
        reasons.emplace_back(password_reason::too_short);
    }
    if (points->size() > m_settings.max_code_points) {
        reasons.emplace_back(password_reason::too_long);
    }
    if (m_common->contains(password)) reasons.emplace_back(password_reason::common);
    const auto folded = fold_for_comparison(*points);
    const auto min_part = m_settings.min_personal_part;
    if (contains_any(folded, personal_parts(local_part(owner.email), min_part))) {
        reasons.emplace_back(password_reason::contains_email);
    }
    if (contains_any(folded, personal_parts(owner.name, min_part))) {
        reasons.emplace_back(password_reason::contains_name);
    }
    return reasons;
}

}  // namespace okrsek::service::security
