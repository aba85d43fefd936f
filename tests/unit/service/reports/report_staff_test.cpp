// The staff side of citizen reports (service/reports/report_staff.cpp, citizen_reports.cpp):
// who may see, handle, escalate and reveal what; the inbox and its CSV export; templates,
// categories and levels. On both engines.
#include "service/reports/report_impl.hpp"
#include "unit/service/reports/report_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using namespace core_reports;

class ReportStaffTest : public ReportsTest {
protected:
    ReportStaffTest() {
        officer_e = staff("okrskar.e@testov.example", sec::Role::district_state_officer,
                          sec::Scope::district(e));
        councillor_w = staff("zastupitel.w@testov.example", sec::Role::district_councillor,
                             sec::Scope::district(w));
        admin = staff("spravce@testov.example", sec::Role::administrator,
                      sec::Scope::municipality(testov));
        manager = staff("prevence@testov.example", sec::Role::prevention_manager,
                        sec::Scope::municipality(testov));
    }

    static std::vector<std::int64_t> ids(const InboxPage& page) {
        std::vector<std::int64_t> result;
        for (const auto& row : page.reports) result.push_back(row.report.id);
        std::sort(result.begin(), result.end());
        return result;
    }

    Principal officer_e;
    Principal councillor_w;
    Principal admin;
    Principal manager;
};

TEST_F(ReportStaffTest, AnOfficerOfAnotherDistrictMayNotTouchTheReport) {
    const auto id = public_report().report_id;
    EXPECT_EQ(error_of([&] { reports().staff_report(officer_e, id); }).code(),
              core::ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { act(id, "acknowledge", {}, officer_e); }).code(),
              core::ErrorCode::forbidden);
    EXPECT_EQ(
        error_of([&] { reports().reveal_contact(officer_e, id, "Potřebuji upřesnit."); }).code(),
        core::ErrorCode::forbidden);
    EXPECT_EQ(stored(id).status.state, store::ReportState::new_);
}

TEST_F(ReportStaffTest, ACouncillorReadsAndEscalatesButDoesNotHandle) {
    const auto id = public_report().report_id;
    const auto view = reports().staff_report(councillor_w, id);
    EXPECT_FALSE(view.can_handle);
    EXPECT_TRUE(view.can_escalate);
    EXPECT_FALSE(view.can_reveal_contact);
    EXPECT_TRUE(view.next_states.empty());
    EXPECT_EQ(error_of([&] { act(id, "answer", "Odpověď.", councillor_w); }).code(),
              core::ErrorCode::forbidden);
    EXPECT_EQ(
        error_of([&] { reports().reveal_contact(councillor_w, id, "Chci vědět kdo."); }).code(),
        core::ErrorCode::forbidden);
    const auto after = act(id, "escalate", "Týká se celé čtvrti.", councillor_w);
    EXPECT_EQ(after.report.status.level, 1);
}

TEST_F(ReportStaffTest, NobodyActsWithoutASessionOrWithAMachineToken) {
    const auto id = public_report().report_id;
    Principal nobody;
    EXPECT_EQ(error_of([&] { act(id, "acknowledge", {}, nobody); }).code(),
              core::ErrorCode::unauthenticated);
    Principal machine;
    machine.kind = Principal::Kind::token;
    machine.id = 5;
    EXPECT_EQ(error_of([&] { act(id, "acknowledge", {}, machine); }).code(),
              core::ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { reports().inbox(machine, {}); }).code(), core::ErrorCode::forbidden);
}

TEST_F(ReportStaffTest, TheOwnerSeesTheReportWithNotesAndPossibleDuplicates) {
    const auto id = public_report().report_id;
    const auto near = public_report("unsafe_place", 14.0502, 50.0502).report_id;
    act(id, "note", "Interní poznámka.");
    const auto view = reports().staff_report(as_user(officer_w_id), id);
    EXPECT_TRUE(view.can_handle);
    EXPECT_TRUE(view.can_escalate);
    EXPECT_TRUE(view.can_reveal_contact);
    EXPECT_EQ(view.next_states.size(), 6U);
    EXPECT_EQ(view.updates.back().kind, "note");
    EXPECT_NE(view.view.updates.back().kind, "note");
    ASSERT_EQ(view.possible_duplicates.size(), 1U);
    EXPECT_EQ(view.possible_duplicates[0].id, near);
}

