#include "auth_town.hpp"

#include <chrono>

#include "service/security/base32.hpp"
#include "service/security/totp.hpp"
#include "store/store.hpp"
#include "support/testov_request.hpp"

namespace okrsek::test {

namespace sec = service::security;

service::AuthSettings AuthTown::test_settings() {
    service::AuthSettings settings;
    settings.hashing.memlimit_bytes = sec::min_memlimit_bytes;
    settings.hashing.opslimit = sec::min_opslimit;
    settings.public_url = "https://okrsek.example.cz";
    return settings;
}

namespace {

http::ServerSettings server_settings() {
    http::ServerSettings server;
    server.address = "127.0.0.1";
    server.port = 0;
    server.threads = 2;
    server.rate_per_second = 0.0;
    // The tests' own client acts as the TLS-terminating proxy when it sends X-Forwarded-Proto.
    server.trusted_proxies = {boost::asio::ip::make_address("127.0.0.1")};
    return server;
}

}  // namespace

AuthTown::AuthTown(service::AuthSettings settings)
    : m_database(m_dir.path(), "auth.db", PgStart::migrated), m_settings(settings) {
    service::PlatformOptions options;
    options.master_key = std::vector<unsigned char>(32, 7);
    options.auth = std::move(settings);
    m_platform = std::make_unique<service::Platform>(store::open_store(m_database.setting()),
                                                     std::move(options));
    m_platform->import_areas(testov_request("two-towns.geojson", "municipalities", std::nullopt));
    m_platform->import_areas(testov_request("testov-city-parts.geojson", "city_parts", testov));
    m_platform->import_areas(testov_request("testov-districts.geojson", "districts", testov));
    m_platform->import_areas(testov_request("jinov-city-parts.geojson", "city_parts", jinov));
    m_platform->import_areas(testov_request("jinov-districts.geojson", "districts", jinov));
    for (const auto& layer : m_platform->catalog()->layers()) {
        for (const auto& area : layer->areas) m_areas[area.code] = area.id;
    }
    m_application =
        std::make_unique<http::Application>(*m_platform, http::ApiSettings{}, std::nullopt);
    m_server = std::make_unique<http::Server>(*m_application, server_settings());
    m_server->start();
}

AuthTown::~AuthTown() {
    if (m_second_server) m_second_server->stop();
    if (m_server) m_server->stop();
}

unsigned short AuthTown::start_second_server() {
    service::PlatformOptions options;
    options.master_key = std::vector<unsigned char>(32, 7);
    options.auth = m_settings;
    m_second_platform = std::make_unique<service::Platform>(store::open_store(m_database.setting()),
                                                            std::move(options));
    m_second_application =
        std::make_unique<http::Application>(*m_second_platform, http::ApiSettings{}, std::nullopt);
    m_second_server = std::make_unique<http::Server>(*m_second_application, server_settings());
    m_second_server->start();
    return m_second_server->port();
}

std::int64_t AuthTown::add_user(const std::string& email, const std::string& name,
                                std::optional<sec::Role> role, sec::Scope scope) {
    service::NewAccount account;
    account.email = email;
    account.display_name = name;
    account.password = password;
    account.role = role;
    account.scope = scope;
    return m_platform->accounts().create_user(service::Principal::cli(), account).user.user.id;
}

void AuthTown::clear_sensitive_roles() {
    for (const auto role : sec::all_roles) {
        m_platform->accounts().set_sensitive(service::Principal::cli(), role, false, "tests");
    }
}

HttpResult Browser::send(const std::string& method, const std::string& target,
                         const nlohmann::json& body, std::map<std::string, std::string> headers) {
    std::string cookie;
    for (const auto& [name, value] : m_cookies) {
        cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    }
    if (!cookie.empty() && !headers.contains("Cookie")) headers["Cookie"] = cookie;
    if (!m_csrf.empty() && !headers.contains("X-CSRF-Token")) headers["X-CSRF-Token"] = m_csrf;
    std::string text;
    if (!body.is_null()) {
        text = body.dump();
        headers["Content-Type"] = "application/json";
    }
    HttpResult result = m_client.request(method, target, text, headers);
    if (const auto found = result.headers.find("set-cookie"); found != result.headers.end()) {
        std::string_view lines = found->second;
        while (!lines.empty()) {
            const auto end = lines.find('\n');
            const std::string_view line = lines.substr(0, end);
            lines = end == std::string_view::npos ? std::string_view() : lines.substr(end + 1);
            const auto equals = line.find('=');
            const auto semicolon = line.find(';');
            const std::string name(line.substr(0, equals));
            const std::string value(line.substr(equals + 1, semicolon - equals - 1));
            m_attributes[name] = std::string(line.substr(semicolon + 2));
            if (line.find("Max-Age=0") != std::string_view::npos) {
                m_cookies.erase(name);
            } else {
                m_cookies[name] = value;
            }
        }
    }
    if (result.headers["content-type"] == "application/json" && !result.body.empty()) {
        const auto json = nlohmann::json::parse(result.body, nullptr, false);
        if (json.is_object() && json.contains("csrf_token")) m_csrf = json["csrf_token"];
    }
    return result;
}

void Browser::fetch_csrf() {
    const auto result = get("/api/v1/auth/csrf");
    ASSERT_EQ(result.status, 200u) << result.body;
}

HttpResult Browser::login(const std::string& email, const std::string& password) {
    fetch_csrf();
    return post("/api/v1/auth/login", {{"email", email}, {"password", password}});
}

std::string totp_now(const std::string& base32_secret, std::int64_t steps_ahead) {
    const auto secret = sec::base32_decode(base32_secret);
    if (!secret) throw std::runtime_error("not base32");
    const auto step = sec::totp_step(std::chrono::system_clock::now(), std::chrono::seconds(30));
    return sec::hotp_code(*secret, static_cast<std::uint64_t>(step + steps_ahead), 6);
}

}  // namespace okrsek::test
