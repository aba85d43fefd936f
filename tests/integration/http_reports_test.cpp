// Citizen reports over HTTP against the real server: submitting (201, honeypot, named fields,
// rate limit), tracking with its private headers, photos with their own body limit, staff
// actions with CSRF and versions, the contact reveal and its audit row, permissions by district
// and role, CSV and RSS.
#include <gtest/gtest.h>

#include <memory>

#include "auth_town.hpp"
#include "http/report_handlers.hpp"
#include "unit/media/test_images.hpp"

namespace okrsek::test {
namespace {

using nlohmann::json;
namespace sec = service::security;
namespace img = okrsek::media::test;

constexpr const char* officer_email = "okrskar.zapad@example.org";
constexpr const char* councillor_email = "radni.zapad@example.org";
constexpr const char* east_email = "okrskar.vychod@example.org";

void expect_error(const HttpResult& result, unsigned status, const std::string& code,
                  const std::string& field = {}) {
    EXPECT_EQ(result.status, status) << result.body;
    const auto body = json::parse(result.body, nullptr, false);
    ASSERT_TRUE(body.is_object() && body.contains("error")) << result.body;
    EXPECT_EQ(body["error"]["code"], code) << result.body;
    if (!field.empty()) {
        EXPECT_EQ(body["error"]["field"], field) << result.body;
    }
}

json report_body(const std::string& description = "Rozbitá lampa na rohu u školy") {
    return {{"lon", 14.05},
            {"lat", 50.05},
            {"address_text", "Školní 1"},
            {"category", "vandalism"},
            {"description", description},
            {"website", ""}};
}

std::string small_jpeg() {
    return img::encode_test_jpeg(img::corner_marked_image(320, 240));
}

class ReportsHttpTest : public ::testing::Test {
protected:
    void SetUp() override {
        town.clear_sensitive_roles();
        town.platform().reports().seed_defaults(AuthTown::testov);
        const auto w = sec::Scope::district(town.area("W"));
        town.add_user(officer_email, "Okrskář Západ", sec::Role::district_state_officer, w);
        town.add_user(councillor_email, "Radní Západ", sec::Role::district_councillor, w);
        town.add_user(east_email, "Okrskář Východ", sec::Role::district_state_officer,
                      sec::Scope::district(town.area("E")));
    }

    json submit(Browser& citizen, const json& body) {
        const auto result = citizen.post("/api/v1/reports", body);
        EXPECT_EQ(result.status, 201u) << result.body;
        return result.json();
    }

    std::unique_ptr<Browser> citizen() {
        auto browser = std::make_unique<Browser>(town.port());
        browser->fetch_csrf();
        return browser;
    }

    std::unique_ptr<Browser> staff(const std::string& email) {
        auto browser = std::make_unique<Browser>(town.port());
        const auto login = browser->login(email);
        EXPECT_EQ(login.status, 200u) << login.body;
        return browser;
    }

    std::int64_t version_of(Browser& browser, std::int64_t id) {
        const auto result = browser.get("/api/v1/admin/reports/" + std::to_string(id));
        EXPECT_EQ(result.status, 200u) << result.body;
        return result.json()["report"]["version"].get<std::int64_t>();
    }

    HttpResult act(Browser& browser, std::int64_t id, const std::string& action,
                   const std::string& text = "") {
        json body = {{"version", version_of(browser, id)}, {"action", action}};
        if (!text.empty()) body["text"] = text;
        return browser.post("/api/v1/admin/reports/" + std::to_string(id) + "/actions", body);
    }

    HttpResult raw(Browser& browser, const std::string& target, const std::string& body,
                   const std::string& content_type) {
        std::string cookie;
        for (const auto& [name, value] : browser.cookies()) {
            cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
        }
        HttpClient client(town.port());
        return client.request(
            "POST", target, body,
            {{"Cookie", cookie}, {"X-CSRF-Token", browser.csrf()}, {"Content-Type", content_type}});
    }

    std::size_t audit_count(const std::string& action) {
        store::AuditFilter filter;
        filter.action = action;
        filter.limit = 1000;
        return town.platform().accounts().audit(service::Principal::cli(), filter).size();
    }

