#pragma once

// The authorisation matrix over HTTP, shared by the http_authz_*_test.cpp files (one per area of
// the API): every route × every role × every scope the role can be granted at (plus no role, and
// no session), against objects in the caller's district and in another town. Expected answers
// come from each area's table of cases; each request is classified as allowed (anything but
// 401/403) or denied (401/403). Each area's test fails on a route of its area without a case, on
// a route that belongs to no area, and on any unexpected allow or deny.

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "auth_town.hpp"

namespace okrsek::test::authz {

using nlohmann::json;
namespace sec = service::security;
using sec::Action;
using sec::Target;

/// What the cases of one round act on, made afresh for every caller.
struct Objects {
    std::int64_t user_w = 0;  ///< holds a district role in Testov's district W
    std::int64_t user_j = 0;  ///< holds a district role in Jinov's district J1
    std::int64_t grant_w = 0;
    std::int64_t grant_j = 0;
    std::int64_t token_j = 0;  ///< a machine token of Jinov
    // District directory: a holder and a place in W and in J1, the roles their seats are for,
    // a role and a place kind of Jinov.
    std::int64_t role_w = 0;
    std::int64_t role_j = 0;
    std::int64_t holder_w = 0;
    std::int64_t holder_j = 0;
    std::int64_t place_w = 0;
    std::int64_t place_j = 0;
    std::int64_t kind_j = 0;
    // Agenda: priorities and upcoming meetings of W and J1, a meeting of W that has begun, a
    // town-wide event of Jinov.
    std::int64_t priority_w = 0, priority_j = 0;
    std::int64_t event_w = 0, event_j = 0;
    std::int64_t past_w = 0;
    std::int64_t town_event_jinov = 0;
    int round = 0;
};

/// A caller: no session, a session without roles, or one role at one scope.
struct Who {
    std::string label;
    std::vector<sec::Grant> grants;
    bool signed_in = true;
};

using PathOf = std::function<std::string(const Objects&)>;
using BodyOf = std::function<json(const Objects&)>;
using Expected = std::function<bool(const Who&)>;

struct Case {
    std::string method;
    std::string pattern;  ///< the route it exercises
    PathOf path;
    BodyOf body;
    Expected expected;           ///< allowed?
    bool sign_in_again = false;  ///< after a case that ended the session
};

/// The area of the matrix a route belongs to: "public", "account", "admin", "directory" or
/// "agenda"; empty for a route no area knows (a new route: give it an area and cases).
std::string_view area_of(std::string_view pattern);

// Expectations and request parts most cases share.
bool any_session(const Who& who);
bool nobody(const Who& who);
bool everyone(const Who& who);
json none(const Objects& objects);    ///< no body
json empty(const Objects& objects);   ///< {}
json reason(const Objects& objects);  ///< {"reason": …}
PathOf fixed(std::string path);

/// Whether the caller's grants allow `action` on `target`.
bool may(const Who& who, Action action, const Target& target);
/// Whether any of the caller's roles allows `action` at all.
bool somewhere(const Who& who, Action action);
std::string id(std::int64_t value);

/// "2030-01-01" for round 0 and month "01": a date after every earlier round's.
std::string holder_start(int round, const std::string& month);

class AuthzMatrixTest : public ::testing::Test {
protected:
    AuthTown town{matrix_settings()};

    Target district_w() const;
    Target district_j() const;

    /// Runs `cases`, in order, for every caller (each with fresh objects); checks first that
    /// every route of `area` has a case, every route has an area and every case is of `area`.
    void run_matrix(std::string_view area, const std::vector<Case>& cases);

private:
    static service::AuthSettings matrix_settings();
    Objects make_objects(int round);
    void make_agenda_objects(Objects& objects, const std::string& suffix);
    void make_directory_objects(Objects& objects);
    void check_routes(std::string_view area, const std::vector<Case>& cases);
    std::vector<Who> callers();
};

}  // namespace okrsek::test::authz