TEST_F(ReportStaffTest, RevealingTheContactIsAuditedWithTheReason) {
    const auto id = public_report().report_id;
    const auto officer = as_user(officer_w_id);
    EXPECT_EQ(error_of([&] { reports().reveal_contact(officer, id, ""); }).field(), "reason");
    EXPECT_TRUE(audit_rows("report.contact.reveal").empty());
    const auto contact = reports().reveal_contact(officer, id, "Potřebuji upřesnit místo.");
    EXPECT_EQ(contact.email, reporter_email);
    EXPECT_EQ(contact.name, "Jana Občanová");
    EXPECT_EQ(contact.phone, "+420 777 123 456");
    const auto rows = audit_rows("report.contact.reveal");
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].actor_id, officer_w_id);
    EXPECT_EQ(rows[0].object_id, std::to_string(id));
    EXPECT_EQ(rows[0].reason, "Potřebuji upřesnit místo.");
    EXPECT_EQ(rows[0].details_json.find(reporter_email), std::string::npos);
    const auto anonymous = submit(submission("unsafe_place")).report_id;
    EXPECT_EQ(
        error_of([&] { reports().reveal_contact(officer, anonymous, "Kdo to byl?"); }).field(),
        "contact");
}

TEST_F(ReportStaffTest, TheInboxShowsTheScopeOnly) {
    const auto in_w = public_report().report_id;
    const auto in_e = public_report("unsafe_place", 14.15, 50.05).report_id;
    const auto pending_w = submit(submission("vandalism")).report_id;
    submit(submission("syringes", {}, 15.05, 50.05));  // Jinov

    EXPECT_EQ(ids(reports().inbox(as_user(officer_w_id), {})),
              (std::vector<std::int64_t>{in_w, pending_w}));
    EXPECT_EQ(ids(reports().inbox(officer_e, {})), (std::vector<std::int64_t>{in_e}));
    EXPECT_EQ(ids(reports().inbox(councillor_w, {})), (std::vector<std::int64_t>{in_w, pending_w}));
    EXPECT_EQ(ids(reports().inbox(as_user(sp_lead_id), {})),
              (std::vector<std::int64_t>{in_w, in_e, pending_w}));
    EXPECT_EQ(reports().inbox(Principal::cli(), {}).total, 4);
    // A city part's grant covers the districts in it (W lies in T1, E in T2).
    const auto manager_t1 = staff("prevence.t1@testov.example", sec::Role::prevention_manager,
                                  sec::Scope::city_part(t1));
    EXPECT_EQ(ids(reports().inbox(manager_t1, {})), (std::vector<std::int64_t>{in_w, pending_w}));
    EXPECT_EQ(error_of([&] { reports().inbox(admin, {}); }).code(), core::ErrorCode::forbidden);

    InboxQuery query;
    query.include_pending = false;
    EXPECT_EQ(ids(reports().inbox(as_user(officer_w_id), query)),
              (std::vector<std::int64_t>{in_w}));
    query = {};
    query.category_codes = {"vandalism"};
    EXPECT_EQ(ids(reports().inbox(as_user(sp_lead_id), query)),
              (std::vector<std::int64_t>{pending_w}));
    query = {};
    query.district_id = e;
    EXPECT_EQ(ids(reports().inbox(as_user(sp_lead_id), query)), (std::vector<std::int64_t>{in_e}));
    EXPECT_TRUE(ids(reports().inbox(as_user(officer_w_id), query)).empty());
    query = {};
    query.mine_only = true;
    EXPECT_EQ(ids(reports().inbox(as_user(officer_w_id), query)),
              (std::vector<std::int64_t>{in_w}));
    query = {};
    query.level = 1;  // E has no holders: its report went to the leadership
    EXPECT_EQ(ids(reports().inbox(as_user(sp_lead_id), query)), (std::vector<std::int64_t>{in_e}));

    const auto page = reports().inbox(as_user(officer_w_id), {});
    for (const auto& row : page.reports) {
        EXPECT_TRUE(row.can_handle);
        EXPECT_EQ(row.view.district_name, "Západ");
    }
}

