// DistrictDirectory: default roles per town, the card (team, city part, places, nearest
// stations), and the permission checks of every edit (the target taken from what is stored),
// each edit audited; on both engines.
#include "service/directory/district_directory.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "unit/service/directory/directory_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using core::ErrorCode;

TEST_F(DirectoryTest, EveryTownGetsTheDefaultRolesOnFirstUse) {
    EXPECT_TRUE(audit_rows("team.role.seed").empty());
    const auto roles = directory().team_roles(testov, false);
    ASSERT_EQ(roles.size(), 3u);
    EXPECT_EQ(roles[0].code, "state_police_officer");
    EXPECT_EQ(roles[0].name_cs, "Policista – okrskář Policie ČR");
    EXPECT_EQ(roles[1].code, "municipal_police_officer");
    EXPECT_EQ(roles[1].name_cs, "Strážník-okrskář městské policie");
    EXPECT_EQ(roles[2].code, "councillor");
    EXPECT_EQ(roles[2].name_cs, "Zastupitel / starosta městské části");
    EXPECT_FALSE(roles[2].name_en.empty());
    const auto kinds = directory().place_kinds(testov);
    ASSERT_EQ(kinds.size(), 3u);
    EXPECT_EQ(kinds[0].name_cs, "Služebna Policie ČR");
    EXPECT_EQ(kinds[1].name_cs, "Služebna městské policie");
    EXPECT_EQ(kinds[2].name_cs, "Info-schránka");
    EXPECT_TRUE(kinds[1].station);
    EXPECT_FALSE(kinds[2].station);
    // Seeded once, by the system, for that town only.
    directory().team_roles(testov, false);
    const auto seeds = audit_rows("team.role.seed");
    ASSERT_EQ(seeds.size(), 1u);
    EXPECT_EQ(seeds[0].actor_kind, store::ActorKind::system);
    EXPECT_EQ(seeds[0].municipality_code, testov);
    EXPECT_EQ(error_of([&] { directory().team_roles(123456, false); }).code(),
              ErrorCode::not_found);
}

TEST_F(DirectoryTest, TheCardShowsTheTeamPlacesAndNearestStations) {
    const auto cli = Principal::cli();
    const auto police = role_id(testov, "state_police_officer");
    directory().set_contact(cli, w, police, {"okrsek.w@policie.example", "974 000 000"});
    directory().start_holder(cli, w, police, person("Jana Nováková"), "2025-09-01");
    // Stations: one inside W, one given to W though it stands in E, two far east; an info box.
    directory().create_place(cli, testov, "police_station", place_at("Uvnitř", 14.05, 50.05));
    auto given = place_at("Přidělená", 14.15, 50.05);
    given.district_id = w;
    directory().create_place(cli, testov, "municipal_police_station", given);
    directory().create_place(cli, testov, "police_station", place_at("Daleko", 14.19, 50.09));
    directory().create_place(cli, testov, "police_station", place_at("Dál", 14.199, 50.099));
    directory().create_place(cli, testov, "info_box", place_at("Schránka", 14.06, 50.06));

    const DistrictCard card = directory().card(w);
    EXPECT_EQ(card.district.code, "W");
    EXPECT_EQ(card.district.name, "Západ");
    EXPECT_EQ(card.town.code, testov);
    EXPECT_EQ(card.town.name, "Testov");
    ASSERT_TRUE(card.city_part);
    EXPECT_EQ(card.city_part->code, "T1");
    EXPECT_NEAR(card.center.lon, 14.05, 1e-9);
    EXPECT_NEAR(card.center.lat, 50.05, 1e-9);

    ASSERT_EQ(card.team.size(), 3u);
    EXPECT_EQ(card.team[0].role.code, "state_police_officer");
    EXPECT_EQ(card.team[0].contact.email, "okrsek.w@policie.example");
    ASSERT_TRUE(card.team[0].holder);
    EXPECT_EQ(card.team[0].holder->profile.name, "Jana Nováková");
    EXPECT_EQ(card.team[0].holder->from_date, "2025-09-01");
    EXPECT_FALSE(card.team[1].holder);

    std::vector<std::string> inside;
    for (const auto& view : card.places.places) inside.push_back(view.place.fields.name);
    EXPECT_EQ(inside, (std::vector<std::string>{"Uvnitř", "Přidělená", "Schránka"}));
    EXPECT_EQ(card.places.total, 3u);

    ASSERT_EQ(card.nearest_stations.size(), 3u);
    EXPECT_EQ(card.nearest_stations[0].place.fields.name, "Uvnitř");
    EXPECT_NEAR(*card.nearest_stations[0].distance_m, 0.0, 1.0);
    EXPECT_EQ(card.nearest_stations[1].place.fields.name, "Přidělená");
    // 0.1° of longitude at 50.05° N: about 7.15 km.
    EXPECT_NEAR(*card.nearest_stations[1].distance_m, 7150.0, 30.0);
    EXPECT_EQ(card.nearest_stations[2].place.fields.name, "Daleko");
    for (const auto& station : card.nearest_stations) EXPECT_TRUE(station.kind.station);

    EXPECT_EQ(error_of([&] { directory().card(t1); }).code(), ErrorCode::not_found);
    EXPECT_EQ(error_of([&] { directory().card(987654); }).field(), "id");
}

