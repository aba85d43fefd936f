// DirectoryStore: team roles per town, positions whose contact outlives their holders, holder
// history (a new holder ends the current one on the same date), validation naming fields, and
// an audit row with every change; on both engines. Everyone here is invented.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "unit/store/account_fixture.hpp"

namespace okrsek::store::test_accounts {
namespace {

using core::ErrorCode;

class DirectoryTeamTest : public AccountStoreTest {
protected:
    DirectoryTeamTest() {
        district_a = area_ids.at(0);
        district_b = area_ids.at(1);
        const NewTeamRole roles[] = {{0, "state_police_officer", "Policista", "Police officer"},
                                     {0, "councillor", "Zastupitel", "Councillor"}};
        store->seed_team_roles(testov, roles, t0, by_cli());
        const auto stored = store->team_roles(testov, false);
        police = stored.at(0).id;
        councillor = stored.at(1).id;
    }

    HolderProfile person(const std::string& name) {
        HolderProfile profile;
        profile.name = name;
        profile.bio = "Slouží v okrsku.";
        profile.office_hours = {{3, "14:00", "16:00", "služebna"}, {1, "09:00", "10:00", ""}};
        profile.contact.email = "Osoba@Example.org";
        profile.contact.phone = "+420 123 456 789";
        return profile;
    }

    std::int64_t start(std::int64_t role, const std::string& name, const std::string& from) {
        return store->start_holder(testov, district_a, role, person(name), from, t0, by_cli());
    }

    std::int64_t district_a = 0;
    std::int64_t district_b = 0;
    std::int64_t police = 0;
    std::int64_t councillor = 0;
};

TEST_F(DirectoryTeamTest, DefaultsAreSeededOnceInTheirOrder) {
    const auto roles = store->team_roles(testov, false);
    ASSERT_EQ(roles.size(), 2u);
    EXPECT_EQ(roles[0].code, "state_police_officer");
    EXPECT_EQ(roles[0].name_cs, "Policista");
    EXPECT_EQ(roles[1].sort_order, 2);
    EXPECT_EQ(last_audit().action, "team.role.seed");
    EXPECT_EQ(last_audit().municipality_code, testov);
    const auto before = audit_rows();
    const NewTeamRole other[] = {{0, "other", "Jiný", "Other"}};
    EXPECT_FALSE(store->seed_team_roles(testov, other, t0, by_cli()));
    EXPECT_EQ(store->team_roles(testov, true).size(), 2u);
    EXPECT_EQ(audit_rows(), before);
    // Jinov has none yet and gets its own.
    EXPECT_TRUE(store->seed_team_roles(jinov, other, t0, by_cli()));
    EXPECT_EQ(store->team_roles(jinov, false).size(), 1u);
    EXPECT_EQ(error_of([&] { store->seed_team_roles(123456, other, t0, by_cli()); }).field(),
              "municipality");
}

TEST_F(DirectoryTeamTest, ATownAddsRenamesReordersAndRetiresRoles) {
    const auto assistant =
        store->add_team_role({testov, "prevention_assistant", "Asistent prevence kriminality",
                              "Crime prevention assistant"},
                             t0, by_user(1, "team.role.create"));
    EXPECT_EQ(last_audit().object_id, std::to_string(assistant));
    EXPECT_EQ(store->find_team_role(assistant)->sort_order, 3);
    const auto duplicate = error_of([&] {
        store->add_team_role({testov, "councillor", "X", "X"}, t0, by_cli());
    });
    EXPECT_EQ(duplicate.code(), ErrorCode::invalid_input);
    EXPECT_EQ(duplicate.field(), "code");
    EXPECT_EQ(error_of([&] {
                  store->add_team_role({testov, "Bad Code", "X", "X"}, t0, by_cli());
              }).field(),
              "code");
    EXPECT_EQ(error_of([&] {
                  store->add_team_role({testov, "x", std::string(201, 'a'), "X"}, t0, by_cli());
              }).field(),
              "name_cs");

    store->order_team_roles(testov, std::vector<std::int64_t>{assistant, councillor}, t0, by_cli());
    auto roles = store->team_roles(testov, false);
    ASSERT_EQ(roles.size(), 3u);
    EXPECT_EQ(roles[0].id, assistant);
    EXPECT_EQ(roles[1].id, councillor);
    EXPECT_EQ(roles[2].id, police);
    EXPECT_EQ(last_audit().action, "team.role.order");
    const auto foreign = error_of(
        [&] { store->order_team_roles(jinov, std::vector<std::int64_t>{police}, t0, by_cli()); });
    EXPECT_EQ(foreign.field(), "roles");

    store->update_team_role(assistant, "Asistentka prevence", "Prevention assistant", false, t0,
                            by_cli());
    EXPECT_EQ(store->find_team_role(assistant)->name_cs, "Asistentka prevence");
    store->update_team_role(assistant, "Asistentka prevence", "Prevention assistant", true, t0,
                            by_cli());
    EXPECT_TRUE(store->find_team_role(assistant)->retired_at);
    EXPECT_EQ(store->team_roles(testov, false).size(), 2u);
    EXPECT_EQ(store->team_roles(testov, true).size(), 3u);
    // A retired role takes no new holder, and can come back.
    const auto retired = error_of([&] { start(assistant, "Eva Nová", "2026-01-01"); });
    EXPECT_EQ(retired.code(), ErrorCode::invalid_input);
    EXPECT_EQ(retired.field(), "role");
    store->update_team_role(assistant, "Asistentka prevence", "Prevention assistant", false, t0,
                            by_cli());
    EXPECT_FALSE(store->find_team_role(assistant)->retired_at);
}

TEST_F(DirectoryTeamTest, ANewHolderEndsTheCurrentOneOnTheSameDateAndHistoryStays) {
    const auto first = start(police, "Petr Starý", "2024-02-01");
    const auto second = start(police, "Jana Nová", "2026-03-01");
    const auto old = store->find_holder(first);
    ASSERT_TRUE(old);
    EXPECT_EQ(old->to_date, "2026-03-01");
    EXPECT_FALSE(old->current());
    const auto now = store->find_holder(second);
    EXPECT_TRUE(now->current());
    EXPECT_EQ(now->from_date, "2026-03-01");
    EXPECT_EQ(now->district_id, district_a);
    EXPECT_EQ(now->role_id, police);

    const auto current = store->district_holders(district_a, false);
    ASSERT_EQ(current.size(), 1u);
    EXPECT_EQ(current[0].id, second);
    const auto history = store->district_holders(district_a, true);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].id, second);  // newest first
    EXPECT_EQ(history[1].id, first);

