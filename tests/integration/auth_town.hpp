#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "http/application.hpp"
#include "http/server.hpp"
#include "http_client.hpp"
#include "service/platform.hpp"
#include "service/security/authorization.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"

namespace okrsek::test {

/// Two invented towns for the security tests, served by a real server on 127.0.0.1:
///  - Testov (999999): city parts Testov-Západ / Testov-Východ, districts W (Západ, inside
///    Testov-Západ) and E (Východ, inside Testov-Východ);
///  - Jinov (999998): city part Jinov-Střed and district J1.
/// The platform has a master key and cheap Argon2 settings (tests only).
class AuthTown {
public:
    static constexpr std::int64_t testov = 999999;
    static constexpr std::int64_t jinov = 999998;
    /// A password good enough for the policy, used for every test account.
    static constexpr const char* password = "Modry-Kanarek-Tancuje-7";

    explicit AuthTown(service::AuthSettings settings = test_settings());
    ~AuthTown();

    static service::AuthSettings test_settings();

    service::Platform& platform() { return *m_platform; }
    unsigned short port() const { return m_server->port(); }
    http::Application& application() { return *m_application; }

    /// Area ids by code ("W", "E", "J1", "TW", "TE", "J").
    std::int64_t area(const std::string& code) const { return m_areas.at(code); }

    /// Creates an account with the test password and one grant (none when role is empty).
    std::int64_t add_user(const std::string& email, const std::string& name,
                          std::optional<service::security::Role> role = std::nullopt,
                          service::security::Scope scope = service::security::Scope::everything());

    /// A second platform and server on the same database (another "machine"); returns its port.
    unsigned short start_second_server();

    /// Marks no role as sensitive, so logins need no second factor.
    void clear_sensitive_roles();

private:
    TempDir m_dir;
    TestDatabase m_database;
    std::unique_ptr<service::Platform> m_platform;
    std::unique_ptr<http::Application> m_application;
    std::unique_ptr<http::Server> m_server;
    std::unique_ptr<service::Platform> m_second_platform;
    std::unique_ptr<http::Application> m_second_application;
    std::unique_ptr<http::Server> m_second_server;
    service::AuthSettings m_settings;
    std::map<std::string, std::int64_t> m_areas;
};

/// A browser's view of the server: keeps cookies, sends the CSRF header, speaks JSON.
class Browser {
public:
    explicit Browser(unsigned short port) : m_client(port) {}

    /// Sends a request with the cookies held and (unless empty) the CSRF token; updates the
    /// cookies from Set-Cookie.
    HttpResult send(const std::string& method, const std::string& target,
                    const nlohmann::json& body = nullptr,
                    std::map<std::string, std::string> headers = {});
    HttpResult get(const std::string& target) { return send("GET", target); }
    HttpResult post(const std::string& target,
                    const nlohmann::json& body = nlohmann::json::object()) {
        return send("POST", target, body);
    }

    /// GET /api/v1/auth/csrf and keep the token.
    void fetch_csrf();
    /// fetch_csrf, then POST /api/v1/auth/login; keeps the new CSRF token. Returns the answer.
    HttpResult login(const std::string& email, const std::string& password = AuthTown::password);

    std::map<std::string, std::string>& cookies() { return m_cookies; }
    std::string& csrf() { return m_csrf; }
    /// The attributes of the last Set-Cookie for `name` ("Path=/; HttpOnly; …").
    const std::string& cookie_attributes(const std::string& name) { return m_attributes[name]; }

private:
    HttpClient m_client;
    std::map<std::string, std::string> m_cookies;
    std::map<std::string, std::string> m_attributes;
    std::string m_csrf;
};

/// The current TOTP code of a base32 secret (as an authenticator app shows it).
std::string totp_now(const std::string& base32_secret, std::int64_t steps_ahead = 0);

}  // namespace okrsek::test