TEST_F(DirectoryTest, DistrictPlacesComeInPages) {
    const auto cli = Principal::cli();
    for (int i = 0; i < 7; ++i) {
        directory().create_place(
            cli, testov, "info_box",
            place_at("Schránka " + std::to_string(i), 14.01 + i * 0.01, 50.05));
    }
    directory().create_place(cli, testov, "info_box", place_at("Jinde", 14.15, 50.05));
    const auto first = directory().district_places(w, 3, 0);
    ASSERT_EQ(first.places.size(), 3u);
    EXPECT_EQ(first.total, 7u);
    EXPECT_EQ(first.places[0].place.fields.name, "Schránka 0");
    const auto last = directory().district_places(w, 3, 6);
    ASSERT_EQ(last.places.size(), 1u);
    EXPECT_EQ(last.places[0].place.fields.name, "Schránka 6");
    EXPECT_TRUE(directory().district_places(w, 3, 9).places.empty());
    EXPECT_EQ(error_of([&] { directory().district_places(w, 0, 0); }).field(), "limit");
    EXPECT_EQ(error_of([&] { directory().district_places(w, 101, 0); }).field(), "limit");
}

TEST_F(DirectoryTest, TheMapListsATownsPlacesByKindAndBox) {
    const auto cli = Principal::cli();
    directory().create_place(cli, testov, "police_station", place_at("Západ", 14.05, 50.05));
    directory().create_place(cli, testov, "info_box", place_at("Východ", 14.15, 50.05));
    directory().create_place(cli, jinov, "info_box", place_at("Jinov", 15.1, 50.05));
    EXPECT_EQ(directory().town_places({testov, std::nullopt, std::nullopt}).size(), 2u);
    const auto boxes = directory().town_places({testov, "info_box", std::nullopt});
    ASSERT_EQ(boxes.size(), 1u);
    EXPECT_EQ(boxes[0].district_id, e);
    const auto west =
        directory().town_places({testov, std::nullopt, std::array{14.0, 50.0, 14.1, 50.1}});
    ASSERT_EQ(west.size(), 1u);
    EXPECT_EQ(west[0].place.fields.name, "Západ");
    EXPECT_EQ(error_of([&] {
                  directory().town_places({testov, "nic", std::nullopt});
              }).field(),
              "kind");
    EXPECT_EQ(
        error_of([&] {
            directory().town_places({testov, std::nullopt, std::array{14.2, 50.0, 14.1, 50.1}});
        }).field(),
        "bbox");
}

