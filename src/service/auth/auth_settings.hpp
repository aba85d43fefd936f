#pragma once

#include <chrono>
#include <string>

#include "service/security/login_throttle_policy.hpp"
#include "service/security/password_hasher.hpp"
#include "service/security/password_policy.hpp"
#include "service/security/session_policy.hpp"
#include "service/security/totp.hpp"

namespace okrsek::service {

/// Every tunable of the security core, with the defaults the issue asks for.
struct AuthSettings {
    security::SessionSettings session;
    security::LoginThrottleSettings throttle;
    security::PasswordHashSettings hashing;
    security::PasswordPolicySettings password;
    security::TotpSettings totp;
    std::chrono::seconds invitation_lifetime{std::chrono::hours(72)};
    std::chrono::seconds password_reset_lifetime{std::chrono::hours(2)};
    /// Where people reach the portal ("https://okrsek.example.cz"): the base of the links in
    /// invitations and password resets.
    std::string public_url = "http://localhost:8080";
};

/// Throws core::Error invalid_argument naming the setting.
void validate(const AuthSettings& settings);

}  // namespace okrsek::service