TEST_F(ReportStaffTest, OverdueReportsAreFlaggedAndFiltered) {
    const auto late = public_report().report_id;
    const auto answered = public_report().report_id;
    act(answered, "acknowledge");
    clock->advance(24h * 7);  // past the 3 working days of unsafe_place
    InboxQuery query;
    query.overdue_only = true;
    const auto page = reports().inbox(as_user(officer_w_id), query);
    EXPECT_EQ(ids(page), (std::vector<std::int64_t>{late}));
    EXPECT_TRUE(page.reports[0].view.overdue);
}

TEST_F(ReportStaffTest, TheCsvExportHasTheColumnsAndNoContacts) {
    auto s = submission("unsafe_place", reporter_email);
    s.address_text = "Parková 3, u lavičky";
    const auto id = submit(s).report_id;
    act(id, "edit_public_text", "=HYPERLINK(\"http://example.com\") svítí \"nic\"");
    const std::string csv = reports().inbox_csv(as_user(officer_w_id), {});
    const auto first_line = csv.substr(0, csv.find("\r\n"));
    EXPECT_EQ(first_line,
              "id,created_at,municipality_code,district_id,district,category,state,visibility,"
              "level,owner,overdue,first_response_due,resolution_due,level_due,"
              "first_response_at,resolved_at,closed_at,address,lon,lat,public_description");
    EXPECT_NE(csv.find("\r\n" + std::to_string(id) + ",2026-03-02T09:00:00+01:00,999999," +
                       std::to_string(w) + ",Západ,unsafe_place,new,pending,0,Karel Okrskář,0,"),
              std::string::npos);
    EXPECT_NE(csv.find("\"Parková 3, u lavičky\",14.0500000,50.0500000,"), std::string::npos);
    EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://example.com\"\") svítí \"\"nic\"\"\"\r\n"),
              std::string::npos);
    EXPECT_EQ(csv.find(reporter_email), std::string::npos);
    EXPECT_EQ(csv.find("Jana"), std::string::npos);
    EXPECT_EQ(csv.find("777"), std::string::npos);
    // Two lines: the header and the one report.
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 2);
    EXPECT_EQ(reports().inbox_csv(officer_e, {}).find("\r\n") + 2,
              reports().inbox_csv(officer_e, {}).size());
}

TEST_F(ReportStaffTest, TemplatesAreReadByHandlersAndWrittenByConfigurers) {
    const auto lead = as_user(sp_lead_id);
    const auto id = reports().create_template(lead, testov, "Poděkování",
                                              "Děkujeme za hlášení, věcí se zabýváme.");
    EXPECT_EQ(error_of([&] {
                  reports().create_template(as_user(officer_w_id), testov, "Jiná", "Text.");
              }).code(),
              core::ErrorCode::forbidden);
    const auto list = reports().templates(as_user(officer_w_id), testov);
    ASSERT_EQ(list.size(), 1U);
    EXPECT_EQ(list[0].title, "Poděkování");
    EXPECT_EQ(error_of([&] { reports().templates(officer_e, jinov); }).code(),
              core::ErrorCode::forbidden);
    EXPECT_EQ(error_of([&] { reports().templates(councillor_w, testov); }).code(),
              core::ErrorCode::forbidden);
    reports().update_template(manager, id, "Poděkování", "Děkujeme, řešíme to.");
    EXPECT_EQ(reports().templates(lead, testov)[0].body, "Děkujeme, řešíme to.");
    EXPECT_EQ(error_of([&] { reports().create_template(lead, testov, "", "Text."); }).field(),
              "title");
    reports().delete_template(lead, id);
    EXPECT_TRUE(reports().templates(lead, testov).empty());
    EXPECT_EQ(audit_rows("report_template.").size(), 3U);
}

