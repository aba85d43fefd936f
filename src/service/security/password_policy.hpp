#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "service/security/common_passwords.hpp"

namespace okrsek::service::security {

/// Why a password was refused: stable codes that the UI translates. Never include the password.
namespace password_reason {
inline constexpr std::string_view invalid_utf8 = "invalid_utf8";
inline constexpr std::string_view too_short = "too_short";
inline constexpr std::string_view too_long = "too_long";
inline constexpr std::string_view common = "common";
inline constexpr std::string_view contains_email = "contains_email";
inline constexpr std::string_view contains_name = "contains_name";
}  // namespace password_reason

/// Lengths count Unicode code points, not bytes: "žluťoučký" is 9 long, as a person counts.
/// NIST SP 800-63B §5.1.1: length and a blocklist, no composition rules (they make passwords
/// harder to remember, not harder to guess).
struct PasswordPolicySettings {
    std::size_t min_code_points = 12;
    std::size_t max_code_points = 128;
    std::size_t max_bytes = 1024;  ///< checked first, bounds the work on hostile input
    /// Parts of the e-mail address or name shorter than this are not looked for ("Jan" or
    /// "Li" would refuse half of all passwords by coincidence).
    std::size_t min_personal_part = 4;
};

/// Throws core::Error invalid_argument (field "min_code_points", "max_code_points",
/// "max_bytes" or "min_personal_part") for inconsistent settings or a minimum below 8, the
/// least NIST allows.
void validate(const PasswordPolicySettings& settings);

/// Who the password is for, to refuse passwords made of the person's own details.
struct PasswordOwner {
    std::string_view email;
    std::string_view name;  ///< display name, e.g. "Jiří Nováková"
};

/// Checks a new password (on account creation, reset and change; not on login).
/// Thread-safe; cheap (a hash-set lookup and a few substring searches).
class PasswordPolicy {
public:
    /// Throws like validate(), and invalid_argument (field "common_passwords") for a null list.
    explicit PasswordPolicy(
        std::shared_ptr<const CommonPasswords> common = CommonPasswords::embedded(),
        PasswordPolicySettings settings = {});

    /// Every reason (password_reason codes, in the order declared there) to refuse
    /// `password`; empty when it is acceptable. invalid_utf8 comes alone, too_long alone
    /// when the byte limit is exceeded.
    std::vector<std::string> check(std::string_view password, const PasswordOwner& owner) const;

    const PasswordPolicySettings& settings() const noexcept { return m_settings; }

private:
    std::shared_ptr<const CommonPasswords> m_common;
    PasswordPolicySettings m_settings;
};

}  // namespace okrsek::service::security