TEST_F(DirectoryTest, ACityPartsManagerEditsItsDistrictsOnly) {
    const Principal manager =
        staff("manazer.t1@example.org", sec::Role::prevention_manager, sec::Scope::city_part(t1));
    const auto police = role_id(testov, "state_police_officer");
    const auto holder =
        directory().start_holder(manager, w, police, person("Petr Okrskář"), "2026-01-01");
    const auto started = audit_rows("team.holder.start");
    ASSERT_EQ(started.size(), 1u);
    EXPECT_EQ(started[0].actor_kind, store::ActorKind::user);
    EXPECT_EQ(started[0].actor_id, manager.id);
    EXPECT_EQ(started[0].object_id, std::to_string(holder.id));
    EXPECT_EQ(started[0].municipality_code, testov);
    EXPECT_EQ(started[0].client_address, client.address);
    // Nothing personal in the row.
    EXPECT_EQ(started[0].details_json.find("Okrskář"), std::string::npos);
    EXPECT_EQ(started[0].details_json.find("300"), std::string::npos);

    const auto rows = audit_rows().size();
    const auto refused = [&](const std::function<void()>& edit) {
        const auto error = error_of(edit);
        EXPECT_EQ(error.code(), ErrorCode::forbidden) << error.what();
    };
    refused([&] { directory().start_holder(manager, e, police, person("X"), "2026-01-01"); });
    refused([&] { directory().set_contact(manager, e, police, {"x@example.org", {}}); });
    refused([&] { directory().add_team_role(manager, {testov, "assistant", "Asistent", "A"}); });
    refused([&] {
        directory().create_place(manager, testov, "info_box", place_at("Východ", 14.15, 50.05));
    });
    EXPECT_EQ(audit_rows().size(), rows);
    EXPECT_TRUE(directory().team(e)[0].holder == std::nullopt);
    EXPECT_TRUE(directory().town_places({testov, std::nullopt, std::nullopt}).empty());

    // Its own district's holder, contact and places it may edit.
    directory().set_contact(manager, w, police, {"w@policie.example", std::nullopt});
    auto profile = person("Petr Okrskář");
    profile.bio = "Jiný text.";
    EXPECT_EQ(directory().update_holder(manager, holder.id, profile).profile.bio, "Jiný text.");
    EXPECT_TRUE(directory().end_holder(manager, holder.id, "2026-02-01").to_date);
    EXPECT_EQ(audit_rows("team.contact.update").size(), 1u);
    EXPECT_EQ(audit_rows("team.holder.update").size(), 1u);
    EXPECT_EQ(audit_rows("team.holder.end").size(), 1u);
}

// A district's officer edits the card of their district (a holder's profile) but appoints
// nobody; other towns' staff and machine tokens edit nothing.
TEST_F(DirectoryTest, DistrictOfficersEditTheirCardOnlyAndOtherTownsNothing) {
    const auto police = role_id(testov, "state_police_officer");
    const auto holder =
        directory().start_holder(Principal::cli(), w, police, person("Jana Nová"), "2026-01-01");
    const auto east =
        directory().start_holder(Principal::cli(), e, police, person("Eva Východní"), "2026-01-01");
    const Principal officer =
        staff("okrskar.w@example.org", sec::Role::district_state_officer, sec::Scope::district(w));
    const Principal other_town =
        staff("vedeni.jinov@example.org", sec::Role::state_police_leadership,
              sec::Scope::municipality(jinov));
    Principal token;
    token.kind = Principal::Kind::token;
    token.id = 1;
    const auto rows = audit_rows().size();
    for (const Principal* who :
         std::initializer_list<const Principal*>{&officer, &other_town, &token}) {
        EXPECT_EQ(error_of([&] { directory().end_holder(*who, holder.id, "2026-02-01"); }).code(),
                  ErrorCode::forbidden);
        EXPECT_EQ(error_of([&] { directory().set_contact(*who, w, police, {}); }).code(),
                  ErrorCode::forbidden);
        EXPECT_EQ(error_of([&] {
                      directory().start_holder(*who, w, police, person("X"), "2026-03-01");
                  }).code(),
                  ErrorCode::forbidden);
        EXPECT_EQ(error_of([&] { directory().update_holder(*who, east.id, person("X")); }).code(),
                  ErrorCode::forbidden);
    }
    for (const Principal* who : std::initializer_list<const Principal*>{&other_town, &token}) {
        EXPECT_EQ(error_of([&] { directory().update_holder(*who, holder.id, person("X")); }).code(),
                  ErrorCode::forbidden);
    }
    EXPECT_EQ(audit_rows().size(), rows);
    EXPECT_EQ(directory().team(w)[0].holder->profile.name, "Jana Nová");
    EXPECT_EQ(directory().team(e)[0].holder->profile.name, "Eva Východní");

    // The own district's card: the holder's profile, audited.
    auto profile = person("Jana Nová");
    profile.bio = "Úřaduji ve středu.";
    EXPECT_EQ(directory().update_holder(officer, holder.id, profile).profile.bio,
              "Úřaduji ve středu.");
    EXPECT_EQ(audit_rows("team.holder.update").size(), 1u);
    // The officer reads their district's history, not another's, and may edit only theirs.
    EXPECT_EQ(directory().team_history(officer, w)[0].holders.size(), 1u);
    EXPECT_EQ(error_of([&] { directory().team_history(officer, e); }).code(), ErrorCode::forbidden);
    const auto editable = directory().editable_districts(officer);
    ASSERT_EQ(editable.size(), 1u);
    EXPECT_EQ(editable[0].district.id, w);
    EXPECT_FALSE(editable[0].appoint);
    EXPECT_TRUE(directory().editable_districts(other_town, testov).empty());
}