    // Starting before the current holder did is refused, and nothing changes.
    const auto early = error_of([&] { start(police, "Karel Dřívější", "2025-12-31"); });
    EXPECT_EQ(early.code(), ErrorCode::invalid_input);
    EXPECT_EQ(early.field(), "from");
    EXPECT_EQ(store->district_holders(district_a, true).size(), 2u);
    EXPECT_TRUE(store->find_holder(second)->current());

    EXPECT_EQ(last_audit().action, "team.holder.start");
    EXPECT_EQ(last_audit().object_type, "team_holder");
    EXPECT_EQ(last_audit().object_id, std::to_string(second));
}

TEST_F(DirectoryTeamTest, AtMostOneHolderIsCurrentEvenWrittenAroundTheCode) {
    start(police, "Petr Starý", "2024-02-01");
    const auto position = store->district_positions(district_a).at(0).id;
    const std::string insert =
        "INSERT INTO team_holders (position_id, municipality_code, name, office_hours, "
        "from_date, created_at, updated_at) VALUES (" +
        std::to_string(position) +
        ", 999999, 'X', '[]', '2026-01-01', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')";
    EXPECT_ANY_THROW(execute_sql(insert));
    EXPECT_EQ(store->district_holders(district_a, true).size(), 1u);
}

TEST_F(DirectoryTeamTest, TheRoleContactOutlivesItsHolders) {
    store->set_position_contact(testov, district_a, police, {"Okrsek.A@Policie.example", "158"}, t0,
                                by_user(1));
    EXPECT_EQ(last_audit().action, "team.contact.update");
    EXPECT_EQ(nlohmann::json::parse(last_audit().details_json)["fields"],
              nlohmann::json({"email", "phone"}));
    start(police, "Petr Starý", "2024-02-01");
    const auto second = start(police, "Jana Nová", "2026-03-01");
    store->end_holder(second, "2026-06-30", t0, by_cli());
    const auto positions = store->district_positions(district_a);
    ASSERT_EQ(positions.size(), 1u);
    EXPECT_EQ(positions[0].email, "okrsek.a@policie.example");
    EXPECT_EQ(positions[0].phone, "158");
    EXPECT_TRUE(store->district_holders(district_a, false).empty());
    // Blank values clear a contact; other districts keep theirs apart.
    store->set_position_contact(testov, district_b, police, {"b@policie.example", std::nullopt}, t0,
                                by_cli());
    store->set_position_contact(testov, district_a, police, {" ", std::nullopt}, t0, by_cli());
    EXPECT_FALSE(store->district_positions(district_a).at(0).email);
    EXPECT_EQ(store->district_positions(district_b).at(0).email, "b@policie.example");
    // A role of another town is refused.
    const NewTeamRole jinov_roles[] = {{0, "mayor", "Starosta", "Mayor"}};
    store->seed_team_roles(jinov, jinov_roles, t0, by_cli());
    const auto mayor = store->team_roles(jinov, false).at(0).id;
    EXPECT_EQ(error_of([&] {
                  store->set_position_contact(testov, district_a, mayor, {}, t0, by_cli());
              }).field(),
              "role");
}

