#include "service/auth/auth_settings.hpp"

#include "core/error.hpp"

namespace okrsek::service {

void validate(const AuthSettings& settings) {
    security::validate(settings.session);
    security::validate(settings.throttle);
    security::validate(settings.hashing);
    security::validate(settings.password);
    security::validate(settings.totp);
    if (settings.invitation_lifetime.count() <= 0) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "the invitation lifetime must be positive", "invitation_lifetime");
    }
    if (settings.password_reset_lifetime.count() <= 0) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "the password reset lifetime must be positive",
                          "password_reset_lifetime");
    }
    const auto& url = settings.public_url;
    if (!(url.starts_with("http://") || url.starts_with("https://"))) {
        throw core::Error(core::ErrorCode::invalid_argument,
                          "the public URL must start with http:// or https://", "public_url");
    }
}

}  // namespace okrsek::service
