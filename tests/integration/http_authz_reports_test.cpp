// The authorisation matrix (http_authz_matrix.hpp) for citizen reports and Open311: public
// reading, submitting and tracking for everyone; the inbox and a report for reports.read where
// the report is; actions for reports.handle (escalation: reports.escalate); contacts for
// reports.contact; categories, levels and templates for reports.configure of the town.
#include "http_authz_matrix.hpp"

namespace okrsek::test::authz {
namespace {

// A public report at `lon`/`lat` (approved by the command line, as staff would).
std::int64_t public_report(service::CitizenReports& reports, double lon, double lat) {
    service::ReportSubmission submission;
    submission.lon = lon;
    submission.lat = lat;
    submission.category_code = "vandalism";
    submission.description = "Posprejovaná zastávka u školy";
    service::ClientInfo client{"192.0.2.1", "matrix"};
    const auto result = reports.submit(submission, client);
    service::ReportAction approve;
    approve.report_id = result.report_id;
    approve.expected_version =
        reports.staff_report(service::Principal::cli(), result.report_id).report.version;
    approve.action = "approve";
    reports.act(service::Principal::cli(), approve);
    return result.report_id;
}

json category_body(const Objects&) {
    return json{
        {"code", "matrix_category"}, {"name_cs", "Matice"}, {"owner_role_code", "councillor"}};
}

json action_body(const std::string& action) {
    return json{{"version", 999999}, {"action", action}, {"text", "Matice: odpověď"}};
}

TEST_F(AuthzMatrixTest, ReportRoutesGetExactlyTheExpectedAnswers) {
    auto& reports = town.platform().reports();
    reports.seed_defaults(AuthTown::testov);
    reports.seed_defaults(AuthTown::jinov);
    const std::int64_t report_w = public_report(reports, 14.05, 50.05);
    const std::int64_t report_j = public_report(reports, 15.1, 50.05);
    const auto cli = service::Principal::cli();
    const std::string api_key =
        town.platform()
            .accounts()
            .create_token(
                cli, {.name = "open311", .scope = "open311", .municipality_code = AuthTown::jinov})
            .secret;
    const std::int64_t category_j = reports.categories(AuthTown::jinov).front().id;
    int serial = 0;
    const auto fresh_template = [&, cli](std::int64_t code) {
        return reports.create_template(cli, code, "Šablona " + std::to_string(++serial), "Text");
    };
    const auto fresh_category = [&, cli](std::int64_t code) {
        store::CategoryFields fields;
        fields.municipality_code = code;
        fields.code = "matrix_" + std::to_string(++serial);
        fields.name_cs = "Matice";
        fields.name_en = "Matrix";
        fields.owner_role_code = "councillor";
        return reports.create_category(cli, fields);
    };
    const Target w = district_w();
    const Target j = district_j();
    const Target testov = Target::municipality(AuthTown::testov);
    const Target jinov = Target::municipality(AuthTown::jinov);
    const auto report_path = [](std::int64_t report, const std::string& tail) {
        return
            [report, tail](const Objects&) { return "/api/v1/admin/reports/" + id(report) + tail; };
    };
    const std::vector<Case> cases = {
        // Public reading.
        {"GET", "/api/v1/towns/{code}/report-categories",
         fixed("/api/v1/towns/999999/report-categories"), none, everyone},
        {"GET", "/api/v1/towns/{code}/report-levels", fixed("/api/v1/towns/999998/report-levels"),
         none, everyone},
        {"GET", "/api/v1/towns/{code}/responsiveness", fixed("/api/v1/towns/999999/responsiveness"),
         none, everyone},
        {"GET", "/api/v1/reports/nearby",
         fixed("/api/v1/reports/nearby?lon=14.05&lat=50.05&category=vandalism"), none, everyone},
        {"GET", "/api/v1/reports", fixed("/api/v1/reports?town=999998"), none, everyone},
        {"GET", "/api/v1/reports/{id}",
         [=](const Objects&) { return "/api/v1/reports/" + id(report_j); }, none, everyone},
        {"GET", "/api/v1/report-photos/{id}/{file}",
         fixed("/api/v1/report-photos/1/" + std::string(64, 'a') + ".jpg"), none, everyone},
        {"GET", "/api/v1/districts/{id}/reports.rss",
         [&](const Objects&) {
             return "/api/v1/districts/" + id(town.area("J1")) + "/reports.rss";
         },
         none, everyone},
        {"GET", "/api/v1/track/{token}", fixed("/api/v1/track/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
         none, everyone},
        // Public writes: anyone (bodies that fail validation, or unknown tokens).
        {"POST", "/api/v1/reports", fixed("/api/v1/reports"), empty, everyone},
        {"POST", "/api/v1/reports/confirm", fixed("/api/v1/reports/confirm"),
         [](const Objects&) {
             return json{{"token", "unknown"}};
         },
         everyone},
        {"POST", "/api/v1/reports/{id}/photos",
         [=](const Objects&) { return "/api/v1/reports/" + id(report_w) + "/photos?token=x"; },
         empty, everyone},
        {"POST", "/api/v1/track/{token}/updates", fixed("/api/v1/track/unknown/updates"),
         [](const Objects&) {
             return json{{"text", "Ještě jedna věc"}};
         },
         everyone},
        {"POST", "/api/v1/track/{token}/reopen", fixed("/api/v1/track/unknown/reopen"),
         [](const Objects&) {
             return json{{"reason", "Pořád to tam je"}};
         },
         everyone},
        {"POST", "/api/v1/track/{token}/fixed", fixed("/api/v1/track/unknown/fixed"), empty,
         everyone},
        {"POST", "/api/v1/districts/{id}/subscriptions",
         [&](const Objects&) {
             return "/api/v1/districts/" + id(town.area("W")) + "/subscriptions";
         },
         [](const Objects&) {
             return json{{"email", "not an e-mail"}};
         },
         everyone},
        {"POST", "/api/v1/subscriptions/confirm", fixed("/api/v1/subscriptions/confirm"),
         [](const Objects&) {
             return json{{"token", "unknown"}};
         },
         everyone},
        {"POST", "/api/v1/subscriptions/unsubscribe", fixed("/api/v1/subscriptions/unsubscribe"),
         [](const Objects&) {
             return json{{"token", "unknown"}};
         },
         everyone},
        // Open311: public reading.
        {"GET", "/open311/v2/{file}", fixed("/open311/v2/discovery.xml"), none, everyone},
        {"GET", "/open311/v2/{file}", fixed("/open311/v2/requests.json?jurisdiction_id=999998"),
         none, everyone},
        // Open311 writes: a valid api_key, then a missing parameter (400). The harness sends
        // JSON, so the form travels as a JSON string whose quotes end up in other fields.
        {"POST", "/open311/v2/{file}", fixed("/open311/v2/requests.json"),
         [=](const Objects&) { return json("x&api_key=" + api_key + "&jurisdiction_id=999998&y"); },
         everyone},
        {"POST", "/open311/v2/{file}", fixed("/open311/v2/servicerequestupdates.xml"),
         [=](const Objects&) { return json("x&api_key=" + api_key + "&y"); }, everyone},
        {"GET", "/open311/v2/services/{file}",
         fixed("/open311/v2/services/vandalism.json?jurisdiction_id=999999"), none, everyone},
        {"GET", "/open311/v2/requests/{file}",
         [=](const Objects&) { return "/open311/v2/requests/" + id(report_w) + ".xml"; }, none,
         everyone},
        {"GET", "/open311/v2/tokens/{file}", fixed("/open311/v2/tokens/abc.json"), none, everyone},
        // The inbox: reports.read anywhere (the service limits the rows to the scope).
        {"GET", "/api/v1/admin/reports", fixed("/api/v1/admin/reports"), none,
         [](const Who& who) { return somewhere(who, Action::reports_read); }},
        {"GET", "/api/v1/admin/reports.csv", fixed("/api/v1/admin/reports.csv?town=999999"), none,
         [](const Who& who) { return somewhere(who, Action::reports_read); }},
        {"GET", "/api/v1/admin/reports/{id}", report_path(report_w, ""), none,
         [&](const Who& who) { return may(who, Action::reports_read, w); }},
        {"GET", "/api/v1/admin/reports/{id}", report_path(report_j, ""), none,
         [&](const Who& who) { return may(who, Action::reports_read, j); }},
        // Actions with a stale version: 409 where allowed, nothing changes.
        {"POST", "/api/v1/admin/reports/{id}/actions", report_path(report_w, "/actions"),
         [](const Objects&) { return action_body("answer"); },
         [&](const Who& who) { return may(who, Action::reports_handle, w); }},
        {"POST", "/api/v1/admin/reports/{id}/actions", report_path(report_j, "/actions"),
         [](const Objects&) { return action_body("acknowledge"); },
         [&](const Who& who) { return may(who, Action::reports_handle, j); }},
        {"POST", "/api/v1/admin/reports/{id}/actions", report_path(report_w, "/actions"),
         [](const Objects&) { return action_body("escalate"); },
         [&](const Who& who) { return may(who, Action::reports_escalate, w); }},
        {"POST", "/api/v1/admin/reports/bulk", fixed("/api/v1/admin/reports/bulk"),
         [=](const Objects&) {
             json item = action_body("answer");
             item["id"] = report_j;
             return json{{"actions", json::array({item})}};
         },
         any_session},
        {"POST", "/api/v1/admin/reports/{id}/contact", report_path(report_w, "/contact"), reason,
         [&](const Who& who) { return may(who, Action::reports_contact, w); }},
        {"POST", "/api/v1/admin/reports/{id}/contact", report_path(report_j, "/contact"), reason,
         [&](const Who& who) { return may(who, Action::reports_contact, j); }},
        // Answer templates: read by those who handle reports or configure them in the town
        // (every caller's scope lies in it), edited by reports.configure of the town.
        {"GET", "/api/v1/admin/towns/{code}/report-templates",
         fixed("/api/v1/admin/towns/999999/report-templates"), none,
         [](const Who& who) {
             return somewhere(who, Action::reports_handle) ||
                    somewhere(who, Action::reports_configure);
         }},
        {"POST", "/api/v1/admin/towns/{code}/report-templates",
         fixed("/api/v1/admin/towns/999998/report-templates"),
         [](const Objects& o) {
             return json{{"title", "Matice " + std::to_string(o.round)}, {"body", "Text"}};
         },
         [&](const Who& who) { return may(who, Action::reports_configure, jinov); }},
        {"PUT", "/api/v1/admin/report-templates/{id}",
         [&](const Objects&) {
             return "/api/v1/admin/report-templates/" + id(fresh_template(AuthTown::testov));
         },
         [](const Objects& o) {
             return json{{"title", "Upraveno " + std::to_string(o.round)}, {"body", "Text"}};
         },
         [&](const Who& who) { return may(who, Action::reports_configure, testov); }},
        {"DELETE", "/api/v1/admin/report-templates/{id}",
         [&](const Objects&) {
             return "/api/v1/admin/report-templates/" + id(fresh_template(AuthTown::jinov));
         },
         none, [&](const Who& who) { return may(who, Action::reports_configure, jinov); }},
        // Categories and levels: reports.configure of the town.
        {"GET", "/api/v1/admin/towns/{code}/report-categories",
         fixed("/api/v1/admin/towns/999998/report-categories"), none, any_session},
        {"POST", "/api/v1/admin/towns/{code}/report-categories",
         fixed("/api/v1/admin/towns/999999/report-categories"), category_body,
         [&](const Who& who) { return may(who, Action::reports_configure, testov); }},
        {"PUT", "/api/v1/admin/report-categories/{id}",
         [=](const Objects&) { return "/api/v1/admin/report-categories/" + id(category_j); },
         [](const Objects&) {
             return json{{"name_cs", "Vandalismus"},
                         {"owner_role_code", "municipal_police_officer"}};
         },
         [&](const Who& who) { return may(who, Action::reports_configure, jinov); }},
        {"DELETE", "/api/v1/admin/report-categories/{id}",
         [&](const Objects&) {
             return "/api/v1/admin/report-categories/" + id(fresh_category(AuthTown::testov));
         },
         none, [&](const Who& who) { return may(who, Action::reports_configure, testov); }},
        {"PUT", "/api/v1/admin/towns/{code}/report-levels/{level}",
         fixed("/api/v1/admin/towns/999998/report-levels/4"),
         [](const Objects&) {
             return json{{"code", "council"}, {"name_cs", "Zastupitelstvo"}, {"deadline_days", 20}};
         },
         [&](const Who& who) { return may(who, Action::reports_configure, jinov); }},
    };
    run_matrix("reports", cases);
}

}  // namespace
}  // namespace okrsek::test::authz
