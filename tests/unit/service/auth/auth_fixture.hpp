#pragma once

// A Platform on the test's engine (support/test_database.hpp) with a manual clock, a fixed
// test master key and the cheapest Argon2id settings allowed, plus helpers to create people,
// sign them in and compute their TOTP codes. A second Store on the same database looks at
// what was written (sessions, throttle counters, audit rows), as another server would.
// Everyone here is invented.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "service/auth/account_admin.hpp"
#include "service/auth/authenticator.hpp"
#include "service/platform.hpp"
#include "service/security/base32.hpp"
#include "service/security/clock.hpp"
#include "service/security/totp.hpp"
#include "store/store.hpp"
#include "support/test_database.hpp"
#include "support/test_paths.hpp"
#include "support/testov_request.hpp"

namespace okrsek::service::test_auth {

using namespace std::chrono_literals;
namespace sec = security;

inline constexpr std::int64_t testov = 999999;
inline constexpr std::int64_t jinov = 888888;

/// 2026-03-02 08:00:00 UTC: a whole second (the store keeps seconds), a Monday.
inline const store::TimePoint t0 =
    std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours(8);

/// A password that passes the policy for every person below.
inline const std::string good_password = "modra-zirafa-pije-caj-42";
inline const std::string other_password = "zelena-lodka-na-rybniku-7";

/// The test master key: 32 bytes 0, 1, 2 …
inline std::vector<unsigned char> test_master_key() {
    std::vector<unsigned char> key(32);
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(i);
    return key;
}

/// The cheapest Argon2id the hasher accepts (t = 2, 19 MiB), so tests stay fast.
inline sec::PasswordHashSettings cheap_hashing() {
    sec::PasswordHashSettings settings;
    settings.opslimit = sec::min_opslimit;
    settings.memlimit_bytes = sec::min_memlimit_bytes;
    return settings;
}

/// The core::Error that `action` throws (a failure when it throws none).
inline core::Error error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const core::Error& error) {
        return error;
    }
    ADD_FAILURE() << "expected a core::Error";
    return core::Error(core::ErrorCode::internal, "no error was thrown");
}

/// The TOTP code of `secret` `offset` steps away from `now`.
inline std::string totp_code(const std::vector<unsigned char>& secret, store::TimePoint now,
                             int offset = 0) {
    const auto step = sec::totp_step(now, std::chrono::seconds(30)) + offset;
    return sec::hotp_code(secret, static_cast<std::uint64_t>(step), 6);
}

/// A user session after TOTP enrolment.
struct Enrolled {
    SignIn sign_in;
    std::vector<unsigned char> secret;
    std::vector<std::string> recovery_codes;
};

class AuthTest : public ::testing::Test {
protected:
    AuthTest() : AuthTest(AuthSettings{}) {}
    explicit AuthTest(AuthSettings settings)
        : clock(std::make_shared<sec::ManualClock>(t0)),
          platform(store::open_store(database.setting()), options(std::move(settings))),
          peek(store::open_store(database.setting())) {}

    PlatformOptions options(AuthSettings settings) {
        settings.hashing = cheap_hashing();
        settings.public_url = "https://okrsek.example.org/";
        PlatformOptions result;
        result.master_key = test_master_key();
        result.clock = clock;
        result.auth = std::move(settings);
        return result;
    }

    Authenticator& auth() { return platform.auth(); }
    AccountAdmin& accounts() { return platform.accounts(); }