    AuthTown town;
};

TEST_F(ReportsHttpTest, CategoriesAreListedInTheAskedLanguage) {
    HttpClient client(town.port());
    const auto cs = client.get("/api/v1/towns/999999/report-categories");
    ASSERT_EQ(cs.status, 200u) << cs.body;
    const auto en = client.get("/api/v1/towns/999999/report-categories?lang=en");
    ASSERT_EQ(en.status, 200u);
    bool found = false;
    for (std::size_t i = 0; i < cs.json()["categories"].size(); ++i) {
        if (cs.json()["categories"][i]["code"] != "vandalism") continue;
        found = true;
        EXPECT_EQ(cs.json()["categories"][i]["name"], "Vandalismus");
        EXPECT_EQ(en.json()["categories"][i]["name"], "Vandalism");
    }
    EXPECT_TRUE(found) << cs.body;
    const auto levels = client.get("/api/v1/towns/999999/report-levels");
    ASSERT_EQ(levels.status, 200u);
    EXPECT_EQ(levels.json()["levels"].size(), 4u);
    expect_error(client.get("/api/v1/towns/999999/report-categories?lang=de"), 400,
                 "invalid_argument", "lang");
}

TEST_F(ReportsHttpTest, SubmitGivesATrackingLinkWithPrivateHeaders) {
    // Without the pre-session CSRF token: refused like a login.
    HttpClient bare(town.port());
    EXPECT_EQ(bare.request("POST", "/api/v1/reports", report_body().dump(),
                           {{"Content-Type", "application/json"}})
                  .status,
              403u);

    auto browser_owner = citizen();
    Browser& browser = *browser_owner;
    const json created = submit(browser, report_body());
    EXPECT_GT(created["id"].get<std::int64_t>(), 0);
    EXPECT_EQ(created["visibility"], "pending");
    EXPECT_EQ(created["district_id"], town.area("W"));
    const std::string token = created["tracking_token"];
    EXPECT_EQ(token.size(), 32u);
    EXPECT_EQ(created["tracking_url"], "/report.html#t=" + token);

    const auto tracked = browser.get("/api/v1/track/" + token);
    ASSERT_EQ(tracked.status, 200u) << tracked.body;
    EXPECT_EQ(tracked.headers.at("cache-control"), "no-store");
    EXPECT_EQ(tracked.headers.at("referrer-policy"), "no-referrer");
    EXPECT_EQ(tracked.json()["report"]["state"], "new");
    EXPECT_EQ(tracked.json()["visibility"], "pending");
    EXPECT_EQ(tracked.json()["report"]["description"], "Rozbitá lampa na rohu u školy");
    EXPECT_EQ(tracked.json()["report"]["address_text"], "Školní 1");
    expect_error(browser.get("/api/v1/track/" + std::string(32, 'A')), 404, "not_found", "token");
    // Pending reports are not public.
    expect_error(browser.get("/api/v1/reports/" + std::to_string(created["id"].get<int>())), 404,
                 "not_found");
}

TEST_F(ReportsHttpTest, BadSubmissionsNameTheField) {
    auto browser_owner = citizen();
    Browser& browser = *browser_owner;
    json spam = report_body();
    spam["website"] = "http://spam.example";
    expect_error(browser.post("/api/v1/reports", spam), 400, "invalid_argument", "website");
    json no_lon = report_body();
    no_lon.erase("lon");
    expect_error(browser.post("/api/v1/reports", no_lon), 400, "invalid_argument", "lon");
    expect_error(browser.post("/api/v1/reports", report_body("krátké")), 400, "invalid_argument",
                 "description");
    json unknown = report_body();
    unknown["colour"] = "red";
    expect_error(browser.post("/api/v1/reports", unknown), 400, "invalid_argument", "colour");
    json bad_category = report_body();
    bad_category["category"] = "no_such_category";
    const auto refused = browser.post("/api/v1/reports", bad_category);
    EXPECT_TRUE(refused.status == 400u || refused.status == 404u) << refused.body;
    EXPECT_EQ(refused.json()["error"]["field"], "category");
    const std::string huge = "{\"description\":\"" + std::string(70 * 1024, 'x') + "\"}";
    expect_error(raw(browser, "/api/v1/reports", huge, "application/json"), 413,
                 "payload_too_large", "body");
    // Nothing was stored.
    EXPECT_EQ(
        town.platform().reports().inbox(service::Principal::cli(), service::InboxQuery{}).total, 0);
}

TEST_F(ReportsHttpTest, SubmissionsFromOneAddressAreRateLimited) {
    auto browser_owner = citizen();
    Browser& browser = *browser_owner;
    for (int i = 0; i < 10; ++i) submit(browser, report_body("Hlášení číslo " + std::to_string(i)));
    const auto refused = browser.post("/api/v1/reports", report_body("Jedenácté hlášení"));
    expect_error(refused, 429, "rate_limited");
}

TEST_F(ReportsHttpTest, StaffActWithCsrfAndVersionsAndTheReporterTracksIt) {
    auto browser_owner = citizen();
    Browser& browser = *browser_owner;
    const json created = submit(browser, report_body());
    const std::int64_t id = created["id"];
    const std::string token = created["tracking_token"];
    const std::string admin_path = "/api/v1/admin/reports/" + std::to_string(id);

    auto officer_owner = staff(officer_email);
    Browser& officer = *officer_owner;
    const auto inbox = officer.get("/api/v1/admin/reports?visibility=pending");
    ASSERT_EQ(inbox.status, 200u) << inbox.body;
    EXPECT_EQ(inbox.json()["total"], 1);
    const auto view = officer.get(admin_path);
    ASSERT_EQ(view.status, 200u);
    EXPECT_TRUE(view.json()["can_handle"].get<bool>());
    const std::int64_t version = view.json()["report"]["version"];

    // No CSRF token: refused before anything happens.
    const std::string saved = officer.csrf();
    officer.csrf().clear();
    EXPECT_EQ(
        officer.post(admin_path + "/actions", {{"version", version}, {"action", "approve"}}).status,
        403u);
    officer.csrf() = saved;

    ASSERT_EQ(act(officer, id, "approve").status, 200u);
    // The version read before the approval is stale now.
    expect_error(officer.post(admin_path + "/actions",
                              {{"version", version}, {"action", "answer"}, {"text", "Díky"}}),
                 409, "conflict", "version");
    const auto answered = act(officer, id, "acknowledge", "Prověříme to do pátku.");
    ASSERT_EQ(answered.status, 200u) << answered.body;
    EXPECT_EQ(answered.json()["report"]["state"], "acknowledged");

    HttpClient client(town.port());
    const auto shown = client.get("/api/v1/reports/" + std::to_string(id));
    ASSERT_EQ(shown.status, 200u) << shown.body;
    EXPECT_EQ(shown.json()["state"], "acknowledged");
    const auto listed = client.get("/api/v1/reports?town=999999&state=acknowledged");
    ASSERT_EQ(listed.status, 200u);
    EXPECT_EQ(listed.json()["total"], 1);
    EXPECT_EQ(listed.json()["reports"][0]["id"], id);

    // The reporter adds information; staff resolve; the reporter confirms the fix, then
    // reopens with a reason.
    const auto added =
        browser.post("/api/v1/track/" + token + "/updates", {{"text", "Svítí to jen napůl."}});
    ASSERT_EQ(added.status, 200u) << added.body;
    EXPECT_EQ(added.headers.at("referrer-policy"), "no-referrer");
    ASSERT_EQ(act(officer, id, "resolve", "Lampa vyměněna.").status, 200u);
    const auto resolved = browser.get("/api/v1/track/" + token);
    EXPECT_TRUE(resolved.json()["can_confirm_fixed"].get<bool>()) << resolved.body;
    const auto fixed = browser.post("/api/v1/track/" + token + "/fixed", json::object());
    ASSERT_EQ(fixed.status, 200u) << fixed.body;
    EXPECT_TRUE(fixed.json()["report"]["fixed_confirmed"].get<bool>());
    const auto reopened =
        browser.post("/api/v1/track/" + token + "/reopen", {{"reason", "Po týdnu zase nesvítí."}});
    ASSERT_EQ(reopened.status, 200u) << reopened.body;
    EXPECT_EQ(reopened.json()["report"]["state"], "reopened");

    // CSV export of the inbox.
    const auto csv = officer.get("/api/v1/admin/reports.csv");
    ASSERT_EQ(csv.status, 200u) << csv.body;
    EXPECT_EQ(csv.headers.at("content-type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv.headers.at("content-disposition"), "attachment; filename=\"reports.csv\"");
    EXPECT_NE(csv.body.find(std::to_string(id)), std::string::npos);

    // The district's RSS feed.
    const auto rss =
        client.get("/api/v1/districts/" + std::to_string(town.area("W")) + "/reports.rss");
    ASSERT_EQ(rss.status, 200u) << rss.body;
    EXPECT_EQ(rss.headers.at("content-type"), "application/rss+xml; charset=utf-8");
    EXPECT_NE(rss.body.find("<rss"), std::string::npos);
}

TEST_F(ReportsHttpTest, CouncillorsReadButDoNotActAndOtherDistrictsSeeNothing) {
    auto browser_owner = citizen();
    Browser& browser = *browser_owner;
    const std::int64_t id = submit(browser, report_body())["id"];
    const std::string admin_path = "/api/v1/admin/reports/" + std::to_string(id);

    auto councillor_owner = staff(councillor_email);
    Browser& councillor = *councillor_owner;
    const auto read = councillor.get(admin_path);
    ASSERT_EQ(read.status, 200u) << read.body;
    EXPECT_FALSE(read.json()["can_handle"].get<bool>());
    const std::int64_t version = read.json()["report"]["version"];
    expect_error(
        councillor.post(admin_path + "/actions", {{"version", version}, {"action", "acknowledge"}}),
        403, "forbidden");
    expect_error(councillor.post(admin_path + "/contact", {{"reason", "Chci zavolat"}}), 403,
                 "forbidden");

    auto east_owner = staff(east_email);
    Browser& east = *east_owner;
    expect_error(east.get(admin_path), 403, "forbidden");
    expect_error(east.post(admin_path + "/actions", {{"version", version}, {"action", "approve"}}),
                 403, "forbidden");
    // The state did not change.
    auto officer_owner = staff(officer_email);
    Browser& officer = *officer_owner;
    EXPECT_EQ(officer.get(admin_path).json()["report"]["state"], "new");
    EXPECT_EQ(version_of(officer, id), version);
}

TEST_F(ReportsHttpTest, RevealingAContactIsAudited) {
    auto browser_owner = citizen();
    Browser& browser = *browser_owner;
    json body = report_body();
    body["contact"] = {{"name", "Jana Nová"}, {"email", "jana.nova@example.org"}};
    const std::int64_t id = submit(browser, body)["id"];
    auto officer_owner = staff(officer_email);
    Browser& officer = *officer_owner;
    const std::string path = "/api/v1/admin/reports/" + std::to_string(id) + "/contact";
    // The staff view holds no contact.
    const auto view = officer.get("/api/v1/admin/reports/" + std::to_string(id));
    EXPECT_EQ(view.body.find("jana.nova@example.org"), std::string::npos);
    EXPECT_TRUE(view.json()["can_reveal_contact"].get<bool>());

    EXPECT_EQ(audit_count("report.contact.reveal"), 0u);
    const auto revealed = officer.post(path, {{"reason", "Upřesnění místa závady"}});
    ASSERT_EQ(revealed.status, 200u) << revealed.body;
    EXPECT_EQ(revealed.json()["email"], "jana.nova@example.org");
    EXPECT_EQ(revealed.json()["name"], "Jana Nová");
    EXPECT_EQ(revealed.headers.at("cache-control"), "no-store");
    EXPECT_EQ(audit_count("report.contact.reveal"), 1u);
    expect_error(officer.post(path, json::object()), 400, "invalid_argument", "reason");
    EXPECT_EQ(audit_count("report.contact.reveal"), 1u);
}

TEST_F(ReportsHttpTest, PhotosHaveTheirOwnLimitAndNeedTheReportsToken) {
    auto browser_owner = citizen();
    Browser& browser = *browser_owner;
    const json created = submit(browser, report_body());
    const std::int64_t id = created["id"];
    const std::string token = created["tracking_token"];
    const std::string path = "/api/v1/reports/" + std::to_string(id) + "/photos?token=" + token;

    const auto stored = raw(browser, path, small_jpeg(), "image/jpeg");
    ASSERT_EQ(stored.status, 200u) << stored.body;
    EXPECT_EQ(stored.json()["report"]["photos"].size(), 1u);
    // Another report's token does not open this one.
    const json other = submit(browser, report_body("Druhé hlášení o lampě"));
    const std::string wrong = "/api/v1/reports/" + std::to_string(id) +
                              "/photos?token=" + other["tracking_token"].get<std::string>();
    expect_error(raw(browser, wrong, small_jpeg(), "image/jpeg"), 404, "not_found", "token");
    expect_error(raw(browser, path, "not an image", "text/plain"), 400, "invalid_argument",
                 "photo");

    // Larger than the 2 MiB of other bodies is fine for a photo; more than 10 MiB is not.
    const auto padded = [](std::size_t segments) {
        std::string padding;
        for (std::size_t i = 0; i < segments; ++i)
            padding += img::jpeg_segment(0xFE, std::string(60000, static_cast<char>('a' + i % 26)));
        return img::insert_after_soi(small_jpeg(), padding);
    };
    const auto big = raw(browser, path, padded(50), "image/jpeg");
    EXPECT_EQ(big.status, 200u) << big.body.substr(0, 300);
    expect_error(raw(browser, path, padded(180), "image/jpeg"), 413, "payload_too_large");
    EXPECT_EQ(browser.get("/api/v1/track/" + token).json()["report"]["photos"].size(), 2u);
}

TEST_F(ReportsHttpTest, PublicListsStatisticsAlertsAndPhotos) {
    auto browser_owner = citizen();
    Browser& browser = *browser_owner;
    const json created = submit(browser, report_body());
    const std::int64_t id = created["id"];
    const std::string token = created["tracking_token"];
    ASSERT_EQ(raw(browser, "/api/v1/reports/" + std::to_string(id) + "/photos?token=" + token,
                  small_jpeg(), "image/jpeg")
                  .status,
              200u);
    auto officer_owner = staff(officer_email);
    ASSERT_EQ(act(*officer_owner, id, "approve").status, 200u);

    HttpClient client(town.port());
    const auto near =
        client.get("/api/v1/reports/nearby?lon=14.0501&lat=50.0501&category=vandalism");
    ASSERT_EQ(near.status, 200u) << near.body;
    ASSERT_EQ(near.json()["reports"].size(), 1u);
    EXPECT_EQ(near.json()["reports"][0]["id"], id);
    expect_error(client.get("/api/v1/reports/nearby?lon=14.05&lat=50.05"), 400, "invalid_argument",
                 "category");
    expect_error(client.get("/api/v1/reports?bbox=1,2,3"), 400, "invalid_argument", "bbox");
    expect_error(client.get("/api/v1/reports?state=done"), 400, "invalid_argument", "state");
    const auto boxed = client.get("/api/v1/reports?bbox=14.0,50.0,14.1,50.1");
    EXPECT_EQ(boxed.json()["total"], 1);
    EXPECT_EQ(client.get("/api/v1/reports?bbox=15.0,50.0,15.2,50.1").json()["total"], 0);

    // The public photo is served under its hash, cacheable for a year.
    const json shown = client.get("/api/v1/reports/" + std::to_string(id)).json();
    ASSERT_EQ(shown["photos"].size(), 1u);
    const auto photo = client.get(shown["photos"][0]["url"].get<std::string>());
    ASSERT_EQ(photo.status, 200u);
    EXPECT_EQ(photo.headers.at("content-type"), "image/jpeg");
    EXPECT_EQ(photo.headers.at("cache-control"), "public, max-age=31536000, immutable");

    const auto stats = client.get("/api/v1/towns/999999/responsiveness?from=2026-01-01");
    ASSERT_EQ(stats.status, 200u) << stats.body;
    EXPECT_EQ(stats.json()["min_reports"], 10);
    EXPECT_EQ(stats.json()["period"]["from"], "2026-01-01T00:00:00+01:00");
    expect_error(client.get("/api/v1/towns/999999/responsiveness?from=2026-02-01&to=2026-01-01"),
                 400, "invalid_argument", "to");

    const std::string alerts =
        "/api/v1/districts/" + std::to_string(town.area("W")) + "/subscriptions";
    const auto subscribed = browser.post(alerts, {{"email", "soused@example.org"}});
    EXPECT_EQ(subscribed.status, 202u) << subscribed.body;
    expect_error(browser.post("/api/v1/subscriptions/confirm", {{"token", "nope"}}), 404,
                 "not_found", "token");
}

TEST_F(ReportsHttpTest, BulkActionsAndTownConfiguration) {
    auto browser_owner = citizen();
    const std::int64_t first = submit(*browser_owner, report_body())["id"];
    const std::int64_t second = submit(*browser_owner, report_body("Druhá rozbitá lampa"))["id"];
    auto officer_owner = staff(officer_email);
    Browser& officer = *officer_owner;
    const json actions = json::array(
        {{{"id", first}, {"version", version_of(officer, first)}, {"action", "approve"}},
         {{"id", second}, {"version", 999}, {"action", "approve"}}});
    const auto bulk = officer.post("/api/v1/admin/reports/bulk", {{"actions", actions}});
    ASSERT_EQ(bulk.status, 200u) << bulk.body;
    const json results = bulk.json()["results"];
    ASSERT_EQ(results.size(), 2u);
    EXPECT_TRUE(results[0]["ok"].get<bool>()) << bulk.body;
    EXPECT_EQ(results[0]["error"], nullptr);
    EXPECT_FALSE(results[1]["ok"].get<bool>());
    EXPECT_EQ(results[1]["error"]["code"], "conflict");
    expect_error(officer.post("/api/v1/admin/reports/bulk", {{"actions", json::array()}}), 400,
                 "invalid_argument", "actions");

    // The prevention manager configures the town: a category, a level, a template.
    town.add_user("prevence@example.org", "Manažerka prevence", sec::Role::prevention_manager,
                  sec::Scope::municipality(AuthTown::testov));
    auto manager_owner = staff("prevence@example.org");
    Browser& manager = *manager_owner;
    const auto category = manager.post(
        "/api/v1/admin/towns/999999/report-categories",
        {{"code", "graffiti"},
         {"name_cs", "Graffiti"},
         {"name_en", "Graffiti"},
         {"owner_role_code", "municipal_police_officer"},
         {"extra_fields", json::parse(R"([{"key":"size","type":"select","label_cs":"Velikost",
            "label_en":"Size","options":[{"value":"small","label_cs":"Malé","label_en":"Small"}]}])")}});
    ASSERT_EQ(category.status, 201u) << category.body;
    const auto listed = HttpClient(town.port()).get("/api/v1/towns/999999/report-categories");
    EXPECT_NE(listed.body.find("\"graffiti\""), std::string::npos);
    const auto level = manager.send("PUT", "/api/v1/admin/towns/999999/report-levels/2",
                                    {{"code", "coordination_meeting"},
                                     {"name_cs", "Koordinační porada"},
                                     {"name_en", "Coordination meeting"},
                                     {"deadline_days", 7}});
    ASSERT_EQ(level.status, 200u) << level.body;
    EXPECT_EQ(level.json()["level"]["deadline_days"], 7);
    const auto created = manager.post("/api/v1/admin/towns/999999/report-templates",
                                      {{"title", "Poděkování"}, {"body", "Děkujeme za podnět."}});
    ASSERT_EQ(created.status, 201u) << created.body;
    const auto templates = officer.get("/api/v1/admin/towns/999999/report-templates");
    ASSERT_EQ(templates.status, 200u) << templates.body;
    EXPECT_EQ(templates.json()["templates"][0]["title"], "Poděkování");
    // An officer handles reports but does not configure the town.
    expect_error(officer.post("/api/v1/admin/towns/999999/report-templates",
                              {{"title", "Jiná"}, {"body", "Text"}}),
                 403, "forbidden");
}

TEST(ReportLogs, TrackingTokensNeverReachTheLog) {
    EXPECT_EQ(http::loggable_path("/api/v1/track/SECRETSECRET/updates"), "/api/v1/track/…/updates");
    EXPECT_EQ(http::loggable_path("/api/v1/track/SECRETSECRET"), "/api/v1/track/…");
    EXPECT_EQ(http::loggable_path("/api/v1/reports/5"), "/api/v1/reports/5");
    EXPECT_TRUE(
        http::is_report_photo_upload(boost::beast::http::verb::post, "/api/v1/reports/5/photos"));
    EXPECT_FALSE(http::is_report_photo_upload(boost::beast::http::verb::post, "/api/v1/reports"));
}

}  // namespace
}  // namespace okrsek::test