// The linked staff account receives the reports the holder owns (issue 6): an officer edits
// their own profile but cannot link it to another account; the appointing manager can, and a
// client that does not send the link keeps it.
TEST_F(DirectoryTest, LinkingAHoldersAccountIsAnAppointmentDecision) {
    const auto police = role_id(testov, "state_police_officer");
    const Principal officer = staff("okrskar.link@example.org", sec::Role::district_state_officer,
                                    sec::Scope::district(w));
    const Principal manager = staff("manazer.link@example.org", sec::Role::prevention_manager,
                                    sec::Scope::municipality(testov));
    const auto holder =
        directory().start_holder(Principal::cli(), w, police, person("Jana Nová"), "2026-01-01");

    auto linked = person("Jana Nová");
    linked.user_id = officer.id;
    EXPECT_EQ(error_of([&] { directory().update_holder(officer, holder.id, linked); }).code(),
              ErrorCode::forbidden);
    EXPECT_FALSE(directory().team(w)[0].holder->profile.user_id.has_value());

    EXPECT_EQ(directory().update_holder(manager, holder.id, linked).profile.user_id, officer.id);
    // The officer edits the bio without sending the link: kept.
    auto edited = person("Jana Nová");
    edited.bio = "Nově i v pátek.";
    EXPECT_EQ(directory().update_holder(officer, holder.id, edited, true).profile.user_id,
              officer.id);
    // Sending another link (here: none) is refused again, and changes nothing.
    EXPECT_EQ(error_of([&] { directory().update_holder(officer, holder.id, edited); }).code(),
              ErrorCode::forbidden);
    const auto stored = directory().team(w)[0].holder->profile;
    EXPECT_EQ(stored.user_id, officer.id);
    EXPECT_EQ(stored.bio, "Nově i v pátek.");
}

TEST_F(DirectoryTest, EditableDistrictsFollowTheScope) {
    const auto ids = [](const std::vector<EditableDistrict>& list) {
        std::vector<std::int64_t> result;
        for (const auto& entry : list) result.push_back(entry.district.id);
        return result;
    };
    const Principal part =
        staff("manazer.t1@example.org", sec::Role::prevention_manager, sec::Scope::city_part(t1));
    const Principal town = staff("vedeni.mp@example.org", sec::Role::municipal_police_leadership,
                                 sec::Scope::municipality(testov));
    EXPECT_EQ(ids(directory().editable_districts(part)), std::vector<std::int64_t>{w});
    EXPECT_EQ(ids(directory().editable_districts(town)), (std::vector<std::int64_t>{w, e}));
    EXPECT_TRUE(directory().editable_districts(town, jinov).empty());
    EXPECT_EQ(ids(directory().editable_districts(Principal::cli(), jinov)),
              std::vector<std::int64_t>{j});
    ASSERT_TRUE(directory().editable_districts(part)[0].city_part);
    EXPECT_EQ(directory().editable_districts(part)[0].city_part->code, "T1");
    EXPECT_TRUE(directory().editable_districts(part)[0].appoint);
}