TEST_F(DirectoryTeamTest, EndingAndEditingAHolder) {
    const auto id = start(councillor, "Petr Starý", "2024-02-01");
    const auto stored = store->find_holder(id);
    // Office hours come back sorted, the e-mail address lower-cased.
    ASSERT_EQ(stored->profile.office_hours.size(), 2u);
    EXPECT_EQ(stored->profile.office_hours[0].weekday, 1);
    EXPECT_EQ(stored->profile.office_hours[1].place, "služebna");
    EXPECT_EQ(stored->profile.contact.email, "osoba@example.org");

    HolderProfile changed = person("Petr Starý");
    changed.bio = "Nový životopis.";
    changed.contact.phone.reset();
    store->update_holder(id, changed, t0, by_user(1));
    EXPECT_EQ(store->find_holder(id)->profile.bio, "Nový životopis.");
    EXPECT_FALSE(store->find_holder(id)->profile.contact.phone);
    const auto audit = last_audit();
    EXPECT_EQ(audit.action, "team.holder.update");
    // The row names what changed, not the values.
    EXPECT_EQ(nlohmann::json::parse(audit.details_json)["fields"],
              nlohmann::json({"bio", "phone"}));
    EXPECT_EQ(audit.details_json.find("Nový"), std::string::npos);

    EXPECT_EQ(error_of([&] { store->end_holder(id, "2024-01-31", t0, by_cli()); }).field(), "to");
    store->end_holder(id, "2026-02-28", t0, by_cli());
    EXPECT_EQ(store->find_holder(id)->to_date, "2026-02-28");
    EXPECT_EQ(last_audit().action, "team.holder.end");
    EXPECT_EQ(error_of([&] { store->end_holder(id, "2026-03-01", t0, by_cli()); }).code(),
              ErrorCode::conflict);
    EXPECT_EQ(error_of([&] { store->end_holder(987654, "2026-03-01", t0, by_cli()); }).code(),
              ErrorCode::not_found);
}

TEST_F(DirectoryTeamTest, BadValuesNameTheirFieldAndChangeNothing) {
    const auto expect_field = [&](HolderProfile profile, const std::string& field) {
        const auto before = audit_rows();
        const auto error = error_of([&] {
            store->start_holder(testov, district_a, police, profile, "2026-01-01", t0, by_cli());
        });
        EXPECT_EQ(error.code(), ErrorCode::invalid_argument) << field;
        EXPECT_EQ(error.field(), field);
        EXPECT_EQ(audit_rows(), before);
    };
    HolderProfile profile = person("Eva Nová");
    profile.name = std::string(201, 'x');
    expect_field(profile, "name");
    profile = person("Eva Nová");
    profile.bio = std::string(2001, 'x');
    expect_field(profile, "bio");
    profile = person("Eva Nová");
    profile.office_hours = {{8, "09:00", "10:00", ""}};
    expect_field(profile, "office_hours[0].weekday");
    profile.office_hours = {{1, "09:00", "10:00", ""}, {2, "9:00", "10:00", ""}};
    expect_field(profile, "office_hours[1].from");
    profile.office_hours = {{1, "11:00", "10:00", ""}};
    expect_field(profile, "office_hours[0].to");
    profile.office_hours.assign(15, {1, "09:00", "10:00", ""});
    expect_field(profile, "office_hours");
    profile = person("Eva Nová");
    profile.contact.email = "not an address";
    expect_field(profile, "email");
    profile = person("Eva Nová");
    profile.contact.phone = "call me";
    expect_field(profile, "phone");
    EXPECT_EQ(error_of([&] {
                  store->start_holder(testov, district_a, police, person("Eva"), "2026-13-01", t0,
                                      by_cli());
              }).field(),
              "from");
    auto unknown = person("Eva Nová");
    unknown.user_id = 987654;
    EXPECT_EQ(error_of([&] {
                  store->start_holder(testov, district_a, police, unknown, "2026-01-01", t0,
                                      by_cli());
              }).field(),
              "user_id");
    EXPECT_TRUE(store->district_holders(district_a, true).empty());
}

TEST_F(DirectoryTeamTest, AHolderLinksToAStaffAccount) {
    const auto user = add_user("okrskar@example.org");
    auto profile = person("Jan Okrskář");
    profile.user_id = user;
    const auto id =
        store->start_holder(testov, district_b, police, profile, "2026-01-01", t0, by_cli());
    const auto holders = store->holders_of_user(user);
    ASSERT_EQ(holders.size(), 1u);
    EXPECT_EQ(holders[0].id, id);
    EXPECT_EQ(holders[0].district_id, district_b);
    store->end_holder(id, "2026-02-01", t0, by_cli());
    EXPECT_TRUE(store->holders_of_user(user).empty());
}

}  // namespace
}  // namespace okrsek::store::test_accounts