    /// Two towns: Testov (city parts T1 west and T2 east; districts W in T1 and E in T2) and
    /// Jinov (district J, no city parts).
    void import_towns() {
        const std::string towns = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"kod":999999,"nazev":"Testov"},"geometry":{"type":"Polygon",
 "coordinates":[[[14.0,50.0],[14.2,50.0],[14.2,50.1],[14.0,50.1],[14.0,50.0]]]}},
{"type":"Feature","properties":{"kod":888888,"nazev":"Jinov"},"geometry":{"type":"Polygon",
 "coordinates":[[[15.0,50.0],[15.2,50.0],[15.2,50.1],[15.0,50.1],[15.0,50.0]]]}}]})";
        const std::string parts = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"kod":"T1","nazev":"Testov 1"},"geometry":{"type":"Polygon",
 "coordinates":[[[14.0,50.0],[14.1,50.0],[14.1,50.1],[14.0,50.1],[14.0,50.0]]]}},
{"type":"Feature","properties":{"kod":"T2","nazev":"Testov 2"},"geometry":{"type":"Polygon",
 "coordinates":[[[14.1,50.0],[14.2,50.0],[14.2,50.1],[14.1,50.1],[14.1,50.0]]]}}]})";
        const std::string jinov_districts = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"kod":"J","nazev":"Jih"},"geometry":{"type":"Polygon",
 "coordinates":[[[15.0,50.0],[15.1,50.0],[15.1,50.1],[15.0,50.1],[15.0,50.0]]]}}]})";
        import_text("towns.geojson", towns, "municipalities", std::nullopt);
        import_text("parts.geojson", parts, "city_parts", testov);
        platform.import_areas(
            test::testov_request("testov-districts.geojson", "districts", testov));
        import_text("jinov.geojson", jinov_districts, "districts", jinov);
    }

    void import_text(const std::string& name, const std::string& geojson, const std::string& layer,
                     std::optional<std::int64_t> town) {
        ImportRequest request;
        request.source_name = name;
        request.geojson = geojson;
        request.layer = layer;
        request.municipality_code = town;
        request.read_options.code_property = "kod";
        request.read_options.name_property = "nazev";
        platform.import_areas(request);
    }

    /// The id of the area with `code` in `layer`.
    std::int64_t area_id(const std::string& layer, const std::string& code) const {
        const auto* found = platform.catalog()->find_layer(layer);
        if (found) {
            for (const auto& area : found->areas) {
                if (area.code == code) return area.id;
            }
        }
        throw std::runtime_error("no area " + code + " in layer " + layer);
    }

    /// A person created by the command line, with a password and optionally one grant.
    std::int64_t add_user(const std::string& email, const std::string& name,
                          std::optional<sec::Role> role = std::nullopt,
                          sec::Scope scope = sec::Scope::everything(),
                          std::optional<std::string> password = good_password) {
        NewAccount account;
        account.email = email;
        account.display_name = name;
        account.password = std::move(password);
        account.role = role;
        account.scope = scope;
        account.reason = "test setup";
        return accounts().create_user(Principal::cli(), account).user.user.id;
    }

    /// The principal of a full session of `user_id`, without signing in (as session_principal
    /// builds it), for authorisation tests.
    Principal as_user(std::int64_t user_id) {
        Principal principal;
        principal.kind = Principal::Kind::user;
        principal.id = user_id;
        const auto user = peek->find_user(user_id);
        if (user) {
            principal.email = user->email;
            principal.display_name = user->display_name;
            principal.totp_enabled = user->totp_enabled;
        }
        principal.client = client;
        auth().load_grants(user_id, principal);
        return principal;
    }

    SignIn login(const std::string& email, const std::string& password = good_password) {
        return auth().login(email, password, client);
    }

    /// The principal of a session token that must still be usable.
    SessionPrincipal session_of(const std::string& token) {
        auto found = auth().session_principal(token, client);
        if (!found) throw std::runtime_error("the session is not usable");
        return *found;
    }

    /// Enrols TOTP through the session `token` (pending-setup or full) at the current time.
    Enrolled enrol(const std::string& token) {
        const SessionPrincipal found = session_of(token);
        const TotpEnrolment enrolment = auth().begin_totp(found.principal);
        const auto secret = sec::base32_decode(enrolment.secret_base32);
        if (!secret) throw std::runtime_error("the enrolment secret is not base32");
        auto confirmation = auth().confirm_totp(found.principal, token, code_now(*secret));
        return {confirmation.sign_in, *secret, confirmation.recovery_codes};
    }

    std::string code_now(const std::vector<unsigned char>& secret, int offset = 0) const {
        return totp_code(secret, clock->now(), offset);
    }

    /// Every audit row, newest first.
    std::vector<store::AuditRecord> audit_rows(std::string action = {}) {
        store::AuditFilter filter;
        filter.action = std::move(action);
        filter.limit = 1000;
        return peek->list_audit(filter);
    }

    test::TempDir dir;
    test::TestDatabase database{dir.path(), "auth.db", test::PgStart::migrated};
    std::shared_ptr<sec::ManualClock> clock;
    Platform platform;
    std::unique_ptr<store::Store> peek;  ///< the same database, read behind the platform's back
    ClientInfo client{"192.0.2.10", "Firefox/140.0"};
};

}  // namespace okrsek::service::test_auth