TEST_F(DirectoryTest, ATownConfiguresItsRoles) {
    const Principal town = staff("manazer@example.org", sec::Role::prevention_manager,
                                 sec::Scope::municipality(testov));
    const auto assistant = directory().add_team_role(
        town, {testov, "prevention_assistant", "Asistent prevence kriminality",
               "Crime prevention assistant"});
    EXPECT_EQ(assistant.sort_order, 4);
    EXPECT_EQ(audit_rows("team.role.create").at(0).actor_id, town.id);
    const auto police = role_id(testov, "state_police_officer");
    const auto order = directory().order_team_roles(town, testov, std::vector{assistant.id});
    EXPECT_EQ(order.front().id, assistant.id);
    EXPECT_EQ(directory().card(w).team.front().role.code, "prevention_assistant");

    // A retired role leaves the card; its history stays for staff.
    directory().start_holder(town, w, assistant.id, person("Eva Asistentka"), "2026-01-01");
    directory().update_team_role(town, assistant.id, "Asistentka prevence", "Assistant", true);
    EXPECT_EQ(audit_rows("team.role.retire").size(), 1u);
    EXPECT_EQ(directory().card(w).team.size(), 3u);
    const auto history = directory().team_history(town, w);
    ASSERT_EQ(history.size(), 4u);
    EXPECT_TRUE(history[0].role.retired_at);
    EXPECT_EQ(history[0].holders.at(0).profile.name, "Eva Asistentka");
    EXPECT_EQ(directory().update_team_role(town, police, "Policista", "Officer", false).name_cs,
              "Policista");

    const Principal other = staff("manazer.jinov@example.org", sec::Role::prevention_manager,
                                  sec::Scope::municipality(jinov));
    EXPECT_EQ(error_of([&] {
                  directory().update_team_role(other, police, "Cizí", "Foreign", false);
              }).code(),
              ErrorCode::forbidden);
    EXPECT_EQ(
        error_of([&] { directory().order_team_roles(other, testov, std::vector{police}); }).code(),
        ErrorCode::forbidden);
    EXPECT_EQ(directory().team_roles(testov, false)[0].name_cs, "Policista");
}

TEST_F(DirectoryTest, PlacesAreCheckedWhereTheyLieAndWhereTheyGo) {
    const Principal manager =
        staff("manazer.t1@example.org", sec::Role::prevention_manager, sec::Scope::city_part(t1));
    const auto view =
        directory().create_place(manager, testov, "info_box", place_at("Schránka", 14.05, 50.05));
    EXPECT_EQ(view.district_id, w);
    EXPECT_EQ(audit_rows("place.create").at(0).actor_id, manager.id);
    // Moving it east (into E) needs E as well: refused, and it stays.
    EXPECT_EQ(error_of([&] {
                  directory().update_place(manager, view.place.id,
                                           place_at("Schránka", 14.15, 50.05));
              }).code(),
              ErrorCode::forbidden);
    EXPECT_EQ(directory().district_places(w, 10, 0).total, 1u);
    // Given to E explicitly it lies in E, wherever it stands.
    auto to_e = place_at("Schránka", 14.05, 50.05);
    to_e.district_id = e;
    EXPECT_EQ(error_of([&] { directory().update_place(manager, view.place.id, to_e); }).code(),
              ErrorCode::forbidden);
    to_e.district_id = j;
    EXPECT_EQ(
        error_of([&] { directory().update_place(Principal::cli(), view.place.id, to_e); }).field(),
        "district_id");
    const auto moved =
        directory().update_place(manager, view.place.id, place_at("Schránka 2", 14.06, 50.06));
    EXPECT_EQ(moved.place.fields.name, "Schránka 2");
    directory().delete_place(manager, view.place.id);
    EXPECT_EQ(audit_rows("place.delete").size(), 1u);
    EXPECT_EQ(error_of([&] { directory().delete_place(manager, view.place.id); }).code(),
              ErrorCode::not_found);
}

}  // namespace
}  // namespace okrsek::service::test_auth
