// GET / PUT /api/v1/admin/areas/{id}/profile over HTTP: the authorisation matrix for every role
// and scope (http_authz_matrix.hpp), bad bodies answered 400 naming the field, and the answer's
// shape.
#include "http_authz_matrix.hpp"

namespace okrsek::test::authz {
namespace {

json profile_body(const Objects& objects) {
    return json{{"population", 1000 + objects.round},
                {"amenities", {{"schools", 2}, {"playgrounds", 5}}},
                {"prevention_workers", {{"street_workers", 1}}}};
}

TEST_F(AuthzMatrixTest, AreaProfileRoutesGetExactlyTheExpectedAnswers) {
    const auto path = [&](const std::string& code) {
        return fixed("/api/v1/admin/areas/" + id(town.area(code)) + "/profile");
    };
    const Target w = district_w();
    const Target j = district_j();
    const Target part_tw = Target::city_part(AuthTown::testov, town.area("TW"));
    const Target testov = Target::municipality(AuthTown::testov);
    const std::string route = "/api/v1/admin/areas/{id}/profile";
    const std::vector<Case> cases = {
        // Reading: any signed-in staff member (the figures are public on the statistics pages).
        {"GET", route, path("W"), none, any_session},
        {"GET", route, path("J1"), none, any_session},
        // Editing: area_profiles.edit where the area lies.
        {"PUT", route, path("W"), profile_body,
         [&](const Who& who) { return may(who, Action::area_profiles_edit, w); }},
        {"PUT", route, path("J1"), profile_body,
         [&](const Who& who) { return may(who, Action::area_profiles_edit, j); }},
        {"PUT", route, path("TW"), profile_body,
         [&](const Who& who) { return may(who, Action::area_profiles_edit, part_tw); }},
        {"PUT", route, path("999999"), profile_body,
         [&](const Who& who) { return may(who, Action::area_profiles_edit, testov); }},
    };
    run_matrix("profiles", cases);
}

class HttpAreaProfileTest : public ::testing::Test {
protected:
    HttpAreaProfileTest() {
        town.clear_sensitive_roles();
        town.add_user("marta.prevence@example.org", "Marta Prevence",
                      service::security::Role::prevention_manager,
                      service::security::Scope::municipality(AuthTown::testov));
        town.add_user("olga.okrskarka@example.org", "Olga Okrskářka",
                      service::security::Role::district_state_officer,
                      service::security::Scope::district(town.area("W")));
    }

    std::string profile_path(const std::string& code) {
        return "/api/v1/admin/areas/" + id(town.area(code)) + "/profile";
    }

    AuthTown town;
};

TEST_F(HttpAreaProfileTest, EditsAndReadsAProfile) {
    Browser manager(town.port());
    ASSERT_EQ(manager.login("marta.prevence@example.org").status, 200u);
    auto read = manager.get(profile_path("W"));
    ASSERT_EQ(read.status, 200u) << read.body;
    EXPECT_EQ(read.headers["cache-control"], "no-store");
    auto body = read.json();
    EXPECT_EQ(body["area"]["id"], town.area("W"));
    EXPECT_EQ(body["area"]["layer"], "districts");
    EXPECT_EQ(body["area"]["municipality_code"], AuthTown::testov);
    EXPECT_TRUE(body["population"].is_null());
    EXPECT_TRUE(body["population_source"].is_null());
    EXPECT_TRUE(body["layer_population"].is_null());
    EXPECT_EQ(body["amenities"], json::object());

    auto saved = manager.send(
        "PUT", profile_path("W"),
        json{{"population", 5400}, {"amenities", {{"schools", 3}, {"bars_open_late", 0}}}});
    ASSERT_EQ(saved.status, 200u) << saved.body;
    body = saved.json();
    EXPECT_EQ(body["population"], 5400);
    EXPECT_EQ(body["population_source"], "profile");
    EXPECT_EQ(body["amenities"], (json{{"bars_open_late", 0}, {"schools", 3}}));
    EXPECT_EQ(body["prevention_workers"], json::object());

    // Members left out stay; null removes the population.
    saved = manager.send(
        "PUT", profile_path("W"),
        json{{"population", nullptr}, {"prevention_workers", {{"social_workers", 2}}}});
    ASSERT_EQ(saved.status, 200u) << saved.body;
    body = manager.get(profile_path("W")).json();
    EXPECT_TRUE(body["population"].is_null());
    EXPECT_EQ(body["amenities"]["schools"], 3);
    EXPECT_EQ(body["prevention_workers"]["social_workers"], 2);

    // The district's officer reads it but may not change it.
    Browser officer(town.port());
    ASSERT_EQ(officer.login("olga.okrskarka@example.org").status, 200u);
    EXPECT_EQ(officer.get(profile_path("W")).json()["amenities"]["schools"], 3);
    const auto refused = officer.send("PUT", profile_path("W"), json{{"population", 1}});
    EXPECT_EQ(refused.status, 403u);
    EXPECT_EQ(manager.get(profile_path("W")).json()["population"], nullptr);

    // Without a session: 401.
    Browser anonymous(town.port());
    anonymous.fetch_csrf();
    EXPECT_EQ(anonymous.get(profile_path("W")).status, 401u);
}

TEST_F(HttpAreaProfileTest, BadRequestsNameTheField) {
    Browser manager(town.port());
    ASSERT_EQ(manager.login("marta.prevence@example.org").status, 200u);
    json many = json::object();
    for (int i = 0; i < 31; ++i) many[std::string(1 + i / 26, static_cast<char>('a' + i % 26))] = 1;
    const std::vector<std::pair<json, std::string>> bad = {
        {json::array({1}), "body"},
        {json{{"population", "many"}}, "population"},
        {json{{"population", 12.5}}, "population"},
        {json{{"population", -3}}, "population"},
        {json{{"population", 100000001}}, "population"},
        {json{{"amenities", json::array()}}, "amenities"},
        {json{{"amenities", {{"Schools", 1}}}}, "amenities"},
        {json{{"amenities", {{"schools", 1.5}}}}, "amenities.schools"},
        {json{{"amenities", {{"schools", "2"}}}}, "amenities.schools"},
        {json{{"amenities", {{"schools", 1000001}}}}, "amenities.schools"},
        {json{{"prevention_workers", {{"street_workers", -1}}}},
         "prevention_workers.street_workers"},
        {json{{"prevention_workers", many}}, "prevention_workers"},
        {json{{"colour", "red"}}, "colour"},
    };
    for (const auto& [body, field] : bad) {
        const auto result = manager.send("PUT", profile_path("W"), body);
        EXPECT_EQ(result.status, 400u) << body.dump() << ": " << result.body;
        if (result.status == 400u) {
            EXPECT_EQ(result.json()["error"]["field"], field) << body.dump();
            EXPECT_EQ(result.json()["error"]["code"], "invalid_argument") << body.dump();
        }
    }
    // Nothing of it was stored.
    EXPECT_EQ(manager.get(profile_path("W")).json()["amenities"], json::object());

    auto result = manager.get("/api/v1/admin/areas/987654/profile");
    EXPECT_EQ(result.status, 404u);
    EXPECT_EQ(result.json()["error"]["field"], "id");
    result = manager.send("PUT", "/api/v1/admin/areas/987654/profile", json{{"population", 1}});
    EXPECT_EQ(result.status, 404u);
    result = manager.get("/api/v1/admin/areas/abc/profile");
    EXPECT_EQ(result.status, 400u);
    EXPECT_EQ(result.json()["error"]["field"], "id");
}

}  // namespace
}  // namespace okrsek::test::authz