TEST_F(ReportStaffTest, CategoriesAndLevelsAreConfiguredPerTown) {
    EXPECT_EQ(reports().categories(testov).size(), 7U);
    store::CategoryFields fields;
    fields.municipality_code = testov;
    fields.code = "graffiti";
    fields.name_cs = "Graffiti";
    fields.name_en = "Graffiti";
    fields.owner_role_code = "municipal_police_officer";
    fields.extra_fields_json = R"([{"key":"surface","type":"select","label_cs":"Povrch",
        "options":[{"value":"wall","label_cs":"Zeď"},{"value":"car","label_cs":"Auto"}]}])";
    EXPECT_EQ(error_of([&] { reports().create_category(as_user(officer_w_id), fields); }).code(),
              core::ErrorCode::forbidden);
    auto bad = fields;
    bad.extra_fields_json = R"([{"key":"x","type":"colour","label_cs":"X"}])";
    EXPECT_EQ(error_of([&] { reports().create_category(manager, bad); }).field(),
              "extra_fields[0].type");
    bad = fields;
    bad.code = "Graffiti!";
    EXPECT_EQ(error_of([&] { reports().create_category(manager, bad); }).field(), "code");
    const auto id = reports().create_category(manager, fields);
    EXPECT_EQ(reports().categories(testov).size(), 8U);

    auto s = submission("graffiti");
    s.extra_json = R"({"surface":"boat"})";
    EXPECT_EQ(error_of([&] { submit(s); }).field(), "extra.surface");
    s.extra_json = R"({"surface":"wall"})";
    EXPECT_EQ(submit(s).owner_name, "Petr Strážník");

    fields.name_cs = "Sprejerství";
    reports().update_category(manager, id, fields);
    EXPECT_EQ(peek->find_report_category(id)->name_cs, "Sprejerství");
    reports().retire_category(manager, id);
    EXPECT_EQ(reports().categories(testov).size(), 7U);
    EXPECT_EQ(error_of([&] { submit(submission("graffiti")); }).code(), core::ErrorCode::not_found);

    auto level = reports().levels(testov)[1];
    EXPECT_EQ(level.code, "coordination_meeting");
    level.deadline_days = 5;
    level.contact_email = "porada@testov.example";
    EXPECT_EQ(error_of([&] { reports().set_level(councillor_w, level); }).code(),
              core::ErrorCode::forbidden);
    reports().set_level(manager, level);
    EXPECT_EQ(reports().levels(testov)[1].deadline_days, 5);
    level.contact_email = "not an address";
    EXPECT_EQ(error_of([&] { reports().set_level(manager, level); }).field(), "contact_email");
    EXPECT_EQ(audit_rows("report_category.").size(), 3U);
    EXPECT_EQ(audit_rows("report_level.set").size(), 1U);
}

TEST_F(ReportStaffTest, DefaultsHaveTheDocumentedCodes) {
    std::vector<std::string> codes;
    for (const auto& category : reports().categories(testov)) codes.push_back(category.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"unsafe_place", "night_disturbance", "syringes",
                                               "vandalism", "traffic_danger", "other",
                                               "abandoned_vehicle"}));
    const auto categories = reports().categories(testov);
    EXPECT_FALSE(categories.back().accepts_reports);
    EXPECT_NE(categories.front().extra_fields_json.find("time_of_day"), std::string::npos);
    std::vector<std::string> levels;
    for (const auto& level : reports().levels(testov)) levels.push_back(level.code);
    EXPECT_EQ(levels, (std::vector<std::string>{"police_leadership", "coordination_meeting",
                                                "security_commission", "council"}));
    // Seeding again adds nothing.
    reports().seed_defaults(testov);
    EXPECT_EQ(reports().categories(testov).size(), 7U);
}

}  // namespace
}  // namespace okrsek::service::test_auth
